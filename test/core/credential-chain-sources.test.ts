import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Credential-chain, role-assumption and signature failures of the SDKs and tools that the wording
 * tests in credential-chain-wordings.test.ts do not reach, each built from the message in the
 * client's source: the Kotlin SDK (aws-sdk-kotlin CredentialsProviderChain in its older and current
 * wording, its container, environment and SSO providers), the CRT (aws-crt-java's
 * CredentialsProvider and aws-c-auth's error strings), the .NET SDK v3 FallbackCredentialsFactory
 * with its "Exception N of M:" links (AppConfigAWSCredentials, EnvironmentVariablesAWSCredentials,
 * the instance-profile helper), Java SDK v1's profile and web identity providers, Rusoto's
 * ChainProvider, the Rust SDK's orchestrator (NoMatchingAuthScheme and today's
 * no-identity-resolver wording), the legacy boto library (auth.get_auth_handler), the CDK toolkit
 * (a stack without an environment), the Serverless Framework's wrapped error box, AWS Tools for
 * PowerShell error records, Pulumi's AWS provider check, NGINX's S3 gateway (njs), Hadoop S3A's provider list
 * and configuration providers, the C++ SDK's AWSHttpResourceClient log lines, EKS Auth's
 * AssumeRoleForPodIdentity; a role assumed for
 * the caller and refused (JS v2's ChainableTemporaryCredentials, kiam's metadata proxy); STS refusing session tags or a source identity; S3's
 * AuthorizationHeaderMalformed for a malformed Credential part. Every name, account, path and ID
 * is made up; none is taken from the held-out set.
 */
const catalog = realCatalog();
const read = (text: string) => diagnose(text, catalog, { now: NOW });

