//! Which methods each documented path answers, read from the OpenAPI document, so that a request
//! whose path exists with another method gets 405 with `Allow` (RFC 9110 15.5.6) instead of 404.
use utoipa::openapi::OpenApi;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// `{id}`, `{token}.ics`, `export.{format}`: any one segment with this prefix and suffix.
    Param {
        prefix: String,
        suffix: String,
    },
}

impl Segment {
    /// How many characters the segment fixes: the router prefers the template that fixes most.
    fn fixed(&self) -> usize {
        match self {
            Segment::Literal(l) => l.len() + 1_000,
            Segment::Param { prefix, suffix } => prefix.len() + suffix.len(),
        }
    }
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
        .map(|s| match (s.find('{'), s.rfind('}')) {
            (Some(start), Some(end)) if start < end => Segment::Param {
                prefix: s[..start].to_owned(),
                suffix: s[end + 1..].to_owned(),
            },
            _ => Segment::Literal(s.to_owned()),
        })
        .collect()
}

fn matches(template: &[Segment], path: &[&str]) -> bool {
    template.len() == path.len()
        && template.iter().zip(path).all(|(t, p)| match t {
            Segment::Literal(l) => l == p,
            Segment::Param { prefix, suffix } => {
                p.len() > prefix.len() + suffix.len()
                    && p.starts_with(prefix.as_str())
                    && p.ends_with(suffix.as_str())
            }
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
        // The router takes the template that fixes most of the path (`/users/me` over
        // `/users/{id}`, `/actions/export.{format}` over `/actions/{id}`): its methods are the
        // ones allowed.
        self.entries
            .iter()
            .filter(|(template, _)| matches(template, &parts))
            .max_by_key(|(template, _)| template.iter().map(Segment::fixed).collect::<Vec<_>>())
            .map(|(_, methods)| methods.clone())
            .unwrap_or_default()
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
        assert_eq!(routes.allowed("/api/v1/actions/export.csv"), ["GET"]);
        assert!(routes.allowed("/api/v1/nothing-here").is_empty());
        assert!(routes
            .allowed(&format!("/api/v1/reviews/{id}/nothing"))
            .is_empty());
    }
}
