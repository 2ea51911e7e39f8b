import type { types } from '@slack/bolt';
import type { Answer } from '../../core/index.js';
import { ACTION_IDS } from '../buttons/ids.js';
import { escapeCode, escapeMrkdwn, inlineCode, mrkdwnLink, truncateMrkdwn, truncatePlain } from './escape.js';
import { chunkLines, clampBlocks, LIMITS } from './limits.js';

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
}

const SEVERITY_BADGE: Record<Answer['severity'], string> = {
  blocker: ':red_circle: Blocker',
  warning: ':large_orange_circle: Warning',
  info: ':large_blue_circle: Info',
};

export function isAiAnswer(answer: Pick<Answer, 'source'>): boolean {
  return answer.source === 'llm' || answer.source === 'cache';
}

function sourceLine(answer: Answer): string {
  if (answer.source === 'catalog') return `From the MeterDoc catalog (${inlineCode(answer.entryId)})`;
  const cached = answer.source === 'cache' ? ', cached' : '';
  return `:robot_face: *AI answer* (Claude on Amazon Bedrock${cached}): not from the curated catalog, check it before acting`;
}

function confidenceWord(confidence: number): string {
  if (confidence >= 0.85) return 'high confidence';
  if (confidence >= 0.6) return 'likely match';
  return 'possible match';
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function headedSections(heading: string, lines: string[]): KnownBlock[] {
  if (lines.length === 0) return [];
  return chunkLines([`*${heading}*`, ...lines]).map(section);
}

function button(text: string, actionId: string, value: string, extra: Partial<Button> = {}): Button {
  return { type: 'button', text: { type: 'plain_text', text: truncatePlain(text, LIMITS.buttonText), emoji: true }, action_id: actionId, value, ...extra };
}

/**
 * Buttons the answer offers. The catalog decides the AWS actions (`answer.actions`); AI answers
 * never offer a retry because nothing curated says a retry is safe for an error the catalog does
 * not know. "Copy for AWS Support", share and feedback are on every answer.
 */
export function answerButtons(answer: Answer, options: AnswerRenderOptions): Button[] {
  const id = options.answerId;
  if (!id) return [];
  const ai = isAiAnswer(answer);
  const buttons: Button[] = [];
  if (!ai && answer.retryable && answer.actions.includes('retry')) {
    // No static confirm here: the click opens a dialog listing exactly which records will be sent
    // and which are left out (stale, invalid), which a fixed confirm text cannot know.
    buttons.push(button(':repeat: Retry failed records', ACTION_IDS.retry, id, { style: 'primary' }));
  }
  if (answer.actions.includes('iam-check')) buttons.push(button(':mag: Check IAM permissions', ACTION_IDS.iamCheck, id));
  // Every answer, AI ones included: the case text only reads what MeterDoc stored, it touches nothing in AWS.
  buttons.push(button(':package: Copy for AWS Support', ACTION_IDS.supportBundle, id));
  if (options.shareable) buttons.push(button(':loudspeaker: Share to channel', ACTION_IDS.share, id));
  buttons.push(button(':+1: Helpful', ACTION_IDS.feedbackUp, id), button(':-1: Not helpful', ACTION_IDS.feedbackDown, id));
  return buttons;
}

/** The fallback text: what a notification or a screen reader says. */
export function answerFallback(answer: Answer): string {
  const prefix = isAiAnswer(answer) ? 'AI answer' : answer.severity === 'blocker' ? 'Blocker' : answer.severity === 'warning' ? 'Warning' : 'Info';
  return truncateMrkdwn(escapeMrkdwn(`${prefix}: ${answer.title}. ${answer.what}`), LIMITS.fallbackText);
}

/**
 * One answer as a Slack message. Every text that came from a paste, the catalog or the AI is
 * escaped here; `clampBlocks` then enforces the per-block limits whatever the content.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const blocks: KnownBlock[] = [];
  const title = options.position && options.position.total > 1 ? `${options.position.index}/${options.position.total} · ${answer.title}` : answer.title;
  blocks.push({ type: 'header', text: { type: 'plain_text', text: truncatePlain(title, LIMITS.headerText), emoji: false } });

  const glance = [
    SEVERITY_BADGE[answer.severity],
    answer.retryable ? ':repeat: A retry can help' : ':no_entry_sign: A retry will not help',
    answer.occurrences > 1 ? `seen ${answer.occurrences}× in the paste` : undefined,
    answer.source === 'catalog' ? confidenceWord(answer.confidence) : undefined,
  ].filter((s): s is string => s !== undefined);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: glance.join('  ·  ') }, { type: 'mrkdwn', text: sourceLine(answer) }] });
  if (options.notice) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(options.notice) }] });

  if (answer.facts.length > 0) {
    const fields = answer.facts.map((f) => ({ type: 'mrkdwn' as const, text: truncateMrkdwn(`*${escapeMrkdwn(f.label)}*\n${inlineCode(f.value)}`, LIMITS.fieldText) }));
    for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
      blocks.push({ type: 'section', ...(i === 0 ? { text: { type: 'mrkdwn', text: '*Found in the paste*' } } : {}), fields: fields.slice(i, i + LIMITS.sectionFields) } as KnownBlock);
    }
  }

  blocks.push(...headedSections('What happened', [escapeMrkdwn(answer.what)]));
  blocks.push(...headedSections('Why', answer.why.map((w) => `• ${escapeMrkdwn(w)}`)));
  blocks.push(...headedSections('How to fix', answer.fix.map((f, i) => `${i + 1}. ${escapeMrkdwn(f)}`)));
  if (answer.policy) {
    const fence = '```';
    const budget = LIMITS.sectionText - '*Policy statement to attach*\n'.length - 2 * fence.length - 2;
    const code = escapeCode(answer.policy);
    blocks.push(section(`*Policy statement to attach*\n${fence}${code.length > budget ? truncateMrkdwn(code, budget) : code}${fence}`));
  }
  if (answer.policyNote) blocks.push(...headedSections('Permissions', [escapeMrkdwn(answer.policyNote)]));
  if (answer.correction) blocks.push(...headedSections('Note', [escapeMrkdwn(answer.correction)]));
  if (answer.docs.length > 0) {
    blocks.push(...headedSections('AWS docs', answer.docs.map((d) => `• ${mrkdwnLink(d.url, d.title)}`)));
  }

  const buttons = answerButtons(answer, options);
  if (buttons.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'actions', elements: buttons });
  }
  return { text: answerFallback(answer), blocks: clampBlocks(blocks) };
}

/** A one-section message from mrkdwn we wrote (callers escape anything that came from outside). */
export function plainMessage(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, LIMITS.sectionText) } }] };
}
