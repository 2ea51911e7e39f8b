import type { types } from '@slack/bolt';
import {
  answerBrief,
  lostRecordLine,
  type AnswerBrief,
  type BriefContext,
  type RecordsDeadline,
} from '../../core/answer/brief.js';
import {
  type Answer,
  type Facts,
  HIGH_CONFIDENCE,
  isHighConfidence,
  isPossibleMatch,
  type PastedUsageBatch,
} from '../../core/index.js';
import { ACTION_IDS } from '../buttons/ids.js';
import { escapeCode, escapeMrkdwn, inlineCode, mrkdwnLink, truncateMrkdwn, truncatePlain } from './escape.js';
import { chunkLines, clampBlocks, LIMITS } from './limits.js';
import { visibleBlockTexts, visibleTextLength } from './visible.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export interface SlackMessage {
  /** Top-level fallback for notifications and screen readers; always sent with `blocks`. */
  text: string;
  blocks: KnownBlock[];
}

export interface AnswerRenderOptions {
  /** The stored-answer ID the buttons carry. Without one, no buttons are rendered. */
  answerId?: string;
  /** "2 of 3" when a paste holds several errors. */
  position?: { index: number; total: number };
  /** Ephemeral answers get a "Share to channel" button. */
  shareable?: boolean;
  /** A line shown under the header, e.g. "Only the first 1,000,000 characters were read." */
  notice?: string;
  /** Every fact of the paste (the answer lists only the labelled ones): picks the first screen's facts. */
  facts?: Facts;
  /** The usage records of the paste: the first screen says until when they can be billed. */
  usageBatch?: PastedUsageBatch | undefined;
  /** The clock the deadline is read against. */
  now?: Date;
  /** The whole answer (why, every step, notes, docs) instead of the first screen. */
  expanded?: boolean;
  /**
   * A catalog lookup (`/meterdoc ThrottlingException`) rather than an error someone hit: no records
   * were pasted, so nothing can be retried.
   */
  lookup?: boolean;
  /**
   * A failed call the seller's metering job reported (the intake) rather than a paste: the answer
   * leads with the operation, how many records failed and until when they can still be billed.
   */
  report?: MeteringJobReport;
  /** The Retry button's label when it resends what an earlier retry left unbilled ("Retry 3 unbilled"). */
  retryLabel?: string;
}

export interface MeteringJobReport {
  operation: string;
  /** The records of the failed call. */
  records: number;
}

const SEVERITY_EMOJI: Record<Answer['severity'], string> = {
  blocker: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_blue_circle:',
};
const SEVERITY_WORD: Record<Answer['severity'], string> = { blocker: 'Blocker', warning: 'Warning', info: 'Info' };

export function isAiAnswer(answer: Pick<Answer, 'source'>): boolean {
  return answer.source === 'llm' || answer.source === 'cache';
}

/**
 * How sure, in words. A catalog answer below high confidence leads its line with "Possible match"
 * instead (as its header does); a lookup says it is the catalog's entry, no confidence at all.
 */
function confidenceWord(confidence: number): string {
  return isHighConfidence(confidence) ? 'high confidence' : 'possible match';
}

/** The model's own confidence, in words: a number would look more precise than it is. */
export function aiConfidenceWords(confidence: number): string {
  if (confidence >= HIGH_CONFIDENCE) return 'high';
  if (confidence >= 0.6) return 'moderate';
  if (confidence >= 0.4) return 'low';
  return 'very low (a guess)';
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(...texts: string[]): KnownBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn' as const, text })) };
}

function headedSections(heading: string, lines: string[]): KnownBlock[] {
  if (lines.length === 0) return [];
  return chunkLines([`*${heading}*`, ...lines]).map(section);
}

function button(text: string, actionId: string, value: string, extra: Partial<Button> = {}): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncatePlain(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...extra,
  };
}

/** Whether the Retry button goes on this answer: curated, retryable, and about records someone sent. */
export function offersRetry(answer: Answer, options: Pick<AnswerRenderOptions, 'lookup'> = {}): boolean {
  return !isAiAnswer(answer) && !options.lookup && answer.retryable && answer.actions.includes('retry');
}

/** The IAM check's label says whose permissions it checks: without a role in the error, MeterDoc's own. */
function iamCheckLabel(facts: Facts | undefined): string {
  if (facts?.roleArn || facts?.principal) return ':mag: Check IAM permissions';
  return ":mag: Check MeterDoc's own IAM permissions";
}

