//! Regex rules. A pattern with trigger literals runs only around the places
//! where the shared automaton saw one of them; the others run over the whole text.
//! Rules of different packs that share a pattern (the Romance packs share many)
//! are searched once and reported for each of them.

use std::borrow::Cow;
use std::collections::HashMap;

use super::context;
use super::phrases::TriggerHit;
use super::Candidate;
use crate::case;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use crate::document::floor_char_boundary;
use crate::rules::{LazyRegex, Matcher, Rule, Triggers};

/// Longest window around a trigger searched with the small regex form alone.
const SMALL_WINDOW: usize = 256;

/// Longest span searched at once for the overlapping windows of several hits.
const MAX_CLUSTER: usize = 16 * 1024;

/// Trigger hits of one pattern in a text from which on the full regex (lazy DFA,
/// compiled once) finds the windows that match before captures are resolved:
/// cheaper per window than the bounded backtracker, dearer to compile.
const DENSE_HITS: usize = 16;

/// Bytes a DFA is taken to scan for a window in which matches start at the
/// literal (an anchored search, which soon fails): a window's fixed costs.
const ANCHORED_WINDOW_WORK: u64 = 64;

/// Longest text on which a pattern without triggers is first run as its
/// precompiled DFA.
const UNTRIGGERED_DFA_TEXT: usize = 256 * 1024;

/// The enabled pattern rules, grouped by pattern.
pub struct PatternMatcher {
    /// For every rule index, the first enabled rule with the same pattern and case
    /// flag (the group's leader), or `u32::MAX` for other rules.
    leader: Vec<u32>,
    /// The enabled rules of each leader's group, leader first.
    groups: HashMap<usize, Vec<usize>>,
    /// Leaders of the groups without usable trigger literals.
    untriggered: Vec<usize>,
}

