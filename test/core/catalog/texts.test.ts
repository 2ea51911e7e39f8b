import { describe, expect, it } from 'vitest';
import { textsFor } from '../../../src/core/catalog/texts.js';
import type { CatalogText } from '../../../src/core/index.js';

const steps: CatalogText[] = [
  'Compare the product code character by character.',
  { text: 'Confirm the call runs in the seller account.', operations: ['BatchMeterUsage', 'ResolveCustomer'] },
  { text: 'Have the buyer relaunch the task.', operations: ['RegisterUsage'] },
];

describe('causes and fix steps limited to some operations', () => {
  it('keeps a limited step only for its operations', () => {
    expect(textsFor(steps, 'RegisterUsage')).toEqual([
      'Compare the product code character by character.',
      'Have the buyer relaunch the task.',
    ]);
    expect(textsFor(steps, 'BatchMeterUsage')).toEqual([
      'Compare the product code character by character.',
      'Confirm the call runs in the seller account.',
    ]);
    expect(textsFor(steps, 'MeterUsage')).toEqual(['Compare the product code character by character.']);
  });

  it('keeps every step when the operation is unknown, saying which operations a limited one is for', () => {
    expect(textsFor(steps, undefined)).toEqual([
      'Compare the product code character by character.',
      'For BatchMeterUsage and ResolveCustomer: Confirm the call runs in the seller account.',
      'For RegisterUsage: Have the buyer relaunch the task.',
    ]);
  });

  it('keeps them named when the failed call belongs to another service, made on behalf of a metering call the paste does not name', () => {
    expect(textsFor(steps, 'AssumeRoleWithWebIdentity')).toEqual(textsFor(steps, undefined));
  });
});

describe('causes and fix steps limited to one kind of permission denial', () => {
  const denialSteps: CatalogText[] = [
    { text: 'Attach the statement below.', denial: 'missing-allow' },
    { text: 'Ask the organization administrators to change the SCP.', denial: 'policy-blocks' },
    { text: 'Resend the records.', operations: ['BatchMeterUsage'], denial: 'missing-allow' },
    'Check with the policy simulator.',
  ];

  it('a missing Allow keeps the steps that attach a statement', () => {
    expect(textsFor(denialSteps, { operation: 'BatchMeterUsage', policyBlocks: false })).toEqual([
      'Attach the statement below.',
      'Resend the records.',
      'Check with the policy simulator.',
    ]);
  });

  it("a Deny, or a policy other than the caller's own, keeps only what can change it", () => {
    expect(textsFor(denialSteps, { operation: 'BatchMeterUsage', policyBlocks: true })).toEqual([
      'Ask the organization administrators to change the SCP.',
      'Check with the policy simulator.',
    ]);
  });

  it('without denial facts (the AI prompt) every step is listed', () => {
    expect(textsFor(denialSteps, undefined)).toHaveLength(4);
  });
});
