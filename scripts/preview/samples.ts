import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import pino from 'pino';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { answerFromFinding, diagnose, type Catalog } from '../../src/core/index.js';
import { planBatch } from '../../src/core/usage/validate-batch.js';
import type { IamCheckReport } from '../../src/aws/iam-check.js';
import { renderIamCheck } from '../../src/actions/iam-check/render.js';
import type { RetryOutcome } from '../../src/aws/retry-batch.js';
import { AiDiagnoser } from '../../src/ai/index.js';
import { confirmView } from '../../src/actions/retry/dialogs.js';
import {
  outcomeLines,
  retriedAnswer,
  retriedStatus,
  settledNote,
  summaryCounts,
} from '../../src/actions/retry/render.js';
import { unsettledOf } from '../../src/actions/retry/remainder.js';
import type { RetryState } from '../../src/actions/types.js';
import type { AiFallback } from '../../src/slack/ai.js';
import { renderAnswer, type SlackMessage } from '../../src/slack/blocks/answer.js';
import { renderHelp } from '../../src/slack/blocks/help.js';
import { chunkLines } from '../../src/slack/blocks/limits.js';
import { visibleLength } from '../../src/slack/blocks/visible.js';
import { deliverDiagnosis } from '../../src/slack/deliver.js';
import { homeView } from '../../src/slack/home/index.js';
import type { PostedRef, ReplyTarget } from '../../src/slack/reply.js';
import { createServices } from '../../src/app/services.js';
import { loadSettings } from '../../src/app/settings.js';
import { usageLines } from '../../src/slack/commands/index.js';
import { MemoryStore } from '../../src/store/store.js';
import type { PreviewItem, PreviewMessage } from './blockkit-html.js';
import { loadAiSettings } from '../../src/app/settings.js';

/**
 * Every message kind MeterDoc sends, built by the app's own renderers and delivery path (a
 * recording reply target instead of Slack, a scripted Bedrock client instead of AWS), at a fixed
 * clock so that deadlines and record ages read the same on every run.
 */

export const PREVIEW_NOW = new Date('2026-12-02T18:01:00Z');

type Json = Record<string, unknown>;

/** Posts and edits as Slack would keep them: an update replaces the message with that ts. */
class RecordingTarget implements ReplyTarget {
  readonly kind = 'thread' as const;
  readonly channelId = 'C0METERING';
  readonly threadTs = '1764698460.000100';
  readonly maxPosts = undefined;
  readonly posts: Array<{ ts: string; message: SlackMessage }> = [];
  private next = 1;

  async post(message: SlackMessage): Promise<PostedRef> {
    const ts = `1764698460.${String(this.next++).padStart(6, '0')}`;
    this.posts.push({ ts, message });
    return { channel: this.channelId, ts };
  }

  async update(ref: PostedRef, message: SlackMessage): Promise<void> {
    const at = this.posts.findIndex((p) => p.ts === ref.ts);
    if (at >= 0) this.posts[at] = { ts: ref.ts!, message };
    else await this.post(message);
  }
}

/** A Bedrock client that answers the way Converse does for a forced tool call, or fails like a throttled one. */
function scriptedBedrock(reply: Json | Error): Pick<BedrockRuntimeClient, 'send'> {
  return {
    send: (async () => {
      if (reply instanceof Error) throw reply;
      return {
        output: {
          message: {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 'tooluse_preview', name: 'record_diagnosis', input: reply } }],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 1800, outputTokens: 300, totalTokens: 2100 },
        $metadata: { httpStatusCode: 200 },
      };
    }) as unknown as BedrockRuntimeClient['send'],
  };
}

function bedrockThrottled(): Error {
  return Object.assign(new Error('Too many requests, please wait before trying again.'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 429, attempts: 2 },
  });
}

const AI_REPLY = {
  title: 'Usage allocation quota exceeded for the product',
  area: 'metering',
  severity: 'blocker',
  retryable: false,
  what: 'BatchMeterUsage refused the records because the product allows fewer usage allocations per record than were sent.',
  why: [
    'More allocation tags were sent per record than the product allows.',
    'A tagging change in the metering job multiplied the allocations.',
  ],
  fix: [
    'Send at most the allowed number of UsageAllocations per record.',
    'Ask AWS Marketplace Seller Operations for the limit on this product.',
  ],
  isMeteringRelated: true,
  confidence: 0.72,
};

