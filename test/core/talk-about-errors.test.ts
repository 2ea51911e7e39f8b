import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_THRESHOLD, diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * People talk about errors in issue threads and channels as often as they paste them: they quote
 * a shortened message in backticks, or retell it inside a sentence of their own. A listening bot
 * must leave that talk alone (it may still name the entry when asked), while a real paste with a
 * short human line before or after it still gets its answer. The wordings are the AWS SDKs' own
 * messages (STS `ExpiredToken`, aws-config's credential-loading failure, the IMDS client's).
 */
const TALK: ReadonlyArray<{ name: string; text: string }> = [
  {
    name: 'a design note quoting an elided Rust SDK error in backticks',
    text: 'If every provider fails, the caller only sees `DispatchFailure(... an error occurred while loading credentials ...)`, so we should log which provider gave up.',
  },
  {
    name: 'an elided quote written with an ellipsis character',
    text: 'The SDK wraps it all in `… an error occurred while loading credentials …` and you lose the root cause.',
  },
  {
    name: 'an STS message retold after "it says that"',
    text: 'It says that the security token included in the request is expired, but the role session was created minutes ago.',
  },
  {
    name: 'a message retold after a reporting verb in a GitHub comment',
    text: 'After the upgrade the worker claims that the security token included in the request is expired whenever it runs on Fargate.',
  },
  {
    name: 'first-person "I\'m getting X when Y"',
    text: "Since Monday I'm getting the security token included in the request is expired when the cron job calls STS.",
  },
  {
    name: 'a retold message opened by a quote mark',
    text: 'We keep seeing "The security token included in the request is expired" on the staging box after a few hours.',
  },
];

/** Real pastes with a person's line around them: each must still be answered unprompted. */
const PASTES: ReadonlyArray<{ name: string; text: string; entry: string }> = [
  {
    name: 'botocore ClientError after "getting this:"',
    text: 'getting this:\nbotocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    entry: 'credentials-session-expired',
  },
  {
    name: 'a Python traceback followed by "any idea?"',
    text: [
      'Traceback (most recent call last):',
      '  File "/app/worker.py", line 12, in <module>',
      '    sts.get_caller_identity()',
      'botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      'any idea?',
    ].join('\n'),
    entry: 'credentials-session-expired',
  },
  {
    name: 'the bare STS message on its own line',
    text: 'The security token included in the request is expired',
    entry: 'credentials-session-expired',
  },
  {
    name: "a person's line with a colon before the pasted message",
    text: 'the nightly job died with: The security token included in the request is expired',
    entry: 'credentials-session-expired',
  },
  {
    name: "a log line whose lead-in is the program's own words",
    text: 'Failed to refresh credentials The security token included in the request is expired',
    entry: 'credentials-session-expired',
  },
];

describe('talk about an error stays silent in a channel', () => {
  it.each(TALK)('$name', ({ text }) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    for (const finding of result.findings) expect(finding.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
  });

  it('still names the entry a retold message belongs to, for an explicit ask', () => {
    const result = diagnose(TALK[2]!.text, realCatalog(), { now: NOW });
    expect(result.findings[0]?.entry.id).toBe('credentials-session-expired');
  });
});

describe('a paste with a human line around it still answers', () => {
  it.each(PASTES)('$name', ({ text, entry }) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entry);
  });
});
