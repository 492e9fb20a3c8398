import { Link } from '@/components/ui/link';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';

/** Under a review's action plan; the caller shows it to council staff only (the API's rule). */
export function ImportActionPlanLink({ reviewId }: { reviewId: string }) {
  return (
    <p className="govuk-body">
      <Link to={`/reviews/${reviewId}/imports/action-plan`}>Import an action plan from a file</Link>
    </p>
  );
}

/** On a progress round's page, for council staff only (nothing for anyone else). */
export function ImportProgressUpdateLink({ roundId, open }: { roundId: string; open: boolean }) {
  const me = useMe();
  if (!open || !me.data || !isCouncilStaff(me.data)) return null;
  return (
    <p className="govuk-body">
      <Link to={`/progress-rounds/${roundId}/imports/progress-update`}>Import a progress update from a file</Link>
    </p>
  );
}
