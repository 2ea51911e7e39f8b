import type { CheckMark, IamCheckReport } from '../../aws/iam-check.js';

export const MARK_EMOJI: Record<CheckMark, string> = { pass: '✅', fail: '❌', unknown: '⚠️' };

/** The report as Slack mrkdwn (also readable as plain text). */
export function renderIamCheck(report: IamCheckReport): string {
  const lines = ['*IAM check*'];
  for (const item of report.items) {
    const [first, ...rest] = (item.detail ?? '').split('\n');
    lines.push(`${MARK_EMOJI[item.mark]} ${item.label}${first ? ` — ${first}` : ''}`);
    if (rest.length > 0) lines.push(`\`\`\`${rest.join('\n')}\`\`\``);
  }
  if (report.policy)
    lines.push(
      `*Attach this to ${report.simulatedFor ?? 'the role'}* (metering actions take \`"Resource": "*"\`):`,
      `\`\`\`${report.policy}\`\`\``,
    );
  return lines.join('\n');
}
