import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { pageHtml, type PreviewItem } from './blockkit-html.js';
import { previewItems } from './samples.js';

/**
 * `npm run preview [-- --out DIR] [--only TEXT] [--no-png]`: every message kind MeterDoc sends as
 * one HTML page that approximates Slack, and one PNG per message kind when Chromium is installed.
 */

const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);
const WIDTH = 760;

function chromiumFlags(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
  ];
}

/** Each item's rendered height, read from the page itself (one Chromium run for all of them). */
async function measureHeights(pagePath: string, profile: string): Promise<Map<string, number>> {
  const { stdout } = await run(
    CHROMIUM!,
    [
      ...chromiumFlags(profile),
      `--window-size=${WIDTH},2000`,
      '--virtual-time-budget=2000',
      '--dump-dom',
      `file://${pagePath}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const heights = new Map<string, number>();
  for (const m of stdout.matchAll(/data-id="([^"]+)" data-height="(\d+)"/g)) heights.set(m[1]!, Number(m[2]));
  return heights;
}

const MEASURE_SCRIPT = `<script>for(const el of document.querySelectorAll('.item')){const m=document.createElement('i');m.setAttribute('data-id',el.id);m.setAttribute('data-height',String(Math.ceil(el.getBoundingClientRect().height)+20));document.body.appendChild(m)}</script>`;

async function screenshots(items: PreviewItem[], out: string): Promise<string[]> {
  const profile = mkdtempSync(join(tmpdir(), 'meterdoc-preview-'));
  try {
    const measurePage = join(out, 'measure.html');
    writeFileSync(measurePage, pageHtml('measure', items).replace('</body>', `${MEASURE_SCRIPT}</body>`));
    const heights = await measureHeights(measurePage, profile);
    rmSync(measurePage);
    const written: string[] = [];
    const queue = [...items];
    // Two Chromiums at a time: the machine has two cores, and each run is mostly start-up.
    const worker = async (n: number): Promise<void> => {
      const own = mkdtempSync(join(tmpdir(), `meterdoc-preview-${n}-`));
      try {
        for (let it = queue.shift(); it; it = queue.shift()) {
          const page = join(out, `${it.id}.html`);
          const png = join(out, `${it.id}.png`);
          writeFileSync(page, pageHtml(it.id, [it]));
          const height = Math.min(Math.max(heights.get(it.id) ?? 1200, 120), 8000);
          await run(CHROMIUM!, [
            ...chromiumFlags(own),
            `--window-size=${WIDTH},${height}`,
            `--screenshot=${png}`,
            `file://${page}`,
          ]);
          rmSync(page);
          written.push(png);
        }
      } finally {
        rmSync(own, { recursive: true, force: true });
      }
    };
    await Promise.all([worker(1), worker(2)]);
    return written;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'preview-out' },
      only: { type: 'string' },
      'no-png': { type: 'boolean', default: false },
    },
  });
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const all = await previewItems();
  const items = values.only ? all.filter((i) => i.id.includes(values.only!)) : all;
  const index = join(out, 'index.html');
  writeFileSync(index, pageHtml('MeterDoc messages', items));
  console.log(`${items.length} message kinds → ${index}`);
  for (const it of items) if (it.figures) console.log(`  ${it.id}: ${it.figures}`);
  if (values['no-png']) return;
  if (!CHROMIUM) {
    console.log('Chromium not found (apt-get install chromium): HTML only.');
    return;
  }
  const pngs = await screenshots(items, out);
  console.log(`${pngs.length} screenshots in ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
