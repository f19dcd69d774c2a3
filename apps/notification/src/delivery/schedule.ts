/**
 * The wait before retry number `attempt` (1 after the first failure): exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so that messages failed together do not all come
 * back together.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));

  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);

  return hours * 60 + minutes;
}

/**
 * When a quiet window (`HH:MM[:SS]`, Lomé time, which is UTC all year) that contains `now` ends, or null
 * when `now` is outside it. A window whose end is before its start spans midnight (22:00–07:00).
 */
export function quietUntil(now: Date, start: string, end: string): Date | null {
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === to) return null;
  const current = now.getUTCHours() * 60 + now.getUTCMinutes();
  const inside = from < to ? current >= from && current < to : current >= from || current < to;
  if (!inside) return null;
  const until = new Date(now);
  until.setUTCHours(Math.floor(to / 60), to % 60, 0, 0);
  if (until <= now) until.setUTCDate(until.getUTCDate() + 1);

  return until;
}
