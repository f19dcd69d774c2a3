/** ANSI colours for the terminal; plain text when colour is off. */
export type ColorName =
  | 'red'
  | 'green'
  | 'yellow'
  | 'blue'
  | 'magenta'
  | 'cyan'
  | 'gray'
  | 'brightGreen'
  | 'brightBlue'
  | 'brightMagenta'
  | 'brightCyan'
  | 'bold';

const CODES: Readonly<Record<ColorName, number>> = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  brightGreen: 92,
  brightBlue: 94,
  brightMagenta: 95,
  brightCyan: 96,
  bold: 1,
};

/** One colour per app; red and yellow stay for errors and warnings. */
const APP_COLORS: readonly ColorName[] = [
  'cyan',
  'magenta',
  'blue',
  'green',
  'brightCyan',
  'brightMagenta',
  'brightBlue',
  'brightGreen',
];

export interface Palette {
  readonly enabled: boolean;
  paint(color: ColorName, text: string): string;
}

export function createPalette(enabled: boolean): Palette {
  return {
    enabled,
    paint: (color, text) => (enabled ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text),
  };
}

/** Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on anywhere. */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') {
    return false;
  }
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') {
    return true;
  }

  return stream.isTTY === true;
}

export function appColor(index: number): ColorName {
  return APP_COLORS[index % APP_COLORS.length] ?? 'cyan';
}

/** Writes the script's own messages (not the apps' lines) to the terminal. */
export class Reporter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    readonly palette: Palette,
  ) {}

  write(text: string): void {
    this.out.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  step(label: string, text: string): void {
    this.write(`${this.palette.paint('bold', label.padEnd(9))} ${text}`);
  }

  info(text: string): void {
    this.write(`${this.palette.paint('gray', '›')} ${text}`);
  }

  warn(text: string): void {
    this.write(`${this.palette.paint('yellow', '!')} ${text}`);
  }

  error(text: string): void {
    this.write(this.palette.paint('red', `✖ ${text}`));
  }
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
