import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * An AWS error named by its SDK's exception class, the way error trackers title an event (Sentry, Bugsnag,
 * Rollbar, Honeybadger: the class, then ` in <culprit>` or a culprit line under it), the way `%T`, `type(e)`
 * or an enum's Debug print shows it, and the way each SDK heads its own message. The class names follow
 * each SDK's generated code: aws-sdk-ruby `Aws::<Svc>::Errors::<Code>`, botocore's errorfactory and
 * `client.exceptions`, the Java v1/v2 `model` packages, the .NET `Amazon.<Svc>.Model` namespace, the Go v2
 * `types` package, the Rust SDK's `<Operation>Error` enums, the JS v3 ServiceException fields
 * (`$fault`, `$metadata`), the PHP v2 exception message and the PHP SDK's namespaced classes (v2's
 * `Aws\<Svc>\Exception\<Code>Exception`, v3's `Aws\<Svc>\Exception\<Svc>Exception`).
 * Written for these tests from those formats; none is taken from the held-out set.
 */
const catalog = realCatalog();
const run = (text: string) => diagnose(text, catalog, { now: NOW });

type Valid = [sdk: string, text: string, entry: string, code: string, service: string | undefined];

const valid: Valid[] = [
  // Ruby
  [
    'Ruby class with a tracker culprit',
    'Aws::MarketplaceMetering::Errors::ThrottlingException in MeteringJob#perform',
    'metering-throttling',
    'ThrottlingException',
    'metering.marketplace',
  ],
  [
    'Ruby class alone, culprit on the next line',
    'Aws::MarketplaceMetering::Errors::CustomerNotEntitledException\napp/jobs/meter_usage_job.rb:14 in perform',
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    'metering.marketplace',
  ],
  [
    'Ruby class in Bugsnag Markdown bold',
    '**Aws::MarketplaceMetering::Errors::InvalidProductCodeException** in **UsageReporter#call**',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    'metering.marketplace',
  ],
  [
    'Ruby STS class: another service',
    'Aws::STS::Errors::ExpiredToken in AssumeRoleJob#perform',
    'credentials-session-expired',
    'ExpiredToken',
    'sts',
  ],
  [
    'Ruby SDK-wide error class',
    'Aws::Errors::MissingCredentialsError in MeteringJob#perform',
    'credentials-not-found',
    'MissingCredentialsError',
    undefined,
  ],
  [
    'Ruby EC2 class: throttling of another service',
    'Aws::EC2::Errors::RequestLimitExceeded in InstanceSync#run',
    'aws-throttling',
    'RequestLimitExceeded',
    'ec2',
  ],
  // Python
  [
    'botocore errorfactory class alone',
    'botocore.errorfactory.InvalidProductCodeException',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    undefined,
  ],
  [
    'botocore errorfactory class with a tracker culprit line',
    'botocore.errorfactory.InvalidCustomerIdentifierException\nusage_reporter in report_usage',
    'metering-invalid-customer-identifier',
    'InvalidCustomerIdentifierException',
    undefined,
  ],
  [
    'boto3 client.exceptions class',
    'meteringmarketplace.Client.exceptions.CustomerNotEntitledException',
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    undefined,
  ],
  [
    'boto3 client.exceptions class as its docs spell it',
    'MarketplaceMetering.Client.exceptions.InvalidProductCodeException',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    undefined,
  ],
  [
    'ClientError title cut after the code',
    'ClientError: An error occurred (TimestampOutOfBoundsException)',
    'metering-timestamp-out-of-bounds',
    'TimestampOutOfBoundsException',
    undefined,
  ],
  [
    'botocore exceptions class alone',
    'botocore.exceptions.NoCredentialsError',
    'credentials-not-found',
    'NoCredentialsError',
    undefined,
  ],
  // Java
  [
    'Java v1 model class alone',
    'com.amazonaws.services.marketplacemetering.model.InvalidProductCodeException',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    'metering.marketplace',
  ],
  [
    'Java v1 AmazonServiceException with its service tail',
    'com.amazonaws.AmazonServiceException: Rate exceeded (Service: AWSMarketplaceMetering; Status Code: 400; Error Code: ThrottlingException; Request ID: 5f1c0a2e-8d3b-4c6f-9a1e-2b7d4c8e0f13)',
    'metering-throttling',
    'ThrottlingException',
    'metering.marketplace',
  ],
  [
    'Java v2 model class alone',
    'software.amazon.awssdk.services.marketplacemetering.model.CustomerNotEntitledException',
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    'metering.marketplace',
  ],
  // .NET
  [
    '.NET model class alone',
    'Amazon.AWSMarketplaceMetering.Model.InvalidProductCodeException',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    'metering.marketplace',
  ],
  [
    '.NET model class with a tracker culprit',
    'Amazon.AWSMarketplaceMetering.Model.TimestampOutOfBoundsException in UsageReporter.ReportAsync',
    'metering-timestamp-out-of-bounds',
    'TimestampOutOfBoundsException',
    'metering.marketplace',
  ],
  // PHP
  [
    'PHP v2 exception message',
    'Aws\\S3\\Exception\\S3Exception AWS Error Code: RequestTimeTooSkewed, Status Code: 403, AWS Request ID: 7C1B2D3E4F5A6B7C, AWS Error Type: client, AWS Error Message: The difference between the request time and the current time is too large.',
    'signature-clock-skew',
    'RequestTimeTooSkewed',
    undefined,
  ],
  // Go v2
  [
    'Go v2 %T of the error',
    '*types.CustomerNotEntitledException',
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    undefined,
  ],
  [
    'Go v2 api error tail without its operation head',
    'report usage: api error InvalidProductCodeException: Invalid product code',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    undefined,
  ],
  // Rust
  [
    'Rust SdkError over an operation error enum',
    'SdkError::ServiceError(MeterUsageError::CustomerNotEntitledException)',
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    'metering.marketplace',
  ],
  // JS
  [
    'JS v3 error printed as an object',
    "CustomerNotEntitledException { $fault: 'client', $metadata: { httpStatusCode: 400, requestId: '2b7d4c8e' } }",
    'metering-customer-not-entitled',
    'CustomerNotEntitledException',
    undefined,
  ],
  // PHP: SDK v2's NamespaceExceptionFactory names the class `Aws\<Svc>\Exception\<Code>Exception`
  [
    'PHP v2 class with a tracker culprit',
    'Aws\\MarketplaceMetering\\Exception\\ThrottlingException in MeteringJob->handle()',
    'metering-throttling',
    'ThrottlingException',
    'metering.marketplace',
  ],
  [
    "PHP v2 class alone, as Symfony Console's box heads it",
    '  [Aws\\MarketplaceMetering\\Exception\\InvalidProductCodeException]  ',
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    'metering.marketplace',
  ],
  [
    "PHP v2 class alone in Symfony Console's box with the exception's own number, another service",
    '  [Aws\\Ec2\\Exception\\RequestLimitExceededException (0)]  ',
    'aws-throttling',
    'RequestLimitExceeded',
    'ec2',
  ],
  [
    'JS v2 error code property',
    "{ code: 'InvalidProductCodeException', statusCode: 400, retryable: false }",
    'metering-invalid-product-code',
    'InvalidProductCodeException',
    undefined,
  ],
];

