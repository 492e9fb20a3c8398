import { ErrorMessage } from '@/components/ui/form';
import { emptyLevel, MAX_LEVELS, type LevelDraft, type ScaleDraft } from '../lib/grade-scale';

type Props = {
  value: ScaleDraft;
  onChange: (value: ScaleDraft) => void;
  /** Messages by control id. */
  errors: Record<string, string>;
};

function Field({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  width,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  width?: string;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} error={error} />
      <input
        className={`govuk-input${width ? ` ${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        spellCheck={false}
        value={value}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/**
 * The grading scale: its levels best first, each with its code, label, description, whether a
 * grade at that level needs an explanation and whether it closes the recommendation.
 */
export function GradeScaleFields({ value, onChange, errors }: Props) {
  const { levels } = value;
  const setLevel = (i: number, patch: Partial<LevelDraft>) =>
    onChange({ ...value, levels: levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const move = (i: number, to: number) => {
    const next = [...levels];
    const [item] = next.splice(i, 1);
    next.splice(to, 0, item!);
    onChange({ ...value, levels: next });
  };
  const scaleError = errors['grade-levels'];
  return (
    <div className={`govuk-form-group${scaleError ? ' govuk-form-group--error' : ''}`}>
      <h2 className="govuk-heading-m" id="grade-levels" tabIndex={-1}>
        Grading scale
      </h2>
      <p className="govuk-body">
        The grades partners propose and the committee accepts, best first. A grade that any progress update already
        carries cannot be removed.
      </p>
      <ErrorMessage id="grade-levels" error={scaleError} />
      <Field
        id="scale-name"
        label="Name of the scale"
        hint="For example, Scrutiny progress (1–4)"
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        error={errors['scale-name']}
        width="govuk-input--width-20"
      />
      <ol className="govuk-list">
        {levels.map((level, i) => {
          const p = `level-${i}`;
          const n = i + 1;
          return (
            <li key={level.key}>
              <fieldset className="govuk-fieldset app-admin-level govuk-!-margin-bottom-6">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  Grade {n}
                  {n === 1 ? ' (the best)' : n === levels.length ? ' (the worst)' : ''}
                </legend>
                <Field id={`${p}-code`} label="Code" hint="As documents write it, for example 1 or Green" value={level.code} onChange={(code) => setLevel(i, { code })} error={errors[`${p}-code`]} width="govuk-input--width-10" />
                <Field id={`${p}-label`} label="Label" hint="For example, Fully Achieved" value={level.label} onChange={(label) => setLevel(i, { label })} error={errors[`${p}-label`]} width="govuk-input--width-20" />
                <Field id={`${p}-description`} label="Description (optional)" hint="What it means, where the label alone does not say" value={level.description} onChange={(description) => setLevel(i, { description })} error={errors[`${p}-description`]} />
                <Field id={`${p}-colour`} label="Colour (optional)" hint="A hex colour such as #00703c" value={level.colour} onChange={(colour) => setLevel(i, { colour })} error={errors[`${p}-colour`]} width="govuk-input--width-10" />
                <div className={`govuk-form-group${errors[`${p}-closes`] ? ' govuk-form-group--error' : ''}`}>
                  <ErrorMessage id={`${p}-closes`} error={errors[`${p}-closes`]} />
                  <div className="govuk-checkboxes govuk-checkboxes--small">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={`${p}-explanation`} type="checkbox" checked={level.explanationRequired} onChange={(e) => setLevel(i, { explanationRequired: e.target.checked })} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`${p}-explanation`}>
                        A grade {level.code.trim() || n} needs an explanation
                      </label>
                    </div>
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={`${p}-closes`} type="checkbox" checked={level.closes} onChange={(e) => setLevel(i, { closes: e.target.checked })} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`${p}-closes`}>
                        Accepted at grade {level.code.trim() || n}, the recommendation is closed
                      </label>
                    </div>
                  </div>
                </div>
                <div className="govuk-button-group">
                  {i > 0 ? (
                    <button type="button" className="govuk-button govuk-button--secondary" onClick={() => move(i, i - 1)}>
                      Move up <span className="govuk-visually-hidden">grade {n}</span>
                    </button>
                  ) : null}
                  {i < levels.length - 1 ? (
                    <button type="button" className="govuk-button govuk-button--secondary" onClick={() => move(i, i + 1)}>
                      Move down <span className="govuk-visually-hidden">grade {n}</span>
                    </button>
                  ) : null}
                  {levels.length > 1 ? (
                    <button type="button" className="govuk-button govuk-button--warning" onClick={() => onChange({ ...value, levels: levels.filter((_, j) => j !== i) })}>
                      Remove <span className="govuk-visually-hidden">grade {n}</span>
                    </button>
                  ) : null}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {levels.length < MAX_LEVELS ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange({ ...value, levels: [...levels, emptyLevel()] })}>
          Add a grade
        </button>
      ) : null}
    </div>
  );
}
