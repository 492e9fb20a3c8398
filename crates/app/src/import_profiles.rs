//! A council's column mapping profiles for imports: which column of its spreadsheets is which
//! field (reference, committee, dates, recommendation, action, lead, status, progress …), kept
//! under a name and reused by the imports ([`crate::imports`]). A tracker's profile also says how
//! the file's status words map to the council's grading scale and which committee each of its
//! committee names or acronyms is. The council's admins and officers manage their council's;
//! every write is audited as `import_profile.*`.
use crate::access;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::paging::{encode_cursor, paginate, Page, PageRequest};
use crate::precondition::Precondition;
use crate::principal::COUNCIL_STAFF;
use crate::views::progress::scale_of;
use chrono::{DateTime, Utc};
use scrutiny_db::queries::import_profiles::{self as q, Profile, ProfileValues};
use scrutiny_db::queries::imports as imports_q;
use scrutiny_domain::validation::ValidationErrors;
use scrutiny_import::mapping::{ColumnMapping, Field, ImportKind, Mapping};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

const ENTITY: &str = "import_profile";
/// The most columns, status words and committee names a profile may map.
pub const MAX_COLUMNS: usize = 200;
pub const MAX_STATUSES: usize = 100;
pub const MAX_COMMITTEES: usize = 200;
/// The longest heading, status word or committee name.
pub const VALUE_MAX: usize = 200;
pub const NAME_MAX: usize = scrutiny_domain::people::Name::MAX;

/// Which field a column of the file fills, by its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileColumn {
    /// The column's heading as the file writes it (compared without case, punctuation or spacing).
    #[schema(example = "RAG", min_length = 1, max_length = 200)]
    pub heading: String,
    /// The field: review_reference, review_title, committee, decision_date, number, part,
    /// recommendation, action, measures, lead, due_date, status, progress, updated_on,
    /// updated_by or ignore.
    #[schema(example = "status")]
    pub field: String,
}

/// A status word of the file and the grade of the council's scale it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusGrade {
    /// As the file writes it (compared without case or spacing): "Green", "Complete".
    #[schema(example = "Complete", min_length = 1, max_length = 200)]
    pub value: String,
    /// A grade code of the council's scale.
    #[schema(example = "1", min_length = 1, max_length = 20)]
    pub grade: String,
}

/// How the file names a committee (an acronym or a name), and which committee it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitteeName {
    #[schema(example = "CSC", min_length = 1, max_length = 200)]
    pub value: String,
    pub committee_id: Uuid,
}

/// A named column mapping profile.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportProfile {
    pub id: Uuid,
    pub council_id: Uuid,
    /// `action_plan` (one review's plan) or `tracker` (one row per recommendation across reviews).
    #[schema(example = "tracker")]
    pub kind: String,
    #[schema(example = "Corporate tracker")]
    pub name: String,
    pub columns: Vec<ProfileColumn>,
    /// The row of the headings (from 1); absent: the first of the first 50 rows naming the most
    /// mapped headings.
    pub header_row: Option<u32>,
    pub statuses: Vec<StatusGrade>,
    pub committees: Vec<CommitteeName>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Default, Deserialize)]
struct StoredMapping {
    #[serde(default)]
    columns: Vec<ProfileColumn>,
    #[serde(default)]
    header_row: Option<u32>,
}

fn dto(p: &Profile) -> ImportProfile {
    let mapping: StoredMapping = serde_json::from_value(p.mapping.clone()).unwrap_or_default();
    ImportProfile {
        id: p.id,
        council_id: p.council_id,
        kind: p.kind.clone(),
        name: p.name.clone(),
        columns: mapping.columns,
        header_row: mapping.header_row,
        statuses: serde_json::from_value(p.statuses.clone()).unwrap_or_default(),
        committees: serde_json::from_value(p.committees.clone()).unwrap_or_default(),
        created_by: p.created_by.clone(),
        created_at: p.created_at,
        updated_at: p.updated_at,
        version: p.version,
    }
}

impl ImportProfile {
    /// The mapping the import crate reads files with.
    pub fn mapping(&self) -> Mapping {
        Mapping {
            columns: self
                .columns
                .iter()
                .filter_map(|c| {
                    Field::parse(&c.field).map(|field| ColumnMapping {
                        heading: c.heading.clone(),
                        field,
                    })
                })
                .collect(),
            header_row: self.header_row,
        }
    }

    pub fn import_kind(&self) -> ImportKind {
        if self.kind == "tracker" {
            ImportKind::Tracker
        } else {
            ImportKind::ActionPlan
        }
    }
}

/// A new profile, or the changes to one (absent: unchanged).
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub kind: Option<String>,
    pub name: Option<String>,
    pub columns: Option<Vec<ProfileColumn>>,
    pub header_row: Option<Option<u32>>,
    pub statuses: Option<Vec<StatusGrade>>,
    pub committees: Option<Vec<CommitteeName>>,
}

/// Letters and digits only, lower case.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn text_value(errors: &mut ValidationErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "must not be blank");
    } else if v.chars().count() > max {
        errors.add(field, format!("must be at most {max} characters"));
    } else if v.chars().any(|c| c.is_control()) {
        errors.add(field, "must not hold control characters");
    }
    v.to_owned()
}

