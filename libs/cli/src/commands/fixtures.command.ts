import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliUsageError } from '../errors.js';
import { PROVIDERS } from '../fixtures/providers.js';
import { lookUpProvider } from '../send/event-lookup.js';
import { readSecret } from '../send/secret.js';
import { checkUrl, parseTimeout } from '../send/send-options.js';
import { readSteps } from '../send/steps-file.js';
import { runSteps } from '../send/steps-runner.js';
import { stepsMessages } from '../send/steps.messages.js';
import { table } from '../output/style.js';

const DEFAULT_TIMEOUT_MS = 10_000;

// The steps file format is documented here, where people look for it.
const HELP = `Usage: aiwire fixtures run <steps.json> --to <base-url> [options]
       aiwire fixtures list [provider] [--json]

list   prints every provider and event aiwire trigger has a fixture for.
run    sends a sequence of signed events, in order; later steps may use earlier answers.

Options (run):
  --to <url>             the app's base URL; each step's "path" is appended (required)
  --secret <secret>      the secret of steps without their own (or --secret-file, AIWIRE_SECRET)
  --secret-file <path>   read that secret from a file
  --timeout <ms>         how long to wait for each answer (default 10000)
  --json                 one JSON object per step: {step,provider,event,id,url,duplicate,status,ok,ms,body}

The steps file: a JSON array of steps (or { "steps": [ … ] }). A step has:
  name        optional; later steps may refer to it by name instead of number
  provider    stripe, shopify, github, slack, standard or hmac
  event       the event, as for aiwire trigger (payment_intent.succeeded, orders/create, …)
  path        appended to --to, e.g. "/webhooks/stripe"
  secret      the signing secret, or
  secretEnv   the name of the environment variable holding it (else --secret / AIWIRE_SECRET)
  set         { "dotted.path": value, … } overrides of the fixture (values are JSON as written)
  data        your own body instead of the fixture: a JSON value, or "@body.json" (relative to the file)
  header, encoding   hmac only, as for aiwire trigger
  resend      an earlier step (number or name): send its delivery again, byte for byte (de-dup test)
  expect      { "status": 202 } or { "status": [200, 202], "body": { "status": "duplicate" } }
              (body: a subset the JSON answer must contain); default: any 2xx

Templates: any string in path, set, data or expect.body may hold {{steps.<n|name>.response.body.<field>}},
{{steps.<n|name>.response.status}}, {{steps.<n|name>.event.id}}, {{steps.<n|name>.event.body.<field>}}.
Steps are numbered from 1, as printed. A string that is only a template takes the value as it is
(a number stays a number); inside longer text the value is written as text.

The whole file is checked before the first send (providers, events, secrets, templates naming
earlier steps). The run stops at the first step whose expectation fails.

Exit codes: 0 every expectation held, 1 one failed or the app could not be reached, 2 a bad file or flag.

Example (demo.json):
  [
    { "name": "order", "provider": "shopify", "event": "orders/create", "path": "/webhooks/shopify",
      "secretEnv": "SHOPIFY_SECRET", "set": { "total_price": "837.86" }, "expect": { "status": 202 } },
    { "provider": "stripe", "event": "payment_intent.succeeded", "path": "/webhooks/stripe",
      "secretEnv": "STRIPE_SECRET", "set": { "data.object.metadata.order_id": "{{steps.order.event.body.id}}" } },
    { "resend": 2, "path": "/webhooks/stripe", "expect": { "status": 200, "body": { "status": "duplicate" } } }
  ]
`;

const OPTIONS = {
  to: { type: 'string' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function fixtures(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  const [action, target, ...extra] = positionals;
  if (extra.length > 0) throw new CliUsageError(stepsMessages.tooManyArguments());
  if (action === 'list' || action === undefined) return list(io, target, values.json === true);
  if (action !== 'run') throw new CliUsageError(stepsMessages.unknownAction(action));
  if (target === undefined) throw new CliUsageError(stepsMessages.missingFile());
  const url = checkUrl(values.to);
  const timeoutMs = parseTimeout(values.timeout, DEFAULT_TIMEOUT_MS);
  const secret = await readSecret({ secret: values.secret, secretFile: values['secret-file'], env: io.env.AIWIRE_SECRET });
  const steps = await readSteps(target, io.env, secret);
  return (await runSteps(steps, url, io, { json: values.json === true, timeoutMs })) ? EXIT.ok : EXIT.refused;
}

function list(io: CliIo, only: string | undefined, json: boolean): ExitCode {
  const providers = only === undefined ? Object.values(PROVIDERS) : [lookUpProvider(only)];
  const rows = providers.flatMap((p) => (p.anyType ? [[p.name, '<any type>', p.scheme]] : Object.keys(p.events).map((event) => [p.name, event, p.scheme])));
  if (json) io.stdout.write(`${JSON.stringify(rows.map(([provider, event, scheme]) => ({ provider, event, scheme })))}\n`);
  else io.stdout.write(`${table(['PROVIDER', 'EVENT', 'SCHEME'], rows)}\n`);
  return EXIT.ok;
}

export const fixturesCommand: CliCommand = {
  name: 'fixtures',
  summary: 'list the event fixtures, or run a sequence of signed events from a JSON file',
  help: HELP,
  run: fixtures,
};
