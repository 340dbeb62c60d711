import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CONNECTORS_OPTIONS } from '../connectors.constants.js';
import type { SecretsProvider } from './secrets-provider.interface.js';

/**
 * Options of {@link FileSecretsProvider}.
 * @publicApi
 */
export interface FileSecretsProviderOptions {
  /**
   * Directory holding one file per secret: Docker mounts them in `/run/secrets`, Kubernetes
   * wherever the volume is mounted.
   * @default '/run/secrets'
   */
  directory?: string;
  /**
   * Also try the name in lower case (`SLACK_BOT_TOKEN` → `slack_bot_token`), as Docker secrets are often named.
   * @default true
   */
  lowerCase?: boolean;
}

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Reads `env('NAME')` from the file `<directory>/NAME` (Docker and Kubernetes secrets).
 * @publicApi
 */
export class FileSecretsProvider implements SecretsProvider {
  private readonly directory: string;
  private readonly lowerCase: boolean;

  constructor(options: FileSecretsProviderOptions = {}) {
    const { directory, lowerCase } = DEFAULT_CONNECTORS_OPTIONS.secrets.file;
    this.directory = options.directory ?? directory;
    this.lowerCase = options.lowerCase ?? lowerCase;
  }

  async get(name: string): Promise<string | undefined> {
    // A name is a file name, never a path: `env('../etc/passwd')` must not escape the directory.
    if (!SAFE_NAME.test(name) || name === '.' || name === '..') return undefined;
    const candidates = this.lowerCase && name.toLowerCase() !== name ? [name, name.toLowerCase()] : [name];
    for (const candidate of candidates) {
      try {
        // Kubernetes writes values verbatim; Docker secrets from `echo` end with a newline.
        return (await readFile(join(this.directory, candidate), 'utf8')).replace(/\r?\n$/, '');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  }

  describe(): string {
    return `files in ${this.directory}`;
  }
}
