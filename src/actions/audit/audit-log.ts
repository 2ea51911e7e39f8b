import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SharedStore } from '../../store/store.js';
import { silentLogger, type Logger } from '../access/allowlist.js';
import { CLAIMS, NAMESPACES } from '../../store/keys.js';

/**
 * Every action that touches AWS (or was refused) is recorded: who, when, what was sent, the AWS
 * request IDs and the outcome. Entries live in the shared store and go to the log. The store has
 * no listing, so a short index of recent IDs is kept beside them; the log line is the durable copy.
 * Entries hold no secrets: records, ARNs and request IDs only.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** `wont-bill`: records on deadline watch someone decided not to resend (the reason is the summary). */
  action: z.enum(['retry', 'iam-check', 'intake', 'wont-bill']),
  /** Slack user ID, or `intake` for the metering job. */
  actor: z.string(),
  result: z.enum(['ok', 'partial', 'failed', 'refused', 'nothing-to-send']),
  summary: z.string(),
  /** What was sent, one line per record: timestamp, dimension, quantity, customer. */
  sent: z.array(z.string()).default([]),
  requestIds: z.array(z.string()).default([]),
  channelId: z.string().optional(),
  messageTs: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'sent' | 'requestIds'> & {
  sent?: string[];
  requestIds?: string[];
};

const INDEX_KEY = '_recent';
const ENTRY_TTL_MS = 90 * 24 * 3_600_000;

export class AuditLog {
  private readonly kv;
  private readonly index;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: SharedStore,
    private readonly logger: Logger = silentLogger,
    private readonly keep = 200,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.kv = store.namespace<AuditEntry>(NAMESPACES.audit);
    this.index = store.namespace<string[]>(NAMESPACES.auditIndex);
  }

  async record(input: AuditInput): Promise<AuditEntry> {
    const entry = auditEntrySchema.parse({
      ...input,
      id: `${this.clock().getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
      at: this.clock().toISOString(),
    });
    this.logger.info({ audit: entry }, `audit: ${entry.action} by ${entry.actor}: ${entry.result}`);
    await this.kv.set(entry.id, entry, ENTRY_TTL_MS);
    // Read-modify-write of the index: serialised in this process, and across replicas guarded
    // by a short claim; if the claim is busy the entry is still stored and logged, only unlisted.
    const step = this.chain.then(async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        if (await this.store.claim(CLAIMS.auditIndexLock, 2_000)) {
          try {
            const ids = (await this.index.get(INDEX_KEY)) ?? [];
            await this.index.set(INDEX_KEY, [entry.id, ...ids].slice(0, this.keep));
          } finally {
            await this.store.release(CLAIMS.auditIndexLock);
          }
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      this.logger.warn({ id: entry.id }, 'audit index busy; entry stored but not listed');
    });
    this.chain = step.catch(() => undefined);
    await step;
    return entry;
  }

  async recent(limit = 10): Promise<AuditEntry[]> {
    const ids = ((await this.index.get(INDEX_KEY)) ?? []).slice(0, limit);
    const entries = await Promise.all(ids.map((id) => this.kv.get(id)));
    return entries.flatMap((e) => {
      const parsed = auditEntrySchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
  }
}
