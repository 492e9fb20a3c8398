-- Scrutiny records: working-day calendars, council settings, committees, reviews,
-- recommendations and their parts, Cabinet decisions, action plans, actions and milestones.
-- Every record belongs to one council (an organisation of kind 'council').
-- Partial dates (month or day precision) are stored as the first day, its precision, and the last
-- day of the period (for "due between" and "overdue").

CREATE TABLE holiday_calendars (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);

CREATE TABLE holidays (
    calendar_id uuid NOT NULL REFERENCES holiday_calendars (id),
    day date NOT NULL,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (calendar_id, day)
);

-- Per-council settings; a council without a row uses these defaults.
CREATE TABLE council_settings (
    council_id uuid PRIMARY KEY REFERENCES organisations (id),
    calendar_id uuid NOT NULL REFERENCES holiday_calendars (id),
    call_in_working_days integer NOT NULL DEFAULT 5 CHECK (call_in_working_days BETWEEN 1 AND 60),
    call_in_end_time time NOT NULL DEFAULT '23:59',
    time_zone text NOT NULL DEFAULT 'Europe/London',
    first_update_months integer NOT NULL DEFAULT 12 CHECK (first_update_months BETWEEN 1 AND 60),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);

CREATE TABLE committees (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    description text,
    -- Later progress rounds come at this interval after the first.
    update_interval_months integer NOT NULL DEFAULT 6 CHECK (update_interval_months BETWEEN 1 AND 60),
    -- A renamed or replaced committee points at its successor; its own record stays as it was.
    successor_id uuid REFERENCES committees (id),
    replaced_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CHECK (successor_id IS NULL OR successor_id <> id)
);
CREATE INDEX committees_council_name_idx ON committees (council_id, name, id);
CREATE INDEX committees_successor_idx ON committees (successor_id) WHERE successor_id IS NOT NULL;

CREATE TABLE reviews (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    committee_id uuid NOT NULL REFERENCES committees (id),
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    review_type text NOT NULL CHECK (review_type IN ('task_and_finish', 'in_depth', 'other')),
    work_programme_year text CHECK (work_programme_year ~ '^[0-9]{4}-[0-9]{4}$'),
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN (
        'proposed', 'scoping', 'evidence_gathering', 'report_drafted', 'approved_by_committee',
        'decided_by_cabinet', 'action_plan_agreed', 'monitoring', 'signed_off', 'withdrawn')),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    scrutiny_officer_id uuid REFERENCES contacts (id),
    summary text,
    withdrawn_reason text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CHECK (status <> 'withdrawn' OR withdrawn_reason IS NOT NULL)
);
CREATE INDEX reviews_council_title_idx ON reviews (council_id, title, id);
CREATE INDEX reviews_council_status_idx ON reviews (council_id, status, title, id);
CREATE INDEX reviews_committee_idx ON reviews (committee_id, title, id);
CREATE INDEX reviews_title_idx ON reviews (title, id);

CREATE TABLE review_link_officers (
    review_id uuid NOT NULL REFERENCES reviews (id),
    contact_id uuid NOT NULL REFERENCES contacts (id),
    position integer NOT NULL,
    PRIMARY KEY (review_id, contact_id)
);
CREATE INDEX review_link_officers_contact_idx ON review_link_officers (contact_id);

CREATE TABLE recommendations (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    number text NOT NULL CHECK (length(number) BETWEEN 1 AND 10),
    position integer NOT NULL,
    text text NOT NULL CHECK (length(btrim(text)) >= 1),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'withdrawn')),
    closed_reason text,
    status_changed_at timestamptz,
    withdrawn_reason text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', number || ' ' || text)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE (review_id, number),
    CHECK (status <> 'withdrawn' OR withdrawn_reason IS NOT NULL)
);
CREATE INDEX recommendations_review_idx ON recommendations (review_id, position, id);
CREATE INDEX recommendations_council_status_idx ON recommendations (council_id, status, review_id, position, id);
CREATE INDEX recommendations_search_idx ON recommendations USING gin (search);
CREATE INDEX recommendations_updated_idx ON recommendations (updated_at DESC, id DESC);

CREATE TABLE recommendation_parts (
    id uuid PRIMARY KEY,
    recommendation_id uuid NOT NULL REFERENCES recommendations (id),
    label text NOT NULL CHECK (length(label) BETWEEN 1 AND 6),
    position integer NOT NULL,
    text text NOT NULL CHECK (length(btrim(text)) >= 1),
    withdrawn_reason text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE (recommendation_id, label)
);
CREATE INDEX recommendation_parts_recommendation_idx ON recommendation_parts (recommendation_id, position, id);
CREATE INDEX recommendation_parts_search_idx ON recommendation_parts USING gin (search);

