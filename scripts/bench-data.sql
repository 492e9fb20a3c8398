-- National-scale synthetic data for the benchmark (scripts/bench).
--
--   psql "$DATABASE_URL" -v scale=1 -f scripts/bench-data.sql
--
-- Run it on a migrated database after `scrutiny demo` (it finds the demo's Stockton-on-Tees
-- Borough Council and Cleveland Police by name and gives them their share of the records, so the
-- demo officer and the demo police contributor see a realistic slice).
--
-- scale (default 1) is the size of the country: at 1 that is 100,000 reviews in 300 councils
-- (Stockton among them) and about
--   990,000 recommendations, 1,480,000 parts, 1,160,000 actions, 1,460,000 action owners,
--   1,740,000 milestones (month precision, due 2020-2028), 91,000 Cabinet decisions with
--   950,000 resolutions and 1,430,000 resolution parts, 88,000 action plans, and progress
--   monitoring of the 73,000 reviews being monitored or signed off: ~256,000 rounds and
--   ~5,050,000 progress entries (~2,400,000 for recommendations, ~2,650,000 for their parts)
--   with ~130,000 key figures (estimated from scale 0.02: 5,111 rounds, 100,947 entries),
-- with owners spread over 50 partner organisations plus Cleveland Police (25 police forces, fire
-- and rescue services, integrated care boards, probation regions and others) and the councils
-- themselves, each council working with its local partners (Stockton with Cleveland Police).
--
-- A smaller country has fewer councils, not smaller ones: every council has ~333 reviews
-- (~3,300 recommendations, the national average) whatever the scale, so round(300 * scale)
-- councils, at least one. Each partner serves a fixed block of neighbouring councils: Cleveland
-- Police councils 0-5 (Stockton and five more), the other 24 forces twelve or so each; a fire
-- and rescue service 30, an integrated care board 37 or 38, a probation region or another
-- partner 75 (fewer where the country has fewer councils). So the demo officer's council and,
-- from scale 0.02, the demo police contributor's councils are the same at every scale, and a
-- scaling table (scripts/bench-scaling) shows the cost of the size of the country alone.
-- scale=0.02 gives about 20,000 recommendations and 100,000 progress entries.
--
-- Everything is set-based (generate_series, INSERT … SELECT); ids are UUIDv7-shaped, in creation
-- order; the generated tsvector columns are left to PostgreSQL. Every CHECK, UNIQUE and primary
-- key constraint of the migrations is enforced while loading, and every foreign key is checked
-- when it is added back at the end (see below). Random choices come from random() after
-- setseed(), so a run gives the same data. It ends with VACUUM ANALYZE.
\set ON_ERROR_STOP on
\if :{?scale}
\else
  \set scale 1
\endif
\timing on

SET client_min_messages = warning;
SET synchronous_commit = off;
SET temp_buffers = '1GB';
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
SET jit = off;
SELECT setseed(0.2026);

SELECT greatest(1, round(100000 * :scale))::int AS n_reviews,
       greatest(1, least(round(100000 * :scale), round(300 * :scale)))::int AS n_councils \gset
\echo 'scale' :scale ':' :n_reviews 'reviews in' :n_councils 'councils'

SELECT id AS council_id FROM organisations WHERE name = 'Stockton-on-Tees Borough Council' \gset demo_
SELECT id AS police_id FROM organisations WHERE name = 'Cleveland Police' \gset demo_

