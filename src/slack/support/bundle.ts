import type { AuditEntry } from '../../actions/audit/audit-log.js';
import type { AnswerRecord, TriedAction } from '../../health/index.js';
import { redactorFor } from '../../gaps/fingerprint.js';
import type { StoredAnswer } from '../answer-store.js';

/**
 * The "Copy for AWS Support" text: a plain-text case body someone pastes into the AWS Support
 * console as is. It carries what AWS asks for (error, operation, region, request IDs, UTC times,
 * what was already tried, the diagnosis) and nothing that needs a link to open: no Slack links,
 * no MeterDoc links, no doc links. Secrets (keys, tokens, passwords) are masked; the identifiers
 * AWS needs to find the calls (account, request IDs, product code) are kept.
 */

export interface SupportBundleInput {
  payload: StoredAnswer;
  /** What the health log recorded for the answer (retries, IAM checks). */
  record?: AnswerRecord | undefined;
  /** Audit entries of actions on the answer's message, for what the health log did not see. */
  audit?: AuditEntry[];
}

function utc(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * The host AWS Support looks the calls up by: the endpoint the paste names, else the service's
 * regional host when the Region is known. A bare service prefix (`metering.marketplace`) is not one.
 */
function endpointHost(facts: {
  endpoint?: string | undefined;
  service?: string | undefined;
  region?: string | undefined;
}): string | undefined {
  if (facts.endpoint) {
    try {
      return new URL(facts.endpoint.includes('://') ? facts.endpoint : `https://${facts.endpoint}`).host;
    } catch {
      return facts.endpoint;
    }
  }
  return facts.service && facts.region ? `${facts.service}.${facts.region}.amazonaws.com` : undefined;
}

function triedLine(t: Pick<TriedAction, 'kind' | 'at' | 'result' | 'summary' | 'requestIds'>): string {
  const what =
    t.kind === 'retry'
      ? 'Retry of the failed usage records through BatchMeterUsage'
      : 'IAM permission check (policy simulation)';
  const ids =
    t.requestIds.length > 0 ? ` AWS request ID${t.requestIds.length > 1 ? 's' : ''}: ${t.requestIds.join(', ')}.` : '';
  return `- ${utc(t.at) ?? t.at}: ${what}: ${t.result}. ${t.summary.replace(/[*_`]/g, '')}.${ids}`;
}

/** Audit entries the health log does not already hold (same action, same request IDs, same summary). */
function extraAudit(tried: TriedAction[], audit: AuditEntry[]): TriedAction[] {
  const seen = new Set(tried.map((t) => `${t.kind}|${t.requestIds.join(',')}|${t.summary}`));
  return audit
    .filter(
      (a): a is AuditEntry & { action: 'retry' | 'iam-check' } =>
        (a.action === 'retry' || a.action === 'iam-check') && a.result !== 'refused',
    )
    .map((a) => ({ kind: a.action, at: a.at, result: a.result, summary: a.summary, requestIds: a.requestIds }))
    .filter((t) => !seen.has(`${t.kind}|${t.requestIds.join(',')}|${t.summary}`));
}

export function supportBundleText(input: SupportBundleInput): string {
  const { payload } = input;
  const { answer, facts } = payload;
  const lines: string[] = [];
  const field = (label: string, value: string | number | undefined) => {
    if (value !== undefined && String(value).trim() !== '') lines.push(`${label}: ${value}`);
  };

  lines.push(`AWS Marketplace Metering Service: ${facts.code ?? answer.title}`);
  lines.push('');
  field('Error code', facts.code);
  field('Error message', facts.message);
  field('Operation', facts.operation);
  field('Service endpoint', endpointHost(facts));
  field('Region', facts.region);
  field('HTTP status', facts.httpStatus);
  field('Product code', facts.productCode);
  field('Dimension', facts.dimension);
  field('Calling principal', facts.principal);
  field('Denied IAM action', facts.action);
  field('Resource', facts.resource);
  field('SDK retries already made', facts.retries);

  const tried = [...(input.record?.tried ?? [])];
  tried.push(...extraAudit(tried, input.audit ?? []));
  tried.sort((a, b) => a.at.localeCompare(b.at));
  // The failed calls' IDs from the paste: MeterDoc's own calls (STS, IAM, a resend) are in the timeline with theirs.
  field('Request IDs', facts.requestId);

  lines.push('');
  lines.push('Timeline (UTC)');
  if (facts.timestamp)
    lines.push(
      `- ${utc(facts.timestamp) ?? facts.timestamp}: usage record timestamp${facts.timestampAgeHours !== undefined ? ` (${facts.timestampAgeHours} hours old when reported)` : ''}`,
    );
  lines.push(`- ${utc(payload.createdAt) ?? payload.createdAt}: error reported and diagnosed`);

  lines.push('');
  lines.push('Already tried');
  if (tried.length === 0) lines.push('- Nothing recorded yet (no retry or IAM check was run from MeterDoc).');
  else lines.push(...tried.map(triedLine));

  lines.push('');
  lines.push(
    answer.source === 'catalog'
      ? `Diagnosis (MeterDoc catalog entry ${answer.entryId})`
      : 'Diagnosis (AI-generated, not verified against AWS documentation)',
  );
  lines.push(answer.title);
  lines.push(answer.what);
  if (answer.why.length > 0) lines.push('Likely causes:', ...answer.why.map((w) => `- ${w}`));
  if (answer.fix.length > 0) lines.push('Suggested steps:', ...answer.fix.map((f, i) => `${i + 1}. ${f}`));

  // Keys, tokens and passwords are masked; account IDs, customer IDs and addresses come back,
  // because AWS Support needs them to find the calls.
  const redactor = redactorFor(facts);
  return redactor.restore(redactor.redact(lines.join('\n')));
}
