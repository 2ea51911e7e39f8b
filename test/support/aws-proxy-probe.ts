/**
 * Run as a child process (NODE_EXTRA_CA_CERTS must be set before Node starts): builds the AWS
 * clients exactly as the app does, from the settings read from this process's environment
 * (HTTPS_PROXY, NO_PROXY, AWS_ENDPOINT_URL_*), makes one call on each, and prints the outcomes as
 * one JSON line.
 */
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { BatchMeterUsageCommand } from '@aws-sdk/client-marketplace-metering';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createBedrockClient } from '../../src/ai/bedrock-client.js';
import { loadSettings } from '../../src/app/settings.js';
import { createAwsClients, destroyAwsClients } from '../../src/aws/clients.js';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const settings = loadSettings({ env: process.env });
const clients = createAwsClients(settings.actions, { credentials, region: 'us-east-1', maxAttempts: 1 });
const bedrock = createBedrockClient({
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
  ...(settings.ai.proxy ? { proxy: settings.ai.proxy } : {}),
});

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (err) {
    return (err as Error).name;
  }
}

const results = {
  sts: await outcome(() => clients.sts.send(new GetCallerIdentityCommand({}))),
  metering: await outcome(() =>
    clients.metering.send(
      new BatchMeterUsageCommand({
        ProductCode: 'prod-abc123',
        UsageRecords: [{ Timestamp: new Date(), Dimension: 'requests', Quantity: 1, CustomerIdentifier: 'cust-1' }],
      }),
    ),
  ),
  iam: await outcome(() =>
    clients.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::123456789012:role/MeterDoc',
        ActionNames: ['aws-marketplace:BatchMeterUsage'],
      }),
    ),
  ),
  bedrock: await outcome(() =>
    bedrock.send(
      new ConverseCommand({
        modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
        messages: [{ role: 'user', content: [{ text: 'ping' }] }],
      }),
    ),
  ),
};
destroyAwsClients(clients);
bedrock.destroy();
process.stdout.write(`${JSON.stringify(results)}\n`);
