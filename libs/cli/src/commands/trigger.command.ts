import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliUsageError } from '../errors.js';
import { PROVIDER_NAMES } from '../fixtures/providers.js';
import { isAccepted, printSend, printSummary } from '../send/answer.js';
import { readDataFlag } from '../send/body-input.js';
import { buildDelivery, type DeliveryRequest } from '../send/delivery.js';
import { checkEvent, lookUpProvider } from '../send/event-lookup.js';
import { parseOverride } from '../send/overrides.js';
import { postDelivery } from '../send/post.js';
import { checkSecret, readSecret } from '../send/secret.js';
import { checkUrl, hmacOptions, parseCount, parseTimeout } from '../send/send-options.js';
import { sendMessages } from '../send/send.messages.js';

const USAGE = 'aiwire trigger <provider> <event> --to <url> --secret <secret> [options]';
const DEFAULT_TIMEOUT_MS = 10_000;

const OPTIONS = {
  to: { type: 'string' },
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
  set: { type: 'string', multiple: true },
  data: { type: 'string' },
  repeat: { type: 'string' },
  duplicate: { type: 'boolean' },
  header: { type: 'string' },
  encoding: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: ${USAGE}

Sends a realistic, correctly signed event of <provider> to your app and prints the answer.
Fresh ids and timestamps on every send.

Providers: ${PROVIDER_NAMES.join(', ')}   (aiwire fixtures list: every event)

Options:
  --to <url>             where to POST, e.g. http://localhost:3000/webhooks/stripe (required)
  --secret <secret>      the signing secret (or --secret-file <path>, or AIWIRE_SECRET); never printed
  --secret-file <path>   read the secret from a file (trailing newline ignored)
  --set <path=value>     override a field of the body, dotted path (data.object.amount=5000,
                         line_items.0.quantity=3); the value is JSON when it parses (42, true, null,
                         "42"), else text. Repeatable.
  --data <@file|json>    send your own body instead of the fixture (@event.json, or '{"id":…}')
  --repeat <n>           send n distinct events (default 1)
  --duplicate            send each delivery twice, byte for byte, to test de-duplication
  --header <name>        hmac only: the header carrying the signature (default x-signature)
  --encoding <hex|base64> hmac only: how the digest is written (default hex)
  --timeout <ms>         how long to wait for each answer (default ${DEFAULT_TIMEOUT_MS})
  --json                 one JSON object per send: {provider,event,id,url,duplicate,status,ok,ms,body}

Exit codes: 0 every answer was 2xx, 1 the app answered non-2xx or could not be reached, 2 usage.

Examples:
  aiwire trigger stripe payment_intent.succeeded --to http://localhost:3000/webhooks/stripe --secret whsec_…
  aiwire trigger shopify orders/create --to http://localhost:3000/webhooks/shopify --set total_price=837.86 --set customer.id=42
  aiwire trigger hmac ticket.created --header x-signature --to http://localhost:3000/webhooks/helpdesk
  aiwire trigger stripe --data @event.json --to http://localhost:3000/webhooks/stripe
`;

async function trigger(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  const [providerName, event, ...extra] = positionals;
  if (providerName === undefined) throw new CliUsageError(sendMessages.missingProvider(USAGE, PROVIDER_NAMES));
  if (extra.length > 0) throw new CliUsageError(sendMessages.tooManyArguments(USAGE));
  const provider = lookUpProvider(providerName);
  const data = values.data === undefined ? undefined : await readDataFlag(values.data);
  checkEvent(provider, event, data !== undefined);
  const request: DeliveryRequest = {
    provider,
    event,
    data: data?.json,
    dataRaw: data?.raw,
    overrides: (values.set ?? []).map(parseOverride),
    ...hmacOptions(provider.name, values.header, values.encoding),
  };
  const url = checkUrl(values.to);
  const repeat = parseCount('--repeat', values.repeat, 1);
  const timeoutMs = parseTimeout(values.timeout, DEFAULT_TIMEOUT_MS);
  const secret = checkSecret(provider, await readSecret({ secret: values.secret, secretFile: values['secret-file'], env: io.env.AIWIRE_SECRET }));

  const statuses: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const delivery = buildDelivery(request, secret);
    for (const duplicate of values.duplicate ? [false, true] : [false]) {
      const answer = await postDelivery(url, delivery, timeoutMs);
      statuses.push(answer.status);
      printSend(io, { provider: provider.name, url, delivery, answer, duplicate }, values.json === true);
    }
  }
  if (statuses.length > 1 && values.json !== true) printSummary(io, statuses);
  return statuses.every(isAccepted) ? EXIT.ok : EXIT.refused;
}

export const triggerCommand: CliCommand = {
  name: 'trigger',
  summary: 'send a realistic, signed event of any provider to your app',
  help: HELP,
  run: trigger,
};
