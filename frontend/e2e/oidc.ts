// Starts the test OpenID Connect provider (e2e/oidc-provider.mjs) on a free loopback port, and
// stops it afterwards. See that file for what it does and how signing in works.
import { spawn } from 'node:child_process';
import { fileURLToPath, URL } from 'node:url';

export type OidcClient = {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  /** client_secret_basic unless set. */
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post';
};

/** The claims of an account; its key in `accounts` is its `sub` and the username to sign in with. */
export type OidcAccount = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  [claim: string]: unknown;
};

export type OidcConfig = { clients: OidcClient[]; accounts: Record<string, OidcAccount> };

export type OidcProvider = { issuer: string; stop: () => Promise<void> };

const frontend = fileURLToPath(new URL('..', import.meta.url));
const log = (message: string) => console.log(`[e2e] ${message}`);

export async function startOidcProvider(config: OidcConfig, timeoutMs = 30_000): Promise<OidcProvider> {
  const child = spawn(process.execPath, ['e2e/oidc-provider.mjs', JSON.stringify(config)], {
    cwd: frontend,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);

  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 5_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', kill);
  };

  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // Keep reading so that the pipes never fill; show the output with E2E_VERBOSE=1.
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  try {
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the OIDC provider did not start within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`));
      }, timeoutMs);
      const onChunk = () => {
        const m = /^listening on (http:\/\/\S+)$/m.exec(output);
        if (m) {
          cleanup();
          resolve(m[1]!);
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        reject(new Error(`the OIDC provider exited (${code ?? signal}) before listening:\n${output.slice(-4000)}`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new Error(`could not start the OIDC provider: ${error.message}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout.off('data', onChunk);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      child.stdout.on('data', onChunk);
      child.once('exit', onExit);
      child.once('error', onError);
    });
    log(`OIDC provider ready at ${issuer}`);
    return { issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
