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
    name: 'a paragraph (brackets in its first sentence) retelling an STS message after a command in inline code',
    text: 'Our CI (GitLab) deploys every branch. Yesterday `cdk deploy` ran for two minutes before telling us the security token included in the request is expired.',
  },
  {
    name: "a paragraph (a slash in its first sentence) retelling botocore's message in lower case after a command in inline code",
    text: 'Uploads to/from the archive bucket stall on the new runners. After `make sync`, the tool waits five minutes and then says it is unable to locate credentials.',
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
    name: 'a command in inline code and a colon before the pasted message',
    text: 'ran `aws s3 ls` and got: Unable to locate credentials. You can configure credentials by running "aws configure".',
    entry: 'credentials-not-found',
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

/**
 * Sentences from pull requests, issues and Q&A that quote the error they are about, in their usual
 * shapes: the whole error inside a quote with the sentence going on after it, a quote the sentence
 * calls "the error", a first-person report, the title of a change that fixes it, "still getting Error: …".
 * The quoted words are the SDKs' own messages; the sentences are made up.
 */
const QUOTING_TALK: ReadonlyArray<{ shape: string; text: string }> = [
  {
    shape: 'a PR description: "stops the `…` errors we saw …"',
    text: 'This change stops the `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded` errors we saw in the nightly run on staging.',
  },
  {
    shape: 'a first-person report whose sentence goes on after a long quote',
    text: 'When the worker starts on Fargate, it throws `botocore.exceptions.NoCredentialsError: Unable to locate credentials` and then retries for a minute before giving up.',
  },
  {
    shape: 'a reply judging the message before quoting it ("the error message is self-explanatory: "…"")',
    text: '> The error message is pretty clear: "The security token included in the request is expired". Refresh your session before the job starts.',
  },
  {
    shape: 'a reply making the quoted error the complement of its sentence ("The error I get is "…"", no colon)',
    text: 'The error I get is "botocore.exceptions.NoCredentialsError: Unable to locate credentials"',
  },
  {
    shape: 'the same with the message past tense and inline code ("the message we saw was `…`")',
    text: 'the message we saw was `ExpiredTokenException: The security token included in the request is expired`',
  },
  {
    shape: 'an issue title whose sentence goes on past the quoted botocore error (where and since when it shows)',
    text: 'Seeing "An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded" in every nightly run after the upgrade',
  },
  {
    shape:
      'a sentence with an aside in parentheses and inline code, then a quote holding an escaped line break (Go v1 `%q`)',
    text: 'With several clusters (each running `meter-agent`), this gives `ThrottlingException: Rate exceeded\\n\\tstatus code: 400` on every sync and usage arrives late.',
  },
  {
    shape: 'a sentence naming the quote as the error it throws ("it throws an error for "…"")',
    text: 'Whenever the nightly export calls `MeterUsage` it throws an error for "The security token included in the request is expired".',
  },
  {
    shape: 'a judgement of the message with inline code ("the error is misleading: `…`")',
    text: 'Honestly the error is misleading: `Unable to locate credentials` shows up even when the profile exists but has no region.',
  },
  {
    shape: 'a quote with a colon before it, inside a longer sentence',
    text: 'On the first run our job printed this: `An error occurred (ExpiredToken) when calling the MeterUsage operation: The security token included in the request is expired`, and on the second run it worked fine.',
  },
  {
    shape: 'a quote the sentence names as the error, in parentheses-rich prose',
    text: 'The GetCallerIdentity call (the first one after login) fails with the error `The security token included in the request is invalid.`',
  },
  {
    shape: 'a double-quoted message the sentence calls "the error message"',
    text: 'When calling MeterUsage from the container, the Java SDK returns an unknown code (-1) for it. The error message "ExpiredTokenException: The security token included in the request is expired" does say what went wrong though.',
  },
  {
    shape: 'a first-person sentence with the message in curly quotes',
    text: 'We started getting “InvalidClientTokenId: The security token included in the request is invalid.” from STS after the key rotation, any ideas?',
  },
  { shape: 'a PR title: Fix `…` error', text: 'Fix `Unable to locate credentials` error on the ARM runners' },
  { shape: 'a conventional commit', text: 'fix: Unable to locate credentials when the worker runs under systemd' },
  {
    shape: 'a conventional commit with a scope',
    text: 'fix(metering): retry on ThrottlingException: Rate exceeded instead of dropping the batch',
  },
  {
    shape: 'an imperative title naming the error',
    text: 'Handle SdkClientException: Unable to load credentials from any of the providers in the chain',
  },
  {
    shape: '"still getting Error: …"',
    text: 'after the redeploy still getting Error: Could not load credentials from any providers',
  },
  {
    shape: 'a question naming the exception class and its message, unquoted',
    text: 'Why does boto3 raise NoCredentialsError: Unable to locate credentials inside the container when the instance profile is attached?',
  },
  {
    shape: '"Any idea why the Go SDK prints …" with the error mid-sentence',
    text: 'Any idea why the Go SDK prints NoCredentialProviders: no valid providers in chain. Deprecated. even though the env vars are set?',
  },
  {
    shape: "botocore's whole message retold after a narrating verb",
    text: 'After rotating the keys the CLI returns An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid for every call I make.',
  },
  {
    shape: 'a .NET class with its namespace, after a lead-in naming the language',
    text: 'The C# SDK throws Amazon.Runtime.AmazonServiceException: Unable to get IAM security credentials from EC2 Instance Metadata Service. when running locally, which makes sense since there is no IMDS.',
  },
  {
    shape: 'a message in single quotes that the sentence calls the error, then a second sentence',
    text: "The deploy job has been switched off since the credentials step started failing with the error 'Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity'. This ticket is about turning it back on.",
  },
  {
    shape: 'a quoted question naming the errors, and the answer under it',
    text: '> Do you know what triggers these "Connection reset by peer" errors on the export uploads?\n\nNot really, my guess is the endpoint drops idle sockets. Worth asking the network team.',
  },
  {
    shape: "a reply to someone's @mention, a paragraph with botocore's message in backticks mid-way",
    text: '@octo-dev that is another problem. Look at the message: `botocore.exceptions.ClientError: An error occurred (ForbiddenException) when calling the GetRoleCredentials operation: No access` which means your profile is read fine, but the account or role it names is not assigned to you.',
  },
  {
    shape: 'a paragraph of two sentences that ends on the CLI output it compares with',
    text: 'The Rust crate has no variant for that case in its error enum, so matching on it is impossible for us. Yet running the same call from the shell prints `An error occurred (ThrottlingException) when calling the MeterUsage operation: Rate exceeded`.',
  },
  {
    shape: 'a request for help that calls the quoted message "this issue"',
    text: 'I have the same problem on my laptop, can someone explain how to fix this issue "unable to execute http request: pkix path building failed"',
  },
  {
    shape: 'a Markdown bold quote the sentence calls "the error message"',
    text: 'Since Monday our nightly job fails to assume the role with the error message **Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity**.',
  },
  {
    shape: 'a Markdown bold quote after a first-person report',
    text: 'We are seeing **AccessDeniedException: User is not authorized to perform: aws-marketplace:MeterUsage** on every deploy since the upgrade.',
  },
  {
    shape: 'an issue title whose subject is the program: "`tool` started to report "…" every night"',
    text: '`meter-cli` suddenly started to report "ExpiredTokenException: The security token included in the request is expired" every night',
  },
  {
    shape: 'a program that "began throwing" a double-quoted message',
    text: 'Our uploader began throwing "ThrottlingException: Rate exceeded" after we doubled the batch size',
  },
  {
    shape: 'a paragraph opened by "Per <url>," comparing the docs with what the CLI produces',
    text: 'Per https://docs.aws.amazon.com/marketplacemetering/latest/APIReference/API_MeterUsage.html, the operation lists `ThrottlingException`. However, our client call produces `An error occurred (ThrottlingException) when calling the MeterUsage operation: Rate exceeded`.',
  },
  {
    shape: 'a paragraph opened by "According to the docs," ending on what a command gives',
    text: 'According to the docs, `ExpiredTokenException` is only raised by ResolveCustomer. However, `aws meteringmarketplace meter-usage` gives `An error occurred (ExpiredTokenException) when calling the MeterUsage operation: The security token included in the request is expired`.',
  },
  {
    shape: 'a request to fix "this <misspelt noun> "…""',
    text: 'can someone tell me how to fix this erorr "The security token included in the request is expired" on our staging box',
  },
  {
    shape: 'an unknown error quoted in a first-person sentence',
    text: 'The client always gives me `VaultClientException: {"errors":["permission denied"]}` when I read the kv path, even with a root token.',
  },
];

/**
 * Talk shapes that give themselves away by how the sentence is built rather than by one word: the quote is
 * the object of a verb of saying, of a modal ("will throw"), of failing ("failed with"), of fixing; the
 * sentence opens on a story's connective; or the line is a long sentence or a paragraph of its own with the
 * error quoted, or narrated unquoted, inside it. The quoted words are the SDKs' and tools' own messages
 * (botocore, JS v3's provider chain, Java v1's chain and region chain, STS, Go v1's chain, libcurl, the
 * AWS CLI's connection error); the sentences are made up.
 */
const SENTENCE_SHAPES: ReadonlyArray<{ shape: string; text: string }> = [
  {
    shape: "a bug report's expected behaviour: a modal verb before the quote (JS v3 provider chain)",
    text: 'The client will throw: `CredentialsProviderError: Could not load credentials from any providers`',
  },
  {
    shape: 'a negated behaviour ("boto3 should not raise `…`")',
    text: 'Once the role is attached, boto3 should not raise `botocore.exceptions.NoCredentialsError: Unable to locate credentials` any more',
  },
  {
    shape: 'reported speech: the quote opens right after "said" (Java v1 region chain)',
    text: 'The worker log said "com.amazonaws.SdkClientException: Unable to find a region via the region provider chain. Must provide an explicit region in the builder or setup environment to supply a region."',
  },
  {
    shape: 'a narrated failure: "then starts failing with \'…\'" (STS ExpiredToken in single quotes)',
    text: "The exporter works for about an hour after each deploy, then starts failing with 'ExpiredToken: The security token included in the request is expired'.",
  },
  {
    shape: 'a long clause ending in "failed with "…"" (an IAM denial from a stack event)',
    text: 'because nobody approved the change set in the console, the stack update on our side failed with "User: arn:aws:sts::123456789012:assumed-role/Deployer/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/MeteringRole"',
  },
  {
    shape: 'a change to make: "try to fix `…`" (botocore throttling)',
    text: 'try to fix `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded`',
  },
  {
    shape: 'one step of a story in inline code: "Then I see `…`" (the AWS CLI connection error)',
    text: 'Then I see `Could not connect to the endpoint URL: "https://metering.marketplace.us-east-1.amazonaws.com/"`',
  },
  {
    shape: 'the status named before the quote: "a 403 error "…""',
    text: 'When I run the entitlement check I get a 403 error "The security token included in the request is invalid."',
  },
  {
    shape: 'the writer calls it an error without an article: "showing error "…"" (libcurl 28 through Guzzle)',
    text: 'our uploader fails now and then showing error "cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received", so what causes it and how do we fix it?',
  },
  {
    shape: 'a long reply sentence with a program as subject and the quote at its end (JS v3 provider chain)',
    text: "@ops-dev everything works on my laptop, it's only that once it runs in the cluster every client call throws `CredentialsProviderError: Could not load credentials from any providers`",
  },
  {
    shape: 'a double quote in a sentence that goes on, then a question (botocore)',
    text: 'I mounted the token and redeployed, but now the worker keeps getting "botocore.exceptions.NoCredentialsError: Unable to locate credentials" even though AWS_ROLE_ARN is set. Did you have to do anything else?',
  },
  {
    shape: 'a paragraph of short sentences ending on a double quote (Java v1 chain)',
    text: 'Our service runs on ECS. It meters usage every hour. But for each call we get "Unable to load AWS credentials from any provider in the chain".',
  },
  {
    shape: 'a quote holding an escaped line break, after "the error" (Go v1 chain and its cause)',
    text: 'We’re hitting the error "NoCredentialProviders: no valid providers in chain. Deprecated.\\ncaused by: EnvAccessKeyNotFound: failed to find credentials in the environment." since we’re on the new runner image.',
  },
  {
    shape: 'a story step with its subject left out: "But receiving `…`." (JS v3 provider chain)',
    text: 'But receiving `CredentialsProviderError: Could not load credentials from any providers`.',
  },
  {
    shape: 'a story step with its subject left out: "Then getting `…`" (botocore)',
    text: 'Then getting `botocore.exceptions.NoCredentialsError: Unable to locate credentials`',
  },
  {
    shape: 'a second error told as "another error saying "…"" (s3cmd\'s `S3 error: <status> (<code>): <message>`)',
    text: 'I set the region and got another error saying "ERROR: S3 error: 403 (SignatureDoesNotMatch): The request signature we calculated does not match the signature you provided."',
  },
  {
    shape: 'an unquoted error at the end of a long narrating sentence with an aside (botocore AccessDenied)',
    text: 'The task stops after a few minutes since the role attached to it (the task role) cannot call the metering API and throws an error: An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/MeteringTask/abc is not authorized to perform: aws-marketplace:MeterUsage',
  },
];

describe('a sentence built around the error it quotes stays silent in a channel', () => {
  it.each(SENTENCE_SHAPES)('$shape', ({ text }) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    for (const finding of result.findings) {
      expect(finding.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
      expect(finding.confidence).toBeLessThan(0.85);
    }
  });

  it('still names the entry a long narrated error belongs to, as a possible match', () => {
    const result = diagnose(SENTENCE_SHAPES[SENTENCE_SHAPES.length - 1]!.text, realCatalog(), { now: NOW });
    expect(result.findings[0]?.entry.id).toBe('metering-access-denied');
    expect(result.findings[0]!.confidence).toBeLessThan(0.85);
  });
});

/**
 * An error inside a person's sentence that the talk shapes do not catch is still answered, but never with
 * high confidence: the person wrote the line, so what it holds is at most a possible match. An error on its
 * own line, or after a short lead-in, keeps its confidence.
 */
describe('an error inside prose is at most a possible match', () => {
  const inProse = [
    {
      what: 'a long quote after two sentences of five words of their own (botocore ExpiredToken)',
      text: 'Deploy broke again this morning. Getting `botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`',
      entry: 'credentials-session-expired',
    },
    {
      what: 'an unquoted error after a narrating lead-in of several words (botocore ExpiredToken)',
      text: 'we noticed this on the staging box tonight: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      entry: 'credentials-session-expired',
    },
  ];
  it.each(inProse)('$what', ({ text, entry }) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entry);
    expect(result.findings[0]!.confidence).toBeLessThan(0.85);
  });

  const ownLine = [
    'getting this:\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    'getting this: `botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`',
    'the nightly job died with: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
  ];
  it.each(ownLine)('keeps high confidence for an error on its own line or after a short lead-in: %s', (text) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.findings[0]?.entry.id).toBe('credentials-session-expired');
    expect(result.findings[0]!.confidence).toBeGreaterThanOrEqual(0.85);
  });
});