/// Checks a profile's values against its kind, the council's grading scale and its committees.
async fn check(
    ctx: &mut Ctx<'_>,
    council_id: Uuid,
    kind: &str,
    profile: &mut ImportProfile,
    errors: &mut ValidationErrors,
) -> Result<(), AppError> {
    profile.name = text_value(errors, "name", &profile.name, NAME_MAX);
    if profile.columns.len() > MAX_COLUMNS {
        errors.add(
            "columns",
            format!("must have at most {MAX_COLUMNS} columns"),
        );
    }
    let mut fields = Vec::new();
    let mut headings = Vec::new();
    for (i, c) in profile.columns.iter_mut().enumerate() {
        let at = format!("columns[{i}]");
        c.heading = text_value(errors, &format!("{at}.heading"), &c.heading, VALUE_MAX);
        if !c.heading.is_empty() && headings.contains(&key(&c.heading)) {
            errors.add(format!("{at}.heading"), "is mapped twice");
        }
        headings.push(key(&c.heading));
        match Field::parse(&c.field) {
            None => errors.add(
                format!("{at}.field"),
                format!(
                    "must be one of {}",
                    Field::ALL
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Some(Field::Ignore) => {}
            Some(f) if kind == "action_plan" && f.plan_column().is_none() => errors.add(
                format!("{at}.field"),
                format!("{} is a tracker's field, not an action plan's", f.as_str()),
            ),
            Some(f) if fields.contains(&f) => errors.add(
                format!("{at}.field"),
                format!("{} is mapped twice", f.as_str()),
            ),
            Some(f) => fields.push(f),
        }
    }
    let required: &[Field] = if kind == "tracker" {
        &[Field::ReviewReference, Field::Recommendation]
    } else {
        &[Field::Number, Field::Recommendation, Field::Action]
    };
    for f in required {
        if !fields.contains(f) {
            errors.add("columns", format!("must map a column to {}", f.as_str()));
        }
    }
    if let Some(row) = profile.header_row {
        if !(1..=100_000).contains(&row) {
            errors.add("header_row", "must be between 1 and 100000");
        }
    }
    if profile.statuses.len() > MAX_STATUSES {
        errors.add(
            "statuses",
            format!("must have at most {MAX_STATUSES} entries"),
        );
    }
    if profile.committees.len() > MAX_COMMITTEES {
        errors.add(
            "committees",
            format!("must have at most {MAX_COMMITTEES} entries"),
        );
    }
    if kind != "tracker" && !(profile.statuses.is_empty() && profile.committees.is_empty()) {
        errors.add("statuses", "are for tracker profiles only");
    }
    if !profile.statuses.is_empty() {
        let scale = scale_of(ctx.db(), council_id).await?;
        let mut seen = Vec::new();
        for (i, s) in profile.statuses.iter_mut().enumerate() {
            s.value = text_value(errors, &format!("statuses[{i}].value"), &s.value, VALUE_MAX);
            if seen.contains(&key(&s.value)) {
                errors.add(format!("statuses[{i}].value"), "is mapped twice");
            }
            seen.push(key(&s.value));
            let code = scrutiny_domain::progress::GradeCode::parse(&s.grade)
                .ok()
                .filter(|_| s.grade.trim() == s.grade);
            if let Some(code) = &code {
                s.grade = code.as_str().to_owned();
            }
            if code.is_none() || scale.level(&s.grade).is_none() {
                errors.add(
                    format!("statuses[{i}].grade"),
                    format!(
                        "is not a grade of the council's scale ({})",
                        scale.expected_forms()
                    ),
                );
            }
        }
    }
    if !profile.committees.is_empty() {
        let known = imports_q::committee_names(ctx.db(), council_id).await?;
        let mut seen = Vec::new();
        for (i, c) in profile.committees.iter_mut().enumerate() {
            c.value = text_value(
                errors,
                &format!("committees[{i}].value"),
                &c.value,
                VALUE_MAX,
            );
            if seen.contains(&key(&c.value)) {
                errors.add(format!("committees[{i}].value"), "is mapped twice");
            }
            seen.push(key(&c.value));
            if !known.iter().any(|(id, _)| *id == c.committee_id) {
                errors.add(
                    format!("committees[{i}].committee_id"),
                    "is not a committee of the council",
                );
            }
        }
    }
    Ok(())
}

fn values_of(p: &ImportProfile) -> Result<ProfileValues, AppError> {
    Ok(ProfileValues {
        name: p.name.clone(),
        mapping: serde_json::json!({ "columns": p.columns, "header_row": p.header_row }),
        statuses: serde_json::to_value(&p.statuses).map_err(AppError::internal)?,
        committees: serde_json::to_value(&p.committees).map_err(AppError::internal)?,
    })
}

fn apply(p: &mut ImportProfile, input: ProfileInput) {
    if let Some(v) = input.name {
        p.name = v;
    }
    if let Some(v) = input.columns {
        p.columns = v;
    }
    if let Some(v) = input.header_row {
        p.header_row = v;
    }
    if let Some(v) = input.statuses {
        p.statuses = v;
    }
    if let Some(v) = input.committees {
        p.committees = v;
    }
}

fn taken() -> AppError {
    AppError::invalid(
        "name",
        "is already the name of another of the council's profiles of this kind",
    )
}

/// The council's profiles (an operator: every council's), of one kind or all, oldest first.
pub async fn list(
    ctx: &mut Ctx<'_>,
    kind: Option<ImportKind>,
    page: PageRequest,
) -> Result<Page<ImportProfile>, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let council = if ctx.principal.is_operator() {
        None
    } else {
        Some(access::writing_council(&ctx.principal)?)
    };
    let after = page.decode::<(DateTime<Utc>, Uuid)>()?;
    let kind = kind.map(|k| match k {
        ImportKind::Tracker => "tracker",
        ImportKind::ActionPlan => "action_plan",
    });
    let rows = q::list(ctx.db(), council, kind, after, i64::from(page.limit)).await?;
    let (rows, next_cursor) = paginate(rows, page.limit, |p| encode_cursor(&(p.created_at, p.id)));
    Ok(Page {
        items: rows.iter().map(dto).collect(),
        next_cursor,
    })
}

/// A profile the principal may use: 404 when not theirs to see.
pub async fn get(ctx: &mut Ctx<'_>, id: Uuid) -> Result<ImportProfile, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    let p = q::find(ctx.db(), id).await?.ok_or(AppError::NotFound)?;
    access::check_write(&ctx.principal, p.council_id)?;
    Ok(dto(&p))
}

/// Saves a new profile in the principal's council. Audited as `import_profile.created`.
pub async fn create(ctx: &mut Ctx<'_>, input: ProfileInput) -> Result<ImportProfile, AppError> {
    let council_id = access::writing_council(&ctx.principal)?;
    let mut errors = ValidationErrors::new();
    let kind = match input.kind.as_deref() {
        Some(k @ ("tracker" | "action_plan")) => k.to_owned(),
        Some(_) => {
            errors.add("kind", "must be action_plan or tracker");
            String::new()
        }
        None => {
            errors.add("kind", "is required");
            String::new()
        }
    };
    if input.name.is_none() {
        errors.add("name", "is required");
    }
    if input.columns.is_none() {
        errors.add("columns", "is required");
    }
    let now = ctx.now();
    let mut profile = ImportProfile {
        id: Uuid::now_v7(),
        council_id,
        kind: kind.clone(),
        name: String::new(),
        columns: Vec::new(),
        header_row: None,
        statuses: Vec::new(),
        committees: Vec::new(),
        created_by: ctx.principal.name.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    apply(&mut profile, input);
    ctx.tx(async |ctx| {
        check(ctx, council_id, &kind, &mut profile, &mut errors).await?;
        errors.into_result()?;
        let values = values_of(&profile)?;
        let row = Profile {
            id: profile.id,
            council_id,
            kind: kind.clone(),
            name: values.name,
            mapping: values.mapping,
            statuses: values.statuses,
            committees: values.committees,
            created_by: profile.created_by.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        if !q::insert(ctx.db(), &row).await? {
            return Err(taken());
        }
        let created = dto(&row);
        audit::created(
            &mut ctx.conn,
            &ctx.principal,
            "import_profile.created",
            ENTITY,
            row.id,
            &created,
        )
        .await?;
        Ok(created)
    })
    .await
}

/// Changes a profile. Audited as `import_profile.updated`.
pub async fn update(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
    input: ProfileInput,
) -> Result<ImportProfile, AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        precondition.check(row.version)?;
        let before = dto(&row);
        let mut profile = before.clone();
        let mut errors = ValidationErrors::new();
        if input.kind.as_deref().is_some_and(|k| k != row.kind) {
            errors.add("kind", "cannot be changed: save a new profile");
        }
        apply(&mut profile, input);
        check(ctx, row.council_id, &row.kind, &mut profile, &mut errors).await?;
        errors.into_result()?;
        let after = q::update(ctx.db(), id, &values_of(&profile)?)
            .await?
            .ok_or_else(taken)?;
        let after = dto(&after);
        audit::changed(
            &mut ctx.conn,
            &ctx.principal,
            "import_profile.updated",
            ENTITY,
            id,
            &before,
            &after,
        )
        .await?;
        Ok(after)
    })
    .await
}

/// Removes a profile (imports made with it keep their record). Audited as
/// `import_profile.deleted`.
pub async fn delete(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    precondition: Precondition,
) -> Result<(), AppError> {
    ctx.principal.require(COUNCIL_STAFF)?;
    ctx.tx(async |ctx| {
        let row = q::find_for_update(ctx.db(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        access::check_write(&ctx.principal, row.council_id)?;
        precondition.check(row.version)?;
        q::delete(ctx.db(), id).await?;
        let e = audit::event(
            &ctx.principal,
            "import_profile.deleted",
            ENTITY,
            id,
            audit::snapshot(&dto(&row)),
            None,
        );
        audit::record(&mut ctx.conn, &e).await?;
        Ok(())
    })
    .await
}
