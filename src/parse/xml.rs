//! A forgiving XML reader for feeds.
//!
//! Real feeds are often not well-formed: HTML entities never declared, a bare `&`, tags closed
//! in the wrong order, a document cut off mid-way. A strict parser loses the whole feed; this one
//! records the first error (the feed is then `bozo`) and keeps going, like a browser would, so
//! every item that can be read is read.

use std::collections::HashMap;
use std::rc::Rc;

use compact_str::CompactString;

use super::entities;

/// An attribute as written, with its resolved namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub local: String,
    pub ns: Option<Rc<str>>,
    pub value: String,
}

/// An element with its resolved namespace and children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The qualified name as written (`dc:creator`). Element names are short, so they are
    /// kept inline (no allocation): a feed of tens of thousands of items has hundreds of
    /// thousands of them.
    pub name: CompactString,
    /// The local part, lower-cased (`creator`): feeds are inconsistent about case.
    pub local: CompactString,
    pub ns: Option<Rc<str>>,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Boxed, so a text node (most children) costs 32 bytes, not an element's size.
    Element(Box<Element>),
    Text(String),
}

/// Takes elements as they close, so a caller can turn a feed's items into entries one at a
/// time instead of holding the whole tree: a 10 MiB feed of 45,000 tiny items would otherwise
/// take many times its size.
pub trait Sink {
    /// True for the elements `closed` wants to see (a cheap test on the name).
    fn wants(&self, el: &Element) -> bool;
    /// An element just closed inside `ancestors` (the root first; their children so far).
    /// Returns the element to keep it in the tree, or `None` when it was consumed.
    fn closed(&mut self, el: Element, ancestors: &[&Element]) -> Option<Element>;
}

/// The result of reading a document: the root (if any) and the first well-formedness error.
#[derive(Debug, Default)]
pub struct Document {
    pub root: Option<Element>,
    pub error: Option<String>,
    /// The DOCTYPE's public or system identifier, if any (RSS 0.91 Netscape vs. Userland).
    pub doctype: Option<String>,
}

impl Element {
    /// Attribute value by local name (case-insensitive), ignoring namespaces.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.local.eq_ignore_ascii_case(local))
            .map(|a| a.value.as_str())
    }

    /// Attribute value by namespace URI and local name.
    pub fn attr_ns(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.as_deref() == Some(ns) && a.local.eq_ignore_ascii_case(local))
            .map(|a| a.value.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(&**e),
            Node::Text(_) => None,
        })
    }

    /// All text inside, markup dropped.
    pub fn text(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        out
    }

    /// True when any child is an element (inline markup).
    pub fn has_element_children(&self) -> bool {
        self.elements().next().is_some()
    }

    /// The children serialized as markup (for inline XHTML content).
    pub fn inner_xml(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            serialize(c, &mut out);
        }
        out
    }
}

fn collect_text(e: &Element, out: &mut String) {
    for c in &e.children {
        match c {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => collect_text(el, out),
        }
    }
}

use super::xml_write::serialize;

struct Open {
    el: Element,
    /// Namespace declarations made on this element: (prefix, uri); "" is the default. URIs are
    /// shared by every element in their scope.
    scope: Vec<(String, Rc<str>)>,
}

struct Reader<'a> {
    s: &'a str,
    pos: usize,
    stack: Vec<Open>,
    root: Option<Element>,
    error: Option<String>,
    entities: HashMap<String, String>,
    doctype: Option<String>,
    /// True while a declared entity's value is being expanded (no further declared expansion).
    expanding: bool,
    /// Bytes that declared entities may still add to the document.
    expansion_budget: usize,
    /// The `xml:` namespace, shared by every `xml:lang` and `xml:base`.
    xml_ns: Rc<str>,
    sink: Option<&'a mut dyn Sink>,
}

/// Elements nest at most this deep (libxml2's default too). Real feeds nest a few dozen levels;
/// a document nested thousands deep is an attack on the stack and is cut off there.
pub const MAX_DEPTH: usize = 256;

/// Reads a document. Never fails: the worst input gives no root and an error.
pub fn parse(s: &str) -> Document {
    read(s, None)
}

/// [`parse`], handing elements to `sink` as they close (see [`Sink`]).
pub fn parse_with(s: &str, sink: &mut dyn Sink) -> Document {
    read(s, Some(sink))
}

