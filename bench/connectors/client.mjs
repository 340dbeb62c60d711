// One benchmark run: the same sequential calls through a bare fetch, a bare undici request and
// connectors, interleaved in blocks so drift hits every scenario alike. Prints JSON.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Agent, request } from 'undici';
import { Redis } from 'ioredis';
import { ConnectorRegistry, ConnectorsModule, attemptChannel, callChannel } from '@aiwire/connectors';

const [port, calls, block] = [Number(process.argv[2]), Number(process.env.CALLS ?? 20_000), 500];
const origin = `http://127.0.0.1:${port}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `aiwire-bench:${randomUUID()}`;

const app = await NestFactory.createApplicationContext(
  ConnectorsModule.forRoot({
    redis: { url: redisUrl },
    keyPrefix: prefix,
    connectors: {
      bearer: { kind: 'rest', baseUrl: origin, auth: { type: 'bearer', token: 'bench-static-token-0123456789' } },
      oauth2: { kind: 'rest', baseUrl: origin, auth: { type: 'oauth2', tokenUrl: `${origin}/oauth/token`, clientId: 'bench', clientSecret: 'bench-secret-0123456789', grant: 'client_credentials' } },
      limited: { kind: 'rest', baseUrl: origin, auth: { type: 'bearer', token: 'bench-static-token-0123456789' }, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
      observed: { kind: 'rest', baseUrl: origin, auth: { type: 'bearer', token: 'bench-static-token-0123456789' } },
    },
  }),
  { logger: false },
);
const registry = app.get(ConnectorRegistry);
const agent = new Agent({ keepAliveTimeout: 4_000 });
const get = { method: 'GET', path: '/v1/customers/{id}', params: { id: 'cus_bench' } };
const listener = () => undefined;

const scenarios = {
  'fetch (baseline)': async () => (await fetch(`${origin}/v1/customers/cus_bench`, { headers: { authorization: 'Bearer bench-static-token-0123456789' } })).json(),
  'undici.request (same transport)': async () => (await request(`${origin}/v1/customers/cus_bench`, { dispatcher: agent, headers: { authorization: 'Bearer bench-static-token-0123456789' } })).body.json(),
  'connector: bearer': () => registry.get('bearer').request(get),
  'connector: oauth2, cached token': () => registry.get('oauth2').request(get),
  'connector: bearer + Redis rate limit': () => registry.get('limited').request(get),
  'connector: bearer + diagnostics subscriber': () => registry.get('observed').request(get),
};

const samples = Object.fromEntries(Object.keys(scenarios).map((name) => [name, []]));
const load = [loadavg()[0]];
for (const fn of Object.values(scenarios)) for (let i = 0; i < 1_000; i++) await fn(); // warm-up (and the one token fetch)
for (let done = 0; done < calls; done += block) {
  for (const [name, fn] of Object.entries(scenarios)) {
    const observed = name.includes('diagnostics');
    if (observed) { attemptChannel.subscribe(listener); callChannel.subscribe(listener); }
    const out = samples[name];
    for (let i = 0; i < block; i++) {
      const started = process.hrtime.bigint();
      await fn();
      out.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    if (observed) { attemptChannel.unsubscribe(listener); callChannel.unsubscribe(listener); }
  }
}
load.push(loadavg()[0]);

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const result = {};
for (const [name, values] of Object.entries(samples)) {
  values.sort((a, b) => a - b);
  result[name] = { p50: pct(values, 0.5), p99: pct(values, 0.99), n: values.length };
}
process.stdout.write(JSON.stringify({ result, load }));

await app.close();
await agent.close();
const redis = new Redis(redisUrl);
const keys = await redis.keys(`${prefix}*`);
if (keys.length) await redis.del(...keys);
redis.disconnect();
