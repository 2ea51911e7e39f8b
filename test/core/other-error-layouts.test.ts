import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Errors printed in layouts no AWS SDK uses: other clouds' CLIs, command-line tools, structured
 * logs, other languages' qualified exception names. Texts written for these tests.
 */
describe('errors in layouts that are no AWS SDK’s are errors, listed as unknown', () => {
  const catalog = realCatalog();
  const run = (text: string) => diagnose(text, catalog, { now: NOW });

  it.each([
    [
      'a log line at ERROR level with the code in parentheses',
      'ERROR: (QuotaExceeded) The subscription has no room left.',
    ],
    ['a Python logging line', "ERROR:billing.worker:KeyError: 'tenant'"],
    ['a FATAL log line with a timestamp', '2026-12-02 08:14:03,112 FATAL - scheduler lost its lease on shard 7'],
    ['a command-line tool’s lowercase prefix', 'unauthorized: authentication required for registry.example.org'],
    ['a labelled error code', 'Status: 409\nError code: LeaseAlreadyPresent'],
    ['a JSON error field holding a code', '{"results": [{"error": "MismatchSenderId"}], "failure": 1}'],
    [
      'an error line inside a structured log’s message',
      '{"level":"error","message":"RangeError: Invalid array length"}',
    ],
    [
      'a .NET exception with its namespace',
      'System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()',
    ],
    [
      'a Ruby exception under a module',
      'Faraday::ConnectionFailed: Failed to open TCP connection to api.example.org:443',
    ],
    [
      'a tab-separated runtime log at ERROR level with a JSON error type',
      '2026-12-03T10:00:01.000Z\tc0ffee00-0000-4000-8000-000000000001\tERROR\tInvoke Error \n{"errorType": "RangeError", "errorMessage": "Invalid time value"}',
    ],
    [
      'a gRPC error relayed by a container runtime',
      'Failed to pull image "registry.example.org/app:1.2": rpc error: code = NotFound desc = manifest unknown',
    ],
    ['an HTTP error status at the head of a line', '> HTTP 409: Conflict. The usage event was already accepted.'],
    [
      'an error inspected inside a logged object',
      "Push failed { Error: Device token unknown\n    at Sender.send (/srv/push/sender.js:41:11)\n  code: 'push/unknown-token' }",
    ],
  ])('%s', (_what, paste) => {
    const result = run(paste);
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
  });

  it('an unknown error with nothing AWS in the paste carries no AWS context, so a channel stays out of it', () => {
    const [unknown] = run('ERROR: (QuotaExceeded) The subscription has no room left.').unmatched;
    expect(unknown).toMatchObject({ awsContext: false, facts: { code: 'QuotaExceeded' } });
  });

  it('the same layout with an AWS endpoint in the paste is an unknown error in an AWS context', () => {
    const [unknown] = run(
      'denied: requested access to the resource is denied\nwhile pushing to 123456789012.dkr.ecr.eu-west-1.amazonaws.com/meter',
    ).unmatched;
    expect(unknown).toMatchObject({ awsContext: true });
  });

  it('a .NET framework exception sharing its last name with a metering code is not the metering error', () => {
    const result = run('System.PlatformNotSupportedException: Operation is not supported on this platform.');
    expect(result.findings.map((f) => f.entry.id)).not.toContain('register-usage-platform-not-supported');
    expect(result.unmatched[0]!.facts.code).toBe('System.PlatformNotSupportedException');
  });

  it('the AWS SDK for .NET’s own namespace still names the AWS error code', () => {
    const result = run(
      'Amazon.AWSMarketplaceMetering.Model.ThrottlingException: Rate exceeded\n   at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleException(IExecutionContext executionContext)',
    );
    expect(result.findings[0]!.entry.id).toBe('metering-throttling');
  });

  it.each([
    'the deploy logged an ERROR about the lease, nothing else',
    'we get error: sometimes when the registry is slow',
    'Is "Error type" shown in the console for quota failures?',
    'we got HTTP 403 a few times from the partner API yesterday',
  ])('talk about errors stays chat: %s', (sentence) => {
    const result = run(sentence);
    expect(result.isError).toBe(false);
    expect(result.findings.filter((f) => f.evidence >= 0.6)).toEqual([]);
  });
});

