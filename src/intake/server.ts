import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { INTAKE_PATH } from './handler.js';

export type IntakeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** For Bolt's HTTPReceiver / ExpressReceiver `customRoutes` (HTTP mode, on the app's port). */
export function intakeCustomRoute(handler: IntakeHandler) {
  return {
    path: INTAKE_PATH,
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      void handler(req, res);
    },
  };
}

/** Socket Mode has no HTTP server of its own: the intake gets one on INTAKE_PORT. */
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
