import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Catalog } from '../core/catalog/catalog.js';
import type { CompiledPhraseIndex } from '../core/catalog/phrase-index.js';
import { catalogEntrySchema, type CatalogEntry } from '../core/catalog/schema.js';

/**
 * The catalog compiled to JSON by `npm run build` (`meterdoc catalog compile`): parsing 88 YAML
 * files is most of a cold start's catalog load, and JSON.parse of the same data is a small
 * fraction of it. The file names the source hash it was compiled from (the catalog version), so a
 * loader uses it only while every knowledge file is unchanged; otherwise it parses the YAML as if
 * the file were not there. `meterdoc catalog check` says whether it is in sync.
 *
 * Besides the entries it keeps what a start would otherwise derive from them at length: the
 * catalog's phrase scan in its compiled form (`PhraseIndex.compiled()`: the trie numbered
 * breadth-first, a decode of one pass where building it from the phrases is most of the load).
 * Both were made by the code named in `code` (see codeFingerprint): a start on the same code
 * takes the entries as the schema returned them and expands the scan; on any other code it
 * validates the entries again and builds the scan from them, as without the file.
 *
 * It lives in dist/ (built with the code that validated it): from src/knowledge and from
 * dist/knowledge alike this resolves to <package>/dist/catalog.json.
 */
export const COMPILED_CATALOG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/catalog.json');

/** Bumped when the file's layout changes; a file of another format is ignored. */
const FORMAT = 2;

/** A typed array of unsigned integers, little-endian, in base64. */
const packedSchema = z.object({ bytes: z.union([z.literal(1), z.literal(2), z.literal(4)]), base64: z.string() });
type Packed = z.infer<typeof packedSchema>;

const compiledSchema = z.object({
  format: z.literal(FORMAT),
  /** The catalog version (hash of every knowledge file's path and text) it was compiled from. */
  version: z.string(),
  /** codeFingerprint() of the code that validated `entries` and built `scan`. */
  code: z.string(),
  /** The scan index's compiled form. */
  scan: z.object({
    key: z.string(),
    alphabet: packedSchema,
    childCounts: packedSchema,
    edgeClasses: packedSchema,
    endStates: packedSchema,
    endPhrases: packedSchema,
  }),
  entries: z.array(z.unknown()),
});

const HERE = fileURLToPath(import.meta.url);
/** The modules whose code makes what the file holds (the sources, or the build, whichever runs). */
const CODE_MODULES = ['catalog/schema', 'catalog/phrase-index'].map((m) =>
  resolve(dirname(HERE), '../core', `${m}${extname(HERE)}`),
);
let fingerprint: string | undefined | null = null;

/**
 * The code that validates the entries and builds the scan, as a hash of zod's version and the text
 * of the two modules that do it (the entry schema imports nothing but zod; the phrase index
 * nothing). What the catalog module derives from the entries is checked by the scan's own key.
 * A file compiled by any other code, or by the sources while the build runs (or the other way
 * round), has its entries validated and its scan built again. Undefined when a module can't be read.
 */
export function codeFingerprint(): string | undefined {
  if (fingerprint !== null) return fingerprint;
  try {
    const hash = createHash('sha256').update(`${JSON.stringify(z.core.version)}\0`);
    for (const path of CODE_MODULES) hash.update(readFileSync(path, 'utf8')).update('\0');
    fingerprint = hash.digest('hex').slice(0, 16);
  } catch {
    fingerprint = undefined;
  }
  return fingerprint;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Small = Uint8Array | Uint16Array | Uint32Array;

function pack(values: Small): Packed {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  const bytes = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const buffer = Buffer.alloc(values.length * bytes);
  for (let i = 0; i < values.length; i++) buffer.writeUIntLE(values[i]!, i * bytes, bytes);
  return { bytes, base64: buffer.toString('base64') };
}

function unpack({ bytes, base64 }: Packed): Small | undefined {
  const buffer = Buffer.from(base64, 'base64');
  if (buffer.length % bytes !== 0) return undefined;
  const values =
    bytes === 1
      ? new Uint8Array(buffer.length)
      : bytes === 2
        ? new Uint16Array(buffer.length / 2)
        : new Uint32Array(buffer.length / 4);
  if (bytes === 1 || LITTLE_ENDIAN) new Uint8Array(values.buffer).set(buffer);
  else for (let i = 0; i < values.length; i++) values[i] = buffer.readUIntLE(i * bytes, bytes);
  return values;
}

export function compiledCatalogText(catalog: Catalog): string {
  const scan = catalog.scanIndex.compiled();
  return JSON.stringify({
    format: FORMAT,
    version: catalog.version,
    code: codeFingerprint() ?? '',
    scan: {
      key: scan.key,
      alphabet: pack(scan.alphabet),
      childCounts: pack(scan.childCounts),
      edgeClasses: pack(scan.edgeClasses),
      endStates: pack(scan.endStates),
      endPhrases: pack(scan.endPhrases),
    },
    entries: catalog.entries,
  });
}

/** Writes atomically: a start racing a build never reads half a file. */
export function writeCompiledCatalog(path: string, catalog: Catalog): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, compiledCatalogText(catalog));
  renameSync(temp, path);
}

