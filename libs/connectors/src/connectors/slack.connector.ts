import type { PagedList } from '../pagination/paged-list.js';
import type {
  SlackAuthTestResponse,
  SlackConversation,
  SlackConversationsPage,
  SlackListConversationsParams,
  SlackPostMessageParams,
  SlackPostMessageResponse,
} from '../interfaces/slack.interface.js';
import { messages } from '../connectors.messages.js';
import { ConnectorRequestError } from '../errors/connector-request.error.js';
import { Connector } from './connector.js';

/**
 * The Slack Web API; an `ok: false` answer fails the call with Slack's `error` as the code.
 * @publicApi
 */
export class SlackConnector extends Connector {
  readonly kind = 'slack' as const;

  /** Posts a message (`chat.postMessage`). */
  postMessage(params: SlackPostMessageParams): Promise<SlackPostMessageResponse> {
    return this.call<SlackPostMessageResponse>('chat.postMessage', params, 'slack.postMessage');
  }

  /** Checks the token and tells who it belongs to (`auth.test`). */
  authTest(): Promise<SlackAuthTestResponse> {
    return this.call<SlackAuthTestResponse>('auth.test', {}, 'slack.authTest');
  }

  /** Every conversation the token can see, following `next_cursor` (`conversations.list`). */
  listConversations(params: SlackListConversationsParams = {}): PagedList<SlackConversation, SlackConversationsPage> {
    const page = (cursor?: string) => ({
      method: 'GET' as const,
      path: '/api/conversations.list',
      query: { ...params, ...(cursor && { cursor }) },
      operation: 'slack.listConversations',
    });
    return this.pagedBodies<SlackConversation, SlackConversationsPage>(
      page(),
      (body) => {
        const cursor = body.response_metadata?.next_cursor;
        return cursor ? page(cursor) : undefined;
      },
      (body) => body.channels,
    );
  }

  /** Calls any Web API method with JSON arguments, e.g. `call('reactions.add', { channel, name, timestamp })`. */
  async call<T = { ok: true; [field: string]: unknown }>(method: string, args: object = {}, operation = `slack.${method}`): Promise<T> {
    // Method names are few and fixed, so the literal path is a low-cardinality url.template.
    if (!/^[A-Za-z]+(\.[A-Za-z]+)+$/.test(method)) throw new ConnectorRequestError(this.name, messages.slackMethod(this.name, method));
    return this.request<T>({ method: 'POST', path: `/api/${method}`, body: args, operation });
  }
}
