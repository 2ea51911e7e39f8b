import { DEFAULT_ERROR_THRESHOLD, type Finding } from '../core/index.js';

/** `--fail-on LEVEL`: the CI switch that turns findings into a failing exit code. */

export const FAIL_ON_LEVELS = ['blocker', 'warning'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** Higher is worse. */
const RANK: Record<Finding['entry']['severity'], number> = { info: 0, warning: 1, blocker: 2 };

/** The level, or null when the value is not one (a usage error, never a silent "fail on nothing"). */
export function parseFailOn(value: string): FailOn | null {
  return (FAIL_ON_LEVELS as readonly string[]).includes(value) ? (value as FailOn) : null;
}

/**
 * The findings at `level` or worse that the text shows as an error that happened: a log is read
 * the way MeterDoc reads a channel it was not asked about (evidence at least
 * DEFAULT_ERROR_THRESHOLD), so a line that only names an error, such as a retry policy listing
 * ThrottlingException, does not fail a build. Errors the catalog does not know (`unmatched`) have
 * no severity and never count.
 */
export function findingsAtOrAbove(findings: readonly Finding[], level: FailOn): Finding[] {
  return findings.filter((f) => f.evidence >= DEFAULT_ERROR_THRESHOLD && RANK[f.entry.severity] >= RANK[level]);
}
