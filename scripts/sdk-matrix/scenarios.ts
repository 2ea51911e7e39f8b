import type { Expectation } from '../../eval/case-schema.js';
import type { Protocol, Reply } from './stand-in.js';

/**
 * The situations the SDK matrix puts every client in: what the stand-in answers (or what is
 * missing: credentials, a listening endpoint), and which catalog entry should answer the text the
 * client prints. Messages are AWS's own wording where it is known (service models, public reports
 * cited in /work/shared/reference/aws-errors.md).
 */

export type Service = 'metering' | 'entitlement' | 'sts' | 'iam' | 'ce' | 'organizations';
/** SDK families whose wording for a client-side failure differs enough to change the right entry. */
export type Family = 'botocore' | 'js' | 'go';

/** How the client's environment is prepared. */
export type Setup =
  /** Static (example) access keys in the environment; the stand-in answers. */
  | 'static-keys'
  /** Temporary keys with a session token in the environment; the stand-in answers. */
  | 'session-keys'
  /** No credentials anywhere; instance metadata points at a closed loopback port. */
  | 'no-credentials-imds-closed'
  /** No credentials anywhere; instance metadata disabled by AWS_EC2_METADATA_DISABLED. */
  | 'no-credentials-imds-disabled'
  /** No credentials anywhere; instance metadata answers like an EC2 instance without an instance profile. */
  | 'no-credentials-imds-no-role'
  /** Container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI, as on ECS) at a closed loopback port. */
  | 'container-credentials-closed'
  /** Static keys, but the endpoint is a loopback port where nothing listens. */
  | 'endpoint-closed';

export interface Scenario {
  id: string;
  service: Service;
  operation: string;
  setup: Setup;
  /** The stand-in's reply (scenarios where the client never reaches it still start one, to prove it). */
  reply: Reply;
  expect: Expectation;
  /** Where a client's (by id) or a family's wording names a different entry, which is then the right one. */
  expectFor?: Partial<Record<string, Expectation>>;
  /**
   * The right entry for texts that name neither the operation nor the service (UNNAMING_CLIENTS,
   * unless the style prints the operation), where several services share the code and message: the
   * generic entry of its kind.
   */
  whenUnnamed?: Expectation;
  /** Leave retries at the SDK's own default instead of three attempts (botocore's legacy mode then makes five). */
  sdkDefaultRetries?: boolean;
  /** Age of the usage records sent, in hours (default 1). */
  recordAgeHours?: number;
  /** Why the label is what it is, when that is not obvious. */
  note?: string;
}

export const PROTOCOL: Record<Service, Protocol> = {
  metering: 'awsJson1_1',
  entitlement: 'awsJson1_1',
  sts: 'awsQuery',
  iam: 'awsQuery',
  ce: 'awsJson1_1',
  organizations: 'awsJson1_1',
};

const METERING_ROLE_SESSION = 'arn:aws:sts::123456789012:assumed-role/MeteringWorker/i-0f1e2d3c4b5a69788';
const NO_CALL: Reply = {
  kind: 'error',
  status: 500,
  code: 'InternalFailure',
  message: 'the stand-in should never be reached in this scenario',
};

function err(
  status: number,
  code: string,
  message: string,
  extra: Partial<Extract<Reply, { kind: 'error' }>> = {},
): Reply {
  return { kind: 'error', status, code, message, ...extra };
}

function entry(id: string): Expectation {
  return { class: 'catalog', entry: id };
}

