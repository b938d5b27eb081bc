//! Unit tests of the extractor: a whole page, charsets, and each boilerplate family.

use super::boilerplate::{clean, is_boilerplate};
use super::*;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves bridge budget | City News</title>
<meta property="article:published_time" content="2025-09-02T18:00:00Z">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav>
<article><h1>Council approves bridge budget</h1>
<p class="byline">By Jane Doe - 09/02/25 6:00 PM EDT</p>
<p>The city council voted nine to two on Tuesday to fund the new bridge over the river, ending a debate that lasted more than two years and divided the downtown wards.</p>
<p>Construction is expected to start next spring, officials said, and the bridge should open to traffic by the autumn of 2027 if the weather cooperates with the schedule.</p>
<p>Facebook Twitter WhatsApp Email</p>
<p>Opponents said the money would be better spent on repairing existing roads, and two councillors asked for an independent review of the cost estimates before any contract is signed.</p>
<p>Sign up for our morning newsletter</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Mayor opens new library</a></li><li><a href="/b">Road closures this week</a></li></ul></aside>
<footer>© 2025 City News. All rights reserved.</footer></body></html>"#;

#[test]
fn a_page_gives_its_article_and_nothing_around_it() {
    let a = extract(PAGE, Some("https://news.example/bridge")).expect("article");
    assert!(
        a.text.starts_with("The city council voted nine to two"),
        "{}",
        a.text
    );
    assert!(a.text.contains("independent review of the cost estimates"));
    for junk in [
        "Facebook",
        "newsletter",
        "Home",
        "Mayor opens",
        "rights reserved",
        "By Jane",
    ] {
        assert!(!a.text.contains(junk), "{junk} in {}", a.text);
    }
    assert_eq!(a.text.split("\n\n").count(), 3, "{}", a.text);
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert!(
        a.title
            .as_deref()
            .is_some_and(|t| t.contains("Council approves bridge budget"))
    );
    assert!(a.words > 60);
}

#[test]
fn charsets_from_header_meta_or_windows_1252() {
    let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>";
    assert!(decode(latin1, None).contains("Café crème"));
    let header = b"<html><body><p>\xc0 Moscou</p></body></html>";
    assert!(decode(header, Some("text/html; charset=windows-1251")).contains("А Moscou"));
    let none = b"<html><body><p>\x93quoted\x94</p></body></html>";
    assert!(decode(none, None).contains("“quoted”"));
}

#[test]
fn empty_and_absurd_pages_are_errors_not_panics() {
    assert_eq!(extract("  ", None), Err(ExtractError::Empty));
    let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
    assert!(matches!(
        extract(&deep, None),
        Err(ExtractError::TooComplex(_))
    ));
    // Just under the cap, on a worker's small stack: read or refused, never a crash.
    let nearly = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(MAX_DEPTH - 10),
        "word ".repeat(100),
        "</div>".repeat(MAX_DEPTH - 10)
    );
    let outcome = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || extract(&nearly, None).is_ok())
        .expect("spawn")
        .join();
    assert!(outcome.is_ok(), "no stack overflow");
}

#[test]
fn boilerplate_families() {
    for junk in [
        "Whatsapp Facebook Pint Baixar",
        "Share on Facebook Share on Twitter",
        "By Justine Coleman - 11/18/19 11:04 PM EST",
        "Updated at 1:23 p.m.",
        "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
        "© Aaron Schwartz",
        "Photo: Reuters",
        "Mensagens » Mensagens de Autoestima » Só quem se Ama…",
        "segunda-feira, 22 de janeiro de 2018 às 0:13",
        "Sign up for our daily newsletter",
        "The Hill 1625 K Street, NW Suite 900 Washington DC 20006 | 202-628-8500 tel | 202-628-8503 fax",
        "Advertisement",
        "Read more: How the budget was made",
        "Get the morning headlines delivered to your inbox every weekday.",
        "Follow her on Twitter @citydesk or email tips to the newsroom.",
        "Have a tip? Our reporter may be reached at desk@example.com.",
        "(Reporting by Ana Lima; Editing by Tom Brown)",
        "Join our community forum to keep talking about the council and more!",
        "Citation: Council approves budget (2019, November 18) retrieved 20 November 2019 from https://example.com/x",
        "Jane Roe/City Times/Getty Images",
        "Natalie Doe | Bloomberg | Getty Images",
        "Meg Doe and Errin Roe, Associated Press",
        "Greg Doe, AP Sports Writer",
        "Image 2 of 5",
        "More AP politics: https://apnews.com/politics",
        "Other reporters contributed to this report.",
        "| UPDATED: 11:05, Tue, Nov 19, 2019",
        "November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm",
        "05/10/2018 - Posted by: Ana Lima - Category: Health - Tags: city council",
        "We may earn a commission if you buy through links in this article.",
    ] {
        assert!(is_boilerplate(junk, 1), "{junk}");
    }
    for text in [
        "By the time the council voted, most residents had already left the hall.",
        "The council met on Tuesday.",
        "When you sign up for the service, it asks for your list of contacts.",
        "The image of the city on the poster was taken in 1960.",
        "On Tuesday, November 19, the council met at 4 pm and voted.",
        "Phishing mail that lands in your inbox often looks like a note from a bank.",
        "More than two million people follow him on Instagram, where he posts daily.",
        "The hotline can be reached at 1-800-555-0100 at any hour.",
        "The service offers a free trial for its subscription, the company said on Monday.",
        "Netflix lost 200,000 subscribers in the quarter.",
        "The comments drew criticism from both parties.",
        "Getty Images and Reuters both sent photographers to the hall, where the vote was counted twice.",
        "Patrick Carlineo Jr., 55, could face up to 10 years in prison and have to pay $250,000 after pleading guilty to threatening to assault and murder a U.S. official.",
    ] {
        assert!(!is_boilerplate(text, 1), "{text}");
    }
    let repeated = "A real paragraph that is long enough to be the article, with many words in it that say something.\nShare\nAnother real paragraph of the article, which also goes on for a while and says more things.\nShare\nShare";
    assert_eq!(clean(repeated).matches("Share").count(), 0);
}

#[test]
fn an_authors_note_goes_only_at_the_end() {
    let body = "The council approved the stadium budget on Monday after a debate of four hours.";
    let note = "Jane Doe is a reporter for the City Times covering local government.";
    let page = format!(
        "{note}\n{body}\n{body} Again.\n{body} Once more.\n{body} And more.\n{body} Last.\n{note}\nSam Roe (sam@example.com) is the editor of the City Times.\nAna Lima joined the City Times in March 2017."
    );
    let text = clean(&page);
    assert_eq!(text.matches("is a reporter").count(), 1, "{text}");
    assert!(text.starts_with(note), "{text}");
    assert!(
        !text.contains("is the editor") && !text.contains("joined"),
        "{text}"
    );
    // A story about a person ends with what the person is or was: that is the story.
    let page = format!(
        "{body}\n{body} Again.\nHe is the author of three books about the city.\nJones was a reporter for the City Times for 30 years."
    );
    let text = clean(&page);
    assert!(
        text.contains("He is the author") && text.contains("Jones was a reporter"),
        "{text}"
    );
}
