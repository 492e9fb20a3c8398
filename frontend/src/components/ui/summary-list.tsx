import type { ReactNode } from 'react';

export type SummaryRow = { key: string; value: ReactNode };

/** The GOV.UK summary list; rows without a value are left out. */
export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  const shown = rows.filter((row) => row.value !== null && row.value !== undefined && row.value !== '');
  return (
    <dl className="govuk-summary-list">
      {shown.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
