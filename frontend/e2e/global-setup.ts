import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const frontend = fileURLToPath(new URL('..', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
/** The whole run, after the server is built: past it, everything is stopped and the run fails. */
const LIMIT_MS = Number(process.env.E2E_TIME_LIMIT_SECS ?? 900) * 1000;

export default async function setup(project: TestProject) {
  const staticDir = `${frontend}dist`;
  if (!existsSync(`${staticDir}/index.html`)) {
    throw new Error('frontend/dist is missing: run `npm run build` first (npm run e2e does)');
  }
  mkdirSync(`${frontend}test-artifacts`, { recursive: true });

  const server = await startServer({ repo, staticDir });
  const watchdog = setTimeout(() => {
    console.error(`[e2e] still running after ${LIMIT_MS / 1000} s: stopping`);
    void server.stop().finally(() => process.exit(1));
  }, LIMIT_MS);
  watchdog.unref();

  project.provide('baseURL', server.url);
  return async () => {
    clearTimeout(watchdog);
    await server.stop();
  };
}
