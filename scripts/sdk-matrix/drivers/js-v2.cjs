// Calls one AWS operation with the JavaScript SDK v2 (aws-sdk) and shows the outcome the way a
// program commonly does. Usage: node js-v2.cjs SERVICE OPERATION STYLE [RECORD_AGE_HOURS]
// Styles: uncaught (the rejection escapes), console-error (console.error(err)), string
// (console.error(String(err))), json (console.error(JSON.stringify(err))), response
// (console.log(response)). Endpoint and region come from the environment the generator sets.
const AWS = require('aws-sdk');

const PRODUCT_CODE = '4k2xq9m1vbz7hj3tqw8e5nrl0';
const CUSTOMERS = ['7Xq2LmN9pRt', 'Kd83JsPq0Lw', 'Zu5nB4cVx1a'];
const [service, operation, style, ageArg] = process.argv.slice(2);
const ageHours = Number(ageArg ?? '1');

function usageTime() {
  const t = new Date();
  t.setUTCMinutes(0, 0, 0);
  return new Date(t.getTime() - ageHours * 3_600_000);
}

const config = {
  endpoint: process.env.SDK_MATRIX_ENDPOINT,
  region: process.env.AWS_REGION,
  // Three attempts like the other clients, unless the scenario keeps the SDK's default.
  ...(process.env.SDK_MATRIX_SDK_DEFAULT_RETRIES ? {} : { maxRetries: 2 }),
  httpOptions: { connectTimeout: 2000, timeout: 2000 },
};

function request() {
  const ts = usageTime();
  switch (operation) {
    case 'BatchMeterUsage':
      return new AWS.MarketplaceMetering(config).batchMeterUsage({
        ProductCode: PRODUCT_CODE,
        UsageRecords: CUSTOMERS.map((c, i) => ({
          Timestamp: ts,
          CustomerIdentifier: c,
          Dimension: 'api_calls',
          Quantity: [35, 12, 7][i],
        })),
      });
    case 'MeterUsage':
      return new AWS.MarketplaceMetering(config).meterUsage({
        ProductCode: PRODUCT_CODE,
        Timestamp: ts,
        UsageDimension: 'nodes',
        UsageQuantity: 3,
      });
    case 'RegisterUsage':
      return new AWS.MarketplaceMetering(config).registerUsage({ ProductCode: PRODUCT_CODE, PublicKeyVersion: 1 });
    case 'ResolveCustomer':
      return new AWS.MarketplaceMetering(config).resolveCustomer({
        RegistrationToken: 'x-amzn-marketplace-token-7f3a9c2e',
      });
    case 'GetEntitlements':
      return new AWS.MarketplaceEntitlementService(config).getEntitlements({
        ProductCode: PRODUCT_CODE,
        Filter: { CUSTOMER_IDENTIFIER: [CUSTOMERS[0]] },
      });
    case 'AssumeRole':
      return new AWS.STS(config).assumeRole({
        RoleArn: 'arn:aws:iam::210987654321:role/SellerMeteringRole',
        RoleSessionName: 'metering-job',
      });
    case 'GetCallerIdentity':
      return new AWS.STS(config).getCallerIdentity({});
    case 'SimulatePrincipalPolicy':
      return new AWS.IAM(config).simulatePrincipalPolicy({
        PolicySourceArn: 'arn:aws:iam::123456789012:role/MeteringWorker',
        ActionNames: ['aws-marketplace:BatchMeterUsage'],
      });
    case 'GetRole':
      return new AWS.IAM(config).getRole({ RoleName: 'MeteringWorker' });
    case 'ListRoles':
      return new AWS.IAM(config).listRoles({});
    case 'GetCostAndUsage':
      return new AWS.CostExplorer(config).getCostAndUsage({
        TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
      });
    case 'ListAccounts':
      return new AWS.Organizations(config).listAccounts({});
    default:
      throw new Error(`js-v2 driver: no call for ${operation} (${service})`);
  }
}

async function main() {
  if (style === 'uncaught' || style === 'response') {
    console.log(await request().promise());
    return;
  }
  try {
    console.log(await request().promise());
  } catch (err) {
    if (style === 'console-error') console.error(err);
    else if (style === 'string') console.error(String(err));
    else if (style === 'json') console.error(JSON.stringify(err));
    else throw new Error(`js-v2 driver: unknown style ${style}`);
    process.exitCode = 1;
  }
}

main();
