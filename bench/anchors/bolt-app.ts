/**
 * The bare Bolt anchor: the same @slack/bolt as MeterDoc, its HTTPReceiver with request signing
 * verified, and one listener that answers every message in its thread with one fixed Block Kit
 * message. Web API retries off, as MeterDoc runs in the bench.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { appSettings, serveUnderTest } from './app-process.js';
import { FIXED_ANSWER } from './fixed-answer.js';

await serveUnderTest(async () => {
  const { signingSecret, slackApiUrl } = appSettings();
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    token: 'xoxb-bench-bolt',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
  });
  app.message(async ({ message, say }) => {
    await say({ ...FIXED_ANSWER, blocks: [...FIXED_ANSWER.blocks], thread_ts: message.ts });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    eventsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => app.stop().then(() => undefined),
  };
});
