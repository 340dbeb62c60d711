import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got. */
export interface ReceivedAlert {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the receiver answers the next request: a status, or `hang` (never answers until closed). */
export type ReceiverAnswer = number | 'hang';

/**
 * A loopback HTTP server standing in for an alert webhook receiver: records every request and
 * answers the scripted answers in order, then 200.
 */
export interface AlertReceiver {
  readonly url: string;
  readonly received: ReceivedAlert[];
  /** Answers for the next requests, in order. */
  script(...answers: ReceiverAnswer[]): void;
  close(): Promise<void>;
}

export async function startAlertReceiver(): Promise<AlertReceiver> {
  const received: ReceivedAlert[] = [];
  const answers: ReceiverAnswer[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') hanging.push(res);
      else res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    script: (...next) => void answers.push(...next),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
