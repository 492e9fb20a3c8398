import { useSearchParams } from 'react-router';
import type { Me } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { useMe } from '@/features/auth/api/get-me';
import { isContributor, isCouncilStaff, roleLabel } from '@/features/auth/lib/roles';
import { useDashboard } from '@/features/progress/api/get-dashboard';
import { useGradeScale } from '@/features/progress/api/get-grade-scale';
import { AssessmentsOverview } from '@/features/progress/components/assessments';
import { DashboardView, groupBy, PartnerDashboardView, type GroupBy } from '@/features/progress/components/dashboard';
import { InboxOverview } from '@/features/progress/components/inbox';
import { useOrganisations } from '@/features/recommendations/api/get-organisations';
import { useReviews } from '@/features/reviews/api/get-reviews';
import { ReviewsOverview } from '@/features/reviews/components/reviews-overview';

/** The dashboard, with the officer's queue after its headline figures. */
function OfficerDashboard({ me }: { me: Me }) {
  const [params] = useSearchParams();
  const by = groupBy(params.get('by'));
  const dashboard = useDashboard();
  // An officer's organisation is their council: its grades head the columns.
  const scale = useGradeScale(me.organisation.kind === 'council' ? me.organisation.id : null);
  const linkFor = (next: GroupBy) => (next === 'committee' ? '/#grades' : `/?by=${next}#grades`);
  const queue = (
    <>
      <h2 className="govuk-heading-m" id="to-assess">
        Submissions to assess
      </h2>
      <AssessmentsOverview />
    </>
  );
  if (dashboard.isPending) return <Loading label="Loading the dashboard" />;
  if (dashboard.isError) {
    return (
      <>
        <QueryError error={dashboard.error} what="the dashboard" />
        {queue}
      </>
    );
  }
  return <DashboardView dashboard={dashboard.data} by={by} linkFor={linkFor} queue={queue} scale={scale} />;
}

function OfficerHome({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Scrutiny reviews
      </h1>
      <OfficerDashboard me={me} />
      <h2 className="govuk-heading-m" id="reviews">
        Reviews
      </h2>
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

/** What the partner's organisation owes and has submitted, by council and review, with its grades. */
function PartnerDashboard({ me }: { me: Me }) {
  const dashboard = useDashboard();
  // The reviews the organisation has actions in: its updates are on their recommendations.
  const reviews = useReviews({ responsible_organisation_id: me.organisation.id, limit: 200 });
  const organisations = useOrganisations();
  if (dashboard.isPending) return <Loading label="Loading the dashboard" />;
  if (dashboard.isError) return <QueryError error={dashboard.error} what="the dashboard" />;
  const councilOf = new Map((reviews.data?.items ?? []).map((r) => [r.id, r.council_id]));
  const councilNames = new Map(
    (organisations.data?.items ?? []).filter((o) => o.kind === 'council').map((o) => [o.id, o.name]),
  );
  return (
    <PartnerDashboardView
      dashboard={dashboard.data}
      organisation={me.organisation.name}
      councilOf={councilOf}
      councilNames={councilNames}
    />
  );
}

function ContributorHome({ me }: { me: Me }) {
  return (
    <>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{me.organisation.name}</span>
        Your progress updates
      </h1>
      <p className="govuk-body">
        What {me.organisation.name} has to report on, and by when. Open an update to write it; it is saved as you
        type, and sent to the council when you submit it.
      </p>
      <InboxOverview me={me} />
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="dashboard">
        What {me.organisation.name} owes and has submitted
      </h2>
      <p className="govuk-body">
        The latest update {me.organisation.name} gives on each recommendation, council by council and review by review:
        where it is, and the grade it stands at (the committee&apos;s accepted grade, else the officer&apos;s, else the one
        proposed).
      </p>
      <PartnerDashboard me={me} />
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="reviews">
        Reviews you are involved in
      </h2>
      <p className="govuk-body">
        Scrutiny reviews with actions that {me.organisation.name} is responsible for, in every council you work with.
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
      <p className="govuk-body">Each review, its status, and the progress updates its committee has accepted.</p>
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
