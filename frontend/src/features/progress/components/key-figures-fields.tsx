import { ErrorMessage, TextInput } from '@/components/ui/form';
import { newFigureRow, type FigureRow } from '../lib/draft';

/** The columns of a key figure row: its field in the form, the API's name, and its label. */
export const FIGURE_COLUMNS = [
  { name: 'label', api: 'label', label: 'What it measures', width: 'govuk-!-width-full' },
  { name: 'value', api: 'value', label: 'Figure', width: 'govuk-input--width-5' },
  { name: 'unit', api: 'unit', label: 'Unit', width: 'govuk-input--width-4' },
  { name: 'scope', api: 'scope', label: 'Covering', width: 'govuk-!-width-full' },
  { name: 'asOf', api: 'as_of', label: 'As of', width: 'app-input--date' },
] as const;

type Props = {
  rows: readonly FigureRow[];
  /** The new rows, and the ids of the fields the change touched. */
  onChange: (rows: FigureRow[], touched: string[]) => void;
  errorFor: (id: string) => string | undefined;
  addError?: string | undefined;
};

/**
 * Key figures quoted in the evidence ("VCOP compliance 95.2 % (Northside officers) as of
 * 02/11/22"): one row each, added and removed with buttons that keep focus where it makes sense.
 */
export function KeyFiguresFields({ rows, onChange, errorFor, addError }: Props) {
  function add() {
    const row = newFigureRow();
    onChange([...rows, row], ['key-figures-add']);
    // Focus the new row's first field once it is on the page.
    requestAnimationFrame(() => document.getElementById(`figure-${row.key}-label`)?.focus());
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index);
    const gone = rows[index];
    onChange(next, gone ? FIGURE_COLUMNS.map((c) => `figure-${gone.key}-${c.name}`) : []);
    requestAnimationFrame(() => {
      const target = next[Math.min(index, next.length - 1)];
      const el = target ? document.getElementById(`figure-${target.key}-label`) : document.getElementById('key-figures-add');
      el?.focus();
    });
  }

  function update(index: number, patch: Partial<FigureRow>, id: string) {
    onChange(
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      [id, 'key-figures-add'],
    );
  }

  return (
    <div className={`govuk-form-group${addError ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby="key-figures-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Key figures (optional)</legend>
        <div id="key-figures-hint" className="govuk-hint">
          Figures quoted in the evidence, for example &ldquo;VCOP compliance 95.2% (Northside officers)&rdquo;. Write the
          figure as a number, such as 95.2 or 102.
        </div>
        <ErrorMessage id="key-figures-add" error={addError} />
        <div>
          {rows.map((row, i) => (
            <fieldset className="govuk-fieldset app-figure-row" key={row.key}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Key figure {i + 1}</legend>
              <div className="app-figure-row__fields">
                {FIGURE_COLUMNS.map((column) => {
                  const id = `figure-${row.key}-${column.name}`;
                  return (
                    <div className={`app-figure-row__field app-figure-row__field--${column.name}`} key={column.name}>
                      <TextInput
                        bare
                        id={id}
                        label={column.label}
                        type={column.name === 'asOf' ? 'date' : 'text'}
                        width={column.width}
                        error={errorFor(id)}
                        value={row[column.name]}
                        onChange={(value) => update(i, { [column.name]: value }, id)}
                      />
                    </div>
                  );
                })}
              </div>
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => remove(i)}
              >
                Remove<span className="govuk-visually-hidden"> key figure {i + 1}</span>
              </button>
            </fieldset>
          ))}
        </div>
        <button type="button" className="govuk-button govuk-button--secondary" id="key-figures-add" onClick={add}>
          {rows.length === 0 ? 'Add a key figure' : 'Add another key figure'}
        </button>
      </fieldset>
    </div>
  );
}
