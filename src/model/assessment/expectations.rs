//! The checks of what the client expects: 10 (each need promised, bought, needed and
//! delivered consistently) and 12 (compliance).

use super::{join_and, Assessor, Check, Severity, Subject, View};
use crate::model::engagement::*;

impl Assessor<'_, '_> {
    /// Check 10: each need's four aspects agree.
    pub(super) fn needs(&mut self) {
        let e = self.e;
        let expectations = View::Expectations.label();
        for n in &e.needs {
            match n.status(e.stage) {
                NeedStatus::Mismatch(pairs) => {
                    // Delivering less than the rest is a problem of its own, with its
                    // own reason (the need is complete, or delivery is over) and fix.
                    let (short, pairs): (Vec<_>, Vec<_>) = pairs
                        .into_iter()
                        .partition(|&(_, less)| less == NeedAspect::Delivered);
                    if let (false, Some(due)) = (short.is_empty(), n.delivery_due(e.stage)) {
                        self.delivered_short(n, due, &short);
                    }
                    if pairs.is_empty() {
                        continue;
                    }
                    let parts: Vec<String> = pairs
                        .iter()
                        .map(|&(more, less)| {
                            format!(
                                "{} but {}",
                                covered(more, n.coverage(more), false),
                                covered(less, n.coverage(less), true)
                            )
                        })
                        .collect();
                    self.push(
                        Severity::Critical,
                        Check::NeedsConsistent,
                        Subject::Need(n.id),
                        format!("\u{201c}{}\u{201d} is {}.", n.title, parts.join("; ")),
                        format!(
                            "Bring what is promised, bought and delivered in line with what the client needs (renegotiate, change the scope or correct the record), then update \u{201c}{}\u{201d} on the {expectations} view.",
                            n.title
                        ),
                    );
                }
                NeedStatus::Incomplete(unknown) => {
                    // Early on, not knowing yet is normal; once the work is under way
                    // (or this need is marked complete) an unknown aspect hides a
                    // possible mismatch.
                    let severity = if self.delivering() || n.complete {
                        Severity::Warning
                    } else {
                        Severity::Advice
                    };
                    let aspects: Vec<&str> = unknown.iter().map(|&a| aspect_verb(a)).collect();
                    self.push(
                        severity,
                        Check::NeedsConsistent,
                        Subject::Need(n.id),
                        format!(
                            "For \u{201c}{}\u{201d} it is not recorded how far it is {}.",
                            n.title,
                            join_and(&aspects)
                        ),
                        format!(
                            "On the {expectations} view, record how far \u{201c}{}\u{201d} is {}.",
                            n.title,
                            join_and(&aspects)
                        ),
                    );
                }
                // Delivery under way is work in progress, not a problem: the
                // Expectations view shows it, the assessment does not.
                NeedStatus::InProgress(_)
                | NeedStatus::AwaitingDelivery
                | NeedStatus::Consistent => {}
            }
        }
    }