impl PatternMatcher {
    /// Groups the enabled pattern rules and collects those that must scan the
    /// whole text.
    pub fn new(rules: &[Rule], enabled: &[bool]) -> Self {
        // Sorted by pattern (length first, which orders most pairs without comparing
        // the long patterns' bytes), case flag and rule: each run of equal patterns
        // is a group, whose first rule leads it.
        let mut keyed: Vec<(&str, bool, usize)> = rules
            .iter()
            .enumerate()
            .filter(|&(ri, _)| enabled[ri])
            .filter_map(|(ri, rule)| match &rule.matcher {
                Matcher::Pattern { regex, .. } => {
                    Some((regex.as_str(), regex.is_case_insensitive(), ri))
                }
                _ => None,
            })
            .collect();
        keyed.sort_unstable_by(|a, b| (a.0.len(), a).cmp(&(b.0.len(), b)));
        let mut leader = vec![u32::MAX; rules.len()];
        let mut groups = HashMap::new();
        let mut untriggered = Vec::new();
        for run in keyed.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let first = run[0].2;
            let group: Vec<usize> = run.iter().map(|&(.., ri)| ri).collect();
            for &ri in &group {
                leader[ri] = first as u32;
            }
            groups.insert(first, group);
            if let Matcher::Pattern { triggers: None, .. } = &rules[first].matcher {
                untriggered.push(first);
            }
        }
        untriggered.sort_unstable();
        PatternMatcher {
            leader,
            groups,
            untriggered,
        }
    }

    /// Runs the pattern rules around trigger hits (a batch of them: matches
    /// found twice from two batches are removed with other duplicates later).
    pub fn find_around(
        &self,
        text: &str,
        rules: &[Rule],
        hits: &mut Vec<TriggerHit>,
        out: &mut Vec<Candidate>,
    ) {
        // Hits of rules that share a pattern are hits of their leader.
        hits.retain_mut(|(ri, _)| match self.leader.get(*ri) {
            Some(&l) if l != u32::MAX => {
                *ri = l as usize;
                true
            }
            _ => false,
        });
        sort_hits(hits, rules.len());
        hits.dedup();
        for group in hits.chunk_by(|a, b| a.0 == b.0) {
            let ri = group[0].0;
            let Matcher::Pattern {
                regex,
                triggers: Some(triggers),
                ..
            } = &rules[ri].matcher
            else {
                continue;
            };
            let windows = Windows { text, triggers };
            // The precompiled DFA of a built-in rule dismisses the windows that
            // hold no match (most of them) without compiling the regex. Windows
            // that would cost it much (many, or long unanchored ones, over all
            // the texts so far) are cheaper to check with the regex's own lazy
            // DFA, whose compilation they amortize and whose states stay in cache.
            let group: Cow<[TriggerHit]> = if regex.windows_want_finder(windows.work(group)) {
                Cow::Borrowed(group)
            } else {
                let kept = windows.may_match(regex, group);
                if kept.is_empty() {
                    continue;
                }
                Cow::Owned(kept)
            };
            self.search_windows(&windows, rules, ri, regex, &group, out);
        }
    }

    /// Reports the matches of the pattern of rule `ri` (a group leader) in the
    /// windows around `group`, its hits.
    fn search_windows(
        &self,
        windows: &Windows,
        rules: &[Rule],
        ri: usize,
        regex: &LazyRegex,
        group: &[TriggerHit],
        out: &mut Vec<Candidate>,
    ) {
        let text = windows.text;
        // Short windows are searched by a bounded backtracker, which compiles
        // fast. Many windows, or long ones once they add up, are first checked
        // by the lazy DFA of the full regex: most windows do not match, and a
        // backtracker pays for the size of the window on every search.
        let window = windows.triggers.lookbehind + windows.triggers.max_len;
        let long_work = (window * group.len()) as u64;
        let finder = if group.len() >= DENSE_HITS
            || window > SMALL_WINDOW && regex.long_windows_want_finder(long_work)
        {
            regex.get_finder()
        } else {
            None
        };
        // The small form resolves captures; behind a finder it is compiled
        // only once a window holds a match (most texts have none).
        let mut slot = None;
        let mut next = 0;
        while next < group.len() {
            // Hits whose spans overlap form a cluster. Most spans hold no
            // match: one search over the cluster's span, which holds every
            // match of each hit's span, then dismisses them all instead of
            // scanning the overlaps again for each hit. (An anchored search,
            // when matches start at the literal, stops after a few bytes:
            // those hits are searched one by one.)
            let first = next;
            if let Some(finder) = finder {
                let (from, end) = windows.cluster(group, &mut next);
                let spans_all = Input::new(text).span(from..end);
                if next - first > 1 && !finder.is_match(spans_all) {
                    continue;
                }
            } else {
                next += 1;
            }
            for &(_, at) in &group[first..next] {
                let hit = windows.span(at);
                let end = hit.end();
                let mut from = hit.start();
                while from <= at {
                    let input = hit.clone().span(from..end);
                    let (m, caps) = match finder {
                        Some(finder) => {
                            let Some(m) = finder.search(&input) else {
                                break;
                            };
                            // Resolve the captures of that match only.
                            let exact = Input::new(text).span(m.range()).anchored(Anchored::Yes);
                            let Some(caps) = search_captures(regex, &exact, &mut slot) else {
                                return;
                            };
                            (m, caps)
                        }
                        None => {
                            let Some(caps) = search_captures(regex, &input, &mut slot) else {
                                return;
                            };
                            let Some(m) = caps.get_match() else {
                                break;
                            };
                            (m, caps)
                        }
                    };
                    if m.start() > at {
                        break;
                    }
                    self.push_group(text, rules, ri, caps, out);
                    from = if m.end() > m.start() {
                        m.end()
                    } else {
                        next_char(text, m.end())
                    };
                }
            }
        }
    }

    /// Runs the pattern rules without trigger literals for which `runs` holds over
    /// the whole text.
    pub fn find_untriggered(
        &self,
        text: &str,
        rules: &[Rule],
        out: &mut Vec<Candidate>,
        runs: impl Fn(usize) -> bool,
    ) {
        for &ri in self.untriggered.iter().filter(|&&ri| runs(ri)) {
            // On a short text, compiling the regex costs more than a pass of
            // its precompiled DFA that may show there is nothing to find.
            let Matcher::Pattern { regex, .. } = &rules[ri].matcher else {
                continue;
            };
            if text.len() <= UNTRIGGERED_DFA_TEXT && !regex.may_match(&Input::new(text)) {
                continue;
            }
            let Some(regex) = regex.get() else {
                continue;
            };
            for caps in regex.captures_iter(text) {
                self.push_group(text, rules, ri, &caps, out);
            }
        }
    }

    /// Reports a match for every rule of the group led by `leader`.
    fn push_group(
        &self,
        text: &str,
        rules: &[Rule],
        leader: usize,
        caps: &Captures,
        out: &mut Vec<Candidate>,
    ) {
        // The group's rules (of several packs) often share their exceptions.
        let mut veto = context::VetoMemo::default();
        for &ri in self.groups.get(&leader).into_iter().flatten() {
            push(text, &rules[ri], ri, caps, &mut veto, out);
        }
    }
}

