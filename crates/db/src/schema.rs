// The diesel schema, kept by hand in step with `migrations/`.
// The black-box tests exercise every column through the API.

diesel::table! {
    organisations (id) {
        id -> Uuid,
        name -> Text,
        kind -> Text,
        responsible_authority -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        name -> Text,
        role -> Text,
        organisation_id -> Uuid,
        active -> Bool,
        password_hash -> Text,
        password_changed_at -> Timestamptz,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        council_id -> Nullable<Uuid>,
        identity_provider_id -> Nullable<Uuid>,
        external_subject -> Nullable<Text>,
    }
}

diesel::table! {
    contacts (id) {
        id -> Uuid,
        name -> Text,
        job_title -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        organisation_id -> Nullable<Uuid>,
        user_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        council_id -> Uuid,
    }
}

diesel::table! {
    service_accounts (id) {
        id -> Uuid,
        name -> Text,
        client_id -> Text,
        secret_hash -> Text,
        role -> Text,
        organisation_id -> Uuid,
        active -> Bool,
        secret_rotated_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        council_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        family_id -> Uuid,
        user_id -> Uuid,
        token_hash -> Bytea,
        issued_at -> Timestamptz,
        expires_at -> Timestamptz,
        rotated_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Uuid,
        occurred_at -> Timestamptz,
        actor_kind -> Text,
        actor_id -> Nullable<Uuid>,
        actor_name -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Uuid,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
        council_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    holiday_calendars (id) {
        id -> Uuid,
        name -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        council_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    holidays (calendar_id, day) {
        calendar_id -> Uuid,
        day -> Date,
        title -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    council_settings (council_id) {
        council_id -> Uuid,
        calendar_id -> Uuid,
        call_in_working_days -> Int4,
        call_in_end_time -> Time,
        time_zone -> Text,
        first_update_months -> Int4,
        updated_at -> Timestamptz,
        version -> Int4,
        grade_scale -> Nullable<Jsonb>,
        reminder_days_before -> Int4,
        chaser_interval_days -> Int4,
        executive_response_amount -> Int4,
        executive_response_unit -> Text,
        partner_response_amount -> Int4,
        partner_response_unit -> Text,
    }
}

diesel::table! {
    committees (id) {
        id -> Uuid,
        council_id -> Uuid,
        name -> Text,
        description -> Nullable<Text>,
        update_interval_months -> Int4,
        successor_id -> Nullable<Uuid>,
        replaced_on -> Nullable<Date>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    reviews (id) {
        id -> Uuid,
        council_id -> Uuid,
        committee_id -> Uuid,
        title -> Text,
        review_type -> Text,
        work_programme_year -> Nullable<Text>,
        status -> Text,
        status_changed_at -> Timestamptz,
        scrutiny_officer_id -> Nullable<Uuid>,
        summary -> Nullable<Text>,
        withdrawn_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        reference -> Nullable<Text>,
    }
}

diesel::table! {
    review_link_officers (review_id, contact_id) {
        review_id -> Uuid,
        contact_id -> Uuid,
        position -> Int4,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::TsVector;

    recommendations (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        number -> Text,
        position -> Int4,
        text -> Text,
        status -> Text,
        closed_reason -> Nullable<Text>,
        status_changed_at -> Nullable<Timestamptz>,
        withdrawn_reason -> Nullable<Text>,
        search -> TsVector,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
        document -> TsVector,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::TsVector;

    recommendation_parts (id) {
        id -> Uuid,
        recommendation_id -> Uuid,
        label -> Text,
        position -> Int4,
        text -> Text,
        withdrawn_reason -> Nullable<Text>,
        search -> TsVector,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    decisions (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        body -> Text,
        meeting_date -> Date,
        item_title -> Text,
        decision_text -> Nullable<Text>,
        reasons -> Nullable<Text>,
        alternatives -> Nullable<Text>,
        conflicts -> Nullable<Text>,
        dispensations -> Nullable<Text>,
        reference -> Nullable<Text>,
        key_decision -> Bool,
        published_on -> Nullable<Date>,
        stated_call_in_text -> Nullable<Text>,
        stated_call_in_deadline -> Nullable<Timestamptz>,
        computed_call_in_deadline -> Nullable<Timestamptz>,
        call_in_state -> Text,
        call_in_state_changed_at -> Nullable<Timestamptz>,
        call_in_note -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    decision_resolutions (id) {
        id -> Uuid,
        decision_id -> Uuid,
        number -> Text,
        position -> Int4,
        text -> Text,
        recommendation_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    decision_resolution_parts (id) {
        id -> Uuid,
        resolution_id -> Uuid,
        label -> Text,
        position -> Int4,
        text -> Text,
        recommendation_part_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    action_plans (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        title -> Nullable<Text>,
        agreed_on -> Nullable<Date>,
        agreed_on_precision -> Nullable<Text>,
        status -> Text,
        signed_off_on -> Nullable<Date>,
        signed_off_reason -> Nullable<Text>,
        amendment_count -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    action_plan_amendments (id) {
        id -> Uuid,
        plan_id -> Uuid,
        number -> Int4,
        reason -> Text,
        previous -> Jsonb,
        created_at -> Timestamptz,
        created_by -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::TsVector;

    actions (id) {
        id -> Uuid,
        council_id -> Uuid,
        plan_id -> Uuid,
        review_id -> Uuid,
        recommendation_id -> Uuid,
        part_id -> Nullable<Uuid>,
        position -> Int4,
        proposed_actions -> Text,
        success_measures -> Array<Text>,
        responsibility_text -> Nullable<Text>,
        responsible_all -> Bool,
        status_notes -> Nullable<Text>,
        status -> Text,
        withdrawn_reason -> Nullable<Text>,
        search -> TsVector,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    action_owners (action_id, position) {
        action_id -> Uuid,
        position -> Int4,
        organisation_id -> Nullable<Uuid>,
        contact_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    milestones (id) {
        id -> Uuid,
        action_id -> Uuid,
        position -> Int4,
        due_on -> Nullable<Date>,
        due_precision -> Nullable<Text>,
        due_by -> Nullable<Date>,
        label -> Nullable<Text>,
        completed_on -> Nullable<Date>,
    }
}

/// PostgreSQL's `tsvector`, only ever matched against (`@@`) and ranked, never read into Rust.
#[derive(diesel::sql_types::SqlType, diesel::query_builder::QueryId)]
#[diesel(postgres_type(name = "tsvector"))]
pub struct TsVector;

diesel::table! {
    progress_rounds (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        committee_id -> Uuid,
        sequence -> Int4,
        label -> Text,
        meeting_date -> Nullable<Date>,
        deadline -> Date,
        status -> Text,
        minute_reference -> Nullable<Text>,
        closed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    progress_entries (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        round_id -> Uuid,
        recommendation_id -> Uuid,
        part_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        state -> Text,
        progress -> Nullable<Text>,
        proposed_grade -> Nullable<Text>,
        proposed_explanation -> Nullable<Text>,
        impact_kind -> Text,
        impact_text -> Nullable<Text>,
        officer_grade -> Nullable<Text>,
        officer_reason -> Nullable<Text>,
        override_reason -> Nullable<Text>,
        accepted_grade -> Nullable<Text>,
        accepted_meeting_date -> Nullable<Date>,
        minute_reference -> Nullable<Text>,
        return_comments -> Nullable<Text>,
        written_by -> Nullable<Text>,
        written_at -> Nullable<Timestamptz>,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamptz>,
        validated_by -> Nullable<Text>,
        validated_at -> Nullable<Timestamptz>,
        accepted_by -> Nullable<Text>,
        accepted_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    progress_key_figures (entry_id, position) {
        entry_id -> Uuid,
        position -> Int4,
        label -> Text,
        value -> Text,
        unit -> Nullable<Text>,
        scope -> Nullable<Text>,
        as_of -> Nullable<Date>,
    }
}

diesel::table! {
    attachments (id) {
        id -> Uuid,
        council_id -> Uuid,
        entry_id -> Uuid,
        file_name -> Text,
        title -> Nullable<Text>,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        storage -> Text,
        uploaded_by -> Text,
        uploaded_by_id -> Nullable<Uuid>,
        withdrawn_at -> Nullable<Timestamptz>,
        withdrawn_reason -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    attachment_blobs (attachment_id) {
        attachment_id -> Uuid,
        content -> Bytea,
    }
}

diesel::table! {
    idempotency_keys (principal_id, key) {
        principal_id -> Uuid,
        key -> Text,
        method -> Text,
        path -> Text,
        request_hash -> Text,
        status -> Nullable<Int4>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        body -> Nullable<Bytea>,
        created_at -> Timestamptz,
        completed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Uuid,
        kind -> Text,
        payload -> Jsonb,
        unique_key -> Text,
        run_at -> Timestamptz,
        state -> Text,
        attempts -> Int4,
        max_attempts -> Int4,
        locked_until -> Nullable<Timestamptz>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Uuid,
        purpose -> Text,
        council_id -> Uuid,
        round_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        recipient -> Text,
        recipient_name -> Nullable<Text>,
        recipient_user_id -> Nullable<Uuid>,
        day -> Date,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        state -> Text,
        attempts -> Int4,
        max_attempts -> Int4,
        next_attempt_at -> Timestamptz,
        message_id -> Nullable<Text>,
        sent_at -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        milestone_id -> Nullable<Uuid>,
        response_id -> Nullable<Uuid>,
        subscription_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    calendar_feeds (id) {
        id -> Uuid,
        token_sha256 -> Text,
        kind -> Text,
        name -> Text,
        user_id -> Uuid,
        council_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        committee_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
        last_read_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> Uuid,
        council_id -> Nullable<Uuid>,
        service_account_id -> Nullable<Uuid>,
        organisation_id -> Uuid,
        description -> Nullable<Text>,
        url -> Text,
        event_types -> Array<Text>,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamptz>,
        status -> Text,
        disabled_reason -> Nullable<Text>,
        disabled_at -> Nullable<Timestamptz>,
        owner_email -> Text,
        cursor_xid -> Text,
        cursor_seq -> Int8,
        created_by_kind -> Text,
        created_by_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Uuid,
        subscription_id -> Uuid,
        council_id -> Nullable<Uuid>,
        event_id -> Uuid,
        event_type -> Text,
        payload -> Jsonb,
        state -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        give_up_at -> Timestamptz,
        last_attempt_at -> Nullable<Timestamptz>,
        last_status -> Nullable<Int4>,
        last_latency_ms -> Nullable<Int4>,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    statutory_responses (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        responder_kind -> Text,
        organisation_id -> Uuid,
        responder_name -> Text,
        report_received_on -> Date,
        due_on -> Date,
        state -> Text,
        summary -> Nullable<Text>,
        received_on -> Nullable<Date>,
        received_by -> Nullable<Uuid>,
        published_on -> Nullable<Date>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    statutory_response_items (response_id, recommendation_id) {
        response_id -> Uuid,
        recommendation_id -> Uuid,
        position -> Int4,
        verdict -> Nullable<Text>,
        reasons -> Nullable<Text>,
        proposed_action -> Nullable<Text>,
    }
}

diesel::table! {
    identity_providers (id) {
        id -> Uuid,
        council_id -> Uuid,
        name -> Text,
        issuer -> Text,
        client_id -> Text,
        client_secret -> Nullable<Text>,
        scopes -> Text,
        role_mappings -> Jsonb,
        create_users -> Bool,
        email_domains -> Array<Text>,
        enabled -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    oidc_logins (state_sha256) {
        state_sha256 -> Text,
        provider_id -> Uuid,
        nonce -> Text,
        code_verifier -> Text,
        redirect_uri -> Text,
        return_to -> Text,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    oidc_handoffs (code_sha256) {
        code_sha256 -> Text,
        user_id -> Uuid,
        provider_id -> Uuid,
        logout_url -> Nullable<Text>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
    }
}

diesel::table! {
    import_profiles (id) {
        id -> Uuid,
        council_id -> Uuid,
        kind -> Text,
        name -> Text,
        mapping -> Jsonb,
        statuses -> Jsonb,
        committees -> Jsonb,
        created_by -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        version -> Int4,
    }
}

diesel::table! {
    /// What each partner organisation is responsible for (migration `responsibilities`; kept by
    /// triggers, read-only to the application).
    responsibilities (organisation_id, recommendation_id) {
        organisation_id -> Uuid,
        recommendation_id -> Uuid,
        council_id -> Uuid,
        review_id -> Uuid,
        position -> Int4,
        owns -> Bool,
    }
}

diesel::joinable!(responsibilities -> recommendations (recommendation_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(contacts -> organisations (organisation_id));
diesel::joinable!(service_accounts -> organisations (organisation_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::joinable!(committees -> organisations (council_id));
diesel::joinable!(reviews -> committees (committee_id));
diesel::joinable!(review_link_officers -> reviews (review_id));
diesel::joinable!(review_link_officers -> contacts (contact_id));
diesel::joinable!(recommendations -> reviews (review_id));
diesel::joinable!(recommendation_parts -> recommendations (recommendation_id));
diesel::joinable!(decisions -> reviews (review_id));
diesel::joinable!(decision_resolutions -> decisions (decision_id));
diesel::joinable!(decision_resolution_parts -> decision_resolutions (resolution_id));
diesel::joinable!(action_plans -> reviews (review_id));
diesel::joinable!(action_plan_amendments -> action_plans (plan_id));
diesel::joinable!(actions -> action_plans (plan_id));
diesel::joinable!(actions -> recommendations (recommendation_id));
diesel::joinable!(action_owners -> actions (action_id));
diesel::joinable!(milestones -> actions (action_id));
diesel::joinable!(holidays -> holiday_calendars (calendar_id));
diesel::joinable!(progress_rounds -> reviews (review_id));
diesel::joinable!(progress_entries -> progress_rounds (round_id));
diesel::joinable!(progress_entries -> recommendations (recommendation_id));
diesel::joinable!(progress_key_figures -> progress_entries (entry_id));
diesel::joinable!(attachments -> progress_entries (entry_id));
diesel::joinable!(attachment_blobs -> attachments (attachment_id));
diesel::joinable!(email_outbox -> progress_rounds (round_id));
diesel::joinable!(statutory_responses -> reviews (review_id));
diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));
diesel::joinable!(statutory_response_items -> statutory_responses (response_id));
diesel::joinable!(statutory_response_items -> recommendations (recommendation_id));

diesel::table! {
    imports (id) {
        id -> Uuid,
        council_id -> Uuid,
        review_id -> Nullable<Uuid>,
        round_id -> Nullable<Uuid>,
        kind -> Text,
        format -> Text,
        file_name -> Nullable<Text>,
        file_sha256 -> Text,
        size_bytes -> Int8,
        state -> Text,
        skip_invalid -> Bool,
        rows_read -> Int4,
        rows_rejected -> Int4,
        report -> Jsonb,
        result -> Nullable<Jsonb>,
        created_by -> Text,
        created_by_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        profile_id -> Nullable<Uuid>,
    }
}

diesel::joinable!(imports -> reviews (review_id));
diesel::joinable!(imports -> import_profiles (profile_id));
diesel::joinable!(imports -> progress_rounds (round_id));

diesel::allow_tables_to_appear_in_same_query!(
    import_profiles,
    responsibilities,
    organisations,
    users,
    contacts,
    service_accounts,
    refresh_tokens,
    audit_events,
    holiday_calendars,
    holidays,
    council_settings,
    committees,
    reviews,
    review_link_officers,
    recommendations,
    recommendation_parts,
    decisions,
    decision_resolutions,
    decision_resolution_parts,
    action_plans,
    action_plan_amendments,
    actions,
    action_owners,
    milestones,
    progress_rounds,
    progress_entries,
    progress_key_figures,
    attachments,
    attachment_blobs,
    idempotency_keys,
    jobs,
    email_outbox,
    imports,
    statutory_responses,
    statutory_response_items,
    webhook_subscriptions,
    webhook_deliveries,
    calendar_feeds,
    identity_providers,
    oidc_logins,
    oidc_handoffs,
);
