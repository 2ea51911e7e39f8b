import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { slackNetwork } from '../../src/slack/proxy-dispatcher.js';
import { startConnectProxy } from '../support/connect-proxy.js';

/**
 * The Web API client with the proxy fetch, in process, over plain HTTP: the loopback CONNECT proxy
 * tunnels to a stand-in answering like Slack, and a second stand-in NO_PROXY exempts.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, seen };
}

const slackLike: Parameters<typeof createServer>[1] = (_req, res) => {
  res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ok: true, user_id: 'U0BOT', team_id: 'T0TEST' }));
};

describe('slackNetwork', () => {
  it('is undefined without a proxy, so the clients keep their defaults', () => {
    expect(slackNetwork(undefined)).toBeUndefined();
    expect(slackNetwork({ noProxy: '*' })).toBeUndefined();
  });

  it('sends Web API calls to the proxy, and calls to a NO_PROXY host straight to it', async () => {
    const slack = await listen(slackLike);
    const direct = await listen(slackLike);
    const proxy = await startConnectProxy(slack.port);
    closers.push(() => proxy.close());
    const net = slackNetwork({ httpProxy: proxy.url, noProxy: 'localhost' })!;
    closers.push(() => net.dispatcher.close());

    const viaProxy = new webApi.WebClient('xoxb-test', {
      slackApiUrl: 'http://slack.stand-in.test/api/',
      fetch: net.fetch,
      retryConfig: { retries: 0 },
    });
    expect(await viaProxy.auth.test()).toMatchObject({ ok: true, user_id: 'U0BOT' });
    expect(proxy.seen).toEqual(['slack.stand-in.test:80']);
    expect(slack.seen).toEqual(['POST /api/auth.test']);

    const bypass = new webApi.WebClient('xoxb-test', {
      slackApiUrl: `http://localhost:${direct.port}/api/`,
      fetch: net.fetch,
      retryConfig: { retries: 0 },
    });
    expect(await bypass.auth.test()).toMatchObject({ ok: true });
    expect(direct.seen).toEqual(['POST /api/auth.test']);
    expect(proxy.seen).toHaveLength(1);
  });
});
