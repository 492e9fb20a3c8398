import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { Link } from '@/components/ui/link';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { TrackerImport } from '@/features/imports/components/tracker-import';

/** Council staff import a tracker: recommendations across the council's reviews, one a row. */
export default function ImportTrackerRoute() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryError error={me.error} what="your account" />;
  if (!isCouncilStaff(me.data) || me.data.organisation.kind !== 'council') {
    return (
      <>
        <PageTitle title="Import a tracker" />
        <h1 className="govuk-heading-l">You cannot import a tracker</h1>
        <p className="govuk-body">Only the council&apos;s scrutiny officers and administrators can import trackers.</p>
        <p className="govuk-body">
          <Link to="/reviews">Go to the reviews</Link>
        </p>
      </>
    );
  }
  return <TrackerImport me={me.data} />;
}
