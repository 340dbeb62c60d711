// (a) hand-written node:http: verify + SET NX EX + Bull add + 202.
import { createServer } from 'node:http';
import { HandWrittenStore, verifyStripe } from '../hand-written.js';

const { REDIS_URL = '', PORT = '0', SECRET = '', PREFIX = 'bench' } = process.env;
const store = new HandWrittenStore(REDIS_URL, PREFIX);
const reply = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (!verifyStripe(raw, req.headers['stripe-signature'] as string | undefined, SECRET)) return reply(res, 401, { status: 'error' });
    let event: { id: string; type: string };
    try {
      event = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(res, 400, { status: 'error' });
    }
    store.accept({ id: event.id, type: event.type, payload: event }).then(
      (outcome) => reply(res, outcome === 'accepted' ? 202 : 200, { status: outcome, id: event.id }),
      () => reply(res, 503, { status: 'error' }),
    );
  });
}).listen(Number(PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
