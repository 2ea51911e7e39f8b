import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { diagnose, type Catalog } from '../src/core/index.js';
import { discoverCaseSets, loadCaseSet, type CaseSet } from './load-cases.js';
import {
  figures,
  judge,
  missedThresholds,
  observe,
  type Outcome,
  type Ratio,
  type SetFigures,
  type Thresholds,
} from './score.js';

/**
 * `npm run eval`: runs the diagnosis core over every case set under eval/ and prints the figures.
 * It measures and exits 0; with --min-* thresholds it exits 1 when a set misses one.
 */

const USAGE = `Usage: npm run eval -- [--verbose] [--set NAME] [--files PREFIX] [--skip-files PREFIX] [--min-top1 R] [--min-restraint R] [--min-silence R] [--min-unknown R] [--min-precision R]`;

function rateArg(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new Error(`${flag} takes a rate between 0 and 1, got "${value}"`);
  return rate;
}

function pct(r: Ratio): string {
  return r.rate === null ? 'n/a' : `${(r.rate * 100).toFixed(1)}% (${r.right}/${r.of})`;
}

function selectFiles(files: string[], only: string | undefined, skip: string | undefined): string[] {
  return files.filter((f) => {
    const name = basename(f);
    return (only === undefined || name.startsWith(only)) && (skip === undefined || !name.startsWith(skip));
  });
}

function runSet(set: CaseSet, catalog: Catalog, now: Date): Outcome[] {
  return set.cases.map((c) => judge(c, observe(diagnose(c.text, catalog, { now }))));
}

function reliabilityLines(f: SetFigures): string[] {
  return f.reliability.map((b) => {
    const precision = b.precision === null ? 'n/a' : `${(b.precision * 100).toFixed(1)}% (${b.right}/${b.findings})`;
    const mean = b.meanConfidence === null ? '' : `, mean confidence ${b.meanConfidence.toFixed(2)}`;
    return `    ${b.bucket.padEnd(10)} ${String(b.findings).padStart(4)} findings, precision ${precision}${mean}`;
  });
}

function report(name: string, f: SetFigures, outcomes: Outcome[], verbose: boolean): string[] {
  const lines = [
    `${name}: ${f.cases} cases`,
    `  all cases right                 ${pct(f.overall)}`,
    `  top-1 accuracy (catalog)        ${pct(f.top1)}`,
    `  restraint (unrelated)           ${pct(f.restraint)}`,
    `  silence (chat)                  ${pct(f.silence)}`,
    `  unknown errors recognised       ${pct(f.unknown)}`,
    `  high-confidence precision       ${pct(f.highConfidencePrecision)}`,
    `  one error, several findings     ${pct(f.extraFindings)} (lower is better)`,
  ];
  lines.push('  reliability (every finding, by confidence):', ...reliabilityLines(f));
  lines.push(
    `  verdicts (right to say)         ${Object.entries(f.verdicts)
      .map(([kind, r]) => `${kind} ${r.of === 0 ? '0' : pct(r)}`)
      .join(', ')}`,
  );
  const failures = outcomes.filter((o) => !o.pass || o.highConfidenceRight === false || o.extraFindings);
  if (verbose && failures.length > 0) {
    lines.push(`  failures (${failures.length}):`);
    for (const o of failures) {
      const conf = o.confidence === undefined ? '' : ` @ ${o.confidence.toFixed(2)}`;
      const tags = [
        !o.pass ? '' : o.highConfidenceRight === false ? ' [wrong at high confidence]' : ' [extra findings]',
      ].join('');
      lines.push(`    ${o.caseId}: expected ${o.expectedLabel}, got ${o.got}${conf}${tags}`);
    }
  } else if (failures.length > 0) lines.push(`  ${failures.length} failures (--verbose lists them)`);
  return lines;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      verbose: { type: 'boolean', short: 'v', default: false },
      set: { type: 'string', multiple: true },
      // Case files whose name starts with PREFIX (e.g. the fresh-* files collected after tuning), or all but those.
      files: { type: 'string' },
      'skip-files': { type: 'string' },
      'min-top1': { type: 'string' },
      'min-restraint': { type: 'string' },
      'min-silence': { type: 'string' },
      'min-unknown': { type: 'string' },
      'min-precision': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const thresholds: Thresholds = {
    top1: rateArg(values['min-top1'], '--min-top1'),
    restraint: rateArg(values['min-restraint'], '--min-restraint'),
    silence: rateArg(values['min-silence'], '--min-silence'),
    unknown: rateArg(values['min-unknown'], '--min-unknown'),
    precision: rateArg(values['min-precision'], '--min-precision'),
  };
  const catalog = loadCatalog();
  const now = new Date();
  const wanted = values.set;
  const sets = discoverCaseSets().filter((s) => !wanted || wanted.includes(s.name));
  if (sets.length === 0) {
    console.error(wanted ? `eval: no case set named ${wanted.join(', ')}` : 'eval: no case sets under eval/');
    return 2;
  }
  const summary: Record<string, SetFigures> = {};
  const missed: string[] = [];
  for (const found of sets) {
    const set = loadCaseSet(found.name, selectFiles(found.files, values.files, values['skip-files']));
    if (set.cases.length === 0) continue;
    const outcomes = runSet(set, catalog, now);
    const f = figures(outcomes);
    summary[set.name] = f;
    console.log(report(set.name, f, outcomes, values.verbose).join('\n'));
    console.log('');
    missed.push(...missedThresholds(set.name, f, thresholds));
  }
  for (const line of missed) console.error(`eval: ${line}`);
  console.log(JSON.stringify({ eval: summary, catalog: catalog.version }));
  return missed.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
