//! `GET /reviews/{review_id}/action-plan/export.{format}`: the plan as CSV or XLSX.
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use scrutiny_import::export::{to_csv, to_xlsx};
use uuid::Uuid;

/// The action plan as CSV or XLSX in the import's layout (No., Part, Recommendation, Proposed
/// Actions, Success Measures, Responsibility, Date, Status notes; one row per action): what the
/// import reads back. Withdrawn actions are left out.
#[utoipa::path(
    tag = "imports",
    params(("review_id" = Uuid, Path, description = "Review id"), ("format" = String, Path, description = "csv or xlsx")),
    responses(
        (status = 200, description = "The plan as a file", content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        ReadErrors
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{review_id}/action-plan/export.{format}")]
pub async fn export_action_plan(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    principal.require(scrutiny_app::principal::ANY_ROLE)?;
    let (review_id, format) = path.into_inner();
    if format != "csv" && format != "xlsx" {
        return Err(ApiError::NotFound);
    }
    let mut ctx = scrutiny_app::Ctx::open(&state.pool, principal).await?;
    let export = scrutiny_app::imports::export_plan(&mut ctx, review_id).await?;
    let name = format!("action-plan-{review_id}.{format}");
    let (content_type, bytes) = if format == "csv" {
        ("text/csv; charset=utf-8", to_csv(&export))
    } else {
        (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            to_xlsx(&export).map_err(ApiError::internal)?,
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}
