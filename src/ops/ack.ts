import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { HTTPReceiver } from '@slack/bolt';
import type { EventKind, MeterDocMetrics } from './metrics.js';

/**
 * Ack latency as Slack sees it: from the moment the request reaches the receiver until its
 * response is written, measured around Bolt's own request listener (body read, signature check,
 * parse, authorize and the ack itself), not from inside a listener, which runs after the ack.
 *
 * The kind (message, command, action…) is only known once the body is parsed, so the receiver's
 * customPropertiesExtractor hands each request's probe to the middleware, which names the kind.
 */
export interface AckProbe {
  kind: EventKind | undefined;
}

const PROBE = Symbol('meterdoc.ackProbe');
type Probed = IncomingMessage & { [PROBE]?: AckProbe };

/** For the receiver's customPropertiesExtractor: Bolt passes the same request object it buffered. */
export function ackProbeOf(req: IncomingMessage): AckProbe | undefined {
  return (req as Probed)[PROBE];
}

export function instrumentAcks(receiver: HTTPReceiver, endpoint: string, metrics: MeterDocMetrics): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && (req.url ?? '').split('?')[0] === endpoint) {
      const started = performance.now();
      const probe: AckProbe = { kind: undefined };
      (req as Probed)[PROBE] = probe;
      res.once('finish', () => {
        const seconds = (performance.now() - started) / 1000;
        // Refused requests (bad signature, malformed body) never reach the middleware that names them.
        if (res.statusCode !== 200) return metrics.ackObserved('other', seconds);
        // The middleware names the kind right after the ack, in the same turn; give it that turn.
        setImmediate(() => metrics.ackObserved(probe.kind ?? 'other', seconds));
      });
    }
    return inner(req, res);
  };
}
