import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import nock from 'nock';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';

export const CREDS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
export const METERING = 'https://metering.marketplace.us-east-1.amazonaws.com';
export const STS = 'https://sts.us-east-1.amazonaws.com';
export const IAM = 'https://iam.amazonaws.com';
export const JSON11 = { 'content-type': 'application/x-amz-json-1.1' };
export const XML = { 'content-type': 'text/xml' };
/** STS and IAM send their request ID in this header too; the SDK reads it from there. */
export const xmlHeaders = (requestId: string) => ({ ...XML, 'x-amzn-requestid': requestId });

/** Clients as in production, with fake credentials and instant, deterministic retries. */
export function testClients(config: { roleArn?: string; externalId?: string } = {}, attempts = 1): AwsClients {
  return createAwsClients(config, {
    credentials: CREDS,
    region: 'us-east-1',
    retryStrategy: new ConfiguredRetryStrategy(attempts, () => 0),
  });
}

export interface Seen {
  bodies: unknown[];
  targets: string[];
}

/** BatchMeterUsage interceptor that records what was sent and answers with `reply(body)`. */
export function meteringReply(
  seen: Seen,
  reply: (body: {
    UsageRecords: Array<Record<string, unknown>>;
    ProductCode?: string;
  }) => [number, unknown, Record<string, string>?],
  times = 1,
) {
  return nock(METERING)
    .post('/')
    .times(times)
    .reply(function (_uri, raw) {
      // awsJson1.1 is not "application/json", so nock hands the body over as a string.
      const body = typeof raw === 'string' ? JSON.parse(raw) : raw;
      seen.bodies.push(body);
      seen.targets.push(String(this.req.headers['x-amz-target']));
      const [status, out, headers] = reply(body);
      return [
        status,
        out as nock.Body,
        { ...JSON11, 'x-amzn-requestid': `req-${seen.bodies.length}`, ...(headers ?? {}) },
      ];
    });
}

/** All records Success, echoing each record back as AWS does. */
export function allSuccess(body: { UsageRecords: Array<Record<string, unknown>> }): [number, unknown] {
  return [
    200,
    {
      Results: body.UsageRecords.map((r, i) => ({ UsageRecord: r, MeteringRecordId: `mr-${i}`, Status: 'Success' })),
      UnprocessedRecords: [],
    },
  ];
}

export function callerIdentityXml(arn: string, account = '123456789012'): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AROAEXAMPLE:s</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>sts-req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

export function assumeRoleXml(roleArn: string): string {
  const exp = new Date(Date.now() + 900_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:meterdoc-actions</AssumedRoleId><Arn>${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/meterdoc-actions</Arn></AssumedRoleUser><Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>tempsecret</SecretAccessKey><SessionToken>tokentoken</SessionToken><Expiration>${exp}</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>sts-req-assume</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

export function simulateXml(decisions: Array<[string, 'allowed' | 'implicitDeny' | 'explicitDeny']>): string {
  const members = decisions
    .map(
      ([action, decision]) =>
        `<member><EvalActionName>${action}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>${decision}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`,
    )
    .join('');
  return `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${members}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>iam-req-1</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;
}

export function queryError(
  service: 'sts' | 'iam',
  status: number,
  code: string,
  message: string,
): [number, string, Record<string, string>] {
  const ns =
    service === 'sts' ? 'https://sts.amazonaws.com/doc/2011-06-15/' : 'https://iam.amazonaws.com/doc/2010-05-08/';
  return [
    status,
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>err-req</RequestId></ErrorResponse>`,
    XML,
  ];
}

/** A fixed "now" and record times relative to it. */
export const NOW = new Date('2026-11-23T14:02:00.000Z');
export function hoursAgo(h: number, now = NOW): string {
  return new Date(now.getTime() - h * 3_600_000).toISOString();
}
