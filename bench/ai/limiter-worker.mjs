// One of the processes of the limiter benchmark: CONCURRENCY chats in flight for DURATION_MS,
// all through the shared Redis limiter (RPM and/or TPM, as RPM / TPM say), no cache. Each call
// asks for MAX_TOKENS but the model writes a few: the TPM bucket reserves prompt + MAX_TOKENS and
// gets the rest back after the answer. Calls waiting when the window closes finish afterwards
// (they are not counted in the window). Prints `ready`, reads the start time (epoch ms) on stdin,
// then prints { ok, failed, tokensPerCall } as JSON.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AiModule, AiService } from '@aiwire/ai';

const rpm = Number(process.env.RPM ?? 0);
const tpm = Number(process.env.TPM ?? 0);
const maxTokens = Number(process.env.MAX_TOKENS ?? 16);
const app = await NestFactory.createApplicationContext(
  AiModule.forRoot({
    redis: { url: process.env.REDIS_URL },
    keyPrefix: process.env.PREFIX,
    providers: { openai: { kind: 'openai', apiKey: 'sk-sandbox-openai-key', baseURL: `${process.env.BASE_URL}/v1` } },
    limits: { openai: { ...(rpm > 0 && { rpm }), ...(tpm > 0 && { tpm }), maxWaitMs: 120_000 } },
    retry: { maxRetries: 3, deadlineMs: 300_000 },
    jobs: { workers: false, queuePrefix: process.env.PREFIX },
  }),
  { logger: ['error'] },
);
const ai = app.get(AiService);
process.stdout.write('ready\n');
// The start time comes on stdin once every worker is ready (booting takes seconds on a busy machine).
const startAt = await new Promise((resolve) => {
  let line = '';
  process.stdin.on('data', (d) => {
    line += String(d);
    if (line.includes('\n')) resolve(Number(line.trim()));
  });
});
process.stdin.destroy();
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
const until = startAt + Number(process.env.DURATION_MS);
let ok = 0;
let failed = 0;
let tokensPerCall = 0;
await Promise.all(
  Array.from({ length: Number(process.env.CONCURRENCY) }, async (_, id) => {
    for (let i = 0; Date.now() < until; i++) {
      try {
        // Fixed-length text: every call uses the same tokens, so the window's tokens are calls × that.
        const text = `bench ${String(process.pid).padStart(7, '0')} ${String(id).padStart(3, '0')} ${String(i).padStart(7, '0')} `.padEnd(200, 'x');
        const r = await ai.chat({ messages: [{ role: 'user', content: text }], maxTokens });
        tokensPerCall = r.usage.inputTokens + r.usage.outputTokens;
        ok += 1;
      } catch {
        failed += 1;
      }
    }
  }),
);
await app.close();
process.stdout.write(`${JSON.stringify({ ok, failed, tokensPerCall })}\n`);
