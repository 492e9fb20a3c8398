import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage, snap } from './browser';

const baseURL = inject('baseURL');
const PASSWORD = 'demo-password-2026';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('a council officer', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('is asked to sign in, with a message that does not say which field was wrong', async () => {
    const response = await page.goto('/');
    // The page comes with its security headers; the app runs under them (any refusal would be an
    // error of the page, checked when the journey ends).
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkPage(page, '01-sign-in');

    await signIn(page, 'officer@stockton.example', 'not-the-password');
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Enter a correct email address and password' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Sign in/);
    await checkPage(page, '02-sign-in-error');
  });

  it('signs in and sees the seed review on the home page', async () => {
    await signIn(page, 'officer@stockton.example');
    await page.getByRole('heading', { level: 1, name: /Scrutiny reviews/ }).waitFor();
    await page.getByRole('link', { name: SEED_REVIEW }).waitFor();
    await checkPage(page, '03-officer-home');
  });

  it('opens the review: recommendations, decision and action plan', async () => {
    await page.getByRole('link', { name: SEED_REVIEW }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(SEED_REVIEW) }).waitFor();

    const parts = page.getByRole('list', { name: 'Parts of recommendation 2' }).getByRole('listitem');
    await expect.poll(() => parts.count()).toBe(6);
    const labels = await parts.evaluateAll((items) => items.map((li) => li.textContent?.trim().slice(0, 2)));
    expect(labels).toEqual(['a)', 'b)', 'c)', 'd)', 'e)', 'f)']);

    await expect.poll(() => page.getByTestId('call-in-deadline').first().textContent()).toBe('28 January 2022, 23:59');
    await page.getByText('Midnight - Friday 28th January 2022').first().waitFor();
    await page.getByText('Implementable', { exact: true }).first().waitFor();

    const row = page.getByRole('table', { name: 'Actions' }).getByRole('row').filter({
      hasText: 'May 2022 (Development of protocol)',
    });
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    await checkPage(page, '04-review');
  });

  it('reads the review at 320 pixels wide without scrolling sideways', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(SEED_REVIEW) }).waitFor();
    await page.getByText('May 2022 (Development of protocol)').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, '05-review-320px-top');
    await page.getByRole('heading', { name: 'Action plan', exact: true }).scrollIntoViewIfNeeded();
    await page.getByRole('table', { name: 'Actions' }).scrollIntoViewIfNeeded();
    await snap(page, '05-review-320px-action-plan');
    await checkPage(page, '05-review-320px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('filters the list of reviews, with the filters in the address', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    await page.getByRole('link', { name: SEED_REVIEW }).waitFor();
    await checkPage(page, '06-reviews');

    await page.getByLabel('Committee').selectOption({ label: 'Crime and Disorder Select Committee' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('committee')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: SEED_REVIEW }).waitFor();

    await page.getByLabel('Status').selectOption('withdrawn');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No reviews match these filters.').waitFor();
    await checkPage(page, '07-reviews-filtered-empty');
  });

  it('keeps working when the access token is refused, by refreshing it once', async () => {
    const before = await page.evaluate(() => JSON.parse(localStorage.getItem('scrutiny.session') ?? '{}'));
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('scrutiny.session')!);
      localStorage.setItem('scrutiny.session', JSON.stringify({ ...session, accessToken: 'not-a-valid-token' }));
    });
    await page.goto('/');
    await page.getByRole('link', { name: SEED_REVIEW }).waitFor();
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem('scrutiny.session') ?? '{}'));
    expect(after.refreshToken).toBeTruthy();
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('sees a page-not-found page for a review that does not exist', async () => {
    await page.goto('/reviews/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await checkPage(page, '08-not-found');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('scrutiny.session'))).toBeNull();
    await checkPage(page, '09-signed-out');
    await page.goto('/reviews');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  });
});

describe('a police contributor', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('signs in and sees the review their organisation is involved in', async () => {
    await page.goto('/sign-in');
    await signIn(page, 'contributor@cleveland-police.example');
    await page.getByRole('heading', { level: 1, name: /Your progress updates/ }).waitFor();
    await page
      .getByRole('table', { name: 'Reviews Cleveland Police is involved in' })
      .getByRole('link', { name: SEED_REVIEW })
      .waitFor();
    await checkPage(page, '10-contributor-home');
  });

  it('opens the review and its action plan', async () => {
    await page
      .getByRole('table', { name: 'Reviews Cleveland Police is involved in' })
      .getByRole('link', { name: SEED_REVIEW })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(SEED_REVIEW) }).waitFor();
    await page.getByText('May 2022 (Development of protocol)').first().waitFor();
    await checkPage(page, '11-contributor-review');
  });
});
