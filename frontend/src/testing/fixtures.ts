// Test data shaped by the generated API types (a field the API drops or renames fails to compile),
// with values from the seed review: Police Communications in Stockton-on-Tees.
import type {
  Action,
  ActionPlan,
  AuditEvent,
  Calendar,
  Committee,
  Decision,
  Dashboard,
  Grade,
  IdentityProvider,
  Me,
  ProgressEntry,
  ProgressRound,
  Recommendation,
  Review,
  ReviewDetail,
  ResponseTracker,
  SignInOption,
  StatutoryResponse,
  WebhookDelivery,
  WebhookSubscription,
} from '@/api/types';

const T = '2022-03-15T10:00:00Z';
export const COUNCIL_ID = '00000000-0000-4000-8000-000000000001';
export const POLICE_ID = '00000000-0000-4000-8000-000000000002';
export const COMMITTEE_ID = '00000000-0000-4000-8000-000000000010';
export const REVIEW_ID = '00000000-0000-4000-8000-000000000100';
export const REC_1 = '00000000-0000-4000-8000-000000000201';
export const REC_2 = '00000000-0000-4000-8000-000000000202';

export function me(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000900',
    kind: 'user',
    name: 'Marc Stephenson',
    email: 'officer@stockton.example',
    role: 'officer',
    organisation: { id: COUNCIL_ID, name: 'Stockton-on-Tees Borough Council', kind: 'council' },
    ...overrides,
  };
}

export function contributor(): Me {
  return me({
    name: 'Pat Contributor',
    email: 'contributor@cleveland-police.example',
    role: 'contributor',
    organisation: { id: POLICE_ID, name: 'Cleveland Police', kind: 'police' },
  });
}

