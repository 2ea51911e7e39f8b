import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../actions/access/allowlist.js';
import type { AuditLog } from '../actions/audit/audit-log.js';
import {
  answerFromFinding,
  diagnose,
  pastedRecordKey,
  type Answer,
  type Catalog,
  type PastedUsageBatch,
  type PastedUsageRecord,
} from '../core/index.js';
import type { EventRecord } from '../ops/events.js';
import { planBatch, plannedRecordCount } from '../core/usage/validate-batch.js';
import { fromWire, wireUsageRecordSchema } from '../core/usage/wire.js';
import { renderAnswer, type SlackMessage } from '../slack/blocks/answer.js';
import { escapeMrkdwn } from '../slack/blocks/escape.js';
import type { AnswerStore, StoredAnswer } from '../slack/answer-store.js';
import type { SharedStore } from '../store/store.js';
import type { DeadlineWatch } from '../watch/index.js';
import type { SlackPoster } from '../slack/reply.js';
import { postToPlace } from '../slack/watch/notifier.js';
import type { IntakeConfig } from './config.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyIntake } from './signature.js';

/**
 * `POST /meterdoc/intake`: a metering job posts a failed BatchMeterUsage call (its records and the
 * error or the response), signed like a Slack request. MeterDoc diagnoses it and posts the answer
 * to the intake channel with the retry button ready — the batch is already known.
 *
 * Every refusal is a clear 4xx with nothing posted; a request is accepted at most once (nonce =
 * its signature, claimed in the shared store). If posting to Slack fails the claim is released
 * and the job gets a 502, so the report is not lost: the job can send it again.
 */

export const INTAKE_PATH = '/meterdoc/intake';
/** The call a metering job reports through the intake. */
const OPERATION = 'BatchMeterUsage';
/** Twice the signature window: a replay after this is refused as stale anyway. */
const NONCE_TTL_MS = 10 * 60_000;

const errorSchema = z.union([
  z.string().min(1).max(20_000),
  z
    .object({
      name: z.string().max(200).optional(),
      code: z.string().max(200).optional(),
      message: z.string().max(10_000).optional(),
      requestId: z.string().max(200).optional(),
      httpStatusCode: z.number().int().optional(),
    })
    .refine((e) => e.name || e.code || e.message, 'error needs a name, code or message'),
]);

const lenientRecord = z.object({ Timestamp: z.union([z.number(), z.string().max(64)]) }).passthrough();

const responseSchema = z.object({
  Results: z
    .array(
      z
        .object({
          UsageRecord: lenientRecord.optional(),
          MeteringRecordId: z.string().max(200).optional(),
          Status: z.string().max(100).optional(),
        })
        .passthrough(),
    )
    .max(1000)
    .optional(),
  UnprocessedRecords: z.array(wireUsageRecordSchema).max(1000).optional(),
});

export const intakeBodySchema = z
  .object({
    productCode: z.string().max(255).optional(),
    records: z.array(wireUsageRecordSchema).min(1).max(1000),
    error: errorSchema.optional(),
    response: responseSchema.optional(),
  })
  .strict()
  .refine(
    (b) => (b.error === undefined) !== (b.response === undefined),
    'give exactly one of "error" (the call threw) or "response" (it returned)',
  );
export type IntakeBody = z.input<typeof intakeBodySchema>;

export interface IntakeDeps {
  config: IntakeConfig;
  catalog: Catalog;
  store: SharedStore;
  answers: AnswerStore;
  /** Posts the answer in the intake channel through the app's queue. */
  poster: SlackPoster;
  audit: AuditLog;
  logger: Logger;
  now?: () => Date;
  /** The deadline watch: the answer's retryable records go on watch, accepted ones leave it. */
  watch?: DeadlineWatch | undefined;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

type BodyRead = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    req.on('error', reject);
  });
}

/** The error as text the diagnosis core reads (it recognises `__type` bodies and `Name: message`). */
function pasteFor(body: z.output<typeof intakeBodySchema>): string {
  const lines = ['BatchMeterUsage failed (reported by the metering job)'];
  if (typeof body.error === 'string') lines.push(body.error);
  else if (body.error) {
    const name = body.error.name ?? body.error.code ?? 'Error';
    lines.push(JSON.stringify({ __type: name, message: body.error.message ?? '' }));
    lines.push(`${name}: ${body.error.message ?? ''}`);
    if (body.error.requestId) lines.push(`RequestId: ${body.error.requestId}`);
  }
  if (body.response) lines.push(JSON.stringify(body.response));
  if (body.productCode) lines.push(JSON.stringify({ ProductCode: body.productCode }));
  return lines.join('\n');
}

