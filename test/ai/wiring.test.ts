import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { diagnose } from '../../src/core/index.js';
import { createAiDiagnoser } from '../../src/ai/index.js';
import { MemoryStore } from '../../src/store/store.js';
import { catalog, goodInput, MODEL, toolReply, unknownPaste } from './helpers.js';
import { startStandIn, type StandIn } from './standin.js';
import { loadAiSettings, parseDurationMs, SettingsError } from '../../src/app/settings.js';

const loadAiConfig = (env: Record<string, string>) => loadAiSettings({ env });

let standIn: StandIn | undefined;
let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'meterdoc-ai-'));
  // Nothing from the machine may leak into the SDK's chains: no profile, no IMDS, no ambient keys.
  vi.stubEnv('AWS_CONFIG_FILE', join(tmp, 'none-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmp, 'none-credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of [
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  ]) {
    vi.stubEnv(name, undefined as unknown as string);
  }
});

afterEach(async () => {
  vi.unstubAllEnvs();
  nock.cleanAll();
  await standIn?.close();
  standIn = undefined;
  rmSync(tmp, { recursive: true, force: true });
});

function withCredentials(region = 'us-east-1'): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTESTSTANDIN0000');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'standin-secret');
  vi.stubEnv('AWS_REGION', region);
}

function io(env: Record<string, string | undefined>): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readStdin: async () => '',
    env: { ...process.env, ...env },
  };
}

describe('AI settings', () => {
  it('parse with defaults and reject bad values with the variable named', () => {
    const config = loadAiConfig({
      BEDROCK_MODEL_ID: MODEL,
      METERDOC_CACHE_TTL: '12h',
      METERDOC_AI_MAX_CALLS_PER_HOUR: '',
    });
    expect(config).toMatchObject({ modelId: MODEL, cacheTtlMs: 12 * 3_600_000, maxCallsPerHour: 100 });
    expect(config.region).toBeUndefined();
    expect(loadAiConfig({}).modelId).toBeUndefined();
    expect(() => loadAiConfig({ METERDOC_AI_MAX_CALLS_PER_HOUR: 'lots' })).toThrow(/METERDOC_AI_MAX_CALLS_PER_HOUR/);
    expect(() => loadAiConfig({ METERDOC_CACHE_TTL: '5 minutes' })).toThrow(SettingsError);
    expect(() => loadAiConfig({ BEDROCK_REGION: 'Virginia' })).toThrow(/BEDROCK_REGION/);
    expect(parseDurationMs('90')).toBe(90_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
  });

  it('no BEDROCK_MODEL_ID means no diagnoser at all', () => {
    expect(
      createAiDiagnoser({ catalog, store: new MemoryStore(), config: loadAiSettings({ env: {} }) }),
    ).toBeUndefined();
  });
});

describe('SDK chains: credentials, region, endpoint', () => {
  it('no credentials anywhere → CredentialsProviderError, named, with the catalog fallback', async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const ai = createAiDiagnoser({
      catalog,
      store: new MemoryStore(),
      config: loadAiSettings({ env: { BEDROCK_MODEL_ID: MODEL } }),
    })!;
    const paste = unknownPaste();
    const result = await ai.diagnoseUnknown({ paste, diagnosis: diagnose(paste, catalog) });
    expect(result.items[0]!.failure?.kind).toBe('no-credentials');
    expect(result.note).toMatch(/No AWS credentials for Bedrock \(CredentialsProviderError\)/);
    expect(result.answers[0]!.source).toBe('catalog');
  });

  it('no region anywhere → a one-line reason naming BEDROCK_REGION', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTESTSTANDIN0000');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'standin-secret');
    const ai = createAiDiagnoser({
      catalog,
      store: new MemoryStore(),
      config: loadAiSettings({ env: { BEDROCK_MODEL_ID: MODEL } }),
    })!;
    const paste = unknownPaste();
    const result = await ai.diagnoseUnknown({ paste, diagnosis: diagnose(paste, catalog) });
    expect(result.items[0]!.failure?.kind).toBe('no-region');
    expect(result.note).toMatch(/set BEDROCK_REGION or AWS_REGION/);
  });

  it('AWS_ENDPOINT_URL_BEDROCK_RUNTIME points the client at a plain-http stand-in; BEDROCK_REGION signs the call', async () => {
    standIn = await startStandIn(() => ({ status: 200, body: toolReply(goodInput) }));
    withCredentials('eu-west-1');
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', standIn.url);
    const ai = createAiDiagnoser({
      catalog,
      store: new MemoryStore(),
      config: loadAiSettings({ env: { BEDROCK_MODEL_ID: MODEL, BEDROCK_REGION: 'eu-central-1' } }),
    })!;
    const paste = unknownPaste();
    const result = await ai.diagnoseUnknown({ paste, diagnosis: diagnose(paste, catalog) });
    expect(result.answers[0]!.source).toBe('llm');
    expect(standIn.requests).toHaveLength(1);
    expect(decodeURIComponent(standIn.requests[0]!.path)).toBe(`/model/${MODEL}/converse`);
    expect(standIn.requests[0]!.authorization).toMatch(
      /Credential=AKIDTESTSTANDIN0000\/\d{8}\/eu-central-1\/bedrock\//,
    );
  });
});

