import { useSearchParams } from 'react-router';
import { PublicReviews } from '@/features/open-data/components/public-reviews';

/** `/public`: published reviews for residents, without signing in (`?council=…&cursor=…`). */
export default function PublicRoute() {
  const [params] = useSearchParams();
  return <PublicReviews council={params.get('council')} cursor={params.get('cursor')} />;
}
