import type { Diagnosis, Finding } from './diagnose.js';
import type { Facts } from './facts.js';
import { isHighConfidence, type RelatedCatalogEntry, type VerdictKind } from './verdict.js';

/**
 * The public `meterdoc diagnose --json` shape. Other tools depend on it: add fields, never
 * rename or remove one. `facts` keys are present only when found.
 */
export interface JsonFinding {
  entry: string;
  codes: string[];
  title: string;
  services: string[];
  severity: 'blocker' | 'warning' | 'info';
  retryable: boolean;
  source: 'catalog' | 'llm' | 'cache';
  confidence: number;
  facts: Facts;
  // Extensions.
  /** How sure MeterDoc is that the paste holds this error at all (confidence is about the entry). */
  evidence: number;
  area: string;
  occurrences: number;
  actions: string[];
  docs: Array<{ title: string; url: string }>;
  /** `high` from confidence 0.85 (a diagnosis), `possible` below it: answers say "possible match". */
  certainty: 'high' | 'possible';
  /** Present (false) when a network failure is in a paste with nothing AWS in it: it may be anyone's. */
  awsContext?: false;
}

export interface JsonDiagnosis {
  isError: boolean;
  findings: JsonFinding[];
  // Extensions.
  unmatched: Array<{ facts: Facts; occurrences: number }>;
  usageBatch?: Diagnosis['usageBatch'];
  refusal?: Diagnosis['refusal'];
  truncated?: Diagnosis['truncated'];
  /** Present when an AI or cache path was asked and could not answer: one line, for people. */
  note?: string;
  /**
   * What the catalog can say about the paste as a whole: `known` (a high-certainty finding),
   * `possible` (only possible matches), `unknown` (an error no entry fits well), `none` (no error).
   * AI answers in `findings` do not change it.
   */
  verdict: VerdictKind;
  /** For `possible` and `unknown`: the closest catalog entries, best first ("might be related"). */
  related: JsonRelated[];
}

export interface JsonRelated {
  entry: string;
  title: string;
  /** In [0, 1]: how much the entry shares with the error; not a probability of being right. */
  similarity: number;
  /** What it shares, in a few words ("same code, same operation"). */
  why: string;
}

export function toJsonRelated(related: RelatedCatalogEntry): JsonRelated {
  return { entry: related.entry.id, title: related.entry.title, similarity: related.similarity, why: related.why };
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { entry } = finding;
  return {
    entry: entry.id,
    codes: [...entry.match.codes],
    title: entry.title,
    services: [...entry.services],
    severity: entry.severity,
    retryable: entry.retryable,
    source: finding.source,
    confidence: finding.confidence,
    facts: { ...finding.facts },
    evidence: finding.evidence,
    area: entry.area,
    occurrences: finding.occurrences,
    actions: [...entry.actions],
    docs: entry.docs.map((d) => ({ title: d.title, url: d.url })),
    certainty: isHighConfidence(finding.confidence) ? 'high' : 'possible',
    ...(finding.awsContext === false ? { awsContext: false as const } : {}),
  };
}

export function toJsonDiagnosis(diagnosis: Diagnosis, note?: string): JsonDiagnosis {
  return {
    isError: diagnosis.isError,
    findings: diagnosis.findings.map(toJsonFinding),
    unmatched: diagnosis.unmatched.map((u) => ({ facts: { ...u.facts }, occurrences: u.occurrences })),
    ...(diagnosis.usageBatch ? { usageBatch: diagnosis.usageBatch } : {}),
    ...(diagnosis.refusal ? { refusal: diagnosis.refusal } : {}),
    ...(diagnosis.truncated ? { truncated: diagnosis.truncated } : {}),
    ...(note ? { note } : {}),
    verdict: diagnosis.verdict.kind,
    related: diagnosis.verdict.related.map(toJsonRelated),
  };
}