/** One-line errors whose layout quotes something, and pastes with a person's few words: still errors. */
const QUOTING_PASTES: ReadonlyArray<{ what: string; text: string }> = [
  {
    what: "the AWS CLI's message, which quotes a command",
    text: 'Unable to locate credentials. You can configure credentials by running "aws configure".',
  },
  {
    what: 'a long quote after "getting this:"',
    text: 'getting this: `botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`',
  },
  {
    what: 'a long quote with a one-word question after it',
    text: 'I get `botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`, why?',
  },
  {
    what: "the PHP SDK's Guzzle line, which quotes the request and the status in backticks",
    text: 'Error executing "MeterUsage" on "https://metering.marketplace.us-east-1.amazonaws.com"; AWS HTTP error: Client error: `POST https://metering.marketplace.us-east-1.amazonaws.com` resulted in a `400 Bad Request` response: ThrottlingException (client): Rate exceeded',
  },
  {
    what: 'a log line quoting the error after its time stamp',
    text: '2026-12-07 10:15:00 ERROR metering batch failed: "ThrottlingException: Rate exceeded"',
  },
  {
    what: 'a JSON log line',
    text: '{"level":"error","msg":"metering failed","error":"ExpiredTokenException: The security token included in the request is expired"}',
  },
  {
    what: 'a CI step quoting the botocore error',
    text: 'ERROR: Job failed: "An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded"',
  },
  { what: "Node's error line", text: 'Error: Could not load credentials from any providers' },
  {
    what: "a runtime's two-word head before the exception",
    text: 'Unhandled exception botocore.exceptions.NoCredentialsError: Unable to locate credentials',
  },
  {
    what: "a program's lead-in with no narrating word before botocore's message",
    text: 'metering worker exited with An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded',
  },
  {
    what: 'two short sentences before a long quote: a paste with a few words of its own, not a paragraph',
    text: 'Deploy broke again. Getting `botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`',
  },
  {
    what: 'a message whose own wording puts values in single quotes',
    text: "ValidationException: 1 validation error detected: Value 'meter-42' at 'productCode' failed to satisfy constraint: Member must have length less than or equal to 255",
  },
  {
    what: 'an error line with a question on the line under it',
    text: 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded\nany idea what this means?',
  },
  {
    what: "an error tracker's bold heading (the class, then its culprit)",
    text: '**Aws::S3::Errors::SignatureDoesNotMatch** in **UploadJob#perform**',
  },
  { what: 'a log line that puts the code in bold', text: 'ERROR metering: **ThrottlingException**: Rate exceeded' },
  {
    what: 'a short lead-in with a colon before the quote ("Job failed with: `…`")',
    text: 'Job failed with: `ExpiredTokenException: The security token included in the request is expired`',
  },
  {
    what: 'a one-sentence lead-in naming where it came from, with a colon ("the worker said: `…`")',
    text: 'the worker said: `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded`',
  },
  {
    what: 'a lead-in that only says what the error is ("the error is: `…`"), with no judgement of it',
    text: 'the error is: `An error occurred (ExpiredToken) when calling the MeterUsage operation: The security token included in the request is expired`',
  },
  {
    what: 'a lead-in naming the error the writer gets, with a colon before the paste ("The error I\'m getting is: `…`")',
    text: "The error I'm getting is: `botocore.exceptions.NoCredentialsError: Unable to locate credentials`",
  },
  {
    what: 'a status update with its subject left out ("Still getting `…`"): what the writer sees now',
    text: 'Still getting `botocore.exceptions.NoCredentialsError: Unable to locate credentials`',
  },
  {
    what: "the Go SDK's error, which names a profile",
    text: 'SharedConfigProfileNotExistsError: failed to get shared config profile, default',
  },
];

