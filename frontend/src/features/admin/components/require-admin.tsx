import type { ReactNode } from 'react';
import type { Me } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { adminAccess, type AdminAccess } from '../lib/access';

type Props = {
  /** Whether the section is open to the person; absent: any administration section. */
  allow?: (access: AdminAccess) => boolean;
  children: (me: Me, access: AdminAccess) => ReactNode;
};

/** An administration page, for those whose role allows it; others are told, not shown the controls. */
export function RequireAdmin({ allow, children }: Props) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} what="your account" />;
  const access = adminAccess(me.data);
  const allowed = allow ? allow(access) : access.organisationsRead;
  if (!allowed) {
    return (
      <>
        <PageTitle title="You cannot use this page" />
        <h1 className="govuk-heading-l">You cannot use this page</h1>
        <p className="govuk-body">Your role does not allow it. Ask an administrator of your council if you need to.</p>
      </>
    );
  }
  return <>{children(me.data, access)}</>;
}
