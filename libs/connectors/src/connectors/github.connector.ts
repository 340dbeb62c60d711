import type { GitHubHook, GitHubHookInput } from '../interfaces/github.interface.js';
import { messages } from '../connectors.messages.js';
import { ConnectorRequestError } from '../errors/connector-request.error.js';
import { Connector } from './connector.js';

/**
 * The GitHub REST API; the repository webhook calls are what `WebhookRegistrar` needs.
 * @publicApi
 */
export class GitHubConnector extends Connector {
  readonly kind = 'github' as const;

  listHooks(repository: string): Promise<GitHubHook[]> {
    return this.request({ method: 'GET', path: '/repos/{owner}/{repo}/hooks', params: this.repo(repository), query: { per_page: 100 }, operation: 'github.listHooks' });
  }

  createHook(repository: string, input: GitHubHookInput): Promise<GitHubHook> {
    return this.request({ method: 'POST', path: '/repos/{owner}/{repo}/hooks', params: this.repo(repository), body: { name: 'web', active: true, ...input }, operation: 'github.createHook' });
  }

  /** Sets the hook's events, config and state; setting them twice leaves the hook as once, so a lost answer may be resent. */
  updateHook(repository: string, id: number, input: Partial<GitHubHookInput>): Promise<GitHubHook> {
    return this.request({ method: 'PATCH', path: '/repos/{owner}/{repo}/hooks/{id}', params: { ...this.repo(repository), id }, body: input, retry: { idempotent: true }, operation: 'github.updateHook' });
  }

  async deleteHook(repository: string, id: number): Promise<void> {
    await this.request({ method: 'DELETE', path: '/repos/{owner}/{repo}/hooks/{id}', params: { ...this.repo(repository), id }, operation: 'github.deleteHook' });
  }

  /** Splits `owner/name`; anything else is refused before a request is made. */
  private repo(fullName: string): { owner: string; repo: string } {
    const [owner, name, ...rest] = fullName.split('/');
    if (!owner || !name || rest.length > 0) throw new ConnectorRequestError(this.name, messages.githubRepository(this.name, fullName));
    return { owner, repo: name };
  }
}