describe('a sentence that quotes the error it talks about stays silent in a channel', () => {
  it.each(QUOTING_TALK)('$shape', ({ text }) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    for (const finding of result.findings) expect(finding.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
    for (const error of result.unmatched) expect(error.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
  });

  it('still names the entry, as a possible match, for an explicit ask', () => {
    const result = diagnose(QUOTING_TALK[1]!.text, realCatalog(), { now: NOW });
    expect(result.findings[0]?.entry.id).toBe('credentials-not-found');
    expect(result.findings[0]!.confidence).toBeLessThan(0.85);
  });

  it('still lists an unknown error it quotes, for an explicit ask', () => {
    const result = diagnose(QUOTING_TALK[QUOTING_TALK.length - 1]!.text, realCatalog(), { now: NOW });
    expect(result.unmatched).toHaveLength(1);
  });
});

describe('an error whose own layout quotes something is still an error', () => {
  it.each(QUOTING_PASTES)('$what', ({ text }) => {
    expect(diagnose(text, realCatalog(), { now: NOW }).isError).toBe(true);
  });
});

/**
 * Markdown's code span may be delimited by three backticks as well as one (CommonMark: a run of
 * backticks closes at the next run of the same length). Inside a sentence it is the same inline quote
 * as a single-backtick span; after a lead-in that ends with a colon, or alone on its line, Slack shows
 * it as a code block, the paste itself. The quoted words are Node's and botocore's own messages.
 */
describe('a three-backtick code span inside a sentence is an inline quote', () => {
  it.each([
    [
      'a first-person report ending on the span',
      'Uploads work fine, but when the job restores its cache I receive error ```connect ETIMEDOUT 192.0.2.10:443``` every time.',
    ],
    [
      'a sentence that goes on after the span',
      'We only see ```Error: connect ECONNREFUSED 127.0.0.1:4566``` when LocalStack has not started yet, so I think it is a race.',
    ],
  ])('valid (silent in a channel): %s', (_shape, text) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    for (const finding of result.findings) expect(finding.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
  });

  it.each([
    ['a lead-in ending with a colon (Slack code block)', 'see this: ```Error: connect ETIMEDOUT 192.0.2.10:443```'],
    ['the span alone on its line', '```Error: connect ETIMEDOUT 192.0.2.10:443```'],
    [
      'a fenced block after a sentence',
      'The restore step fails on the self-hosted runner\n```\nError: connect ETIMEDOUT 192.0.2.10:443\n```',
    ],
  ])('invalid (still the paste): %s', (_shape, text) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe('network-timeout');
  });
});

