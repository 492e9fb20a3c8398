// A test OpenID Connect provider for the Rust integration tests and the browser tests.
//
//   node e2e/oidc-provider.mjs '{"clients": [...], "accounts": {...}}'
//   OIDC_TEST_CONFIG='{"clients": [...], "accounts": {...}}' node e2e/oidc-provider.mjs
//
// It listens on 127.0.0.1 on a free port over plain http, and prints exactly one line to stdout,
// `listening on http://127.0.0.1:PORT`, once it accepts connections; that URL is the issuer.
// Everything else (oidc-provider's notices and warnings, errors) goes to stderr.
//
// The configuration:
//   clients:  oidc-provider client metadata; each is confidential, response type `code`, grant
//             type `authorization_code`, `client_secret_basic` unless the entry sets
//             `token_endpoint_auth_method` (e.g. `client_secret_post`). PKCE (S256) is required.
//   accounts: account id (the `sub`, and the username typed on the sign-in page) → claims, e.g.
//             {"email": "...", "email_verified": true, "name": "...", "groups": ["..."]}.
//
// Signing in: the authorization endpoint redirects to /interaction/:uid, a plain sign-in page with
// a username field; posting it to /interaction/:uid/login signs the account in. Consent is never
// asked: every client is granted `openid email profile groups` for every account.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

// @ts-expect-error -- oidc-provider ships no type declarations; it is used untyped here.
import Provider from 'oidc-provider';

// oidc-provider prints its notices with console.info, which goes to stdout: keep stdout for the
// one "listening on" line.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const SCOPES = ['openid', 'email', 'profile', 'groups'];
const CLAIMS = {
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name'],
  groups: ['groups'],
};
const GRANTED_CLAIMS = ['email', 'email_verified', 'name', 'groups'];

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`oidc-provider.mjs: ${message}`);
  process.exit(2);
}

function readConfig() {
  const text = process.argv[2] ?? process.env.OIDC_TEST_CONFIG;
  if (!text) fail('pass the configuration as a JSON argument or in OIDC_TEST_CONFIG');
  let config;
  try {
    config = JSON.parse(text);
  } catch (error) {
    fail(`the configuration is not JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (!config || typeof config !== 'object') fail('the configuration must be a JSON object');
  const clients = config.clients ?? [];
  const accounts = config.accounts ?? {};
  if (!Array.isArray(clients)) fail('"clients" must be an array');
  if (!accounts || typeof accounts !== 'object' || Array.isArray(accounts)) {
    fail('"accounts" must be an object of account id → claims');
  }
  return { clients, accounts };
}

/** @param {unknown} value */
const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c;background:#fff;line-height:1.5}
main{max-width:30rem}label{display:block;font-weight:bold;margin-bottom:.25rem}
input{font:inherit;padding:.25rem;border:2px solid #0b0c0c;margin-bottom:1rem;width:100%;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}
.error{color:#d4351c;font-weight:bold}.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1rem}`;

/**
 * A whole HTML page: lang, title, a main landmark with the given content (which has the h1).
 * @param {string} title
 * @param {string} content
 */
function page(title, content) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Test identity provider</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

/**
 * @param {string} uid
 * @param {string} clientName
 * @param {{ username?: string, error?: string }} [form]
 */
function loginPage(uid, clientName, { username = '', error } = {}) {
  const errorHtml = error
    ? `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<p><a href="#username">${escapeHtml(error)}</a></p>
</div>
`
    : '';
  const fieldError = error ? `<p id="username-error" class="error">${escapeHtml(error)}</p>\n` : '';
  const inputAttributes = error ? ' aria-describedby="username-error" aria-invalid="true"' : '';
  return page(
    `${error ? 'Error: ' : ''}Sign in`,
    `${errorHtml}<h1>Sign in</h1>
<p>Sign in to continue to ${escapeHtml(clientName)}.</p>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="username">Username</label>
${fieldError}<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" value="${escapeHtml(username)}"${inputAttributes}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 */
function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (/** @type {string} */ chunk) => {
      body += chunk;
      if (body.length > limit) reject(new Error('request body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/**
 * The grant of every client for every account: all the OIDC scopes and claims, no consent.
 * @param {any} provider
 * @param {string} clientId
 * @param {string} accountId
 * @param {string | undefined} grantId
 */
async function grantFor(provider, clientId, accountId, grantId) {
  let grant = grantId ? await provider.Grant.find(grantId) : undefined;
  if (!grant || grant.accountId !== accountId || grant.clientId !== clientId) {
    grant = new provider.Grant({ clientId, accountId });
  }
  grant.addOIDCScope(SCOPES.join(' '));
  grant.addOIDCClaims(GRANTED_CLAIMS);
  await grant.save();
  return grant;
}

const { clients, accounts } = readConfig();

const server = createServer();
const sockets = new Set();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
await /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    server.off('error', reject);
    resolve();
  });
}));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const issuer = `http://127.0.0.1:${port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: clients.map((/** @type {Record<string, unknown>} */ client) => ({
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
    response_types: ['code'],
    grant_types: ['authorization_code'],
  })),
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  responseTypes: ['code'],
  scopes: SCOPES,
  claims: CLAIMS,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      /** @param {any} ctx @param {string} form */
      async logoutSource(ctx, form) {
        // The form is `<form id="op.logoutForm" method="post" action="/session/end/confirm">`
        // with a hidden `xsrf` input: put the buttons inside it.
        const buttons =
          '<button type="submit" name="logout" value="yes">Sign out</button>' +
          '<button type="submit">Stay signed in</button>';
        ctx.type = 'html';
        ctx.body = page(
          'Sign out',
          `<h1>Sign out</h1>
<p>Do you want to sign out of the test identity provider?</p>
${form.replace('</form>', `${buttons}</form>`)}`,
        );
      },
      /** @param {any} ctx */
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Signed out', '<h1>You have signed out</h1>\n<p>You can close this page.</p>');
      },
    },
  },
  interactions: {
    url: (/** @type {any} */ _ctx, /** @type {any} */ interaction) => `/interaction/${interaction.uid}`,
  },
  /** @param {any} _ctx @param {string} id */
  async findAccount(_ctx, id) {
    if (!Object.hasOwn(accounts, id)) return undefined;
    const claims = accounts[id] ?? {};
    return {
      accountId: id,
      async claims() {
        return { ...claims, sub: id };
      },
    };
  },
  /** @param {any} ctx */
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    if (!session.accountId) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    return grantFor(ctx.oidc.provider, client.clientId, session.accountId, grantId);
  },
  // (the error itself is printed by the event listeners below)
  /** @param {any} ctx @param {Record<string, unknown>} out */
  async renderError(ctx, out) {
    ctx.type = 'html';
    const details = Object.entries(out)
      .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
      .join('\n');
    ctx.body = page('Something went wrong', `<h1>Something went wrong</h1>\n<dl>\n${details}\n</dl>`);
  },
  clientBasedCORS: () => false,
  ttl: {
    AccessToken: 60 * 60,
    AuthorizationCode: 60,
    IdToken: 60 * 60,
    Interaction: 60 * 60,
    Session: 24 * 60 * 60,
    Grant: 24 * 60 * 60,
  },
});