/** [expected entry, what prints it, the pasted text] */
const chains: Array<[string, string, string]> = [
  // ---- Kotlin SDK
  [
    'credentials-not-found',
    'Kotlin CredentialsProviderChain (older wording) with its stack',
    `aws.sdk.kotlin.runtime.auth.credentials.CredentialsProviderException: No credentials could be loaded from the chain: CredentialsProviderChain -> EnvironmentCredentialsProvider -> ProfileCredentialsProvider -> EcsCredentialsProvider -> ImdsCredentialsProvider
	at aws.sdk.kotlin.runtime.auth.credentials.CredentialsProviderChain.getCredentials(CredentialsProviderChain.kt:41)
	at aws.sdk.kotlin.runtime.auth.credentials.CachedCredentialsProvider.getCredentials(CachedCredentialsProvider.kt:55)`,
  ],
  [
    'credentials-not-found',
    'Kotlin CredentialsProviderChain (first releases, ClientException)',
    'aws.smithy.kotlin.runtime.ClientException: No credentials could be loaded from the chain: CredentialsProviderChain -> EnvironmentCredentialsProvider -> ImdsCredentialsProvider',
  ],
  [
    'credentials-not-found',
    'Kotlin environment provider not set up',
    'aws.sdk.kotlin.runtime.config.profile.ProviderConfigurationException: Missing value for environment variable `AWS_ACCESS_KEY_ID`',
  ],
  [
    'credentials-not-found',
    'Kotlin system-property provider not set up',
    'aws.sdk.kotlin.runtime.ProviderConfigurationException: Missing value for system property `aws.accessKeyId`',
  ],
  [
    'credentials-imds-unavailable',
    'Kotlin ECS provider, container endpoint unreachable',
    'aws.sdk.kotlin.runtime.auth.credentials.CredentialsProviderException: Failed to get credentials from container metadata service',
  ],
  [
    'credentials-imds-unavailable',
    'Kotlin ECS provider, endpoint answered with an error',
    'aws.sdk.kotlin.runtime.auth.credentials.CredentialsProviderException: Error retrieving credentials from container service: HTTP 500: Internal Server Error',
  ],
  [
    'credentials-imds-unavailable',
    'Kotlin instance-metadata provider with metadata turned off',
    'aws.smithy.kotlin.runtime.auth.awscredentials.CredentialsNotLoadedException: AWS EC2 metadata is explicitly disabled; credentials not loaded',
  ],
  [
    'credentials-sso-expired',
    'Kotlin SSO token provider',
    'aws.sdk.kotlin.runtime.auth.credentials.InvalidSsoTokenException: SSO token for sso-session: corp-sso is expired',
  ],
  [
    'credentials-sso-expired',
    'Kotlin SSO token provider with no cache',
    'aws.sdk.kotlin.runtime.ProviderConfigurationException: Invalid or missing SSO session cache. Run `aws sso login` to initiate a new SSO session',
  ],
  // ---- CRT (aws-crt-java, aws-c-auth through the Python and C++ bindings)
  [
    'credentials-not-found',
    'aws-crt-java provider completing with no credentials',
    `java.util.concurrent.CompletionException: java.lang.RuntimeException: Failed to get a valid set of credentials
	at java.base/java.util.concurrent.CompletableFuture.encodeThrowable(CompletableFuture.java:332)
Caused by: java.lang.RuntimeException: Failed to get a valid set of credentials
	at software.amazon.awssdk.crt.auth.credentials.CredentialsProvider.onGetCredentialsComplete(CredentialsProvider.java:61)`,
  ],
  [
    'credentials-not-found',
    'aws-c-auth default chain, instance metadata tried last',
    'awscrt.exceptions.AwsCrtError: AWS_AUTH_CREDENTIALS_PROVIDER_IMDS_SOURCE_FAILURE: Valid credentials could not be sourced by the IMDS provider',
  ],
  [
    'credentials-not-found',
    'aws-c-auth profile provider',
    'AWS_AUTH_CREDENTIALS_PROVIDER_PROFILE_SOURCE_FAILURE: Valid credentials could not be sourced by a profile provider',
  ],
  [
    'credentials-imds-unavailable',
    'aws-c-auth container provider',
    'awscrt.exceptions.AwsCrtError: AWS_AUTH_CREDENTIALS_PROVIDER_ECS_SOURCE_FAILURE: Valid credentials could not be sourced by the ECS provider',
  ],
  // ---- .NET SDK v3 FallbackCredentialsFactory
  [
    'credentials-not-found',
    '.NET v3 chain: profile, environment and instance metadata links',
    `Amazon.Runtime.AmazonServiceException: Unable to find credentials

Exception 1 of 3:
Amazon.Runtime.AmazonClientException: Unable to find the 'metering' profile in CredentialProfileStoreChain.
   at Amazon.Runtime.FallbackCredentialsFactory.GetAWSCredentials(ICredentialProfileSource source)

Exception 2 of 3:
System.InvalidOperationException: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.
   at Amazon.Runtime.EnvironmentVariablesAWSCredentials.FetchCredentials()

Exception 3 of 3:
Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.URIBasedRefreshingCredentialHelper.GetContents(Uri uri)
   at Amazon.Runtime.DefaultInstanceProfileAWSCredentials.FetchCredentials()`,
  ],
  [
    'credentials-not-found',
    '.NET v3 chain whose only link was instance metadata',
    `Amazon.Runtime.AmazonServiceException: Unable to find credentials
Exception 1 of 1:
Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.InstanceProfileAWSCredentials.GetContents(Uri uri)
   at Amazon.Runtime.InstanceProfileAWSCredentials.GetAvailableRoles()`,
  ],
  [
    'credentials-not-found',
    '.NET v3 chain under ASP.NET, app.config link first',
    `[AmazonServiceException: Unable to find credentials

Exception 1 of 2:
System.InvalidOperationException: The app.config/web.config files for the application did not contain credential information
   at Amazon.Runtime.AppConfigAWSCredentials..ctor()
   at Amazon.Runtime.FallbackCredentialsFactory.<Reset>b__3_0()

Exception 2 of 2:
Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.URIBasedRefreshingCredentialHelper.GetContents(Uri uri)
]
   Amazon.Runtime.FallbackCredentialsFactory.GetCredentials(Boolean fallbackToAnonymous) +719`,
  ],
  [
    'credentials-not-found',
    '.NET v3 chain printed as its message alone (no exception class in front)',
    `Unable to find credentials

Exception 1 of 2:
System.InvalidOperationException: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.
   at Amazon.Runtime.EnvironmentVariablesAWSCredentials.FetchCredentials()

Exception 2 of 2:
Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.URIBasedRefreshingCredentialHelper.GetContents(Uri uri)`,
  ],
  [
    'credentials-imds-unavailable',
    '.NET instance-profile helper alone (no chain around it)',
    `Amazon.Runtime.AmazonServiceException: Unable to reach credentials server
   at Amazon.Runtime.URIBasedRefreshingCredentialHelper.GetContents(Uri uri)`,
  ],
  // ---- Java SDK v1 chain links
  [
    'credentials-not-found',
    'Java v1 chain: environment, profile without a file, container wrapper',
    'com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [EnvironmentVariableCredentialsProvider: Unable to load AWS credentials from environment variables (AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_KEY (or AWS_SECRET_ACCESS_KEY)), com.amazonaws.auth.profile.ProfileCredentialsProvider@1b2c3d4e: profile file cannot be null, com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper@5f6a7b8c: Failed to connect to service endpoint: ]',
  ],
  [
    'credentials-not-found',
    'Java v1 custom chain holding only the container wrapper',
    'com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain: [com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper@2a3b4c5d: Unable to load credentials from service endpoint]',
  ],
  [
    'credentials-not-found',
    'Java v1 profile provider with no credentials file',
    'java.lang.IllegalArgumentException: profile file cannot be null\n\tat com.amazonaws.util.ValidationUtils.assertNotNull(ValidationUtils.java:37)',
  ],
  [
    'credentials-not-found',
    'Java v1 profile provider naming a missing profile',
    "java.lang.IllegalArgumentException: No AWS profile named 'metering'\n\tat com.amazonaws.auth.profile.ProfilesConfigFile.getCredentials(ProfilesConfigFile.java:160)",
  ],
  [
    'credentials-not-found',
    'Java v1 web identity provider not set up',
    'WebIdentityTokenCredentialsProvider: You must specify a value for roleArn and roleSessionName',
  ],
  // ---- Rusoto and the Rust SDK
  [
    'credentials-not-found',
    "Rusoto ChainProvider through unwrap(), Rust's older Debug escaping",
    `thread 'main' panicked at 'called \`Result::unwrap()\` on an \`Err\` value: CredentialsError { message: "Couldn\\'t find AWS credentials in environment, credentials file, or IAM role." }', src/bin/meter.rs:31:52`,
  ],
  [
    'credentials-not-found',
    'Rusoto ChainProvider wrapped in a request error',
    'Error: Credentials(CredentialsError { message: "Couldn\'t find AWS credentials in environment, credentials file, or IAM role." })',
  ],
  [
    'credentials-not-found',
    'Rust SDK orchestrator (older), printed through anyhow',
    `Error: dispatch failure

Caused by:
    0: other
    1: no auth scheme matched auth scheme options. This is a bug. Please file an issue.`,
  ],
  [
    'credentials-not-found',
    'Rust SDK orchestrator (current) with no identity resolver',
    'Error: dispatch failure: other: failed to select an auth scheme to sign the request with. "sigv4" wasn\'t a valid option because there was no identity resolver for it. Be sure to set an identity, such as credentials, auth token, or other identity type that is required for this service.',
  ],
  // ---- The legacy boto library
  [
    'credentials-not-found',
    'boto 2 traceback',
    `Traceback (most recent call last):
  File "/opt/meter/report.py", line 12, in <module>
    conn = boto.ec2.connect_to_region("us-east-1")
  File "/usr/lib/python2.7/dist-packages/boto/auth.py", line 1021, in get_auth_handler
    'Check your credentials' % (len(names), str(names)))
boto.exception.NoAuthHandlerFound: No handler was ready to authenticate. 1 handlers were checked. ['HmacAuthV4Handler'] Check your credentials`,
  ],
  [
    'credentials-not-found',
    'boto 2 under an Ansible task result',
    `fatal: [localhost]: FAILED! => {"changed": false, "msg": "No handler was ready to authenticate. 1 handlers were checked. ['HmacAuthV4Handler'] Check your credentials"}`,
  ],
  // ---- Tools
  [
    'credentials-not-found',
    'CDK toolkit, stack without an environment',
    ' ❌  MeterStack failed: Error: Stack MeterStack does not define an environment, and AWS credentials could not be obtained from standard locations or no region was configured.',
  ],
  [
    'credentials-not-found',
    'Serverless Framework error box, the message wrapped onto indented lines',
    `
  Serverless Error ---------------------------------------

  Could not locate deployment bucket. Error: AWS provider
  credentials not found. Learn how to set up AWS provider
  credentials in our docs here: <http://slss.io/aws-creds-setup>.

  Get Support --------------------------------------------`,
  ],
  [
    'credentials-not-found',
    'AWS Tools for PowerShell error record',
    `Write-S3Object : No credentials specified or obtained from persisted/shell defaults.
At C:\\meter\\upload.ps1:12 char:1
+ Write-S3Object -BucketName $bucket -Key $key -File $path
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (Amazon.PowerShe...eS3ObjectCmdlet:WriteS3ObjectCmdlet) [Write-S3Object], InvalidOperationException
    + FullyQualifiedErrorId : InvalidOperationException,Amazon.PowerShell.Cmdlets.S3.WriteS3ObjectCmdlet`,
  ],
  // ---- Pulumi's AWS provider: its credential check before any resource (older releases)
  [
    'credentials-not-found',
    "Pulumi's AWS provider in pulumi up's diagnostics",
    `Diagnostics:
  aws:s3:BucketV2 (usage-exports):
    error: unable to validate AWS AccessKeyID and/or SecretAccessKey - see https://pulumi.io/install/aws.html for details on configuration`,
  ],
  [
    'credentials-not-found',
    "Pulumi's AWS provider under a Python program's data source call",
    `    Exception: invoke of aws:iam/getPolicyDocument:getPolicyDocument failed: unable to validate AWS AccessKeyID and/or SecretAccessKey - see https://pulumi.io/install/aws.html for details on configuration
    error: an unhandled error occurred: Program exited with non-zero exit code: 1`,
  ],
  // ---- NGINX's S3 gateway (njs): the instance's or the ECS task's role credentials did not come
  [
    'credentials-imds-unavailable',
    "NGINX S3 gateway's error log, instance role (a container behind an IMDSv2 hop limit)",
    '2026/11/23 04:12:09 [info] 38#38: *14 js: Could not load EC2 task role credentials: {"message":"timed out"}',
  ],
  [
    'credentials-imds-unavailable',
    "NGINX S3 gateway's error log, ECS task role",
    '2026/11/23 04:12:09 [info] 38#38: *14 js: Could not load ECS task role credentials: {}',
  ],
  // ---- Hadoop S3A (hadoop-aws): AWSCredentialProviderList and its configuration-based providers
  [
    'credentials-not-found',
    'S3A on SDK v2: the provider list, translated to an AccessDeniedException by S3AUtils',
    'java.nio.file.AccessDeniedException: s3a://usage-exports/2026/11/part-0000.parquet: org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException: No AWS Credentials provided by TemporaryAWSCredentialsProvider SimpleAWSCredentialsProvider EnvironmentVariableCredentialsProvider IAMInstanceCredentialsProvider : software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from system settings.',
  ],
  [
    'credentials-not-found',
    "S3A TemporaryAWSCredentialsProvider's NoAwsCredentialsException (its component name, then the default message)",
    'org.apache.hadoop.fs.s3a.auth.NoAwsCredentialsException: Session credentials in Hadoop configuration: No AWS Credentials',
  ],
  [
    'credentials-not-found',
    'S3A on SDK v1: the provider list summary over its last link (instance metadata)',
    'com.amazonaws.AmazonClientException: No AWS Credentials provided by BasicAWSCredentialsProvider EnvironmentVariableCredentialsProvider InstanceProfileCredentialsProvider : com.amazonaws.SdkClientException: Unable to load credentials from service endpoint',
  ],
  [
    'credentials-not-found',
    'S3A SimpleAWSCredentialsProvider, logged by Spark at WARN',
    '26/11/23 04:12:09 WARN FileSystem: Failed to initialize fileystem s3a://usage-exports/: org.apache.hadoop.fs.s3a.auth.NoAwsCredentialsException: SimpleAWSCredentialsProvider: No AWS credentials in the Hadoop configuration',
  ],
  // ---- C++ SDK: AWSHttpResourceClient logs under the client's tag (DefaultLogSystem's layout)
  [
    'credentials-imds-unavailable',
    'C++ EC2MetadataClient, an HTTP error from instance metadata',
    '[ERROR] 2026-11-23 04:12:09.123 EC2MetadataClient [139872341] Http request to retrieve credentials failed with error code 401',
  ],
  [
    'credentials-imds-unavailable',
    'C++ ECSCredentialsClient, no answer from the container endpoint',
    '[ERROR] 2026-11-23 04:12:09.123 ECSCredentialsClient [139872341] Http request to retrieve credentials failed',
  ],
  // ---- EKS Auth (the Pod Identity agent, Go v2): the pod's service account token had expired
  [
    'sts-web-identity-token-expired',
    "Go v2 EKS Auth client, the model's ExpiredTokenException",
    'operation error EKS Auth: AssumeRoleForPodIdentity, https response error StatusCode: 400, RequestID: 0f1e2d3c-4b5a-4697-8877-665544332211, ExpiredTokenException: The specified Kubernetes service account token is expired.',
  ],
];

