//! Which methods each documented path answers, read from the OpenAPI document, so that a request
//! whose path exists with another method gets 405 with `Allow` (RFC 9110 15.5.6) instead of 404.
use utoipa::openapi::OpenApi;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `{id}`: any one segment.
    Param,
    /// `{token}.ics`: any one segment ending so.
    ParamWithSuffix(String),
}

/// The documented paths with their methods.
#[derive(Debug, Clone, Default)]
pub struct Routes {
    entries: Vec<(Vec<Segment>, Vec<&'static str>)>,
}

fn segments(template: &str) -> Vec<Segment> {
    template
        .trim_matches('/')
        .split('/')
        .map(|s| match (s.starts_with('{'), s.rfind('}')) {
            (true, Some(end)) if end + 1 == s.len() => Segment::Param,
            (true, Some(end)) => Segment::ParamWithSuffix(s[end + 1..].to_owned()),
            _ => Segment::Literal(s.to_owned()),
        })
        .collect()
}

fn matches(template: &[Segment], path: &[&str]) -> bool {
    template.len() == path.len()
        && template.iter().zip(path).all(|(t, p)| match t {
            Segment::Literal(l) => l == p,
            Segment::Param => !p.is_empty(),
            Segment::ParamWithSuffix(suffix) => p.len() > suffix.len() && p.ends_with(suffix),
        })
}

impl Routes {
    pub fn from_document(doc: &OpenApi) -> Self {
        let entries = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let item = serde_json::to_value(item).unwrap_or_default();
                let mut methods: Vec<&'static str> = [
                    "get", "put", "post", "delete", "options", "head", "patch", "trace",
                ]
                .into_iter()
                .filter(|m| item.get(*m).is_some())
                .map(|m| match m {
                    "get" => "GET",
                    "put" => "PUT",
                    "post" => "POST",
                    "delete" => "DELETE",
                    "options" => "OPTIONS",
                    "head" => "HEAD",
                    "patch" => "PATCH",
                    _ => "TRACE",
                })
                .collect();
                methods.dedup();
                (segments(template), methods)
            })
            .collect();
        Self { entries }
    }

    /// The methods `path` answers (empty: no such path), in a stable order, for `Allow`.
    pub fn allowed(&self, path: &str) -> Vec<&'static str> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut out: Vec<&'static str> = Vec::new();
        // A literal template wins over a parameter one (`/users/me` vs `/users/{id}`): collect the
        // methods of every template that matches, as the router would try each.
        for (template, methods) in &self.entries {
            if matches(template, &parts) {
                for m in methods {
                    if !out.contains(m) {
                        out.push(m);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_their_templates() {
        let doc = crate::openapi_document();
        let routes = Routes::from_document(&doc);
        assert_eq!(routes.allowed("/health/live"), ["GET"]);
        let id = "0190a5b2-0000-7000-8000-000000000000";
        let review = routes.allowed(&format!("/api/v1/reviews/{id}"));
        assert!(
            review.contains(&"GET") && review.contains(&"PATCH"),
            "{review:?}"
        );
        assert!(!review.contains(&"TRACE"));
        assert!(routes
            .allowed("/api/v1/calendar-feeds/cal_abc.ics")
            .contains(&"GET"));
        assert!(routes.allowed("/api/v1/nothing-here").is_empty());
        assert!(routes
            .allowed(&format!("/api/v1/reviews/{id}/nothing"))
            .is_empty());
    }
}
