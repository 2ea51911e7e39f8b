import nock from 'nock';
import { pino } from 'pino';
import { vi } from 'vitest';
import { webApi } from '@slack/bolt';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { answerFromFinding, diagnose } from '../../src/core/index.js';
import { Insights } from '../../src/health/index.js';
import { AnswerStore, type StoredAnswer } from '../../src/slack/answer-store.js';
import {
  createActionDeps,
  createAuditSubcommand,
  createIamCheckHandler,
  createRetryHandler,
  type AwsActionContext,
} from '../../src/actions/index.js';
import type { AwsClientOverrides } from '../../src/aws/clients.js';
import { MemoryStore } from '../../src/store/store.js';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { CREDS, NOW } from '../aws/fixtures.js';
import { loadCliSettings } from '../../src/app/settings.js';
import { SlackPoster } from '../../src/slack/reply.js';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';

/** The health log's retention as the settings default it. */
const HEALTH = loadCliSettings({ env: {} }).health;

export const catalog = loadCatalog();
export const logger = pino({ level: 'silent' });

export function slackClient(): webApi.WebClient {
  return new webApi.WebClient('xoxb-test', { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

/** Form bodies arrive as objects, JSON ones (some methods) as strings; nested values become JSON strings. */
function normalizeBody(raw: unknown): Record<string, string> {
  const obj =
    typeof raw === 'string'
      ? raw.trim().startsWith('{')
        ? JSON.parse(raw)
        : Object.fromEntries(new URLSearchParams(raw))
      : (raw as Record<string, unknown>);
  return Object.fromEntries(
    Object.entries(obj ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

/** Records every Slack Web API call the code makes (bodies arrive form-encoded). */
export function slackRecorder() {
  const calls: Array<{ method: string; body: Record<string, string> }> = [];
  const scope = nock('https://slack.com')
    .persist()
    .post(/\/api\/.+/)
    .reply((uri, raw) => {
      const method = uri.replace('/api/', '');
      const body = normalizeBody(raw);
      calls.push({ method, body });
      if (method === 'usergroups.users.list')
        return [200, { ok: true, users: body.usergroup === 'S0GROUP' ? ['UGROUPIE'] : [] }];
      if (method === 'chat.postMessage') return [200, { ok: true, channel: body.channel, ts: '1700000999.000200' }];
      return [200, { ok: true }];
    });
  return { calls, scope, of: (m: string) => calls.filter((c) => c.method === m) };
}

/** Counts requests nock could not match: any AWS call made where none was expected. */
export function unmatchedRequests() {
  const seen: string[] = [];
  const listener = (req: { hostname?: string; host?: string; path?: string }) =>
    seen.push(`${req.hostname ?? req.host}${req.path ?? ''}`);
  nock.emitter.on('no match', listener);
  return { seen, stop: () => nock.emitter.removeListener('no match', listener) };
}

export const PASTE = `botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
request: {"ProductCode":"prod-abc123","UsageRecords":[
 {"Timestamp":"2026-11-23T13:00:00Z","Dimension":"requests","Quantity":5,"CustomerIdentifier":"cust-1"},
 {"Timestamp":"2026-11-23T12:00:00Z","Dimension":"requests","Quantity":7,"CustomerIdentifier":"cust-2"},
 {"Timestamp":"2026-11-22T10:00:00Z","Dimension":"requests","Quantity":9,"CustomerIdentifier":"cust-3"}]}`;

export async function setup(
  options: { allowed?: string; iamOpen?: boolean; aws?: AwsClientOverrides; paste?: string } = {},
) {
  const store = new MemoryStore();
  const answers = new AnswerStore(store);
  const slack = slackClient();
  const insights = new Insights(store, { ...HEALTH, now: () => NOW });
  const deps = createActionDeps({
    config: {
      allowedUsers: (options.allowed ?? 'UALLOWED').split(',').filter((s) => s.startsWith('U')),
      allowedGroups: (options.allowed ?? '').split(',').filter((s) => s.startsWith('S')),
      iamCheckOpen: options.iamOpen ?? false,
    },
    store,
    logger,
    poster: new SlackPoster(slack, new ChannelPostQueue(0, 100), logger),
    answers,
    awsOverrides: {
      credentials: CREDS,
      region: 'us-east-1',
      retryStrategy: new ConfiguredRetryStrategy(1, () => 0),
      ...options.aws,
    },
    signingKey: Buffer.alloc(32, 7),
    now: () => NOW,
    insights,
  });
  // The handlers as src/app/listeners.ts wires them to their buttons, and /meterdoc audit.
  const actions = {
    deps,
    handlers: { retry: createRetryHandler(deps), iamCheck: createIamCheckHandler(deps) },
    subcommands: [createAuditSubcommand(deps)],
  };
  const diagnosis = diagnose(options.paste ?? PASTE, catalog, { now: NOW });
  const finding = diagnosis.findings[0]!;
  const stored: StoredAnswer = {
    v: 1,
    answer: answerFromFinding(finding),
    facts: finding.facts,
    ...(diagnosis.usageBatch ? { usageBatch: diagnosis.usageBatch } : {}),
    channelId: 'C1',
    threadTs: '1700000000.000100',
    messageTs: '1700000000.000100',
    surface: 'message',
    createdAt: NOW.toISOString(),
  };
  const answerId = await answers.save(stored);
  const ctx = (userId: string, over: Partial<AwsActionContext> = {}): AwsActionContext & { replies: string[] } => {
    const replies: string[] = [];
    return {
      kind: 'retry',
      answerId,
      payload: stored,
      user: { id: userId },
      teamId: 'T1',
      channelId: 'C1',
      messageTs: '1700000000.000100',
      threadTs: '1700000000.000100',
      isEphemeral: false,
      client: slack,
      store,
      logger,
      postInThread: vi.fn(async () => '1700000999.000300'),
      updateOriginal: vi.fn(async () => undefined),
      replyEphemeral: vi.fn(async (m) => {
        replies.push(typeof m === 'string' ? m : m.text);
      }),
      respond: vi.fn(async () => undefined) as never,
      triggerId: 'trigger-1',
      replies,
      ...over,
    };
  };
  return { store, answers, slack, actions, stored, answerId, ctx, diagnosis, insights };
}
