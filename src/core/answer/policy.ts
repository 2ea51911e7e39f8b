import { AREAS_GRANTING_THE_PASTED_ACTION, type CatalogEntry } from '../catalog/schema.js';
import type { Facts } from '../facts.js';
import { takesNoResource } from './actions-without-resources.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string;
}

/** What an answer says about permissions: a document to attach, a note, or both. */
export interface PolicyAdvice {
  /** An IAM policy document, pretty-printed JSON. */
  document?: string;
  /** What the reader must do instead of (or besides) attaching the document. */
  note?: string;
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):/;

function sidFor(actions: readonly string[]): string {
  const prefix = actions[0]?.split(':')[0] ?? 'meterdoc';
  const words = prefix.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `MeterDocAllow${words.join('')}`;
}

/**
 * One Allow statement. Actions without resource-level permissions get `"Resource": "*"`; any other
 * action is scoped to `resource`, the ARN it acts on.
 */
export function buildStatement(actions: readonly string[], resource: string): PolicyStatement {
  const unique = [...new Set(actions)];
  return {
    Sid: sidFor(unique),
    Effect: 'Allow',
    Action: unique,
    Resource: unique.every(takesNoResource) ? '*' : resource,
  };
}

export function policyDocument(statement: PolicyStatement | readonly PolicyStatement[]): string {
  const statements = Array.isArray(statement) ? statement : [statement];
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** The service an ARN belongs to, as an IAM action prefix (roles are IAM resources that STS acts on). */
function actsOn(action: string, arn: string): boolean {
  const arnService = ARN.exec(arn)?.[1];
  const prefix = action.split(':')[0];
  return arnService === prefix || (prefix === 'sts' && arnService === 'iam');
}

function list(actions: readonly string[]): string {
  return actions.map((a) => `\`${a}\``).join(', ');
}

/** Why a statement for the role cannot fix this denial, when the message says so; undefined otherwise. */
function denialNote(facts: Facts): string | undefined {
  const policy = facts.denyingPolicy;
  if (facts.denial === 'explicit') {
    return `The message says a Deny in ${policy ? `${/^[aeiou]/.test(policy) ? 'an' : 'a'} ${policy}` : 'a policy'} refused this. A Deny always wins over an Allow, so no statement to attach will fix it: that Deny has to change or stop matching.`;
  }
  if (facts.denial === 'implicit' && policy && policy !== 'identity-based policy') {
    return `The message says no ${policy} allows this. Allowing it in the role's own policy is not enough: the ${policy} has to allow it too.`;
  }
  return undefined;
}

/**
 * Whether the message says something other than a missing Allow in the caller's own policies
 * refused the action: then no statement to attach can fix it.
 */
export function policyBlocks(facts: Facts): boolean {
  return denialNote(facts) !== undefined;
}

function actionsFor(entry: CatalogEntry, facts: Facts): string[] | undefined {
  const pasted =
    facts.action && (entry.match.iamActions.length > 0 || AREAS_GRANTING_THE_PASTED_ACTION.has(entry.area))
      ? [facts.action]
      : [];
  if (pasted.some((a) => !ACTION.test(a))) return undefined;
  return [...new Set([...pasted, ...entry.policyActions])];
}

/**
 * The permission advice for an answer. Actions without resource-level permissions are granted on
 * `"*"`; every other action only on the ARN the message names, or not at all (with a note saying
 * what to scope it to). An explicit deny, or an implicit one from a policy other than the role's own,
 * gets a note and no statement.
 */
export function policyFor(entry: CatalogEntry, facts: Facts): PolicyAdvice {
  const actions = actionsFor(entry, facts);
  if (!actions || actions.length === 0) return {};
  const blocked = denialNote(facts);
  if (blocked) return { note: blocked };

  const statements: PolicyStatement[] = [];
  const unscoped = actions.filter(takesNoResource);
  if (unscoped.length > 0) statements.push(buildStatement(unscoped, '*'));

  const scoped = actions.filter((a) => !takesNoResource(a));
  const resource = facts.resource && ARN.test(facts.resource) ? facts.resource : undefined;
  const onResource = resource ? scoped.filter((a) => actsOn(a, resource)) : [];
  if (resource && onResource.length > 0) statements.push(buildStatement(onResource, resource));
  const unplaced = scoped.filter((a) => !onResource.includes(a));

  const notes: string[] = [];
  if (unplaced.length > 0) {
    notes.push(
      `${list(unplaced)} ${unplaced.length === 1 ? 'needs' : 'need'} a statement scoped to the ARN of the resource ${unplaced.length === 1 ? 'it acts' : 'they act'} on, and the message names none. ` +
        `Add one with that ARN (never "Resource": "*"); the action's page in the Service Authorization Reference lists the resource types it accepts.`,
    );
  }
  return {
    ...(statements.length > 0 ? { document: policyDocument(statements) } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
