import type { ProxySettings } from '../net/proxy.js';

/**
 * Settings for the actions that touch AWS (read and validated by src/app/settings.ts).
 * Credentials are deliberately absent: the SDK's own chain (env, profile, SSO, container/instance
 * role, web identity) supplies them, and AWS_ENDPOINT_URL_* / AWS_REGION / AWS_MAX_ATTEMPTS are
 * read by the SDK itself.
 */
export interface ActionsConfig {
  allowedUsers: string[];
  allowedGroups: string[];
  iamCheckOpen: boolean;
  roleArn?: string;
  externalId?: string;
  /** Only when MeterDoc's actions must use a region other than the SDK's own (AWS_REGION, profile). */
  region?: string;
  /** The outbound proxy for the AWS clients; unset = connect directly. */
  proxy?: ProxySettings;
}
