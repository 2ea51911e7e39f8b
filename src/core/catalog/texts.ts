import type { CatalogText } from './schema.js';

/** The words of a cause or fix step, without its operation scope. */
export function textOf(item: CatalogText): string {
  return typeof item === 'string' ? item : item.text;
}

/** The operations a cause or fix step is limited to; empty means it applies to every operation. */
export function operationsOf(item: CatalogText): readonly string[] {
  return typeof item === 'string' ? [] : item.operations;
}

function spokenList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The causes or fix steps that hold for `operation`. A step limited to other operations is left out;
 * when the operation is unknown, a limited step is kept and says which operations it is for.
 */
export function textsFor(items: readonly CatalogText[], operation: string | undefined): string[] {
  const texts: string[] = [];
  for (const item of items) {
    const scope = operationsOf(item);
    if (scope.length === 0) texts.push(textOf(item));
    else if (operation === undefined) texts.push(`For ${spokenList(scope)}: ${textOf(item)}`);
    else if (scope.includes(operation)) texts.push(textOf(item));
  }
  return texts;
}
