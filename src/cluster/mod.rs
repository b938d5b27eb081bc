//! Cluster stage: the same story from several sources becomes one entry.
//!
//! Exact duplicates (same GUID, or the same canonical link once tracking parameters, AMP and
//! `www.` are stripped) merge first. Then near-duplicates: each item's title and lead become a
//! set of content words, summarized by a MinHash signature; LSH banding proposes candidate pairs
//! in time linear in the number of items, and a pair joins only if enough of the smaller set is
//! in the other (containment: a brief and a full article of one story differ in length), or the
//! titles alone agree — thresholds tuned on labelled pairs.

use rustc_hash::{FxHashMap, FxHashSet};

mod known;

pub use known::{Placed, Recalled, continues};

use crate::items::canonical_url;
use crate::model::Item;

/// Thresholds, tuned on `tests/fixtures/cluster/pairs.jsonl` (see BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Share of the smaller item's title + lead words found in the other's (containment), at or
    /// above which two items are one story — with at least `min_shared` words in common.
    pub min_containment: f64,
    pub min_shared: usize,
    /// Jaccard similarity of the titles alone at or above which two items are one story.
    pub min_title_jaccard: f64,
    /// Words of the text (after the title) that count as the lead.
    pub lead_words: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_containment: 0.3,
            min_shared: 5,
            min_title_jaccard: 0.5,
            lead_words: 60,
        }
    }
}

/// A story: the representative item and the other sources that carried it.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub lead: Item,
    pub also: Vec<Item>,
}

/// Up to this many items, every pair is compared; beyond, LSH proposes the pairs.
pub const EXHAUSTIVE_UP_TO: usize = 500;

const HASHES: usize = 64;
const BANDS: usize = 32;
const ROWS: usize = HASHES / BANDS;

/// Content words of a text, lower-cased, with plural "s" stripped; in Chinese and Japanese,
/// overlapping character pairs (they write no spaces between words). Stop words are those of
/// `lang` (ISO 639-1; English when unknown).
pub fn word_set(text: &str, limit: usize, lang: Option<&str>) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(limit)
    {
        if w.chars().any(crate::lang::is_unspaced_char) {
            out.extend(crate::summarize::gate::char_pairs(w));
            continue;
        }
        let w = normalize(w);
        if !crate::lang::is_stopword(&w, lang) {
            out.insert(w);
        }
    }
    out
}

/// A word as the word sets hold it: lower case, plural "s" stripped.
fn normalize(w: &str) -> String {
    let w = w.to_lowercase();
    match w.strip_suffix('s') {
        Some(s) if s.len() > 3 && !s.ends_with('s') => s.to_string(),
        _ => w,
    }
}

/// The title's names (people, places, teams, companies): words the title capitalizes inside
/// a sentence-case headline, or that the text capitalizes where no sentence starts. In a Title
/// Case headline capitals say nothing, so only the text's evidence counts there.
fn title_names(title: &str, text: &str, lead_words: usize) -> FxHashSet<String> {
    let title_words: Vec<&str> = title
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let long: Vec<&&str> = title_words.iter().filter(|w| w.len() > 3).collect();
    let title_case =
        long.len() >= 2 && long.iter().filter(|w| capitalized(w)).count() * 3 > long.len() * 2;
    let mut names = FxHashSet::default();
    if !title_case {
        for w in title_words.iter().skip(1).filter(|w| capitalized(w)) {
            names.insert(normalize(w));
        }
    }
    // Proper nouns of the text: capitalized, and not the first word of a sentence.
    let in_title: FxHashSet<String> = title_words.iter().map(|w| normalize(w)).collect();
    let mut sentence_start = true;
    for raw in text.split_whitespace().take(lead_words) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.is_empty() && !sentence_start && capitalized(w) {
            let n = normalize(w);
            if in_title.contains(&n) {
                names.insert(n);
            }
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':']) || raw.ends_with(".\"");
    }
    names.retain(|n| !crate::text::is_stopword(n) && !n.chars().all(|c| c.is_ascii_digit()));
    names
}

