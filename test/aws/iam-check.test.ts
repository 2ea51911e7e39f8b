import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { COST_IMPORT_ACTIONS, iamCheck, METERING_ACTIONS, roleArnFromCaller } from '../../src/aws/iam-check.js';
import { renderIamCheck } from '../../src/actions/iam-check/render.js';
import {
  assumeRoleXml,
  callerIdentityXml,
  IAM,
  queryError,
  simulateXml,
  STS,
  testClients,
  XML,
  xmlHeaders,
} from './fixtures.js';

afterEach(() => {
  nock.cleanAll();
  delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_METERING;
});

const ALL = [...METERING_ACTIONS, ...COST_IMPORT_ACTIONS];
const ROLE = 'arn:aws:iam::123456789012:role/MeterDoc';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/MeterDoc/s';

function simulateCapture(captured: string[], xml: string, headers: Record<string, string> = XML) {
  return nock(IAM)
    .post('/', (body) => {
      captured.push(new URLSearchParams(body as unknown as Record<string, string>).toString());
      return true;
    })
    .reply(200, xml, headers);
}

describe('iamCheck', () => {
  it('every check passing', async () => {
    nock(STS)
      .post('/', (b) => b.Action === 'GetCallerIdentity')
      .reply(200, callerIdentityXml(SESSION), xmlHeaders('sts-req-1'));
    const sent: string[] = [];
    simulateCapture(sent, simulateXml(ALL.map((a) => [a, 'allowed'])), xmlHeaders('iam-req-1'));
    const report = await iamCheck(testClients());
    expect(report.items.every((i) => i.mark === 'pass')).toBe(true);
    expect(report.simulatedFor).toBe(ROLE);
    expect(report.policy).toBeUndefined();
    expect(report.region).toBe('us-east-1');
    expect(report.endpoint).toBe('https://metering.marketplace.us-east-1.amazonaws.com/');
    expect(sent[0]).toContain('PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FMeterDoc');
    expect(sent[0]).toContain('ActionNames.member.1=aws-marketplace%3ABatchMeterUsage');
    expect(report.requestIds).toEqual(['sts-req-1', 'iam-req-1']);
    const text = renderIamCheck(report);
    expect(text).toContain('✅ AWS credentials');
    expect(text).not.toMatch(/AKIDTEST|secret/);
  });

  it('missing permissions: ❌ with the policy statement to attach (Resource "*")', async () => {
    nock(STS).post('/').reply(200, callerIdentityXml(SESSION), XML);
    const sent: string[] = [];
    simulateCapture(
      sent,
      simulateXml([
        ['aws-marketplace:BatchMeterUsage', 'implicitDeny'],
        ['aws-marketplace:MeterUsage', 'allowed'],
        ['aws-marketplace:RegisterUsage', 'allowed'],
        ['aws-marketplace:ResolveCustomer', 'implicitDeny'],
        ['aws-marketplace:GetEntitlements', 'allowed'],
        ['ce:GetCostAndUsage', 'implicitDeny'],
        ['organizations:ListAccounts', 'explicitDeny'],
      ]),
    );
    const report = await iamCheck(testClients(), { principalRoleArn: 'arn:aws:iam::123456789012:role/SaaSMeter' });
    expect(sent[0]).toContain('PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FSaaSMeter');
    expect(report.missingActions).toEqual([
      'aws-marketplace:BatchMeterUsage',
      'aws-marketplace:ResolveCustomer',
      'ce:GetCostAndUsage',
    ]);
    const policy = JSON.parse(report.policy!);
    expect(policy.Statement).toEqual([
      {
        Sid: 'MeterDocAllowAwsMarketplace',
        Effect: 'Allow',
        Action: ['aws-marketplace:BatchMeterUsage', 'aws-marketplace:ResolveCustomer'],
        Resource: '*',
      },
      { Sid: 'MeterDocAllowCe', Effect: 'Allow', Action: ['ce:GetCostAndUsage'], Resource: '*' },
    ]);
    const text = renderIamCheck(report);
    expect(text).toContain('❌ `aws-marketplace:BatchMeterUsage`');
    expect(text).toContain('❌ `organizations:ListAccounts` (cost imports) — explicitly denied');
    expect(text).toContain('"Resource": "*"');
  });

  it('simulation not permitted: ⚠️ could not check, with the reason', async () => {
    nock(STS).post('/').reply(200, callerIdentityXml(SESSION), XML);
    nock(IAM)
      .post('/')
      .reply(
        ...queryError(
          'iam',
          403,
          'AccessDenied',
          `User: ${SESSION} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${ROLE}`,
        ),
      );
    const report = await iamCheck(testClients());
    const sim = report.items.find((i) => i.label === 'Permission simulation')!;
    expect(sim.mark).toBe('unknown');
    expect(sim.detail).toContain('iam:SimulatePrincipalPolicy is not allowed');
    for (const a of ALL) expect(report.items.find((i) => i.label === `\`${a}\``)?.mark).toBe('unknown');
    expect(report.policy).toBeUndefined();
    expect(renderIamCheck(report)).toContain('⚠️ Permission simulation');
  });

  it('assumes the configured role with the external ID, and never shows it', async () => {
    const role = 'arn:aws:iam::210987654321:role/MeteringRole';
    const seenAssume: Record<string, string>[] = [];
    nock(STS)
      .post('/', (b) => b.Action === 'GetCallerIdentity')
      .reply(200, callerIdentityXml('arn:aws:iam::111111111111:user/meterdoc', '111111111111'), XML);
    nock(STS)
      .post('/', (b) => {
        if (b.Action !== 'AssumeRole') return false;
        seenAssume.push(b);
        return true;
      })
      .reply(200, assumeRoleXml(role), XML);
    nock(STS)
      .post('/', (b) => b.Action === 'GetCallerIdentity')
      .matchHeader('x-amz-security-token', 'tokentoken')
      .reply(
        200,
        callerIdentityXml('arn:aws:sts::210987654321:assumed-role/MeteringRole/meterdoc-actions', '210987654321'),
        XML,
      );
    const sent: string[] = [];
    simulateCapture(sent, simulateXml(ALL.map((a) => [a, 'allowed'])));
    const report = await iamCheck(testClients({ roleArn: role, externalId: 'abcd1234-12ab-12ab-12ab-abcdef123456' }));
    expect(seenAssume[0]).toMatchObject({
      RoleArn: role,
      ExternalId: 'abcd1234-12ab-12ab-12ab-abcdef123456',
      RoleSessionName: 'meterdoc-actions',
    });
    expect(report.items.map((i) => i.mark)).not.toContain('fail');
    expect(sent[0]).toContain('role%2FMeteringRole');
    expect(JSON.stringify(report)).not.toMatch(/abcd1234|tempsecret|tokentoken|AKIDTEST/);
  });

  it('AssumeRole refused: ❌ with the trust-policy hint', async () => {
    const role = 'arn:aws:iam::210987654321:role/MeteringRole';
    nock(STS)
      .post('/', (b) => b.Action === 'GetCallerIdentity')
      .reply(200, callerIdentityXml('arn:aws:iam::111111111111:user/meterdoc', '111111111111'), XML);
    nock(STS)
      .post('/', (b) => b.Action === 'AssumeRole')
      .reply(
        ...queryError(
          'sts',
          403,
          'AccessDenied',
          `User: arn:aws:iam::111111111111:user/meterdoc is not authorized to perform: sts:AssumeRole on resource: ${role}`,
        ),
      );
    nock(IAM)
      .post('/')
      .reply(200, simulateXml(ALL.map((a) => [a, 'allowed'])), XML);
    const report = await iamCheck(testClients({ roleArn: role, externalId: 'ext-id-1' }));
    const assume = report.items.find((i) => i.label.startsWith('Assume role'))!;
    expect(assume.mark).toBe('fail');
    expect(assume.detail).toMatch(/trust policy must trust arn:aws:iam::111111111111:user\/meterdoc/);
  });

  it('reports the endpoint the SDK resolves from AWS_ENDPOINT_URL_MARKETPLACE_METERING', async () => {
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_METERING = 'http://127.0.0.1:4599';
    nock(STS).post('/').reply(200, callerIdentityXml(SESSION), XML);
    nock(IAM)
      .post('/')
      .reply(200, simulateXml(ALL.map((a) => [a, 'allowed'])), XML);
    const report = await iamCheck(testClients());
    expect(report.endpoint).toBe('http://127.0.0.1:4599/');
  });

  it('maps assumed-role sessions to their role', () => {
    expect(roleArnFromCaller(SESSION)).toBe(ROLE);
    expect(roleArnFromCaller('arn:aws:iam::123456789012:user/bob')).toBe('arn:aws:iam::123456789012:user/bob');
    expect(roleArnFromCaller('arn:aws:iam::123456789012:root')).toBeUndefined();
  });
});