export type CompiledStatus =
  | {
      state: 'in-sync';
      entries: CatalogEntry[];
      /**
       * The scan index, for `new Catalog(entries, version, scan)` (which uses it only over the same
       * phrases); none when the file was compiled by other code.
       */
      scan?: CompiledPhraseIndex;
      /** Compiled by other code: the entries were validated again and the scan is left out. */
      otherCode: boolean;
    }
  | { state: 'absent' }
  | { state: 'stale'; compiledFrom: string }
  | { state: 'invalid'; problem: string };

/**
 * Reads the compiled catalog for `version`. Entries compiled by other code than the one running
 * are validated again with its schema, so a file written by an older build can never feed the app
 * a shape the code no longer expects: anything but an exact, valid match is reported and not used.
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
    // Parsed once per process: compiling zod's fast path for this shape costs a start more than it saves.
    const parsed = compiledSchema.safeParse(JSON.parse(raw), { jitless: true });
    if (!parsed.success)
      return { state: 'invalid', problem: parsed.error.issues[0]?.message ?? 'not a compiled catalog' };
    file = parsed.data;
  } catch (err) {
    return { state: 'invalid', problem: (err as Error).message };
  }
  if (file.version !== version) return { state: 'stale', compiledFrom: file.version };
  if (codeFingerprint() !== undefined && file.code === codeFingerprint()) {
    const scan = unpackScan(file.scan);
    if (!scan) return { state: 'invalid', problem: 'the scan tables are cut short' };
    return { state: 'in-sync', entries: file.entries as CatalogEntry[], scan, otherCode: false };
  }
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
  return { state: 'in-sync', entries, otherCode: true };
}

function unpackScan(scan: z.infer<typeof compiledSchema>['scan']): CompiledPhraseIndex | undefined {
  const alphabet = unpack(scan.alphabet);
  const childCounts = unpack(scan.childCounts);
  const edgeClasses = unpack(scan.edgeClasses);
  const endStates = unpack(scan.endStates);
  const endPhrases = unpack(scan.endPhrases);
  if (!alphabet || !childCounts || !edgeClasses || !endStates || !endPhrases) return undefined;
  return { key: scan.key, alphabet, childCounts, edgeClasses, endStates, endPhrases };
}

/**
 * What `meterdoc catalog check` says about the compiled catalog at `path` next to `catalog` (just
 * parsed from the YAML), or undefined when a start would use it whole. A stale or broken file is
 * never used (a start parses the YAML instead: right, only slower), and one compiled from these
 * files by other code is used for its entries but pays again what the code no longer matches.
 */
export function compiledCatalogNote(path: string, catalog: Catalog): string | undefined {
  const compiled = readCompiledCatalog(path, catalog.version);
  if (compiled.state === 'absent') return undefined;
  if (compiled.state === 'stale')
    return `is out of sync (compiled from catalog version ${compiled.compiledFrom}, the files are ${catalog.version}) and will not be used`;
  if (compiled.state === 'invalid') return `is out of sync (${compiled.problem}) and will not be used`;
  if (compiled.otherCode)
    return 'is in sync with the knowledge files but was compiled by other code: at every start its entries are validated again and the scan index is built';
  if (!new Catalog(compiled.entries, catalog.version, compiled.scan).scanIndex.fromCompiled)
    return "is in sync with the knowledge files but its scan index is over other phrases than this code's: it is built at every start";
  return undefined;
}
