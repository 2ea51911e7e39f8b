import { describe, expect, it } from 'vitest';
import { diagnose, toJsonFinding } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/** Written for these tests in each SDK's layout; none is taken from the held-out set. */
describe('errors of other services are not answered as metering errors', () => {
  const catalog = realCatalog();
  const top = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0];

  it('an EC2 InternalError named by the CLI debug log gets the generic server-error entry, attributed to EC2', () => {
    const paste = [
      '2026-12-01 10:02:11,402 - MainThread - botocore.hooks - DEBUG - Event needs-retry.ec2.RunInstances: calling handler <botocore.retryhandler.RetryHandler object at 0x7f>',
      '<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred</Message></Error></Errors><RequestID>0d6e2c4a-1b7f-4f0e-9c55-3a2b1c0d9e8f</RequestID></Response>',
    ].join('\n');
    const finding = top(paste)!;
    expect(finding.entry.id).toBe('aws-server-error');
    expect(finding.facts.service).toBe('ec2');
  });

  it('a bare ThrottlingException with no service named is not assumed to be metering', () => {
    const finding = top(
      'ThrottlingException: Rate exceeded\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    )!;
    expect(finding.entry.id).toBe('aws-throttling');
    expect(finding.facts.service).toBeUndefined();
    expect(finding.alternatives.map((e) => e.id)).toContain('metering-throttling');
  });

  it('a finding below 0.85 is a possible match in the JSON contract, a sure one is high', () => {
    const bare = diagnose('ThrottlingException: Rate exceeded', catalog, { now: NOW }).findings[0]!;
    expect(toJsonFinding(bare).certainty).toBe('possible');
    const sure = diagnose(
      'An error occurred (ThrottlingException) when calling the MeterUsage operation (reached max retries: 4): Rate exceeded',
      catalog,
      { now: NOW },
    ).findings[0]!;
    expect(toJsonFinding(sure).certainty).toBe('high');
  });

  it('the same code on a metering operation is the metering throttle', () => {
    expect(
      top(
        'An error occurred (ThrottlingException) when calling the MeterUsage operation (reached max retries: 4): Rate exceeded',
      )?.entry.id,
    ).toBe('metering-throttling');
  });

  it.each([
    [
      'Go v2 service name',
      'operation error CloudWatch Logs: PutLogEvents, exceeded maximum number of attempts, 3, https response error StatusCode: 400, RequestID: 1f0c, api error ThrottlingException: Rate exceeded',
      'logs',
    ],
    [
      'Ruby error class',
      'Aws::Kinesis::Errors::ThrottlingException: Rate exceeded for stream orders under account 123456789012.',
      'kinesis',
    ],
    [
      'Java v1 service tail',
      'com.amazonaws.services.dynamodbv2.model.AmazonDynamoDBException: Rate exceeded (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ThrottlingException; Request ID: 7C1E0B5Q)',
      'dynamodb',
    ],
    [
      'JS v2 service file',
      'ThrottlingException: Rate exceeded\n    at Request.extractError (/app/node_modules/aws-sdk/lib/services/ssm.js:19:27)',
      'ssm',
    ],
  ])('another service named by its %s is never a metering or entitlement entry', (_how, paste, service) => {
    const finding = top(paste);
    expect(finding?.entry.area).not.toBe('metering');
    expect(finding?.entry.area).not.toBe('entitlement');
    expect(finding?.facts.service).toBe(service);
  });
});

describe('exceptions that are not shaped like AWS errors are still errors', () => {
  const catalog = realCatalog();

  it('an unknown exception line is an error, listed as unknown, with no AWS context', () => {
    const result = diagnose('FluxCapacitorOverloadException: flux capacitor rejected usage', catalog, { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]!.facts.code).toBe('FluxCapacitorOverloadException');
    expect(result.unmatched[0]!.awsContext).toBe(false);
  });

  it('the same exception logged at ERROR level with a role ARN is an unknown error in an AWS context', () => {
    const result = diagnose(
      '2026-11-23T04:12:55Z ERROR meter-worker FluxCapacitorOverloadException: flux capacitor rejected usage for arn:aws:iam::123456789012:role/MeteringWorker',
      catalog,
      { now: NOW },
    );
    expect(result.isError).toBe(true);
    expect(result.unmatched[0]).toMatchObject({ awsContext: true, facts: { code: 'FluxCapacitorOverloadException' } });
  });

  it.each([
    [
      'a Go panic',
      'panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/meter/main.go:42 +0x1d',
    ],
    [
      'a Java exception alone on its line',
      'java.lang.IllegalStateException\n\tat com.example.meter.Batch.flush(Batch.java:88)',
    ],
    [
      'a Python exception from a traceback',
      'Traceback (most recent call last):\n  File "meter.py", line 12, in <module>\n    flush()\nredis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.',
    ],
  ])('%s is recognised as an error nobody in the catalog claims', (_what, paste) => {
    const result = diagnose(paste, catalog, { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings.filter((f) => f.confidence >= 0.85)).toEqual([]);
  });

  it('a sentence about an exception stays chat', () => {
    expect(
      diagnose('we saw a few flux capacitor exceptions yesterday, probably the deploy', catalog, { now: NOW }).isError,
    ).toBe(false);
  });
});

describe('one error printed over several lines is one finding', () => {
  const catalog = realCatalog();

  it('a JS v3 console.error dump of one AccessDeniedException (first line, stack, $metadata, __type)', () => {
    const paste = [
      'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/metering-task/i-0abc is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action',
      '    at throwDefaultError (/srv/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
      "  '$fault': 'client',",
      "  '$metadata': { httpStatusCode: 400, requestId: '7d1b1f52-2a8e-4a7c-9d1e-0f2b3c4d5e6f', attempts: 1, totalRetryDelay: 0 },",
      "  __type: 'AccessDeniedException'",
      '}',
    ].join('\n');
    const result = diagnose(paste, catalog, { now: NOW });
    expect(result.findings.map((f) => f.entry.id)).toEqual(['metering-access-denied']);
    expect(result.findings[0]!.facts.action).toBe('aws-marketplace:BatchMeterUsage');
  });

  it('an STS denial in an XML body (code line, message line) is one STS finding', () => {
    const paste = [
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
      '  <Error>',
      '    <Type>Sender</Type>',
      '    <Code>AccessDenied</Code>',
      '    <Message>User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/metering</Message>',
      '  </Error>',
      '</ErrorResponse>',
    ].join('\n');
    expect(diagnose(paste, catalog, { now: NOW }).findings.map((f) => f.entry.id)).toEqual(['sts-assume-role-denied']);
  });
});

describe('an access denial that names only the operation', () => {
  it('gets the IAM action derived from the operation and the service', () => {
    const result = diagnose(
      "An error occurred (AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.",
      realCatalog(),
      { now: NOW },
    );
    expect(result.findings[0]?.facts.action).toBe('organizations:ListAccounts');
  });
});
