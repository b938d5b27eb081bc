//! Stories already known when an item arrives: those placed in this briefing's earlier
//! sections ([`Placed`]), and those earlier editions showed ([`Recalled`], developing
//! stories). Both keep each known item's word sets once, and an inverted index so an item is
//! compared only with the known ones it shares a word with.

use super::{ClusterOptions, Features, Interner, shared};
use crate::model::Item;

/// Known items' features, and word id → the items that have it.
struct Known {
    interner: Interner,
    opt: ClusterOptions,
    features: Vec<Features>,
    postings: Vec<Vec<u32>>,
}

impl Known {
    fn new(opt: ClusterOptions) -> Known {
        Known {
            interner: Interner::default(),
            opt,
            features: Vec::new(),
            postings: Vec::new(),
        }
    }

    fn add(&mut self, item: &Item) {
        let f = Features::of(item, &self.opt, &mut self.interner);
        let id = self.features.len() as u32;
        for &w in &f.words {
            let w = w as usize;
            if self.postings.len() <= w {
                self.postings.resize_with(w + 1, Vec::new);
            }
            self.postings[w].push(id);
        }
        self.features.push(f);
    }

    /// `item`'s features, and the known items it shares a word with (in the order added).
    fn candidates(&mut self, item: &Item) -> (Features, Vec<u32>) {
        let f = Features::of(item, &self.opt, &mut self.interner);
        let mut candidates: Vec<u32> = f
            .words
            .iter()
            .filter_map(|&w| self.postings.get(w as usize))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        (f, candidates)
    }
}

/// Stories already placed in the briefing, to tell whether a new item is one of them. Each
/// placed item's word sets are computed once: comparing every candidate of every section with
/// every placed story by [`super::same_story`] rebuilt both sets per pair (11 s for 1,000
/// feeds).
pub struct Placed(Known);

impl Placed {
    pub fn new(opt: ClusterOptions) -> Placed {
        Placed(Known::new(opt))
    }

    pub fn add(&mut self, item: &Item) {
        self.0.add(item);
    }

    /// True when `item` is the same story as one already placed (by [`super::same_story`]'s
    /// test).
    pub fn has_same_story(&mut self, item: &Item) -> bool {
        if self.0.features.is_empty() {
            return false;
        }
        let (f, candidates) = self.0.candidates(item);
        candidates
            .iter()
            .any(|&p| self.0.features[p as usize].matches(&f, &self.0.opt))
    }
}

/// Entries earlier editions showed, to tell whether today's item continues one of their
/// stories (developing stories). The rule is the clusterer's ("same event, not same topic":
/// names, places and figures must agree) with two differences: an outlet's later report of its
/// own story counts (news runs over days in the same feed), and titles alone are evidence only
/// when they name the same people or places, since a series' recurring headline ("Morning
/// Edition", "This week in AI") is not one story. Indexed, as a week of hourly briefings is
/// tens of thousands of entries.
pub struct Recalled(Known);

impl Recalled {
    pub fn new(opt: ClusterOptions) -> Recalled {
        Recalled(Known::new(opt))
    }

    /// Remembers an earlier entry (its title, and its summary or lead as the text).
    pub fn add(&mut self, item: &Item) {
        self.0.add(item);
    }

    /// The earlier entry (by the order they were added) `item` continues best, if any.
    pub fn best(&mut self, item: &Item) -> Option<usize> {
        let (f, candidates) = self.0.candidates(item);
        candidates
            .into_iter()
            .map(|i| (i as usize, &self.0.features[i as usize]))
            .filter(|(_, e)| e.continues(&f, &self.0.opt))
            .max_by_key(|(i, e)| (shared(&e.words, &f.words), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    }
}

/// True when `later` continues the story of `earlier` by [`Recalled`]'s rule.
pub fn continues(earlier: &Item, later: &Item, opt: &ClusterOptions) -> bool {
    let mut interner = Interner::default();
    let fa = Features::of(earlier, opt, &mut interner);
    let fb = Features::of(later, opt, &mut interner);
    fa.continues(&fb, opt)
}