fn read<'a>(s: &'a str, sink: Option<&'a mut dyn Sink>) -> Document {
    let mut r = Reader {
        s,
        pos: 0,
        stack: Vec::new(),
        root: None,
        error: None,
        entities: HashMap::new(),
        doctype: None,
        expanding: false,
        expansion_budget: s.len() + (1 << 20),
        xml_ns: Rc::from("http://www.w3.org/XML/1998/namespace"),
        sink,
    };
    r.run();
    Document {
        root: r.root,
        error: r.error,
        doctype: r.doctype,
    }
}

impl<'a> Reader<'a> {
    fn fail(&mut self, msg: impl FnOnce() -> String) {
        if self.error.is_none() {
            let line = self.s[..self.pos.min(self.s.len())].matches('\n').count() + 1;
            self.error = Some(format!("line {line}: {}", msg()));
        }
    }

    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn run(&mut self) {
        while self.pos < self.s.len() {
            let rest = self.rest();
            match rest.find('<') {
                None => {
                    self.text(rest);
                    self.pos = self.s.len();
                }
                Some(0) => self.markup(),
                Some(i) => {
                    let t = &rest[..i];
                    self.pos += i;
                    self.text(t);
                }
            }
        }
        if let Some(open) = self.stack.last() {
            let name = open.el.name.clone();
            self.fail(|| format!("document ended before </{name}>"));
        }
        while !self.stack.is_empty() {
            self.close_top();
        }
        if self.root.is_none() && self.error.is_none() {
            self.error = Some("no root element".to_string());
        }
    }

    fn text(&mut self, raw: &str) {
        if self.stack.is_empty() {
            if !raw.trim().is_empty() && self.root.is_none() {
                self.fail(|| "text before the root element".to_string());
            }
            return;
        }
        let decoded = self.decode(raw);
        self.push_text(decoded);
    }

    fn push_text(&mut self, t: String) {
        if let Some(top) = self.stack.last_mut() {
            if let Some(Node::Text(prev)) = top.el.children.last_mut() {
                prev.push_str(&t);
            } else {
                top.el.children.push(Node::Text(t));
            }
        }
    }

