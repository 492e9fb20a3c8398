import type { Action } from '@/api/types';

/** The Responsibility cell: as the document wrote it, else built from the owners. */
export function responsibility(action: Action): string {
  if (action.responsibility_text) return action.responsibility_text;
  if (action.responsible_all) return 'All';
  return action.owners
    .map((o) => o.contact_name ?? o.organisation_name)
    .filter((name): name is string => Boolean(name))
    .join(', ');
}
