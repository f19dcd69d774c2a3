// Compiles apps/, libs/ and tools/ to dist/ with swc: type-only transpilation (tsc checks types in
// `npm run typecheck`), decorator metadata for Nest, and @ecom/* aliases rewritten to relative paths so
// the output runs on plain node.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'tools'];
const isTest = (file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file) || /\/test\//.test(file);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTest(path)) yield path;
  }
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: {
      '@ecom/contracts': ['libs/contracts/src/index.ts'],
      '@ecom/platform': ['libs/platform/src/index.ts'],
      '@ecom/testing': ['libs/testing/src/index.ts'],
    },
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

await rm(outDir, { recursive: true, force: true });
const started = Date.now();
let count = 0;
for (const dir of sourceDirs) {
  for await (const file of walk(join(root, dir))) {
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...swcOptions, filename: file });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count += 1;
  }
}
process.stdout.write(`built ${count} files into dist/ in ${Date.now() - started} ms\n`);
