/** Query keys of the administration data, so that a change refreshes every view of it. */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  userList: (query: object) => ['admin', 'users', 'list', query] as const,
  user: (id: string) => ['admin', 'users', id] as const,
  organisations: ['admin', 'organisations'] as const,
  organisationList: (query: object) => ['admin', 'organisations', 'list', query] as const,
  organisation: (id: string) => ['admin', 'organisations', id] as const,
  contacts: ['admin', 'contacts'] as const,
  contactList: (query: object) => ['admin', 'contacts', 'list', query] as const,
  contact: (id: string) => ['admin', 'contacts', id] as const,
  serviceAccounts: ['admin', 'service-accounts'] as const,
  serviceAccountList: (query: object) => ['admin', 'service-accounts', 'list', query] as const,
  serviceAccount: (id: string) => ['admin', 'service-accounts', id] as const,
  auditEvents: (query: object) => ['admin', 'audit-events', query] as const,
  webhooks: ['admin', 'webhooks'] as const,
  webhookList: (query: object) => ['admin', 'webhooks', 'list', query] as const,
  webhook: (id: string) => ['admin', 'webhooks', id] as const,
  deliveries: (id: string, cursor: string | null) => ['admin', 'webhooks', id, 'deliveries', cursor] as const,
  identityProviders: ['admin', 'identity-providers'] as const,
  identityProviderList: (query: object) => ['admin', 'identity-providers', 'list', query] as const,
  identityProvider: (id: string) => ['admin', 'identity-providers', id] as const,
  calendars: ['calendars'] as const,
  calendar: (id: string) => ['calendars', 'detail', id] as const,
  holidays: (id: string, query: object) => ['calendars', 'holidays', id, query] as const,
  calendarHistory: (id: string, cursor: string | null) => ['calendars', 'history', id, cursor] as const,
};

/** Council settings are read outside administration too (the grade scale of progress updates). */
export const councilSettingsKeys = {
  all: ['council-settings'] as const,
  settings: (councilId: string) => ['council-settings', councilId] as const,
  history: (councilId: string, cursor: string | null) => ['council-settings', councilId, 'history', cursor] as const,
};

/** The ETag the API gives a record of this version (`"3"`), for `If-Match`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

