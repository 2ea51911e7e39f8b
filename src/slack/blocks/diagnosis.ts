import type { types } from '@slack/bolt';
import { factsList, type Answer, type CatalogEntry, type Diagnosis, type UnmatchedError } from '../../core/index.js';
import { ACTION_IDS } from '../buttons/ids.js';
import { escapeCode, escapeMrkdwn, inlineCode, truncateMrkdwn, truncatePlain } from './escape.js';
import type { SlackMessage } from './answer.js';
import { chunkLines, clampBlocks, LIMITS } from './limits.js';

type KnownBlock = types.KnownBlock;

function contextLine(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function unmatchedLine(u: UnmatchedError): string {
  const code = u.facts.code ?? 'error';
  return `• ${inlineCode(code)}${u.facts.operation ? ` on ${inlineCode(u.facts.operation)}` : ''}${u.occurrences > 1 ? ` (${u.occurrences}×)` : ''}`;
}

const SEVERITY_MARK: Record<Answer['severity'], string> = {
  blocker: ':red_circle: Blocker',
  warning: ':large_orange_circle: Warning',
  info: ':large_blue_circle: Info',
};

/** One distinct error of a paste, as the overview lists it. */
export interface OverviewLine {
  answer: Answer;
  /** "resend by 15:01 UTC tomorrow (21 h left)" for records that can still be billed. */
  deadline?: string | undefined;
  /** Whether its full answer follows below; otherwise the line says how to get it. */
  answeredBelow: boolean;
  /** The code to look the error up with when its answer is not posted. */
  code?: string | undefined;
  /** A stored answer ID when the line carries its own Retry button (a retryable error with no full answer). */
  retryAnswerId?: string | undefined;
}

/**
 * The first message for a paste with several errors: one line per distinct error (severity,
 * title, how often, the billing deadline), then the errors MeterDoc does not know (none of the
 * catalog's entries fits them, or only as a guess). The full
 * answers follow, blockers and retryable errors first; an error whose answer is not posted keeps
 * its Retry button here.
 */
export function renderOverview(
  lines: OverviewLine[],
  unmatched: UnmatchedError[],
  options: { aiPending: boolean },
): SlackMessage {
  const total = lines.length + unmatched.length;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${total} different errors in this paste*${lines.some((l) => l.answeredBelow) ? ', most urgent first; answers below' : ''}`,
      },
    },
  ];
  const text: string[] = [];
  let plain: string[] = [];
  const flush = () => {
    for (const chunk of chunkLines(plain)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
    plain = [];
  };
  for (const line of lines) {
    const a = line.answer;
    const count = a.occurrences > 1 ? ` · ${a.occurrences}×` : '';
    const deadline = line.deadline ? ` · :alarm_clock: ${escapeMrkdwn(line.deadline)}` : '';
    const lookup = line.answeredBelow ? '' : ` · \`/meterdoc ${escapeMrkdwn(line.code ?? a.entryId)}\``;
    const mrkdwn = `${SEVERITY_MARK[a.severity]} · *${escapeMrkdwn(a.title)}*${count}${deadline}${lookup}`;
    text.push(
      `${a.severity}: ${a.title}${a.occurrences > 1 ? ` (${a.occurrences}×)` : ''}${line.deadline ? `, ${line.deadline}` : ''}`,
    );
    if (line.retryAnswerId) {
      flush();
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, LIMITS.sectionText) },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: ':repeat: Retry', emoji: true },
          action_id: ACTION_IDS.retry,
          value: line.retryAnswerId,
          style: 'primary',
        },
      } as KnownBlock);
    } else plain.push(mrkdwn);
  }
  for (const u of unmatched) {
    plain.push(
      `:grey_question: MeterDoc does not know: ${unmatchedLine(u).slice(2)}${options.aiPending ? ' (asking the AI, answer below)' : ''}`,
    );
    text.push(`not known: ${u.facts.code ?? 'an error'}`);
  }
  flush();
  return {
    text: escapeMrkdwn(`${total} errors in this paste: ${text.join('; ')}`).slice(0, LIMITS.fallbackText),
    blocks: clampBlocks(blocks),
  };
}

/** An entry shown as "might be related" under an error MeterDoc does not know. */
export interface RelatedEntry {
  entry: CatalogEntry;
  /** Its text filled with the error's facts, shown only once someone clicks it. */
  answer: Answer;
}

/**
 * An error nothing in the catalog fits, when no AI answer could be had: says so plainly, shows
 * the error's own facts and text, why there is no AI answer (one line), and the closest entries
 * as "might be related" buttons. A click shows that entry under the message, labelled as
 * possibly related; nothing of an unconfirmed entry is shown as if it were the diagnosis.
 */
