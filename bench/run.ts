/**
 * `npm run bench [-- section...]`: prints figures as it goes and ends with one JSON line of them.
 * Sections: core (default), plus the others listed in SECTIONS. Benchmarks, not tests: they are
 * never run by `npm test`, because timings on a shared machine are not pass/fail material.
 */
import { benchCore } from './core.js';
import { benchAi } from './ai.js';
import { benchAnchors } from './anchors.js';
import { benchSlowBedrock } from './slow-bedrock.js';
import { benchReplicas } from './replicas.js';
import { benchSoak } from './soak.js';

type Figures = Record<string, number>;
type Section = (log: (line: string) => void) => Promise<Figures> | Figures;

const SECTIONS: Record<string, Section> = {
  core: (log) => ({ ...benchCore(log) }),
  // MeterDoc beside a bare Bolt app and a raw node:http floor, each in its own process (~6 min).
  slack: async (log) => ({ ...(await benchAnchors(log)) }),
  ai: async (log) => ({ ...(await benchAi(log)) }),
  'slow-bedrock': async (log) => ({ ...(await benchSlowBedrock(log)) }),
  // Minutes long (10,000 events at 60/s): only when asked, `npm run bench -- soak`.
  soak: async (log) => ({ ...(await benchSoak(log)) }),
  // One vs two HTTP replicas on a loopback redis-server (a few minutes): `npm run bench -- replicas`.
  replicas: async (log) => ({ ...(await benchReplicas(log)) }),
};

const DEFAULT_SECTIONS = ['core', 'slack', 'ai', 'slow-bedrock'];

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const names = asked.length > 0 ? asked : DEFAULT_SECTIONS;
  const unknown = names.filter((n) => !SECTIONS[n]);
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const all: Figures = {};
  for (const name of names) {
    process.stdout.write(`== ${name}\n`);
    Object.assign(all, await SECTIONS[name]!((line) => process.stdout.write(`   ${line}\n`)));
  }
  process.stdout.write(`${JSON.stringify(all)}\n`);
}

await main();
