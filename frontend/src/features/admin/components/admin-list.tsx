import type { ReactNode } from 'react';
import { Link } from '@/components/ui/link';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import type { useListParams } from '../lib/use-list-params';
import { BackLink } from './back-link';
import { ListFilters, type FilterField } from './list-filters';
import { ListState, ScrollTable } from './list-state';

type Props<T extends { id: string; name: string }> = {
  /** "Contacts": the page's title and heading, the table's caption and the scrolling region's name. */
  title: string;
  /** Under the heading: an introduction, the "Add" button. */
  actions?: ReactNode;
  list: ReturnType<typeof useListParams>;
  filters: readonly FilterField[];
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data?: { items: T[]; next_cursor?: string | null } | undefined;
  };
  /** With no items; by default "No contacts match these filters." or "There are no contacts yet." */
  empty?: string;
  /** The table's column headers; the first column is the item's name, linked to it. */
  columns: readonly string[];
  href: (item: T) => string;
  /** The cells after the name. */
  cells: (item: T) => ReactNode;
};

/**
 * An administration list page: its filters in the URL, then a page of items in a table (or loading,
 * an error, none) and a link to the next page.
 */
export function AdminList<T extends { id: string; name: string }>({
  title,
  actions,
  list,
  filters,
  query,
  empty,
  columns,
  href,
  cells,
}: Props<T>) {
  const lower = title.toLowerCase();
  const next = query.data?.next_cursor;
  return (
    <>
      <PageTitle title={title} />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">{title}</h1>
      {actions}
      <ListFilters label={`Filter ${lower}`} values={list.values} clearTo={list.base} onApply={list.apply} fields={filters} />
      <ListState
        query={query}
        what={`the ${lower}`}
        firstPage={list.path()}
        empty={empty ?? (list.filtered ? `No ${lower} match these filters.` : `There are no ${lower} yet.`)}
      >
        {(items) => (
          <>
            <ScrollTable label={title}>
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--m">
                  {list.cursor ? `${title} (continued)` : title}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    {columns.map((c) => (
                      <th scope="col" className="govuk-table__header" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {items.map((item) => (
                    <tr className="govuk-table__row" key={item.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link to={href(item)}>{item.name}</Link>
                      </th>
                      {cells(item)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <NextPage next={next ? list.path(next) : null} first={list.cursor ? list.path() : null} />
          </>
        )}
      </ListState>
    </>
  );
}
