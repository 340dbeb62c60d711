import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliUsageError } from '../errors.js';
import { PROVIDER_NAMES } from '../fixtures/providers.js';
import { readDataFlag, readStdin } from '../send/body-input.js';
import { signRaw } from '../send/delivery.js';
import { checkEvent, lookUpProvider } from '../send/event-lookup.js';
import { checkSecret, readSecret } from '../send/secret.js';
import { hmacOptions } from '../send/send-options.js';
import { sendMessages } from '../send/send.messages.js';

const USAGE = 'aiwire sign <provider> --secret <secret> [--type <event>] < body.json';

const OPTIONS = {
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  type: { type: 'string' },
  data: { type: 'string' },
  header: { type: 'string' },
  encoding: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: ${USAGE}

Prints the headers <provider> would send with the body on stdin, signed now, for curl.
The body is signed byte for byte as given (it must be JSON); send exactly those bytes.

Providers: ${PROVIDER_NAMES.join(', ')}

Options:
  --secret <secret>      the signing secret (or --secret-file <path>, or AIWIRE_SECRET); never printed
  --secret-file <path>   read the secret from a file (trailing newline ignored)
  --type <event>         the event, for providers that send it in a header:
                         github (issues.opened → X-GitHub-Event: issues), shopify (X-Shopify-Topic)
  --data <@file|json>    read the body from a file or the argument instead of stdin
  --header <name>        hmac only: the header carrying the signature (default x-signature)
  --encoding <hex|base64> hmac only: how the digest is written (default hex)
  --json                 one JSON object of the headers instead of "name: value" lines

Signatures with a timestamp (stripe, slack, standard) are accepted for 5 minutes.

Example (bash):
  readarray -t headers < <(aiwire sign stripe --secret "$STRIPE_WEBHOOK_SECRET" < body.json)
  curl "\${headers[@]/#/-H}" --data-binary @body.json http://localhost:3000/webhooks/stripe
`;

async function sign(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  const [providerName, ...extra] = positionals;
  if (providerName === undefined) throw new CliUsageError(sendMessages.missingProvider(USAGE, PROVIDER_NAMES));
  if (extra.length > 0) throw new CliUsageError(sendMessages.tooManyArguments(USAGE));
  const provider = lookUpProvider(providerName);
  const options = hmacOptions(provider.name, values.header, values.encoding);
  if (provider.typeInHeader && values.type === undefined) throw new CliUsageError(sendMessages.typeForSign(provider.name));
  if (values.type !== undefined) checkEvent(provider, values.type, true);
  const secret = checkSecret(provider, await readSecret({ secret: values.secret, secretFile: values['secret-file'], env: io.env.AIWIRE_SECRET }));
  const body = values.data === undefined ? await readStdin(io.stdin) : await readDataFlag(values.data);
  const { headers } = signRaw({ provider, event: values.type, ...options }, secret, body.raw, body.json);
  io.stdout.write(values.json ? `${JSON.stringify(headers)}\n` : Object.entries(headers).map(([name, value]) => `${name}: ${value}\n`).join(''));
  return EXIT.ok;
}

export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'print the signed headers of a body, for curl',
  help: HELP,
  run: sign,
};