-- A UUIDv7-shaped id, unique per (kind, n) and increasing with n.
CREATE FUNCTION pg_temp.uid(kind int, n bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (lpad(to_hex(1577836800000 + n), 12, '0') || '7' || lpad(to_hex(kind), 3, '0')
            || '8' || lpad(to_hex(n), 15, '0'))::uuid
$$;

-- As pg_restore does, the secondary indexes and the foreign keys of the big tables are dropped
-- while loading and made again at the end from their own definitions (pg_get_indexdef,
-- pg_get_constraintdef): building an index in one pass and checking a foreign key with one join
-- is several times faster than doing either row by row. Adding the foreign keys back checks every
-- row, so the load still fails on a dangling reference. Primary keys, UNIQUE and CHECK
-- constraints stay in force throughout.
CREATE TEMP TABLE deferred_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relnamespace = 'public'::regnamespace
  AND t.relname IN ('reviews', 'recommendations', 'recommendation_parts', 'decision_resolutions',
                    'decision_resolution_parts', 'actions', 'action_owners', 'milestones',
                    'decisions', 'action_plans', 'progress_rounds', 'progress_entries',
                    'progress_key_figures')
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM deferred_indexes \gexec
CREATE TEMP TABLE deferred_foreign_keys AS
SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
WHERE c.contype = 'f'
  AND t.relnamespace = 'public'::regnamespace
  AND t.relname IN ('reviews', 'review_link_officers', 'recommendations', 'recommendation_parts',
                    'decisions', 'decision_resolutions', 'decision_resolution_parts',
                    'action_plans', 'actions', 'action_owners', 'milestones',
                    'progress_rounds', 'progress_entries', 'progress_key_figures');
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', table_name, conname)
FROM deferred_foreign_keys \gexec

-- The tables the database keeps from others (search documents, responsibilities, latest entries,
-- counts) are worked out once at the end, set-based, by scrutiny_rebuild_derived (migration
-- organisation_counts): their triggers, which work row by row or statement by statement and look
-- up what they need by the indexes dropped above, are off while loading.
CREATE TEMP TABLE deferred_triggers AS
SELECT tg.tgrelid::regclass::text AS table_name, tg.tgname
FROM pg_trigger tg
JOIN pg_class t ON t.oid = tg.tgrelid
WHERE NOT tg.tgisinternal AND tg.tgenabled <> 'D'
  AND t.relnamespace = 'public'::regnamespace
  AND t.relname IN ('recommendations', 'recommendation_parts', 'actions', 'action_owners',
                    'milestones', 'progress_rounds', 'progress_entries')
  AND tg.tgfoid IN (SELECT p.oid FROM pg_proc p
                     WHERE p.proname IN ('scrutiny_recommendation_document_own',
                                         'scrutiny_recommendation_document_of_child',
                                         'scrutiny_responsibilities_of_actions',
                                         'scrutiny_responsibilities_of_owners',
                                         'scrutiny_latest_entries_changed',
                                         'scrutiny_round_entry_counts_changed',
                                         'scrutiny_round_deadline_changed',
                                         'scrutiny_organisation_milestones_changed'));
SELECT format('ALTER TABLE %s DISABLE TRIGGER %I', table_name, tgname) FROM deferred_triggers \gexec

-- ---------------------------------------------------------------------------------------------
-- Words

CREATE TEMP VIEW vocab AS SELECT
    ARRAY['The Council', 'The police', 'The local police force', 'The Council and its partners',
          'The Community Safety Partnership', 'Neighbourhood policing teams',
          'The Fire and Rescue Service', 'The Integrated Care Board', 'The Youth Justice Service',
          'Housing services', 'The Cabinet Member for Community Safety', 'Ward Councillors',
          'The Probation Service', 'Children''s Services', 'Adult Social Care', 'Public Health',
          'Environmental Health', 'The Highways team']::text[] AS subj,
    ARRAY['develops', 'reviews', 'publishes', 'strengthens', 'establishes', 'promotes',
          'monitors', 'improves', 'agrees', 'reports on', 'consults residents on', 'delivers',
          'evaluates', 'raises awareness of']::text[] AS verb,
    ARRAY['a communications protocol with Ward Councillors', 'community engagement with residents',
          'its response to anti-social behaviour', 'support for victims of crime',
          'the visibility of PCSOs in each Ward', 'domestic abuse referral pathways',
          'the fly-tipping enforcement policy', 'school transport arrangements',
          'the housing repairs backlog', 'air quality monitoring near schools',
          'youth service provision', 'the road safety strategy', 'knife crime prevention work',
          'hate crime reporting', 'mental health crisis support', 'the night-time economy',
          'drug and alcohol treatment services', 'the CCTV network', 'street lighting repairs',
          'flood risk management', 'home fire safety checks', 'the 101 non-emergency service',
          'police engagement with young people', 'digital inclusion', 'support for carers',
          'the winter pressures plan', 'adult safeguarding arrangements',
          'the local plan consultation', 'business rates relief', 'the climate change action plan',
          'empty homes brought back into use', 'the selective licensing scheme',
          'hospital discharge delays', 'rough sleeping outreach', 'speeding on residential roads',
          'neighbourhood watch schemes']::text[] AS obj,
    ARRAY['within six months', 'with all Ward Councillors', 'and reports progress to the Committee',
          'in partnership with the voluntary sector', 'using existing resources',
          'by the end of the financial year', 'and publishes the outcome on its website',
          'with clear escalation points', 'as part of the annual budget process',
          'taking account of the resident survey findings', 'including performance data by Ward',
          'and shares good practice across the region']::text[] AS qual,
    ARRAY['provides clarity on', 'ensures regular updates about', 'sets out expectations for',
          'includes the Ward Councillor survey findings on', 'gives named contacts for',
          'agrees timescales for', 'identifies funding for', 'trains frontline staff on']::text[] AS part_verb,
    ARRAY['Develop and agree', 'Hold a workshop on', 'Produce a briefing note on',
          'Include in the next review of', 'Carry out a survey about', 'Raise awareness of',
          'Appoint a lead officer for', 'Publish guidance on', 'Report quarterly on',
          'Commission an independent review of', 'Set up a task group on',
          'Update the Ward Councillor newsletter on']::text[] AS act_verb,
    ARRAY['Positive feedback from Ward Councillors', 'Increase in reports received',
          'Reduction in repeat victimisation', 'Protocol published and circulated',
          'Resident satisfaction above 75%', 'Quarterly performance report to Committee',
          'Number of engagement events held', 'Reduced response times',
          'Fewer complaints received', 'Training completed by all frontline staff']::text[] AS measure,
    ARRAY['Development of protocol', 'Assessment of protocol', 'Report to Committee',
          'Consultation closes', 'Pilot in two Wards', 'Review of progress', 'Go live',
          'Training complete']::text[] AS ms_label,
    ARRAY['Review of ', 'Scrutiny Review of ', 'Task and Finish Review of ', 'In-depth Review of ']::text[] AS title_prefix,
    ARRAY['Police Communications', 'Anti-Social Behaviour', 'Domestic Abuse Services',
          'Highways Maintenance', 'Fly-Tipping', 'School Transport', 'Housing Repairs',
          'Air Quality', 'Youth Services', 'Road Safety', 'Knife Crime', 'Hate Crime',
          'Mental Health Crisis Care', 'The Night-Time Economy', 'Drug and Alcohol Services',
          'CCTV', 'Street Lighting', 'Flood Risk', 'Fire Safety in the Home',
          'Community Engagement', 'Digital Inclusion', 'Support for Carers', 'Winter Pressures',
          'Adult Safeguarding', 'Empty Homes', 'Selective Licensing', 'Hospital Discharge',
          'Rough Sleeping', 'Speeding', 'Neighbourhood Policing', 'Victims of Crime',
          'Town Centre Regeneration', 'Parks and Open Spaces', 'Waste and Recycling',
          'Special Educational Needs Transport', 'Libraries', 'Leisure Centres',
          'Council Tax Support', 'Private Rented Sector', 'Scams and Doorstep Crime']::text[] AS topic,
    ARRAY['Anne', 'Ben', 'Claire', 'David', 'Emma', 'Faisal', 'Grace', 'Harry', 'Imran', 'Julie',
          'Karen', 'Liam', 'Mohammed', 'Nadia', 'Owen', 'Priya', 'Rachel', 'Sam', 'Tom',
          'Wendy']::text[] AS first_name,
    ARRAY['Atkinson', 'Bell', 'Carr', 'Dixon', 'Elliott', 'Ford', 'Green', 'Hall', 'Iqbal',
          'Jackson', 'Khan', 'Lang', 'Mason', 'Nixon', 'Oliver', 'Patel', 'Robson', 'Scott',
          'Thompson', 'Walker']::text[] AS last_name;

CREATE FUNCTION pg_temp.pick(words text[]) RETURNS text
LANGUAGE sql VOLATILE AS $$ SELECT words[1 + floor(random() * cardinality(words))::int] $$;

-- ---------------------------------------------------------------------------------------------
-- Organisations: n_councils councils (Stockton is council 0) and 51 partners (Cleveland Police is
-- police force 0). Council c works with the partners whose block holds it: see partner_of below.

CREATE TEMP TABLE org_map (kind text, idx int, id uuid, name text, PRIMARY KEY (kind, idx));
INSERT INTO org_map VALUES
    ('council', 0, :'demo_council_id', 'Stockton-on-Tees Borough Council'),
    ('police', 0, :'demo_police_id', 'Cleveland Police');

INSERT INTO org_map (kind, idx, id, name)
SELECT 'council', i, pg_temp.uid(1, i),
       (ARRAY['Ashford', 'Barnsley', 'Bassetlaw', 'Bedford', 'Blackburn', 'Blackpool', 'Bolton',
              'Bradford', 'Broxtowe', 'Burnley', 'Bury', 'Calderdale', 'Cannock Chase', 'Carlisle',
              'Charnwood', 'Cheltenham', 'Chesterfield', 'Colchester', 'Copeland', 'Darlington',
              'Doncaster', 'Dudley', 'Durham', 'Eden', 'Gateshead', 'Gedling', 'Halton',
              'Harrogate', 'Hartlepool', 'Hyndburn', 'Kirklees', 'Knowsley', 'Lancaster', 'Leeds',
              'Lincoln', 'Mansfield', 'Middlesbrough', 'Newark', 'Northumberland', 'Oldham',
              'Pendle', 'Preston', 'Redcar', 'Rochdale', 'Rotherham', 'Ryedale', 'Salford',
              'Scarborough', 'Sefton', 'Selby', 'Sheffield', 'Solihull', 'Stafford', 'Sunderland',
              'Tameside', 'Trafford', 'Wakefield', 'Walsall', 'Wigan', 'Wirral'])[1 + (i - 1) % 60]
       || ' ' ||
       (ARRAY['Borough Council', 'City Council', 'District Council',
              'Metropolitan Borough Council', 'Council'])[1 + (i - 1) / 60]
FROM generate_series(1, :n_councils - 1) i;

INSERT INTO org_map (kind, idx, id, name)
SELECT p.kind, p.idx, pg_temp.uid(1, 1000 + row_number() OVER ()), p.name
FROM (VALUES
    ('police', 1, 'Northumbria Police'), ('police', 2, 'Durham Constabulary'),
    ('police', 3, 'North Yorkshire Police'), ('police', 4, 'West Yorkshire Police'),
    ('police', 5, 'South Yorkshire Police'), ('police', 6, 'Humberside Police'),
    ('police', 7, 'Lancashire Constabulary'), ('police', 8, 'Merseyside Police'),
    ('police', 9, 'Greater Manchester Police'), ('police', 10, 'Cheshire Constabulary'),
    ('police', 11, 'Cumbria Constabulary'), ('police', 12, 'Derbyshire Constabulary'),
    ('police', 13, 'Nottinghamshire Police'), ('police', 14, 'Lincolnshire Police'),
    ('police', 15, 'Leicestershire Police'), ('police', 16, 'Staffordshire Police'),
    ('police', 17, 'West Midlands Police'), ('police', 18, 'West Mercia Police'),
    ('police', 19, 'Warwickshire Police'), ('police', 20, 'Northamptonshire Police'),
    ('police', 21, 'Cambridgeshire Constabulary'), ('police', 22, 'Norfolk Constabulary'),
    ('police', 23, 'Suffolk Constabulary'), ('police', 24, 'Essex Police'),
    ('fire', 0, 'Tyne and Wear Fire and Rescue Service'),
    ('fire', 1, 'County Durham and Darlington Fire and Rescue Service'),
    ('fire', 2, 'North Yorkshire Fire and Rescue Service'),
    ('fire', 3, 'West Yorkshire Fire and Rescue Service'),
    ('fire', 4, 'South Yorkshire Fire and Rescue Service'),
    ('fire', 5, 'Humberside Fire and Rescue Service'),
    ('fire', 6, 'Lancashire Fire and Rescue Service'),
    ('fire', 7, 'Merseyside Fire and Rescue Service'),
    ('fire', 8, 'Greater Manchester Fire and Rescue Service'),
    ('fire', 9, 'Cheshire Fire and Rescue Service'),
    ('health', 0, 'NHS North East and North Cumbria Integrated Care Board'),
    ('health', 1, 'NHS Humber and North Yorkshire Integrated Care Board'),
    ('health', 2, 'NHS West Yorkshire Integrated Care Board'),
    ('health', 3, 'NHS South Yorkshire Integrated Care Board'),
    ('health', 4, 'NHS Lancashire and South Cumbria Integrated Care Board'),
    ('health', 5, 'NHS Cheshire and Merseyside Integrated Care Board'),
    ('health', 6, 'NHS Greater Manchester Integrated Care Board'),
    ('health', 7, 'NHS Derby and Derbyshire Integrated Care Board'),
    ('probation', 0, 'Probation Service North East'),
    ('probation', 1, 'Probation Service Yorkshire and the Humber'),
    ('probation', 2, 'Probation Service North West'),
    ('probation', 3, 'Probation Service East Midlands'),
    ('other', 0, 'Thirteen Housing Group'), ('other', 1, 'Citizens Advice North'),
    ('other', 2, 'Youth Justice Board'), ('other', 3, 'Environment Agency North East')
) AS p (kind, idx, name);

\echo 'organisations'
INSERT INTO organisations (id, name, kind, responsible_authority, created_at, updated_at)
SELECT id, name, CASE WHEN kind = 'council' THEN 'council' ELSE kind END, kind <> 'other',
       timestamptz '2019-06-01 09:00+00', timestamptz '2019-06-01 09:00+00'
FROM org_map
WHERE NOT (kind = 'council' AND idx = 0) AND NOT (kind = 'police' AND idx = 0);

CREATE TEMP TABLE kinds AS
SELECT kind, count(*)::int AS n FROM org_map GROUP BY kind;

-- The partner of a kind that serves council c: council c itself; for the police, Cleveland
-- Police (0) councils 0-5 and the other forces blocks of the remaining 294 of a country of 300;
-- for the other kinds, n contiguous blocks of 300 / n councils.
CREATE FUNCTION pg_temp.partner_of(kind text, n int, c int) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
               WHEN kind = 'council' THEN c
               WHEN kind = 'police' THEN CASE WHEN c < 6 THEN 0
                                              ELSE 1 + least(n - 2, (c - 6) * (n - 1) / 294) END
               ELSE least(n - 1, c * n / 300)
           END
$$;
ANALYZE org_map;
ANALYZE kinds;

-- Contacts: two scrutiny officers per council, three named people per partner.
CREATE TEMP TABLE contact_map AS
SELECT o.kind, o.idx, k, pg_temp.uid(2, row_number() OVER (ORDER BY o.kind, o.idx, k)) AS id,
       o.id AS organisation_id,
       v.first_name[1 + (o.idx * 7 + k * 3 + length(o.kind)) % 20] || ' '
         || v.last_name[1 + (o.idx * 11 + k * 5 + length(o.kind) * 3) % 20] AS name,
       CASE o.kind
           WHEN 'council' THEN (ARRAY['Scrutiny Officer', 'Democratic Services Manager'])[k + 1]
           WHEN 'police' THEN (ARRAY['Neighbourhood Inspector', 'Chief Inspector', 'Superintendent'])[k + 1]
           WHEN 'fire' THEN (ARRAY['Station Manager', 'Group Manager', 'Area Manager'])[k + 1]
           ELSE (ARRAY['Partnership Manager', 'Head of Service', 'Director'])[k + 1]
       END AS job_title
FROM org_map o
CROSS JOIN vocab v
CROSS JOIN LATERAL generate_series(0, CASE WHEN o.kind = 'council' THEN 1 ELSE 2 END) k;

\echo 'contacts'
-- Every contact is in a council's address book: a council's people in their own council's, a
-- partner's in the book of the council of the same number (the first that names them).
INSERT INTO contacts (id, name, job_title, email, organisation_id, council_id, created_at, updated_at)
SELECT cm.id, cm.name, cm.job_title,
       lower(replace(cm.name, ' ', '.')) || '.' || cm.kind || cm.idx || '@' || cm.kind || '.example',
       cm.organisation_id, coalesce(c.id, :'demo_council_id'),
       timestamptz '2019-06-01 09:00+00', timestamptz '2019-06-01 09:00+00'
FROM contact_map cm
LEFT JOIN org_map c ON c.kind = 'council' AND c.idx = cm.idx;
ANALYZE contact_map;

-- Committees: five per council (Stockton's Crime and Disorder Select Committee is the demo's).
CREATE TEMP TABLE committee_names AS
SELECT k, name FROM unnest(ARRAY[
    'Crime and Disorder Select Committee', 'Adult Social Care and Health Select Committee',
    'Children and Young People Select Committee', 'Place Select Committee',
    'Economic Growth and Regeneration Select Committee']) WITH ORDINALITY AS t (name, k);

\echo 'committees'
INSERT INTO committees (id, council_id, name, description, update_interval_months, created_at, updated_at)
SELECT pg_temp.uid(3, o.idx * 10 + cn.k), o.id, cn.name,
       'Scrutinises ' || lower(split_part(cn.name, ' Select', 1)) || ' services.',
       CASE WHEN cn.k % 2 = 0 THEN 6 ELSE 12 END,
       timestamptz '2019-06-01 09:00+00', timestamptz '2019-06-01 09:00+00'
FROM org_map o CROSS JOIN committee_names cn
WHERE o.kind = 'council'
  AND NOT EXISTS (SELECT 1 FROM committees c WHERE c.council_id = o.id AND c.name = cn.name);

CREATE TEMP TABLE committee_map AS
SELECT o.idx AS c, cn.k - 1 AS k, c.id
FROM committees c
JOIN org_map o ON o.kind = 'council' AND o.id = c.council_id
JOIN committee_names cn ON cn.name = c.name;
ANALYZE committee_map;

-- ---------------------------------------------------------------------------------------------
-- Reviews: n = 1 .. n_reviews, oldest first, in council n % n_councils. Older reviews are mostly signed
-- off or being monitored; the newest are still being scoped.

\echo 'staging rv'
CREATE TEMP TABLE rv AS
WITH base AS (
    SELECT n, n % :n_councils AS c, (n - 1)::float8 / :n_reviews AS f,
           random() AS u, random() AS u_committee, random() AS u_day, random() AS u_rec,
           random() AS u_plan, random() AS u_meet
    FROM generate_series(1, :n_reviews) n
), st AS (
    SELECT *, 2018 + least(7, floor(f * 8)::int) AS y,
           CASE
               WHEN f < 0.45 THEN CASE WHEN u < .04 THEN 'withdrawn' WHEN u < .70 THEN 'signed_off'
                                       WHEN u < .95 THEN 'monitoring' ELSE 'action_plan_agreed' END
               WHEN f < 0.80 THEN CASE WHEN u < .03 THEN 'withdrawn' WHEN u < .20 THEN 'signed_off'
                                       WHEN u < .75 THEN 'monitoring' WHEN u < .93 THEN 'action_plan_agreed'
                                       ELSE 'decided_by_cabinet' END
               ELSE CASE WHEN u < .02 THEN 'withdrawn' WHEN u < .30 THEN 'monitoring'
                         WHEN u < .55 THEN 'action_plan_agreed' WHEN u < .70 THEN 'decided_by_cabinet'
                         WHEN u < .78 THEN 'approved_by_committee' WHEN u < .85 THEN 'report_drafted'
                         WHEN u < .92 THEN 'evidence_gathering' WHEN u < .96 THEN 'scoping'
                         ELSE 'proposed' END
           END AS status
    FROM base
), dated AS (
    SELECT *,
           make_timestamptz(y, 4, 1, 10, 0, 0, 'Europe/London') + (u_day * 330) * interval '1 day' AS created,
           CASE WHEN status IN ('proposed', 'scoping', 'evidence_gathering', 'withdrawn') THEN 0
                ELSE 2 + floor(u_rec * 18)::int END AS nrec,
           status IN ('decided_by_cabinet', 'action_plan_agreed', 'monitoring', 'signed_off') AS decided,
           CASE WHEN status IN ('action_plan_agreed', 'monitoring') THEN 'agreed'
                WHEN status = 'signed_off' THEN 'signed_off'
                WHEN status = 'decided_by_cabinet' AND u_plan < 0.5 THEN 'draft' END AS plan_status
    FROM st
)
SELECT n, c, f, y, status, created, nrec, decided, plan_status, u_committee,
       least(created::date + 240 + floor(u_meet * 180)::int, date '2026-10-15') AS meeting_date,
       coalesce(sum(nrec) OVER (ORDER BY n ROWS UNBOUNDED PRECEDING), 0) - nrec AS rec_offset
FROM dated;
ALTER TABLE rv ADD PRIMARY KEY (n);
ANALYZE rv;

\echo 'reviews'
INSERT INTO reviews (id, council_id, committee_id, title, review_type, work_programme_year, status,
                     status_changed_at, scrutiny_officer_id, summary, withdrawn_reason,
                     created_at, updated_at)
SELECT pg_temp.uid(4, rv.n), co.id, cm.id,
       pg_temp.pick(v.title_prefix) || pg_temp.pick(v.topic) || ' (' || rv.y || '-' || (rv.y + 1) || ')',
       CASE WHEN random() < 0.7 THEN 'task_and_finish' WHEN random() < 0.8 THEN 'in_depth' ELSE 'other' END,
       rv.y || '-' || (rv.y + 1),
       rv.status,
       CASE WHEN rv.decided THEN rv.meeting_date + time '12:00' ELSE rv.created END,
       sc.id,
       'The Committee looked at ' || lower(pg_temp.pick(v.obj)) || ' and ' || pg_temp.pick(v.obj)
           || ', heard evidence from ' || pg_temp.pick(v.subj) || ' and ' || lower(pg_temp.pick(v.subj)) || '.',
       CASE WHEN rv.status = 'withdrawn' THEN 'Withdrawn from the work programme: ' || pg_temp.pick(v.obj)
                                              || ' is covered by a regional review.' END,
       rv.created, CASE WHEN rv.decided THEN rv.meeting_date + time '12:00' ELSE rv.created END
FROM rv
CROSS JOIN vocab v
JOIN org_map co ON co.kind = 'council' AND co.idx = rv.c
JOIN committee_map cm ON cm.c = rv.c AND cm.k = floor(rv.u_committee * 5)::int
JOIN contact_map sc ON sc.kind = 'council' AND sc.idx = rv.c AND sc.k = 0;

\echo 'review_link_officers'
INSERT INTO review_link_officers (review_id, contact_id, position)
SELECT pg_temp.uid(4, rv.n), lo.id, 0
FROM rv JOIN contact_map lo ON lo.kind = 'council' AND lo.idx = rv.c AND lo.k = 1;

-- ---------------------------------------------------------------------------------------------
-- Recommendations: m = rec_offset + p, with their number of parts and actions.

\echo 'staging rc'
CREATE TEMP TABLE rc AS
SELECT rv.n, rv.c, rv.rec_offset + p AS m, p, rv.status AS review_status, rv.plan_status,
       rv.decided,
       CASE WHEN random() < 0.5 THEN 0 ELSE 1 + floor(random() * 5)::int END AS nparts,
       CASE WHEN rv.plan_status IS NULL THEN 0
            ELSE (ARRAY[0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3])[1 + floor(random() * 20)::int]
       END AS nact,
       CASE rv.status
           WHEN 'signed_off' THEN CASE WHEN random() < 0.85 THEN 'closed' WHEN random() < 0.2 THEN 'withdrawn' ELSE 'open' END
           WHEN 'monitoring' THEN CASE WHEN random() < 0.25 THEN 'closed' WHEN random() < 0.03 THEN 'withdrawn' ELSE 'open' END
           ELSE CASE WHEN random() < 0.01 THEN 'withdrawn' ELSE 'open' END
       END AS status,
       rv.created, rv.meeting_date
FROM rv, generate_series(1, rv.nrec) p
WHERE rv.nrec > 0;
ANALYZE rc;

\echo 'recommendations'
INSERT INTO recommendations (id, council_id, review_id, number, position, text, status, closed_reason,
                             status_changed_at, withdrawn_reason, created_at, updated_at)
SELECT pg_temp.uid(5, rc.m), co.id, pg_temp.uid(4, rc.n), rc.p::text, rc.p,
       pg_temp.pick(v.subj) || ' ' || pg_temp.pick(v.verb) || ' ' || pg_temp.pick(v.obj) || ' '
           || pg_temp.pick(v.qual) || CASE WHEN random() < 0.5 THEN '.'
              ELSE ', and ' || lower(pg_temp.pick(v.subj)) || ' ' || pg_temp.pick(v.verb) || ' '
                   || pg_temp.pick(v.obj) || '.' END,
       rc.status,
       CASE WHEN rc.status = 'closed' THEN 'Signed off by the Committee: fully achieved.' END,
       CASE WHEN rc.status <> 'open' THEN rc.meeting_date + 400 + time '12:00' END,
       CASE WHEN rc.status = 'withdrawn' THEN 'Superseded by the ' || pg_temp.pick(v.obj) || ' review.' END,
       rc.created + interval '200 days',
       CASE WHEN rc.status <> 'open' THEN rc.meeting_date + 400 + time '12:00'
            ELSE rc.created + interval '200 days' + random() * interval '900 days' END
FROM rc
CROSS JOIN vocab v
JOIN org_map co ON co.kind = 'council' AND co.idx = rc.c;

\echo 'recommendation_parts'
INSERT INTO recommendation_parts (id, recommendation_id, label, position, text, created_at, updated_at)
SELECT pg_temp.uid(6, rc.m * 8 + k), pg_temp.uid(5, rc.m), chr(96 + k), k,
       pg_temp.pick(v.part_verb) || ' ' || pg_temp.pick(v.obj) || ' ' || pg_temp.pick(v.qual) || ';',
       rc.created + interval '200 days', rc.created + interval '200 days'
FROM rc CROSS JOIN vocab v, generate_series(1, rc.nparts) k
WHERE rc.nparts > 0;

-- ---------------------------------------------------------------------------------------------
-- Cabinet decisions (one per decided review), a resolution per recommendation and a resolution
-- part per recommendation part.

\echo 'decisions'
INSERT INTO decisions (id, council_id, review_id, body, meeting_date, item_title, decision_text,
                       reasons, alternatives, conflicts, dispensations, reference, key_decision,
                       published_on, stated_call_in_text, stated_call_in_deadline,
                       computed_call_in_deadline, call_in_state, call_in_state_changed_at,
                       created_at, updated_at)
SELECT pg_temp.uid(7, rv.n), co.id, pg_temp.uid(4, rv.n), 'Cabinet', rv.meeting_date,
       'Scrutiny Review: ' || r.title,
       'Consideration was given to a report on the ' || r.title || ', undertaken by the '
           || cm.name || '.',
       'The recommendations of the Committee will ' || lower(pg_temp.pick(v.verb)) || ' '
           || pg_temp.pick(v.obj) || '.',
       'None.', 'There were no declarations of interest.', 'None.',
       'CAB/' || extract(year FROM rv.meeting_date) || '/' || rv.n,
       random() < 0.2,
       rv.meeting_date + 4,
       'midnight on ' || to_char(rv.meeting_date + 8, 'FMDay DD FMMonth YYYY'),
       (rv.meeting_date + 8 + time '23:59') AT TIME ZONE 'Europe/London',
       (rv.meeting_date + 8 + time '23:59') AT TIME ZONE 'Europe/London',
       CASE WHEN rv.meeting_date + 8 >= date '2026-11-23' THEN 'open'
            WHEN u < 0.96 THEN 'expired' WHEN u < 0.98 THEN 'upheld' ELSE 'referred_back' END,
       CASE WHEN rv.meeting_date + 8 < date '2026-11-23'
            THEN (rv.meeting_date + 9) + time '00:00' END,
       rv.meeting_date + time '18:00', rv.meeting_date + 9 + time '00:00'
FROM (SELECT *, random() AS u FROM rv WHERE decided) rv
CROSS JOIN vocab v
JOIN reviews r ON r.id = pg_temp.uid(4, rv.n)
JOIN committees cm ON cm.id = r.committee_id
JOIN org_map co ON co.kind = 'council' AND co.idx = rv.c;

\echo 'decision_resolutions'
INSERT INTO decision_resolutions (id, decision_id, number, position, text, recommendation_id)
SELECT pg_temp.uid(8, rc.m), pg_temp.uid(7, rc.n), rc.p::text, rc.p,
       CASE WHEN random() < 0.9 THEN 'Recommendation ' || rc.p || ' be approved.'
            ELSE 'Recommendation ' || rc.p || ' be approved in part, subject to funding.' END,
       pg_temp.uid(5, rc.m)
FROM rc WHERE rc.decided;

\echo 'decision_resolution_parts'
INSERT INTO decision_resolution_parts (id, resolution_id, label, position, text, recommendation_part_id)
SELECT pg_temp.uid(9, rc.m * 8 + k), pg_temp.uid(8, rc.m), chr(96 + k), k,
       'Part ' || chr(96 + k) || ' be approved.', pg_temp.uid(6, rc.m * 8 + k)
FROM rc, generate_series(1, rc.nparts) k
WHERE rc.decided AND rc.nparts > 0;

-- ---------------------------------------------------------------------------------------------
-- Action plans, actions (a = 1 .. nact per recommendation; action number m * 4 + a), owners and
-- milestones.

\echo 'action_plans'
INSERT INTO action_plans (id, council_id, review_id, title, agreed_on, agreed_on_precision, status,
                          signed_off_on, signed_off_reason, created_at, updated_at)
SELECT pg_temp.uid(10, rv.n), co.id, pg_temp.uid(4, rv.n), 'Action Plan: ' || r.title,
       CASE WHEN rv.plan_status <> 'draft'
            THEN date_trunc('month', least(rv.meeting_date + 60, date '2026-11-01'))::date END,
       CASE WHEN rv.plan_status <> 'draft' THEN 'month' END,
       rv.plan_status,
       CASE WHEN rv.plan_status = 'signed_off' THEN least(rv.meeting_date + 800, date '2026-11-01') END,
       CASE WHEN rv.plan_status = 'signed_off' THEN 'All actions complete; signed off by the Committee.' END,
       rv.meeting_date + 60 + time '10:00', rv.meeting_date + 60 + time '10:00'
FROM rv
JOIN reviews r ON r.id = pg_temp.uid(4, rv.n)
JOIN org_map co ON co.kind = 'council' AND co.idx = rv.c
WHERE rv.plan_status IS NOT NULL;

\echo 'staging ac'
CREATE TEMP TABLE ac AS
SELECT rc.m * 4 + a AS an, rc.m, rc.n, rc.c, rc.p, a, rc.nparts, rc.plan_status, rc.meeting_date,
       rc.created,
       row_number() OVER (PARTITION BY rc.n ORDER BY rc.p, a)::int AS position,
       random() < 0.03 AS responsible_all,
       CASE
           WHEN rc.status = 'withdrawn' THEN 'withdrawn'
           WHEN rc.plan_status = 'signed_off' OR rc.status = 'closed' THEN 'complete'
           WHEN rc.plan_status = 'draft' THEN 'open'
           ELSE CASE WHEN random() < 0.35 THEN 'complete' WHEN random() < 0.02 THEN 'withdrawn' ELSE 'open' END
       END AS status,
       -- Owners: how many, and the kind of the first (council, police, health, fire, probation, other).
       (ARRAY[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3])[1 + floor(random() * 20)::int] AS nown,
       (ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5])[1 + floor(random() * 20)::int] AS first_kind,
       (ARRAY[1, 1, 1, 1, 1, 1, 2, 2, 2, 3])[1 + floor(random() * 10)::int] AS nms