/**
 * The records a retry would resend. After an error the whole call failed, so all of them. After
 * a response only the UnprocessedRecords: records with a Result were honoured or must be fixed
 * first, and resending them cannot help. Unprocessed entries are taken from the request records
 * when they match, so the values are the job's own.
 */
function retryBatchOf(body: z.output<typeof intakeBodySchema>, records: PastedUsageRecord[]): PastedUsageBatch {
  const productCode = body.productCode !== undefined ? { productCode: body.productCode } : {};
  if (!body.response) return { ...productCode, records, origin: 'request' };
  const byKey = new Map(records.map((r) => [pastedRecordKey(r), r]));
  const unprocessed = (body.response.UnprocessedRecords ?? []).map((u) => {
    const own = fromWire(u);
    return byKey.get(pastedRecordKey(own)) ?? own;
  });
  return { ...productCode, records: unprocessed, origin: 'unprocessed' };
}

/** Records the response says AWS accepted (or already had): billed, so no longer at risk. */
function acceptedRecords(body: z.output<typeof intakeBodySchema>): PastedUsageRecord[] {
  return (body.response?.Results ?? []).flatMap((result) => {
    if (result.Status !== 'Success' && result.Status !== 'DuplicateRecord') return [];
    const u = result.UsageRecord as Record<string, unknown> | undefined;
    const parsed = wireUsageRecordSchema.safeParse({
      Timestamp: u?.Timestamp,
      Dimension: u?.Dimension,
      ...Object.fromEntries(
        ['CustomerIdentifier', 'CustomerAWSAccountId', 'LicenseArn']
          .filter((k) => typeof u?.[k] === 'string')
          .map((k) => [k, u![k]]),
      ),
    });
    return parsed.success ? [fromWire(parsed.data)] : [];
  });
}

/** The metering job resent records MeterDoc was watching: say so where the watch posts. */
async function reportAccepted(deps: IntakeDeps, accepted: PastedUsageRecord[]): Promise<void> {
  const changed = (await deps.watch?.accepted(accepted)) ?? [];
  for (const watch of changed) {
    const resent = watch.state.records.filter((r) => r.state === 'resent').length;
    const open = watch.state.records.filter((r) => r.state === 'open').length;
    const text = `:white_check_mark: The metering job reports ${resent} usage record${resent === 1 ? '' : 's'} of this batch accepted by AWS. ${open === 0 ? 'MeterDoc has stopped watching this batch.' : `${open} still to resend.`}`;
    await postToPlace(deps.poster, watch.place, {
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    }).catch((err: unknown) =>
      deps.logger.error({ err: (err as Error).message }, 'could not post the intake success note'),
    );
  }
}

/** Where an answer the intake posts is counted: the app's handled event for the request. */
export type AnswerCounter = Pick<EventRecord, 'answered'>;

