import type { Catalog } from './catalog.js';
import { answerFromEntry } from '../answer/answer.js';
import { diagnose } from '../diagnose.js';
import type { Facts } from '../facts.js';

export interface ExampleFailure {
  entryId: string;
  example: string;
  problem: string;
}

/**
 * Runs every entry's examples through the diagnosis: each must be recognised as an error, and its
 * own entry must be the top finding with no other entry ranked above it.
 */
export function checkExamples(catalog: Catalog, now = new Date()): { examples: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let examples = 0;
  for (const entry of catalog.entries) {
    for (const example of entry.examples) {
      examples++;
      const result = diagnose(example, catalog, { now });
      const top = result.findings[0];
      if (!top) failures.push({ entryId: entry.id, example, problem: 'not recognised: no entry matched' });
      else if (top.entry.id !== entry.id) {
        const own =
          result.findings.find((f) => f.entry.id === entry.id) ??
          (top.alternatives.includes(entry) ? 'an alternative' : undefined);
        failures.push({
          entryId: entry.id,
          example,
          problem: `matched ${top.entry.id} first${own ? ` (own entry ranked lower)` : ''}`,
        });
      } else if (!result.isError)
        failures.push({
          entryId: entry.id,
          example,
          problem: `confidence ${top.confidence} is below the error threshold`,
        });
    }
  }
  return { examples, failures };
}

/**
 * Runs every entry's counterexamples through the diagnosis: none may rank its entry first. A
 * counterexample is a near-miss (the same code from another service, a wording that means a
 * different fix), so the check keeps one entry from swallowing its neighbours' errors.
 */
export function checkCounterexamples(
  catalog: Catalog,
  now = new Date(),
): { counterexamples: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let counterexamples = 0;
  for (const entry of catalog.entries) {
    for (const text of entry.counterexamples) {
      counterexamples++;
      const top = diagnose(text, catalog, { now }).findings[0];
      if (top?.entry.id === entry.id)
        failures.push({ entryId: entry.id, example: text, problem: 'a counterexample ranks its own entry first' });
    }
  }
  return { counterexamples, failures };
}

export interface TemplateFailure {
  entryId: string;
  /** "no facts" or "all facts". */
  facts: string;
  problem: string;
  text: string;
}

/** Every fact known, with values shaped like a real paste's. */
export const ALL_FACTS: Facts = {
  code: 'AccessDeniedException',
  operation: 'BatchMeterUsage',
  service: 'metering.marketplace',
  httpStatus: 400,
  requestId: '2f9c1d1e-3b3a-4c1e-9f0e-5d6c7b8a9e01',
  principal: 'arn:aws:sts::123456789012:assumed-role/metering-task-role/i-0abc1234def567890',
  action: 'aws-marketplace:BatchMeterUsage',
  resource: 'arn:aws:iam::123456789012:role/metering-task-role',
  region: 'us-east-1',
  productCode: 'a1b2c3d4e5f6g7h8i9j0k1l2m',
  dimension: 'api_calls',
  timestamp: '2026-12-02T15:01:00.000Z',
  message: 'User is not authorized',
  endpoint: 'https://metering.marketplace.us-east-1.amazonaws.com',
  customerIdentifier: 'cust-7Hk2PqR9',
  customerAwsAccountId: '444455556666',
  licenseArn: 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef0',
  accountId: '123456789012',
  roleName: 'metering-task-role',
  roleArn: 'arn:aws:iam::123456789012:role/metering-task-role',
  retries: 4,
  timestampAgeHours: 3,
};

/**
 * Phrases that show template filling went wrong: a fact described as missing instead of left out,
 * parentheses doubled by a nested fill, a placeholder or optional part left unfilled.
 */
const BAD_FILL: ReadonlyArray<readonly [RegExp, string]> = [
  [/not found in the paste/i, 'says a fact was not found instead of leaving it out'],
  [
    /\bunknown number\b|\bnumber unknown\b|\bmade unknown\b|\(unknown\)/i,
    'says a fact is unknown instead of leaving it out',
  ],
  // `f())` is a call inside parentheses, not a doubled one.
  [/\(\s*\(|(?<!\()\)\s*\)|(^|\s)\(\s*\)/, 'doubled or empty parentheses'],
  [/\{\{\s*[A-Za-z]|\[\[|\]\]/, 'an unfilled placeholder or optional part'],
  [/ {2,}| [.,;:]/, 'a gap left by a missing fact'],
];

/** Fills every entry's texts with no facts and with all facts and reports text no person would write. */
export function checkTemplates(catalog: Catalog): TemplateFailure[] {
  const failures: TemplateFailure[] = [];
  for (const entry of catalog.entries) {
    for (const [label, facts] of [
      ['no facts', {}],
      ['all facts', ALL_FACTS],
    ] as const) {
      const answer = answerFromEntry(entry, facts, { source: 'catalog', confidence: 1, occurrences: 1 });
      for (const text of [answer.what, ...answer.why, ...answer.fix]) {
        // Code spans may hold shell or JSON where these characters are meant.
        const prose = text.replace(/`[^`]*`/g, '`code`');
        for (const [pattern, problem] of BAD_FILL)
          if (pattern.test(prose)) failures.push({ entryId: entry.id, facts: label, problem, text });
      }
    }
  }
  return failures;
}
