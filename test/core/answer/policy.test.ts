import { describe, expect, it } from 'vitest';
import { answerFromFinding, diagnose, type Answer } from '../../../src/core/index.js';
import { NOW, realCatalog } from '../helpers.js';

/** The answer MeterDoc gives for a paste: the top finding, filled with the paste's facts. */
function answerFor(paste: string): Answer {
  const finding = diagnose(paste, realCatalog(), { now: NOW }).findings[0];
  if (!finding) throw new Error(`no entry matched: ${paste}`);
  return answerFromFinding(finding);
}

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string;
}

function statements(answer: Answer): Statement[] {
  expect(answer.policy, 'a policy document').toBeDefined();
  return (JSON.parse(answer.policy!) as { Statement: Statement[] }).Statement;
}

describe('a denial of a resource-scoped action prints a statement scoped to the resource in the message', () => {
  it.each([
    [
      's3:PutObject on an object in a named bucket (botocore)',
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::210987654321:assumed-role/usage-exporter/i-07f3c2a9b1d4e5f60 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::acme-metering-exports/2026/11/23/usage-14.json" because no identity-based policy allows the s3:PutObject action',
      's3:PutObject',
      'arn:aws:s3:::acme-metering-exports/2026/11/23/usage-14.json',
    ],
    [
      'kms:Decrypt on a key (JS SDK v3)',
      "AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/meter-task-role/8c1e4b2a9d3f4e6a is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:210987654321:key/0f4e2d1c-9b8a-4c7d-8e6f-5a4b3c2d1e0f because no identity-based policy allows the kms:Decrypt action\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n  {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 400, requestId: '7d2a9c41-3b5e-4f60-8a1d-2c9e7b4f6a13', attempts: 1, totalRetryDelay: 0 }\n}",
      'kms:Decrypt',
      'arn:aws:kms:eu-west-1:210987654321:key/0f4e2d1c-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
    ],
    [
      'secretsmanager:GetSecretValue on a secret (Go v2)',
      'operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 3e9f1a7c-5b2d-4c8e-9a6f-1d3b5c7e9f20, api error AccessDeniedException: User: arn:aws:sts::210987654321:assumed-role/saas-metering/ecs-task-41 is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:210987654321:secret:metering/db-AbC123 because no identity-based policy allows the secretsmanager:GetSecretValue action',
      'secretsmanager:GetSecretValue',
      'arn:aws:secretsmanager:us-east-1:210987654321:secret:metering/db-AbC123',
    ],
  ])('%s', (_name, paste, action, arn) => {
    const answer = answerFor(paste);
    expect(statements(answer)).toEqual([expect.objectContaining({ Effect: 'Allow', Action: [action], Resource: arn })]);
    expect(answer.policy).not.toContain('"Resource": "*"');
  });

  it('prints no "*" statement when the message names no resource, and says what to scope instead', () => {
    const answer = answerFor(
      'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::210987654321:assumed-role/usage-exporter/i-07f3c2a9b1d4e5f60 is not authorized to perform: s3:PutObject because no identity-based policy allows the s3:PutObject action',
    );
    expect(answer.policy).toBeUndefined();
    expect(answer.policyNote).toMatch(/`s3:PutObject` needs a statement scoped to the ARN of the resource it acts on/);
    expect(answer.policyNote).toContain('never "Resource": "*"');
  });

  it('scopes sts:AssumeRole to the role the message names', () => {
    const answer = answerFor(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::111122223333:assumed-role/ci-runner/build-7731 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/MeteringPublisher',
    );
    expect(statements(answer)).toEqual([
      expect.objectContaining({
        Action: ['sts:AssumeRole'],
        Resource: 'arn:aws:iam::444455556666:role/MeteringPublisher',
      }),
    ]);
  });
});