function aiFallback(catalog: Catalog, reply: Json | Error): AiFallback {
  return new AiDiagnoser({
    catalog,
    store: new MemoryStore(),
    config: {
      ...loadAiSettings({ env: {} }),
      modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      region: 'us-east-1',
    } as never,
    client: scriptedBedrock(reply),
    now: () => PREVIEW_NOW.getTime(),
  });
}

/** The app's services as `npm start` builds them, posting without a pause between messages. */
function previewServices(catalog: Catalog, ai?: AiFallback) {
  const settings = loadSettings({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-preview',
      SLACK_SIGNING_SECRET: 'preview-signing-secret',
      METERDOC_POST_INTERVAL_MS: '0',
    },
  });
  return createServices(settings, {
    catalog,
    logger: pino({ level: 'silent' }),
    now: () => PREVIEW_NOW,
    ...(ai ? { ai } : {}),
  });
}

async function delivered(
  catalog: Catalog,
  paste: string,
  ai?: AiFallback,
  mode: 'passive' | 'explicit' = 'passive',
): Promise<SlackMessage[]> {
  const services = previewServices(catalog, ai);
  const target = new RecordingTarget();
  await deliverDiagnosis(services, { paste, mode, surface: 'message', target });
  return target.posts.map((p) => p.message);
}

export const PASTES = {
  throttled: `2026-12-02T15:01:07Z ERROR metering-job: BatchMeterUsage failed
botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
request: {"ProductCode": "a1b2c3d4e5f6g7h8i9j0k1l2m", "UsageRecords": [
  {"Timestamp": "2026-12-02T15:01:00Z", "CustomerIdentifier": "cust-7Hk2PqR9", "Dimension": "api_calls", "Quantity": 1200},
  {"Timestamp": "2026-12-02T15:01:00Z", "CustomerIdentifier": "cust-Q8mZ3xW1", "Dimension": "api_calls", "Quantity": 310},
  {"Timestamp": "2026-12-01T14:00:00Z", "CustomerIdentifier": "cust-Q8mZ3xW1", "Dimension": "api_calls", "Quantity": 95}]}`,
  accessDenied: `2026-12-02T17:55:12Z ERROR An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/metering-task-role/i-0abc1234def567890 is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action (Service: MarketplaceMetering, Status Code: 400, Request ID: 2f9c1d1e-3b3a-4c1e-9f0e-5d6c7b8a9e01) region us-east-1`,
  multi: `2026-12-02T17:40:01Z ERROR An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: The timestamp value passed in the UsageRecord is out of allowed range.
2026-12-02T17:41:09Z ERROR An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-12-02T17:41:30Z ERROR An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-12-02T17:42:30Z ERROR An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/meter-role/i-0abc is not authorized to perform: aws-marketplace:MeterUsage`,
  possible: `2026-12-02T17:58:44Z ERROR meter-sync: ThrottlingException: Rate exceeded`,
  guess: `2026-12-02T17:58:40Z INFO meter-sync: starting hourly run for 3 tenants
2026-12-02T17:58:41Z INFO meter-sync: tenant acme: 1200 api_calls
2026-12-02T17:58:42Z INFO meter-sync: tenant globex: 310 api_calls
2026-12-02T17:58:43Z INFO meter-sync: uploading usage snapshot to the reports bucket
2026-12-02T17:58:44Z ERROR meter-sync: upload failed: AccessDenied: Access Denied
	status code: 403, request id: 4F1C2A9E5B3D4E7F, host id: q8mZ3xW1cust7Hk2PqR9aB0cD1eF2gH3iJ4kL5mN6oP7=
2026-12-02T17:58:44Z INFO meter-sync: run finished with 1 error`,
  unknown: `2026-12-02T17:58:44.120Z ERROR BatchMeterUsage failed
UsageAllocationQuotaExceededException: The usage allocation quota for product prod-abc123 was exceeded by account 123456789012
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)
  '$metadata': { httpStatusCode: 400, requestId: '7d1c3a52-8e44-4b3f-9a2d-0c6b1e5f4a19', attempts: 1, totalRetryDelay: 0 }`,
};

function figures(messages: PreviewMessage[]): string {
  return messages
    .map(
      (m, i) =>
        `${messages.length > 1 ? `#${i + 1} ` : ''}${m.blocks.length} blocks, ${visibleLength(m.blocks as Json[])} visible chars`,
    )
    .join('; ');
}

