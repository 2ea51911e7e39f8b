import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP server that accepts every connection, reads each request and never answers:
 * what a stuck load balancer or a half-dead endpoint looks like to a client. A request is recorded
 * when its headers arrive (its body follows in `body`).
 */
export interface HungServer {
  url: string;
  /** Every request received, in order. */
  requests: Array<{ method: string; path: string; target?: string; body: string; at: number }>;
  /** Resolves when `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHungServer(): Promise<HungServer> {
  const requests: HungServer['requests'] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req: IncomingMessage) => {
    const target = req.headers['x-amz-target'];
    const request = {
      method: req.method ?? '',
      path: req.url ?? '',
      ...(typeof target === 'string' ? { target } : {}),
      body: '',
      at: Date.now(),
    };
    requests.push(request);
    req.on('data', (chunk: Buffer) => (request.body += chunk.toString()));
    for (const w of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
