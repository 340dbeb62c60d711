import { NumericIds, isoNow } from '../../http/ids.js';

export interface GitHubHookConfig {
  url: string;
  content_type: 'json' | 'form';
  insecure_ssl: '0' | '1';
  /** GitHub shows `********` when a secret is set; the real one is on `GitHubHookRecord.secret`. */
  secret?: string;
}

/** A repository webhook as the REST API returns it. */
export interface GitHubHook {
  type: 'Repository';
  id: number;
  name: 'web';
  active: boolean;
  events: string[];
  config: GitHubHookConfig;
  updated_at: string;
  created_at: string;
  url: string;
  test_url: string;
  ping_url: string;
  deliveries_url: string;
  last_response: { code: number | null; status: string; message: string | null };
}

export interface GitHubHookRecord {
  /** `owner/repo`, lower case. */
  readonly repo: string;
  readonly hook: GitHubHook;
  readonly secret?: string;
}

/** Repositories the token can administer and their webhooks. */
export class GitHubState {
  readonly repos = new Set<string>();
  readonly hooks = new Map<number, GitHubHookRecord>();
  private readonly ids = new NumericIds(487_310_001);

  addRepo(fullName: string): void {
    this.repos.add(fullName.toLowerCase());
  }

  hasRepo(owner: string, repo: string): boolean {
    return this.repos.has(`${owner}/${repo}`.toLowerCase());
  }

  hooksOf(owner: string, repo: string): GitHubHookRecord[] {
    const key = `${owner}/${repo}`.toLowerCase();
    return [...this.hooks.values()].filter((h) => h.repo === key);
  }

  createHook(apiBase: string, owner: string, repo: string, input: { active: boolean; events: string[]; config: Omit<GitHubHookConfig, 'secret'>; secret?: string }): GitHubHookRecord {
    const id = this.ids.take();
    const at = isoNow();
    const url = `${apiBase}/repos/${owner}/${repo}/hooks/${id}`;
    const hook: GitHubHook = {
      type: 'Repository',
      id,
      name: 'web',
      active: input.active,
      events: input.events,
      config: { ...input.config, ...(input.secret && { secret: '********' }) },
      updated_at: at,
      created_at: at,
      url,
      test_url: `${url}/test`,
      ping_url: `${url}/pings`,
      deliveries_url: `${url}/deliveries`,
      last_response: { code: null, status: 'unused', message: null },
    };
    const record: GitHubHookRecord = { repo: `${owner}/${repo}`.toLowerCase(), hook, ...(input.secret && { secret: input.secret }) };
    this.hooks.set(id, record);
    return record;
  }

  /** Edits a hook as `PATCH …/hooks/:id` does; a new `secret` replaces the old one (still shown as `********`). */
  updateHook(id: number, change: { active?: boolean; events?: string[]; config?: Partial<Omit<GitHubHookConfig, 'secret'>>; secret?: string }): GitHubHookRecord | undefined {
    const record = this.hooks.get(id);
    if (!record) return undefined;
    const secret = change.secret ?? record.secret;
    const hook: GitHubHook = {
      ...record.hook,
      ...(change.active !== undefined && { active: change.active }),
      ...(change.events && { events: change.events }),
      config: { ...record.hook.config, ...change.config, ...(secret && { secret: '********' }) },
      updated_at: isoNow(),
    };
    const updated: GitHubHookRecord = { repo: record.repo, hook, ...(secret && { secret }) };
    this.hooks.set(id, updated);
    return updated;
  }
}