CREATE TABLE decisions (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 200),
    meeting_date date NOT NULL,
    item_title text NOT NULL CHECK (length(btrim(item_title)) >= 1),
    -- The record of the decision before the resolutions ("Consideration was given to …").
    decision_text text,
    reasons text,
    alternatives text,
    conflicts text,
    dispensations text,
    reference text,
    key_decision boolean NOT NULL DEFAULT false,
    -- Publication by the Proper Officer starts the call-in period.
    published_on date,
    -- The deadline as the document states it (its words and the instant they mean), kept as given.
    stated_call_in_text text,
    stated_call_in_deadline timestamptz,
    -- Computed from the council's settings and calendar whenever the record is written.
    computed_call_in_deadline timestamptz,
    call_in_state text NOT NULL DEFAULT 'open' CHECK (call_in_state IN ('open', 'expired', 'called_in', 'upheld', 'referred_back')),
    call_in_state_changed_at timestamptz,
    call_in_note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);
CREATE INDEX decisions_review_idx ON decisions (review_id, meeting_date, id);
CREATE INDEX decisions_council_idx ON decisions (council_id, meeting_date DESC, id);
CREATE INDEX decisions_open_call_in_idx ON decisions (computed_call_in_deadline) WHERE call_in_state = 'open';

CREATE TABLE decision_resolutions (
    id uuid PRIMARY KEY,
    decision_id uuid NOT NULL REFERENCES decisions (id),
    number text NOT NULL CHECK (length(number) BETWEEN 1 AND 10),
    position integer NOT NULL,
    text text NOT NULL,
    recommendation_id uuid REFERENCES recommendations (id),
    UNIQUE (decision_id, number)
);
CREATE INDEX decision_resolutions_decision_idx ON decision_resolutions (decision_id, position);
CREATE INDEX decision_resolutions_recommendation_idx ON decision_resolutions (recommendation_id);

CREATE TABLE decision_resolution_parts (
    id uuid PRIMARY KEY,
    resolution_id uuid NOT NULL REFERENCES decision_resolutions (id),
    label text NOT NULL CHECK (length(label) BETWEEN 1 AND 6),
    position integer NOT NULL,
    text text NOT NULL,
    recommendation_part_id uuid REFERENCES recommendation_parts (id),
    UNIQUE (resolution_id, label)
);
CREATE INDEX decision_resolution_parts_resolution_idx ON decision_resolution_parts (resolution_id, position);

CREATE TABLE action_plans (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    review_id uuid NOT NULL UNIQUE REFERENCES reviews (id),
    title text,
    agreed_on date,
    agreed_on_precision text CHECK (agreed_on_precision IN ('month', 'day')),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'signed_off')),
    signed_off_on date,
    signed_off_reason text,
    amendment_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CHECK ((agreed_on IS NULL) = (agreed_on_precision IS NULL))
);
CREATE INDEX action_plans_council_idx ON action_plans (council_id, status);

