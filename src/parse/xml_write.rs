//! Writing an XML subtree back out as markup, for inline XHTML content: text escaped, the
//! XHTML namespace implied, inline SVG and MathML written as HTML5 embeds them.

use super::xml::Node;

fn escape_into(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

const SVG: &str = "http://www.w3.org/2000/svg";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// Serializes a node as markup. Inline SVG and MathML are written as HTML5 embeds them: plain
/// element names (`svg`, `circle`, not `svg:circle`) with the namespace declared on the
/// outermost one, and `xmlns:xlink` declared wherever an `xlink:` attribute is used, so the
/// markup stands on its own once it leaves the feed.
pub(super) fn serialize(n: &Node, out: &mut String) {
    serialize_in(n, None, out);
}

fn serialize_in(n: &Node, parent_ns: Option<&str>, out: &mut String) {
    let e = match n {
        Node::Text(t) => return escape_into(t, false, out),
        Node::Element(e) => e,
    };
    let foreign = matches!(e.ns.as_deref(), Some(SVG | MATHML));
    let name = if foreign {
        e.name.rsplit(':').next().unwrap_or(&e.name)
    } else {
        &e.name
    };
    out.push('<');
    out.push_str(name);
    let mut declared_default = false;
    let mut declared_xlink = false;
    for a in &e.attrs {
        // The XHTML namespace declaration is implied wherever this markup goes.
        if a.name == "xmlns" && a.value == "http://www.w3.org/1999/xhtml" {
            continue;
        }
        // Prefix declarations for SVG and MathML are not needed once names are plain.
        if foreign && a.name.starts_with("xmlns:") && matches!(a.value.as_str(), SVG | MATHML) {
            continue;
        }
        declared_default |= a.name == "xmlns";
        declared_xlink |= a.name == "xmlns:xlink";
        push_attr(&a.name, &a.value, out);
    }
    if foreign && !declared_default && parent_ns != e.ns.as_deref() {
        push_attr("xmlns", e.ns.as_deref().unwrap_or_default(), out);
    }
    if !declared_xlink && e.attrs.iter().any(|a| a.ns.as_deref() == Some(XLINK)) {
        push_attr("xmlns:xlink", XLINK, out);
    }
    if e.children.is_empty() && !foreign {
        out.push_str(" />");
        return;
    }
    out.push('>');
    for c in &e.children {
        serialize_in(c, e.ns.as_deref(), out);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn push_attr(name: &str, value: &str, out: &mut String) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(value, true, out);
    out.push('"');
}