    fn markup(&mut self) {
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => self.pos += 4 + end + 3,
                None => {
                    self.fail(|| "comment not closed".to_string());
                    self.pos = self.s.len();
                }
            }
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            match body.find("]]>") {
                Some(end) => {
                    self.pos += 9 + end + 3;
                    if !self.stack.is_empty() {
                        self.push_text(body[..end].to_string());
                    }
                }
                None => {
                    self.fail(|| "CDATA section not closed".to_string());
                    if !self.stack.is_empty() {
                        self.push_text(body.to_string());
                    }
                    self.pos = self.s.len();
                }
            }
        } else if rest.len() >= 9 && rest.as_bytes()[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
            self.doctype_decl();
        } else if rest.starts_with("<?") {
            match rest.find("?>") {
                Some(end) => self.pos += end + 2,
                None => {
                    self.fail(|| "processing instruction not closed".to_string());
                    self.pos = self.s.len();
                }
            }
        } else if rest.starts_with("</") {
            self.end_tag();
        } else {
            self.start_tag();
        }
    }

    fn doctype_decl(&mut self) {
        let rest = self.rest();
        // The DOCTYPE ends at the first '>' outside its internal subset.
        let (end, subset) = match (rest.find('['), rest.find('>')) {
            (Some(b), Some(gt)) if b < gt => match rest[b..].find("]") {
                Some(close) => {
                    let after = b + close;
                    let gt2 = rest[after..]
                        .find('>')
                        .map_or(rest.len(), |g| after + g + 1);
                    (gt2, Some(&rest[b + 1..after]))
                }
                None => (rest.len(), Some(&rest[b + 1..])),
            },
            (_, Some(gt)) => (gt + 1, None),
            (_, None) => (rest.len(), None),
        };
        let head = &rest[..end.min(rest.len())];
        self.doctype = Some(head.split('[').next().unwrap_or("").to_string());
        if let Some(subset) = subset {
            self.entity_decls(subset);
        }
        self.pos += end.min(rest.len());
    }

    /// `<!ENTITY name "value">` declarations of an internal subset.
    fn entity_decls(&mut self, subset: &str) {
        let mut rest = subset;
        while let Some(i) = rest.find("<!ENTITY") {
            rest = &rest[i + 8..];
            let trimmed = rest.trim_start();
            if trimmed.starts_with('%') {
                continue;
            }
            let name_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let name = &trimmed[..name_end];
            let after = trimmed[name_end..].trim_start();
            let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(close) = after[1..].find(q) {
                let value = after[1..1 + close].to_string();
                self.entities.entry(name.to_string()).or_insert(value);
            }
        }
    }

    fn end_tag(&mut self) {
        let rest = self.rest();
        let end = match rest.find('>') {
            Some(e) => e,
            None => {
                self.fail(|| "end tag not closed".to_string());
                rest.len()
            }
        };
        let name = rest[2..end].trim().to_string();
        self.pos += (end + 1).min(rest.len());
        match self.stack.iter().rposition(|o| o.el.name == name) {
            Some(i) => {
                if i != self.stack.len() - 1 {
                    let open = self.stack[self.stack.len() - 1].el.name.clone();
                    self.fail(|| format!("</{name}> closes <{open}>"));
                }
                while self.stack.len() > i {
                    self.close_top();
                }
            }
            None => self.fail(|| format!("</{name}> without an open <{name}>")),
        }
    }

    fn close_top(&mut self) {
        if let Some(open) = self.stack.pop() {
            let mut el = open.el;
            // Only inside the first root: a second root is dropped whole, as the tree would.
            if self.root.is_none()
                && !self.stack.is_empty()
                && let Some(sink) = self.sink.as_deref_mut()
                && sink.wants(&el)
            {
                let ancestors: Vec<&Element> = self.stack.iter().map(|o| &o.el).collect();
                match sink.closed(el, &ancestors) {
                    Some(kept) => el = kept,
                    None => return,
                }
            }
            // A closed element takes only the memory it needs: a 10 MiB feed of small items
            // would otherwise keep twice its children's worth of spare capacity.
            el.children.shrink_to_fit();
            el.attrs.shrink_to_fit();
            match self.stack.last_mut() {
                Some(parent) => parent.el.children.push(Node::Element(Box::new(el))),
                None => {
                    if self.root.is_none() {
                        self.root = Some(el);
                    } else {
                        self.fail(|| "more than one root element".to_string());
                    }
                }
            }
        }
    }

    fn start_tag(&mut self) {
        let rest = self.rest();
        let name_end = rest[1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..name_end];
        if name.is_empty() || !name.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == ':')
        {
            // A '<' that starts no tag: keep it as text.
            self.fail(|| "'<' that starts no tag".to_string());
            self.pos += 1;
            self.push_text("<".to_string());
            return;
        }
        let (raw_attrs, self_closing, i) = self.attributes(rest, name, name_end);
        self.pos += i.min(rest.len());

        let (el, scope) = self.element(name, raw_attrs);
        if el.ns.is_none()
            && let Some((prefix, _)) = name.split_once(':')
            && prefix != "xmlns"
        {
            self.fail(|| format!("undeclared namespace prefix '{prefix}'"));
        }
        if self.stack.is_empty() && self.root.is_some() {
            self.fail(|| "more than one root element".to_string());
            if self_closing {
                return;
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            // Stop reading: what was read so far is kept, and the feed is marked malformed.
            self.fail(|| {
                format!("too deeply nested (more than {MAX_DEPTH} levels); the rest was not read")
            });
            self.pos = self.s.len();
            return;
        }
        self.stack.push(Open { el, scope });
        if self_closing {
            self.close_top();
        }
    }

    /// Reads a start tag's attributes from byte `from` of `rest` (just after the name) to its
    /// `>` or `/>`: each name with its decoded value, whether the tag closes itself, and how
    /// many bytes of `rest` the tag takes. Recovers from unquoted values and stray characters.
    fn attributes(
        &mut self,
        rest: &'a str,
        name: &str,
        from: usize,
    ) -> (Vec<(String, String)>, bool, usize) {
        let bytes = rest.as_bytes();
        let mut i = from;
        let mut raw_attrs: Vec<(String, String)> = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() {
                self.fail(|| format!("<{name}> not closed"));
                break;
            }
            match bytes[i] {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' if bytes.get(i + 1) == Some(&b'>') => {
                    self_closing = true;
                    i += 2;
                    break;
                }
                b'/' => i += 1,
                _ => {
                    let a_end = rest[i..]
                        .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                        .map_or(rest.len(), |k| i + k);
                    if a_end == i {
                        // A character that can neither start a name nor end one (a no-break
                        // space, a stray quote): skip it, or the loop would never advance.
                        self.fail(|| format!("unexpected character in <{name}>"));
                        i += rest[i..].chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                    let a_name = rest[i..a_end].to_string();
                    i = a_end;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    if bytes.get(i) != Some(&b'=') {
                        raw_attrs.push((a_name.clone(), a_name));
                        continue;
                    }
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    let value = match bytes.get(i) {
                        Some(&q) if q == b'"' || q == b'\'' => {
                            let close = rest[i + 1..]
                                .find(q as char)
                                .map_or(rest.len(), |k| i + 1 + k);
                            let v = &rest[i + 1..close];
                            i = (close + 1).min(rest.len());
                            v
                        }
                        _ => {
                            self.fail(|| format!("unquoted attribute value in <{name}>"));
                            let close = rest[i..]
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .map_or(rest.len(), |k| i + k);
                            let v = &rest[i..close];
                            i = close;
                            v
                        }
                    };
                    let decoded = self.decode(value);
                    raw_attrs.push((a_name, decoded));
                }
            }
        }
        (raw_attrs, self_closing, i)
    }

    /// The element for a start tag: its namespace and its attributes' namespaces resolved
    /// against the declarations it makes (returned as its scope) and those of its ancestors.
    fn element(
        &self,
        name: &str,
        raw_attrs: Vec<(String, String)>,
    ) -> (Element, Vec<(String, Rc<str>)>) {
        let scope: Vec<(String, Rc<str>)> = raw_attrs
            .iter()
            .filter_map(|(n, v)| {
                if n == "xmlns" {
                    Some((String::new(), Rc::from(v.as_str())))
                } else {
                    n.strip_prefix("xmlns:")
                        .map(|p| (p.to_string(), Rc::from(v.as_str())))
                }
            })
            .collect();
        let lookup =
            |prefix: &str, stack: &[Open], scope: &[(String, Rc<str>)]| -> Option<Rc<str>> {
                scope
                    .iter()
                    .rev()
                    .chain(stack.iter().rev().flat_map(|o| o.scope.iter().rev()))
                    .find(|(p, _)| p == prefix)
                    .map(|(_, u)| u.clone())
                    .filter(|u| !u.is_empty())
            };
        let (prefix, local) = match name.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", name),
        };
        let ns = if prefix == "xml" {
            Some(self.xml_ns.clone())
        } else {
            lookup(prefix, &self.stack, &scope)
        };
        let attrs = raw_attrs
            .into_iter()
            .map(|(n, value)| {
                let (ans, alocal) = match n.split_once(':') {
                    Some(("xml", l)) => (Some(self.xml_ns.clone()), l.to_string()),
                    Some(("xmlns", l)) => (None, format!("xmlns:{l}")),
                    Some((p, l)) => (lookup(p, &self.stack, &scope), l.to_string()),
                    None => (None, n.clone()),
                };
                Attr {
                    name: n,
                    local: alocal,
                    ns: ans,
                    value,
                }
            })
            .collect();
        let el = Element {
            name: CompactString::from(name),
            local: CompactString::from(local).to_ascii_lowercase(),
            ns,
            attrs,
            children: Vec::new(),
        };
        (el, scope)
    }

    /// Decodes character and entity references: XML's five, numeric ones, DTD-declared ones,
    /// and HTML's named ones (which XML does not declare: the document is then not
    /// well-formed, but the reader clearly meant them).
    fn decode(&mut self, raw: &str) -> String {
        if !raw.contains('&') {
            return raw.to_string();
        }
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(&rest[..amp]);
            let after = &rest[amp + 1..];
            let end = after
                .find(|c: char| {
                    !(c.is_ascii_alphanumeric() || c == '#' || c == '_' || c == '-' || c == '.')
                })
                .unwrap_or(after.len());
            let name = &after[..end];
            if !name.is_empty() && after[end..].starts_with(';') {
                if let Some(value) = self.reference(name) {
                    out.push_str(&value);
                    rest = &after[end + 1..];
                    continue;
                }
                self.fail(|| format!("undefined entity &{name};"));
            } else {
                self.fail(|| "'&' that starts no reference".to_string());
            }
            out.push('&');
            rest = after;
        }
        out.push_str(rest);
        out
    }

    fn reference(&mut self, name: &str) -> Option<String> {
        if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            // References to C1 controls mean windows-1252 in practice (&#146; is ’).
            let c = if (0x80..=0x9F).contains(&code) {
                let b = [code as u8];
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&b)
                    .0
                    .chars()
                    .next()?
            } else {
                char::from_u32(code)?
            };
            return Some(c.to_string());
        }
        match name {
            "amp" => return Some("&".into()),
            "lt" => return Some("<".into()),
            "gt" => return Some(">".into()),
            "quot" => return Some("\"".into()),
            "apos" => return Some("'".into()),
            _ => {}
        }
        if let Some(v) = self.entities.get(name).cloned() {
            // Declared values may hold references themselves: expand one level only, so an
            // entity defined by itself (or a "billion laughs" chain) cannot recurse or explode.
            // And a budget on all expansion, so many references to one big value cannot turn a
            // capped download into gigabytes.
            if v.len() > self.expansion_budget {
                self.fail(|| "entity expansion exceeds the document's budget".to_string());
                return None;
            }
            self.expansion_budget -= v.len();
            if !v.contains('&') || self.expanding {
                return Some(v);
            }
            self.expanding = true;
            let out = self.decode(&v);
            self.expanding = false;
            return Some(out);
        }
        let c = entities::lookup(name)?;
        self.fail(|| format!("undefined entity &{name};"));
        Some(c.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_with_namespaces() {
        let d = parse(
            r#"<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><dc:creator a="1">Me &amp; you</dc:creator></channel></rss>"#,
        );
        assert_eq!(d.error, None);
        let root = d.root.expect("root");
        let ch = root.elements().next().expect("channel");
        let cr = ch.elements().next().expect("creator");
        assert_eq!(cr.local, "creator");
        assert_eq!(cr.ns.as_deref(), Some("http://purl.org/dc/elements/1.1/"));
        assert_eq!(cr.text(), "Me & you");
        assert_eq!(cr.attr("a"), Some("1"));
    }

    #[test]
    fn html_entities_and_bare_ampersands_are_recovered() {
        let d = parse("<t>caf&eacute; &nbsp;AT&T &#146;s &bogus;</t>");
        assert!(d.error.is_some());
        assert_eq!(d.root.expect("root").text(), "café \u{a0}AT&T ’s &bogus;");
    }

    #[test]
    fn dtd_entities_expand() {
        let d = parse("<!DOCTYPE rss [<!ENTITY who \"Jane &amp; co\">]><rss><t>&who;</t></rss>");
        assert_eq!(d.error, None);
        assert_eq!(d.root.expect("root").text(), "Jane & co");
    }

    #[test]
    fn recursive_and_exploding_entities_stay_small() {
        let d = parse("<!DOCTYPE r [<!ENTITY a \"x&a;\">]><r>&a;</r>");
        assert_eq!(
            d.root.expect("root").text(),
            "xx&a;",
            "one level of nesting, then literal"
        );
        let laughs = "<!DOCTYPE r [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><r>&d;&d;&d;</r>";
        let text = parse(laughs).root.expect("root").text();
        assert!(text.len() < 2000, "{} bytes", text.len());
        // Many references to a large value stop at the budget.
        let big = format!(
            "<!DOCTYPE r [<!ENTITY a \"{}\">]><r>{}</r>",
            "x".repeat(100_000),
            "&a;".repeat(100)
        );
        let d = parse(&big);
        assert!(d.root.expect("root").text().len() < 2_000_000);
        assert!(d.error.is_some());
    }

    #[test]
    fn truncated_and_mismatched_documents_keep_what_they_have() {
        let d = parse("<rss><channel><item><title>One</title></item><item><title>Tw");
        assert!(
            d.error
                .as_deref()
                .is_some_and(|e| e.contains("ended before"))
        );
        let root = d.root.expect("root");
        let ch = root.elements().next().expect("channel");
        assert_eq!(ch.elements().count(), 2);
        let d = parse("<a><b><c>x</b>y</a>");
        assert!(d.error.is_some());
        assert_eq!(d.root.expect("root").text(), "xy");
    }

    #[test]
    fn cdata_and_inner_xml() {
        let d = parse(
            "<c><![CDATA[<b>raw</b>]]><div xmlns=\"http://www.w3.org/1999/xhtml\">A &amp; <b>B</b></div></c>",
        );
        let root = d.root.expect("root");
        assert_eq!(root.text(), "<b>raw</b>A & B");
        let div = root.elements().next().expect("div");
        assert_eq!(div.inner_xml(), "A &amp; <b>B</b>");
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "<",
            "<<>>",
            "&",
            "<a b='>",
            "<a><!--",
            "<![CDATA[",
            "<!DOCTYPE [",
            "<a/><b/>",
            "</x>",
            "<a\u{e9}>\u{1F600}</a>",
        ] {
            let _ = parse(s);
        }
    }
}
