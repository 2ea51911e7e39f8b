import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Credential providers and the tools around them, read from their source: what a provider prints when
 * its own call to STS never connected (aws-sdk-go `stscreds.WebIdentityRoleProvider` wrapping
 * `RequestError: send request failed`, aws-sdk-go-v2 `stscreds` wrapping `operation error STS`), the
 * signers that found no credentials (Fluent Bit's flb_signv4.c and its instance metadata client flb_aws_imds.c, the Rust SDK's aws-sig-auth
 * `SigningStageError`), Terraform's refused role (hashicorp/aws-sdk-go-base `CannotAssumeRoleError`, and
 * Terraform 0.8/0.9's own assume_role message before it), and the PHP SDK's Guzzle summary of an XML error
 * body as a web page renders it. Accounts, hosts, addresses and request IDs are made up.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

/** [expected entry, what prints it, the pasted text] */
const valid: Array<[string, string, string]> = [
  // ---- a provider's call to STS that never connected: the network failure is the answer
  [
    'network-endpoint-unreachable',
    'Go v1 WebIdentityRoleProvider, awserr chain on three lines (connection refused)',
    `WebIdentityErr: failed to retrieve credentials
caused by: RequestError: send request failed
caused by: Post "https://sts.eu-central-1.amazonaws.com/": dial tcp 10.0.4.17:443: connect: connection refused`,
  ],
  [
    'network-endpoint-unreachable',
    'Go v1 WebIdentityRoleProvider, chain joined on one line by a log viewer',
    'level=error caller=flush.go:144 msg="failed to flush chunks" err="WebIdentityErr: failed to retrieve credentials caused by: RequestError: send request failed caused by: Post \\"https://sts.us-east-2.amazonaws.com/\\": dial tcp 3.12.0.9:443: connect: connection refused"',
  ],
  [
    'network-endpoint-unreachable',
    'Go v1 chain as a JSON-escaped string copied into a Markdown code span (no route)',
    '`WebIdentityErr: failed to retrieve credentials\\ncaused by: RequestError: send request failed\\ncaused by: Post \\"https://sts.amazonaws.com/\\": dial tcp 52.46.0.1:443: connect: no route to host`',
  ],
  [
    'network-timeout',
    'Go v1 WebIdentityRoleProvider over a dial timeout',
    `WebIdentityErr: failed to retrieve credentials
caused by: RequestError: send request failed
caused by: Post "https://sts.ap-southeast-2.amazonaws.com/": dial tcp 52.94.0.3:443: i/o timeout`,
  ],
  [
    'network-endpoint-unreachable',
    'Go v2 stscreds (web identity) under the credential cache, request send failed',
    'failed to refresh cached credentials, failed to retrieve credentials, operation error STS: AssumeRoleWithWebIdentity, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts.eu-west-1.amazonaws.com/": dial tcp 10.20.0.15:443: connect: connection refused',
  ],
  // ---- signers that found no credentials
  [
    'credentials-not-found',
    'Fluent Bit flb_signv4.c, cloudwatch_logs output',
    `[2026/12/07 09:14:01] [ warn] [aws_credentials] No cached credentials are available and a credential refresh is already in progress. The current co-routine will retry.
[2026/12/07 09:14:01] [error] [signv4] Provider returned no credentials, service=logs
[2026/12/07 09:14:01] [error] [aws_client] could not sign request
[2026/12/07 09:14:01] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to create log stream`,
  ],
  [
    'credentials-not-found',
    'Fluent Bit flb_signv4.c, firehose output, the line alone',
    '[2026/12/07 09:14:01] [error] [signv4] Provider returned no credentials, service=firehose',
  ],
  [
    'credentials-imds-unavailable',
    'Fluent Bit flb_aws_imds.c: no IMDSv2 token and IMDSv1 off (a container behind a hop limit of 1)',
    '[2026/12/07 09:14:01] [ warn] [imds] failed to retrieve IMDSv2 token and IMDSv1 unavailable. This is likely due to instance-metadata-options --http-put-response-hop-limit being set to 1 and --http-tokens set to required.',
  ],
  [
    'credentials-not-found',
    'Rust SDK (aws-sig-auth) SdkError Debug print',
    'Error: ConstructionFailure(ConstructionFailure { source: SigningStageError { kind: MissingCredentials } })',
  ],
  [
    'credentials-not-found',
    'Rust SDK (aws-sig-auth) Display through anyhow',
    `Error: failed to construct request

Caused by:
    No credentials in the property bag`,
  ],
  // ---- Terraform's refused role, head only
  [
    'sts-assume-role-denied',
    'aws-sdk-go-base v2 diagnostic summary in the Terraform box',
    `│ Error: Cannot assume IAM Role
│
│   with provider["registry.terraform.io/hashicorp/aws"],
│   on main.tf line 3, in provider "aws":`,
  ],
  [
    'sts-assume-role-denied',
    'aws-sdk-go-base v1 CannotAssumeRoleError, S3 backend',
    'Error: error configuring S3 Backend: IAM Role (arn:aws:iam::210987654321:role/tf-state-reader) cannot be assumed.',
  ],
  [
    'sts-assume-role-denied',
    'Terraform 0.9 assume_role, in the refresh summary',
    `Error refreshing state: 1 error(s) occurred:

* provider.aws: The role "arn:aws:iam::210987654321:role/deployer" cannot be assumed.`,
  ],
  // ---- Guzzle's summary of an XML error body with its tags dropped by a web page
  [
    'access-denied-generic',
    'PHP SDK AwsException, Route 53 body untagged',
    'Error executing "ListHostedZones" on "https://route53.amazonaws.com/2013-04-01/hostedzone"; AWS HTTP error: Client error: `GET https://route53.amazonaws.com/2013-04-01/hostedzone` resulted in a `403 Forbidden` response: SenderAccessDeniedUser: arn:aws:iam::210987654321:user/dns-bot is not authorized to perform: route53:ListHostedZones',
  ],
  [
    'aws-throttling',
    'PHP SDK AwsException, query-protocol throttling body untagged',
    'Error executing "DescribeAlarms" on "https://monitoring.us-east-1.amazonaws.com"; AWS HTTP error: Client error: `POST https://monitoring.us-east-1.amazonaws.com` resulted in a `400 Bad Request` response: SenderThrottlingRate exceeded',
  ],
  // ---- rust-s3's own chain (aws-creds CredentialsError, wrapped by S3Error as "aws-creds: {0}")
  [
    'credentials-not-found',
    'rust-s3 S3Error Display through anyhow: the chain came back empty (NoCredentials)',
    'Error: aws-creds: Could not get valid credentials from STS, ENV, Profile or Instance metadata',
  ],
  [
    'credentials-not-found',
    'rust-s3 S3Error Debug in a panic (CredentialsError::NotEc2, the metadata link off EC2)',
    "thread 'tokio-runtime-worker' panicked at src/meter/upload.rs:88:14:\ncalled `Result::unwrap()` on an `Err` value: Credentials(NotEc2)",
  ],
  [
    'credentials-not-found',
    'aws-creds before thiserror (anyhow message returned from main)',
    'Error: Not an EC2 instance',
  ],
  [
    'credentials-not-found',
    'aws-creds environment link (MissingEnvVar) under S3Error',
    'Error: aws-creds: Neither AWS_SECRET_ACCESS_KEY, nor AWS_SECRET_ACCESS_KEY exists in the environment',
  ],
  // ---- Terraform's AWS provider / S3 backend (aws-sdk-go-base) and Pulumi's bridge: no account ID
  [
    'credentials-not-found',
    'aws-sdk-go-base v1 wrapped by the provider, head only',
    'Error: error configuring Terraform AWS Provider: AWS account ID not previously found and failed retrieving via all available methods. See https://www.terraform.io/docs/providers/aws/index.html#skip_requesting_account_id for workaround and implications. Errors: 1 error occurred:',
  ],
  [
    'credentials-invalid-token',
    'aws-sdk-go-base v2 in the Terraform box, its multierror list naming STS and IAM refusing the key',
    `│ Error: Retrieving AWS account details: AWS account ID not previously found and failed retrieving via all available methods.
│ 
│ See https://www.terraform.io/docs/providers/aws/index.html#skip_requesting_account_id for workaround and implications.
│ Errors: 2 errors occurred:
│ 	* retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f, api error InvalidClientTokenId: The security token included in the request is invalid.
│ 	* retrieving account information via iam:ListRoles: operation error IAM: ListRoles, https response error StatusCode: 403, RequestID: 1d2e3f4a-5b6c-7d8e-9f0a-1b2c3d4e5f6a, api error InvalidClientTokenId: The security token included in the request is invalid.
│ 
╵`,
  ],
  [
    'network-endpoint-unreachable',
    'aws-sdk-go-base v2, the one lookup in its list failing on DNS (a Region with no STS endpoint)',
    `Error: Retrieving AWS account details: AWS account ID not previously found and failed retrieving via all available methods.

See https://www.terraform.io/docs/providers/aws/index.html#skip_requesting_account_id for workaround and implications.
Errors: 1 error occurred:
	* retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts.xx-central-9.amazonaws.com/": dial tcp: lookup sts.xx-central-9.amazonaws.com on 10.0.0.2:53: no such host
`,
  ],
  // ---- the PHP SDK's instance-profile and ECS providers (InstanceProfileProvider, EcsCredentialProvider)
  [
    'credentials-imds-unavailable',
    'PHP InstanceProfileProvider with AWS_EC2_METADATA_DISABLED=true',
    'PHP Fatal error:  Uncaught Aws\\Exception\\CredentialsException: Error retrieving credentials from the instance profile metadata service. (EC2 metadata service access disabled) in /srv/meter/vendor/aws/aws-sdk-php/src/Credentials/InstanceProfileProvider.php:329',
  ],
  [
    'credentials-imds-unavailable',
    'PHP InstanceProfileProvider::decodeResult, the metadata answer not Success',
    '[2026-12-07 09:14:02] production.ERROR: Unexpected instance profile response code: Failure {"exception":"[object] (Aws\\Exception\\CredentialsException(code: 0): Unexpected instance profile response code: Failure at /srv/meter/vendor/aws/aws-sdk-php/src/Credentials/InstanceProfileProvider.php:304)"}',
  ],
  [
    'credentials-imds-unavailable',
    'PHP EcsCredentialProvider after its retries (task without a reachable credentials endpoint)',
    'Aws\\Exception\\CredentialsException: Error retrieving credentials from container metadata after attempt 3/3 (cURL error 28: Connection timed out after 1001 milliseconds (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://169.254.170.2/v2/credentials/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a)',
  ],
  [
    'credentials-imds-unavailable',
    'PHP EcsCredentialProvider, older wording',
    'Error retrieving credential from ECS (cURL error 7: Failed to connect to 169.254.170.2 port 80: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html))',
  ],
  [
    'credentials-imds-unavailable',
    "PHP's stream warning on the metadata credentials URL (Guzzle's StreamHandler without the curl extension)",
    'PHP Warning:  fopen(http://169.254.169.254/latest/meta-data/iam/security-credentials/): failed to open stream: Connection timed out in /srv/meter/vendor/guzzlehttp/guzzle/src/Handler/StreamHandler.php on line 337',
  ],
  [
    'credentials-imds-unavailable',
    "PHP 8's stream warning on the metadata token URL, its reason cut off by the log line",
    'Warning: file_get_contents(http://169.254.169.254/latest/api/token): Failed to open stream:',
  ],
  // ---- Rust: aws-config's IMDS client (ImdsError Display) and Rusoto's metadata/container providers
  [
    'credentials-imds-unavailable',
    "Rust SDK through the object_store crate: IMDSv2 token not fetched (ImdsError::FailedToLoadToken's Display)",
    'Error: Generic S3 error: Error getting credentials from provider: failed to load IMDS session token: dispatch failure: timeout',
  ],
  [
    'credentials-imds-unavailable',
    "Rust SDK ImdsError::IoError's Display under anyhow",
    'Error: an IO error occurred communicating with IMDS\n\nCaused by:\n    connection reset by peer (os error 104)',
  ],
  [
    'credentials-imds-unavailable',
    "Rusoto's instance metadata provider (rusoto_credential) over hyper's connect error",
    "Error: Credentials: Couldn't connect to credentials provider: error trying to connect: tcp connect error: Connection timed out (os error 110)",
  ],
  // ---- a Python traceback's raise line joined onto its exception line (issue titles, folded logs)
  [
    'credentials-partial',
    'botocore credentials.py raise line and the exception line, no message',
    'raise PartialCredentialsError( botocore.exceptions.PartialCredentialsError',
  ],
  [
    'credentials-not-found',
    'botocore auth.py raise line and the exception line with its message',
    'raise NoCredentialsError() botocore.exceptions.NoCredentialsError: Unable to locate credentials',
  ],
];

