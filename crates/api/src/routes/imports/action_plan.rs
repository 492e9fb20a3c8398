//! `POST /reviews/{review_id}/imports/action-plan`: an action plan read from a file, into a review.
use super::upload::read_file;
use super::{file_error, respond, ImportErrors, ImportParams, ImportProblem};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use scrutiny_app::import_profiles;
use scrutiny_app::imports::{self, ImportActionPlan};
use scrutiny_app::views::imports::ImportOutcome;
use scrutiny_import::{parse_action_plan, parse_action_plan_mapped, read_records, ImportKind};
use uuid::Uuid;

/// Import an action plan: text copied out of the Word table (text/plain: tab-separated, the
/// header repeated at page breaks, parts on rows with an empty No.), CSV (text/csv) or an Excel
/// workbook (XLSX), as the body or as the `file` part of a form.
///
/// `dry_run=true` (the default) answers with what was read and the report of every row rejected,
/// guessed at or skipped; nothing is created. `dry_run=false` creates the recommendations (matched
/// to the review's by number; missing parts added), the plan (a draft when the review has none)
/// and its actions with owners (matched to organisations and contacts by name) and milestones,
/// each audited, in one transaction; a rejected row stops it (422 with the report) unless
/// `skip_invalid=true`. The same file committed again changes nothing (200, `already_imported`).
#[utoipa::path(
    tag = "imports",
    params(("review_id" = Uuid, Path, description = "Review id"), ImportParams),
    request_body(
        description = "The file: a Word table's text, CSV, an XLSX workbook, or a form with a `file` part",
        content(
            (String = "text/plain"),
            (String = "text/csv"),
            (crate::routes::imports::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::routes::imports::UploadForm = "multipart/form-data")
        )
    ),
    responses(
        (status = 200, description = "A dry run, or the file was committed before (nothing changed)", body = ImportOutcome),
        (status = 201, description = "Committed", body = ImportOutcome),
        (status = 422, description = "The file cannot be imported (wrong type, too large, unreadable encoding, no recognisable header: a problem naming the field `file`), or a commit has rejected rows and no skip_invalid (this problem, with the report); nothing changed", body = ImportProblem, content_type = "application/problem+json"),
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/reviews/{review_id}/imports/action-plan")]
pub async fn import_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    review_id: web::Path<Uuid>,
    params: web::Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let review_id = review_id.into_inner();
    let params = params.into_inner();
    // The review first: an unknown review is 404 whatever the file.
    {
        let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal.clone()).await?;
        imports::review_for_import(&mut ctx, review_id).await?;
    }
    let (file, bytes) = read_file(&req, payload, state.import_max_bytes).await?;
    let format = file.format;
    let parsed = match params.profile_id {
        None => web::block(move || parse_action_plan(format, &bytes))
            .await?
            .map_err(file_error)?,
        Some(profile_id) => {
            let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal.clone()).await?;
            let profile = import_profiles::get(&mut ctx, profile_id).await?;
            if profile.import_kind() != ImportKind::ActionPlan {
                return Err(ApiError::invalid(
                    "profile_id",
                    "is a tracker's profile: choose an action plan profile",
                ));
            }
            let mapping = profile.mapping();
            web::block(move || {
                let (records, report) = read_records(format, &bytes)?;
                parse_action_plan_mapped(records, report, &mapping)
            })
            .await?
            .map_err(file_error)?
        }
    };
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let answer = imports::import_action_plan(
        &mut ctx,
        ImportActionPlan {
            review_id,
            dry_run: params.dry_run.unwrap_or(true),
            skip_invalid: params.skip_invalid.unwrap_or(false),
            amendment_reason: params.amendment_reason,
            file,
            parsed,
            create_contacts: imports::people::CreateContacts::parse(
                params.create_contacts.as_deref(),
            ),
            profile_id: params.profile_id,
        },
    )
    .await?;
    Ok(respond(answer))
}
