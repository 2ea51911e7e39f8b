import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnose, toJsonDiagnosis } from '../../src/core/index.js';
import { MemoryStore } from '../../src/store/store.js';
import {
  catalog,
  captureBodies,
  errorReply,
  goodInput,
  interceptConverse,
  makeAi,
  textReply,
  toolReply,
  unknownPaste,
} from './helpers.js';

afterEach(() => {
  nock.cleanAll();
});

function unknown(paste = unknownPaste()) {
  const diagnosis = diagnose(paste, catalog);
  expect(diagnosis.unmatched).toHaveLength(1);
  return { paste, diagnosis };
}

describe('AiDiagnoser: Bedrock Converse happy path', () => {
  it('sends a grounded tool-use request and returns a labelled llm answer with real values restored', async () => {
    const seen = captureBodies();
    const scope = interceptConverse()
      .matchHeader('content-type', 'application/json')
      .reply(200, (_uri, body) => (seen.record(body), toolReply(goodInput)));
    const ai = makeAi();
    const input = unknown();
    const result = await ai.diagnoseUnknown(input);
    scope.done();

    const body = seen.bodies[0]!;
    expect(body.toolConfig.toolChoice).toEqual({ tool: { name: 'record_diagnosis' } });
    expect(body.toolConfig.tools[0].toolSpec.name).toBe('record_diagnosis');
    expect(Object.keys(body.toolConfig.tools[0].toolSpec.inputSchema.json.properties)).toEqual(
      expect.arrayContaining([
        'title',
        'severity',
        'retryable',
        'what',
        'why',
        'fix',
        'isMeteringRelated',
        'confidence',
      ]),
    );
    const prompt: string = body.messages[0].content[0].text;
    expect(prompt).toContain('UsageAllocationQuotaExceededException');
    // Grounded: the closest catalog entries ranked by the core are in the prompt.
    expect(prompt).toMatch(/<entry id="metering-invalid-usage-(dimension|allocations)"/);
    expect(body.system[0].text).toMatch(/placeholders/);

    expect(result.note).toBeUndefined();
    expect(result.answers).toHaveLength(1);
    const answer = result.answers[0]!;
    expect(answer.source).toBe('llm');
    expect(answer.title).toBe(goodInput.title);
    // Labelled once, by whatever shows the answer (Slack's header line, the CLI's source line), not in its text.
    expect(answer.correction).toBeUndefined();
    // The model only ever saw <ACCOUNT_1>; the user sees their account back.
    expect(answer.why[1]).toBe('Account 123456789012 reports usage for too many tags.');
    expect(answer.actions).toEqual([]);
    expect(result.items[0]!.outcome).toBe('llm');

    const json = toJsonDiagnosis({ ...input.diagnosis, findings: [...input.diagnosis.findings, ...result.findings] });
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({
      source: 'llm',
      title: goodInput.title,
      severity: 'blocker',
      retryable: false,
      codes: ['UsageAllocationQuotaExceededException'],
    });
    expect(ai.stats.bedrockCalls).toBe(1);
  });

  it('offers only the read-only IAM check on permission errors, never billing actions', async () => {
    interceptConverse().reply(200, toolReply({ ...goodInput, title: 'Denied by an SCP', area: 'permissions' }));
    const paste = unknownPaste(
      'OrganizationAccessDeniedException',
      'Access to the metering API was blocked by an organization policy for arn:aws:iam::123456789012:role/Meter',
    );
    const result = await makeAi().diagnoseUnknown(unknown(paste));
    expect(result.answers[0]!.source).toBe('llm');
    expect(result.answers[0]!.actions).toEqual(['iam-check']);
  });
});

