// The journey of issue 7, in the browser alone: an officer creates a review with a recommendation,
// records Cabinet's decision and writes and agrees the action plan → opens a round → the police
// contributor fills in and submits its update → the officer returns it with comments → the
// contributor resubmits (by keyboard alone) → the officer validates it with a different grade →
// the officer records the committee's acceptance → the officer downloads the progress update.
// Every page visited gets a screenshot and an axe run with zero violations.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPage, launch, newPage, snap } from './browser';
import { signIn } from './session';

const baseURL = inject('baseURL');
const OFFICER = 'officer@stockton.example';
const CONTRIBUTOR = 'contributor@cleveland-police.example';
const SEED_REVIEW = 'Police Communications in Stockton-on-Tees';

let browser: Browser;

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

  it('creates a review of the committee', async () => {
    const { page } = officer;
    await page.getByRole('link', { name: 'Reviews', exact: true }).click();
    await page.getByRole('link', { name: 'Create a review' }).click();
    await page.getByRole('heading', { level: 1, name: /Create a review/ }).waitFor();
    await page.getByRole('button', { name: 'Create review' }).click();
    // Nothing filled in: the API says what it needs, linked to the fields.
    await page.locator('.govuk-error-summary').getByRole('link', { name: /^Title: / }).waitFor();
    await page.getByLabel('Committee').selectOption({ label: 'Crime and Disorder Select Committee' });
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Task & Finish').check();
    await page.getByLabel('Work programme year (optional)').fill('2024-2025');
    await checkPage(page, '22a-create-review');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    reviewId = new URL(page.url()).pathname.split('/')[2]!;
    expect(reviewId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds a recommendation for the police', async () => {
    const { page } = officer;
    await page.getByRole('link', { name: 'Add a recommendation' }).click();
    await page.getByLabel('Recommendation number').fill('1');
    await page
      .getByLabel('Recommendation', { exact: true })
      .fill('Cleveland Police publishes a quarterly report of neighbourhood policing priorities for each ward.');
    await checkPage(page, '22b-add-recommendation');
    await page.getByRole('button', { name: 'Save recommendation' }).click();
    await page.getByRole('heading', { level: 1, name: /Recommendation 1/ }).waitFor();
    await checkPage(page, '22c-recommendation');
    await page.goto(`/reviews/${reviewId}`);
    await page.getByText('quarterly report of neighbourhood policing priorities').first().waitFor();
  });

  it("records Cabinet's decision on it", async () => {
    const { page } = officer;
    await page.getByRole('link', { name: 'Record a decision' }).click();
    const date = page.getByRole('group', { name: 'Date of decision' });
    await date.getByLabel('Day').fill('17');
    await date.getByLabel('Month').fill('3');
    await date.getByLabel('Year').fill('2025');
    await page.getByLabel('Item title').fill('Scrutiny review of neighbourhood policing priorities');
    await page.getByRole('group', { name: 'Key decision' }).getByLabel('No').check();
    await checkPage(page, '22d-record-decision');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await page.getByText('Scrutiny review of neighbourhood policing priorities').first().waitFor();
  });

  it('writes the action plan and agrees it', async () => {
    const { page } = officer;
    await page.getByRole('button', { name: 'Start an action plan' }).click();
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page
      .getByLabel('Agreed action')
      .fill('Publish ward priorities every quarter on the force website and in ward newsletters.');
    await page.getByLabel('Success measure', { exact: true }).fill('Four quarterly reports published for every ward');
    await page.getByRole('radio', { name: 'Named organisations or people' }).check();
    await page.getByRole('group', { name: 'Responsible organisations' }).getByLabel('Cleveland Police').check();
    const target = page.getByRole('group', { name: /Target date/ }).first();
    await target.getByRole('radio', { name: 'Month' }).check();
    await target.getByRole('textbox', { name: 'Month' }).fill('6');
    await target.getByRole('textbox', { name: 'Year' }).fill('2025');
    await page.getByLabel('Milestone (optional)').fill('First quarterly report');
    await checkPage(page, '22e-add-action');
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByRole('heading', { name: 'Action 1' }).waitFor();

    const agree = page.getByRole('form', { name: 'Agree the plan' });
    await agree.getByLabel('Title').fill('ACTION PLAN: Neighbourhood policing priorities');
    const agreed = agree.getByRole('group', { name: 'Date agreed' });
    await agreed.getByRole('radio', { name: 'Month' }).check();
    await agreed.getByRole('textbox', { name: 'Month' }).fill('3');
    await agreed.getByRole('textbox', { name: 'Year' }).fill('2025');
    await checkPage(page, '22f-plan-editor');
    await agree.getByRole('button', { name: 'Agree the plan' }).click();
    // Cabinet's decision is not published yet, so its call-in period has not run: the plan can be
    // agreed now only with a reason, which the plan's history keeps.
    await page.locator('.govuk-error-summary').getByText(/cannot be implemented yet/).waitFor();
    await agree
      .getByLabel('Reason to agree it now')
      .fill('The committee agreed the plan at its meeting; the decision is published next week.');
    await checkPage(page, '22g-plan-agree-before-call-in');
    await agree.getByRole('button', { name: 'Agree the plan' }).click();
    await page.getByRole('button', { name: 'Save plan details' }).waitFor();
    await page.goto(`/reviews/${reviewId}`);
    const plan = page.getByRole('table', { name: 'Actions' }).first();
    await plan.waitFor();
    expect(await plan.textContent()).toContain('Cleveland Police');
  });

  it('opens a round, prefilled from when the next update is due', async () => {
    const { page } = officer;
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

  it('downloads the progress update for the committee, as PDF and as Word', async () => {
    const { page } = officer;
    const pdfButton = page.getByRole('button', { name: 'Download the progress update (PDF)' });
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfBytes = await readFile((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfBytes.length).toBeGreaterThan(2000);

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the progress update (Word)' }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const docxBytes = await readFile((await docx.path())!);
    // A DOCX is a zip: it starts with the local file header.
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await checkPage(page, '33b-round-downloads');
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
