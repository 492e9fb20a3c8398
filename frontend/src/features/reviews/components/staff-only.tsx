import type { ReactNode } from 'react';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';

/** A page for council officers only: others are told, rather than shown a form the API would refuse. */
export function StaffOnly({ title, children }: { title: string; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data && !isCouncilStaff(me.data)) {
    return (
      <>
        <PageTitle title={title} />
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">Only council scrutiny officers can do this.</p>
      </>
    );
  }
  return <>{children}</>;
}
