import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import type { Catalog } from '../../src/core/index.js';

let shared: Catalog | undefined;

/** The real catalog shipped in knowledge/, loaded once per test file. */
export function realCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}

/** A scratch copy of knowledge/ that a test may break on purpose. */
export function scratchKnowledgeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meterdoc-knowledge-'));
  cpSync(join(process.cwd(), 'knowledge'), dir, { recursive: true });
  return dir;
}

/** A fixed clock so record ages are reproducible: 2026-11-23 14:00 UTC. */
export const NOW = new Date('2026-11-23T14:00:00Z');
