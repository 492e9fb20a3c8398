//! Importing a progress update into a round: each block of the committee paper's text fills the
//! round's entry for its recommendation through [`crate::progress::entries::update`] (the use
//! case a partner's PATCH calls), checked first with that use case's own checks
//! ([`crate::progress::entries::check_content`]), so the dry run refuses what it would.
use super::{first_error, outcome, reasons, record, ImportAnswer, ImportFile, Target, KIND_UPDATE};
use crate::access;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::precondition::Precondition;
use crate::principal::{Principal, COUNCIL_STAFF};
use crate::progress::entries::{self, UpdateEntry};
use crate::views::progress::{check_entry_edit, scale_of, ImpactValue, KeyFigure};
use scrutiny_db::queries::imports as q;
use scrutiny_db::queries::progress as progress_q;
use scrutiny_domain::progress::{GradeScale, Impact};
use scrutiny_domain::status::RoundStatus;
use scrutiny_domain::validation::ValidationErrors;
use scrutiny_import::{Parsed, ProgressRecommendation, ProgressUpdateImport};
use uuid::Uuid;

/// Imports a progress update read from a file into a round.
#[derive(Debug)]
pub struct ImportProgressUpdate {
    pub round_id: Uuid,
    /// Read and report, change nothing (the default at the edge).
    pub dry_run: bool,
    /// Commit what can be imported and skip the rejected blocks.
    pub skip_invalid: bool,
    pub file: ImportFile,
    /// What was read from the file (with the council's scale), with its report.
    pub parsed: Parsed<ProgressUpdateImport>,
}

/// The round, when the principal may import into it: an open round of their council.
async fn round_for_import(
    ctx: &mut Ctx<'_>,
    round_id: Uuid,
) -> Result<progress_q::Round, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let round = progress_q::find_round(ctx.db(), round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::check_council_visible(access::scope(&ctx.principal), round.council_id)?;
    access::check_write(&ctx.principal, round.council_id)?;
    if round.status != RoundStatus::Open {
        return Err(AppError::conflict(
            "The round is closed; a progress update can be imported only into an open round.",
        ));
    }
    Ok(round)
}

/// The grade scale of the round's council, when the principal may import into the round (the
/// file is read with it).
pub async fn scale_for_import(ctx: &mut Ctx<'_>, round_id: Uuid) -> Result<GradeScale, AppError> {
    let round = round_for_import(ctx, round_id).await?;
    scale_of(ctx.db(), round.council_id).await
}

/// The command of [`crate::progress::entries::update`] for a block of the file: the whole of the
/// entry's content as the block gives it.
fn update_entry(entry: &progress_q::Entry, block: &ProgressRecommendation) -> UpdateEntry {
    let (kind, text) = match &block.impact {
        Impact::Evidence(text) => ("evidence", Some(text.clone())),
        Impact::NoneUndertaken => ("none_undertaken", None),
        Impact::NotRecorded => ("not_recorded", None),
    };
    UpdateEntry {
        id: entry.id,
        precondition: Precondition::version(entry.version),
        progress: Some(Some(block.progress.clone()).filter(|p| !p.is_empty())),
        proposed_grade: Some(block.grade.clone()),
        proposed_explanation: Some(block.explanation.clone()),
        impact: Some(ImpactValue {
            kind: kind.to_owned(),
            text,
        }),
        key_figures: Some(
            block
                .key_figures
                .iter()
                .map(|f| KeyFigure {
                    label: f.label.clone(),
                    value: f.value.clone(),
                    unit: f.unit.clone(),
                    scope: f.scope.clone(),
                    as_of: f.as_of,
                })
                .collect(),
        ),
        organisation_id: None,
    }
}

