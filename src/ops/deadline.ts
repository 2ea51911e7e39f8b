/**
 * Every "wait at most this long" in MeterDoc: the store behind an answer, the AI behind its
 * placeholder, Redis commands, a graceful stop. One race, one timer, always cleared.
 */

export const TIMED_OUT: unique symbol = Symbol('timed out');
export type TimedOut = typeof TIMED_OUT;

/** `p`'s value, or TIMED_OUT once `ms` have passed; a rejection of `p` is passed on. */
export async function deadline<T>(p: Promise<T>, ms: number): Promise<T | TimedOut> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race<T | TimedOut>([
      p,
      new Promise<TimedOut>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `p`'s value, or `fallback` when it rejects or takes longer than `ms`: for work that must never block or fail an answer. */
export async function bounded<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  const result = await deadline(
    p.catch(() => fallback),
    ms,
  );
  return result === TIMED_OUT ? fallback : result;
}

/** `p`'s value; rejects with "no answer within N ms" once `ms` have passed. */
export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  const result = await deadline(p, ms);
  if (result === TIMED_OUT) throw new Error(`no answer within ${ms} ms`);
  return result;
}
