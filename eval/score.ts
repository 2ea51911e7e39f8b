import { DEFAULT_ERROR_THRESHOLD, HIGH_CONFIDENCE } from '../src/core/index.js';
import type { Area, Diagnosis, VerdictKind } from '../src/core/index.js';
import type { EvalCase, ExpectedClass } from './case-schema.js';

/**
 * Scoring: what one diagnosis means for one case, and the figures over a set.
 * Pure, so the rules themselves are tested.
 */

/** From this confidence a finding is shown as "high confidence": the core's own threshold. */
export { HIGH_CONFIDENCE };
/** Areas whose entries claim an error as a metering (or entitlement) problem. */
export const METERING_AREAS: readonly Area[] = ['metering', 'entitlement'];

/** What the diagnosis gave, reduced to what the scoring needs. */
export interface Observed {
  isError: boolean;
  /** Findings in the order they are shown: the first is the answer people read. */
  findings: Array<{ id: string; area: Area; services: string[]; confidence: number; evidence: number }>;
  /** The core's verdict on the paste and the entries it offered as "might be related". */
  verdict?: { kind: VerdictKind; related: string[] };
}

export interface Outcome {
  caseId: string;
  expected: ExpectedClass;
  /** The expectation, said the way the failure list prints it. */
  expectedLabel: string;
  /** Whether the case's own criterion holds (top-1 right, restrained, silent, recognised). */
  pass: boolean;
  /** The top finding was shown as high confidence. */
  highConfidence: boolean;
  /** Whether that high-confidence top finding is a right answer for the case (undefined when not high). */
  highConfidenceRight?: boolean;
  /** More than one finding for a paste that holds one error. */
  extraFindings: boolean;
  got: string;
  confidence?: number;
  /** Every finding of the case with whether it is a right answer for it, for the reliability table. */
  judged: JudgedFinding[];
  /** The core's verdict, and whether it was the right thing to say (see `verdictRight`). */
  verdict?: VerdictKind;
  verdictRight?: boolean;
}

/** One finding shown for a case: its confidence and whether it is a right answer. */
export interface JudgedFinding {
  confidence: number;
  right: boolean;
}

export function observe(diagnosis: Diagnosis): Observed {
  return {
    isError: diagnosis.isError,
    findings: diagnosis.findings.map((f) => ({
      id: f.entry.id,
      area: f.entry.area,
      services: f.entry.services,
      confidence: f.confidence,
      evidence: f.evidence,
    })),
    verdict: { kind: diagnosis.verdict.kind, related: diagnosis.verdict.related.map((r) => r.entry.id) },
  };
}

/**
 * Whether the verdict said the right thing. A diagnosis or possible match is right when its top
 * finding is; "does not know" is right for an unknown or unrelated error, and for a catalog case
 * only when the expected entry is among the entries it offered as "might be related"; "no error"
 * is right for chat and an unrelated error (silence claims nothing).
 */
function verdictRight(c: EvalCase, o: Observed, topRight: boolean): boolean | undefined {
  if (!o.verdict) return undefined;
  const e = c.expect;
  switch (o.verdict.kind) {
    case 'known':
    case 'possible':
      return topRight;
    case 'unknown':
      if (e.class === 'catalog') return o.verdict.related.includes(e.entry);
      return e.class === 'unknown' || e.class === 'unrelated';
    case 'none':
      return e.class === 'chat' || e.class === 'unrelated';
  }
}

function expectedLabel(c: EvalCase): string {
  const e = c.expect;
  if (e.class === 'catalog') return e.entry;
  if (e.class === 'unrelated') return `unrelated ${e.service} ${e.kind}`;
  return e.class;
}

function gotLabel(o: Observed): string {
  if (o.findings.length === 0) return o.isError ? 'unmatched error' : 'silent';
  return o.findings.map((f) => f.id).join(' + ');
}

