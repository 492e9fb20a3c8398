import type { ProgressEntry } from '@/api/types';
import { SummaryList } from '@/components/ui/summary-list';
import { formatDate, formatInstant } from '@/lib/format';
import { KeyFiguresTable } from './key-figures-table';

/** The evidence of progress, as the API rendered its Markdown (safe HTML: nothing raw passes). */
export function ProgressEvidence({ entry }: { entry: ProgressEntry }) {
  if (!entry.progress_html) return <p className="govuk-body app-secondary-text">No evidence of progress written yet.</p>;
  return <div className="govuk-body app-markdown" dangerouslySetInnerHTML={{ __html: entry.progress_html }} />;
}

/** What the partner reported: evidence, grade with its explanation, impact and key figures. */
export function EntryReport({ entry }: { entry: ProgressEntry }) {
  const label = entry.round.label;
  return (
    <>
      <h2 className="govuk-heading-m">Evidence of progress ({label})</h2>
      <ProgressEvidence entry={entry} />
      <SummaryList
        rows={[
          { key: `Assessment of progress (${label})`, value: entry.grades.proposed?.display ?? 'Not graded yet' },
          {
            key: 'Explanation',
            value: entry.proposed_explanation ? <span className="app-pre-line">{entry.proposed_explanation}</span> : null,
          },
          {
            key: `Evidence of impact (${label})`,
            value: entry.impact_text ? <span className="app-pre-line">{entry.impact_text}</span> : 'Not recorded',
          },
        ]}
      />
      <KeyFiguresTable figures={entry.key_figures} />
    </>
  );
}

/** Who did what to the entry and when, and what the council decided. */
export function EntryRecord({ entry }: { entry: ProgressEntry }) {
  const who = (name?: string | null, at?: string | null) => (name ? `${name}, ${formatInstant(at)}` : null);
  const rows = [
        { key: 'Last written', value: who(entry.written_by, entry.written_at) },
        { key: 'Submitted', value: who(entry.submitted_by, entry.submitted_at) },
        { key: 'Validated', value: who(entry.validated_by, entry.validated_at) },
        { key: "Officer's reason", value: entry.officer_reason },
        { key: 'Reason for overriding the parts', value: entry.override_reason },
        { key: 'Accepted by the committee', value: who(entry.accepted_by, entry.accepted_at) },
        { key: 'Committee meeting', value: entry.accepted_meeting_date ? formatDate(entry.accepted_meeting_date) : null },
    { key: 'Minute reference', value: entry.minute_reference },
  ];
  if (rows.every((row) => !row.value)) return null;
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Who did what</h2>
      <SummaryList rows={rows} />
    </>
  );
}
