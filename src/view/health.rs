//! The Health view's words: the name of a finding's fix link, the count of findings of
//! a severity, each check's result for this kind of engagement, and the words of the
//! departures from the organization's standard and of the standard itself.

use crate::model::assessment::{Assessment, Check, Finding, Severity};
use crate::model::standard::{fix_action, variant_label, StandardReport};
use crate::model::{DecisionMethod, DepartureKey, Engagement, Relationship};

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

// ---------------------------------------------------------------------------------
// Departures from the organization's standard (check 16) and the standard itself

/// A message up to its first full stop, without it: what a control's name repeats.
fn first_sentence(message: &str) -> &str {
    let message = message.trim();
    match message.find(". ") {
        Some(end) => &message[..end],
        None => message.trim_end_matches('.'),
    }
}

/// The accessible name of a departure's "Apply the standard here" button, unique among
/// the findings: "Apply the standard here: add the function Procurement".
pub fn apply_label(key: &DepartureKey) -> String {
    format!("Apply the standard here: {}", fix_action(key))
}

/// The accessible name of a departure's "Accept departure…" button: "Accept departure:
/// The standard's function Procurement is missing".
pub fn accept_label(message: &str) -> String {
    format!("Accept departure: {}", first_sentence(message))
}

/// The accessible name of an accepted departure's "Withdraw acceptance" button.
pub fn withdraw_label(message: &str) -> String {
    format!("Withdraw acceptance: {}", first_sentence(message))
}

/// What the status line says once a departure is fixed: "Applied the standard: add the
/// function Procurement."
pub fn applied_words(key: &DepartureKey) -> String {
    format!("Applied the standard: {}.", fix_action(key))
}

/// What the status line says once the whole standard is applied.
pub fn applied_all_words(n: usize, engagement: &str) -> String {
    match n {
        1 => format!("Applied the standard to {engagement}: 1 departure fixed."),
        n => format!("Applied the standard to {engagement}: {n} departures fixed."),
    }
}

/// A document id for a departure's controls, the same for the same departure on every
/// render: its kind, the standard item's name in letters and digits, and a hash of the
/// exact name, so two names that read alike never share an id.
pub fn departure_anchor(key: &DepartureKey) -> String {
    let kind = match key {
        DepartureKey::FunctionMissing(_) => "function-missing",
        DepartureKey::FunctionRenamed(_) => "function-renamed",
        DepartureKey::DecisionMissing(_) => "decision-missing",
        DepartureKey::DecisionRenamed(_) => "decision-renamed",
        DepartureKey::MethodDiffers(_) => "method-differs",
        DepartureKey::ReportMissing(_) => "report-missing",
        DepartureKey::FrequencyDiffers(_) => "frequency-differs",
    };
    let name = key.item();
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // FNV-1a over the name's bytes.
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("departure-{kind}-{slug}-{hash:08x}")
}

/// "Organization standard (in-house)": the standard section's heading.
pub fn standard_title(relationship: Relationship) -> String {
    format!("Organization standard ({})", variant_label(relationship))
}

/// How the standard decides an area, in words: "Authority", or "No method".
pub fn method_text(method: Option<DecisionMethod>) -> String {
    method.map_or("No method".to_string(), |m| m.label().to_string())
}

/// A standard report's frequency and audience in words: "Weekly, to Client and Sponsor".
pub fn report_text(report: &StandardReport) -> String {
    let how_often = report
        .frequency
        .map_or("No frequency", |f| f.label())
        .to_string();
    let audience: Vec<&str> = report.audience.iter().map(|g| g.label()).collect();
    match audience.as_slice() {
        [] => format!("{how_often}, no audience"),
        [one] => format!("{how_often}, to {one}"),
        [rest @ .., last] => format!("{how_often}, to {} and {last}", rest.join(", ")),
    }
}

/// What the confirmation of "Make this engagement's process the standard" says: what it
/// changes, and what it takes from the engagement.
pub fn adopt_warning(relationship: Relationship, e: &Engagement) -> String {
    let kind = variant_label(relationship);
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    format!(
        "This changes what every {kind} engagement is compared with and what new {kind} engagements start from: {engagement}'s {}, {} and {} become the standard. The sign-offs the standard requires stay as they are. Undo takes it back.",
        count(e.functions.len(), "function", "functions"),
        count(e.decisions.len(), "decision area", "decision areas"),
        count(e.reports.len(), "report", "reports"),
        engagement = e.name,
    )
}
