// Signing in with a council's identity provider, in the browser against the real server and the
// test OpenID Connect provider (e2e/oidc-provider.mjs): the demo administrator registers the
// provider on the admin screens, with a rule that makes the provider's scrutiny-officers group
// officers and new accounts for the council's email domain; then someone the council does not
// know yet clicks "Sign in with …", signs in at the provider as jdoe, and lands on the officer's
// home page with a new officer account; signing out ends the provider's session too and comes back
// to the sign-in page; last, the administrator removes the provider. Every new screen gets a screenshot, an axe run with zero violations and a
// check of its structure.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage } from './browser';
import { check, menu, signIn } from './session';
import { startOidcProvider, type OidcProvider } from './oidc';

const baseURL = inject('baseURL');
const ADMIN = 'admin@stockton.example';
const COUNCIL = 'Stockton-on-Tees Borough Council';
const PROVIDER_NAME = 'Stockton staff (test provider)';
const CLIENT_ID = 'scrutiny-e2e';
const CLIENT_SECRET = 'e2e-secret';
/** Someone the council does not know yet, in its email domain (the demo's people are @stockton.example). */
const PERSON = { username: 'jdoe', name: 'Jo Doe', email: 'jo.doe@stockton.example' };

let browser: Browser;
let provider: OidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${baseURL}/api/v1/auth/oidc/callback`],
        post_logout_redirect_uris: [`${baseURL}/sign-in`],
      },
    ],
    accounts: {
      [PERSON.username]: { email: PERSON.email, email_verified: true, name: PERSON.name, groups: ['scrutiny-officers'] },
    },
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
});

/** The signed-in session the app keeps, as the browser holds it. */
function session(page: Page) {
  return page.evaluate(() => {
    const raw = localStorage.getItem('scrutiny.session');
    return raw ? (JSON.parse(raw) as { accessToken: string; logoutUrl: string | null }) : null;
  });
}

describe("signing in with the council's identity provider", () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('is set up by the council administrator on the admin screens', async () => {
    await signIn(page, ADMIN);
    await menu(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Identity providers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Identity providers' }).waitFor();
    await page.getByText('There are no identity providers yet.').waitFor();
    await check(page, 's01-identity-providers-empty');

    await page.getByRole('button', { name: 'Add an identity provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an identity provider' }).waitFor();
    // The addresses to register at the provider: this server's.
    await page.getByText(`${baseURL}/api/v1/auth/oidc/callback`, { exact: true }).waitFor();
    await page.getByText(`${baseURL}/sign-in`, { exact: true }).waitFor();
    await check(page, 's02-add-identity-provider');

    // What is missing is said, next to each field.
    await page.getByRole('button', { name: 'Add identity provider' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: "Issuer: enter the provider's issuer address" }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Add an identity provider/);
    await check(page, 's03-add-identity-provider-errors');

    await page.getByLabel('Name on the sign-in button').fill(PROVIDER_NAME);
    await page.getByLabel('Issuer').fill(provider.issuer);
    await page.getByLabel('Client ID', { exact: true }).fill(CLIENT_ID);
    await page.getByLabel('Client secret (optional)').fill(CLIENT_SECRET);
    await page.getByLabel('Scopes').fill('openid email profile groups');
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Claim').fill('groups');
    await rule.getByLabel('Value').fill('scrutiny-officers');
    await rule.getByLabel('Role').selectOption('officer');
    await page.getByLabel('Create accounts for people the council does not know yet').check();
    await page.getByLabel('Email domains for new accounts (optional)').fill('stockton.example');
    await expect.poll(() => page.getByLabel('Turned on: offer it on the sign-in page').isChecked()).toBe(true);
    await check(page, 's04-add-identity-provider-filled');
    await page.getByRole('button', { name: 'Add identity provider' }).click();

    await page.getByRole('heading', { level: 1, name: new RegExp(PROVIDER_NAME.replace(/[()]/g, '\\$&')) }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/identity-providers\/[0-9a-f-]{36}$/);
    await page.getByText('groups = scrutiny-officers: Scrutiny officer').waitFor();
    await page.getByText('Kept (a confidential client)').waitFor();
    // The secret is never shown again.
    expect(await page.locator('body').textContent()).not.toContain(CLIENT_SECRET);
    await check(page, 's05-identity-provider');

    await page.getByRole('link', { name: 'Identity providers', exact: true }).click();
    const row = page.getByRole('table', { name: 'Identity providers' }).getByRole('row').filter({ hasText: PROVIDER_NAME });
    await row.getByText(provider.issuer).waitFor();
    await row.getByText('On', { exact: true }).waitFor();
    await check(page, 's06-identity-providers');
  });

  it('is offered on the sign-in page, and signs in someone new as an officer', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const button = page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` });
    // Signing in again goes back to the page signed out from.
    await expect
      .poll(() => button.getAttribute('href'))
      .toMatch(/^\/api\/v1\/auth\/oidc\/[0-9a-f-]{36}\/start\?return_to=%2Fadmin%2Fidentity-providers$/);

    // Someone else, on the sign-in page.
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 2, name: "Sign in with your council's account" }).waitFor();
    await page.getByText(COUNCIL, { exact: true }).waitFor();
    expect(await button.getAttribute('href')).toMatch(/^\/api\/v1\/auth\/oidc\/[0-9a-f-]{36}\/start\?return_to=%2F$/);
    await check(page, 's07-sign-in-with-options', false);

    await button.click();
    // The provider's own sign-in page.
    await expect.poll(() => new URL(page.url()).origin).toBe(provider.issuer);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill(PERSON.username);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back in the app, signed in, on the officer's home page.
    await expect.poll(() => page.url()).toBe(`${baseURL}/`);
    await page.getByRole('heading', { level: 1, name: /Scrutiny reviews/ }).waitFor();
    await page.getByRole('heading', { level: 1, name: new RegExp(COUNCIL) }).waitFor();
    await page.getByRole('banner').getByText(PERSON.name).waitFor();
    await page.getByText(`Signed in as ${PERSON.name} (Scrutiny officer).`).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Submissions to assess' }).waitFor();
    // No code is left in the address or the history.
    expect(new URL(page.url()).hash).toBe('');

    const kept = await session(page);
    expect(kept?.logoutUrl).toMatch(new RegExp(`^${provider.issuer}/`));
    const me = await page.evaluate(async (token) => {
      const response = await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }, kept!.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      name: PERSON.name,
      email: PERSON.email,
      role: 'officer',
      organisation: { name: COUNCIL, kind: 'council' },
    });
    await check(page, 's08-officer-home-after-sso');
  });

  it("signs out of the provider too, and comes back to the sign-in page", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The provider asks to confirm its sign-out.
    await expect.poll(() => new URL(page.url()).origin).toBe(provider.issuer);
    await page.getByRole('heading', { level: 1, name: 'Sign out' }).waitFor();
    expect(await session(page)).toBeNull();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    // Back at the app's sign-in page.
    await expect.poll(() => new URL(page.url()).origin).toBe(baseURL);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).waitFor();
    expect(await session(page)).toBeNull();

    // The provider's session is over: signing in asks for the username again.
    await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await expect.poll(() => new URL(page.url()).origin).toBe(provider.issuer);
    await page.getByLabel('Username').waitFor();
  });

  it('says plainly when a sign-in comes back refused', async () => {
    await page.goto(`/signin/sso#${new URLSearchParams({ error: `${PROVIDER_NAME} did not sign you in: access_denied` })}`);
    await page.getByRole('heading', { level: 1, name: 'You are not signed in' }).waitFor();
    await page.getByRole('alert').getByText(`${PROVIDER_NAME} did not sign you in: access_denied`).waitFor();
    // The fragment is taken out of the address.
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    await check(page, 's09-sso-refused', false);
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  it('says so when the one-time code no longer works', async () => {
    await page.goto('/signin/sso#code=not-a-real-code&next=%2Freviews');
    await page.getByRole('heading', { level: 1, name: 'You are not signed in' }).waitFor();
    await page.getByRole('alert').getByText(/it took too long, or it was already used/).waitFor();
    expect(await session(page)).toBeNull();
    await check(page, 's10-sso-code-refused', false);
  });

  // Last, so that the other files' sign-in pages (one server for the run) have no provider button.
  it('is removed by the administrator, after confirming, and its button goes', async () => {
    await signIn(page, ADMIN);
    await menu(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Identity providers', exact: true }).click();
    await page.getByRole('table', { name: 'Identity providers' }).getByRole('link', { name: PROVIDER_NAME }).click();
    await page.getByRole('link', { name: 'Remove this identity provider' }).click();
    await page.getByRole('heading', { level: 1, name: `Remove the identity provider ${PROVIDER_NAME}?` }).waitFor();
    await check(page, 's11-remove-identity-provider');
    await page.getByRole('button', { name: 'Remove identity provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Identity providers' }).waitFor();
    await page.getByText('There are no identity providers yet.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Sign in with/ }).count()).toBe(0);
  });
});
