/**
 * Facts pulled out of a paste. Every key is optional: a key is present only when it was found.
 * The first twelve keys are part of the public `meterdoc diagnose --json` contract.
 */
export interface Facts {
  code?: string;
  operation?: string;
  /** AWS endpoint prefix, e.g. `metering.marketplace`, `sts`, `ce`. */
  service?: string;
  httpStatus?: number;
  requestId?: string;
  /** The IAM principal ARN named in the error (user, role or assumed role). */
  principal?: string;
  /** The IAM action the principal was denied, e.g. `aws-marketplace:MeterUsage`. */
  action?: string;
  /** The resource an access-denied message names. */
  resource?: string;
  region?: string;
  productCode?: string;
  dimension?: string;
  /** ISO 8601 UTC timestamp of the usage record (or of the log line when no record time is found). */
  timestamp?: string;

  // Extensions beyond the original contract (additive only).
  message?: string;
  endpoint?: string;
  customerIdentifier?: string;
  customerAwsAccountId?: string;
  licenseArn?: string;
  /** Account ID taken from the principal ARN. */
  accountId?: string;
  /** The role name when the principal is a role or an assumed role. */
  roleName?: string;
  /** The IAM role ARN behind an assumed-role session ARN (what IAM policy simulation takes). */
  roleArn?: string;
  /** How many retries the SDK already made (botocore's "reached max retries: N", JS `attempts - 1`). */
  retries?: number;
  /** How old the usage record's timestamp was when it was pasted, in hours (one decimal). */
  timestampAgeHours?: number;
  /** Whether an access-denied message says a Deny matched (`explicit`) or no Allow was found (`implicit`). */
  denial?: 'explicit' | 'implicit';
  /** The policy type the access-denied message names, e.g. `service control policy`, `identity-based policy`. */
  denyingPolicy?: string;
}

export type FactKey = keyof Facts;

/** The facts shown first, in this order, wherever facts are listed. */
export const FACT_LABELS: ReadonlyArray<readonly [FactKey, string]> = [
  ['code', 'Error code'],
  ['operation', 'Operation'],
  ['service', 'Service'],
  ['httpStatus', 'HTTP status'],
  ['principal', 'Principal'],
  ['action', 'IAM action'],
  ['resource', 'Resource'],
  ['region', 'Region'],
  ['endpoint', 'Endpoint'],
  ['productCode', 'Product code'],
  ['licenseArn', 'License ARN'],
  ['dimension', 'Dimension'],
  ['customerIdentifier', 'Customer identifier'],
  ['customerAwsAccountId', 'Customer AWS account'],
  ['timestamp', 'Record timestamp'],
  ['timestampAgeHours', 'Record age (hours)'],
  ['requestId', 'Request ID'],
  ['retries', 'SDK retries made'],
];

/**
 * Placeholders a catalog text may use: `{{name}}` or `{{name|text used when the fact is unknown}}`.
 * Besides the fact keys, `window` is the time window that applies to the operation.
 */
export const PLACEHOLDERS = [
  'code',
  'operation',
  'service',
  'httpStatus',
  'requestId',
  'principal',
  'action',
  'resource',
  'region',
  'endpoint',
  'productCode',
  'licenseArn',
  'dimension',
  'customerIdentifier',
  'customerAwsAccountId',
  'timestamp',
  'timestampAgeHours',
  'accountId',
  'roleName',
  'roleArn',
  'retries',
  'window',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
