import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { Loading } from '@/components/ui/loading';
import { RootLayout } from './routes/root-layout';

// Each screen is its own chunk: signing in does not download the review pages.
const SignInRoute = lazy(() => import('./routes/sign-in'));
const SignInSsoRoute = lazy(() => import('./routes/sign-in-sso'));
const HomeRoute = lazy(() => import('./routes/home'));
const ReviewsRoute = lazy(() => import('./routes/reviews'));
const ReviewRoute = lazy(() => import('./routes/review'));
const OpenRoundRoute = lazy(() => import('./routes/open-round'));
const RoundRoute = lazy(() => import('./routes/round'));
const EntryRoute = lazy(() => import('./routes/entry'));
const EntryHistoryRoute = lazy(() => import('./routes/entry-history'));
const InboxRoute = lazy(() => import('./routes/inbox'));
const AssessmentsRoute = lazy(() => import('./routes/assessments'));
const ImportActionPlanRoute = lazy(() => import('./routes/import-action-plan'));
const ImportTrackerRoute = lazy(() => import('./routes/import-tracker'));
const AdminImportProfilesRoute = lazy(() => import('./routes/admin-import-profiles'));
const AdminImportProfileRoute = lazy(() => import('./routes/admin-import-profile'));
const ImportProgressUpdateRoute = lazy(() => import('./routes/import-progress-update'));
const PlanEditRoute = lazy(() => import('./routes/plan-edit'));
const ReviewNewRoute = lazy(() => import('./routes/review-new'));
const ReviewEditRoute = lazy(() => import('./routes/review-edit'));
const RecommendationsRoute = lazy(() => import('./routes/recommendations'));
const RecommendationRoute = lazy(() => import('./routes/recommendation'));
const RecommendationNewRoute = lazy(() => import('./routes/recommendation-new'));
const RecommendationEditRoute = lazy(() => import('./routes/recommendation-edit'));
const RecommendationWithdrawRoute = lazy(() => import('./routes/recommendation-withdraw'));
const PartNewRoute = lazy(() => import('./routes/part-new'));
const PartEditRoute = lazy(() => import('./routes/part-edit'));
const PartWithdrawRoute = lazy(() => import('./routes/part-withdraw'));
const DecisionNewRoute = lazy(() => import('./routes/decision-new'));
const DecisionEditRoute = lazy(() => import('./routes/decision-edit'));
const AdminIndexRoute = lazy(() => import('./routes/admin-index'));
const AdminUsersRoute = lazy(() => import('./routes/admin-users'));
const AdminUserNewRoute = lazy(() => import('./routes/admin-user-new'));
const AdminUserRoute = lazy(() => import('./routes/admin-user'));
const AdminOrganisationsRoute = lazy(() => import('./routes/admin-organisations'));
const AdminOrganisationNewRoute = lazy(() => import('./routes/admin-organisation-new'));
const AdminOrganisationRoute = lazy(() => import('./routes/admin-organisation'));
const AdminContactsRoute = lazy(() => import('./routes/admin-contacts'));
const AdminContactNewRoute = lazy(() => import('./routes/admin-contact-new'));
const AdminContactRoute = lazy(() => import('./routes/admin-contact'));
const AdminServiceAccountsRoute = lazy(() => import('./routes/admin-service-accounts'));
const AdminServiceAccountNewRoute = lazy(() => import('./routes/admin-service-account-new'));
const AdminServiceAccountRoute = lazy(() => import('./routes/admin-service-account'));
const AdminCouncilSettingsRoute = lazy(() => import('./routes/admin-council-settings'));
const AdminAuditEventsRoute = lazy(() => import('./routes/admin-audit-events'));
const AdminCommitteesRoute = lazy(() => import('./routes/admin-committees'));
const AdminCommitteeNewRoute = lazy(() => import('./routes/admin-committee-new'));
const AdminCommitteeRoute = lazy(() => import('./routes/admin-committee'));
const StatutoryResponsesRoute = lazy(() => import('./routes/statutory-responses'));
const StatutoryResponseRoute = lazy(() => import('./routes/statutory-response'));
const StatutoryResponseNewRoute = lazy(() => import('./routes/statutory-response-new'));
const MilestonesRoute = lazy(() => import('./routes/milestones'));
const AccountRoute = lazy(() => import('./routes/account'));
const AccountPasswordRoute = lazy(() => import('./routes/account-password'));
const AccountCalendarFeedsRoute = lazy(() => import('./routes/account-calendar-feeds'));
const AccessibilityRoute = lazy(() => import('./routes/accessibility'));
const DecisionsRoute = lazy(() => import('./routes/decisions'));
const DecisionRoute = lazy(() => import('./routes/decision'));
const RoundsRoute = lazy(() => import('./routes/rounds'));
const RoundEditRoute = lazy(() => import('./routes/round-edit'));
const RoundEntryNewRoute = lazy(() => import('./routes/round-entry-new'));
const EntriesRoute = lazy(() => import('./routes/entries'));
const EntryRemoveRoute = lazy(() => import('./routes/entry-remove'));
const ActionsRoute = lazy(() => import('./routes/actions'));
const RecommendationCloseRoute = lazy(() => import('./routes/recommendation-close'));
const PartHistoryRoute = lazy(() => import('./routes/part-history'));
const AdminCalendarsRoute = lazy(() => import('./routes/admin-calendars'));
const AdminCalendarNewRoute = lazy(() => import('./routes/admin-calendar-new'));
const AdminCalendarRoute = lazy(() => import('./routes/admin-calendar'));
const AdminHolidayRemoveRoute = lazy(() => import('./routes/admin-holiday-remove'));
const AdminWebhooksRoute = lazy(() => import('./routes/admin-webhooks'));
const AdminWebhookNewRoute = lazy(() => import('./routes/admin-webhook-new'));
const AdminWebhookRoute = lazy(() => import('./routes/admin-webhook'));
const AdminIdentityProvidersRoute = lazy(() => import('./routes/admin-identity-providers'));
const AdminIdentityProviderNewRoute = lazy(() => import('./routes/admin-identity-provider-new'));
const AdminIdentityProviderRoute = lazy(() => import('./routes/admin-identity-provider'));
const PublicRoute = lazy(() => import('./routes/public'));
const PublicReviewRoute = lazy(() => import('./routes/public-review'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

export function AppRoutes() {
  return (
    <RootLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          {/* A sign-in with a council's identity provider ends here, and its sign-out comes back to /signin. */}
          <Route path="/signin/sso" element={<SignInSsoRoute />} />
          <Route path="/signin" element={<Navigate to="/sign-in" replace />} />
          <Route path="/accessibility" element={<AccessibilityRoute />} />
          {/* Open data for residents: no sign-in. */}
          <Route path="/public" element={<PublicRoute />} />
          <Route path="/public/reviews/:reviewId" element={<PublicReviewRoute />} />
          <Route element={<RequireAuth />}>
            <Route index element={<HomeRoute />} />
            <Route path="/reviews" element={<ReviewsRoute />} />
            <Route path="/reviews/:reviewId" element={<ReviewRoute />} />
            <Route path="/reviews/:reviewId/progress-rounds/new" element={<OpenRoundRoute />} />
            <Route path="/progress-rounds" element={<RoundsRoute />} />
            <Route path="/progress-rounds/:roundId" element={<RoundRoute />} />
            <Route path="/progress-rounds/:roundId/edit" element={<RoundEditRoute />} />
            <Route path="/progress-rounds/:roundId/entries/new" element={<RoundEntryNewRoute />} />
            <Route path="/progress-entries" element={<EntriesRoute />} />
            <Route path="/progress-entries/:entryId" element={<EntryRoute />} />
            <Route path="/progress-entries/:entryId/history" element={<EntryHistoryRoute />} />
            <Route path="/progress-entries/:entryId/remove" element={<EntryRemoveRoute />} />
            <Route path="/inbox" element={<InboxRoute />} />
            <Route path="/assessments" element={<AssessmentsRoute />} />
            <Route path="/reviews/new" element={<ReviewNewRoute />} />
            <Route path="/reviews/:reviewId/edit" element={<ReviewEditRoute />} />
            <Route path="/reviews/:reviewId/recommendations/new" element={<RecommendationNewRoute />} />
            <Route path="/reviews/:reviewId/decisions/new" element={<DecisionNewRoute />} />
            <Route path="/recommendations" element={<RecommendationsRoute />} />
            <Route path="/recommendations/:recommendationId" element={<RecommendationRoute />} />
            <Route path="/recommendations/:recommendationId/edit" element={<RecommendationEditRoute />} />
            <Route path="/recommendations/:recommendationId/withdraw" element={<RecommendationWithdrawRoute />} />
            <Route path="/recommendations/:recommendationId/close" element={<RecommendationCloseRoute />} />
            <Route path="/recommendations/:recommendationId/parts/new" element={<PartNewRoute />} />
            <Route path="/recommendation-parts/:partId/edit" element={<PartEditRoute />} />
            <Route path="/recommendation-parts/:partId/withdraw" element={<PartWithdrawRoute />} />
            <Route path="/recommendation-parts/:partId/history" element={<PartHistoryRoute />} />
            <Route path="/decisions" element={<DecisionsRoute />} />
            <Route path="/decisions/:decisionId" element={<DecisionRoute />} />
            <Route path="/decisions/:decisionId/edit" element={<DecisionEditRoute />} />
            <Route path="/actions" element={<ActionsRoute />} />
            <Route path="/reviews/:reviewId/action-plan/edit" element={<PlanEditRoute />} />
            <Route path="/reviews/:reviewId/imports/action-plan" element={<ImportActionPlanRoute />} />
            <Route path="/progress-rounds/:roundId/imports/progress-update" element={<ImportProgressUpdateRoute />} />
            <Route path="/imports/tracker" element={<ImportTrackerRoute />} />
            <Route path="/reviews/:reviewId/statutory-responses/new" element={<StatutoryResponseNewRoute />} />
            <Route path="/statutory-responses" element={<StatutoryResponsesRoute />} />
            <Route path="/statutory-responses/:responseId" element={<StatutoryResponseRoute />} />
            <Route path="/milestones" element={<MilestonesRoute />} />
            <Route path="/account" element={<AccountRoute />} />
            <Route path="/account/password" element={<AccountPasswordRoute />} />
            <Route path="/account/calendar-feeds" element={<AccountCalendarFeedsRoute />} />
            <Route path="/admin" element={<AdminIndexRoute />} />
            <Route path="/admin/users" element={<AdminUsersRoute />} />
            <Route path="/admin/users/new" element={<AdminUserNewRoute />} />
            <Route path="/admin/users/:userId" element={<AdminUserRoute />} />
            <Route path="/admin/organisations" element={<AdminOrganisationsRoute />} />
            <Route path="/admin/organisations/new" element={<AdminOrganisationNewRoute />} />
            <Route path="/admin/organisations/:organisationId" element={<AdminOrganisationRoute />} />
            <Route path="/admin/contacts" element={<AdminContactsRoute />} />
            <Route path="/admin/contacts/new" element={<AdminContactNewRoute />} />
            <Route path="/admin/contacts/:contactId" element={<AdminContactRoute />} />
            <Route path="/admin/service-accounts" element={<AdminServiceAccountsRoute />} />
            <Route path="/admin/service-accounts/new" element={<AdminServiceAccountNewRoute />} />
            <Route path="/admin/service-accounts/:accountId" element={<AdminServiceAccountRoute />} />
            <Route path="/admin/councils/:councilId/settings" element={<AdminCouncilSettingsRoute />} />
            <Route path="/admin/audit-events" element={<AdminAuditEventsRoute />} />
            <Route path="/admin/committees" element={<AdminCommitteesRoute />} />
            <Route path="/admin/committees/new" element={<AdminCommitteeNewRoute />} />
            <Route path="/admin/committees/:committeeId" element={<AdminCommitteeRoute />} />
            <Route path="/admin/webhooks" element={<AdminWebhooksRoute />} />
            <Route path="/admin/webhooks/new" element={<AdminWebhookNewRoute />} />
            <Route path="/admin/webhooks/:webhookId" element={<AdminWebhookRoute />} />
            <Route path="/admin/webhooks/:webhookId/remove" element={<AdminWebhookRoute remove />} />
            <Route path="/admin/identity-providers" element={<AdminIdentityProvidersRoute />} />
            <Route path="/admin/identity-providers/new" element={<AdminIdentityProviderNewRoute />} />
            <Route path="/admin/identity-providers/:providerId" element={<AdminIdentityProviderRoute />} />
            <Route path="/admin/identity-providers/:providerId/remove" element={<AdminIdentityProviderRoute remove />} />
            <Route path="/admin/import-profiles" element={<AdminImportProfilesRoute />} />
            <Route path="/admin/import-profiles/:profileId" element={<AdminImportProfileRoute />} />
            <Route path="/admin/import-profiles/:profileId/remove" element={<AdminImportProfileRoute remove />} />
            <Route path="/admin/calendars" element={<AdminCalendarsRoute />} />
            <Route path="/admin/calendars/new" element={<AdminCalendarNewRoute />} />
            <Route path="/admin/calendars/:calendarId" element={<AdminCalendarRoute />} />
            <Route path="/admin/calendars/:calendarId/holidays/:date/remove" element={<AdminHolidayRemoveRoute />} />
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
    </RootLayout>
  );
}
