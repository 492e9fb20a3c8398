// Starts the real `scrutiny` server for the end-to-end tests, on a free port, with a fresh
// database of its own and the demo data, and stops it and drops the database afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export type Server = { url: string; databaseUrl: string; stop: () => Promise<void> };

const log = (message: string) => console.log(`[e2e] ${message}`);

/** The newest modification time of the server's sources (crates, migrations, Cargo files). */
function newestSource(repo: string): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry !== 'target' && entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const part of ['crates', 'migrations', 'Cargo.toml', 'Cargo.lock']) visit(join(repo, part));
  return newest;
}

/**
 * The server binary: `SCRUTINY_BIN`, else whichever of target/debug/scrutiny and
 * target/release/scrutiny is newer than the sources (the Rust tests have just built the debug one
 * in `scripts/test`), else a debug build made first.
 */
export function serverBinary(repo: string): string {
  const explicit = process.env.SCRUTINY_BIN;
  if (explicit) return explicit;
  const sources = newestSource(repo);
  // Cargo's target directory: CARGO_TARGET_DIR when set (relative to the repository), else target/.
  const target = process.env.CARGO_TARGET_DIR
    ? resolve(repo, process.env.CARGO_TARGET_DIR)
    : join(repo, 'target');
  for (const profile of ['debug', 'release']) {
    const candidate = join(target, profile, 'scrutiny');
    const built = statSync(candidate, { throwIfNoEntry: false });
    if (built && built.mtimeMs >= sources) return candidate;
  }
  const bin = join(target, 'debug', 'scrutiny');
  log('no server binary is newer than the sources: cargo build -p scrutiny-server ...');
  const result = spawnSync('cargo', ['build', '-p', 'scrutiny-server'], {
    cwd: repo,
    stdio: 'inherit',
    timeout: 30 * 60_000,
  });
  if (result.status !== 0 || !existsSync(bin)) throw new Error('could not build the server');
  return bin;
}

/** postgres://user@host:port of DATABASE_URL (or the local default), without a database name. */
function postgresServer(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scrutiny');
  url.pathname = '';
  url.search = '';
  return url.toString().replace(/\/$/, '');
}

function dropDatabase(server: string, name: string) {
  const result = spawnSync(
    'psql',
    [`${server}/postgres`, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (result.status === 0) log(`dropped database ${name}`);
  else log(`could not drop database ${name}: ${result.error?.message ?? result.stderr}`);
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; we close it again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`the server did not start within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output.slice(-4000)}`));
    });
  });
}

async function waitForReady(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s (${last})`);
}

export async function startServer(options: { repo: string; staticDir: string }): Promise<Server> {
  const bin = serverBinary(options.repo);
  const pg = postgresServer();
  const database = `scrutiny_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${pg}/${database}`;
  // A port known before the start, so that the server's public URL (the OIDC redirect URIs) can
  // name it.
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SCRUTINY_ENV: 'development',
    SCRUTINY_BIND: `127.0.0.1:${port}`,
    SCRUTINY_APP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    SCRUTINY_STATIC_DIR: options.staticDir,
    SCRUTINY_WORKERS: '2',
    // The test identity provider (e2e/oidc-provider.mjs) answers over plain http on 127.0.0.1.
    SCRUTINY_OIDC_ALLOW_HTTP: 'true',
    SCRUTINY_OIDC_ALLOW_PRIVATE: 'true',
    RUST_LOG: process.env.E2E_RUST_LOG ?? 'warn,scrutiny=info,scrutiny_server=info',
  };

  log(`starting ${bin} with database ${database}`);
  const child = spawn(bin, ['serve'], { cwd: options.repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', kill);
    dropDatabase(pg, database);
  };

  try {
    const url = await waitForListening(child, 120_000);
    await waitForReady(url, 60_000);
    log(`server ready at ${url}; loading the demo data`);
    const demo = spawnSync(bin, ['demo'], { cwd: options.repo, env, encoding: 'utf8', timeout: 120_000 });
    if (demo.status !== 0) {
      throw new Error(`scrutiny demo failed (${demo.status ?? demo.error?.message}):\n${demo.stderr}`);
    }
    // Keep reading the server's output so that its pipe never fills; show it with E2E_VERBOSE=1.
    const echo = (chunk: Buffer) => {
      if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
    };
    child.stdout?.on('data', echo);
    child.stderr?.on('data', echo);
    return { url, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
