import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * How the lines of one printed error are read. Pastes written for these tests in the layouts
 * people paste (hosts, accounts and IDs made up); none is taken from the held-out set or the SDK matrix.
 */
const catalog = realCatalog();
const findingsOf = (text: string) => diagnose(text, catalog, { now: NOW }).findings;

describe('program source quoted by a traceback is not an error', () => {
  it('exceptions named in the raise and except lines IPython shows around the failing line give no finding', () => {
    const paste = [
      '/opt/conda/lib/python3.11/site-packages/botocore/httpsession.py in send(self, request)',
      '    492             raise SSLError(endpoint_url=request.url, error=e)',
      '    493         except (NewConnectionError, socket.gaierror) as e:',
      '--> 494             raise EndpointConnectionError(endpoint_url=request.url, error=e)',
      '    495         except ProxyError as e:',
      '    496             raise ProxyConnectionError(proxy_url=mask_proxy_url(proxy_url), error=e)',
      '',
      'EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.me-central-1.amazonaws.com/"',
    ].join('\n');
    expect(findingsOf(paste).map((f) => f.entry.id)).toEqual(['network-endpoint-unreachable']);
  });
});

describe('the outer error of a Go chain keeps its code', () => {
  it('a known code named mid-line stays the answer when a cause under it is printed in an SDK layout', () => {
    const paste = [
      'E1123 13:40:11.482913       1 controller.go:212] sync failed: could not list instances: NoCredentialProviders: no valid providers in chain',
      '\tcaused by: EnvAccessKeyNotFound: failed to find credentials in the environment.',
      '\tSharedCredsLoad: failed to load profile, .',
      '\tEC2RoleRequestError: no EC2 instance role found',
    ].join('\n');
    const findings = findingsOf(paste);
    expect(findings[0]?.entry.id).toBe('credentials-not-found');
    expect(findings[0]?.facts.code).toBe('NoCredentialProviders');
    expect(findings).toHaveLength(1);
  });
});

describe('a Go v1 error and the causes printed under it are one error', () => {
  it('the credential chain listed provider by provider gives one finding, for the outer code', () => {
    const paste = [
      '2026-11-23T13:40:11Z W! [outputs.metering] flush failed: NoCredentialProviders: no valid providers in chain',
      'caused by: EnvAccessKeyNotFound: failed to find credentials in the environment.',
      'SharedCredsLoad: failed to load profile, .',
      'EC2RoleRequestError: no EC2 instance role found',
      'caused by: EC2MetadataError: failed to make EC2Metadata request',
      '\tstatus code: 404, request id: ',
    ].join('\n');
    const findings = findingsOf(paste);
    expect(findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
    expect(findings[0]!.facts.code).toBe('NoCredentialProviders');
  });

  it('a wrapper known only by its wording yields to the cause the catalog knows by its code', () => {
    const paste = [
      'reconcile failed: WebIdentityErr: failed to retrieve credentials',
      'caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      '\tstatus code: 403, request id: 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    ].join('\n');
    expect(findingsOf(paste).map((f) => f.entry.id)).toEqual(['sts-web-identity-denied']);
  });
});

describe('a message wrapped over two lines is read whole', () => {
  it('the wording on the continuation line counts with the wording on the first line', () => {
    const paste = [
      'Error: creating IAM Role (ci-deployer): AccessDenied: User: arn:aws:iam::210987654321:user/ci is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::210987654321:role/ci-deployer',
      '  because no permissions boundary allows the iam:CreateRole action',
      '\tstatus code: 403, request id: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    ].join('\n');
    expect(findingsOf(paste)[0]?.entry.id).toBe('permissions-explicit-deny');
  });

  it('wording broken by a line wrap inside the sentence is still recognised', () => {
    const paste = [
      'The request was denied because the role arn:aws:iam::210987654321:role/reporting is not authorized',
      'to perform the required actions (ce:GetCostAndUsage) on this account.',
    ].join('\n');
    const diagnosis = diagnose(paste, catalog, { now: NOW });
    expect(diagnosis.isError).toBe(true);
    expect(diagnosis.findings[0]?.entry.area).toBe('permissions');
  });

  it('the same wording repeated inside one printout counts once', () => {
    // JS v2 repeats the message in the first line and in the dumped `message` property.
    const paste = [
      'Error: connect ECONNREFUSED 127.0.0.1:4566',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
      "  message: 'connect ECONNREFUSED 127.0.0.1:4566',",
      "  code: 'ECONNREFUSED',",
      "  syscall: 'connect'",
      '}',
    ].join('\n');
    const once = findingsOf(paste)[0]!;
    const single = findingsOf(paste.replace("  message: 'connect ECONNREFUSED 127.0.0.1:4566',\n", ''))[0]!;
    expect(once.entry.id).toBe('network-endpoint-unreachable');
    expect(once.confidence).toBe(single.confidence);
  });
});
