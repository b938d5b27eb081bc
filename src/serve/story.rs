//! `/story/{id}`: a developing story's timeline, the page `herald story ID` prints; and the
//! edition pages' "Developing" marks made links to it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{Shared, escape, html, page, store_error};
use crate::model::Briefing;

/// A story id as herald writes them: "s" and ten hex digits.
fn is_story_id(s: &str) -> bool {
    s.len() == 11 && s.starts_with('s') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// An article link fit for an `href`: http(s) only.
fn web_link(link: &Option<String>) -> Option<&str> {
    link.as_deref()
        .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
}

pub(super) async fn story(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let l = shared.words;
    let not_found = || {
        html(
            StatusCode::NOT_FOUND,
            page(
                l,
                l.t("serve.not_found"),
                &format!("<p>{}</p>", escape(l.t("serve.no_story"))),
            ),
        )
    };
    if !is_story_id(&id) {
        return not_found();
    }
    let wanted = id.clone();
    let found = shared
        .with_store(move |s| Ok((s.story(&wanted)?, s.story_entries(&wanted)?)))
        .await;
    let (info, entries) = match found {
        Ok((Some(info), entries)) => (info, entries),
        Ok((None, _)) => return not_found(),
        Err(e) => return store_error(l, e),
    };
    let mut body = format!(
        "<p>{}</p>\n<ol class=\"timeline\">\n",
        escape(&l.f("story.since", &[("when", &info.first_day)]))
    );
    for e in &entries {
        let title = match web_link(&e.link) {
            Some(link) => format!(
                "<a href=\"{}\" rel=\"noreferrer noopener\">{}</a>",
                escape(link),
                escape(&e.title)
            ),
            None => escape(&e.title),
        };
        let again = if e.again {
            format!(" <em>{}</em>", escape(l.t("story.again")))
        } else {
            String::new()
        };
        body.push_str(&format!(
            "<li><a href=\"/{day}#{id}\"><time datetime=\"{day}\">{day}</time></a> · {title} · {}{again}",
            escape(&e.source),
            day = escape(&e.day),
        ));
        if let Some(summary) = e.summary.as_deref().filter(|_| !e.again) {
            body.push_str(&format!("<p>{}</p>", escape(summary)));
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ol>\n");
    html(StatusCode::OK, page(l, &info.title, &body))
}

/// The edition page with each "Developing" mark a link to its story's timeline.
pub(super) fn link_marks(page: String, b: &Briefing) -> String {
    let mut page = page;
    let developing = b
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .filter(|e| e.story.is_developing())
        .filter_map(|e| e.story.story.as_deref())
        .filter(|id| is_story_id(id));
    for id in developing {
        let Some(start) = page.find(&format!("<li id=\"{id}\">")) else {
            continue;
        };
        let end = page[start..]
            .find("</li>")
            .map_or(page.len(), |i| start + i);
        let open = "<span class=\"mark\">";
        let Some(at) = page[start..end].find(open).map(|i| start + i) else {
            continue;
        };
        let Some(close) = page[at..end].find("</span>").map(|i| at + i) else {
            continue;
        };
        let text = page[at + open.len()..close].to_string();
        page.replace_range(
            at..close + "</span>".len(),
            &format!("<a class=\"mark\" href=\"/story/{id}\">{text}</a>"),
        );
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_herald_story_ids_are_looked_up() {
        assert!(is_story_id("s3f9a2c1b07"));
        for bad in [
            "s3f9a2c1b0",
            "x3f9a2c1b07",
            "s3f9a2c1b0z",
            "s../../etc/",
            "",
        ] {
            assert!(!is_story_id(bad), "{bad}");
        }
        assert_eq!(web_link(&Some("javascript:alert(1)".into())), None);
    }
}
