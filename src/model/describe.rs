//! How messages name the things of a plan and state its limits, in the words of the
//! person reading them: `line 2 "Checkout" of worksheet "Base"`, not a path into the
//! document; "at most 168 hours a week", not the range of an integer type.
//!
//! [`Workspace::problems`](super::Workspace::problems) uses these words for the
//! problems it finds, and the document reader (`storage`) for the values it cannot
//! read, so a refusal reads the same whichever step found it.

use super::engagement::Raci;
use super::units::{currency, format_money, Bps, Hours, Money};
use super::workspace::{is_visible_name, Workspace};

/// How many problems a message lists before it only counts the rest.
pub const PROBLEMS_SHOWN: usize = 20;

/// Longest name quoted in a message, in characters; longer ones are cut with "…".
const QUOTED_MAX: usize = 60;

/// "1st", "2nd", "3rd", "4th", "11th", "22nd", …
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `"Ada"`: a name in quotes, cut if it is very long.
pub fn quoted(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() <= QUOTED_MAX {
        format!("\"{name}\"")
    } else {
        let cut: String = name.chars().take(QUOTED_MAX).collect();
        format!("\"{cut}…\"")
    }
}

/// The `index`th function the PM accepted by default, by the function's name when
/// known: `function "Legal", accepted by the PM`.
pub fn pm_acceptance(index: usize, function: Option<&str>) -> String {
    match function.filter(|n| is_visible_name(n)) {
        Some(n) => format!("function {}, accepted by the PM", quoted(n)),
        None => format!("the {} function the PM accepted", ordinal(index + 1)),
    }
}

/// A thing of a list by its name, `person "Ada"`, or by its place in the list when
/// it has no name a reader could recognise: `the 3rd person`. `index` counts from 0.
pub fn named(kind: &str, index: usize, name: Option<&str>) -> String {
    match name.filter(|n| is_visible_name(n)) {
        Some(n) => format!("{kind} {}", quoted(n)),
        None => format!("the {} {kind}", ordinal(index + 1)),
    }
}

/// A thing that is numbered as well as named, as a worksheet's lines are on screen:
/// `line 2 "Checkout"`, or `line 2` when it has no visible name.
pub fn numbered(kind: &str, index: usize, name: Option<&str>) -> String {
    match name.filter(|n| is_visible_name(n)) {
        Some(n) => format!("{kind} {} {}", index + 1, quoted(n)),
        None => format!("{kind} {}", index + 1),
    }
}

/// An assignment by who, in which role, on what: `the assignment of "Ada" as
/// Accountable on "Delivery"`; `the 2nd assignment` when any of them is unknown.
pub fn assignment(
    index: usize,
    person: Option<&str>,
    role: Option<Raci>,
    function: Option<&str>,
) -> String {
    fn visible(name: Option<&str>) -> Option<&str> {
        name.filter(|n| is_visible_name(n))
    }
    match (visible(person), role, visible(function)) {
        (Some(p), Some(r), Some(f)) => format!(
            "the assignment of {} as {} on {}",
            quoted(p),
            r.label(),
            quoted(f)
        ),
        (None, Some(r), Some(f)) => format!(
            "the {} assignment ({} on {})",
            ordinal(index + 1),
            r.label(),
            quoted(f)
        ),
        _ => format!("the {} assignment", ordinal(index + 1)),
    }
}

/// Where something is, from the outermost thing in: the first is a person or an
/// engagement, the others are inside it, each inside the one before. Reads
/// `engagement "Website relaunch", line 2 "Checkout" of worksheet "Base"`.
pub fn place(frames: &[String]) -> String {
    match frames.split_first() {
        None => String::new(),
        Some((outer, [])) => outer.clone(),
        Some((outer, inner)) => {
            let inner: Vec<&str> = inner.iter().rev().map(String::as_str).collect();
            format!("{outer}, {}", inner.join(" of "))
        }
    }
}

