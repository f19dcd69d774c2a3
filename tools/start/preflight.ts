import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { AppSpec } from './processes';
import { StartError } from './start-error';
import { isPortFree } from './tcp';

/** Fails with one message listing every app whose build output is missing or whose port is taken. */
export async function checkApps(specs: readonly AppSpec[], root: string, host: string): Promise<void> {
  const problems: string[] = [];
  for (const spec of specs) {
    if (!existsSync(spec.script)) {
      const source = relative(root, spec.script)
        .replace(/^dist\//, '')
        .replace(/\.js$/, '.ts');
      problems.push(
        `${relative(root, spec.script)} is missing: ${existsSync(join(root, source)) ? 'run `npm run build`' : `${source} does not exist yet`} ` +
          `(or leave it out with --skip ${spec.name}).`,
      );
    }
  }
  const busy = await Promise.all(
    specs.map(async (spec) => ((await isPortFree(spec.port, host)) ? [] : [spec])),
  );
  for (const spec of busy.flat()) {
    problems.push(
      `Port ${spec.port} (${spec.name}) is in use. Is another \`npm start\` still running? ` +
        `See who holds it with \`ss -ltnp 'sport = :${spec.port}'\`.`,
    );
  }
  if (problems.length > 0) {
    throw new StartError(`Cannot start the apps:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export interface BuildResult {
  ok: boolean;
  output: string;
  elapsedMs: number;
}

/** Runs `node tools/build.mjs` (used by watch mode; `npm start` builds before this script runs). */
export function runBuild(root: string): Promise<BuildResult> {
  const started = Date.now();

  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'tools', 'build.mjs')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', (error) => {
      resolve({ ok: false, output: error.message, elapsedMs: Date.now() - started });
    });
    child.once('close', (code) => {
      resolve({
        ok: code === 0,
        output: Buffer.concat(chunks).toString('utf8').trim(),
        elapsedMs: Date.now() - started,
      });
    });
  });
}
