import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CouncilSettings } from '@/api/types';
import { DEFAULT_SCALE, scaleOf, type GradeLevel } from '../lib/grade-scale';

/** The key of a council's settings, shared with the screens that change them. */
export const councilSettingsKey = (councilId: string) => ['council-settings', councilId] as const;

export function fetchCouncilSettings(councilId: string, signal?: AbortSignal): Promise<CouncilSettings> {
  return unwrap(
    api.GET('/api/v1/councils/{council_id}/settings', { params: { path: { council_id: councilId } }, signal }),
  );
}

/**
 * The council's grading scale, best first. Until it has loaded (or when it cannot be read) the
 * default scale; the API checks every grade against the council's own scale whatever the form offers.
 */
export function useGradeScale(councilId: string | null | undefined): readonly GradeLevel[] {
  const settings = useQuery({
    queryKey: councilSettingsKey(councilId ?? ''),
    queryFn: ({ signal }) => fetchCouncilSettings(councilId ?? '', signal),
    enabled: Boolean(councilId),
    staleTime: 5 * 60_000,
  });
  return settings.data ? scaleOf(settings.data) : DEFAULT_SCALE;
}
