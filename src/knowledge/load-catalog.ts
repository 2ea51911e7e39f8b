import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { Catalog } from '../core/catalog/catalog.js';
import { catalogEntrySchema, type CatalogEntry } from '../core/catalog/schema.js';
import { textOf } from '../core/catalog/texts.js';
import { PLACEHOLDERS } from '../core/facts.js';
import { COMPILED_CATALOG_PATH, readCompiledCatalog } from './compiled-catalog.js';

/** The catalog shipped with MeterDoc. */
export const DEFAULT_KNOWLEDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../knowledge');

/** A knowledge file that cannot be used, with the path and field at fault. */
export class CatalogLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CatalogLoadError';
  }
}

const KNOWN_PLACEHOLDERS = new Set<string>(PLACEHOLDERS);
const PLACEHOLDER_NAME = /\{\{([^}|]*)(?:\|[^}]*)?\}\}/g;

function listYamlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, dirent.name);
    if (dirent.isDirectory()) files.push(...listYamlFiles(path));
    else if (/\.ya?ml$/.test(dirent.name)) files.push(path);
  }
  return files.sort();
}

function placeholderProblems(entry: CatalogEntry): string[] {
  const texts: Array<[string, string]> = [
    ['what', entry.what],
    ...entry.why.map((t, i): [string, string] => [`why[${i}]`, textOf(t)]),
    ...entry.fix.map((t, i): [string, string] => [`fix[${i}]`, textOf(t)]),
  ];
  const problems: string[] = [];
  for (const [field, text] of texts) {
    for (const m of text.matchAll(PLACEHOLDER_NAME)) {
      const name = (m[1] ?? '').trim();
      if (!KNOWN_PLACEHOLDERS.has(name))
        problems.push(`${field}: unknown placeholder {{${name}}} (known: ${PLACEHOLDERS.join(', ')})`);
    }
  }
  return problems;
}

/** Parses and validates one knowledge file; throws CatalogLoadError naming the file and field. */
export function parseEntryFile(path: string, source: string, displayPath = path): CatalogEntry {
  let raw: unknown;
  try {
    raw = parseYaml(source, { prettyErrors: true });
  } catch (err) {
    const detail = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    throw new CatalogLoadError(displayPath, [`not valid YAML: ${detail}`]);
  }
  const parsed = catalogEntrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogLoadError(
      displayPath,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`),
    );
  }
  const entry = parsed.data;
  const problems = placeholderProblems(entry);
  const expectedName = basename(path).replace(/\.ya?ml$/, '');
  if (expectedName !== entry.id) problems.push(`id: "${entry.id}" must equal the file name "${expectedName}"`);
  if (problems.length > 0) throw new CatalogLoadError(displayPath, problems);
  return entry;
}

export interface LoadCatalogOptions {
  /**
   * The compiled catalog to use when it matches the knowledge files (see compiled-catalog.ts);
   * `false` always parses the YAML. Defaults to dist/catalog.json.
   */
  compiled?: string | false;
}

/** The knowledge files under `dir`, read, and the catalog version: a hash of their paths and texts. */
/** One knowledge file; `folder` is its first folder under the knowledge directory (none at the top level). */
export interface KnowledgeFile {
  path: string;
  source: string;
  folder?: string;
}

export function readKnowledgeFiles(dir: string = DEFAULT_KNOWLEDGE_DIR): { files: KnowledgeFile[]; version: string } {
  const paths = listYamlFiles(dir);
  if (paths.length === 0) throw new CatalogLoadError(dir, ['no knowledge files (*.yaml) found']);
  const hash = createHash('sha256');
  const files = paths.map((path): KnowledgeFile => {
    // Hashed as read (the UTF-8 a text hashes to) and decoded only when asked: a start from the
    // compiled catalog needs the version, not the text.
    const bytes = readFileSync(path);
    hash.update(relative(dir, path)).update('\0').update(bytes).update('\0');
    const folder = relative(dir, dirname(path)).split(sep)[0];
    return {
      path,
      get source() {
        return bytes.toString('utf8');
      },
      ...(folder ? { folder } : {}),
    };
  });
  return { files, version: hash.digest('hex').slice(0, 12) };
}

/** Parses and validates every file. Fails on the first broken file, or on duplicate ids. */
export function parseKnowledgeFiles(files: ReadonlyArray<KnowledgeFile>): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const seen = new Map<string, string>();
  for (const { path, source, folder } of files) {
    const display = relative(process.cwd(), path) || path;
    const entry = parseEntryFile(path, source, display);
    // knowledge/<area>/<id>.yaml: the folder is where a reader looks for an entry, so it must say the same as `area`.
    if (folder !== undefined && folder !== entry.area)
      throw new CatalogLoadError(display, [
        `area: "${entry.area}" but the file is in the folder "${folder}/" (move it to ${entry.area}/ or correct area)`,
      ]);
    const previous = seen.get(entry.id);
    if (previous) throw new CatalogLoadError(display, [`id: "${entry.id}" is already used by ${previous}`]);
    seen.set(entry.id, display);
    entries.push(entry);
  }
  return entries;
}

/**
 * Loads every `*.yaml` under `dir` into a Catalog: from the compiled catalog when it was compiled
 * from exactly these files, by parsing the YAML otherwise. Fails on the first broken file, or on
 * duplicate ids.
 */
export function loadCatalog(dir: string = DEFAULT_KNOWLEDGE_DIR, options: LoadCatalogOptions = {}): Catalog {
  const { files, version } = readKnowledgeFiles(dir);
  const compiledPath = options.compiled ?? COMPILED_CATALOG_PATH;
  const compiled = compiledPath === false ? undefined : readCompiledCatalog(compiledPath, version);
  if (compiled?.state === 'in-sync') return new Catalog(compiled.entries, version, compiled.scan);
  return new Catalog(parseKnowledgeFiles(files), version);
}
