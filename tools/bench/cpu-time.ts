import { readFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second on every architecture. */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU milliseconds from the text of `/proc/<pid>/stat`, or undefined if it does not parse.
 * The command name (field 2) may hold spaces and parentheses, so fields are counted after its last `)`.
 */
export function parseCpuMs(stat: string): number | undefined {
  const end = stat.lastIndexOf(')');
  if (end < 0) {
    return undefined;
  }
  // After the name: state is field 3, utime field 14 and stime field 15 (1-based, as in proc(5)).
  const fields = stat
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) {
    return undefined;
  }

  return ((user + system) * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds a process has used so far; undefined off Linux or once the process is gone. */
export function readCpuMs(pid: number): number | undefined {
  try {
    return parseCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
