// A tracker import, in the browser against the real server with the demo data: an officer pastes
// a small tracker (two new reviews of the Crime and Disorder Select Committee, named by its
// initials), checks the columns' proposed fields and saves them as a new column mapping; the dry
// run finds the status words without grades, which the officer maps to the council's scale and
// saves into the mapping; the report then rejects no row, and the import creates the reviews and
// their progress. The review is found in the reviews list with its reference; the mapping is seen
// in the settings; the same tracker imported again changes nothing. Every page visited gets a
// screenshot, an axe run with zero violations and a check of its structure.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage } from './browser';
import { check, menu, signIn } from './session';

const baseURL = inject('baseURL');
const OFFICER = 'officer@stockton.example';
const PROFILE = 'E2E tracker';
const FIRST_REVIEW = 'Youth Diversion in Stockton';
const FIRST_REF = '2025/26-E01';
const SECOND_REVIEW = 'Safer Night-Time Economy';

// As Excel copies cells: tab-separated, a header row, one recommendation a row. "CDSC" is the
// initials of the demo's Crime and Disorder Select Committee; Cleveland Police is a demo partner.
const TRACKER = [
  ['Ref', 'Review', 'Origin', 'Rec', 'Recommendation', 'Lead', 'RAG', 'Progress update', 'Last updated'],
  [
    FIRST_REF,
    FIRST_REVIEW,
    'CDSC',
    '1',
    'That the council and the police fund a youth diversion worker for each ward.',
    'Cleveland Police',
    'Complete',
    'A worker has been in post in every ward since January.',
    'Feb 2026',
  ],
  [
    FIRST_REF,
    FIRST_REVIEW,
    'CDSC',
    '2',
    'That the outcomes of diversion are reported to the committee every six months.',
    'Cleveland Police',
    'Ongoing',
    'The first report goes to the committee in the spring.',
    'Feb 2026',
  ],
  [
    '2025/26-E02',
    SECOND_REVIEW,
    'CDSC',
    '1',
    'That licensed premises in the town centre join the Safer Streets scheme.',
    'Cleveland Police',
    'Ongoing',
    'Twelve premises have joined so far.',
    'Feb 2026',
  ],
]
  .map((row) => row.join('\t'))
  .join('\n');

// The field each heading is proposed as (the options' values).
const PROPOSED: [string, string, string][] = [
  ['A', 'Ref', 'review_reference'],
  ['B', 'Review', 'review_title'],
  ['C', 'Origin', 'committee'],
  ['D', 'Rec', 'number'],
  ['E', 'Recommendation', 'recommendation'],
  ['F', 'Lead', 'lead'],
  ['G', 'RAG', 'status'],
  ['H', 'Progress update', 'progress'],
  ['I', 'Last updated', 'updated_on'],
];

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The value of a summary list row, by its key. */
async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator('.govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) });
  return ((await row.locator('dd').first().textContent()) ?? '').trim();
}

