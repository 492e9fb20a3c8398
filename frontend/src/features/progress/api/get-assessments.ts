import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { progressKeys } from './keys';

/** `submitted` (to assess), `validated` (to take to the committee), or '' for both. */
export type AssessmentState = '' | 'submitted' | 'validated';

export const assessmentsQuery = (state: AssessmentState, cursor: string | null, limit = 50) =>
  queryOptions({
    queryKey: progressKeys.assessments(state, cursor, limit),
    queryFn: ({ signal }) => {
      const query: { limit: number; state?: string; cursor?: string } = { limit };
      if (state) query.state = state;
      if (cursor) query.cursor = cursor;
      return unwrap(api.GET('/api/v1/me/assessments', { params: { query }, signal }));
    },
  });

/** The officer's queue: submissions to assess and validated entries awaiting the committee. */
export function useAssessments(state: AssessmentState, cursor: string | null, limit?: number) {
  return useQuery({ ...assessmentsQuery(state, cursor, limit), placeholderData: keepPreviousData });
}
