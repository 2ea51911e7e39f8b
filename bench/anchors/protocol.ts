/**
 * Messages between the anchors bench (the parent), its load generator and the apps under test,
 * each a separate Node process talking over the fork IPC channel. Every request carries an id its
 * reply repeats, so a reply is never taken for another one.
 */

/** The paste mix the load generator draws from (texts already escaped as Slack sends them). */
export interface PasteMix {
  /** Catalog errors MeterDoc answers unprompted, in several SDK formats. */
  known: string[];
  /** Application logs holding several errors between ordinary lines. */
  multi: string[];
  /** Channel chatter that holds no error. */
  chat: string[];
  /** Messages that mention the bot with an error in them (sent as `message` and `app_mention`). */
  mention: string[];
}

export type PasteKind = keyof PasteMix;

/** The bot user every app under test is (MeterDoc by its given identity, the others by auth.test); mentions name it. */
export const BOT_USER_ID = 'UBENCH';

export type LoadRequest =
  | { id: number; type: 'mix'; mix: PasteMix }
  | { id: number; type: 'burst'; eventsUrl: string; events: number; label: string }
  | { id: number; type: 'sustained'; eventsUrl: string; rate: number; seconds: number; label: string; seed: number }
  /** The figures of the last sustained run, answers counted up to now. */
  | { id: number; type: 'collect' };

export interface BurstResult {
  /** HTTP response time of each event, ms; requests that failed are not in it. */
  acks: number[];
  /** Event sent → its first chat.postMessage received, ms, for the events answered. */
  answers: number[];
  failed: number;
  unanswered: number;
}

export interface SustainedResult {
  deliveries: number;
  acks: number[];
  /** Acks later than 3 s, counting requests still unanswered when the run stopped waiting. */
  acksOver3s: number;
  /** Requests with no HTTP response when the run stopped waiting (aborted then). */
  unacked: number;
  /** Responses other than 200, and connection errors. */
  failed: number;
  /** The failures by HTTP status ("0": the connection failed). */
  failedStatuses: Record<string, number>;
  answers: number[];
  pastes: Record<PasteKind, number>;
  answered: Record<PasteKind, number>;
  /** Explicit requests (mentions) sent and not answered by the end of the run. */
  explicitLost: number;
  /** How far behind its schedule the sender fell at worst, ms (a check on the generator itself). */
  sendLagMaxMs: number;
  sendSeconds: number;
  /** Web API calls received during the run, by method. */
  apiCalls: Record<string, number>;
}

export type LoadReply =
  | { type: 'ready'; apiUrl: string }
  | { id: number; type: 'mix' }
  | { id: number; type: 'burst'; result: BurstResult }
  | { id: number; type: 'sustained' }
  | { id: number; type: 'collect'; result: SustainedResult }
  | { id: number; type: 'error'; message: string };

export type AppRequest = { id: number; type: 'usage' } | { id: number; type: 'stop' };

export type AppReply =
  | { type: 'ready'; eventsUrl: string }
  | {
      id: number;
      type: 'usage';
      /** CPU time of every thread of the process so far (process.cpuUsage()), ms. */
      cpuMs: number;
      /** CPU time of the main (JavaScript) thread alone, ms; the rest is V8's compiler and GC helper threads and libuv's pool. Absent where /proc is not. */
      mainCpuMs?: number;
      /** Garbage collections so far and their pauses on the main thread, ms (PerformanceObserver 'gc'). */
      gc: { minor: number; major: number; pauseMs: number };
      rssMb: number;
    }
  | { id: number; type: 'stopped' }
  | { id: number; type: 'error'; message: string };
