import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { readBody, type BodyRead } from './request-body.js';

/** A loopback server that hands each request's body read to the test, then answers 204. */
describe('readBody (real HTTP on loopback)', () => {
  let server: Server;
  let port: number;
  let reads: Promise<BodyRead>[];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const read = readBody(req, 10, 40);
      reads.push(read);
      void read.then(() => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  beforeEach(() => (reads = []));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (chunks: string[], headers: Record<string, string> = {}, abort = false) =>
    new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', headers }, (res) => res.resume().on('end', resolve));
      req.on('error', () => resolve());
      for (const chunk of chunks) req.write(chunk);
      if (abort) setTimeout(() => req.destroy(), 50);
      else req.end();
    });
  const read = async () => {
    await new Promise((r) => setTimeout(r, 20));
    return reads[0]!;
  };

  it('returns the body, in one piece, when it fits', async () => {
    await send(['12345', '67890']);
    const result = await read();
    expect(result.kind).toBe('body');
    expect(result.kind === 'body' && result.body.toString()).toBe('1234567890');
  });

  it('reads an oversized body to its end and drops it (chunked or declared)', async () => {
    await send(['x'.repeat(25)]);
    expect(await read()).toEqual({ kind: 'too-large', drained: true });
    reads = [];
    await send(['y'.repeat(11)], { 'content-length': '11' });
    expect(await read()).toEqual({ kind: 'too-large', drained: true });
  });

  it('stops at once past the drain limit, declared or streamed', async () => {
    await send(['z'], { 'content-length': '1000' }, true);
    expect(await read()).toEqual({ kind: 'too-large', drained: false });
    reads = [];
    await send(['z'.repeat(50)], {}, true);
    expect(await read()).toEqual({ kind: 'too-large', drained: false });
  });

  it('reports a sender that goes away mid-body', async () => {
    await send(['abc'], { 'content-length': '8' }, true);
    expect(await read()).toEqual({ kind: 'aborted' });
  });
});
