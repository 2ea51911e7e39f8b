import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedBySlack } from '../../../bench/anchors/signed-by-slack.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from(
  JSON.stringify({
    type: 'event_callback',
    event_id: 'Ev0TEST1',
    event: { type: 'message', channel: 'C0TEST', ts: '1700000000.000100', text: 'hello' },
  }),
);
const NOW = 1_700_000_000_000;

function headers(stamp: number, secret = SECRET, signed: Buffer = body): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(stamp),
    'x-slack-signature': `v0=${createHmac('sha256', secret)
      .update(`v0:${stamp}:${signed.toString('utf8')}`)
      .digest('hex')}`,
  };
}

describe("the raw floor's check of Slack's request signature", () => {
  it('accepts a request signed with the signing secret within five minutes', () => {
    expect(signedBySlack(SECRET, headers(NOW / 1000), body, NOW)).toBe(true);
    expect(signedBySlack(SECRET, headers(NOW / 1000 - 299), body, NOW)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale timestamp and missing headers', () => {
    expect(signedBySlack(SECRET, headers(NOW / 1000, 'another-secret'), body, NOW)).toBe(false);
    expect(
      signedBySlack(SECRET, headers(NOW / 1000), Buffer.from(body.toString('utf8').replace('hello', 'hellO')), NOW),
    ).toBe(false);
    expect(signedBySlack(SECRET, headers(NOW / 1000 - 301), body, NOW)).toBe(false);
    expect(signedBySlack(SECRET, {}, body, NOW)).toBe(false);
    expect(signedBySlack(SECRET, { ...headers(NOW / 1000), 'x-slack-signature': 'v0=abc' }, body, NOW)).toBe(false);
  });
});
