import { ConflictBanner as Banner } from '@/components/ui/conflict-banner';

type Props = {
  /** "this user", "these settings". */
  what: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  /** Disabled while the latest version loads. */
  ready: boolean;
};

/**
 * A 412 on an admin form: the page now shows their change; what the user typed stays in the form
 * until they choose to save it over the other change or to start again from it.
 */
export function ConflictBanner({ what, onKeepMine, onTakeTheirs, ready }: Props) {
  return (
    <Banner changed={`${what} after you opened it`}>
      <p className="govuk-body">Check the details on this page, which now show their change, then choose what to do.</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={onKeepMine} disabled={!ready}>
          Save my changes over theirs
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onTakeTheirs} disabled={!ready}>
          Discard my changes
        </button>
      </div>
    </Banner>
  );
}
