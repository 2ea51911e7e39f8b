import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogLoadError, loadCatalog } from '../knowledge/load-catalog.js';
import { COMPILED_CATALOG_PATH, compiledCatalogNote, writeCompiledCatalog } from '../knowledge/compiled-catalog.js';
import { loadServiceModels } from '../knowledge/load-service-models.js';
import type { Catalog } from '../core/catalog/catalog.js';
import {
  checkAgainstModels,
  ownershipReport,
  checkCounterexamples,
  checkExamples,
  checkTemplates,
  diagnose,
  MAX_SCAN_CHARS,
  toJsonDiagnosis,
  type Answer,
  type Diagnosis,
  type Finding,
} from '../core/index.js';
import { draftEntry, Insights, type GapRecord } from '../health/index.js';
import { createAiDiagnoser, type AiResult } from '../ai/index.js';
import { type CliSettings, loadAiSettings, loadCliSettings, SettingsError } from '../app/settings.js';
import { createStore } from '../store/create.js';
import { FAIL_ON_LEVELS, findingsAtOrAbove, parseFailOn } from './fail-on.js';
import { readPaste } from './read-paste.js';
import { plainStyle, renderCatalog, renderDiagnosis, streamStyle, type TerminalStyle } from './render.js';

const USAGE = `Usage:
  meterdoc diagnose [--json] [--offline] [--fail-on blocker|warning] [TEXT | FILE | -]
                                                              diagnose a pasted AWS error (stdin when no TEXT or "-")
  meterdoc catalog                                            list the catalog entries
  meterdoc catalog check                                      validate knowledge/ and run every entry's examples
  meterdoc catalog compile [--out FILE]                       compile knowledge/ to JSON for a fast start (npm run build does)
  meterdoc gaps [--limit N] [--drafts DIR]                    errors the catalog did not know or got a thumbs-down, most
                                                              frequent first (from the store in METERDOC_CACHE_URL);
                                                              --drafts writes draft catalog files for the top 3
  meterdoc help | --help | --version

Exit codes: 0 done (diagnose: whatever it found), 1 a finding at the --fail-on severity or worse
(blocker > warning > info) or a failed catalog check, 2 a usage or input error (such as a file that
does not exist).`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  /** How the readable diagnosis is styled; plain when absent (the JSON output is never styled). */
  style?: TerminalStyle;
  env: NodeJS.ProcessEnv;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    size += buf.length;
    chunks.push(buf);
    // Read a little past the scan limit so the diagnosis can say the paste was cut.
    if (size > MAX_SCAN_CHARS * 4) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  readStdin: readAllStdin,
  style: streamStyle(process.stdout),
  env: process.env,
};

/** The version in the package.json next to src/ or dist/ (both sit two levels below it). */
function packageVersion(): string {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof raw === 'object' && raw !== null && 'version' in raw && typeof raw.version === 'string'
    ? raw.version
    : 'unknown';
}

/**
 * The AI path: only with BEDROCK_MODEL_ID set and unknown errors in the paste; otherwise no
 * network call at all. Bad AI settings cost the AI answer, never the catalog answer.
 */
