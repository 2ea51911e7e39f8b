import type { types } from '@slack/bolt';
import type { HealthSummary, WindowStats } from '../../health/index.js';
import type { WatchSummary } from '../../watch/index.js';
import { watchHealthBlocks } from '../watch/messages.js';
import { channelRef, escapeMrkdwn, inlineCode } from '../blocks/escape.js';
import { chunkLines } from '../blocks/limits.js';

type KnownBlock = types.KnownBlock;

/**
 * "Metering health" for one workspace, as Block Kit: the same blocks head App Home and make the
 * daily digest. At most `HEALTH_MAX_BLOCKS` blocks, so App Home keeps room for its catalog under
 * the 100-block limit and a digest stays far under the 50-block message limit.
 */
export const HEALTH_MAX_BLOCKS = 11;
const TOP_ERRORS = 6;
const TOP_BLOCKERS = 6;
const TOP_UNKNOWN = 5;

const SEVERITY_ICON = {
  blocker: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_blue_circle:',
} as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}

function retriesText(w: WindowStats): string {
  const total = w.retries.ok + w.retries.partial + w.retries.failed + w.retries['nothing-to-send'];
  if (total === 0) return 'none';
  return `${total}: ${w.retries.ok} ok, ${w.retries.partial} partial, ${w.retries.failed} failed${w.retries['nothing-to-send'] ? `, ${w.retries['nothing-to-send']} nothing to send` : ''}`;
}

function severityText(w: WindowStats): string {
  return `${SEVERITY_ICON.blocker} ${w.bySeverity.blocker}  ${SEVERITY_ICON.warning} ${w.bySeverity.warning}  ${SEVERITY_ICON.info} ${w.bySeverity.info}`;
}

function windowField(label: string, w: WindowStats): types.MrkdwnElement {
  return {
    type: 'mrkdwn',
    text: [
      `*${label}*`,
      `${plural(w.diagnoses, 'diagnosis', 'diagnoses')}  ${severityText(w)}`,
      `Retries: ${retriesText(w)}`,
      `Feedback: :+1: ${w.votes.up}  :-1: ${w.votes.down}`,
      `Unknown errors: ${w.unknown.total}`,
    ].join('\n'),
  };
}

export function isQuiet(s: HealthSummary): boolean {
  return s.last7d.diagnoses === 0 && s.last7d.unknown.total === 0 && s.unresolved.length === 0;
}

export interface HealthBlocksOptions {
  heading?: string;
  /** The deadline watch: open watches (soonest first) and lost units by dimension. */
  watch?: WatchSummary | undefined;
}

export function healthBlocks(s: HealthSummary, options: HealthBlocksOptions = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: options.heading ?? 'Metering health' } },
  ];
  // Money at risk or lost comes first: it is what can still be acted on.
  const watch = options.watch ? watchHealthBlocks(options.watch) : [];
  if (isQuiet(s)) {
    blocks.push(...watch);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: 'No metering errors were diagnosed in this workspace in the last 7 days.' },
    });
    return blocks;
  }
  blocks.push(...watch);
  blocks.push({
    type: 'section',
    fields: [windowField('Last 24 hours', s.last24h), windowField('Last 7 days', s.last7d)],
  });

  if (s.unresolved.length > 0) {
    const lines = s.unresolved
      .slice(0, TOP_BLOCKERS)
      .map(
        (b) =>
          `• ${escapeMrkdwn(b.title)} ${inlineCode(b.entryId)}${b.channelId ? ` in ${channelRef(b.channelId)}` : ''}, ${slackDate(b.at)}`,
      );
    const more = s.unresolved.length > TOP_BLOCKERS ? [`_…and ${s.unresolved.length - TOP_BLOCKERS} more._`] : [];
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: chunkLines([
          `*:rotating_light: ${plural(s.unresolved.length, 'blocker')} still unresolved* (no successful retry, no :+1:)`,
          ...lines,
          ...more,
        ])[0]!,
      },
    });
  } else if (s.last7d.bySeverity.blocker > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':white_check_mark: Every blocker of the last 7 days was retried successfully or marked helpful.',
      },
    });
  }

  if (s.last7d.byError.length > 0) {
    const lines = s.last7d.byError.slice(0, TOP_ERRORS).map((e) => {
      const day =
        s.last24h.byError.find((d) => d.entryId === e.entryId && d.severity === e.severity && d.source === e.source)
          ?.count ?? 0;
      const ai = e.source === 'catalog' ? '' : ' (AI)';
      return `${SEVERITY_ICON[e.severity]} ${escapeMrkdwn(e.title)}${ai}: *${e.count}* in 7 d, ${day} in 24 h`;
    });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: chunkLines(['*Most frequent errors (7 days)*', ...lines])[0]! },
    });
  }

  if (s.last7d.unknown.total > 0) {
    const lines = s.last7d.unknown.top.slice(0, TOP_UNKNOWN).map((u) => `• ${inlineCode(u.label)}: ${u.count}`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: chunkLines(['*Errors the catalog did not know (7 days)*', ...lines])[0]! },
    });
  }
  const note = s.dropped > 0 ? ` Some events were not counted (${s.dropped}) because a daily limit was reached.` : '';
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `Updated ${slackDate(s.at)}. Times are hourly; counts are for this workspace.${note}` },
    ],
  });
  return blocks.slice(0, HEALTH_MAX_BLOCKS);
}

/** The one-line fallback text of a digest (notifications, screen readers). */
export function healthFallback(s: HealthSummary): string {
  return `MeterDoc daily digest: ${plural(s.last24h.diagnoses, 'diagnosis', 'diagnoses')} in the last 24 hours (${s.last24h.bySeverity.blocker} blockers), ${plural(s.unresolved.length, 'unresolved blocker')}, ${s.last24h.unknown.total} unknown errors.`;
}
