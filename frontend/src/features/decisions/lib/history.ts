import { plainField, snapshotOf, textOf, type HistoryVocabulary } from '@/components/ui/audit-history';
import { formatDate, formatLocalDateTime } from '@/lib/format';
import { callInStateLabel } from '../components/call-in-summary';

/** A decision's events and the fields its page shows. */
export const DECISION_HISTORY: HistoryVocabulary = {
  titles: {
    'decision.created': 'Decision recorded',
    'decision.updated': 'Decision changed',
    'decision.call_in_changed': 'Call-in recorded',
    'decision.call_in_expired': 'Call-in period ended',
    'decision.deadline_recomputed': 'Call-in deadline recomputed',
  },
  fields: [
    plainField('body', 'Decided by'),
    { label: 'Meeting date', get: (s) => formatDate(textOf(s.meeting_date)) },
    plainField('item_title', 'Item'),
    plainField('reference', 'Reference'),
    { label: 'Key decision', get: (s) => textOf(s.key_decision) },
    { label: 'Published', get: (s) => formatDate(textOf(s.published_on)) },
    {
      label: 'Call-in deadline',
      get: (s) => formatLocalDateTime(textOf(snapshotOf(s.call_in)?.computed_deadline_local)),
    },
    {
      label: 'Call-in',
      get: (s) => {
        const state = textOf(snapshotOf(s.call_in)?.state);
        return state ? callInStateLabel(state) : '';
      },
    },
    { label: 'Call-in note', get: (s) => textOf(snapshotOf(s.call_in)?.note), long: true },
    plainField('decision_text', 'Decision', true),
    { label: 'Resolutions', get: (s) => (Array.isArray(s.resolutions) ? String(s.resolutions.length) : '') },
    plainField('reasons', 'Reasons', true),
  ],
};