describe('credential providers, signers and tools name the right entry', () => {
  it.each(valid)('%s ← %s', (entry, _source, text) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings[0]?.entry.id).toBe(entry);
  });
});

/** [what prints it, the pasted text, the entry it must not be answered as] */
const invalid: Array<[string, string, string]> = [
  [
    'Go v2 instance-metadata link refused: the credential endpoint, not the AWS service, failed',
    'failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request send failed, Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": dial tcp 169.254.169.254:80: connect: connection refused',
    'network-endpoint-unreachable',
  ],
  [
    'a sentence about a role that cannot be assumed yet',
    'After you create a role it cannot be assumed for a few seconds, so retry.',
    'sts-assume-role-denied',
  ],
  [
    "a sentence saying a machine is not an AWS instance (rust-s3's wording is read after a colon)",
    'The build box is not an AWS instance, so the pipeline uses access keys there.',
    'credentials-not-found',
  ],
  [
    "PHP's stream warning on a local file: no credential endpoint failed",
    'PHP Warning:  fopen(/etc/meter/settings.ini): failed to open stream: No such file or directory in /srv/meter/boot.php on line 3',
    'credentials-imds-unavailable',
  ],
];

describe('near misses keep their own answer', () => {
  it.each(invalid)('%s', (_source, text, wrong) => {
    expect(diagnosisOf(text).findings[0]?.entry.id).not.toBe(wrong);
  });
});

