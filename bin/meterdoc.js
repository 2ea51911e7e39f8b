#!/usr/bin/env node
// Runs the compiled CLI (dist/, from `npm run build`) when there is one and it is not older than the
// sources; otherwise the TypeScript sources through tsx's loader, so a fresh clone needs no build
// step between `npm install` and a diagnosis, and an edited checkout never runs a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const sources = fileURLToPath(new URL('../src', import.meta.url));

/** The newest modification time under a directory (0 when it does not exist: a production install). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const dirent of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (dirent.isFile()) newest = Math.max(newest, statSync(`${dirent.parentPath}/${dirent.name}`).mtimeMs);
  }
  return newest;
}

const useCompiled = existsSync(compiled) && statSync(compiled).mtimeMs >= newestMtime(sources);
if (!useCompiled) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { runCli } = await import(useCompiled ? compiled.href : '../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
