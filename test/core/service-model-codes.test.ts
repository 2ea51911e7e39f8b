import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Every error shape of the service models a metering user meets (botocore 1.43.11's service-2.json
 * for meteringmarketplace, marketplace-entitlement, sts, sso, sso-oidc, iam, organizations, ce,
 * marketplace-catalog, marketplace-agreement), pasted the way each SDK prints it. The table is
 * written here from those models (code, class name, an operation that raises it, status); the
 * message is what the service returns where it is well known, else the model's own description.
 * A code no entry covers must be listed as an unknown error, never answered as a metering entry.
 *
 * Layouts, from the SDKs' error code:
 *  - botocore ClientError and AWS CLI stderr: `An error occurred (<wire code>) when calling the <Op> operation: <message>`
 *  - JS v3 uncaught: `<ClassName>: <message>` with the smithy stack and `$fault`/`$metadata`
 *  - Go v2: `operation error <ServiceId>: <Op>, https response error StatusCode: <n>, RequestID: <id>, <wire code>: <message>`
 *  - Java v2: `software.amazon.awssdk.services.<pkg>.model.<ClassName>: <message> (Service: <Name>, Status Code: <n>, Request ID: <id>)`
 */

type Layout = 'botocore' | 'cli' | 'jsv3' | 'gov2' | 'javav2';
const LAYOUTS: readonly Layout[] = ['botocore', 'cli', 'jsv3', 'gov2', 'javav2'];

interface Client {
  /** Endpoint prefix, as `facts.service` names it. */
  service: string;
  goId: string;
  javaName: string;
  javaPackage: string;
  jsPackage: string;
}

const CLIENTS = {
  metering: {
    service: 'metering.marketplace',
    goId: 'Marketplace Metering',
    javaName: 'MarketplaceMetering',
    javaPackage: 'marketplacemetering',
    jsPackage: 'client-marketplace-metering',
  },
  entitlement: {
    service: 'entitlement.marketplace',
    goId: 'Marketplace Entitlement Service',
    javaName: 'MarketplaceEntitlement',
    javaPackage: 'marketplaceentitlement',
    jsPackage: 'client-marketplace-entitlement-service',
  },
  sts: { service: 'sts', goId: 'STS', javaName: 'Sts', javaPackage: 'sts', jsPackage: 'client-sts' },
  sso: { service: 'portal.sso', goId: 'SSO', javaName: 'Sso', javaPackage: 'sso', jsPackage: 'client-sso' },
  oidc: {
    service: 'oidc',
    goId: 'SSO OIDC',
    javaName: 'SsoOidc',
    javaPackage: 'ssooidc',
    jsPackage: 'client-sso-oidc',
  },
  iam: { service: 'iam', goId: 'IAM', javaName: 'Iam', javaPackage: 'iam', jsPackage: 'client-iam' },
  organizations: {
    service: 'organizations',
    goId: 'Organizations',
    javaName: 'Organizations',
    javaPackage: 'organizations',
    jsPackage: 'client-organizations',
  },
  ce: {
    service: 'ce',
    goId: 'Cost Explorer',
    javaName: 'CostExplorer',
    javaPackage: 'costexplorer',
    jsPackage: 'client-cost-explorer',
  },
  catalog: {
    service: 'catalog.marketplace',
    goId: 'Marketplace Catalog',
    javaName: 'MarketplaceCatalog',
    javaPackage: 'marketplacecatalog',
    jsPackage: 'client-marketplace-catalog',
  },
  agreement: {
    service: 'agreement-marketplace',
    goId: 'Marketplace Agreement',
    javaName: 'MarketplaceAgreement',
    javaPackage: 'marketplaceagreement',
    jsPackage: 'client-marketplace-agreement',
  },
} satisfies Record<string, Client>;

interface Row {
  client: keyof typeof CLIENTS;
  /** The code on the wire (botocore, the CLI and Go v2 print it). */
  code: string;
  /** The SDK's exception class (JS v3 and Java v2 print it); the code when they are the same. */
  className?: string;
  operation: string;
  status: number;
  message: string;
  /** The entry that must answer, or `unknown`: recognised as an AWS error no entry covers. */
  expect: string;
  /** The IAM action the answer's policy statement needs, where it is a denial. */
  action?: string;
  /** Layouts this row holds for, when not all (the comment says why). */
  layouts?: readonly Layout[];
}

