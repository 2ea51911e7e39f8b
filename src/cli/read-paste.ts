import { readFile, stat } from 'node:fs/promises';

/**
 * Where `meterdoc diagnose` gets its text: stdin (no argument or "-"), a file, or the argument
 * itself. An argument that reads as a file name but names no readable file is an input error
 * (exit 2): in a CI step, a log path with a typo must fail the step, not pass as "nothing found".
 */

export type PasteResult = { ok: true; text: string } | { ok: false; problem: string };

/**
 * One word that reads as a path: it starts with /, ./, ../, ~/ or a drive letter, or it is a name
 * with a short extension (job.log, out/err.txt). Error codes, ARNs (colons) and sentences do not.
 */
const PATH_LIKE = /^(?:(?:~|\.{1,2})?[\\/]|[A-Za-z]:[\\/])\S*$|^[^\s:]+\.[A-Za-z0-9]{1,8}$/;

export function looksLikePath(arg: string): boolean {
  return arg.length < 4096 && PATH_LIKE.test(arg);
}

export async function readPaste(arg: string | undefined, readStdin: () => Promise<string>): Promise<PasteResult> {
  if (arg === undefined || arg === '-') return { ok: true, text: await readStdin() };
  if (arg.length >= 4096 || arg.includes('\n')) return { ok: true, text: arg };
  let info;
  try {
    info = await stat(arg);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!looksLikePath(arg)) return { ok: true, text: arg };
    return {
      ok: false,
      problem:
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `no such file: ${arg} (to diagnose that text itself, pipe it: echo '…' | meterdoc diagnose -)`
          : `cannot read ${arg}: ${code ?? (err as Error).message}`,
    };
  }
  if (info.isDirectory())
    return { ok: false, problem: `${arg} is a directory; give a file, or pipe the text on stdin` };
  try {
    return { ok: true, text: await readFile(arg, 'utf8') };
  } catch (err) {
    return {
      ok: false,
      problem: `cannot read ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
  }
}
