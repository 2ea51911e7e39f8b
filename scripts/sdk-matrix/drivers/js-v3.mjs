// Calls one AWS operation with the JavaScript SDK v3 and shows the outcome the way a program
// commonly does. Usage: node js-v3.mjs SERVICE OPERATION STYLE [RECORD_AGE_HOURS]
// Styles: uncaught (the rejection escapes: Node prints it and exits), console-error
// (console.error(err) in a catch), string (console.error(String(err))), json
// (console.error(JSON.stringify(err))), response (console.log(response)).
// Endpoint, region, credentials and retries come from the environment the generator sets.
import {
  BatchMeterUsageCommand,
  MarketplaceMeteringClient,
  MeterUsageCommand,
  RegisterUsageCommand,
  ResolveCustomerCommand,
} from '@aws-sdk/client-marketplace-metering';
import {
  GetEntitlementsCommand,
  MarketplaceEntitlementServiceClient,
} from '@aws-sdk/client-marketplace-entitlement-service';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetRoleCommand, IAMClient, ListRolesCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const PRODUCT_CODE = '4k2xq9m1vbz7hj3tqw8e5nrl0';
const CUSTOMERS = ['7Xq2LmN9pRt', 'Kd83JsPq0Lw', 'Zu5nB4cVx1a'];
const [service, operation, style, ageArg] = process.argv.slice(2);
const ageHours = Number(ageArg ?? '1');

function usageTime() {
  const t = new Date();
  t.setUTCMinutes(0, 0, 0);
  return new Date(t.getTime() - ageHours * 3_600_000);
}

const clientConfig = {
  endpoint: process.env.SDK_MATRIX_ENDPOINT,
  // Without throwOnRequestTimeout this handler only warns when requestTimeout passes and keeps waiting.
  requestHandler: new NodeHttpHandler({ connectionTimeout: 2000, requestTimeout: 2000, throwOnRequestTimeout: true }),
};

function command() {
  const ts = usageTime();
  switch (operation) {
    case 'BatchMeterUsage':
      return [
        MarketplaceMeteringClient,
        new BatchMeterUsageCommand({
          ProductCode: PRODUCT_CODE,
          UsageRecords: CUSTOMERS.map((c, i) => ({
            Timestamp: ts,
            CustomerIdentifier: c,
            Dimension: 'api_calls',
            Quantity: [35, 12, 7][i],
          })),
        }),
      ];
    case 'MeterUsage':
      return [
        MarketplaceMeteringClient,
        new MeterUsageCommand({ ProductCode: PRODUCT_CODE, Timestamp: ts, UsageDimension: 'nodes', UsageQuantity: 3 }),
      ];
    case 'RegisterUsage':
      return [MarketplaceMeteringClient, new RegisterUsageCommand({ ProductCode: PRODUCT_CODE, PublicKeyVersion: 1 })];
    case 'ResolveCustomer':
      return [
        MarketplaceMeteringClient,
        new ResolveCustomerCommand({ RegistrationToken: 'x-amzn-marketplace-token-7f3a9c2e' }),
      ];
    case 'GetEntitlements':
      return [
        MarketplaceEntitlementServiceClient,
        new GetEntitlementsCommand({ ProductCode: PRODUCT_CODE, Filter: { CUSTOMER_IDENTIFIER: [CUSTOMERS[0]] } }),
      ];
    case 'AssumeRole':
      return [
        STSClient,
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::210987654321:role/SellerMeteringRole',
          RoleSessionName: 'metering-job',
        }),
      ];
    case 'GetCallerIdentity':
      return [STSClient, new GetCallerIdentityCommand({})];
    case 'SimulatePrincipalPolicy':
      return [
        IAMClient,
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: 'arn:aws:iam::123456789012:role/MeteringWorker',
          ActionNames: ['aws-marketplace:BatchMeterUsage'],
        }),
      ];
    case 'GetRole':
      return [IAMClient, new GetRoleCommand({ RoleName: 'MeteringWorker' })];
    case 'ListRoles':
      return [IAMClient, new ListRolesCommand({})];
    case 'GetCostAndUsage':
      return [
        CostExplorerClient,
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      ];
    case 'ListAccounts':
      return [OrganizationsClient, new ListAccountsCommand({})];
    default:
      throw new Error(`js-v3 driver: no call for ${operation} (${service})`);
  }
}

async function call() {
  const [Client, cmd] = command();
  const client = new Client(clientConfig);
  return client.send(cmd);
}

if (style === 'uncaught') {
  console.log(await call());
} else if (style === 'response') {
  console.log(await call());
} else {
  try {
    console.log(await call());
  } catch (err) {
    if (style === 'console-error') console.error(err);
    else if (style === 'string') console.error(String(err));
    else if (style === 'json') console.error(JSON.stringify(err));
    else throw new Error(`js-v3 driver: unknown style ${style}`);
    process.exitCode = 1;
  }
}
