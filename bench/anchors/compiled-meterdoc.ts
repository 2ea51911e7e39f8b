import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Production runs MeterDoc compiled by tsc (`node dist/app/main.js`); the benches run the TypeScript
 * through tsx, whose transform wraps every function and closure in a naming helper called each time
 * one is created (about 6 % of the burst's CPU). So the Slack and replicas benches compile a
 * checkout's src/ with its own tsconfig.build.json first and run that. The output sits one level
 * under the checkout, as dist/ does, so paths the code resolves from its own location (the
 * knowledge folder) are the same.
 */
export function compileMeterDoc(root: string): string {
  const out = join(root, '.bench-dist');
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
    stdio: 'inherit',
  });
  return out;
}