function item(id: string, caption: string, messages: SlackMessage[]): PreviewItem {
  const list = messages as unknown as PreviewMessage[];
  return { id, caption, messages: list, figures: figures(list) };
}

async function catalogItems(catalog: Catalog): Promise<PreviewItem[]> {
  const items: PreviewItem[] = [];
  for (const entry of catalog.entries) {
    const example = entry.examples[0];
    if (!example) continue;
    const finding = diagnose(example, catalog, { now: PREVIEW_NOW }).findings.find((f) => f.entry.id === entry.id);
    if (!finding) continue;
    const answer = answerFromFinding(finding);
    const options = { answerId: 'preview', facts: finding.facts, now: PREVIEW_NOW };
    items.push(
      item(`entry-${entry.id}`, `catalog entry ${entry.id}, from its first example: ${example.slice(0, 160)}`, [
        renderAnswer(answer, options),
      ]),
    );
    items.push(
      item(`entry-${entry.id}-expanded`, `catalog entry ${entry.id} after "Full diagnosis"`, [
        renderAnswer(answer, { ...options, expanded: true }),
      ]),
    );
  }
  return items;
}

function iamItems(): PreviewItem[] {
  const pass: IamCheckReport = {
    items: [
      {
        mark: 'pass',
        label: 'AWS credentials',
        detail: 'arn:aws:sts::123456789012:assumed-role/meterdoc-actions/meterdoc (account 123456789012)',
      },
      {
        mark: 'pass',
        label: 'Metering client',
        detail: 'region us-east-1, endpoint https://metering.marketplace.us-east-1.amazonaws.com/',
      },
      {
        mark: 'pass',
        label: 'Permission simulation',
        detail: 'simulated for the role named in the error: arn:aws:iam::123456789012:role/metering-task-role',
      },
      { mark: 'pass', label: '`aws-marketplace:BatchMeterUsage`', detail: 'allowed' },
      { mark: 'pass', label: '`aws-marketplace:MeterUsage`', detail: 'allowed' },
    ],
    missingActions: [],
    simulatedFor: 'arn:aws:iam::123456789012:role/metering-task-role',
    requestIds: [],
  };
  const fail: IamCheckReport = {
    ...pass,
    items: [
      ...pass.items.slice(0, 3),
      {
        mark: 'fail',
        label: '`aws-marketplace:BatchMeterUsage`',
        detail: 'no policy allows it (implicit deny): attach the statement below',
      },
      pass.items[4]!,
    ],
    missingActions: ['aws-marketplace:BatchMeterUsage'],
    policy: JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'MeterDocAllowAwsMarketplace',
            Effect: 'Allow',
            Action: ['aws-marketplace:BatchMeterUsage'],
            Resource: '*',
          },
        ],
      },
      null,
      2,
    ),
  };
  const message = (report: IamCheckReport): SlackMessage => {
    const text = renderIamCheck(report);
    return {
      text: 'IAM check',
      blocks: chunkLines(['IAM check by <@U0BOB>', ...text.split('\n')]).map((t) => ({
        type: 'section',
        text: { type: 'mrkdwn', text: t },
      })),
    };
  };
  return [
    item('iam-check-pass', 'IAM check report, every action allowed', [message(pass)]),
    item('iam-check-fail', 'IAM check report, BatchMeterUsage missing', [message(fail)]),
  ];
}

