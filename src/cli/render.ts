import { styleText } from 'node:util';
import type { Answer, Catalog, Diagnosis } from '../core/index.js';
import { answerFromFinding, isPossibleMatch } from '../core/index.js';

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
  out.push(style.bold(isPossibleMatch(answer) ? `Possible match: ${answer.title}` : answer.title));
  out.push(
    `${badge} · ${answer.retryable ? 'a retry can help' : 'a retry will not help'} · ${style.dim(`${source}, confidence ${answer.confidence.toFixed(2)}`)}${answer.occurrences > 1 ? ` · seen ${answer.occurrences}×` : ''}`,
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

export function renderDiagnosis(diagnosis: Diagnosis, style: TerminalStyle, extraAnswers: Answer[] = []): string {
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
  const answers = [...diagnosis.findings.map(answerFromFinding), ...extraAnswers];
  for (const [i, a] of answers.entries()) {
    sections.push((answers.length > 1 ? style.dim(`[${i + 1}/${answers.length}] `) : '') + renderAnswer(a, style));
  }
  const unanswered = diagnosis.unmatched.length - extraAnswers.length;
  if (unanswered > 0) {
    sections.push(
      style.bold('Not in the catalog') +
        '\n' +
        diagnosis.unmatched
          .slice(extraAnswers.length)
          .map(
            (u) =>
              `   ${u.facts.code ?? 'error'}${u.facts.operation ? ` on ${u.facts.operation}` : ''}${u.occurrences > 1 ? ` (${u.occurrences}×)` : ''}`,
          )
          .join('\n') +
        '\n   MeterDoc has no curated entry for this. Set BEDROCK_MODEL_ID to get an AI diagnosis.',
    );
  }
  if (!diagnosis.isError && answers.length === 0)
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
