import { decodeCouncils, decodeReview, decodeReviews, OpenDataShapeError } from './decode';
import { gradeLabel, milestoneText, partialDate, reviewStatusLabel } from './labels';

describe('decoding open data', () => {
  it('reads the councils and a page of reviews', () => {
    expect(decodeCouncils({ items: [{ id: 'c', name: 'Stockton', published_reviews: 2 }], next_cursor: null })).toEqual({
      items: [{ id: 'c', name: 'Stockton', published_reviews: 2 }],
      next_cursor: null,
    });
    const page = decodeReviews({
      items: [
        {
          id: 'r',
          title: 'T',
          review_type: 'other',
          work_programme_year: null,
          status: 'monitoring',
          summary: null,
          council_id: 'c',
          council_name: 'Stockton',
          committee: 'Crime',
        },
      ],
      next_cursor: 'abc',
    });
    expect(page.next_cursor).toBe('abc');
    expect(page.items[0]!.work_programme_year).toBeNull();
  });

  it('reads a review whose lists are empty and whose plan is not agreed', () => {
    const review = decodeReview({
      id: 'r',
      title: 'T',
      review_type: 'other',
      work_programme_year: '2021-2022',
      status: 'approved_by_committee',
      summary: null,
      council_id: 'c',
      council_name: 'Stockton',
      committee: 'Crime',
      recommendations: [],
      decisions: [],
      action_plan: null,
    });
    expect(review.action_plan).toBeNull();
    expect(review.recommendations).toEqual([]);
  });

  it('fails, saying where, on an answer of another shape', () => {
    expect(() => decodeCouncils({ items: [{ id: 'c', name: 'Stockton' }] })).toThrow(OpenDataShapeError);
    expect(() => decodeCouncils({ items: [{ id: 'c', name: 'Stockton' }] })).toThrow('answer.items[0].published_reviews');
    expect(() => decodeReviews([])).toThrow(OpenDataShapeError);
  });
});

describe('open data in words', () => {
  it('writes grades as the papers do, and dates by their precision', () => {
    expect(gradeLabel({ grade: '2', label: 'On-Track', round: null, meeting_date: null })).toBe('2 (On-Track)');
    expect(gradeLabel({ grade: 'A', label: null, round: null, meeting_date: null })).toBe('A');
    expect(partialDate('2022-09-01', 'month')).toBe('September 2022');
    expect(partialDate('2022-09-01', 'day')).toBe('1 September 2022');
    expect(milestoneText({ due_on: null, precision: null, label: 'Training', met: false })).toBe('No date (Training)');
    expect(reviewStatusLabel('signed_off')).toBe('Signed off');
    expect(reviewStatusLabel('something_new')).toBe('Something new');
  });
});
