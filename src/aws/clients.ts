import { IAMClient } from '@aws-sdk/client-iam';
import { MarketplaceMeteringClient } from '@aws-sdk/client-marketplace-metering';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  RetryStrategy,
  RetryStrategyV2,
} from '@smithy/types';
import type { ActionsConfig } from '../actions/settings.js';
import { hasProxy } from '../net/proxy.js';
import { AWS_CALL_TIMEOUTS, awsRequestHandler, longestCallMs, type AwsCallTimeouts } from './http-handler.js';
import { EnvProxyAgent } from './proxy-agent.js';

/**
 * The AWS clients behind MeterDoc's actions. Nothing here names an endpoint or reads a key: the
 * SDK resolves credentials, region and endpoints (AWS_ENDPOINT_URL_MARKETPLACE_METERING, _STS,
 * _IAM) exactly as it would for any other program, so what the IAM check reports is what a
 * retry uses. Every client has its own HTTP handler with connection and request timeouts, and
 * the proxy agent when a proxy is configured (the SDK's web-identity credentials inherit the
 * handler, so an AssumeRoleWithWebIdentity goes the same way). Tests inject fake credentials, a
 * region, a fast retry strategy and short timeouts.
 */
export interface AwsClientOverrides {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region?: string;
  maxAttempts?: number;
  retryStrategy?: RetryStrategy | RetryStrategyV2;
  timeouts?: AwsCallTimeouts;
}

export interface AwsClients {
  /** Signed with the source credentials (before any role is assumed). */
  sourceSts: STSClient;
  /** Signed with the credentials actions use (the assumed role when one is configured). */
  sts: STSClient;
  iam: IAMClient;
  metering: MarketplaceMeteringClient;
  roleArn?: string;
  /** The credentials actions use; resolving them performs the AssumeRole when configured. */
  credentials: AwsCredentialIdentityProvider;
  timeouts: AwsCallTimeouts;
  /** The longest one Metering call can take with the attempts the SDK resolved (AWS_MAX_ATTEMPTS, default 3). */
  longestMeteringCallMs(): Promise<number>;
}

/** Sessions are short: an action takes seconds, and a leaked session should be worthless soon. */
const SESSION_SECONDS = 900;
/** Renew a little before expiry so a long retry never signs with a dying session. */
const RENEW_BEFORE_MS = 120_000;
const SESSION_NAME = 'meterdoc-actions';

/**
 * AssumeRole with the external ID, cached until shortly before the session expires. The call goes
 * through `sourceSts`, so AWS_ENDPOINT_URL_STS and the source credential chain apply to it.
 * Concurrent callers share one in-flight AssumeRole.
 */
export function assumeRoleProvider(
  sourceSts: STSClient,
  roleArn: string,
  externalId: string | undefined,
  clock: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - clock() > RENEW_BEFORE_MS) return cached;
    inFlight ??= (async () => {
      try {
        const out = await sourceSts.send(
          new AssumeRoleCommand({
            RoleArn: roleArn,
            RoleSessionName: SESSION_NAME,
            DurationSeconds: SESSION_SECONDS,
            ...(externalId ? { ExternalId: externalId } : {}),
          }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
          throw new Error(`AssumeRole of ${roleArn} returned no credentials`);
        cached = {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          ...(c.Expiration ? { expiration: c.Expiration } : {}),
        };
        return cached;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}

export function createAwsClients(
  config: Pick<ActionsConfig, 'roleArn' | 'externalId' | 'region' | 'proxy'>,
  overrides: AwsClientOverrides = {},
): AwsClients {
  const region = overrides.region ?? config.region;
  const timeouts = overrides.timeouts ?? AWS_CALL_TIMEOUTS;
  const options = {
    ...(region ? { region } : {}),
    ...(overrides.maxAttempts !== undefined ? { maxAttempts: overrides.maxAttempts } : {}),
    ...(overrides.retryStrategy ? { retryStrategy: overrides.retryStrategy } : {}),
  };
  // A handler per client: destroying one client closes its own sockets only.
  const proxy = config.proxy;
  const shared = () => {
    const agent = hasProxy(proxy) ? new EnvProxyAgent(proxy) : undefined;
    return {
      ...options,
      requestHandler: awsRequestHandler(timeouts, agent ? { httpAgent: agent, httpsAgent: agent } : {}),
    };
  };
  const sourceSts = new STSClient({
    ...shared(),
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  });
  let credentials: AwsCredentialIdentityProvider;
  if (config.roleArn) credentials = assumeRoleProvider(sourceSts, config.roleArn, config.externalId);
  else if (typeof overrides.credentials === 'function') credentials = overrides.credentials;
  else if (overrides.credentials) {
    const fixed = overrides.credentials;
    credentials = async () => fixed;
  } else {
    // Let the source STS client resolve the default chain once and share it with the others.
    credentials = () => sourceSts.config.credentials();
  }
  const metering = new MarketplaceMeteringClient({ ...shared(), credentials });
  return {
    sourceSts,
    sts: config.roleArn ? new STSClient({ ...shared(), credentials }) : sourceSts,
    iam: new IAMClient({ ...shared(), credentials }),
    metering,
    ...(config.roleArn ? { roleArn: config.roleArn } : {}),
    credentials,
    timeouts,
    longestMeteringCallMs: async () => longestCallMs(timeouts, await metering.config.maxAttempts()),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const c of new Set([clients.sourceSts, clients.sts, clients.iam, clients.metering])) c.destroy();
}
