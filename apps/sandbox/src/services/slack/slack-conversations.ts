import type { Reply } from '../../http/route.js';
import { slackError, stringArg } from './slack.replies.js';
import type { SlackState } from './slack.state.js';

/** conversations.list with Slack's cursor pagination (`response_metadata.next_cursor`, '' on the last page). */
export function listConversations(state: SlackState, args: Record<string, unknown>): Reply {
  const limitArg = stringArg(args.limit);
  const limit = limitArg === undefined ? 100 : Number(limitArg);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return slackError('invalid_limit');
  const types = (stringArg(args.types) ?? 'public_channel').split(',').map((t) => t.trim());
  if (types.some((t) => !['public_channel', 'private_channel', 'mpim', 'im'].includes(t))) return slackError('invalid_types');
  const excludeArchived = ['true', '1'].includes(stringArg(args.exclude_archived) ?? '');
  const matching = state.channels.filter(
    (c) => (c.is_private ? types.includes('private_channel') : types.includes('public_channel')) && !(excludeArchived && c.is_archived),
  );

  let start = 0;
  const cursor = stringArg(args.cursor);
  if (cursor) {
    const id = /^team:(.+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1];
    start = matching.findIndex((c) => c.id === id);
    if (start < 0) return slackError('invalid_cursor');
  }
  const page = matching.slice(start, start + limit);
  const next = matching[start + limit];
  return {
    status: 200,
    body: { ok: true, channels: page, response_metadata: { next_cursor: next ? Buffer.from(`team:${next.id}`).toString('base64') : '' } },
  };
}