describe('an error quoted in backticks inside a sentence is talk about it', () => {
  const catalog = realCatalog();
  const run = (text: string) => diagnose(text, catalog, { now: NOW });

  it.each([
    'Yesterday the worker logged `NoCredentialsError` with the message `Unable to locate credentials` twice.',
    'The reason for the `TimeoutError` is that the chain reached the metadata service last.',
  ])('a channel does not take it up, an explicit ask still gets a possible match: %s', (sentence) => {
    const result = run(sentence);
    expect(result.findings.filter((f) => f.evidence >= 0.6)).toEqual([]);
    expect(result.findings.every((f) => f.confidence < 0.85)).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('a whole error brought in by "I get" and ending the line is still a paste', () => {
    const result = run(
      'I get `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded`',
    );
    expect(result.isError).toBe(true);
    expect(result.findings[0]!.entry.id).toBe('metering-throttling');
  });

  it('the same error with the sentence going on after it ("… every hour") is a sentence about it', () => {
    const result = run(
      'I get `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded` every hour',
    );
    expect(result.isError).toBe(false);
    expect(result.findings[0]!.entry.id).toBe('metering-throttling');
  });
});

describe('payment and API providers’ and other clouds’ errors are errors, listed as unknown', () => {
  const catalog = realCatalog();
  const run = (text: string) => diagnose(text, catalog, { now: NOW });

  it.each([
    [
      'a payment provider’s labelled error fields',
      '  Type: card_error\n  Code: card_declined\n  Message: Your card was declined.',
    ],
    [
      'a payment provider’s missing object with its prefixed id',
      "Billing sync stopped: No such subscription: 'sub_9QzT4kLm2Xw8Rb'",
    ],
    ['Stripe’s Ruby exception class', 'Stripe::InvalidRequestError: No such price: price_1Qa2Zx9Ty7'],
    [
      'a JSON log record at error level, whatever its message',
      '{"ts": "2026-12-01T10:00:00Z", "levelname": "ERROR", "logger": "billing", "msg": "invoice sync gave up after 3 tries"}',
    ],
    [
      'an API client’s status line with an OAuth body behind a label',
      'Request to partner API failed: Status 401\nBody: {"error": "invalid_token", "error_description": "The token is not valid."}',
    ],
    [
      'Google Cloud IAM’s denial sentence',
      "Permission 'storage.objects.get' denied on resource '//storage.googleapis.com/projects/_/buckets/reports' (or it may not exist).",
    ],
    [
      'a Python client exception quoted inline with a backtick',
      '`google.api_core.exceptions.NotFound: 404 Dataset analytics:daily was not found',
    ],
    [
      'Azure Resource Manager’s AuthorizationFailed sentence',
      "The client 'deploy-bot' with object id '00000000-1111-2222-3333-444444444444' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/write' over scope '/subscriptions/0000/resourceGroups/rg' or the scope is invalid.",
    ],
  ])('%s', (_what, paste) => {
    const result = run(paste);
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched.length).toBeGreaterThan(0);
    // Nothing AWS in the paste: a channel stays out of it, an explicit ask lists it as unknown.
    expect(result.unmatched.every((u) => !u.awsContext)).toBe(true);
  });

  it('a provider’s error next to an AWS endpoint is an unknown error in an AWS context', () => {
    const result = run(
      'Type: api_error\nMessage: upstream failed while syncing https://metering.marketplace.us-east-1.amazonaws.com records',
    );
    expect(result.unmatched.some((u) => u.awsContext)).toBe(true);
  });

  it.each([
    'the billing page says no such customer when I search by email',
    'which type of card_error should we show to the buyer?',
    'does the level field say ERROR for those log records?',
    'we keep hitting permission denied on resource quotas in GCP, any idea?',
  ])('talk about those errors stays chat: %s', (sentence) => {
    const result = run(sentence);
    expect(result.isError).toBe(false);
    expect(result.findings.filter((f) => f.evidence >= 0.6)).toEqual([]);
  });
});
