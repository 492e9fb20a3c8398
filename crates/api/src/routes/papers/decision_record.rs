//! `GET /decisions/{id}/papers/decision-record.{format}`: the record of a decision.
use super::{paper_response, parse_format, render, FileBytes};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::papers::{self as uc, DecisionRecordSources};
use scrutiny_app::Ctx;
use scrutiny_papers::{DecisionRecordPaper, PaperPart, PaperResolution};
use uuid::Uuid;

fn decision_record_paper(src: DecisionRecordSources) -> DecisionRecordPaper {
    let row = src.decision;
    let call_in = row
        .stated_call_in_text
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            src.computed_call_in_local
                .map(|local| scrutiny_papers::call_in_text(local.date(), local.time()))
        });
    DecisionRecordPaper {
        council: src.council,
        body: row.body.clone(),
        meeting_date: row.meeting_date,
        item_title: row.item_title.clone(),
        decision_text: row.decision_text.clone(),
        resolutions: src
            .resolutions
            .into_iter()
            .map(|r| PaperResolution {
                number: r.resolution.number,
                text: r.resolution.text,
                parts: r
                    .parts
                    .iter()
                    .map(|p| PaperPart::new(&p.label, &p.text))
                    .collect(),
            })
            .collect(),
        reasons: row.reasons.clone(),
        alternatives: row.alternatives.clone(),
        conflicts: row.conflicts.clone(),
        dispensations: row.dispensations.clone(),
        call_in,
        published_on: row.published_on,
        reference: row.reference.clone(),
        key_decision: row.key_decision,
    }
}

/// The record of a decision in the layout of the council's proforma (the seed's Cabinet
/// record): meeting, title, the decision with its resolutions and their parts, reasons,
/// alternatives, conflicts, dispensations, the call-in deadline (as the record states it, else
/// as computed in the council's time zone) and the Proper Officer's date.
#[utoipa::path(
    tag = "papers",
    params(
        ("id" = Uuid, Path, description = "Decision id"),
        ("format" = String, Path, description = "docx, pdf or html")
    ),
    responses(
        (status = 200, description = "The paper (DOCX, PDF or HTML) with its file name in Content-Disposition", content(
            (FileBytes = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (FileBytes = "application/pdf"),
            (String = "text/html")
        )),
        ReadErrors
    ),
    security(("bearer" = []))
)]
#[get("/decisions/{id}/papers/decision-record.{format}")]
pub async fn decision_record_paper_file(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let sources = uc::decision_record(&mut ctx, id).await?;
    drop(ctx);
    let name = format!("{} decision", sources.decision.body.trim());
    let review_title = sources.review_title.clone();
    let meeting = sources
        .decision
        .meeting_date
        .format("%-d %B %Y")
        .to_string();
    let paper = decision_record_paper(sources);
    let bytes = render(paper, format, scrutiny_papers::render_decision_record).await?;
    Ok(paper_response(
        bytes,
        format,
        &[&name, &review_title, &meeting],
    ))
}