/// The spans searched around the trigger hits of one pattern in a text.
struct Windows<'a> {
    text: &'a str,
    triggers: &'a Triggers,
}

impl<'a> Windows<'a> {
    /// The span searched around a hit at `at`. A match contains the literal at
    /// `at`, so it starts at most `lookbehind` bytes before it and ends at most
    /// `max_len` bytes after that. The search is limited to that span;
    /// look-arounds still see the text around it.
    fn span(&self, at: usize) -> Input<'a> {
        let end = (at + self.triggers.max_len).min(self.text.len());
        let from = floor_char_boundary(self.text, at.saturating_sub(self.triggers.lookbehind));
        let input = Input::new(self.text).span(from..end);
        if self.triggers.lookbehind == 0 {
            input.anchored(Anchored::Yes)
        } else {
            input
        }
    }

    /// The hits from `group[*next]` on whose spans overlap (a cluster, when
    /// matches may start before the literal; else that hit alone), and the span
    /// of their union; `*next` moves past them.
    fn cluster(&self, group: &[TriggerHit], next: &mut usize) -> (usize, usize) {
        let first = self.span(group[*next].1);
        let (from, mut end) = (first.start(), first.end());
        *next += 1;
        while let Some(&(_, at)) = group.get(*next).filter(|_| self.triggers.lookbehind > 0) {
            let hit = self.span(at);
            if hit.start() >= end || hit.end() - from > MAX_CLUSTER {
                break;
            }
            end = hit.end();
            *next += 1;
        }
        (from, end)
    }

    /// About how many bytes a DFA scans to check the windows of `group` when
    /// none holds a match: the whole span of each cluster when matches may start
    /// before the literal (an unanchored search runs to the end of its span),
    /// else [`ANCHORED_WINDOW_WORK`] a window (an anchored search soon fails).
    fn work(&self, group: &[TriggerHit]) -> u64 {
        if self.triggers.lookbehind == 0 {
            return group.len() as u64 * ANCHORED_WINDOW_WORK;
        }
        let mut work = 0;
        let mut next = 0;
        while next < group.len() {
            let (from, end) = self.cluster(group, &mut next);
            work += (end - from) as u64;
        }
        work
    }

    /// The hits of `group` whose windows may hold a match of `regex` according
    /// to its precompiled DFA.
    fn may_match(&self, regex: &LazyRegex, group: &[TriggerHit]) -> Vec<TriggerHit> {
        let mut kept = Vec::new();
        let mut next = 0;
        while next < group.len() {
            // A cluster of overlapping windows without a match in its span
            // dismisses them all in one pass.
            let (first, (from, end)) = (next, self.cluster(group, &mut next));
            let spans_all = Input::new(self.text).span(from..end);
            if next - first > 1 && !regex.may_match(&spans_all) {
                continue;
            }
            kept.extend(
                group[first..next]
                    .iter()
                    .filter(|&&(_, at)| regex.may_match(&self.span(at))),
            );
        }
        kept
    }
}

/// Searches `input` with the small form of `regex` (compiled now if need be)
/// into `caps` (created on first use); `None` if the small form does not compile.
fn search_captures<'c>(
    regex: &LazyRegex,
    input: &Input,
    caps: &'c mut Option<Captures>,
) -> Option<&'c Captures> {
    let small = regex.get_small()?;
    let caps = caps.get_or_insert_with(|| small.create_captures());
    small.search_captures(input, caps);
    Some(caps)
}

/// The char boundary after `at` (or past the end of `text`).
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

fn push<'r>(
    text: &str,
    rule: &'r Rule,
    ri: usize,
    caps: &Captures,
    veto: &mut context::VetoMemo<'r>,
    out: &mut Vec<Candidate>,
) {
    let Matcher::Pattern { replacements, .. } = &rule.matcher else {
        return;
    };
    let Some(m) = caps.get_match() else {
        return;
    };
    if m.is_empty() || veto.vetoed(text, m.start(), m.end(), &rule.exceptions) {
        return;
    }
    let matched = &text[m.start()..m.end()];
    let suggestions = replacements
        .iter()
        .map(|template| {
            let mut expanded = String::new();
            caps.interpolate_string_into(text, template, &mut expanded);
            if rule.preserve_case {
                case::preserve(matched, &expanded)
            } else {
                expanded
            }
        })
        .collect();
    out.push(Candidate {
        rule: ri,
        start: m.start(),
        end: m.end(),
        suggestions,
        confidence: None,
    });
}

