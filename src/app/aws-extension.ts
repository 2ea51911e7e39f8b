import type { Server } from 'node:http';
import { createIntakeHandler, intakeCustomRoute, loadIntakeConfig, startIntakeServer } from '../intake/index.js';
import { createAwsActions } from '../actions/index.js';
import type { ExtensionFactory, MeterDocExtension } from './create-app.js';

/**
 * Issue 5's pieces as one extension: the retry and IAM-check buttons, `/meterdoc audit`, the retry
 * modals, and the intake endpoint (on the app's port in HTTP mode, on INTAKE_PORT in Socket Mode).
 * Settings come from the environment and are validated when the app is built.
 */
export function awsExtension(env: NodeJS.ProcessEnv = process.env): ExtensionFactory {
  return (kit) => {
    const aws = createAwsActions({ env, store: kit.store, logger: kit.logger, slack: kit.client, answers: kit.answers, insights: kit.insights, watch: kit.watch, now: kit.now });
    const extension: MeterDocExtension = {
      actions: aws.handlers,
      subcommands: aws.subcommands,
      register: (app) => aws.registerViews(app),
    };
    const intake = loadIntakeConfig(env);
    if (!intake) return extension;

    const handler = createIntakeHandler({ config: intake, catalog: kit.catalog, store: kit.store, answers: kit.answers, slack: kit.client, audit: aws.deps.audit, logger: kit.logger, watch: kit.watch, now: kit.now });
    if (kit.mode === 'http') return { ...extension, routes: [intakeCustomRoute(handler)] };

    // Socket Mode has no HTTP server of its own; 3001 keeps clear of the usual PORT 3000.
    const port = intake.port ?? 3001;
    let server: Server | undefined;
    return {
      ...extension,
      async start() {
        server = await startIntakeServer(handler, port);
        kit.logger.info({ port }, 'intake endpoint listening (Socket Mode)');
      },
      async stop() {
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      },
    };
  };
}
