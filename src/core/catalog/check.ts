import type { Catalog } from './catalog.js';
import { diagnose } from '../diagnose.js';

export interface ExampleFailure {
  entryId: string;
  example: string;
  problem: string;
}

/**
 * Runs every entry's examples through the diagnosis: each must be recognised as an error, and its
 * own entry must be the top finding with no other entry ranked above it.
 */
export function checkExamples(catalog: Catalog, now = new Date()): { examples: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let examples = 0;
  for (const entry of catalog.entries) {
    for (const example of entry.examples) {
      examples++;
      const result = diagnose(example, catalog, { now });
      const top = result.findings[0];
      if (!top) failures.push({ entryId: entry.id, example, problem: 'not recognised: no entry matched' });
      else if (top.entry.id !== entry.id) {
        const own = result.findings.find((f) => f.entry.id === entry.id) ?? (top.alternatives.includes(entry) ? 'an alternative' : undefined);
        failures.push({ entryId: entry.id, example, problem: `matched ${top.entry.id} first${own ? ` (own entry ranked lower)` : ''}` });
      } else if (!result.isError) failures.push({ entryId: entry.id, example, problem: `confidence ${top.confidence} is below the error threshold` });
    }
  }
  return { examples, failures };
}
