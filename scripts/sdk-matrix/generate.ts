import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EvalCase } from '../../eval/case-schema.js';
import { parseCaseFile } from '../../eval/load-cases.js';
import { capturedText, matrixCaseId, parseMatrixCaseId, renderCaseFile, stylesFor } from './case-file.js';
import { allClients, CLIENT_KINDS, GOCODE, type Client } from './clients.js';
import { expectationFor, PROTOCOL, SCENARIOS, type Scenario } from './scenarios.js';
import { closedLoopbackPort, startImdsWithoutRole, startStandIn, type Reply, type StandIn } from './stand-in.js';

/**
 * Runs every real client in every scenario against the loopback stand-in and writes what each
 * printed to eval/sdk-matrix/cases/<client>.yaml. Run it through run.sh, which starts it in a
 * network namespace that only has loopback, so no client can reach AWS or the real instance
 * metadata address whatever its configuration.
 */

const HERE = import.meta.dirname;
const REPO = resolve(HERE, '../..');
const USAGE = `Usage: scripts/sdk-matrix/run.sh [--work DIR] [--out DIR] [--client ID]... [--scenario ID]... [--jobs N] [--print]
       npx tsx scripts/sdk-matrix/generate.ts --relabel [--out DIR]   (rewrite expectations from scenarios.ts, texts untouched)`;

/**
 * Keys the SDKs accept and the stand-in never checks. The access key ID does not start with AKIA,
 * so a secret scan of the repository never mistakes it for a real long-term key.
 */
const STATIC_KEYS = {
  AWS_ACCESS_KEY_ID: 'SDKMATRIXEXAMPLEKEY1',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const SESSION_KEYS = {
  AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLETOKENFORTHESDKMATRIXSTANDIN',
};
const RUN_TIMEOUT_MS = 90_000;

function onlyLoopback(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === 'lo');
}

/** Copies the drivers into the work directory and builds the Go ones there. */
function prepare(work: string): void {
  const drivers = join(HERE, 'drivers');
  for (const f of ['boto3_driver.py', 'js-v3.mjs', 'js-v2.cjs']) copyFileSync(join(drivers, f), join(work, f));
  const missing = [
    'aws-sdk',
    '@aws-sdk/client-marketplace-metering',
    '@aws-sdk/client-marketplace-entitlement-service',
    '@aws-sdk/client-sts',
    '@aws-sdk/client-iam',
  ].filter((p) => !existsSync(join(work, 'node_modules', p, 'package.json')));
  if (missing.length > 0)
    throw new Error(
      `${work}/node_modules lacks ${missing.join(', ')}: see scripts/sdk-matrix/README.md (npm install step)`,
    );
  mkdirSync(join(work, 'home'), { recursive: true });
  for (const go of ['go-v1', 'go-v2']) {
    const src = join(work, 'gopath', 'src', 'meterworker', go);
    mkdirSync(src, { recursive: true });
    copyFileSync(join(drivers, go, 'main.go'), join(src, 'main.go'));
    execFileSync('go', ['build', '-o', join(work, 'bin', go), '.'], {
      cwd: src,
      stdio: 'inherit',
      env: {
        ...process.env,
        GO111MODULE: 'off',
        GOFLAGS: '',
        GOPATH: `${join(work, 'gopath')}:${dirname(GOCODE)}`,
        GOCACHE: join(work, 'gocache'),
      },
    });
  }
}

