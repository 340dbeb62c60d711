import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  attemptChannel,
  callChannel,
  circuitChannel,
  ConnectorRegistry,
  ConnectorsModule,
  tokenChannel,
  type Connector,
  type ConnectorOptions,
  type ConnectorsModuleOptions,
  type HttpAttemptMessage,
  type HttpCallMessage,
  type HttpCircuitMessage,
  type HttpTokenMessage,
  type OAuth2AuthOptions,
} from '@aiwire/connectors';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';

export { REDIS_URL, deleteKeys, uniquePrefix };

/** A running ConnectorsModule (forRoot) in a Nest application context, with its logs captured. */
export interface RunningConnectors {
  readonly app: INestApplicationContext;
  readonly registry: ConnectorRegistry;
  readonly logs: CapturingLogger;
  readonly prefix: string;
  get<T extends Connector>(name: string): T;
  close(): Promise<void>;
}

export async function startConnectors(
  connectors: Record<string, ConnectorOptions>,
  extra: Partial<Omit<ConnectorsModuleOptions, 'connectors'>> = {},
): Promise<RunningConnectors> {
  const prefix = extra.keyPrefix ?? uniquePrefix('connectors');
  const logs = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, ...extra, connectors })],
  })
    .setLogger(logs)
    .compile();
  const app = await moduleRef.init();
  const registry = app.get(ConnectorRegistry);
  let closed = false;
  return {
    app,
    registry,
    logs,
    prefix,
    get: (name) => registry.get(name),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (!extra.keyPrefix) await deleteKeys(prefix);
    },
  };
}

/** A redis-server of the test's own, which it may stop or restrict. */
export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

/** The sandbox, the private Redis and the connectors of the test running now (see `usePrivateRedis`). */
export interface PrivateRedisSetup {
  readonly sandbox: Sandbox;
  readonly redis: PrivateRedis;
  readonly running: RunningConnectors;
}

/**
 * Each test of the calling `describe` gets a fresh sandbox and a private Redis, and the connectors
 * `start` builds on them; all three are closed after it. Read them from the returned object.
 */
export function usePrivateRedis(start: (sandbox: Sandbox, redis: PrivateRedis) => Promise<RunningConnectors>): PrivateRedisSetup {
  const current: { sandbox?: Sandbox; redis?: PrivateRedis; running?: RunningConnectors } = {};
  beforeEach(async () => {
    current.sandbox = await startSandbox();
    current.redis = await startPrivateRedis();
    current.running = await start(current.sandbox, current.redis);
  });
  afterEach(async () => {
    await current.running?.close();
    await current.redis?.stop();
    await current.sandbox?.close();
  });
  return current as PrivateRedisSetup;
}

/** OAuth2 (refresh-token grant) against the sandbox's token endpoint, with `extra` on top. */
export function sandboxOAuth2(sandbox: Sandbox, extra: Partial<OAuth2AuthOptions> = {}): OAuth2AuthOptions {
  const c = sandbox.credentials;
  return { type: 'oauth2', tokenUrl: sandbox.tokenUrl, clientId: c.oauthClientId, clientSecret: c.oauthClientSecret, refreshToken: c.oauthRefreshToken, ...extra };
}

/** The connectors of the example, pointed at the sandbox. */
export function sandboxConnectors(sandbox: Sandbox): Record<string, ConnectorOptions> {
  const c = sandbox.credentials;
  return {
    slack: { kind: 'slack', auth: { type: 'bearer', token: c.slackBotToken }, baseUrl: sandbox.urls.slack },
    stripe: { kind: 'stripe', auth: { type: 'bearer', token: c.stripeSecretKey }, baseUrl: sandbox.urls.stripe },
    shopify: { kind: 'shopify', shop: 'demo.myshopify.com', auth: { type: 'apiKey', header: 'X-Shopify-Access-Token', key: c.shopifyAccessToken }, baseUrl: sandbox.urls.shopify },
    crm: { kind: 'hubspot', auth: sandboxOAuth2(sandbox), baseUrl: sandbox.urls.hubspot },
    github: { kind: 'github', auth: { type: 'bearer', token: c.githubToken }, baseUrl: sandbox.urls.github },
  };
}

/** Everything published on `aiwire:http:*` while it listens. */
export interface CapturedEvents {
  readonly attempts: HttpAttemptMessage[];
  readonly calls: HttpCallMessage[];
  readonly tokens: HttpTokenMessage[];
  readonly circuits: HttpCircuitMessage[];
  /** Every event as JSON, to search for leaked secrets. */
  text(): string;
  clear(): void;
  stop(): void;
}

export function captureEvents(): CapturedEvents {
  const attempts: HttpAttemptMessage[] = [];
  const calls: HttpCallMessage[] = [];
  const tokens: HttpTokenMessage[] = [];
  const circuits: HttpCircuitMessage[] = [];
  const onAttempt = (m: HttpAttemptMessage) => attempts.push(m);
  const onCall = (m: HttpCallMessage) => calls.push(m);
  const onToken = (m: HttpTokenMessage) => tokens.push(m);
  const onCircuit = (m: HttpCircuitMessage) => circuits.push(m);
  attemptChannel.subscribe(onAttempt);
  callChannel.subscribe(onCall);
  tokenChannel.subscribe(onToken);
  circuitChannel.subscribe(onCircuit);
  return {
    attempts,
    calls,
    tokens,
    circuits,
    text: () => JSON.stringify({ attempts, calls, tokens, circuits }),
    clear() {
      attempts.length = 0;
      calls.length = 0;
      tokens.length = 0;
      circuits.length = 0;
    },
    stop() {
      attemptChannel.unsubscribe(onAttempt);
      callChannel.unsubscribe(onCall);
      tokenChannel.unsubscribe(onToken);
      circuitChannel.unsubscribe(onCircuit);
    },
  };
}

/** Resolves to the rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Milliseconds `fn` takes. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}
