import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/** Texts written for these tests in each SDK's layout; none is taken from the held-out sets. */
describe('a transport failure on a credential endpoint is a credentials problem', () => {
  const catalog = realCatalog();
  const top = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0];

  it.each([
    [
      'botocore timing out on the IMDSv2 token',
      'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "http://169.254.169.254/latest/api/token"',
    ],
    [
      'Go reaching the EKS Pod Identity agent',
      'Get "http://169.254.170.23/v1/credentials": dial tcp 169.254.170.23:80: i/o timeout',
    ],
    ['Node refused by the IPv6 metadata address', 'Error: connect ECONNREFUSED [fd00:ec2::254]:80'],
  ])('%s is the metadata or container credentials endpoint being unreachable', (_what, paste) => {
    expect(top(paste)!.entry.id).toBe('credentials-imds-unavailable');
  });

  it('a transport error wrapped in the metadata client’s own wording is the metadata endpoint’s failure', () => {
    expect(
      top(
        'credentials: Err(ImdsError(FailedToLoadToken(DispatchFailure { source: ConnectorError { kind: Timeout, source: TimeoutError { operation: "connect" } } })))',
      )!.entry.id,
    ).toBe('credentials-imds-unavailable');
  });

  it('the same timeout on a service endpoint stays a network timeout', () => {
    expect(
      top(
        'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://metering.marketplace.us-east-1.amazonaws.com/"',
      )!.entry.id,
    ).toBe('network-timeout');
  });

  it('a credential chain that gave up, naming the metadata address among its causes, is still no credentials', () => {
    const paste = [
      'NoCredentialProviders: no valid providers in chain',
      'caused by: EnvAccessKeyNotFound: failed to find credentials in the environment.',
      'EC2RoleRequestError: no EC2 instance role found',
      'caused by: RequestError: send request failed',
      'caused by: Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": dial tcp 169.254.169.254:80: i/o timeout',
    ].join('\n');
    const result = diagnose(paste, catalog, { now: NOW });
    expect(result.findings[0]!.entry.id).toBe('credentials-not-found');
    expect(result.findings.map((f) => f.entry.id)).not.toContain('network-timeout');
  });

  it('the address named in a sentence is not an error', () => {
    const result = diagnose('the metadata service answers on 169.254.169.254 from every instance', catalog, {
      now: NOW,
    });
    expect(result.isError).toBe(false);
    expect(result.findings).toEqual([]);
  });
});

describe('credential and network wordings of further SDKs and services', () => {
  const catalog = realCatalog();
  const top = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0]?.entry.id;

  it.each([
    [
      'the Kotlin SDK’s exhausted identity chain',
      'aws.smithy.kotlin.runtime.identity.IdentityProviderException: No identity could be resolved from the chain: CredentialsProviderChain -> ProfileCredentialsProvider',
      'credentials-not-found',
    ],
    [
      'an ECS service event about the task role',
      "service billing-agent failed to launch a task with (error ECS was unable to assume the role 'arn:aws:iam::111122223333:role/billing-task' that was provided for this task.)",
      'sts-assume-role-denied',
    ],
    [
      'EKS Pod Identity refusing the association’s role',
      'failed to load credentials, Unauthorized Exception! EKS does not have permissions to assume the associated role.',
      'sts-assume-role-denied',
    ],
    [
      'the Apache HTTP client’s closed pooled connection',
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: The target server failed to respond\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1201)',
      'network-connection-reset',
    ],
    [
      'Go’s HTTP client past its deadline',
      'RequestError: send request failed\ncaused by: Post "https://sts.eu-west-1.amazonaws.com/": context deadline exceeded',
      'network-timeout',
    ],
    [
      'the Java SDK naming only the host it could not resolve',
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: metering.marketplace.ap-south-1.amazonaws.com\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1201)',
      'network-endpoint-unreachable',
    ],
    [
      'the Java SDK’s connect timeout, which names more than the host',
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to sts.amazonaws.com:443 [sts.amazonaws.com/52.94.241.129] failed: connect timed out',
      'network-timeout',
    ],
    [
      'a SAML federation the role’s trust policy refuses (Go v2)',
      'operation error STS: AssumeRoleWithSAML, https response error StatusCode: 403, RequestID: 0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d, api error AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML',
      'sts-saml-denied',
    ],
    [
      'the same refusal from the Java SDK v2',
      'software.amazon.awssdk.services.sts.model.StsException: Not authorized to perform sts:AssumeRoleWithSAML (Service: Sts, Status Code: 403, Request ID: 2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f)',
      'sts-saml-denied',
    ],
    [
      'a plain AssumeRole denial, which stays the assume-role entry',
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/deploy is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/meter',
      'sts-assume-role-denied',
    ],
    [
      'an Apple platform timeout',
      'Error Domain=NSURLErrorDomain Code=-1001 "The request timed out." UserInfo={NSErrorFailingURLKey=https://metering.marketplace.eu-west-1.amazonaws.com/}',
      'network-timeout',
    ],
  ])('%s', (_what, paste, entry) => {
    expect(top(paste)).toBe(entry);
  });
});

describe('each credential failure family lands on its own entry, whatever the SDK or service calls it', () => {
  const catalog = realCatalog();
  const top = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0];

  it('.NET: refreshed credentials whose expiration is already past', () => {
    const paste = [
      'Amazon.Runtime.AmazonClientException: The retrieved credentials have already expired: Now = 11/02/2026 08:01:44, Credentials expiration = 11/01/2026 19:30:00',
      '   at Amazon.Runtime.RefreshingAWSCredentials.GetCredentialsAsync()',
    ].join('\n');
    expect(top(paste)?.entry.id).toBe('credentials-refreshed-still-expired');
  });

  it.each([
    [
      'a JSON body with a denial code',
      '{"code":"AccessDeniedException","message":"The security token included in the request is expired"}',
    ],
    ['a denial exception line', 'AccessDeniedException: The security token included in the request is expired'],
  ])('an expired session token under a denial code is the expired session, not a policy (%s)', (_what, paste) => {
    expect(top(paste)?.entry.id).toBe('credentials-session-expired');
  });

  it('a denial code with the denial wording and an action stays a denial', () => {
    const paste =
      'AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/worker/i-0abc is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:210987654321:key/0d9e';
    expect(top(paste)?.entry.area).toBe('permissions');
  });

  it('Go v1: the role request answered 404 means no role is attached, not an unreachable metadata service', () => {
    const paste = [
      'worker[812]: ERROR refresh failed - EC2RoleRequestError: no EC2 instance role found',
      'worker[812]: caused by: EC2MetadataError: failed to make EC2Metadata request',
      'worker[812]: status code: 404, request id: ',
    ].join('\n');
    expect(top(paste)?.entry.id).toBe('credentials-not-found');
  });

  it('Go v1: the same metadata request timing out is still the metadata service', () => {
    const paste = [
      'EC2MetadataError: failed to make EC2Metadata request',
      'caused by: Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": dial tcp 169.254.169.254:80: i/o timeout',
    ].join('\n');
    expect(top(paste)?.entry.id).toBe('credentials-imds-unavailable');
  });
});
