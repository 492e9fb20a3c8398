import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { Loading } from '@/components/ui/loading';
import { RootLayout } from './routes/root-layout';

// Each screen is its own chunk: signing in does not download the review pages.
const SignInRoute = lazy(() => import('./routes/sign-in'));
const HomeRoute = lazy(() => import('./routes/home'));
const ReviewsRoute = lazy(() => import('./routes/reviews'));
const ReviewRoute = lazy(() => import('./routes/review'));
const OpenRoundRoute = lazy(() => import('./routes/open-round'));
const RoundRoute = lazy(() => import('./routes/round'));
const EntryRoute = lazy(() => import('./routes/entry'));
const EntryHistoryRoute = lazy(() => import('./routes/entry-history'));
const InboxRoute = lazy(() => import('./routes/inbox'));
const AssessmentsRoute = lazy(() => import('./routes/assessments'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

export function AppRoutes() {
  return (
    <RootLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          <Route element={<RequireAuth />}>
            <Route index element={<HomeRoute />} />
            <Route path="/reviews" element={<ReviewsRoute />} />
            <Route path="/reviews/:reviewId" element={<ReviewRoute />} />
            <Route path="/reviews/:reviewId/progress-rounds/new" element={<OpenRoundRoute />} />
            <Route path="/progress-rounds/:roundId" element={<RoundRoute />} />
            <Route path="/progress-entries/:entryId" element={<EntryRoute />} />
            <Route path="/progress-entries/:entryId/history" element={<EntryHistoryRoute />} />
            <Route path="/inbox" element={<InboxRoute />} />
            <Route path="/assessments" element={<AssessmentsRoute />} />
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
    </RootLayout>
  );
}