const REQUEST_ID = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const ROLE = 'arn:aws:sts::123456789012:assumed-role/MeteringTask/4f2a1c';

const TABLE: Row[] = [
  // ---- AWS Marketplace Metering Service: all 19 modeled errors
  m(
    'CustomerNotEntitledException',
    'MeterUsage',
    'Customer does not have a valid subscription for the product.',
    'metering-customer-not-entitled',
  ),
  m('DisabledApiException', 'RegisterUsage', 'The API is disabled in the Region.', 'metering-disabled-api'),
  m(
    'DuplicateRequestException',
    'MeterUsage',
    'A metering record has already been emitted by the same EC2 instance for the given {usageDimension, timestamp} with a different usageQuantity.',
    'metering-duplicate-request',
  ),
  m(
    'ExpiredTokenException',
    'ResolveCustomer',
    'The submitted registration token has expired.',
    'resolve-customer-expired-token',
  ),
  m(
    'IdempotencyConflictException',
    'MeterUsage',
    'The ClientToken is being used for multiple requests.',
    'metering-idempotency-conflict',
  ),
  m(
    'InternalServiceErrorException',
    'BatchMeterUsage',
    'An internal error has occurred. Retry your request.',
    'metering-internal-service-error',
    500,
  ),
  m(
    'InvalidCustomerIdentifierException',
    'BatchMeterUsage',
    'You have metered usage for a CustomerIdentifier that does not exist.',
    'metering-invalid-customer-identifier',
  ),
  m(
    'InvalidEndpointRegionException',
    'MeterUsage',
    'The endpoint being called is in a Region different from your EC2 instance.',
    'metering-invalid-endpoint-region',
  ),
  m(
    'InvalidLicenseException',
    'BatchMeterUsage',
    'Ensure the LicenseArn is valid, matches the customer, and usage is within the license activation period.',
    'metering-invalid-license',
  ),
  m(
    'InvalidProductCodeException',
    'MeterUsage',
    'The product code passed does not match the product code used for publishing the product.',
    'metering-invalid-product-code',
  ),
  m(
    'InvalidPublicKeyVersionException',
    'RegisterUsage',
    'Public Key version is invalid.',
    'register-usage-invalid-public-key-version',
  ),
  m(
    'InvalidRegionException',
    'RegisterUsage',
    'RegisterUsage must be called in the same AWS Region the ECS task was launched in.',
    'register-usage-invalid-region',
  ),
  m(
    'InvalidTagException',
    'BatchMeterUsage',
    'The tag is invalid, or the number of tags is greater than 5.',
    'metering-invalid-tag',
  ),
  m('InvalidTokenException', 'ResolveCustomer', 'Registration token is invalid.', 'resolve-customer-invalid-token'),
  m(
    'InvalidUsageAllocationsException',
    'MeterUsage',
    'Sum of allocated usage quantities is not equal to the usage quantity.',
    'metering-invalid-usage-allocations',
  ),
  m(
    'InvalidUsageDimensionException',
    'BatchMeterUsage',
    'The usage dimension does not match one of the UsageDimensions associated with products.',
    'metering-invalid-usage-dimension',
  ),
  m(
    'PlatformNotSupportedException',
    'RegisterUsage',
    'AWS Marketplace does not support metering usage from the underlying platform.',
    'register-usage-platform-not-supported',
  ),
  m('ThrottlingException', 'BatchMeterUsage', 'Rate exceeded', 'metering-throttling'),
  m(
    'TimestampOutOfBoundsException',
    'BatchMeterUsage',
    'The timestamp value passed in the UsageRecord is out of allowed range.',
    'metering-timestamp-out-of-bounds',
  ),
  {
    client: 'metering',
    code: 'AccessDeniedException',
    operation: 'MeterUsage',
    status: 400,
    message: `User: ${ROLE} is not authorized to perform: aws-marketplace:MeterUsage because no identity-based policy allows the aws-marketplace:MeterUsage action`,
    expect: 'metering-access-denied',
    action: 'aws-marketplace:MeterUsage',
  },
  // ---- AWS Marketplace Entitlement Service
  e(
    'InternalServiceErrorException',
    'An internal error has occurred. Retry your request.',
    'entitlement-internal-error',
    500,
  ),
  e(
    'InvalidParameterException',
    'One or more parameters in your request was invalid.',
    'entitlement-invalid-parameter',
  ),
  e('ThrottlingException', 'Rate exceeded', 'entitlement-throttling'),

  // ---- STS: the class name (JS v3, Java v2) and the wire code (botocore, CLI, Go v2) differ for most
  sts(
    'ExpiredTokenException',
    'ExpiredTokenException',
    'AssumeRoleWithWebIdentity',
    'Token expired: current date/time 1795428000 must be before the expiration date/time1795424400',
    'sts-web-identity-token-expired',
  ),
  sts(
    'IDPCommunicationError',
    'IDPCommunicationErrorException',
    'AssumeRoleWithWebIdentity',
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.',
    'sts-idp-communication-error',
  ),
  sts(
    'IDPRejectedClaim',
    'IDPRejectedClaimException',
    'AssumeRoleWithWebIdentity',
    'Incorrect token audience',
    'sts-idp-rejected-claim',
    403,
  ),
  sts(
    'InvalidIdentityToken',
    'InvalidIdentityTokenException',
    'AssumeRoleWithWebIdentity',
    'No OpenIDConnect provider found in your account for https://oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9',
    'sts-invalid-identity-token',
  ),
  sts(
    'InvalidIdentityToken',
    'InvalidIdentityTokenException',
    'AssumeRoleWithSAML',
    "Specified provider doesn't exist.",
    'sts-invalid-identity-token',
  ),
  sts(
    'MalformedPolicyDocument',
    'MalformedPolicyDocumentException',
    'AssumeRole',
    'The policy is not in the valid JSON format.',
    'sts-malformed-policy',
  ),
  sts(
    'PackedPolicyTooLarge',
    'PackedPolicyTooLargeException',
    'AssumeRole',
    'Packed size of consumed session policies and session tags exceeds the limit by 12%.',
    'sts-packed-policy-too-large',
  ),
  sts(
    'RegionDisabledException',
    'RegionDisabledException',
    'AssumeRole',
    'STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
    'sts-region-disabled',
    403,
  ),
  // Newer STS operations no entry covers: listed as unknown
  sts(
    'ExpiredTradeInTokenException',
    'ExpiredTradeInTokenException',
    'GetDelegatedAccessToken',
    'The trade-in token provided in the request has expired and can no longer be exchanged for credentials.',
    'unknown',
  ),
  sts(
    'InvalidAuthorizationMessageException',
    'InvalidAuthorizationMessageException',
    'DecodeAuthorizationMessage',
    'The error returned if the message passed to DecodeAuthorizationMessage was invalid.',
    'unknown',
  ),
  sts(
    'JWTPayloadSizeExceededException',
    'JWTPayloadSizeExceededException',
    'GetWebIdentityToken',
    'The requested token payload size exceeds the maximum allowed size.',
    'unknown',
  ),
  sts(
    'OutboundWebIdentityFederationDisabledException',
    'OutboundWebIdentityFederationDisabledException',
    'GetWebIdentityToken',
    'The outbound web identity federation feature is not enabled for this account.',
    'unknown',
    403,
  ),
  sts(
    'SessionDurationEscalationException',
    'SessionDurationEscalationException',
    'GetWebIdentityToken',
    'The requested token duration would extend the session beyond its original expiration time.',
    'unknown',
    403,
  ),
  {
    client: 'sts',
    code: 'AccessDenied',
    className: 'StsException',
    operation: 'AssumeRole',
    status: 403,
    message: `User: ${ROLE} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/MeteringCrossAccount`,
    expect: 'sts-assume-role-denied',
    action: 'sts:AssumeRole',
    // The JS v3 and Java v2 STS clients have no AccessDenied class: Java prints StsException (its own
    // layout is covered by the IAM action tests), JS v3 the wire code.
    layouts: ['botocore', 'cli', 'gov2'],
  },

  // ---- IAM Identity Center: the portal (role credentials) and OIDC (token renewal)
  {
    client: 'sso',
    code: 'UnauthorizedException',
    operation: 'GetRoleCredentials',
    status: 401,
    message: 'Session token not found or invalid',
    expect: 'credentials-sso-expired',
  },
  {
    client: 'sso',
    code: 'TooManyRequestsException',
    operation: 'GetRoleCredentials',
    status: 429,
    message: 'Rate exceeded',
    expect: 'aws-throttling',
  },
  {
    client: 'sso',
    code: 'ResourceNotFoundException',
    operation: 'GetRoleCredentials',
    status: 404,
    message: 'No access',
    expect: 'unknown',
  },
  {
    client: 'sso',
    code: 'InvalidRequestException',
    operation: 'GetRoleCredentials',
    status: 400,
    message: 'Invalid request',
    expect: 'unknown',
  },
  {
    client: 'oidc',
    code: 'InvalidGrantException',
    operation: 'CreateToken',
    status: 400,
    message: 'Invalid grant provided',
    expect: 'credentials-sso-expired',
  },
  {
    client: 'oidc',
    code: 'ExpiredTokenException',
    operation: 'CreateToken',
    status: 400,
    message: 'Token is expired',
    expect: 'credentials-sso-expired',
    // botocore and the CLI name no service, and CreateToken is also License Manager's: the code
    // alone there is expired session credentials (credentials-session-expired owns it).
    layouts: ['jsv3', 'gov2', 'javav2'],
  },
  {
    client: 'oidc',
    code: 'SlowDownException',
    operation: 'CreateToken',
    status: 400,
    message: 'Client is polling too quickly',
    expect: 'aws-throttling',
  },
  {
    client: 'oidc',
    code: 'InternalServerException',
    operation: 'CreateToken',
    status: 500,
    message: 'An internal server error occurred',
    expect: 'aws-server-error',
  },
  {
    client: 'oidc',
    code: 'AuthorizationPendingException',
    operation: 'CreateToken',
    status: 400,
    message: 'Authorization is still pending',
    expect: 'unknown',
  },
  {
    client: 'oidc',
    code: 'InvalidClientException',
    operation: 'CreateToken',
    status: 401,
    message: 'Client authentication failed',
    expect: 'unknown',
  },
  {
    client: 'oidc',
    code: 'UnauthorizedClientException',
    operation: 'StartDeviceAuthorization',
    status: 400,
    message: 'Client is not authorized',
    expect: 'unknown',
  },

  // ---- IAM (the permission check MeterDoc runs, and the role set-up around metering)
  iam(
    'MalformedPolicyDocument',
    'MalformedPolicyDocumentException',
    'PutRolePolicy',
    'Syntax errors in policy.',
    'sts-malformed-policy',
  ),
  iam(
    'ServiceFailure',
    'ServiceFailureException',
    'SimulatePrincipalPolicy',
    'The request processing has failed because of an unknown error, exception or failure.',
    'aws-server-error',
    500,
  ),
  iam(
    'NoSuchEntity',
    'NoSuchEntityException',
    'GetRole',
    'The role with name MeteringTask cannot be found.',
    'unknown',
    404,
  ),
  iam(
    'LimitExceeded',
    'LimitExceededException',
    'AttachRolePolicy',
    'Cannot exceed quota for PoliciesPerRole: 10',
    'unknown',
    409,
  ),
  iam(
    'EntityAlreadyExists',
    'EntityAlreadyExistsException',
    'CreateRole',
    'Role with name MeteringTask already exists.',
    'unknown',
    409,
  ),
  iam(
    'InvalidInput',
    'InvalidInputException',
    'SimulatePrincipalPolicy',
    'Invalid Entity Arn: arn:aws:iam::123456789012:role/ does not clearly define entity type and name.',
    'unknown',
  ),
  iam(
    'ConcurrentModification',
    'ConcurrentModificationException',
    'AttachRolePolicy',
    'Rate exceeded for concurrent modifications of the role.',
    'unknown',
    409,
  ),
  iam(
    'PolicyEvaluation',
    'PolicyEvaluationException',
    'SimulatePrincipalPolicy',
    'The request failed because a provided policy could not be successfully evaluated.',
    'unknown',
    500,
  ),
  iam(
    'DeleteConflict',
    'DeleteConflictException',
    'DeleteRole',
    'Cannot delete entity, must detach all policies first.',
    'unknown',
    409,
  ),
  iam(
    'UnmodifiableEntity',
    'UnmodifiableEntityException',
    'DetachRolePolicy',
    'Cannot perform the operation on the protected role AWSServiceRoleForMarketplaceMetering.',
    'unknown',
  ),
  iam(
    'ReportExpired',
    'CredentialReportExpiredException',
    'GetCredentialReport',
    'The most recent credential report has expired.',
    'unknown',
    410,
  ),
  iam(
    'NotSupportedService',
    'ServiceNotSupportedException',
    'CreateServiceSpecificCredential',
    'The specified service does not support service-specific credentials.',
    'unknown',
    404,
  ),

  // ---- Organizations
  org(
    'AccessDeniedException',
    'ListAccounts',
    "You don't have permissions to access this resource.",
    'org-access-denied',
    'organizations:ListAccounts',
  ),
  org(
    'AWSOrganizationsNotInUseException',
    'ListAccounts',
    'Your account is not a member of an organization.',
    'org-not-in-use',
  ),
  org('InvalidInputException', 'ListAccounts', 'You specified an invalid value for nextToken.', 'org-invalid-input'),
  org(
    'ServiceException',
    'DescribeOrganization',
    "AWS Organizations can't complete your request because of an internal service error. Try again later.",
    'org-service-exception',
  ),
  org(
    'TooManyRequestsException',
    'ListAccounts',
    "AWS Organizations can't complete your request because another request is already in progress.",
    'org-too-many-requests',
  ),
  // Organizations' own errors no entry covers, a denial of a dependency among them
  org(
    'AccessDeniedForDependencyException',
    'CreateOrganization',
    'The request failed because your credentials do not include the iam:CreateServiceLinkedRole permission.',
    'unknown',
  ),
  org('AccountNotFoundException', 'DescribeAccount', "You specified an account that doesn't exist.", 'unknown'),
  org(
    'ConcurrentModificationException',
    'MoveAccount',
    'The target of the operation is currently being modified by a different request.',
    'unknown',
  ),
  org(
    'ConstraintViolationException',
    'CreateAccount',
    'You have exceeded the allowed number of AWS accounts.',
    'unknown',
  ),
  org(
    'ParentNotFoundException',
    'ListAccountsForParent',
    "We can't find a root or OU with the ParentId that you specified.",
    'unknown',
  ),
  org(
    'UnsupportedAPIEndpointException',
    'CreateAccount',
    "This action isn't available in the current AWS Region.",
    'unknown',
  ),

  // ---- Cost Explorer
  ce(
    'BillExpirationException',
    'GetCostAndUsage',
    'The requested report expired. Update the date interval and try again.',
    'ce-bill-expiration',
  ),
  ce('DataUnavailableException', 'GetCostAndUsage', 'The requested data is unavailable.', 'ce-data-unavailable'),
  ce(
    'InvalidNextTokenException',
    'GetCostAndUsage',
    'The pagination token is invalid. Try again without a pagination token.',
    'ce-invalid-next-token',
  ),
  ce('LimitExceededException', 'GetCostAndUsage', 'Rate limit exceeded', 'ce-limit-exceeded'),
  ce(
    'RequestChangedException',
    'GetDimensionValues',
    'Your request parameters changed between pages.',
    'ce-request-changed',
  ),
  ce(
    'UnresolvableUsageUnitException',
    'GetUsageForecast',
    'Cost Explorer was unable to identify the usage unit.',
    'ce-unresolvable-usage-unit',
  ),
  ce(
    'BillingViewHealthStatusException',
    'GetCostForecast',
    'The billing view status must be HEALTHY to perform this action.',
    'ce-billing-view-unhealthy',
  ),
  ce(
    'GenerationExistsException',
    'StartSavingsPlansPurchaseRecommendationGeneration',
    'A request to generate a recommendation or analysis is already in progress.',
    'unknown',
  ),
  ce(
    'UnknownMonitorException',
    'GetAnomalyMonitors',
    'The cost anomaly monitor does not exist for the account.',
    'unknown',
  ),
  ce(
    'TooManyTagsException',
    'TagResource',
    'Can occur if you specify a number of tags for a resource greater than the maximum 50 user tags per resource.',
    'unknown',
  ),

  // ---- AWS Marketplace Catalog API: its throttles, server errors and denials are any service's
  cat(
    'AccessDeniedException',
    'StartChangeSet',
    403,
    `User: ${ROLE} is not authorized to perform: aws-marketplace:StartChangeSet`,
    'access-denied-generic',
    'aws-marketplace:StartChangeSet',
  ),
  cat('ThrottlingException', 'StartChangeSet', 429, 'Too many requests.', 'aws-throttling'),
  cat(
    'InternalServiceException',
    'StartChangeSet',
    500,
    'There was an internal service exception.',
    'aws-server-error',
  ),
  cat('ValidationException', 'StartChangeSet', 422, 'An error occurred during validation.', 'unknown'),
  cat('ResourceNotFoundException', 'CancelChangeSet', 404, "The specified resource wasn't found.", 'unknown'),
  cat('ResourceInUseException', 'StartChangeSet', 423, 'The resource is currently in use.', 'unknown'),
  cat(
    'ServiceQuotaExceededException',
    'StartChangeSet',
    402,
    'The maximum number of open requests per account has been exceeded.',
    'unknown',
  ),

  // ---- AWS Marketplace Agreement API
  agr(
    'AccessDeniedException',
    'GetAgreementTerms',
    'User does not have sufficient access to perform this action.',
    'access-denied-generic',
    'aws-marketplace:GetAgreementTerms',
  ),
  agr('ThrottlingException', 'SearchAgreements', 'Request was denied due to request throttling.', 'aws-throttling'),
  {
    client: 'agreement',
    code: 'InternalServerException',
    operation: 'SearchAgreements',
    status: 500,
    message: 'Unexpected error during processing of request.',
    expect: 'aws-server-error',
  },
  agr(
    'ValidationException',
    'SearchAgreements',
    'The input fails to satisfy the constraints specified by the service.',
    'unknown',
  ),
  agr(
    'ResourceNotFoundException',
    'GetAgreementTerms',
    'Request references a resource which does not exist.',
    'unknown',
  ),
  agr(
    'ServiceQuotaExceededException',
    'CreateAgreementRequest',
    'Request exceeded the maximum allowed limit (quota) for a specific resource or API operation.',
    'unknown',
  ),
  agr('ConflictException', 'CancelAgreement', 'Request was denied due to a resource conflict.', 'unknown'),
];

