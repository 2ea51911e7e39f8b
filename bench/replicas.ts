/**
 * `npm run bench -- replicas` (not in the default run; a few minutes): the highest rate at which
 * MeterDoc keeps every ack under Slack's 3 s, with one HTTP-mode replica and with two, both on one
 * real redis-server on loopback (the shared store that makes an event answered once), behind a
 * tiny round-robin proxy (bench/anchors/round-robin-proxy.ts; one replica goes through it too, so
 * both sides pay the same hop). The load generator and paste mix are the slack section's.
 *
 * Each configuration steps through REPLICAS_RATES (50,100,150,200,300,400 events/s) for
 * REPLICAS_SECONDS (6) each and stops at the first rate where an ack took over 3 s, a request
 * failed, an explicit request went unanswered or a replica shed a passive paste (its
 * `meterdoc_shed_total`, read from each replica's /metrics): acks never wait for listener work, so
 * a replica past its capacity keeps acking in time and drops pastes instead, and that is not a
 * rate it sustains. The rate before it is the one sustained (0 when even the first fails).
 * REPLICAS_ROUNDS (2) rounds alternate one and two replicas.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { Child } from './anchors/child.js';
import { compileMeterDoc } from './anchors/compiled-meterdoc.js';
import { pasteMix } from './anchors/paste-mix.js';
import type { AppReply, AppRequest, LoadReply, LoadRequest } from './anchors/protocol.js';
import { formatSpread, pairedRatios, spread } from './anchors/summary.js';
import { percentile } from './stats.js';

const SECRET = 'bench-replicas-signing-secret';
const SETTLE_MAX_MS = 15_000;

type AppChild = Child<AppRequest, AppReply>;
type LoadChild = Child<LoadRequest, LoadReply>;
type ProxyChild = Child<{ id: number }, { type: 'ready'; url: string }>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function cpuMs(app: AppChild): Promise<number> {
  const reply = await app.ask({ type: 'usage' });
  if (reply.type !== 'usage') throw new Error(`${app.name}: no usage reply`);
  return reply.cpuMs;
}

/** Waits until every replica used under 4 % of a core over a quarter second. */
async function settle(apps: AppChild[]): Promise<void> {
  const deadline = performance.now() + SETTLE_MAX_MS;
  let last = await Promise.all(apps.map(cpuMs));
  while (performance.now() < deadline) {
    await sleep(250);
    const now = await Promise.all(apps.map(cpuMs));
    if (now.every((c, i) => c - last[i]! < 10)) return;
    last = now;
  }
}

