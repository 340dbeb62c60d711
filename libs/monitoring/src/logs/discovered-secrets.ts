import type { DiscoveryService } from '@nestjs/core';
import { isSecretRef, type Secret } from '@aiwire/core';
import type { SecretsProvider } from '@aiwire/connectors';
import { isSensitiveName } from './sensitive-fields.js';

/** What the readers take from the other libs' resolved options (read by shape; those libs are optional). */
interface WebhookOptionsShape { readonly sources?: ReadonlyMap<string, { readonly secrets?: readonly string[] }> }
interface AiOptionsShape { readonly providers?: Readonly<Record<string, { readonly apiKey?: string }>>; readonly jobs?: { readonly callbackSecret?: string } }
interface ConnectorsOptionsShape {
  readonly secrets?: readonly SecretsProvider[];
  readonly encryptionKey?: Secret;
  readonly connectors?: Readonly<Record<string, { readonly auth?: readonly object[]; readonly headers?: Readonly<Record<string, string>> }>>;
}

/** Credential fields of the connectors' auth strategies (`key`: a JWT or mTLS key). */
const AUTH_SECRET_FIELDS: ReadonlySet<string> = new Set(['token', 'key', 'password', 'secret', 'clientSecret', 'refreshToken', 'privateKey', 'passphrase']);

type Reader = (options: never) => Promise<readonly unknown[]>;

/** By the description of each lib's options token: `aiwire:webhooks:resolved-options`, ... (no import of the lib). */
const READERS: Readonly<Record<string, { readonly lib: string; readonly read: Reader }>> = {
  'aiwire:webhooks:resolved-options': { lib: 'WebhookModule', read: async (o: WebhookOptionsShape) => [...(o.sources?.values() ?? [])].flatMap((s) => s.secrets ?? []) },
  'aiwire:ai:options': { lib: 'AiModule', read: async (o: AiOptionsShape) => [...Object.values(o.providers ?? {}).map((p) => p.apiKey), o.jobs?.callbackSecret].filter(isString) },
  'aiwire:connectors:options': { lib: 'ConnectorsModule', read: connectorSecrets },
};

/** The secret values configured in the app's WebhookModule, AiModule and ConnectorsModule, and where they were found. */
export async function discoverSecrets(discovery: DiscoveryService, onError: (error: unknown) => void): Promise<{ values: string[]; from: string[] }> {
  const values: string[] = [];
  const from = new Set<string>();
  for (const wrapper of discovery.getProviders()) {
    const token: unknown = wrapper.token;
    const reader = typeof token === 'symbol' ? READERS[token.description ?? ''] : undefined;
    if (!reader || !wrapper.instance) continue;
    try {
      values.push(...(await reader.read(wrapper.instance as never)).filter(isString));
      from.add(reader.lib);
    } catch (error) {
      onError(error);
    }
  }
  return { values, from: [...from] };
}

/** Every credential of every connector (auth fields, credential headers, the token encryption key); `env()` ones resolved as the module resolves them. */
async function connectorSecrets(options: ConnectorsOptionsShape): Promise<Array<string | undefined>> {
  const found: Secret[] = options.encryptionKey === undefined ? [] : [options.encryptionKey];
  for (const connector of Object.values(options.connectors ?? {})) {
    for (const auth of connector.auth ?? []) {
      for (const [field, value] of Object.entries(auth)) if (AUTH_SECRET_FIELDS.has(field) && (isString(value) || isSecretRef(value))) found.push(value);
    }
    for (const [name, value] of Object.entries(connector.headers ?? {})) if (isSensitiveName(name)) found.push(value);
  }
  const providers = options.secrets ?? [];
  return Promise.all(found.map((secret) => (isSecretRef(secret) ? firstValue(providers, secret.name) : secret)));
}

/** The value the first provider holding `name` gives (as the connectors' resolver does), or undefined. */
async function firstValue(providers: readonly SecretsProvider[], name: string): Promise<string | undefined> {
  for (const provider of providers) {
    const value = await provider.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
