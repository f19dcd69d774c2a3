import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceWatcher {
  /** 'native' uses fs.watch (inotify on Linux); 'polling' scans modification times every second. */
  readonly mode: 'native' | 'polling';
  close(): void;
}

/**
 * Source files whose change needs a rebuild: TypeScript the build compiles (tests and typings excluded).
 * `path` is relative to the watched directory.
 */
export function isSourceFile(path: string): boolean {
  const normalised = path.replaceAll('\\', '/');

  return (
    normalised.endsWith('.ts') &&
    !normalised.endsWith('.d.ts') &&
    !/\.(spec|int-spec|e2e-spec)\.ts$/.test(normalised) &&
    !/(^|\/)(test|node_modules)\//.test(normalised)
  );
}

/** Calls `run` once, `delayMs` after the last of a burst of triggers (an editor saving several files). */
export function debounce(run: () => void, delayMs: number): { trigger(): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;

  return {
    trigger: () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, delayMs);
    },
    cancel: () => {
      clearTimeout(timer);
    },
  };
}

/** Watches the directories recursively; falls back to polling where recursive fs.watch is unavailable. */
export function watchSources(dirs: readonly string[], onChange: (path: string) => void): SourceWatcher {
  const watchers: FSWatcher[] = [];
  try {
    for (const dir of dirs) {
      watchers.push(
        watch(dir, { recursive: true }, (_event, name) => {
          if (name !== null && isSourceFile(name)) {
            onChange(join(dir, name));
          }
        }),
      );
    }
  } catch {
    for (const watcher of watchers) {
      watcher.close();
    }

    return pollSources(dirs, onChange);
  }

  return {
    mode: 'native',
    close: () => {
      for (const watcher of watchers) {
        watcher.close();
      }
    },
  };
}

function pollSources(
  dirs: readonly string[],
  onChange: (path: string) => void,
  intervalMs = 1000,
): SourceWatcher {
  let known = scanMtimes(dirs);
  const timer = setInterval(() => {
    const current = scanMtimes(dirs);
    const changed =
      [...current].find(([path, mtime]) => known.get(path) !== mtime)?.[0] ??
      [...known.keys()].find((path) => !current.has(path));
    known = current;
    if (changed !== undefined) {
      onChange(changed);
    }
  }, intervalMs);

  return {
    mode: 'polling',
    close: () => {
      clearInterval(timer);
    },
  };
}

/** Modification time of every source file under the directories. */
export function scanMtimes(dirs: readonly string[]): Map<string, number> {
  const mtimes = new Map<string, number>();
  const visit = (root: string, dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') {
        visit(root, path);
      } else if (entry.isFile() && isSourceFile(relative(root, path))) {
        try {
          mtimes.set(path, statSync(path).mtimeMs);
        } catch {
          // Deleted between the listing and the stat; the next scan sees it gone.
        }
      }
    }
  };
  for (const dir of dirs) {
    visit(dir, dir);
  }

  return mtimes;
}
