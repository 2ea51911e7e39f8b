import { type Catalog, owns } from '../catalog/catalog.js';
import { AREAS, type CatalogEntry } from '../catalog/schema.js';
import type { Diagnosis } from '../diagnose.js';

/**
 * Looking an error up by name rather than diagnosing a paste: `/meterdoc ThrottlingException`, or
 * "how do I fix TimestampOutOfBoundsException?" in a DM. Several entries can share a code; with
 * the code alone the Metering Service's entry comes first, then the other areas in catalog order,
 * because metering is what MeterDoc is for. Within an area the entry that owns the code
 * (`match.owns`) comes first: `SignatureDoesNotMatch` is a signature mismatch before it is clock skew.
 */
export function entriesForLookup(catalog: Catalog, word: string): CatalogEntry[] {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{1,100}$/.test(word)) return [];
  const byId = catalog.byId.get(word.toLowerCase());
  if (byId) return [byId];
  const rank = (e: CatalogEntry) => AREAS.indexOf(e.area);
  return [...catalog.entriesForCode(word)].sort(
    (a, b) => rank(a) - rank(b) || Number(owns(b, word)) - Number(owns(a, word)),
  );
}

/** A question is short; a longer text is a paste even when it holds no error format MeterDoc reads. */
const QUESTION_MAX_CHARS = 400;

/**
 * The catalog code a question names, when the text is a question about one known code and not a
 * pasted error: no error format was recognised (`isError` is false), nothing unknown was found, and
 * every weak finding names the same known code.
 */
export function namedCodeQuestion(text: string, diagnosis: Diagnosis, catalog: Catalog): string | undefined {
  if (diagnosis.isError || diagnosis.refusal || diagnosis.unmatched.length > 0 || diagnosis.usageBatch)
    return undefined;
  if (text.trim().length > QUESTION_MAX_CHARS || diagnosis.findings.length === 0) return undefined;
  const codes = new Set(diagnosis.findings.map((f) => f.facts.code));
  const [code] = [...codes];
  return codes.size === 1 && code && catalog.isKnownCode(code) ? code : undefined;
}
