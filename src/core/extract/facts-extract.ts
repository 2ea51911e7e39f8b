import type { Facts } from '../facts.js';
import { readTimestamp } from '../usage/timestamp.js';

/**
 * Facts that any format may carry anywhere in an error block: ARNs, actions, regions, hosts,
 * request IDs, usage-record fields. Every pattern starts on literal text or a single character
 * class and has no nested quantifiers (linear time).
 */

const PRINCIPAL =
  /\barn:(aws[a-z-]{0,20}):(iam|sts)::(\d{12}):(user|role|assumed-role|federated-user|root|group)(\/[A-Za-z0-9+=,.@_/-]{1,512})?/;
/**
 * IAM's own wording (`User: … is not authorized to perform: s3:GetObject on resource: …`), STS's
 * shorter one with no principal and no colon (`Not authorized to perform sts:AssumeRoleWithSAML`),
 * and services that print the prefix in capitals (SNS's `SNS:Publish`). A terminal or a tool (a
 * Terraform box) may wrap the line anywhere in it.
 */
const NOT_AUTHORIZED =
  /\b[Nn]ot\s{1,40}authorized\s{1,40}to\s{1,40}perform:?\s{1,40}([A-Za-z0-9-]{1,64}:[A-Za-z0-9*]{1,128})(?:\s{1,40}on\s{1,40}resource:\s{0,40}["']?([^\s"'<>]{1,1024}))?/;
/**
 * A service refusing because the caller lacks another service's actions, listed in brackets
 * (Bedrock: "not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, …)").
 */
const NOT_AUTHORIZED_LISTED =
  /\bnot authorized to perform the required [^()]{0,60}actions? \(([a-z0-9-]{1,64}:[A-Za-z0-9*]{1,128})/;
/**
 * CloudFormation's resource status reason for a refused EC2 call: the API action it made, then EC2's
 * UnauthorizedOperation message (`API: ec2:CreateVpc You are not authorized to perform this operation.`).
 */
const API_NOT_AUTHORIZED =
  /\bAPI: ([a-z0-9-]{2,64}:[A-Za-z0-9]{2,128}) You are not authorized to perform this operation/;
/** "with an explicit deny in a service control policy" / "because no identity-based policy allows". */
const DENIAL =
  /\b(?:(with an explicit deny)(?: in an? ([a-z -]{3,40}?policy|permissions boundary))?|because no ([a-z -]{3,40}?policy|permissions boundary) allows)\b/;
const REGION =
  /\b((?:us-gov|us-iso[bef]?|us|eu|eusc|ap|sa|ca|me|af|il|mx|cn)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest|de)-\d)\b/;
/** Endpoint DNS suffixes: IPv4 hosts and the dual-stack (IPv4 and IPv6) hosts of each partition. */
const HOST_SUFFIX = String.raw`(?:amazonaws\.com(?:\.cn)?|amazonaws\.eu|api\.aws|api\.amazonwebservices\.com\.cn|api\.amazonwebservices\.eu)`;
const ENDPOINT_HOST = new RegExp(String.raw`\b((?:[a-z0-9-]{1,63}\.){1,4}${HOST_SUFFIX})\b`);
const HOST_PARTS = new RegExp(
  String.raw`^([a-z0-9.-]+?)\.(?:(?:[a-z]{2}(?:-gov|-iso[bef]?)?-[a-z]+-\d)\.)?${HOST_SUFFIX}$`,
);
/** Hosts whose first labels are spelled differently from the endpoint prefix (FIPS and newer partitions). */
const HOST_PREFIX_ALIASES: Record<string, string> = {
  'metering-marketplace': 'metering.marketplace',
  'metering.marketplace-fips': 'metering.marketplace',
  'entitlement-marketplace': 'entitlement.marketplace',
  'entitlement.marketplace-fips': 'entitlement.marketplace',
};
/** The ID on the label's own line: an empty `Request ID: ` (the C++ SDK's log) does not take the next line's word. */
const REQUEST_ID =
  /\b(?:request[ _-]?id|x-amzn-requestid|x-amz-request-id|RequestId)["']?[ \t]{0,3}[:=][ \t]{0,3}["'<]?([A-Za-z0-9][A-Za-z0-9-]{7,127})/i;
const REQUEST_ID_XML = /<RequestId>([A-Za-z0-9-]{8,128})<\/RequestId>/;
const HTTP_STATUS = /\b(?:status ?code|httpStatusCode|HTTPStatusCode|statusCode)["']?\s{0,3}[:=]\s{0,3}(\d{3})\b/i;
const RETRIES_JS = /\battempts["']?\s{0,3}:\s{0,3}(\d{1,4})\b/;
const RETRIES_PY = /['"]RetryAttempts['"]\s{0,3}:\s{0,3}(\d{1,4})/;
const PRODUCT_CODE = /\bProductCode["']?\s{0,3}[:=]\s{0,3}(["']?)([A-Za-z0-9/=:_.@-]{1,255})/i;

/**
 * A value written without quotes that reads as a name in code (`ProductCode=PRODUCT`,
 * `ProductCode=self.product_code`, `ProductCode=product_code`) is a variable, not the value.
 * Marketplace product codes are lower-case letters and digits, so none of these shapes is one.
 */
function isCodeName(value: string, quoted: boolean): boolean {
  if (quoted) return false;
  return (
    /^[A-Z][A-Z0-9_]*$/.test(value) || /^[A-Za-z_]\w*(?:\.\w+)+$/.test(value) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(value)
  );
}
const PRODUCT_CODE_CLI = /--product-code[ =]["']?([A-Za-z0-9/=:_.@-]{1,255})/;
const DIMENSION = /\b(?:Dimension|UsageDimension)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9_.:/-]{1,255})/;
const DIMENSION_PROSE = /[Dd]imension (?:with key |named )?['"]([^'"]{1,255})['"]/;
const CUSTOMER_ID = /\bCustomerIdentifier["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9_+=.@-]{1,255})/i;
const CUSTOMER_ACCOUNT = /\bCustomerAWSAccountId["']?\s{0,3}[:=]\s{0,3}["']?(\d{12})/i;
const LICENSE_ARN = /\barn:aws[a-z-]{0,20}:license-manager:[a-z0-9-]{0,30}:\d{0,12}:license[:/][A-Za-z0-9-]{1,100}/;
const TIMESTAMP_FIELD =
  /\bTimestamp["']?\s{0,3}[:=]\s{0,3}["']?(\d{10}(?:\.\d{1,6})?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)/;
const PY_DATETIME =
  /\bTimestamp['"]?\s{0,3}:\s{0,3}datetime\.datetime\((\d{4}), (\d{1,2}), (\d{1,2}), (\d{1,2}), (\d{1,2})(?:, (\d{1,2}))?/;

/**
 * An EKS cluster's OIDC issuer (oidc.eks.<region>.amazonaws.com/id/...) is an identity provider a
 * token names, quoted in STS and IAM messages; no request is sent to it, so it names no service.
 */
const IDENTITY_PROVIDER_HOST = /^oidc\.eks\./;
const ENDPOINT_HOSTS = new RegExp(ENDPOINT_HOST.source, 'g');

/** The first AWS host in the block that is an endpoint a request went to. */
function endpointHostIn(block: string): RegExpExecArray | undefined {
  for (const m of block.matchAll(ENDPOINT_HOSTS)) if (!IDENTITY_PROVIDER_HOST.test(m[1]!)) return m as RegExpExecArray;
  return undefined;
}

/** The service an endpoint host, Java/Go service name or IAM action belongs to, as an endpoint prefix. */
export function serviceFromHost(host: string): string | undefined {
  const prefix = HOST_PARTS.exec(host)?.[1];
  if (prefix === undefined) return undefined;
  if (S3_HOST_PREFIX.test(prefix)) return 's3';
  // A Region never set, written into the host as a missing value ("sqs.undefined.amazonaws.com")
  const named = prefix.replace(/\.(?:undefined|null|none)$/i, '');
  return HOST_PREFIX_ALIASES[named] ?? named.replace(/-fips$/, '');
}

/**
 * S3's endpoint labels after a bucket name: virtual-hosted `bucket.s3.<region>`, the legacy dash forms
 * (`s3-<region>`, `s3-external-1`), `s3-accelerate`, `s3.dualstack`, `s3-fips`, website endpoints. The
 * bucket name before them is the customer's, not a service.
 */
const S3_HOST_PREFIX =
  /(?:^|\.)s3(?:-(?:accelerate|external-\d|website|fips|[a-z]{2}(?:-gov)?-[a-z]+-\d))?(?:\.dualstack|\.accelerate)?$/;

const SERVICE_NAMES: Record<string, string> = {
  'marketplace metering': 'metering.marketplace',
  marketplacemetering: 'metering.marketplace',
  awsmarketplacemetering: 'metering.marketplace',
  'aws marketplace metering': 'metering.marketplace',
  'marketplace entitlement service': 'entitlement.marketplace',
  marketplaceentitlement: 'entitlement.marketplace',
  awsmarketplaceentitlement: 'entitlement.marketplace',
  sts: 'sts',
  awssecuritytokenservice: 'sts',
  iam: 'iam',
  amazonidentitymanagement: 'iam',
  'cost explorer': 'ce',
  costexplorer: 'ce',
  awscostexplorer: 'ce',
  organizations: 'organizations',
  awsorganizations: 'organizations',
  'bedrock runtime': 'bedrock-runtime',
  bedrockruntime: 'bedrock-runtime',
  // IAM Identity Center: the portal (role credentials) and OIDC (SSO tokens), by endpoint prefix
  sso: 'portal.sso',
  'sso oidc': 'oidc',
  ssooidc: 'oidc',
  'marketplace catalog': 'catalog.marketplace',
  marketplacecatalog: 'catalog.marketplace',
  'marketplace agreement': 'agreement-marketplace',
  marketplaceagreement: 'agreement-marketplace',
};

/** Service names as SDKs spell them whose endpoint prefix is not the name itself. */
const NAME_PREFIXES: Record<string, string> = {
  cloudwatchlogs: 'logs',
  cloudwatch: 'monitoring',
  ses: 'email',
  sesv2: 'email',
  elasticloadbalancing: 'elasticloadbalancing',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  simplesystemsmanagement: 'ssm',
  secretsmanager: 'secretsmanager',
  simpleemailservice: 'email',
  eksauth: 'eks-auth',
  cognitoidentityprovider: 'cognito-idp',
  lambda: 'lambda',
  dynamodbv2: 'dynamodb',
  // The AWS SDK for .NET's namespaces (Amazon.SecurityToken, Amazon.IdentityManagement, ...)
  securitytoken: 'sts',
  identitymanagement: 'iam',
  marketplaceentitlementservice: 'entitlement.marketplace',
};

/**
 * The endpoint prefix for a service name as an SDK, CLI or stack frame spells it
 * (`Marketplace Metering`, `CloudFormationClient`, `Aws::ECS`, `AmazonDynamoDB`). Names the table
 * does not know are returned as their lower-case letters: what matters is telling another service
 * from the Metering Service.
 */
export function serviceFromName(name: string): string | undefined {
  const trimmed = name.trim().toLowerCase();
  if (SERVICE_NAMES[trimmed]) return SERVICE_NAMES[trimmed];
  const squashed = trimmed
    .replace(/[^a-z0-9]/g, '')
    .replace(/^(?:amazon|aws)(?=[a-z])/, '')
    .replace(/(?:client|service|async)$/, '');
  if (squashed.length < 2) return undefined;
  return SERVICE_NAMES[squashed] ?? NAME_PREFIXES[squashed] ?? squashed;
}

/** Where a paste names the failing service outside the error line: a CLI command, an SDK class or file path, an XML namespace. */
const SERVICE_HINTS: ReadonlyArray<RegExp> = [
  // A metering or entitlement operation named near the error: "BatchMeterUsage failed: ThrottlingException"
  /\b(BatchMeterUsage|MeterUsage|RegisterUsage|ResolveCustomer|GetEntitlements)\b/,
  // A log line naming the failed call: "AssumeRole failed: Throttling: Rate exceeded"
  /\b([A-Z][a-z][A-Za-z0-9]{2,60})(?: call)? failed\b/,
  // The call named as Go v2 names it, service ID then operation, before its message ("Organizations:
  // ListAccounts, …", a tool's summary "Organizations: ListAccounts - …"); only an operation one service has says which
  /\b[A-Z][A-Za-z0-9]{1,40}: ([A-Z][a-z][A-Za-z0-9]{2,60})(?:,| - )/,
  // Ruby: Aws::CloudFormation::Errors::Throttling
  /\bAws::([A-Za-z0-9]{2,40})::Errors::/,
  // .NET: Amazon.SecurityToken.Model.ExpiredTokenException
  /\bAmazon\.([A-Za-z0-9]{2,40})\.Model\./,
  // JS v2: node_modules/aws-sdk/lib/services/ec2.js
  /aws-sdk\/lib\/services\/([a-z0-9]{2,40})\.js/,
  // JS v3: @aws-sdk/client-dynamodb
  /@aws-sdk\/client-([a-z0-9-]{2,40})/,
  // botocore debug events: needs-retry.ec2.ModifyImageAttribute
  /\b(?:needs-retry|before-call|after-call|request-created|choose-signer|before-sign|before-send)\.([a-z0-9-]{2,40})\.[A-Z]/,
  // boto 2: boto/ec2/connection.py
  /\bboto\/([a-z0-9]{2,40})\/connection\.py/,
  // Query-protocol XML bodies: xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"
  /xmlns="https?:\/\/([a-z0-9-]{2,40})\.amazonaws\.com\/doc\//,
  // Go v1 debug logs: Validate Response cloudformation/ListStacks
  /\bResponse ([a-z0-9-]{2,40})\/[A-Z][A-Za-z0-9]{2,60}\b/,
  // Java: com.amazonaws.services.dynamodbv2 / software.amazon.awssdk.services.cloudformation
  /(?:com\.amazonaws|software\.amazon\.awssdk)\.services\.([a-z0-9]{2,40})\./,
  // AWS CLI command lines: aws ec2 run-instances
  /(?:^|[\s$#>])aws ([a-z0-9-]{2,40}) [a-z0-9-]{2,60}\b/m,
];

const CLI_SERVICES: Record<string, string> = {
  meteringmarketplace: 'metering.marketplace',
  'marketplace-metering': 'metering.marketplace',
  'marketplace-entitlement': 'entitlement.marketplace',
  dynamodbv2: 'dynamodb',
  s3api: 's3',
  configure: '',
  help: '',
};

/** The service a paste names by its tooling (see SERVICE_HINTS), when the error line itself does not. */
export function serviceFromHints(text: string): string | undefined {
  for (const hint of SERVICE_HINTS) {
    const m = hint.exec(text);
    if (!m) continue;
    const raw = m[1]!;
    const byOperation = serviceFromOperation(raw);
    if (byOperation) return byOperation;
    // Operation-shaped names the operation table does not know say nothing about the service.
    if (/^[A-Z]/.test(raw) && !hint.source.includes('Aws::') && !hint.source.includes('Amazon')) continue;
    if (raw in CLI_SERVICES) {
      const mapped = CLI_SERVICES[raw];
      if (mapped) return mapped;
      continue;
    }
    return serviceFromName(raw);
  }
  return undefined;
}

const OPERATION_SERVICES: Record<string, string> = {
  BatchMeterUsage: 'metering.marketplace',
  MeterUsage: 'metering.marketplace',
  RegisterUsage: 'metering.marketplace',
  ResolveCustomer: 'metering.marketplace',
  GetEntitlements: 'entitlement.marketplace',
  AssumeRole: 'sts',
  AssumeRoleWithWebIdentity: 'sts',
  AssumeRoleWithSAML: 'sts',
  GetCallerIdentity: 'sts',
  GetSessionToken: 'sts',
  GetFederationToken: 'sts',
  SimulatePrincipalPolicy: 'iam',
  ListAccounts: 'organizations',
  Converse: 'bedrock-runtime',
  InvokeModel: 'bedrock-runtime',
  DecodeAuthorizationMessage: 'sts',
  Invoke: 'lambda',
  // Operations only one service has, so a botocore line that names no service still names it.
  // Operations of the services around metering (IAM, STS, IAM Identity Center, Organizations, the
  // Marketplace Catalog and Agreement APIs) that no other service's model has (botocore 1.43.11).
  ...only('sts', words('AssumeRoot GetAccessKeyInfo GetDelegatedAccessToken GetWebIdentityToken')),
  ...only(
    'iam',
    words(
      'AcceptDelegationRequest AddClientIDToOpenIDConnectProvider AddRoleToInstanceProfile AddUserToGroup ' +
        'AssociateDelegationRequest AttachGroupPolicy AttachRolePolicy AttachUserPolicy CreateAccessKey ' +
        'CreateAccountAlias CreateDelegationRequest CreateLoginProfile CreateOpenIDConnectProvider CreateRole ' +
        'CreateSAMLProvider CreateServiceLinkedRole CreateServiceSpecificCredential CreateVirtualMFADevice ' +
        'DeactivateMFADevice DeleteAccessKey DeleteAccountPasswordPolicy DeleteGroupPolicy DeleteLoginProfile ' +
        'DeleteOpenIDConnectProvider DeleteRole DeleteRolePermissionsBoundary DeleteRolePolicy ' +
        'DeleteSAMLProvider DeleteSSHPublicKey DeleteServerCertificate DeleteServiceLinkedRole ' +
        'DeleteServiceSpecificCredential DeleteSigningCertificate DeleteUserPermissionsBoundary ' +
        'DeleteUserPolicy DeleteVirtualMFADevice DetachGroupPolicy DetachRolePolicy DetachUserPolicy ' +
        'DisableOrganizationsRootCredentialsManagement DisableOrganizationsRootSessions ' +
        'DisableOutboundWebIdentityFederation EnableMFADevice EnableOrganizationsRootCredentialsManagement ' +
        'EnableOrganizationsRootSessions EnableOutboundWebIdentityFederation GenerateCredentialReport ' +
        'GenerateOrganizationsAccessReport GenerateServiceLastAccessedDetails GetAccessKeyLastUsed ' +
        'GetAccountAuthorizationDetails GetAccountPasswordPolicy GetAccountSummary ' +
        'GetContextKeysForCustomPolicy GetContextKeysForPrincipalPolicy GetCredentialReport ' +
        'GetDelegationRequest GetGroupPolicy GetHumanReadableSummary GetLoginProfile GetMFADevice ' +
        'GetOpenIDConnectProvider GetOrganizationsAccessReport GetOutboundWebIdentityFederationInfo GetRole ' +
        'GetRolePolicy GetSAMLProvider GetSSHPublicKey GetServerCertificate GetServiceLastAccessedDetails ' +
        'GetServiceLastAccessedDetailsWithEntities GetServiceLinkedRoleDeletionStatus GetUserPolicy ' +
        'ListAccessKeys ListAccountAliases ListAttachedGroupPolicies ListAttachedRolePolicies ' +
        'ListAttachedUserPolicies ListDelegationRequests ListEntitiesForPolicy ListGroupPolicies ' +
        'ListGroupsForUser ListInstanceProfileTags ListInstanceProfilesForRole ListMFADeviceTags ' +
        'ListMFADevices ListOpenIDConnectProviderTags ListOpenIDConnectProviders ListOrganizationsFeatures ' +
        'ListPoliciesGrantingServiceAccess ListPolicyTags ListRolePolicies ListRoleTags ListRoles ' +
        'ListSAMLProviderTags ListSAMLProviders ListSSHPublicKeys ListServerCertificateTags ' +
        'ListServerCertificates ListServiceSpecificCredentials ListSigningCertificates ListUserPolicies ' +
        'ListUserTags ListVirtualMFADevices PutGroupPolicy PutRolePermissionsBoundary PutRolePolicy ' +
        'PutUserPermissionsBoundary PutUserPolicy RejectDelegationRequest ' +
        'RemoveClientIDFromOpenIDConnectProvider RemoveRoleFromInstanceProfile RemoveUserFromGroup ' +
        'ResetServiceSpecificCredential ResyncMFADevice SendDelegationToken ' +
        'SetSecurityTokenServicePreferences SimulateCustomPolicy TagInstanceProfile TagMFADevice ' +
        'TagOpenIDConnectProvider TagPolicy TagRole TagSAMLProvider TagServerCertificate TagUser ' +
        'UntagInstanceProfile UntagMFADevice UntagOpenIDConnectProvider UntagPolicy UntagRole ' +
        'UntagSAMLProvider UntagServerCertificate UntagUser UpdateAccessKey UpdateAccountPasswordPolicy ' +
        'UpdateAssumeRolePolicy UpdateDelegationRequest UpdateLoginProfile ' +
        'UpdateOpenIDConnectProviderThumbprint UpdateRole UpdateRoleDescription UpdateSAMLProvider ' +
        'UpdateSSHPublicKey UpdateServerCertificate UpdateServiceSpecificCredential UpdateSigningCertificate ' +
        'UploadSSHPublicKey UploadServerCertificate UploadSigningCertificate',
    ),
  ),
  ...only('portal.sso', words('GetRoleCredentials ListAccountRoles Logout')),
  ...only('oidc', words('CreateTokenWithIAM RegisterClient StartDeviceAuthorization')),
  ...only(
    'organizations',
    words(
      'AcceptHandshake CancelHandshake CloseAccount CreateGovCloudAccount CreateOrganizationalUnit ' +
        'DeclineHandshake DeleteOrganizationalUnit DeregisterDelegatedAdministrator ' +
        'DescribeCreateAccountStatus DescribeEffectivePolicy DescribeHandshake DescribeOrganizationalUnit ' +
        'DescribePolicy DescribeResponsibilityTransfer DisableAWSServiceAccess DisablePolicyType ' +
        'EnableAWSServiceAccess EnableAllFeatures EnablePolicyType InviteAccountToOrganization ' +
        'InviteOrganizationToTransferResponsibility LeaveOrganization ListAWSServiceAccessForOrganization ' +
        'ListAccountsForParent ListAccountsWithInvalidEffectivePolicy ListChildren ListCreateAccountStatus ' +
        'ListDelegatedAdministrators ListDelegatedServicesForAccount ListEffectivePolicyValidationErrors ' +
        'ListHandshakesForAccount ListHandshakesForOrganization ListInboundResponsibilityTransfers ' +
        'ListOrganizationalUnitsForParent ListOutboundResponsibilityTransfers ListParents ' +
        'ListPoliciesForTarget ListRoots MoveAccount RegisterDelegatedAdministrator ' +
        'RemoveAccountFromOrganization TerminateResponsibilityTransfer UpdateOrganizationalUnit ' +
        'UpdateResponsibilityTransfer',
    ),
  ),
  ...only('catalog.marketplace', words('BatchDescribeEntities CancelChangeSet StartChangeSet')),
  ...only(
    'agreement-marketplace',
    words(
      'AcceptAgreementCancellationRequest AcceptAgreementPaymentRequest AcceptAgreementRequest ' +
        'BatchCreateBillingAdjustmentRequest CancelAgreement CancelAgreementCancellationRequest ' +
        'CancelAgreementPaymentRequest CreateAgreementRequest GetAgreementCancellationRequest ' +
        'GetAgreementEntitlements GetAgreementPaymentRequest GetAgreementTerms GetBillingAdjustmentRequest ' +
        'ListAgreementCancellationRequests ListAgreementCharges ListAgreementInvoiceLineItems ' +
        'ListAgreementPaymentRequests ListBillingAdjustmentRequests RejectAgreementCancellationRequest ' +
        'RejectAgreementPaymentRequest SearchAgreements SendAgreementCancellationRequest ' +
        'SendAgreementPaymentRequest UpdatePurchaseOrders',
    ),
  ),
  ...only('s3', [
    'HeadObject',
    'HeadBucket',
    'GetObject',
    'PutObject',
    'CopyObject',
    'DeleteObject',
    'DeleteObjects',
    'ListObjects',
    'ListObjectsV2',
    'ListBuckets',
    'CreateBucket',
    'CreateMultipartUpload',
    'UploadPart',
    'CompleteMultipartUpload',
    'GetBucketLocation',
  ]),
  ...only('ec2', [
    'RunInstances',
    'DescribeInstances',
    'TerminateInstances',
    'StartInstances',
    'StopInstances',
    'DescribeSecurityGroups',
    'DescribeVpcs',
    'DescribeSubnets',
    'DescribeImages',
    'DescribeInstanceStatus',
    'DescribeVolumes',
    'DescribeNetworkInterfaces',
    'AuthorizeSecurityGroupIngress',
  ]),
  ...only('dynamodb', [
    'PutItem',
    'GetItem',
    'UpdateItem',
    'DeleteItem',
    'BatchWriteItem',
    'BatchGetItem',
    'TransactWriteItems',
    'TransactGetItems',
    'DescribeTable',
  ]),
  ...only('kinesis', ['PutRecords', 'DescribeStream', 'GetShardIterator']),
  ...only('monitoring', ['PutMetricData', 'GetMetricData', 'GetMetricStatistics']),
  ...only('logs', ['PutLogEvents', 'CreateLogStream', 'CreateLogGroup', 'FilterLogEvents']),
  ...only('sqs', ['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'GetQueueUrl']),
  ...only('secretsmanager', ['GetSecretValue']),
  ...only('ssm', ['GetParameter', 'GetParameters', 'GetParametersByPath', 'PutParameter']),
  ...only('kms', ['Decrypt', 'Encrypt', 'GenerateDataKey', 'ReEncrypt']),
  ...only('cloudformation', [
    'DescribeStacks',
    'DescribeStackEvents',
    'DescribeStackResources',
    'CreateStack',
    'UpdateStack',
  ]),
};

function words(list: string): string[] {
  return list.split(' ');
}

function only(service: string, operations: readonly string[]): Record<string, string> {
  return Object.fromEntries(operations.map((operation) => [operation, service]));
}

/** Codes only one service returns: S3's SlowDown, EC2's RequestLimitExceeded. */
const CODE_SERVICES: Record<string, string> = { SlowDown: 's3', RequestLimitExceeded: 'ec2' };

export function serviceFromCode(code: string): string | undefined {
  return CODE_SERVICES[code];
}

export function serviceFromOperation(operation: string): string | undefined {
  if (OPERATION_SERVICES[operation]) return OPERATION_SERVICES[operation];
  if (
    /^Get(?:CostAndUsage|CostForecast|UsageForecast|DimensionValues|Reservation|SavingsPlans|Tags|CostCategories|Anomal|RightsizingRecommendation)/.test(
      operation,
    )
  )
    return 'ce';
  return undefined;
}

/** IAM prefixes are case-insensitive; services print some in capitals (`SNS:Publish`). */
function normalizeAction(action: string): string {
  const colon = action.indexOf(':');
  return `${action.slice(0, colon).toLowerCase()}${action.slice(colon)}`;
}

const METERING_ACTIONS = new Set(['BatchMeterUsage', 'MeterUsage', 'RegisterUsage', 'ResolveCustomer']);

/**
 * The endpoint an IAM action is served by. `aws-marketplace:` covers many services (catalog,
 * subscriptions, procurement, Bedrock's model subscriptions): only the Metering Service's four
 * actions and GetEntitlements name an endpoint MeterDoc has entries for; the rest stay under the
 * IAM prefix, which no metering entry claims.
 */
export function serviceFromAction(action: string): string | undefined {
  const [prefix, name = ''] = action.split(':');
  if (prefix === 'aws-marketplace') {
    if (name === 'GetEntitlements') return 'entitlement.marketplace';
    return METERING_ACTIONS.has(name) ? 'metering.marketplace' : 'aws-marketplace';
  }
  return prefix;
}

/** IAM prefixes that differ from the endpoint prefix. */
const IAM_PREFIXES: Record<string, string> = {
  'metering.marketplace': 'aws-marketplace',
  'entitlement.marketplace': 'aws-marketplace',
  'catalog.marketplace': 'aws-marketplace',
  'agreement-marketplace': 'aws-marketplace',
  // IAM Identity Center's token calls are authorised by the token itself, not by an IAM action.
  oidc: '',
  email: 'ses',
  monitoring: 'cloudwatch',
  'bedrock-runtime': 'bedrock',
  'eks-auth': 'eks-auth',
};

/**
 * The IAM action an operation is authorised by: with few exceptions its own name under the
 * service's IAM prefix (`ListAccounts` on Organizations is `organizations:ListAccounts`).
 */
export function actionFromOperation(service: string, operation: string): string | undefined {
  if (!/^[a-z0-9.-]{2,40}$/.test(service) || !/^[A-Z][A-Za-z0-9]{1,100}$/.test(operation)) return undefined;
  const prefix = IAM_PREFIXES[service] ?? (service.includes('.') ? undefined : service);
  return prefix ? `${prefix}:${operation}` : undefined;
}

/** A log prints `2026-11-23 13:00:00Z` as often as the ISO `T`; the instant is read the one way. */
function epochOrIso(raw: string): string | undefined {
  return readTimestamp(raw.replace(' ', 'T'));
}

/** Reads the facts a block of text carries. Keys appear only when found. */
export function extractFacts(block: string): Facts {
  const facts: Facts = {};

  const principal = PRINCIPAL.exec(block);
  if (principal) {
    facts.principal = principal[0];
    facts.accountId = principal[3];
    const kind = principal[4];
    const path = principal[5]?.slice(1).split('/') ?? [];
    if (kind === 'assumed-role' && path[0]) {
      facts.roleName = path[0];
      facts.roleArn = `arn:${principal[1]}:iam::${principal[3]}:role/${path[0]}`;
    }
    if (kind === 'role' && path.length > 0) {
      facts.roleName = path[path.length - 1];
      facts.roleArn = principal[0];
    }
  }
  const denied = NOT_AUTHORIZED.exec(block);
  if (denied) {
    facts.action = normalizeAction(denied[1]!);
    if (denied[2]) facts.resource = denied[2].replace(/[.,;)]+$/, '');
  } else {
    const listed = NOT_AUTHORIZED_LISTED.exec(block) ?? API_NOT_AUTHORIZED.exec(block);
    if (listed) facts.action = normalizeAction(listed[1]!);
  }
  const denial = DENIAL.exec(block);
  if (denial) {
    facts.denial = denial[1] ? 'explicit' : 'implicit';
    const policy = denial[2] ?? denial[3];
    if (policy) facts.denyingPolicy = policy;
  }

  const host = endpointHostIn(block);
  if (host) {
    facts.endpoint = host[1];
    const service = serviceFromHost(host[1]!);
    if (service) facts.service = service;
  }
  const region = REGION.exec(block);
  if (region) facts.region = region[1];

  const requestId = REQUEST_ID.exec(block) ?? REQUEST_ID_XML.exec(block);
  if (requestId) facts.requestId = requestId[1];
  const status = HTTP_STATUS.exec(block);
  if (status) facts.httpStatus = Number.parseInt(status[1]!, 10);
  const jsAttempts = RETRIES_JS.exec(block);
  if (jsAttempts) facts.retries = Math.max(0, Number.parseInt(jsAttempts[1]!, 10) - 1);
  const pyRetries = RETRIES_PY.exec(block);
  if (pyRetries) facts.retries = Number.parseInt(pyRetries[1]!, 10);

  const keyed = PRODUCT_CODE.exec(block);
  const product =
    keyed && !isCodeName(keyed[2]!, keyed[1] !== '') ? keyed[2] : keyed ? undefined : PRODUCT_CODE_CLI.exec(block)?.[1];
  if (product) facts.productCode = product;
  const dimension = DIMENSION.exec(block) ?? DIMENSION_PROSE.exec(block);
  if (dimension) facts.dimension = dimension[1];
  const customer = CUSTOMER_ID.exec(block);
  if (customer) facts.customerIdentifier = customer[1];
  const account = CUSTOMER_ACCOUNT.exec(block);
  if (account) facts.customerAwsAccountId = account[1];
  const license = LICENSE_ARN.exec(block);
  if (license) facts.licenseArn = license[0];

  const ts = TIMESTAMP_FIELD.exec(block);
  const tsValue = ts ? epochOrIso(ts[1]!) : undefined;
  if (tsValue) facts.timestamp = tsValue;
  else {
    const py = PY_DATETIME.exec(block);
    if (py) {
      const [y, mo, d, h, mi, s] = py.slice(1).map((v) => Number.parseInt(v ?? '0', 10));
      facts.timestamp = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)).toISOString();
    }
  }
  return facts;
}
