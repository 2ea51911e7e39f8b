import type { Catalog } from './catalog.js';

/** One service's model: each operation and the error shapes it raises, and where that came from. */
export interface ServiceModel {
  /** e.g. `@aws-sdk/client-marketplace-metering 3.1138.0` or `botocore 1.43.11 (ce 2017-10-25)`. */
  source: string;
  operations: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Service models keyed by endpoint prefix, as catalog entries name services (`metering.marketplace`, `ce`). */
export type ServiceModels = ReadonlyMap<string, ServiceModel>;

export interface ModelMismatch {
  entryId: string;
  problem: string;
}

interface EntryModel {
  sources: string[];
  operations: Map<string, Set<string>>;
}

/** The union of the models of the services an entry names; undefined when none of them is modeled. */
function modelFor(services: readonly string[], models: ServiceModels): EntryModel | undefined {
  const known = services.map((s) => models.get(s)).filter((m): m is ServiceModel => m !== undefined);
  if (known.length === 0) return undefined;
  const operations = new Map<string, Set<string>>();
  for (const model of known) {
    for (const [op, errors] of model.operations)
      operations.set(op, new Set([...(operations.get(op) ?? []), ...errors]));
  }
  return { sources: known.map((m) => m.source), operations };
}

/**
 * Checks every entry's operations and codes against the service models. Codes that are not modeled
 * errors of the service (AccessDenied, record statuses, network errors, wire aliases) are not checked.
 * An entry fails when it lists an operation the service does not have, pairs an operation with a
 * modeled code that operation does not raise, or leaves out an operation that raises its code.
 */
export function checkAgainstModels(catalog: Catalog, models: ServiceModels): ModelMismatch[] {
  const mismatches: ModelMismatch[] = [];
  for (const entry of catalog.entries) {
    const model = modelFor(entry.services, models);
    if (!model) continue;
    const from = model.sources.join(', ');
    const add = (problem: string) => mismatches.push({ entryId: entry.id, problem: `${problem} (${from})` });
    const modeled = new Set([...model.operations.values()].flatMap((errors) => [...errors]));
    const codes = entry.match.codes.filter((c) => modeled.has(c));
    const listed = entry.match.operations;

    for (const op of listed) {
      const raises = model.operations.get(op);
      if (!raises) {
        add(`${op} is not an operation of ${entry.services.join(', ')}`);
        continue;
      }
      for (const code of codes) if (!raises.has(code)) add(`${op} never raises ${code}`);
    }
    if (listed.length === 0) continue;
    for (const [op, raises] of model.operations) {
      if (listed.includes(op)) continue;
      const missed = codes.filter((c) => raises.has(c));
      if (missed.length > 0) add(`${op} also raises ${missed.join(', ')} but is not listed`);
    }
  }
  return mismatches;
}
