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
];

/// The bytes of a bundled feed.
pub fn lookup(name: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}