describe('a bold error between a reporting word and the rest of the sentence is a quote in that sentence', () => {
  it.each([
    [
      'reporting verb as a label, the sentence going on after the bold',
      'Returns: **Error: connect ETIMEDOUT 192.0.2.10:443** whenever the runner restores its cache.',
    ],
    [
      'one word before the bold, a clause after it',
      'Deploy shows **Error: connect ETIMEDOUT 192.0.2.10:443** when I run it from the office.',
    ],
  ])('valid (talk): %s', (_shape, text) => {
    expect(diagnose(text, realCatalog(), { now: NOW }).isError).toBe(false);
  });

  it.each([
    ['a bold head, then the message', '**Error:** connect ETIMEDOUT 192.0.2.10:443'],
    ['a bold error with a label and nothing after it', 'Output: **Error: connect ETIMEDOUT 192.0.2.10:443**'],
  ])('invalid (still the paste): %s', (_shape, text) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe('network-timeout');
  });
});

/**
 * The rule underneath the shapes above, stated on the sentence rather than on its words: a message the
 * writer's own clause holds (its object, its complement, part of a question or of a modal statement, or
 * with the clause going on after it) is talk about the error; a message that a lead-in only brings in ("I
 * get", "we keep seeing this error:", "Still getting") and that ends the line is the paste. Who speaks is
 * read from the clause's build: a first-person word, a question, a narrating or modal verb, clauses joined
 * into a story, or inline code set in a sentence of a few words. The quoted messages are the SDKs' and
 * tools' own (named per case); the sentences are made up, in wordings none of the shapes above lists.
 */
