import type { KeyFigure } from '@/api/types';
import { formatDate } from '@/lib/format';

/** "95.2 %", "102": a figure with its unit. */
export function figureValue(f: KeyFigure): string {
  if (!f.unit) return f.value;
  return f.unit === '%' ? `${f.value}%` : `${f.value} ${f.unit}`;
}

export function KeyFiguresTable({ figures }: { figures: readonly KeyFigure[] }) {
  if (figures.length === 0) return <p className="govuk-body">No key figures given.</p>;
  return (
    <table className="govuk-table app-table--responsive">
      <caption className="govuk-table__caption govuk-table__caption--s">Key figures</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            What
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Figure
          </th>
          <th scope="col" className="govuk-table__header">
            Covering
          </th>
          <th scope="col" className="govuk-table__header">
            As of
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {figures.map((f, i) => (
          <tr className="govuk-table__row" key={i}>
            <th scope="row" className="govuk-table__header">
              {f.label}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Figure">
              {figureValue(f)}
            </td>
            <td className="govuk-table__cell" data-label="Covering">
              {f.scope ?? ''}
            </td>
            <td className="govuk-table__cell" data-label="As of">
              {formatDate(f.as_of)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
