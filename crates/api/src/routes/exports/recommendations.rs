//! `GET /recommendations/export.{format}`.
use super::sheet::{respond, Export, SheetFormat};
use super::ExportLimit;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::FileBytes;
use crate::state::AppState;
use actix_web::{get, web, HttpRequest, HttpResponse};
use scrutiny_app::exports::{self as uc, RECOMMENDATIONS};
use scrutiny_app::recommendations::RecommendationFilter;
use scrutiny_app::Ctx;

/// Export the recommendations the list would show (`GET /recommendations` with the same
/// filters), with their parts, actions, owners and dates, as CSV or XLSX.
#[utoipa::path(
    tag = "exports",
    params(
        ("format" = String, Path, description = "csv or xlsx"),
        RecommendationFilter,
        ExportLimit
    ),
    responses(
        (status = 200, description = "The spreadsheet, named in Content-Disposition", content(
            (String = "text/csv"),
            (FileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        ListErrors
    ),
    security(("bearer" = []))
)]
#[get("/recommendations/export.{format}")]
pub async fn export_recommendations(
    req: HttpRequest,
    state: web::Data<AppState>,
    Auth(principal): Auth,
    format: web::Path<String>,
    filter: web::Query<RecommendationFilter>,
    limit: web::Query<ExportLimit>,
) -> Result<HttpResponse, ApiError> {
    let format = SheetFormat::parse(&format)?;
    let mut export = Export::new(format, &RECOMMENDATIONS)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::recommendations(&mut ctx, &filter, limit.max_rows, |cells| {
        export.row(&cells)
    })
    .await?;
    let today = ctx.today();
    drop(ctx);
    let file = export.finish().await?;
    respond(&req, file, format, RECOMMENDATIONS.name, today)
}
