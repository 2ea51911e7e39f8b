import type { types } from '@slack/bolt';
import {
  unitsByDimension,
  windowDescription,
  type DimensionUnits,
  type WatchEvent,
  type WatchRecord,
} from '../../core/index.js';
import type { StoredWatch, WatchSummary } from '../../watch/index.js';
import { ACTION_IDS } from '../buttons/ids.js';
import type { SlackMessage } from '../blocks/answer.js';
import { channelRef, escapeMrkdwn, inlineCode, truncatePlain } from '../blocks/escape.js';
import { chunkLines, clampBlocks, LIMITS } from '../blocks/limits.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/**
 * What the deadline watch posts: reminders before records stop being billable, the lost-records
 * message when they did, the "Won't bill" note, and its part of the health view. Deadlines are
 * `<!date^…>` tokens, so each reader sees them in their own time zone (UTC in the fallback).
 */

/** The actions block of a watch message: a click from it is a click on a watch message. */
export const WATCH_ACTIONS_BLOCK = 'meterdoc_watch_actions';
const MAX_RECORD_LINES = 10;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "Tue 24 Nov at 04:00" in the reader's zone; the fallback is UTC. */
export function slackDeadline(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}

/** "`api_calls` 120 units, `storage_gb` 40 units (+1 record without a quantity)". */
export function unitsText(rows: readonly DimensionUnits[]): string {
  return rows
    .map((d) => {
      const units = d.records > d.unknownQuantity ? plural(d.units, 'unit') : '';
      const unknown =
        d.unknownQuantity > 0 ? `${units ? ' + ' : ''}${plural(d.unknownQuantity, 'record')} without a quantity` : '';
      return `${inlineCode(d.dimension)} ${units}${unknown}`;
    })
    .join(', ');
}

function recordLine(r: WatchRecord): string {
  const quantity = r.quantity !== undefined ? ` × ${r.quantity.toLocaleString('en-US')}` : ' (no quantity)';
  const customer = r.customer ? ` for ${inlineCode(r.customer)}` : '';
  return `• ${inlineCode(r.timestamp)} ${inlineCode(r.dimension)}${quantity}${customer}, deadline ${slackDeadline(r.deadline)}`;
}

function recordLines(records: readonly WatchRecord[]): string[] {
  const lines = records.slice(0, MAX_RECORD_LINES).map(recordLine);
  if (records.length > MAX_RECORD_LINES)
    lines.push(`_…and ${plural(records.length - MAX_RECORD_LINES, 'more record')}._`);
  return lines;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncatePlain(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export interface WatchButtons {
  /** Whether the answer's Retry button can still send these records. */
  retry: boolean;
}

function actions(watch: StoredWatch, buttons: WatchButtons): KnownBlock {
  const elements: Button[] = [];
  // The same button and value as on the answer: the click resends the answer's records.
  if (buttons.retry)
    elements.push(button(':repeat: Retry failed records', ACTION_IDS.retry, watch.answerId, 'primary'));
  elements.push(button(":no_entry_sign: Won't bill", ACTION_IDS.wontBill, watch.answerId));
  return { type: 'actions', block_id: WATCH_ACTIONS_BLOCK, elements };
}

function reminderWhy(label: string): string {
  return label.endsWith('%') ? `${label} of the time left has passed` : `${label} before the deadline`;
}

export function reminderMessage(
  watch: StoredWatch,
  event: Extract<WatchEvent, { kind: 'reminder' }>,
  buttons: WatchButtons,
): SlackMessage {
  const atRisk = event.atRisk;
  const head = `:alarm_clock: *${plural(atRisk.length, 'usage record')} can still be billed until ${slackDeadline(event.deadline)}*, then AWS no longer accepts ${atRisk.length === 1 ? 'it' : 'them'}. The window is ${escapeMrkdwn(windowDescription(watch.state.operation))}.`;
  const blocks: KnownBlock[] = [
    section(head),
    ...chunkLines([`*At risk:* ${unitsText(unitsByDimension(atRisk))}`, ...recordLines(atRisk)]).map(section),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Reminder: ${reminderWhy(event.reminder.label)}. Retry resends exactly these records; *Won't bill* stops the reminders.`,
        },
      ],
    },
    actions(watch, buttons),
  ];
  return {
    text: `${plural(atRisk.length, 'usage record')} can still be billed until ${event.deadline.slice(0, 16).replace('T', ' ')} UTC`,
    blocks: clampBlocks(blocks),
  };
}