FROM rc, generate_series(1, rc.nact) a
WHERE rc.nact > 0;
ANALYZE ac;

\echo 'staging ow'
CREATE TEMP TABLE ow AS
WITH x AS (
    SELECT ac.an, g.k - 1 AS position, kd.kind, pg_temp.partner_of(kd.kind, kd.n, ac.c) AS idx,
           random() < 0.1 AS named
    FROM ac
    CROSS JOIN LATERAL generate_series(1, ac.nown) g (k)
    JOIN kinds kd ON kd.kind = (ARRAY['council', 'police', 'health', 'fire', 'probation', 'other'])[1 + (ac.first_kind + g.k - 1) % 6]
    WHERE NOT ac.responsible_all
)
SELECT x.an, x.position, o.id AS organisation_id, o.name AS organisation_name,
       CASE WHEN x.named THEN ct.id END AS contact_id
FROM x
JOIN org_map o ON o.kind = x.kind AND o.idx = x.idx
JOIN contact_map ct ON ct.kind = x.kind AND ct.idx = x.idx AND ct.k = 0;

\echo 'actions'
INSERT INTO actions (id, council_id, plan_id, review_id, recommendation_id, part_id, position,
                     proposed_actions, success_measures, responsibility_text, responsible_all,
                     status_notes, status, withdrawn_reason, created_at, updated_at)