describe('an error written into the writer’s sentence is talk; one a lead-in only brings in is the paste', () => {
  it.each([
    [
      'botocore, the object of a gerund subject’s verb ("Calling … ends in `…`")',
      'Calling MeterUsage from the sidecar ends in `AccessDeniedException: User is not authorized to perform: aws-marketplace:MeterUsage`',
    ],
    [
      'the AWS CLI, quoted twice inside a question',
      'Do you know why `aws sts get-caller-identity` returns `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.`?',
    ],
    [
      'STS AccessDenied inside a conditional statement ("If … you’ll see `…`")',
      "If the role can't be assumed you'll see `AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole`.",
    ],
    [
      'Java v1 connect timeout after a program subject and an adverb ("The connector fails intermittently with `…`")',
      'The connector fails intermittently with `Unable to execute HTTP request: Connect to metering.marketplace.us-east-1.amazonaws.com:443 failed: connect timed out`',
    ],
    [
      'the SSO token loader, the object of "fixed" after a command in inline code',
      'For me `aws sso login` fixed `Error loading SSO Token: Token for my-sso does not exist`',
    ],
    [
      'Node’s DNS failure as the subject of a judgement ("`…` looks like DNS on your side")',
      'Hmm, `getaddrinfo ENOTFOUND metering.marketplace.us-east-1.amazonaws.com` looks like DNS on your side.',
    ],
    [
      'botocore, a link before "I get" (where it was called from, then what came back)',
      'https://example.execute-api.us-east-1.amazonaws.com/prod I get `An error occurred (ExpiredTokenException) when calling the MeterUsage operation: The security token included in the request is expired`',
    ],
    [
      'Go v1 chain, unquoted, in a sentence that ends in a question',
      'We keep getting NoCredentialProviders: no valid providers in chain on the new runners, any ideas?',
    ],
    [
      'JS v3 provider chain, unquoted, with the writer’s "I" after the message',
      'The worker prints CredentialsProviderError: Could not load credentials from any providers although I exported the profile',
    ],
    [
      'STS ExpiredToken in inline code, then a dash and a question about it',
      "`ExpiredTokenException: The security token included in the request is expired` — is that the customer's token or ours?",
    ],
    [
      'botocore in inline code after a clause that tells when, then "I get error:"',
      'When I run `aws sts get-caller-identity` from the build container I get error: `An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired`',
    ],
    [
      'the Go v1 chain in inline code after "but now I keep getting"',
      'It worked on the old runners but now I keep getting `NoCredentialProviders: no valid providers in chain. Deprecated.`',
    ],
    [
      'the SSO token loader in bold after "then I get"',
      'I logged in with the CLI and then I get **Error loading SSO Token: Token for my-sso does not exist**',
    ],
    [
      'an S3 clock-skew message, unquoted, then a dash and the writer’s comment',
      'RequestTimeTooSkewed: The difference between the request time and the current time is too large — that is what our Windows runners print after waking from sleep.',
    ],
  ])('valid (talk, silent in a channel): %s', (_source, text) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(false);
    for (const finding of result.findings) expect(finding.evidence ?? 0).toBeLessThan(DEFAULT_ERROR_THRESHOLD);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'botocore after "we are getting the below error"',
      'we are getting the below error `An error occurred (AccessDeniedException) when calling the MeterUsage operation: User is not authorized to perform: aws-marketplace:MeterUsage`',
      'metering-access-denied',
    ],
    [
      'an STS denial after "I am seeing", unquoted',
      'I am seeing AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/metering',
      'sts-assume-role-denied',
    ],
    [
      'botocore after a greeting and "I\'m getting"',
      "hi, I'm getting `botocore.exceptions.NoCredentialsError: Unable to locate credentials`",
      'credentials-not-found',
    ],
    [
      'botocore after "I get this error:", unquoted',
      'I get this error: botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      'credentials-not-found',
    ],
    [
      'the AWS CLI’s message, which quotes a command, after "I receive"',
      'I receive `Unable to locate credentials. You can configure credentials by running "aws configure".`',
      'credentials-not-found',
    ],
    [
      'the Go v1 chain in inline code after "I keep getting" and nothing else',
      'I keep getting `NoCredentialProviders: no valid providers in chain. Deprecated.`',
      'credentials-not-found',
    ],
    [
      'botocore, unquoted, after a clause that tells when and "I get this error:"',
      'When I run the usage job I get this error: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded',
      'metering-throttling',
    ],
    [
      'a Terraform log head: "Received error" and the STS message right after it',
      'Received error  The role "arn:aws:iam::123456789012:role/metering" cannot be assumed.',
      'sts-assume-role-denied',
    ],
    [
      'botocore, unquoted, after "I\'m getting"',
      "I'm getting An error occurred (ExpiredTokenException) when calling the MeterUsage operation: The security token included in the request is expired",
      'credentials-session-expired',
    ],
    [
      'botocore after a question that ends its own sentence ("Any ideas? …")',
      'Any ideas? An error occurred (ExpiredTokenException) when calling the MeterUsage operation: The security token included in the request is expired',
      'credentials-session-expired',
    ],
    [
      'a worker’s log line that says it will retry, then botocore',
      'upload failed, will retry in 5s: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded',
      'metering-throttling',
    ],
    [
      'a worker’s log line with its component as a label, then an STS denial',
      'worker: could not assume role: AccessDenied: User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/y',
      'sts-assume-role-denied',
    ],
    [
      'a program’s sentence that ends before botocore’s message',
      'Usage for this hour could not be recorded. An error occurred (ThrottlingException) when calling the MeterUsage operation: Rate exceeded',
      'metering-throttling',
    ],
    [
      'an Ansible task failure, whose own sentences end in "The error was:"',
      'An exception occurred during task execution. To see the full traceback, use -vvv. The error was: botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      'credentials-not-found',
    ],
  ])('invalid (still the paste): %s', (_source, text, entry) => {
    const result = diagnose(text, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entry);
  });
});
