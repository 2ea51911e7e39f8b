import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { ServiceModel, ServiceModels } from '../core/catalog/model-check.js';
import vendored from './service-errors.json' with { type: 'json' };

/** JavaScript SDK clients MeterDoc installs, by the endpoint prefix catalog entries use. */
const SDK_CLIENTS: Record<string, string> = {
  'metering.marketplace': '@aws-sdk/client-marketplace-metering',
  sts: '@aws-sdk/client-sts',
  iam: '@aws-sdk/client-iam',
};

const vendoredSchema = z.object({
  source: z.string(),
  services: z.record(
    z.string(),
    z.object({ model: z.string(), operations: z.record(z.string(), z.array(z.string())) }),
  ),
});

const THROWS = /@throws \{@link ([A-Za-z0-9]+)\}/g;

/**
 * Reads an installed client's operations and the errors each can raise from its command
 * declarations (`dist-types/commands/<Operation>Command.d.ts`, the `@throws` lines).
 */
export function sdkModel(pkg: string, resolveFrom: string = import.meta.url): ServiceModel {
  const packageJson = createRequire(resolveFrom).resolve(`${pkg}/package.json`);
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const commands = join(dirname(packageJson), 'dist-types', 'commands');
  const operations = new Map<string, Set<string>>();
  for (const file of readdirSync(commands)) {
    const op = /^([A-Z][A-Za-z0-9]*)Command\.d\.ts$/.exec(file)?.[1];
    if (!op) continue;
    const text = readFileSync(join(commands, file), 'utf8');
    const errors = [...text.matchAll(THROWS)].map((m) => m[1]!).filter((name) => !name.endsWith('ServiceException'));
    operations.set(op, new Set(errors));
  }
  return { source: `${pkg} ${version}`, operations };
}

/** Models of services without an installed JavaScript client, extracted from botocore by scripts/extract-service-errors.ts. */
export function vendoredModels(): Map<string, ServiceModel> {
  const doc = vendoredSchema.parse(vendored);
  const models = new Map<string, ServiceModel>();
  for (const [prefix, service] of Object.entries(doc.services)) {
    const operations = new Map(
      Object.entries(service.operations).map(([op, errors]) => [op, new Set(errors)] as const),
    );
    models.set(prefix, { source: `${doc.source.split(' (')[0]} (${service.model})`, operations });
  }
  return models;
}

/** Every service model the catalog check uses: the installed SDK clients first, botocore's for the rest. */
export function loadServiceModels(): ServiceModels {
  const models = vendoredModels();
  for (const [prefix, pkg] of Object.entries(SDK_CLIENTS)) models.set(prefix, sdkModel(pkg));
  return models;
}
