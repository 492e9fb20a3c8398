import { useState, type FormEvent } from 'react';
import { Link } from '@/components/ui/link';

export type FilterField = {
  name: string;
  label: string;
  /** A select of these options, with "all" first; absent: a text or date input. */
  options?: readonly { value: string; label: string }[];
  all?: string;
  type?: 'text' | 'date';
  hint?: string;
};

/** "Organisation": a select of every organisation, "All organisations" first. */
export function organisationFilter(organisations: readonly { id: string; name: string }[] | undefined): FilterField {
  return {
    name: 'organisation',
    label: 'Organisation',
    all: 'All organisations',
    options: (organisations ?? []).map((o) => ({ value: o.id, label: o.name })),
  };
}

type Props = {
  /** "Filter users": the search landmark's name. */
  label: string;
  fields: readonly FilterField[];
  values: Record<string, string>;
  /** The unfiltered list, for "Clear filters". */
  clearTo: string;
  onApply: (values: Record<string, string>) => void;
};

function same(a: Record<string, string>, b: Record<string, string>) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** Filters of a list; applying them starts again from the first page. */
export function ListFilters({ label, fields, values, clearTo, onApply }: Props) {
  const [draft, setDraft] = useState(values);
  const [seen, setSeen] = useState(values);
  if (!same(seen, values)) {
    // The URL changed (back button, a shared link): show what it says.
    setSeen(values);
    setDraft(values);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  const filtered = fields.some((f) => values[f.name]);
  return (
    <form className="app-filters" onSubmit={submit} role="search" aria-label={label}>
      <div className="app-filters__fields">
        {fields.map((f) => {
          const id = `filter-${f.name}`;
          const value = draft[f.name] ?? '';
          const set = (v: string) => setDraft({ ...draft, [f.name]: v });
          return (
            <div className="govuk-form-group" key={f.name}>
              <label className="govuk-label" htmlFor={id}>
                {f.label}
              </label>
              {f.hint ? (
                <div className="govuk-hint" id={`${id}-hint`}>
                  {f.hint}
                </div>
              ) : null}
              {f.options ? (
                <select className="govuk-select" id={id} name={f.name} value={value} onChange={(e) => set(e.target.value)}>
                  <option value="">{f.all ?? 'All'}</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  className="govuk-input govuk-input--width-20"
                  id={id}
                  name={f.name}
                  type={f.type ?? 'text'}
                  value={value}
                  aria-describedby={f.hint ? `${id}-hint` : undefined}
                  onChange={(e) => set(e.target.value)}
                />
              )}
            </div>
          );
        })}
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        {filtered ? <Link to={clearTo}>Clear filters</Link> : null}
      </div>
    </form>
  );
}
