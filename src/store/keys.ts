/**
 * Every name MeterDoc writes in the shared store: namespaces, first-wins claims and counters.
 * They are stored data: a replica of the previous version reads and claims the same keys during a
 * rolling update, so a name is never changed once shipped, only added.
 */

export const NAMESPACES = {
  /** Signed button payloads (SignedStore), until the answer's buttons expire. */
  answers: 'answers',
  feedback: 'feedback',
  /** Which errors a thread was already answered about. */
  threads: 'threads',
  retryDrafts: 'retry-drafts',
  retryState: 'retry-state',
  audit: 'audit',
  auditIndex: 'audit-index',
  aiAnswers: 'ai-answers',
  aiFailures: 'ai-failures',
  health: 'health',
  healthAnswers: 'health-answers',
  gaps: 'gaps',
  gapsIndex: 'gaps-index',
  watches: 'watches',
  watchIndex: 'watch-index',
  watchRecords: 'watch-records',
  watchAnswers: 'watch-answers',
  watchLost: 'watch-lost',
} as const;

export type Namespace = (typeof NAMESPACES)[keyof typeof NAMESPACES];

/** First-wins claims (`store.claim`): who answers, posts or holds a lock. */
export const CLAIMS = {
  /** One answer per Slack delivery (`event_id`). */
  event: (eventId: string) => `event:${eventId}`,
  /** One answer per message, whichever surface (message, mention) or replica gets it first. */
  message: (channel: string, ts: string) => `message:${channel}:${ts}`,
  /** One Bedrock call per error fingerprint across replicas. */
  aiAnswer: (cacheKey: string) => `ai:${cacheKey}`,
  retryLock: (answerId: string) => `retry-lock:${answerId}`,
  iamCheckLock: (answerId: string) => `iam-check-lock:${answerId}`,
  auditIndexLock: 'audit-index-lock',
  /** A coalescing writer's lock on one key of its namespace (`health`, `health-answers`, `gaps`, `gaps-index`). */
  writerLock: (writer: string, key: string) => `${writer}-lock:${key}`,
  /** One digest per channel per UTC day. */
  digest: (channel: string, day: string) => `digest:${channel}:${day}`,
  watchEvent: (watchId: string, eventId: string) => `watch-event:${watchId}:${eventId}`,
  watchLock: 'watch-lock',
} as const;

/** Counters (`store.increment`). */
export const COUNTERS = {
  /** Bedrock calls in one UTC hour, for the cost guard. */
  aiCalls: (hour: string | number) => `ai-calls:${hour}`,
} as const;