describe("each SDK's and tool's own credential-chain wording, from its source, names the right entry", () => {
  it.each(chains)('%s ← %s', (entry, _source, text) => {
    const diagnosis = read(text);
    expect(diagnosis.isError).toBe(true);
    expect(diagnosis.findings[0]?.entry.id).toBe(entry);
  });
});

describe('a printed chain is one failure', () => {
  it('.NET lists each link under "Exception N of M:": one finding, the summary answering', () => {
    const text = chains.find(([, source]) => source.startsWith('.NET v3 chain: profile'))![2];
    expect(read(text).findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
  });

  it("a chain's summary outranks the one link of it that names the metadata endpoint", () => {
    const text = chains.find(([, source]) => source.startsWith('Java v1 custom chain'))![2];
    const { findings } = read(text);
    expect(findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
    // Both wordings fit once each: the summary's ownership orders them, it does not make the answer sure.
    expect(findings[0]!.confidence).toBeLessThan(0.85);
  });

  it('without the chain around it, the link is the metadata endpoint', () => {
    const { findings } = read(
      'com.amazonaws.SdkClientException: Unable to load credentials from service endpoint\n\tat com.amazonaws.auth.EC2CredentialsFetcher.handleError(EC2CredentialsFetcher.java:183)',
    );
    expect(findings[0]?.entry.id).toBe('credentials-imds-unavailable');
  });
});

describe('near-misses: the same wordings from another cloud or in a sentence', () => {
  it("gsutil's boto plugins for Google Cloud Storage are not an AWS credential failure", () => {
    const text =
      "ServiceException: No handler was ready to authenticate. 4 handlers were checked. ['HmacAuthV1Handler', 'DevshellAuth', 'OAuth2Auth', 'OAuth2ServiceAccountAuth'] Check your credentials.";
    expect(read(text).findings.filter((f) => f.entry.area === 'credentials')).toEqual([]);
  });

  it("a sentence quoting Rusoto's message is talk about it: below the bar for answering in a channel", () => {
    const { findings } = read(
      'On our EC2 build box it says "Couldn\'t find AWS credentials in environment, credentials file, or IAM role." whenever the job runs under cron.',
    );
    for (const f of findings) expect(f.evidence ?? 0).toBeLessThan(0.6);
  });
});

/**
 * JS SDK v2 replaces a credential error's message with its own (event_listeners.js: "Missing credentials in
 * config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1"; config.js: "Could not load credentials from
 * <provider class>") and keeps the provider's error as originalError. Tools that print the chain join the
 * messages with ": ", the provider's own failure last: that failure is the answer.
 */
describe("JS v2's credential messages joined with their cause on one line: the cause answers", () => {
  const joined: Array<[string, string, string]> = [
    [
      'credentials-session-expired',
      'the config wrapper over an expired session (a tool printing message and originalError)',
      'Error: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1: The security token included in the request is expired',
    ],
    [
      'credentials-invalid-token',
      "the provider-class wrapper (config.js) over STS's invalid token",
      'Could not load credentials from TemporaryCredentials: The security token included in the request is invalid.',
    ],
    [
      'credentials-not-found',
      'the config wrapper over the chain that found nothing',
      'Error: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1: Could not load credentials from any providers',
    ],
  ];
  it.each(joined)('%s ← %s', (entry, _source, text) => {
    expect(read(text).findings.map((f) => f.entry.id)).toEqual([entry]);
  });
});

/**
 * Go SDK v2's credentials cache wraps whatever its provider returned as "failed to refresh cached credentials,
 * <provider's error>" (aws/credential_cache.go); the SSO provider's InvalidTokenError reads "the SSO session has
 * expired or is invalid: <cause>" (credentials/ssocreds). Tools built on it put their own "failed to retrieve
 * credentials ..." in front and a hint about the environment after: the provider's failure is the answer.
 */
describe("Go v2's credentials cache under a tool's own prefix: the provider's failure answers", () => {
  const valid: Array<[string, string, string]> = [
    [
      'credentials-sso-expired',
      'a logrus error field: tool prefix, cache wrapper, ssocreds InvalidTokenError over a missing cache file',
      'level=error msg="sync failed" error="failed to retrieve credentials for account 111122223333: failed to refresh cached credentials, the SSO session has expired or is invalid: open /home/ci/.aws/sso/cache/4f1c2d3e5a6b4c7d8e9f0a1b2c3d4e5f.json: no such file or directory; hint: AWS_PROFILE and AWS_REGION are set"',
    ],
    [
      'credentials-sso-expired',
      "cobra's Error: line naming the profile and the environment variables it saw",
      'Error: failed to load credentials for profile billing-admin (AWS_PROFILE, AWS_ACCESS_KEY_ID set): failed to refresh cached credentials, the SSO session has expired or is invalid: InvalidGrantException: token is expired',
    ],
    [
      'credentials-not-found',
      'the cache wrapper over the static provider with empty keys',
      'failed to retrieve credentials for account 111122223333: failed to refresh cached credentials, static credentials are empty',
    ],
  ];
  it.each(valid)('%s ← %s', (entry, _source, text) => {
    expect(read(text).findings.map((f) => f.entry.id)).toEqual([entry]);
  });
});

describe('a role the tool assumes for the caller, refused by STS', () => {
  it("JS v2's ChainableTemporaryCredentials: the denied sts:AssumeRole under 'Missing credentials in config' is the cause", () => {
    const text = JSON.stringify({
      level: 50,
      time: '2026-11-23T04:12:09.000Z',
      err: {
        message: 'Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1',
        code: 'CredentialsError',
        statusCode: 403,
        originalError: {
          message: 'Could not load credentials from ChainableTemporaryCredentials',
          code: 'CredentialsError',
          statusCode: 403,
          originalError: {
            message:
              'User: arn:aws:sts::111122223333:assumed-role/usage-exporter/i-0a1b2c3d4e5f60718 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/metering-reader',
            code: 'AccessDenied',
            statusCode: 403,
          },
        },
      },
      msg: 'refresh failed',
    });
    const { findings } = read(text);
    expect(findings[0]?.entry.id).toBe('sts-assume-role-denied');
    expect(findings[0]?.facts.resource).toBe('arn:aws:iam::444455556666:role/metering-reader');
  });

  it('the same chain failing for another reason (a timeout) stays a credentials failure', () => {
    const text =
      '{"level":50,"err":{"message":"Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1","code":"CredentialsError","originalError":{"message":"Could not load credentials from any providers","code":"CredentialsError"}},"msg":"refresh failed"}';
    expect(read(text).findings[0]?.entry.id).toBe('credentials-not-found');
  });

  // kiam's agent answers the pod's metadata credentials request with its server's error; the server
  // gets those credentials with sts:AssumeRole (instance metadata itself never answers with a denial).
  it('a metadata proxy (kiam) relaying AccessDenied for a role credentials path is the refused AssumeRole', () => {
    const text =
      '{"addr":"10.4.7.21:51022","level":"error","method":"GET","msg":"error processing request: error fetching credentials: rpc error: code = Unknown desc = AccessDenied: Access denied\\n\\tstatus code: 403, request id: 5e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b","path":"/latest/meta-data/iam/security-credentials/usage-exporter","status":500,"time":"2026-11-23T04:12:09Z"}';
    const { findings } = read(text);
    expect(findings[0]?.entry.id).toBe('sts-assume-role-denied');
    expect(findings[0]?.facts.operation).toBe('AssumeRole');
  });

  it('the same proxy failing to reach its server is not a refused AssumeRole', () => {
    const text =
      '{"level":"error","msg":"error processing request: error fetching credentials: rpc error: code = Unavailable desc = all SubConns are in TransientFailure","path":"/latest/meta-data/iam/security-credentials/usage-exporter","status":500}';
    expect(read(text).findings.map((f) => f.entry.id)).not.toContain('sts-assume-role-denied');
  });

  it('AccessDenied on a metadata path without a role name says nothing about AssumeRole', () => {
    const text =
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied (fetched after GET /latest/meta-data/iam/security-credentials/)';
    expect(read(text).findings[0]?.entry.id).not.toBe('sts-assume-role-denied');
  });
});

/** [expected entry, the denied action, what prints it, the pasted text] */
const sessionDenials: Array<[string, string, string, string]> = [
  [
    'sts-assume-role-denied',
    'sts:TagSession',
    'botocore, AssumeRole with session tags',
    'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/ci-deployer is not authorized to perform: sts:TagSession on resource: arn:aws:iam::444455556666:role/metering-deploy',
  ],
  [
    'sts-assume-role-denied',
    'sts:TagSession',
    'Go v2 (Terraform, aws-vault), the role chained from an assumed role',
    'operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b, api error AccessDenied: User: arn:aws:sts::111122223333:assumed-role/ci-oidc/build-4711 is not authorized to perform: sts:TagSession on resource: arn:aws:iam::444455556666:role/metering-deploy',
  ],
  [
    'sts-assume-role-denied',
    'sts:TagSession',
    'a tool wrapping the line before the action',
    `Error: Could not assume role with user credentials: User:
arn:aws:iam::111122223333:user/ci-deployer is not authorized to perform:
sts:TagSession on resource: arn:aws:iam::444455556666:role/metering-deploy`,
  ],
  [
    'sts-assume-role-denied',
    'sts:TagSession',
    "Terraform's framed diagnostic, wrapped at the terminal's width",
    `╷
│ Error: Cannot assume IAM Role
│ 
│ IAM Role (arn:aws:iam::444455556666:role/metering-deploy) cannot be assumed.
│ 
│ Error: operation error STS: AssumeRole, https response error StatusCode:
│ 403, RequestID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d, api error
│ AccessDenied: User: arn:aws:iam::111122223333:user/tf-runner is not
│ authorized to perform: sts:TagSession on resource:
│ arn:aws:iam::444455556666:role/metering-deploy
╵`,
  ],
  [
    'sts-assume-role-denied',
    'sts:SetSourceIdentity',
    'botocore, AssumeRole with a source identity',
    'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::111122223333:assumed-role/admin-sso/jdoe is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::444455556666:role/metering',
  ],
  [
    'sts-web-identity-denied',
    'sts:TagSession',
    'Go v2, web identity with session tags',
    'operation error STS: AssumeRoleWithWebIdentity, https response error StatusCode: 403, RequestID: 5d6e7f80-91a2-4b3c-8d4e-5f60718293a4, api error AccessDenied: User: arn:aws:sts::111122223333:assumed-role/github-oidc/run-88 is not authorized to perform: sts:TagSession on resource: arn:aws:iam::111122223333:role/github-oidc',
  ],
  [
    'sts-saml-denied',
    'sts:TagSession',
    'botocore, SAML with session tags from the identity provider',
    'An error occurred (AccessDenied) when calling the AssumeRoleWithSAML operation: Not authorized to perform sts:TagSession',
  ],
];

describe('session tags and a source identity are part of assuming the role', () => {
  it.each(sessionDenials)('%s for %s ← %s', (entry, action, _source, text) => {
    const { findings } = read(text);
    expect(findings.map((f) => f.entry.id)).toEqual([entry]);
    expect(findings[0]!.facts.action).toBe(action);
  });
});

/** [expected entry, what prints it, the pasted text] */
const signatures: Array<[string, string, string]> = [
  [
    'signature-incomplete',
    'CLI, S3 given an empty access key ID',
    'An error occurred (AuthorizationHeaderMalformed) when calling the GetObject operation: The authorization header is malformed; a non-empty Access Key (AKID) must be provided in the credential.',
  ],
  [
    'signature-incomplete',
    'Go v2, a Credential part that is not five fields',
    'operation error S3: ListObjectsV2, https response error StatusCode: 400, RequestID: 7QK2M9ZP4R1T6V3X, HostID: aGVsbG8td29ybGQtaG9zdC1pZA==, api error AuthorizationHeaderMalformed: The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
  ],
  [
    'signature-incomplete',
    'a presigned URL with a malformed X-Amz-Credential',
    '<Error><Code>AuthorizationQueryParametersError</Code><Message>Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "&lt;YOUR-AKID&gt;/YYYYMMDD/REGION/SERVICE/aws4_request".</Message><RequestId>4N8QK2ZP7R1T6V3X</RequestId></Error>',
  ],
  [
    'signature-wrong-region-scope',
    'CLI, the same code for a Region outside the scope',
    "An error occurred (AuthorizationHeaderMalformed) when calling the ListObjectsV2 operation: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
  ],
  [
    'signature-wrong-region-scope',
    'the code with no message (a HEAD request): most often the Region',
    'botocore.exceptions.ClientError: An error occurred (AuthorizationHeaderMalformed) when calling the HeadObject operation: Unknown',
  ],
  [
    'signature-mismatch',
    'AWS Tools for PowerShell error record',
    `Get-S3Object : The request signature we calculated does not match the signature you provided. Check your key and signing method.
At line:1 char:1
+ Get-S3Object -BucketName usage-exports -KeyPrefix 2026/11/
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (Amazon.PowerShe...tS3ObjectCmdlet:GetS3ObjectCmdlet) [Get-S3Object], InvalidOperationException
    + FullyQualifiedErrorId : Amazon.S3.AmazonS3Exception,Amazon.PowerShell.Cmdlets.S3.GetS3ObjectCmdlet`,
  ],
  [
    'signature-mismatch',
    "S3's message cut at a console's width in a script's own error",
    `upload.ps1 : Upload of usage-2026-11-23.csv failed: The request signature we calculated
At C:\\meter\\upload.ps1:40 char:5`,
  ],
  [
    'signature-clock-skew',
    "MinIO's RequestTimeTooSkewed wording (its api-errors table), as the MinIO client prints it",
    "mc: <ERROR> Unable to list folder. The difference between the request time and the server's time is too large.",
  ],
];

describe("S3's signature wordings, whole or cut, name the right signature entry", () => {
  it.each(signatures)('%s ← %s', (entry, _source, text) => {
    const diagnosis = read(text);
    expect(diagnosis.isError).toBe(true);
    expect(diagnosis.findings[0]?.entry.id).toBe(entry);
  });
});