/** [what prints it, the pasted text, the one entry it is] */
const oneError: Array<[string, string, string]> = [
  [
    "aws-sdk-go-base's multierror list: the lookups it collected are the causes of one error",
    `Error: Retrieving AWS account details: AWS account ID not previously found and failed retrieving via all available methods.

See https://www.terraform.io/docs/providers/aws/index.html#skip_requesting_account_id for workaround and implications.
Errors: 2 errors occurred:
\t* retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f, api error InvalidClientTokenId: The security token included in the request is invalid.
\t* retrieving account information via iam:ListRoles: operation error IAM: ListRoles, https response error StatusCode: 403, RequestID: 1d2e3f4a-5b6c-7d8e-9f0a-1b2c3d4e5f6a, api error InvalidClientTokenId: The security token included in the request is invalid.
`,
    'credentials-invalid-token',
  ],
  [
    "C++ SDK log: curl's line names the cause, AWSClient's generic NETWORK_CONNECTION message follows",
    `[ERROR] 2026-12-07 09:14:02.118 CurlHttpClient [139872345] Curl returned error code 60 - SSL peer certificate or SSH remote key was not OK
[DEBUG] 2026-12-07 09:14:02.118 CurlHandleContainer [139872345] Releasing curl handle 0x55d0c3a1e2f0
[DEBUG] 2026-12-07 09:14:02.118 AWSClient [139872345] Request returned error. Attempting to generate appropriate error codes from response
[ERROR] 2026-12-07 09:14:02.118 AWSClient [139872345] HTTP response code: -1
Exception name: 
Error message: Unable to connect to endpoint`,
    'network-tls',
  ],
  [
    "C++ SDK log copied from the CloudWatch console: each event's time on its own line between the records",
    `[ERROR] 2026-12-07 09:14:02.118 CurlHttpClient [139872345] Curl returned error code 35 - SSL connect error

09:14:03
[DEBUG] 2026-12-07 09:14:02.118 CurlHandleContainer [139872345] Releasing curl handle 0x55d0c3a1e2f0

09:14:03
[DEBUG] 2026-12-07 09:14:02.118 AWSClient [139872345] Request returned error. Attempting to generate appropriate error codes from response

09:14:03
[DEBUG] 2026-12-07 09:14:02.118 AWSClient [139872345] Request returned error. Attempting to generate appropriate error codes from response

09:14:03
[ERROR] 2026-12-07 09:14:02.118 AWSClient [139872345] HTTP response code: -1

09:14:03
Exception name: 

09:14:03
Error message: Unable to connect to endpoint`,
    'network-tls',
  ],
  [
    "C++ SDK's generic message alone still names a failed connection",
    `Exception name: 
Error message: Unable to connect to endpoint`,
    'network-endpoint-unreachable',
  ],
];

