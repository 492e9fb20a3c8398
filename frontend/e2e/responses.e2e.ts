// Statutory responses to the demo review's report, in the browser: the officer records Cabinet's
// response from the review's tracker, answers every recommendation, records it as received and
// publishes it, and its paper downloads; the officer records Cleveland Police's response from the
// tracker, and the police contributor finds it in the responses list, answers it (the API's 422
// shown by the fields) and submits it. Then the decision's call-in timeline and the milestones due.
// Every page visited gets a screenshot and an axe run with zero violations.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage } from './browser';
import { signIn } from './session';

const baseURL = inject('baseURL');
const OFFICER = 'officer@stockton.example';
const CONTRIBUTOR = 'contributor@cleveland-police.example';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';

let browser: Browser;

/** Today in the UK, as the date inputs take it. */
function today(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: get('day'), month: get('month'), year: get('year') };
}

async function fillDate(page: Page, group: string, date: { day: string; month: string; year: string }) {
  const fields = page.getByRole('group', { name: group });
  await fields.getByLabel('Day').fill(date.day);
  await fields.getByLabel('Month').fill(date.month);
  await fields.getByLabel('Year').fill(date.year);
}

/** The groups of verdicts on the page, one per recommendation put to the responder. */
function verdictGroups(page: Page) {
  return page.getByRole('group', { name: /^Response to recommendation / });
}

