import type { ActionKind, Area, CatalogEntry, DocLink, Severity } from '../catalog/schema.js';
import { type AnswerSource, type Finding, HIGH_CONFIDENCE } from '../diagnose.js';
import { FACT_LABELS, type Facts, type Placeholder } from '../facts.js';
import { windowDescription } from '../time-window.js';
import { textsFor } from '../catalog/texts.js';
import { policyBlocks, policyFor } from './policy.js';

/**
 * An answer ready to show: the catalog entry's text filled with the facts from the paste.
 * The CLI prints it and the Slack app turns it into Block Kit; the AI path produces the same shape.
 */
export interface Answer {
  entryId: string;
  title: string;
  area: Area | 'unknown';
  severity: Severity;
  retryable: boolean;
  source: AnswerSource;
  confidence: number;
  occurrences: number;
  facts: Array<{ key: keyof Facts; label: string; value: string }>;
  what: string;
  why: string[];
  fix: string[];
  /** An IAM policy document to attach, pretty-printed JSON, when a permission is missing. */
  policy?: string;
  /** What to do about permissions when no document (or not the whole fix) can be printed. */
  policyNote?: string;
  docs: DocLink[];
  actions: ActionKind[];
  correction?: string;
}

/** Words used for a placeholder whose fact is unknown and whose text gives no fallback. */
const GENERIC: Record<Placeholder, string> = {
  code: 'the error code',
  operation: 'the call',
  service: 'the service',
  httpStatus: 'the HTTP status',
  requestId: 'the request ID',
  principal: 'the caller',
  action: 'the action',
  resource: 'the resource',
  region: 'the region',
  endpoint: 'the endpoint',
  productCode: 'the product code',
  licenseArn: 'the license ARN',
  dimension: 'the dimension',
  customerIdentifier: 'the customer identifier',
  customerAwsAccountId: "the customer's AWS account",
  timestamp: 'the record timestamp',
  timestampAgeHours: 'an unknown number of',
  accountId: 'the account',
  roleName: 'the role',
  roleArn: '<role ARN>',
  retries: 'several',
  window: '',
};

function factValue(facts: Facts, name: string): string | undefined {
  if (name === 'window') return windowDescription(facts.operation);
  const value = (facts as Record<string, unknown>)[name];
  return value === undefined || value === null ? undefined : String(value);
}

const PLACEHOLDER = /\{\{([^}|]{1,40})(?:\|([^}]{0,300}))?\}\}/g;

function fillPlaceholders(template: string, facts: Facts): string {
  return template.replace(PLACEHOLDER, (_, rawName: string, fallback: string | undefined) => {
    const name = rawName.trim();
    const value = factValue(facts, name);
    if (value !== undefined) return value;
    return fallback ?? GENERIC[name as Placeholder] ?? name;
  });
}

/**
 * Replaces `{{name}}` and `{{name|fallback}}`. A part in `[[…]]` is kept only when every fact it
 * names is known, so that an unknown fact is left out rather than described ("not found",
 * "unknown"). Linear: one pass per pattern, no nesting.
 */
export function fillTemplate(template: string, facts: Facts): string {
  // Most of an entry's sentences hold no optional part, many no placeholder: skip those passes.
  const optional = template.includes('[[')
    ? template.replace(/\[\[([^\]]{0,600})\]\]/g, (_, part: string) => {
        const names = [...part.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
        return names.every((n) => factValue(facts, n) !== undefined) ? part : '';
      })
    : template;
  const filled = optional.includes('{{') ? fillPlaceholders(optional, facts) : optional;
  return filled.replace(/ {2,}/g, ' ').replace(/ ([.,;:)])/g, '$1');
}

export function factsList(facts: Facts): Answer['facts'] {
  const list: Answer['facts'] = [];
  for (const [key, label] of FACT_LABELS) {
    const value = facts[key];
    if (value !== undefined) list.push({ key, label, value: String(value) });
  }
  return list;
}

/**
 * The operation whose steps apply. When the paste names none, a denied `aws-marketplace:` action
 * names it: Marketplace's IAM actions are spelled like its operations.
 */
function stepsOperation(facts: Facts): string | undefined {
  if (facts.operation) return facts.operation;
  return facts.action?.startsWith('aws-marketplace:') ? facts.action.slice('aws-marketplace:'.length) : undefined;
}

/**
 * The IAM check simulates the role named in the error, or else MeterDoc's own role. For a host that
 * found no credentials or whose session expired, MeterDoc's own role says nothing about the failing
 * host, so the check is not offered there unless the paste names the role.
 */
function offeredActions(entry: CatalogEntry, facts: Facts): ActionKind[] {
  if (entry.area !== 'credentials' || facts.roleArn) return entry.actions;
  return entry.actions.filter((a) => a !== 'iam-check');
}

export function answerFromEntry(
  entry: CatalogEntry,
  facts: Facts,
  meta: Pick<Finding, 'source' | 'confidence' | 'occurrences'>,
): Answer {
  const policy = policyFor(entry, facts);
  const scope = { operation: stepsOperation(facts), policyBlocks: policyBlocks(facts) };
  return {
    entryId: entry.id,
    title: entry.title,
    area: entry.area,
    severity: entry.severity,
    retryable: entry.retryable,
    source: meta.source,
    confidence: meta.confidence,
    occurrences: meta.occurrences,
    facts: factsList(facts),
    what: fillTemplate(entry.what, facts).trim(),
    why: textsFor(entry.why, scope).map((t) => fillTemplate(t, facts).trim()),
    fix: textsFor(entry.fix, scope).map((t) => fillTemplate(t, facts).trim()),
    ...(policy.document ? { policy: policy.document } : {}),
    ...(policy.note ? { policyNote: policy.note } : {}),
    docs: entry.docs,
    actions: offeredActions(entry, facts),
    ...(entry.correction ? { correction: entry.correction.trim() } : {}),
  };
}

export function answerFromFinding(finding: Finding): Answer {
  return answerFromEntry(finding.entry, finding.facts, finding);
}

/**
 * A catalog answer below high confidence: the entry fits only in part, so every surface says
 * "possible match" before its title rather than presenting it as the diagnosis.
 */
export function isPossibleMatch(answer: Pick<Answer, 'source' | 'confidence'>): boolean {
  return answer.source === 'catalog' && answer.confidence < HIGH_CONFIDENCE;
}
