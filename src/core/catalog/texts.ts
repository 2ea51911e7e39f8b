import { serviceFromOperation } from '../extract/facts-extract.js';
import type { CatalogText, DenialScope } from './schema.js';

/** The words of a cause or fix step, without its operation scope. */
export function textOf(item: CatalogText): string {
  return typeof item === 'string' ? item : item.text;
}

/** The operations a cause or fix step is limited to; empty means it applies to every operation. */
export function operationsOf(item: CatalogText): readonly string[] {
  return typeof item === 'string' ? [] : (item.operations ?? []);
}

/** The kind of permission denial a step is limited to, if any. */
export function denialOf(item: CatalogText): DenialScope | undefined {
  return typeof item === 'string' ? undefined : item.denial;
}

/**
 * What an answer knows about the paste that decides which steps hold. `policyBlocks`: the message
 * says a Deny, or a policy other than the caller's own, refused the action (see policy.ts). Left
 * out (the AI prompt, which lists every step), denial-scoped steps are all kept.
 */
export interface TextScope {
  operation: string | undefined;
  policyBlocks?: boolean;
}

function denialHolds(scope: DenialScope | undefined, policyBlocks: boolean | undefined): boolean {
  if (scope === undefined || policyBlocks === undefined) return true;
  return scope === 'policy-blocks' ? policyBlocks : !policyBlocks;
}

function spokenList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Whether the paste's operation tells which of a step's operations the reader was running. A failed
 * call to another service (AssumeRoleWithWebIdentity, an SSO token refresh) was made on behalf of
 * some metering call the paste does not name, so a step limited to metering operations may hold.
 */
function decides(operation: string, scope: readonly string[]): boolean {
  const service = serviceFromOperation(operation);
  return service !== undefined && scope.some((op) => serviceFromOperation(op) === service);
}

/**
 * The causes or fix steps that hold for `operation`. A step limited to other operations of the same
 * service is left out; when the operation is unknown or belongs to another service, a limited step is
 * kept and says which operations it is for. A step limited to one kind of permission denial is left
 * out when the paste shows the other kind.
 */
export function textsFor(items: readonly CatalogText[], context: string | undefined | TextScope): string[] {
  const { operation, policyBlocks } =
    typeof context === 'object' ? context : { operation: context, policyBlocks: undefined };
  const texts: string[] = [];
  for (const item of items) {
    if (!denialHolds(denialOf(item), policyBlocks)) continue;
    const scope = operationsOf(item);
    if (scope.length === 0) texts.push(textOf(item));
    else if (operation === undefined || !decides(operation, scope))
      texts.push(`For ${spokenList(scope)}: ${textOf(item)}`);
    else if (scope.includes(operation)) texts.push(textOf(item));
  }
  return texts;
}