/// The words for a field of the saved document, by its key: `engagement_manager` is
/// "engagement manager", `pm` is "project manager". Keys it does not know are read
/// with their underscores as spaces.
pub fn field(key: &str) -> String {
    let words = match key {
        "pm" => "project manager",
        "agreement_documenter" => "person who documents agreements",
        "agreement_formal" => "formal agreement",
        "pm_accepted" => "functions the PM accepted",
        "sales" => "sales sign-off",
        "customer_service" => "customer service sign-off",
        "delivery" => "delivery sign-off",
        "signoffs" => "sign-offs",
        "authority" => "decision authority",
        "audience" => "audience",
        "benefits_description" => "description of the benefits",
        "rate_card" => "rate card",
        "need" => "client need",
        "needs" => "client needs",
        "by" => "approver",
        "person" => "assigned person",
        "log" => "approval log",
        "step" => "step",
        "people" => "roster",
        "compliance" => "compliance items",
        "decisions" => "decision areas",
        "next_id" => "next free id (next_id)",
        "style" => "selling style",
        "billing" => "billing type",
        "group" => "stakeholder group",
        "kind" => "kind",
        other => return other.replace('_', " "),
    };
    words.to_string()
}

/// The words for a list of the document, by its key, for "at most N …".
pub fn items(key: &str) -> String {
    match key {
        "rate_card" => "rate card roles".to_string(),
        "log" => "approval log entries".to_string(),
        "pm_accepted" => "functions the PM accepted".to_string(),
        other => field(other),
    }
}

/// 1234567 as "1,234,567".
pub fn thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Hours as a person reads them, grouped: "168", "100,000", "37.5".
pub fn hours(h: Hours) -> String {
    let whole = thousands(u128::from(h.0 / 100));
    let text = Hours(h.0 % 100).to_string();
    match text.strip_prefix('0') {
        Some(fraction) if !fraction.is_empty() => format!("{whole}{fraction}"),
        _ => whole,
    }
}

/// A percentage as a person reads it, grouped and without needless decimals:
/// "100 %", "99.99 %", "10,000 %", "-0.05 %".
pub fn percent(value: Bps) -> String {
    let sign = if value.0 < 0 { "-" } else { "" };
    let abs = value.0.unsigned_abs();
    let whole = thousands(u128::from(abs / 100));
    match abs % 100 {
        0 => format!("{sign}{whole} %"),
        f if f % 10 == 0 => format!("{sign}{whole}.{} %", f / 10),
        f => format!("{sign}{whole}.{f:02} %"),
    }
}

/// An amount in an engagement's currency, or in minor units when the currency code is
/// not one the planner knows how to write.
pub fn money(amount: Money, currency_code: &str) -> String {
    format_money(amount, &currency(currency_code))
}

/// "one problem" or "3 problems".
pub fn count_problems(n: usize) -> String {
    if n == 1 {
        "one problem".to_string()
    } else {
        format!("{} problems", thousands(n as u128))
    }
}

