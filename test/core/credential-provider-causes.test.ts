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
];

describe('near misses keep their own answer', () => {
  it.each(invalid)('%s', (_source, text, wrong) => {
    expect(diagnosisOf(text).findings[0]?.entry.id).not.toBe(wrong);
  });
});