function environment(s: Scenario, endpoint: string, imds: string, work: string, closedPort: number): NodeJS.ProcessEnv {
  const setup = s.setup;
  const home = join(work, 'home');
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    // No config or credentials files: the chain sees only what this function puts here.
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...(s.sdkDefaultRetries ? { SDK_MATRIX_SDK_DEFAULT_RETRIES: '1' } : { AWS_MAX_ATTEMPTS: '3' }),
    AWS_PAGER: '',
    // Instance metadata always points at loopback (a closed port or the stand-in), never at 169.254.169.254.
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `${imds}/`,
    SDK_MATRIX_ENDPOINT: endpoint,
  };
  if (setup === 'static-keys' || setup === 'endpoint-closed') Object.assign(env, STATIC_KEYS);
  if (setup === 'session-keys') Object.assign(env, SESSION_KEYS);
  if (setup === 'no-credentials-imds-disabled') env.AWS_EC2_METADATA_DISABLED = 'true';
  if (setup === 'container-credentials-closed') {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${closedPort}/v2/credentials/3f2b8c1e-7d4a-4e59-a6b0-9c81d2e3f4a5`;
  }
  return env;
}

interface Captured {
  output: string;
  exitCode: number | null;
  requests: number;
  /** Requests the instance metadata stand-in saw (only where the scenario starts one). */
  imdsRequests?: number;
}

/** Runs one client with stdout and stderr on one pipe, so the text keeps the order a terminal shows. */
function runCommand(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ output: string; exitCode: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', file, ...args], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ output, exitCode: code });
    });
  });
}

function usageTimeFor(s: Scenario): Date {
  const t = new Date();
  t.setUTCMinutes(0, 0, 0);
  return new Date(t.getTime() - (s.recordAgeHours ?? 1) * 3_600_000);
}

async function capture(client: Client, s: Scenario, style: string, work: string): Promise<Captured> {
  const standIn = await startStandIn({
    protocol: PROTOCOL[s.service],
    service: s.service,
    reply: s.reply,
    seed: `${client.id}:${s.id}`,
  });
  let imds: StandIn | undefined;
  try {
    if (s.setup === 'no-credentials-imds-no-role') imds = await startImdsWithoutRole();
    const imdsUrl = imds?.url ?? `http://127.0.0.1:${await closedLoopbackPort()}`;
    const closedPort = await closedLoopbackPort();
    const endpoint = s.setup === 'endpoint-closed' ? `http://127.0.0.1:${closedPort}` : standIn.url;
    const { file, args } = client.command(s, style, { work, endpoint, usageTime: usageTimeFor(s) });
    const { output, exitCode } = await runCommand(
      file,
      args,
      environment(s, endpoint, imdsUrl, work, closedPort),
      work,
    );
    return {
      output,
      exitCode,
      requests: standIn.requests.length,
      ...(imds ? { imdsRequests: imds.requests.length } : {}),
    };
  } finally {
    await standIn.close();
    await imds?.close();
  }
}

/** Refuses output that did not come from the scenario it claims: a wrong path through the client is a generator bug. */
function check(client: Client, s: Scenario, style: string, c: Captured): void {
  const where = `${client.id} ${s.id} ${style}`;
  const reaches = s.setup === 'static-keys' || s.setup === 'session-keys';
  if (reaches && c.requests === 0) throw new Error(`${where}: the client never reached the stand-in:\n${c.output}`);
  if (!reaches && c.requests > 0)
    throw new Error(`${where}: the client reached the stand-in though it should not have`);
  if (c.imdsRequests === 0)
    throw new Error(`${where}: the client never asked the instance metadata stand-in:\n${c.output}`);
  if (capturedText(c.output).trim() === '')
    throw new Error(`${where}: the client printed nothing (exit ${c.exitCode})`);
  if (/ driver: /.test(c.output)) throw new Error(`${where}: the driver failed:\n${c.output}`);
  const succeeds = s.reply.kind === 'batch-results';
  if (succeeds !== (c.exitCode === 0))
    throw new Error(
      `${where}: exit ${c.exitCode} ${succeeds ? 'for a successful call' : 'for a failed call'}:\n${c.output}`,
    );
}

function describeReply(r: Reply, s: Scenario): string {
  switch (r.kind) {
    case 'error':
      return `${s.operation} answered ${r.code} (HTTP ${r.status})`;
    case 'batch-results':
      return `${s.operation} answered HTTP 200 with record statuses ${r.results.join(', ')}`;
    case 'close':
      return `${s.operation}: connection closed without a response`;
    case 'hang':
      return `${s.operation}: request never answered`;
  }
}

function describeScenario(s: Scenario): string {
  switch (s.setup) {
    case 'no-credentials-imds-closed':
      return `${s.operation} with no credentials, instance metadata at a closed loopback port`;
    case 'no-credentials-imds-disabled':
      return `${s.operation} with no credentials, instance metadata disabled`;
    case 'no-credentials-imds-no-role':
      return `${s.operation} with no credentials, instance metadata of an instance without a role`;
    case 'container-credentials-closed':
      return `${s.operation} with container credentials at a closed loopback port`;
    case 'endpoint-closed':
      return `${s.operation} to a loopback port where nothing listens`;
    default:
      return describeReply(s.reply, s);
  }
}

