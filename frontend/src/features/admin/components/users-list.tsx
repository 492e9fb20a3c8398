import { roleLabel } from '@/features/auth/lib/roles';
import { formatInstant } from '@/lib/format';
import { useAllOrganisations, useOrganisationNames } from '../api/organisations';
import { useUsers, type UsersQuery } from '../api/users';
import { USER_ROLES } from '../lib/access';
import { boolParam } from '../lib/search';
import { useListParams } from '../lib/use-list-params';
import { ActiveTag } from './active-tag';
import { AdminList } from './admin-list';
import { ButtonLink } from './button-link';
import { organisationFilter } from './list-filters';

const PAGE_SIZE = 25;

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
    <AdminList
      title="Users"
      actions={<ButtonLink to="/admin/users/new">Add a user</ButtonLink>}
      list={list}
      filters={[
        { name: 'role', label: 'Role', all: 'All roles', options: USER_ROLES },
        organisationFilter(organisations.data),
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
      query={users}
      columns={['Name', 'Email', 'Role', 'Organisation', 'Status', 'Last signed in']}
      href={(u) => `/admin/users/${u.id}`}
      cells={(u) => (
        <>
          <td className="govuk-table__cell">{u.email}</td>
          <td className="govuk-table__cell">{roleLabel(u.role)}</td>
          <td className="govuk-table__cell">{names.get(u.organisation_id) ?? ''}</td>
          <td className="govuk-table__cell">
            <ActiveTag active={u.active} />
          </td>
          <td className="govuk-table__cell">{u.last_login_at ? formatInstant(u.last_login_at) : 'Never'}</td>
        </>
      )}
    />
  );
}
