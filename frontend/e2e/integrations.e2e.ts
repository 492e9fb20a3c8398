// Integrations, in the browser against the real server: an administrator adds a webhook (its
// signing secret shown once), pauses it and removes it; an officer makes a calendar feed, reads
// the address shown from outside the app (an iCalendar file), revokes it and the address stops
// answering; a signed-out resident reads the published reviews and the demo review's page, with a
// recommendation and the grade the committee accepted, and the open data CSV. Every page visited
// gets a screenshot, an axe run with zero violations and a check of its structure.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage } from './browser';
import { check, menu, signIn } from './session';

const baseURL = inject('baseURL');
const ADMIN = 'admin@stockton.example';
const OFFICER = 'officer@stockton.example';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';
const HOOK_URL = 'https://hooks.example.com/x';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('an administrator keeps a webhook', () => {
  let page: Page;
  let errors: string[];
  let secret: string;

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('adds one, and sees its signing secret once', async () => {
    await signIn(page, ADMIN);
    await menu(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await check(page, 'i01-webhooks');
    await page.getByRole('button', { name: 'Add a webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a webhook' }).waitFor();
    await page.getByLabel('Address').fill(HOOK_URL);
    await page.getByLabel('Description (optional)').fill('Integration test receiver');
    await check(page, 'i02-add-webhook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook added' }).waitFor();
    secret = (await page.locator('#signing-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await page.getByText('It will not be shown again.').waitFor();
    await check(page, 'i03-webhook-secret');
  });

  it('is never shown the secret again, and pauses it', async () => {
    await page.getByRole('link', { name: 'Go to the webhook' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(HOOK_URL) }).waitFor();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(secret);
    await check(page, 'i04-webhook');
    await page.getByRole('button', { name: 'Pause the webhook' }).click();
    await page.getByText('The webhook is paused').waitFor();
    await page.getByRole('button', { name: 'Start the webhook again' }).waitFor();
    await check(page, 'i05-webhook-paused');
    // The list says so too.
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    const row = page.getByRole('table', { name: 'Webhooks' }).getByRole('row').filter({ hasText: HOOK_URL });
    await row.getByText('Paused', { exact: true }).waitFor();
    await row.getByRole('link', { name: HOOK_URL }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(HOOK_URL) }).waitFor();
  });

  it('removes it, after confirming', async () => {
    await page.getByRole('link', { name: 'Remove this webhook' }).click();
    await page.getByRole('heading', { level: 1, name: `Remove the webhook to ${HOOK_URL}?` }).waitFor();
    await check(page, 'i06-remove-webhook');
    await page.getByRole('button', { name: 'Remove webhook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/webhooks');
    await page.getByRole('button', { name: 'Add a webhook' }).waitFor();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').not.toContain(HOOK_URL);
  });
});

describe('an officer subscribes a calendar to their dates', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('makes a feed, whose address a calendar reads without signing in, and revokes it', async () => {
    await signIn(page, OFFICER);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('link', { name: 'Your scrutiny dates in your calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar feeds' }).waitFor();
    await check(page, 'i07-calendar-feeds');
    const name = `Integration dates ${Date.now()}`;
    await page.getByLabel('Name in your calendar (optional)').fill(name);
    await page.getByRole('button', { name: 'Make a calendar feed' }).click();
    const address = ((await page.locator('#feed-address').textContent()) ?? '').trim();
    // A full address, on this server.
    expect(address.startsWith(`${baseURL}/api/v1/calendar-feeds/cal_`)).toBe(true);
    expect(address).toMatch(/\.ics$/);
    await check(page, 'i08-calendar-feed-address');

    // What a calendar client does: a plain GET, with no session (a new, empty request context).
    const outside = await browser.newContext();
    try {
      const feed = await outside.request.get(address);
      expect(feed.status()).toBe(200);
      expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
      const text = await feed.text();
      expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
      expect(text).toContain('END:VCALENDAR');

      const table = page.getByRole('table', { name: 'Your calendar feeds' });
      await table.getByRole('row').filter({ hasText: name }).waitFor();
      await check(page, 'i09-calendar-feed-listed');
      await table.getByRole('button', { name: `Revoke ${name}` }).click();
      // A revoke button may ask first; confirm when it does.
      const confirm = page.getByRole('button', { name: /^Yes, revoke/ });
      if (await confirm.isVisible().catch(() => false)) await confirm.click();
      await table.getByRole('row').filter({ hasText: name }).getByText('Revoked', { exact: true }).waitFor();
      await check(page, 'i10-calendar-feed-revoked');
      const gone = await outside.request.get(address);
      expect(gone.status()).toBe(404);
    } finally {
      await outside.close();
    }
  });
});

describe('a resident, signed out, reads the published reviews', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('finds them from the sign-in page, with the councils', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'read the scrutiny reviews councils have published' }).click();
    await page.getByRole('heading', { level: 1, name: 'Published scrutiny reviews' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/public');
    const councils = page.getByRole('table', { name: 'Councils' });
    await councils.getByRole('row').filter({ hasText: 'Stockton-on-Tees Borough Council' }).waitFor();
    await page.getByRole('table', { name: 'Published reviews' }).getByRole('link', { name: SEED_REVIEW }).waitFor();
    // Nobody is signed in, and the page did not send them to sign in.
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await check(page, 'i11-public-reviews', false);

    await councils.getByRole('link', { name: /Stockton-on-Tees Borough Council/ }).click();
    await page.getByRole('table', { name: 'Reviews published by Stockton-on-Tees Borough Council' }).waitFor();
    await check(page, 'i12-public-council-reviews', false);
  });

  it("reads the demo review: a recommendation, its accepted grade, Cabinet's decision and the plan", async () => {
    await page.getByRole('link', { name: SEED_REVIEW }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(SEED_REVIEW) }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/public\/reviews\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 3, name: /^Recommendation 1/ }).waitFor();
    // The demo's November 2022 round was accepted by the committee: its grades are published.
    await page.getByText(/^\d+ \((Fully Achieved|On-Track|Slipped|Not Achieved)\)$/).first().waitFor();
    await page.getByText(/in the November 2022 progress update/).first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'What Cabinet decided' }).waitFor();
    const plan = page.getByRole('table', { name: 'Actions agreed in the plan' });
    await plan.getByText('Cleveland Police').first().waitFor();
    // Nothing that is not published: no contact details, no officers' grades.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/@[a-z-]+\.example/);
    await check(page, 'i13-public-review', false);
  });

  it('gets the recommendations as CSV from the address the page gives', async () => {
    const link = page.getByRole('link', { name: /\/api\/v1\/open\/recommendations\.csv\?council_id=/ });
    const address = await link.getAttribute('href');
    expect(address).toBeTruthy();
    const csv = await page.request.get(address!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const body = await csv.text();
    expect(body).toContain(SEED_REVIEW);
    expect(body).toContain('Latest accepted grade');
  });

  it('is told plainly when a review is not published', async () => {
    await page.goto('/public/reviews/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Review not found' }).waitFor();
    await check(page, 'i14-public-review-not-found', false);
  });
});
