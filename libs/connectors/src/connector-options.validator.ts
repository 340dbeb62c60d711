import { applyBaseUrlRules, type ResolvedBaseUrl } from './connector-base-url.js';
import { CONNECTOR_NAME } from './connectors.constants.js';
import { messages } from './connectors.messages.js';
import { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import { KINDS, kindOf } from './kinds/kinds.js';

const fail = (text: string): never => {
  throw new ConnectorConfigurationError(text);
};

const positive = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Checks one connector's options and returns its base URL; every mistake names the connector and the option. */
export function validateConnectorOptions(name: string, options: ConnectorOptions): ResolvedBaseUrl {
  if (!CONNECTOR_NAME.test(name)) fail(messages.badName(name));
  const kind = typeof options === 'object' && options !== null ? kindOf(options.kind) : undefined;
  if (!kind) return fail(messages.unknownKind(name, options?.kind, Object.keys(KINDS)));
  const problem = kind.validate?.(options);
  if (problem) fail(problem.missing ? messages.missingOption(name, problem.option, problem.why) : messages.badOption(name, problem.option, problem.why));
  const raw = options.baseUrl ?? kind.defaultBaseUrl(options);
  if (raw === undefined) return fail(messages.missingOption(name, 'baseUrl', "the API's origin and base path, e.g. 'https://erp.example.com/api'"));
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(messages.badOption(name, 'baseUrl', `must be an absolute http(s) URL, got "${raw}"`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(messages.badOption(name, 'baseUrl', `must use http or https, got ${url.protocol}`));
  if (url.username || url.password) fail(messages.badOption(name, 'baseUrl', 'must not carry credentials; use the auth option'));
  if (url.search || url.hash) fail(messages.badOption(name, 'baseUrl', 'must not have a query or fragment'));
  const base = applyBaseUrlRules(url, options);
  if ('why' in base) return fail(messages.badBaseUrl(name, options.kind, raw, base.why, base.write));
  if (options.timeoutMs !== undefined && !positive(options.timeoutMs)) fail(messages.badOption(name, 'timeoutMs', 'must be a number of ms > 0'));
  if (options.rateLimit) {
    const { capacity, refillPerSecond } = options.rateLimit;
    if (!positive(capacity) || !positive(refillPerSecond)) fail(messages.badOption(name, 'rateLimit', 'needs capacity and refillPerSecond > 0'));
  }
  if (options.retry && options.retry.maxRetries !== undefined && !(Number.isInteger(options.retry.maxRetries) && options.retry.maxRetries >= 0)) {
    fail(messages.badOption(name, 'retry.maxRetries', 'must be an integer >= 0'));
  }
  return base;
}
