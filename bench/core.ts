import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileMeterDoc } from './anchors/compiled-meterdoc.js';
import { writeCompiledCatalog } from '../src/knowledge/compiled-catalog.js';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { diagnose, type Catalog } from '../src/core/index.js';
import { benchPhraseIndex, type PhraseIndexFigures } from './phrase-index.js';
import { cpuIt, percentile, timeIt } from './stats.js';

/** A typical paste: one SDK error with its stack and metadata, about 2 KB. */
export function typicalPaste(i = 0): string {
  const requestId = `8f0c2b6e-7d1a-4c55-9e3b-${String(i).padStart(12, '0')}`;
  const head = `AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/saas-metering/worker-${i} is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action`;
  const frames = Array.from(
    { length: 14 },
    (_, k) => `    at handler${k} (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:${800 + k}:20)`,
  ).join('\n');
  const meta = `  {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 400,\n    requestId: '${requestId}',\n    attempts: 1,\n    totalRetryDelay: 0\n  },\n  __type: 'AccessDeniedException'\n}`;
  return `${head}\n${frames}\n${meta}\n`;
}

/** A log excerpt of about `bytes`: mostly routine lines, some errors of several kinds. */
export function logOf(bytes: number): string {
  const errors = [
    'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded',
    'operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 400, RequestID: 3c9a1f2e-5b6d-4e7f-8a9b-1c2d3e4f5a6b, TimestampOutOfBoundsException: Timestamp is out of allowed range',
    'botocore.exceptions.NoCredentialsError: Unable to locate credentials',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      i % 50 === 0
        ? `2026-11-23T13:${String(i % 60).padStart(2, '0')}:00.000Z ERROR worker ${errors[i % errors.length]}`
        : `2026-11-23T13:${String(i % 60).padStart(2, '0')}:00.000Z INFO worker sent batch ${i} with 25 records for product 7k2m9xq4d1abcdef in 182 ms`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, bytes);
}

export interface CoreFigures {
  /**
   * CPU ms of the one load a start does after `npm run build`, from the compiled catalog: median of
   * fresh processes running the tsc output, modules already imported, files in the page cache.
   */
  catalog_load_ms: number;
  /** The same start's wall ms. */
  catalog_load_wall_ms: number;
  /** The same, parsing the YAML (a fresh checkout, or knowledge files edited since the build). */
  catalog_load_yaml_ms: number;
  /** The compiled load repeated in one process (JIT-warm): what this figure measured before. */
  catalog_load_repeated_ms: number;
  catalog_entries: number;
  diagnose_2kb_p50_ms: number;
  diagnose_2kb_p99_ms: number;
  diagnose_256kb_ms: number;
  diagnose_512kb_ms: number;
  diagnose_1mb_ms: number;
  /** CPU ms (median of 9) of the 1 MB diagnosis, and the p99 of the ~2 KB one. */
  diagnose_1mb_cpu_ms: number;
  diagnose_2kb_p99_cpu_ms: number;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOAD_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'catalog-load', 'child.mjs');
const LOAD_STARTS = Number(process.env.CORE_BENCH_LOAD_STARTS ?? 11);

interface StartLoad {
  cpuMs: number;
  wallMs: number;
  entries: number;
  fromCompiled: boolean;
}

function startLoad(code: string, mode: 'load' | 'compile', path: string): StartLoad {
  return JSON.parse(execFileSync(process.execPath, [LOAD_CHILD, code, mode, path], { encoding: 'utf8' })) as StartLoad;
}

const range = (xs: number[]): string =>
  `${percentile(xs, 50).toFixed(1)} [${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}]`;

/**
 * The catalog load a start does: each in a new process running MeterDoc compiled by tsc (the tsx
 * this bench runs under wraps every function in a naming helper), from the compiled catalog the
 * compiled code wrote, and from the YAML, alternating.
 */
