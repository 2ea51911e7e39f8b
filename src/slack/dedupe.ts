import type { SharedStore } from '../store/store.js';
import { CLAIMS } from '../store/keys.js';

/**
 * Slack delivers an event again when it did not see our 200 in 3 seconds (and Socket Mode
 * redelivers on timeouts too), and a message that mentions MeterDoc arrives twice, as
 * `app_mention` and as `message`. Both are settled with atomic first-wins claims in the shared
 * store, so two replicas behind a load balancer also answer once.
 */

/** Covers Slack's retries (immediately, after 1 and after 5 minutes) with a wide margin. */
export const DEDUPE_TTL_MS = 60 * 60 * 1000;

/** True the first time this delivery's `event_id` is seen. */
export function claimEvent(store: SharedStore, eventId: string, ttlMs = DEDUPE_TTL_MS): Promise<boolean> {
  return store.claim(CLAIMS.event(eventId), ttlMs);
}

/** True for the first surface that answers this message (`channel` + `ts` name a message uniquely). */
export function claimMessage(store: SharedStore, channel: string, ts: string, ttlMs = DEDUPE_TTL_MS): Promise<boolean> {
  return store.claim(CLAIMS.message(channel, ts), ttlMs);
}
