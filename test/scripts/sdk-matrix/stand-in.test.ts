import {
  BatchMeterUsageCommand,
  MarketplaceMeteringClient,
  MeterUsageCommand,
} from '@aws-sdk/client-marketplace-metering';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchResultsBody,
  closedLoopbackPort,
  requestIdFor,
  startStandIn,
  type StandIn,
} from '../../../scripts/sdk-matrix/stand-in.js';

// The installed JavaScript SDK v3 reads the stand-in's replies exactly as it reads AWS's: the
// error class, message, status and request ID it reports are the ones on the wire.

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const usageHour = new Date('2026-12-02T15:00:00Z');
let standIn: StandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

function clientConfig(url: string, maxAttempts = 1) {
  return {
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 500, throwOnRequestTimeout: true }),
  };
}

async function rejection(p: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error('the call succeeded');
}

const batch = new BatchMeterUsageCommand({
  ProductCode: '4k2xq9m1vbz7hj3tqw8e5nrl0',
  UsageRecords: [
    { Timestamp: usageHour, CustomerIdentifier: '7Xq2LmN9pRt', Dimension: 'api_calls', Quantity: 35 },
    { Timestamp: usageHour, CustomerIdentifier: 'Kd83JsPq0Lw', Dimension: 'api_calls', Quantity: 12 },
  ],
});

