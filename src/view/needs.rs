//! The Expectations view's words for a client need: what each aspect asks, a need's
//! status in a sentence ("Mismatch: Promised fully but bought only partly"), its badge,
//! and the aspects a mismatch involves.

use crate::model::order;
use crate::model::{ClientNeed, Coverage, DeliveryDue, NeedAspect, NeedStatus, Stage};

/// What each column asks, for the explanation above the grid.
pub fn aspect_question(aspect: NeedAspect) -> &'static str {
    match aspect {
        NeedAspect::Promised => {
            "what sales, the proposal or the champion told the client they would get"
        }
        NeedAspect::Bought => "what the contract, order or approved budget actually covers",
        NeedAspect::Needed => "what the client really needs, as the needs analysis found",
        NeedAspect::Delivered => "what has been delivered and accepted so far",
    }
}

/// The aspect's name inside a sentence ("bought", "needed").
pub fn aspect_word(aspect: NeedAspect) -> String {
    aspect.label().to_lowercase()
}

/// The smaller side of a mismatch: "bought only partly", "not bought or delivered".
fn less_phrase(aspects: &[NeedAspect], coverage: Coverage) -> String {
    let words: Vec<String> = aspects.iter().map(|&a| aspect_word(a)).collect();
    match coverage {
        Coverage::No => format!("not {}", join(&words, "or")),
        other => format!(
            "{} only {}",
            join(&words, "and"),
            other.label().to_lowercase()
        ),
    }
}

/// "a", "a and b", "a, b and c".
fn join(words: &[String], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., final_word] => format!("{} {last} {final_word}", rest.join(", ")),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Aspects on the smaller side of a mismatch that share one coverage.
type LesserGroup = (Coverage, Vec<NeedAspect>);

/// The status in words, e.g. "Mismatch: Promised fully but bought only partly".
pub fn status_words(need: &ClientNeed, status: &NeedStatus) -> String {
    match status {
        NeedStatus::Consistent => "Consistent".to_string(),
        NeedStatus::AwaitingDelivery => "Awaiting delivery".to_string(),
        NeedStatus::InProgress(_) => match need.delivered {
            Coverage::No => "In progress: not delivered yet".to_string(),
            _ => "In progress: delivered only partly so far".to_string(),
        },
        NeedStatus::Incomplete(unknown) => {
            let names: Vec<String> = unknown.iter().map(|&a| aspect_word(a)).collect();
            format!("Incomplete: {} unknown", names.join(", "))
        }
        NeedStatus::Mismatch(pairs) => {
            // Read as few clauses as possible: pairs that share their larger side are one
            // clause ("Promised fully but bought only partly and not delivered"), and
            // larger sides with the same coverage and the same tail are merged
            // ("Promised and needed fully but bought only partly").
            let mut by_more: Vec<(NeedAspect, Vec<LesserGroup>)> = Vec::new();
            for &(more, less) in pairs {
                let coverage = need.coverage(less);
                let index = match by_more.iter().position(|(m, _)| *m == more) {
                    Some(i) => i,
                    None => {
                        by_more.push((more, Vec::new()));
                        by_more.len() - 1
                    }
                };
                let groups = &mut by_more[index].1;
                match groups.iter_mut().find(|(c, _)| *c == coverage) {
                    Some((_, lesser)) => lesser.push(less),
                    None => groups.push((coverage, vec![less])),
                }
            }
            let mut clauses: Vec<(Vec<NeedAspect>, Coverage, String)> = Vec::new();
            for (more, groups) in by_more {
                let tail: Vec<String> = groups
                    .iter()
                    .map(|(c, lesser)| less_phrase(lesser, *c))
                    .collect();
                let tail = tail.join(" and ");
                let coverage = need.coverage(more);
                match clauses
                    .iter_mut()
                    .find(|(_, c, t)| *c == coverage && *t == tail)
                {
                    Some((mores, _, _)) => mores.push(more),
                    None => clauses.push((vec![more], coverage, tail)),
                }
            }
            let parts: Vec<String> = clauses
                .iter()
                .map(|(mores, coverage, tail)| {
                    let words: Vec<String> = mores.iter().map(|&a| aspect_word(a)).collect();
                    format!(
                        "{} {} but {tail}",
                        join(&words, "and"),
                        coverage.label().to_lowercase()
                    )
                })
                .collect();
            format!("Mismatch: {}", capitalize(&parts.join("; ")))
        }
    }
}

/// The short badge text and its class.
pub fn status_badge(status: &NeedStatus) -> (&'static str, &'static str) {
    match status {
        NeedStatus::Consistent => ("✓ OK", "badge-ok"),
        NeedStatus::AwaitingDelivery => ("… Waiting", "badge"),
        NeedStatus::InProgress(_) => ("… In progress", "badge"),
        NeedStatus::Incomplete(_) => ("? Unknown", "badge-warn"),
        NeedStatus::Mismatch(_) => ("✗ Mismatch", "badge-danger"),
    }
}

/// Why a shortfall in delivery counts as a mismatch, when it does: the need is marked
/// complete, or the engagement is in support.
pub fn delivery_due_words(
    need: &ClientNeed,
    status: &NeedStatus,
    stage: Stage,
) -> Option<&'static str> {
    let NeedStatus::Mismatch(pairs) = status else {
        return None;
    };
    if !pairs.iter().any(|&(_, less)| less == NeedAspect::Delivered) {
        return None;
    }
    need.delivery_due(stage).map(|due| match due {
        DeliveryDue::MarkedComplete => "Marked complete, so what is delivered must match.",
        DeliveryDue::InSupport => "The engagement is in support: delivery is over.",
    })
}

/// The aspects that take part in a mismatch, so their cells can be highlighted.
pub fn mismatched_aspects(status: &NeedStatus) -> Vec<NeedAspect> {
    match status {
        NeedStatus::Mismatch(pairs) => {
            let mut aspects: Vec<NeedAspect> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            order::sort(&mut aspects);
            aspects.dedup();
            aspects
        }
        _ => Vec::new(),
    }
}

/// "1 need", "3 needs".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