/** A finding is an acceptable answer to an unrelated error when it does not claim metering and covers that service. */
function fitsUnrelated(f: Observed['findings'][number], service: string): boolean {
  return !METERING_AREAS.includes(f.area) && (f.services.includes('*') || f.services.includes(service));
}

/**
 * Whether one finding is a right answer for the case: the expected entry for a catalog case, an
 * entry for that service that does not claim metering for an unrelated error, never for chat or an
 * unknown error. An extra finding for a one-error paste is judged the same way, so an extra
 * wrong entry counts against the confidence it was shown with.
 */
function findingRight(c: EvalCase, f: Observed['findings'][number]): boolean {
  const e = c.expect;
  if (e.class === 'catalog') return f.id === e.entry;
  if (e.class === 'unrelated') return fitsUnrelated(f, e.service);
  return false;
}

/** Judges one case against what the diagnosis gave. */
export function judge(c: EvalCase, o: Observed): Outcome {
  const top = o.findings[0];
  const high = top !== undefined && top.confidence >= HIGH_CONFIDENCE;
  const e = c.expect;
  let pass: boolean;
  let highRight: boolean | undefined;
  switch (e.class) {
    case 'catalog':
      pass = top?.id === e.entry;
      highRight = high ? pass : undefined;
      break;
    case 'unrelated':
      pass = top === undefined || !METERING_AREAS.includes(top.area);
      highRight = high ? fitsUnrelated(top, e.service) : undefined;
      break;
    case 'unknown':
      pass = o.isError && !o.findings.some((f) => f.confidence >= HIGH_CONFIDENCE);
      highRight = high ? false : undefined;
      break;
    case 'chat':
      // Silent as a channel is: no error, and no finding a channel would post. A weak finding
      // (a code named in a question) is kept for explicit asks, which may ground the AI on it.
      pass = !o.isError && !o.findings.some((f) => f.evidence >= DEFAULT_ERROR_THRESHOLD);
      highRight = high ? false : undefined;
      break;
  }
  return {
    caseId: c.id,
    expected: e.class,
    expectedLabel: expectedLabel(c),
    pass,
    highConfidence: high,
    ...(highRight !== undefined ? { highConfidenceRight: highRight } : {}),
    extraFindings: (e.class === 'catalog' || e.class === 'unrelated') && o.findings.length > 1,
    got: gotLabel(o),
    ...(top ? { confidence: top.confidence } : {}),
    judged: o.findings.map((f) => ({ confidence: f.confidence, right: findingRight(c, f) })),
    ...(o.verdict
      ? {
          verdict: o.verdict.kind,
          verdictRight: verdictRight(c, o, top !== undefined && findingRight(c, top)),
        }
      : {}),
  };
}

/** A share with its counts; `rate` is null when there was nothing to count. */
export interface Ratio {
  right: number;
  of: number;
  rate: number | null;
}

export interface SetFigures {
  cases: number;
  /** Cases right by their own class's criterion (top-1, restraint, silence, recognised): the set's one figure. */
  overall: Ratio;
  /** Catalog cases whose top finding is the expected entry. */
  top1: Ratio;
  /** Unrelated AWS errors whose top finding is not a metering or entitlement entry. */
  restraint: Ratio;
  /** Chat that gave isError false and no finding. */
  silence: Ratio;
  /** Unknown errors recognised as errors and not claimed by any entry at high confidence. */
  unknown: Ratio;
  /** High-confidence top findings (any case) that are right. */
  highConfidencePrecision: Ratio;
  /** Single-error pastes (catalog, unrelated) that gave more than one finding. */
  extraFindings: Ratio;
  /** Every finding bucketed by its confidence, with the share right in each bucket. */
  reliability: ReliabilityBucket[];
  /** Per verdict the core gave (known, possible, unknown, none): how many cases, and how many it was right to say. */
  verdicts: Record<VerdictKind, Ratio>;
}

