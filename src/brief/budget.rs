//! Reading budgets: a section's and the briefing's, in minutes of reading. The lowest-ranked
//! entries go first, and each section lists what it lost under "+N more".

use super::compose::Draft;
use crate::config::Config;
use crate::model::{BriefEntry, MoreItem};
use crate::rank;

/// Words a reader reads for an entry: its title and summary.
fn entry_words(e: &BriefEntry) -> usize {
    e.title.split_whitespace().count()
        + e.summary
            .as_deref()
            .map_or(0, |s| s.split_whitespace().count())
}

/// Moves entry `k` of a section to its "+N more" list.
fn drop_entry(draft: &mut Draft, k: usize) {
    let e = draft.entries.remove(k).entry;
    draft.section.more.push(MoreItem {
        title: e.title,
        link: e.link,
    });
}

/// Trims each section to its own budget, then the briefing to the global one.
pub fn apply(config: &Config, drafts: &mut [Draft]) {
    for (sc, draft) in config.sections.iter().zip(drafts.iter_mut()) {
        if let Some(minutes) = sc.budget_minutes {
            let limit = (minutes * rank::WORDS_PER_MINUTE) as usize;
            while draft.words() > limit && !draft.entries.is_empty() {
                let last = draft.entries.len() - 1;
                drop_entry(draft, last);
            }
        }
    }
    let Some(minutes) = config.budget_minutes else {
        return;
    };
    let limit = (minutes * rank::WORDS_PER_MINUTE) as usize;
    while drafts.iter().map(Draft::words).sum::<usize>() > limit {
        // The lowest score anywhere; on a tie, the later section gives way.
        let mut worst: Option<(usize, usize, f64)> = None;
        for (si, d) in drafts.iter().enumerate() {
            for (k, e) in d.entries.iter().enumerate() {
                if worst.is_none_or(|(_, _, w)| e.score <= w) {
                    worst = Some((si, k, e.score));
                }
            }
        }
        let Some((si, k, _)) = worst else { break };
        drop_entry(&mut drafts[si], k);
    }
}

impl Draft {
    /// Words a reader reads in this section.
    pub fn words(&self) -> usize {
        self.entries.iter().map(|e| entry_words(&e.entry)).sum()
    }
}
