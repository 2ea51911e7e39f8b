/**
 * A tiny loopback load balancer for the replicas bench, in a process of its own: each request to
 * it goes to the next upstream in turn (BENCH_UPSTREAMS, comma-separated base URLs), headers and
 * body passed through unchanged (Slack's signature covers the body), the upstream's response
 * passed back.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstreams = (process.env.BENCH_UPSTREAMS ?? '')
  .split(',')
  .filter(Boolean)
  .map((u) => new URL(u));
if (upstreams.length === 0) throw new Error('BENCH_UPSTREAMS is empty');
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
let next = 0;

const server = createServer((req, res) => {
  const upstream = upstreams[next++ % upstreams.length]!;
  const forward = request(
    { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(forward);
});
server.keepAliveTimeout = 60_000;
process.on('disconnect', () => process.exit(0));
server.listen(0, '127.0.0.1', () =>
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
);
