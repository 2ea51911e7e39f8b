/**
 * The realistic paste mix of the sustained runs, built from the catalog's own examples (never the
 * held-out evaluation set): known errors in the SDK formats the examples come in (botocore,
 * AWS SDK for Java and Go, JavaScript v3 `$metadata` dumps, raw JSON bodies, the CLI), application
 * logs holding several of them between ordinary lines, chat, and mentions of the bot.
 */
import { DEFAULT_ERROR_THRESHOLD, diagnose, type Catalog } from '../../src/core/index.js';
import { BOT_USER_ID, type PasteMix } from './protocol.js';

const CHAT = [
  'lunch at noon?',
  'deploy of the billing service is done, thanks all',
  'can someone review PR 4821 before standup?',
  'the usage dashboard looks fine again after the restart',
  'reminder: retro at 3pm in the small room',
  'who owns the metering job this week?',
  'fixed the typo in the runbook, the link to the IAM page works now',
  ':tada: the new pricing page is live',
  'I will be out Friday, Sam covers on-call',
  'does anyone have the invite for the AWS partner sync?',
];

/** Slack escapes &, < and > in message text. */
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Catalog examples the core answers unprompted: one confident finding, nothing left unmatched. */
function knownErrors(catalog: Catalog, now: Date): string[] {
  return catalog.entries
    .flatMap((e) => e.examples)
    .filter((text) => {
      const d = diagnose(text, catalog, { now });
      return (
        d.isError &&
        d.unmatched.length === 0 &&
        d.findings.length === 1 &&
        d.findings[0]!.confidence >= DEFAULT_ERROR_THRESHOLD
      );
    });
}

/** A service log of a metering job: ordinary lines with `errors` in between, one per few lines. */
function serviceLog(errors: string[], start: number): string {
  const lines: string[] = [];
  let t = Date.UTC(2026, 6, 14, 9, 0, 0) + start * 60_000;
  const at = (): string => {
    t += 1375;
    return new Date(t).toISOString();
  };
  lines.push(`${at()} INFO  metering-job[4182]: hourly run started, 42 customers to meter`);
  for (const [i, error] of errors.entries()) {
    lines.push(`${at()} INFO  metering-job[4182]: sending batch ${i + 1} (25 records)`);
    lines.push(`${at()} DEBUG metering-job[4182]: signed request, region us-east-1`);
    lines.push(`${at()} ERROR metering-job[4182]: batch ${i + 1} failed: ${error.split('\n')[0]}`);
  }
  lines.push(
    `${at()} WARN  metering-job[4182]: run finished with ${errors.length} failed batches; will retry next hour`,
  );
  return lines.join('\n');
}

export function pasteMix(catalog: Catalog): PasteMix {
  const now = new Date();
  const known = knownErrors(catalog, now);
  const oneLine = known.filter((t) => !t.includes('\n') && t.length < 400);
  if (known.length < 10 || oneLine.length < 9)
    throw new Error(`paste mix: only ${known.length} catalog examples are answered unprompted`);
  const multi = [0, 1, 2].map((k) => serviceLog([oneLine[k]!, oneLine[k + 3]!, oneLine[k + 6]!], k));
  for (const log of multi) {
    const d = diagnose(log, catalog, { now });
    if (d.findings.length + d.unmatched.length < 2)
      throw new Error('paste mix: a multi-error log is not read as several errors');
  }
  for (const line of CHAT)
    if (diagnose(line, catalog, { now }).isError) throw new Error(`paste mix: chat line read as an error: ${line}`);
  // A mention is written <@U…> in the text Slack sends; only the pasted part is escaped.
  const mention = oneLine.slice(0, 12).map((t) => `<@${BOT_USER_ID}> can you look at this one? ${escape(t)}`);
  return { known: known.map(escape), multi: multi.map(escape), chat: CHAT.map(escape), mention };
}
