import { createHmac, timingSafeEqual } from 'node:crypto';

/** Same scheme as Slack's request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export const SIGNATURE_HEADER = 'x-meterdoc-signature';
export const TIMESTAMP_HEADER = 'x-meterdoc-request-timestamp';
export const MAX_SKEW_SECONDS = 300;

export function signIntake(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifyIntake(
  secret: string,
  headers: { signature?: string | undefined; timestamp?: string | undefined },
  body: Buffer,
  nowSeconds: number,
): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signIntake(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
