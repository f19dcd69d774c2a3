import { readFileSync } from 'node:fs';

/** Resident memory in bytes from the text of `/proc/<pid>/status`, or undefined if it has no VmRSS line. */
export function parseVmRss(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);

  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/** Resident memory of a process in bytes; undefined off Linux or once the process is gone. */
export function readRss(pid: number): number | undefined {
  try {
    return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}
