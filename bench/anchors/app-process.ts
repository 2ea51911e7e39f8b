/**
 * What each app under test runs in its own process: start the app, tell the bench where its
 * events endpoint is, then answer the bench's questions about the process (CPU time used so far,
 * from process.cpuUsage(), which counts every thread of the process) until told to stop.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { AppReply, AppRequest } from './protocol.js';

export interface RunningApp {
  eventsUrl: string;
  stop(): Promise<void>;
}

/** The settings every app under test is started with (by the bench, through the environment). */
export function appSettings(): { signingSecret: string; slackApiUrl: string } {
  const signingSecret = process.env.BENCH_SIGNING_SECRET;
  const slackApiUrl = process.env.BENCH_SLACK_API_URL;
  if (!signingSecret || !slackApiUrl) throw new Error('BENCH_SIGNING_SECRET and BENCH_SLACK_API_URL must be set');
  return { signingSecret, slackApiUrl };
}

/**
 * SLACK_BENCH_CPU_PROF=DIR: a V8 CPU profile of each app's main thread, from its first measured
 * phase until it is told to stop, written to DIR/<app>-<pid>.cpuprofile (open it in Chrome DevTools). Taken through
 * the inspector rather than `--cpu-prof`, which would profile the tsx loader's thread too and
 * only writes on a clean exit.
 * SLACK_BENCH_HEAP_PROF=DIR: over the same span, a sampling heap profile of what was allocated
 * (collected objects included), DIR/<app>-<pid>.heapprofile: where the young-generation GC work comes from.
 */
async function startProfile(): Promise<(() => Promise<void>) | undefined> {
  const cpuDir = process.env.SLACK_BENCH_CPU_PROF;
  const heapDir = process.env.SLACK_BENCH_HEAP_PROF;
  if (!cpuDir && !heapDir) return undefined;
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  const file = (dir: string, ext: string): string => {
    mkdirSync(dir, { recursive: true });
    return join(dir, `${basename(process.argv[1] ?? 'app', '.ts')}-${process.pid}.${ext}`);
  };
  if (cpuDir) {
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  if (heapDir) {
    await post('HeapProfiler.enable');
    // Objects the GC already collected stay in the profile: they are the allocation churn.
    await post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return async () => {
    if (cpuDir) {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      writeFileSync(file(cpuDir, 'cpuprofile'), JSON.stringify(profile));
    }
    if (heapDir) {
      const { profile } = await post<{ profile: unknown }>('HeapProfiler.stopSampling');
      writeFileSync(file(heapDir, 'heapprofile'), JSON.stringify(profile));
    }
    session.disconnect();
  };
}

/**
 * CPU time of the calling thread (the main thread here), ms, from /proc/thread-self/schedstat
 * (nanoseconds on the CPU); undefined where there is no such file. process.cpuUsage() counts
 * every thread, so with this the bench can tell the JavaScript thread from V8's helpers.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Counts garbage collections by kind and sums their main-thread pauses, from the process start. */
function watchGc(): { minor: number; major: number; pauseMs: number } {
  const gc = { minor: 0, major: 0, pauseMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor++;
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
      gc.pauseMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  return gc;
}

export async function serveUnderTest(start: () => Promise<RunningApp>): Promise<void> {
  const send = (reply: AppReply): void => void process.send!(reply);
  const gc = watchGc();
  const app = await start();
  // The profile starts with the first measured phase (the bench asks for the CPU time used at the
  // start of each): what the app does while starting and warming up is not what an event costs.
  let stopProfile: (() => Promise<void>) | undefined;
  let profiling: Promise<void> | undefined;
  process.on('message', async (msg: AppRequest) => {
    if (msg.type === 'usage') {
      profiling ??= startProfile().then((stop) => {
        stopProfile = stop;
      });
      await profiling;
      const cpu = process.cpuUsage();
      const mainCpuMs = mainThreadCpuMs();
      send({
        id: msg.id,
        type: 'usage',
        cpuMs: (cpu.user + cpu.system) / 1000,
        ...(mainCpuMs === undefined ? {} : { mainCpuMs }),
        gc: { ...gc },
        rssMb: process.memoryUsage.rss() / 1_048_576,
      });
      return;
    }
    (stopProfile ? stopProfile() : Promise.resolve())
      .then(() => app.stop())
      .then(
        () => {
          send({ id: msg.id, type: 'stopped' });
          process.disconnect();
        },
        (err: unknown) => send({ id: msg.id, type: 'error', message: String((err as Error)?.message ?? err) }),
      );
  });
  // The bench is gone (it crashed or was interrupted): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', eventsUrl: app.eventsUrl });
}
