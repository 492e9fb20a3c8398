import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '@/api/problem';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { NotFound } from '@/app/routes/not-found';

type Props<T> = {
  query: UseQueryResult<T>;
  /** "the review", "the recommendation": for the loading and error messages. */
  what: string;
  title: string;
  children: (data: T) => ReactNode;
};

/** A page's record: loading, not found (404, or not an id at all), an error, or the page. */
export function QueryGate<T>({ query, what, title, children }: Props<T>) {
  if (query.isPending) return <Loading label={`Loading ${what}`} />;
  if (query.isError) {
    if (query.error instanceof ApiError && [400, 404].includes(query.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title={title} />
        <QueryError error={query.error} what={what} />
      </>
    );
  }
  return <>{children(query.data)}</>;
}
