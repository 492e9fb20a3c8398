//! `GET /progress-entries/export.{format}`.
use super::sheet::{respond, Export, SheetFormat};
use super::{ExportLimit, ProgressEntryFilter};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::respond::FileBytes;
use crate::state::AppState;
use actix_web::{get, web, HttpRequest, HttpResponse};
use scrutiny_app::exports::{self as uc, PROGRESS_ENTRIES};
use scrutiny_app::progress::entries::EntryListQuery;
use scrutiny_app::Ctx;

impl ProgressEntryFilter {
    /// The list's query (its page is not used by an export).
    fn query(self) -> EntryListQuery {
        EntryListQuery {
            round_id: self.round_id,
            review_id: self.review_id,
            recommendation_id: self.recommendation_id,
            organisation_id: self.organisation_id,
            state: self.state,
            grades_differ: self.grades_differ,
            open_rounds: self.open_rounds,
            page: Default::default(),
        }
    }
}

/// Export the progress entries the list would show (`GET /progress-entries` with the same
/// filters; viewers see accepted entries, partners their own organisation's), with their
/// evidence, the three grades and the evidence of impact, as CSV or XLSX.
#[utoipa::path(
    tag = "exports",
    params(
        ("format" = String, Path, description = "csv or xlsx"),
        ProgressEntryFilter,
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
#[get("/progress-entries/export.{format}")]
pub async fn export_progress_entries(
    req: HttpRequest,
    state: web::Data<AppState>,
    Auth(principal): Auth,
    format: web::Path<String>,
    filter: web::Query<ProgressEntryFilter>,
    limit: web::Query<ExportLimit>,
) -> Result<HttpResponse, ApiError> {
    let format = SheetFormat::parse(&format)?;
    let query = filter.into_inner().query();
    let mut export = Export::new(format, &PROGRESS_ENTRIES)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    uc::progress_entries(&mut ctx, &query, limit.max_rows, |cells| export.row(&cells)).await?;
    let today = ctx.today();
    drop(ctx);
    let file = export.finish().await?;
    respond(&req, file, format, PROGRESS_ENTRIES.name, today)
}