describe('one error printed over several lines or records is one finding', () => {
  it.each(oneError)('%s', (_source, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.findings.map((f) => f.entry.id)).toEqual([entry]);
  });
});

/**
 * aws-sdk-go's EC2 role provider (aws/credentials/ec2rolecreds) reports any failure to read the role list
 * as `EC2RoleRequestError: no EC2 instance role found`, with the metadata client's error as its cause.
 * That client (aws/ec2metadata `unmarshalError`) says `EC2MetadataError: failed to make EC2Metadata request`
 * for every error status the endpoint answered with, and adds the status on the line under it: the
 * endpoint was reached, and only the status says more (404 at the role list: no role; 401: the instance
 * requires an IMDSv2 token). aws-sdk-go-v2's provider says `no EC2 IMDS role found` the same way.
 */
describe("Go SDK's EC2 role provider: its verdict stands over a metadata answer whose status is not shown", () => {
  it.each([
    [
      'Go v1, the chain on its lines',
      'EC2RoleRequestError: no EC2 instance role found\ncaused by: EC2MetadataError: failed to make EC2Metadata request',
      'credentials-not-found',
    ],
    [
      'Go v1, the error string with its line breaks escaped, as a log field keeps it',
      'msg="refresh failed" err="EC2RoleRequestError: no EC2 instance role found\\ncaused by: EC2MetadataError: failed to make EC2Metadata request"',
      'credentials-not-found',
    ],
    [
      'Go v1, the role list answered 404',
      'EC2RoleRequestError: no EC2 instance role found\ncaused by: EC2MetadataError: failed to make EC2Metadata request\n\tstatus code: 404, request id: ',
      'credentials-not-found',
    ],
    [
      'Go v1, the instance requires a token the SDK did not send (401)',
      'EC2RoleRequestError: no EC2 instance role found\ncaused by: EC2MetadataError: failed to make EC2Metadata request\n\tstatus code: 401, request id: ',
      'credentials-imds-unavailable',
    ],
    [
      "Go v1, the metadata client's error alone",
      'EC2MetadataError: failed to make EC2Metadata request\n\tstatus code: 401, request id: ',
      'credentials-imds-unavailable',
    ],
  ])('%s', (_what, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.findings.map((f) => f.entry.id)).toEqual([entry]);
  });

  it('the verbose chain that ends in the role provider is one error with one answer', () => {
    const d = diagnosisOf(
      'NoCredentialProviders: no valid providers in chain\ncaused by: EnvAccessKeyNotFound: failed to find credentials in the environment.\nSharedCredsLoad: failed to load profile, .\nEC2RoleRequestError: no EC2 instance role found\ncaused by: EC2MetadataError: failed to make EC2Metadata request',
    );
    expect(d.findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
  });
});
