import { useState } from 'react';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';
import { useActionHistory } from '../api/get-history';
import { HistoryList } from './history-list';

/** An action's changes, loaded when the officer opens them. */
export function ActionHistory({ actionId, name }: { actionId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const history = useActionHistory(actionId, open);
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <details className="govuk-details govuk-!-margin-top-4 govuk-!-margin-bottom-0" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Changes to {name.toLowerCase()}</span>
      </summary>
      <div className="govuk-details__text">
        {!open ? null : history.isPending ? (
          <Loading label="Loading the changes" />
        ) : history.isError ? (
          <QueryError error={history.error} what="the changes" />
        ) : events.length === 0 ? (
          <p className="govuk-body">No changes have been recorded.</p>
        ) : (
          <>
            <HistoryList events={events} label={`Changes to ${name.toLowerCase()}, newest first`} />
            {history.hasNextPage ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={history.isFetchingNextPage}
                onClick={() => void history.fetchNextPage()}
              >
                Show older changes
              </button>
            ) : null}
          </>
        )}
      </div>
    </details>
  );
}
