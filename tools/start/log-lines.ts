import type { ColorName, Palette } from './output';

export type LogStream = 'stdout' | 'stderr';

/** One line an app wrote; `fields` is set when it is a JSON object from the platform logger. */
export interface LogLine {
  raw: string;
  stream: LogStream;
  fields: Record<string, unknown> | undefined;
  level: string | undefined;
  message: string | undefined;
}

const ALWAYS_SHOWN_LEVELS: ReadonlySet<string> = new Set(['error', 'warn', 'fatal']);
/** Fields the formatted line shows in its own place, or not at all (every line has them). */
const FORMATTED_FIELDS: ReadonlySet<string> = new Set([
  'level',
  'message',
  'service',
  'timestamp',
  'context',
  'stack',
]);

export function parseLogLine(raw: string, stream: LogStream): LogLine {
  const fields = parseObject(raw);

  return {
    raw,
    stream,
    fields,
    level: typeof fields?.['level'] === 'string' ? fields['level'] : undefined,
    message: typeof fields?.['message'] === 'string' ? fields['message'] : undefined,
  };
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  const text = raw.trim();
  if (!text.startsWith('{')) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);

    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the terminal shows a line. Quiet by default: warnings, errors and each app's `Ready` line, plus
 * anything that did not come from the JSON logger (stderr, a crash trace), which is rare and always
 * matters. Verbose shows everything. The log files get every line either way.
 */
export function isShown(line: LogLine, verbose: boolean): boolean {
  if (verbose) {
    return true;
  }
  if (line.fields === undefined) {
    return line.raw.trim() !== '';
  }

  return (line.level !== undefined && ALWAYS_SHOWN_LEVELS.has(line.level)) || line.message === 'Ready';
}

export interface LinePrefix {
  app: string;
  color: ColorName;
  /** Width the app name is padded to, so the lines of all apps align. */
  width: number;
}

/** `auth         │ warn  [Context] message {"other":"fields"}`, with the stack (if any) on the lines below. */
export function formatLogLine(line: LogLine, prefix: LinePrefix, palette: Palette): string {
  const head = `${palette.paint(prefix.color, prefix.app.padEnd(prefix.width))} ${palette.paint('gray', '│')} `;
  const body =
    line.fields === undefined ? formatRaw(line, palette) : formatFields(line.fields, line, palette);

  return body
    .split('\n')
    .map((text) => `${head}${text}`)
    .join('\n');
}

function formatRaw(line: LogLine, palette: Palette): string {
  return line.stream === 'stderr' ? palette.paint('red', line.raw) : line.raw;
}

function formatFields(fields: Record<string, unknown>, line: LogLine, palette: Palette): string {
  const level = line.level ?? 'info';
  const context =
    typeof fields['context'] === 'string' && fields['context'] !== '' ? `[${fields['context']}] ` : '';
  const rest = Object.fromEntries(Object.entries(fields).filter(([key]) => !FORMATTED_FIELDS.has(key)));
  const extra = Object.keys(rest).length > 0 ? ` ${palette.paint('gray', JSON.stringify(rest))}` : '';
  const stack =
    typeof fields['stack'] === 'string' && fields['stack'] !== ''
      ? fields['stack']
          .split('\n')
          .map((text) => `\n${palette.paint('gray', text)}`)
          .join('')
      : '';
  const message = line.message ?? '';

  return `${paintLevel(level, palette)} ${context}${line.message === 'Ready' ? palette.paint('green', message) : message}${extra}${stack}`;
}

function paintLevel(level: string, palette: Palette): string {
  const text = level.padEnd(5);
  switch (level) {
    case 'error':
    case 'fatal':
      return palette.paint('red', text);
    case 'warn':
      return palette.paint('yellow', text);
    default:
      return palette.paint('gray', text);
  }
}
