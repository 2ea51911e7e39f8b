import { createHash, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import {
  advanceWatch,
  earliestDeadline,
  markHandled,
  nextEventAt,
  openRecords,
  resolveRecords,
  startWatch,
  unitsByDimension,
  pastedRecordKey,
  type DimensionUnits,
  type MeteringOperation,
  type PastedUsageRecord,
  type ReminderSpec,
  type WatchEvent,
} from '../core/index.js';
import type { SharedStore } from '../store/store.js';
import {
  indexSchema,
  lostDaySchema,
  storedWatchSchema,
  type IndexEntry,
  type LostRow,
  type StoredWatch,
  type WatchPlace,
} from './schema.js';
import { CLAIMS, NAMESPACES } from '../store/keys.js';

/**
 * The deadline watches in the shared store, so every replica sees the same ones and a replica
 * that restarts picks them up. The store cannot list keys, so an index of open watches (with each
 * one's next due time) lives beside them. Every read-modify-write runs under one short claim,
 * serialised in this process and across replicas; each reminder and each loss is additionally
 * claimed by its id, so exactly one replica posts it even if a write was lost.
 */

/** Where answers with no workspace (intake) are counted. Same value as the health log's. */
export const NO_TEAM = '_';
const INDEX_KEY = 'open';
const DAY_MS = 86_400_000;
/** An ended watch stays readable this long (a late click on its buttons still finds it). */
const KEEP_AFTER_MS = 7 * DAY_MS;
const LOST_RETENTION_MS = 8 * DAY_MS;
const LOCK_TTL_MS = 10_000;
const MAX_OPEN = 2_000;
const MAX_LOST_ROWS = 1_000;

export interface WatchLogger {
  warn(obj: object, msg?: string): void;
}

export interface WatchRegistryOptions {
  reminders: readonly ReminderSpec[];
  logger?: WatchLogger;
  /** How long a caller waits for another replica's update before giving up, ms (real time). */
  lockWaitMs?: number;
}

export interface CreateWatchInput {
  answerId: string;
  teamId: string | undefined;
  place: WatchPlace;
  operation: MeteringOperation;
  records: PastedUsageRecord[];
  now: Date;
}

export interface CreateWatchResult {
  watch?: StoredWatch;
  /** Records already past their window when the answer was given. */
  pastWindow: number;
  /** Records another watch already holds (the same batch pasted again). */
  alreadyWatched: number;
}

export interface OpenWatch {
  id: string;
  answerId: string;
  place: WatchPlace;
  deadline: string;
  records: number;
  atRisk: DimensionUnits[];
}

export interface WatchSummary {
  /** Soonest deadline first. */
  open: OpenWatch[];
  lost24h: DimensionUnits[];
  lost7d: DimensionUnits[];
}

export class WatchBusyError extends Error {
  constructor() {
    super('the deadline watches are being updated by another replica; try again');
    this.name = 'WatchBusyError';
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class WatchRegistry {
  private readonly watches: Keyv<unknown>;
  private readonly index: Keyv<unknown>;
  private readonly byRecord: Keyv<string>;
  private readonly byAnswer: Keyv<string>;
  private readonly lostDays: Keyv<unknown>;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly lockWaitMs: number;

  constructor(
    private readonly store: SharedStore,
    private readonly options: WatchRegistryOptions,
  ) {
    this.watches = store.namespace(NAMESPACES.watches);
    this.index = store.namespace(NAMESPACES.watchIndex);
    this.byRecord = store.namespace(NAMESPACES.watchRecords);
    this.byAnswer = store.namespace(NAMESPACES.watchAnswers);
    this.lostDays = store.namespace(NAMESPACES.watchLost, LOST_RETENTION_MS);
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
  }

  get reminders(): readonly ReminderSpec[] {
    return this.options.reminders;
  }

  /**
   * Puts an answer's billable records on watch. Records another watch already holds are left out,
   * so pasting the same batch twice (or quoting it) watches it once. No watch when nothing is left.
   */
  async create(input: CreateWatchInput): Promise<CreateWatchResult> {
    return this.locked(async () => {
      const watched = await Promise.all(input.records.map((r) => this.byRecord.get(hashKey(pastedRecordKey(r)))));
      const fresh = input.records.filter((_, i) => !watched[i]);
      const alreadyWatched = input.records.length - fresh.length;
      const started = startWatch({
        records: fresh,
        operation: input.operation,
        now: input.now,
        reminders: this.options.reminders,
      });
      const result: CreateWatchResult = { pastWindow: started.pastWindow.length, alreadyWatched };
      if (!started.watch) return result;
      const watch: StoredWatch = {
        id: randomBytes(12).toString('base64url'),
        answerId: input.answerId,
        team: input.teamId ?? NO_TEAM,
        place: input.place,
        state: started.watch,
      };
      await this.write(watch, input.now);
      const ttl = this.ttl(watch, input.now);
      await Promise.all([
        ...watch.state.records.map((r) => this.byRecord.set(hashKey(r.key), watch.id, ttl)),
        this.byAnswer.set(input.answerId, watch.id, ttl),
      ]);
      return { ...result, watch };
    });
  }

  async get(id: string): Promise<StoredWatch | undefined> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return undefined;
    const parsed = storedWatchSchema.safeParse(await this.watches.get(id));
    return parsed.success ? parsed.data : undefined;
  }

  async forAnswer(answerId: string): Promise<StoredWatch | undefined> {
    const id = await this.byAnswer.get(answerId);
    return id ? this.get(id) : undefined;
  }

  /** A retry of the answer sent these records successfully (`all`: every record still open). */
  async resolveAnswer(answerId: string, keys: readonly string[] | 'all', now: Date): Promise<StoredWatch | undefined> {
    return this.locked(async () => {
      const watch = await this.forAnswer(answerId);
      if (watch?.state.status !== 'open') return watch;
      const wanted = keys === 'all' ? openRecords(watch.state).map((r) => r.key) : keys;
      const { state, resolved } = resolveRecords(watch.state, wanted, now);
      if (resolved === 0) return watch;
      const next = { ...watch, state };
      await this.write(next, now);
      return next;
    });
  }

  /** The metering job reported these records accepted: whichever watches hold them are updated. */
  async resolveRecords(keys: readonly string[], now: Date): Promise<StoredWatch[]> {
    return this.locked(async () => {
      const ids = new Set(
        (await Promise.all(keys.map((key) => this.byRecord.get(hashKey(key))))).filter(
          (id): id is string => typeof id === 'string',
        ),
      );
      const changed: StoredWatch[] = [];
      for (const id of ids) {
        const watch = await this.get(id);
        if (!watch) continue;
        const { state, resolved } = resolveRecords(watch.state, keys, now);
        if (resolved === 0) continue;
        const next = { ...watch, state };
        await this.write(next, now);
        changed.push(next);
      }
      return changed;
    });
  }

  /** "Won't bill": ends an open watch. `changed` is false when it had already ended. */
  async handle(
    id: string,
    input: { by: string; reason: string },
    now: Date,
  ): Promise<{ watch?: StoredWatch; changed: boolean }> {
    return this.locked(async () => {
      const watch = await this.get(id);
      if (!watch) return { changed: false };
      if (watch.state.status !== 'open') return { watch, changed: false };
      const next = { ...watch, state: markHandled(watch.state, { ...input, now }) };
      await this.write(next, now);
      return { watch: next, changed: true };
    });
  }

  /** Open watches with something due at `now`, soonest first. */
  async due(now: Date): Promise<string[]> {
    const at = now.toISOString();
    return (await this.readIndex()).filter((e) => e.next <= at).map((e) => e.id);
  }

  /**
   * Moves one watch to `now` and returns the events this replica won (each claimed by its id).
   * A lost-records event is counted in the workspace's lost revenue by whoever wins it.
   */
  async advance(id: string, now: Date): Promise<{ watch?: StoredWatch; events: WatchEvent[] }> {
    return this.locked(async () => {
      const watch = await this.get(id);
      if (!watch) {
        await this.updateIndex((entries) => entries.filter((e) => e.id !== id));
        return { events: [] };
      }
      const { state, events } = advanceWatch(watch.state, now, this.options.reminders);
      if (events.length === 0) {
        if (state.status !== 'open') await this.updateIndex((entries) => entries.filter((e) => e.id !== id));
        return { watch, events: [] };
      }
      const next = { ...watch, state };
      const won: WatchEvent[] = [];
      const claimTtl = this.ttl(next, now);
      for (const event of events)
        if (await this.store.claim(CLAIMS.watchEvent(id, event.id), claimTtl)) won.push(event);
      await this.write(next, now);
      for (const event of won) if (event.kind === 'lost') await this.countLost(next.team, event, now);
      return { watch: next, events: won };
    });
  }

  /** The workspace's open watches (and those with no workspace), soonest deadline first. */
  async open(teamId: string | undefined): Promise<OpenWatch[]> {
    const teams = new Set([teamId ?? NO_TEAM, NO_TEAM]);
    const entries = (await this.readIndex()).filter((e) => teams.has(e.team));
    const watches = await Promise.all(entries.map((e) => this.get(e.id)));
    return watches
      .flatMap((w) => {
        if (w?.state.status !== 'open') return [];
        const open = openRecords(w.state);
        return [
          {
            id: w.id,
            answerId: w.answerId,
            place: w.place,
            deadline: earliestDeadline(w.state)!,
            records: open.length,
            atRisk: unitsByDimension(open),
          },
        ];
      })
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
  }

  /** Open watches and the units lost in the last 24 hours and 7 days, for App Home and the digest. */
  async summary(teamId: string | undefined, now: Date): Promise<WatchSummary> {
    const teams = [...new Set([teamId ?? NO_TEAM, NO_TEAM])];
    const days = Array.from({ length: 8 }, (_, i) => dayOf(now.getTime() - i * DAY_MS));
    const rows: LostRow[] = [];
    for (const team of teams) {
      for (const day of days) {
        const parsed = lostDaySchema.safeParse(await this.lostDays.get(`${team}:${day}`));
        if (parsed.success) rows.push(...parsed.data);
      }
    }
    const since = (ms: number) =>
      rows.filter((r) => Date.parse(r.at) > now.getTime() - ms && Date.parse(r.at) <= now.getTime());
    return { open: await this.open(teamId), lost24h: sumRows(since(DAY_MS)), lost7d: sumRows(since(7 * DAY_MS)) };
  }

  private async countLost(team: string, event: Extract<WatchEvent, { kind: 'lost' }>, now: Date): Promise<void> {
    const key = `${team}:${dayOf(now.getTime())}`;
    const parsed = lostDaySchema.safeParse(await this.lostDays.get(key));
    const rows = parsed.success ? parsed.data : [];
    const at = now.toISOString();
    for (const d of unitsByDimension(event.lost))
      rows.push({ at, dimension: d.dimension, records: d.records, units: d.units, unknownQuantity: d.unknownQuantity });
    if (rows.length > MAX_LOST_ROWS)
      this.options.logger?.warn(
        { team, dropped: rows.length - MAX_LOST_ROWS },
        'lost-revenue rows over the daily bound; oldest dropped',
      );
    await this.lostDays.set(key, rows.slice(-MAX_LOST_ROWS));
  }

  /** How long a watch (and what points at it) is kept: past its last deadline, then a week. */
  private ttl(watch: StoredWatch, now: Date): number {
    const last = watch.state.records.reduce((max, r) => Math.max(max, Date.parse(r.deadline)), now.getTime());
    const end = watch.state.endedAt ? Math.max(Date.parse(watch.state.endedAt), now.getTime()) : last;
    return Math.max(60_000, end - now.getTime() + KEEP_AFTER_MS);
  }

  private async write(watch: StoredWatch, now: Date): Promise<void> {
    await this.watches.set(watch.id, watch, this.ttl(watch, now));
    const next = nextEventAt(watch.state);
    const deadline = earliestDeadline(watch.state);
    await this.updateIndex((entries) => {
      const rest = entries.filter((e) => e.id !== watch.id);
      if (next === undefined || deadline === undefined) return rest;
      return [...rest, { id: watch.id, team: watch.team, deadline, next }];
    });
  }

  private async readIndex(): Promise<IndexEntry[]> {
    const parsed = indexSchema.safeParse(await this.index.get(INDEX_KEY));
    return parsed.success ? parsed.data : [];
  }

  /** Only under the lock. Kept sorted by next due time; beyond the bound the latest are dropped and logged. */
  private async updateIndex(change: (entries: IndexEntry[]) => IndexEntry[]): Promise<void> {
    const entries = change(await this.readIndex()).sort((a, b) => a.next.localeCompare(b.next));
    if (entries.length > MAX_OPEN)
      this.options.logger?.warn(
        { open: entries.length, kept: MAX_OPEN },
        'too many open deadline watches; the latest are no longer followed',
      );
    await this.index.set(INDEX_KEY, entries.slice(0, MAX_OPEN));
  }

  /** Runs `fn` holding the registry's claim: one at a time in this process, and across replicas. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      const giveUp = Date.now() + this.lockWaitMs;
      while (!(await this.store.claim(CLAIMS.watchLock, LOCK_TTL_MS))) {
        if (Date.now() > giveUp) throw new WatchBusyError();
        await new Promise((r) => setTimeout(r, 20));
      }
      try {
        return await fn();
      } finally {
        await this.store.release(CLAIMS.watchLock);
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

function sumRows(rows: LostRow[]): DimensionUnits[] {
  const byDimension = new Map<string, DimensionUnits>();
  for (const r of rows) {
    const row = byDimension.get(r.dimension) ?? { dimension: r.dimension, records: 0, units: 0, unknownQuantity: 0 };
    row.records += r.records;
    row.units += r.units;
    row.unknownQuantity += r.unknownQuantity;
    byDimension.set(r.dimension, row);
  }
  return [...byDimension.values()].sort((a, b) => a.dimension.localeCompare(b.dimension));
}
