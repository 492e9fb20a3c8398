import type { Me } from '@/api/types';
import { Loading } from '@/components/ui/loading';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isContributor, isCouncilStaff, roleLabel } from '@/features/auth/lib/roles';
import { ReviewsOverview } from '@/features/reviews/components/reviews-overview';

function OfficerHome({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Scrutiny reviews
      </h1>
      <p className="govuk-body">
        The reviews of your council&apos;s select committees and where each one has got to.
      </p>
      <ReviewsOverview
        query={{}}
        // Administrators see every council's reviews.
        caption={me.role === 'admin' ? 'Reviews' : `Reviews of ${me.organisation.name}`}
        empty="Your council has no reviews yet."
        moreLink="/reviews"
      />
    </>
  );
}

function ContributorHome({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Reviews you are involved in
      </h1>
      <p className="govuk-body">
        Scrutiny reviews with actions that {me.organisation.name} is responsible for, in every council you
        work with.
      </p>
      <ReviewsOverview
        query={{ responsible_organisation_id: me.organisation.id }}
        caption={`Reviews ${me.organisation.name} is involved in`}
        empty={`No review has an action for ${me.organisation.name} yet.`}
        moreLink="/reviews"
      />
    </>
  );
}

function ViewerHome({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Scrutiny reviews
      </h1>
      <ReviewsOverview query={{}} caption="Reviews" empty="There are no reviews yet." moreLink="/reviews" />
    </>
  );
}

export default function HomeRoute() {
  const me = useMe();
  if (me.isPending) return <Loading label="Loading your account" />;
  if (me.isError) return <QueryError error={me.error} what="your account" />;
  const user = me.data;
  return (
    <>
      <PageTitle title="Home" />
      {isCouncilStaff(user) ? (
        <OfficerHome me={user} />
      ) : isContributor(user) ? (
        <ContributorHome me={user} />
      ) : (
        <ViewerHome me={user} />
      )}
      <p className="govuk-body-s app-secondary-text">
        Signed in as {user.name} ({roleLabel(user.role)}). <Link to="/reviews">Search all reviews</Link>
      </p>
    </>
  );
}
