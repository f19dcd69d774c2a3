import { parseArgs } from 'node:util';

import { APP_NAMES, type AppName } from '@ecom/contracts';

import { StartError } from './start-error';

export interface StartOptions {
  watch: boolean;
  /** Show every app line, not only warnings, errors and `Ready`. */
  verbose: boolean;
  /** Apps not to start, e.g. one you run yourself under a debugger. */
  skip: AppName[];
  help: boolean;
}

export const USAGE = `Usage: npm start [-- options]    (npm run dev = npm start -- --watch)

Runs the whole Ecom platform on this machine: finds or starts Postgres and NATS, uses Redis if one
answers, then starts the gateway and the seven services and waits until all are ready.

Options:
  --watch            rebuild and restart the apps when apps/ or libs/ change
  --verbose          show every log line (also LOG_LEVEL=debug); by default only warnings,
                     errors and each app's Ready line. Every line is in .data/logs/<app>.log
  --skip <apps>      do not start these apps (comma-separated), e.g. --skip wallet
  --help             this text

Environment:
  DATABASE_URL, NATS_URL, REDIS_URL    use these instead of looking on 127.0.0.1
  ECOM_LOCAL_PG_PORT (5432), ECOM_LOCAL_NATS_PORT (4222), ECOM_LOCAL_REDIS_PORT (6379)
                     where to look on 127.0.0.1, and where to start Postgres or nats-server
`;

export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  let values: { watch?: boolean; verbose?: boolean; skip?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        watch: { type: 'boolean' },
        verbose: { type: 'boolean' },
        skip: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new StartError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }

  return {
    watch: values.watch === true,
    verbose: values.verbose === true || env['LOG_LEVEL'] === 'debug',
    skip: parseSkip(values.skip ?? []),
    help: values.help === true,
  };
}

function parseSkip(values: readonly string[]): AppName[] {
  const names = values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(APP_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new StartError(`Unknown app in --skip: ${unknown.join(', ')}. Apps: ${APP_NAMES.join(', ')}.`);
  }

  return APP_NAMES.filter((name) => names.includes(name));
}
