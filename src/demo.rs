//! The bundled demo: a config and sample feeds embedded in the binary, so `herald brief --demo`
//! works on any machine, offline, from an installed binary.

/// The demo config (TOML). Its feeds are `demo:NAME` locations served by [`lookup`].
pub const CONFIG: &str = include_str!("../demo/config.toml");

/// The moment the sample feeds were captured: 10:42 EDT on 3 September 2025.
pub const NOW: &str = "2025-09-03T14:42:00Z";

const FILES: &[(&str, &[u8])] = &[
    (
        "weather-pembroke.xml",
        include_bytes!("../demo/feeds/weather-pembroke.xml"),
    ),
    (
        "npr-top-stories.xml",
        include_bytes!("../demo/feeds/npr-top-stories.xml"),
    ),
    (
        "the-register.xml",
        include_bytes!("../demo/feeds/the-register.xml"),
    ),
    ("nature.rdf", include_bytes!("../demo/feeds/nature.rdf")),
    (
        "technologyreview.json",
        include_bytes!("../demo/feeds/technologyreview.json"),
    ),
    (
        "krebsonsecurity.xml",
        include_bytes!("../demo/feeds/krebsonsecurity.xml"),
    ),
    (
        "apple-ml-research.xml",
        include_bytes!("../demo/feeds/apple-ml-research.xml"),
    ),
    (
        "aws-ml-blog-today.xml",
        include_bytes!("../demo/feeds/aws-ml-blog-today.xml"),
    ),
    (
        "aws-ml-blog-000.xml",
        include_bytes!("../demo/feeds/aws-ml-blog-000.xml"),
    ),
    (
        "canada-news-stale.xml",
        include_bytes!("../demo/feeds/canada-news-stale.xml"),
    ),
    (
        "broken-truncated.xml",
        include_bytes!("../demo/feeds/broken-truncated.xml"),
    ),
    (
        "broken-html-page.xml",
        include_bytes!("../demo/feeds/broken-html-page.xml"),
    ),
    (
        "broken-empty.xml",
        include_bytes!("../demo/feeds/broken-empty.xml"),
    ),
    (
        "yesterday-npr-top-stories.xml",
        include_bytes!("../demo/feeds/yesterday-npr-top-stories.xml"),
    ),
];

/// The demo's first morning, a day before [`NOW`]: the briefing `--demo` shows is the second,
/// so its developing stories have an earlier edition to continue.
pub const YESTERDAY: &str = "2025-09-02T14:42:00Z";

/// The demo config for the first morning: NPR's feed read as it was the day before.
pub fn yesterday(config: &crate::config::Config) -> crate::config::Config {
    let mut c = config.clone();
    for f in c.sections.iter_mut().flat_map(|s| s.feeds.iter_mut()) {
        if let Some(name) = f.location.strip_prefix("demo:")
            && lookup(&format!("yesterday-{name}")).is_some()
        {
            f.location = format!("demo:yesterday-{name}");
        }
    }
    c
}

/// The bytes of a bundled feed.
pub fn lookup(name: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Stand-in article pages for the demo's title-only Nature items (see `demo/articles/README.md`),
/// by the slug of the article's URL.
const ARTICLES: &[(&str, &[u8])] = &[
    (
        "are-ultra-processed-foods-really-so-unhealthy-what-the-science-says",
        include_bytes!(
            "../demo/articles/are-ultra-processed-foods-really-so-unhealthy-what-the-science-says.html"
        ),
    ),
    (
        "china-s-chikungunya-virus-outbreak-is-a-wake-up-call",
        include_bytes!(
            "../demo/articles/china-s-chikungunya-virus-outbreak-is-a-wake-up-call.html"
        ),
    ),
    (
        "detection-of-opioids-and-their-metabolites-in-sweat-by-carbon-nanotube-fet-senso",
        include_bytes!(
            "../demo/articles/detection-of-opioids-and-their-metabolites-in-sweat-by-carbon-nanotube-fet-senso.html"
        ),
    ),
    (
        "ultra-processed-foods-it-s-time-for-an-improved-definition",
        include_bytes!(
            "../demo/articles/ultra-processed-foods-it-s-time-for-an-improved-definition.html"
        ),
    ),
    (
        "unravelling-the-rise-in-thyroid-cancer-incidence-and-addressing-overdiagnosis",
        include_bytes!(
            "../demo/articles/unravelling-the-rise-in-thyroid-cancer-incidence-and-addressing-overdiagnosis.html"
        ),
    ),
];

/// The bundled page for an article URL of the demo's feeds, read instead of the network.
pub fn article_page(url: &str) -> Option<&'static [u8]> {
    let slug = url
        .strip_prefix("https://www.nature.com/articles/")?
        .trim_end_matches('/');
    ARTICLES.iter().find(|(s, _)| *s == slug).map(|(_, b)| *b)
}
