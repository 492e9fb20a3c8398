import { screen, within } from '@testing-library/react';
import type { Me } from '@/api/types';
import { committee, contributor, me, progressRound, REVIEW_ID, reviewDetail, ROUND_ID } from '@/testing/fixtures';
import { mockApi } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };

function review(who: Me) {
  signedIn();
  mockApi()
    .get('/api/v1/me', () => who)
    .get('/api/v1/committees/:id', () => ({ ...committee(), predecessors: [] }))
    .get('/api/v1/reviews/:id/progress-rounds', () => ({ items: [], next_cursor: null }))
    .get('/api/v1/reviews/:id', () => reviewDetail());
  return renderApp(`/reviews/${REVIEW_ID}`);
}

function round(who: Me) {
  signedIn();
  mockApi()
    .get('/api/v1/me', () => who)
    .get(`/api/v1/progress-rounds/${ROUND_ID}`, () => progressRound())
    .get(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () => [])
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail());
  return renderApp(`/progress-rounds/${ROUND_ID}`);
}

describe('documents and imports on the review and round pages', () => {
  it('offers the action plan paper, the spreadsheet and, to staff, the import', async () => {
    review(me());
    const heading = await screen.findByRole('heading', { name: 'Download the action plan' }, LOADED);
    const list = heading.parentElement!;
    expect(within(list).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Download the action plan (PDF)',
      'Download the action plan (Word)',
      'Download the action plan (HTML)',
      'Download the action plan as a spreadsheet (CSV)',
      'Download the action plan as a spreadsheet (Excel)',
    ]);
    expect(await screen.findByRole('link', { name: 'Import an action plan from a file' })).toHaveAttribute(
      'href',
      `/reviews/${REVIEW_ID}/imports/action-plan`,
    );
    expect(screen.getByRole('button', { name: 'Download the decision record (PDF)' })).toBeInTheDocument();
  });

  it('does not offer partners the import', async () => {
    review(contributor());
    await screen.findByRole('heading', { name: 'Download the action plan' }, LOADED);
    expect(screen.queryByRole('link', { name: 'Import an action plan from a file' })).toBeNull();
  });

  it('links staff from an open round to the progress update import', async () => {
    round(me());
    expect(await screen.findByRole('link', { name: 'Import a progress update from a file' }, LOADED)).toHaveAttribute(
      'href',
      `/progress-rounds/${ROUND_ID}/imports/progress-update`,
    );
  });

  it('gives partners the paper but not the import', async () => {
    round(contributor());
    expect(await screen.findByRole('button', { name: 'Download the progress update (Word)' }, LOADED)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Import a progress update from a file' })).toBeNull();
  });
});
