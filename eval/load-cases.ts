import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { caseFileSchema, type EvalCase } from './case-schema.js';

/** A named group of cases measured and reported together (one folder under eval/). */
export interface CaseSet {
  name: string;
  files: string[];
  cases: EvalCase[];
}

/** A case file that cannot be used, with the file and the fields at fault. */
export class CaseFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CaseFileError';
  }
}

export const EVAL_DIR = resolve(import.meta.dirname, '.');

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
    .map((d) => join(dir, d.name))
    .sort();
}

/** Parses and validates one case file; throws CaseFileError naming the file, case index and field. */
export function parseCaseFile(source: string, display: string): EvalCase[] {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (err) {
    throw new CaseFileError(display, [`not valid YAML: ${String(err).split('\n')[0]}`]);
  }
  const parsed = caseFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CaseFileError(
      display,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/**
 * Finds the case sets: every folder directly under `dir` holding case files, either in a `cases/`
 * subfolder (when it has one, so generators and raw captures can live beside it) or at its top.
 */
export function discoverCaseSets(dir: string = EVAL_DIR): Array<{ name: string; files: string[] }> {
  const sets: Array<{ name: string; files: string[] }> = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'node_modules') continue;
    const casesDir = join(dir, d.name, 'cases');
    const files = yamlFilesIn(existsSync(casesDir) ? casesDir : join(dir, d.name));
    if (files.length > 0) sets.push({ name: d.name, files });
  }
  return sets.sort((a, b) => a.name.localeCompare(b.name));
}

/** Loads a set's files; throws on a broken file or on a case id used twice in the set. */
export function loadCaseSet(name: string, files: string[]): CaseSet {
  const cases: EvalCase[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const display = relative(process.cwd(), file) || file;
    for (const c of parseCaseFile(readFileSync(file, 'utf8'), display)) {
      const previous = seen.get(c.id);
      if (previous) throw new CaseFileError(display, [`id: "${c.id}" is already used in ${previous}`]);
      seen.set(c.id, display);
      cases.push(c);
    }
  }
  return { name, files, cases };
}
