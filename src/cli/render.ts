import { styleText } from 'node:util';
import type { Answer, Catalog, Diagnosis, Facts, RelatedCatalogEntry } from '../core/index.js';
import { answerFromFinding, isGuess, isPossibleMatch } from '../core/index.js';

/** Plain-text rendering of a diagnosis for a terminal, styled only where the output stream takes colour. */

export interface TerminalStyle {
  bold(s: string): string;
  dim(s: string): string;
  severity(s: string, severity: string): string;
}

export const plainStyle: TerminalStyle = { bold: (s) => s, dim: (s) => s, severity: (s) => s };

/**
 * Styles for text written to `stream`. `styleText` checks the stream on every call (Node 20.18 and
 * later, which the engines field requires): colour for a TTY, none for a pipe or a file, and
 * NO_COLOR, NODE_DISABLE_COLORS, FORCE_COLOR and TERM=dumb decide over that, as in any Node tool.
 */
export function streamStyle(stream: NodeJS.WritableStream): TerminalStyle {
  return {
    bold: (s) => styleText('bold', s, { stream }),
    dim: (s) => styleText('dim', s, { stream }),
    severity: (s, sev) => styleText(sev === 'blocker' ? 'red' : sev === 'warning' ? 'yellow' : 'cyan', s, { stream }),
  };
}

function indent(text: string, pad = '   '): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

export function renderAnswer(answer: Answer, style: TerminalStyle): string {
  const out: string[] = [];
  const badge = style.severity(answer.severity.toUpperCase(), answer.severity);
  const source =
    answer.source === 'catalog'
      ? `catalog: ${answer.entryId}`
      : answer.source === 'cache'
        ? 'AI answer (cached)'
        : 'AI answer (Claude on Amazon Bedrock)';
  const possible = isPossibleMatch(answer);
  out.push(style.bold(possible ? `Possible match: ${answer.title}` : answer.title));
  out.push(
    `${badge}${possible ? ' · possible match, not a confirmed diagnosis' : ''} · ${answer.retryable ? 'a retry can help' : 'a retry will not help'} · ${style.dim(`${source}, confidence ${answer.confidence.toFixed(2)}`)}${answer.occurrences > 1 ? ` · seen ${answer.occurrences}×` : ''}`,
  );
  if (answer.facts.length > 0) {
    out.push('', style.bold('Found in the paste'));
    const width = Math.max(...answer.facts.map((f) => f.label.length));
    for (const f of answer.facts) out.push(`   ${f.label.padEnd(width)}  ${f.value}`);
  }
  out.push('', style.bold('What happened'), indent(answer.what));
  out.push('', style.bold('Why'), ...answer.why.map((w) => `   - ${w}`));
  out.push('', style.bold('How to fix'), ...answer.fix.map((f, i) => `   ${i + 1}. ${f}`));
  if (answer.policy) out.push('', style.bold('Policy statement to attach'), indent(answer.policy));
  if (answer.policyNote) out.push('', style.bold('Permissions'), `   ${answer.policyNote}`);
  if (answer.correction) out.push('', style.bold('Note'), indent(answer.correction));
  if (answer.docs.length > 0)
    out.push('', style.bold('AWS docs'), ...answer.docs.map((d) => `   ${d.title}: ${d.url}`));
  return out.join('\n');
}

/** "   - metering-invalid-tag: Usage allocation tag is invalid (similar code, same service)" lines. */
function relatedLines(related: readonly RelatedCatalogEntry[], style: TerminalStyle): string[] {
  return related.map((r) => `   - ${r.entry.id}: ${r.entry.title} ${style.dim(`(${r.why})`)}`);
}

function errorLabel(facts: Facts, occurrences: number): string {
  return `${facts.code ?? 'an error'}${facts.operation ? ` on ${facts.operation}` : ''}${occurrences > 1 ? ` (${occurrences}×)` : ''}`;
}

