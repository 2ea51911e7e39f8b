import { answerFromEntry, type Answer, type Catalog, type Facts, type UnmatchedError } from '../core/index.js';
import type { NearestEntry } from '../core/match/nearest.js';
import type { RelatedEntry } from './blocks/diagnosis.js';

/**
 * An error MeterDoc does not know, as the stored answer behind its message's buttons: what "Copy
 * for AWS Support" reads, and what the "might be related" buttons are about. It claims nothing:
 * no entry, no steps, no actions.
 */
export function unknownErrorAnswer(error: UnmatchedError, reason: string): Answer {
  const code = error.facts.code ?? 'this error';
  return {
    entryId: 'unknown',
    title: `MeterDoc does not know ${code}`,
    area: 'unknown',
    severity: 'warning',
    retryable: false,
    source: 'catalog',
    confidence: 0,
    occurrences: error.occurrences,
    facts: [],
    what: `No catalog entry fits ${code}. ${reason}`,
    why: [],
    fix: [],
    docs: [],
    actions: [],
  };
}

/** The closest entries, each filled with the unknown error's facts for when someone opens it. */
export function relatedEntries(nearest: ReadonlyArray<Pick<NearestEntry, 'entry'>>, facts: Facts): RelatedEntry[] {
  return nearest.slice(0, 3).map(({ entry }) => ({
    entry,
    answer: answerFromEntry(entry, facts, { source: 'catalog', confidence: 0, occurrences: 1 }),
  }));
}

/** The related entries a stored unknown-error answer named, still in the catalog. */
export function storedRelated(catalog: Catalog, ids: readonly string[] | undefined, facts: Facts): RelatedEntry[] {
  const entries = (ids ?? []).flatMap((id) => {
    const entry = catalog.byId.get(id);
    return entry ? [{ entry }] : [];
  });
  return relatedEntries(entries, facts);
}
