import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Access denials, throttles and server errors in each SDK's and tool's own layout. The texts are
 * built from the message formats in the SDKs' sources (botocore ClientError, Go v1 awserr and v2
 * smithy OperationError / ResponseError / ratelimit.QuotaExceededError, JS v2 and v3 error objects,
 * Java v1 AmazonServiceException and v2 AwsServiceException tails, .NET exception heads, Rust's
 * SdkError debug print) and from IAM's, STS's, EC2's, SNS's, KMS's and Bedrock's denial messages;
 * none is taken from the held-out set.
 */
type Row = [label: string, text: string, entry: string, facts: Record<string, string>];

const catalog = realCatalog();
const read = (text: string) => diagnose(text, catalog, { now: NOW });

function expectOneFinding(text: string, entry: string, facts: Record<string, string>): void {
  const { findings } = read(text);
  expect(findings.map((f) => f.entry.id)).toEqual([entry]);
  for (const [key, value] of Object.entries(facts))
    expect((findings[0]!.facts as Record<string, unknown>)[key], key).toBe(value);
}

const denials: Row[] = [
  [
    "CloudFormation's stack event relaying EC2's UnauthorizedOperation after the API action",
    '14:02:11 UTC CREATE_FAILED AWS::EC2::SecurityGroup MeterWorkerSG API: ec2:CreateSecurityGroup You are not authorized to perform this operation.',
    'access-denied-generic',
    { action: 'ec2:CreateSecurityGroup' },
  ],
  [
    "a tool's summary naming the call as Go v2 does (service ID: operation - message)",
    "Organizations: ListRoots - You don't have permissions to access this resource.",
    'org-access-denied',
    { service: 'organizations' },
  ],
  [
    'botocore, implicit deny with "because no identity-based policy allows"',
    'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: User: arn:aws:iam::123456789012:user/deploy is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::usage-exports" because no identity-based policy allows the s3:ListBucket action',
    'access-denied-generic',
    { action: 's3:ListBucket' },
  ],
  [
    'STS message alone, no principal and no colon',
    'Not authorized to perform sts:AssumeRole',
    'sts-assume-role-denied',
    { action: 'sts:AssumeRole' },
  ],
  [
    'botocore, AssumeRoleWithWebIdentity is not plain AssumeRole',
    'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    'sts-web-identity-denied',
    { action: 'sts:AssumeRoleWithWebIdentity' },
  ],
  [
    'botocore, AssumeRoleWithSAML is not plain AssumeRole',
    'An error occurred (AccessDenied) when calling the AssumeRoleWithSAML operation: Not authorized to perform sts:AssumeRoleWithSAML',
    'sts-saml-denied',
    { action: 'sts:AssumeRoleWithSAML' },
  ],
  [
    'Go v2, web identity',
    'operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: 6a1f2e3d-4c5b-4a69-8877-665544332211, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    'sts-web-identity-denied',
    { action: 'sts:AssumeRoleWithWebIdentity' },
  ],
  [
    'IAM wording for web identity with no code around it',
    'User: arn:aws:sts::123456789012:assumed-role/gh-deploy/GitHubActions is not authorized to perform: sts:AssumeRoleWithWebIdentity on resource: arn:aws:iam::123456789012:role/gh-deploy',
    'sts-web-identity-denied',
    { action: 'sts:AssumeRoleWithWebIdentity' },
  ],
  [
    'Go v1, awserr head and status line',
    'AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/metering-writer\n\tstatus code: 403, request id: 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    'sts-assume-role-denied',
    { action: 'sts:AssumeRole' },
  ],
  [
    'botocore, a session-tag permission refused on AssumeRole: the role assumption, with the tag action named',
    'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::123456789012:assumed-role/ci-runner/build is not authorized to perform: sts:TagSession on resource: arn:aws:iam::123456789012:role/deployer',
    'sts-assume-role-denied',
    { action: 'sts:TagSession' },
  ],
  [
    'botocore, explicit deny in a VPC endpoint policy',
    'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::123456789012:assumed-role/exporter/i-0abc is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::usage-exports/a.json" with an explicit deny in a VPC endpoint policy',
    'permissions-explicit-deny',
    { action: 's3:PutObject' },
  ],
  [
    'JS v3 name line, explicit deny in a session policy',
    'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/meter-task/ab12 is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/usage with an explicit deny in a session policy',
    'permissions-explicit-deny',
    { action: 'dynamodb:PutItem' },
  ],
  [
    'botocore, explicit deny in a resource-based (key) policy',
    'An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:sts::123456789012:assumed-role/reader/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab with an explicit deny in a resource-based policy',
    'permissions-explicit-deny',
    { action: 'kms:Decrypt' },
  ],
  [
    'botocore, KMS key policy allowing nothing',
    'An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:sts::123456789012:assumed-role/reader/s is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab because no resource-based policy allows the kms:Decrypt action',
    'access-denied-generic',
    { action: 'kms:Decrypt' },
  ],
  [
    'botocore, EC2 UnauthorizedOperation with the action and an encoded message',
    'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: Qk9H3vL0mPz2aB4cD6eF8gH1iJ3kL5mN7oP9qRsT',
    'access-denied-generic',
    { action: 'ec2:RunInstances' },
  ],
  [
    'Go v1, EC2 UnauthorizedOperation without an action',
    'UnauthorizedOperation: You are not authorized to perform this operation.\n\tstatus code: 403, request id: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\ncaused by: DescribeInstances',
    'access-denied-generic',
    {},
  ],
  [
    'botocore, SNS AuthorizationError with its capitalised SNS: prefix',
    'An error occurred (AuthorizationError) when calling the Publish operation: User: arn:aws:sts::123456789012:assumed-role/alerts/x is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:123456789012:metering-alerts because no identity-based policy allows the SNS:Publish action',
    'access-denied-generic',
    { action: 'sns:Publish' },
  ],
  [
    'botocore, S3 HEAD refused with no body',
    'An error occurred (403) when calling the HeadObject operation: Forbidden',
    'access-denied-generic',
    { service: 's3' },
  ],
  [
    'Go v2, S3 HEAD refused (HostID before the code)',
    'operation error S3: HeadObject, https response error StatusCode: 403, RequestID: 8Q7W6E5R4T3Y2U1I, HostID: abcdEFGHijklMNOPqrstUVWXyz0123456789=, api error Forbidden: Forbidden',
    'access-denied-generic',
    { service: 's3' },
  ],
  [
    'JS v3, S3 HEAD refused with no body',
    '403: UnknownError\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n    at de_HeadObjectCommandError (/srv/app/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:4712:14)',
    'access-denied-generic',
    {},
  ],
  [
    'botocore, KMS key not usable by the caller',
    'An error occurred (AccessDeniedException) when calling the Decrypt operation: The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    'access-denied-generic',
    {},
  ],
  [
    'botocore, Cost Explorer',
    'An error occurred (AccessDeniedException) when calling the GetCostAndUsage operation: User: arn:aws:iam::123456789012:user/finance is not authorized to perform: ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:123456789012:/GetCostAndUsage',
    'ce-access-denied',
    { action: 'ce:GetCostAndUsage' },
  ],
  [
    'botocore, Organizations (action derived from the operation)',
    "An error occurred (AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.",
    'org-access-denied',
    { action: 'organizations:ListAccounts' },
  ],
  [
    'Go v2, Organizations (action derived from the operation)',
    "operation error Organizations: DescribeOrganization, https response error StatusCode: 400, RequestID: 5d4c3b2a-1908-4776-a655-443322110099, api error AccessDeniedException: You don't have permissions to access this resource.",
    'org-access-denied',
    { action: 'organizations:DescribeOrganization' },
  ],
  [
    'Java v1, S3 Access Denied',
    'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 8Q7W6E5R4T3Y2U1I; S3 Extended Request ID: abcdEFGHijkl=), S3 Extended Request ID: abcdEFGHijkl=',
    'access-denied-generic',
    { service: 's3' },
  ],
  [
    'Java v2, StsException',
    'software.amazon.awssdk.services.sts.model.StsException: User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/metering (Service: Sts, Status Code: 403, Request ID: 3e2d1c0b-9a8f-4e7d-6c5b-4a3928170f6e)',
    'sts-assume-role-denied',
    { action: 'sts:AssumeRole' },
  ],
  [
    'Hadoop S3A wrapping a Java v1 S3 denial',
    'java.nio.file.AccessDeniedException: s3a://usage-exports/2026/12/01.csv: getFileStatus on s3a://usage-exports/2026/12/01.csv: com.amazonaws.services.s3.model.AmazonS3Exception: User: arn:aws:sts::123456789012:assumed-role/emr/i-0 is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::usage-exports/2026/12/01.csv" because no identity-based policy allows the s3:GetObject action (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 8Q7W6E5R4T3Y2U1I)',
    'access-denied-generic',
    { action: 's3:GetObject' },
  ],
  [
    'Hadoop S3A with the bodiless 403 of a HEAD',
    'java.nio.file.AccessDeniedException: s3a://usage-exports/data: getFileStatus on s3a://usage-exports/data: com.amazonaws.services.s3.model.AmazonS3Exception: Forbidden (Service: Amazon S3; Status Code: 403; Error Code: 403 Forbidden; Request ID: 8Q7W6E5R4T3Y2U1I; S3 Extended Request ID: abc=), S3 Extended Request ID: abc=:403 Forbidden',
    'access-denied-generic',
    { service: 's3' },
  ],
  [
    '.NET, AmazonSecurityTokenServiceException',
    "Amazon.SecurityToken.AmazonSecurityTokenServiceException: User: arn:aws:iam::123456789012:user/svc is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/metering\n ---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type 'Amazon.Runtime.Internal.HttpErrorResponseException' was thrown.",
    'sts-assume-role-denied',
    { action: 'sts:AssumeRole' },
  ],
  [
    'Rust, ServiceError debug print',
    'Error: ServiceError(ServiceError { source: AccessDeniedException(AccessDeniedException { message: Some("User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/usage because no identity-based policy allows the dynamodb:GetItem action"), meta: ErrorMetadata { code: Some("AccessDeniedException"), message: Some("User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/usage because no identity-based policy allows the dynamodb:GetItem action"), extras: Some({"aws_request_id": "ABCD"}) } }), raw: Response { status: StatusCode(400) } })',
    'access-denied-generic',
    { action: 'dynamodb:GetItem' },
  ],
  [
    'Terraform frame around a Go v2 IAM denial',
    '\u2502 Error: creating IAM Role (meter-task): operation error IAM: CreateRole, https response error StatusCode: 403, RequestID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, api error AccessDenied: User: arn:aws:iam::123456789012:user/terraform is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/meter-task because no identity-based policy allows the iam:CreateRole action\n\u2502 \n\u2502   with aws_iam_role.meter_task,\n\u2502   on main.tf line 12, in resource "aws_iam_role" "meter_task":',
    'access-denied-generic',
    { action: 'iam:CreateRole' },
  ],
  [
    'CDK/CloudFormation resource event',
    'MeterStack | 3/7 | 10:02:11 AM | CREATE_FAILED        | AWS::Lambda::Function | MeterFn (MeterFn1A2B3C) Resource handler returned message: "User: arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-cfn-exec-role-123456789012-us-east-1/AWSCloudFormation is not authorized to perform: lambda:CreateFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:meter because no identity-based policy allows the lambda:CreateFunction action (Service: Lambda, Status Code: 403, Request ID: 0f1e2d3c-4b5a-4968-8776-655443322110)" (RequestToken: 1a2b3c4d-0000-1111-2222-333344445555, HandlerErrorCode: AccessDenied)',
    'access-denied-generic',
    { action: 'lambda:CreateFunction' },
  ],
  [
    'Bedrock: the Marketplace buyer actions listed in brackets are not metering',
    'An error occurred (AccessDeniedException) when calling the InvokeModel operation: Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 15 minutes.',
    'access-denied-generic',
    { action: 'aws-marketplace:ViewSubscriptions' },
  ],
  [
    'Bedrock buyer action in IAM wording is not metering',
    'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/bedrock-app/s is not authorized to perform: aws-marketplace:Subscribe on resource: * because no identity-based policy allows the aws-marketplace:Subscribe action',
    'access-denied-generic',
    { action: 'aws-marketplace:Subscribe' },
  ],
  [
    'JS v3 name line, metering action',
    'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/meter-task/s is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action',
    'metering-access-denied',
    { action: 'aws-marketplace:BatchMeterUsage' },
  ],
  [
    'Java v1 metering exception, explicit deny in an SCP',
    'com.amazonaws.services.marketplacemetering.model.AWSMarketplaceMeteringException: User: arn:aws:sts::123456789012:assumed-role/meter-task/s is not authorized to perform: aws-marketplace:MeterUsage with an explicit deny in a service control policy (Service: AWSMarketplaceMetering; Status Code: 400; Error Code: AccessDeniedException; Request ID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d)',
    'metering-access-denied',
    { action: 'aws-marketplace:MeterUsage' },
  ],
  [
    'JS v3 name line, entitlement action',
    'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: aws-marketplace:GetEntitlements because no identity-based policy allows the aws-marketplace:GetEntitlements action',
    'entitlement-access-denied',
    { action: 'aws-marketplace:GetEntitlements' },
  ],
  [
    'Marketplace Catalog action is not metering',
    'An error occurred (AccessDeniedException) when calling the ListEntities operation: User: arn:aws:iam::123456789012:user/seller is not authorized to perform: aws-marketplace:ListEntities on resource: arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Entity/* because no identity-based policy allows the aws-marketplace:ListEntities action',
    'access-denied-generic',
    { action: 'aws-marketplace:ListEntities' },
  ],
  [
    'docker push output quoting ECR',
    'denied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/meter-agent because no identity-based policy allows the ecr:InitiateLayerUpload action',
    'access-denied-generic',
    { action: 'ecr:InitiateLayerUpload' },
  ],
  [
    'JS v3 console.error dump',
    "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/key because no identity-based policy allows the secretsmanager:GetSecretValue action\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n    at de_GetSecretValueCommandError (/srv/app/node_modules/@aws-sdk/client-secrets-manager/dist-cjs/index.js:1121:14) {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 400,\n    requestId: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',\n    extendedRequestId: undefined,\n    cfId: undefined,\n    attempts: 1,\n    totalRetryDelay: 0\n  },\n  __type: 'AccessDeniedException'\n}",
    'access-denied-generic',
    { action: 'secretsmanager:GetSecretValue' },
  ],
  [
    'IAM wording alone (Lambda log)',
    'User: arn:aws:sts::123456789012:assumed-role/lambda-role/meter-fn is not authorized to perform: logs:CreateLogStream on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/meter-fn:log-stream:x',
    'access-denied-generic',
    { action: 'logs:CreateLogStream' },
  ],
  [
    'botocore, EC2 explicit deny in an SCP with an encoded message',
    'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:eu-west-3:123456789012:instance/* with an explicit deny in a service control policy. Encoded authorization failure message: Qk9H3vL0mPz2aB4cD6eF8gH1iJ3kL5mN7oP9qRsT',
    'permissions-explicit-deny',
    { action: 'ec2:RunInstances' },
  ],
  [
    'Ruby, lowercase action name kept as printed',
    'Aws::SQS::Errors::AccessDenied: User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:123456789012:usage-queue because no identity-based policy allows the sqs:sendmessage action',
    'access-denied-generic',
    { action: 'sqs:sendmessage' },
  ],
  [
    'Lambda Python log line and traceback',
    '[ERROR] ClientError: An error occurred (AccessDeniedException) when calling the GetParameter operation: User: arn:aws:sts::123456789012:assumed-role/fn-role/fn is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/meter/code because no identity-based policy allows the ssm:GetParameter action\nTraceback (most recent call last):\n  File "/var/task/app.py", line 12, in handler',
    'access-denied-generic',
    { action: 'ssm:GetParameter' },
  ],
  [
    'botocore, Cost Explorer for a linked account',
    "An error occurred (AccessDeniedException) when calling the GetCostAndUsage operation: Linked account doesn't have access to cost explorer. Please contact your payer account.",
    'ce-not-enabled',
    {},
  ],
  // A denial retyped in an issue or PR with the action and ARNs in Markdown inline code: the backticks
  // are the writer's, the service printed none.
  [
    'STS denial of sts:TagSession retyped with inline code (the CDK toolkit assuming a bootstrap role)',
    'Could not assume role in target account using current credentials (which are for account 111122223333) User: `arn:aws:sts::111122223333:assumed-role/ci-runner/1700000000` is not authorized to perform: `sts:TagSession` on resource: `arn:aws:iam::444455556666:role/cdk-hnb659fds-deploy-role-444455556666-eu-west-1`',
    'sts-assume-role-denied',
    {
      action: 'sts:TagSession',
      resource: 'arn:aws:iam::444455556666:role/cdk-hnb659fds-deploy-role-444455556666-eu-west-1',
    },
  ],
  [
    'IAM denial of an S3 action retyped with inline code',
    'User: `arn:aws:iam::123456789012:user/deploy` is not authorized to perform: `s3:ListBucket` on resource: `arn:aws:s3:::usage-exports`',
    'access-denied-generic',
    { action: 's3:ListBucket', resource: 'arn:aws:s3:::usage-exports' },
  ],
];