async function askAi(
  paste: string,
  diagnosis: Diagnosis,
  catalog: Catalog,
  settings: CliSettings,
  io: CliIo,
): Promise<AiResult | undefined> {
  if (diagnosis.unmatched.length === 0) return undefined;
  let store;
  try {
    const config = loadAiSettings({ env: io.env });
    if (!config.modelId) return undefined;
    store = createStore(settings.cacheUrl);
    const ai = createAiDiagnoser({ catalog, store, config });
    if (!ai) return undefined;
    const result = await ai.diagnoseUnknown({ paste, diagnosis });
    if (store.kind !== 'memory') {
      // The errors that went to the AI join the gap log the Slack app keeps in the same store.
      const insights = new Insights(store, settings.health);
      insights.aiAsked({ items: result.items });
      await insights.flush();
    }
    return result;
  } catch (err) {
    if (err instanceof SettingsError || /METERDOC_CACHE_URL/.test((err as Error).message)) {
      io.stderr(`meterdoc: ${(err as Error).message}`);
      return { answers: [], findings: [], items: [], note: `AI answer unavailable: ${(err as Error).message}` };
    }
    throw err;
  } finally {
    await store?.close();
  }
}

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        offline: { type: 'boolean' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        limit: { type: 'string' },
        drafts: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (err) {
    io.stderr(`meterdoc: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.version) {
    io.stdout(packageVersion());
    return 0;
  }
  // Asked-for help is output (stdout, 0); help shown because the command line was wrong is an error.
  if (parsed.values.help || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (!command) {
    io.stderr(USAGE);
    return 2;
  }
  const failOnRaw = parsed.values['fail-on'];
  const failOn = failOnRaw === undefined ? undefined : parseFailOn(failOnRaw);
  if (failOn === null || (failOnRaw !== undefined && command !== 'diagnose')) {
    io.stderr(
      `meterdoc: --fail-on ${failOn === null ? `takes ${FAIL_ON_LEVELS.join(' or ')}` : 'only applies to diagnose'}\n\n${USAGE}`,
    );
    return 2;
  }

  let settings: CliSettings;
  try {
    settings = loadCliSettings({ env: io.env });
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    io.stderr(`meterdoc: ${err.message}`);
    return 2;
  }
  let catalog;
  try {
    // The catalog commands check and compile the YAML itself, never a compiled copy of it.
    catalog = loadCatalog(settings.knowledgeDir, command === 'catalog' ? { compiled: false } : {});
  } catch (err) {
    if (err instanceof CatalogLoadError) {
      io.stderr(`meterdoc: broken knowledge file ${err.message}`);
      return command === 'catalog' ? 1 : 2;
    }
    throw err;
  }

  if (command === 'catalog') {
    if (rest[0] === 'check') {
      const { examples, failures } = checkExamples(catalog);
      for (const f of failures)
        io.stderr(`FAIL ${f.entryId}: ${f.problem}\n     ${f.example.split('\n')[0]!.slice(0, 160)}`);
      const near = checkCounterexamples(catalog);
      for (const f of near.failures)
        io.stderr(`FAIL ${f.entryId}: ${f.problem}\n     ${f.example.split('\n')[0]!.slice(0, 160)}`);
      const texts = checkTemplates(catalog);
      for (const t of texts) io.stderr(`FAIL ${t.entryId} (${t.facts}): ${t.problem}\n     ${t.text.slice(0, 160)}`);
      const mismatches = checkAgainstModels(catalog, loadServiceModels());
      for (const m of mismatches) io.stderr(`FAIL ${m.entryId}: ${m.problem}`);
      const ownership = ownershipReport(catalog);
      for (const c of ownership.conflicts)
        io.stderr(
          `FAIL ${c.owners.join(', ')}: each owns the ${c.kind} "${c.value}"; only one entry may answer it first`,
        );
      // A shared code nobody owns still ranks, by area and then id: worth knowing, not a failure.
      for (const u of ownership.unowned)
        io.stderr(
          `NOTE ${u.kind} "${u.value}" is shared by ${u.entries.join(', ')} and owned by none: a tie between them falls to area, then id (add it to one entry's match.owns)`,
        );
      const problems = [
        ...(near.failures.length > 0
          ? [`${near.failures.length} of ${near.counterexamples} counterexamples rank their entry first`]
          : []),
        ...(texts.length > 0 ? [`${texts.length} texts read wrong when filled`] : []),
        ...(mismatches.length > 0 ? [`${mismatches.length} operation/code pairs off the service models`] : []),
        ...(ownership.conflicts.length > 0
          ? [`${ownership.conflicts.length} codes or phrases owned by more than one entry`]
          : []),
      ];
      io.stdout(
        `${catalog.entries.length} entries, ${examples} examples, ${failures.length} failing${problems.map((p) => `; ${p}`).join('')}`,
      );
      // A compiled catalog that no longer matches the YAML is never used (the app parses the YAML
      // instead: right, only slower to start), so it is a note, not a failure: the build is older
      // than the knowledge files (or than the code).
      const note = settings.knowledgeDir ? undefined : compiledCatalogNote(COMPILED_CATALOG_PATH, catalog);
      if (note)
        io.stderr(
          `NOTE ${relative(process.cwd(), COMPILED_CATALOG_PATH)} ${note}: run \`npm run build\` or \`meterdoc catalog compile\``,
        );
      return failures.length === 0 &&
        near.failures.length === 0 &&
        texts.length === 0 &&
        mismatches.length === 0 &&
        ownership.conflicts.length === 0
        ? 0
        : 1;
    }
    if (rest[0] === 'compile') {
      const out = parsed.values.out ?? COMPILED_CATALOG_PATH;
      writeCompiledCatalog(out, catalog);
      io.stdout(
        `${catalog.entries.length} entries compiled to ${relative(process.cwd(), out) || out} (catalog version ${catalog.version})`,
      );
      return 0;
    }
    if (rest.length > 0) {
      io.stderr(`meterdoc: unknown catalog command "${rest[0]}"\n\n${USAGE}`);
      return 2;
    }
    io.stdout(renderCatalog(catalog));
    return 0;
  }

  if (command === 'diagnose') {
    if (rest.length > 1) {
      io.stderr('meterdoc: quote the error text as one argument, or pipe it on stdin');
      return 2;
    }
    const read = await readPaste(rest[0], io.readStdin);
    if (!read.ok) {
      io.stderr(`meterdoc: ${read.problem}`);
      return 2;
    }
    const paste = read.text;
    const diagnosis = diagnose(paste, catalog);
    const ai = parsed.values.offline ? undefined : await askAi(paste, diagnosis, catalog, settings, io);
    // The AI's fallback (the nearest entry when it could not answer) is a guess: the text output
    // shows the core's "might be related" entries for that error instead, as Slack does.
    const answered = ai?.items.filter((it) => it.answer && it.outcome !== 'fallback') ?? [];
    // AI findings join the catalog's in `findings` (source llm/cache) so --json consumers need no new field.
    const findings: Finding[] = [...diagnosis.findings, ...(ai?.findings ?? [])];
    // The renderer pairs extra answers with the first unmatched errors: put the answered ones first.
    const unmatched = [
      ...answered.map((it) => it.error),
      ...diagnosis.unmatched.filter((u) => !answered.some((it) => it.error === u)),
    ];
    const extraAnswers: Answer[] = answered.map((it) => it.answer!);
    if (parsed.values.json) io.stdout(JSON.stringify(toJsonDiagnosis({ ...diagnosis, findings }, ai?.note)));
    else {
      const text = renderDiagnosis({ ...diagnosis, unmatched }, io.style ?? plainStyle, extraAnswers, {
        aiAsked: ai !== undefined,
      });
      io.stdout(ai?.note ? `${text}\n\n${ai.note}` : text);
    }
    if (failOn) {
      const failing = findingsAtOrAbove(findings, failOn);
      if (failing.length > 0) {
        // On stderr, so the CI log says why the step failed while stdout stays the diagnosis (or pure JSON).
        io.stderr(
          `meterdoc: ${failing.length} finding${failing.length === 1 ? '' : 's'} at ${failOn} or worse (${[...new Set(failing.map((f) => f.entry.id))].join(', ')}); exit 1 for --fail-on ${failOn}`,
        );
        return 1;
      }
    }
    return 0;
  }

  if (command === 'gaps') return runGaps(io, settings, { limit: parsed.values.limit, drafts: parsed.values.drafts });

  io.stderr(`meterdoc: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

const DRAFT_COUNT = 3;

function gapText(gap: GapRecord, i: number): string {
  const lines = [
    `${i + 1}. ${gap.code ?? gap.message?.slice(0, 80) ?? 'an error with no code'}${gap.operation ? ` from ${gap.operation}` : ''}: ${gap.count}x, first ${gap.firstSeen.slice(0, 16).replace('T', ' ')} UTC, last ${gap.lastSeen.slice(0, 16).replace('T', ' ')} UTC`,
  ];
  const how = [
    gap.kinds.includes('ai') ? 'sent to the AI' : '',
    gap.kinds.includes('unknown') ? 'not recognised' : '',
    gap.downvotes > 0
      ? `${gap.downvotes} thumbs-down${gap.answeredWith.length ? ` on ${gap.answeredWith.join(', ')}` : ''}`
      : '',
  ].filter(Boolean);
  if (how.length > 0) lines.push(`   ${how.join('; ')}`);
  for (const r of gap.reasons.slice(-3)) lines.push(`   reason: ${r.text.replace(/\s+/g, ' ')}`);
  if (gap.example)
    lines.push(
      '   example (redacted):',
      ...gap.example
        .split('\n')
        .slice(0, 8)
        .map((l) => `     ${l}`),
    );
  return lines.join('\n');
}

/** `meterdoc gaps`: reads the gap log from the shared store the Slack app writes to. */
async function runGaps(
  io: CliIo,
  settings: CliSettings,
  options: { limit: string | undefined; drafts: string | undefined },
): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number.parseInt(options.limit, 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    io.stderr('meterdoc: --limit must be a whole number from 1 to 500');
    return 2;
  }
  let store;
  try {
    store = createStore(settings.cacheUrl);
  } catch (err) {
    io.stderr(`meterdoc: ${(err as Error).message}`);
    return 2;
  }
  try {
    if (store.kind === 'memory') {
      io.stderr(
        'meterdoc: METERDOC_CACHE_URL is not set (or is memory:), so there is no recorded gap to read: an in-memory store starts empty in every process.\n' +
          'Set it to the store the Slack app uses (redis://… or the directory of a file store) and run this again.',
      );
      return 2;
    }
    const gaps = await new Insights(store, settings.health).listGaps(limit);
    if (gaps.length === 0) {
      io.stdout(
        'No catalog gaps recorded: no error went to the AI or was left unrecognised, and nobody voted thumbs-down.',
      );
      return 0;
    }
    io.stdout(
      [
        `${gaps.length} catalog gap${gaps.length === 1 ? '' : 's'}, most frequent first:`,
        '',
        ...gaps.map(gapText),
      ].join('\n'),
    );
    if (options.drafts) {
      mkdirSync(options.drafts, { recursive: true });
      for (const gap of gaps.slice(0, DRAFT_COUNT)) {
        const draft = draftEntry(gap);
        const path = join(options.drafts, draft.fileName);
        try {
          // Never overwrite: the file may already hold someone's half-finished edits.
          writeFileSync(path, draft.yaml, { flag: 'wx' });
          io.stdout(`wrote ${path}`);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          io.stdout(`kept ${path} (it already exists)`);
        }
      }
      io.stdout(
        'Complete every TODO in the drafts, move them under knowledge/<area>/, and run `meterdoc catalog check`.',
      );
    } else
      io.stdout(
        `\nRun \`meterdoc gaps --drafts DIR\` to write draft catalog files for the top ${Math.min(DRAFT_COUNT, gaps.length)}.`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`meterdoc: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
