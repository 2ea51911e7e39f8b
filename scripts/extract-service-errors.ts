/**
 * Writes src/knowledge/service-errors.json: for the services whose JavaScript SDK client MeterDoc does not
 * install, each operation and the error shapes its model says it raises, taken from botocore's
 * service-2.json files. `meterdoc catalog check` compares every entry's (operation, code) pairs with it.
 *
 *   npx tsx scripts/extract-service-errors.ts [--botocore DIR] [--check]
 *
 * DIR is botocore's package folder (default: the one `python3 -c "import botocore"` finds).
 * With --check nothing is written; the exit code is 1 when the committed file differs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

/** Endpoint prefix (as catalog entries name services) → botocore service name. */
const SERVICES: Record<string, string> = {
  'entitlement.marketplace': 'marketplace-entitlement',
  ce: 'ce',
  organizations: 'organizations',
  // EKS Auth: the Pod Identity agent's AssumeRoleForPodIdentity, which STS-like entries list
  'eks-auth': 'eks-auth',
};

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../src/knowledge/service-errors.json');

interface BotocoreModel {
  metadata: { apiVersion: string };
  operations: Record<string, { errors?: Array<{ shape: string }> }>;
}

function botocoreDir(given: string | undefined): string {
  if (given) return given;
  const out = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], {
    encoding: 'utf8',
  });
  return out.trim();
}

function botocoreVersion(dir: string): string {
  const m = /__version__ = ['"]([^'"]+)['"]/.exec(readFileSync(join(dir, '__init__.py'), 'utf8'));
  if (!m) throw new Error(`no __version__ in ${dir}/__init__.py`);
  return m[1]!;
}

function readModel(dir: string, service: string): BotocoreModel {
  const base = join(dir, 'data', service);
  const version = readdirSync(base)
    .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
    .sort()
    .at(-1);
  if (!version) throw new Error(`no API version under ${base}`);
  const file = join(base, version, 'service-2.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : gunzipSync(readFileSync(`${file}.gz`)).toString('utf8');
  return JSON.parse(text) as BotocoreModel;
}

export function extract(dir: string): string {
  const services: Record<string, { model: string; operations: Record<string, string[]> }> = {};
  for (const [prefix, name] of Object.entries(SERVICES)) {
    const model = readModel(dir, name);
    const operations: Record<string, string[]> = {};
    for (const op of Object.keys(model.operations).sort()) {
      operations[op] = [...new Set((model.operations[op]!.errors ?? []).map((e) => e.shape))].sort();
    }
    services[prefix] = { model: `${name} ${model.metadata.apiVersion}`, operations };
  }
  const doc = {
    source: `botocore ${botocoreVersion(dir)} (botocore/data/<service>/<api version>/service-2.json)`,
    generatedBy: 'scripts/extract-service-errors.ts',
    services,
  };
  // One line per operation keeps the file short and its diffs readable.
  const text = JSON.stringify(doc, null, 2).replace(
    /\[\n\s+([^[\]{}]*?)\n\s+\]/g,
    (_, inner: string) => `[${inner.split(/,\n\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { botocore: { type: 'string' }, check: { type: 'boolean' } } });
  const text = extract(botocoreDir(values.botocore));
  if (values.check) {
    const same = existsSync(OUT) && readFileSync(OUT, 'utf8') === text;
    process.stdout.write(
      same ? `${OUT} is up to date\n` : `${OUT} differs from botocore; run without --check to rewrite it\n`,
    );
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(OUT, text);
    process.stdout.write(`wrote ${OUT}\n`);
  }
}
