import { nowSeconds } from '../../http/ids.js';

export interface SlackChannel {
  id: string;
  name: string;
  name_normalized: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  is_shared: boolean;
  is_ext_shared: boolean;
  is_org_shared: boolean;
  is_member: boolean;
  created: number;
  creator: string;
  context_team_id: string;
  num_members: number;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  previous_names: string[];
}

/** A posted message as chat.postMessage returns it, plus the channel it went to. */
export interface SlackMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

export interface SlackChannelInput {
  name: string;
  id?: string;
  isPrivate?: boolean;
  isMember?: boolean;
  isArchived?: boolean;
  topic?: string;
  purpose?: string;
  numMembers?: number;
}

/** The workspace the Slack stand-in plays: channels, the bot, and every message posted. */
export class SlackState {
  readonly team = { id: 'T0AIWSANDBX', name: 'aiwire Sandbox', domain: 'aiwire-sandbox' };
  readonly bot = { userId: 'U0AIWBOT001', botId: 'B0AIWBOT001', appId: 'A0AIWAPP001', name: 'aiwire' };
  readonly channels: SlackChannel[] = [];
  /** Messages by channel id, oldest first. */
  readonly messages = new Map<string, SlackMessage[]>();
  private lastTs = 0;

  addChannel(input: SlackChannelInput): SlackChannel {
    const created = nowSeconds() - 86_400 * 30;
    const meta = (value: string) => ({ value, creator: 'U0AIWADMIN1', last_set: value ? created : 0 });
    const channel: SlackChannel = {
      id: input.id ?? `C0${(this.channels.length + 1).toString(36).toUpperCase().padStart(9, 'X')}`,
      name: input.name,
      name_normalized: input.name.toLowerCase(),
      is_channel: !input.isPrivate,
      is_group: Boolean(input.isPrivate),
      is_im: false,
      is_mpim: false,
      is_private: Boolean(input.isPrivate),
      is_archived: Boolean(input.isArchived),
      is_general: input.name === 'general',
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_member: input.isMember ?? true,
      created,
      creator: 'U0AIWADMIN1',
      context_team_id: this.team.id,
      num_members: input.numMembers ?? 8,
      topic: meta(input.topic ?? ''),
      purpose: meta(input.purpose ?? ''),
      previous_names: [],
    };
    this.channels.push(channel);
    return channel;
  }

  /** A channel by id, `name` or `#name`. */
  findChannel(ref: string): SlackChannel | undefined {
    const name = ref.replace(/^#/, '').toLowerCase();
    return this.channels.find((c) => c.id === ref || c.name_normalized === name);
  }

  /** Messages posted to a channel (id, `name` or `#name`), oldest first. */
  messagesIn(ref: string): SlackMessage[] {
    const channel = this.findChannel(ref);
    return channel ? (this.messages.get(channel.id) ?? []) : [];
  }

  post(channel: SlackChannel, fields: Pick<SlackMessage, 'text'> & Partial<SlackMessage>): SlackMessage {
    const message: SlackMessage = {
      user: this.bot.userId,
      bot_id: this.bot.botId,
      app_id: this.bot.appId,
      team: this.team.id,
      ...fields,
      type: 'message',
      channel: channel.id,
      ts: this.nextTs(),
    };
    const list = this.messages.get(channel.id) ?? [];
    list.push(message);
    this.messages.set(channel.id, list);
    return message;
  }

  /** Slack timestamps are unique per channel and increase: seconds plus a 6-digit sequence. */
  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}
