//! `POST /imports/tracker`: a council's tracker (one row per recommendation across reviews), read
//! through a saved column mapping profile; and `POST /imports/columns`: any file's columns, with
//! samples and a proposed mapping, to make that profile.
use super::upload::read_file;
use super::{file_error, respond, ImportErrors, ImportProblem};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use scrutiny_app::imports::{self, ImportTracker};
use scrutiny_app::principal::COUNCIL_STAFF;
use scrutiny_app::views::imports::{ImportColumns, ImportOutcome};
use scrutiny_import::{describe, read_records, ImportKind};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrackerImportParams {
    /// The tracker profile that says which column is which.
    pub profile_id: Uuid,
    /// `true` (the default): read the file and report, create nothing. `false`: commit.
    pub dry_run: Option<bool>,
    /// Commit what can be imported and skip the rejected rows (default `false`).
    pub skip_invalid: Option<bool>,
    /// When a review's plan is agreed and the file adds actions to it, why it is amended.
    pub amendment_reason: Option<String>,
    /// Which of the people the dry run proposes as new contacts the commit creates: `all`, or
    /// their names one per line.
    #[param(example = "all", max_length = 10000)]
    pub create_contacts: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ColumnsParams {
    /// What the file is: `tracker` (the default) or `action_plan`; the fields proposed depend on it.
    pub kind: Option<String>,
}

/// Import a tracker through a profile: one row per recommendation across many reviews, as CSV,
/// an XLSX workbook or tab-separated text, as the body or the `file` part of a form.
///
/// Each row's review is found by the council's reference (`Review.reference`), or created in the
/// committee its committee column names (the profile's mapping, the committee's name, or the
/// initials of its name). Its recommendation is found by number (or its place among the review's
/// rows) or created; its leads own an action (initials are matched to the council's contacts;
/// people not known are proposed as contacts, created with `create_contacts`); its status (mapped
/// to the council's grading scale by the profile) and progress become an accepted progress entry
/// in a closed round "Tracker, {month}" of the review, written by and when the file says and
/// audited as `progress_entry.imported`; a closing grade closes the recommendation. The decision
/// date agrees a draft plan on that date.
///
/// `dry_run=true` (the default) answers with the report, row by row (guessed, split, proposed,
/// rejected), the file's columns, and the status words and committees found with what each is read
/// as. A commit is one transaction; importing the same tracker again changes nothing.
#[utoipa::path(
    tag = "imports",
    params(TrackerImportParams),
    request_body(
        description = "The tracker: CSV, an XLSX workbook, tab-separated text, or a form with a `file` part",
        content(
            (String = "text/csv"),
            (String = "text/plain"),
            (crate::routes::imports::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::routes::imports::UploadForm = "multipart/form-data")
        )
    ),
    responses(
        (status = 200, description = "A dry run, or the file was committed before (nothing changed)", body = ImportOutcome),
        (status = 201, description = "Committed", body = ImportOutcome),
        (status = 422, description = "The file cannot be imported, the profile is not a tracker's, or a commit has rejected rows and no skip_invalid (this problem, with the report); nothing changed", body = ImportProblem, content_type = "application/problem+json"),
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/imports/tracker")]
pub async fn import_tracker(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    params: web::Query<TrackerImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let params = params.into_inner();
    let (file, bytes) = read_file(&req, payload, state.import_max_bytes).await?;
    let format = file.format;
    let (records, read_report) = web::block(move || read_records(format, &bytes))
        .await?
        .map_err(file_error)?;
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let answer = imports::import_tracker(
        &mut ctx,
        ImportTracker {
            profile_id: params.profile_id,
            dry_run: params.dry_run.unwrap_or(true),
            skip_invalid: params.skip_invalid.unwrap_or(false),
            amendment_reason: params.amendment_reason,
            file,
            records,
            read_report,
            create_contacts: imports::people::CreateContacts::parse(
                params.create_contacts.as_deref(),
            ),
        },
    )
    .await?;
    Ok(respond(answer))
}

/// The columns of any file (CSV, XLSX, tab-separated text), to map them: the row of the headings,
/// each column's heading, first values and (when few and short) every value, and the field it
/// seems to be, with why. Nothing is recorded.
#[utoipa::path(
    tag = "imports",
    params(ColumnsParams),
    request_body(
        description = "The file: CSV, an XLSX workbook, tab-separated text, or a form with a `file` part",
        content(
            (String = "text/csv"),
            (String = "text/plain"),
            (crate::routes::imports::Workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::routes::imports::UploadForm = "multipart/form-data")
        )
    ),
    responses(
        (status = 200, description = "The columns", body = ImportColumns),
        (status = 422, description = "The file cannot be read (a problem naming the field `file`)", body = crate::error::Problem, content_type = "application/problem+json"),
        ImportErrors
    ),
    security(("bearer" = []))
)]
#[post("/imports/columns")]
pub async fn import_columns(
    Auth(principal): Auth,
    state: web::Data<AppState>,
    params: web::Query<ColumnsParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require(COUNCIL_STAFF)?;
    let kind = match params.kind.as_deref() {
        None | Some("tracker") => ImportKind::Tracker,
        Some("action_plan") => ImportKind::ActionPlan,
        Some(_) => return Err(ApiError::invalid("kind", "must be tracker or action_plan")),
    };
    let (file, bytes) = read_file(&req, payload, state.import_max_bytes).await?;
    let format = file.format;
    let shape = web::block(move || {
        let (records, _) = read_records(format, &bytes)?;
        describe(&records, kind)
    })
    .await?
    .map_err(file_error)?;
    Ok(HttpResponse::Ok().json(ImportColumns::from(shape)))
}
