import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * What people say in a billing channel when nothing is broken, or when they talk about errors
 * without pasting one. MeterDoc must stay silent on all of it when it is only listening.
 */
const CHAT = [
  'did the metering cron run?',
  'deploying billing now',
  'morning all! anyone around to review the metering PR?',
  'the hourly BatchMeterUsage job finished in 4 minutes today',
  'I think we got throttled yesterday but it recovered on its own',
  'can someone check whether the new product code is live?',
  'Reminder: month-end close is on Friday, please finish usage reports by then',
  'ok thanks, looks good',
  'lgtm 🚀',
  'we should raise the retry count on the metering client at some point',
  'meeting moved to 3pm',
  'How do we handle customers who unsubscribe mid-month?',
  'the dashboard says 1,204 records sent, 0 failed',
  'shipping the entitlement check behind a flag',
  'is AWS having issues in us-east-1 or is it just me?',
  'our error rate is down 40% since the retry fix',
  'Credentials rotated for the staging account, ping me if something breaks',
  'who owns the CostExplorer import?',
  'running `aws sts get-caller-identity` now',
  'The IAM role for metering is arn:aws:iam::123456789012:role/saas-metering — please do not delete it',
  'timeouts look normal again',
  'FYI the access denied alerts were from the test account',
  'release notes: improved error handling for the metering worker',
  'Please use the #billing-alerts channel for pages',
  'anyone know when Concurrent Agreements go live for us?',
  'The expired token thing was my laptop, nevermind',
  'error budgets are fine this week',
  'quick q: is DryRun supported on BatchMeterUsage?',
  'I will look at the unprocessed records after lunch',
  'nice work on the LicenseArn migration!',
  'the job logs say: "sent 25 records, all Success"',
  'what does exception handling look like in the new worker?',
  'Status: all green',
];

describe('ordinary chat is not an error', () => {
  it.each(CHAT)('stays silent on: %s', (message) => {
    const result = diagnose(message, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    expect(result.unmatched).toEqual([]);
  });

  it('has at least 30 chat samples', () => {
    expect(CHAT.length).toBeGreaterThanOrEqual(30);
  });

  it('a bare code asked about in a sentence is found but not confident enough to answer unprompted', () => {
    const result = diagnose('anyone seen TimestampOutOfBoundsException before?', realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    expect(result.findings[0]?.entry.match.codes).toContain('TimestampOutOfBoundsException');
    expect(result.findings[0]!.confidence).toBeLessThan(0.6);
  });
});
