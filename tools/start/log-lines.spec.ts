import { formatLogLine, isShown, parseLogLine } from './log-lines';
import { createPalette } from './output';

const plain = createPalette(false);
const prefix = { app: 'auth', color: 'cyan' as const, width: 12 };

function json(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

describe('parseLogLine', () => {
  it('reads level and message from a JSON logger line', () => {
    const line = parseLogLine(json({ level: 'warn', message: 'slow query', service: 'auth' }), 'stdout');

    expect(line.level).toBe('warn');
    expect(line.message).toBe('slow query');
    expect(line.fields).toEqual({ level: 'warn', message: 'slow query', service: 'auth' });
  });

  it('keeps a line that is not a JSON object as raw text', () => {
    expect(parseLogLine('Error: boom', 'stderr').fields).toBeUndefined();
    expect(parseLogLine('[1,2]', 'stdout').fields).toBeUndefined();
    expect(parseLogLine('{not json', 'stdout').fields).toBeUndefined();
  });
});

describe('isShown', () => {
  const show = (raw: string, stream: 'stdout' | 'stderr' = 'stdout'): boolean =>
    isShown(parseLogLine(raw, stream), false);

  it('shows warnings, errors and the Ready line by default', () => {
    expect(show(json({ level: 'warn', message: 'x' }))).toBe(true);
    expect(show(json({ level: 'error', message: 'x' }))).toBe(true);
    expect(show(json({ level: 'info', message: 'Ready', port: 3001 }))).toBe(true);
  });

  it('hides info and debug lines by default', () => {
    expect(show(json({ level: 'info', message: 'Nest application successfully started' }))).toBe(false);
    expect(show(json({ level: 'debug', message: 'x' }))).toBe(false);
    expect(show(json({ level: 'info', message: 'Ready later' }))).toBe(false);
  });

  it('shows lines that did not come from the logger, but not blank ones', () => {
    expect(show('    at main (/app/main.js:1:1)', 'stderr')).toBe(true);
    expect(show('plain text', 'stdout')).toBe(true);
    expect(show('   ', 'stderr')).toBe(false);
  });

  it('shows everything when verbose', () => {
    expect(isShown(parseLogLine(json({ level: 'debug', message: 'x' }), 'stdout'), true)).toBe(true);
  });
});

describe('formatLogLine', () => {
  it('prefixes the padded app name and shows level, context, message and other fields', () => {
    const raw = json({
      level: 'warn',
      message: 'retrying',
      context: 'Outbox',
      service: 'auth',
      timestamp: 't',
      attempt: 2,
    });

    expect(formatLogLine(parseLogLine(raw, 'stdout'), prefix, plain)).toBe(
      'auth         │ warn  [Outbox] retrying {"attempt":2}',
    );
  });

  it('puts each stack line on its own prefixed line', () => {
    const raw = json({ level: 'error', message: 'boom', stack: 'Error: boom\n    at x (a.js:1:1)' });

    expect(formatLogLine(parseLogLine(raw, 'stdout'), prefix, plain).split('\n')).toEqual([
      'auth         │ error boom',
      'auth         │ Error: boom',
      'auth         │     at x (a.js:1:1)',
    ]);
  });

  it('prefixes raw lines unchanged', () => {
    expect(formatLogLine(parseLogLine('Error: boom', 'stderr'), prefix, plain)).toBe(
      'auth         │ Error: boom',
    );
  });

  it('colours the app name and the level when colour is on', () => {
    const text = formatLogLine(
      parseLogLine(json({ level: 'error', message: 'boom' }), 'stdout'),
      prefix,
      createPalette(true),
    );

    expect(text).toContain('\u001b[36mauth');
    expect(text).toContain('\u001b[31merror');
  });
});