function m(code: string, operation: string, message: string, expect: string, status = 400): Row {
  return { client: 'metering', code, operation, status, message, expect };
}
function e(code: string, message: string, expect: string, status = 400): Row {
  return { client: 'entitlement', code, operation: 'GetEntitlements', status, message, expect };
}
function sts(code: string, className: string, operation: string, message: string, expect: string, status = 400): Row {
  return { client: 'sts', code, className, operation, status, message, expect };
}
function iam(code: string, className: string, operation: string, message: string, expect: string, status = 400): Row {
  return { client: 'iam', code, className, operation, status, message, expect };
}
function org(code: string, operation: string, message: string, expect: string, action?: string): Row {
  return { client: 'organizations', code, operation, status: 400, message, expect, ...(action ? { action } : {}) };
}
function ce(code: string, operation: string, message: string, expect: string): Row {
  return { client: 'ce', code, operation, status: 400, message, expect };
}
function cat(code: string, operation: string, status: number, message: string, expect: string, action?: string): Row {
  return { client: 'catalog', code, operation, status, message, expect, ...(action ? { action } : {}) };
}
function agr(code: string, operation: string, message: string, expect: string, action?: string): Row {
  return { client: 'agreement', code, operation, status: 400, message, expect, ...(action ? { action } : {}) };
}

