//! The evidence of progress is Markdown written by partners and shown to everyone as HTML: over
//! arbitrary text, and text made of the constructs an attacker would try (raw HTML, event
//! handlers, `javascript:` and `data:` links and images), the rendering never panics and holds
//! only an allow-list of tags, links to http(s) or mailto only, and no image source.
//! `FUZZ_CASES` raises the count for a long run.
use proptest::prelude::*;
use scrutiny_app::views::progress::render_markdown;

const TAGS: &[&str] = &[
    "p",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
];

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

/// Every tag of `html` (text is escaped, so each `<` opens one) with its attributes.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or_default().to_owned())
        .collect()
}

fn check(html: &str) -> Result<(), TestCaseError> {
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        prop_assert!(TAGS.contains(&name.as_str()), "tag <{tag}> in {html}");
        let lower = tag.to_ascii_lowercase();
        prop_assert!(!lower.contains(" on"), "event handler in <{tag}>");
        prop_assert!(!lower.contains(" style="), "style in <{tag}>");
        if let Some((_, href)) = lower.split_once("href=\"") {
            let target = href.split('"').next().unwrap_or_default();
            prop_assert!(
                target.is_empty()
                    || target.starts_with("http://")
                    || target.starts_with("https://")
                    || target.starts_with("mailto:"),
                "link to {target}"
            );
        }
        if let Some((_, src)) = lower.split_once("src=\"") {
            prop_assert!(src.starts_with('"'), "image source in <{tag}>");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_text_renders_to_allowed_html(text in "(\\PC|\n|\t){0,1000}") {
        check(&render_markdown(&text))?;
    }

    #[test]
    fn hostile_markdown_renders_to_allowed_html(text in concat!(
        "(",
        "\\[[a-z ]{0,6}\\]\\(( |\\x01)?(javascript|JavaScript|data|vbscript|https|mailto|)",
        ":[a-z()/.%0-9]{0,12}( \"[a-z]{0,4}\")?\\)",
        "|!\\[[a-z]{0,4}\\]\\((javascript|data|https):[a-z/]{0,8}\\)",
        "|<(script|img|iframe|a|svg|style|p|div)( (onerror|onclick|href|src|style)=\"?[a-z:()]{0,10}\"?)?/?>",
        "|</(script|a|div)>|\\[[a-z]{1,4}\\]: (javascript|https):[a-z]{0,6}\n|&[a-z#0-9]{0,6};",
        "|\\|[a-z ]{0,4}\\||\n|\n\n|- |> |# |```\n|`|\\*\\*|_|~~|[a-z ]{1,8}",
        "){0,60}"
    )) {
        check(&render_markdown(&text))?;
    }
}

#[test]
fn the_checker_catches_what_it_is_for() {
    assert!(check("<p>fine <a href=\"https://example.org\">x</a></p>").is_ok());
    assert!(check("<script>alert(1)</script>").is_err());
    assert!(check("<a href=\"javascript:alert(1)\">x</a>").is_err());
    assert!(check("<img src=\"data:x\" alt=\"\">").is_err());
    assert!(check("<p onclick=\"x\">").is_err());
}
