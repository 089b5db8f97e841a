//! Which mapping template applies.
//!
//! Request side: by the request's Content-Type media type (parameters such
//! as charset ignored; absent means application/json), then the
//! passthrough behavior decides what happens when none matches
//! (integration-passthrough-behaviors.md; request-response-data-mappings.md).
//!
//! Response side: by the request's Accept header (its first media type;
//! absent means application/json); no match: the first template; no
//! templates: the payload passes through (request-response-data-mappings.md).

use indexmap::IndexMap;

use crate::integration::PassthroughBehavior;
use crate::request::media_type;

#[derive(Debug, PartialEq)]
pub enum RequestChoice<'a> {
    Template {
        content_type: &'a str,
        source: &'a str,
        why: String,
    },
    Passthrough {
        why: String,
    },
    /// 415 Unsupported Media Type.
    Reject {
        why: String,
    },
}

fn find<'a>(templates: &'a IndexMap<String, String>, ct: &str) -> Option<(&'a str, &'a str)> {
    templates
        .iter()
        .find(|(k, _)| media_type(k) == ct)
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

pub fn choose_request<'a>(
    templates: &'a IndexMap<String, String>,
    content_type: Option<&str>,
    behavior: PassthroughBehavior,
) -> RequestChoice<'a> {
    let (ct, defaulted) = match content_type {
        Some(c) if !c.is_empty() => (media_type(c), false),
        _ => ("application/json".to_string(), true),
    };
    let shown = if defaulted {
        "no Content-Type (defaults to application/json)".to_string()
    } else {
        format!("Content-Type {ct}")
    };
    if let Some((k, src)) = find(templates, &ct) {
        return RequestChoice::Template {
            content_type: k,
            source: src,
            why: format!("{shown} matches the template for {k}"),
        };
    }
    // "$default" as a catch-all key: peer evidence only
    // (peer-ls-request-template-selection-default-key*); AWS documents it
    // for WebSocket APIs.
    if let Some(src) = templates.get("$default") {
        return RequestChoice::Template {
            content_type: "$default",
            source: src,
            why: format!("{shown} matches no template; the $default template applies"),
        };
    }
    let listed: Vec<&str> = templates.keys().map(String::as_str).collect();
    match behavior {
        PassthroughBehavior::WhenNoMatch => RequestChoice::Passthrough {
            why: if templates.is_empty() {
                "no request templates; WHEN_NO_MATCH passes the body through".to_string()
            } else {
                format!("{shown} matches none of {listed:?}; WHEN_NO_MATCH passes the body through unchanged")
            },
        },
        PassthroughBehavior::WhenNoTemplates if templates.is_empty() => RequestChoice::Passthrough {
            why: "no request templates; WHEN_NO_TEMPLATES passes the body through".into(),
        },
        PassthroughBehavior::WhenNoTemplates => RequestChoice::Reject {
            why: format!("{shown} matches none of {listed:?}; WHEN_NO_TEMPLATES rejects unmapped content types when templates exist (415)"),
        },
        PassthroughBehavior::Never => RequestChoice::Reject {
            why: if templates.is_empty() {
                "no request templates; NEVER rejects every request (415)".into()
            } else {
                format!("{shown} matches none of {listed:?}; NEVER rejects unmapped content types (415)")
            },
        },
    }
}

#[derive(Debug, PartialEq)]
pub struct ResponseChoice<'a> {
    pub content_type: &'a str,
    pub source: &'a str,
    pub why: String,
}

pub fn choose_response<'a>(
    templates: &'a IndexMap<String, String>,
    accept: Option<&str>,
) -> Option<ResponseChoice<'a>> {
    let first = templates.iter().next()?;
    // "honors only the first Accept media type" (payload-encodings workflow).
    let wanted = accept
        .and_then(|a| a.split(',').next())
        .map(media_type)
        .filter(|m| !m.is_empty());
    let (ct, shown) = match &wanted {
        Some(m) => (m.clone(), format!("Accept {m}")),
        None => (
            "application/json".to_string(),
            "no Accept header (defaults to application/json)".to_string(),
        ),
    };
    if let Some((k, src)) = find(templates, &ct) {
        return Some(ResponseChoice {
            content_type: k,
            source: src,
            why: format!("{shown} matches the template for {k}"),
        });
    }
    Some(ResponseChoice {
        content_type: first.0,
        source: first.1,
        why: format!(
            "{shown} matches no template; the first template ({}) applies",
            first.0
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pairs: &[(&str, &str)]) -> IndexMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn passthrough_table() {
        // integration-passthrough-behaviors.md, example 1 and 2.
        use PassthroughBehavior::*;
        let json_t = m(&[("application/json", "T")]);
        let xml_t = m(&[("application/xml", "T")]);
        for b in [WhenNoMatch, WhenNoTemplates, Never] {
            assert!(matches!(
                choose_request(&json_t, None, b),
                RequestChoice::Template { .. }
            ));
            assert!(matches!(
                choose_request(&json_t, Some("application/json; charset=UTF-8"), b),
                RequestChoice::Template { .. }
            ));
            assert!(matches!(
                choose_request(&xml_t, Some("application/xml"), b),
                RequestChoice::Template { .. }
            ));
        }
        assert!(matches!(
            choose_request(&json_t, Some("application/xml"), WhenNoMatch),
            RequestChoice::Passthrough { .. }
        ));
        assert!(matches!(
            choose_request(&json_t, Some("application/xml"), WhenNoTemplates),
            RequestChoice::Reject { .. }
        ));
        assert!(matches!(
            choose_request(&json_t, Some("application/xml"), Never),
            RequestChoice::Reject { .. }
        ));
        assert!(matches!(
            choose_request(&xml_t, None, WhenNoMatch),
            RequestChoice::Passthrough { .. }
        ));
        assert!(matches!(
            choose_request(&xml_t, None, WhenNoTemplates),
            RequestChoice::Reject { .. }
        ));
        assert!(matches!(
            choose_request(&xml_t, Some("application/json"), Never),
            RequestChoice::Reject { .. }
        ));
        let none = m(&[]);
        assert!(matches!(
            choose_request(&none, None, WhenNoTemplates),
            RequestChoice::Passthrough { .. }
        ));
        assert!(matches!(
            choose_request(&none, None, Never),
            RequestChoice::Reject { .. }
        ));
    }

    #[test]
    fn default_key_is_a_fallback() {
        let t = m(&[("$default", "D"), ("application/json", "J")]);
        assert!(matches!(
            choose_request(&t, None, PassthroughBehavior::WhenNoMatch),
            RequestChoice::Template { source: "J", .. }
        ));
        assert!(matches!(
            choose_request(&t, Some("text/plain"), PassthroughBehavior::Never),
            RequestChoice::Template { source: "D", .. }
        ));
    }

    #[test]
    fn response_choice() {
        let t = m(&[("application/xml", "xml"), ("application/json", "json")]);
        assert_eq!(choose_response(&t, None).unwrap().source, "json");
        assert_eq!(
            choose_response(&t, Some("application/xml, text/html"))
                .unwrap()
                .source,
            "xml"
        );
        assert_eq!(
            choose_response(&t, Some("text/html")).unwrap().source,
            "xml"
        );
        assert_eq!(
            choose_response(&m(&[("application/xml", "xml")]), None)
                .unwrap()
                .source,
            "xml"
        );
        assert!(choose_response(&m(&[]), None).is_none());
    }
}
