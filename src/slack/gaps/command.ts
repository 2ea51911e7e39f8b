import type { types } from '@slack/bolt';
import type { Allowlist } from '../../actions/access/allowlist.js';
import { draftEntry, type GapRecord, type Insights } from '../../health/index.js';
import type { SlackMessage } from '../blocks/answer.js';
import { escapeCode, escapeMrkdwn, inlineCode } from '../blocks/escape.js';
import { clampBlocks, LIMITS } from '../blocks/limits.js';
import type { SlashSubcommand } from '../commands/subcommands.js';

type KnownBlock = types.KnownBlock;

export const GAPS_NOT_ALLOWED =
  ':no_entry: `gaps` lists what people pasted (redacted), so it is for the people allowed to run MeterDoc actions (METERDOC_ALLOWED_USERS). Ask an admin to add you.';
const SHOWN = 10;
const DRAFTS = 3;
const FENCE = '```';

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** A code block that fits one section; a longer text is cut with a pointer to the CLI. */
function codeBlock(label: string, text: string): KnownBlock {
  const note = '\n… (cut to fit Slack: `meterdoc gaps --drafts DIR` writes the whole file)';
  const budget = LIMITS.sectionText - label.length - 2 * FENCE.length - note.length - 2;
  const code = escapeCode(text);
  return section(
    code.length > budget
      ? `${label}\n${FENCE}${code.slice(0, budget)}${FENCE}${note}`
      : `${label}\n${FENCE}${code}${FENCE}`,
  );
}

function gapLine(gap: GapRecord, i: number): string {
  const what = gap.code ? inlineCode(gap.code) : escapeMrkdwn((gap.message ?? 'an error with no code').slice(0, 80));
  const from = gap.operation ? ` from ${inlineCode(gap.operation)}` : '';
  const votes =
    gap.downvotes > 0
      ? ` · :-1: ${gap.downvotes}${gap.answeredWith.length ? ` on ${gap.answeredWith.map(inlineCode).join(', ')}` : ''}`
      : '';
  const ai = gap.kinds.includes('ai') ? ' · sent to the AI' : '';
  const reasons =
    gap.reasons.length > 0
      ? `\n>${gap.reasons
          .slice(-2)
          .map((r) => escapeMrkdwn(r.text.replace(/\s+/g, ' ').slice(0, 200)))
          .join('\n>')}`
      : '';
  return `*${i + 1}.* ${what}${from} · *${gap.count}×* · last ${gap.lastSeen.slice(0, 16).replace('T', ' ')} UTC${ai}${votes}${reasons}`;
}

/** The gap list as a Slack message: most frequent first, one redacted example each, drafts of the top ones. */
export function renderGaps(gaps: GapRecord[]): SlackMessage {
  if (gaps.length === 0) {
    const text = 'No catalog gaps recorded: every error MeterDoc saw was in the catalog, and nobody voted :-1:.';
    return { text, blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Catalog gaps: ${gaps.length} most frequent` } },
  ];
  for (const [i, gap] of gaps.slice(0, SHOWN).entries()) {
    blocks.push(section(gapLine(gap, i)));
    if (gap.example) blocks.push(codeBlock('', gap.example.slice(0, 600)));
  }
  blocks.push({ type: 'divider' });
  for (const gap of gaps.slice(0, DRAFTS)) {
    const draft = draftEntry(gap);
    blocks.push(
      codeBlock(
        `*Draft* ${inlineCode(draft.fileName)}: complete the TODOs, then add it under \`knowledge/\``,
        draft.yaml,
      ),
    );
  }
  return { text: `Catalog gaps: ${gaps.length} most frequent`, blocks: clampBlocks(blocks) };
}

/** `/meterdoc gaps`: for the people allowed to run AWS actions (METERDOC_ALLOWED_USERS). */
export function createGapsSubcommand(deps: {
  insights: Insights;
  allowlist: Pick<Allowlist, 'isAllowed'>;
}): SlashSubcommand {
  return {
    name: 'gaps',
    usage: 'gaps',
    description:
      'errors the catalog did not know or got 👎, most frequent first, with draft entries (allowed users only)',
    async run(ctx) {
      if (!(await deps.allowlist.isAllowed(ctx.userId)))
        return { text: GAPS_NOT_ALLOWED, blocks: [section(GAPS_NOT_ALLOWED)] };
      return renderGaps(await deps.insights.listGaps(SHOWN));
    },
  };
}
