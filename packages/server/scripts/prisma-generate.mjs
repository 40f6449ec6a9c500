// Runs `prisma generate` offline. Prisma's CLI checks for its native schema engine before every command and tries
// to download it; generate itself needs no engine in Prisma 7, so any existing file satisfies the check.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
// The Pothos generator is a bin of this package's dependencies.
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  cwd: path.resolve(bin, '../..'),
  env: {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
