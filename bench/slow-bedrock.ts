/**
 * Ack latency while Bedrock answers slowly: the same 100 concurrent signed events as the Slack
 * section, but each holds an error the catalog does not know, so every answer goes through the AI
 * fallback to a Bedrock stand-in that takes 10 seconds. Slack must still get its HTTP 200 as fast
 * as with a fast Bedrock: the slow work happens after the ack (placeholder first, update later).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { createAiDiagnoser } from '../src/ai/index.js';
import { MemoryStore } from '../src/store/store.js';
import { benchSlack } from './slack.js';
import { loadAiSettings } from '../src/app/settings.js';

const BEDROCK_DELAY_MS = 10_000;
const UNKNOWN_ERROR =
  'An error occurred (QuotaAllocationPendingException) when calling the BatchMeterUsage operation: The allocation for this product is pending review';

function converseReply(): unknown {
  const input = {
    title: 'Allocation pending review',
    area: 'metering',
    severity: 'warning',
    retryable: false,
    what: 'The product allocation is pending.',
    why: ['A pending review.'],
    fix: ['Wait for the review to finish.'],
    isMeteringRelated: true,
    confidence: 0.5,
  };
  return {
    output: {
      message: {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'tooluse_bench', name: 'record_diagnosis', input } }],
      },
    },
    stopReason: 'tool_use',
    usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
    metrics: { latencyMs: BEDROCK_DELAY_MS },
  };
}

export async function benchSlowBedrock(
  log: (line: string) => void,
): Promise<{ ack_p99_ms_slow_bedrock: number; ack_p50_ms_slow_bedrock: number }> {
  const pending = new Set<NodeJS.Timeout>();
  const bedrock = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(converseReply()));
      }, BEDROCK_DELAY_MS);
      pending.add(timer);
    });
  });
  await new Promise<void>((resolve) => bedrock.listen(0, '127.0.0.1', resolve));
  const saved = process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = `http://127.0.0.1:${(bedrock.address() as AddressInfo).port}`;
  const store = new MemoryStore();
  try {
    const ai = createAiDiagnoser({
      catalog: loadCatalog(),
      store,
      config: loadAiSettings({
        env: {
          BEDROCK_MODEL_ID: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          BEDROCK_REGION: 'us-east-1',
          METERDOC_AI_TIMEOUT_MS: '15000',
        },
      }),
      client: { credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } },
    });
    if (!ai) throw new Error('bench: AI diagnoser not created');
    const figures = await benchSlack(log, { errorText: UNKNOWN_ERROR, deps: { ai, store } });
    log(
      `with Bedrock taking ${BEDROCK_DELAY_MS / 1000} s per answer: ack p99 ${figures.ack_p99_ms} ms (answer = the "Diagnosing…" placeholder)`,
    );
    return { ack_p50_ms_slow_bedrock: figures.ack_p50_ms, ack_p99_ms_slow_bedrock: figures.ack_p99_ms };
  } finally {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
    else process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = saved;
    for (const timer of pending) clearTimeout(timer);
    bedrock.closeAllConnections();
    await new Promise<void>((resolve) => bedrock.close(() => resolve()));
  }
}
