import { createHash } from 'node:crypto';
import type { Facts } from '../core/facts.js';
import { errorIdentity } from '../core/fingerprint.js';
import { promptFacts } from '../ai/prompt.js';
import { Redactor, redactDeep } from '../redact/redact.js';

/**
 * The key a catalog gap is recorded under. It is computed exactly as the AI fallback computes its
 * cache fingerprint (redact, fold noise, hash), so an AI answer's `ai-<fingerprint>` entry id,
 * its cache entry and its gap record all name the same error, and two pastes of one error that
 * differ only in request IDs, times or customer values count as one gap.
 */
export function gapFingerprint(facts: Facts, excerpt: string): string {
  const redactor = redactorFor(facts);
  const redactedFacts = redactDeep(promptFacts(facts), redactor);
  return createHash('sha256')
    .update(errorIdentity(redactedFacts, redactor.redact(excerpt)))
    .digest('hex')
    .slice(0, 24);
}

/** A Redactor that also knows the customer and account values the core read from the paste. */
export function redactorFor(facts: Facts): Redactor {
  const redactor = new Redactor();
  if (facts.customerIdentifier) redactor.remember('CUSTOMER', facts.customerIdentifier);
  for (const account of [facts.customerAwsAccountId, facts.accountId])
    if (account) redactor.remember('ACCOUNT', account);
  return redactor;
}

export const MAX_EXAMPLE_CHARS = 1500;

/** One example of the error safe to keep for weeks: redacted, then cut. */
export function redactedExample(facts: Facts, excerpt: string): string {
  const text = redactorFor(facts).redact(excerpt).trim();
  return text.length > MAX_EXAMPLE_CHARS ? `${text.slice(0, MAX_EXAMPLE_CHARS - 1)}…` : text;
}
