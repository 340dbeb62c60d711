// The sandbox's OpenAI stand-in in its own process, for the overhead and cache benchmarks.
// Prints `ready <port>`. RPM / TPM set its quota (defaults are far above what a run sends).
import { startSandbox } from '@aiwire/sandbox';

const sandbox = await startSandbox({ seed: false, limits: { openai: { rpm: Number(process.env.RPM ?? 10_000_000), tpm: Number(process.env.TPM ?? 10_000_000_000) } } });
process.stdout.write(`ready ${new URL(sandbox.url).port}\n`);
// The stand-in keeps every request for tests; a benchmark only needs the latest ones.
setInterval(() => {
  sandbox.state.requests.clear();
  sandbox.state.openai.completions.length = 0;
}, 1000).unref();
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
