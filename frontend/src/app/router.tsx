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
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
    </RootLayout>
  );
}
