import { SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import { BatchMeterUsageCommand } from '@aws-sdk/client-marketplace-metering';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { buildStatement, policyDocument, type PolicyStatement } from '../core/answer/policy.js';
import type { AwsClients } from './clients.js';
import { errorName, isAccessDeniedError } from './error-classification.js';

/**
 * The IAM check: who MeterDoc is in AWS, whether the configured role can be assumed, where the
 * metering client sends requests, and — through iam:SimulatePrincipalPolicy — whether the role
 * behind the error (or MeterDoc's own) may call what metering needs. Each line is ✅ passed,
 * ❌ failed (with the fix) or ⚠️ could not be checked (with the reason). No secret is ever put in
 * the report: no keys, no session token, no external ID.
 */

export const METERING_ACTIONS = [
  'aws-marketplace:BatchMeterUsage',
  'aws-marketplace:MeterUsage',
  'aws-marketplace:RegisterUsage',
  'aws-marketplace:ResolveCustomer',
  'aws-marketplace:GetEntitlements',
] as const;
export const COST_IMPORT_ACTIONS = ['ce:GetCostAndUsage', 'organizations:ListAccounts'] as const;

export type CheckMark = 'pass' | 'fail' | 'unknown';

export interface CheckItem {
  mark: CheckMark;
  label: string;
  detail?: string;
}

export interface IamCheckReport {
  items: CheckItem[];
  /** Actions an Allow statement would fix. */
  missingActions: string[];
  /** The policy document to attach for `missingActions`. */
  policy?: string;
  /** The principal the simulation was run for. */
  simulatedFor?: string;
  identity?: { arn: string; account: string };
  region?: string;
  endpoint?: string;
  /** Request IDs of the AWS calls made, for the audit log. */
  requestIds: string[];
}

export interface IamCheckOptions {
  /** The role ARN behind the principal named in the paste (an assumed-role session's role). */
  principalRoleArn?: string;
}

interface AwsErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string };
}

function describe(err: unknown): string {
  const e = err as AwsErrorLike;
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${(e?.message ?? String(err)).slice(0, 300)}`;
}

/** The IAM role ARN for an assumed-role session ARN (the path is not in the session ARN). */
export function roleArnFromCaller(arn: string): string | undefined {
  const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  if (assumed) return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  if (/^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/.+$/.test(arn)) return arn;
  return undefined;
}

async function whoAmI(sts: STSClient, requestIds: string[]): Promise<{ arn: string; account: string }> {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  if (out.$metadata.requestId) requestIds.push(out.$metadata.requestId);
  return { arn: out.Arn ?? '(unknown)', account: out.Account ?? '(unknown)' };
}

function policyFor(actions: string[]): string | undefined {
  if (actions.length === 0) return undefined;
  const byPrefix = new Map<string, string[]>();
  for (const a of actions) {
    const prefix = a.split(':')[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), a]);
  }
  // The checked actions (metering, entitlement, Cost Explorer, Organizations) take no resource ARNs, so "*".
  const statements: PolicyStatement[] = [...byPrefix.values()].map((list) => buildStatement(list, '*'));
  return policyDocument(statements);
}

function judge(result: EvaluationResult): { item: CheckItem; missing: boolean } {
  const action = result.EvalActionName ?? '(unknown action)';
  const label = `\`${action}\`${(COST_IMPORT_ACTIONS as readonly string[]).includes(action) ? ' (cost imports)' : ''}`;
  if (result.EvalDecision === 'allowed') return { item: { mark: 'pass', label, detail: 'allowed' }, missing: false };
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
    return {
      item: {
        mark: 'fail',
        label,
        detail:
          'denied by a service control policy (SCP) in AWS Organizations: an Allow on the role will not help; ask the organization admin',
      },
      missing: false,
    };
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false)
    return {
      item: {
        mark: 'fail',
        label,
        detail: "denied by the role's permissions boundary: allow it in the boundary as well",
      },
      missing: false,
    };
  if (result.EvalDecision === 'explicitDeny') {
    const where = (result.MatchedStatements ?? []).map((s) => s.SourcePolicyId).filter(Boolean);
    return {
      item: {
        mark: 'fail',
        label,
        detail: `explicitly denied${where.length ? ` by ${where.join(', ')}` : ''}: remove that Deny; an Allow cannot override it`,
      },
      missing: false,
    };
  }
  return {
    item: { mark: 'fail', label, detail: 'no policy allows it (implicit deny): attach the statement below' },
    missing: true,
  };
}

