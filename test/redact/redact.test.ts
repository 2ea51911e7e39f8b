import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { redact, Redactor } from '../../src/redact/redact.js';
import { catalog, captureBodies, goodInput, interceptConverse, makeAi, toolReply } from '../ai/helpers.js';

afterEach(() => {
  nock.cleanAll();
});

/** Realistic secrets and identifiers someone might paste with an error. None may leave the process. */
const PLANTED = {
  accessKey: 'AKIAIOSFODNN7EXAMPLE',
  tempAccessKey: 'ASIAY34FZKBOKMUTVV7A',
  secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  bareSecret: 'Zq3v9Lm2Xa8Pw4Rt6Yb1Nc5Kd7Hf0Jg2Se4Ui6Oa',
  sessionToken:
    'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDd3s1aExampleSessionTokenValue0123456789abcdefABCDEF==',
  slackBot: 'xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  slackApp: 'xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f',
  webhook: 'hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  account: '123456789012',
  customerAccount: '987654321098',
  email: 'jane.doe@seller-example.com',
  ip: '203.0.113.42',
  customer: 'cust-A1b2C3d4E5f6',
  signature: 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
  password: 'hunter2-Secret!',
};

function pasteWithSecrets(): string {
  return `2026-11-20T10:00:01Z ERROR metering job on 203.0.113.42 (owner ${PLANTED.email}) failed
AWS_ACCESS_KEY_ID=${PLANTED.accessKey}
AWS_SECRET_ACCESS_KEY=${PLANTED.secretKey}
aws_session_token = ${PLANTED.sessionToken}
temp key ${PLANTED.tempAccessKey} and a stray ${PLANTED.bareSecret}
SLACK_BOT_TOKEN=${PLANTED.slackBot} SLACK_APP_TOKEN=${PLANTED.slackApp} webhook https://${PLANTED.webhook}
Authorization: AWS4-HMAC-SHA256 Credential=${PLANTED.accessKey}/20261120/us-east-1/aws-marketplace/aws4_request, SignedHeaders=host;x-amz-date, Signature=${PLANTED.signature}
db password=${PLANTED.password}
UsageRecordQuotaBreachedException: Record for CustomerIdentifier ${PLANTED.customer} (CustomerAWSAccountId ${PLANTED.customerAccount}) breached the quota of role arn:aws:iam::${PLANTED.account}:role/MeterRole
  '$metadata': { httpStatusCode: 400, requestId: '5d2c8a1e-1111-4a1b-9c1d-0123456789ab', attempts: 1 }
{"UsageRecords":[{"CustomerIdentifier":"${PLANTED.customer}","Dimension":"requests","Quantity":5}]}`;
}

