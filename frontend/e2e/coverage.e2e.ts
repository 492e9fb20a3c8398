// Issue 18: everything the API can do, a person can do in the web app. A user changes their own
// password and signs in with the new one; the police contributor sees their organisation's
// dashboard; an officer downloads the filtered recommendations as CSV and Excel, and uses the new
// screens (decisions, rounds, updates and actions across reviews, a round changed, a part added to
// the open round and removed again, a recommendation closed with the committee's reason, each
// record's history); an administrator keeps a calendar of closure days and a webhook. Every page
// gets a screenshot and axe with zero violations, and some the structure Chromium exposes to
// screen readers (e2e/semantics.ts). What this file changes in the demo data it undoes, or does
// on records of its own.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage } from './browser';
import { checkStructure } from './semantics';

const baseURL = inject('baseURL');
const PASSWORD = 'demo-password-2026';
const OFFICER = 'officer@stockton.example';
const ADMIN = 'admin@stockton.example';
const CONTRIBUTOR = 'contributor@cleveland-police.example';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';
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
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

/** The API as `email`, for setting up records of this file's own. */
async function apiAs(email: string) {
  const tokens = await fetch(`${baseURL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', email, password: PASSWORD }),
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
    return (text ? JSON.parse(text) : null) as T;
  };
}

/** Clicks the button and answers the file the browser saved. */
async function download(page: Page, name: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { file, bytes: await readFile((await file.path())!) };
}

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Menu' });
}

describe('a user', () => {
  const email = `pat.viewer.${suffix}@stockton.example`;
  const first = `first passphrase ${suffix}`;
  const second = `second passphrase ${suffix}`;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
    const admin = await apiAs(ADMIN);
    const me = await admin<{ organisation: { id: string } }>('GET', '/me');
    await admin('POST', '/users', {
      name: `Pat Viewer ${suffix}`,
      email,
      role: 'viewer',
      organisation_id: me.organisation.id,
      password: first,
    });
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('changes their own password from their account, and signs in with the new one', async () => {
    await signIn(page, email, first);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText(email).waitFor();
    await checkPage(page, '60-account');
    await checkStructure(page, '60-account');
    await page.getByRole('link', { name: 'Change your password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await checkPage(page, '61-change-password');

    // The wrong current password: the API's 422, linked to the field.
    await page.getByLabel('Current password', { exact: true }).fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill(second);
    await page.getByLabel('Confirm your new password').fill(second);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Current password: / }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Change your password/);
    await checkPage(page, '62-change-password-error');
    await checkStructure(page, '62-change-password-error');

    await page.getByLabel('Current password', { exact: true }).fill(first);
    await page.getByLabel('New password', { exact: true }).fill(second);
    await page.getByLabel('Confirm your new password').fill(second);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await checkPage(page, '63-password-changed');
    // Still signed in here, with the new session.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a correct email address and password' }).waitFor();
    await signIn(page, email, second);
    await page.getByRole('heading', { level: 1, name: /Scrutiny reviews/ }).waitFor();
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

  it("sees what Cleveland Police owes and has submitted, by council and review, with its grades", async () => {
    await signIn(page, CONTRIBUTOR);
    await page.getByRole('heading', { level: 2, name: 'What Cleveland Police owes and has submitted' }).waitFor();
    const table = page.getByRole('table', {
      name: "Stockton-on-Tees Borough Council: Cleveland Police's latest update on each recommendation, by review",
    });
    const row = table.getByRole('row').filter({ hasText: SEED_REVIEW });
    await row.waitFor();
    // The demo: the May 2023 updates are owed (not graded yet); closed recommendations keep their grade.
    const cells = await row.getByRole('cell').allTextContents();
    expect(Number(cells[0])).toBeGreaterThan(0);
    expect(cells[3]).toMatch(/Not graded yet|\(Fully Achieved\)|\(On-Track\)|\(Slipped\)/);
    await page.getByRole('heading', { level: 3, name: 'Stockton-on-Tees Borough Council' }).waitFor();
    await checkPage(page, '64-partner-dashboard');
    await checkStructure(page, '64-partner-dashboard');
  });

  it('has the lists of decisions, actions, rounds and updates in the navigation', async () => {
    for (const [link, heading] of [
      ['Decisions', 'Decisions'],
      ['Actions', 'Actions'],
      ['Rounds', 'Progress rounds'],
      ['Progress updates', 'Progress updates'],
    ] as const) {
      await menu(page).getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('table').or(page.getByText(/^(No |There are no )/)).first().waitFor();
    }
    await checkPage(page, '65-partner-progress-updates');

    // At 320 pixels the items fold behind "Menu", as GOV.UK Frontend's script folds them.
    await page.setViewportSize({ width: 320, height: 800 });
    const button = menu(page).getByRole('button', { name: 'Menu' });
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await menu(page).getByRole('link', { name: 'Decisions', exact: true }).isVisible()).toBe(false);
    await checkPage(page, '65a-menu-folded-320px');
    await button.click();
    await menu(page).getByRole('link', { name: 'Decisions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await checkStructure(page, '65-partner-progress-updates');
  });

  it("writes updates in a form whose saving and uploads are announced from live regions there from the start", async () => {
    await page.goto('/');
    const owed = page.getByRole('table', { name: 'Progress updates Cleveland Police owes' });
    await owed.getByRole('row').filter({ hasText: SEED_REVIEW }).getByRole('link').click();
    await page.getByLabel(/Evidence of progress/).waitFor();
    const found = await checkStructure(page, '66-submission-form');
    // The autosave status is a polite live region before anything is typed.
    expect(found.live).toContainEqual(expect.objectContaining({ role: 'status', live: 'polite', text: 'Your draft is saved as you type.' }));
    // The upload's status region is in the page, empty, before any upload; the same region then
    // says what happened (a region added with its text already in it may not be announced).
    const region = page.locator('form:has(#attachment-file) [role="status"]');
    expect(await region.count()).toBe(1);
    expect(await region.textContent()).toBe('');
    const before = await region.elementHandle();
    const file = join(tmpdir(), `ward-walkabouts-${suffix}.txt`);
    writeFileSync(file, 'Ward walkabouts with the neighbourhood team, May 2023\n');
    await page.getByLabel('Upload a file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload file' }).click();
    await expect.poll(() => region.textContent()).toBe(`ward-walkabouts-${suffix}.txt was uploaded.`);
    expect(await page.evaluate(([a, b]) => a === b, [before, await region.elementHandle()])).toBe(true);
    const after = await checkStructure(page, '66b-submission-form-uploaded');
    expect(after.live).toContainEqual({ role: 'status', live: 'polite', text: `ward-walkabouts-${suffix}.txt was uploaded.` });
  });
});

describe('a council officer', () => {
  let page: Page;
  let errors: string[];
  let reviewId: string;
  let recommendationId: string;
  const reviewTitle = `Street lighting and safety ${suffix}`;

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
    const call = await apiAs(OFFICER);
    const committees = await call<{ items: { id: string; name: string }[] }>('GET', '/committees?limit=200');
    const committee = committees.items.find((c) => c.name === 'Crime and Disorder Select Committee')!;
    const review = await call<{ id: string }>('POST', '/reviews', {
      committee_id: committee.id,
      title: reviewTitle,
      review_type: 'task_and_finish',
    });
    reviewId = review.id;
    const rec = await call<{ id: string }>('POST', `/reviews/${reviewId}/recommendations`, {
      number: '1',
      text: 'The council and Cleveland Police map the streets where poor lighting is reported:',
      parts: [
        { label: 'a', text: 'from residents’ reports to ward councillors' },
        { label: 'b', text: 'from the force’s incident data' },
      ],
    });
    recommendationId = rec.id;
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('downloads the filtered recommendations as CSV and as Excel', async () => {
    await signIn(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: /Scrutiny reviews/ }).waitFor();
    await page.getByRole('table', { name: 'Latest grade of each recommendation, by committee' }).waitFor();
    await checkStructure(page, '66c-officer-home');
    await menu(page).getByRole('link', { name: 'Recommendations', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
    await page.getByLabel('Review').selectOption({ label: SEED_REVIEW });
    await page.getByLabel('Search').fill('communications');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('review')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Download the recommendations matching the filters' }).waitFor();
    // Best match first, with the words found marked in each result's passages.
    expect(await page.getByLabel('Order').inputValue()).toBe('');
    expect(await page.getByLabel('Order').getByRole('option', { name: 'Best match first' }).count()).toBe(1);
    const mark = page.locator('.app-search-matches mark').first();
    await mark.waitFor();
    expect(await mark.textContent()).toMatch(/^communications?$/i);
    await checkPage(page, '67-recommendations-filtered');
    await checkStructure(page, '67-recommendations-filtered');

    const csv = await download(page, 'Download the recommendations as a spreadsheet (CSV)');
    expect(csv.file.suggestedFilename()).toMatch(/\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Review');
    expect(text).toContain(SEED_REVIEW);
    expect(text).not.toContain(reviewTitle);

    const xlsx = await download(page, 'Download the recommendations as a spreadsheet (Excel)');
    expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
    // An XLSX is a zip: it starts with the local file header.
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.bytes.length).toBeGreaterThan(1000);
  });

  it("lists Cabinet's decisions and opens one: its history, and its call-in deadline recomputed", async () => {
    await menu(page).getByRole('link', { name: 'Decisions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    const table = page.getByRole('table', { name: 'Decisions' });
    await table.getByRole('link', { name: 'Cabinet decision, 20 January 2022' }).waitFor();
    await checkPage(page, '68-decisions');
    await checkStructure(page, '68-decisions');
    await table.getByRole('link', { name: 'Cabinet decision, 20 January 2022' }).click();
    await page.getByRole('heading', { level: 1, name: /Cabinet decision, 20 January 2022/ }).waitFor();
    const history = page.getByRole('list', { name: 'Changes to the decision, newest first' });
    await history.getByText('Decision recorded').first().waitFor();
    await page.getByRole('button', { name: 'Recompute the call-in deadline' }).click();
    await page.getByText(/^The call-in deadline (is unchanged|is now)/).waitFor();
    await checkPage(page, '69-decision');
    await checkStructure(page, '69-decision');
  });

  it('lists the rounds, changes a round and sees it in the round’s history', async () => {
    await menu(page).getByRole('link', { name: 'Rounds', exact: true }).click();
    const table = page.getByRole('table', { name: 'Progress rounds' });
    await table.getByRole('link', { name: 'May 2023' }).waitFor();
    await checkPage(page, '70-rounds');
    await checkStructure(page, '70-rounds');
    await table.getByRole('link', { name: 'November 2022' }).click();
    await page.getByRole('link', { name: 'Change the round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change the November 2022 round' }).waitFor();
    await checkPage(page, '71-change-round');
    await checkStructure(page, '71-change-round');
    await page.getByLabel('Minute reference (optional)').fill(`CDSC 24/11/22 minute 7 (${suffix})`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The November 2022 round has been changed.').waitFor();
    const history = page.getByRole('list', { name: 'Changes to the round, newest first' });
    await history.getByText('Round changed').first().waitFor();
    expect(await history.textContent()).toContain(suffix);
    await checkPage(page, '72-round-history');
  });

  it('adds a part of a recommendation to the open round, then removes the untouched draft', async () => {
    await menu(page).getByRole('link', { name: 'Rounds', exact: true }).click();
    await page.getByRole('table', { name: 'Progress rounds' }).getByRole('link', { name: 'May 2023' }).click();
    await page.getByRole('link', { name: 'Add a recommendation to the round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a recommendation to the May 2023 round' }).waitFor();
    await page.getByRole('radio', { name: 'Recommendation 2' }).check();
    await page.getByLabel('Part (optional)').selectOption({ index: 1 });
    await checkPage(page, '73-add-to-round');
    await checkStructure(page, '73-add-to-round');
    await page.getByRole('button', { name: 'Add to the round' }).click();
    await page.getByText('Recommendation 2a) has been added to the round.').waitFor();
    const updates = page.getByRole('table', { name: 'Updates' });
    await updates.getByRole('link', { name: 'Recommendation 2a)' }).click();
    await page.getByRole('link', { name: 'Remove this update from the round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Remove the update on recommendation 2a) from the round?' }).waitFor();
    await checkPage(page, '74-remove-update');
    await checkStructure(page, '74-remove-update');
    await page.getByRole('button', { name: 'Remove the update' }).click();
    await page.getByText('The update on recommendation 2a) has been removed from the round.').waitFor();
    await expect.poll(() => updates.getByRole('link', { name: 'Recommendation 2a)' }).count()).toBe(0);
  });

  it('lists the progress updates and the actions across reviews, and downloads them with the filters', async () => {
    await menu(page).getByRole('link', { name: 'Progress updates', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Progress updates' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Accepted' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('accepted');
    await page.getByRole('table', { name: 'Progress updates' }).getByRole('link').first().waitFor();
    await checkPage(page, '75-progress-updates');
    await checkStructure(page, '75-progress-updates');
    const updates = await download(page, 'Download the updates as a spreadsheet (CSV)');
    expect(updates.bytes.toString('utf8')).toContain(SEED_REVIEW);

    await menu(page).getByRole('link', { name: 'Actions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    await page.getByLabel('Responsible organisation').selectOption({ label: 'Cleveland Police' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('organisation')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('table', { name: 'Actions' }).getByRole('row').nth(1).waitFor();
    await checkPage(page, '76-actions');
    await checkStructure(page, '76-actions');
    const actions = await download(page, 'Download the actions as a spreadsheet (Excel)');
    expect(actions.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it("reads a review's, a part's and a committee's history", async () => {
    await page.goto(`/reviews/${reviewId}`);
    const review = page.getByRole('list', { name: 'Changes to the review, newest first' });
    await review.getByText('Review started').waitFor();
    await checkStructure(page, '77a-review');
    await page.goto(`/recommendations/${recommendationId}`);
    await page.getByRole('link', { name: 'History of part a)' }).click();
    await page.getByRole('heading', { level: 1, name: 'History of part 1a)' }).waitFor();
    await page.getByRole('list', { name: 'Changes to part 1a), newest first' }).getByText('Part added').waitFor();
    await checkPage(page, '77-part-history');
    await checkStructure(page, '77-part-history');

    await menu(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Committees', exact: true }).click();
    await page.getByRole('link', { name: 'Crime and Disorder Select Committee' }).first().click();
    await page.getByRole('list', { name: 'Changes to the committee, newest first' }).or(page.getByText('No changes have been recorded.')).first().waitFor();
    await checkPage(page, '78-committee-history');
    await checkStructure(page, '78-committee-history');
  });

  it('makes a calendar feed of their dates, downloads it, and revokes it', async () => {
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('link', { name: 'Your scrutiny dates in your calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar feeds' }).waitFor();
    await page.getByLabel('Name in your calendar (optional)').fill(`Scrutiny dates ${suffix}`);
    await page.getByRole('button', { name: 'Make a calendar feed' }).click();
    const address = await page.locator('#feed-address').textContent();
    expect(address).toMatch(/\/api\/v1\/calendar-feeds\/cal_[^/]+\.ics$/);
    await checkPage(page, '81a-calendar-feed');
    await checkStructure(page, '81a-calendar-feed');
    const ics = await download(page, 'download the dates now as a file');
    expect(ics.bytes.toString('utf8')).toContain('BEGIN:VCALENDAR');
    // The address is the credential: a calendar reads it without signing in.
    expect((await fetch(address!)).status).toBe(200);
    const table = page.getByRole('table', { name: 'Your calendar feeds' });
    await table.getByRole('button', { name: `Revoke Scrutiny dates ${suffix}` }).click();
    await table.getByRole('row').filter({ hasText: `Scrutiny dates ${suffix}` }).getByText('Revoked').waitFor();
    expect((await fetch(address!)).status).toBe(404);
  });

  it("closes a recommendation with the committee's recorded reason", async () => {
    await page.goto(`/recommendations/${recommendationId}`);
    await page.getByRole('link', { name: 'Close recommendation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Close recommendation 1' }).waitFor();
    await page.getByRole('button', { name: 'Close recommendation' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Reason for closing: / }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Close recommendation 1/);
    await checkPage(page, '79-close-recommendation-error');
    await checkStructure(page, '79-close-recommendation-error');
    await page.getByLabel('Reason for closing').fill('Overtaken by the county-wide street lighting programme (minute 12).');
    await page.getByRole('button', { name: 'Close recommendation' }).click();
    await page.getByText('Recommendation 1 is closed').waitFor();
    await page.getByText('Overtaken by the county-wide street lighting programme (minute 12).').first().waitFor();
    await checkPage(page, '80-recommendation-closed');
  });
});

describe('an administrator', () => {
  let page: Page;
  let errors: string[];
  const calendarName = `Stockton-on-Tees closure days ${suffix}`;

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it("keeps the council's calendar of closure days: adds a holiday and removes it", async () => {
    await signIn(page, ADMIN);
    await menu(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Calendars and holidays' }).click();
    await page.getByRole('table', { name: 'Calendars' }).waitFor();
    await checkPage(page, '81-calendars');
    await checkStructure(page, '81-calendars');
    await page.getByRole('button', { name: 'Add a calendar' }).click();
    await page.getByLabel('Name').fill(calendarName);
    await checkPage(page, '82-add-calendar');
    await page.getByRole('button', { name: 'Add calendar' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(calendarName) }).waitFor();

    const date = page.getByRole('group', { name: 'Date' });
    await date.getByLabel('Day').fill('27');
    await date.getByLabel('Month').fill('12');
    await date.getByLabel('Year').fill('2027');
    await page.getByLabel('Name of the holiday').fill('Council closure day');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByText('27 December 2027, Council closure day, has been added.').waitFor();
    await page.getByRole('table', { name: /Holidays/ }).getByText('Council closure day').waitFor();
    await checkPage(page, '83-calendar');
    await checkStructure(page, '83-calendar');

    await page.getByRole('link', { name: 'Remove 27 December 2027' }).click();
    await page.getByRole('heading', { level: 1, name: /Remove 27 December 2027, Council closure day\?/ }).waitFor();
    await checkPage(page, '84-remove-holiday');
    await checkStructure(page, '84-remove-holiday');
    await page.getByRole('button', { name: 'Remove holiday' }).click();
    await page.getByText('27 December 2027, Council closure day, has been removed.').waitFor();
    const history = page.getByRole('list', { name: 'Changes to the calendar, newest first' });
    await history.getByText('Holiday removed: 27 December 2027, Council closure day').waitFor();
    await history.getByText('Holiday added: 27 December 2027, Council closure day').waitFor();
    await history.getByText('Calendar created').waitFor();
  });

  it('adds a webhook, sees its signing secret once, and pauses it', async () => {
    await menu(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('button', { name: 'Add a webhook' }).click();
    await page.getByLabel('Address').fill(`https://case-system.police.example/hooks/${suffix}`);
    await page.getByLabel('Events (optional)').fill('progress_entry.submitted');
    await page.getByLabel('Description (optional)').fill(`Cleveland Police case system ${suffix}`);
    await checkPage(page, '85-add-webhook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await page.locator('#signing-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await checkPage(page, '86-webhook-secret');
    await checkStructure(page, '86-webhook-secret');
    await page.getByRole('link', { name: 'Go to the webhook' }).click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    await page.getByRole('button', { name: 'Pause the webhook' }).click();
    await page.getByText('The webhook is paused').waitFor();
    await checkPage(page, '87-webhook');
    await checkStructure(page, '87-webhook');
    expect(await page.locator('body').textContent()).not.toContain(secret!);
  });
});

describe('anyone', () => {
  it('reads the accessibility statement from the footer, signed in or not', async () => {
    const { context, page, errors } = await newPage(browser, baseURL);
    await page.goto('/sign-in');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement for the Scrutiny recommendation tracker' }).waitFor();
    await checkPage(page, '88-accessibility-statement');
    await checkStructure(page, '88-accessibility-statement', false);
    await context.close();
    expect(errors).toEqual([]);
  });
});
