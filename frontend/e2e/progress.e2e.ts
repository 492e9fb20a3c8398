// The progress journey of issue 7: an officer opens a round on a review with an agreed action
// plan → the police contributor fills in and submits its update → the officer returns it with
// comments → the contributor resubmits (by keyboard alone) → the officer validates it with a
// different grade → the officer records the committee's acceptance. Every page visited gets a
// screenshot and an axe run with zero violations.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage, snap } from './browser';

const baseURL = inject('baseURL');
const PASSWORD = 'demo-password-2026';
const OFFICER = 'officer@stockton.example';
const CONTRIBUTOR = 'contributor@cleveland-police.example';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';

let browser: Browser;

/** The API as one user, for setting up a review the journey works on. */
async function apiAs(email: string) {
  const tokens = await fetch(`${baseURL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', email, password: PASSWORD }),
  });
  expect(tokens.status, 'sign in for the set-up').toBe(200);
  const { access_token } = (await tokens.json()) as { access_token: string };
  return async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${access_token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { body: (text ? JSON.parse(text) : null) as T, etag: res.headers.get('etag') };
  };
}

type Id = { id: string };

/**
 * A review of the seed committee with one recommendation for Cleveland Police and an action plan
 * agreed in March 2025, made through the API as an officer would with the editors.
 */
async function createReview(title: string): Promise<string> {
  const call = await apiAs(OFFICER);
  const committees = await call<{ items: (Id & { name: string })[] }>('GET', '/committees?limit=200');
  const committee = committees.body.items.find((c) => c.name === 'Crime and Disorder Select Committee')!;
  const organisations = await call<{ items: (Id & { name: string })[] }>('GET', '/organisations?limit=200');
  const police = organisations.body.items.find((o) => o.name === 'Cleveland Police')!;
  const review = await call<Id>('POST', '/reviews', {
    committee_id: committee.id,
    title,
    review_type: 'task_and_finish',
    work_programme_year: '2024-2025',
  });
  const recommendation = await call<Id>('POST', `/reviews/${review.body.id}/recommendations`, {
    number: '1',
    text: 'Cleveland Police publishes a quarterly report of neighbourhood policing priorities for each ward.',
  });
  const plan = await call<Id>('PUT', `/reviews/${review.body.id}/action-plan`, {
    title: 'ACTION PLAN: Neighbourhood policing priorities',
    agreed_on: 'March 2025',
  });
  await call('POST', `/action-plans/${plan.body.id}/actions`, {
    recommendation_id: recommendation.body.id,
    proposed_actions: 'Publish ward priorities every quarter on the force website and in ward newsletters.',
    success_measures: ['Four quarterly reports published for every ward'],
    owners: [{ organisation_id: police.id }],
    milestones: [{ date: 'June 2025', label: 'First quarterly report' }],
  });
  const current = await call<{ version: number }>('GET', `/action-plans/${plan.body.id}`);
  await call('PATCH', `/action-plans/${plan.body.id}`, { status: 'agreed' }, { 'If-Match': current.etag! });
  return review.body.id;
}

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

/** Presses Tab until the focused element is `target` (keyboard alone; fails after `max` presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 80) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i += 1) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

function savedDraft(page: Page) {
  return expect.poll(() => page.getByRole('status').filter({ hasText: /Draft saved at/ }).count(), {
    timeout: 10_000,
  });
}

describe('the progress journey', () => {
  const title = `Neighbourhood policing priorities ${randomBytes(3).toString('hex')}`;
  let reviewId: string;
  let entryUrl: string;
  let officer: { page: Page; errors: string[] };
  let partner: { page: Page; errors: string[] };

  beforeAll(async () => {
    browser = await launch();
    reviewId = await createReview(title);
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

  it("shows the officer's dashboard: the demo's overdue round and what to assess", async () => {
    const { page } = officer;
    await signIn(page, OFFICER);
    const overdue = page.getByRole('table', { name: 'Rounds past their deadline with updates owed' });
    await overdue.getByRole('link', { name: 'May 2023' }).waitFor();
    expect(await overdue.textContent()).toContain(SEED_REVIEW);
    await page.getByRole('table', { name: 'Latest grade of each recommendation, by committee' }).waitFor();
    await checkPage(page, '20-officer-dashboard');
    await page.getByRole('link', { name: 'By review' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('by')).toBe('review');
    await page.getByRole('table', { name: 'Latest grade of each recommendation, by review' }).waitFor();
  });

  it("shows the demo review's rounds: November 2022 accepted, May 2023 open", async () => {
    const { page } = officer;
    await page.getByRole('table', { name: `Reviews of Stockton-on-Tees Borough Council` }).getByRole('link', { name: SEED_REVIEW }).click();
    const rounds = page.getByRole('table', { name: 'Progress rounds' });
    await rounds.getByRole('link', { name: 'November 2022' }).waitFor();
    expect(await rounds.getByRole('row').filter({ hasText: 'November 2022' }).textContent()).toContain('All 4 accepted');
    await page.getByText('The May 2023 round is open.').waitFor();
    await rounds.getByRole('link', { name: 'November 2022' }).click();
    const updates = page.getByRole('table', { name: 'Updates' });
    await updates.getByRole('link', { name: 'Recommendation 2' }).waitFor();
    expect(await updates.getByRole('row').filter({ hasText: 'Recommendation 2' }).textContent()).toContain('3 (Slipped)');
    await checkPage(page, '21-demo-round-november-2022');
  });

  it('opens a round, prefilled from when the next update is due', async () => {
    const { page } = officer;
    await page.goto(`/reviews/${reviewId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await page.getByText('No progress round has been opened for this review yet.').waitFor();
    await page.getByRole('button', { name: 'Open a progress round' }).click();
    await page.getByRole('heading', { level: 1, name: /Open a progress round/ }).waitFor();
    expect(await page.locator('.govuk-inset-text').textContent()).toContain('12 months after the action plan was agreed');
    expect(await page.getByLabel('Name of the update').inputValue()).toBe('March 2026');
    const deadline = page.getByRole('group', { name: 'Deadline for partners' });
    expect(await deadline.getByLabel('Day').inputValue()).toBe('31');
    expect(await page.getByLabel('Recommendation 1').isChecked()).toBe(true);
    const meeting = page.getByRole('group', { name: 'Committee meeting date (optional)' });
    await meeting.getByLabel('Day').fill('16');
    await meeting.getByLabel('Month').fill('4');
    await meeting.getByLabel('Year').fill('2026');
    await checkPage(page, '22-open-round');
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByText('The March 2026 round is open.').waitFor();
    const updates = page.getByRole('table', { name: 'Updates' });
    const row = updates.getByRole('row').filter({ hasText: 'Recommendation 1' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Cleveland Police');
    expect(await row.textContent()).toContain('Draft');
    entryUrl = (await row.getByRole('link', { name: 'Recommendation 1' }).getAttribute('href'))!;
    expect(entryUrl).toMatch(/^\/progress-entries\/[0-9a-f-]{36}$/);
    await checkPage(page, '23-round-opened');
  });

  it("shows the contributor what Cleveland Police owes, the demo's update overdue", async () => {
    const { page } = partner;
    await signIn(page, CONTRIBUTOR);
    const inbox = page.getByRole('table', { name: 'Progress updates Cleveland Police owes' });
    const demo = inbox.getByRole('row').filter({ hasText: SEED_REVIEW });
    await demo.waitFor();
    expect(await demo.textContent()).toContain('Overdue');
    const ours = inbox.getByRole('row').filter({ hasText: title });
    expect(await ours.textContent()).toContain('31 March 2026');
    await checkPage(page, '24-contributor-inbox');
    await ours.getByRole('link', { name: 'Recommendation 1, March 2026' }).click();
    await page.getByRole('heading', { level: 1, name: /Recommendation 1: progress update, March 2026/ }).waitFor();
  });

  it('fills in the update, saved as they type, and is told what the API needs', async () => {
    const { page } = partner;
    await page
      .getByLabel('Evidence of progress (March 2026)')
      .fill('- The first quarterly report was published in June 2025.\n- Ward newsletters carry the priorities.');
    await savedDraft(page).toBeGreaterThan(0);
    await page.getByLabel('3 (Slipped)').check();
    await page.getByRole('button', { name: 'Submit to the council' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: /^Explanation of the grade: / }).waitFor();
    await summary.getByRole('link', { name: /^Evidence of impact: / }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    await checkPage(page, '25-submission-errors');

    await summary.getByRole('link', { name: /^Explanation of the grade: / }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('proposed_explanation');
    await page.keyboard.type('The second report slipped to October because of staff turnover.');
    await page.getByLabel('No assessment of impact undertaken').check();
    await page.getByRole('button', { name: 'Add a key figure' }).click();
    await page.getByLabel('What it measures').fill('Wards with a published report');
    await page.getByLabel('Figure', { exact: true }).fill('26');
    await page.getByLabel('Covering').fill('Stockton wards');
    await savedDraft(page).toBeGreaterThan(0);
    await checkPage(page, '26-submission-form');
    await page.getByRole('button', { name: 'Submit to the council' }).click();
    await page.getByText('Your update on recommendation 1 is submitted.').waitFor();
    await checkPage(page, '27-submitted');
  });

  it('is returned by the officer with comments', async () => {
    const { page } = officer;
    await page.goto('/');
    const queue = page.getByRole('table', { name: 'Submissions to assess and updates for the committee' });
    const row = queue.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('3 (Slipped)');
    await row.getByRole('link', { name: 'Recommendation 1, March 2026' }).click();
    const validate = page.getByRole('form', { name: 'Validate the grade' });
    await validate.waitFor();
    expect(await validate.getByRole('heading', { name: 'Proposed by Cleveland Police' }).isVisible()).toBe(true);
    await checkPage(page, '28-assessment');
    await page.getByLabel('Comments for the partner').fill('Please give the number of wards still without a report.');
    await page.getByRole('button', { name: 'Return with comments' }).click();
    await page.getByText('Recommendation 1 is returned to Cleveland Police with your comments.').waitFor();
  });

  it('is resubmitted by the contributor, by keyboard alone', async () => {
    const { page } = partner;
    await page.goto(entryUrl);
    await page.getByRole('heading', { name: 'Returned with comments' }).waitFor();
    expect(await page.locator('.app-return-comments').textContent()).toContain('number of wards still without a report');
    await checkPage(page, '29-returned');

    await tabTo(page, page.getByRole('button', { name: 'Add another key figure' }));
    await page.keyboard.press('Enter');
    // The new row's first field takes focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id') ?? '')).toMatch(/-label$/);
    await page.keyboard.type('Wards still without a report');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0');
    await savedDraft(page).toBeGreaterThan(0);
    await tabTo(page, page.getByRole('button', { name: 'Resubmit to the council' }));
    await page.keyboard.press('Enter');
    await page.getByText('Your update on recommendation 1 is submitted.').waitFor();
  });

  it('is validated by the officer with a different grade and a reason', async () => {
    const { page } = officer;
    await page.goto(entryUrl);
    const validate = page.getByRole('form', { name: 'Validate the grade' });
    await validate.waitFor();
    await validate.getByLabel('4 (Not Achieved)').check();
    await validate.getByRole('button', { name: 'Validate' }).click();
    // The API asks for a reason when the grade differs from the proposed one.
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Reason for a different grade: / }).waitFor();
    await checkPage(page, '30-validate-needs-reason');
    await page.getByLabel('Reason for a different grade').fill('No report has been published since October.');
    await validate.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Recommendation 1 is validated at 4 (Not Achieved).').waitFor();
    const grades = page.getByRole('table', { name: 'Grades' });
    expect(await grades.textContent()).toContain('differs from proposed');
  });

  it("records the committee's acceptance", async () => {
    const { page } = officer;
    const section = page.getByRole('region', { name: "Record the committee's acceptance" });
    await section.waitFor();
    expect(await section.getByLabel('Day').inputValue()).toBe('16');
    await section.getByLabel('Minute reference (optional)').fill('CDSC 16/04/26 minute 5');
    await checkPage(page, '31-acceptance');
    await section.getByRole('button', { name: 'Record acceptance' }).click();
    await page.getByText(/The committee's acceptance of recommendation 1 at 4 \(Not Achieved\) is recorded/).waitFor();
    await page.getByText('Accepted by committee', { exact: true }).first().waitFor();
    await checkPage(page, '32-accepted');

    await page.getByRole('link', { name: 'March 2026' }).click();
    const updates = page.getByRole('table', { name: 'Updates' });
    const row = updates.getByRole('row').filter({ hasText: 'Recommendation 1' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // The accepted grade agrees with the officer's but still differs from the proposed one (rule 2).
    expect(cells.slice(2)).toEqual([
      '3 (Slipped)',
      '4 (Not Achieved)differs from proposed',
      '4 (Not Achieved)differs from proposed',
    ]);
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await checkPage(page, '33-round-accepted');
  });

  it("keeps the update's history", async () => {
    const { page } = officer;
    await page.goto(entryUrl);
    await page.getByRole('link', { name: 'See every change to this update' }).click();
    const timeline = page.getByRole('list', { name: 'Changes, newest first' });
    await timeline.waitFor();
    const titles = await timeline.locator('.app-timeline__title').allTextContents();
    expect(titles.slice(0, 4)).toEqual([
      'Accepted by the committee',
      'Validated by the council',
      'Resubmitted to the council',
      'Draft changed',
    ]);
    expect(titles).toContain('Returned with comments');
    expect(titles).toContain('Submitted to the council');
    expect(titles.at(-1)).toBe('Asked for in the round');
    await checkPage(page, '34-history');
  });

  it('reads the submission form at 320 pixels wide without scrolling sideways', async () => {
    const { page } = partner;
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/');
    const demo = page.getByRole('table', { name: 'Progress updates Cleveland Police owes' }).getByRole('row').filter({ hasText: SEED_REVIEW });
    await demo.getByRole('link').click();
    await page.getByLabel(/Evidence of progress/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, '35-submission-form-320px');
    await checkPage(page, '35-submission-form-320px-full');
  });
});
