import { plainField, type HistoryVocabulary } from '@/components/ui/audit-history';

/** A part's events and fields. */
export const PART_HISTORY: HistoryVocabulary = {
  titles: {
    'recommendation_part.created': 'Part added',
    'recommendation_part.updated': 'Part changed',
    'recommendation_part.withdrawn': 'Part withdrawn',
  },
  fields: [
    plainField('label', 'Label'),
    plainField('text', 'Text', true),
    plainField('position', 'Position'),
    plainField('withdrawn_reason', 'Withdrawn because', true),
  ],
};