function paste(row: Row, layout: Layout): string {
  const client: Client = CLIENTS[row.client];
  const className = row.className ?? row.code;
  switch (layout) {
    case 'botocore':
      return `botocore.exceptions.ClientError: An error occurred (${row.code}) when calling the ${row.operation} operation: ${row.message}`;
    case 'cli':
      return `\nAn error occurred (${row.code}) when calling the ${row.operation} operation: ${row.message}\n`;
    case 'jsv3':
      return [
        '/srv/meter/node_modules/@smithy/smithy-client/dist-cjs/index.js:388',
        '    const response = new exceptionCtor({',
        '                     ^',
        '',
        `${className}: ${row.message}`,
        '    at throwDefaultError (/srv/meter/node_modules/@smithy/smithy-client/dist-cjs/index.js:388:22)',
        `    at de_${className}Res (/srv/meter/node_modules/@aws-sdk/${client.jsPackage}/dist-cjs/index.js:1204:21) {`,
        `  '$fault': '${row.status >= 500 ? 'server' : 'client'}',`,
        "  '$metadata': {",
        `    httpStatusCode: ${row.status},`,
        `    requestId: '${REQUEST_ID}',`,
        '    extendedRequestId: undefined,',
        '    cfId: undefined,',
        '    attempts: 1,',
        '    totalRetryDelay: 0',
        '  }',
        '}',
      ].join('\n');
    case 'gov2':
      return `operation error ${client.goId}: ${row.operation}, https response error StatusCode: ${row.status}, RequestID: ${REQUEST_ID}, ${row.code}: ${row.message}`;
    case 'javav2':
      return `software.amazon.awssdk.services.${client.javaPackage}.model.${className}: ${row.message} (Service: ${client.javaName}, Status Code: ${row.status}, Request ID: ${REQUEST_ID})`;
  }
}

