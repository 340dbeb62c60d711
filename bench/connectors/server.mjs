// The local API the benchmark calls: a fixed JSON answer for any path, and an OAuth 2.0 token endpoint.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: 'cus_bench', object: 'customer', email: 'bench@example.com', metadata: { tier: 'gold' } });
const token = JSON.stringify({ access_token: 'bench-access-token-0123456789', token_type: 'Bearer', expires_in: 3600 });

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const payload = req.url === '/oauth/token' ? token : body;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
