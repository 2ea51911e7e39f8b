import nock from 'nock';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import type { Catalog } from '../../src/core/catalog/catalog.js';
import { AiDiagnoser, createBedrockClient, type AiConfig } from '../../src/ai/index.js';
import { MemoryStore, type SharedStore } from '../../src/store/store.js';
import { loadAiSettings } from '../../src/app/settings.js';

export const catalog = loadCatalog();
export const BEDROCK = 'https://bedrock-runtime.us-east-1.amazonaws.com';
export const CONVERSE_PATH = /\/model\/.+\/converse$/;
export const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

export const goodInput = {
  title: 'Usage allocation quota exceeded',
  area: 'metering',
  severity: 'blocker',
  retryable: false,
  what: 'BatchMeterUsage refused the records because the usage allocation quota for the product was exceeded.',
  why: ['More allocations were sent than the product allows.', 'Account <ACCOUNT_1> reports usage for too many tags.'],
  fix: [
    'Reduce the number of usage allocations per record.',
    'Ask AWS Marketplace Seller Operations about the limit for <ACCOUNT_1>.',
  ],
  isMeteringRelated: true,
  confidence: 0.72,
};

/** A Converse reply exactly as Bedrock sends it for a forced tool call. */
export function toolReply(input: unknown, stopReason = 'tool_use'): Record<string, unknown> {
  return {
    output: {
      message: {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'record_diagnosis', input } }],
      },
    },
    stopReason,
    usage: { inputTokens: 1843, outputTokens: 312, totalTokens: 2155 },
    metrics: { latencyMs: 4120 },
  };
}

export function textReply(text: string, stopReason = 'end_turn'): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason,
    usage: { inputTokens: 1843, outputTokens: 40, totalTokens: 1883 },
    metrics: { latencyMs: 900 },
  };
}

/** Bedrock's restJson1 error: the class name in `x-amzn-errortype` (with the coral suffix) or in `__type`. */
export function errorReply(
  name: string,
  status: number,
  message: string,
  style: 'header' | 'body' = 'header',
): [number, Record<string, unknown>, Record<string, string>] {
  if (style === 'header') {
    return [
      status,
      { message },
      {
        'content-type': 'application/json',
        'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        'x-amzn-requestid': 'a1b2c3d4-0000-4000-8000-000000000001',
      },
    ];
  }
  return [status, { __type: `com.amazon.bedrock.runtime#${name}`, message }, { 'content-type': 'application/json' }];
}

export function testConfig(overrides: Partial<AiConfig> = {}): AiConfig & { modelId: string } {
  return { ...loadAiSettings({ env: {} }), modelId: MODEL, region: 'us-east-1', ...overrides } as AiConfig & {
    modelId: string;
  };
}

export function testClient() {
  return createBedrockClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

export function makeAi(
  options: { store?: SharedStore; config?: Partial<AiConfig>; catalog?: Catalog; pollMs?: number } = {},
): AiDiagnoser {
  return new AiDiagnoser({
    catalog: options.catalog ?? catalog,
    store: options.store ?? new MemoryStore(),
    config: testConfig(options.config),
    client: testClient(),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
}

let counter = 0;
/** A fresh request ID and timestamp each call: the noise a repeated error comes with. */
export function noise(): { requestId: string; time: string } {
  counter++;
  const hex = (counter * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return {
    requestId: `${hex}-${(counter % 9000) + 1000}-4abc-9def-${hex}${hex.slice(0, 4)}`,
    time: new Date(Date.UTC(2026, 10, 20, 10, 0, counter % 60, counter % 1000)).toISOString(),
  };
}

/** A JS SDK v3 error the catalog does not know. */
export function unknownPaste(
  code = 'UsageAllocationQuotaExceededException',
  message = 'The usage allocation quota for product prod-abc123 was exceeded by account 123456789012',
): string {
  const n = noise();
  return `${n.time} ERROR BatchMeterUsage failed
${code}: ${message}
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
  '$metadata': { httpStatusCode: 400, requestId: '${n.requestId}', attempts: 1, totalRetryDelay: ${counter % 500} }`;
}

export function interceptConverse(): nock.Interceptor {
  return nock(BEDROCK).post(CONVERSE_PATH);
}

/** Records every Converse request body the scope sees. */
export function captureBodies(): { bodies: Array<Record<string, any>>; record: (body: unknown) => boolean } {
  const bodies: Array<Record<string, any>> = [];
  return { bodies, record: (body) => (bodies.push(body as Record<string, any>), true) };
}