/** The confidence buckets of the reliability table: [from, below). The last is the "high confidence" one. */
export const RELIABILITY_BUCKETS: ReadonlyArray<{ label: string; from: number; below: number }> = [
  { label: '<0.5', from: 0, below: 0.5 },
  { label: '0.5-0.7', from: 0.5, below: 0.7 },
  { label: '0.7-0.85', from: 0.7, below: HIGH_CONFIDENCE },
  { label: '>=0.85', from: HIGH_CONFIDENCE, below: Number.POSITIVE_INFINITY },
];

/**
 * One row of the reliability table: the findings whose confidence falls in the bucket, how many
 * were right (precision), and their mean confidence. A calibrated confidence has a precision close
 * to the mean confidence; the last bucket must be at least 99 % precise.
 */
export interface ReliabilityBucket {
  bucket: string;
  findings: number;
  right: number;
  precision: number | null;
  meanConfidence: number | null;
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function reliability(outcomes: Outcome[]): ReliabilityBucket[] {
  const all = outcomes.flatMap((o) => o.judged);
  return RELIABILITY_BUCKETS.map(({ label, from, below }) => {
    const inBucket = all.filter((f) => f.confidence >= from && f.confidence < below);
    const right = inBucket.filter((f) => f.right).length;
    const n = inBucket.length;
    return {
      bucket: label,
      findings: n,
      right,
      precision: n === 0 ? null : round4(right / n),
      meanConfidence: n === 0 ? null : round4(inBucket.reduce((sum, f) => sum + f.confidence, 0) / n),
    };
  });
}

function ratio(right: number, of: number): Ratio {
  return { right, of, rate: of === 0 ? null : Math.round((right / of) * 10_000) / 10_000 };
}

function share(outcomes: Outcome[], cls: ExpectedClass): Ratio {
  const of = outcomes.filter((o) => o.expected === cls);
  return ratio(of.filter((o) => o.pass).length, of.length);
}

const VERDICT_KINDS: readonly VerdictKind[] = ['known', 'possible', 'unknown', 'none'];

export function verdictFigures(outcomes: Outcome[]): Record<VerdictKind, Ratio> {
  const out = {} as Record<VerdictKind, Ratio>;
  for (const kind of VERDICT_KINDS) {
    const said = outcomes.filter((o) => o.verdict === kind);
    out[kind] = ratio(said.filter((o) => o.verdictRight).length, said.length);
  }
  return out;
}

export function figures(outcomes: Outcome[]): SetFigures {
  const high = outcomes.filter((o) => o.highConfidence);
  const single = outcomes.filter((o) => o.expected === 'catalog' || o.expected === 'unrelated');
  return {
    cases: outcomes.length,
    overall: ratio(outcomes.filter((o) => o.pass).length, outcomes.length),
    top1: share(outcomes, 'catalog'),
    restraint: share(outcomes, 'unrelated'),
    silence: share(outcomes, 'chat'),
    unknown: share(outcomes, 'unknown'),
    highConfidencePrecision: ratio(high.filter((o) => o.highConfidenceRight).length, high.length),
    extraFindings: ratio(single.filter((o) => o.extraFindings).length, single.length),
    reliability: reliability(outcomes),
    verdicts: verdictFigures(outcomes),
  };
}

/** Minimum rates the run may be asked to meet (for later use as a gate). */
export interface Thresholds {
  top1?: number;
  restraint?: number;
  silence?: number;
  unknown?: number;
  precision?: number;
}

/** The thresholds a set's figures miss, as readable lines; sets with nothing to count pass. */
export function missedThresholds(name: string, f: SetFigures, t: Thresholds): string[] {
  const checks: Array<[string, Ratio, number | undefined]> = [
    ['top1', f.top1, t.top1],
    ['restraint', f.restraint, t.restraint],
    ['silence', f.silence, t.silence],
    ['unknown', f.unknown, t.unknown],
    ['precision', f.highConfidencePrecision, t.precision],
  ];
  return checks
    .filter(([, r, min]) => min !== undefined && r.rate !== null && r.rate < min)
    .map(([label, r, min]) => `${name}: ${label} ${r.rate} is below ${min}`);
}
