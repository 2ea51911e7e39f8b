import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { BatchMeterUsageCommand } from '@aws-sdk/client-marketplace-metering';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { AWS_CALL_TIMEOUTS, longestCallMs, MAX_RETRY_DELAY_MS } from '../../src/aws/http-handler.js';
import { startHungServer, type HungServer } from '../support/hung-server.js';
import { CREDS } from './fixtures.js';

/**
 * Every client behind the actions has a deadline: an endpoint that accepts the connection and
 * never answers ends each attempt with a TimeoutError, and the whole call within
 * attempts × request timeout (plus the back-off, zero here).
 */

const TIMEOUTS = { connectionTimeoutMs: 300, requestTimeoutMs: 800 };
const ATTEMPTS = 2;

let server: HungServer | undefined;
let clients: AwsClients | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  if (clients) destroyAwsClients(clients);
  await server?.close();
  server = clients = undefined;
});

async function hungClients(): Promise<{ server: HungServer; clients: AwsClients }> {
  server = await startHungServer();
  // The SDK's own endpoint settings, as an operator would point MeterDoc at a VPC endpoint.
  vi.stubEnv('AWS_ENDPOINT_URL_MARKETPLACE_METERING', server.url);
  vi.stubEnv('AWS_ENDPOINT_URL_STS', server.url);
  vi.stubEnv('AWS_ENDPOINT_URL_IAM', server.url);
  clients = createAwsClients(
    {},
    {
      credentials: CREDS,
      region: 'us-east-1',
      timeouts: TIMEOUTS,
      maxAttempts: ATTEMPTS,
      retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS, () => 0),
    },
  );
  return { server, clients };
}

const calls = {
  'Metering BatchMeterUsage': (c: AwsClients) =>
    c.metering.send(
      new BatchMeterUsageCommand({
        ProductCode: 'prod-abc123',
        UsageRecords: [
          {
            Timestamp: new Date('2026-11-23T13:00:00Z'),
            Dimension: 'requests',
            Quantity: 5,
            CustomerIdentifier: 'cust-1',
          },
        ],
      }),
    ),
  'STS GetCallerIdentity': (c: AwsClients) => c.sts.send(new GetCallerIdentityCommand({})),
  'IAM SimulatePrincipalPolicy': (c: AwsClients) =>
    c.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::123456789012:role/MeterDoc',
        ActionNames: ['aws-marketplace:BatchMeterUsage'],
      }),
    ),
};

describe('AWS calls against an endpoint that never answers', () => {
  for (const [name, call] of Object.entries(calls)) {
    it(`${name} fails with a TimeoutError after ${ATTEMPTS} attempts instead of hanging`, async () => {
      const { server, clients } = await hungClients();
      const started = Date.now();
      const error = await call(clients).then(
        () => undefined,
        (e: unknown) => e as Error & { $metadata?: { attempts?: number } },
      );
      const elapsed = Date.now() - started;
      expect(error?.name).toBe('TimeoutError');
      expect(error?.message).toContain(`${TIMEOUTS.requestTimeoutMs} ms requestTimeout`);
      expect(error?.$metadata?.attempts).toBe(ATTEMPTS);
      // Every attempt that got a connection in time reached the endpoint; none beyond the attempts.
      expect(server.requests.length).toBeGreaterThanOrEqual(1);
      expect(server.requests.length).toBeLessThanOrEqual(ATTEMPTS);
      // Each attempt waited out its timeout; the call as a whole stayed inside the bound the retry lock is sized from.
      expect(elapsed).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUTS.requestTimeoutMs - 20);
      expect(elapsed).toBeLessThan(longestCallMs(TIMEOUTS, ATTEMPTS));
    });
  }
});

describe('longestCallMs', () => {
  it('is every attempt timing out plus the longest back-off between them', () => {
    expect(longestCallMs(AWS_CALL_TIMEOUTS, 3)).toBe(3 * AWS_CALL_TIMEOUTS.requestTimeoutMs + 2 * MAX_RETRY_DELAY_MS);
    expect(longestCallMs(AWS_CALL_TIMEOUTS, 1)).toBe(AWS_CALL_TIMEOUTS.requestTimeoutMs);
  });

  it('follows the attempts the SDK resolved (AWS_MAX_ATTEMPTS)', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '5');
    clients = createAwsClients({}, { credentials: CREDS, region: 'us-east-1' });
    expect(await clients.longestMeteringCallMs()).toBe(longestCallMs(AWS_CALL_TIMEOUTS, 5));
  });
});
