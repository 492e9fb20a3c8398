import type { ProgressEntry } from '@/api/types';
import { formatInstant } from '@/lib/format';
import { differences, draftOf, DRAFT_FIELD_LABELS, type Draft } from '../lib/draft';
import { gradeCodeDisplay } from '../lib/grade-scale';
import { figureValue } from './key-figures-table';

function theirValue(field: ReturnType<typeof differences>[number], theirs: Draft): string {
  switch (field) {
    case 'progress':
      return theirs.progress || '(blank)';
    case 'grade':
      return theirs.grade ? gradeCodeDisplay(theirs.grade) : '(none)';
    case 'explanation':
      return theirs.explanation || '(blank)';
    case 'impact':
      return theirs.impact === 'none_undertaken'
        ? 'No assessment of impact undertaken'
        : theirs.impact === 'evidence'
          ? theirs.impactText
          : '(not recorded)';
    case 'figures':
      return theirs.figures.length === 0
        ? '(none)'
        : theirs.figures
            .map((f) => `${f.label}: ${figureValue({ label: f.label, value: f.value, unit: f.unit || null })}`)
            .join('; ');
  }
}

type Props = {
  mine: Draft;
  theirs: ProgressEntry;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/**
 * A 412: someone else saved the update after this page loaded. Says who and what they changed;
 * what the user typed stays in the form until they choose.
 */
export function ConflictNotice({ mine, theirs, onKeepMine, onTakeTheirs }: Props) {
  const theirDraft = draftOf(theirs);
  const changed = differences(mine, theirDraft);
  const who = theirs.written_by ? `${theirs.written_by} changed this update` : 'Someone else changed this update';
  const when = theirs.written_at ? ` at ${formatInstant(theirs.written_at)}` : '';
  return (
    <div className="govuk-notification-banner" role="alert" aria-labelledby="conflict-title" tabIndex={-1}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Not saved
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {who}
          {when}, after you opened it. Your changes have not been saved, and are still in the form below.
        </p>
        {changed.length > 0 ? (
          <>
            <p className="govuk-body">Their version differs from yours in:</p>
            <dl className="govuk-summary-list govuk-summary-list--no-border">
              {changed.map((field) => (
                <div className="govuk-summary-list__row" key={field}>
                  <dt className="govuk-summary-list__key">{DRAFT_FIELD_LABELS[field]}</dt>
                  <dd className="govuk-summary-list__value app-pre-line">{theirValue(field, theirDraft)}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p className="govuk-body">Their version says the same as yours.</p>
        )}
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" onClick={onKeepMine}>
            Save my version over theirs
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onTakeTheirs}>
            Discard my changes and use theirs
          </button>
        </div>
      </div>
    </div>
  );
}