describe('the SDK-matrix stand-in', () => {
  it('answers awsJson1_1 errors with __type and the request ID header, which the SDK retries and reports', async () => {
    standIn = await startStandIn({
      protocol: 'awsJson1_1',
      service: 'metering',
      reply: { kind: 'error', status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
      seed: 'test-throttling',
    });
    const err = await rejection(new MarketplaceMeteringClient(clientConfig(standIn.url, 2)).send(batch));
    expect(err.name).toBe('ThrottlingException');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata).toMatchObject({
      httpStatusCode: 400,
      requestId: requestIdFor('test-throttling', 1),
      attempts: 2,
    });
    expect(standIn.requests.map((r) => r.operation)).toEqual(['BatchMeterUsage', 'BatchMeterUsage']);
    expect(standIn.requests[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/aws-marketplace\/aws4_request/,
    );
  });

  it('puts the message under "Message" when asked, as the authorization layer does', async () => {
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/MeteringWorker/i-0f1e2d3c4b5a69788 is not authorized to perform: aws-marketplace:MeterUsage';
    standIn = await startStandIn({
      protocol: 'awsJson1_1',
      service: 'metering',
      reply: { kind: 'error', status: 400, code: 'AccessDeniedException', message, messageField: 'Message' },
      seed: 'test-denied',
    });
    const err = await rejection(
      new MarketplaceMeteringClient(clientConfig(standIn.url)).send(
        new MeterUsageCommand({
          ProductCode: '4k2xq9m1vbz7hj3tqw8e5nrl0',
          Timestamp: usageHour,
          UsageDimension: 'nodes',
          UsageQuantity: 3,
        }),
      ),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toBe(message);
    expect(err.__type).toBe('AccessDeniedException');
  });

  it('answers awsQuery errors as an XML ErrorResponse for STS and IAM', async () => {
    standIn = await startStandIn({
      protocol: 'awsQuery',
      service: 'sts',
      reply: {
        kind: 'error',
        status: 403,
        code: 'AccessDenied',
        message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole',
      },
      seed: 'test-sts',
    });
    const err = await rejection(
      new STSClient(clientConfig(standIn.url)).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::210987654321:role/SellerMeteringRole',
          RoleSessionName: 'metering-job',
        }),
      ),
    );
    expect(err.name).toBe('AccessDenied');
    expect(err.Type).toBe('Sender');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 403, requestId: requestIdFor('test-sts', 0) });
    expect(standIn.requests[0]?.operation).toBe('AssumeRole');

    await standIn.close();
    standIn = await startStandIn({
      protocol: 'awsQuery',
      service: 'iam',
      reply: {
        kind: 'error',
        status: 404,
        code: 'NoSuchEntity',
        message: 'The role with name MeteringWorker cannot be found.',
      },
      seed: 'test-iam',
    });
    const missing = await rejection(
      new IAMClient(clientConfig(standIn.url)).send(new GetRoleCommand({ RoleName: 'MeteringWorker' })),
    );
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.message).toBe('The role with name MeteringWorker cannot be found.');
  });

  it('answers BatchMeterUsage with the records sent, each with its scripted status or left unprocessed', async () => {
    standIn = await startStandIn({
      protocol: 'awsJson1_1',
      service: 'metering',
      reply: { kind: 'batch-results', results: ['CustomerNotSubscribed', 'Unprocessed'] },
      seed: 'test-batch',
    });
    const out = await new MarketplaceMeteringClient(clientConfig(standIn.url)).send(batch);
    expect(out.Results).toEqual([
      {
        UsageRecord: { Timestamp: usageHour, CustomerIdentifier: '7Xq2LmN9pRt', Dimension: 'api_calls', Quantity: 35 },
        Status: 'CustomerNotSubscribed',
      },
    ]);
    expect(out.UnprocessedRecords).toEqual([
      { Timestamp: usageHour, CustomerIdentifier: 'Kd83JsPq0Lw', Dimension: 'api_calls', Quantity: 12 },
    ]);
  });

  it('gives accepted and duplicate records a metering record ID, and the last status to any further record', () => {
    const body = JSON.parse(
      batchResultsBody(
        JSON.stringify({
          UsageRecords: [1, 2, 3].map((q) => ({
            Timestamp: 1_796_223_600,
            CustomerIdentifier: `c${q}`,
            Dimension: 'd',
            Quantity: q,
          })),
        }),
        ['DuplicateRecord', 'Success'],
        'seed',
      ),
    ) as { Results: Array<{ Status: string; MeteringRecordId?: string }>; UnprocessedRecords: unknown[] };
    expect(body.Results.map((r) => r.Status)).toEqual(['DuplicateRecord', 'Success', 'Success']);
    expect(body.Results.every((r) => r.MeteringRecordId !== undefined)).toBe(true);
    expect(body.UnprocessedRecords).toEqual([]);
  });

  it('can close the connection or leave the request unanswered, and the SDK sees a network failure', async () => {
    standIn = await startStandIn({
      protocol: 'awsJson1_1',
      service: 'metering',
      reply: { kind: 'close' },
      seed: 'test-close',
    });
    const closed = await rejection(new MarketplaceMeteringClient(clientConfig(standIn.url)).send(batch));
    expect(closed.code).toBe('ECONNRESET');
    await standIn.close();

    standIn = await startStandIn({
      protocol: 'awsJson1_1',
      service: 'metering',
      reply: { kind: 'hang' },
      seed: 'test-hang',
    });
    const hung = await rejection(new MarketplaceMeteringClient(clientConfig(standIn.url)).send(batch));
    expect(hung.name).toBe('TimeoutError');
    expect(standIn.requests).toHaveLength(1);
  });

  it('finds a loopback port where nothing listens, so a call there is refused', async () => {
    const port = await closedLoopbackPort();
    const refused = await rejection(
      new MarketplaceMeteringClient(clientConfig(`http://127.0.0.1:${port}`)).send(batch),
    );
    expect(refused.code).toBe('ECONNREFUSED');
  });

  it('derives request IDs from the scenario, so a regeneration gives the same IDs', () => {
    expect(requestIdFor('go-v2:bmu-throttling', 0)).toBe(requestIdFor('go-v2:bmu-throttling', 0));
    expect(requestIdFor('go-v2:bmu-throttling', 0)).not.toBe(requestIdFor('go-v2:bmu-throttling', 1));
    expect(requestIdFor('x', 7)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