SELECT pg_temp.uid(11, ac.an), co.id, pg_temp.uid(10, ac.n), pg_temp.uid(4, ac.n), pg_temp.uid(5, ac.m),
       CASE WHEN ac.a <= ac.nparts THEN pg_temp.uid(6, ac.m * 8 + ac.a) END,
       ac.position,
       pg_temp.pick(v.act_verb) || ' ' || pg_temp.pick(v.obj) || ' ' || pg_temp.pick(v.qual) || '.',
       CASE WHEN random() < 0.5 THEN ARRAY[pg_temp.pick(v.measure)]
            ELSE ARRAY[pg_temp.pick(v.measure), pg_temp.pick(v.measure)] END,
       CASE WHEN ac.responsible_all THEN 'All' ELSE names.text END,
       ac.responsible_all,
       CASE ac.status
           WHEN 'complete' THEN (ARRAY['Action complete', 'Completed and embedded in business as usual',
                                       'Protocol agreed and circulated to all Ward Councillors'])[1 + floor(random() * 3)::int]
           WHEN 'open' THEN (ARRAY[NULL, NULL, 'On track', 'Delayed by staffing pressures',
                                   'Police engagement events planned in every Ward'])[1 + floor(random() * 5)::int]
       END,
       ac.status,
       CASE WHEN ac.status = 'withdrawn' THEN 'No longer needed: the recommendation was superseded.' END,
       ac.meeting_date + 60 + time '10:00',
       ac.meeting_date + 60 + time '10:00' + random() * interval '600 days'
