import type { CatalogEntry } from '../catalog/schema.js';
import type { Facts } from '../facts.js';

/** IAM actions whose services take no resource ARNs: the statement must say `"Resource": "*"`. */
const STAR_RESOURCE_PREFIXES = ['aws-marketplace:', 'ce:', 'organizations:'];

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string;
}

function sidFor(actions: string[]): string {
  const prefix = actions[0]?.split(':')[0] ?? 'meterdoc';
  const words = prefix.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `MeterDocAllow${words.join('')}`;
}

/**
 * The statement that grants what the error says is missing: the pasted action plus the entry's
 * usual companions. `sts:AssumeRole` is scoped to the role named in the error; services without
 * resource-level permissions get `*`.
 */
export function buildStatement(actions: string[], resource: string | undefined): PolicyStatement {
  const unique = [...new Set(actions)];
  const needsStar = unique.some((a) => STAR_RESOURCE_PREFIXES.some((p) => a.startsWith(p)));
  const scoped = !needsStar && resource && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(resource) ? resource : '*';
  return { Sid: sidFor(unique), Effect: 'Allow', Action: unique, Resource: scoped };
}

export function policyDocument(statement: PolicyStatement): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
}

/** The policy document an answer should show, or undefined when no permission is missing. */
export function policyStatementFor(entry: CatalogEntry, facts: Facts): string | undefined {
  const actions = [...(facts.action && (entry.match.iamActions.length > 0 || entry.area === 'permissions') ? [facts.action] : []), ...entry.policyActions];
  if (actions.length === 0) return undefined;
  if (facts.action && !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(facts.action)) return undefined;
  return policyDocument(buildStatement(actions, facts.resource));
}
