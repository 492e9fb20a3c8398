import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

export const roundProposalQuery = (reviewId: string) =>
  queryOptions({
    queryKey: progressKeys.proposal(reviewId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reviews/{review_id}/progress-rounds/next', {
          params: { path: { review_id: reviewId } },
          signal,
        }),
      ),
    staleTime: 0,
  });

/** The review's next round as the rules propose it (409 when there is nothing to monitor). */
export function useRoundProposal(reviewId: string, enabled = true) {
  return useQuery({ ...roundProposalQuery(reviewId), enabled });
}
