import { readFileSync } from 'node:fs';

/** The resident set of process `pid` in MB, from /proc (Linux), or undefined when it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const line = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples another process's RSS every `everyMs` from this process, so the sampling goes on while
 * the measured process's own event loop is blocked. `stop()` gives the peak seen.
 */
export function sampleRss(pid: number, everyMs = 50): { stop(): number } {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) ?? 0);
    },
  };
}
