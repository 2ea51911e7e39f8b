import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { encodedForWebApi, POST_METADATA_TYPE, postOnce, type PostingOptions } from '../../src/slack/post-once.js';
import { postToPlace } from '../../src/slack/watch/notifier.js';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';
import { SlackPoster } from '../../src/slack/reply.js';
import { BOT_TOKEN, startSlackStandIn, type SlackStandIn } from '../support/slack-stand-in.js';

/**
 * Posting an answer: each request has a deadline, a failed post is tried again a bounded number
 * of times, and an answer Slack accepted before the connection dropped is never posted twice.
 */

let slack: SlackStandIn;
afterEach(async () => {
  await slack?.close();
});

function setup(overrides: Partial<PostingOptions> = {}, timeoutMs = 300) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  const client = new webApi.WebClient(BOT_TOKEN, {
    slackApiUrl: slack.apiUrl,
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
  const options: PostingOptions = { client, attempts: 3, retryDelayMs: 20, ...overrides };
  return { lines, logger, options };
}

const ANSWER = {
  channel: 'C0CHANNEL1',
  thread_ts: '1700000100.000100',
  text: 'ThrottlingException: slow down',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*ThrottlingException*' } }],
};

/** The messages a person would see in the thread. */
const visible = () => slack.of('chat.postMessage').filter((c) => (c.response as { ok?: boolean } | undefined)?.ok);

describe('postOnce', () => {
  it('posts once, marked with an ID in its message metadata', async () => {
    slack = await startSlackStandIn();
    const { logger, options } = setup();
    const out = await postOnce(options, ANSWER, logger);
    expect(out.ok).toBe(true);
    const [call] = slack.of('chat.postMessage');
    expect(call!.body.metadata).toEqual({
      event_type: POST_METADATA_TYPE,
      event_payload: { post_id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(slack.of('conversations.replies')).toHaveLength(0);
  });

  it('ends a hung post at the timeout, logs it, finds it was not posted, and posts it once', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', (_body, n) => (n === 1 ? { hang: true } : undefined));
    const { lines, logger, options } = setup();
    const started = Date.now();
    const out = await postOnce(options, ANSWER, logger);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(out.ts).toBeDefined();
    expect(slack.of('chat.postMessage')).toHaveLength(2);
    expect(slack.of('conversations.replies')).toHaveLength(1);
    expect(visible()).toHaveLength(1);
    expect(lines.find((l) => l.msg === 'Slack post failed; trying again')).toMatchObject({
      method: 'chat.postMessage',
      error: 'timeout',
      attempt: 1,
      of: 3,
    });
  });

  it('does not post again when Slack accepted the post and the connection dropped before the answer', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', (body, n) =>
      n === 1
        ? {
            acceptThenDrop: {
              ok: true,
              channel: body.channel,
              ts: '1700000200.000300',
              message: {
                type: 'message',
                bot_id: 'BMETERDOC',
                text: body.text,
                ts: '1700000200.000300',
                thread_ts: body.thread_ts,
                metadata: body.metadata,
              },
            },
          }
        : undefined,
    );
    const { lines, logger, options } = setup();
    const out = await postOnce(options, ANSWER, logger);
    expect(out.ts).toBe('1700000200.000300');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.of('conversations.replies')[0]!.body).toMatchObject({
      channel: 'C0CHANNEL1',
      ts: ANSWER.thread_ts,
      include_all_metadata: 'true',
    });
    expect(lines.map((l) => l.msg)).toContain(
      'Slack had accepted the post whose answer was lost: not posting it again',
    );
  });

  it('does not post blind when the thread cannot be read back, and gives up after its attempts', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', (body) => ({
      acceptThenDrop: {
        ok: true,
        channel: body.channel,
        ts: '1700000300.000300',
        message: { ts: '1700000300.000300', thread_ts: body.thread_ts, metadata: body.metadata },
      },
    }));
    slack.override('conversations.replies', () => ({ body: { ok: false, error: 'internal_error' } }));
    const { logger, options } = setup();
    await expect(postOnce(options, ANSWER, logger)).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.of('conversations.replies')).toHaveLength(2);
  });

  it('waits out a rate limit and posts again without reading back (a 429 was not posted)', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', (_body, n) =>
      n === 1 ? { body: { ok: false, error: 'ratelimited' }, status: 429, headers: { 'retry-after': '1' } } : undefined,
    );
    const { logger, options } = setup();
    const started = Date.now();
    await postOnce(options, ANSWER, logger);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(slack.of('chat.postMessage')).toHaveLength(2);
    expect(slack.of('conversations.replies')).toHaveLength(0);
  });

  it('does not retry what Slack refused (not_in_channel)', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const { logger, options } = setup();
    await expect(postOnce(options, ANSWER, logger)).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('gives up on a Slack that never answers after attempts × timeout', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', () => ({ hang: true }));
    const { logger, options } = setup({ attempts: 2 });
    const started = Date.now();
    await expect(postOnce(options, ANSWER, logger)).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    expect(Date.now() - started).toBeLessThan(2 * 300 + 20 + 1500);
    expect(slack.of('chat.postMessage')).toHaveLength(2);
    expect(visible()).toHaveLength(0);
  });

  it('posts a deadline-watch reminder once in its thread when the connection dropped after Slack took it', async () => {
    slack = await startSlackStandIn();
    slack.override('chat.postMessage', (body, n) =>
      n === 1
        ? {
            acceptThenDrop: {
              ok: true,
              channel: body.channel,
              ts: '1700000400.000400',
              message: { ts: '1700000400.000400', thread_ts: body.thread_ts, metadata: body.metadata },
            },
          }
        : undefined,
    );
    const { logger, options } = setup();
    const place = { kind: 'thread' as const, channelId: 'C0CHANNEL1', threadTs: '1700000100.000100' };
    // The app's poster: the channel queue in front of postOnce.
    const poster = new SlackPoster(options.client, new ChannelPostQueue(0, 100), logger, { posting: options });
    const ts = await postToPlace(poster, place, { text: 'Records at risk', blocks: [] });
    expect(ts).toBe('1700000400.000400');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });
});

describe('arguments handed to the Web API client', () => {
  it('carry blocks, attachments and metadata already encoded, and Slack receives the same form body', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true,"channel":"C0CHANNEL1","ts":"1700000200.000200"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new webApi.WebClient(BOT_TOKEN, {
        slackApiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
        retryConfig: { retries: 0 },
        logLevel: webApi.LogLevel.ERROR,
      });
      const args = {
        ...ANSWER,
        text: ':warning: rate exceeded & retried — 100% "quoted"',
        attachments: [{ color: '#d00', fallback: 'x' }],
        metadata: { event_type: POST_METADATA_TYPE, event_payload: { post_id: 'p-1', note: 'a+b=c' } },
      };
      const encoded = encodedForWebApi(args);
      expect(typeof encoded.blocks).toBe('string');
      expect(typeof encoded.metadata).toBe('string');
      await client.chat.postMessage(args);
      await client.chat.postMessage(encoded);
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toBe(bodies[0]);
    } finally {
      server.close();
    }
  });
});
