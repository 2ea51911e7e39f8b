/**
 * AI path benchmark: Bedrock calls per distinct error over a stream of 1,000 pastes holding 50
 * distinct unknown errors in varied noise (new request IDs, timestamps, retry delays, log lines
 * around them, JS SDK or botocore format, quantities inside the message). Goal: exactly 1.0.
 *
 * Bedrock is a plain-http stand-in on 127.0.0.1 reached through AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
 * the SDK's own endpoint setting, so the whole client path runs (signing, HTTP, parsing).
 * Pastes arrive in concurrent waves so the in-process single flight is exercised as well as the cache.
 *
 * `ack_p99_ms_slow_bedrock` needs the Slack app's ack path and is measured there, not here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { diagnose, type Catalog } from '../src/core/index.js';
import { createAiDiagnoser } from '../src/ai/index.js';
import { MemoryStore, type SharedStore } from '../src/store/store.js';
import { loadAiSettings } from '../src/app/settings.js';

type Log = (line: string) => void;

const NOUNS = ['Usage', 'Record', 'Allocation', 'Tag', 'Agreement', 'Offer', 'Listing', 'Seller', 'Contract', 'Meter'];
const STATES = ['QuotaBreached', 'ConflictDetected', 'WindowClosed', 'Suspended', 'Mismatched'];

interface DistinctError {
  code: string;
  operation: string;
  message: (n: number) => string;
}

function distinctErrors(): DistinctError[] {
  const errors: DistinctError[] = [];
  for (const noun of NOUNS) {
    for (const state of STATES) {
      const i = errors.length;
      errors.push({
        code: `${noun}${state}Fault`,
        operation: i % 2 ? 'BatchMeterUsage' : 'MeterUsage',
        // Quantities and counts inside the message change from paste to paste; the error does not.
        message: (n) =>
          `${noun} check ${state
            .replace(/([A-Z])/g, ' $1')
            .trim()
            .toLowerCase()} for product prod-${String.fromCharCode(97 + (i % 26))}x${i}q after ${n % 97} records (limit ${1000 + (n % 13)})`,
      });
    }
  }
  return errors;
}

function hex(n: number, len: number): string {
  let s = '';
  let x = (n * 2654435761 + 0x9e3779b9) >>> 0;
  while (s.length < len) {
    s += x.toString(16).padStart(8, '0');
    x = (x * 1103515245 + 12345) >>> 0;
  }
  return s.slice(0, len);
}

function paste(error: DistinctError, n: number): string {
  const requestId = `${hex(n, 8)}-${hex(n + 1, 4)}-4${hex(n + 2, 3)}-a${hex(n + 3, 3)}-${hex(n + 4, 12)}`;
  const time = new Date(Date.UTC(2026, 10, 23, n % 24, n % 60, (n * 7) % 60, n % 1000)).toISOString();
  const noise = Array.from(
    { length: n % 4 },
    (_, k) => `${time} INFO worker-${n % 9} flushed batch ${n * 10 + k} (${(n * 37) % 500} ms)`,
  ).join('\n');
  const body =
    n % 3 === 0
      ? `${time} ERROR metering failed\nbotocore.exceptions.ClientError: An error occurred (${error.code}) when calling the ${error.operation} operation: ${error.message(n)}`
      : `${time} ERROR ${error.operation} failed\n${error.code}: ${error.message(n)}\n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n  '$metadata': { httpStatusCode: 400, requestId: '${requestId}', attempts: ${1 + (n % 3)}, totalRetryDelay: ${(n * 13) % 900} }`;
  return noise ? `${noise}\n${body}\n${noise}` : body;
}

const toolReply = (code: string) => ({
  output: {
    message: {
      role: 'assistant',
      content: [
        {
          toolUse: {
            toolUseId: `tooluse_${code}`,
            name: 'record_diagnosis',
            input: {
              title: `${code} explained`,
              area: 'metering',
              severity: 'blocker',
              retryable: false,
              what: `The call failed with ${code}.`,
              why: ['A reason from the stand-in.'],
              fix: ['A fix from the stand-in.'],
              isMeteringRelated: true,
              confidence: 0.6,
            },
          },
        },
      ],
    },
  },
  stopReason: 'tool_use',
  usage: { inputTokens: 1800, outputTokens: 300, totalTokens: 2100 },
  metrics: { latencyMs: 40 },
});

export interface AiBenchDetails {
  bedrock_calls_per_distinct_error: number;
  pastes: number;
  distinct_errors: number;
  bedrock_calls: number;
  cache_hits: number;
  joined_in_flight: number;
  non_ai_answers: number;
  wall_ms: number;
}

export async function benchAiDetails(
  log: Log = () => undefined,
  options: { pastes?: number; wave?: number; bedrockDelayMs?: number; store?: SharedStore; catalog?: Catalog } = {},
): Promise<AiBenchDetails> {
  const total = options.pastes ?? 1000;
  const wave = options.wave ?? 25;
  const catalog = options.catalog ?? loadCatalog();
  const errors = distinctErrors();

  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const prompt = (
        JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: Array<{ content: Array<{ text: string }> }> }
      ).messages[0]!.content[0]!.text;
      const code = /code: (\S+)/.exec(prompt)?.[1] ?? 'Unknown';
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(toolReply(code)));
      }, options.bedrockDelayMs ?? 30);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = endpoint;
  const store = options.store ?? new MemoryStore();
  try {
    const ai = createAiDiagnoser({
      catalog,
      store,
      config: loadAiSettings({
        env: {
          BEDROCK_MODEL_ID: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          BEDROCK_REGION: 'us-east-1',
          METERDOC_AI_MAX_CALLS_PER_HOUR: '100000',
        },
      }),
      client: { credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } },
    });
    if (!ai) throw new Error('bench: AI diagnoser not created');

    const seen = new Set<string>();
    let nonAi = 0;
    const started = performance.now();
    for (let start = 0; start < total; start += wave) {
      await Promise.all(
        Array.from({ length: Math.min(wave, total - start) }, async (_, k) => {
          const n = start + k;
          // Bursts of the same error inside a wave (single flight) and repeats across waves (cache),
          // spread unevenly over the stream like real traffic.
          const error = errors[(Math.floor(n / 4) * 7 + (n % 4 === 3 ? 11 : 0)) % errors.length]!;
          const text = paste(error, n);
          const diagnosis = diagnose(text, catalog);
          const result = await ai.diagnoseUnknown({ paste: text, diagnosis });
          for (const item of result.items) {
            seen.add(item.error.facts.code ?? item.fingerprint);
            if (item.outcome === 'fallback') nonAi++;
          }
          if (result.items.length === 0) nonAi++;
        }),
      );
    }
    const wallMs = Math.round(performance.now() - started);
    const distinct = seen.size;
    const perError = distinct === 0 ? Number.NaN : Math.round((calls / distinct) * 1000) / 1000;
    log(
      `${total} pastes, ${distinct} distinct unknown errors, ${calls} Bedrock calls (${perError} per distinct error), ${ai.stats.cacheHits} cache hits, ${ai.stats.joinedInFlight} joined in flight, ${nonAi} without an AI answer, ${wallMs} ms`,
    );
    return {
      bedrock_calls_per_distinct_error: perError,
      pastes: total,
      distinct_errors: distinct,
      bedrock_calls: calls,
      cache_hits: ai.stats.cacheHits,
      joined_in_flight: ai.stats.joinedInFlight,
      non_ai_answers: nonAi,
      wall_ms: wallMs,
    };
  } finally {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    else process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = saved;
    await store.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The figures for `npm run bench`'s JSON line. */
export async function benchAi(log: Log = () => undefined): Promise<{ bedrock_calls_per_distinct_error: number }> {
  const { bedrock_calls_per_distinct_error } = await benchAiDetails(log);
  return { bedrock_calls_per_distinct_error };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const details = await benchAiDetails((line) => process.stdout.write(`   ${line}\n`));
  process.stdout.write(`${JSON.stringify(details)}\n`);
}
