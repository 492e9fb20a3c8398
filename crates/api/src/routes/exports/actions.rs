//! `GET /actions/export.{format}`.
use super::sheet::{respond, Export, SheetFormat};
use super::ExportLimit;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::FileBytes;
use crate::state::AppState;
use actix_web::{get, web, HttpRequest, HttpResponse};
use scrutiny_app::actions::{ActionFilter, ActionQuery};
use scrutiny_app::exports::{self as uc, ACTIONS};
use scrutiny_app::Ctx;

/// Export the actions the list would show (`GET /actions` with the same filters), with their
/// success measures, owners and dates as given, as CSV or XLSX.
#[utoipa::path(
    tag = "exports",
    params(
        ("format" = String, Path, description = "csv or xlsx"),
        ActionFilter,
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
#[get("/actions/export.{format}")]
pub async fn export_actions(
    req: HttpRequest,
    state: web::Data<AppState>,
    Auth(principal): Auth,
    format: web::Path<String>,
    filter: web::Query<ActionFilter>,
    limit: web::Query<ExportLimit>,
) -> Result<HttpResponse, ApiError> {
    let format = SheetFormat::parse(&format)?;
    let query = ActionQuery::from(&*filter);
    let mut export = Export::new(format, &ACTIONS)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::actions(&mut ctx, &query, limit.max_rows, |cells| export.row(&cells)).await?;
    let today = ctx.today();
    drop(ctx);
    let file = export.finish().await?;
    respond(&req, file, format, ACTIONS.name, today)
}