export const SCENARIOS: Scenario[] = [
  // Marketplace Metering: modeled errors, retried ones until the attempts run out.
  {
    id: 'bmu-throttling',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(400, 'ThrottlingException', 'Rate exceeded'),
    expect: entry('metering-throttling'),
    whenUnnamed: entry('aws-throttling'),
    note: 'JS v2/v3 and Go v1 print only the code and "Rate exceeded", which many services send: for them the generic throttling entry is right',
  },
  {
    id: 'mu-throttling',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(400, 'ThrottlingException', 'The calls to the API are throttled.'),
    expect: entry('metering-throttling'),
  },
  {
    id: 'bmu-internal-error',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(
      500,
      'InternalServiceErrorException',
      'An internal error has occurred. Retry your request. If the problem persists, post a message with details on the AWS forums.',
    ),
    expect: entry('metering-internal-service-error'),
    whenUnnamed: entry('aws-server-error'),
    note: 'JS v2/v3 and Go v1 print only the code and message, which Metering and Entitlement share: for them the generic 5xx entry is right',
  },
  {
    id: 'ru-internal-error',
    service: 'metering',
    operation: 'RegisterUsage',
    setup: 'static-keys',
    reply: err(503, 'InternalServiceErrorException', 'Service is temporarily unavailable. Please retry.'),
    expect: entry('metering-internal-service-error'),
    whenUnnamed: entry('aws-server-error'),
    note: 'JS v2/v3 and Go v1 print only the code and message, which Metering and Entitlement share: for them the generic 5xx entry is right',
  },
  {
    id: 'bmu-timestamp-out-of-bounds',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    recordAgeHours: 30,
    reply: err(
      400,
      'TimestampOutOfBoundsException',
      'The timestamp value passed in the UsageRecord is out of allowed range.',
    ),
    expect: entry('metering-timestamp-out-of-bounds'),
  },
  {
    id: 'mu-timestamp-out-of-bounds',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    recordAgeHours: 8,
    reply: err(
      400,
      'TimestampOutOfBoundsException',
      'The timestamp value passed in the UsageRecord is out of allowed range.',
    ),
    expect: entry('metering-timestamp-out-of-bounds'),
  },
  {
    id: 'bmu-invalid-product-code',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'InvalidProductCodeException',
      'The product code passed does not match the product code used for publishing the product.',
    ),
    expect: entry('metering-invalid-product-code'),
  },
  {
    id: 'mu-invalid-usage-dimension',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'InvalidUsageDimensionException',
      'The usage dimension does not match one of the UsageDimensions associated with products.',
    ),
    expect: entry('metering-invalid-usage-dimension'),
  },
  {
    id: 'bmu-invalid-customer-identifier',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'InvalidCustomerIdentifierException',
      'You have metered usage for a CustomerIdentifier that does not exist.',
    ),
    expect: entry('metering-invalid-customer-identifier'),
  },
  {
    id: 'bmu-disabled-api',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(400, 'DisabledApiException', 'The API is disabled in the Region.'),
    expect: entry('metering-disabled-api'),
  },
  {
    id: 'mu-duplicate-request',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'DuplicateRequestException',
      'A metering record has already been emitted by the same EC2 instance, ECS task, or EKS pod for the given {usageDimension, timestamp} with a different usageQuantity.',
    ),
    expect: entry('metering-duplicate-request'),
  },
  {
    id: 'mu-invalid-endpoint-region',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'InvalidEndpointRegionException',
      'The endpoint being called is in a AWS Region different from your EC2 instance, ECS task, or EKS pod. The Region of the Metering Service endpoint and the AWS Region of the resource must match.',
    ),
    expect: entry('metering-invalid-endpoint-region'),
  },
  {
    id: 'ru-customer-not-entitled',
    service: 'metering',
    operation: 'RegisterUsage',
    setup: 'static-keys',
    reply: err(400, 'CustomerNotEntitledException', 'Customer does not have a valid subscription for this product.'),
    expect: entry('metering-customer-not-entitled'),
  },
  {
    id: 'ru-platform-not-supported',
    service: 'metering',
    operation: 'RegisterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'PlatformNotSupportedException',
      'AWS Marketplace does not support metering usage from the underlying platform. Currently, Amazon ECS, Amazon EKS, and AWS Fargate are supported.',
    ),
    expect: entry('register-usage-platform-not-supported'),
  },
  {
    id: 'rc-expired-token',
    service: 'metering',
    operation: 'ResolveCustomer',
    setup: 'static-keys',
    reply: err(400, 'ExpiredTokenException', 'The submitted registration token has expired.'),
    expect: entry('resolve-customer-expired-token'),
  },
  {
    id: 'rc-invalid-token',
    service: 'metering',
    operation: 'ResolveCustomer',
    setup: 'static-keys',
    reply: err(400, 'InvalidTokenException', 'Registration token is invalid.'),
    expect: entry('resolve-customer-invalid-token'),
  },
  {
    id: 'bmu-access-denied',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'AccessDeniedException',
      `User: ${METERING_ROLE_SESSION} is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action`,
      { messageField: 'Message' },
    ),
    expect: entry('metering-access-denied'),
  },
  {
    id: 'mu-access-denied-scp',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'AccessDeniedException',
      `User: ${METERING_ROLE_SESSION} is not authorized to perform: aws-marketplace:MeterUsage with an explicit deny in a service control policy`,
      { messageField: 'Message' },
    ),
    expect: entry('metering-access-denied'),
    note: 'an explicit deny of a metering action: the catalog answers denials of metering actions with the metering entry, which covers SCPs and boundaries',
  },
  // Signing and credentials, as the metering endpoint reports them.
  {
    id: 'mu-unrecognized-client',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: err(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'),
    expect: entry('credentials-invalid-token'),
  },
  {
    id: 'bmu-expired-session',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'session-keys',
    reply: err(400, 'ExpiredTokenException', 'The security token included in the request is expired'),
    expect: entry('credentials-session-expired'),
  },
  {
    id: 'bmu-invalid-signature',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
    expect: entry('signature-mismatch'),
  },
  // BatchMeterUsage succeeded (HTTP 200) but not every record was billed.
  {
    id: 'bmu-unprocessed-records',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: { kind: 'batch-results', results: ['Success', 'Unprocessed'] },
    expect: entry('batch-unprocessed-records'),
  },
  {
    id: 'bmu-customer-not-subscribed',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: { kind: 'batch-results', results: ['Success', 'CustomerNotSubscribed', 'Success'] },
    expect: entry('batch-record-customer-not-subscribed'),
  },
  {
    id: 'bmu-duplicate-record',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: { kind: 'batch-results', results: ['DuplicateRecord', 'Success', 'Success'] },
    expect: entry('batch-record-duplicate-record'),
  },
  // Marketplace Entitlement.
  {
    id: 'ge-throttling',
    service: 'entitlement',
    operation: 'GetEntitlements',
    setup: 'static-keys',
    reply: err(400, 'ThrottlingException', 'Rate exceeded'),
    expect: entry('entitlement-throttling'),
    whenUnnamed: entry('aws-throttling'),
    note: 'JS v2/v3 and Go v1 print only the code and "Rate exceeded", which many services send: for them the generic throttling entry is right',
  },
  {
    id: 'ge-invalid-parameter',
    service: 'entitlement',
    operation: 'GetEntitlements',
    setup: 'static-keys',
    reply: err(400, 'InvalidParameterException', 'One or more parameters in your request was invalid.'),
    expect: entry('entitlement-invalid-parameter'),
  },
  {
    id: 'ge-access-denied',
    service: 'entitlement',
    operation: 'GetEntitlements',
    setup: 'static-keys',
    reply: err(
      400,
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/SaasOnboarding/onboarding-api is not authorized to perform: aws-marketplace:GetEntitlements because no identity-based policy allows the aws-marketplace:GetEntitlements action',
      { messageField: 'Message' },
    ),
    expect: entry('entitlement-access-denied'),
  },
  {
    id: 'ge-internal-error',
    service: 'entitlement',
    operation: 'GetEntitlements',
    setup: 'static-keys',
    reply: err(500, 'InternalServiceErrorException', 'An internal error has occurred. Retry your request.'),
    expect: entry('entitlement-internal-error'),
    whenUnnamed: entry('aws-server-error'),
    note: 'JS v2/v3 and Go v1 print only the code and message, which Metering and Entitlement share: for them the generic 5xx entry is right',
  },
  // STS (awsQuery XML).
  {
    id: 'sts-assume-role-denied',
    service: 'sts',
    operation: 'AssumeRole',
    setup: 'static-keys',
    reply: err(
      403,
      'AccessDenied',
      `User: ${METERING_ROLE_SESSION} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/SellerMeteringRole`,
    ),
    expect: entry('sts-assume-role-denied'),
  },
  {
    id: 'sts-region-disabled',
    service: 'sts',
    operation: 'AssumeRole',
    setup: 'static-keys',
    reply: err(
      403,
      'RegionDisabledException',
      'STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
    ),
    expect: entry('sts-region-disabled'),
  },
  {
    id: 'sts-gci-expired-token',
    service: 'sts',
    operation: 'GetCallerIdentity',
    setup: 'session-keys',
    reply: err(403, 'ExpiredToken', 'The security token included in the request is expired'),
    expect: entry('credentials-session-expired'),
  },
  {
    id: 'sts-gci-invalid-client-token',
    service: 'sts',
    operation: 'GetCallerIdentity',
    setup: 'static-keys',
    reply: err(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
    expect: entry('credentials-invalid-token'),
  },
  {
    id: 'sts-assume-role-throttling',
    service: 'sts',
    operation: 'AssumeRole',
    setup: 'static-keys',
    reply: err(400, 'Throttling', 'Rate exceeded'),
    expect: entry('sts-throttling'),
    whenUnnamed: entry('aws-throttling'),
    note: 'JS v2/v3 and Go v1 print only the code and "Rate exceeded", which many services send: for them the generic throttling entry is right',
  },
  // IAM (awsQuery XML): the permission check MeterDoc itself runs, and errors of IAM that are not metering's.
  {
    id: 'iam-simulate-denied',
    service: 'iam',
    operation: 'SimulatePrincipalPolicy',
    setup: 'static-keys',
    reply: err(
      403,
      'AccessDenied',
      'User: arn:aws:sts::123456789012:assumed-role/MeterDocChecker/meterdoc is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::123456789012:role/MeteringWorker because no identity-based policy allows the iam:SimulatePrincipalPolicy action',
    ),
    expect: entry('access-denied-generic'),
  },
  {
    id: 'iam-get-role-no-such-entity',
    service: 'iam',
    operation: 'GetRole',
    setup: 'static-keys',
    reply: err(404, 'NoSuchEntity', 'The role with name MeteringWorker cannot be found.'),
    expect: { class: 'unrelated', service: 'iam', kind: 'not-found' },
  },
  {
    id: 'iam-list-roles-throttling',
    service: 'iam',
    operation: 'ListRoles',
    setup: 'static-keys',
    reply: err(400, 'Throttling', 'Rate exceeded'),
    expect: { class: 'unrelated', service: 'iam', kind: 'throttling' },
  },
  // Cost Explorer and Organizations (awsJson1_1), as a cost importer meets them.
  {
    id: 'ce-limit-exceeded',
    service: 'ce',
    operation: 'GetCostAndUsage',
    setup: 'static-keys',
    reply: err(400, 'LimitExceededException', 'Rate limit exceeded'),
    expect: entry('ce-limit-exceeded'),
  },
  {
    id: 'ce-not-enabled',
    service: 'ce',
    operation: 'GetCostAndUsage',
    setup: 'static-keys',
    reply: err(400, 'AccessDeniedException', 'User not enabled for cost explorer access', { messageField: 'Message' }),
    expect: entry('ce-not-enabled'),
  },
  {
    id: 'ce-data-unavailable',
    service: 'ce',
    operation: 'GetCostAndUsage',
    setup: 'static-keys',
    reply: err(
      400,
      'DataUnavailableException',
      'Data is not available. Please try to adjust the time period. If just enabled Cost Explorer, data might not be ingested yet',
    ),
    expect: entry('ce-data-unavailable'),
  },
  {
    id: 'org-not-in-use',
    service: 'organizations',
    operation: 'ListAccounts',
    setup: 'static-keys',
    reply: err(404, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', {
      messageField: 'Message',
    }),
    expect: entry('org-not-in-use'),
  },
  {
    id: 'org-access-denied',
    service: 'organizations',
    operation: 'ListAccounts',
    setup: 'static-keys',
    reply: err(403, 'AccessDeniedException', "You don't have permissions to access this resource.", {
      messageField: 'Message',
    }),
    expect: entry('org-access-denied'),
  },
  // Failures before any response: no credentials, nothing listening, a connection cut or left hanging.
  {
    id: 'bmu-no-credentials-imds-closed',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'no-credentials-imds-closed',
    reply: NO_CALL,
    expect: entry('credentials-not-found'),
    note: 'no credentials in the environment or files; instance metadata at a closed loopback port',
  },
  {
    id: 'mu-no-credentials-imds-disabled',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'no-credentials-imds-disabled',
    reply: NO_CALL,
    expect: entry('credentials-not-found'),
    note: 'no credentials in the environment or files; instance metadata disabled',
  },
  {
    id: 'ge-no-credentials-imds-closed',
    service: 'entitlement',
    operation: 'GetEntitlements',
    setup: 'no-credentials-imds-closed',
    reply: NO_CALL,
    expect: entry('credentials-not-found'),
    note: 'no credentials in the environment or files; instance metadata at a closed loopback port',
  },
  {
    id: 'bmu-no-credentials-imds-no-role',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'no-credentials-imds-no-role',
    reply: NO_CALL,
    expect: entry('credentials-not-found'),
    note: 'no credentials in the environment or files; instance metadata answers like an EC2 instance with no instance profile (404 for the role)',
  },
  {
    id: 'mu-container-credentials-unreachable',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'container-credentials-closed',
    reply: NO_CALL,
    expect: entry('credentials-imds-unavailable'),
    // These clients report only that the whole chain came up empty, with no word of the container endpoint.
    expectFor: {
      'js-v3': entry('credentials-not-found'),
      'js-v2': entry('credentials-not-found'),
      'go-v1': entry('credentials-not-found'),
    },
    note: 'AWS_CONTAINER_CREDENTIALS_FULL_URI (as on ECS) points at a loopback port where nothing listens; JS v2/v3 and Go v1 print only that no provider had credentials',
  },
  {
    id: 'bmu-connection-refused',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'endpoint-closed',
    reply: NO_CALL,
    expect: entry('network-endpoint-unreachable'),
    note: 'nothing listens on the endpoint port, so no connection ever opened: refused is unreachable, not reset (botocore says EndpointConnectionError, JS v2 UnknownEndpoint, JS v3 ECONNREFUSED, Go "connect: connection refused")',
  },
  {
    id: 'sts-connection-refused',
    service: 'sts',
    operation: 'GetCallerIdentity',
    setup: 'endpoint-closed',
    reply: NO_CALL,
    expect: entry('network-endpoint-unreachable'),
    note: 'nothing listens on the endpoint port, so no connection ever opened: refused is unreachable, not reset (botocore says EndpointConnectionError, JS v2 UnknownEndpoint, JS v3 ECONNREFUSED, Go "connect: connection refused")',
  },
  {
    id: 'bmu-connection-closed',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    reply: { kind: 'close' },
    expect: entry('network-connection-reset'),
    note: 'the stand-in closes the connection as soon as the request arrives',
  },
  {
    id: 'mu-read-timeout',
    service: 'metering',
    operation: 'MeterUsage',
    setup: 'static-keys',
    reply: { kind: 'hang' },
    expect: entry('network-timeout'),
    note: 'the stand-in never answers; every client has a 2-second timeout',
  },
  // Retries left at each SDK's default, as most programs run: botocore's legacy mode makes five attempts.
  {
    id: 'bmu-throttling-default-retries',
    service: 'metering',
    operation: 'BatchMeterUsage',
    setup: 'static-keys',
    sdkDefaultRetries: true,
    reply: err(400, 'ThrottlingException', 'Rate exceeded'),
    expect: entry('metering-throttling'),
    whenUnnamed: entry('aws-throttling'),
    note: 'JS v2/v3 and Go v1 print only the code and "Rate exceeded", which many services send: for them the generic throttling entry is right',
  },
];

/**
 * Clients whose printed service errors carry only the code, message and request metadata: JS v2 and
 * v3 (the stack shows the protocol, not the client) and Go v1 (`Code: message` and the status).
 */
export const UNNAMING_CLIENTS: readonly string[] = ['js-v3', 'js-v2', 'go-v1'];
/** Styles whose line names the operation itself (`log.Printf("BatchMeterUsage failed: %v", err)`). */
const NAMING_STYLES: readonly string[] = ['log-printf'];

/** The expectation for one client's text in a scenario, printed in one style. */
export function expectationFor(s: Scenario, clientId: string, family: Family, style: string): Expectation {
  const unnamed =
    s.whenUnnamed && UNNAMING_CLIENTS.includes(clientId) && !NAMING_STYLES.includes(style) ? s.whenUnnamed : undefined;
  return s.expectFor?.[clientId] ?? unnamed ?? s.expectFor?.[family] ?? s.expect;
}