/// Upper-cases the first letter, for a sentence that starts with a place.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a path of [`Workspace::problems`] is, in words, looked up in the workspace
/// itself: `engagements[0].pricing.worksheets[1].lines[0].hours.52` is
/// `engagement "Website relaunch", line 1 "Checkout" of worksheet "Base"`. The path
/// names the thing; the field at its end is left to the message.
pub(crate) fn place_of(w: &Workspace, path: &str) -> String {
    let mut frames = Vec::new();
    let mut segments = path.split('.').map(split_index);
    let engagement = match segments.next() {
        Some(("people", Some(i))) => {
            frames.push(named("person", i, w.people.get(i).map(|p| p.name.as_str())));
            return place(&frames);
        }
        Some(("accounts", Some(i))) => {
            frames.push(named(
                "account",
                i,
                w.accounts.get(i).map(|a| a.name.as_str()),
            ));
            return place(&frames);
        }
        Some(("engagements", Some(i))) => match w.engagements.get(i) {
            Some(e) => {
                frames.push(named("engagement", i, Some(&e.name)));
                e
            }
            None => return format!("the {} engagement", ordinal(i + 1)),
        },
        _ => return String::new(),
    };
    let mut worksheet = None;
    let mut line = None;
    let mut decision = None;
    let mut proposal = None;
    for (key, index) in segments {
        let Some(i) = index else {
            if key == "pricing" {
                continue;
            }
            break;
        };
        let frame = match key {
            "functions" => named(
                "function",
                i,
                engagement.functions.get(i).map(|f| f.name.as_str()),
            ),
            "assignments" => {
                let a = engagement.assignments.get(i);
                assignment(
                    i,
                    a.and_then(|a| w.person(a.person)).map(|p| p.name.as_str()),
                    a.map(|a| a.role),
                    a.and_then(|a| engagement.function(a.function))
                        .map(|f| f.name.as_str()),
                )
            }
            "pm_accepted" => pm_acceptance(
                i,
                engagement
                    .pm_accepted
                    .keys()
                    .nth(i)
                    .and_then(|&f| engagement.function(f))
                    .map(|f| f.name.as_str()),
            ),
            "decisions" => {
                decision = engagement.decisions.get(i);
                named("decision area", i, decision.map(|d| d.name.as_str()))
            }
            "log" if worksheet.is_none() => {
                proposal = decision.and_then(|d| d.log.get(i));
                named("proposal", i, proposal.map(|p| p.text.as_str()))
            }
            "positions" => {
                match proposal
                    .and_then(|p| p.positions.get(i))
                    .and_then(|p| w.person(p.person))
                {
                    Some(p) => format!("the position of {}", quoted(&p.name)),
                    None => format!("the {} position", ordinal(i + 1)),
                }
            }
            "reports" => named(
                "report",
                i,
                engagement.reports.get(i).map(|r| r.name.as_str()),
            ),
            "needs" => named(
                "client need",
                i,
                engagement.needs.get(i).map(|n| n.title.as_str()),
            ),
            "compliance" => named(
                "compliance item",
                i,
                engagement.compliance.get(i).map(|c| c.rule.as_str()),
            ),
            "rate_card" => named(
                "rate card role",
                i,
                engagement.pricing.rate_card.get(i).map(|r| r.name.as_str()),
            ),
            "worksheets" => {
                worksheet = engagement.pricing.worksheets.get(i);
                named("worksheet", i, worksheet.map(|ws| ws.name.as_str()))
            }
            "lines" => {
                line = worksheet.and_then(|ws| ws.lines.get(i));
                numbered("line", i, line.map(|l| l.name.as_str()))
            }
            "expenses" => named(
                "expense",
                i,
                line.and_then(|l| l.expenses.get(i))
                    .map(|x| x.name.as_str()),
            ),
            "log" => format!("the {} entry of the approval log", ordinal(i + 1)),
            other => format!("the {} entry of the {}", ordinal(i + 1), field(other)),
        };
        frames.push(frame);
    }
    place(&frames)
}

/// `lines[2]` as `("lines", Some(2))`, `name` as `("name", None)`.
fn split_index(segment: &str) -> (&str, Option<usize>) {
    match segment.strip_suffix(']').and_then(|s| s.split_once('[')) {
        Some((key, index)) => match index.parse() {
            Ok(i) => (key, Some(i)),
            Err(_) => (segment, None),
        },
        None => (segment, None),
    }
}

/// The field a path ends in, in words: `people[0].capacity` is "capacity".
pub(crate) fn field_of(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    field(split_index(last).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_english() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }

    #[test]
    fn places_read_from_the_outside_in() {
        let frames = [
            "engagement \"W\"".to_string(),
            "worksheet \"Base\"".to_string(),
            "line 2 \"Design\"".to_string(),
        ];
        assert_eq!(
            place(&frames),
            "engagement \"W\", line 2 \"Design\" of worksheet \"Base\""
        );
        assert_eq!(place(&frames[..1]), "engagement \"W\"");
        assert_eq!(place(&[]), "");
        assert_eq!(named("person", 2, Some("\u{200b} ")), "the 3rd person");
        assert_eq!(numbered("line", 0, None), "line 1");
    }

    #[test]
    fn quantities_are_grouped_and_trimmed() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_000_000_000_000_000), "1,000,000,000,000,000");
        assert_eq!(hours(Hours(16_800)), "168");
        assert_eq!(hours(Hours(10_000_001)), "100,000.01");
        assert_eq!(hours(Hours(3_750)), "37.5");
        assert_eq!(percent(Bps(10_000)), "100 %");
        assert_eq!(percent(Bps(9_999)), "99.99 %");
        assert_eq!(percent(Bps(1_000_000)), "10,000 %");
        assert_eq!(percent(Bps(-5)), "-0.05 %");
        assert_eq!(percent(Bps(250)), "2.5 %");
        assert_eq!(count_problems(1), "one problem");
        assert_eq!(count_problems(1_200), "1,200 problems");
    }
}