describe('AiDiagnoser: invalid tool output', () => {
  it('retries once with the validation problem and uses the second reply', async () => {
    const seen = captureBodies();
    interceptConverse().reply(
      200,
      (_u, body) => (seen.record(body), toolReply({ ...goodInput, severity: 'catastrophic', fix: [] })),
    );
    interceptConverse().reply(200, (_u, body) => (seen.record(body), toolReply(goodInput)));
    const ai = makeAi();
    const result = await ai.diagnoseUnknown(unknown());
    expect(seen.bodies).toHaveLength(2);
    expect(seen.bodies[1]!.messages[0].content[0].text).toMatch(/could not be used \(.*severity/);
    expect(result.answers[0]!.source).toBe('llm');
    expect(result.note).toBeUndefined();
    expect(ai.stats.bedrockCalls).toBe(2);
  });

  it('after a second invalid reply gives the nearest catalog entry and a one-line note', async () => {
    interceptConverse().reply(200, textReply('I think it is a quota problem.'));
    interceptConverse().reply(200, toolReply({ title: 'x' }));
    const ai = makeAi();
    const result = await ai.diagnoseUnknown(unknown());
    expect(ai.stats.bedrockCalls).toBe(2);
    expect(result.note).toMatch(/did not fit the diagnosis format twice/);
    expect(result.note).not.toContain('\n');
    expect(result.items[0]!.outcome).toBe('fallback');
    const answer = result.answers[0]!;
    expect(answer.source).toBe('catalog');
    expect(answer.confidence).toBeLessThanOrEqual(0.4);
    expect(answer.correction).toMatch(/not a confirmed match/);
    expect(answer.actions.every((a) => a === 'iam-check')).toBe(true);
    expect(result.items[0]!.nearest.length).toBeGreaterThan(0);
    expect(result.findings[0]!.source).toBe('catalog');
  });

  it('accepts why/fix sent as JSON strings (decoded, not guessed)', async () => {
    interceptConverse().reply(
      200,
      toolReply({ ...goodInput, why: JSON.stringify(goodInput.why), fix: JSON.stringify(goodInput.fix) }),
    );
    const result = await makeAi().diagnoseUnknown(unknown());
    expect(result.answers[0]!.fix).toHaveLength(2);
    expect(result.answers[0]!.source).toBe('llm');
  });

  it('retries when the reply stops at max_tokens, and gives up on a guardrail', async () => {
    interceptConverse().reply(200, textReply('The error means', 'max_tokens'));
    interceptConverse().reply(200, toolReply(goodInput));
    const ok = await makeAi().diagnoseUnknown(unknown());
    expect(ok.answers[0]!.source).toBe('llm');

    interceptConverse().reply(200, textReply('', 'guardrail_intervened'));
    const ai = makeAi();
    const blocked = await ai.diagnoseUnknown(unknown());
    expect(ai.stats.bedrockCalls).toBe(1);
    expect(blocked.note).toMatch(/guardrail_intervened/);
  });
});

describe('AiDiagnoser: every Bedrock failure by name', () => {
  const cases: Array<[string, number, string, 'header' | 'body', RegExp]> = [
    [
      'ThrottlingException',
      429,
      'Too many requests, please wait before trying again.',
      'header',
      /throttling.*ThrottlingException/i,
    ],
    [
      'AccessDeniedException',
      403,
      "You don't have access to the model with the specified model ID.",
      'body',
      /Model access.*bedrock:InvokeModel/,
    ],
    [
      'ValidationException',
      400,
      "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      'header',
      /needs an inference profile ID/,
    ],
    [
      'ValidationException',
      400,
      'The provided model identifier is invalid.',
      'body',
      /ValidationException: The provided model identifier is invalid/,
    ],
    ['ResourceNotFoundException', 404, 'Model not found.', 'header', /no model .*check BEDROCK_MODEL_ID/],
    ['ModelNotReadyException', 429, 'Model is not ready for inference.', 'header', /not ready.*ModelNotReadyException/],
    [
      'ModelTimeoutException',
      408,
      'Model has timed out in processing the request.',
      'header',
      /took too long.*ModelTimeoutException/,
    ],
    [
      'ServiceUnavailableException',
      503,
      'Service unavailable.',
      'header',
      /unavailable right now \(ServiceUnavailableException\)/,
    ],
    [
      'InternalServerException',
      500,
      'Internal server error',
      'body',
      /unavailable right now \(InternalServerException\)/,
    ],
    [
      'ServiceQuotaExceededException',
      400,
      'quota exceeded for account 123456789012',
      'header',
      /quota.*ServiceQuotaExceededException/,
    ],
    ['ModelErrorException', 424, 'The model failed', 'header', /ModelErrorException/],
  ];

  it('a fallback to an entry with a retry button drops the button', async () => {
    interceptConverse().reply(...errorReply('ThrottlingException', 429, 'Too many requests'));
    const paste = unknownPaste('MeteringThrottledFault', 'Rate exceeded for the metering service');
    const result = await makeAi().diagnoseUnknown(unknown(paste));
    const near = result.items[0]!.nearest[0]!.entry;
    expect(near.actions).toContain('retry');
    expect(result.answers[0]!.entryId).toBe(near.id);
    expect(result.answers[0]!.actions).not.toContain('retry');
  });

  it.each(cases)(
    '%s (%i, %s) → catalog fallback and a one-line reason',
    async (name, status, message, style, reason) => {
      interceptConverse().reply(...errorReply(name, status, message, style));
      const ai = makeAi();
      const result = await ai.diagnoseUnknown(unknown());
      expect(result.note).toMatch(reason);
      expect(result.note).not.toContain('\n');
      expect(result.note).not.toContain('123456789012');
      expect(result.items[0]!.outcome).toBe('fallback');
      expect(result.answers).toHaveLength(1);
      expect(result.answers[0]!.source).toBe('catalog');
    },
  );

  it('times out a slow Bedrock within METERDOC_AI_TIMEOUT_MS', async () => {
    interceptConverse().delay(5_000).reply(200, toolReply(goodInput));
    const started = Date.now();
    const result = await makeAi({ config: { timeoutMs: 1_000 } }).diagnoseUnknown(unknown());
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.items[0]!.failure?.kind).toBe('timeout');
    expect(result.note).toMatch(/did not answer within 1 s/);
  });

  it('remembers a failure briefly so a burst of the same error does not hammer Bedrock', async () => {
    interceptConverse().reply(...errorReply('ThrottlingException', 429, 'Too many requests'));
    const ai = makeAi();
    await ai.diagnoseUnknown(unknown());
    const again = await ai.diagnoseUnknown(unknown());
    expect(ai.stats.bedrockCalls).toBe(1);
    expect(again.note).toMatch(/ThrottlingException/);
  });
});