const catalog = realCatalog();
const METERING_AREAS = new Set(['metering', 'entitlement']);

const cases = TABLE.flatMap((row) =>
  (row.layouts ?? LAYOUTS).map((layout) => ({ name: `${layout}: ${row.client} ${row.code}`, row, layout })),
);

describe('every modeled error of the services around metering, in every SDK layout', () => {
  it.each(cases.filter((c) => c.row.expect !== 'unknown'))('$name answers its entry', ({ row, layout }) => {
    const text = paste(row, layout);
    const diagnosis = diagnose(text, catalog, { now: NOW });
    expect(diagnosis.isError, text).toBe(true);
    const top = diagnosis.findings[0];
    expect(top?.entry.id, text).toBe(row.expect);
    expect([row.code, row.className ?? row.code]).toContain(top!.facts.code);
    // Only Java and JS v3 leave out the operation; every other layout names it.
    if (layout !== 'jsv3' && layout !== 'javav2') expect(top!.facts.operation).toBe(row.operation);
    if (row.action && ((layout !== 'jsv3' && layout !== 'javav2') || row.message.includes(row.action)))
      expect(top!.facts.action).toBe(row.action);
  });

  it.each(cases.filter((c) => c.row.expect === 'unknown'))(
    '$name is an AWS error no entry covers: listed as unknown',
    ({ row, layout }) => {
      const text = paste(row, layout);
      const diagnosis = diagnose(text, catalog, { now: NOW });
      expect(diagnosis.isError, text).toBe(true);
      expect(
        diagnosis.findings.map((f) => f.entry.id),
        text,
      ).toEqual([]);
      expect(diagnosis.unmatched.map((u) => u.facts.code)).toContain(
        layout === 'jsv3' || layout === 'javav2' ? (row.className ?? row.code) : row.code,
      );
      expect(diagnosis.verdict.kind).toBe('unknown');
    },
  );

  it('the service each layout names is the endpoint prefix the catalog uses', () => {
    // A denial that quotes an aws-marketplace: action other than metering's is attributed to that IAM
    // prefix (many Marketplace services share it); those rows are checked for their action instead.
    for (const row of TABLE.filter((r) => !r.message.includes('aws-marketplace:') || r.client === 'metering')) {
      const client: Client = CLIENTS[row.client];
      for (const layout of ['gov2', 'javav2', 'jsv3'] as const) {
        const diagnosis = diagnose(paste(row, layout), catalog, { now: NOW });
        const facts = diagnosis.findings[0]?.facts ?? diagnosis.unmatched[0]?.facts;
        expect(facts?.service, `${row.client} ${row.code} ${layout}`).toBe(client.service);
      }
    }
  });

  it('no code of another service is answered by a metering or entitlement entry', () => {
    for (const { row, layout } of cases.filter((c) => !['metering', 'entitlement'].includes(c.row.client))) {
      const findings = diagnose(paste(row, layout), catalog, { now: NOW }).findings;
      expect(
        findings.filter((f) => METERING_AREAS.has(f.entry.area)).map((f) => f.entry.id),
        `${row.client} ${row.code} ${layout}`,
      ).toEqual([]);
    }
  });
});

describe('the same code from the metering service and from another service', () => {
  it.each([
    ['ThrottlingException', 'metering', 'metering-throttling', 'catalog', 'aws-throttling'],
    ['AccessDeniedException', 'metering', 'metering-access-denied', 'agreement', 'access-denied-generic'],
    ['ExpiredTokenException', 'metering', 'resolve-customer-expired-token', 'oidc', 'credentials-sso-expired'],
  ] as const)('%s: %s -> %s, %s -> %s (Go v2 names the client)', (code, a, entryA, b, entryB) => {
    const rowOf = (client: keyof typeof CLIENTS) => TABLE.find((r) => r.client === client && r.code === code)!;
    expect(diagnose(paste(rowOf(a), 'gov2'), catalog, { now: NOW }).findings[0]?.entry.id).toBe(entryA);
    expect(diagnose(paste(rowOf(b), 'gov2'), catalog, { now: NOW }).findings[0]?.entry.id).toBe(entryB);
  });
});
