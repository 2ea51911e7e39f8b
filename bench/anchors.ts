/**
 * Slack section of `npm run bench`: MeterDoc measured against two anchors in the same run, on the
 * same Web API stand-in and the same load generator: a bare Bolt app (same @slack/bolt, HTTP
 * receiver, signing verified, one fixed Block Kit answer per message) and a raw node:http floor
 * (signature checked with node:crypto, ack, post with fetch). Each app and the load generator is a
 * process of its own (bench/anchors/), so each app's CPU (process.cpuUsage(), reported over IPC)
 * and RSS (sampled from /proc by this process) are its own.
 *
 * Scenarios, for each app:
 * - burst: SLACK_BENCH_BURST (100) signed message events holding one known error, sent at once,
 *   each in its own channel: ack p50/p99 (HTTP response time), answer p50/p99 (event sent → its
 *   chat.postMessage received), CPU ms per event (until the app is idle again);
 * - sustained: SLACK_BENCH_RATES (50,100,200) events/s for SLACK_BENCH_SECONDS (10) each, open
 *   loop like Slack (the sender never waits for acks), of a paste mix built from the catalog's
 *   examples (bench/anchors/paste-mix.ts): ack p99, acks over Slack's 3 s limit (requests still
 *   open SLACK_BENCH_DRAIN_CAP_MS after the last send are aborted and counted over), peak RSS,
 *   answers received, explicit requests (mentions) lost, CPU ms per event.
 *
 * Interleaved: every round starts the three apps fresh, warms each up, then runs each scenario
 * app after app (A/B/C), SLACK_BENCH_ROUNDS (3) rounds; each app is left idle before the next
 * runs. Reported: min/median/max over rounds and the ratios MeterDoc/Bolt and MeterDoc/floor,
 * paired within a round. SLACK_BENCH_APPS (meterdoc,bolt,floor) picks the apps for a quick run.
 */
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { Child } from './anchors/child.js';
import { compileMeterDoc } from './anchors/compiled-meterdoc.js';
import { pasteMix } from './anchors/paste-mix.js';
import type { AppReply, AppRequest, LoadReply, LoadRequest } from './anchors/protocol.js';
import { sampleRss } from './anchors/rss-sampler.js';
import { formatSpread, pairedRatios, spread } from './anchors/summary.js';
import { percentile } from './stats.js';

const MD_APP = new URL('./anchors/meterdoc-app.ts', import.meta.url);
const APPS = {
  meterdoc: MD_APP,
  bolt: new URL('./anchors/bolt-app.ts', import.meta.url),
  floor: new URL('./anchors/floor-app.ts', import.meta.url),
  // An earlier MeterDoc, for before/after in one run: SLACK_BENCH_BASELINE names a checkout of it
  // (e.g. `git archive <commit> | tar -x -C DIR`, with node_modules linked in), run by this
  // bench's app process from its compiled build (or its sources with SLACK_BENCH_SOURCES=1).
  before: MD_APP,
} as const;
type AppName = keyof typeof APPS;
/** The apps MeterDoc is compared with, each as `md/<name>` ratios paired by round. */
const ANCHORS = ['before', 'bolt', 'floor'] as const;

const SECRET = 'bench-anchors-signing-secret';
const SETTLE_MAX_MS = 15_000;

type Figures = Record<string, number>;
type AppChild = Child<AppRequest, AppReply>;
type LoadChild = Child<LoadRequest, LoadReply>;

interface Settings {
  rounds: number;
  burst: number;
  rates: number[];
  seconds: number;
  apps: AppName[];
}