describe('an AWS error named by its SDK exception class', () => {
  it.each(valid)('%s', (_sdk, text, entry, code, service) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    const top = result.findings[0]!;
    expect(top.entry.id).toBe(entry);
    expect(top.facts.code).toBe(code);
    expect(top.facts.service).toBe(service);
  });

  it('a class alone is a possible match, never a sure one: the message that would settle it is missing', () => {
    for (const [, text] of valid.filter(([sdk]) => sdk.includes('alone'))) {
      expect(run(text).findings[0]!.confidence).toBeLessThan(0.85);
    }
  });
});

describe('near-misses: no class of an AWS SDK, or no paste of one', () => {
  it.each([
    ['a question naming a Ruby class', 'Why would I get Aws::MarketplaceMetering::Errors::ThrottlingException here?'],
    [
      'a question naming a Python class',
      'does anyone know what botocore.errorfactory.InvalidProductCodeException means?',
    ],
  ])('%s stays chat', (_what, text) => {
    expect(run(text).isError).toBe(false);
  });

  it.each([
    ['Google Cloud Ruby class', 'Google::Cloud::PermissionDeniedError in Job#perform'],
    ['Azure Ruby class', 'Azure::Storage::Errors::AuthenticationFailed in Job#perform'],
    ['Azure .NET class', 'Azure.RequestFailedException'],
  ])('%s is no AWS error', (_what, text) => {
    const result = run(text);
    expect(result.findings).toEqual([]);
    for (const u of result.unmatched) expect(u.facts.service).toBeUndefined();
  });

  it("another Python package's exceptions module is not an AWS client's", () => {
    const result = run('redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.');
    expect(result.findings).toEqual([]);
    expect(result.unmatched.map((u) => u.awsContext)).toEqual([false]);
  });

  it.each([
    ["PHP v3's service class alone (the code is in the message it heads)", '  [Aws\\S3\\Exception\\S3Exception]  '],
    ["PHP v3's SDK-wide class alone", 'Aws\\Exception\\AwsException'],
  ])('%s is an AWS error the catalog cannot name', (_what, text) => {
    const result = run(text);
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]!.facts.code).toBeUndefined();
  });

  it.each([
    ['a sentence naming a PHP class', 'We catch Aws\\S3\\Exception\\S3Exception and retry the upload.'],
    ["a PHP class's source file", 'See src/Aws/S3/Exception/S3Exception.php for the class.'],
  ])('%s is no error', (_what, text) => {
    expect(run(text).isError).toBe(false);
  });

  it('a PHP wrapper class stands for the error printed with it: one error, one answer', () => {
    const result = run(
      '  [Aws\\Exception\\CredentialsException]  \n\n  Cannot read credentials from /home/meter/.aws/credentials  ',
    );
    expect(result.findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
    expect(result.unmatched).toEqual([]);
  });

  it("PHP's Error executing head whose quoted body Guzzle cut before the code is still that operation's error", () => {
    const result = run(
      'Aws\\Sqs\\Exception\\SqsException: Error executing "SendMessage" on "https://sqs.us-east-1.amazonaws.com/123456789012/usage-events"; AWS HTTP error: Client error: `POST https://sqs.us-east-1.amazonaws.com/123456789012/usage-events` resulted in a `400 Bad Request` response:\n<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonE (truncated...)',
    );
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]!.facts).toMatchObject({ operation: 'SendMessage', httpStatus: 400, service: 'sqs' });
  });

  it('a Rust SDK error with no modelled code names no entry', () => {
    expect(run('SdkError::ServiceError(MeterUsageError::Unhandled(Unhandled { source: .. }))').findings).toEqual([]);
  });
});
