import { startSandbox } from './sandbox.js';
import { DEFAULT_PORT } from './sandbox.constants.js';

/** Runs the sandbox for the demo and manual testing: `PORT=4010 node dist/main.js`. */
async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: Number(process.env.PORT ?? DEFAULT_PORT), host: process.env.HOST ?? '127.0.0.1', seed: process.env.SANDBOX_SEED !== 'false' });
  const lines = [
    `aiwire sandbox listening on ${sandbox.url}`,
    ...Object.entries(sandbox.urls).map(([service, url]) => `  ${service.padEnd(9)} ${url}`),
    `  token url ${sandbox.tokenUrl}`,
    'Credentials: see apps/sandbox/README.md (DEFAULT_CREDENTIALS).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
