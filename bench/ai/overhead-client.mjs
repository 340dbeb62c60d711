// One measurement run: direct fetch vs ai.chat() (no cache) vs a cache hit, against the fake server.
// Env: PORT, REDIS_URL, CALLS (per variant), WARMUP, BASELINE_AI (optional: path of another build's libs/ai/dist/index.js).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AiModule, AiService } from '@aiwire/ai';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const base = `http://127.0.0.1:${process.env.PORT}/v1`;
const key = 'sk-sandbox-openai-key';
const calls = Number(process.env.CALLS ?? 5000);
const warmup = Number(process.env.WARMUP ?? 500);
const messages = [{ role: 'system', content: 'You analyse customer feedback.' }, { role: 'user', content: 'The parcel came two days late but the product is great.' }];

const limits = { limits: { openai: { rpm: 10_000_000, tpm: 10_000_000_000 } } };
// BASELINE_AI: the built @aiwire/ai (dist/index.js) of another checkout, e.g. the last commit's, measured
// in the same process, interleaved: a before/after of the limiter that the machine's load hits alike.
const baseline = process.env.BASELINE_AI ? await import(pathToFileURL(process.env.BASELINE_AI).href) : undefined;
const setups = [['plain', {}, AiModule], ['limited', limits, AiModule], ['cached', { cache: { ttlSeconds: 600 } }, AiModule]];
if (baseline) setups.push(['limited-baseline', limits, baseline.AiModule]);

const contexts = {};
for (const [name, extra, Module] of setups) {
  contexts[name] = await NestFactory.createApplicationContext(
    Module.forRoot({
      redis: { url: process.env.REDIS_URL },
      keyPrefix: `bench-ai-${name}-${process.pid}`,
      providers: { openai: { kind: 'openai', apiKey: key, baseURL: base } },
      jobs: { workers: false, queuePrefix: `bench-ai-${process.pid}` },
      retry: { maxRetries: 0 },
      ...extra,
    }),
    { logger: ['error'] },
  );
}
const ai = (name) => contexts[name].get(name === 'limited-baseline' ? baseline.AiService : AiService);

// The baseline sends what the provider sends and parses the answer, without our library.
async function direct() {
  const res = await fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, max_tokens: 50 }),
  });
  const body = JSON.parse(await res.text());
  if (!body.choices?.[0]?.message) throw new Error('bad answer');
}

const variants = {
  'fetch (baseline)': direct,
  'ai.chat()': () => ai('plain').chat({ messages, maxTokens: 50 }),
  'ai.chat() + shared RPM/TPM limiter': () => ai('limited').chat({ messages, maxTokens: 50 }),
  'ai.chat() cache hit': () => ai('cached').chat({ messages, maxTokens: 50 }),
  ...(baseline && { 'ai.chat() + shared RPM/TPM limiter, BASELINE_AI build': () => ai('limited-baseline').chat({ messages, maxTokens: 50 }) }),
};

const samples = Object.fromEntries(Object.keys(variants).map((n) => [n, []]));
for (const fn of Object.values(variants)) for (let i = 0; i < warmup; i++) await fn();
// Interleaved in small rounds so that drift on a shared machine hits every variant alike.
for (let round = 0; round < calls / 100; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await fn();
      samples[name].push(performance.now() - t);
    }
  }
}
for (const ctx of Object.values(contexts)) await ctx.close();
process.stdout.write(`${JSON.stringify(samples)}\n`);
