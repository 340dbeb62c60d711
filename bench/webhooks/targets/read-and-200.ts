// (f) the ceiling of any Node intake: node:http reads the body and answers 200, nothing else
// (no verify, no JSON, no Redis). Reported so (c) can be read against the server alone.
import { createServer } from 'node:http';

const { PORT = '0' } = process.env;

createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 }).end('{}'));
}).listen(Number(PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
