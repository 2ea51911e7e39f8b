import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Slack's request signing check as the raw floor does it with node:crypto alone: v0 HMAC-SHA256
 * of `v0:timestamp:body` with the signing secret, a timestamp within five minutes of now, and a
 * constant-time compare.
 */
export function signedBySlack(secret: string, headers: IncomingHttpHeaders, body: Buffer, nowMs = Date.now()): boolean {
  const stamp = Number(headers['x-slack-request-timestamp']);
  const signature = headers['x-slack-signature'];
  if (!Number.isInteger(stamp) || Math.abs(nowMs / 1000 - stamp) > 300 || typeof signature !== 'string') return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${stamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