describe('meterdoc diagnose wiring', () => {
  async function cli(args: string[], env: Record<string, string | undefined>) {
    const s = io(env);
    const code = await runCli(['diagnose', ...args], s);
    return { code, out: s.out.join('\n'), err: s.err.join('\n') };
  }

  it('--offline or no BEDROCK_MODEL_ID: no Bedrock call at all', async () => {
    standIn = await startStandIn(() => ({ status: 200, body: toolReply(goodInput) }));
    withCredentials();
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', standIn.url);
    const offline = await cli(['--offline', unknownPaste()], { BEDROCK_MODEL_ID: MODEL });
    const noModel = await cli([unknownPaste()], { BEDROCK_MODEL_ID: '' });
    expect(standIn.requests).toHaveLength(0);
    expect(offline.code).toBe(0);
    expect(offline.out).toMatch(/MeterDoc does not know this error: UsageAllocationQuotaExceededException/);
    expect(noModel.out).toMatch(/Set BEDROCK_MODEL_ID/);
  });

  it('human output labels the AI answer; JSON puts it in findings with source llm, then cache', async () => {
    standIn = await startStandIn(() => ({ status: 200, body: toolReply(goodInput) }));
    withCredentials();
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', standIn.url);
    const cacheDir = join(tmp, 'cache');
    const env = { BEDROCK_MODEL_ID: MODEL, METERDOC_CACHE_URL: `file://${cacheDir}` };

    const human = await cli([unknownPaste()], env);
    expect(human.code).toBe(0);
    expect(human.out).toContain(goodInput.title);
    expect(human.out).toMatch(/AI answer \(Claude on Amazon Bedrock\)/);
    expect(human.out).not.toMatch(/MeterDoc does not know/);

    // A second CLI run (new process state, same file cache) with a new request ID: served from the cache.
    const json = await cli(['--json', unknownPaste()], env);
    const parsed = JSON.parse(json.out);
    expect(parsed.findings).toHaveLength(1);
    expect(parsed.findings[0]).toMatchObject({
      source: 'cache',
      title: goodInput.title,
      codes: ['UsageAllocationQuotaExceededException'],
    });
    expect(parsed.note).toBeUndefined();
    expect(standIn.requests).toHaveLength(1);
  });

  it('Bedrock failing: JSON carries the nearest catalog entry and a one-line note', async () => {
    standIn = await startStandIn(() => ({
      status: 403,
      body: { message: "You don't have access to the model with the specified model ID." },
      headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
    }));
    withCredentials();
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', standIn.url);
    const json = await cli(['--json', unknownPaste()], { BEDROCK_MODEL_ID: MODEL });
    const parsed = JSON.parse(json.out);
    expect(parsed.note).toMatch(/AccessDeniedException.*Model access/);
    expect(parsed.findings[0].source).toBe('catalog');
    expect(parsed.findings[0].confidence).toBeLessThanOrEqual(0.4);

    const human = await cli([unknownPaste()], { BEDROCK_MODEL_ID: MODEL });
    // The nearest entry is offered as "might be related", never shown as the diagnosis.
    expect(human.out).toMatch(/^MeterDoc does not know this error: UsageAllocationQuotaExceededException/);
    expect(human.out).toContain('Might be related (not a diagnosis)');
    expect(human.out).not.toMatch(/How to fix|Set BEDROCK_MODEL_ID/);
    expect(human.out.trim().split('\n').at(-1)).toMatch(/^AI answer unavailable: .*AccessDeniedException/);
  });

  it('a bad AI setting costs the AI answer, not the catalog answer', async () => {
    const result = await cli(['--json', unknownPaste()], {
      BEDROCK_MODEL_ID: MODEL,
      METERDOC_AI_MAX_CALLS_PER_HOUR: '-1',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).note).toMatch(/METERDOC_AI_MAX_CALLS_PER_HOUR/);
    expect(result.err).toMatch(/METERDOC_AI_MAX_CALLS_PER_HOUR/);
  });
});
