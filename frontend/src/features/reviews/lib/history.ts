import { plainField, snapshotOf, textOf, type HistoryVocabulary } from '@/components/ui/audit-history';

/** A review's events and the fields its page shows. */
export const REVIEW_HISTORY: HistoryVocabulary = {
  titles: {
    'review.created': 'Review started',
    'review.updated': 'Details changed',
    'review.status_changed': 'Status changed',
  },
  fields: [
    plainField('title', 'Title'),
    { label: 'Type', get: (s) => textOf(s.review_type_label) || textOf(s.review_type) },
    plainField('work_programme_year', 'Work programme'),
    plainField('reference', 'Reference'),
    { label: 'Status', get: (s) => textOf(s.status_label) || textOf(s.status) },
    { label: 'Scrutiny officer', get: (s) => textOf(snapshotOf(s.scrutiny_officer)?.name) },
    plainField('summary', 'Summary', true),
    plainField('withdrawn_reason', 'Withdrawn because', true),
  ],
};
