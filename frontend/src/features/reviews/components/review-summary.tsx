import type { ContactRef, Review } from '@/api/types';
import { SummaryList } from '@/components/ui/summary-list';
import { ReviewStatusTag } from './review-status-tag';

function contact(c: ContactRef): string {
  return c.job_title ? `${c.name}, ${c.job_title}` : c.name;
}

export function ReviewSummary({ review, committeeName }: { review: Review; committeeName?: string }) {
  return (
    <SummaryList
      rows={[
        { key: 'Committee', value: committeeName },
        { key: 'Reference', value: review.reference },
        { key: 'Type', value: review.review_type_label },
        { key: 'Work programme year', value: review.work_programme_year },
        { key: 'Status', value: <ReviewStatusTag review={review} /> },
        { key: 'Scrutiny officer', value: review.scrutiny_officer ? contact(review.scrutiny_officer) : null },
        {
          key: review.link_officers.length === 1 ? 'Link officer' : 'Link officers',
          value:
            review.link_officers.length === 0 ? null : review.link_officers.length === 1 ? (
              contact(review.link_officers[0]!)
            ) : (
              <ul className="govuk-list">
                {review.link_officers.map((c) => (
                  <li key={c.id}>{contact(c)}</li>
                ))}
              </ul>
            ),
        },
        { key: 'Summary', value: review.summary ? <p className="govuk-body app-pre-line">{review.summary}</p> : null },
        { key: 'Withdrawn because', value: review.withdrawn_reason },
      ]}
    />
  );
}