export function committee(overrides: Partial<Committee> = {}): Committee {
  return {
    id: COMMITTEE_ID,
    council_id: COUNCIL_ID,
    name: 'Crime and Disorder Select Committee',
    update_interval_months: 6,
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

export function review(overrides: Partial<Review> = {}): Review {
  return {
    id: REVIEW_ID,
    council_id: COUNCIL_ID,
    committee_id: COMMITTEE_ID,
    title: 'Police Communications in Stockton-on-Tees',
    review_type: 'task_and_finish',
    review_type_label: 'Task & Finish',
    work_programme_year: '2021-2022',
    status: 'action_plan_agreed',
    status_label: 'Action plan agreed',
    allowed_transitions: ['monitoring'],
    status_changed_at: T,
    link_officers: [{ id: '00000000-0000-4000-8000-000000000300', name: 'Marc Stephenson' }],
    created_at: T,
    updated_at: T,
    version: 3,
    ...overrides,
  };
}

const PARTS = [
  ['a', 'Cleveland Police promotes the need for regular and Ward-specific engagement with SBC Ward Councillors'],
  ['b', 'Cleveland Police and SBC use their various public-facing communication platforms'],
  ['c', 'Clarity is provided on the expected level of contact between Ward Councillors and Cleveland Police'],
  ['d', 'Ward Councillors are informed of any changes to key personnel'],
  ['e', 'Cleveland Police promotes the ways in which Ward Councillors can report issues'],
  ['f', 'Cleveland Police and SBC agree a mechanism for monitoring the protocol'],
] as const;

export function recommendations(): Recommendation[] {
  const base = { review_id: REVIEW_ID, council_id: COUNCIL_ID, status: 'open' as const, actions: [], created_at: T, updated_at: T, version: 1 };
  return [
    {
      ...base,
      id: REC_1,
      number: '1',
      position: 1,
      text: "Any scheduled reviews of Cleveland Police's 'Community Engagement Strategy 2020-2025' document factors in the key findings and recommendations from this review.",
      parts: [],
    },
    {
      ...base,
      id: REC_2,
      number: '2',
      position: 2,
      text: 'As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:',
      parts: PARTS.map(([label, text], i) => ({
        id: `00000000-0000-4000-8000-00000000030${i}`,
        recommendation_id: REC_2,
        label,
        text,
        position: i + 1,
        version: 1,
      })),
    },
  ];
}

export function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: '00000000-0000-4000-8000-000000000400',
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    body: 'Cabinet',
    meeting_date: '2022-01-20',
    item_title:
      'Crime and Disorder Select Committee - Scrutiny Review of Police Communications in Stockton-on-Tees (Task & Finish)',
    resolutions: [
      { id: '00000000-0000-4000-8000-000000000401', number: '1', text: 'Any scheduled reviews …', parts: [] },
    ],
    reasons: 'The recommendations will improve communication.',
    alternatives: 'None',
    conflicts: 'None',
    dispensations: 'N/A',
    key_decision: false,
    published_on: '2022-01-24',
    call_in: {
      published_on: '2022-01-24',
      computed_deadline: '2022-01-28T23:59:00+00:00',
      computed_deadline_local: '2022-01-28T23:59',
      time_zone: 'Europe/London',
      stated_text: 'Midnight - Friday 28th January 2022',
      stated_deadline: '2022-01-28T23:59:00+00:00',
      agreement: 'agrees',
      state: 'open',
      deadline_passed: true,
      implementable: true,
    },
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

function action(overrides: Partial<Action> & Pick<Action, 'id' | 'recommendation_id' | 'recommendation_number' | 'position'>): Action {
  return {
    council_id: COUNCIL_ID,
    plan_id: '00000000-0000-4000-8000-000000000500',
    review_id: REVIEW_ID,
    proposed_actions: '',
    success_measures: [],
    owners: [],
    responsible_all: false,
    milestones: [],
    status: 'open',
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

export function actionPlan(overrides: Partial<ActionPlan> = {}): ActionPlan {
  return {
    id: '00000000-0000-4000-8000-000000000500',
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    title: 'ACTION PLAN: Review of Police Communications in Stockton-on-Tees (Task & Finish)',
    agreed_on: '2022-03',
    agreed_on_precision: 'month',
    agreed_on_display: 'March 2022',
    status: 'agreed',
    amendment_count: 0,
    actions: [
      action({
        id: '00000000-0000-4000-8000-000000000501',
        recommendation_id: REC_1,
        recommendation_number: '1',
        position: 1,
        proposed_actions: 'Cleveland Police commit to incorporating the key findings into any future strategy.',
        success_measures: ['Any changes to the Strategy reflect the key findings.'],
        responsibility_text: 'Cleveland Police',
        milestones: [
          { id: '00000000-0000-4000-8000-000000000601', date: '2022-04', precision: 'month', display: 'April 2022', text: 'April 2022' },
        ],
      }),
      action({
        id: '00000000-0000-4000-8000-000000000502',
        recommendation_id: REC_2,
        recommendation_number: '2',
        position: 2,
        proposed_actions: 'A comprehensive written and agreed communication protocol is developed.\n• Draft protocol\n• Consult Ward Councillors',
        success_measures: ['Protocol agreed', 'Councillors report better engagement'],
        owners: [{ organisation_name: 'Cleveland Police' }, { contact_name: 'C/Supt Lang' }],
        milestones: [
          { id: '00000000-0000-4000-8000-000000000602', date: '2022-05', precision: 'month', display: 'May 2022', label: 'Development of protocol', text: 'May 2022 (Development of protocol)' },
          { id: '00000000-0000-4000-8000-000000000603', date: '2022-09', precision: 'month', display: 'September 2022', label: 'Assessment of protocol', text: 'September 2022 (Assessment of protocol)' },
        ],
      }),
      action({
        id: '00000000-0000-4000-8000-000000000503',
        recommendation_id: REC_2,
        recommendation_number: '2',
        part_id: '00000000-0000-4000-8000-000000000300',
        part_label: 'a',
        position: 3,
        proposed_actions: 'Internal communications to all officers.',
        success_measures: ['Officers aware'],
        responsible_all: true,
        status: 'complete',
        status_notes: 'Action complete',
      }),
    ],
    created_at: T,
    updated_at: T,
    version: 2,
    ...overrides,
  };
}

export function reviewDetail(overrides: Partial<ReviewDetail> = {}): ReviewDetail {
  return {
    ...review(),
    recommendations: recommendations(),
    decisions: [decision()],
    action_plan: actionPlan(),
    ...overrides,
  };
}

// ---- progress monitoring ---------------------------------------------------------------------

export const ROUND_ID = '00000000-0000-4000-8000-000000000700';
export const ENTRY_ID = '00000000-0000-4000-8000-000000000801';

const GRADE_LABELS: Record<string, string> = { '1': 'Fully Achieved', '2': 'On-Track', '3': 'Slipped', '4': 'Not Achieved' };

export function grade(code: string): Grade {
  const label = GRADE_LABELS[code] ?? code;
  return { code, label, display: `${code} (${label})`, closes: code === '1' };
}

export function progressRound(overrides: Partial<ProgressRound> = {}): ProgressRound {
  return {
    id: ROUND_ID,
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    committee_id: COMMITTEE_ID,
    sequence: 2,
    label: 'May 2023',
    meeting_date: '2023-05-25',
    deadline: '2023-05-05',
    status: 'open',
    entries: { total: 1, draft: 1, submitted: 0, returned: 0, validated: 0, accepted: 0 },
    overdue: true,
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

/** Recommendation 2 of the seed review in the May 2023 round: a draft Cleveland Police owes. */
export function progressEntry(overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return {
    id: ENTRY_ID,
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    review_title: 'Police Communications in Stockton-on-Tees',
    round: { id: ROUND_ID, label: 'May 2023', deadline: '2023-05-05', meeting_date: '2023-05-25', status: 'open' },
    recommendation: {
      id: REC_2,
      number: '2',
      text: 'As part of the future communications protocol / agreement between Cleveland Police and Stockton-on-Tees Borough Council (SBC) Ward Councillors:',
      status: 'open',
    },
    organisation: { id: POLICE_ID, name: 'Cleveland Police' },
    state: 'draft',
    state_label: 'Draft',
    allowed_transitions: ['submitted'],
    editable: true,
    grades: {
      proposed_differs_from_officer: false,
      officer_differs_from_accepted: false,
      proposed_differs_from_accepted: false,
    },
    impact: { kind: 'not_recorded' },
    impact_text: '',
    key_figures: [],
    overdue: true,
    created_at: T,
    updated_at: T,
    version: 3,
    ...overrides,
  };
}

/** The same entry submitted by the police with grade 3 and its explanation. */
export function submittedEntry(overrides: Partial<ProgressEntry> = {}): ProgressEntry {
  return progressEntry({
    state: 'submitted',
    state_label: 'Submitted',
    allowed_transitions: ['returned', 'validated'],
    editable: false,
    progress: 'All ward PCSOs make monthly contact with their councillors.',
    progress_html: '<p>All ward PCSOs make monthly contact with their councillors.</p>',
    proposed_explanation: 'Staff turnover has diluted the focus on each ward.',
    grades: {
      proposed: grade('3'),
      current: grade('3'),
      proposed_differs_from_officer: false,
      officer_differs_from_accepted: false,
      proposed_differs_from_accepted: false,
    },
    impact: { kind: 'none_undertaken' },
    impact_text: 'No assessment of impact undertaken.',
    key_figures: [{ label: 'VCOP compliance', value: '95.2', unit: '%', scope: 'Northside officers', as_of: '2022-11-02' }],
    written_by: 'Pat Contributor',
    written_at: '2023-05-02T09:00:00Z',
    submitted_by: 'Pat Contributor',
    submitted_at: '2023-05-02T09:05:00Z',
    overdue: false,
    ...overrides,
  });
}

export function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    on: '2023-05-10',
    recommendations: { open: 1, closed: 3 },
    by_committee: [
      {
        id: COMMITTEE_ID,
        name: 'Crime and Disorder Select Committee',
        counts: [
          { state: 'accepted', grade: '1', count: 3 },
          { state: 'draft', grade: null, count: 1 },
        ],
      },
    ],
    by_review: [
      {
        id: REVIEW_ID,
        name: 'Police Communications in Stockton-on-Tees',
        counts: [
          { state: 'accepted', grade: '1', count: 3 },
          { state: 'draft', grade: null, count: 1 },
        ],
      },
    ],
    by_review_total: 1,
    by_organisation: [
      { id: POLICE_ID, name: 'Cleveland Police', counts: [{ state: 'accepted', grade: '1', count: 2 }] },
      { id: null, name: null, counts: [{ state: 'accepted', grade: '1', count: 1 }] },
    ],
    overdue_rounds: [
      {
        round_id: ROUND_ID,
        review_id: REVIEW_ID,
        review_title: 'Police Communications in Stockton-on-Tees',
        label: 'May 2023',
        deadline: '2023-05-05',
        meeting_date: '2023-05-25',
        owed: 1,
        to_assess: 0,
        to_accept: 0,
      },
    ],
    overdue_rounds_total: 1,
    due_soon_rounds: [],
    due_soon_rounds_total: 0,
    overdue_actions: 2,
    due_soon_actions: 0,
    overdue_responses: 1,
    due_soon_responses: 2,
    ...overrides,
  };
}

// ---- statutory responses ---------------------------------------------------------------------

export const RESPONSE_ID = '00000000-0000-4000-8000-000000000a01';
export const EXECUTIVE_RESPONSE_ID = '00000000-0000-4000-8000-000000000a02';

/** Cleveland Police's response to the seed review's report: awaited, both recommendations put to it. */
export function statutoryResponse(overrides: Partial<StatutoryResponse> = {}): StatutoryResponse {
  const recs = recommendations();
  return {
    id: RESPONSE_ID,
    council_id: COUNCIL_ID,
    review_id: REVIEW_ID,
    review_title: 'Police Communications in Stockton-on-Tees',
    responder_kind: 'partner',
    organisation_id: POLICE_ID,
    organisation_name: 'Cleveland Police',
    responder_name: 'Cleveland Police',
    report_received_on: '2022-01-20',
    due_on: '2022-02-17',
    state: 'awaited',
    overdue: true,
    summary: null,
    received_on: null,
    published_on: null,
    items: recs.map((r) => ({
      recommendation_id: r.id,
      recommendation_number: r.number,
      recommendation_text: r.text,
      verdict: null,
      reasons: null,
      proposed_action: null,
    })),
    created_at: T,
    updated_at: T,
    version: 2,
    ...overrides,
  };
}

/** Cabinet's response, received and answered. */
export function executiveResponse(overrides: Partial<StatutoryResponse> = {}): StatutoryResponse {
  const base = statutoryResponse();
  return statutoryResponse({
    id: EXECUTIVE_RESPONSE_ID,
    responder_kind: 'executive',
    organisation_id: COUNCIL_ID,
    organisation_name: 'Stockton-on-Tees Borough Council',
    responder_name: 'Cabinet',
    due_on: '2022-03-20',
    state: 'received',
    overdue: false,
    summary: 'Cabinet welcomes the report.',
    received_on: '2022-03-14',
    items: base.items.map((item, i) => ({
      ...item,
      verdict: i === 0 ? 'accepted' : 'partly_accepted',
      reasons: i === 0 ? null : 'Part f) is for the police alone.',
      proposed_action: 'Agree a protocol.',
    })),
    version: 5,
    ...overrides,
  });
}

export function responseTracker(overrides: Partial<ResponseTracker> = {}): ResponseTracker {
  return {
    items: [executiveResponse()],
    expected: [
      {
        responder_kind: 'partner',
        organisation_id: POLICE_ID,
        name: 'Cleveland Police',
        recommendation_ids: [REC_2],
        period: '28 days',
      },
    ],
    ...overrides,
  };
}

// ---- history, calendars and webhooks -----------------------------------------------------------

let eventNumber = 0;

/**
 * An audit event by the demo officer, as the history endpoints give them. The API declares its
 * snapshots as open objects (`before`, `after`): any record's fields are given here.
 */
export function auditEvent(
  overrides: Omit<Partial<AuditEvent>, 'before' | 'after'> &
    Pick<AuditEvent, 'action'> & { before?: object | null; after?: object | null },
): AuditEvent {
  eventNumber += 1;
  return {
    id: `00000000-0000-4000-8000-0000000c${String(eventNumber).padStart(4, '0')}`,
    occurred_at: '2022-03-15T10:00:00Z',
    actor: { kind: 'user', id: '00000000-0000-4000-8000-000000000900', name: 'Marc Stephenson' },
    entity_type: overrides.action.split('.')[0]!,
    entity_id: REVIEW_ID,
    ...overrides,
  } as AuditEvent;
}

export const CALENDAR_ID = '00000000-0000-4000-8000-000000000b01';

/** The council's own calendar of closure days. */
export function calendar(overrides: Partial<Calendar> = {}): Calendar {
  return {
    id: CALENDAR_ID,
    name: 'Stockton-on-Tees council closure days',
    council_id: COUNCIL_ID,
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

export const WEBHOOK_ID = '00000000-0000-4000-8000-000000000d01';

export function webhook(overrides: Partial<WebhookSubscription> = {}): WebhookSubscription {
  return {
    id: WEBHOOK_ID,
    council_id: COUNCIL_ID,
    organisation_id: COUNCIL_ID,
    url: 'https://case-system.police.example/hooks/scrutiny',
    description: 'Cleveland Police case system',
    event_types: ['progress_entry.submitted'],
    status: 'active',
    owner_email: 'admin@stockton.example',
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

export function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: '00000000-0000-4000-8000-000000000d11',
    subscription_id: WEBHOOK_ID,
    event_id: '00000000-0000-4000-8000-000000000d21',
    event_type: 'progress_entry.submitted',
    state: 'failed',
    attempts: 12,
    give_up_at: '2022-03-18T10:00:00Z',
    last_attempt_at: '2022-03-18T09:00:00Z',
    last_status: 503,
    last_latency_ms: 120,
    last_error: 'Service Unavailable',
    created_at: T,
    ...overrides,
  };
}

export const IDP_ID = '00000000-0000-4000-8000-000000000e01';

export function identityProvider(overrides: Partial<IdentityProvider> = {}): IdentityProvider {
  return {
    id: IDP_ID,
    council_id: COUNCIL_ID,
    name: 'Stockton-on-Tees Borough Council staff',
    issuer: 'https://login.microsoftonline.com/4b1c0e2f-0000-4000-8000-000000000000/v2.0',
    client_id: 'scrutiny-tracker',
    has_client_secret: true,
    scopes: 'openid email profile',
    role_mappings: [{ claim: 'groups', value: 'scrutiny-officers', role: 'officer' }],
    create_users: true,
    email_domains: ['stockton.gov.uk'],
    enabled: true,
    created_at: T,
    updated_at: T,
    version: 1,
    ...overrides,
  };
}

export function signInOption(overrides: Partial<SignInOption> = {}): SignInOption {
  return {
    id: IDP_ID,
    name: 'Stockton-on-Tees Borough Council staff',
    council_id: COUNCIL_ID,
    council_name: 'Stockton-on-Tees Borough Council',
    ...overrides,
  };
}
