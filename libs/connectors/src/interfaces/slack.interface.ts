/**
 * A Block Kit block; see https://api.slack.com/reference/block-kit/blocks.
 * @publicApi
 */
export type SlackBlock = Readonly<Record<string, unknown>> & { readonly type: string };

/**
 * Arguments of `chat.postMessage`; `text` or `blocks` is required (`text` is the notification fallback).
 * @publicApi
 */
export interface SlackPostMessageParams {
  /** `#name`, `name` or the channel id (`C0123…`). */
  channel: string;
  text?: string;
  blocks?: readonly SlackBlock[];
  attachments?: readonly Readonly<Record<string, unknown>>[];
  /** Reply in this thread. */
  thread_ts?: string;
  reply_broadcast?: boolean;
  mrkdwn?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  /** Message metadata (`{ event_type, event_payload }`). */
  metadata?: { event_type: string; event_payload: Readonly<Record<string, unknown>> };
}

/**
 * A message as Slack returns it.
 * @publicApi
 */
export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: SlackBlock[];
  [field: string]: unknown;
}

/**
 * Answer of `chat.postMessage`.
 * @publicApi
 */
export interface SlackPostMessageResponse {
  ok: true;
  /** The channel id the message went to. */
  channel: string;
  /** The message's timestamp, its id within the channel. */
  ts: string;
  message: SlackMessage;
  warning?: string;
  response_metadata?: { warnings?: string[] };
}

/**
 * Answer of `auth.test`.
 * @publicApi
 */
export interface SlackAuthTestResponse {
  ok: true;
  url: string;
  team: string;
  user: string;
  team_id: string;
  user_id: string;
  bot_id?: string;
  [field: string]: unknown;
}

/**
 * A conversation (channel) from `conversations.list`.
 * @publicApi
 */
export interface SlackConversation {
  id: string;
  name: string;
  is_channel: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  [field: string]: unknown;
}

/**
 * One page of `conversations.list`; `next_cursor` is empty on the last page.
 * @publicApi
 */
export interface SlackConversationsPage {
  ok: true;
  channels: SlackConversation[];
  response_metadata?: { next_cursor?: string };
}

/**
 * Filters of `conversations.list`.
 * @publicApi
 */
export interface SlackListConversationsParams {
  /** e.g. `public_channel,private_channel`. @default 'public_channel' (Slack's) */
  types?: string;
  /** Leave archived channels out. @default false */
  exclude_archived?: boolean;
  /** Page size, 1–1000 (Slack recommends ≤ 200). @default 100 (Slack's) */
  limit?: number;
}
