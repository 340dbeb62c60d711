import { readFile } from 'node:fs/promises';
import { DEFAULT_CONNECTORS_OPTIONS } from '../connectors.constants.js';
import type { SecretsProvider } from './secrets-provider.interface.js';

/**
 * Options of {@link EnvSecretsProvider}.
 * @publicApi
 */
export interface EnvSecretsProviderOptions {
  /**
   * Prepended to every name (`prefix: 'APP_'` reads `env('TOKEN')` from `APP_TOKEN`).
   * @default ''
   */
  prefix?: string;
  /**
   * Also read `NAME_FILE` as the path of a file holding the value (the Docker-image convention).
   * @default true
   */
  fileSuffix?: boolean;
  /**
   * The environment to read.
   * @default process.env
   */
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads `env('NAME')` from the environment variable `NAME`, else from the file named by `NAME_FILE`.
 * @publicApi
 */
export class EnvSecretsProvider implements SecretsProvider {
  private readonly prefix: string;
  private readonly fileSuffix: boolean;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: EnvSecretsProviderOptions = {}) {
    const { prefix, fileSuffix } = DEFAULT_CONNECTORS_OPTIONS.secrets.env;
    this.prefix = options.prefix ?? prefix;
    this.fileSuffix = options.fileSuffix ?? fileSuffix;
    this.env = options.env ?? process.env;
  }

  async get(name: string): Promise<string | undefined> {
    const key = `${this.prefix}${name}`;
    const value = this.env[key];
    if (value !== undefined && value !== '') return value;
    const file = this.fileSuffix ? this.env[`${key}_FILE`] : undefined;
    if (!file) return undefined;
    // Editors and `echo` add a final newline that is never part of the secret.
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  }

  describe(): string {
    return this.fileSuffix ? `environment variables (${this.prefix}NAME or ${this.prefix}NAME_FILE)` : `environment variables (${this.prefix}NAME)`;
  }
}
