/** Every one-line message of trigger, sign and fixtures; each says what to do. Secrets are never quoted. */
const list = (items: readonly string[]) => items.join(', ');
const guessed = (guess: string | undefined) => (guess ? ` Did you mean '${guess}'?` : '');

export const sendMessages = {
  unknownProvider: (name: string, names: readonly string[], guess: string | undefined) =>
    `unknown provider '${name}'.${guessed(guess)} Providers: ${list(names)}.`,
  unknownEvent: (provider: string, event: string, events: readonly string[], guess: string | undefined) =>
    `no ${provider} fixture for '${event}'.${guessed(guess)} ${provider} events: ${list(events)} (or send your own body with --data @event.json).`,
  missingEvent: (provider: string, events: readonly string[]) =>
    events.length > 0
      ? `name the ${provider} event to send, one of: ${list(events)}.`
      : `name the ${provider} event type to send, e.g. 'aiwire trigger ${provider} invoice.paid …'.`,
  badEventType: (event: string) => `'${event}' is not an event type: use letters, digits and . _ : / - (e.g. invoice.paid).`,
  eventForHeader: (provider: string) => `${provider} sends the event type in a header: name the event too, e.g. 'aiwire trigger ${provider} <event> --data @body.json'.`,
  typeForSign: (provider: string) => `${provider} sends the event type in a header: pass --type, e.g. --type ${provider === 'github' ? 'issues.opened' : 'orders/create'}.`,
  tooManyArguments: (usage: string) => `too many arguments. Usage: ${usage}`,
  missingProvider: (usage: string, names: readonly string[]) => `name a provider (${list(names)}). Usage: ${usage}`,
  missingTo: () => `say where to send it: --to http://localhost:3000/webhooks/<source>.`,
  badUrl: (url: string) => `'${url}' is not an http(s) URL: pass e.g. --to http://localhost:3000/webhooks/stripe.`,
  missingSecret: (provider: string) => `no secret for ${provider}: pass --secret, --secret-file <path>, or set AIWIRE_SECRET.`,
  twoSecrets: () => `pass the secret once: either --secret or --secret-file.`,
  badSecret: (provider: string, problem: string) => `the secret is not a ${provider} secret: ${problem}.`,
  secretFileUnreadable: (path: string, reason: string) => `cannot read the secret file ${path} (${reason}).`,
  secretFileEmpty: (path: string) => `the secret file ${path} is empty.`,
  bodyFileUnreadable: (path: string, reason: string) => `cannot read the body file ${path} (${reason}).`,
  notJson: (source: string, reason: string) => `${source} is not JSON (${reason}): fix it, or pass a JSON file.`,
  noStdin: () => `pipe the body on stdin (aiwire sign stripe --secret … < body.json) or pass --data @body.json.`,
  badSet: (expression: string) => `--set '${expression}' is not path=value: write e.g. --set data.object.amount=5000.`,
  setThroughValue: (path: string, at: string) => `--set ${path}: '${at}' is a value, not an object, so nothing can be set inside it.`,
  badCount: (flag: string, value: string) => `${flag} '${value}' is not a whole number from 1 to 1000.`,
  badTimeout: (value: string) => `--timeout '${value}' is not a number of milliseconds from 1 to 600000.`,
  hmacOnly: (flag: string) => `${flag} names the signature of an hmac sender; it applies to 'aiwire trigger hmac …' only.`,
  badHeader: (name: string) => `--header '${name}' is not a header name: write e.g. --header x-signature.`,
  badEncoding: (value: string) => `--encoding '${value}' is neither hex nor base64.`,
  unreachable: (url: string, reason: string) => `cannot reach ${url}: ${reason}`,
};

/** What Node's network errors mean, in the words people search for. */
export const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed before an answer',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
};
