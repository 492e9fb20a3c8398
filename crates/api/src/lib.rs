//! The HTTP API: handlers, wire types, the error type, authentication and the OpenAPI document.
pub mod auth;
pub mod content_type;
pub mod contract;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod methods;
pub mod openapi;
pub mod request_id;
pub mod respond;
pub mod routes;
pub mod security_headers;
pub mod state;
pub mod storage;

use actix_web::web;
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::AppExt;

pub use state::AppState;

/// Registers every `/api/v1` handler. Only handlers added here with `.service(...)` reach the
/// OpenAPI document, so this is the one list of the API.
pub fn configure_v1(cfg: &mut ServiceConfig) {
    use routes::*;
    // The exports first: their paths would otherwise be taken for `/recommendations/{id}` etc.
    cfg.service(exports::export_recommendations)
        .service(exports::export_actions)
        .service(exports::export_progress_entries)
        .service(papers::action_plan_paper_file)
        .service(papers::decision_record_paper_file)
        .service(papers::progress_update_paper_file)
        .service(papers::statutory_response_paper_file);
    cfg.service(imports::import_action_plan)
        .service(imports::import_tracker)
        .service(imports::import_columns)
        .service(imports::import_progress_update)
        .service(imports::export_action_plan);
    cfg.service(auth::issue_token)
        .service(auth::revoke_token)
        .service(routes::sso::list_sign_in_options)
        .service(routes::sso::start_sign_in)
        .service(routes::sso::finish_sign_in)
        .service(me::get_me)
        .service(me::change_my_password)
        .service(organisations::list_organisations)
        .service(organisations::create_organisation)
        .service(organisations::get_organisation)
        .service(organisations::update_organisation)
        .service(users::list_users)
        .service(users::create_user)
        .service(users::get_user)
        .service(users::update_user)
        .service(users::reset_password)
        .service(contacts::list_contacts)
        .service(contacts::create_contact)
        .service(contacts::get_contact)
        .service(contacts::update_contact)
        .service(service_accounts::list_service_accounts)
        .service(service_accounts::create_service_account)
        .service(service_accounts::get_service_account)
        .service(service_accounts::update_service_account)
        .service(service_accounts::rotate_secret)
        .service(audit_events::list_audit_events)
        .service(committees::list_committees)
        .service(committees::create_committee)
        .service(committees::get_committee)
        .service(committees::update_committee)
        .service(committees::replace_committee)
        .service(committees::committee_history)
        .service(reviews::list_reviews)
        .service(reviews::create_review)
        .service(reviews::get_review)
        .service(reviews::update_review)
        .service(reviews::transition_review)
        .service(reviews::review_history);
    cfg.service(action_plans::put_review_action_plan)
        .service(action_plans::get_review_action_plan)
        .service(action_plans::get_action_plan)
        .service(action_plans::update_action_plan)
        .service(action_plans::list_amendments)
        .service(action_plans::action_plan_history)
        .service(actions::create_action)
        .service(actions::list_actions)
        .service(actions::get_action)
        .service(actions::update_action)
        .service(actions::withdraw_action)
        .service(actions::complete_action)
        .service(actions::action_history);
    cfg.service(recommendations::list_recommendations)
        .service(recommendations::list_review_recommendations)
        .service(recommendations::create_recommendation)
        .service(recommendations::get_recommendation)
        .service(recommendations::update_recommendation)
        .service(recommendations::withdraw_recommendation)
        .service(recommendations::close_recommendation)
        .service(recommendations::recommendation_history)
        .service(recommendations::create_recommendation_part)
        .service(recommendations::get_recommendation_part)
        .service(recommendations::update_recommendation_part)
        .service(recommendations::withdraw_recommendation_part)
        .service(recommendations::recommendation_part_history);
    cfg.service(calendars::list_calendars)
        .service(calendars::get_calendar)
        .service(calendars::create_calendar)
        .service(calendars::calendar_history)
        .service(calendars::list_holidays)
        .service(calendars::add_holiday)
        .service(calendars::remove_holiday)
        .service(calendars::get_council_settings)
        .service(calendars::put_council_settings)
        .service(calendars::council_settings_history)
        .service(decisions::create_decision)
        .service(decisions::list_decisions)
        .service(decisions::list_review_decisions)
        .service(decisions::get_decision)
        .service(decisions::update_decision)
        .service(decisions::transition_call_in)
        .service(decisions::recompute_call_in_deadline)
        .service(decisions::decision_history);
    cfg.service(progress_rounds::list_progress_rounds)
        .service(progress_rounds::list_review_progress_rounds)
        .service(progress_rounds::propose_progress_round)
        .service(progress_rounds::open_progress_round)
        .service(progress_rounds::get_progress_round)
        .service(progress_rounds::update_progress_round)
        .service(progress_rounds::list_round_entries)
        .service(progress_rounds::add_round_entry)
        .service(progress_rounds::progress_round_history)
        .service(progress_rounds::dashboard)
        .service(progress_entries::list_progress_entries)
        .service(progress_entries::get_progress_entry)
        .service(progress_entries::update_progress_entry)
        .service(progress_entries::delete_progress_entry)
        .service(progress_entries::submit_progress_entry)
        .service(progress_entries::return_progress_entry)
        .service(progress_entries::validate_progress_entry)
        .service(progress_entries::accept_progress_entry)
        .service(progress_entries::progress_entry_history)
        .service(progress_entries::my_inbox)
        .service(progress_entries::my_assessments);
    cfg.service(statutory_responses::list_statutory_responses)
        .service(statutory_responses::review_statutory_responses)
        .service(statutory_responses::create_statutory_response)
        .service(statutory_responses::get_statutory_response)
        .service(statutory_responses::update_statutory_response)
        .service(statutory_responses::receive_statutory_response)
        .service(statutory_responses::publish_statutory_response)
        .service(statutory_responses::delete_statutory_response)
        .service(statutory_responses::statutory_response_history);
    cfg.service(open_data::open_councils)
        .service(open_data::open_reviews)
        .service(open_data::open_review)
        .service(open_data::open_recommendations_csv);
    cfg.service(calendar_feeds::list_calendar_feeds)
        .service(calendar_feeds::create_calendar_feed)
        .service(calendar_feeds::revoke_calendar_feed)
        .service(calendar_feeds::calendar_feed_ics);
    cfg.service(events::list_events)
        .service(webhooks::list_webhook_subscriptions)
        .service(webhooks::create_webhook_subscription)
        .service(webhooks::get_webhook_subscription)
        .service(webhooks::update_webhook_subscription)
        .service(webhooks::delete_webhook_subscription)
        .service(webhooks::rotate_webhook_secret)
        .service(webhooks::list_webhook_deliveries)
        .service(webhooks::redeliver_webhook)
        .service(routes::identity_providers::list_identity_providers)
        .service(routes::identity_providers::create_identity_provider)
        .service(routes::identity_providers::get_identity_provider)
        .service(routes::identity_providers::update_identity_provider)
        .service(routes::identity_providers::delete_identity_provider)
        .service(routes::import_profiles::list_import_profiles)
        .service(routes::import_profiles::create_import_profile)
        .service(routes::import_profiles::get_import_profile)
        .service(routes::import_profiles::update_import_profile)
        .service(routes::import_profiles::delete_import_profile);
    cfg.service(attachments::upload_attachment)
        .service(attachments::list_attachments)
        .service(attachments::get_attachment)
        .service(attachments::download_attachment)
        .service(attachments::withdraw_attachment);
}

pub fn configure_health(cfg: &mut ServiceConfig) {
    cfg.service(routes::health::live)
        .service(routes::health::ready);
}

/// The OpenAPI document this code produces, without starting a server.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .configure(configure_health)
        .service(utoipa_actix_web::scope("/api/v1").configure(configure_v1))
        .split_for_parts();
    idempotency::document(&mut api);
    contract::complete(&mut api);
    api
}

/// The document as committed in `openapi/openapi.json`.
pub fn openapi_json() -> String {
    let mut json = openapi_document()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

/// Errors raised by actix's own extractors, as problems.
pub fn extractor_config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PathConfig::default().error_handler(|_, _| error::ApiError::NotFound.into()))
        .app_data(web::QueryConfig::default().error_handler(|e, _| {
            error::ApiError::BadRequest(format!("invalid query string: {e}")).into()
        }));
}
