/**
 * The raw floor: node:http alone. It checks Slack's request signature with node:crypto (v0 HMAC
 * over timestamp and body, five-minute window, constant-time compare), acks with 200, and posts
 * the fixed answer in the message's thread with fetch. Less than this no Slack app can do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appSettings, serveUnderTest } from './app-process.js';
import { FIXED_ANSWER } from './fixed-answer.js';
import { signedBySlack } from './signed-by-slack.js';

interface MessageEvent {
  type?: string;
  subtype?: string;
  bot_id?: string;
  channel?: string;
  ts?: string;
}

await serveUnderTest(async () => {
  const { signingSecret, slackApiUrl } = appSettings();
  const post = async (event: MessageEvent): Promise<void> => {
    const res = await fetch(`${slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-bench-floor', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: event.channel, thread_ts: event.ts, ...FIXED_ANSWER }),
    });
    await res.json();
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/slack/events') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signedBySlack(signingSecret, req.headers, body)) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200).end();
      const payload = JSON.parse(body.toString('utf8')) as { type?: string; event?: MessageEvent };
      const event = payload.event;
      if (payload.type === 'event_callback' && event?.type === 'message' && !event.subtype && !event.bot_id)
        post(event).catch(() => undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    eventsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
