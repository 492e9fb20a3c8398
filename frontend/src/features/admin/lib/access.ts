import type { Me, OrganisationKind, Role, ServiceAccountRole } from '@/api/types';

/**
 * What each administration section allows, by role, as the API's authorisation rules say:
 * admins may do everything; officers read organisations, read and write contacts, committees
 * and their own council's settings; users, service accounts and the audit trail are admins' only.
 */
export type AdminAccess = {
  users: boolean;
  serviceAccounts: boolean;
  auditEvents: boolean;
  organisationsRead: boolean;
  organisationsWrite: boolean;
  contactsWrite: boolean;
  committeesWrite: boolean;
  settingsWrite: boolean;
  /** The working-day calendars: read by council staff, kept by administrators. */
  calendarsRead: boolean;
  calendarsWrite: boolean;
  /** Webhook subscriptions: the council's, kept by its administrators. */
  webhooks: boolean;
  /** The identity providers the council's people sign in with, kept by its administrators. */
  identityProviders: boolean;
  /** The council's import profiles (column mappings of trackers and action plans), kept by its staff. */
  importProfiles: boolean;
};

export function adminAccess(me: Me | undefined): AdminAccess {
  const admin = me?.role === 'admin';
  const staff = admin || me?.role === 'officer';
  return {
    users: admin,
    serviceAccounts: admin,
    auditEvents: admin,
    organisationsRead: staff,
    organisationsWrite: admin,
    contactsWrite: staff,
    committeesWrite: staff,
    settingsWrite: staff,
    calendarsRead: staff,
    calendarsWrite: admin,
    webhooks: admin,
    identityProviders: admin,
    importProfiles: staff && me?.organisation.kind === 'council',
  };
}

/**
 * Whether `me` may change a calendar's holidays: a council's administrators keep their council's
 * own (local) calendar; the national ones are kept by the service's operators (administrators
 * outside any council), who keep every calendar.
 */
export function keepsCalendar(me: Me | undefined, calendar: { council_id?: string | null }): boolean {
  if (me?.role !== 'admin') return false;
  if (me.organisation.kind !== 'council') return true;
  return calendar.council_id === me.organisation.id;
}

/** Whether the signed-in person has any administration screen to use. */
export function canAdminister(me: Me | undefined): boolean {
  return me?.role === 'admin' || me?.role === 'officer';
}

export const USER_ROLES = [
  { value: 'admin', label: 'Administrator', hint: 'Manages users, organisations, service accounts and settings. Belongs to a council.' },
  { value: 'officer', label: 'Scrutiny officer', hint: 'Runs reviews and assesses progress updates. Belongs to a council.' },
  {
    value: 'contributor',
    label: 'Partner contributor',
    hint: 'Reports progress for the partner organisation they work for.',
  },
  { value: 'viewer', label: 'Viewer', hint: 'Reads reviews and accepted updates; changes nothing.' },
] as const satisfies readonly { value: Role; label: string; hint: string }[];

/** The roles an identity provider's rules may give: a council's own (not a partner's contributor). */
export const COUNCIL_ROLES = USER_ROLES.filter((r) => r.value !== 'contributor');

/** Service accounts are never admins; an officer account belongs to a council. */
export const SERVICE_ACCOUNT_ROLES = USER_ROLES.filter(
  (r) => r.value !== 'admin',
) satisfies readonly { value: ServiceAccountRole }[];

export const ORGANISATION_KINDS = [
  { value: 'council', label: 'Council' },
  { value: 'police', label: 'Police' },
  { value: 'fire', label: 'Fire and rescue' },
  { value: 'health', label: 'Health' },
  { value: 'probation', label: 'Probation' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly { value: OrganisationKind; label: string }[];

/** Every organisation kind, for reading one from a URL. */
export const ORGANISATION_KIND_VALUES: readonly OrganisationKind[] = ORGANISATION_KINDS.map((k) => k.value);

export function kindLabel(kind: string): string {
  return ORGANISATION_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** Roles that must belong to a council organisation. */
export function needsCouncil(role: string): boolean {
  return role === 'admin' || role === 'officer';
}
