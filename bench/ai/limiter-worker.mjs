// One of the processes of the limiter benchmark: CONCURRENCY chats in flight for DURATION_MS,
// all through the shared Redis limiter (RPM), no cache. Calls waiting when the window closes finish
// afterwards (they are not counted in the window). Prints { ok, failed } as JSON.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AiModule, AiService } from '@aiwire/ai';

const rpm = Number(process.env.RPM);
const app = await NestFactory.createApplicationContext(
  AiModule.forRoot({
    redis: { url: process.env.REDIS_URL },
    keyPrefix: process.env.PREFIX,
    providers: { openai: { kind: 'openai', apiKey: 'sk-sandbox-openai-key', baseURL: `${process.env.BASE_URL}/v1` } },
    limits: { openai: { rpm, maxWaitMs: 120_000 } },
    retry: { maxRetries: 3, deadlineMs: 300_000 },
    jobs: { workers: false, queuePrefix: process.env.PREFIX },
  }),
  { logger: ['error'] },
);
const ai = app.get(AiService);
process.stdout.write('ready\n');
await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.START_AT) - Date.now())));
const until = Number(process.env.START_AT) + Number(process.env.DURATION_MS);
let ok = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: Number(process.env.CONCURRENCY) }, async (_, id) => {
    for (let i = 0; Date.now() < until; i++) {
      try {
        await ai.chat({ messages: [{ role: 'user', content: `bench ${process.pid} ${id} ${i}` }], maxTokens: 16 });
        ok += 1;
      } catch {
        failed += 1;
      }
    }
  }),
);
await app.close();
process.stdout.write(`${JSON.stringify({ ok, failed })}\n`);
