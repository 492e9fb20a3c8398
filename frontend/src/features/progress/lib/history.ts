import { plainField, snapshotOf, textOf, type HistoryVocabulary } from '@/components/ui/audit-history';
import { formatDate } from '@/lib/format';

/** A round's events and the fields its page shows. */
export const ROUND_HISTORY: HistoryVocabulary = {
  titles: {
    'progress_round.opened': 'Round opened',
    'progress_round.updated': 'Round changed',
    'progress_round.closed': 'Round closed: the committee accepted every update',
  },
  fields: [
    plainField('label', 'Name'),
    { label: 'Deadline for partners', get: (s) => formatDate(textOf(s.deadline)) },
    { label: 'Committee meeting', get: (s) => formatDate(textOf(s.meeting_date)) },
    plainField('minute_reference', 'Minute reference'),
    { label: 'Status', get: (s) => (s.status === 'open' ? 'Open' : s.status === 'closed' ? 'Closed' : textOf(s.status)) },
    {
      label: 'Updates',
      get: (s) => {
        const total = snapshotOf(s.entries)?.total;
        return typeof total === 'number' ? String(total) : '';
      },
    },
  ],
};
