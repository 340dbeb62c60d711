import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { currentInstrumentation } from '@aiwire/core';
import { MonitoringModule } from '@aiwire/monitoring';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { compileFixture } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';

const HOOK = pathToFileURL(fileURLToPath(new URL('./fixtures/tracing-absent-hook.mjs', import.meta.url))).href;

describe('turning tracing on when the OpenTelemetry pieces are missing', () => {
  it('without @opentelemetry/api the app starts, says what to install, registers nothing, and queues untraced jobs', async () => {
    const script = compileFixture(fileURLToPath(new URL('./fixtures/tracing-absent-app.ts', import.meta.url)), ['core', 'webhooks', 'ai', 'connectors', 'monitoring']);
    const prefix = uniquePrefix('tracing-absent');
    const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(HOOK)});`;
    const child = spawn(process.execPath, ['--import', register, script], { env: { ...process.env, REDIS_URL, PREFIX: prefix }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, output).toBe(0);
      expect(output).toContain('tracing is on but @opentelemetry/api is not installed, so no span is made. Install it (npm i @opentelemetry/api@^1.9)');
      const result = JSON.parse(output.trim().split('\n').at(-1)!) as { status: number; data: string; registered: boolean };
      expect(result.status).toBe(202);
      expect(result.registered).toBe(false);
      expect(Object.keys(JSON.parse(result.data) as object)).toEqual(['event', 'handler']);
    } finally {
      await deleteKeys(prefix);
    }
  }, 120_000);

  it('without an OpenTelemetry SDK (no context manager) it still registers, and warns that spans cannot be parented', async () => {
    @Module({ imports: [MonitoringModule.forRoot({ tracing: true })] })
    class NoSdkModule {}
    const logs = new CapturingLogger();
    const app = await NestFactory.createApplicationContext(NoSdkModule, { logger: logs });
    try {
      expect(currentInstrumentation()).toBeDefined();
      expect(logs.lines).toContainEqual({ level: 'warn', context: 'TracingService', message: expect.stringContaining('no OpenTelemetry context manager is registered') as string });
    } finally {
      await app.close();
    }
    expect(currentInstrumentation()).toBeUndefined();
  });

  it('with tracing off it neither loads nor registers anything, and says nothing', async () => {
    @Module({ imports: [MonitoringModule.forRoot({})] })
    class OffModule {}
    const logs = new CapturingLogger();
    const app = await NestFactory.createApplicationContext(OffModule, { logger: logs });
    try {
      expect(currentInstrumentation()).toBeUndefined();
      expect(logs.lines.filter((l) => l.context === 'TracingService')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
