import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { INTAKE_PATH } from './handler.js';

export type IntakeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The intake as an app route. The handler's promise is returned so the app can log and count the
 * request once it has been answered, and a graceful stop can wait for it.
 */
export function intakeCustomRoute(handler: IntakeHandler) {
  return {
    path: INTAKE_PATH,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse): Promise<void> => handler(req, res),
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