export async function iamCheck(clients: AwsClients, options: IamCheckOptions = {}): Promise<IamCheckReport> {
  const report: IamCheckReport = { items: [], missingActions: [], requestIds: [] };

  // 1. The source credentials (the SDK chain).
  let source: { arn: string; account: string } | undefined;
  try {
    source = await whoAmI(clients.sourceSts, report.requestIds);
    report.items.push({ mark: 'pass', label: 'AWS credentials', detail: `${source.arn} (account ${source.account})` });
  } catch (err) {
    report.items.push({
      mark: 'fail',
      label: 'AWS credentials',
      detail: `sts:GetCallerIdentity failed — ${describe(err)}. It needs no permission, so this is the credentials, the clock or the network, not IAM.`,
    });
  }

  // 2. The role actions run as.
  let identity = source;
  if (clients.roleArn) {
    if (!source) {
      report.items.push({
        mark: 'unknown',
        label: `Assume role ${clients.roleArn}`,
        detail: 'not tried: the source credentials do not work',
      });
      identity = undefined;
    } else {
      try {
        await clients.credentials();
        identity = await whoAmI(clients.sts, report.requestIds);
        report.items.push({
          mark: 'pass',
          label: `Assume role ${clients.roleArn}`,
          detail: `acting as ${identity.arn}`,
        });
      } catch (err) {
        identity = undefined;
        const hint = isAccessDeniedError(errorName(err))
          ? ` The role's trust policy must trust ${source.arn} (with the external ID condition, if one is set), and that principal needs sts:AssumeRole on the role.`
          : '';
        report.items.push({
          mark: 'fail',
          label: `Assume role ${clients.roleArn}`,
          detail: `${describe(err)}.${hint}`,
        });
      }
    }
  }
  if (identity) report.identity = identity;

  // 3. Where metering calls go: the SDK's own resolution, so AWS_ENDPOINT_URL_MARKETPLACE_METERING shows here.
  try {
    const region = await clients.metering.config.region();
    report.region = region;
    const endpoint = await getEndpointFromInstructions(
      {},
      BatchMeterUsageCommand as never,
      clients.metering.config as never,
    );
    report.endpoint = endpoint.url.href;
    const custom = (clients.metering.config as { isCustomEndpoint?: boolean }).isCustomEndpoint
      ? ' (custom endpoint from configuration)'
      : '';
    report.items.push({
      mark: 'pass',
      label: 'Metering client',
      detail: `region ${region}, endpoint ${endpoint.url.href}${custom}`,
    });
  } catch (err) {
    report.items.push({
      mark: 'fail',
      label: 'Metering client',
      detail: `cannot resolve the region or endpoint — ${describe(err)}. Set AWS_REGION (or METERDOC_AWS_REGION).`,
    });
  }

  // 4. Permissions, by simulation.
  const actions = [...METERING_ACTIONS, ...COST_IMPORT_ACTIONS];
  const target =
    options.principalRoleArn ?? clients.roleArn ?? (identity ? roleArnFromCaller(identity.arn) : undefined);
  const whose = options.principalRoleArn ? 'the role named in the error' : 'MeterDoc’s own role';
  if (!target) {
    const reason = identity
      ? `cannot simulate for ${identity.arn} (root or federated principals have no IAM policy to simulate)`
      : 'no working identity to simulate for';
    for (const a of actions) report.items.push({ mark: 'unknown', label: `\`${a}\``, detail: reason });
    return report;
  }
  report.simulatedFor = target;
  const results: EvaluationResult[] = [];
  try {
    let marker: string | undefined;
    do {
      const out = await clients.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: target,
          ActionNames: actions,
          ...(marker ? { Marker: marker } : {}),
        }),
      );
      if (out.$metadata.requestId) report.requestIds.push(out.$metadata.requestId);
      results.push(...(out.EvaluationResults ?? []));
      marker = out.IsTruncated ? out.Marker : undefined;
    } while (marker);
  } catch (err) {
    const name = errorName(err);
    let reason = `iam:SimulatePrincipalPolicy failed — ${describe(err)}`;
    if (isAccessDeniedError(name)) {
      reason = `iam:SimulatePrincipalPolicy is not allowed for ${identity?.arn ?? 'MeterDoc'}, so permissions could not be checked`;
      report.items.push({
        mark: 'unknown',
        label: 'Permission simulation',
        detail: `${reason}. To enable this check, allow it on the simulated role:\n${policyDocument(buildStatement(['iam:SimulatePrincipalPolicy'], target))}`,
      });
    } else if (/NoSuchEntity/.test(name)) {
      reason = `${target} was not found in this account (another account, or a role with a path: set METERDOC_AWS_ROLE_ARN to the full ARN)`;
      report.items.push({ mark: 'unknown', label: 'Permission simulation', detail: reason });
    } else report.items.push({ mark: 'unknown', label: 'Permission simulation', detail: reason });
    for (const a of actions)
      report.items.push({ mark: 'unknown', label: `\`${a}\``, detail: 'could not check (see above)' });
    return report;
  }

  report.items.push({ mark: 'pass', label: 'Permission simulation', detail: `simulated for ${whose}: ${target}` });
  const seen = new Set<string>();
  for (const result of results) {
    const { item, missing } = judge(result);
    if (result.EvalActionName) seen.add(result.EvalActionName);
    report.items.push(item);
    if (missing && result.EvalActionName) report.missingActions.push(result.EvalActionName);
  }
  for (const a of actions)
    if (!seen.has(a))
      report.items.push({ mark: 'unknown', label: `\`${a}\``, detail: 'the simulation returned no result for it' });
  const policy = policyFor(report.missingActions);
  if (policy) report.policy = policy;
  return report;
}
