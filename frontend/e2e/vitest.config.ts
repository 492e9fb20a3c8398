// End-to-end tests: the real server with its own database, driven in Debian's Chromium.
// `npm run e2e` builds the app first; the global setup builds the server when needed.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // One failed step leaves the rest of a journey meaningless: report it and stop the file.
    bail: 1,
  },
});
