//! Committee papers made from the records: the action plan (Appendix 1), the progress update of
//! a round and the record of a decision, as DOCX, PDF or printable HTML (`scrutiny-papers`
//! renders them). Each shows what the caller may read through the list and detail endpoints:
//! a partner's paper holds the recommendations and progress entries of its own organisation,
//! a viewer's progress update the accepted entries. What a paper shows is loaded by
//! `scrutiny_app::papers`; here it is composed, rendered and sent, one paper per file.
mod action_plan;
mod decision_record;
mod progress_update;
mod response;

pub use self::action_plan::*;
pub use self::decision_record::*;
pub use self::progress_update::*;
pub use self::response::*;

use crate::error::ApiError;
use crate::respond::file_response;
use actix_web::{web, HttpResponse};
use scrutiny_app::views::actions::Action;
use scrutiny_db::queries::{recommendations as recs_q, reviews as reviews_q};
use scrutiny_domain::dates::{Milestone, PartialDate};
use scrutiny_domain::records::ReviewType;
use scrutiny_papers::{Format, PaperPart};
use serde::Deserialize;
use utoipa::IntoParams;

pub use crate::respond::FileBytes;

/// Options of a paper.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaperQuery {
    /// Print the paper as an appendix of a committee report: `1` gives "APPENDIX 1" above the
    /// title. Letters and digits, at most 10.
    #[param(example = "1")]
    pub appendix: Option<String>,
}

fn parse_appendix(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(a) if a.len() <= 10 && a.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Ok(Some(format!("APPENDIX {}", a.to_uppercase())))
        }
        Some(_) => Err(ApiError::invalid(
            "appendix",
            "must be letters and digits only, at most 10 (such as 1 or A)",
        )),
    }
}

/// The format a path ends with; any other extension is a resource that does not exist.
fn parse_format(raw: &str) -> Result<Format, ApiError> {
    Format::from_extension(raw).ok_or(ApiError::NotFound)
}

/// The review as papers name it: "Police Communications in Stockton-on-Tees (Task & Finish)".
fn review_line(review: &reviews_q::Review) -> String {
    match review.review_type {
        ReviewType::Other => review.title.trim().to_owned(),
        t => format!("{} ({})", review.title.trim(), t.label()),
    }
}

/// Renders off the async workers (a PDF takes tens of milliseconds).
async fn render<P, F>(paper: P, format: Format, f: F) -> Result<Vec<u8>, ApiError>
where
    P: Send + 'static,
    F: FnOnce(&P, Format) -> Result<Vec<u8>, scrutiny_papers::PaperError> + Send + 'static,
{
    web::block(move || f(&paper, format))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

fn paper_response(bytes: Vec<u8>, format: Format, name_parts: &[&str]) -> HttpResponse {
    file_response(
        bytes,
        format.content_type(),
        name_parts,
        format.extension(),
        format == Format::Html,
    )
}

// ---- shared composition --------------------------------------------------------------------------

fn parts_of(detail: &recs_q::RecommendationDetail) -> Vec<PaperPart> {
    detail
        .parts
        .iter()
        .filter(|p| p.withdrawn_reason.is_none())
        .map(|p| PaperPart::new(&p.label, &p.text))
        .collect()
}

fn milestones_of(action: &Action) -> Vec<Milestone> {
    action
        .milestones
        .iter()
        .map(|m| Milestone {
            date: m
                .date
                .as_deref()
                .and_then(|d| PartialDate::from_iso(d).ok()),
            label: m.label.clone(),
            raw: m.text.clone(),
        })
        .collect()
}

/// The Responsibility cell: as written, else the owners' names, else "All".
fn responsibility_of(action: &Action) -> String {
    if let Some(text) = action
        .responsibility_text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return text.trim().to_owned();
    }
    if action.responsible_all {
        return "All".to_owned();
    }
    action
        .owners
        .iter()
        .filter_map(|o| {
            o.contact_name
                .clone()
                .or_else(|| o.organisation_name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_and_format() {
        assert_eq!(parse_appendix(None).unwrap(), None);
        assert_eq!(parse_appendix(Some(" ")).unwrap(), None);
        assert_eq!(
            parse_appendix(Some("1")).unwrap().as_deref(),
            Some("APPENDIX 1")
        );
        assert_eq!(
            parse_appendix(Some("b")).unwrap().as_deref(),
            Some("APPENDIX B")
        );
        assert!(parse_appendix(Some("1<script>")).is_err());
        assert!(parse_appendix(Some("12345678901")).is_err());
        assert_eq!(parse_format("pdf").unwrap(), Format::Pdf);
        assert!(matches!(parse_format("exe"), Err(ApiError::NotFound)));
    }
}