/// The paper's heading a field of the entry's content comes from, and the value it had.
fn column_of(field: &str, block: &ProgressRecommendation) -> (&'static str, String) {
    let base = field.split(['[', '.']).next().unwrap_or(field);
    match base {
        "progress" => ("Evidence of Progress", block.progress.clone()),
        "proposed_grade" | "proposed_explanation" => (
            "Assessment of Progress",
            block
                .grade_text
                .clone()
                .or_else(|| block.explanation.clone())
                .unwrap_or_default(),
        ),
        "impact" => (
            "Evidence of Impact",
            match &block.impact {
                Impact::Evidence(text) => text.clone(),
                _ => String::new(),
            },
        ),
        "key_figures" => (
            "Key figures",
            block
                .key_figures
                .iter()
                .map(|f| format!("{} {}", f.label, f.value))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => ("Recommendation", block.number.as_str().to_owned()),
    }
}

/// Matches each block of the update to the round's entry for its recommendation (the whole
/// recommendation, not a part); rejects blocks with no such entry, an entry that may no longer
/// be changed, or content the entry's update would refuse (a grade not on the council's scale,
/// a text or key figure over its limit).
async fn match_update(
    ctx: &mut Ctx<'_>,
    round: &progress_q::Round,
    scale: &GradeScale,
    parsed: &mut Parsed<ProgressUpdateImport>,
) -> Result<Vec<(UpdateEntry, String)>, AppError> {
    let principal: Principal = ctx.principal.clone();
    let recs = q::recommendations_of_review(ctx.db(), round.review_id).await?;
    let entries = progress_q::entries_of_round(ctx.db(), round.id).await?;
    let report = &mut parsed.report;
    let mut out = Vec::new();
    for block in &parsed.value.recommendations {
        let Some(rec) = recs
            .iter()
            .find(|r| r.number.eq_ignore_ascii_case(block.number.as_str()))
        else {
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!("the review has no recommendation {}", block.number),
            );
            continue;
        };
        let Some(entry) = entries
            .iter()
            .find(|e| e.recommendation_id == rec.id && e.part_id.is_none())
        else {
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!(
                    "the round has no entry for recommendation {} as a whole",
                    block.number
                ),
            );
            continue;
        };
        if let Err(e) = check_entry_edit(&principal, entry) {
            let why = match e {
                AppError::Conflict { detail, .. } => detail,
                other => other.to_string(),
            };
            report.reject(
                Some(block.row),
                Some("Recommendation"),
                block.number.as_str(),
                format!(
                    "recommendation {}'s entry is not changed: {why}",
                    block.number
                ),
            );
            continue;
        }
        if let Some(code) = &block.grade {
            if scale.level(code).is_none() {
                report.reject(
                    Some(block.row),
                    Some("Assessment of Progress"),
                    block.grade_text.as_deref().unwrap_or(code),
                    format!(
                        "grade {code} is not on the council's scale ({}): {}",
                        scale.name(),
                        scale.expected_forms()
                    ),
                );
                continue;
            }
        }
        // What the entry's update would refuse.
        let cmd = update_entry(entry, block);
        let mut errors = ValidationErrors::new();
        entries::check_content(&mut errors, scale, entry.id, &cmd);
        if !errors.is_empty() {
            let (field, _) = first_error(&errors).unwrap_or_default();
            let (column, value) = column_of(&field, block);
            report.reject(
                Some(block.row),
                Some(column),
                &value,
                format!(
                    "recommendation {}'s entry is not changed: {}",
                    block.number,
                    reasons(&errors)
                ),
            );
            continue;
        }
        out.push((cmd, block.number.as_str().to_owned()));
    }
    report.sort_by_row();
    Ok(out)
}

/// Imports a progress update into an open round. A dry run reports what a commit would do and
/// refuse; a commit fills the entries through the entry's own update (each audited as
/// `progress_entry.updated`) in one transaction, unless a block is rejected and `skip_invalid`
/// is not set ([`ImportAnswer::Rejected`], nothing changed). The same file committed again
/// changes nothing.
pub async fn import_progress_update(
    ctx: &mut Ctx<'_>,
    cmd: ImportProgressUpdate,
) -> Result<ImportAnswer, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let ImportProgressUpdate {
        round_id,
        dry_run,
        skip_invalid,
        file,
        mut parsed,
    } = cmd;
    ctx.tx(async |ctx| {
        let round = round_for_import(ctx, round_id).await?;
        if !dry_run {
            if let Some(done) =
                q::find_committed(ctx.db(), round.review_id, KIND_UPDATE, &file.sha256).await?
            {
                return outcome(done, true, dry_run, &parsed.value, &parsed.report);
            }
        }
        let scale = scale_of(ctx.db(), round.council_id).await?;
        let ready = match_update(ctx, &round, &scale, &mut parsed).await?;
        if !dry_run && parsed.report.has_rejections() && !skip_invalid {
            return Ok(ImportAnswer::Rejected(parsed.report.clone()));
        }
        let target = Target {
            council_id: round.council_id,
            review_id: Some(round.review_id),
            round_id: Some(round.id),
            kind: KIND_UPDATE,
            profile_id: None,
        };
        let (row, already) = record(
            ctx,
            target,
            &file,
            dry_run,
            skip_invalid,
            &parsed.report,
            async |ctx| {
                let mut filled = Vec::new();
                for (cmd, number) in ready {
                    let entry = entries::update(ctx, cmd).await?;
                    filled
                        .push(serde_json::json!({"entry_id": entry.id, "recommendation": number}));
                }
                Ok(serde_json::json!({ "entries_filled": filled }))
            },
        )
        .await?;
        outcome(row, already, dry_run, &parsed.value, &parsed.report)
    })
    .await
}
