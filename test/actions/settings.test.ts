import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/app/settings.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
const loadActionsConfig = (env: Record<string, string>) => loadSettings({ env: { ...SLACK, ...env } }).actions;

describe('loadActionsConfig', () => {
  it('splits users and user groups, accepting Slack mention syntax', () => {
    const c = loadActionsConfig({
      METERDOC_ALLOWED_USERS: 'U01ABC, <@W02DEF|bob> <!subteam^S03GHI|@oncall>',
      METERDOC_IAM_CHECK_OPEN: 'true',
    });
    expect(c).toEqual({ allowedUsers: ['U01ABC', 'W02DEF'], allowedGroups: ['S03GHI'], iamCheckOpen: true });
  });

  it('refuses junk IDs, a malformed role ARN and an external ID without a role — without echoing values', () => {
    expect(() => loadActionsConfig({ METERDOC_ALLOWED_USERS: 'alice' })).toThrow(SettingsError);
    expect(() => loadActionsConfig({ METERDOC_AWS_ROLE_ARN: 'arn:aws:iam::1:user/x' })).toThrow(/IAM role ARN/);
    try {
      loadActionsConfig({ METERDOC_AWS_EXTERNAL_ID: 'super-secret-external-id' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/METERDOC_AWS_ROLE_ARN/);
      expect((err as Error).message).not.toContain('super-secret-external-id');
    }
  });

  it('keeps the role and external ID for AssumeRole', () => {
    const c = loadActionsConfig({
      METERDOC_AWS_ROLE_ARN: 'arn:aws:iam::123456789123:role/MeteringRole',
      METERDOC_AWS_EXTERNAL_ID: 'abcd1234-12ab-12ab-12ab-abcdef123456',
      METERDOC_AWS_REGION: 'eu-central-1',
    });
    expect(c).toMatchObject({
      roleArn: 'arn:aws:iam::123456789123:role/MeteringRole',
      externalId: 'abcd1234-12ab-12ab-12ab-abcdef123456',
      region: 'eu-central-1',
      iamCheckOpen: false,
    });
  });
});
