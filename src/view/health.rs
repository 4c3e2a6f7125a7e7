//! The Health view's words: the name of a finding's fix link, the count of findings of
//! a severity, and each check's result for this kind of engagement.

use crate::model::assessment::{Assessment, Check, Finding, Severity};
use crate::model::Relationship;

/// The accessible name of a finding's fix link: "Fix in Roles: Legal has no accountable
/// owner", the message up to its first full stop, so it names the finding without
/// reading the whole explanation.
pub fn fix_label(finding: &Finding) -> String {
    let message = finding.message.trim();
    let first = match message.find(". ") {
        Some(end) => &message[..end],
        None => message.trim_end_matches('.'),
    };
    // Keep the name short for a list of links, but cut only at a clause boundary
    // outside parentheses and quotes (a list of names or a title may contain commas).
    let mut depth = 0i32;
    let mut cut = None;
    for (i, c) in first.char_indices() {
        match c {
            '(' | '\u{201c}' => depth += 1,
            ')' | '\u{201d}' => depth -= 1,
            ',' if depth == 0 && i >= 12 && first[i..].starts_with(", ") => {
                cut = Some(i);
                break;
            }
            _ => {}
        }
    }
    let first = cut.map_or(first, |end| &first[..end]);
    format!("Fix in {}: {}", finding.subject.view().label(), first)
}

/// "2 critical", "1 warning", "3 advice": how many findings of a severity, in words.
pub fn count_words(n: usize, severity: Severity) -> String {
    match (severity, n) {
        (Severity::Critical, _) => format!("{n} critical"),
        (Severity::Warning, 1) => "1 warning".to_string(),
        (Severity::Warning, _) => format!("{n} warnings"),
        (Severity::Advice, _) => format!("{n} advice"),
    }
}

/// Whether a check applies to this kind of engagement at all.
pub fn applies(check: Check, relationship: Relationship) -> bool {
    match check {
        Check::ContractedFormality => relationship == Relationship::Contracted,
        Check::InHouseDocumentation => relationship == Relationship::InHouse,
        _ => true,
    }
}

/// A check's result in words, with its badge class.
pub fn check_result(
    check: Check,
    relationship: Relationship,
    assessment: &Assessment,
) -> (String, &'static str) {
    if !applies(check, relationship) {
        return (
            format!("– Not applicable ({})", relationship.label().to_lowercase()),
            "badge",
        );
    }
    let findings: Vec<&Finding> = assessment
        .findings
        .iter()
        .filter(|f| f.check == check)
        .collect();
    let worst = findings.iter().map(|f| f.severity).min();
    let n = findings.len();
    let plural = if n == 1 { "finding" } else { "findings" };
    match worst {
        None => ("✓ Passed".to_string(), "badge-ok"),
        Some(Severity::Advice) => (format!("✓ Passed, {n} advice"), "badge-ok"),
        Some(Severity::Warning) => (format!("! Failed: {n} {plural}"), "badge-warn"),
        Some(Severity::Critical) => (format!("✗ Failed: {n} {plural}"), "badge-danger"),
    }
}
