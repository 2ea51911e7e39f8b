import type { AuditEntry } from './audit-log.js';
import type { SlackMessage } from '../../slack/blocks/answer.js';
import { escapeMrkdwn } from '../../slack/blocks/escape.js';
import { chunkLines } from '../../slack/blocks/limits.js';
import type { SlashSubcommand } from '../../slack/commands/subcommands.js';
import { NOT_ALLOWED } from '../access/refuse.js';
import type { AwsActionDeps } from '../types.js';

const RESULT_EMOJI: Record<AuditEntry['result'], string> = {
  ok: '✅',
  partial: '⚠️',
  failed: '❌',
  refused: '⛔',
  'nothing-to-send': '➖',
};

export function renderAudit(entries: AuditEntry[]): SlackMessage {
  if (entries.length === 0)
    return {
      text: 'No MeterDoc actions recorded yet.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No MeterDoc actions recorded yet.' } }],
    };
  const lines = entries.map((e) => {
    const who = e.actor === 'intake' ? 'metering job (intake)' : `<@${e.actor}>`;
    const ids = e.requestIds.length ? ` · request ${e.requestIds.map(escapeMrkdwn).join(', ')}` : '';
    const sent = e.sent.length ? ` · ${e.sent.length} record${e.sent.length === 1 ? '' : 's'}` : '';
    return `${RESULT_EMOJI[e.result]} ${e.at.slice(0, 16).replace('T', ' ')} UTC · *${e.action}* by ${who} · ${escapeMrkdwn(e.summary)}${sent}${ids}`;
  });
  return {
    text: `Last ${entries.length} MeterDoc actions`,
    blocks: chunkLines([`*Last ${entries.length} MeterDoc actions*`, ...lines]).map((t) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: t },
    })),
  };
}

/** `/meterdoc audit [n]`: the last actions, for allowed users only. */
export function createAuditSubcommand(deps: Pick<AwsActionDeps, 'allowlist' | 'audit'>): SlashSubcommand {
  return {
    name: 'audit',
    usage: 'audit [count]',
    description: 'the last MeterDoc actions that touched AWS (allowed users only)',
    async run(ctx) {
      if (!(await deps.allowlist.isAllowed(ctx.userId)))
        return { text: NOT_ALLOWED, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: NOT_ALLOWED } }] };
      const n = Number.parseInt(ctx.args, 10);
      return renderAudit(await deps.audit.recent(Number.isFinite(n) && n > 0 ? Math.min(n, 50) : 10));
    },
  };
}