/** Passive pastes the replicas dropped over capacity so far (every reason), from their /metrics. */
async function shedTotal(origins: string[]): Promise<number> {
  let total = 0;
  for (const origin of origins) {
    const res = await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    for (const line of text.split('\n'))
      if (line.startsWith('meterdoc_shed_total')) total += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
  }
  return total;
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

/** The highest of `rates` one set of replicas holds, stepping up until a rate fails. */
async function sustainedRate(
  n: number,
  redisUrl: string,
  apiUrl: string,
  build: string | undefined,
  loadgen: LoadChild,
  rates: number[],
  seconds: number,
  round: number,
  log: (line: string) => void,
): Promise<number> {
  const replicas: AppChild[] = [];
  let proxy: ProxyChild | undefined;
  try {
    for (let i = 0; i < n; i++)
      replicas.push(
        new Child(`replica ${i + 1}`, new URL('./anchors/meterdoc-app.ts', import.meta.url), {
          BENCH_SIGNING_SECRET: SECRET,
          BENCH_SLACK_API_URL: apiUrl,
          BENCH_REDIS_URL: redisUrl,
          ...(build ? { BENCH_MD_BUILD: build } : {}),
        }),
      );
    const upstreams = await Promise.all(replicas.map(async (r) => new URL((await r.ready).eventsUrl).origin));
    proxy = new Child('proxy', new URL('./anchors/round-robin-proxy.ts', import.meta.url), {
      BENCH_UPSTREAMS: upstreams.join(','),
    });
    const eventsUrl = `${(await proxy.ready).url}/slack/events`;
    await load(loadgen, { type: 'burst', eventsUrl, events: 100, label: `W${round}N${n}` }, 'burst');
    await settle(replicas);
    let held = 0;
    let shedBefore = await shedTotal(upstreams);
    for (const rate of rates) {
      await load(
        loadgen,
        { type: 'sustained', eventsUrl, rate, seconds, label: `R${round}N${n}S${rate}`, seed: rate },
        'sustained',
      );
      await settle(replicas);
      const r = (await load(loadgen, { type: 'collect' }, 'collect')).result;
      const shedNow = await shedTotal(upstreams);
      const shed = shedNow - shedBefore;
      shedBefore = shedNow;
      const ok = r.acksOver3s === 0 && r.failed === 0 && r.explicitLost === 0 && shed === 0;
      log(
        `round ${round} ${n} replica${n > 1 ? 's' : ' '} ${String(rate).padStart(3)}/s  ack p99 ${percentile(r.acks, 99).toFixed(1)} ms  over 3 s ${r.acksOver3s}  ` +
          `failed ${r.failed}${r.failed > 0 ? ` (by status ${JSON.stringify(r.failedStatuses)})` : ''}  answers ${Object.values(r.answered).reduce((a, b) => a + b, 0)}/${Object.values(r.pastes).reduce((a, b) => a + b, 0)}  ` +
          `explicit lost ${r.explicitLost}  shed ${shed}  send lag ${r.sendLagMaxMs} ms  ${ok ? 'held' : 'NOT held'}`,
      );
      if (!ok) break;
      held = rate;
    }
    return held;
  } finally {
    await Promise.all(
      replicas.map(async (r) => {
        await Promise.race([r.ask({ type: 'stop' }).catch(() => undefined), sleep(5000)]);
        await r.kill();
      }),
    );
    await proxy?.kill();
  }
}

export async function benchReplicas(log: (line: string) => void = () => undefined): Promise<Record<string, number>> {
  const rates = (process.env.REPLICAS_RATES ?? '50,100,150,200,300,400').split(',').map(Number);
  const seconds = Number(process.env.REPLICAS_SECONDS ?? 6);
  const rounds = Number(process.env.REPLICAS_ROUNDS ?? 2);
  log(
    `one and two MeterDoc replicas on one redis-server behind a round-robin proxy; ${rates.join(', ')} events/s for ${seconds} s each, ${rounds} rounds`,
  );
  // Two replicas, the redis-server, the proxy and the load generator each want a core of their own
  // at the rates where one replica gives up: with fewer, two replicas only share one replica's CPU.
  const cores = availableParallelism();
  if (cores < 4) log(`(${cores} cores here: two replicas cannot show their scaling on fewer than 4 free cores)`);
  // Compiled as production runs it (compiled-meterdoc.ts), unless SLACK_BENCH_SOURCES=1.
  const build =
    process.env.SLACK_BENCH_SOURCES === '1'
      ? undefined
      : compileMeterDoc(fileURLToPath(new URL('..', import.meta.url)));
  const redis = await startRedisServer();
  const loadgen: LoadChild = new Child('load generator', new URL('./anchors/load-generator.ts', import.meta.url), {
    BENCH_SIGNING_SECRET: SECRET,
  });
  const held: Record<1 | 2, number[]> = { 1: [], 2: [] };
  try {
    const { apiUrl } = await loadgen.ready;
    await load(loadgen, { type: 'mix', mix: pasteMix(loadCatalog()) }, 'mix');
    for (let round = 1; round <= rounds; round++) {
      for (const n of [1, 2] as const)
        held[n].push(await sustainedRate(n, redis.url, apiUrl, build, loadgen, rates, seconds, round, log));
    }
  } finally {
    await loadgen.kill();
    await redis.stop();
  }
  const one = spread(held[1]);
  const two = spread(held[2]);
  const scaling = spread(pairedRatios(held[2], held[1]));
  log(
    `rate held (events/s), median [min–max]: one replica ${formatSpread(one, 0)}   two replicas ${formatSpread(two, 0)}   two/one ${formatSpread(scaling, 2)}`,
  );
  if ([...held[1], ...held[2]].includes(rates[rates.length - 1]!))
    log(
      `(${rates[rates.length - 1]}/s is the highest rate tried: a run that held it may hold more; raise REPLICAS_RATES)`,
    );
  return {
    replicas_rate_held_1: one.median,
    replicas_rate_held_1_min: one.min,
    replicas_rate_held_1_max: one.max,
    replicas_rate_held_2: two.median,
    replicas_rate_held_2_min: two.min,
    replicas_rate_held_2_max: two.max,
    replicas_scaling: scaling.median,
  };
}
