import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny Bedrock Runtime stand-in on 127.0.0.1, reached through AWS_ENDPOINT_URL_BEDROCK_RUNTIME
 * (the SDK's own endpoint setting) rather than nock, so the real HTTP path is exercised.
 */
export interface StandIn {
  url: string;
  requests: Array<{ path: string; body: any; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startStandIn(
  reply: (
    body: any,
    n: number,
  ) => { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number },
): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      requests.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      const r = reply(body, requests.length);
      const send = (): void => {
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(JSON.stringify(r.body));
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