/// Batches of more hits than this are bucketed by rule rather than sorted.
const BUCKETED_HITS: usize = 1024;

/// Sorts trigger hits by rule, then offset. A large batch is bucketed by rule
/// first (linear: a comparison sort of a batch of 65,536 hits was 1.5% of a
/// check), then each rule's few offsets are sorted.
fn sort_hits(hits: &mut Vec<TriggerHit>, n_rules: usize) {
    if hits.len() <= BUCKETED_HITS {
        hits.sort_unstable();
        return;
    }
    let mut next = vec![0usize; n_rules + 1];
    for &(ri, _) in hits.iter() {
        next[ri + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut sorted = vec![(0, 0); hits.len()];
    for &hit in hits.iter() {
        sorted[next[hit.0]] = hit;
        next[hit.0] += 1;
    }
    for group in sorted.chunk_by_mut(|a, b| a.0 == b.0) {
        group.sort_unstable();
    }
    *hits = sorted;
}

#[cfg(test)]
mod tests {
    use super::{sort_hits, Triggers, Windows, ANCHORED_WINDOW_WORK, BUCKETED_HITS};
    use super::{HashMap, Matcher, PatternMatcher};
    use crate::rules::RuleSet;

    #[test]
    fn groups_agree_with_grouping_by_map() {
        let set = RuleSet::builtin().unwrap();
        let rules = &set.rules;
        for step in [1, 2, 3] {
            // Every rule enabled, then some disabled (leaders among them).
            let enabled: Vec<bool> = (0..rules.len()).map(|i| i % step != 1).collect();
            let mut leader = vec![u32::MAX; rules.len()];
            let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
            let mut by_pattern: HashMap<(&str, bool), usize> = HashMap::new();
            let mut untriggered = Vec::new();
            for (ri, rule) in rules.iter().enumerate() {
                let Matcher::Pattern {
                    regex, triggers, ..
                } = &rule.matcher
                else {
                    continue;
                };
                if !enabled[ri] {
                    continue;
                }
                let key = (regex.as_str(), regex.is_case_insensitive());
                let first = *by_pattern.entry(key).or_insert(ri);
                leader[ri] = first as u32;
                groups.entry(first).or_default().push(ri);
                if first == ri && triggers.is_none() {
                    untriggered.push(ri);
                }
            }
            let m = PatternMatcher::new(rules, &enabled);
            assert!(groups.values().any(|g| g.len() > 1));
            assert_eq!(m.leader, leader);
            assert_eq!(m.groups, groups);
            assert_eq!(m.untriggered, untriggered);
        }
    }

    #[test]
    fn window_work_counts_cluster_spans_or_anchored_windows() {
        let text = "x".repeat(200);
        let triggers = |lookbehind| Triggers {
            literals: Vec::new().into(),
            lookbehind,
            max_len: 20,
            word_end: false,
        };
        let group = [(0, 5), (0, 12), (0, 100), (0, 195)];
        let unanchored = triggers(10);
        let windows = Windows {
            text: &text,
            triggers: &unanchored,
        };
        // [0, 25) and [2, 32) form one cluster; [90, 120); [185, 200) at the end.
        assert_eq!(windows.work(&group), 32 + 30 + 15);
        let anchored = triggers(0);
        let windows = Windows {
            text: &text,
            triggers: &anchored,
        };
        assert_eq!(windows.work(&group), 4 * ANCHORED_WINDOW_WORK);
    }

    #[test]
    fn bucketed_hits_sort_like_a_comparison_sort() {
        // A deterministic scramble of rules and offsets, large enough to be bucketed.
        let mut hits: Vec<(usize, usize)> = (0..3 * BUCKETED_HITS)
            .map(|i| ((i * 7919) % 37, (i * 104_729) % 5_003))
            .collect();
        let mut expected = hits.clone();
        expected.sort_unstable();
        sort_hits(&mut hits, 37);
        assert_eq!(hits, expected);
        let mut small = vec![(3, 9), (1, 4), (3, 2), (0, 7)];
        sort_hits(&mut small, 4);
        assert_eq!(small, [(0, 7), (1, 4), (3, 2), (3, 9)]);
    }
}