const throttlesAndServerErrors: Row[] = [
  [
    'botocore, CloudFormation Throttling',
    'An error occurred (Throttling) when calling the DescribeStacks operation (reached max retries: 4): Rate exceeded',
    'aws-throttling',
    { service: 'cloudformation' },
  ],
  [
    'botocore, EC2 RequestLimitExceeded',
    'An error occurred (RequestLimitExceeded) when calling the DescribeInstances operation (reached max retries: 4): Request limit exceeded.',
    'aws-throttling',
    { service: 'ec2' },
  ],
  [
    'botocore, DynamoDB provisioned throughput',
    'An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    'aws-throttling',
    { service: 'dynamodb' },
  ],
  [
    'botocore, S3 SlowDown',
    'An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.',
    'aws-throttling',
    { service: 's3' },
  ],
  [
    'botocore, Lambda Invoke TooManyRequestsException',
    'An error occurred (TooManyRequestsException) when calling the Invoke operation (reached max retries: 4): Rate Exceeded.',
    'aws-throttling',
    { service: 'lambda' },
  ],
  [
    'botocore, S3 HEAD 503 with no body',
    'An error occurred (503) when calling the HeadObject operation (reached max retries: 4): Service Unavailable',
    'aws-server-error',
    { service: 's3' },
  ],
  [
    'botocore, CloudWatch InternalFailure',
    'An error occurred (InternalFailure) when calling the PutMetricData operation (reached max retries: 4): An internal error occurred.',
    'aws-server-error',
    { service: 'monitoring' },
  ],
  [
    'botocore, EC2 ServiceUnavailable',
    'An error occurred (ServiceUnavailable) when calling the DescribeInstances operation (reached max retries: 4): Service Unavailable',
    'aws-server-error',
    { service: 'ec2' },
  ],
  [
    'botocore, S3 InternalError',
    'An error occurred (InternalError) when calling the PutObject operation (reached max retries: 4): We encountered an internal error. Please try again.',
    'aws-server-error',
    { service: 's3' },
  ],
  [
    'Go v2, retry quota (token bucket) spent',
    'operation error DynamoDB: Query, failed to get rate limit token, retry quota exceeded, 0 available, 5 requested',
    'aws-throttling',
    { service: 'dynamodb' },
  ],
  [
    'Go v2, max attempts on SQS',
    'operation error SQS: SendMessage, exceeded maximum number of attempts, 3, https response error StatusCode: 400, RequestID: 3c2b1a09-8f7e-4d6c-b5a4-392817160504, api error ThrottlingException: Rate exceeded',
    'aws-throttling',
    { service: 'sqs' },
  ],
  [
    'JS v2, no service named',
    'ThrottlingException: Rate exceeded\n    at Request.extractError (/srv/app/node_modules/aws-sdk/lib/protocol/json.js:52:27)\n    at Request.callListeners (/srv/app/node_modules/aws-sdk/lib/sequential_executor.js:106:20)',
    'aws-throttling',
    {},
  ],
  [
    'JS v3 console.error dump, Kinesis',
    "ProvisionedThroughputExceededException: Rate exceeded for shard shardId-000000000001 in stream usage-events under account 123456789012.\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n    at de_PutRecordsCommandError (/srv/app/node_modules/@aws-sdk/client-kinesis/dist-cjs/index.js:2112:14) {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 400,\n    requestId: 'e1d2c3b4-a5f6-4789-8a9b-0c1d2e3f4a5b',\n    attempts: 3,\n    totalRetryDelay: 412\n  },\n  __type: 'ProvisionedThroughputExceededException'\n}",
    'aws-throttling',
    { service: 'kinesis' },
  ],
  [
    'Java v1, DynamoDB',
    'com.amazonaws.services.dynamodbv2.model.ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API. (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ProvisionedThroughputExceededException; Request ID: ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCD)',
    'aws-throttling',
    { service: 'dynamodb' },
  ],
  [
    'Java v2, Kinesis',
    'software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException: Rate exceeded for shard shardId-000000000001 in stream usage-events under account 123456789012. (Service: Kinesis, Status Code: 400, Request ID: e1d2c3b4-a5f6-4789-8a9b-0c1d2e3f4a5b)',
    'aws-throttling',
    { service: 'kinesis' },
  ],
  [
    'Go v1, no service named',
    'ThrottlingException: Rate exceeded\n\tstatus code: 400, request id: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918',
    'aws-throttling',
    {},
  ],
  [
    "Go v1, RequestLimitExceeded is EC2's code",
    'RequestLimitExceeded: Request limit exceeded.\n\tstatus code: 503, request id: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918',
    'aws-throttling',
    { service: 'ec2' },
  ],
  [
    '.NET, CloudWatch Logs',
    "Amazon.CloudWatchLogs.Model.ThrottlingException: Rate exceeded\n ---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type 'Amazon.Runtime.Internal.HttpErrorResponseException' was thrown.",
    'aws-throttling',
    { service: 'logs' },
  ],
  [
    'Rust, ServiceError debug print, no service named',
    'Error: ServiceError(ServiceError { source: ThrottlingException(ThrottlingException { message: Some("Rate exceeded"), meta: ErrorMetadata { code: Some("ThrottlingException"), message: Some("Rate exceeded"), extras: Some({"aws_request_id": "7f6e5d4c"}) } }), raw: Response { status: StatusCode(400) } })',
    'aws-throttling',
    {},
  ],
  [
    'Terraform frame around a Go v1 error',
    '\u2502 Error: waiting for CloudFormation Stack (meter-stack) create: ThrottlingException: Rate exceeded\n\u2502 \tstatus code: 400, request id: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918',
    'aws-throttling',
    {},
  ],
  [
    "S3 XML error body, SlowDown is S3's code",
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>abc=</HostId></Error>',
    'aws-throttling',
    { service: 's3' },
  ],
  [
    'JS v3 name line, no service named',
    'ServiceUnavailableException: Service Unavailable\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    'aws-server-error',
    {},
  ],
  [
    'Go v2, DynamoDB 500',
    'operation error DynamoDB: PutItem, exceeded maximum number of attempts, 3, https response error StatusCode: 500, RequestID: ABC, api error InternalServerError: Internal server error',
    'aws-server-error',
    { service: 'dynamodb' },
  ],
  [
    'AWS CLI stderr, SSM',
    'aws: [ERROR]: An error occurred (ThrottlingException) when calling the GetParameters operation (reached max retries: 2): Rate exceeded',
    'aws-throttling',
    { service: 'ssm' },
  ],
  [
    'botocore, the metering operation keeps the metering entry',
    'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded',
    'metering-throttling',
    { service: 'metering.marketplace' },
  ],
  [
    'Go v2, the metering service keeps the metering entry',
    'operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 400, RequestID: 3c2b, api error ThrottlingException: Rate exceeded',
    'metering-throttling',
    { service: 'metering.marketplace' },
  ],
  ['Ruby, SNS', 'Aws::SNS::Errors::Throttling: Rate exceeded', 'aws-throttling', { service: 'sns' }],
  [
    'Java v2, a throttle the SDK does not model',
    'software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException: Rate exceeded (Service: SecretsManager, Status Code: 400, Request ID: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918)',
    'aws-throttling',
    { service: 'secretsmanager' },
  ],
  [
    'Java v1, Lambda 429',
    'com.amazonaws.services.lambda.model.TooManyRequestsException: Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: 7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918; Proxy: null)',
    'aws-throttling',
    { service: 'lambda' },
  ],
  [
    'botocore, Bedrock message wording, no service named',
    'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the ListFoundationModels operation (reached max retries: 4): Too many requests, please wait before trying again.',
    'aws-throttling',
    {},
  ],
  [
    'botocore, SQS InternalError',
    'An error occurred (InternalError) when calling the SendMessage operation (reached max retries: 4): We encountered an internal error. Please try again.',
    'aws-server-error',
    { service: 'sqs' },
  ],
  [
    'botocore, STS ServiceUnavailable',
    'An error occurred (ServiceUnavailable) when calling the AssumeRole operation (reached max retries: 4): Service is unavailable. Please try again later.',
    'aws-server-error',
    { service: 'sts' },
  ],
  [
    'botocore, STS keeps its own throttling entry',
    'An error occurred (Throttling) when calling the AssumeRole operation (reached max retries: 4): Rate exceeded',
    'sts-throttling',
    { service: 'sts' },
  ],
];