describe('AiDiagnoser: cost guard', () => {
  it('stops calling Bedrock beyond the hourly cap and says so', async () => {
    interceptConverse().times(2).reply(200, toolReply(goodInput));
    const store = new MemoryStore();
    const ai = makeAi({ store, config: { maxCallsPerHour: 2 } });
    const a = await ai.diagnoseUnknown(unknown(unknownPaste('FirstUnknownException', 'first problem')));
    const b = await ai.diagnoseUnknown(unknown(unknownPaste('SecondUnknownException', 'second problem')));
    const c = await ai.diagnoseUnknown(unknown(unknownPaste('ThirdUnknownException', 'third problem')));
    expect(ai.stats.bedrockCalls).toBe(2);
    expect(a.answers[0]!.source).toBe('llm');
    expect(b.answers[0]!.source).toBe('llm');
    expect(c.note).toMatch(/hourly cap of 2 Bedrock calls/);
    expect(c.items[0]!.outcome).toBe('fallback');
    // The cap is counted in the store, so another diagnoser on the same store (a replica) sees it too.
    const other = makeAi({ store, config: { maxCallsPerHour: 2 } });
    const d = await other.diagnoseUnknown(unknown(unknownPaste('FourthUnknownException', 'fourth problem')));
    expect(other.stats.bedrockCalls).toBe(0);
    expect(d.note).toMatch(/hourly cap/);
  });

  it('a cap of 0 switches the AI off without any call', async () => {
    const ai = makeAi({ config: { maxCallsPerHour: 0 } });
    const result = await ai.diagnoseUnknown(unknown());
    expect(ai.stats.bedrockCalls).toBe(0);
    expect(result.note).toMatch(/switched off/);
  });
});