/**
 * Buttons the answer offers. The catalog decides the AWS actions (`answer.actions`); AI answers
 * never offer a retry because nothing curated says a retry is safe for an error the catalog does
 * not know. "Full diagnosis" (or "Show less"), "Copy for AWS Support", share and feedback are on every answer.
 */
export function answerButtons(answer: Answer, options: AnswerRenderOptions): Button[] {
  const id = options.answerId;
  if (!id) return [];
  const buttons: Button[] = [];
  if (offersRetry(answer, options)) {
    // No static confirm here: the click opens a dialog listing exactly which records will be sent
    // and which are left out (stale, invalid), which a fixed confirm text cannot know.
    buttons.push(
      button(options.retryLabel ?? ':repeat: Retry failed records', ACTION_IDS.retry, id, { style: 'primary' }),
    );
  }
  if (answer.actions.includes('iam-check'))
    buttons.push(button(iamCheckLabel(options.facts ?? factsOf(answer)), ACTION_IDS.iamCheck, id));
  buttons.push(
    options.expanded
      ? button(':arrow_up_small: Show less', ACTION_IDS.collapse, id)
      : button(':page_facing_up: Full diagnosis', ACTION_IDS.expand, id),
  );
  // Every answer, AI ones included: the case text only reads what MeterDoc stored, it touches nothing in AWS.
  buttons.push(button(':package: Copy for AWS Support', ACTION_IDS.supportBundle, id));
  if (options.shareable) buttons.push(button(':loudspeaker: Share to channel', ACTION_IDS.share, id));
  buttons.push(
    button(':+1:', ACTION_IDS.feedbackUp, id, { accessibility_label: 'Helpful' } as Partial<Button>),
    button(':-1:', ACTION_IDS.feedbackDown, id, { accessibility_label: 'Not helpful' } as Partial<Button>),
  );
  return buttons;
}

/** The facts an answer lists, as Facts, for callers that stored no full facts. */
function factsOf(answer: Answer): Facts {
  return Object.fromEntries(answer.facts.map((f) => [f.key, f.value])) as Facts;
}

function briefOf(
  answer: Answer,
  options: AnswerRenderOptions,
  trim: Pick<BriefContext, 'maxFacts' | 'sentenceChars'> = {},
): AnswerBrief {
  return answerBrief(answer, options.facts ?? factsOf(answer), {
    usageBatch: options.usageBatch,
    now: options.now ?? new Date(),
    ...trim,
  });
}

/** What a first screen may show, in visible characters, buttons included: a phone screen. */
export const FIRST_SCREEN_CHARS = 600;
/** Ways to shorten a first screen that is still too long, gentlest first. */
const TRIMS: ReadonlyArray<Pick<BriefContext, 'maxFacts' | 'sentenceChars'>> = [
  {},
  { maxFacts: 3 },
  { maxFacts: 2 },
  { maxFacts: 2, sentenceChars: 150 },
  { maxFacts: 1, sentenceChars: 120 },
  { maxFacts: 0, sentenceChars: 100 },
];

/**
 * "BatchMeterUsage from your metering job failed: 3 records, 2 can still be billed until 15:01 UTC
 * tomorrow (21 h left)": how a metering job's report opens, plain text.
 */
export function reportLead(report: MeteringJobReport, deadline: RecordsDeadline | undefined): string {
  const failed = `${report.operation} from your metering job failed: ${plural(report.records, 'record')}`;
  if (!deadline) return failed;
  if (deadline.until) return `${failed}, ${deadline.billable} can still be billed until ${deadline.until}`;
  return `${failed}, none can still be billed`;
}

