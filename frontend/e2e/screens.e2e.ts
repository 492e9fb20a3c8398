// The screens beyond the progress journey, each checked with axe: an administrator adds a partner
// contributor who then signs in, and a service account whose one-time secret gets a token; an
// officer browses the recommendations with filters in the address, imports an action plan with the
// import wizard, and attaches a file to an update and downloads it back.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage } from './browser';

const baseURL = inject('baseURL');
const PASSWORD = 'demo-password-2026';
const SEED_PLAN = fileURLToPath(new URL('../../crates/server/tests/fixtures/seeds/action-plan-police-communications.txt', import.meta.url));
const suffix = randomBytes(3).toString('hex');

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

/** The API as the demo officer, for a review the import works on. */
async function officerApi() {
  const tokens = await fetch(`${baseURL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', email: 'officer@stockton.example', password: PASSWORD }),
  });
  const { access_token } = (await tokens.json()) as { access_token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

describe('an administrator', () => {
  let page: Page;
  let errors: string[];
  const email = `new.contributor.${suffix}@cleveland-police.example`;
  const password = `a long passphrase ${suffix}`;

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('adds a partner contributor, who can then sign in', async () => {
    await signIn(page, 'admin@stockton.example');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Admin/ }).waitFor();
    await checkPage(page, '40-admin');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Full name').fill(`Pat Partner ${suffix}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Partner contributor').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    // A contributor belongs to a partner organisation: the form says so, linked to the field.
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Organisation/ }).waitFor();
    await checkPage(page, '41-add-user-errors');
    await page.getByLabel('Organisation').selectOption({ label: 'Cleveland Police' });
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText(email).first().waitFor();
    await checkPage(page, '42-user');

    const other = await newPage(browser, baseURL);
    await signIn(other.page, email, password);
    await other.page.getByRole('table', { name: 'Progress updates Cleveland Police owes' }).waitFor();
    await other.page.context().close();
    expect(other.errors).toEqual([]);
  });

  it("adds a service account whose secret is shown once and gets a token", async () => {
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Service accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Add a service account' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`Cleveland Police case system ${suffix}`);
    await page.getByLabel('Partner contributor').check();
    await page.getByLabel('Organisation').selectOption({ label: 'Cleveland Police' });
    await page.getByRole('button', { name: 'Add service account' }).click();
    const secret = await page.locator('#client-secret').textContent();
    const clientId = await page
      .getByRole('region', { name: 'Client secret' })
      .locator('code')
      .first()
      .textContent();
    expect(secret?.length).toBeGreaterThan(20);
    await checkPage(page, '43-service-account-secret');
    const token = await fetch(`${baseURL}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    expect(token.status).toBe(200);
  });

  it("shows the council's settings and grading scale", async () => {
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Council settings' }).first().click();
    await page.getByText('Fully Achieved').first().waitFor();
    await checkPage(page, '44-council-settings');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Audit trail' }).first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('table').first().waitFor();
    await checkPage(page, '45-audit-trail');
  });
});

describe('a council officer', () => {
  let page: Page;
  let errors: string[];
  let reviewId: string;

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
    const call = await officerApi();
    const committees = await call<{ items: { id: string; name: string }[] }>('GET', '/committees?limit=200');
    const committee = committees.items.find((c) => c.name === 'Crime and Disorder Select Committee')!;
    const review = await call<{ id: string }>('POST', '/reviews', {
      committee_id: committee.id,
      title: `Police communications, imported ${suffix}`,
      review_type: 'task_and_finish',
    });
    reviewId = review.id;
    for (const number of ['1', '2', '3', '4']) {
      await call('POST', `/reviews/${reviewId}/recommendations`, { number, text: `Recommendation ${number} as agreed.` });
    }
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('lists the recommendations, filters in the address, and opens one with its history', async () => {
    await signIn(page, 'officer@stockton.example');
    await page.getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByLabel('Search').fill('communications');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q') ?? new URL(page.url()).search).toContain('communications');
    await page.getByRole('table').first().waitFor();
    await checkPage(page, '46-recommendations');
    await page.getByRole('table').first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Recommendation/ }).waitFor();
    await page.getByRole('heading', { name: /History|Changes/ }).first().waitFor();
    await checkPage(page, '47-recommendation');
  });

  it('imports an action plan with the wizard: checks the file, reports, then imports', async () => {
    await page.goto(`/reviews/${reviewId}`);
    await page.getByRole('link', { name: 'Import an action plan from a file' }).click();
    await page.getByLabel('Upload a file').setInputFiles(SEED_PLAN);
    await checkPage(page, '48-import-choose');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('table', { name: /Recommendations in the file/ }).waitFor();
    await checkPage(page, '49-import-report');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Import the action plan' }).click();
    await page.getByRole('heading', { name: 'Action plan imported' }).waitFor();
    await checkPage(page, '50-import-done');
    await page.getByRole('link', { name: 'Go back to the review' }).click();
    const actions = page.getByRole('table', { name: 'Actions' }).first();
    await actions.waitFor();
    expect(await actions.textContent()).toContain('Cleveland Police');
  });

  it('attaches a file to an update and downloads it back', async () => {
    // The demo's open May 2023 update, which the officer may write for the police (rule 3).
    await page.goto('/');
    await page.getByRole('table', { name: 'Rounds past their deadline with updates owed' }).getByRole('link', { name: 'May 2023' }).click();
    await page.getByRole('table', { name: 'Updates' }).getByRole('link', { name: 'Recommendation 2' }).click();
    const file = join(tmpdir(), `ward-briefing-${suffix}.csv`);
    writeFileSync(file, 'ward,briefings\nStockton Town Centre,4\nNorton,3\n');
    await page.getByLabel('Upload a file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload file' }).click();
    const list = page.getByRole('table', { name: 'Files attached to this update' });
    await list.getByText(`ward-briefing-${suffix}.csv`).first().waitFor();
    await checkPage(page, '51-attachment');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: `Download ward-briefing-${suffix}.csv` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ward-briefing-${suffix}.csv`);
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Stockton Town Centre,4');
  });
});

describe('an integrator', () => {
  it('reads the API documentation, which runs with no script but its own files', async () => {
    const { context, page, errors } = await newPage(browser, baseURL);
    const response = await page.goto('/api/docs/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Swagger UI renders the committed document: its operations appear, and nothing was refused.
    await page.getByText('/api/v1/reviews', { exact: true }).first().waitFor();
    await page.getByText('/api/v1/progress-entries/{id}', { exact: true }).first().waitFor();
    await context.close();
    expect(errors, 'errors in the API documentation page').toEqual([]);
  });
});
