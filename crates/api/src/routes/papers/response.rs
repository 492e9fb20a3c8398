//! `GET /statutory-responses/{id}/papers/response.{format}`: a statutory response.
use super::{paper_response, parse_format, render, FileBytes};
use crate::auth::Auth;
use crate::error::ApiError;
use crate::openapi::ReadErrors;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use scrutiny_app::responses::{self as uc, ResponsePaperSources};
use scrutiny_app::Ctx;
use scrutiny_domain::responses::ResponderKind;
use scrutiny_papers::{ResponsePaperItem, StatutoryResponsePaper};
use uuid::Uuid;

fn response_paper(src: ResponsePaperSources) -> StatutoryResponsePaper {
    let r = src.response;
    StatutoryResponsePaper {
        council: src.council,
        committee: src.committee,
        review_title: r.review_title,
        responder: r.responder_name,
        responder_role: match r.responder_kind {
            ResponderKind::Executive => "the executive".to_owned(),
            ResponderKind::Partner => "responsible partner".to_owned(),
        },
        report_received_on: r.report_received_on,
        due_on: r.due_on,
        received_on: r.received_on,
        published_on: r.published_on,
        summary: r.summary,
        items: r
            .items
            .into_iter()
            .map(|i| ResponsePaperItem {
                number: i.recommendation_number,
                recommendation: i.recommendation_text,
                verdict: i.verdict.map(|v| v.label().to_owned()).unwrap_or_default(),
                reasons: i.reasons,
                proposed_action: i.proposed_action,
            })
            .collect(),
    }
}

/// A statutory response as a paper for the committee: the report it answers, who responds, the
/// days it was received, due, received and published, its summary, and the answer to each
/// recommendation with reasons and the action proposed.
#[utoipa::path(
    tag = "papers",
    params(
        ("id" = Uuid, Path, description = "Statutory response id"),
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
#[get("/statutory-responses/{id}/papers/response.{format}")]
pub async fn statutory_response_paper_file(
    state: web::Data<AppState>,
    Auth(principal): Auth,
    path: web::Path<(Uuid, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let format = parse_format(&format)?;
    let mut ctx = Ctx::open(&state.pool, principal).await?;
    let sources = uc::paper(&mut ctx, id).await?;
    drop(ctx);
    let name = format!("Response of {}", sources.response.responder_name.trim());
    let review_title = sources.response.review_title.clone();
    let paper = response_paper(sources);
    let bytes = render(paper, format, scrutiny_papers::render_statutory_response).await?;
    Ok(paper_response(bytes, format, &[&name, &review_title]))
}
