import type { Facts } from './facts.js';

/**
 * The identity of an error without its noise: two pastes of the same failure that differ only in
 * request IDs, timestamps, UUIDs, quantities, hex digests or account numbers normalise to the same
 * text. Used as the AI cache key, so a repeated error with a new request ID is not paid for twice.
 * Pure; every pattern is linear (one bounded character class per token, no nesting).
 */

const NOISE: Array<[RegExp, string]> = [
  // ISO and log timestamps first, before their digits are folded into '#'.
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<TIME>'],
  [/\b\d{4}[/-]\d{2}[/-]\d{2}\b/g, '<DATE>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\b/g, '<TIME>'],
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4}\b/g, '<DATE>'],
  // Request IDs in their labelled forms (the value may be any opaque token, not only a UUID).
  [
    /\b(request[ _-]?id|x-amzn-requestid|x-amz-request-id|x-amz-id-2|RequestId|extendedRequestId|cfId)(["']?\s{0,3}[:=]\s{0,3}["'<]?)[A-Za-z0-9+/=_-]{6,200}/gi,
    '$1$2<ID>',
  ],
  [/<RequestId>[^<]{1,200}<\/RequestId>/g, '<RequestId><ID></RequestId>'],
  // Unlabelled UUIDs after the labelled IDs, so a request ID folds the same whatever its shape.
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, '<UUID>'],
  [/\b(?:0x)?[0-9a-fA-F]{16,}\b/g, '<HEX>'],
  // ARN account parts: whatever the redactor left (or did not see) is not part of the error's identity.
  [/(arn:aws[a-z-]{0,20}:[a-z0-9-]{1,40}:[a-z0-9-]{0,30}:)(?:\d{12}|<ACCOUNT_\d{1,5}>)/g, '$1<ACCOUNT>'],
  [/<(ACCOUNT|ACCESS_KEY|SECRET|SESSION_TOKEN|SLACK_TOKEN|EMAIL|IP|CUSTOMER|PRIVATE_KEY)_\d{1,5}>/g, '<$1>'],
  // Remaining numbers: quantities, attempts, latencies, ports, epoch seconds.
  [/\d+(?:\.\d+)?/g, '#'],
];

/** Folds noise out of one error's text; whitespace and case are folded too. */
export function normalizeForFingerprint(text: string): string {
  let out = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const [pattern, replacement] of NOISE) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The text that identifies one error. With a message, the code and the normalised message are
 * enough, and leaving out what only some log formats carry (operation, HTTP status) lets the
 * same error pasted from botocore and from the JS SDK share one answer. Without a message the
 * operation and service must tell errors apart, and the excerpt stands in for the message.
 */
export function errorIdentity(facts: Facts, excerpt: string): string {
  if (facts.message && facts.message.trim().length > 0)
    return [facts.code ?? '', normalizeForFingerprint(facts.message)].join('|');
  return [facts.code ?? '', facts.operation ?? '', facts.service ?? '', normalizeForFingerprint(excerpt)].join('|');
}