/// The numbers a title states ("4-2", "3.75", "2025"), as word-set words.
fn title_numbers(title: &str) -> FxHashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Size of the intersection of two sorted, deduplicated id lists.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = shared(a, b);
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Odd multipliers for the MinHash permutations `h(x) = a·x + b` (mod 2^64), from a fixed seed
/// so signatures are the same on every run.
fn permutations() -> [(u64, u64); HASHES] {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut out = [(0, 0); HASHES];
    for p in out.iter_mut() {
        *p = (next() | 1, next());
    }
    out
}

fn signature(ids: &[u32], perms: &[(u64, u64); HASHES], word_hash: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &id in ids {
        let x = word_hash[id as usize];
        for (slot, (a, b)) in sig.iter_mut().zip(perms) {
            // A full mix per hash function: linear permutations alone are far from min-wise
            // independent and made random items collide several times more often than chance.
            let mut h = (x ^ b).wrapping_mul(*a);
            h = (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            h ^= h >> 32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// Maps words to small ids, so sets are sorted `Vec<u32>` rather than sets of strings.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    hashes: Vec<u64>,
}

impl Interner {
    fn ids(&mut self, words: FxHashSet<String>) -> Vec<u32> {
        let mut v: Vec<u32> = words
            .into_iter()
            .map(|w| {
                if let Some(&id) = self.ids.get(&w) {
                    return id;
                }
                let id = self.hashes.len() as u32;
                // FNV alone leaves similar short words with similar hashes, which a linear
                // permutation keeps close: mix them well before MinHash sees them.
                let mut h = crate::items::fnv1a(w.as_bytes());
                h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                self.hashes.push(h ^ (h >> 31));
                self.ids.insert(w, id);
                id
            })
            .collect();
        v.sort_unstable();
        v
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut c = x;
        while self.0[c] != r {
            let next = self.0[c];
            self.0[c] = r;
            c = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index is the root, so results do not depend on merge order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// True when two items are the same story by the tuned thresholds.
pub fn same_story(a: &Item, b: &Item, opt: &ClusterOptions) -> bool {
    let mut interner = Interner::default();
    let fa = Features::of(a, opt, &mut interner);
    let fb = Features::of(b, opt, &mut interner);
    fa.matches(&fb, opt)
}

struct Features {
    /// Title and lead words, sorted ids.
    words: Vec<u32>,
    title: Vec<u32>,
    /// The feed the item came from: a feed does not re-report its own stories, so two of its
    /// items are one story only when they share a GUID or a link (the exact step).
    feed: u64,
    /// Names and numbers the title states, sorted ids: two reports of one event name the same
    /// people and places and agree on the figures.
    names: Vec<u32>,
    numbers: Vec<u32>,
    /// The item's language: reports in two languages are never merged on shared names and
    /// figures alone (their words cannot be compared).
    lang: Option<String>,
}

impl Features {
    fn of(item: &Item, opt: &ClusterOptions, interner: &mut Interner) -> Features {
        let lang = item.lang.as_deref();
        let title = word_set(&item.title, usize::MAX, lang);
        let mut words = word_set(&item.text, opt.lead_words, lang);
        words.extend(title.iter().cloned());
        let numbers = title_numbers(&item.title);
        words.extend(numbers.iter().cloned());
        Features {
            words: interner.ids(words),
            title: interner.ids(title),
            feed: feed_id(&item.feed),
            names: interner.ids(title_names(&item.title, &item.text, opt.lead_words)),
            numbers: interner.ids(numbers),
            lang: item.lang.clone(),
        }
    }

    /// Evidence of two different events told in the same words: headlines that say the same
    /// thing otherwise, where each names someone or somewhere the other item never mentions
    /// ("… downtown Ottawa stabbing" and "… downtown Toronto stabbing"), or both state figures
    /// and agree on none ("beat 4-2" and "beat 3-1").
    fn conflicts(&self, other: &Features) -> bool {
        let missing =
            |ids: &[u32], words: &[u32]| ids.iter().any(|id| words.binary_search(id).is_err());
        // A substitution: the headlines say the same thing of different names.
        let rest = |f: &Features| -> Vec<u32> {
            f.title
                .iter()
                .copied()
                .filter(|id| f.names.binary_search(id).is_err())
                .filter(|id| f.numbers.binary_search(id).is_err())
                .collect()
        };
        let names = missing(&self.names, &other.words) && missing(&other.names, &self.words);
        let numbers = !self.numbers.is_empty()
            && !other.numbers.is_empty()
            && shared(&self.numbers, &other.words) == 0
            && shared(&other.numbers, &self.words) == 0;
        (names || numbers) && jaccard(&rest(self), &rest(other)) >= 0.5
    }

    /// Each headline names someone or somewhere the other item never mentions.
    fn names_apart(&self, other: &Features) -> bool {
        let missing =
            |ids: &[u32], words: &[u32]| ids.iter().any(|id| words.binary_search(id).is_err());
        missing(&self.names, &other.words) && missing(&other.names, &self.words)
    }

    fn matches(&self, other: &Features, opt: &ClusterOptions) -> bool {
        if self.feed == other.feed {
            return false;
        }
        self.agrees(other, opt, false)
    }

    /// [`Recalled`]'s rule: any feed, and a title match needs a shared name.
    fn continues(&self, other: &Features, opt: &ClusterOptions) -> bool {
        self.agrees(other, opt, true)
    }

    fn agrees(&self, other: &Features, opt: &ClusterOptions, across_days: bool) -> bool {
        if let (Some(a), Some(b)) = (&self.lang, &other.lang)
            && a != b
        {
            return false;
        }
        let conflict = self.conflicts(other);
        // Across days, headlines that name different people or places, or disagree on every
        // figure, are two events of one kind (Storm Amy, then Storm Benedict): a later report
        // of one story names what the first did.
        if across_days && (conflict || self.names_apart(other)) {
            return false;
        }
        let common = shared(&self.words, &other.words);
        let smaller = self.words.len().min(other.words.len()).max(1);
        // Reports that name different people or places, or state different figures, are two
        // events of one kind unless they agree on much more than the kind of event: the title
        // alone is then no evidence, and the words must agree twice as much.
        let containment = if conflict {
            (opt.min_containment * 2.0).min(0.9)
        } else {
            opt.min_containment
        };
        let names_agree =
            !across_days || (!self.names.is_empty() && shared(&self.names, &other.names) > 0);
        (common >= opt.min_shared && common as f64 / smaller as f64 >= containment)
            || (!conflict
                && names_agree
                && self.title.len() >= 3
                && jaccard(&self.title, &other.title) >= opt.min_title_jaccard)
    }
}

/// A feed's identity for [`Features`] (FNV-1a of its location).
fn feed_id(feed: &str) -> u64 {
    feed.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Groups items into stories. `priority` ranks sources (lower is preferred; unknown sources
/// come after known ones). The result is deterministic: it does not depend on input order.
pub fn cluster(mut items: Vec<Item>, priority: &[String], opt: &ClusterOptions) -> Vec<Story> {
    // A canonical order first, so every later step is independent of feed order.
    items.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.feed.cmp(&b.feed)));
    let n = items.len();
    let mut uf = UnionFind((0..n).collect());
    join_exact(&items, &mut uf);
    // Near duplicates: candidate pairs are proposed, exact similarity decides.
    let mut interner = Interner::default();
    let features: Vec<Features> = items
        .iter()
        .map(|i| Features::of(i, opt, &mut interner))
        .collect();
    if n <= EXHAUSTIVE_UP_TO {
        join_exhaustive(&features, interner.hashes.len(), opt, &mut uf);
    } else {
        join_lsh(&features, &interner, opt, &mut uf);
    }
    stories_of(items, &mut uf, priority)
}

/// Exact duplicates: same GUID or same canonical link.
fn join_exact(items: &[Item], uf: &mut UnionFind) {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for (i, item) in items.iter().enumerate() {
        let mut keys = vec![format!("k:{}", item.key)];
        if let Some(l) = &item.link {
            keys.push(format!("l:{}", canonical_url(l)));
        }
        for k in keys {
            match seen.get(&k) {
                Some(&j) => uf.union(i, j),
                None => {
                    seen.insert(k, i);
                }
            }
        }
    }
}

/// A briefing's section holds a few hundred items: every pair that could match is compared,
/// which finds every match the thresholds allow (LSH trades a little recall for speed). A match
/// needs at least one shared word (title words are among the words), so an inverted index
/// proposes exactly the pairs that share one: the same result as comparing all pairs, without
/// the pairs of unrelated stories.
fn join_exhaustive(features: &[Features], words: usize, opt: &ClusterOptions, uf: &mut UnionFind) {
    let n = features.len();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); words];
    let mut met = vec![false; n];
    let mut candidates: Vec<u32> = Vec::new();
    for a in 0..n {
        for &w in &features[a].words {
            for &b in &postings[w as usize] {
                if !met[b as usize] {
                    met[b as usize] = true;
                    candidates.push(b);
                }
            }
        }
        for &b in &candidates {
            let b = b as usize;
            met[b] = false;
            if uf.find(a) != uf.find(b) && features[a].matches(&features[b], opt) {
                uf.union(a, b);
            }
        }
        candidates.clear();
        for &w in &features[a].words {
            postings[w as usize].push(a as u32);
        }
    }
}

/// Many items: LSH over MinHash signatures proposes the pairs to compare.
fn join_lsh(features: &[Features], interner: &Interner, opt: &ClusterOptions, uf: &mut UnionFind) {
    let n = features.len();
    let perms = permutations();
    // Each item's band keys; then, in item order, each item meets the earlier items that share
    // a band with it. Iterating items (not hash buckets) keeps the result deterministic.
    let band_key = |seed: u64, band: usize, sig: &[u64; HASHES]| {
        let mut h: u64 = seed ^ band as u64;
        for v in &sig[band * ROWS..(band + 1) * ROWS] {
            h = (h ^ v).wrapping_mul(0x100_0000_01b3);
        }
        h
    };
    // Every (band key, item) pair, packed in one u64 (the key's high 32 bits, then the item)
    // and sorted: items that share a key are neighbours. One flat vector of 8-byte pairs, not a
    // map of small vectors: 45,000 items take 23 MB here. A 32-bit key collides by chance for
    // about one item in 1,500 per band; a collision only proposes a pair, which must meet
    // twice and then pass the exact comparison.
    let titled = features.iter().filter(|f| f.title.len() >= 3).count();
    let mut keyed: Vec<u64> = Vec::with_capacity((n + titled) * BANDS);
    for (i, f) in features.iter().enumerate() {
        let mut push = |seed: u64, sig: &[u64; HASHES]| {
            for b in 0..BANDS {
                let key = band_key(seed, b, sig) >> 32;
                keyed.push(key << 32 | i as u64);
            }
        };
        if !f.words.is_empty() {
            push(
                0xcbf2_9ce4_8422_2325,
                &signature(&f.words, &perms, &interner.hashes),
            );
        }
        // Titles alone get their own bands, so two headlines that agree meet even when the
        // bodies differ in length.
        if f.title.len() >= 3 {
            push(
                0x8422_2325_cbf2_9ce4,
                &signature(&f.title, &perms, &interner.hashes),
            );
        }
    }
    keyed.sort_unstable();
    // Two items that meet in only one band are usually a chance collision; versions of one
    // story meet in several, so a pair is compared exactly when it meets for the second time.
    // Pairs already in one group are skipped, and a bucket whose members are all one group
    // already is skipped whole: two hundred feeds carrying one wire story would otherwise
    // propose millions of pairs. Skipping a joined pair never changes the groups, so the result
    // is the same as counting every pair.
    let mut meetings: FxHashMap<(u32, u32), u8> = FxHashMap::default();
    let mut roots: Vec<usize> = Vec::new();
    for run in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
        // A bucket this full is a common phrase, not a story: it proposes nothing.
        if run.len() < 2 || run.len() > 200 {
            continue;
        }
        roots.clear();
        roots.extend(run.iter().map(|&k| uf.find((k & 0xffff_ffff) as usize)));
        if roots.iter().all(|&r| r == roots[0]) {
            continue;
        }
        for x in 0..run.len() {
            for y in x + 1..run.len() {
                if roots[x] == roots[y] {
                    continue;
                }
                let (a, b) = ((run[x] & 0xffff_ffff) as u32, (run[y] & 0xffff_ffff) as u32);
                let count = meetings.entry((a, b)).or_insert(0);
                *count = count.saturating_add(1);
                if *count == 2 {
                    let (a, b) = (a as usize, b as usize);
                    if uf.find(a) != uf.find(b) && features[a].matches(&features[b], opt) {
                        uf.union(a, b);
                    }
                }
            }
        }
    }
}

/// Builds the stories from the union-find groups, choosing each representative.
fn stories_of(items: Vec<Item>, uf: &mut UnionFind, priority: &[String]) -> Vec<Story> {
    let n = items.len();
    // Members by group (the group's root, then item order): one sorted vector, not a map of
    // small vectors (a 45,000-item feed is 45,000 groups of one).
    let mut order: Vec<(usize, usize)> = (0..n).map(|i| (uf.find(i), i)).collect();
    order.sort_unstable();
    let rank = |source: &str| {
        priority
            .iter()
            .position(|p| p == source)
            .unwrap_or(usize::MAX)
    };
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut stories = Vec::new();
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        if let [(_, i)] = group {
            if let Some(lead) = slots[*i].take() {
                stories.push(Story {
                    lead,
                    also: Vec::new(),
                });
            }
            continue;
        }
        let mut members: Vec<Item> = group.iter().filter_map(|&(_, i)| slots[i].take()).collect();
        // The representative: preferred source, else the fullest text, else the earliest.
        members.sort_by(|a, b| {
            rank(&a.source)
                .cmp(&rank(&b.source))
                .then(b.text.len().cmp(&a.text.len()))
                .then(a.published.cmp(&b.published))
                .then(a.key.cmp(&b.key))
        });
        let lead = members.remove(0);
        // One "also" per other source, not per copy. A second item of a source already in the
        // story is dropped only when it is a copy (same GUID or link) of that source's item;
        // otherwise (joined through a third source's item) it is a story of its own, so no
        // story a reader would count disappears.
        let mut also: Vec<Item> = Vec::new();
        let mut own: Vec<Item> = Vec::new();
        for m in members {
            let same_source = std::iter::once(&lead)
                .chain(also.iter())
                .find(|a| a.source == m.source);
            match same_source {
                None => also.push(m),
                Some(kept) if is_copy(kept, &m) => {}
                Some(_) => own.push(m),
            }
        }
        stories.push(Story { lead, also });
        stories.extend(own.into_iter().map(|lead| Story {
            lead,
            also: Vec::new(),
        }));
    }
    stories
}

/// The same item twice: one GUID, or one canonical link.
fn is_copy(a: &Item, b: &Item) -> bool {
    a.key == b.key
        || matches!((&a.link, &b.link), (Some(x), Some(y)) if canonical_url(x) == canonical_url(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, source: &str, title: &str, text: &str, link: &str) -> Item {
        Item {
            feed: source.to_string(),
            source: source.to_string(),
            key: key.to_string(),
            title: title.to_string(),
            link: Some(link.to_string()),
            published: None,
            first_seen: None,
            seen_seq: None,
            text: text.to_string(),
            lang: None,
        }
    }

    #[test]
    fn reports_merge_within_a_language_never_across() {
        let mk = |feed: &str, title: &str, text: &str, lang: &str| {
            let mut it = item(
                feed,
                feed,
                title,
                text,
                &format!("https://{feed}.example/a"),
            );
            it.lang = Some(lang.to_string());
            it
        };
        let a = mk(
            "radio-canada",
            "Gatineau adopte un budget de 812 millions",
            "Le conseil municipal de Gatineau a adopté mardi soir un budget de 812 millions de dollars, avec une hausse de taxes de 3,9 % pour les propriétaires.",
            "fr",
        );
        let b = mk(
            "le-droit",
            "Budget de 812 millions adopté à Gatineau",
            "Les élus de Gatineau ont adopté mardi un budget de 812 millions de dollars qui prévoit une hausse de taxes de 3,9 % pour les propriétaires.",
            "fr",
        );
        let c = mk(
            "cbc",
            "Gatineau adopts $812 million budget",
            "Gatineau city council adopted an 812 million dollar budget on Tuesday, with a 3.9 % tax increase for Gatineau property owners.",
            "en",
        );
        let opt = ClusterOptions::default();
        assert!(same_story(&a, &b, &opt), "two French reports of one story");
        assert!(!same_story(&a, &c, &opt), "French and English never merge");
    }

    #[test]
    fn exact_and_near_duplicates_merge_others_stay() {
        let items = vec![
            item(
                "1",
                "NPR",
                "Appeals court blocks Alien Enemies Act deportations",
                "A federal appeals court ruled Tuesday that the administration cannot use the Alien Enemies Act to deport Venezuelan gang members.",
                "https://npr.org/a",
            ),
            item(
                "2",
                "AP",
                "Court rules Trump can't use Alien Enemies Act to deport Venezuelans",
                "A federal appeals court ruled that President Trump cannot use the Alien Enemies Act to deport alleged Venezuelan gang members.",
                "https://apnews.com/b?utm_source=rss",
            ),
            item(
                "3",
                "NPR",
                "Appeals court blocks Alien Enemies Act deportations",
                "Same story, same link.",
                "http://www.npr.org/a/",
            ),
            item(
                "4",
                "BBC",
                "California high-speed rail seeks new funding",
                "The train project faces an uncertain future with federal money tied up in court.",
                "https://bbc.com/c",
            ),
        ];
        let stories = cluster(items, &["AP".to_string()], &ClusterOptions::default());
        assert_eq!(stories.len(), 2, "{stories:#?}");
        let court = stories
            .iter()
            .find(|s| s.lead.title.contains("Alien") || s.lead.title.contains("Court"))
            .expect("story");
        assert_eq!(
            court.lead.source, "AP",
            "source priority picks the representative"
        );
        assert_eq!(court.also.len(), 1, "one also per other source: {court:#?}");
        assert_eq!(court.also[0].source, "NPR");
    }

    #[test]
    fn order_does_not_matter() {
        let base: Vec<Item> = (0..30)
            .map(|i| {
                item(
                    &format!("k{i}"),
                    &format!("S{}", i % 3),
                    &format!("delta{0} epsilon{0} zeta{0} eta{0}", i / 3),
                    &format!("Body alpha{0} beta{0} gamma{0} theta{0} iota{0}", i / 3),
                    &format!("https://ex.com/{i}"),
                )
            })
            .collect();
        let a = cluster(base.clone(), &[], &ClusterOptions::default());
        let mut rev = base;
        rev.reverse();
        let b = cluster(rev, &[], &ClusterOptions::default());
        assert_eq!(a, b);
        assert_eq!(a.len(), 10);
    }

    /// Beyond `EXHAUSTIVE_UP_TO` items LSH proposes the pairs. A wire story carried by 150 feeds
    /// fills a band bucket with copies; they must still become one story each, whatever order
    /// they arrive in, and unrelated items must stay apart.
    #[test]
    fn lsh_path_merges_a_widely_syndicated_story() {
        let stories = [
            (
                "Wildfire forces evacuation of three towns in northern Alberta",
                "Crews battled a fast-moving wildfire near Slave Lake on Monday as officials ordered residents of three towns to leave their homes before the winds shifted overnight.",
            ),
            (
                "Central bank holds interest rate steady citing slowing inflation",
                "The Bank of Canada kept its benchmark rate at 2.75 percent on Wednesday, saying inflation had eased but trade uncertainty still clouded the outlook for exporters.",
            ),
            (
                "Researchers map deep ocean currents with drifting robotic floats",
                "Oceanographers released hundreds of autonomous floats in the Southern Ocean to measure temperature and salinity at depths that ships rarely reach.",
            ),
            (
                "City council approves new bicycle lanes along the waterfront",
                "After a long debate, councillors voted eleven to four for protected bicycle lanes on Lakeshore Boulevard, with construction expected to start in spring.",
            ),
        ];
        let mut items = Vec::new();
        for feed in 0..150 {
            for (s, (title, text)) in stories.iter().enumerate() {
                items.push(item(
                    &format!("f{feed}-s{s}"),
                    &format!("Feed {feed}"),
                    &format!("{feed} {title}"),
                    text,
                    &format!("https://wire.example/{s}?feed={feed}"),
                ));
            }
        }
        // Unrelated singletons, each its own story.
        for k in 0..40 {
            items.push(item(
                &format!("solo{k}"),
                "Solo",
                &format!("alpha{k} bravo{k} charlie{k} delta{k} echo{k}"),
                &format!("foxtrot{k} golf{k} hotel{k} india{k} juliet{k} kilo{k} lima{k}"),
                &format!("https://solo.example/{k}"),
            ));
        }
        assert!(items.len() > EXHAUSTIVE_UP_TO);
        let opt = ClusterOptions::default();
        let a = cluster(items.clone(), &[], &opt);
        assert_eq!(
            a.len(),
            stories.len() + 40,
            "four wire stories + 40 singletons"
        );
        for story in a.iter().filter(|s| s.lead.source != "Solo") {
            assert_eq!(
                story.also.len(),
                149,
                "one also per other feed: {}",
                story.lead.title
            );
        }
        items.reverse();
        assert_eq!(cluster(items, &[], &opt), a);
    }

    /// Groups as sets of keys, for comparing partitions.
    fn groups(stories: &[Story]) -> Vec<Vec<String>> {
        let mut g: Vec<Vec<String>> = stories
            .iter()
            .map(|s| {
                let mut keys: Vec<String> = std::iter::once(&s.lead)
                    .chain(&s.also)
                    .map(|i| i.key.clone())
                    .collect();
                keys.sort();
                keys
            })
            .collect();
        g.sort();
        g
    }

    /// Overlapping synthetic stories: versions share most words, unrelated ones a few.
    fn overlapping_items(n: usize) -> Vec<Item> {
        let mut seed: u64 = 42;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut bases: Vec<Vec<String>> = Vec::new();
        (0..n)
            .map(|i| {
                let words: Vec<String> = if i % 3 == 2 && !bases.is_empty() {
                    let base = &bases[(next() as usize) % bases.len()];
                    base.iter()
                        .map(|w| {
                            if next() % 3 == 0 {
                                format!("v{}", next() % 400)
                            } else {
                                w.clone()
                            }
                        })
                        .collect()
                } else {
                    // A small vocabulary, so unrelated stories share words too.
                    let w: Vec<String> = (0..30).map(|_| format!("v{}", next() % 400)).collect();
                    bases.push(w.clone());
                    w
                };
                item(
                    &format!("k{i}"),
                    &format!("S{}", i % 7),
                    &words[..8].join(" "),
                    &words[8..].join(" "),
                    &format!("https://ex.com/{i}"),
                )
            })
            .collect()
    }

    /// The inverted index proposes exactly the pairs that share a word: the groups are those
    /// of comparing every pair.
    #[test]
    fn indexed_comparison_equals_all_pairs() {
        let items = overlapping_items(300);
        let opt = ClusterOptions::default();
        let fast = cluster(items.clone(), &[], &opt);
        // The reference: every pair, in the canonical order cluster uses.
        let mut sorted = items;
        sorted.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.feed.cmp(&b.feed)));
        let mut uf = UnionFind((0..sorted.len()).collect());
        for a in 0..sorted.len() {
            for b in a + 1..sorted.len() {
                if same_story(&sorted[a], &sorted[b], &opt) {
                    uf.union(a, b);
                }
            }
        }
        let reference = stories_of(sorted.clone(), &mut uf, &[]);
        assert_eq!(groups(&fast), groups(&reference));
        assert!(
            fast.len() < sorted.len() && fast.iter().any(|s| !s.also.is_empty()),
            "the set has real matches to find"
        );

        // Placed agrees with same_story too.
        let mut placed = Placed::new(opt);
        for it in &sorted[..100] {
            placed.add(it);
        }
        for it in &sorted[100..] {
            let expected = sorted[..100].iter().any(|p| same_story(p, it, &opt));
            assert_eq!(placed.has_same_story(it), expected, "{}", it.key);
        }
    }
}