    /// Check 10, once delivery on a need is over: it was delivered less than promised
    /// (or bought, or needed). `short` are the (larger aspect, delivered) pairs.
    fn delivered_short(
        &mut self,
        n: &ClientNeed,
        due: DeliveryDue,
        short: &[(NeedAspect, NeedAspect)],
    ) {
        let expectations = View::Expectations.label();
        let larger: Vec<&str> = short.iter().map(|&(more, _)| aspect_verb(more)).collect();
        let larger_covered: Vec<String> = short
            .iter()
            .map(|&(more, _)| covered(more, n.coverage(more), false))
            .collect();
        let larger_covered: Vec<&str> = larger_covered.iter().map(String::as_str).collect();
        let detail = format!(
            "it is {}, though {}",
            covered(NeedAspect::Delivered, n.delivered, true),
            join_and(&larger_covered)
        );
        let than = join_and(&larger);
        let (message, fix) = match due {
            DeliveryDue::MarkedComplete => (
                format!(
                    "\u{201c}{}\u{201d} is marked complete but delivered less than {than}: {detail}.",
                    n.title
                ),
                format!(
                    "Deliver the rest of \u{201c}{}\u{201d}, or agree with the client that what was delivered is enough and record that in what is promised, bought and needed; if the work is not finished, clear \u{201c}complete\u{201d} for it on the {expectations} view.",
                    n.title
                ),
            ),
            DeliveryDue::InSupport => (
                format!(
                    "The engagement is in support and \u{201c}{}\u{201d} was delivered less than {than}: {detail}.",
                    n.title
                ),
                format!(
                    "Agree with the client how the rest of \u{201c}{}\u{201d} is delivered (for example as a follow-up order), or, if they accept what was delivered, record that in what is promised, bought and needed on the {expectations} view.",
                    n.title
                ),
            ),
        };
        self.push(
            Severity::Critical,
            Check::NeedsConsistent,
            Subject::Need(n.id),
            message,
            fix,
        );
    }

    /// Check 12: compliance items are owned and none is failing.
    pub(super) fn compliance(&mut self) {
        let e = self.e;
        let overview = View::Overview.label();
        for c in &e.compliance {
            if c.owner.is_none() {
                self.push(
                    Severity::Warning,
                    Check::Compliance,
                    Subject::Compliance(c.id),
                    format!("\u{201c}{}\u{201d} has no owner.", c.rule),
                    format!(
                        "On the {overview} view, name the person who owns \u{201c}{}\u{201d} and makes sure it is followed.",
                        c.rule
                    ),
                );
            }
            match c.status {
                ComplianceStatus::NotMet => self.push(
                    Severity::Critical,
                    Check::Compliance,
                    Subject::Compliance(c.id),
                    format!("\u{201c}{}\u{201d} is not met.", c.rule),
                    format!(
                        "Agree with {} how to meet \u{201c}{}\u{201d}, then update its status on the {overview} view.",
                        c.owner.map_or("its owner", |p| self.name(p)),
                        c.rule
                    ),
                ),
                ComplianceStatus::NotStarted if self.delivering() => self.push(
                    Severity::Warning,
                    Check::Compliance,
                    Subject::Compliance(c.id),
                    format!(
                        "\u{201c}{}\u{201d} has not been started, although the engagement is in {}.",
                        c.rule,
                        e.stage.label().to_lowercase()
                    ),
                    format!(
                        "Start work on \u{201c}{}\u{201d}, or mark it not applicable, on the {overview} view.",
                        c.rule
                    ),
                ),
                _ => {}
            }
        }
        if self.contracted() && e.compliance.is_empty() {
            self.push(
                Severity::Advice,
                Check::Compliance,
                Subject::Engagement,
                "This contracted engagement lists no compliance items (rules, protocols, regulations).".to_string(),
                format!(
                    "On the {overview} view, add the contract, data protection, billing and other rules the engagement must follow, each with an owner."
                ),
            );
        }
    }
}

/// "promised", "bought", … as used in "it is promised fully".
fn aspect_verb(aspect: NeedAspect) -> &'static str {
    match aspect {
        NeedAspect::Promised => "promised",
        NeedAspect::Bought => "bought",
        NeedAspect::Needed => "needed",
        NeedAspect::Delivered => "delivered",
    }
}

/// "promised fully", "needed partly"; on the lesser side of a mismatch "bought only
/// partly", "not delivered".
fn covered(aspect: NeedAspect, coverage: Coverage, lesser: bool) -> String {
    let verb = aspect_verb(aspect);
    match coverage {
        Coverage::Fully => format!("{verb} fully"),
        Coverage::Partly if lesser => format!("{verb} only partly"),
        Coverage::Partly => format!("{verb} partly"),
        Coverage::No => format!("not {verb}"),
        Coverage::Unknown => format!("{verb} to an unknown degree"),
    }
}
