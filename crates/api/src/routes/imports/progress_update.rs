//! `POST /progress-rounds/{id}/imports/progress-update`: a progress update read from the committee
//! paper's text, into a round.
use super::upload::read_upload;
use super::{file_error, respond, ImportErrors, ImportParams, ImportProblem};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use scrutiny_app::imports::{self, ImportFile, ImportProgressUpdate};
use scrutiny_app::views::imports::ImportOutcome;
use scrutiny_import::{parse_progress_update_bytes, Format};
use uuid::Uuid;

/// Import a progress update in the committee paper's text layout (text/plain, or a form's `file`
/// part) into a round: each recommendation's evidence of progress, grade with explanation,
/// evidence of impact and key figures fill the round's entry for it.
///
/// `dry_run=true` (the default) answers with what was read and the report; `dry_run=false` fills
/// the entries (each audited) in one transaction, unless a block is rejected (422 with the
/// report; `skip_invalid=true` fills the rest). Entries already submitted or accepted are not
/// changed (rejected). The same file committed again changes nothing.
#[utoipa::path(
    tag = "imports",
    params(("id" = Uuid, Path, description = "Progress round id"), ImportParams),
    request_body(
        description = "The progress update as text, or a form with a `file` part",
        content(
            (String = "text/plain"),
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
#[post("/progress-rounds/{id}/imports/progress-update")]
pub async fn import_progress_update(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    id: web::Path<Uuid>,
    params: web::Query<ImportParams>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let round_id = id.into_inner();
    // The round first (an unknown or closed round is refused whatever the file), and the
    // council's grade scale the file is read with.
    let scale = {
        let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal.clone()).await?;
        imports::scale_for_import(&mut ctx, round_id).await?
    };
    let upload = read_upload(&req, payload, state.import_max_bytes).await?;
    if upload.bytes.is_empty() {
        return Err(ApiError::invalid("file", "is empty"));
    }
    match Format::detect(
        upload.media_type.as_deref(),
        upload.file_name.as_deref(),
        &upload.bytes,
    ) {
        Ok(Format::Text) => {}
        Ok(_) => {
            return Err(ApiError::invalid(
                "file",
                "a progress update is imported as text (the committee paper's text, text/plain)",
            ))
        }
        Err(e) => return Err(file_error(e)),
    }
    let file = ImportFile::new(&upload.bytes, upload.file_name, Format::Text);
    let bytes = upload.bytes;
    let parsed = web::block(move || parse_progress_update_bytes(&bytes, &scale))
        .await?
        .map_err(file_error)?;
    if parsed.value.recommendations.is_empty() && parsed.report.rows_rejected == 0 {
        return Err(ApiError::invalid(
            "file",
            "no recognisable progress update: expected blocks starting \"Recommendation 1:\" with Evidence of Progress and Assessment of Progress lines",
        ));
    }
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let answer = imports::import_progress_update(
        &mut ctx,
        ImportProgressUpdate {
            round_id,
            dry_run: params.dry_run.unwrap_or(true),
            skip_invalid: params.skip_invalid.unwrap_or(false),
            file,
            parsed,
        },
    )
    .await?;
    Ok(respond(answer))
}
