import { plainField, textOf, type HistoryVocabulary } from '@/components/ui/audit-history';
import { formatDate } from '@/lib/format';

/** A committee's events and fields. */
export const COMMITTEE_HISTORY: HistoryVocabulary = {
  titles: {
    'committee.created': 'Committee added',
    'committee.updated': 'Details corrected',
    'committee.replaced': 'Renamed or replaced',
  },
  fields: [
    plainField('name', 'Name'),
    plainField('description', 'Description', true),
    plainField('update_interval_months', 'Months between progress updates'),
    { label: 'Replaced on', get: (s) => formatDate(textOf(s.replaced_on)) },
  ],
};
