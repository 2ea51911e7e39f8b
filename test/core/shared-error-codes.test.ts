import { describe, expect, it } from 'vitest';
import { diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * InternalServiceErrorException is Metering's and Entitlement's code, with the same wording. Which
 * entry answers depends on whether the paste says which service failed. Pastes written for these
 * tests in each SDK's layout (IDs made up); none is taken from the held-out set or the SDK matrix.
 */
const catalog = realCatalog();
const topOf = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0]!;

describe('an internal error with a code two Marketplace services share', () => {
  describe('when nothing names the service', () => {
    it.each([
      [
        'JS v3 String(err)',
        'InternalServiceErrorException: An internal error has occurred. Retry your request. If the problem persists, post a message with details on the AWS forums.',
      ],
      [
        'JS v2 JSON.stringify(err)',
        '{"message":"An internal error has occurred. Retry your request.","code":"InternalServiceErrorException","time":"2026-11-23T13:40:11.020Z","requestId":"5e0f9b61-0c3a-4d8e-9a55-7f1b2c3d4e5f","statusCode":500,"retryable":true}',
      ],
      [
        'Go v1 log.Fatal',
        '2026/11/23 13:40:11 InternalServiceErrorException: Service is temporarily unavailable. Please retry.\n\tstatus code: 503, request id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      ],
    ])(
      '%s: the generic server-error entry answers as a possible match, the metering entry is the alternative',
      (_sdk, paste) => {
        const finding = topOf(paste);
        expect(finding.entry.id).toBe('aws-server-error');
        expect(finding.alternatives.map((e) => e.id)).toContain('metering-internal-service-error');
        expect(finding.confidence).toBeLessThan(HIGH_CONFIDENCE);
      },
    );
  });

  describe('when the paste names the metering operation, endpoint or client', () => {
    it.each([
      [
        'botocore names the operation',
        'botocore.errorfactory.InternalServiceErrorException: An error occurred (InternalServiceErrorException) when calling the BatchMeterUsage operation (reached max retries: 2): An internal error has occurred. Retry your request.',
      ],
      [
        'Go v2 names client and operation',
        'operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 500, RequestID: 7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f, InternalServiceErrorException: An internal error has occurred. Retry your request.',
      ],
      [
        'a log line names the operation in front of the error',
        '2026/11/23 13:40:11 BatchMeterUsage failed: InternalServiceErrorException: An internal error has occurred. Retry your request.',
      ],
    ])('%s: the metering entry answers with high confidence', (_sdk, paste) => {
      const finding = topOf(paste);
      expect(finding.entry.id).toBe('metering-internal-service-error');
      expect(finding.confidence).toBeGreaterThanOrEqual(HIGH_CONFIDENCE);
    });
  });

  it('when the paste names GetEntitlements, the entitlement entry answers, not the generic one', () => {
    const finding = topOf(
      'operation error Marketplace Entitlement Service: GetEntitlements, exceeded maximum number of attempts, 3, https response error StatusCode: 500, RequestID: 1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b, InternalServiceErrorException: An internal error has occurred. Retry your request.',
    );
    expect(finding.entry.id).toBe('entitlement-internal-error');
    expect(finding.alternatives.map((e) => e.id)).toContain('aws-server-error');
  });

  it('wording every service uses does not name the service: the catalog marks it as shared', () => {
    const shared: string[] = [];
    catalog.scanIndex.scan('An internal error has occurred', ({ value }) => {
      if (value.kind === 'phrase' && !value.phrase.namesService) shared.push(value.phrase.entry.id);
    });
    expect(shared).toEqual(['metering-internal-service-error']);
  });
});

/**
 * Codes that many AWS services define (botocore's service models: InvalidParameterException in over
 * thirty services, UnauthorizedException in twenty, ValidationException and ResourceNotFoundException in
 * over a hundred, InvalidTagException in ACM, ACM PCA, CodeDeploy and Route 53 Resolver as well as
 * Metering) name no service by themselves. The entries listing them in `match.sharedCodes` answer only
 * when the paste names their service, one of their operations or their own wording. Pastes written for
 * these tests in each SDK's layout with messages those services return (IDs made up).
 */
describe('a code many services share, alone, is no service-specific entry', () => {
  const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

  it.each([
    [
      'CloudWatch Logs through the Go SDK v1, logged by a log router (logfmt)',
      'time="2026-11-23T13:40:11Z" level=error msg="[cloudwatch 0] InvalidParameterException: Log events in a single PutLogEvents request must be in chronological order."',
      'entitlement-invalid-parameter',
    ],
    [
      'ECS through the JS SDK v3, String(err)',
      'InvalidParameterException: Container.image should not be null or empty.',
      'entitlement-invalid-parameter',
    ],
    [
      'Cognito through the JS SDK v2, a log line',
      '2026-11-23T13:40:11.020Z ERROR signup failed InvalidParameterException: Attributes did not conform to the schema: email: The attribute is required',
      'entitlement-invalid-parameter',
    ],
    [
      'an API Gateway or AppSync client, String(err)',
      'UnauthorizedException: Unauthorized',
      'meter-usage-dry-run-denied',
    ],
    [
      'ACM through the JS SDK v3, String(err)',
      'InvalidTagException: One or more tag values are not valid.',
      'metering-invalid-tag',
    ],
    [
      'DynamoDB through the JS SDK v3, String(err)',
      'ResourceNotFoundException: Requested resource not found',
      'ce-resource-not-found',
    ],
    [
      'any Smithy service through the JS SDK v3, String(err)',
      "ValidationException: 1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
      'ce-validation',
    ],
  ])('invalid: %s is not %s', (_what, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)).not.toContain(entry);
    // Listed as an unknown error, with the entry whose code it shares offered as related.
    expect(d.verdict.kind).toBe('unknown');
  });

  it.each([
    [
      'botocore names GetEntitlements',
      'botocore.errorfactory.InvalidParameterException: An error occurred (InvalidParameterException) when calling the GetEntitlements operation: Filter value for CUSTOMER_AWS_ACCOUNT_ID is not valid.',
      'entitlement-invalid-parameter',
    ],
    [
      "the Entitlement Service's own wording, no service named",
      'InvalidParameterException: One or more parameters in your request was invalid.',
      'entitlement-invalid-parameter',
    ],
    [
      'the Java SDK v2 names the Entitlement Service',
      'software.amazon.awssdk.services.marketplaceentitlement.model.InvalidParameterException: Filter value for PRODUCT_CODE is not valid. (Service: MarketplaceEntitlement, Status Code: 400, Request ID: 1c3e5a7c-9e1a-4c3e-a7c9-e1a3c5e7a9c1)',
      'entitlement-invalid-parameter',
    ],
    [
      'botocore names MeterUsage (a dry run)',
      'botocore.errorfactory.UnauthorizedException: An error occurred (UnauthorizedException) when calling the MeterUsage operation: Unauthorized',
      'meter-usage-dry-run-denied',
    ],
    [
      'Go SDK v2 names BatchMeterUsage',
      'operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 400, RequestID: 7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f, InvalidTagException: The tag is invalid, or the number of tags is greater than 5.',
      'metering-invalid-tag',
    ],
    [
      'botocore names GetCostAndUsage',
      'botocore.exceptions.ClientError: An error occurred (ValidationException) when calling the GetCostAndUsage operation: Start date (and hour) should be before end date (and hour)',
      'ce-validation',
    ],
  ])('valid: %s', (_what, text, entry) => {
    expect(diagnosisOf(text).findings[0]?.entry.id).toBe(entry);
  });
});
