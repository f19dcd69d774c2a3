// `npm start` / `npm run dev`: the whole Ecom platform on one machine. See tools/start/README.md.
import { join } from 'node:path';

import { parseStartOptions, USAGE } from './options';
import { createPalette, Reporter, shouldUseColor } from './output';
import { PlatformRunner } from './runner';
import { readLocalSettings } from './settings';
import { StartError } from './start-error';

/** Repository root: this file runs as dist/tools/start/main.js. */
const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const reporter = new Reporter(process.stdout, createPalette(shouldUseColor(process.stdout, process.env)));
  let runner: PlatformRunner | undefined;
  const fail = async (error: unknown): Promise<void> => {
    reporter.error(
      error instanceof StartError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    if (runner) {
      await runner.shutdown(1);
    }
    process.exit(1);
  };
  process.on('uncaughtException', (error) => void fail(error));
  process.on('unhandledRejection', (reason) => void fail(reason));

  try {
    const options = parseStartOptions(process.argv.slice(2), process.env);
    if (options.help) {
      reporter.write(USAGE);

      return;
    }
    runner = new PlatformRunner(options, readLocalSettings(process.env, ROOT), process.env, reporter);
    await runner.run();
  } catch (error) {
    await fail(error);
  }
}

void main();
