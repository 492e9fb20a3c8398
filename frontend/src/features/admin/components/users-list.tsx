import type { User } from '@/api/types';
import { Link } from '@/components/ui/link';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { roleLabel } from '@/features/auth/lib/roles';
import { formatInstant } from '@/lib/format';
import { useAllOrganisations, useOrganisationNames } from '../api/organisations';
import { useUsers, type UsersQuery } from '../api/users';
import { USER_ROLES } from '../lib/access';
import { boolParam } from '../lib/search';
import { useListParams } from '../lib/use-list-params';
import { ActiveTag } from './active-tag';
import { BackLink } from './back-link';
import { ButtonLink } from './button-link';
import { ListFilters } from './list-filters';
import { ListState, ScrollTable } from './list-state';

const PAGE_SIZE = 25;

function UsersTable({ users, names, caption }: { users: User[]; names: ReadonlyMap<string, string>; caption: string }) {
  return (
    <ScrollTable label="Users">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Email</th>
            <th scope="col" className="govuk-table__header">Role</th>
            <th scope="col" className="govuk-table__header">Organisation</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Last signed in</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <th scope="row" className="govuk-table__header">
                <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
              </th>
              <td className="govuk-table__cell">{u.email}</td>
              <td className="govuk-table__cell">{roleLabel(u.role)}</td>
              <td className="govuk-table__cell">{names.get(u.organisation_id) ?? ''}</td>
              <td className="govuk-table__cell">
                <ActiveTag active={u.active} />
              </td>
              <td className="govuk-table__cell">{u.last_login_at ? formatInstant(u.last_login_at) : 'Never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Users by name, filtered by role, organisation and status in the URL. */
export function UsersList() {
  const list = useListParams('/admin/users', ['role', 'organisation', 'active']);
  const { values, cursor } = list;
  const query: UsersQuery = { limit: PAGE_SIZE };
  if (values.role) query.role = values.role;
  if (values.organisation) query.organisation_id = values.organisation;
  const active = boolParam(values.active ?? '');
  if (active !== undefined) query.active = active;
  if (cursor) query.cursor = cursor;
  const users = useUsers(query);
  const organisations = useAllOrganisations();
  const names = useOrganisationNames();
  return (
    <>
      <PageTitle title="Users" />
      <BackLink to="/admin">Administration</BackLink>
      <h1 className="govuk-heading-l">Users</h1>
      <ButtonLink to="/admin/users/new">Add a user</ButtonLink>
      <ListFilters
        label="Filter users"
        values={values}
        clearTo="/admin/users"
        onApply={list.apply}
        fields={[
          { name: 'role', label: 'Role', all: 'All roles', options: USER_ROLES },
          {
            name: 'organisation',
            label: 'Organisation',
            all: 'All organisations',
            options: (organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          },
          {
            name: 'active',
            label: 'Status',
            all: 'Active and deactivated',
            options: [
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Deactivated' },
            ],
          },
        ]}
      />
      <ListState
        query={users}
        what="the users"
        firstPage={list.path()}
        empty={list.filtered ? 'No users match these filters.' : 'There are no users yet.'}
      >
        {(items) => (
          <>
            <UsersTable users={items} names={names} caption={cursor ? 'Users (continued)' : 'Users'} />
            <NextPage
              next={users.data?.next_cursor ? list.path(users.data.next_cursor) : null}
              first={cursor ? list.path() : null}
            />
          </>
        )}
      </ListState>
    </>
  );
}
