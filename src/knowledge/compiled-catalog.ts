import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { catalogEntrySchema, type CatalogEntry } from '../core/catalog/schema.js';

/**
 * The catalog compiled to JSON by `npm run build` (`meterdoc catalog compile`): parsing 84 YAML
 * files is most of a cold start's catalog load, and JSON.parse of the same data is a small
 * fraction of it. The file names the source hash it was compiled from (the catalog version), so a
 * loader uses it only while every knowledge file is unchanged; otherwise it parses the YAML as if
 * the file were not there. `meterdoc catalog check` says whether it is in sync.
 *
 * It lives in dist/ (built with the code that validated it): from src/knowledge and from
 * dist/knowledge alike this resolves to <package>/dist/catalog.json.
 */
export const COMPILED_CATALOG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/catalog.json');

/** Bumped when the file's layout changes; a file of another format is ignored. */
const FORMAT = 1;

const compiledSchema = z.object({
  format: z.literal(FORMAT),
  /** The catalog version (hash of every knowledge file's path and text) it was compiled from. */
  version: z.string(),
  entries: z.array(z.unknown()),
});

export function compiledCatalogText(version: string, entries: readonly CatalogEntry[]): string {
  return JSON.stringify({ format: FORMAT, version, entries });
}

/** Writes atomically: a start racing a build never reads half a file. */
export function writeCompiledCatalog(path: string, version: string, entries: readonly CatalogEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, compiledCatalogText(version, entries));
  renameSync(temp, path);
}

export type CompiledStatus =
  | { state: 'in-sync'; entries: CatalogEntry[] }
  | { state: 'absent' }
  | { state: 'stale'; compiledFrom: string }
  | { state: 'invalid'; problem: string };

/**
 * Reads the compiled catalog for `version`. Entries are validated again with the schema (cheap
 * next to YAML parsing), so a file written by an older build can never feed the app a shape the
 * code no longer expects: anything but an exact, valid match is reported and not used.
 */
export function readCompiledCatalog(path: string, version: string): CompiledStatus {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return { state: 'absent' };
  }
  let file: z.infer<typeof compiledSchema>;
  try {
    const parsed = compiledSchema.safeParse(JSON.parse(raw));
    if (!parsed.success)
      return { state: 'invalid', problem: parsed.error.issues[0]?.message ?? 'not a compiled catalog' };
    file = parsed.data;
  } catch (err) {
    return { state: 'invalid', problem: (err as Error).message };
  }
  if (file.version !== version) return { state: 'stale', compiledFrom: file.version };
  const entries: CatalogEntry[] = [];
  for (const entry of file.entries) {
    const parsed = catalogEntrySchema.safeParse(entry);
    if (!parsed.success)
      return {
        state: 'invalid',
        problem: `an entry no longer fits the schema: ${parsed.error.issues[0]?.message ?? ''}`,
      };
    entries.push(parsed.data);
  }
  return { state: 'in-sync', entries };
}