function benchStartLoads(
  log: (line: string) => void,
): Pick<CoreFigures, 'catalog_load_ms' | 'catalog_load_wall_ms' | 'catalog_load_yaml_ms'> {
  const code = compileMeterDoc(ROOT);
  const compiled = join(mkdtempSync(join(tmpdir(), 'meterdoc-bench-')), 'catalog.json');
  startLoad(code, 'compile', compiled);
  const fromJson: StartLoad[] = [];
  const fromYaml: StartLoad[] = [];
  for (let i = 0; i < LOAD_STARTS; i++) {
    fromJson.push(startLoad(code, 'load', compiled));
    fromYaml.push(startLoad(code, 'load', 'yaml'));
  }
  const trie = fromJson.filter((l) => l.fromCompiled).length;
  log(
    `catalog load at start (${LOAD_STARTS} new processes each, alternating; median [min–max]): compiled ` +
      `${range(fromJson.map((l) => l.cpuMs))} CPU ms, ${range(fromJson.map((l) => l.wallMs))} wall ms ` +
      `(scan index from the stored trie in ${trie} of ${fromJson.length}); from YAML ${range(fromYaml.map((l) => l.cpuMs))} CPU ms`,
  );
  return {
    catalog_load_ms: percentile(
      fromJson.map((l) => l.cpuMs),
      50,
    ),
    catalog_load_wall_ms: percentile(
      fromJson.map((l) => l.wallMs),
      50,
    ),
    catalog_load_yaml_ms: percentile(
      fromYaml.map((l) => l.cpuMs),
      50,
    ),
  };
}

export function benchCore(log: (line: string) => void): CoreFigures & PhraseIndexFigures {
  const starts = benchStartLoads(log);
  // The compiled load repeated in this process, JIT-warm (the first is not counted): no start
  // does that, but it is the figure earlier runs of this bench printed.
  const catalog: Catalog = loadCatalog(undefined, { compiled: false });
  const compiled = join(mkdtempSync(join(tmpdir(), 'meterdoc-bench-')), 'catalog.json');
  writeCompiledCatalog(compiled, catalog);
  const loads: number[] = [];
  for (let i = 0; i <= 15; i++) {
    const fromJson = cpuIt(() => loadCatalog(undefined, { compiled })).ms;
    if (i > 0) loads.push(fromJson);
  }

  const pastes = Array.from({ length: 200 }, (_, i) => typicalPaste(i));
  for (let i = 0; i < 200; i++) diagnose(pastes[i % pastes.length]!, catalog); // warm up the JIT
  const samples = Array.from(
    { length: 5_000 },
    (_, i) => timeIt(() => diagnose(pastes[i % pastes.length]!, catalog)).ms,
  );

  const sized = (bytes: number) => {
    const text = logOf(bytes);
    diagnose(text, catalog);
    return percentile(
      Array.from({ length: 5 }, () => timeIt(() => diagnose(text, catalog)).ms),
      50,
    );
  };
  // CPU time of the same: on a shared machine the wall time above also measures the neighbours.
  const megabyte = logOf(1024 * 1024);
  const cpu1mb = Array.from({ length: 9 }, () => cpuIt(() => diagnose(megabyte, catalog)).ms);
  const cpu2kb = Array.from({ length: 5_000 }, (_, i) => cpuIt(() => diagnose(pastes[i % pastes.length]!, catalog)).ms);
  const figures: CoreFigures = {
    ...starts,
    catalog_load_repeated_ms: percentile(loads, 50),
    catalog_entries: catalog.entries.length,
    diagnose_2kb_p50_ms: percentile(samples, 50),
    diagnose_2kb_p99_ms: percentile(samples, 99),
    diagnose_256kb_ms: sized(256 * 1024),
    diagnose_512kb_ms: sized(512 * 1024),
    diagnose_1mb_ms: sized(1024 * 1024),
    diagnose_1mb_cpu_ms: percentile(cpu1mb, 50),
    diagnose_2kb_p99_cpu_ms: percentile(cpu2kb, 99),
  };
  log(
    `catalog: ${figures.catalog_entries} entries; the compiled load repeated in one process ${range(loads)} CPU ms (median of 15, JIT-warm)`,
  );
  log(
    `diagnose ~2 KB paste (${pastes[0]!.length} chars): p50 ${figures.diagnose_2kb_p50_ms.toFixed(3)} ms, p99 ${figures.diagnose_2kb_p99_ms.toFixed(3)} ms over 5000 runs`,
  );
  log(
    `diagnose log: 256 KB ${figures.diagnose_256kb_ms.toFixed(1)} ms, 512 KB ${figures.diagnose_512kb_ms.toFixed(1)} ms, 1 MB ${figures.diagnose_1mb_ms.toFixed(1)} ms (growth 256K→1M: ×${(figures.diagnose_1mb_ms / figures.diagnose_256kb_ms).toFixed(2)}, linear = ×4)`,
  );
  log(
    `diagnose CPU time: 1 MB ${figures.diagnose_1mb_cpu_ms.toFixed(1)} ms [${Math.min(...cpu1mb).toFixed(1)}–${Math.max(...cpu1mb).toFixed(1)}] (median [min–max] of 9), ~2 KB p99 ${figures.diagnose_2kb_p99_cpu_ms.toFixed(3)} ms`,
  );
  return { ...figures, ...benchPhraseIndex(catalog, log) };
}
