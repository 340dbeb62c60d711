/**
 * A repository webhook as the GitHub REST API returns it.
 * @publicApi
 */
export interface GitHubHook {
  id: number;
  name: 'web';
  active: boolean;
  events: string[];
  config: { url?: string; content_type?: string; insecure_ssl?: string; secret?: string };
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/**
 * Body of creating or editing a repository webhook.
 * @publicApi
 */
export interface GitHubHookInput {
  events: readonly string[];
  active?: boolean;
  config: { url: string; content_type?: 'json' | 'form'; secret?: string; insecure_ssl?: '0' | '1' };
}