/** The demo review's page, from the list of reviews. */
async function openSeedReview(page: Page) {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reviews' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
  await page.getByRole('link', { name: SEED_REVIEW }).first().click();
  await page.getByRole('heading', { level: 1, name: new RegExp(SEED_REVIEW) }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Statutory responses' }).waitFor();
}

describe('statutory responses to the demo review', () => {
  let officer: { page: Page; errors: string[] };
  let partner: { page: Page; errors: string[] };
  let executiveUrl: string;

  beforeAll(async () => {
    browser = await launch();
    officer = await newPage(browser, baseURL);
    partner = await newPage(browser, baseURL);
  });

  afterAll(async () => {
    await officer?.page.context().close();
    await partner?.page.context().close();
    await browser?.close();
    expect(officer?.errors ?? [], 'errors in the officer page').toEqual([]);
    expect(partner?.errors ?? [], 'errors in the contributor page').toEqual([]);
  });

  it("shows the review's tracker: Cabinet and Cleveland Police still to respond", async () => {
    const { page } = officer;
    await signIn(page, OFFICER);
    await openSeedReview(page);
    const expected = page.getByRole('table', { name: 'Still to respond, with no response recorded' });
    await expected.getByRole('row').filter({ hasText: 'Cabinet' }).waitFor();
    expect(await expected.getByRole('row').filter({ hasText: 'Cabinet' }).textContent()).toContain('2 months');
    const police = expected.getByRole('row').filter({ hasText: 'Cleveland Police' });
    await police.waitFor();
    expect(await police.textContent()).toContain('28 days');
    await page.getByRole('heading', { level: 2, name: 'Statutory responses' }).scrollIntoViewIfNeeded();
    await checkPage(page, '60-review-responses-tracker');
  });

  it("records Cabinet's response from the tracker", async () => {
    const { page } = officer;
    await page.getByRole('link', { name: 'Record the response of Cabinet' }).click();
    await page.getByRole('heading', { level: 1, name: /Record a statutory response/ }).waitFor();
    expect(await page.getByLabel('The executive').isChecked()).toBe(true);
    // Every recommendation is put to the executive.
    const boxes = page.locator('input[name="recommendation_ids"]');
    expect(await boxes.count()).toBeGreaterThan(0);
    expect(await page.locator('input[name="recommendation_ids"]:checked').count()).toBe(await boxes.count());
    await page.getByRole('button', { name: 'Record the response' }).click();
    // No day given: the form says so before asking the API.
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Report received: / }).waitFor();
    await checkPage(page, '61-record-response-errors');
    await fillDate(page, 'Report received', { day: '20', month: '1', year: '2022' });
    await page.getByRole('button', { name: 'Record the response' }).click();
    await page.getByRole('heading', { level: 1, name: "Cabinet's response to the report" }).waitFor();
    await page.getByText('The response has been recorded').waitFor();
    executiveUrl = new URL(page.url()).pathname;
    expect(executiveUrl).toMatch(/^\/statutory-responses\/[0-9a-f-]{36}$/);
    // Received 20 January 2022 with 2 months to respond: due 20 March 2022, long overdue.
    const summary = page.locator('.govuk-summary-list').first();
    expect(await summary.textContent()).toContain('20 March 2022');
    expect(await summary.textContent()).toContain('Overdue');
    await checkPage(page, '62-executive-response-form');
  });

  it('answers every recommendation and records the response as received', async () => {
    const { page } = officer;
    await page.getByLabel('Summary (optional)').fill('Cabinet welcomes the report and its recommendations.');
    const groups = verdictGroups(page);
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      await groups.nth(i).getByLabel('Accepted', { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Saved at \d\d:\d\d/ }).waitFor();
    await page.getByRole('button', { name: 'Record as received' }).click();
    await page.getByText('The response has been recorded as received').waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();
    expect(await page.locator('strong.govuk-tag').filter({ hasText: /^Accepted$/ }).count()).toBe(count);
    await checkPage(page, '63-executive-response-received');
  });

  it('publishes it, and its paper downloads', async () => {
    const { page } = officer;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('The response has been published').waitFor();
    const history = page.getByRole('list', { name: 'Changes to the response, newest first' });
    await history.getByRole('heading', { name: 'Published' }).waitFor();
    await history.getByRole('heading', { name: 'Received' }).waitFor();
    await history.getByRole('heading', { name: 'Recorded as awaited' }).waitFor();
    await checkPage(page, '64-executive-response-published');

    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the response (HTML)' }).click(),
    ]);
    const text = await readFile((await html.path())!, 'utf8');
    expect(text).toContain('Cabinet welcomes the report');
    // The paper as the API answers it, with the session's token.
    const status = await page.evaluate(async (path) => {
      const session = JSON.parse(localStorage.getItem('scrutiny.session')!);
      const res = await fetch(`/api/v1${path}/papers/response.html`, {
        headers: { Authorization: `Bearer ${session.accessToken}` },
      });
      return res.status;
    }, executiveUrl);
    expect(status).toBe(200);
  });

  it("records Cleveland Police's response from the tracker, received today", async () => {
    const { page } = officer;
    await openSeedReview(page);
    const responses = page.getByRole('table', { name: 'Responses to the report' });
    // The tracker was read before the response was published: the page shows it, then the latest.
    await expect.poll(() => responses.getByRole('row').filter({ hasText: 'Cabinet' }).textContent()).toContain('Published');
    await page.getByRole('link', { name: 'Record the response of Cleveland Police' }).click();
    await page.getByRole('heading', { level: 1, name: /Record a statutory response/ }).waitFor();
    expect(await page.getByLabel('A responsible partner').isChecked()).toBe(true);
    expect(await page.getByLabel('Name in the papers (optional)').inputValue()).toBe('Cleveland Police');
    // The recommendations that name the police are put to it.
    expect(await page.locator('input[name="recommendation_ids"]:checked').count()).toBeGreaterThan(0);
    await fillDate(page, 'Report received', today());
    await checkPage(page, '65-record-partner-response');
    await page.getByRole('button', { name: 'Record the response' }).click();
    await page.getByRole('heading', { level: 1, name: "Cleveland Police's response to the report" }).waitFor();
    await page.getByText('The response has been recorded').waitFor();
  });

  it('shows the officer the responses due soon on the dashboard, linked to the list', async () => {
    const { page } = officer;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home' }).click();
    const due = page.getByRole('link', { name: /statutory responses due in the next 45 days$/ });
    await due.waitFor();
    await due.click();
    await page.getByRole('heading', { level: 1, name: /Statutory responses/ }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('awaited');
    await page.getByRole('table', { name: 'Statutory responses' }).getByRole('link', { name: 'Response of Cleveland Police' }).waitFor();
    await checkPage(page, '66-officer-responses-list');
  });

  it('lets the police contributor find what Cleveland Police owes, answer it and submit it', async () => {
    const { page } = partner;
    await signIn(page, CONTRIBUTOR);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Responses' }).click();
    const owed = page.getByRole('table', { name: 'Responses Cleveland Police owes' });
    const row = owed.getByRole('row').filter({ hasText: SEED_REVIEW });
    await row.waitFor();
    expect(await row.textContent()).toContain('Awaited');
    await checkPage(page, '67-partner-responses-list');
    // By keyboard: the link wraps over two lines of a narrow cell.
    await row.getByRole('link', { name: 'Response of Cleveland Police' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: "Cleveland Police's response to the report" }).waitFor();
    // A partner writes its answers; the council's details are not theirs to change.
    expect(await page.getByLabel("Responder's name").count()).toBe(0);
    await checkPage(page, '68-partner-response-form');

    const groups = verdictGroups(page);
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    await groups.first().getByLabel('Not accepted').check();
    for (let i = 1; i < count; i += 1) {
      await groups.nth(i).getByLabel('Accepted', { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Submit response' }).click();
    // Not accepted needs its reasons: the API names the recommendation, linked to the field.
    const summary = page.locator('.govuk-error-summary');
    const reasons = summary.getByRole('link', { name: /^Recommendation \S+, reasons: give the reasons/ });
    await reasons.waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Cleveland Police's response/);
    await checkPage(page, '69-partner-response-errors');
    await reasons.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('item-1-reasons');
    await page.keyboard.type('The force already publishes its engagement strategy; it is reviewed in 2025.');
    await page.getByRole('button', { name: 'Submit response' }).click();
    await page.getByText('Your response has been sent to the council').waitFor();
    await page.getByText(/Sent to the council/).waitFor();
    expect(await page.getByRole('button', { name: 'Submit response' }).count()).toBe(0);
    await checkPage(page, '70-partner-response-submitted');
  });

  it('shows the officer the response received from the police', async () => {
    const { page } = officer;
    await openSeedReview(page);
    const responses = page.getByRole('table', { name: 'Responses to the report' });
    const police = responses.getByRole('row').filter({ hasText: 'Cleveland Police' });
    await expect.poll(async () => (await police.textContent()) ?? '').toContain('Received');
  });

  it("shows the decision's call-in timeline on the review", async () => {
    const { page } = officer;
    const timeline = page.getByRole('list', { name: 'Call-in timeline' }).first();
    await timeline.waitFor();
    const items = timeline.getByRole('listitem');
    expect(await items.first().textContent()).toContain('Decided by Cabinet');
    expect(await timeline.textContent()).toContain('Published: the call-in period started');
    expect(await timeline.textContent()).toContain('Call-in period ended');
    expect(await timeline.textContent()).toContain('Recorded in the service');
    expect(await timeline.textContent()).toContain('28 January 2022, 23:59');
    await timeline.scrollIntoViewIfNeeded();
    await checkPage(page, '71-review-call-in-timeline');
  });

  it('lists the milestones due, the overdue ones flagged', async () => {
    const { page } = officer;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Milestones' }).click();
    await page.getByRole('heading', { level: 1, name: 'Milestones due' }).waitFor();
    const table = page.getByRole('table', { name: 'Overdue or due in the next 90 days' });
    await table.getByRole('link', { name: SEED_REVIEW }).first().waitFor();
    await table.getByText('May 2022').first().waitFor();
    expect(await table.getByText('Overdue', { exact: true }).count()).toBeGreaterThan(0);
    await checkPage(page, '72-milestones');

    await page.getByLabel('Show').selectOption({ label: 'Due in the next 30 days' });
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('due')).toBe('30');
    await page.getByRole('heading', { level: 1, name: 'Milestones due' }).waitFor();
    await page.locator('table, p.govuk-body').filter({ hasText: /Due in the next 30 days|No open action/ }).first().waitFor();
    await checkPage(page, '73-milestones-next-30-days');
  });
});