function settings(): Settings {
  const apps = (process.env.SLACK_BENCH_APPS ?? 'meterdoc,bolt,floor').split(',').map((a) => a.trim());
  const unknown = apps.filter((a) => !(a in APPS));
  if (unknown.length > 0)
    throw new Error(`SLACK_BENCH_APPS: unknown ${unknown.join(', ')}; known: ${Object.keys(APPS).join(', ')}`);
  if (apps.includes('before') && !process.env.SLACK_BENCH_BASELINE)
    throw new Error('SLACK_BENCH_APPS: "before" needs SLACK_BENCH_BASELINE, a checkout of the earlier MeterDoc');
  return {
    rounds: Number(process.env.SLACK_BENCH_ROUNDS ?? 3),
    burst: Number(process.env.SLACK_BENCH_BURST ?? 100),
    rates: (process.env.SLACK_BENCH_RATES ?? '50,100,200').split(',').map(Number),
    seconds: Number(process.env.SLACK_BENCH_SECONDS ?? 10),
    apps: apps as AppName[],
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Usage = Extract<AppReply, { type: 'usage' }>;

async function usage(app: AppChild): Promise<Usage> {
  const reply = await app.ask({ type: 'usage' });
  if (reply.type !== 'usage') throw new Error(`${app.name}: no usage reply`);
  return reply;
}

async function cpuMs(app: AppChild): Promise<number> {
  return (await usage(app)).cpuMs;
}

/** Waits until the app used under 4 % of a core over a quarter second (it finished its backlog). */
async function settle(app: AppChild): Promise<number> {
  const deadline = performance.now() + SETTLE_MAX_MS;
  let last = await cpuMs(app);
  for (;;) {
    await sleep(250);
    const now = await cpuMs(app);
    if (now - last < 10 || performance.now() > deadline) return now;
    last = now;
  }
}

async function load<T extends LoadReply['type']>(
  loadgen: LoadChild,
  request: Parameters<LoadChild['ask']>[0],
  type: T,
): Promise<Extract<LoadReply, { type: T }>> {
  const reply = await loadgen.ask(request);
  if (reply.type === 'error') throw new Error(`load generator: ${reply.message}`);
  if (reply.type !== type) throw new Error(`load generator answered ${reply.type}, not ${type}`);
  return reply as Extract<LoadReply, { type: T }>;
}

/**
 * One measurement: CPU and RSS of the app around one run of the load generator, with the share of
 * the CPU its main thread used (the rest: V8's compiler and GC helper threads) and its GCs.
 */
async function measured<T>(
  app: AppChild,
  run: () => Promise<T>,
): Promise<{ result: T; cpuMs: number; rssPeakMb: number; threads: (events: number) => Figures }> {
  const rss = sampleRss(app.pid);
  const before = await usage(app);
  const result = await run();
  await settle(app);
  const after = await usage(app);
  const threads = (events: number): Figures => ({
    ...(after.mainCpuMs !== undefined && before.mainCpuMs !== undefined
      ? { cpu_main_ms_per_event: (after.mainCpuMs - before.mainCpuMs) / events }
      : {}),
    gc_minor: after.gc.minor - before.gc.minor,
    gc_major: after.gc.major - before.gc.major,
    gc_pause_ms: after.gc.pauseMs - before.gc.pauseMs,
  });
  return { result, cpuMs: after.cpuMs - before.cpuMs, rssPeakMb: rss.stop(), threads };
}

async function burst(
  app: AppChild,
  eventsUrl: string,
  loadgen: LoadChild,
  events: number,
  label: string,
): Promise<Figures> {
  const m = await measured(app, () => load(loadgen, { type: 'burst', eventsUrl, events, label }, 'burst'));
  const r = m.result.result;
  return {
    ack_p50_ms: percentile(r.acks, 50),
    ack_p99_ms: percentile(r.acks, 99),
    answer_p50_ms: percentile(r.answers, 50),
    answer_p99_ms: percentile(r.answers, 99),
    cpu_ms_per_event: m.cpuMs / events,
    ...m.threads(events),
    unanswered: r.unanswered,
    failed: r.failed,
  };
}

async function sustained(
  app: AppChild,
  eventsUrl: string,
  loadgen: LoadChild,
  rate: number,
  seconds: number,
  label: string,
): Promise<Figures> {
  // The same seed for every app and round: each sees the same sequence of pastes.
  const m = await measured(app, () =>
    load(loadgen, { type: 'sustained', eventsUrl, rate, seconds, label, seed: rate }, 'sustained'),
  );
  const r = (await load(loadgen, { type: 'collect' }, 'collect')).result;
  const answers = Object.values(r.answered).reduce((a, b) => a + b, 0);
  return {
    ack_p50_ms: percentile(r.acks, 50),
    ack_p99_ms: percentile(r.acks, 99),
    acks_over_3s: r.acksOver3s,
    unacked: r.unacked,
    failed: r.failed,
    answer_p99_ms: percentile(r.answers, 99),
    answers,
    pastes: Object.values(r.pastes).reduce((a, b) => a + b, 0),
    explicit_lost: r.explicitLost,
    rss_peak_mb: Math.round(m.rssPeakMb * 10) / 10,
    cpu_ms_per_event: m.cpuMs / r.deliveries,
    ...m.threads(r.deliveries),
    send_lag_max_ms: r.sendLagMaxMs,
    web_api_calls: Object.values(r.apiCalls).reduce((a, b) => a + b, 0),
  };
}

/** Each MeterDoc's BENCH_MD_BUILD (its compiled build), or its sources when the bench runs those. */
type Builds = Partial<Record<AppName, string>>;

/**
 * The MeterDocs to run, compiled as production runs them (compiled-meterdoc.ts), unless
 * SLACK_BENCH_SOURCES=1 asks for the TypeScript through tsx. The baseline without a build is its
 * sources, loaded through this bench's app process from its checkout.
 */
function meterDocBuilds(apps: AppName[], log: (line: string) => void): Builds {
  const builds: Builds = {};
  const baseline = process.env.SLACK_BENCH_BASELINE;
  if (process.env.SLACK_BENCH_SOURCES === '1') {
    if (apps.includes('before')) throw new Error('SLACK_BENCH_SOURCES=1 runs this checkout only; drop "before"');
    log('MeterDoc from its TypeScript sources through tsx (SLACK_BENCH_SOURCES=1)');
    return builds;
  }
  if (apps.includes('meterdoc')) builds.meterdoc = compileMeterDoc(fileURLToPath(new URL('..', import.meta.url)));
  if (apps.includes('before') && baseline) builds.before = compileMeterDoc(baseline);
  log(`MeterDoc compiled by tsc, as production runs it: ${Object.values(builds).join(', ')}`);
  return builds;
}

async function startApp(
  name: AppName,
  apiUrl: string,
  builds: Builds,
): Promise<{ child: AppChild; eventsUrl: string }> {
  const build = builds[name];
  const child: AppChild = new Child(name, APPS[name], {
    BENCH_SIGNING_SECRET: SECRET,
    BENCH_SLACK_API_URL: apiUrl,
    ...(build ? { BENCH_MD_BUILD: build } : {}),
  });
  const ready = await child.ready;
  return { child, eventsUrl: ready.eventsUrl };
}

async function stopApp(app: AppChild): Promise<void> {
  await Promise.race([app.ask({ type: 'stop' }).catch(() => undefined), sleep(5000)]);
  await app.kill();
}

/** Scenario → app → the figures of each round, in round order. */
type Results = Map<string, Map<AppName, Figures[]>>;

function record(results: Results, scenario: string, app: AppName, figures: Figures): void {
  if (!results.has(scenario)) results.set(scenario, new Map());
  const byApp = results.get(scenario)!;
  byApp.set(app, [...(byApp.get(app) ?? []), figures]);
}

const SHOWN: Record<string, string[]> = {
  burst: [
    'ack_p50_ms',
    'ack_p99_ms',
    'answer_p50_ms',
    'answer_p99_ms',
    'cpu_ms_per_event',
    'cpu_main_ms_per_event',
    'gc_minor',
    'gc_major',
    'gc_pause_ms',
    'unanswered',
  ],
  sustained: [
    'ack_p99_ms',
    'acks_over_3s',
    'unacked',
    'failed',
    'rss_peak_mb',
    'answers',
    'explicit_lost',
    'answer_p99_ms',
    'cpu_ms_per_event',
    'cpu_main_ms_per_event',
    'gc_pause_ms',
    'send_lag_max_ms',
  ],
};
/** Figures whose MeterDoc/anchor ratio means something (less is better for all of them). */
const RATIOS = new Set([
  'ack_p99_ms',
  'answer_p50_ms',
  'answer_p99_ms',
  'cpu_ms_per_event',
  'cpu_main_ms_per_event',
  'gc_pause_ms',
  'rss_peak_mb',
]);

const scenarioKey = (scenario: string): string => (scenario === 'burst' ? 'burst' : `at_${scenario}`);

function report(results: Results, apps: AppName[], log: (line: string) => void): Figures {
  const out: Figures = {};
  const ratioOf = (scenario: string, figure: string, anchor: AppName): number[] | undefined => {
    const byApp = results.get(scenario)!;
    if (!byApp.has('meterdoc') || !byApp.has(anchor)) return undefined;
    return pairedRatios(
      byApp.get('meterdoc')!.map((f) => f[figure]!),
      byApp.get(anchor)!.map((f) => f[figure]!),
    );
  };
  for (const [scenario, byApp] of results) {
    log(
      `-- ${scenario === 'burst' ? 'burst of concurrent events' : `sustained ${scenario.replace('ps', ' events/s')}`}: median [min–max]`,
    );
    for (const figure of SHOWN[scenario === 'burst' ? 'burst' : 'sustained']!) {
      // The main thread's share is read from /proc: absent elsewhere.
      if (apps.some((app) => byApp.get(app)!.some((f) => f[figure] === undefined))) continue;
      const cells = apps.map((app) => {
        const s = spread(byApp.get(app)!.map((f) => f[figure]!));
        out[`${scenarioKey(scenario)}_${figure}_${app}`] = s.median;
        return `${app} ${formatSpread(s, figure.endsWith('per_event') ? 2 : figure.endsWith('_ms') || figure.endsWith('_mb') ? 1 : 0)}`;
      });
      if (RATIOS.has(figure)) {
        for (const anchor of ANCHORS) {
          const ratios = ratioOf(scenario, figure, anchor);
          if (!ratios) continue;
          const s = spread(ratios);
          out[`${scenarioKey(scenario)}_${figure}_ratio_${anchor}`] = s.median;
          cells.push(`md/${anchor} ${formatSpread(s, 2)}`);
        }
      }
      log(`${figure.padEnd(17)} ${cells.join('   ')}`);
    }
  }
  const headline = (name: string, scenario: string, figure: string, anchor?: AppName): void => {
    const values = anchor
      ? ratioOf(scenario, figure, anchor)
      : results
          .get(scenario)
          ?.get('meterdoc')
          ?.map((f) => f[figure]!);
    if (!values) return;
    const s = spread(values);
    Object.assign(out, { [name]: s.median, [`${name}_min`]: s.min, [`${name}_max`]: s.max });
  };
  headline('cpu_ms_per_event_ratio_before', 'burst', 'cpu_ms_per_event', 'before');
  headline('answer_p99_ratio_before', 'burst', 'answer_p99_ms', 'before');
  headline('cpu_ms_per_event_ratio_bolt', 'burst', 'cpu_ms_per_event', 'bolt');
  headline('answer_p99_ratio_bolt', 'burst', 'answer_p99_ms', 'bolt');
  headline('cpu_ms_per_event_ratio_floor', 'burst', 'cpu_ms_per_event', 'floor');
  headline('cpu_main_ms_per_event_ratio_bolt', 'burst', 'cpu_main_ms_per_event', 'bolt');
  headline('answer_p99_ratio_floor', 'burst', 'answer_p99_ms', 'floor');
  headline('acks_over_3s_at_200ps', '200ps', 'acks_over_3s');
  headline('rss_peak_mb_at_200ps', '200ps', 'rss_peak_mb');
  headline('explicit_lost_at_200ps', '200ps', 'explicit_lost');
  // The names this section reported before the anchors, for comparison with earlier runs: MeterDoc's burst.
  for (const figure of ['ack_p50_ms', 'ack_p99_ms', 'answer_p50_ms', 'answer_p99_ms']) {
    const v = out[`burst_${figure}_meterdoc`];
    if (v !== undefined) out[figure] = v;
  }
  return out;
}

export async function benchAnchors(log: (line: string) => void = () => undefined): Promise<Figures> {
  const s = settings();
  const started = performance.now();
  const mix = pasteMix(loadCatalog());
  log(
    `${s.apps.join(', ')}; ${s.rounds} interleaved rounds; burst of ${s.burst}; ${s.rates.join(', ')} events/s for ${s.seconds} s of a paste mix ` +
      `(${mix.known.length} known errors, ${mix.multi.length} multi-error logs, ${mix.chat.length} chat lines, ${mix.mention.length} mentions)`,
  );
  const builds = meterDocBuilds(s.apps, log);
  const loadgen: LoadChild = new Child('load generator', new URL('./anchors/load-generator.ts', import.meta.url), {
    BENCH_SIGNING_SECRET: SECRET,
  });
  const { apiUrl } = await loadgen.ready;
  await load(loadgen, { type: 'mix', mix }, 'mix');
  const results: Results = new Map();
  try {
    for (let round = 1; round <= s.rounds; round++) {
      const running = await Promise.all(
        s.apps.map(async (name) => ({ name, ...(await startApp(name, apiUrl, builds)) })),
      );
      try {
        for (const app of running) {
          await load(
            loadgen,
            { type: 'burst', eventsUrl: app.eventsUrl, events: s.burst, label: `W${round}` },
            'burst',
          );
          await load(
            loadgen,
            { type: 'sustained', eventsUrl: app.eventsUrl, rate: 50, seconds: 1, label: `W${round}`, seed: 1 },
            'sustained',
          );
          await settle(app.child);
        }
        for (const app of running) {
          const f = await burst(app.child, app.eventsUrl, loadgen, s.burst, `R${round}B`);
          record(results, 'burst', app.name, f);
          log(
            `round ${round} burst  ${app.name.padEnd(8)} ack p99 ${f.ack_p99_ms!.toFixed(1)} ms  answer p99 ${f.answer_p99_ms!.toFixed(1)} ms  cpu ${f.cpu_ms_per_event!.toFixed(2)} ms/event`,
          );
        }
        for (const rate of s.rates) {
          for (const app of running) {
            const f = await sustained(app.child, app.eventsUrl, loadgen, rate, s.seconds, `R${round}S${rate}`);
            record(results, `${rate}ps`, app.name, f);
            log(
              `round ${round} ${`${rate}/s`.padEnd(6)} ${app.name.padEnd(8)} ack p99 ${f.ack_p99_ms!.toFixed(1)} ms  over 3 s ${f.acks_over_3s}  ` +
                `${f.failed ? `failed ${f.failed}  ` : ''}rss ${f.rss_peak_mb} MB  answers ${f.answers}/${f.pastes}  explicit lost ${f.explicit_lost}  cpu ${f.cpu_ms_per_event!.toFixed(2)} ms/event`,
            );
          }
        }
      } finally {
        await Promise.all(running.map((app) => stopApp(app.child)));
      }
    }
  } finally {
    await loadgen.kill();
  }
  const figures = report(results, s.apps, log);
  log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return figures;
}
