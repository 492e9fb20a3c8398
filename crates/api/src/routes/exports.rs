//! Spreadsheet exports of recommendations, actions and progress entries, as CSV (RFC 4180,
//! UTF-8 with a byte order mark for Excel, formula injection defused) or XLSX. Each takes the
//! same filters as its list endpoint and shows what the list would show the caller. The rows
//! are read page by page with the lists' keyset queries and written to a temporary file, so
//! memory stays bounded whatever the size; an export larger than `max_rows` (100,000 at most)
//! is refused with a 422 before anything is sent.
use crate::access;
use crate::auth::principal::ANY_ROLE;
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ListErrors;
use crate::routes::actions::{self, ActionFilter};
use crate::routes::papers::{file_response, FileBytes};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use scrutiny_app::input::stored_date;
use scrutiny_app::progress::{self as entries, ProgressEntry};
use scrutiny_app::recommendations::{self, RecommendationFilter};
use scrutiny_db::page::split_page;
use scrutiny_db::queries::{
    actions as actions_q, progress as progress_q, recommendations as recs_q, reviews as reviews_q,
};
use scrutiny_db::scope::Scope;
use scrutiny_db::AsyncPgConnection;
use scrutiny_domain::dates;
use scrutiny_papers::table::{csv_record, Xlsx, UTF8_BOM};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use utoipa::IntoParams;
use uuid::Uuid;

/// The most rows one export may have.
pub const EXPORT_MAX_ROWS: u32 = 100_000;
/// Rows read per query.
const BATCH: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    fn parse(raw: &str) -> Result<Self, ApiError> {
        match raw.to_ascii_lowercase().as_str() {
            "csv" => Ok(SheetFormat::Csv),
            "xlsx" => Ok(SheetFormat::Xlsx),
            _ => Err(ApiError::NotFound),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8; header=present",
            SheetFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// How big an export may get.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportLimit {
    /// Refuse (422) an export with more rows than this: 1 to 100000, default 100000.
    #[param(example = 100000)]
    pub max_rows: Option<u32>,
}

impl ExportLimit {
    fn max(&self) -> Result<u32, ApiError> {
        match self.max_rows {
            None => Ok(EXPORT_MAX_ROWS),
            Some(n) if (1..=EXPORT_MAX_ROWS).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::invalid(
                "max_rows",
                format!("must be between 1 and {EXPORT_MAX_ROWS}"),
            )),
        }
    }
}

fn too_many(max: u32) -> ApiError {
    ApiError::invalid(
        "max_rows",
        format!(
            "the export has more than {max} rows: narrow it with the list's filters{}",
            if max < EXPORT_MAX_ROWS {
                format!(" or raise max_rows (at most {EXPORT_MAX_ROWS})")
            } else {
                String::new()
            }
        ),
    )
}

/// Rows going to a temporary file.
enum Sheet {
    Csv { out: BufWriter<File>, line: String },
    Xlsx(Box<Xlsx>),
}

struct Export {
    sheet: Sheet,
    rows: u32,
    max: u32,
}

impl Export {
    fn new(format: SheetFormat, name: &str, headers: &[&str], max: u32) -> Result<Self, ApiError> {
        let sheet = match format {
            SheetFormat::Csv => {
                let mut out = BufWriter::new(tempfile::tempfile().map_err(ApiError::internal)?);
                let mut line = String::from(UTF8_BOM);
                csv_record(&mut line, headers);
                out.write_all(line.as_bytes()).map_err(ApiError::internal)?;
                line.clear();
                Sheet::Csv { out, line }
            }
            SheetFormat::Xlsx => Sheet::Xlsx(Box::new(
                Xlsx::new(name, headers).map_err(ApiError::internal)?,
            )),
        };
        Ok(Self {
            sheet,
            rows: 0,
            max,
        })
    }

    fn row(&mut self, cells: &[String]) -> Result<(), ApiError> {
        if self.rows >= self.max {
            return Err(too_many(self.max));
        }
        self.rows += 1;
        match &mut self.sheet {
            Sheet::Csv { out, line } => {
                line.clear();
                csv_record(line, cells);
                out.write_all(line.as_bytes()).map_err(ApiError::internal)
            }
            Sheet::Xlsx(x) => x.push_row(cells).map_err(ApiError::internal),
        }
    }

