import type { Me } from '@/api/types';

/** Council staff who run reviews. */
export function isCouncilStaff(me: Me): boolean {
  return me.role === 'officer' || me.role === 'admin';
}

/** Staff of a partner organisation, who report on what their organisation is responsible for. */
export function isContributor(me: Me): boolean {
  return me.role === 'contributor';
}

export function roleLabel(role: string): string {
  switch (role) {
    case 'admin':
      return 'Administrator';
    case 'officer':
      return 'Scrutiny officer';
    case 'contributor':
      return 'Partner contributor';
    case 'viewer':
      return 'Viewer';
    default:
      return role;
  }
}