export function createIntakeHandler(deps: IntakeDeps) {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse, event?: AnswerCounter): Promise<void> => {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (path !== INTAKE_PATH) return send(res, 404, { ok: false, error: 'not_found' });
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return send(res, 405, { ok: false, error: 'method_not_allowed' });
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > deps.config.maxBodyBytes) {
        req.resume();
        return send(res, 413, { ok: false, error: 'body_too_large', maxBytes: deps.config.maxBodyBytes });
      }
      const read = await readBody(req, deps.config.maxBodyBytes);
      if (!read.ok) return send(res, 413, { ok: false, error: 'body_too_large', maxBytes: deps.config.maxBodyBytes });

      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const signature = header(SIGNATURE_HEADER);
      const verdict = verifyIntake(
        deps.config.secret,
        { signature, timestamp: header(TIMESTAMP_HEADER) },
        read.body,
        Math.floor(now().getTime() / 1000),
      );
      if (!verdict.ok) {
        const error =
          verdict.reason === 'stale'
            ? 'timestamp_outside_window'
            : verdict.reason === 'missing'
              ? 'missing_signature'
              : 'bad_signature';
        deps.logger.warn({ error }, 'intake request refused');
        return send(res, 401, { ok: false, error });
      }
      const nonce = `intake-nonce:${createHash('sha256').update(signature!).digest('hex')}`;
      if (!(await deps.store.claim(nonce, NONCE_TTL_MS)))
        return send(res, 409, { ok: false, error: 'replayed_request' });

      let posted = false;
      try {
        const type = String(req.headers['content-type'] ?? '');
        if (!/^application\/json\b/i.test(type))
          return send(res, 415, { ok: false, error: 'unsupported_media_type', expected: 'application/json' });
        let json: unknown;
        try {
          json = JSON.parse(read.body.toString('utf8'));
        } catch {
          return send(res, 400, { ok: false, error: 'malformed_json' });
        }
        const parsed = intakeBodySchema.safeParse(json);
        if (!parsed.success) {
          return send(res, 400, {
            ok: false,
            error: 'invalid_body',
            issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
          });
        }
        const body = parsed.data;
        const records = body.records.map(fromWire);
        const batch = retryBatchOf(body, records);
        const at = now();
        const diagnosis = diagnose(pasteFor(body), deps.catalog, { now: at });
        const plan = planBatch(batch, at);
        const notice = `From the metering job: ${records.length} record${records.length === 1 ? '' : 's'} in the failed call; a retry would send ${plannedRecordCount(plan)}${plan.stale.length ? `, ${plan.stale.length} already too old (lost)` : ''}${plan.invalid.length ? `, ${plan.invalid.length} invalid` : ''}.`;
        // The job reported one failed call of this operation: the answer says so, not "seen 2× in the paste".
        const report = { operation: OPERATION, records: batch.records.length };

        const top = diagnosis.findings[0];
        let answerId: string | undefined;
        let stored: StoredAnswer | undefined;
        let message: SlackMessage;
        let answer: Answer | undefined;
        if (top) {
          const facts = { ...top.facts, operation: OPERATION };
          answer = { ...answerFromFinding({ ...top, facts }), occurrences: 1 };
          // Stored once Slack took the message, with its ts, as deliverDiagnosis does.
          answerId = deps.answers.newId();
          stored = {
            v: 1,
            answer,
            facts,
            usageBatch: batch,
            channelId: deps.config.channel,
            surface: 'message',
            createdAt: at.toISOString(),
          };
          message = renderAnswer(answer, {
            answerId,
            facts,
            usageBatch: batch,
            now: at,
            report,
            // Records a retry must leave out for another reason than their age.
            ...(plan.invalid.length > 0 ? { notice } : {}),
          });
        } else {
          const name =
            typeof body.error === 'string'
              ? body.error.split('\n')[0]!.slice(0, 200)
              : (body.error?.name ?? body.error?.code ?? 'a response with per-record results');
          const text = `BatchMeterUsage failed in the metering job with ${escapeMrkdwn(name)}. MeterDoc does not recognise this error. ${escapeMrkdwn(notice)}`;
          message = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
        }
        const out = await deps.poster.post(deps.config.channel, message);
        posted = true;
        if (answer) event?.answered(answer);
        if (answerId && stored)
          await deps.answers.saveAs(answerId, out.ts ? { ...stored, messageTs: out.ts, threadTs: out.ts } : stored);
        await reportAccepted(deps, acceptedRecords(body));
        if (answerId && deps.watch) {
          const place = {
            kind: 'thread' as const,
            channelId: deps.config.channel,
            ...(out.ts ? { threadTs: out.ts } : {}),
          };
          await deps.watch.watchAnswer({ answerId, teamId: undefined, place, operation: OPERATION, batch });
        }
        await deps.audit.record({
          action: 'intake',
          actor: 'intake',
          result: 'ok',
          summary: `${top ? top.entry.id : 'unrecognised error'}; ${records.length} records received, ${plannedRecordCount(plan)} retryable`,
          channelId: deps.config.channel,
          ...(out.ts ? { messageTs: out.ts } : {}),
        });
        return send(res, 202, {
          ok: true,
          channel: deps.config.channel,
          ts: out.ts,
          diagnosis: top?.entry.id ?? null,
          retryButton: Boolean(answerId && top?.entry.retryable && top.entry.actions.includes('retry')),
        });
      } finally {
        // Nothing posted (bad body, Slack down): the same report may come again.
        if (!posted) await deps.store.release(nonce);
      }
    } catch (err) {
      deps.logger.error({ err: (err as Error)?.message }, 'intake failed');
      return send(res, 502, {
        ok: false,
        error: 'could_not_post',
        detail: 'MeterDoc could not post to Slack; send the report again',
      });
    }
  };
}