/** "2 records: resend by 15:01 UTC tomorrow (21 h left)" and the records already lost, escaped mrkdwn. */
function deadlineLines(deadline: RecordsDeadline, now: Date, withResend = true): string[] {
  const lines: string[] = [];
  if (withResend && deadline.resendBy)
    lines.push(`:alarm_clock: *${plural(deadline.billable, 'record')} can still be billed: ${deadline.resendBy}*`);
  if (deadline.lost.length > 0) {
    const shown = deadline.lost.slice(0, 2).map((r) => escapeMrkdwn(lostRecordLine(r, now)));
    const more = deadline.lost.length > shown.length ? ` and ${deadline.lost.length - shown.length} more` : '';
    lines.push(
      `:x: *${plural(deadline.lost.length, 'record')} lost*, past the ${deadline.windowHours}-hour window: ${shown.join('; ')}${more}`,
    );
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The fallback text: what a notification or a screen reader says. */
export function answerFallback(
  answer: Answer,
  options: AnswerRenderOptions = {},
  brief: AnswerBrief = briefOf(answer, options),
): string {
  const prefix = isAiAnswer(answer)
    ? `AI answer (Claude's confidence: ${aiConfidenceWords(answer.confidence)})`
    : isPossibleMatch(answer)
      ? `Possible match (${SEVERITY_WORD[answer.severity]})`
      : SEVERITY_WORD[answer.severity];
  const deadline = brief.deadline?.resendBy
    ? ` ${plural(brief.deadline.billable, 'record')}: ${brief.deadline.resendBy}.`
    : '';
  const lost =
    brief.deadline && brief.deadline.lost.length > 0 ? ` ${plural(brief.deadline.lost.length, 'record')} lost.` : '';
  const lead = options.report ? ` ${reportLead(options.report, brief.deadline)}.` : deadline;
  return truncateMrkdwn(
    escapeMrkdwn(`${prefix}: ${answer.title}.${lead}${lost} ${brief.sentence}`),
    LIMITS.fallbackText,
  );
}

function headerBlock(answer: Answer, options: AnswerRenderOptions): KnownBlock {
  const position =
    options.position && options.position.total > 1 ? `${options.position.index}/${options.position.total} · ` : '';
  const ai = isAiAnswer(answer) ? 'AI: ' : '';
  const possible = isPossibleMatch(answer) ? 'Possible match: ' : '';
  const text = `${SEVERITY_EMOJI[answer.severity]} ${position}${ai}${possible}${answer.title}`;
  // emoji on for the severity mark; a title's own `:word:` would render too, which is harmless.
  return { type: 'header', text: { type: 'plain_text', text: truncatePlain(text, LIMITS.headerText), emoji: true } };
}

/** Severity, how sure, whether a retry helps, where the answer comes from: one line, each said once. */
function glanceBlock(answer: Answer, options: AnswerRenderOptions): KnownBlock {
  const parts = isAiAnswer(answer)
    ? [
        `:robot_face: *AI answer* (Claude on Amazon Bedrock${answer.source === 'cache' ? ', cached' : ''}), not from the catalog: check it before acting`,
        `Claude's confidence: ${aiConfidenceWords(answer.confidence)}`,
      ]
    : isPossibleMatch(answer)
      ? [
          '*Possible match*, not a confirmed diagnosis',
          SEVERITY_WORD[answer.severity],
          answer.retryable ? 'a retry can help' : 'a retry will not help',
        ]
      : [
          `*${SEVERITY_WORD[answer.severity]}*`,
          // A lookup is the catalog's entry for a code someone named, not a diagnosis of a paste.
          options.lookup ? 'catalog entry for this code' : confidenceWord(answer.confidence),
          answer.retryable ? 'a retry can help' : 'a retry will not help',
        ];
  // A metering job reports one call; its error is not something "seen in a paste".
  if (answer.occurrences > 1 && !options.report) parts.push(`${answer.occurrences}× in the paste`);
  return context(parts.join(' · '), ...(options.notice ? [escapeMrkdwn(options.notice)] : []));
}

function factFields(facts: Array<{ label: string; value: string }>): Array<{ type: 'mrkdwn'; text: string }> {
  return facts.map((f) => ({
    type: 'mrkdwn' as const,
    text: truncateMrkdwn(`*${escapeMrkdwn(f.label)}*\n${inlineCode(f.value)}`, LIMITS.fieldText),
  }));
}

function codeSection(heading: string, code: string): KnownBlock {
  const fence = '```';
  const budget = LIMITS.sectionText - heading.length - 2 * fence.length - 2;
  const escaped = escapeCode(code);
  return section(`${heading}\n${fence}${escaped.length > budget ? truncateMrkdwn(escaped, budget) : escaped}${fence}`);
}

/**
 * The first screen: what a phone shows without scrolling. Header (severity, title, "possible
 * match" below high confidence), one line of severity/confidence/source, one sentence of what
 * happened with the billing deadline of the records, the facts that matter, the first step (the
 * statement to attach when a permission is missing), and the buttons: six blocks at most.
 */
function firstScreen(
  answer: Answer,
  options: AnswerRenderOptions,
  untrimmed: AnswerBrief,
  buttons: Button[],
): KnownBlock[] {
  // The header, the glance line and the buttons read the same at every trim: their visible text is taken once.
  const fixed = [headerBlock(answer, options), glanceBlock(answer, options)];
  const fixedTexts = visibleBlockTexts(fixed);
  const buttonTexts = visibleBlockTexts([{ type: 'actions', elements: buttons }]);
  let blocks: KnownBlock[] = [];
  for (const [i, trim] of TRIMS.entries()) {
    const body = briefBlocks(options, i === 0 ? untrimmed : briefOf(answer, options, trim));
    blocks = [...fixed, ...body];
    if (visibleTextLength([...fixedTexts, ...visibleBlockTexts(body), ...buttonTexts]) <= FIRST_SCREEN_CHARS) break;
  }
  return blocks;
}

/** What the first screen says below its header and glance line: what happened, the facts, the first step. */
function briefBlocks(options: AnswerRenderOptions, brief: AnswerBrief): KnownBlock[] {
  const now = options.now ?? new Date();
  const blocks: KnownBlock[] = [];
  const report = options.report;
  const lines = report
    ? [
        `*${escapeMrkdwn(reportLead(report, brief.deadline))}*`,
        escapeMrkdwn(brief.sentence),
        ...(brief.deadline ? deadlineLines(brief.deadline, now, false) : []),
      ]
    : [escapeMrkdwn(brief.sentence), ...(brief.deadline ? deadlineLines(brief.deadline, now) : [])];
  blocks.push(section(lines.join('\n')));
  if (brief.facts.length > 0) blocks.push({ type: 'section', fields: factFields(brief.facts) });
  if (brief.statement) blocks.push(codeSection('*First step: attach this statement to the role*', brief.statement));
  else if (brief.firstStep) blocks.push(section(`*First step:* ${escapeMrkdwn(brief.firstStep)}`));
  return blocks;
}

function sourceLine(answer: Answer): string {
  if (answer.source === 'catalog') return `From the MeterDoc catalog (${inlineCode(answer.entryId)})`;
  return 'Written by Claude on Amazon Bedrock from the error and the nearest catalog entries.';
}

/** Everything: the first screen's header and glance, then every fact, the full text, notes and docs. */
function fullDiagnosis(answer: Answer, options: AnswerRenderOptions, brief: AnswerBrief): KnownBlock[] {
  const now = options.now ?? new Date();
  const blocks: KnownBlock[] = [headerBlock(answer, options), glanceBlock(answer, options)];
  if (brief.deadline) blocks.push(section(deadlineLines(brief.deadline, now).join('\n')));
  if (answer.facts.length > 0) {
    const fields = factFields(answer.facts);
    for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
      blocks.push({
        type: 'section',
        ...(i === 0 ? { text: { type: 'mrkdwn', text: '*Found in the paste*' } } : {}),
        fields: fields.slice(i, i + LIMITS.sectionFields),
      } as KnownBlock);
    }
  }
  blocks.push(...headedSections('What happened', [escapeMrkdwn(answer.what)]));
  blocks.push(
    ...headedSections(
      'Why',
      answer.why.map((w) => `• ${escapeMrkdwn(w)}`),
    ),
  );
  blocks.push(
    ...headedSections(
      'How to fix',
      answer.fix.map((f, i) => `${i + 1}. ${escapeMrkdwn(f)}`),
    ),
  );
  if (answer.policy) blocks.push(codeSection('*Policy statement to attach*', answer.policy));
  if (answer.policyNote) blocks.push(...headedSections('Permissions', [escapeMrkdwn(answer.policyNote)]));
  if (answer.correction) blocks.push(...headedSections('Note', [escapeMrkdwn(answer.correction)]));
  if (answer.docs.length > 0)
    blocks.push(
      ...headedSections(
        'AWS docs',
        answer.docs.map((d) => `• ${mrkdwnLink(d.url, d.title)}`),
      ),
    );
  blocks.push(context(sourceLine(answer)));
  return blocks;
}

/**
 * One answer as a Slack message: its first screen, or with `expanded` the whole diagnosis. Every
 * text that came from a paste, the catalog or the AI is escaped here; `clampBlocks` then enforces
 * the per-block limits whatever the content.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const brief = briefOf(answer, options);
  const buttons = answerButtons(answer, options);
  const blocks = options.expanded
    ? fullDiagnosis(answer, options, brief)
    : firstScreen(answer, options, brief, buttons);
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: ANSWER_ACTIONS_BLOCK, elements: buttons });
  return { text: answerFallback(answer, options, brief), blocks: clampBlocks(blocks) };
}

/** The block_id of an answer's buttons: a status line (who retried) goes just before it. */
export const ANSWER_ACTIONS_BLOCK = 'meterdoc_answer_actions';
/** The block_id of a status line added after posting; redrawing the answer keeps it. */
export const ANSWER_STATUS_BLOCK = 'meterdoc_answer_status';

/** A one-section message from mrkdwn we wrote (callers escape anything that came from outside). */
export function plainMessage(mrkdwn: string): SlackMessage {
  return {
    text: mrkdwn,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, LIMITS.sectionText) } }],
  };
}