export function lostMessage(
  watch: StoredWatch,
  event: Extract<WatchEvent, { kind: 'lost' }>,
  buttons: WatchButtons,
): SlackMessage {
  const head = `:x: *${plural(event.lost.length, 'usage record')} ${event.lost.length === 1 ? 'was' : 'were'} not resent in time and can no longer be billed:* ${unitsText(unitsByDimension(event.lost))}.`;
  const blocks: KnownBlock[] = [...chunkLines([head, ...recordLines(event.lost)]).map(section)];
  if (event.final) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'MeterDoc has stopped watching this batch. The loss is counted in App Home and the daily digest.',
        },
      ],
    });
  } else {
    const next = event.stillOpen.reduce(
      (min, r) => (r.deadline < min ? r.deadline : min),
      event.stillOpen[0]!.deadline,
    );
    blocks.push(
      section(
        `${plural(event.stillOpen.length, 'record')} can still be billed until ${slackDeadline(next)}: ${unitsText(unitsByDimension(event.stillOpen))}.`,
      ),
    );
    blocks.push(actions(watch, buttons));
  }
  return { text: `${plural(event.lost.length, 'usage record')} can no longer be billed`, blocks: clampBlocks(blocks) };
}

export function handledMessage(watch: StoredWatch): SlackMessage {
  const handled = watch.state.handled!;
  const records = watch.state.records.filter((r) => r.state === 'handled');
  const text = `:no_entry_sign: <@${handled.by}> marked ${plural(records.length, 'usage record')} (${unitsText(unitsByDimension(records))}) as *Won't bill*: ${escapeMrkdwn(handled.reason)}. MeterDoc stops reminding about ${records.length === 1 ? 'it' : 'them'}.`;
  return { text: `Marked as won't bill by <@${handled.by}>`, blocks: [section(text)] };
}

function whereText(w: { place: StoredWatch['place'] }): string {
  return w.place.kind === 'thread' ? ` in ${channelRef(w.place.channelId)}` : ` (DM to <@${w.place.userId}>)`;
}

const TOP_OPEN = 6;

/** The health view's lines for the watch: open watches soonest first, and lost units per dimension. */
export function watchHealthBlocks(s: WatchSummary): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (s.open.length > 0) {
    const lines = s.open
      .slice(0, TOP_OPEN)
      .map(
        (w) => `• ${slackDeadline(w.deadline)}: ${plural(w.records, 'record')}, ${unitsText(w.atRisk)}${whereText(w)}`,
      );
    if (s.open.length > TOP_OPEN) lines.push(`_…and ${s.open.length - TOP_OPEN} more._`);
    blocks.push(
      section(
        chunkLines([
          `*:alarm_clock: ${plural(s.open.length, 'batch', 'batches')} on deadline watch* (soonest first)`,
          ...lines,
        ])[0]!,
      ),
    );
  }
  if (s.lost7d.length > 0) {
    const day = s.lost24h.length > 0 ? unitsText(s.lost24h) : 'none';
    blocks.push(
      section(
        chunkLines([
          `*:x: Lost revenue* (usage records not resent in time)`,
          `Last 24 hours: ${day}`,
          `Last 7 days: ${unitsText(s.lost7d)}`,
        ])[0]!,
      ),
    );
  }
  return blocks;
}
