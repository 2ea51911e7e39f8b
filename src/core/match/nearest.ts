import type { Catalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/schema.js';
import type { Facts } from '../facts.js';

/**
 * The catalog entries closest to an error the catalog does not recognise. They ground the AI
 * prompt and are what the user gets when the AI cannot answer. Similarity, not identity: shared
 * words of the code (InvalidUsageAllocationsException ~ InvalidUsageDimensionException), same
 * operation, same service, shared words between the message and the entry's texts.
 * Pure and linear in the catalog size.
 */

export interface NearestEntry {
  entry: CatalogEntry;
  /** In [0, 1]: how much of the evidence the entry shares; not a probability of being right. */
  similarity: number;
  /** What it shares with the error, in a few words: "same code", "same operation", "similar wording". */
  why?: string[];
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'for',
  'is',
  'was',
  'and',
  'or',
  'not',
  'be',
  'with',
  'this',
  'that',
  'error',
  'exception',
  'occurred',
  'when',
  'calling',
  'operation',
  'request',
  'your',
  'you',
  'are',
  'from',
  'by',
  'at',
  'as',
  'it',
]);

/** Splits CamelCase and snake/kebab names into lower-case words. */
export function codeWords(code: string): string[] {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !STOP.has(w));
}

function textWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/))
    if (w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w)) words.add(w);
  return words;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** An entry's words, split once: the catalog is read-only, so they never change. */
interface EntryWords {
  code: Set<string>;
  text: Set<string>;
}
const entryWordsCache = new WeakMap<CatalogEntry, EntryWords>();

function entryWords(entry: CatalogEntry): EntryWords {
  let words = entryWordsCache.get(entry);
  if (!words) {
    words = {
      code: new Set(entry.match.codes.flatMap(codeWords)),
      text: textWords(`${entry.title} ${entry.match.messages.join(' ')} ${entry.what}`),
    };
    entryWordsCache.set(entry, words);
  }
  return words;
}

/** What one error offers for comparing it with entries. */
export interface ErrorWords {
  facts: Facts;
  code: ReadonlySet<string>;
  message: ReadonlySet<string>;
}

export function errorWords(facts: Facts, excerpt = ''): ErrorWords {
  return {
    facts,
    code: new Set(facts.code ? codeWords(facts.code) : []),
    message: textWords(`${facts.message ?? ''} ${facts.message ? '' : excerpt}`.slice(0, 4000)),
  };
}

/** Below this much shared wording the message says nothing about an entry. */
const WORDING_REASON = 0.3;

/**
 * How close one entry is to an error, and why in a few words ("same code", "same operation"):
 * what a reader needs to judge a "might be related" entry. Null when nothing is shared.
 */
export function relate(entry: CatalogEntry, error: ErrorWords): { similarity: number; why: string[] } | null {
  const { facts } = error;
  const words = entryWords(entry);
  const why: string[] = [];
  let score = 0;
  let weight = 0;
  if (error.code.size > 0) {
    const shared = overlap(error.code, words.code);
    score += 4 * shared;
    weight += 4;
    if (facts.code && entry.match.codes.some((c) => c.toLowerCase() === facts.code!.toLowerCase()))
      why.push('same code');
    else if (shared > 0) why.push('similar code');
  }
  if (facts.operation) {
    weight += 2;
    if (entry.match.operations.includes(facts.operation)) {
      score += 2;
      why.push('same operation');
    } else if (entry.match.operations.length > 0) score -= 1;
  }
  if (facts.service) {
    weight += 2;
    if (entry.services.includes(facts.service)) {
      score += 2;
      why.push('same service');
    } else if (!entry.services.includes('*')) score -= 0.5;
  }
  if (error.message.size > 0) {
    const shared = overlap(error.message, words.text);
    score += 3 * shared;
    weight += 3;
    if (shared >= WORDING_REASON) why.push('similar wording');
  }
  if (facts.action && entry.match.iamActions.length > 0) {
    weight += 1;
    const service = facts.action.split(':')[0]!.toLowerCase();
    if (entry.match.iamActions.some((a) => a.toLowerCase().startsWith(`${service}:`))) {
      score += 1;
      why.push('same IAM service');
    }
  }
  if (weight === 0 || score <= 0) return null;
  return { similarity: Math.round((score / weight) * 100) / 100, why };
}

/** Least similarity for an entry to be offered at all. */
export const MIN_SIMILARITY = 0.15;
/**
 * Least similarity for an entry that shares only wording (no code, operation, service or IAM
 * service): words like "usage" or "rejected" are in half the catalog, so a few of them in common
 * make noise, not a lead ("flux capacitor rejected usage" is not a metering entry's error).
 */
export const MIN_WORDING_ONLY_SIMILARITY = 0.3;

/** Whether an entry is close enough to an error to offer it as "might be related". */
export function isWorthOffering(near: { similarity: number; why?: readonly string[] }): boolean {
  const wordingOnly = (near.why ?? []).every((w) => w === 'similar wording');
  return near.similarity >= (wordingOnly ? MIN_WORDING_ONLY_SIMILARITY : MIN_SIMILARITY);
}

export function nearestEntries(catalog: Catalog, facts: Facts, excerpt = '', limit = 3): NearestEntry[] {
  const error = errorWords(facts, excerpt);
  const scored: NearestEntry[] = [];
  for (const entry of catalog.entries) {
    const near = relate(entry, error);
    if (near) scored.push({ entry, similarity: near.similarity, why: near.why });
  }
  return scored
    .filter(isWorthOffering)
    .sort((a, b) => b.similarity - a.similarity || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit);
}
