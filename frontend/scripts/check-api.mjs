// Fails when the committed API types (src/api/schema.d.ts) are not what openapi-typescript makes
// from the committed OpenAPI document (../openapi/openapi.json). Fix with `npm run generate`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = join(root, 'src/api/schema.d.ts');
const specPath = join(root, '../openapi/openapi.json');
const dir = mkdtempSync(join(tmpdir(), 'scrutiny-api-'));
const freshPath = join(dir, 'schema.d.ts');

try {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/openapi-typescript/bin/cli.js'), specPath, '--output', freshPath],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 },
  );
  const fresh = readFileSync(freshPath, 'utf8');
  let committed;
  try {
    committed = readFileSync(committedPath, 'utf8');
  } catch {
    committed = null;
  }
  if (committed !== fresh) {
    const a = (committed ?? '').split('\n');
    const b = fresh.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    console.error(
      committed === null
        ? 'src/api/schema.d.ts is missing.'
        : `src/api/schema.d.ts is stale: it differs from ../openapi/openapi.json from line ${(line === -1 ? a.length : line) + 1}.`,
    );
    console.error('Run `npm run generate` in frontend/ and commit the result.');
    process.exit(1);
  }
  console.log('src/api/schema.d.ts matches ../openapi/openapi.json.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
