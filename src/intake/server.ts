import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AnswerCounter } from './handler.js';
import { INTAKE_PATH } from './handler.js';

/** `event`: the handled event the request is, where the answer it posts is counted. */
export type IntakeHandler = (req: IncomingMessage, res: ServerResponse, event?: AnswerCounter) => Promise<void>;

/**
 * The intake as an app route. The handler's promise is returned so the app can log and count the
 * request once it has been answered, and a graceful stop can wait for it.
 */
export interface IntakeRoute {
  path: string;
  method: string[];
  handler: IntakeHandler;
}

export function intakeCustomRoute(handler: IntakeHandler): IntakeRoute {
  return {
    path: INTAKE_PATH,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse, event?: AnswerCounter): Promise<void> =>
      handler(req, res, event),
  };
}

/** The intake on a listener of its own, without the app around it (the intake tests use it). */
export function startIntakeServer(handler: IntakeHandler, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => void handler(req, res));
  // Slow-loris guard: a job posts one small JSON body.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