async function inBatches<T>(items: Array<() => Promise<T>>, jobs: number): Promise<T[]> {
  const results: T[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await items[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

/**
 * Rewrites every case's expectation and note from scenarios.ts, leaving the captured texts as they
 * are: labels are ours to correct, the texts are the clients' and change only by regenerating.
 */
function relabel(out: string): number {
  const ids = SCENARIOS.map((s) => s.id);
  for (const name of readdirSync(out)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = join(out, name);
    const cases = parseCaseFile(readFileSync(file, 'utf8'), file).map((c): EvalCase => {
      const key = parseMatrixCaseId(c.id, CLIENT_KINDS, ids);
      if (!key) throw new Error(`${file}: case ${c.id} names no known client, scenario and style`);
      const s = SCENARIOS.find((x) => x.id === key.scenarioId)!;
      const family = CLIENT_KINDS.find((k) => k.id === key.clientId)!.family;
      const { note: _old, ...rest } = c;
      return {
        ...rest,
        expect: expectationFor(s, key.clientId, family, key.style),
        ...(s.note ? { note: s.note } : {}),
      };
    });
    writeFileSync(file, renderCaseFile(cases));
    console.log(`${file}: ${cases.length} cases relabelled`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      work: { type: 'string', default: '/tmp/meter-worker' },
      out: { type: 'string', default: join(REPO, 'eval', 'sdk-matrix', 'cases') },
      client: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      jobs: { type: 'string', default: '2' },
      relabel: { type: 'boolean', default: false },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.relabel) return relabel(values.out);
  if (!onlyLoopback()) {
    console.error(
      'sdk-matrix: refusing to run with network interfaces other than loopback; use scripts/sdk-matrix/run.sh',
    );
    return 2;
  }
  const work = resolve(values.work);
  prepare(work);
  const clients = allClients().filter((c) => !values.client || values.client.includes(c.id));
  const scenarios = SCENARIOS.filter((s) => !values.scenario || values.scenario.includes(s.id));
  mkdirSync(values.out, { recursive: true });
  let failed = 0;
  for (const client of clients) {
    try {
      await generateClient(client, scenarios, work, values.out, values.print, Math.max(1, Number(values.jobs)));
    } catch (err) {
      // One client's failure leaves its file as it was and does not stop the others.
      failed++;
      console.error(`sdk-matrix: ${client.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/**
 * Keeps the cases of the scenarios not run this time, replaces the others, and orders the file by
 * scenario, so regenerating a few scenarios leaves the rest of a client's file as it was.
 */
function merge(file: string, fresh: EvalCase[]): EvalCase[] {
  const ids = SCENARIOS.map((s) => s.id);
  const keyOf = (c: EvalCase) => {
    const key = parseMatrixCaseId(c.id, CLIENT_KINDS, ids);
    if (!key) throw new Error(`${file}: case ${c.id} names no known client, scenario and style`);
    return key;
  };
  const rerun = new Set(fresh.map((c) => keyOf(c).scenarioId));
  const kept = existsSync(file)
    ? parseCaseFile(readFileSync(file, 'utf8'), file).filter(
        (c) => !rerun.has(keyOf(c).scenarioId) && ids.includes(keyOf(c).scenarioId),
      )
    : [];
  return [...kept, ...fresh].sort(
    (a, b) => ids.indexOf(keyOf(a).scenarioId) - ids.indexOf(keyOf(b).scenarioId) || a.id.localeCompare(b.id),
  );
}

/** Captures one client in the scenarios and writes (or with `print` only prints) its case file. */
async function generateClient(
  client: Client,
  scenarios: Scenario[],
  work: string,
  out: string,
  print: boolean,
  jobs: number,
): Promise<void> {
  const label = client.describe(work);
  const runs = scenarios.flatMap((s) => {
    // Offset by the client's place, so two clients of one family meet a scenario in different styles.
    const index = SCENARIOS.indexOf(s) + CLIENT_KINDS.findIndex((k) => k.id === client.id);
    return stylesFor(index, s.reply.kind === 'batch-results', client.errorStyles, client.responseStyles).map(
      (style) => async (): Promise<EvalCase> => {
        const captured = await capture(client, s, style, work);
        check(client, s, style, captured);
        console.log(`${client.id} ${s.id} ${style}: exit ${captured.exitCode}, ${captured.requests} request(s)`);
        return {
          id: matrixCaseId(client.id, s.id, style),
          source: `scripts/sdk-matrix: ${label}, ${style}; ${describeScenario(s)}`,
          text: capturedText(captured.output),
          expect: expectationFor(s, client.id, client.family, style),
          ...(s.note ? { note: s.note } : {}),
        };
      },
    );
  });
  const cases = await inBatches(runs, jobs);
  const file = join(out, `${client.id}.yaml`);
  if (print) {
    for (const c of cases) console.log(`--- ${c.id}\n${c.text}`);
    return;
  }
  const merged = merge(file, cases);
  writeFileSync(file, renderCaseFile(merged));
  console.log(`${file}: ${merged.length} cases (${cases.length} captured now)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`sdk-matrix: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