for (const event of [
  'server_error',
  'authorization.error',
  'grant.error',
  'userinfo.error',
  'end_session.error',
  'discovery.error',
  'jwks.error',
  'pushed_authorization_request.error',
]) {
  provider.on(event, (/** @type {any} */ ctx, /** @type {any} */ error) => {
    const detail = error?.error_description ? ` (${error.error_description})` : '';
    console.error(`oidc-provider ${event}: ${ctx?.method} ${ctx?.path}: ${error?.message ?? error}${detail}`);
    if (event === 'server_error' && error?.stack) console.error(error.stack);
  });
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} uid
 * @param {string | undefined} action
 */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    send(res, 400, page('Something went wrong', '<h1>Something went wrong</h1>\n<p>This sign-in request has changed: start again.</p>'));
    return;
  }
  const client = await provider.Client.find(details.params.client_id);
  const clientName = client?.clientName ?? details.params.client_id;

  if (details.prompt.name === 'consent') {
    // Never ask: grant everything and carry on.
    const grant = await grantFor(provider, details.params.client_id, details.session.accountId, details.grantId);
    await provider.interactionFinished(req, res, { consent: { grantId: grant.jti } }, { mergeWithLastSubmission: true });
    return;
  }
  if (details.prompt.name !== 'login') {
    send(res, 400, page('Something went wrong', `<h1>Something went wrong</h1>\n<p>Unexpected prompt ${escapeHtml(details.prompt.name)}.</p>`));
    return;
  }

  if (action === undefined && req.method === 'GET') {
    send(res, 200, loginPage(uid, clientName));
    return;
  }
  if (action === 'login' && req.method === 'POST') {
    const username = (new URLSearchParams(await readBody(req)).get('username') ?? '').trim();
    if (!username) {
      send(res, 200, loginPage(uid, clientName, { error: 'Enter your username' }));
    } else if (!Object.hasOwn(accounts, username)) {
      send(res, 200, loginPage(uid, clientName, { username, error: 'There is no account with that username' }));
    } else {
      await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    }
    return;
  }
  res.statusCode = 405;
  res.end();
}

// oidc-provider checks the clients' metadata when it first loads them: load them all now, so that
// a bad configuration fails here rather than in the middle of a test.
for (const { client_id: clientId } of clients) {
  try {
    await provider.Client.find(String(clientId));
  } catch (error) {
    const e = /** @type {any} */ (error);
    fail(`client ${clientId}: ${e?.error_description ?? e?.message ?? e}`);
  }
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const { pathname } = new URL(req.url ?? '/', issuer);
  const m = /^\/interaction\/([^/]+)(?:\/(login))?\/?$/.exec(pathname);
  if (!m) {
    callback(req, res);
    return;
  }
  interaction(req, res, decodeURIComponent(m[1]), m[2]).catch((error) => {
    const detail = error?.name === 'SessionNotFound' ? `${error.name}: ${error.error_description}` : error?.stack;
    console.error(`oidc-provider.mjs: ${req.method} ${pathname}: ${detail ?? error}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    const message = error?.name === 'SessionNotFound'
      ? 'This sign-in request has expired or was not found: start again.'
      : 'The sign-in request could not be completed.';
    send(res, 400, page('Something went wrong', `<h1>Something went wrong</h1>\n<p>${escapeHtml(message)}</p>`));
  });
});

/** @param {string} signal */
function shutdown(signal) {
  console.error(`oidc-provider.mjs: ${signal}, stopping`);
  server.close(() => process.exit(0));
  for (const socket of sockets) socket.destroy();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));

process.stdout.write(`listening on ${issuer}\n`);
