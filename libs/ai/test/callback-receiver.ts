import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A loopback HTTP server that records callbacks and answers with the scripted statuses (then 200). */
export async function startReceiver(statuses: number[] = []): Promise<{ url: string; received: ReceivedCallback[]; close(): Promise<void> }> {
  const received: ReceivedCallback[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ai-done`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * How a slow receiver holds a callback delivery: `response-headers` drips its status line and
 * headers, `response-body` answers 200 with a long Content-Length and drips the body, `request-body`
 * reads the request a little at a time (it needs a body larger than the kernel's socket buffers).
 * Each sends or reads something every `everyMs`, so a socket-idle timeout never fires.
 */
export type DripMode = 'response-headers' | 'response-body' | 'request-body';

export interface DrippingReceiver {
  url: string;
  /** One entry per connection: when it opened, and when the sender closed it (undefined while open). */
  readonly connections: { openedAt: number; closedAt?: number; bytesRead: number }[];
  /** Stops dripping and reads whatever is queued, so the end of a connection the sender closed shows. */
  release(): void;
  close(): Promise<void>;
}

/** A raw TCP receiver on loopback that drips, so nothing but an overall deadline ends a delivery to it. */
export async function startDrippingReceiver(mode: DripMode, everyMs = 50): Promise<DrippingReceiver> {
  const connections: DrippingReceiver['connections'] = [];
  const sockets = new Set<Socket>();
  const releases = new Set<() => void>();
  const server = createNetServer((socket) => {
    const record: DrippingReceiver['connections'][number] = { openedAt: Date.now(), bytesRead: 0 };
    connections.push(record);
    sockets.add(socket);
    let timer: NodeJS.Timeout | undefined;
    socket.on('error', () => undefined);
    const release = (): void => {
      clearInterval(timer);
      if (mode === 'request-body') socket.on('data', (chunk: Buffer) => void (record.bytesRead += chunk.length));
    };
    releases.add(release);
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
      releases.delete(release);
      record.closedAt = Date.now();
    });
    if (mode === 'request-body') {
      // Paused: the request is pulled 1 KiB per tick, so the sender's writes keep trickling.
      timer = setInterval(() => {
        const chunk = socket.read(1024) as Buffer | null;
        if (chunk) record.bytesRead += chunk.length;
      }, everyMs);
      return;
    }
    const drip = (head: string, byte: string): void => {
      socket.write(head);
      timer = setInterval(() => socket.write(byte), everyMs);
    };
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      record.bytesRead += chunk.length;
      if (answered) return;
      answered = true;
      if (mode === 'response-headers') drip('HTTP/1.1 200 OK\r\nX-Drip: ', 'a');
      else drip('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n', '.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ai-done`,
    connections,
    release: () => {
      for (const release of releases) release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