/** From the reviews page to the tracker import, the tracker pasted and a mapping chosen. */
async function pasteTracker(page: Page, mapping: string | null) {
  await menu(page).getByRole('link', { name: 'Reviews', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
  await page.getByRole('link', { name: 'Import a tracker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import a tracker' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/imports/tracker');
  await page.getByLabel('Paste a table').check();
  await page.getByLabel('Paste the tracker').fill(TRACKER);
  if (mapping) await page.getByLabel('Column mapping').selectOption({ label: mapping });
}

describe('an officer imports a tracker', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await newPage(browser, baseURL));
  });

  afterAll(async () => {
    await page?.context().close();
    expect(errors, 'errors in the page').toEqual([]);
  });

  it('pastes the tracker from the reviews page', async () => {
    await signIn(page, OFFICER);
    await pasteTracker(page, null);
    // The count under the box, as it is seen.
    await page.locator('#pasted-count').getByText(`${TRACKER.length.toLocaleString('en-GB')} characters`).waitFor();
    await check(page, 't01-import-tracker');
    await page.getByRole('button', { name: 'Continue' }).click();
  });

  it("sees each column's proposed field, and saves them as a new mapping", async () => {
    await page.getByRole('heading', { level: 1, name: 'Say which column of the tracker is which' }).waitFor();
    const columns = page.getByRole('table', { name: /^The file’s columns \(9\)/ });
    await columns.waitFor();
    await page.getByText('The headings are on row 1; 3 rows are below them.').waitFor();
    for (const [letter, heading, field] of PROPOSED) {
      const select = page.getByLabel(`Column ${letter}, ${heading}, is imported as`);
      expect(await select.inputValue(), `column ${letter} (${heading})`).toBe(field);
    }
    // The first values of a column, as read.
    await columns.getByText(FIRST_REF).first().waitFor();
    // No saved mapping yet: a new one, named.
    expect(await page.getByLabel('Saved column mapping').count()).toBe(0);
    await page.getByLabel('Name of the mapping').fill(PROFILE);
    await check(page, 't02-tracker-mapping');
    await page.getByRole('button', { name: 'Save the mapping and check the file' }).click();
  });

  it('is shown the status words without grades, maps them and saves them to the mapping', async () => {
    await page.getByRole('heading', { level: 1, name: 'Check the tracker before importing' }).waitFor();
    expect(await summaryValue(page, 'Column mapping')).toBe(PROFILE);
    expect(await summaryValue(page, 'Rows read')).toBe('3');
    expect(await summaryValue(page, 'Rows that cannot be imported')).toBe('3');
    await page.getByRole('heading', { level: 2, name: 'Status words without a grade' }).waitFor();
    // The committee was found by its initials: nothing to map there.
    expect(await page.getByRole('heading', { name: 'Committees not found' }).count()).toBe(0);
    // The rows are not importable yet, and the summary says why.
    await page.getByRole('heading', { name: 'Some rows cannot be imported' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    const complete = page.getByLabel('Status “Complete”');
    const ongoing = page.getByLabel('Status “Ongoing”');
    await check(page, 't03-tracker-unmapped-statuses');

    await complete.selectOption({ label: '1 (Fully Achieved)' });
    await ongoing.selectOption({ label: '2 (On-Track)' });
    await check(page, 't04-tracker-statuses-chosen');
    await page.getByRole('button', { name: `Save to ‘${PROFILE}’ and check again` }).click();

    // The dry run again, through the mapping as saved: every row can be imported.
    await expect.poll(() => summaryValue(page, 'Rows that cannot be imported')).toBe('0');
    expect(await page.getByRole('heading', { name: 'Status words without a grade' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Some rows cannot be imported' }).count()).toBe(0);
    expect(await page.getByText('Cannot be imported', { exact: true }).count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Import the tracker' }).waitFor();
    await check(page, 't05-tracker-dry-run');
  });

  it('imports it and is told what was created', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tracker imported' }).waitFor();
    await page.getByText('3 rows imported').waitFor();
    const main = page.getByRole('main');
    await main.getByRole('listitem').filter({ hasText: /^2 reviews created$/ }).waitFor();
    await main.getByRole('listitem').filter({ hasText: /^3 progress entries created$/ }).waitFor();
    await main.getByRole('listitem').filter({ hasText: /^3 recommendations added$/ }).waitFor();
    // Nothing is listed that did not happen.
    expect(await main.getByText(/^0 /).count()).toBe(0);
    await check(page, 't06-tracker-imported');
  });

  it('finds a new review in the reviews list, with its reference', async () => {
    await page.getByRole('link', { name: 'Go to the reviews' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    const reviews = page.getByRole('table', { name: 'Reviews' });
    const row = reviews.getByRole('row').filter({ hasText: FIRST_REVIEW });
    await row.waitFor();
    expect(await row.textContent()).toContain('Crime and Disorder Select Committee');
    await reviews.getByRole('link', { name: SECOND_REVIEW }).waitFor();
    await check(page, 't07-reviews-with-imported');
    await row.getByRole('link', { name: FIRST_REVIEW }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(FIRST_REVIEW) }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/reviews\/[0-9a-f-]{36}$/);
    await expect.poll(() => summaryValue(page, 'Reference')).toBe(FIRST_REF);
    expect(await summaryValue(page, 'Committee')).toBe('Crime and Disorder Select Committee');
    await check(page, 't08-imported-review');
  });

  it("sees the mapping's status words in the settings", async () => {
    await menu(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Import column mappings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import column mappings' }).waitFor();
    const list = page.getByRole('table', { name: 'Column mappings' });
    await list.getByRole('row').filter({ hasText: PROFILE }).getByText('Tracker', { exact: true }).waitFor();
    await check(page, 't09-import-mappings');
    await list.getByRole('link', { name: PROFILE }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(PROFILE) }).waitFor();
    const statuses = page.getByRole('table', { name: 'Status words' });
    await statuses.getByRole('row').filter({ hasText: 'Complete' }).getByText('1 (Fully Achieved)').waitFor();
    await statuses.getByRole('row').filter({ hasText: 'Ongoing' }).getByText('2 (On-Track)').waitFor();
    await page.getByRole('table', { name: 'Columns' }).getByRole('row').filter({ hasText: 'Last updated' }).getByText('Updated on').waitFor();
    await check(page, 't10-import-mapping');
  });

  it('imports the same tracker again through the saved mapping, and is told nothing changed', async () => {
    await pasteTracker(page, PROFILE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Say which column of the tracker is which' }).waitFor();
    // The saved mapping chosen, each column as saved in it.
    const saved = page.getByLabel('Saved column mapping');
    expect(await saved.locator('option:checked').textContent()).toBe(PROFILE);
    await page.getByText(`As saved in ‘${PROFILE}’ (heading “Ref”)`).waitFor();
    await page.getByLabel(`Save it as ‘${PROFILE}’`).waitFor();
    expect(await page.getByLabel(`Save it as ‘${PROFILE}’`).isChecked()).toBe(true);
    await check(page, 't11-tracker-mapping-saved');
    await page.getByRole('button', { name: 'Save the mapping and check the file' }).click();

    await page.getByRole('heading', { level: 1, name: 'Check the tracker before importing' }).waitFor();
    // The dry run reads the rows afresh against the reviews now there: none is refused. (Only the
    // commit finds the same table imported before.)
    expect(await summaryValue(page, 'Rows read')).toBe('3');
    expect(await summaryValue(page, 'Rows that cannot be imported')).toBe('0');
    expect(await page.getByRole('heading', { name: 'Status words without a grade' }).count()).toBe(0);
    await check(page, 't12-tracker-dry-run-again');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tracker already imported' }).waitFor();
    await page.getByText('This table was imported before. Nothing was changed.').waitFor();
    await check(page, 't13-tracker-already-imported');

    // Still one review of that reference.
    await page.getByRole('link', { name: 'Go to the reviews' }).click();
    const reviews = page.getByRole('table', { name: 'Reviews' });
    await reviews.getByRole('link', { name: FIRST_REVIEW }).waitFor();
    expect(await reviews.getByRole('link', { name: FIRST_REVIEW }).count()).toBe(1);
  });
});