describe('actions without resource-level permissions are granted on "*"', () => {
  it.each([
    [
      'aws-marketplace:BatchMeterUsage',
      'An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::210987654321:assumed-role/saas-metering/worker-3 is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action',
    ],
    [
      'organizations:ListAccounts',
      'An error occurred (AccessDeniedException) when calling the ListAccounts operation: User: arn:aws:sts::210987654321:assumed-role/cost-importer/import-20261123 is not authorized to perform: organizations:ListAccounts because no identity-based policy allows the organizations:ListAccounts action',
    ],
    [
      'ce:GetCostAndUsage',
      'An error occurred (AccessDeniedException) when calling the GetCostAndUsage operation: User: arn:aws:sts::210987654321:assumed-role/cost-importer/import-20261123 is not authorized to perform: ce:GetCostAndUsage because no identity-based policy allows the ce:GetCostAndUsage action',
    ],
  ])('%s', (action, paste) => {
    const [statement] = statements(answerFor(paste));
    expect(statement!.Action).toContain(action);
    expect(statement!.Resource).toBe('*');
  });
});

describe('a denial that a statement on the role cannot fix prints no statement to attach', () => {
  it.each([
    ['a service control policy', 'with an explicit deny in a service control policy'],
    ['a permissions boundary', 'with an explicit deny in a permissions boundary'],
    ['a session policy', 'with an explicit deny in a session policy'],
    ['a resource-based policy', 'with an explicit deny in a resource-based policy'],
    ['an identity-based policy', 'with an explicit deny in an identity-based policy'],
  ])('an explicit deny in %s', (policy, tail) => {
    const answer = answerFor(
      `An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::210987654321:assumed-role/usage-exporter/i-07f3c2a9b1d4e5f60 is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::acme-metering-exports/2026/11/23/usage-14.json" ${tail}`,
    );
    expect(answer.policy).toBeUndefined();
    expect(answer.policyNote).toContain(`a Deny in ${policy} refused this`);
    expect(answer.policyNote).toContain('no statement to attach will fix it');
  });

  it('an explicit deny of a metering action, whichever entry answers it', () => {
    const answer = answerFor(
      'An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::777788889999:assumed-role/eks-meter-irsa/botocore-session-1732370400 is not authorized to perform: aws-marketplace:MeterUsage with an explicit deny in a service control policy',
    );
    expect(answer.policy).toBeUndefined();
    expect(answer.policyNote).toMatch(/Deny in a service control policy/);
  });

  it('an explicit deny of a metering action leaves out every step that attaches a statement, and says who can change the Deny', () => {
    const answer = answerFor(
      'An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::210987654321:assumed-role/saas-metering/metering-job-1732370400 is not authorized to perform: aws-marketplace:BatchMeterUsage with an explicit deny in a service control policy',
    );
    expect(answer.entryId).toBe('metering-access-denied');
    const steps = [...answer.why, ...answer.fix].join('\n');
    expect(steps).not.toMatch(/statement below|Attach the policy|"Resource" "\*"|No identity-based policy/);
    expect(answer.fix.join('\n')).toContain(
      'aws organizations list-policies-for-target --target-id 210987654321 --filter SERVICE_CONTROL_POLICY',
    );
    expect(answer.fix.join('\n')).toContain('Send the failed records again within 24 hours for BatchMeterUsage');
  });

  it('the same denial without a Deny keeps the statement and the steps that attach it', () => {
    const answer = answerFor(
      'An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::210987654321:assumed-role/saas-metering/metering-job-1732370400 is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action',
    );
    expect(statements(answer)[0]).toMatchObject({ Action: ['aws-marketplace:BatchMeterUsage'], Resource: '*' });
    expect(answer.fix[0]).toMatch(/^Attach the policy statement below to saas-metering in the seller account/);
    expect(answer.fix.join('\n')).not.toContain('list-policies-for-target');
  });

  it('an implicit deny because no permissions boundary allows the action', () => {
    const answer = answerFor(
      'An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:sts::210987654321:assumed-role/meter-task-role/8c1e4b2a9d3f is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:210987654321:key/0f4e2d1c-9b8a-4c7d-8e6f-5a4b3c2d1e0f because no permissions boundary allows the kms:Decrypt action',
    );
    expect(answer.policy).toBeUndefined();
    expect(answer.policyNote).toContain('the permissions boundary has to allow it too');
    expect(answer.fix.join('\n')).not.toContain('statement below');
    expect(answer.fix.join('\n')).toContain(
      'aws iam get-role --role-name meter-task-role --query Role.PermissionsBoundary',
    );
  });
});