describe('AiDiagnoser: cache and single flight', () => {
  it('a variant with a new request ID and timestamp hits the cache', async () => {
    const scope = interceptConverse().once().reply(200, toolReply(goodInput));
    const ai = makeAi();
    const first = await ai.diagnoseUnknown(unknown(unknownPaste()));
    const second = await ai.diagnoseUnknown(unknown(unknownPaste()));
    scope.done();
    expect(first.answers[0]!.source).toBe('llm');
    expect(second.answers[0]!.source).toBe('cache');
    expect(second.answers[0]!.title).toBe(goodInput.title);
    expect(first.items[0]!.fingerprint).toBe(second.items[0]!.fingerprint);
    expect(ai.stats).toMatchObject({ bedrockCalls: 1, cacheHits: 1 });
  });

  it('answers from the cache alone when asked to (no Bedrock call, no budget), and says so on a miss', async () => {
    const scope = interceptConverse().once().reply(200, toolReply(goodInput));
    const ai = makeAi();
    expect(await ai.diagnoseCached(unknown(unknownPaste()))).toBeUndefined();
    expect(ai.stats).toMatchObject({ bedrockCalls: 0, cacheHits: 0 });
    const fresh = await ai.diagnoseUnknown(unknown(unknownPaste()));
    const cached = await ai.diagnoseCached(unknown(unknownPaste()));
    scope.done();
    expect(cached!.answers).toHaveLength(1);
    expect(cached!.answers[0]).toMatchObject({ source: 'cache', title: goodInput.title });
    expect(cached!.items[0]!.fingerprint).toBe(fresh.items[0]!.fingerprint);
    expect(ai.stats).toMatchObject({ bedrockCalls: 1, cacheHits: 1 });
  });

  it('another customer with the same error shares the answer but sees their own account', async () => {
    interceptConverse().once().reply(200, toolReply(goodInput));
    const ai = makeAi();
    await ai.diagnoseUnknown(
      unknown(
        unknownPaste(
          undefined,
          'The usage allocation quota for product prod-abc123 was exceeded by account 123456789012',
        ),
      ),
    );
    const other = await ai.diagnoseUnknown(
      unknown(
        unknownPaste(
          undefined,
          'The usage allocation quota for product prod-abc123 was exceeded by account 210987654321',
        ),
      ),
    );
    expect(other.answers[0]!.source).toBe('cache');
    expect(other.answers[0]!.why[1]).toContain('210987654321');
    expect(other.answers[0]!.why[1]).not.toContain('123456789012');
  });

  it('a different model or catalog version does not get a stale answer', async () => {
    interceptConverse().times(2).reply(200, toolReply(goodInput));
    const store = new MemoryStore();
    await makeAi({ store }).diagnoseUnknown(unknown());
    const other = makeAi({ store, config: { modelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' } as never });
    const result = await other.diagnoseUnknown(unknown());
    expect(other.stats.bedrockCalls).toBe(1);
    expect(result.answers[0]!.source).toBe('llm');
  });

  it('ten identical pastes arriving together make one Bedrock call', async () => {
    const scope = interceptConverse().once().delay(300).reply(200, toolReply(goodInput));
    const ai = makeAi();
    const results = await Promise.all(Array.from({ length: 10 }, () => ai.diagnoseUnknown(unknown())));
    scope.done();
    expect(ai.stats.bedrockCalls).toBe(1);
    for (const r of results) {
      expect(r.note).toBeUndefined();
      expect(r.answers[0]!.title).toBe(goodInput.title);
    }
  });

  it('two diagnosers sharing a store (replicas) make one call: the claim loser waits for the cache', async () => {
    const scope = interceptConverse().once().delay(400).reply(200, toolReply(goodInput));
    const store = new MemoryStore();
    const a = makeAi({ store, pollMs: 25 });
    const b = makeAi({ store, pollMs: 25 });
    const [ra, rb] = await Promise.all([a.diagnoseUnknown(unknown()), b.diagnoseUnknown(unknown())]);
    scope.done();
    expect(a.stats.bedrockCalls + b.stats.bedrockCalls).toBe(1);
    expect([ra.answers[0]!.source, rb.answers[0]!.source].sort()).toEqual(['cache', 'llm']);
  });

  it('sends at most METERDOC_AI_MAX_ERRORS_PER_PASTE unknown errors', async () => {
    interceptConverse().once().reply(200, toolReply(goodInput));
    const paste = [unknownPaste('AlphaUnknownException', 'alpha'), unknownPaste('BetaUnknownException', 'beta')].join(
      '\n\n',
    );
    const diagnosis = diagnose(paste, catalog);
    expect(diagnosis.unmatched).toHaveLength(2);
    const ai = makeAi({ config: { maxErrorsPerPaste: 1 } });
    const result = await ai.diagnoseUnknown({ paste, diagnosis });
    expect(ai.stats.bedrockCalls).toBe(1);
    expect(result.items.map((i) => i.outcome)).toEqual(['llm', 'fallback']);
    expect(result.note).toMatch(/only the first 1 unknown errors/);
  });
});

describe('AiDiagnoser: when the catalog is unsure (explicit asks)', () => {
  it('asks about weak findings, grounding on the catalog candidate first', async () => {
    const seen = captureBodies();
    interceptConverse().reply(200, (_u, body) => (seen.record(body), toolReply(goodInput)));
    const paste = 'our nightly job keeps logging ThrottlingException since the deploy, is that bad?';
    const diagnosis = diagnose(paste, catalog);
    expect(diagnosis.unmatched).toHaveLength(0);
    expect(diagnosis.findings.length).toBeGreaterThan(0);
    expect(diagnosis.findings.every((f) => f.confidence < 0.6)).toBe(true);
    const result = await makeAi().diagnoseUnknown({ paste, diagnosis });
    expect(result.answers[0]!.source).toBe('llm');
    const prompt: string = seen.bodies[0]!.messages[0].content[0].text;
    expect(prompt).toContain(`<entry id="${diagnosis.findings[0]!.entry.id}"`);
    expect(prompt.indexOf(`<entry id="${diagnosis.findings[0]!.entry.id}"`)).toBe(prompt.indexOf('<entry id='));
  });

  it('asks about the paste itself when nothing was recognised, and not at all when the catalog is sure', async () => {
    interceptConverse()
      .once()
      .reply(200, toolReply({ ...goodInput, isMeteringRelated: false }));
    const ai = makeAi();
    const vague = 'usage stopped showing up in the seller dashboard after we rotated keys';
    const r = await ai.diagnoseUnknown({ paste: vague, diagnosis: diagnose(vague, catalog) });
    expect(r.answers[0]!.correction).toMatch(/not to be a metering, billing or credentials error/);

    const sure =
      'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded';
    const diagnosis = diagnose(sure, catalog);
    expect(diagnosis.findings[0]!.confidence).toBeGreaterThanOrEqual(0.6);
    const none = await ai.diagnoseUnknown({ paste: sure, diagnosis });
    expect(none).toEqual({ answers: [], findings: [], items: [] });
    expect(ai.stats.bedrockCalls).toBe(1);
  });
});
