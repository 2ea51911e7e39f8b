import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/** Real-shaped pastes, one per way an AWS error reaches a person. */
const top = (paste: string) => {
  const result = diagnose(paste, realCatalog(), { now: NOW });
  return { result, finding: result.findings[0], facts: result.findings[0]?.facts ?? result.unmatched[0]?.facts ?? {} };
};

describe('reading errors in every format', () => {
  it('botocore: code, operation, retries and the access-denied principal and action', () => {
    const { result, facts } = top(
      'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the MeterUsage operation (reached max retries: 4): User: arn:aws:sts::123456789012:assumed-role/aws-elasticbeanstalk-ec2-role/i-0abc1234def567890 is not authorized to perform: aws-marketplace:MeterUsage',
    );
    expect(result.isError).toBe(true);
    expect(facts).toMatchObject({
      code: 'AccessDeniedException',
      operation: 'MeterUsage',
      service: 'metering.marketplace',
      retries: 4,
      principal: 'arn:aws:sts::123456789012:assumed-role/aws-elasticbeanstalk-ec2-role/i-0abc1234def567890',
      roleName: 'aws-elasticbeanstalk-ec2-role',
      roleArn: 'arn:aws:iam::123456789012:role/aws-elasticbeanstalk-ec2-role',
      accountId: '123456789012',
      action: 'aws-marketplace:MeterUsage',
    });
  });

  it('AWS CLI v2: the "aws: [ERROR]:" prefix is read through', () => {
    const { facts } = top(
      '\naws: [ERROR]: An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: The product code passed does not match\n',
    );
    expect(facts).toMatchObject({ code: 'InvalidProductCodeException', operation: 'BatchMeterUsage' });
  });

  it('JS SDK v3: error name, $fault and $metadata (status, request ID, attempts)', () => {
    const { facts } = top(`ThrottlingException: Rate exceeded
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
    at de_ThrottlingExceptionRes (/app/node_modules/@aws-sdk/client-marketplace-metering/dist-cjs/index.js:611:21) {
  '$fault': 'client',
  '$metadata': {
    httpStatusCode: 400,
    requestId: '8f0c2b6e-7d1a-4c55-9e3b-2a1f0c9d8e7b',
    extendedRequestId: undefined,
    cfId: undefined,
    attempts: 3,
    totalRetryDelay: 1284
  },
  __type: 'com.amazonaws.marketplace.metering#ThrottlingException'
}`);
    expect(facts).toMatchObject({
      code: 'ThrottlingException',
      httpStatus: 400,
      requestId: '8f0c2b6e-7d1a-4c55-9e3b-2a1f0c9d8e7b',
      retries: 2,
    });
  });

  it('JS SDK v2: code, statusCode and requestId properties', () => {
    const { facts } = top(`{ message: 'The security token included in the request is invalid.',
  code: 'UnrecognizedClientException',
  time: 2026-11-23T13:58:02.114Z,
  requestId: 'b6f1c7a2-3d4e-4f50-8a9b-0c1d2e3f4a5b',
  statusCode: 400,
  retryable: false }`);
    expect(facts).toMatchObject({
      code: 'UnrecognizedClientException',
      httpStatus: 400,
      requestId: 'b6f1c7a2-3d4e-4f50-8a9b-0c1d2e3f4a5b',
    });
  });

  it('Java v1: service, status, error code and request ID from the tail', () => {
    const { facts } = top(
      'com.amazonaws.services.securitytoken.model.AWSSecurityTokenServiceException: User: arn:aws:iam::123456789012:user/meshcloud is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/MeshCostExplorerServiceRole (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; Request ID: b59b74ae-1111-4c2d-9e8f-0a1b2c3d4e5f; Proxy: null)',
    );
    expect(facts).toMatchObject({
      code: 'AccessDenied',
      service: 'sts',
      httpStatus: 403,
      requestId: 'b59b74ae-1111-4c2d-9e8f-0a1b2c3d4e5f',
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::210987654321:role/MeshCostExplorerServiceRole',
      principal: 'arn:aws:iam::123456789012:user/meshcloud',
    });
  });

  it('Java v2: the exception class names the code', () => {
    const { facts } = top(
      'software.amazon.awssdk.services.marketplacemetering.model.InvalidUsageDimensionException: The usage dimension does not match one of the UsageDimensions associated with products. (Service: MarketplaceMetering, Status Code: 400, Request ID: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f)',
    );
    expect(facts).toMatchObject({
      code: 'InvalidUsageDimensionException',
      service: 'metering.marketplace',
      httpStatus: 400,
      requestId: '0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
    });
  });

  it('Go v2: service, operation, status, request ID and the modeled code', () => {
    const { facts } = top(
      'operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 400, RequestID: 3c9a1f2e-5b6d-4e7f-8a9b-1c2d3e4f5a6b, TimestampOutOfBoundsException: Timestamp is out of allowed range',
    );
    expect(facts).toMatchObject({
      code: 'TimestampOutOfBoundsException',
      operation: 'BatchMeterUsage',
      service: 'metering.marketplace',
      httpStatus: 400,
      requestId: '3c9a1f2e-5b6d-4e7f-8a9b-1c2d3e4f5a6b',
    });
  });

  it('Go v2 nested: the innermost failing operation is the one diagnosed', () => {
    const { facts } = top(
      'operation error Marketplace Metering: BatchMeterUsage, failed to sign request: failed to retrieve credentials: failed to refresh cached credentials, operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 7d8e9f0a-1b2c-3d4e-5f6a-7b8c9d0e1f2a, RegionDisabledException: STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
    );
    expect(facts).toMatchObject({
      code: 'RegionDisabledException',
      operation: 'AssumeRole',
      service: 'sts',
      httpStatus: 403,
    });
  });

  it('Go v1: the status line below the message adds status and request ID', () => {
    const { facts } = top(
      'InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: 86d1302f-6a1b-11e6-9f55-5b3e2c1d0a9f',
    );
    expect(facts).toMatchObject({
      code: 'InvalidClientTokenId',
      httpStatus: 403,
      requestId: '86d1302f-6a1b-11e6-9f55-5b3e2c1d0a9f',
    });
  });

  it('PHP: operation and code from "Error executing"', () => {
    const { facts } = top(
      'Error executing "GetEntitlements" on "https://entitlement.marketplace.us-east-1.amazonaws.com"; AWS HTTP error: Client error: `POST https://entitlement.marketplace.us-east-1.amazonaws.com` resulted in a `400 Bad Request` response: {"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."} UnrecognizedClientException (client): The security token included in the request is invalid.',
    );
    expect(facts).toMatchObject({
      code: 'UnrecognizedClientException',
      operation: 'GetEntitlements',
      endpoint: 'entitlement.marketplace.us-east-1.amazonaws.com',
      region: 'us-east-1',
    });
  });

  it('raw JSON body: __type with a namespace, message casing either way', () => {
    const { facts } = top(
      '{"__type":"com.amazonaws.marketplace.metering#InvalidCustomerIdentifierException","Message":"You have metered usage for a CustomerIdentifier that does not exist."}',
    );
    expect(facts).toMatchObject({ code: 'InvalidCustomerIdentifierException' });
  });

  it('raw XML body from STS: code, message and request ID', () => {
    const { facts } = top(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>4f5e6d7c-8b9a-4a1b-9c2d-3e4f5a6b7c8d</RequestId></ErrorResponse>',
    );
    expect(facts).toMatchObject({ code: 'ExpiredToken', requestId: '4f5e6d7c-8b9a-4a1b-9c2d-3e4f5a6b7c8d' });
  });

  it('a CloudWatch log line: region from the endpoint, record fields from the logged request', () => {
    const { facts, result } = top(
      '2026-11-23T13:02:11.123Z\t5e1f0c7a-2b3c-4d5e-8f9a-0b1c2d3e4f5a\tERROR\tmetering failed {"errorType":"InvalidUsageDimensionException","errorMessage":"The usage dimension does not match one of the UsageDimensions associated with products.","endpoint":"https://metering.marketplace.eu-west-1.amazonaws.com","ProductCode":"7k2m9xq4d1abcdef","Dimension":"api_calls", "Timestamp":1795429200}',
    );
    expect(result.isError).toBe(true);
    expect(facts).toMatchObject({
      region: 'eu-west-1',
      productCode: '7k2m9xq4d1abcdef',
      dimension: 'api_calls',
      timestamp: '2026-11-23T10:20:00.000Z',
      timestampAgeHours: 3.7,
    });
  });

  it('Slack-mangled text: entities, backtick fences and smart quotes are undone first', () => {
    const { facts } = top(
      '```An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/saas-meter/worker is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action```',
    );
    expect(facts).toMatchObject({ action: 'aws-marketplace:BatchMeterUsage', roleName: 'saas-meter' });
    const mangled = top(
      '{&quot;__type&quot;:&quot;ThrottlingException&quot;} &lt;Code&gt;ThrottlingException&lt;/Code&gt; “quoted”',
    );
    expect(mangled.facts.code).toBe('ThrottlingException');
  });

  it('a BatchMeterUsage response: per-record statuses and unprocessed records, with the batch to resend', () => {
    const response = JSON.stringify(
      {
        Results: [
          {
            UsageRecord: { Timestamp: 1795438800, CustomerIdentifier: 'cust-a', Dimension: 'seats', Quantity: 3 },
            MeteringRecordId: 'mr-1',
            Status: 'Success',
          },
          {
            UsageRecord: { Timestamp: 1795438800, CustomerIdentifier: 'cust-b', Dimension: 'seats', Quantity: 1 },
            MeteringRecordId: 'mr-2',
            Status: 'CustomerNotSubscribed',
          },
        ],
        UnprocessedRecords: [{ Timestamp: 1795435200, CustomerIdentifier: 'cust-c', Dimension: 'seats', Quantity: 7 }],
      },
      null,
      2,
    );
    const { result } = top(response);
    const entries = result.findings.map((f) => f.entry.id);
    expect(entries).toEqual(
      expect.arrayContaining(['batch-record-customer-not-subscribed', 'batch-unprocessed-records']),
    );
    expect(result.usageBatch).toEqual({
      origin: 'unprocessed',
      records: [
        { timestamp: '2026-11-23T12:00:00.000Z', dimension: 'seats', quantity: 7, customerIdentifier: 'cust-c' },
      ],
    });
  });

  it('a response whose Results hold a recorded and a refused record: only the refused one is left to send', () => {
    for (const order of [
      ['Success', 'CustomerNotSubscribed'],
      ['CustomerNotSubscribed', 'DuplicateRecord'],
    ]) {
      const results = order.map((Status, i) => ({
        UsageRecord: {
          Timestamp: 1795438800,
          CustomerIdentifier: `cust-${Status}`,
          Dimension: 'seats',
          Quantity: i + 1,
        },
        MeteringRecordId: `mr-${i}`,
        Status,
      }));
      const { result } = top(JSON.stringify({ Results: results, UnprocessedRecords: [] }, null, 2));
      expect(result.usageBatch, order.join(' then ')).toEqual({
        origin: 'record',
        records: [
          {
            timestamp: '2026-11-23T13:00:00.000Z',
            dimension: 'seats',
            quantity: order.indexOf('CustomerNotSubscribed') + 1,
            customerIdentifier: 'cust-CustomerNotSubscribed',
          },
        ],
      });
    }
  });

  it('a request pasted with its response: the records the response shows recorded are not to be sent again', () => {
    const record = (customer: string) => ({
      Timestamp: 1795438800,
      CustomerIdentifier: customer,
      Dimension: 'seats',
      Quantity: 2,
    });
    const paste = [
      `request: ${JSON.stringify({ ProductCode: 'prod-abc123', UsageRecords: [record('cust-a'), record('cust-b')] })}`,
      `response: ${JSON.stringify({
        Results: [
          { UsageRecord: record('cust-a'), MeteringRecordId: 'mr-1', Status: 'Success' },
          { UsageRecord: record('cust-b'), Status: 'CustomerNotSubscribed' },
        ],
        UnprocessedRecords: [],
      })}`,
    ].join('\n');
    const { result } = top(paste);
    expect(result.usageBatch?.records.map((r) => r.customerIdentifier)).toEqual(['cust-b']);
    const allRecorded = paste.replace('"CustomerNotSubscribed"', '"Success"');
    expect(top(allRecorded).result.usageBatch).toBeUndefined();
  });

  it('an empty UnprocessedRecords list is not an error', () => {
    const { result } = top('{"Results":[{"MeteringRecordId":"mr-1","Status":"Success"}],"UnprocessedRecords":[]}');
    expect(result.isError).toBe(false);
    expect(result.findings).toEqual([]);
  });

  it('an AWS error the catalog does not know is reported as unmatched, not dropped', () => {
    const { result } = top(
      'An error occurred (SomeBrandNewException) when calling the BatchMeterUsage operation: Something new happened',
    );
    expect(result.isError).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.unmatched[0]?.facts).toMatchObject({ code: 'SomeBrandNewException', operation: 'BatchMeterUsage' });
  });
});

describe('facts take literal values only', () => {
  const error =
    'botocore.exceptions.ClientError: An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: Invalid product code';
  it('reads no product code from a variable in the calling code', () => {
    for (const call of [
      'client.batch_meter_usage(ProductCode=PRODUCT, UsageRecords=records)',
      'meter(ProductCode=self.product_code)',
      'meter(ProductCode=product_code)',
    ]) {
      expect(
        diagnose(`${call}\n${error}`, realCatalog(), { now: NOW }).findings[0]?.facts.productCode,
        call,
      ).toBeUndefined();
    }
  });

  it('still reads a quoted or logged literal', () => {
    expect(
      diagnose(`request: {"ProductCode": "a1b2c3d4e5f6g7h8i9j0k1l2m"}\n${error}`, realCatalog(), { now: NOW })
        .findings[0]?.facts.productCode,
    ).toBe('a1b2c3d4e5f6g7h8i9j0k1l2m');
    expect(
      diagnose(`${error} ProductCode=a1b2c3d4e5f6g7h8i9j0k1l2m`, realCatalog(), { now: NOW }).findings[0]?.facts
        .productCode,
    ).toBe('a1b2c3d4e5f6g7h8i9j0k1l2m');
  });
});