FROM ac
CROSS JOIN vocab v
JOIN org_map co ON co.kind = 'council' AND co.idx = ac.c
LEFT JOIN (SELECT an, string_agg(organisation_name, ', ' ORDER BY position) AS text
           FROM ow GROUP BY an) names ON names.an = ac.an;

\echo 'action_owners'
INSERT INTO action_owners (action_id, position, organisation_id, contact_id)
SELECT pg_temp.uid(11, an), position, organisation_id, contact_id FROM ow;

-- Milestones: one to three per action, month precision, every three to nine months from the
-- plan's agreement, kept within 2020-2028; a few are labels without a date ("Ongoing").
\echo 'milestones'
INSERT INTO milestones (id, action_id, position, due_on, due_precision, due_by, label, completed_on)
SELECT pg_temp.uid(12, ac.an * 4 + k), pg_temp.uid(11, ac.an), k,
       d.due_on, CASE WHEN d.due_on IS NOT NULL THEN 'month' END,
       (d.due_on + interval '1 month' - interval '1 day')::date,
       CASE WHEN d.due_on IS NULL THEN 'Ongoing'
            WHEN random() < 0.3 THEN pg_temp.pick(v.ms_label) END,
       CASE WHEN d.due_on IS NULL THEN NULL
            WHEN ac.status = 'complete' THEN least(d.due_on + 20, date '2026-11-20')
            WHEN ac.status = 'open' AND d.due_on < date '2026-11-01' AND random() < 0.5 THEN d.due_on + 25
       END
