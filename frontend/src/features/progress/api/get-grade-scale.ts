import { useCouncilSettings } from '@/features/admin/api/council-settings';
import { DEFAULT_SCALE, scaleOf, type GradeLevel } from '../lib/grade-scale';

/**
 * The council's grading scale, best first, from its settings (one cached query, shared with the
 * settings screen, so a saved scale shows at once). Until it has loaded (or when it cannot be
 * read) the default scale; the API checks every grade against the council's own scale whatever
 * the form offers.
 */
export function useGradeScale(councilId: string | null | undefined): readonly GradeLevel[] {
  const settings = useCouncilSettings(councilId);
  return settings.data ? scaleOf(settings.data) : DEFAULT_SCALE;
}
