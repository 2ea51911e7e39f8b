/**
 * The one reader of usage-record timestamps, wherever they come from (a paste, the edit form, the
 * intake endpoint, a log line's facts). A billed timestamp is never changed: a value is read only
 * when it names one exact instant that `Date` holds (millisecond precision, a zone); anything
 * finer, or without a zone, is refused rather than rounded or guessed.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?(?:Z|[+-]\d{2}:?\d{2})$/;
/** Epoch seconds as text: what a log or a JSON dump of the wire shape shows. */
const EPOCH_TEXT = /^\d{9,11}(?:\.\d+)?$/;
/** Year 3000: beyond it a number is not epoch seconds. */
const MAX_EPOCH_SECONDS = 32_503_680_000;

/** An ISO 8601 instant with a zone, at most millisecond precision (finer digits only when zeros). */
export function parseInstant(value: string): Date | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const fraction = m[1];
  if (fraction && fraction.length > 3 && !/^0+$/.test(fraction.slice(3))) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Epoch seconds → ISO, only when the value is exact to the millisecond: `Date` keeps no finer
 * precision, and rounding would send a different instant than the one recorded.
 */
export function epochSecondsToIso(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_EPOCH_SECONDS) return undefined;
  const ms = Math.round(seconds * 1000);
  // Exact: a value with whole milliseconds divides back to the very same double.
  if (ms / 1000 !== seconds) return undefined;
  return new Date(ms).toISOString();
}

/**
 * A usage record's `Timestamp` as ISO 8601 UTC: epoch seconds (a number or its text) or an ISO
 * instant with a zone. Undefined when it is neither, or not exact to the millisecond.
 */
export function readTimestamp(value: unknown): string | undefined {
  if (typeof value === 'number') return epochSecondsToIso(value);
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  if (EPOCH_TEXT.test(text)) return epochSecondsToIso(Number(text));
  return parseInstant(text)?.toISOString();
}

/** What `readTimestamp` refuses, in the words an edit form or a 400 shows. */
export const TIMESTAMP_RULE =
  'Timestamp must be epoch seconds (at most millisecond precision) or an ISO 8601 instant with a zone';
