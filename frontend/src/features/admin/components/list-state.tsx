import type { ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { QueryError } from '@/components/ui/query-error';

type Props<T> = {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: { items: T[] } | undefined };
  what: string;
  /** The first page with the same filters, for a cursor that no longer works. */
  firstPage: string;
  empty: string;
  children: (items: T[]) => ReactNode;
};

/** A page of a list: loading, an error (a stale page link offers the first page), empty, or the items. */
export function ListState<T>({ query, what, firstPage, empty, children }: Props<T>) {
  if (query.isPending) return <Loading label={`Loading ${what}`} />;
  if (query.isError || !query.data) {
    const e = query.error;
    if (e instanceof ApiError && (e.status === 400 || e.status === 422)) {
      return (
        <div className="govuk-inset-text">
          This page of results is no longer available. <Link to={firstPage}>Go to the first page</Link>.
        </div>
      );
    }
    if (e instanceof ApiError && e.status === 403) {
      return <p className="govuk-body">You do not have permission to see {what}.</p>;
    }
    return <QueryError error={e} what={what} />;
  }
  if (query.data.items.length === 0) return <p className="govuk-body">{empty}</p>;
  return <>{children(query.data.items)}</>;
}

/** A wide table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-admin-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
