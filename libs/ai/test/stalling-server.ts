import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StallingServer {
  /** An OpenAI-style API root (`…/v1`) for a provider's baseURL. */
  readonly baseURL: string;
  /** Responses whose status line and headers went out (each then stalled). */
  readonly stalled: () => number;
  close(): Promise<void>;
}

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-stall',
  object: 'chat.completion',
  created: 1_764_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'This answer never arrives in full.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 8, total_tokens: 17 },
});

/**
 * A loopback server that answers Chat Completions the way a server stuck mid-response does:
 * 200, OpenAI's headers and the full Content-Length go out with the first half of a valid body,
 * and then nothing more until the client gives up (or the server closes).
 */
export async function startStallingServer(): Promise<StallingServer> {
  let stalled = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(COMPLETION)), 'x-request-id': `req_stall_${stalled}` });
      res.write(COMPLETION.slice(0, COMPLETION.length >> 1));
      stalled += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    stalled: () => stalled,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
