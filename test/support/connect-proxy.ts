import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A forward proxy on loopback as a corporate network has one: HTTPS goes through `CONNECT
 * host:port` tunnels, plain HTTP arrives as absolute-URI requests. It records every target and,
 * having no internet, sends every tunnel to one loopback upstream (the stand-in for Slack and
 * AWS), the way a proxy resolves names the client cannot.
 */
export interface ConnectProxy {
  url: string;
  /** `host:port` of every CONNECT, and `http://host/path` of every forwarded request, in order. */
  seen: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(upstreamPort: number): Promise<ConnectProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    // Not needed by the tests: the clients under test tunnel HTTPS. Say so rather than hang.
    res.writeHead(502, { 'content-type': 'text/plain' }).end('this proxy only tunnels');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(req.url ?? '');
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const upstream = connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
