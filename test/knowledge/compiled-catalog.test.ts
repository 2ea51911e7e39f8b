import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { Catalog } from '../../src/core/catalog/catalog.js';
import { diagnose } from '../../src/core/index.js';
import { discoverCaseSets, loadCaseSet } from '../../eval/load-cases.js';
import {
  codeFingerprint,
  compiledCatalogNote,
  readCompiledCatalog,
  writeCompiledCatalog,
} from '../../src/knowledge/compiled-catalog.js';
import {
  DEFAULT_KNOWLEDGE_DIR,
  loadCatalog,
  parseKnowledgeFiles,
  readKnowledgeFiles,
} from '../../src/knowledge/load-catalog.js';

/**
 * The catalog compiled to JSON at build time: used only while it matches every knowledge file,
 * identical to parsing the YAML, and never trusted over the YAML when anything differs.
 */

const SOURCES = join(DEFAULT_KNOWLEDGE_DIR, '..', 'src');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'meterdoc-compiled-'));
}

/** A copy of knowledge/ that a test may edit. */
function knowledgeCopy(): string {
  const dir = join(scratch(), 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', env: {} };
}

describe('the compiled catalog', () => {
  it('loads to exactly the catalog the YAML gives, with the same version', () => {
    const out = join(scratch(), 'catalog.json');
    const fromYaml = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false });
    writeCompiledCatalog(out, fromYaml);
    const fromJson = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: out });
    expect(fromJson.version).toBe(fromYaml.version);
    expect(fromJson.entries).toEqual(fromYaml.entries);
  });

  it("holds the scan index, which answers exactly as the one built from the YAML: the catalog's examples and the SDK matrix diagnose the same", () => {
    const out = join(scratch(), 'catalog.json');
    const fromYaml = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false });
    writeCompiledCatalog(out, fromYaml);
    const fromJson = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: out });
    expect(fromYaml.scanIndex.fromCompiled).toBe(false);
    expect(fromJson.scanIndex.fromCompiled).toBe(true);
    const matrix = discoverCaseSets().find((s) => s.name === 'sdk-matrix')!;
    const texts = [
      ...fromYaml.entries.flatMap((e) => [...e.examples, ...e.counterexamples]),
      ...loadCaseSet(matrix.name, matrix.files).cases.map((c) => c.text),
    ];
    expect(texts.length).toBeGreaterThan(400);
    const now = new Date('2026-12-01T12:00:00Z');
    for (const text of texts) expect(diagnose(text, fromJson, { now })).toEqual(diagnose(text, fromYaml, { now }));
  });

  it('is taken whole only from the code that compiled it: from other code the entries are validated again and the scan is built', () => {
    const out = join(scratch(), 'catalog.json');
    const fromYaml = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false });
    writeCompiledCatalog(out, fromYaml);
    expect(readCompiledCatalog(out, fromYaml.version)).toMatchObject({ state: 'in-sync', otherCode: false });
    expect(compiledCatalogNote(out, fromYaml)).toBeUndefined();

    const file = JSON.parse(readFileSync(out, 'utf8'));
    writeFileSync(out, JSON.stringify({ ...file, code: 'an older build' }));
    const status = readCompiledCatalog(out, fromYaml.version);
    expect(status).toMatchObject({ state: 'in-sync', otherCode: true });
    expect(status.state === 'in-sync' && status.scan).toBeUndefined();
    const loaded = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: out });
    expect(loaded.entries).toEqual(fromYaml.entries);
    expect(loaded.scanIndex.fromCompiled).toBe(false);
    expect(compiledCatalogNote(out, fromYaml)).toMatch(
      /in sync with the knowledge files but was compiled by other code/,
    );

    // From other code, an entry of an older shape makes the file unusable.
    writeFileSync(
      out,
      JSON.stringify({
        ...file,
        code: 'an older build',
        entries: [{ id: 'metering-throttling', title: 'no other field' }],
      }),
    );
    expect(readCompiledCatalog(out, fromYaml.version).state).toBe('invalid');
    expect(compiledCatalogNote(out, fromYaml)).toMatch(/out of sync .* will not be used/);
  });

  it("builds the scan itself when the stored one is over other phrases than this code's (a line mark added since the build)", () => {
    const out = join(scratch(), 'catalog.json');
    const fromYaml = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false });
    writeCompiledCatalog(out, fromYaml);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    const key = JSON.parse(file.scan.key);
    writeFileSync(
      out,
      JSON.stringify({ ...file, scan: { ...file.scan, key: JSON.stringify([key[0], key[1], key[2].slice(1)]) } }),
    );
    const loaded = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: out });
    expect(loaded.scanIndex.fromCompiled).toBe(false);
    expect(compiledCatalogNote(out, fromYaml)).toMatch(/scan index is over other phrases/);
  });

  it('is used while every knowledge file is unchanged, and ignored once one changes', () => {
    const dir = knowledgeCopy();
    const out = join(scratch(), 'catalog.json');
    const { files, version } = readKnowledgeFiles(dir);
    const entries = parseKnowledgeFiles(files);
    // Mark the compiled copy, to see which one a load used.
    const marked = entries.map((e) => (e.id === 'metering-throttling' ? { ...e, title: 'From the compiled file' } : e));
    writeCompiledCatalog(out, new Catalog(marked, version));
    expect(loadCatalog(dir, { compiled: out }).byId.get('metering-throttling')!.title).toBe('From the compiled file');

    const file = files.find((f) => f.path.endsWith('metering-throttling.yaml'))!.path;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited after the build\n`);
    const reloaded = loadCatalog(dir, { compiled: out });
    expect(reloaded.version).not.toBe(version);
    expect(reloaded.byId.get('metering-throttling')!.title).not.toBe('From the compiled file');
    expect(readCompiledCatalog(out, reloaded.version)).toEqual({ state: 'stale', compiledFrom: version });
  });

  it('falls back to the YAML when the file is unreadable, of an older format or its tables are cut short', () => {
    const { version } = readKnowledgeFiles();
    const broken = join(scratch(), 'catalog.json');
    writeFileSync(broken, '{"format":2,"version":');
    expect(readCompiledCatalog(broken, version).state).toBe('invalid');
    expect(loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: broken }).entries).toHaveLength(
      loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false }).entries.length,
    );

    // The first format: the entries alone, as the build wrote them before the scan was kept.
    const fromYaml = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false });
    const formatOne = join(scratch(), 'catalog.json');
    writeFileSync(formatOne, JSON.stringify({ format: 1, version, entries: fromYaml.entries }));
    expect(readCompiledCatalog(formatOne, version).state).toBe('invalid');
    expect(loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: formatOne }).scanIndex.fromCompiled).toBe(false);

    const cut = join(scratch(), 'catalog.json');
    writeCompiledCatalog(cut, fromYaml);
    const file = JSON.parse(readFileSync(cut, 'utf8'));
    writeFileSync(
      cut,
      JSON.stringify({
        ...file,
        scan: { ...file.scan, endStates: { bytes: 2, base64: Buffer.from([1, 2, 3]).toString('base64') } },
      }),
    );
    expect(readCompiledCatalog(cut, version)).toEqual({ state: 'invalid', problem: 'the scan tables are cut short' });
    expect(loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: cut }).entries).toEqual(fromYaml.entries);
    expect(readCompiledCatalog(join(scratch(), 'absent.json'), version)).toEqual({ state: 'absent' });
  });

  it('is written by `meterdoc catalog compile`, in sync with the knowledge files', async () => {
    const out = join(scratch(), 'catalog.json');
    const cli = io();
    expect(await runCli(['catalog', 'compile', '--out', out], cli)).toBe(0);
    expect(cli.out.join('\n')).toMatch(/^\d+ entries compiled to .*catalog\.json \(catalog version [0-9a-f]{12}\)$/);
    const { version } = readKnowledgeFiles();
    expect(readCompiledCatalog(out, version).state).toBe('in-sync');
  });

  it('names its code by modules that import nothing else: the entry schema only zod, the phrase index nothing', () => {
    const importsOf = (module: string) =>
      [...readFileSync(join(SOURCES, module), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(importsOf('core/catalog/schema.ts')).toEqual(['zod']);
    expect(importsOf('core/catalog/phrase-index.ts')).toEqual([]);
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{16}$/);
  });
});
