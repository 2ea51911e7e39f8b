import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { readCompiledCatalog, writeCompiledCatalog } from '../../src/knowledge/compiled-catalog.js';
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
    writeCompiledCatalog(out, fromYaml.version, fromYaml.entries);
    const fromJson = loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: out });
    expect(fromJson.version).toBe(fromYaml.version);
    expect(fromJson.entries).toEqual(fromYaml.entries);
  });

  it('is used while every knowledge file is unchanged, and ignored once one changes', () => {
    const dir = knowledgeCopy();
    const out = join(scratch(), 'catalog.json');
    const { files, version } = readKnowledgeFiles(dir);
    const entries = parseKnowledgeFiles(files);
    // Mark the compiled copy, to see which one a load used.
    const marked = entries.map((e) => (e.id === 'metering-throttling' ? { ...e, title: 'From the compiled file' } : e));
    writeCompiledCatalog(out, version, marked);
    expect(loadCatalog(dir, { compiled: out }).byId.get('metering-throttling')!.title).toBe('From the compiled file');

    const file = files.find((f) => f.path.endsWith('metering-throttling.yaml'))!.path;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited after the build\n`);
    const reloaded = loadCatalog(dir, { compiled: out });
    expect(reloaded.version).not.toBe(version);
    expect(reloaded.byId.get('metering-throttling')!.title).not.toBe('From the compiled file');
    expect(readCompiledCatalog(out, reloaded.version)).toEqual({ state: 'stale', compiledFrom: version });
  });

  it('falls back to the YAML when the file is unreadable or an entry no longer fits the schema', () => {
    const { version } = readKnowledgeFiles();
    const broken = join(scratch(), 'catalog.json');
    writeFileSync(broken, '{"format":1,"version":');
    expect(readCompiledCatalog(broken, version).state).toBe('invalid');
    expect(loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: broken }).entries).toHaveLength(
      loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: false }).entries.length,
    );

    const oldShape = join(scratch(), 'catalog.json');
    writeFileSync(
      oldShape,
      JSON.stringify({ format: 1, version, entries: [{ id: 'metering-throttling', title: 'no other field' }] }),
    );
    expect(readCompiledCatalog(oldShape, version).state).toBe('invalid');
    expect(loadCatalog(DEFAULT_KNOWLEDGE_DIR, { compiled: oldShape }).entries.length).toBeGreaterThan(1);
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
});
