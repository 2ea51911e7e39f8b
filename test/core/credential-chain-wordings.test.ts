import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Credential-chain, token and signature failures in the wording each SDK and tool prints, built from
 * the message formats in their source (botocore exceptions.py/credentials.py/tokens.py, the JS v3
 * @aws-sdk/credential-provider-* and @smithy/credential-provider-imds packages, aws-sdk-go and
 * aws-sdk-go-v2 credentials/config/ssocreds, the Java v1/v2, .NET, Ruby, PHP and Rust SDKs'
 * providers, Terraform, Pulumi, the CDK toolkit and the Serverless Framework), wrapped the way people
 * paste them (a traceback, an uncaught exception with its stack head, a log line, CLI stderr).
 * Profile names, account IDs, paths and request IDs are made up; none is taken from the held-out set.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

/** [expected entry, what prints it, the pasted text] */
const valid: Array<[string, string, string]> = [
  // ---- botocore / boto3 / CLI
  [
    'credentials-not-found',
    'botocore NoCredentialsError traceback',
    `Traceback (most recent call last):
  File "/opt/meter/send.py", line 41, in <module>
    client.meter_usage(ProductCode=code, Timestamp=now, UsageDimension="users", UsageQuantity=3)
  File "/usr/lib/python3/dist-packages/botocore/auth.py", line 418, in add_auth
    raise NoCredentialsError()
botocore.exceptions.NoCredentialsError: Unable to locate credentials`,
  ],
  [
    'credentials-not-found',
    'botocore ProfileNotFound',
    `botocore.exceptions.ProfileNotFound: The config profile (metering-prod) could not be found`,
  ],
  [
    'credentials-not-found',
    'CLI v2 ProfileNotFound',
    `$ aws sts get-caller-identity --profile metering

The config profile (metering) could not be found`,
  ],
  [
    'credentials-not-found',
    'CLI no creds',
    `Unable to locate credentials. You can configure credentials by running "aws configure".`,
  ],
  [
    'credentials-partial',
    'botocore PartialCredentialsError',
    `botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY`,
  ],
  [
    'credentials-partial',
    'botocore assume role partial',
    `botocore.exceptions.PartialCredentialsError: Partial credentials found in assume-role, missing: source_profile or credential_source`,
  ],
  [
    'credentials-not-found',
    'botocore source profile missing',
    `botocore.exceptions.InvalidConfigError: The source_profile "base" referenced in the profile "metering" does not exist.`,
  ],
  [
    'credentials-not-found',
    'botocore source profile must have credentials',
    `botocore.exceptions.InvalidConfigError: The source profile "base" must have credentials.`,
  ],
  [
    'credentials-not-found',
    'botocore SSO missing config',
    `botocore.exceptions.InvalidConfigError: The profile "sso-dev" is configured to use SSO but is missing required configuration: sso_start_url, sso_region`,
  ],
  [
    'credentials-not-found',
    'botocore sso-session missing',
    `botocore.exceptions.InvalidConfigError: The specified sso-session does not exist: "corp"`,
  ],
  [
    'credentials-not-found',
    'botocore web identity without role arn',
    `botocore.exceptions.InvalidConfigError: The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.`,
  ],
  [
    'credentials-sso-expired',
    'botocore UnauthorizedSSOTokenError',
    `botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.`,
  ],
  [
    'credentials-sso-expired',
    'botocore SSOTokenLoadError',
    `botocore.exceptions.SSOTokenLoadError: Error loading SSO Token: Token for https://my-sso-portal.awsapps.com/start does not exist`,
  ],
  [
    'credentials-sso-expired',
    'botocore TokenRetrievalError',
    `botocore.exceptions.TokenRetrievalError: Error when retrieving token from sso: Token has expired and refresh failed`,
  ],
  [
    'credentials-refresh-failed',
    'botocore CredentialRetrievalError process',
    `botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from custom-process: Missing required key in response: 'SecretAccessKey'`,
  ],
  [
    'credentials-imds-unavailable',
    'botocore MetadataRetrievalError',
    `botocore.exceptions.MetadataRetrievalError: Error retrieving metadata: Received non 200 response 401 from IMDS.`,
  ],
  [
    'credentials-not-found',
    'botocore credential_source empty',
    `botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from Ec2InstanceMetadata: No credentials found in credential_source referenced in profile metering`,
  ],
  // ---- JS v3
  [
    'credentials-not-found',
    'JS v3 chain exhausted',
    `CredentialsProviderError: Could not load credentials from any providers
    at /app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:132:13
    at async coalesceProvider (/app/node_modules/@smithy/property-provider/dist-cjs/index.js:109:18) {
  tryNextLink: false,
  '$metadata': { attempts: 1, totalRetryDelay: 0 }
}`,
  ],
  [
    'credentials-not-found',
    'JS v3 profile not found',
    `CredentialsProviderError: Could not resolve credentials using profile: [metering] in configuration/credentials file(s).
    at resolveProfileData (/app/node_modules/@aws-sdk/credential-provider-ini/dist-cjs/index.js:212:11)`,
  ],
  [
    'credentials-not-found',
    'JS v3 profile not found in shared file',
    `Error: Profile metering could not be found in shared credentials file.
    at /app/node_modules/@aws-sdk/credential-provider-ini/dist-cjs/index.js:101:11`,
  ],
  [
    'credentials-sso-expired',
    'JS v3 SSO expired',
    `CredentialsProviderError: The SSO session associated with this profile has expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.
    at resolveSSOCredentials (/app/node_modules/@aws-sdk/credential-provider-sso/dist-cjs/index.js:84:15)`,
  ],
  [
    'credentials-sso-expired',
    'JS v3 SSO token not found',
    `TokenProviderError: The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.`,
  ],
  [
    'credentials-sso-expired',
    'JS v3 token expired',
    `TokenProviderError: Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.`,
  ],
  [
    'credentials-imds-unavailable',
    'JS v3 IMDS timeout',
    `ProviderError: TimeoutError from instance metadata service
    at /app/node_modules/@smithy/credential-provider-imds/dist-cjs/index.js:250:23`,
  ],
  [
    'credentials-imds-unavailable',
    'JS v3 IMDS disabled',
    `CredentialsProviderError: EC2 Instance Metadata Service access disabled`,
  ],
  [
    'credentials-imds-unavailable',
    'JS v3 container URL invalid',
    `CredentialsProviderError: http://10.0.0.5:8080/creds is not a valid container metadata service URL`,
  ],
  [
    'credentials-imds-unavailable',
    'JS v3 container hostname',
    `CredentialsProviderError: 10.0.0.5 is not a valid container metadata service hostname`,
  ],
  [
    'credentials-not-found',
    'JS v3 web identity token file',
    `CredentialsProviderError: Failed to load token from /var/run/secrets/eks.amazonaws.com/serviceaccount/token: Error: ENOENT: no such file or directory, open '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'`,
  ],
  [
    'credentials-not-found',
    'JS v2 missing creds',
    `CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1
    at Timeout.connectTimeout [as _onTimeout] (/app/node_modules/aws-sdk/lib/http/node.js:69:15)`,
  ],
  [
    'credentials-imds-unavailable',
    'JS v2 EC2 metadata',
    `Error: EC2 Metadata roleName request returned error
    at IncomingMessage.<anonymous> (/app/node_modules/aws-sdk/lib/util.js:935:34)`,
  ],
  // ---- Java
  [
    'credentials-not-found',
    'Java v1 chain',
    `com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables (AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_KEY (or AWS_SECRET_ACCESS_KEY)), SystemPropertiesCredentialsProvider: Unable to load AWS credentials from Java system properties (aws.accessKeyId and aws.secretKey), WebIdentityTokenCredentialsProvider: You must specify a value for roleArn and roleSessionName, com.amazonaws.auth.profile.ProfileCredentialsProvider@6a2f6f80: profile file cannot be null, com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper@2d9d4f9d: Failed to connect to service endpoint: ]
	at com.amazonaws.auth.AWSCredentialsProviderChain.getCredentials(AWSCredentialsProviderChain.java:136)`,
  ],
  [
    'credentials-not-found',
    'Java v2 chain',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key must be specified either via environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., EnvironmentVariableCredentialsProvider(): Unable to load credentials from system settings. Access key must be specified either via environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., WebIdentityTokenCredentialsProvider(): Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE or the javaproperty aws.webIdentityTokenFile must be set., ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])): Profile file contained no credentials for profile 'default': ProfileFile(sections=[]), ContainerCredentialsProvider(): Cannot fetch credentials from container - neither AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI environment variables are set., InstanceProfileCredentialsProvider(): Failed to load credentials from IMDS.]`,
  ],
  [
    'credentials-not-found',
    'Java v2 profile provider alone',
    `software.amazon.awssdk.core.exception.SdkClientException: Profile file contained no credentials for profile 'metering': ProfileFile(profilesAndSectionsMap=[])`,
  ],
  [
    'credentials-imds-unavailable',
    'Java v2 IMDS alone',
    `software.amazon.awssdk.core.exception.SdkClientException: Failed to load credentials from IMDS.
	at software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider.refreshCredentials(InstanceProfileCredentialsProvider.java:159)`,
  ],
  [
    'credentials-imds-unavailable',
    'Java v1 EC2 endpoint',
    `com.amazonaws.SdkClientException: Unable to load credentials from service endpoint
	at com.amazonaws.auth.EC2CredentialsFetcher.handleError(EC2CredentialsFetcher.java:183)`,
  ],
  [
    'credentials-imds-unavailable',
    'Java v2 container',
    `software.amazon.awssdk.core.exception.SdkClientException: Failed to load credentials from metadata service.
	at software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider.refreshCredentials(ContainerCredentialsProvider.java:147)`,
  ],
  [
    'credentials-not-found',
    'Java v2 web identity token file missing',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[WebIdentityTokenCredentialsProvider()]) : [WebIdentityTokenCredentialsProvider(): /var/run/secrets/eks.amazonaws.com/serviceaccount/token (No such file or directory)]`,
  ],
  // ---- Go v1
  [
    'credentials-not-found',
    'Go v1 chain',
    `NoCredentialProviders: no valid providers in chain. Deprecated.
	For verbose messaging see aws.Config.CredentialsChainVerboseErrors`,
  ],
  [
    'credentials-not-found',
    'Go v1 shared config profile',
    `SharedConfigProfileNotExistsError: failed to get profile, metering`,
  ],
  [
    'credentials-not-found',
    'Go v1 SharedCredsLoad',
    `SharedCredsLoad: failed to get profile
caused by: section 'metering' does not exist`,
  ],
  [
    'credentials-not-found',
    'Go v1 EC2RoleRequestError send request',
    `EC2RoleRequestError: no EC2 instance role found
caused by: RequestError: send request failed
caused by: Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  ],
  [
    'credentials-imds-unavailable',
    'Go v1 ECS endpoint',
    `CredentialsEndpointError: failed to load credentials
caused by: RequestError: send request failed
caused by: Get "http://169.254.170.2/v2/credentials/2a6b...": dial tcp 169.254.170.2:80: connect: connection refused`,
  ],
  [
    'credentials-sso-expired',
    'Go v1 SSO',
    `SSOProviderInvalidToken: the SSO session has expired or is invalid
caused by: expired token`,
  ],
  // ---- Go v2
  [
    'credentials-not-found',
    'Go v2 IMDS no role',
    `operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 404, request to EC2 IMDS failed`,
  ],
  [
    'credentials-not-found',
    'Go v2 shared profile',
    `failed to load configuration: failed to get shared config profile, metering`,
  ],
  [
    'credentials-sso-expired',
    'Go v2 SSO token',
    `operation error STS: GetCallerIdentity, get identity: get credentials: failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, https response error StatusCode: 400, RequestID: 5e7a, InvalidGrantException: `,
  ],
  [
    'credentials-sso-expired',
    'Go v2 cached SSO token',
    `operation error S3: ListBuckets, get identity: get credentials: failed to refresh cached credentials, failed to read cached SSO token file, open /home/app/.aws/sso/cache/2b1d.json: no such file or directory`,
  ],
  [
    'credentials-sso-expired',
    'Go v2 sso expired',
    `get credentials: failed to refresh cached credentials, the SSO session has expired or is invalid: expired token`,
  ],
  [
    'sts-web-identity-denied',
    'Go v2 IRSA denied',
    `operation error Marketplace Metering: RegisterUsage, get identity: get credentials: failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: 1f0a2c44-6d1e-4b55-9b3a-2f3c1b7d9e10, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity`,
  ],
  [
    'sts-invalid-identity-token',
    'Go v2 IRSA InvalidIdentityToken',
    `operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 400, RequestID: 3c0e, InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789`,
  ],
  [
    'credentials-imds-unavailable',
    'Go v2 EKS pod identity',
    `operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, failed to load credentials, operation error endpointcreds: GetCredentials, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Get "http://169.254.170.23/v1/credentials": dial tcp 169.254.170.23:80: connect: connection refused`,
  ],
  [
    'credentials-not-found',
    'Go v2 IMDS token hop limit',
    `get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, canceled, context deadline exceeded`,
  ],
  // ---- .NET
  [
    'credentials-not-found',
    '.NET instance profile',
    `Amazon.Runtime.AmazonServiceException: Unable to get IAM security credentials from EC2 Instance Metadata Service.
   at Amazon.Runtime.DefaultInstanceProfileAWSCredentials.FetchCredentials()`,
  ],
  [
    'credentials-not-found',
    '.NET Unable to find credentials',
    `Amazon.Runtime.AmazonServiceException: Unable to find credentials

Exception 1 of 3:
Amazon.Runtime.AmazonClientException: Unable to find the 'default' profile in CredentialProfileStoreChain.`,
  ],
  [
    'credentials-not-found',
    '.NET Failed to resolve',
    `Amazon.Runtime.AmazonClientException: Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:`,
  ],
  [
    'credentials-not-found',
    '.NET profile not found',
    `Amazon.Runtime.AmazonClientException: Unable to find the 'metering' profile in CredentialProfileStoreChain.`,
  ],
  [
    'credentials-imds-unavailable',
    '.NET IMDS',
    `Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.URIBasedRefreshingCredentialHelper.GetContents(Uri uri, IWebProxy proxy, Dictionary\`2 headers)`,
  ],
  // ---- Ruby
  [
    'credentials-not-found',
    'Ruby MissingCredentialsError',
    `Aws::Sigv4::Errors::MissingCredentialsError: missing credentials, provide credentials with one of the following options:
  - :access_key_id and :secret_access_key
  - :credentials
  - :credentials_provider`,
  ],
  [
    'credentials-not-found',
    'Ruby profile not found',
    `Aws::Errors::NoSuchProfileError: Profile \`metering' not found in /home/app/.aws/credentials`,
  ],
  [
    'credentials-not-found',
    'Ruby missing credentials',
    `/usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/aws-sdk-core/plugins/sign.rb:188:in \`fetch_credentials': unable to sign request without credentials set (Aws::Errors::MissingCredentialsError)`,
  ],
  [
    'credentials-sso-expired',
    'Ruby SSO',
    `Aws::Errors::InvalidSSOToken: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.`,
  ],
  [
    'credentials-imds-unavailable',
    'Ruby IMDS',
    `Aws::InstanceProfileCredentials::Non200Response: Aws::InstanceProfileCredentials::Non200Response`,
  ],
  // ---- PHP
  [
    'credentials-imds-unavailable',
    'PHP IMDS token timeout',
    `PHP Fatal error:  Uncaught Aws\\Exception\\CredentialsException: Error retrieving credentials from the instance profile metadata service. (cURL error 28: Connection timed out after 1001 milliseconds (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://169.254.169.254/latest/api/token) in /var/www/vendor/aws/aws-sdk-php/src/Credentials/InstanceProfileProvider.php:242`,
  ],
  [
    'credentials-not-found',
    'PHP cannot read',
    `Aws\\Exception\\CredentialsException: Cannot read credentials from /var/www/.aws/credentials in /var/www/vendor/aws/aws-sdk-php/src/Credentials/CredentialProvider.php:874`,
  ],
  [
    'credentials-not-found',
    'PHP profile not found',
    `Aws\\Exception\\CredentialsException: 'metering' not found in credentials file`,
  ],
  // ---- Rust
  [
    'credentials-not-found',
    'Rust CredentialsNotLoaded',
    `Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Other(None), source: CredentialsNotLoaded(CredentialsNotLoaded { source: Some("no providers in chain provided credentials") }) } })`,
  ],
  [
    'credentials-not-found',
    'Rust profile',
    `ProfileFile(ProfileFileError { kind: MissingProfile { profile: "metering", message: "could not find source profile metering referenced from the root profile" } })`,
  ],
  // ---- Terraform / Pulumi / CDK / Serverless / kubectl
  [
    'credentials-not-found',
    'Terraform',
    `Error: configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found.

Please see https://registry.terraform.io/providers/hashicorp/aws
for more information about providing credentials.

AWS Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded`,
  ],
  [
    'credentials-not-found',
    'Terraform S3 backend',
    `Error: No valid credential sources found

Please see https://developer.hashicorp.com/terraform/language/backend/s3
for more information about providing credentials.

Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded`,
  ],
  ['credentials-not-found', 'Terraform profile', `Error: failed to get shared config profile, metering`],
  [
    'credentials-not-found',
    'Pulumi',
    `error: unable to validate AWS credentials.
Details: No valid credential sources found for AWS Provider.
Please see https://www.pulumi.com/registry/packages/aws/installation-configuration/ for more information about providing credentials.`,
  ],
  [
    'credentials-not-found',
    'CDK',
    `Need to perform AWS calls for account 123456789012, but no credentials have been configured`,
  ],
  [
    'credentials-not-found',
    'Serverless',
    `Error:
AWS provider credentials not found. Learn how to set up AWS provider credentials in our docs here: <http://slss.io/aws-creds-setup>.`,
  ],
  [
    'credentials-not-found',
    'kubectl aws-iam-authenticator',
    `could not get token: NoCredentialProviders: no valid providers in chain. Deprecated.
	For verbose messaging see aws.Config.CredentialsChainVerboseErrors
Unable to connect to the server: getting credentials: exec: executable aws-iam-authenticator failed with exit code 1`,
  ],
  [
    'credentials-not-found',
    'aws-actions/configure-aws-credentials',
    `Error: Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers`,
  ],
  // ---- tokens, signatures
  [
    'credentials-invalid-token',
    'botocore UnrecognizedClient',
    `botocore.exceptions.ClientError: An error occurred (UnrecognizedClientException) when calling the MeterUsage operation: The security token included in the request is invalid.`,
  ],
  [
    'credentials-invalid-token',
    'CLI InvalidClientTokenId',
    `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.`,
  ],
  [
    'credentials-session-expired',
    'JS v3 ExpiredTokenException',
    `ExpiredTokenException: The security token included in the request is expired
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)`,
  ],
  [
    'credentials-session-expired',
    'Go v2 ExpiredToken',
    `operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 7d2f, api error ExpiredToken: The security token included in the request is expired`,
  ],
  [
    'signature-mismatch',
    'botocore SignatureDoesNotMatch',
    `An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.`,
  ],
  [
    'signature-mismatch',
    'JS v3 InvalidSignatureException',
    `InvalidSignatureException: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.`,
  ],
  [
    'signature-clock-skew',
    'Signature expired',
    `InvalidSignatureException: Signature expired: 20261123T120000Z is now earlier than 20261123T125501Z (20261123T131001Z - 15 min.)`,
  ],
  [
    'signature-clock-skew',
    'S3 RequestTimeTooSkewed',
    `An error occurred (RequestTimeTooSkewed) when calling the ListBuckets operation: The difference between the request time and the current time is too large.`,
  ],
  [
    'signature-missing-auth-token',
    'MissingAuthenticationToken',
    `An error occurred (MissingAuthenticationTokenException) when calling the MeterUsage operation: Missing Authentication Token`,
  ],
  [
    'sts-web-identity-token-expired',
    'IRSA token expired',
    `An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1700000000 must be before the expiration date/time1699990000`,
  ],
  [
    'sts-web-identity-denied',
    'botocore web identity denied',
    `botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity`,
  ],
  // Container and batch events, chain links that are not set up, tools, more SDKs' token and signature wordings
  [
    'sts-assume-role-denied',
    'ECS service event task role',
    `service meter-svc was unable to place a task. Reason: ECS was unable to assume the role 'arn:aws:iam::123456789012:role/MeterTaskRole' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`,
  ],
  [
    'sts-assume-role-denied',
    'AWS Batch job status reason',
    `statusReason: CannotStartContainerError: ECS was unable to assume the role 'arn:aws:iam::123456789012:role/BatchJobRole' that was provided for this task.`,
  ],
  [
    'credentials-imds-unavailable',
    'Java v2 IMDS disabled',
    `software.amazon.awssdk.core.exception.SdkClientException: IMDS credentials have been disabled by environment variable or system property.`,
  ],
  [
    'credentials-not-found',
    'Java v2 container not configured alone',
    `software.amazon.awssdk.core.exception.SdkClientException: Cannot fetch credentials from container - neither AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI environment variables are set.`,
  ],
  [
    'credentials-not-found',
    'Java v2 web identity not configured',
    `software.amazon.awssdk.core.exception.SdkClientException: Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE or the javaproperty aws.webIdentityTokenFile must be set.`,
  ],
  [
    'credentials-imds-unavailable',
    'botocore IMDS max attempts debug',
    `2026-11-23 10:02:11,417 - MainThread - botocore.utils - DEBUG - Max number of attempts exceeded (1) when attempting to retrieve data from metadata service.`,
  ],
  [
    'credentials-imds-unavailable',
    'botocore container metadata',
    `botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received error when attempting to retrieve container metadata: Connect timeout on endpoint URL: "http://169.254.170.2/v2/credentials/6f1c"`,
  ],
  [
    'credentials-imds-unavailable',
    'botocore container host not allowed',
    `ValueError: Unsupported host '10.0.3.7'.  Can only retrieve metadata from these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost`,
  ],
  [
    'credentials-not-found',
    'Go v2 static empty',
    `operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, static credentials are empty`,
  ],
  [
    'credentials-not-found',
    'Go v2 jwt file',
    `operation error STS: AssumeRoleWithWebIdentity, get identity: get credentials: failed to refresh cached credentials, failed to retrieve jwt from provide source, unable to read file at /var/run/secrets/eks.amazonaws.com/serviceaccount/token: open /var/run/secrets/eks.amazonaws.com/serviceaccount/token: no such file or directory`,
  ],
  [
    'credentials-refresh-failed',
    'Go v2 process',
    `get identity: get credentials: failed to refresh cached credentials, error in credential_process: exit status 1`,
  ],
  [
    'credentials-invalid-token',
    'Terraform GetCallerIdentity',
    `Error: configuring Terraform AWS Provider: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 0a1b2c3d-4e5f-6789-abcd-ef0123456789, api error InvalidClientTokenId: The security token included in the request is invalid.`,
  ],
  [
    'credentials-session-expired',
    'Terraform ExpiredToken',
    `Error: configuring Terraform AWS Provider: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 0a1b, api error ExpiredToken: The security token included in the request is expired`,
  ],
  [
    'sts-assume-role-denied',
    'Terraform assume role',
    `Error: Cannot assume IAM Role

IAM Role (arn:aws:iam::123456789012:role/terraform) cannot be assumed.

There are a number of possible causes of this - the most common are:
  * The credentials used in order to assume the role are invalid
  * The credentials do not have appropriate permission to assume the role
  * The role ARN is not valid

Error: operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 1c2d, api error AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/terraform`,
  ],
  [
    'credentials-not-found',
    'Pulumi old',
    `error: unable to discover AWS AccessKeyID and/or SecretAccessKey - see https://pulumi.io/install/aws.html for details on configuration`,
  ],
  [
    'credentials-not-found',
    'CDK account',
    `Unable to resolve AWS account to use. It must be either configured when you define your stack, or through the environment`,
  ],
  [
    'credentials-invalid-token',
    'S3 InvalidToken',
    `An error occurred (InvalidToken) when calling the PutObject operation: The provided token is malformed or otherwise invalid.`,
  ],
  [
    'credentials-not-found',
    'JS v3 process not configured',
    `CredentialsProviderError: Profile metering did not contain credential_process.`,
  ],
  [
    'credentials-not-found',
    'JS v3 web identity not configured',
    `CredentialsProviderError: Web identity configuration not specified`,
  ],
  [
    'credentials-sso-expired',
    'Java v2 SSO',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to load SSO token: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.`,
  ],
  [
    'credentials-not-found',
    'Ruby no source profile',
    `Aws::Errors::NoSourceProfileError: Profile \`metering' has a role_arn, and source_profile, but the source_profile does not have credentials.`,
  ],
  ['credentials-imds-unavailable', 'Ruby IMDS token', `Aws::InstanceProfileCredentials::TokenRetrivalError`],
  [
    'credentials-imds-unavailable',
    'Ruby ECS',
    `Aws::ECSCredentials::Non200Response: Aws::ECSCredentials::Non200Response`,
  ],
  [
    'credentials-imds-unavailable',
    'PHP ECS',
    `Aws\\Exception\\CredentialsException: Error retrieving credentials from container metadata after attempt 3/3 (cURL error 7: Failed to connect to 169.254.170.2 port 80: Connection refused)`,
  ],
  [
    'credentials-sso-expired',
    'CLI v2 sso session',
    `Error when retrieving token from sso: Token has expired and refresh failed`,
  ],
  [
    'credentials-imds-unavailable',
    'EKS Pod Identity agent',
    `operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, failed to load credentials, operation error endpointcreds: GetCredentials, https response error StatusCode: 400, RequestID: , ClientException: Service account token cannot be empty.`,
  ],
  [
    'signature-clock-skew',
    'Go v2 Signature not yet current',
    `operation error Marketplace Metering: MeterUsage, https response error StatusCode: 400, RequestID: 7f1e, InvalidSignatureException: Signature not yet current: 20261123T140500Z is still later than 20261123T140000Z (20261123T135500Z + 5 min.)`,
  ],
  [
    'signature-clock-skew',
    'Java v1 skew',
    `com.amazonaws.services.marketplacemetering.model.AWSMarketplaceMeteringException: Signature expired: 20261123T120000Z is now earlier than 20261123T125501Z (20261123T131001Z - 15 min.) (Service: AWSMarketplaceMetering; Status Code: 400; Error Code: InvalidSignatureException; Request ID: 3e8a)`,
  ],
  [
    'credentials-invalid-token',
    'Java v2 UnrecognizedClient',
    `software.amazon.awssdk.services.marketplacemetering.model.MarketplaceMeteringException: The security token included in the request is invalid. (Service: MarketplaceMetering, Status Code: 400, Request ID: 5a6b)`,
  ],
  [
    'signature-mismatch',
    '.NET SignatureDoesNotMatch',
    `Amazon.SecurityToken.AmazonSecurityTokenServiceException: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.`,
  ],
  [
    'credentials-session-expired',
    'Ruby ExpiredToken',
    `Aws::STS::Errors::ExpiredToken: The security token included in the request is expired`,
  ],
  [
    'signature-missing-auth-token',
    'Go v1 MissingAuthenticationToken',
    `MissingAuthenticationTokenException: Request is missing Authentication Token
	status code: 400, request id: 9c0d`,
  ],
  // Errors raised inside a credential provider, and STS web identity failures as pods print them
  [
    'credentials-imds-unavailable',
    'JS v3 bare TimeoutError in the IMDS provider',
    `TimeoutError: Connection timed out after 1000 ms
    at Timeout.<anonymous> (/srv/meter/node_modules/@smithy/credential-provider-imds/dist-cjs/index.js:145:20)
    at listOnTimeout (node:internal/timers:581:17)`,
  ],
  [
    'credentials-not-found',
    'Go v2 IMDS token timeout inside the chain',
    `operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, failed to get API token, operation error ec2imds: getToken, http response error StatusCode: 0, request send failed, Put "http://169.254.169.254/latest/api/token": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  ],
  [
    'sts-invalid-identity-token',
    'Go v1 IRSA in a pod log',
    `WebIdentityErr: failed to retrieve credentials
caused by: InvalidIdentityToken: Incorrect token audience
	status code: 400, request id: 4b1c`,
  ],
  [
    'sts-web-identity-denied',
    'Go v1 IRSA denied',
    `WebIdentityErr: failed to retrieve credentials
caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity
	status code: 403, request id: 4b1c`,
  ],
  [
    'sts-web-identity-denied',
    'JS v3 IRSA denied',
    `AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity
    at throwDefaultError (/srv/meter/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
    at /srv/meter/node_modules/@aws-sdk/credential-provider-web-identity/dist-cjs/index.js:40:20`,
  ],
  [
    'sts-web-identity-token-expired',
    'Java v2 IRSA expired',
    `software.amazon.awssdk.services.sts.model.ExpiredTokenException: Token expired: current date/time 1764000000 must be before the expiration date/time 1763990000 (Service: Sts, Status Code: 400, Request ID: 9e2f)`,
  ],
  [
    'credentials-invalid-token',
    'Go v1 UnrecognizedClientException',
    `UnrecognizedClientException: The security token included in the request is invalid.
	status code: 400, request id: 2c3d`,
  ],
  [
    'credentials-session-expired',
    'PHP ExpiredToken',
    `Aws\\Sts\\Exception\\StsException: Error executing "GetCallerIdentity" on "https://sts.amazonaws.com"; AWS HTTP error: Client error: \`POST https://sts.amazonaws.com\` resulted in a \`403 Forbidden\` response: ExpiredToken (client): The security token included in the request is expired`,
  ],
  [
    'signature-clock-skew',
    'botocore RequestExpired',
    `botocore.exceptions.ClientError: An error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.`,
  ],
  // ---- JS SDK v2 before the AWS_SDK_LOAD_CONFIG hint: the message ends after "config", and the
  // code is the last provider's failure (TimeoutError when instance metadata did not answer)
  [
    'credentials-not-found',
    'JS v2 (older) CredentialsError with a TimeoutError code',
    `TimeoutError: Missing credentials in config
    at ClientRequest.<anonymous> (/srv/meter/node_modules/aws-sdk/lib/http/node.js:86:34)
    at Object.onceWrapper (events.js:286:20)`,
  ],
  // ---- Go SDK v1 defaults.localHTTPCredProvider: a container credentials URL that is not loopback,
  // as one link of the chain's verbose error
  [
    'credentials-not-found',
    'Go v1 NoCredentialProviders with the refused container endpoint among its causes',
    `NoCredentialProviders: no valid providers in chain
caused by: EnvAccessKeyNotFound: failed to find credentials in the environment.
SharedCredsLoad: failed to load profile, metering.
CredentialsEndpointError: invalid endpoint host, "169.254.170.23", only loopback hosts are allowed.`,
  ],
  // ---- EC2 and other Query APIs: an unsigned request (no AWSAccessKeyId parameter)
  [
    'signature-missing-auth-token',
    'EC2 Query API MissingParameter, as the CLI prints it',
    'An error occurred (MissingParameter) when calling the DescribeInstances operation: The request must contain the parameter AWSAccessKeyId',
  ],
  [
    'signature-missing-auth-token',
    'C++ SDK AWSError fields (m_exceptionName / m_message)',
    `[ERROR] 2026-11-23 09:12:44.120 AWSClient [140233] HTTP response code: 400
Exception name: MissingParameter
Error message: The request must contain the parameter AWSAccessKeyId`,
  ],
  // ---- The Region check of newer JSON services ("must" where older ones say "should")
  [
    'signature-wrong-region-scope',
    'JS v3 InvalidSignatureException, must be scoped',
    `InvalidSignatureException: The credential must be scoped to a valid region.
    at throwDefaultError (/srv/meter/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
    at de_CommandError (/srv/meter/node_modules/@aws-sdk/client-marketplace-metering/dist-cjs/index.js:420:14)`,
  ],
  // ---- An EKS cluster's OIDC issuer quoted in the message is the provider, not the service called
  [
    'sts-invalid-identity-token',
    'JS v3 InvalidIdentityTokenException naming the EKS issuer',
    `InvalidIdentityTokenException: No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9
    at de_InvalidIdentityTokenExceptionRes (/srv/meter/node_modules/@aws-sdk/client-sts/dist-cjs/index.js:1017:21)
    at de_CommandError (/srv/meter/node_modules/@aws-sdk/client-sts/dist-cjs/index.js:838:19)`,
  ],
  // ---- A credential provider's own failure around what STS answered it: the cause names the entry
  [
    'sts-invalid-identity-token',
    'Go v1 stscreds WebIdentityRoleProvider (WebIdentityErr over the STS error)',
    `WebIdentityErr: failed to retrieve credentials
caused by: InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.us-east-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9
	status code: 400, request id: 6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c`,
  ],
  [
    'sts-invalid-identity-token',
    'Go v2 operation error over AssumeRoleWithWebIdentity',
    'operation error Marketplace Metering: MeterUsage, get identity: get credentials: failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 400, RequestID: 5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170, InvalidIdentityToken: No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9',
  ],
  // ---- Java SDK v1 file providers (ClasspathPropertiesFileCredentialsProvider, PropertiesFileCredentialsProvider)
  [
    'credentials-not-found',
    'Java v1 ClasspathPropertiesFileCredentialsProvider, uncaught',
    `Exception in thread "main" com.amazonaws.SdkClientException: Unable to load AWS credentials from the /AwsCredentials.properties file on the classpath
	at com.amazonaws.auth.ClasspathPropertiesFileCredentialsProvider.getCredentials(ClasspathPropertiesFileCredentialsProvider.java:81)
	at com.example.meter.Sender.main(Sender.java:27)`,
  ],
  [
    'credentials-not-found',
    'Java v1 PropertiesFileCredentialsProvider in a log line',
    '2026-11-23 09:12:44,120 ERROR [meter-sender] c.e.m.Sender - send failed: com.amazonaws.AmazonClientException: Unable to load AWS credentials from the /etc/meter/aws.properties file',
  ],
  [
    'credentials-not-found',
    'Java v1 ProfilesConfigFile',
    'java.lang.IllegalArgumentException: AWS credential profiles file not found in the given path: /home/meter/.aws/credentials',
  ],
  // ---- Go SDK v1 EnvProvider used alone (a tool that reads only the environment)
  [
    'credentials-not-found',
    'Go v1 EnvProvider, log.Fatal',
    '2026/11/23 09:12:44 EnvAccessKeyNotFound: AWS_ACCESS_KEY_ID or AWS_ACCESS_KEY not found in environment',
  ],
  [
    'credentials-not-found',
    'Go v1 EnvProvider secret key, printed error',
    'Error: EnvSecretNotFound: AWS_SECRET_ACCESS_KEY or AWS_SECRET_KEY not found in environment',
  ],
  // ---- Helpers that read the CLI's SSO cache themselves
  [
    'credentials-sso-expired',
    'aws-sso-creds-helper ExpiredCredsError, its CLI output',
    `[aws-sso-creds-helper]: Getting SSO credentials for profile metering
[aws-sso-creds-helper]: Cached SSO login is expired/invalid, try running \`aws sso login\` and try again`,
  ],
  [
    'credentials-sso-expired',
    'a Python SSO helper raising on the cache',
    `Traceback (most recent call last):
  File "/usr/local/bin/sso-creds", line 88, in <module>
    login = find_cached_login(profile)
Exception: Current cached SSO login is expired or invalid`,
  ],
];

describe("every SDK's and tool's credential, token and signature wording names the right entry", () => {
  it.each(valid)('%s ← %s', (entry, _source, text) => {
    const diagnosis = diagnosisOf(text);
    expect(diagnosis.isError).toBe(true);
    expect(diagnosis.findings[0]?.entry.id).toBe(entry);
  });
});

/** Near-misses: other clouds' and tools' credential errors, and sentences about profiles and SSO. */
const invalid: Array<[string, string]> = [
  [
    'Google application default credentials',
    'google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found. To set up Application Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc for more information.',
  ],
  [
    'Azure DefaultAzureCredential',
    'azure.identity._exceptions.CredentialUnavailableError: DefaultAzureCredential failed to retrieve a token from the included credentials.',
  ],
  [
    'npm registry authentication',
    'npm ERR! code E401\nnpm ERR! Unable to authenticate, need: Basic realm="GitHub Package Registry"',
  ],
  [
    'git over HTTPS without a terminal',
    "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
  ],
  ['a Windows registry profile', 'Error: The specified profile could not be found in the registry'],
  [
    'a sentence about a moved profile',
    'we moved the metering job to a new profile in ~/.aws/config, the old one could not be found by cron',
  ],
  ['a sentence about SSO', 'I ran aws sso login this morning and the session is fine now'],
  ['a Java properties file that is not AWS credentials', 'Unable to load the log4j.properties file on the classpath'],
];

describe('credential wording of other clouds and tools, and talk about profiles, is not an AWS credential failure', () => {
  it.each(invalid)('%s', (_what, text) => {
    const credentialFindings = diagnosisOf(text).findings.filter((f) => f.entry.area === 'credentials');
    expect(credentialFindings).toEqual([]);
  });
});

describe('one exception class for every link of a chain: the message names the link', () => {
  it('a JS v3 CredentialsProviderError naming the metadata service is the endpoint, not an empty chain', () => {
    const diagnosis = diagnosisOf('CredentialsProviderError: EC2 Instance Metadata Service access disabled');
    expect(diagnosis.findings.map((f) => f.entry.id)).toEqual(['credentials-imds-unavailable']);
  });

  it('a CredentialsProviderError whose wording no entry owns is still no credentials', () => {
    const diagnosis = diagnosisOf(
      'CredentialsProviderError: Profile metering was not found.\n    at /srv/meter/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:75:11',
    );
    expect(diagnosis.findings[0]?.entry.id).toBe('credentials-not-found');
  });
});

describe('one printed credential chain is one finding', () => {
  it('Go v1: the skipped container endpoint logged before the chain gives up is the same failure', () => {
    const diagnosis = diagnosisOf(
      [
        '2026/11/23 09:12:44 Ignoring, HTTP credential provider invalid endpoint host, "169.254.170.23", only loopback hosts are allowed. <nil>',
        '2026/11/23 09:12:44 meter: send failed: NoCredentialProviders: no valid providers in chain. Deprecated.',
        '\tFor verbose messaging see aws.Config.CredentialsChainVerboseErrors',
      ].join('\n'),
    );
    expect(diagnosis.findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
  });
});

/**
 * Go SDK v1 before EKS Pod Identity refuses the agent's 169.254.170.23 ("only loopback hosts are
 * allowed", defaults.localHTTPCredProvider) and the chain then ends in NoCredentialProviders. The
 * summary and the endpoint's address each explain the paste: a possible match naming the endpoint's
 * entry first among the alternatives, never a high-confidence answer, however the lines are laid out.
 */
describe('a chain summary beside a named credential endpoint is a possible match', () => {
  const refused = 'invalid endpoint host, "169.254.170.23", only loopback hosts are allowed';
  it.each([
    [
      'the verbose chain',
      `NoCredentialProviders: no valid providers in chain\ncaused by: EnvAccessKeyNotFound: failed to find credentials in the environment.\nSharedCredsLoad: failed to load profile, metering.\nCredentialsEndpointError: ${refused}.`,
    ],
    [
      'the refusal logged before the summary',
      `2026/11/23 09:12:44 Ignoring, HTTP credential provider ${refused}. <nil>\n2026/11/23 09:12:44 meter: send failed: NoCredentialProviders: no valid providers in chain. Deprecated.`,
    ],
    [
      'the summary wrapped by the caller, the refusal under it',
      `cannot send usage: NoCredentialProviders: no valid providers in chain. Deprecated.\nHTTP credential provider ${refused}`,
    ],
  ])('%s', (_layout, text) => {
    const [finding, ...rest] = diagnosisOf(text).findings;
    expect(rest).toEqual([]);
    expect(finding?.entry.id).toBe('credentials-not-found');
    expect(finding?.confidence).toBeLessThan(0.85);
    expect(finding?.alternatives[0]?.id).toBe('credentials-imds-unavailable');
  });

  it('a metadata endpoint that answered 404 was reachable: the summary stays sure', () => {
    const diagnosis = diagnosisOf(
      '[2026-11-29 03:00:07] production.ERROR: Error retrieving credentials from the instance profile metadata service. (Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `404 Not Found` response)',
    );
    expect(diagnosis.findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
  });
});