export function renderUnknownError(
  error: UnmatchedError,
  options: { reason: string; related: RelatedEntry[]; answerId?: string | undefined; open?: number | undefined },
): SlackMessage {
  const code = error.facts.code ?? 'this error';
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncatePlain(`:grey_question: MeterDoc does not know ${code}`, LIMITS.headerText),
        emoji: true,
      },
    },
    contextLine(`No catalog entry fits this error. ${escapeMrkdwn(options.reason)}`),
  ];
  const facts = factsList(error.facts).filter((f) => f.key !== 'code');
  if (facts.length > 0)
    blocks.push({
      type: 'section',
      fields: facts.slice(0, LIMITS.sectionFields).map((f) => ({
        type: 'mrkdwn',
        text: truncateMrkdwn(`*${escapeMrkdwn(f.label)}*\n${inlineCode(f.value)}`, LIMITS.fieldText),
      })),
    });
  if (error.excerpt)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncateMrkdwn(
          `\`\`\`${escapeCode(error.excerpt.split('\n').slice(0, 4).join('\n').slice(0, 600))}\`\`\``,
          LIMITS.sectionText,
        ),
      },
    });
  const open = options.open !== undefined ? options.related[options.open] : undefined;
  if (open) {
    blocks.push({ type: 'divider' });
    blocks.push(
      contextLine(
        `*Might be related*, not a confirmed match: ${escapeMrkdwn(open.entry.title)} (${inlineCode(open.entry.id)})`,
      ),
    );
    const lines = [escapeMrkdwn(open.answer.what), ...open.answer.fix.map((f, i) => `${i + 1}. ${escapeMrkdwn(f)}`)];
    for (const chunk of chunkLines(lines)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  if (options.answerId) {
    const id = options.answerId;
    const elements: types.Button[] = options.related.slice(0, 3).map((r, i) => ({
      type: 'button',
      text: {
        type: 'plain_text',
        text: truncatePlain(
          `${i === options.open ? ':arrow_up_small: Hide' : ':grey_question: Might be related'}: ${r.entry.title}`,
          LIMITS.buttonText,
        ),
        emoji: true,
      },
      action_id: `${ACTION_IDS.related}_${i}`,
      value: id,
    }));
    elements.push({
      type: 'button',
      text: { type: 'plain_text', text: ':package: Copy for AWS Support', emoji: true },
      action_id: ACTION_IDS.supportBundle,
      value: id,
    });
    blocks.push({ type: 'actions', elements });
  }
  const text = `MeterDoc does not know ${code}. ${options.reason}${options.related.length > 0 ? ` Might be related: ${options.related.map((r) => r.entry.title).join('; ')}.` : ''}`;
  return { text: truncateMrkdwn(escapeMrkdwn(text), LIMITS.fallbackText), blocks: clampBlocks(blocks) };
}

/** What an explicit ask gets when there is nothing to answer (chat, an empty paste, binary data). */
export function renderNothingFound(diagnosis: Diagnosis, options: { aiConfigured: boolean }): SlackMessage {
  let text: string;
  if (diagnosis.refusal === 'binary')
    text = 'This looks like binary data, not an error message. Paste the error text instead.';
  else if (diagnosis.refusal === 'empty')
    text =
      'Nothing to diagnose: paste the error text after the command or the mention, or use the message shortcut on the message that holds it.';
  else text = 'No AWS Marketplace metering error recognised in this text.';
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `:mag: ${text}` } }];
  if (!diagnosis.refusal) {
    blocks.push(
      contextLine(
        'MeterDoc reads AWS SDK errors (Python, JavaScript, Java, Go, CLI), raw API responses and `UnprocessedRecords`. ' +
          'Paste the whole error with its code, or try `/meterdoc list` to see what it knows.' +
          (options.aiConfigured ? '' : ' No AI fallback is configured for errors outside the catalog.'),
      ),
    );
  }
  return { text, blocks };
}

/** Errors the paste holds that the catalog does not know, when no AI fallback is configured. */
export function renderUnmatched(unmatched: UnmatchedError[]): SlackMessage {
  const lines = ['*Not in the catalog*', ...unmatched.map(unmatchedLine)];
  const blocks: KnownBlock[] = chunkLines(lines).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
  const excerpt = unmatched[0]?.excerpt;
  if (excerpt)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncateMrkdwn(`\`\`\`${escapeCode(excerpt)}\`\`\``, LIMITS.sectionText) },
    });
  blocks.push(
    contextLine(
      'MeterDoc has no curated entry for this error and no AI fallback is configured. Ask the team to add one under `knowledge/`.',
    ),
  );
  const codes = unmatched.map((u) => u.facts.code ?? 'error').join(', ');
  return { text: escapeMrkdwn(`Not in the MeterDoc catalog: ${codes}`), blocks: clampBlocks(blocks) };
}

/** The placeholder posted before slow work; replaced with `chat.update` when the answer is ready. */
export function renderPlaceholder(): SlackMessage {
  return {
    text: 'Diagnosing…',
    blocks: [
      contextLine(
        ':hourglass_flowing_sand: *Diagnosing…* This error is not in the catalog; asking the AI. The answer replaces this message.',
      ),
    ],
  };
}

/** What replaces the placeholder when the AI path produced nothing usable. */
export function renderAiUnavailable(note: string | undefined): SlackMessage {
  const text = note ? `No AI diagnosis: ${note}` : 'No AI diagnosis could be made for this error.';
  return {
    text: escapeMrkdwn(text),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `:warning: ${truncateMrkdwn(escapeMrkdwn(text), LIMITS.sectionText - 10)}` },
      },
    ],
  };
}

/** A short line that goes with the first answer when the paste was cut for length. */
export function truncationNotice(diagnosis: Diagnosis): string | undefined {
  if (!diagnosis.truncated) return undefined;
  return `Only the first ${diagnosis.truncated.scannedChars.toLocaleString('en-US')} of ${diagnosis.truncated.totalChars.toLocaleString('en-US')} characters were read.`;
}

export function answersTitleList(answers: Answer[]): string {
  return answers.map((a) => a.title).join('; ');
}