    /// The finished file, rewound.
    async fn finish(self) -> Result<File, ApiError> {
        web::block(move || -> Result<File, ApiError> {
            let mut file = match self.sheet {
                Sheet::Csv { out, .. } => out
                    .into_inner()
                    .map_err(|e| ApiError::internal(e.into_error()))?,
                Sheet::Xlsx(x) => {
                    let mut file = tempfile::tempfile().map_err(ApiError::internal)?;
                    x.finish_to(&mut file).map_err(ApiError::internal)?;
                    file
                }
            };
            file.flush().map_err(ApiError::internal)?;
            file.seek(SeekFrom::Start(0)).map_err(ApiError::internal)?;
            Ok(file)
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// Sends the file in chunks (it may be large) with its name.
fn respond(
    req: &HttpRequest,
    file: File,
    format: SheetFormat,
    name: &str,
) -> Result<HttpResponse, ApiError> {
    let today = Utc::now().date_naive().format("%Y-%m-%d").to_string();
    // The headers (type, disposition, caching) as the papers have them.
    let template = file_response(
        Vec::new(),
        format.content_type(),
        &[name, &today],
        format.extension(),
        false,
    );
    let named = actix_files::NamedFile::from_file(file, format!("export.{}", format.extension()))
        .map_err(ApiError::internal)?
        .use_etag(false)
        .use_last_modified(false)
        .prefer_utf8(true);
    let mut response = named.into_response(req);
    for name in [
        header::CONTENT_TYPE,
        header::CONTENT_DISPOSITION,
        header::CACHE_CONTROL,
        header::X_CONTENT_TYPE_OPTIONS,
    ] {
        if let Some(value) = template.headers().get(&name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    Ok(response)
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Review titles by id, each read once.
struct Titles(HashMap<Uuid, String>);

impl Titles {
    async fn of(&mut self, conn: &mut AsyncPgConnection, id: Uuid) -> Result<String, ApiError> {
        if let Some(t) = self.0.get(&id) {
            return Ok(t.clone());
        }
        let title = reviews_q::find(conn, Scope::All, id)
            .await?
            .map(|r| r.title)
            .unwrap_or_default();
        self.0.insert(id, title.clone());
        Ok(title)
    }
}

fn milestone_text(m: &recs_q::Milestone) -> String {
    let date = stored_date(m.due_on, m.due_precision.as_deref());
    dates::Milestone::new(date, m.label.as_deref()).canonical_text()
}

// ---- recommendations -------------------------------------------------------------------------

const RECOMMENDATION_COLUMNS: [&str; 13] = [
    "Review",
    "No.",
    "Recommendation",
    "Parts",
    "Status",
    "Closed reason",
    "Withdrawn reason",
    "Proposed actions",
    "Responsibility",
    "Dates",
    "Updated",
    "Recommendation ID",
    "Review ID",
];

fn recommendation_row(review: String, d: &recs_q::RecommendationDetail) -> Vec<String> {
    let r = &d.recommendation;
    let parts: Vec<String> = d
        .parts
        .iter()
        .map(|p| match &p.withdrawn_reason {
            Some(reason) => format!("{}) {} (withdrawn: {reason})", p.label, p.text),
            None => format!("{}) {}", p.label, p.text),
        })
        .collect();
    let mut owners: Vec<String> = Vec::new();
    for a in &d.actions {
        let owner = a
            .action
            .responsibility_text
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                if a.action.responsible_all {
                    "All".to_owned()
                } else {
                    a.owners
                        .iter()
                        .filter_map(|o| {
                            o.contact_name
                                .clone()
                                .or_else(|| o.organisation_name.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            });
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    vec![
        review,
        r.number.clone(),
        r.text.clone(),
        parts.join("\n"),
        r.status.clone(),
        r.closed_reason.clone().unwrap_or_default(),
        r.withdrawn_reason.clone().unwrap_or_default(),
        d.actions
            .iter()
            .map(|a| a.action.proposed_actions.clone())
            .collect::<Vec<_>>()
            .join("\n\n"),
        owners.join("; "),
        d.actions
            .iter()
            .flat_map(|a| a.milestones.iter().map(milestone_text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        at(r.updated_at),
        r.id.to_string(),
        r.review_id.to_string(),
    ]
}

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
    principal.require(ANY_ROLE)?;
    let format = SheetFormat::parse(&format)?;
    let filter = recommendations::parse_filter(&filter, chrono::Utc::now().date_naive())?;
    let mut export = Export::new(
        format,
        "Recommendations",
        &RECOMMENDATION_COLUMNS,
        limit.max()?,
    )?;
    let scope = access::scope(&principal);
    let mut conn = state.pool.get().await?;
    let mut titles = Titles(HashMap::new());
    let mut after: Option<recs_q::After> = None;
    loop {
        let (page, more) =
            recs_q::load_page(&mut conn, scope, &filter, after.as_ref(), BATCH).await?;
        for d in &page {
            let title = titles.of(&mut conn, d.recommendation.review_id).await?;
            export.row(&recommendation_row(title, d))?;
        }
        after = page.last().map(|d| match filter.sort {
            recs_q::Sort::Position => recs_q::After::Position {
                review_id: d.recommendation.review_id,
                position: d.recommendation.position,
                id: d.recommendation.id,
            },
            recs_q::Sort::Updated => recs_q::After::Updated {
                at: d.recommendation.updated_at,
                id: d.recommendation.id,
            },
        });
        if !more {
            break;
        }
    }
    drop(conn);
    let file = export.finish().await?;
    respond(&req, file, format, "Recommendations")
}

// ---- actions ---------------------------------------------------------------------------------

const ACTION_COLUMNS: [&str; 16] = [
    "Review",
    "Recommendation",
    "Part",
    "Proposed actions",
    "Success measures",
    "Responsibility",
    "Owners",
    "Dates",
    "Status",
    "Notes",
    "Withdrawn reason",
    "Updated",
    "Action ID",
    "Recommendation ID",
    "Plan ID",
    "Review ID",
];

fn action_row(review: String, a: &scrutiny_app::views::actions::Action) -> Vec<String> {
    let owners: Vec<String> = a
        .owners
        .iter()
        .map(|o| match (&o.contact_name, &o.organisation_name) {
            (Some(c), Some(org)) => format!("{c} ({org})"),
            (Some(c), None) => c.clone(),
            (None, Some(org)) => org.clone(),
            (None, None) => String::new(),
        })
        .filter(|o| !o.is_empty())
        .collect();
    vec![
        review,
        a.recommendation_number.clone(),
        a.part_label.clone().unwrap_or_default(),
        a.proposed_actions.clone(),
        a.success_measures.join("\n"),
        a.responsibility_text.clone().unwrap_or_default(),
        if a.responsible_all {
            "All".to_owned()
        } else {
            owners.join("; ")
        },
        a.milestones
            .iter()
            .map(|m| m.text.clone())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        a.status.clone(),
        a.status_notes.clone().unwrap_or_default(),
        a.withdrawn_reason.clone().unwrap_or_default(),
        at(a.updated_at),
        a.id.to_string(),
        a.recommendation_id.to_string(),
        a.plan_id.to_string(),
        a.review_id.to_string(),
    ]
}

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
    principal.require(ANY_ROLE)?;
    let format = SheetFormat::parse(&format)?;
    let filter = actions::parse_filter(&filter)?;
    let mut export = Export::new(format, "Actions", &ACTION_COLUMNS, limit.max()?)?;
    let scope = access::scope(&principal);
    let mut conn = state.pool.get().await?;
    let mut titles = Titles(HashMap::new());
    let mut after: Option<actions_q::ActionKey> = None;
    loop {
        let rows = actions_q::list(&mut conn, scope, &filter, after.as_ref(), BATCH).await?;
        let (rows, more) = split_page(rows, BATCH);
        after = rows.last().map(|r| actions_q::ActionKey {
            plan_id: r.action.plan_id,
            position: r.action.position,
            id: r.action.id,
        });
        for a in scrutiny_app::views::actions::assemble(&mut conn, rows).await? {
            let title = titles.of(&mut conn, a.review_id).await?;
            export.row(&action_row(title, &a))?;
        }
        if !more {
            break;
        }
    }
    drop(conn);
    let file = export.finish().await?;
    respond(&req, file, format, "Actions")
}

// ---- progress entries ------------------------------------------------------------------------

/// The filters of `GET /progress-entries`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressEntryFilter {
    pub round_id: Option<Uuid>,
    pub review_id: Option<Uuid>,
    pub recommendation_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    /// One state or several, comma-separated: `submitted,validated`.
    pub state: Option<String>,
    /// Only entries whose proposed, officer and accepted grades differ (true), or agree (false).
    pub grades_differ: Option<bool>,
    /// Only entries of open rounds.
    pub open_rounds: Option<bool>,
}

const ENTRY_COLUMNS: [&str; 24] = [
    "Review",
    "Round",
    "Recommendation",
    "Part",
    "Organisation",
    "State",
    "Evidence of progress",
    "Proposed grade",
    "Explanation",
    "Officer grade",
    "Officer reason",
    "Accepted grade",
    "Grade",
    "Evidence of impact",
    "Key figures",
    "Written by",
    "Submitted by",
    "Submitted",
    "Validated by",
    "Accepted by",
    "Accepted",
    "Updated",
    "Entry ID",
    "Recommendation ID",
];

fn entry_row(e: &ProgressEntry) -> Vec<String> {
    let grade =
        |g: &Option<entries::Grade>| g.as_ref().map(|g| g.display.clone()).unwrap_or_default();
    let when = |t: Option<DateTime<Utc>>| t.map(at).unwrap_or_default();
    let figures: Vec<String> = e
        .key_figures
        .iter()
        .map(|f| {
            let mut s = format!(
                "{}: {}{}",
                f.label,
                f.value,
                f.unit.as_deref().unwrap_or("")
            );
            if let Some(scope) = &f.scope {
                s.push_str(&format!(" ({scope})"));
            }
            if let Some(d) = f.as_of {
                s.push_str(&format!(" as of {}", d.format("%-d %B %Y")));
            }
            s
        })
        .collect();
    vec![
        e.review_title.clone(),
        e.round.label.clone(),
        e.recommendation.number.clone(),
        e.part.as_ref().map(|p| p.label.clone()).unwrap_or_default(),
        e.organisation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        e.state.clone(),
        e.progress.clone().unwrap_or_default(),
        grade(&e.grades.proposed),
        e.proposed_explanation.clone().unwrap_or_default(),
        grade(&e.grades.officer),
        e.officer_reason.clone().unwrap_or_default(),
        grade(&e.grades.accepted),
        grade(&e.grades.current),
        e.impact_text.clone(),
        figures.join("; "),
        e.written_by.clone().unwrap_or_default(),
        e.submitted_by.clone().unwrap_or_default(),
        when(e.submitted_at),
        e.validated_by.clone().unwrap_or_default(),
        e.accepted_by.clone().unwrap_or_default(),
        when(e.accepted_at),
        at(e.updated_at),
        e.id.to_string(),
        e.recommendation.id.to_string(),
    ]
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
    principal.require(ANY_ROLE)?;
    let format = SheetFormat::parse(&format)?;
    let filter = progress_q::EntryFilter {
        round_id: filter.round_id,
        review_id: filter.review_id,
        recommendation_id: filter.recommendation_id,
        organisation_id: filter.organisation_id,
        states: entries::parse_states(filter.state.as_deref())?,
        grades_differ: filter.grades_differ,
        open_rounds_only: filter.open_rounds.unwrap_or(false),
    };
    let mut export = Export::new(format, "Progress entries", &ENTRY_COLUMNS, limit.max()?)?;
    let scope = access::scope(&principal);
    let viewer = entries::accepted_only(&principal);
    let mut conn = state.pool.get().await?;
    let mut after: Option<Uuid> = None;
    loop {
        let rows =
            progress_q::list_entries(&mut conn, scope, viewer, &filter, after, BATCH).await?;
        let (rows, more) = split_page(rows, BATCH);
        after = rows.last().map(|e| e.id);
        for e in entries::dtos(&mut conn, &principal, rows, chrono::Utc::now().date_naive()).await?
        {
            export.row(&entry_row(&e))?;
        }
        if !more {
            break;
        }
    }
    drop(conn);
    let file = export.finish().await?;
    respond(&req, file, format, "Progress entries")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_limits() {
        assert_eq!(SheetFormat::parse("CSV").unwrap(), SheetFormat::Csv);
        assert_eq!(SheetFormat::parse("xlsx").unwrap(), SheetFormat::Xlsx);
        assert!(matches!(SheetFormat::parse("xls"), Err(ApiError::NotFound)));
        assert_eq!(
            ExportLimit { max_rows: None }.max().unwrap(),
            EXPORT_MAX_ROWS
        );
        assert_eq!(ExportLimit { max_rows: Some(5) }.max().unwrap(), 5);
        assert!(ExportLimit { max_rows: Some(0) }.max().is_err());
        assert!(ExportLimit {
            max_rows: Some(EXPORT_MAX_ROWS + 1)
        }
        .max()
        .is_err());
    }

    #[test]
    fn the_cap_is_enforced_row_by_row() {
        let mut export = Export::new(SheetFormat::Csv, "x", &["a"], 2).unwrap();
        export.row(&["1".to_owned()]).unwrap();
        export.row(&["2".to_owned()]).unwrap();
        let e = export.row(&["3".to_owned()]).unwrap_err();
        assert!(e.to_string().contains("more than 2 rows"), "{e}");
    }
}