-- Each amendment keeps the plan as it stood before it, whole.
CREATE TABLE action_plan_amendments (
    id uuid PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES action_plans (id),
    number integer NOT NULL,
    reason text NOT NULL,
    previous jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE actions (
    id uuid PRIMARY KEY,
    council_id uuid NOT NULL REFERENCES organisations (id),
    plan_id uuid NOT NULL REFERENCES action_plans (id),
    review_id uuid NOT NULL REFERENCES reviews (id),
    recommendation_id uuid NOT NULL REFERENCES recommendations (id),
    part_id uuid REFERENCES recommendation_parts (id),
    position integer NOT NULL,
    proposed_actions text NOT NULL,
    success_measures text[] NOT NULL DEFAULT '{}',
    -- The Responsibility cell as written ("Cleveland Police", "C/Supt Lang", "All").
    responsibility_text text,
    responsible_all boolean NOT NULL DEFAULT false,
    -- Free-text progress notes kept with the action ("Action complete").
    status_notes text,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'withdrawn')),
    withdrawn_reason text,
    search tsvector GENERATED ALWAYS AS (
        to_tsvector('english', proposed_actions || ' ' || coalesce(status_notes, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    CHECK (status <> 'withdrawn' OR withdrawn_reason IS NOT NULL)
);
CREATE INDEX actions_plan_idx ON actions (plan_id, position, id);
CREATE INDEX actions_recommendation_idx ON actions (recommendation_id, position, id);
CREATE INDEX actions_review_idx ON actions (review_id);
CREATE INDEX actions_search_idx ON actions USING gin (search);
CREATE INDEX actions_council_status_idx ON actions (council_id, status, plan_id, position, id);
CREATE INDEX actions_status_idx ON actions (status, plan_id, position, id);

-- Who is responsible: organisations, or named people (contacts, with their organisation when known).
CREATE TABLE action_owners (
    action_id uuid NOT NULL REFERENCES actions (id),
    position integer NOT NULL,
    organisation_id uuid REFERENCES organisations (id),
    contact_id uuid REFERENCES contacts (id),
    PRIMARY KEY (action_id, position),
    CHECK (organisation_id IS NOT NULL OR contact_id IS NOT NULL)
);
CREATE INDEX action_owners_organisation_idx ON action_owners (organisation_id, action_id);
CREATE INDEX action_owners_contact_idx ON action_owners (contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE milestones (
    id uuid PRIMARY KEY,
    action_id uuid NOT NULL REFERENCES actions (id),
    position integer NOT NULL,
    due_on date,
    due_precision text CHECK (due_precision IN ('month', 'day')),
    due_by date,
    label text,
    completed_on date,
    CHECK ((due_on IS NULL) = (due_precision IS NULL) AND (due_on IS NULL) = (due_by IS NULL)),
    CHECK (due_on IS NOT NULL OR label IS NOT NULL)
);
CREATE INDEX milestones_action_idx ON milestones (action_id, position);
CREATE INDEX milestones_due_idx ON milestones (due_by, action_id) WHERE completed_on IS NULL;

-- The England and Wales bank holidays, 2015 to 2030 (special days included; years not yet
-- announced projected by the usual rules). Admins add more through the API.
INSERT INTO holiday_calendars (id, name) VALUES
    ('00000000-0000-7000-8000-000000000001', 'England and Wales');
INSERT INTO holidays (calendar_id, day, title) VALUES
    ('00000000-0000-7000-8000-000000000001', '2015-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2015-04-03', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2015-04-06', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2015-05-04', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2015-05-25', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2015-08-31', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2015-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2015-12-28', 'Boxing Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2016-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2016-03-25', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2016-03-28', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2016-05-02', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2016-05-30', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2016-08-29', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2016-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2016-12-27', 'Christmas Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2017-01-02', 'New Year''s Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2017-04-14', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2017-04-17', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2017-05-01', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2017-05-29', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2017-08-28', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2017-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2017-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2018-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2018-03-30', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2018-04-02', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2018-05-07', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2018-05-28', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2018-08-27', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2018-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2018-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2019-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2019-04-19', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2019-04-22', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2019-05-06', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2019-05-27', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2019-08-26', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2019-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2019-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2020-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2020-04-10', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2020-04-13', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2020-05-08', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2020-05-25', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2020-08-31', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2020-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2020-12-28', 'Boxing Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2021-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2021-04-02', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2021-04-05', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2021-05-03', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2021-05-31', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2021-08-30', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2021-12-27', 'Christmas Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2021-12-28', 'Boxing Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2022-01-03', 'New Year''s Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2022-04-15', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2022-04-18', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2022-05-02', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2022-06-02', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2022-06-03', 'Platinum Jubilee of Elizabeth II'),
    ('00000000-0000-7000-8000-000000000001', '2022-08-29', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2022-09-19', 'State Funeral of Queen Elizabeth II'),
    ('00000000-0000-7000-8000-000000000001', '2022-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2022-12-27', 'Christmas Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2023-01-02', 'New Year''s Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2023-04-07', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2023-04-10', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2023-05-01', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2023-05-08', 'Coronation of Charles III'),
    ('00000000-0000-7000-8000-000000000001', '2023-05-29', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2023-08-28', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2023-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2023-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2024-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2024-03-29', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2024-04-01', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2024-05-06', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2024-05-27', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2024-08-26', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2024-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2024-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2025-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2025-04-18', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2025-04-21', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2025-05-05', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2025-05-26', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2025-08-25', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2025-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2025-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2026-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2026-04-03', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2026-04-06', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2026-05-04', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2026-05-25', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2026-08-31', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2026-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2026-12-28', 'Boxing Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2027-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2027-03-26', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2027-03-29', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2027-05-03', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2027-05-31', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2027-08-30', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2027-12-27', 'Christmas Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2027-12-28', 'Boxing Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2028-01-03', 'New Year''s Day (substitute day)'),
    ('00000000-0000-7000-8000-000000000001', '2028-04-14', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2028-04-17', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2028-05-01', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2028-05-29', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2028-08-28', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2028-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2028-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2029-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2029-03-30', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2029-04-02', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2029-05-07', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2029-05-28', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2029-08-27', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2029-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2029-12-26', 'Boxing Day'),
    ('00000000-0000-7000-8000-000000000001', '2030-01-01', 'New Year''s Day'),
    ('00000000-0000-7000-8000-000000000001', '2030-04-19', 'Good Friday'),
    ('00000000-0000-7000-8000-000000000001', '2030-04-22', 'Easter Monday'),
    ('00000000-0000-7000-8000-000000000001', '2030-05-06', 'Early May bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2030-05-27', 'Spring bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2030-08-26', 'Summer bank holiday'),
    ('00000000-0000-7000-8000-000000000001', '2030-12-25', 'Christmas Day'),
    ('00000000-0000-7000-8000-000000000001', '2030-12-26', 'Boxing Day');
