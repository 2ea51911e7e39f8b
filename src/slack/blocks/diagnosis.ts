import type { types } from '@slack/bolt';
import type { Answer, Diagnosis, Finding, UnmatchedError } from '../../core/index.js';
import { escapeCode, escapeMrkdwn, inlineCode, truncateMrkdwn } from './escape.js';
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

/**
 * The message after the first few answers: the other errors in the paste, one line each, and the
 * errors the catalog does not know. Keeps a 40-error paste to a handful of posts.
 */
export function renderSummary(rest: Finding[], unmatched: UnmatchedError[], options: { aiPending: boolean; shownCount: number }): SlackMessage {
  const blocks: KnownBlock[] = [];
  const lines: string[] = [];
  if (rest.length > 0) {
    lines.push(`*${rest.length} more error${rest.length === 1 ? '' : 's'} in this paste* (answered above: ${options.shownCount})`);
    for (const f of rest) {
      const code = f.facts.code ?? f.entry.match.codes[0];
      lines.push(`• ${escapeMrkdwn(f.entry.title)}${code ? ` ${inlineCode(code)}` : ''}${f.occurrences > 1 ? ` (${f.occurrences}×)` : ''}: \`/meterdoc ${escapeMrkdwn(code ?? f.entry.id)}\``);
    }
  }
  if (unmatched.length > 0) {
    lines.push(`*Not in the catalog*${options.aiPending ? ' (asking the AI, answer below)' : ''}`);
    lines.push(...unmatched.map(unmatchedLine));
  }
  for (const chunk of chunkLines(lines)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  const text = `${rest.length + unmatched.length} more error${rest.length + unmatched.length === 1 ? '' : 's'} in this paste`;
  return { text, blocks: clampBlocks(blocks) };
}

/** What an explicit ask gets when there is nothing to answer (chat, an empty paste, binary data). */
export function renderNothingFound(diagnosis: Diagnosis, options: { aiConfigured: boolean }): SlackMessage {
  let text: string;
  if (diagnosis.refusal === 'binary') text = 'This looks like binary data, not an error message. Paste the error text instead.';
  else if (diagnosis.refusal === 'empty') text = 'Nothing to diagnose: paste the error text after the command or the mention, or use the message shortcut on the message that holds it.';
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
  if (excerpt) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(`\`\`\`${escapeCode(excerpt)}\`\`\``, LIMITS.sectionText) } });
  blocks.push(contextLine('MeterDoc has no curated entry for this error and no AI fallback is configured. Ask the team to add one under `knowledge/`.'));
  const codes = unmatched.map((u) => u.facts.code ?? 'error').join(', ');
  return { text: escapeMrkdwn(`Not in the MeterDoc catalog: ${codes}`), blocks: clampBlocks(blocks) };
}

/** The placeholder posted before slow work; replaced with `chat.update` when the answer is ready. */
export function renderPlaceholder(): SlackMessage {
  return {
    text: 'Diagnosing…',
    blocks: [contextLine(':hourglass_flowing_sand: *Diagnosing…* This error is not in the catalog; asking the AI. The answer replaces this message.')],
  };
}

/** What replaces the placeholder when the AI path produced nothing usable. */
export function renderAiUnavailable(note: string | undefined): SlackMessage {
  const text = note ? `No AI diagnosis: ${note}` : 'No AI diagnosis could be made for this error.';
  return { text: escapeMrkdwn(text), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${truncateMrkdwn(escapeMrkdwn(text), LIMITS.sectionText - 10)}` } }] };
}

/** A short line that goes with the first answer when the paste was cut for length. */
export function truncationNotice(diagnosis: Diagnosis): string | undefined {
  if (!diagnosis.truncated) return undefined;
  return `Only the first ${diagnosis.truncated.scannedChars.toLocaleString('en-US')} of ${diagnosis.truncated.totalChars.toLocaleString('en-US')} characters were read.`;
}

export function answersTitleList(answers: Answer[]): string {
  return answers.map((a) => a.title).join('; ');
}
