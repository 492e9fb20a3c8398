import type { ImportColumn, ImportField, ImportProfile, ImportProfileKind } from '@/api/types';
import { ErrorMessage } from '@/components/ui/form';
import { columnSelectId, FIELD_LABELS, fieldsOf, profileColumnFor, type Mapping } from '../lib/mapping';
import { ScrollTable } from './issues-table';

type Props = {
  kind: ImportProfileKind;
  columns: readonly ImportColumn[];
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
  /** The profile the mapping was pre-set from, if any: its columns' hints say so. */
  profile: ImportProfile | null;
  /** Messages by select id. */
  errors: Record<string, string>;
};

function hintOf(column: ImportColumn, profile: ImportProfile | null): string {
  const proposal = `Suggested: ${FIELD_LABELS[column.proposed]} (${column.why})`;
  if (!profile) return proposal;
  const saved = profileColumnFor(profile, column.heading);
  return saved ? `As saved in ‘${profile.name}’ (heading “${saved.heading}”)` : `Not in ‘${profile.name}’. ${proposal}`;
}

/** Each column of the file, its first values, and a choice of the field it fills. */
export function ColumnMapping({ kind, columns, mapping, onChange, profile, errors }: Props) {
  const options = fieldsOf(kind);
  const caption = `The file’s columns (${columns.length})`;
  return (
    <ScrollTable label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Column
            </th>
            <th scope="col" className="govuk-table__header">
              Heading
            </th>
            <th scope="col" className="govuk-table__header">
              First values
            </th>
            <th scope="col" className="govuk-table__header">
              Imported as
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {columns.map((column) => {
            const id = columnSelectId(column);
            const error = errors[id];
            const heading = column.heading.trim() || `Column ${column.letter}`;
            return (
              <tr className="govuk-table__row" key={column.index}>
                <th scope="row" className="govuk-table__header">
                  {column.letter}
                </th>
                <td className="govuk-table__cell">{column.heading.trim() || <span className="app-secondary-text">No heading</span>}</td>
                <td className="govuk-table__cell">
                  {column.samples.length > 0 ? (
                    <ul className="govuk-list govuk-body-s">
                      {column.samples.map((sample, i) => (
                        <li key={`${i}-${sample}`} className="app-pre-line">
                          {sample}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="app-secondary-text">Empty</span>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <div className={`app-bare-field${error ? ' govuk-form-group--error' : ''}`}>
                    <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
                      {`Column ${column.letter}, ${heading}, is imported as`}
                    </label>
                    <div className="govuk-hint govuk-body-s" id={`${id}-hint`}>
                      {hintOf(column, profile)}
                    </div>
                    <ErrorMessage id={id} error={error} />
                    <select
                      className={`govuk-select${error ? ' govuk-select--error' : ''}`}
                      id={id}
                      name={id}
                      value={mapping[column.index] ?? 'ignore'}
                      aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
                      onChange={(e) => onChange({ ...mapping, [column.index]: e.target.value as ImportField })}
                    >
                      {options.map((field) => (
                        <option key={field} value={field}>
                          {FIELD_LABELS[field]}
                        </option>
                      ))}
                    </select>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