FROM ac
CROSS JOIN vocab v
CROSS JOIN LATERAL generate_series(1, ac.nms) k
CROSS JOIN LATERAL (
    SELECT CASE WHEN random() < 0.03 THEN NULL
                ELSE greatest(date '2020-01-01', least(date '2028-12-01',
                     (date_trunc('month', ac.meeting_date + 60)
                      + (k * (3 + floor(random() * 7)::int)) * interval '1 month')::date))
           END AS due_on
) d;

-- ---------------------------------------------------------------------------------------------
-- Progress monitoring: rounds for the reviews being monitored or signed off (those whose plan is
-- agreed but not yet monitored have none: opening a round moves a review to "monitoring"), an
-- entry per recommendation in each round that covers it, per-part entries in the reviews that
-- report per part (a share :parts_share of them, 0.75 unless given; at 0.75 the parts' entries
-- are about half of all, which is what brings scale 1 to ~5M entries), and a few key figures.
--
-- Rounds: 1-5 per review (older reviews more). The closed ones run from about 12 months after the
-- plan was agreed, evenly spaced at least 90 days apart, to a month before the plan's sign-off
-- (signed-off reviews) or to a month and a half ago (reviews being monitored, whose latest round
-- is open, with a deadline between 80 days ago and 120 days ahead: some are overdue). The
-- committee meets 2-4 weeks after the deadline; the label is the meeting's month ("November
-- 2022", as the API labels rounds).
--
-- Carry forward (docs/domain.md rule 5), consistent with the recommendations' statuses above: a
-- closed recommendation is accepted at grade 1 in its last round (the last closed round for most,
-- an earlier one for some) and is in no later round; an open one is in every round and never
-- accepted at 1; a withdrawn one stops before it was withdrawn. Entries of closed rounds are
-- accepted with the three grades (mostly equal; the officer differs from the partner in about 12%
-- and the committee from the officer in 5%, with the officer's reason); entries of open rounds
-- are drafts (60% of them untouched), returned, submitted or validated, none accepted. The
-- reporting organisation is the first owner of the recommendation's (or part's) first action
-- that is not withdrawn, else the council: what queries::progress::reporting_organisations gives
-- the API.
--
-- Ids: rounds are numbered by deadline, and an entry's number is round * 256 + position * 8 +
-- part (0 for the recommendation's own entry), so entry ids are in creation order too.
\if :{?parts_share}
\else
  \set parts_share 0.75
\endif

\echo 'staging prv (reviews with rounds)'
CREATE TEMP TABLE prv AS
WITH b AS (
    SELECT rv.n, rv.c, rv.status, cm.id AS committee_id,
           date_trunc('month', least(rv.meeting_date + 60, date '2026-11-01'))::date AS agreed_on,
           least(rv.meeting_date + 800, date '2026-11-01') AS signed_off_on,
           date '2026-11-23' - 80 + floor(random() * 200)::int AS open_deadline,
           random() < :parts_share AS with_parts,
           1 + floor(sqrt(random()) * 5)::int AS wanted
    FROM rv
    JOIN committee_map cm ON cm.c = rv.c AND cm.k = floor(rv.u_committee * 5)::int
    WHERE rv.status IN ('monitoring', 'signed_off')
), l AS (
    -- The closed rounds run from first_deadline to last_closed: a month before the sign-off, or
    -- at least 90 days before the open round and a month and a half ago.
    SELECT *, (agreed_on + interval '12 months')::date - 20 AS first_planned,
           CASE WHEN status = 'signed_off' THEN signed_off_on - 35
                ELSE least(open_deadline - 90, date '2026-10-01') END AS last_closed
    FROM b
), f AS (
    SELECT *, least(first_planned, last_closed) AS first_deadline FROM l
)
SELECT n, c, status, committee_id, with_parts, first_deadline, last_closed, open_deadline,
       CASE WHEN status = 'signed_off'
            THEN least(5, wanted, 1 + (last_closed - first_deadline) / 90)
            WHEN first_planned > last_closed THEN 0
            ELSE least(4, wanted - 1, 1 + (last_closed - first_deadline) / 90) END AS nclosed,
       CASE WHEN status = 'signed_off'
            THEN least(5, wanted, 1 + (last_closed - first_deadline) / 90)
            WHEN first_planned > last_closed THEN 1
            ELSE 1 + least(4, wanted - 1, 1 + (last_closed - first_deadline) / 90) END AS nrounds
FROM f;
ALTER TABLE prv ADD PRIMARY KEY (n);
ANALYZE prv;

\echo 'staging rnd (rounds)'
CREATE TEMP TABLE rnd AS
SELECT row_number() OVER (ORDER BY d.deadline, prv.n, k)::bigint AS rno, prv.n, prv.c, k,
       prv.committee_id, d.deadline, d.deadline + 14 + floor(random() * 15)::int AS meeting_date,
       CASE WHEN k > prv.nclosed THEN 'open' ELSE 'closed' END AS status
FROM prv
CROSS JOIN LATERAL generate_series(1, prv.nrounds) k
CROSS JOIN LATERAL (
    SELECT CASE WHEN k > prv.nclosed THEN prv.open_deadline
                WHEN prv.nclosed = 1 THEN prv.first_deadline
                ELSE prv.first_deadline
                     + ((prv.last_closed - prv.first_deadline) * (k - 1)) / (prv.nclosed - 1) END AS deadline
) d;
ALTER TABLE rnd ADD PRIMARY KEY (n, k);
ANALYZE rnd;

\echo 'progress_rounds'
INSERT INTO progress_rounds (id, council_id, review_id, committee_id, sequence, label, meeting_date,
                             deadline, status, minute_reference, closed_at, created_at, updated_at,
                             version)
SELECT pg_temp.uid(13, rnd.rno), co.id, pg_temp.uid(4, rnd.n), rnd.committee_id, rnd.k,
       to_char(rnd.meeting_date, 'FMMonth YYYY'), rnd.meeting_date, rnd.deadline, rnd.status,
       CASE WHEN rnd.status = 'closed'
            THEN 'Minute ' || to_char(rnd.meeting_date, 'YY') || '/' || (1 + rnd.n % 60) END,
       CASE WHEN rnd.status = 'closed' THEN rnd.meeting_date + 1 + time '10:00' END,
       -- Opened six weeks before the deadline, or by now (the entries say the same).
       least(rnd.deadline - 42, date '2026-11-20') + time '09:00',
       CASE WHEN rnd.status = 'closed' THEN rnd.meeting_date + 1 + time '10:00'
            ELSE least(rnd.deadline - 42, date '2026-11-20') + time '09:00' END,
       CASE WHEN rnd.status = 'closed' THEN 2 ELSE 1 END
FROM rnd
JOIN org_map co ON co.kind = 'council' AND co.idx = rnd.c;

-- Who reports: the first owner of the first action that is not withdrawn, per recommendation and
-- per part (action a of a recommendation is for its part a, when it has one).
\echo 'staging rep_org'
CREATE TEMP TABLE rep_org AS
SELECT DISTINCT ON (ac.m) ac.m, ow.organisation_id
FROM ac JOIN ow ON ow.an = ac.an AND ow.position = 0
WHERE ac.status <> 'withdrawn'
ORDER BY ac.m, ac.a;
ALTER TABLE rep_org ADD PRIMARY KEY (m);
CREATE TEMP TABLE part_org AS
SELECT ac.m, ac.a, ow.organisation_id
FROM ac JOIN ow ON ow.an = ac.an AND ow.position = 0
WHERE ac.status <> 'withdrawn' AND ac.a <= ac.nparts;
ALTER TABLE part_org ADD PRIMARY KEY (m, a);
-- The person who writes for an organisation, and the council's scrutiny officer who assesses.
CREATE TEMP TABLE org_person AS
SELECT organisation_id, name FROM contact_map WHERE k = 0;
ALTER TABLE org_person ADD PRIMARY KEY (organisation_id);
ANALYZE rep_org;
ANALYZE part_org;
ANALYZE org_person;

-- One row per recommendation and round that covers it, with the entry's state and grades
-- (pg proposed, og officer's, ag accepted: 1 Fully Achieved … 4 Not Achieved).
\echo 'staging pe (recommendation entries)'
CREATE TEMP TABLE pe AS
WITH r AS (
    SELECT rc.m, rc.n, rc.c, rc.p, rc.nparts, rc.status, prv.nrounds, prv.with_parts,
           CASE WHEN rc.status = 'open' THEN prv.nrounds
                WHEN rc.status = 'closed' AND prv.status = 'signed_off'
                    THEN prv.nrounds - CASE WHEN random() < 0.25 THEN floor(random() * prv.nrounds)::int ELSE 0 END
                WHEN rc.status = 'closed'
                    THEN prv.nclosed - CASE WHEN random() < 0.3 THEN floor(random() * prv.nclosed)::int ELSE 0 END
                ELSE floor(random() * (prv.nclosed + 1))::int
           END AS last_k
    FROM rc JOIN prv ON prv.n = rc.n
), s AS (
    SELECT r.m, r.n, r.c, r.p, r.nparts, r.with_parts, gs.k, rnd.rno, rnd.status AS round_status,
           rnd.deadline, rnd.meeting_date,
           CASE WHEN rnd.status = 'closed' THEN 'accepted'
                ELSE (ARRAY['draft', 'draft', 'draft', 'draft', 'draft', 'draft', 'draft', 'returned',
                            'returned', 'submitted', 'submitted', 'submitted', 'submitted',
                            'submitted', 'submitted', 'validated', 'validated', 'validated',
                            'validated', 'validated'])[1 + floor(random() * 20)::int] END AS state,
           -- The accepted grade of a closed round; the partner's grade in an open one.
           CASE WHEN r.status = 'closed' AND gs.k = r.last_k THEN 1
                WHEN rnd.status = 'closed'
                    THEN (ARRAY[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4])[1 + floor(random() * 20)::int]
                ELSE (ARRAY[1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4])[1 + floor(random() * 20)::int]
           END AS g,
           random() AS u_officer, random() AS u_partner, random() AS u_text, random() AS u_impact
    FROM r
    CROSS JOIN LATERAL generate_series(1, r.last_k) gs (k)
    JOIN rnd ON rnd.n = r.n AND rnd.k = gs.k
)
SELECT s.m, s.n, s.c, s.p, s.nparts, s.with_parts, s.k, s.rno, s.rno * 256 + s.p * 8 AS eno,
       s.round_status, s.deadline, s.meeting_date, s.state,
       -- Drafts: 60% untouched, the rest written in part (a few with a grade already).
       s.state <> 'draft' OR s.u_text >= 0.6 AS written,
       CASE WHEN s.state = 'draft' AND s.u_text < 0.9 THEN NULL
            WHEN s.round_status = 'open' THEN s.g
            WHEN s.u_partner < 0.12 THEN CASE WHEN o.og = 1 THEN 2 ELSE o.og - 1 END
            ELSE o.og END AS pg,
       o.og,
       CASE WHEN s.round_status = 'closed' THEN s.g END AS ag,
       CASE WHEN s.state = 'draft' THEN CASE WHEN s.u_text >= 0.8 THEN 'evidence' ELSE 'not_recorded' END
            WHEN s.round_status = 'closed' AND s.u_impact >= 0.8 THEN 'not_recorded'
            WHEN s.u_impact < 0.45 THEN 'evidence' ELSE 'none_undertaken' END AS impact_kind,
       s.state <> 'draft' AND random() < 0.04 AS figures
FROM s
CROSS JOIN LATERAL (
    SELECT CASE WHEN s.round_status = 'closed'
                    THEN CASE WHEN s.u_officer < 0.05 THEN CASE WHEN s.g = 4 THEN 3 ELSE s.g + 1 END ELSE s.g END
                WHEN s.state = 'validated'
                    THEN CASE WHEN s.u_officer < 0.12 THEN CASE WHEN s.g = 4 THEN 3 ELSE s.g + 1 END ELSE s.g END
           END AS og
) o;
ANALYZE pe;

-- The entries: the recommendations' own (j = 0) and their parts' (j = 1 .. nparts) in the
-- reviews that report per part. A part has the state and impact of its recommendation's entry;
-- its grades are the recommendation's (part a) or up to one better, so the worst of the parts is
-- the recommendation's grade. Texts are drafted from the vocabulary above.
\echo 'progress_entries'
INSERT INTO progress_entries (id, council_id, review_id, round_id, recommendation_id, part_id,
                              organisation_id, state, progress, proposed_grade,
                              proposed_explanation, impact_kind, impact_text, officer_grade,
                              officer_reason, override_reason, accepted_grade,
                              accepted_meeting_date, minute_reference, return_comments,
                              written_by, written_at, submitted_by, submitted_at, validated_by,
                              validated_at, accepted_by, accepted_at, created_at, updated_at,
                              version)
SELECT pg_temp.uid(14, e.eno), co.id, pg_temp.uid(4, e.n), pg_temp.uid(13, e.rno), pg_temp.uid(5, e.m),
       CASE WHEN e.j > 0 THEN pg_temp.uid(6, e.m * 8 + e.j) END,
       wp.organisation_id,
       e.state,
       CASE WHEN NOT e.written THEN NULL
            WHEN e.j > 0 THEN pg_temp.pick(v.subj) || ' ' || pg_temp.pick(v.verb) || ' ' || pg_temp.pick(v.obj) || '.'
            WHEN e.state = 'draft' THEN 'Since the last update ' || lower(pg_temp.pick(v.subj)) || ' '
                 || pg_temp.pick(v.verb) || ' ' || pg_temp.pick(v.obj) || ' ' || pg_temp.pick(v.qual) || '.'
            ELSE 'Since the last update ' || lower(pg_temp.pick(v.subj)) || ' ' || pg_temp.pick(v.verb) || ' '
                 || pg_temp.pick(v.obj) || ' ' || pg_temp.pick(v.qual) || '.' || E'\n\n- '
                 || pg_temp.pick(v.act_verb) || ' ' || pg_temp.pick(v.obj) || ': ' || lower(pg_temp.pick(v.ms_label))
                 || E'\n- ' || pg_temp.pick(v.measure)
       END,
       e.pg::text,
       CASE WHEN e.pg >= 3 THEN 'Although some progress has been made on ' || pg_temp.pick(v.obj) || ', '
                                || lower(pg_temp.pick(v.measure)) || ' is not yet evident.'
            WHEN e.pg IS NOT NULL AND e.j = 0 AND random() < 0.2
                THEN 'On track: ' || lower(pg_temp.pick(v.measure)) || ' reported to the Committee.' END,
       e.impact_kind,
       CASE WHEN e.impact_kind = 'evidence' THEN pg_temp.pick(v.measure) || ' ' || pg_temp.pick(v.qual) || '.' END,
       e.og::text,
       CASE WHEN e.og IS DISTINCT FROM e.pg AND e.og IS NOT NULL AND e.pg IS NOT NULL
            THEN 'Graded on the evidence: ' || lower(pg_temp.pick(v.measure))
                 || CASE WHEN e.og > e.pg THEN ' is not yet shown.' ELSE ' is already shown.' END END,
       NULL,
       e.ag::text,
       CASE WHEN e.ag IS NOT NULL THEN e.meeting_date END,
       CASE WHEN e.ag IS NOT NULL THEN 'Minute ' || to_char(e.meeting_date, 'YY') || '/' || (1 + e.n % 60) END,
       CASE WHEN e.state = 'returned'
            THEN 'Please add evidence of ' || lower(pg_temp.pick(v.measure)) || ' and state the impact of the actions.' END,
       CASE WHEN e.written THEN wp.name END,
       CASE WHEN e.written THEN t.written_on + time '11:00' END,
       CASE WHEN e.state NOT IN ('draft') THEN wp.name END,
       CASE WHEN e.state NOT IN ('draft') THEN t.written_on + time '16:00' END,
       CASE WHEN e.state IN ('validated', 'accepted') THEN op.name END,
       CASE WHEN e.state IN ('validated', 'accepted') THEN t.validated_on + time '10:00' END,
       CASE WHEN e.state = 'accepted' THEN op.name END,
       CASE WHEN e.state = 'accepted' THEN e.meeting_date + time '18:00' END,
       t.opened_on + time '09:00',
       CASE e.state WHEN 'accepted' THEN e.meeting_date + time '18:00'
                    WHEN 'validated' THEN t.validated_on + time '10:00'
                    WHEN 'returned' THEN least(t.written_on + 2, date '2026-11-23') + time '15:00'
                    WHEN 'submitted' THEN t.written_on + time '16:00'
                    ELSE CASE WHEN e.written THEN t.written_on + time '11:00' ELSE t.opened_on + time '09:00' END
       END,
       CASE e.state WHEN 'accepted' THEN 5 WHEN 'validated' THEN 4 WHEN 'returned' THEN 4
                    WHEN 'submitted' THEN 3 ELSE CASE WHEN e.written THEN 2 ELSE 1 END END
FROM (
    SELECT pe.eno, pe.m, pe.n, pe.c, pe.rno, 0 AS j, pe.state, pe.written, pe.pg, pe.og, pe.ag,
           pe.impact_kind, pe.deadline, pe.meeting_date
    FROM pe
    UNION ALL
    SELECT pe.eno + j, pe.m, pe.n, pe.c, pe.rno, j, pe.state, pe.written,
           greatest(1, pe.pg - d.d), greatest(1, pe.og - d.d), greatest(1, pe.ag - d.d),
           pe.impact_kind, pe.deadline, pe.meeting_date
    FROM pe
    CROSS JOIN LATERAL generate_series(1, pe.nparts) j
    CROSS JOIN LATERAL (SELECT (j > 1 AND random() < 0.4)::int AS d) d
    WHERE pe.with_parts AND pe.nparts > 0
) e
CROSS JOIN vocab v
JOIN org_map co ON co.kind = 'council' AND co.idx = e.c
LEFT JOIN rep_org ro ON ro.m = e.m
LEFT JOIN part_org po ON e.j > 0 AND po.m = e.m AND po.a = e.j
JOIN org_person wp ON wp.organisation_id = coalesce(po.organisation_id, ro.organisation_id, co.id)
JOIN org_person op ON op.organisation_id = co.id
CROSS JOIN LATERAL (
    SELECT o.opened_on,
           w.written_on,
           least(w.written_on + 2 + floor(random() * 7)::int, date '2026-11-23', e.meeting_date - 1) AS validated_on
    FROM (SELECT least(e.deadline - 42, date '2026-11-20') AS opened_on) o
    CROSS JOIN LATERAL (
        SELECT greatest(o.opened_on + 1,
                        least(e.deadline - 1 - floor(random() * 20)::int, date '2026-11-22')) AS written_on
    ) w
) t;

-- A round left with nothing to report on (every recommendation closed or withdrawn before it)
-- would not have been opened: drop those (always the last rounds of their review).
DELETE FROM progress_rounds pr
WHERE pr.id IN (SELECT pg_temp.uid(13, rno) FROM rnd)
  AND NOT EXISTS (SELECT 1 FROM progress_entries e WHERE e.round_id = pr.id);

-- Key figures quoted in about 4% of the submitted reports: one or two each.
\echo 'progress_key_figures'
INSERT INTO progress_key_figures (entry_id, position, label, value, unit, scope, as_of)
SELECT pg_temp.uid(14, pe.eno), f.position,
       (ARRAY['VCOP compliance', 'Reports received', 'Resident satisfaction', 'Engagement events held',
              'Average response time', 'Frontline staff trained', 'Repeat victimisation',
              'Complaints received'])[1 + f.kind],
       CASE WHEN f.kind IN (0, 2, 5, 6) THEN round((60 + random() * 40)::numeric, 1)::text
            WHEN f.kind = 4 THEN (2 + floor(random() * 20)::int)::text
            ELSE (5 + floor(random() * 300)::int)::text END,
       CASE WHEN f.kind IN (0, 2, 5, 6) THEN '%' WHEN f.kind = 4 THEN 'days' END,
       CASE WHEN random() < 0.5 THEN 'All Wards' ELSE 'Neighbourhood officers' END,
       CASE WHEN random() < 0.5 THEN pe.deadline - 10 END
FROM pe
CROSS JOIN LATERAL (
    -- (pe.eno keeps the subquery correlated, so random() is drawn for every entry.)
    SELECT g AS position, (floor(random() * 8)::int + 0 * pe.eno)::int AS kind
    FROM generate_series(1, CASE WHEN random() < 0.6 OR pe.eno < 0 THEN 1 ELSE 2 END) g
) f
WHERE pe.figures;

-- ---------------------------------------------------------------------------------------------

\echo 'Building the secondary indexes again ...'
SELECT def FROM deferred_indexes \gexec
\echo 'Adding the foreign keys again (checks every row) ...'
SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', table_name, conname, def)
FROM deferred_foreign_keys \gexec

SELECT format('ALTER TABLE %s ENABLE TRIGGER %I', table_name, tgname) FROM deferred_triggers \gexec
-- Statistics first, so that the rebuild's statements are planned for the tables as loaded (not
-- as the empty database's were).
\echo 'ANALYZE ...'
ANALYZE;
\echo 'Working out the search documents, responsibilities, latest entries and counts ...'
SELECT scrutiny_rebuild_derived();

\echo 'VACUUM ANALYZE ...'
VACUUM ANALYZE;

SELECT 'organisations' AS table_name, count(*) AS row_count FROM organisations
UNION ALL SELECT 'committees', count(*) FROM committees
UNION ALL SELECT 'reviews', count(*) FROM reviews
UNION ALL SELECT 'recommendations', count(*) FROM recommendations
UNION ALL SELECT 'recommendation_parts', count(*) FROM recommendation_parts
UNION ALL SELECT 'decisions', count(*) FROM decisions
UNION ALL SELECT 'decision_resolutions', count(*) FROM decision_resolutions
UNION ALL SELECT 'decision_resolution_parts', count(*) FROM decision_resolution_parts
UNION ALL SELECT 'action_plans', count(*) FROM action_plans
UNION ALL SELECT 'actions', count(*) FROM actions
UNION ALL SELECT 'action_owners', count(*) FROM action_owners
UNION ALL SELECT 'milestones', count(*) FROM milestones
UNION ALL SELECT 'progress_rounds', count(*) FROM progress_rounds
UNION ALL SELECT 'progress_entries', count(*) FROM progress_entries
UNION ALL SELECT 'progress_entries (parts)', count(*) FROM progress_entries WHERE part_id IS NOT NULL
UNION ALL SELECT 'progress_key_figures', count(*) FROM progress_key_figures;
