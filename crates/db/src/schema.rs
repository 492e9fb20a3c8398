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
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(contacts -> organisations (organisation_id));
diesel::joinable!(service_accounts -> organisations (organisation_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    contacts,
    service_accounts,
    refresh_tokens,
    audit_events,
);