describe('Redactor', () => {
  it('replaces each kind with deterministic, numbered placeholders and restores them', () => {
    const r = new Redactor();
    const text = `arn:aws:iam::111122223333:role/A calls arn:aws:sts::444455556666:assumed-role/B/s, again 111122223333; mail a@b.io from 10.0.0.7`;
    const out = r.redact(text);
    expect(out).toBe(
      'arn:aws:iam::<ACCOUNT_1>:role/A calls arn:aws:sts::<ACCOUNT_2>:assumed-role/B/s, again <ACCOUNT_1>; mail <EMAIL_1> from <IP_1>',
    );
    expect(r.restore(out)).toBe(text);
    // The same Redactor keeps numbering across calls, so derived texts stay consistent.
    expect(r.redact('account 444455556666')).toBe('account <ACCOUNT_2>');
    expect(r.counts()).toEqual({ ACCOUNT: 2, EMAIL: 1, IP: 1 });
  });

  it('gives the same placeholders for the same structure, whoever pasted it (cache sharing)', () => {
    expect(redact('role arn:aws:iam::111122223333:role/X denied')).toBe(
      redact('role arn:aws:iam::999988887777:role/X denied'),
    );
  });

  it('keeps secrets masked when restoring unless asked, and never restores unknown placeholders', () => {
    const r = new Redactor();
    const out = r.redact(`key ${PLANTED.accessKey} secret_key=${PLANTED.secretKey} token ${PLANTED.slackBot}`);
    expect(out).toBe('key <ACCESS_KEY_1> secret_key=<SECRET_1> token <SLACK_TOKEN_1>');
    expect(r.restore('use <ACCESS_KEY_1>, rotate <SECRET_1> and <SLACK_TOKEN_1>; <ACCOUNT_9>')).toBe(
      `use ${PLANTED.accessKey}, rotate <SECRET_1> and <SLACK_TOKEN_1>; <ACCOUNT_9>`,
    );
    expect(r.restore('<SECRET_1>', { includeSecrets: true })).toBe(PLANTED.secretKey);
  });

  it('redacts customer identifiers and account IDs written in prose, not only key/value forms', () => {
    const r = new Redactor();
    const text = [
      'usage for customer cust-7f3a9b2c failed in account 123456789012',
      'CustomerIdentifier is abc123XYZ, customer ID was Qb5n9xR2 and customer identifier: 0ulokb7yk0f.',
      'the console shows account 1234-5678-9012',
    ].join('\n');
    const out = r.redact(text);
    expect(out).toBe(
      [
        'usage for customer <CUSTOMER_1> failed in account <ACCOUNT_1>',
        'CustomerIdentifier is <CUSTOMER_2>, customer ID was <CUSTOMER_3> and customer identifier: <CUSTOMER_4>.',
        'the console shows account <ACCOUNT_2>',
      ].join('\n'),
    );
    expect(r.restore(out)).toBe(text);
  });

  it('leaves prose about customers alone when no identifier follows', () => {
    const text =
      'the customer is not subscribed; customer 2 of 5 failed on 2026-11-20; customers were billed; CustomerIdentifier is invalid';
    expect(redact(text)).toBe(text);
  });

  it('leaves request IDs, UUIDs, hex digests, versions and loopback addresses alone', () => {
    const text =
      "requestId: '5d2c8a1e-1111-4a1b-9c1d-0123456789ab' sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 v1.2.3 127.0.0.1:8080 epoch 1795410000 ms 1795410000123";
    expect(redact(text)).toBe(text);
  });

  it('is linear on adversarial input (1 MiB of near-matches in well under a second)', () => {
    const chunks = [
      'a'.repeat(5000),
      '1'.repeat(5000),
      'AKIA'.repeat(2000),
      'x@'.repeat(3000),
      '1.1.1.'.repeat(2000),
      'A1a/'.repeat(3000),
      'password='.repeat(1000),
      '-----BEGIN PRIVATE KEY-----',
    ];
    let big = '';
    while (big.length < 1_048_576) big += chunks.join(' ');
    const started = performance.now();
    new Redactor().redact(big);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('redaction before Bedrock', () => {
  it('no planted secret or identifier reaches the intercepted Converse request body', async () => {
    const seen = captureBodies();
    interceptConverse().reply(200, (_u, body) => {
      seen.record(body);
      // The model echoes placeholders, as told; the user must get real identifiers back.
      return toolReply({
        ...goodInput,
        what: 'Role in account <ACCOUNT_1> breached the quota for customer <CUSTOMER_1>; key <ACCESS_KEY_1>, secret <SECRET_1>.',
      });
    });
    const paste = pasteWithSecrets();
    const diagnosis = diagnose(paste, catalog);
    expect(diagnosis.unmatched.length).toBeGreaterThan(0);
    const result = await makeAi().diagnoseUnknown({ paste, diagnosis });
    expect(seen.bodies).toHaveLength(1);

    const wire = JSON.stringify(seen.bodies[0]);
    for (const [name, value] of Object.entries(PLANTED)) {
      expect(wire, `${name} leaked to Bedrock`).not.toContain(value);
    }
    expect(wire).toMatch(/<ACCOUNT_\d>/);
    expect(wire).toMatch(/<CUSTOMER_\d>/);

    const what = result.answers[0]!.what;
    expect(what).toContain(PLANTED.account);
    expect(what).toContain(PLANTED.customer);
    expect(what).not.toContain(PLANTED.secretKey);
  });

  it('free-text customer identifiers and account IDs do not reach Bedrock and come back in the answer', async () => {
    const seen = captureBodies();
    interceptConverse().reply(200, (_u, body) => {
      seen.record(body);
      return toolReply({ ...goodInput, what: 'Customer <CUSTOMER_1> in account <ACCOUNT_1> (console <ACCOUNT_2>).' });
    });
    const customer = 'cust-7f3a9b2c';
    const account = '210987654321';
    const dashed = '3456-7890-1234';
    const paste = `MeterUsage failed with WeirdVendorException: usage for customer ${customer} failed in account ${account}
Our support said CustomerIdentifier is abc123XYZ and the account shown in the console is ${dashed}
role arn:aws:iam::${account}:role/MeterRole`;
    const diagnosis = diagnose(paste, catalog);
    const result = await makeAi().diagnoseUnknown({ paste, diagnosis });
    expect(seen.bodies).toHaveLength(1);

    const wire = JSON.stringify(seen.bodies[0]);
    for (const value of [customer, 'abc123XYZ', account, dashed]) expect(wire).not.toContain(value);
    expect(wire).toContain('customer <CUSTOMER_1> failed in account <ACCOUNT_1>');
    expect(wire).toContain('CustomerIdentifier is <CUSTOMER_2>');
    expect(wire).toContain('arn:aws:iam::<ACCOUNT_1>:role/MeterRole');
    expect(result.answers[0]!.what).toBe(`Customer ${customer} in account ${account} (console ${dashed}).`);
  });
});
