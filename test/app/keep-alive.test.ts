import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/app/settings.js';
import { startApp, type RunningApp } from '../slack/harness.js';

/**
 * Behind a load balancer the HTTP server Slack posts events to must keep idle connections open
 * longer than the balancer does (an ALB keeps them 60 s); otherwise the balancer sends an event on
 * a connection Node has just closed (its own limit is 5 s) and Slack gets a 502.
 */

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** Sends one HTTP/1.1 GET on `socket` and resolves with the response's status line. */
function get(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (head >= 0 && length !== undefined && text.length >= head + 4 + Number(length)) {
        socket.off('data', onData);
        resolve(text.split('\r\n')[0]!);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: meterdoc.test\r\n\r\n`);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle connections to the HTTP server Slack posts events to', () => {
  it('stay open for 65 s by default, above an ALB idle timeout', () => {
    const settings = loadSettings({
      env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'x'.repeat(32), PORT: '0' },
    });
    expect(settings.httpKeepAliveMs).toBe(65_000);
  });

  it('stay open for METERDOC_HTTP_KEEP_ALIVE_MS, then the server closes them', async () => {
    app = await startApp({ env: { METERDOC_HTTP_KEEP_ALIVE_MS: '1000' } });
    const { port } = new URL(app.base);
    const socket = connect(Number(port), '127.0.0.1');
    try {
      // The probes share this server (and its connections) in HTTP mode.
      expect(await get(socket, '/livez')).toBe('HTTP/1.1 200 OK');
      await sleep(400);
      expect(await get(socket, '/livez')).toBe('HTTP/1.1 200 OK');
      const idleSince = Date.now();
      await new Promise((resolve) => socket.once('end', resolve));
      // Well before Node's own 5 s: the setting is what closed it.
      expect(Date.now() - idleSince).toBeLessThan(3_000);
    } finally {
      socket.destroy();
    }
  });
});
