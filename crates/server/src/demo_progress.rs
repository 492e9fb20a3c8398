//! The demo's progress monitoring, loaded through the API's own workflow (so that it is what a
//! council would have after running the round): the officer opens the November 2022 round, the
//! police contributor drafts its three entries and the officer the council's own, each is
//! submitted, validated and accepted by the committee; recommendation 2 (3, Slipped) stays
//! outstanding and the next round is opened for it. Entries whose paper left the evidence of impact
//! blank are submitted by the officer "from the document" (DOMAIN.md rule 3).
use crate::accounts::{DEMO_PASSWORD, DEMO_POLICE};
use crate::demo::DemoReview;
use chrono::NaiveDate;
use reqwest::{Client, Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

pub const OFFICER: &str = "officer@stockton.example";
pub const CONTRIBUTOR: &str = "contributor@cleveland-police.example";

#[derive(Debug, Deserialize)]
pub struct ProgressData {
    pub rounds: Vec<RoundData>,
    pub next_round: NextRound,
}

#[derive(Debug, Deserialize)]
pub struct RoundData {
    pub label: String,
    pub deadline: NaiveDate,
    pub meeting_date: NaiveDate,
    pub minute_reference: Option<String>,
    pub entries: Vec<EntryData>,
}

#[derive(Debug, Deserialize)]
pub struct NextRound {
    pub deadline: NaiveDate,
    pub meeting_date: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct EntryData {
    pub recommendation: String,
    pub progress: String,
    /// As the paper writes it: "3 (Slipped) Although some progress…".
    pub grade: String,
    /// Blank where the paper left it blank.
    pub impact: String,
    pub key_figures: Vec<Value>,
}

struct Api {
    client: Client,
    base: String,
}

impl Api {
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        if_match: Option<&str>,
        body: Option<&Value>,
    ) -> Result<(StatusCode, Option<String>, Value), String> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status();
        let tag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let text = response.text().await.map_err(|e| e.to_string())?;
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| format!("{method} {path}: {e}: {text}"))?
        };
        if !status.is_success() {
            return Err(format!("{method} {path}: {status}: {value}"));
        }
        Ok((status, tag, value))
    }

    async fn get(&self, path: &str, token: &str) -> Result<(Option<String>, Value), String> {
        let (_, tag, value) = self
            .call(Method::GET, path, Some(token), None, None)
            .await?;
        Ok((tag, value))
    }

    async fn post(&self, path: &str, token: &str, body: &Value) -> Result<Value, String> {
        Ok(self
            .call(Method::POST, path, Some(token), None, Some(body))
            .await?
            .2)
    }

    async fn token(&self, email: &str) -> Result<String, String> {
        let body = json!({"grant_type": "password", "email": email, "password": DEMO_PASSWORD});
        let (_, _, value) = self
            .call(Method::POST, "/api/v1/auth/token", None, None, Some(&body))
            .await?;
        value["access_token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "no access token".to_owned())
    }
}

/// Loads the demo's progress through the API at `base` ("http://127.0.0.1:8080"); does nothing
/// when the review has progress rounds already. Answers whether anything was loaded.
pub async fn load_progress(base: &str, data: &DemoReview) -> Result<bool, String> {
    let api = Api {
        client: Client::new(),
        base: base.trim_end_matches('/').to_owned(),
    };
    let officer = api.token(OFFICER).await?;
    let police = api.token(CONTRIBUTOR).await?;
    let review_id = find_review(&api, &officer, &data.review.title).await?;
    let rounds_path = format!("/api/v1/reviews/{review_id}/progress-rounds");
    let (_, existing) = api.get(&rounds_path, &officer).await?;
    if existing.as_array().is_some_and(|a| !a.is_empty()) {
        return Ok(false);
    }
    let progress = &data.progress;
    for round in &progress.rounds {
        let opened = api
            .post(
                &rounds_path,
                &officer,
                &json!({"label": round.label, "deadline": round.deadline, "meeting_date": round.meeting_date}),
            )
            .await?;
        let round_id = opened["id"].as_str().ok_or("no round id")?.to_owned();
        let (_, entries) = api
            .get(
                &format!("/api/v1/progress-rounds/{round_id}/entries"),
                &officer,
            )
            .await?;
        let entries = entries.as_array().cloned().unwrap_or_default();
        for item in &round.entries {
            let entry = entries
                .iter()
                .find(|e| e["recommendation"]["number"] == item.recommendation.as_str())
                .ok_or_else(|| format!("no entry for recommendation {}", item.recommendation))?;
            let path = format!(
                "/api/v1/progress-entries/{}",
                entry["id"].as_str().unwrap_or("")
            );
            let partner = entry["organisation"]["name"] == DEMO_POLICE;
            let writer = if partner { &police } else { &officer };
            let impact = if item.impact.trim().is_empty() {
                json!({"kind": "not_recorded"})
            } else {
                json!({"kind": "evidence", "text": item.impact})
            };
            let (tag, _) = api.get(&path, writer).await?;
            let (_, _, drafted) = api
                .call(
                    Method::PATCH,
                    &path,
                    Some(writer),
                    tag.as_deref(),
                    Some(
                        &json!({"progress": item.progress, "proposed_grade": item.grade,
                                 "impact": impact, "key_figures": item.key_figures}),
                    ),
                )
                .await?;
            let from_document = item.impact.trim().is_empty();
            let submitter = if from_document { &officer } else { writer };
            api.post(
                &format!("{path}/submit"),
                submitter,
                &json!({"from_document": from_document}),
            )
            .await?;
            let grade = drafted["grades"]["proposed"]["code"].clone();
            api.post(
                &format!("{path}/validate"),
                &officer,
                &json!({"grade": grade}),
            )
            .await?;
        }
        for entry in &entries {
            let path = format!(
                "/api/v1/progress-entries/{}",
                entry["id"].as_str().unwrap_or("")
            );
            api.post(
                &format!("{path}/accept"),
                &officer,
                &json!({"meeting_date": round.meeting_date, "minute_reference": round.minute_reference}),
            )
            .await?;
        }
    }
    api.post(
        &rounds_path,
        &officer,
        &json!({"deadline": progress.next_round.deadline, "meeting_date": progress.next_round.meeting_date}),
    )
    .await?;
    Ok(true)
}

async fn find_review(api: &Api, token: &str, title: &str) -> Result<String, String> {
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/reviews?limit=200&cursor={c}"),
            None => "/api/v1/reviews?limit=200".to_owned(),
        };
        let (_, page) = api.get(&path, token).await?;
        if let Some(found) = page["items"]
            .as_array()
            .and_then(|items| items.iter().find(|r| r["title"] == title))
        {
            return Ok(found["id"].as_str().unwrap_or_default().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return Err(format!("the demo review \"{title}\" is not loaded")),
        }
    }
}
