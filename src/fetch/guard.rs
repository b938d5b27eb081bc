//! Which addresses herald may connect to. A feed from the internet must not make herald read
//! the reader's own services (a router's admin page, a local database's HTTP port, a cloud
//! machine's metadata at 169.254.169.254) and put what it read into a briefing.
//!
//! The policy: public addresses always; a loopback, private, link-local or otherwise
//! non-public address only for an origin (scheme-less host and port) the reader named in the
//! config (a feed or weather source on `http://127.0.0.1:8080/…` names that origin, and the
//! article pages on it), or for everything with `[fetch] allow_private = true`.
//!
//! It is checked on the address actually connected to: names are resolved by [`Resolver`],
//! which drops non-public addresses of names the reader did not name, so a name that
//! resolves to 127.0.0.1 (or is rebound to it between two lookups) is refused at connect
//! time; address literals (`http://2130706433/`, `http://[::ffff:7f00:1]/`) are checked on
//! every hop of a redirect chain; and the peer address of each response is checked again.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// Where private addresses are allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Private {
    /// `[fetch] allow_private = true`: every address.
    pub allow_all: bool,
    /// Origins the reader named, as (host, port), host lower-cased.
    pub named: Vec<(String, u16)>,
}

impl Private {
    /// Adds the origins of these locations (those that are http(s) addresses).
    pub fn name<'a>(&mut self, locations: impl IntoIterator<Item = &'a str>) {
        for l in locations {
            if let Some(o) = origin_of(l)
                && !self.named.contains(&o)
            {
                self.named.push(o);
            }
        }
    }

    /// True when the origin of `url` may be on a non-public address.
    pub fn allows(&self, url: &url::Url) -> bool {
        self.allow_all || origin(url).is_some_and(|o| self.named.contains(&o))
    }

    /// The resolver that enforces this policy on names, with `pinned` names (`[fetch.resolve]`:
    /// a name → an address, or `None` for a name that must not resolve).
    pub fn resolver(
        &self,
        pinned: &std::collections::BTreeMap<String, Option<IpAddr>>,
    ) -> Arc<Resolver> {
        Arc::new(Resolver {
            allow_all: self.allow_all,
            named: self.named.iter().map(|(h, _)| h.clone()).collect(),
            pinned: pinned
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), *v))
                .collect(),
        })
    }

    /// Why a connection to `ip` for `url` is refused, if it is.
    pub fn refuses(&self, url: &url::Url, ip: IpAddr) -> Option<String> {
        if is_public(ip) || self.allows(url) {
            return None;
        }
        Some(refusal(url.host_str().unwrap_or(""), ip))
    }
}

/// The message of a refused connection.
fn refusal(host: &str, ip: IpAddr) -> String {
    format!(
        "{host} is a private address ({ip}); herald reads private and local addresses only for feeds the config names there, or with [fetch] allow_private = true"
    )
}

/// (host, port) of an http(s) URL.
fn origin(url: &url::Url) -> Option<(String, u16)> {
    let host = url
        .host_str()?
        .trim_start_matches('[')
        .trim_end_matches(']');
    Some((host.to_ascii_lowercase(), url.port_or_known_default()?))
}

fn origin_of(location: &str) -> Option<(String, u16)> {
    let url = url::Url::parse(location).ok()?;
    matches!(url.scheme(), "http" | "https")
        .then(|| origin(&url))
        .flatten()
}

/// True for an address anyone on the internet could reach: not loopback, private (RFC 1918,
/// unique local), link-local, shared (CGNAT), unspecified, broadcast, multicast, documentation
/// or benchmarking space, and for IPv6 the same of an embedded IPv4 address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let seg = ip.segments();
    // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) embed an IPv4
    // address that may be a private one.
    if seg[..6] == [0; 6] || (seg[0] == 0x64 && seg[1] == 0xff9b) {
        let v4 = Ipv4Addr::new(
            (seg[6] >> 8) as u8,
            seg[6] as u8,
            (seg[7] >> 8) as u8,
            seg[7] as u8,
        );
        return !ip.is_unspecified() && !ip.is_loopback() && is_public_v4(v4);
    }
    if seg[0] == 0x2002 {
        let v4 = Ipv4Addr::new(
            (seg[1] >> 8) as u8,
            seg[1] as u8,
            (seg[2] >> 8) as u8,
            seg[2] as u8,
        );
        return is_public_v4(v4);
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (seg[0] & 0xfe00) == 0xfc00
        || (seg[0] & 0xffc0) == 0xfe80
        || (seg[0] & 0xffc0) == 0xfec0
        || (seg[0] == 0x2001 && seg[1] == 0x0db8))
}

/// A name that does not resolve: no network, or no such host. Typed, so the fetcher can tell
/// it from other failures (it is not worth a retry, and a morning of them means no network).
#[derive(Debug, thiserror::Error)]
#[error("could not resolve {0}")]
pub struct Unresolved(pub String);

/// Resolves names with the system's resolver (or the config's pinned addresses), keeping a
/// non-public address only for names the reader named.
#[derive(Debug)]
pub struct Resolver {
    allow_all: bool,
    named: HashSet<String>,
    pinned: std::collections::HashMap<String, Option<IpAddr>>,
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_ascii_lowercase();
        let trusted = self.allow_all || self.named.contains(&host);
        let pinned = self.pinned.get(&host).copied();
        Box::pin(async move {
            let all: Vec<SocketAddr> = match pinned {
                Some(Some(ip)) => vec![SocketAddr::new(ip, 0)],
                Some(None) => return Err(Unresolved(host).into()),
                None => {
                    let found: Option<Vec<SocketAddr>> =
                        match tokio::net::lookup_host((host.clone(), 0)).await {
                            Ok(addrs) => Some(addrs.collect()),
                            Err(_) => None,
                        };
                    match found {
                        Some(all) => all,
                        None => return Err(Unresolved(host).into()),
                    }
                }
            };
            if all.is_empty() {
                return Err(Unresolved(host).into());
            }
            let kept: Vec<SocketAddr> = all
                .iter()
                .copied()
                .filter(|a| trusted || is_public(a.ip()))
                .collect();
            if kept.is_empty()
                && let Some(first) = all.first()
            {
                return Err(refusal(&host, first.ip()).into());
            }
            Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_are_not_public() {
        for ip in [
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:0101::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
        ] {
            let ip: IpAddr = ip.parse().expect(ip);
            assert!(!is_public(ip), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            let ip: IpAddr = ip.parse().expect(ip);
            assert!(is_public(ip), "{ip}");
        }
    }

    #[test]
    fn named_origins_alone_may_be_private() {
        let mut p = Private::default();
        p.name(["http://127.0.0.1:8080/feed.xml", "feeds/local.xml"]);
        let url = |s: &str| url::Url::parse(s).expect(s);
        let lo: IpAddr = "127.0.0.1".parse().expect("ip");
        assert_eq!(p.refuses(&url("http://127.0.0.1:8080/article"), lo), None);
        // Another port of the same machine is another service.
        assert!(p.refuses(&url("http://127.0.0.1:6379/"), lo).is_some());
        // The decimal form is the same address, and the same refusal.
        let decimal = url("http://2130706433:6379/");
        assert_eq!(decimal.host_str(), Some("127.0.0.1"));
        assert!(p.refuses(&decimal, lo).is_some());
        let all = Private {
            allow_all: true,
            ..Private::default()
        };
        assert_eq!(all.refuses(&url("http://10.0.0.1/"), lo), None);
    }
}