function retryItems(catalog: Catalog): PreviewItem[] {
  const diagnosis = diagnose(PASTES.throttled, catalog, { now: PREVIEW_NOW });
  const batch = diagnosis.usageBatch!;
  const plan = planBatch(batch, PREVIEW_NOW);
  const view = confirmView('draft-preview', plan);
  const outcome: RetryOutcome = {
    records: plan.calls.flatMap((c) =>
      c.records.map((p, i) => ({
        index: p.index,
        status: i === 0 ? ('Success' as const) : ('CustomerNotSubscribed' as const),
        ...(i === 0 ? { meteringRecordId: 'mr-0f3c9a' } : {}),
      })),
    ),
    calls: [{ requestId: '5e0b4c7d-1a2f-4b3c-8d9e-0f1a2b3c4d5e', attempts: 1 }],
    counts: {
      Success: 1,
      CustomerNotSubscribed: 1,
      DuplicateRecord: 0,
      Unprocessed: 0,
      Failed: 0,
      NotSent: 0,
      NoResult: 0,
      Unknown: 0,
    },
    anyAnswered: true,
  } as unknown as RetryOutcome;
  const head = `*Retried by <@U0BOB>*: ${summaryCounts(plan, outcome)}. AWS request ID: 5e0b4c7d-1a2f-4b3c-8d9e-0f1a2b3c4d5e`;
  const report: SlackMessage = {
    text: head,
    blocks: chunkLines([head, ...outcomeLines(plan, outcome)]).map((t) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: t },
    })),
  };
  return [
    {
      id: 'retry-dialog',
      caption: 'Retry dialog for the throttled batch (two records in the window, one past it)',
      view: view as never,
    },
    item('retry-report', 'Retry report posted in the thread', [report]),
    ...retryRestItems(catalog, summaryCounts(plan, outcome)),
  ];
}

/** After that partial retry (#1 billed, #2 not): the answer offers the rest, and the dialog for it. */
function retryRestItems(catalog: Catalog, summary: string): PreviewItem[] {
  const diagnosis = diagnose(PASTES.throttled, catalog, { now: PREVIEW_NOW });
  const finding = diagnosis.findings[0]!;
  const batch = diagnosis.usageBatch!;
  const state: RetryState = { by: 'U0BOB', at: PREVIEW_NOW.toISOString(), summary, settled: [0] };
  const rest = unsettledOf(state, batch, PREVIEW_NOW)!;
  const status = retriedStatus('U0BOB', PREVIEW_NOW, summary, { settled: 1, total: batch.records.length, left: 1 });
  const answer = retriedAnswer(
    { answer: answerFromFinding(finding), facts: finding.facts },
    'preview-answer',
    status.line,
    status.retryLabel,
  );
  return [
    item('retry-partial-answer', 'The answer after a partial retry: status line and "Retry 1 unbilled"', [answer]),
    {
      id: 'retry-rest-dialog',
      caption: 'Retry dialog for what the earlier retry left unbilled',
      view: confirmView('draft-preview-rest', rest, settledNote(state, batch.records.length)) as never,
    },
  ];
}

export async function previewItems(): Promise<PreviewItem[]> {
  const catalog = loadCatalog();
  const items: PreviewItem[] = [];
  items.push(
    item(
      'single-throttled',
      'A throttled BatchMeterUsage batch pasted in a channel (three records, one past the window)',
      await delivered(catalog, PASTES.throttled),
    ),
  );
  items.push(
    item(
      'single-access-denied',
      'A missing permission pasted in a channel',
      await delivered(catalog, PASTES.accessDenied),
    ),
  );
  items.push(
    item('multi-error', 'A log with three distinct errors pasted in a channel', await delivered(catalog, PASTES.multi)),
  );
  items.push(
    item(
      'ai-answer',
      'An error the catalog does not know, Bedrock answering',
      await delivered(catalog, PASTES.unknown, aiFallback(catalog, AI_REPLY)),
    ),
  );
  items.push(
    item(
      'ai-unavailable',
      'An error the catalog does not know, Bedrock throttling',
      await delivered(catalog, PASTES.unknown, aiFallback(catalog, bedrockThrottled())),
    ),
  );
  items.push(
    item('no-ai', 'An error the catalog does not know, no AI configured', await delivered(catalog, PASTES.unknown)),
  );
  items.push(
    item(
      'possible-match',
      'A throttle with no service or operation named: a possible match, not a diagnosis',
      await delivered(catalog, PASTES.possible),
    ),
  );
  items.push(
    item(
      'guess-unknown',
      'A denial the catalog fits only as a guess (no service, no action), asked with @MeterDoc: not known, entries that might be related',
      await delivered(catalog, PASTES.guess, undefined, 'explicit'),
    ),
  );
  items.push(...retryItems(catalog));
  items.push(...iamItems());
  const services = previewServices(catalog);
  items.push(item('help', '/meterdoc help', [renderHelp('/meterdoc', usageLines(services))]));
  items.push({
    id: 'app-home',
    caption: 'App Home (no health log yet)',
    view: homeView(catalog, '/meterdoc', usageLines(services)) as never,
  });
  items.push(...(await catalogItems(catalog)));
  return items;
}
