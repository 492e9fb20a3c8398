import type { Action, Recommendation } from '@/api/types';
import { ConflictBanner } from '@/components/ui/conflict-banner';
import { formatInstant } from '@/lib/format';
import { actionValue, differences, draftOf, DRAFT_LABELS, type ActionDraft } from '../lib/action-draft';

type Props = {
  mine: ActionDraft;
  theirs: Action;
  recommendations: readonly Recommendation[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/**
 * A 412: someone else saved the action after this page loaded. Says what they changed; what the
 * user typed stays in the form until they choose.
 */
export function ActionConflict({ mine, theirs, recommendations, onKeepMine, onTakeTheirs }: Props) {
  const changed = differences(mine, draftOf(theirs));
  const withdrawn = theirs.status === 'withdrawn';
  return (
    <ConflictBanner
      titleId="action-conflict-title"
      focusKey={theirs}
      changed={`this action at ${formatInstant(theirs.updated_at)}, after you opened it`}
    >
      {withdrawn ? (
        <p className="govuk-body">
          They withdrew it{theirs.withdrawn_reason ? `: ${theirs.withdrawn_reason}` : ''}. It can no longer be
          changed.
        </p>
      ) : null}
      {changed.length > 0 ? (
        <>
          <p className="govuk-body">Their version differs from yours in:</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            {changed.map((field) => (
              <div className="govuk-summary-list__row" key={field}>
                <dt className="govuk-summary-list__key">{DRAFT_LABELS[field]}</dt>
                <dd className="govuk-summary-list__value app-pre-line">
                  {actionValue(field, theirs, recommendations)}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="govuk-body">Their version says the same as yours.</p>
      )}
      <div className="govuk-button-group">
        {withdrawn ? null : (
          <button type="button" className="govuk-button" onClick={onKeepMine}>
            Save my version over theirs
          </button>
        )}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onTakeTheirs}>
          Discard my changes and use theirs
        </button>
      </div>
    </ConflictBanner>
  );
}