describe('access denials in every wording name the denied action and the right entry', () => {
  it.each(denials)('%s', (_label, text, entry, facts) => expectOneFinding(text, entry, facts));

  it('an AssumeRoleWithWebIdentity or AssumeRoleWithSAML denial is never answered as plain AssumeRole', () => {
    for (const action of ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']) {
      const ids = read(`AccessDenied: Not authorized to perform sts:${action}`).findings.flatMap((f) => [
        f.entry.id,
        ...f.alternatives.map((a) => a.id),
      ]);
      expect(ids).not.toContain('sts-assume-role-denied');
    }
  });
});

describe('throttles and server errors of other services get the generic entries, with the service named', () => {
  it.each(throttlesAndServerErrors)('%s', (_label, text, entry, facts) => expectOneFinding(text, entry, facts));

  it('a throttle that names no service says so: no service fact, and it is only a possible match', () => {
    const [finding] = read('ThrottlingException: Rate exceeded\n\tstatus code: 400, request id: 7f6e5d4c').findings;
    expect(finding?.entry.id).toBe('aws-throttling');
    expect(finding?.facts.service).toBeUndefined();
    expect(finding!.confidence).toBeLessThan(0.85);
  });
});

describe('near misses', () => {
  it('a Go v1 S3 HEAD refusal with no service named is an error MeterDoc does not claim', () => {
    const d = read(
      'Forbidden: Forbidden\n\tstatus code: 403, request id: 8Q7W6E5R4T3Y2U1I, host id: abcdEFGHijklMNOPqrstUVWXyz0123456789=',
    );
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
  });

  it("a web API's own Forbidden is not an AWS access denial", () => {
    const d = read(
      '{"error": {"code": "Forbidden", "message": "The client does not have permission to access this resource."}}',
    );
    expect(d.findings.map((f) => f.entry.id)).not.toContain('access-denied-generic');
  });

  it('talk about rate limits is not an error', () => {
    const d = read('We were getting rate exceeded errors yesterday, should we add backoff?');
    expect(d.findings).toEqual([]);
  });

  it('a Marketplace action that is not a metering one is never the metering denial', () => {
    for (const action of [
      'aws-marketplace:Subscribe',
      'aws-marketplace:ViewSubscriptions',
      'aws-marketplace:ListEntities',
    ]) {
      const d = read(
        `AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      );
      const ids = d.findings.flatMap((f) => [f.entry.id, ...f.alternatives.map((a) => a.id)]);
      expect(ids).not.toContain('metering-access-denied');
      expect(d.findings[0]?.facts.service).not.toBe('metering.marketplace');
    }
  });
});

describe('one printed error, one finding, whatever logger printed it', () => {
  const stack = [
    'ThrottlingException: Rate exceeded',
    '    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
    '    at de_BatchMeterUsageCommandError (/srv/app/node_modules/@aws-sdk/client-marketplace-metering/dist-cjs/index.js:512:14)',
  ].join('\n');

  it.each([
    [
      "NestJS Logger.error(message, stack): the context line, then the error's stack",
      `[Nest] 4127  - 12/07/2026, 10:02:11 AM   ERROR [MeteringService] BatchMeterUsage failed: Rate exceeded\n${stack}`,
    ],
    [
      'NestJS logging the error object itself: the name in the context line and in the stack',
      `[Nest] 4127  - 12/07/2026, 10:02:11 AM   ERROR [MeteringService] ThrottlingException: Rate exceeded\n[Nest] 4127  - 12/07/2026, 10:02:11 AM   ERROR [MeteringService] ${stack}`,
    ],
    [
      "Winston's simple format with the error's stack and inspected fields",
      `2026-12-07T10:02:11.412Z error: [usage-reporter] BatchMeterUsage failed ThrottlingException: Rate exceeded\n${stack} {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 400, attempts: 3, totalRetryDelay: 389 },\n  __type: 'ThrottlingException'\n}`,
    ],
    [
      "Winston's JSON format with the error's fields and stack",
      JSON.stringify({
        level: 'error',
        message: 'BatchMeterUsage failed: Rate exceeded',
        name: 'ThrottlingException',
        stack,
        $metadata: { httpStatusCode: 400, attempts: 3 },
      }),
    ],
  ])('%s', (_label, text) => {
    expect(read(text).findings.map((f) => f.entry.id)).toEqual(['metering-throttling']);
  });
});

describe("a Lambda function's error result is an error", () => {
  it.each([
    [
      'an unhandled exception the catalog does not know',
      '{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'customerIdentifier\')","trace":["TypeError: Cannot read properties of undefined (reading \'customerIdentifier\')","    at Runtime.handler (file:///var/task/index.mjs:14:38)"]}',
    ],
    [
      'the runtime timeout result, which has only errorMessage',
      '{\n  "errorMessage": "2026-12-07T10:02:11.412Z 1c0b9a87-6543-4210-8fed-cba987654321 Task timed out after 30.03 seconds"\n}',
    ],
    [
      'a dotted runtime error type',
      '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: 1c0b9a87 Error: Task timed out after 30.00 seconds"}',
    ],
    [
      'an API Gateway proxy result with status 500',
      '{"statusCode": 500, "headers": {"Content-Type": "application/json"}, "body": "{\\"message\\": \\"Internal server error\\"}"}',
    ],
  ])('%s: recognised, listed as unknown', (_label, text) => {
    const d = read(text);
    expect(d.isError).toBe(true);
    expect(d.findings).toEqual([]);
    expect(d.unmatched.length).toBeGreaterThan(0);
  });

  it('a result naming a catalog error gets that entry', () => {
    const d = read(
      '{"errorType":"ThrottlingException","errorMessage":"Rate exceeded","$metadata":{"httpStatusCode":400,"attempts":3},"trace":["ThrottlingException: Rate exceeded","    at de_BatchMeterUsageCommandError (/var/runtime/node_modules/@aws-sdk/client-marketplace-metering/dist-cjs/index.js:512:14)"]}',
    );
    expect(d.findings.map((f) => f.entry.id)).toEqual(['metering-throttling']);
  });

  it('a successful result mentioned in a sentence is not an error', () => {
    expect(read('The handler returns {"statusCode": 200, "body": "ok"} when everything worked.').isError).toBe(false);
  });
});

describe('confidence of an uncontested answer', () => {
  it("one phrase of an entry's own wording, nothing else competing: a possible match at 0.8, not a high one", () => {
    const [finding] = read(
      'Unable to locate credentials. You can configure credentials by running "aws configure".',
    ).findings;
    expect(finding?.confidence).toBe(0.8);
  });

  it("wording past the cap on phrases still counts: EC2's and IAM's denial wordings, then a permissions boundary (Go v2)", () => {
    const [finding] = read(
      'operation error EC2: RunInstances, https response error StatusCode: 403, RequestID: 1a2b3c4d-0000-4000-8000-000000000001, api error UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* because no permissions boundary allows the ec2:RunInstances action.',
    ).findings;
    // The generic denial entry shares two of those wordings and ties on the capped score; it is no rival.
    expect(finding?.entry.id).toBe('permissions-explicit-deny');
    expect(finding!.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('a contested answer keeps its lower confidence: the bare throttle that names no service', () => {
    const [finding] = read('ThrottlingException: Rate exceeded\n\tstatus code: 400, request id: 7f6e5d4c').findings;
    expect(finding!.confidence).toBeLessThan(0.8);
  });
});