/**
 * An error MeterDoc does not know, or knows only as a guess: said plainly, with the closest
 * entries listed as "might be related" and never shown as the diagnosis.
 */
function renderUnknown(
  error: { facts: Facts; occurrences: number; related?: readonly RelatedCatalogEntry[] },
  lead: string,
  style: TerminalStyle,
): string {
  const lines = [
    style.bold(`MeterDoc does not know this error: ${errorLabel(error.facts, error.occurrences)}`),
    `   ${lead}`,
  ];
  if (error.related && error.related.length > 0)
    lines.push('', style.bold('Might be related (not a diagnosis)'), ...relatedLines(error.related, style));
  return lines.join('\n');
}

const NO_AI = 'Set BEDROCK_MODEL_ID to get an AI diagnosis.';

/**
 * The whole diagnosis for a terminal, as the core's verdict says it: diagnoses and possible
 * matches as answers, AI answers, then every error MeterDoc does not know (guesses included) with
 * the entries that might be related.
 */
export function renderDiagnosis(
  diagnosis: Diagnosis,
  style: TerminalStyle,
  extraAnswers: Answer[] = [],
  options: { aiAsked?: boolean } = {},
): string {
  if (diagnosis.refusal === 'binary')
    return 'This looks like binary data, not an error message. Paste the error text instead.';
  if (diagnosis.refusal === 'empty') return 'Nothing to diagnose: the paste is empty.';
  const sections: string[] = [];
  if (diagnosis.truncated) {
    sections.push(
      style.dim(
        `Only the first ${diagnosis.truncated.scannedChars.toLocaleString('en-US')} of ${diagnosis.truncated.totalChars.toLocaleString('en-US')} characters were read.`,
      ),
    );
  }
  const catalogFindings = diagnosis.findings.filter((f) => f.source !== 'catalog' || !isGuess(f));
  const guesses = diagnosis.findings.filter((f) => f.source === 'catalog' && isGuess(f));
  const answers = [...catalogFindings.map(answerFromFinding), ...extraAnswers];
  for (const [i, a] of answers.entries()) {
    sections.push((answers.length > 1 ? style.dim(`[${i + 1}/${answers.length}] `) : '') + renderAnswer(a, style));
  }
  if (diagnosis.verdict.kind === 'possible' && diagnosis.verdict.related.length > 0)
    sections.push(
      [style.bold('Other entries that might be related'), ...relatedLines(diagnosis.verdict.related, style)].join('\n'),
    );
  // AI answers go to the unknown errors first (the CLI puts those it answered first) or, when the
  // paste held none, to its guesses.
  // Asked and unanswered, the AI's own note (printed last) says why; not asked, how to ask it.
  const tail = options.aiAsked ? '' : ` ${NO_AI}`;
  const unanswered = diagnosis.unmatched.slice(extraAnswers.length);
  for (const u of unanswered) sections.push(renderUnknown(u, `No catalog entry fits it.${tail}`, style));
  if (diagnosis.unmatched.length > 0 || extraAnswers.length === 0)
    for (const g of guesses)
      sections.push(
        renderUnknown(
          g,
          `No catalog entry fits it well (the best fits only in part, confidence ${g.confidence.toFixed(2)}).${tail}`,
          style,
        ),
      );
  if (!diagnosis.isError && answers.length === 0 && guesses.length === 0 && diagnosis.unmatched.length === 0)
    sections.push('No AWS Marketplace metering error recognised in this text.');
  return sections.join(`\n\n${'─'.repeat(60)}\n\n`);
}

export function renderCatalog(catalog: Catalog): string {
  const out: string[] = [`${catalog.entries.length} entries (catalog version ${catalog.version})`];
  for (const [area, entries] of catalog.byArea()) {
    out.push('', area);
    for (const e of entries)
      out.push(`   ${e.id.padEnd(44)} ${e.severity.padEnd(8)} ${e.match.codes.join(', ') || '(message patterns)'}`);
  }
  return out.join('\n');
}
