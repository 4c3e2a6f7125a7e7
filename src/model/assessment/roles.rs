//! The checks of who does what: 1 (one accountable owner per function), 2 (the PM's
//! default), 3 (a contracted engagement's formality), 4 (in-house documentation),
//! 9 (nobody overloaded across the portfolio) and 13 (a sales role or champion).

use super::{join_and, plural, Assessor, Check, Severity, Subject, View};
use crate::model::engagement::*;
use crate::model::people::StakeholderGroup;
use crate::model::units::Hours;
use std::collections::BTreeSet;

impl Assessor<'_, '_> {
    /// Checks 1 and 2 for each function, and check 3's owners in a contracted engagement.
    ///
    /// A function without an Accountable is reported once: by check 3 if it is a
    /// function a contracted engagement requires an owner for (the PM's default does not
    /// satisfy that rule), by check 1 if there is no PM for it to fall to (nobody has
    /// final authority), and otherwise by check 2 until the PM accepts it.
    pub(super) fn functions(&mut self) {
        let e = self.e;
        let pm = e.pm;
        for f in &e.functions {
            let owners = self.accountable_for(f.id).to_vec();
            if owners.len() > 1 {
                let names: Vec<&str> = owners.iter().map(|&p| self.name(p)).collect();
                self.push(
                    Severity::Critical,
                    Check::OneAccountable,
                    Subject::Function(f.id),
                    format!(
                        "{} has {} accountable owners ({}); a function has exactly one final authority.",
                        f.name,
                        owners.len(),
                        join_and(&names)
                    ),
                    format!(
                        "On the {} view, keep one of them Accountable for {} and make the others Responsible.",
                        View::Roles.label(),
                        f.name
                    ),
                );
                continue;
            }
            if !owners.is_empty() {
                continue;
            }
            if self.contracted() && f.kind.required_when_contracted() {
                let accepted = pm.is_some() && e.pm_accepted.contains_key(&f.id);
                let why = if accepted {
                    " The PM's acceptance does not count here: a contracted engagement needs a formal owner."
                } else {
                    ""
                };
                self.push(
                    Severity::Critical,
                    Check::ContractedFormality,
                    Subject::Function(f.id),
                    format!(
                        "{} has no accountable owner, and a contracted engagement must handle {} matters formally.{why}",
                        f.name,
                        contracted_matter(f.kind)
                    ),
                    format!(
                        "On the {} view, make one person Accountable for {}.",
                        View::Roles.label(),
                        f.name
                    ),
                );
                continue;
            }
            let named = matches!(
                f.kind,
                FunctionKind::EngagementManagement | FunctionKind::CustomerService
            );
            // A named engagement manager who is simply not recorded as Accountable is a
            // smaller gap than engagement management that nobody holds.
            let em_named = if f.kind == FunctionKind::EngagementManagement {
                e.engagement_manager
            } else {
                None
            };
            let severity = if named && em_named.is_none() {
                Severity::Critical
            } else {
                Severity::Warning
            };
            match pm {
                None => {
                    let message = match em_named {
                        Some(m) => format!(
                            "{} has no accountable owner, and there is no PM for it to fall to (although {} is named engagement manager).",
                            f.name,
                            self.name(m)
                        ),
                        None => format!(
                            "{} has no accountable owner, and there is no PM for it to fall to: nobody has final authority over it.",
                            f.name
                        ),
                    };
                    let fix = match em_named {
                        Some(m) => format!(
                            "On the {} view, make {} Accountable for {}.",
                            View::Roles.label(),
                            self.name(m),
                            f.name
                        ),
                        None => format!(
                            "On the {} view, make one person Accountable for {}, or name a PM on the {} view who then accepts it.",
                            View::Roles.label(),
                            f.name,
                            View::Overview.label()
                        ),
                    };
                    self.push(
                        severity,
                        Check::OneAccountable,
                        Subject::Function(f.id),
                        message,
                        fix,
                    );
                }
                Some(pm) if !e.pm_accepted.contains_key(&f.id) => {
                    let pm_name = self.name(pm);
                    let mut message = format!(
                        "{} has no accountable owner, so it falls to the PM ({pm_name}) by default, and {pm_name} has not accepted it.",
                        f.name
                    );
                    if let Some(m) = em_named {
                        message.push_str(&format!(
                            " {} is named engagement manager but is not Accountable for it.",
                            self.name(m)
                        ));
                    } else if named {
                        message
                            .push_str(" If the PM expects someone else to handle it, nobody will.");
                    }
                    let fix = match em_named {
                        Some(m) => format!(
                            "On the {} view, make {} Accountable for {}, or have {pm_name} accept it as PM by default.",
                            View::Roles.label(),
                            self.name(m),
                            f.name
                        ),
                        None => format!(
                            "On the {} view, make one person Accountable for {}, or have {pm_name} accept it as PM by default.",
                            View::Roles.label(),
                            f.name
                        ),
                    };
                    self.push(
                        severity,
                        Check::PmDefault,
                        Subject::Function(f.id),
                        message,
                        fix,
                    );
                }
                // Accepted by the PM: the default is known and wanted.
                Some(_) => {}
            }
        }
    }

    /// Check 2 at the engagement level: a PM to fall back on, and an engagement manager.
    pub(super) fn leadership(&mut self) {
        let e = self.e;
        if e.pm.is_none() {
            // With every function owned nothing falls to the missing PM yet, but the
            // project still has no one managing it.
            let unowned = e
                .functions
                .iter()
                .filter(|f| self.accountable_for(f.id).is_empty())
                .count();
            let (severity, message) = if unowned > 0 {
                (
                    Severity::Critical,
                    format!(
                        "No PM is named, so the {unowned} function{} without an accountable owner fall{} to nobody.",
                        plural(unowned),
                        if unowned == 1 { "s" } else { "" }
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    "No PM is named; work that nobody owns would fall to nobody.".to_string(),
                )
            };
            self.push(
                severity,
                Check::PmDefault,
                Subject::Engagement,
                message,
                format!("On the {} view, name the PM.", View::Overview.label()),
            );
        }
        if e.engagement_manager.is_some() {
            return;
        }
        let em_functions: Vec<&Function> = e
            .functions
            .iter()
            .filter(|f| f.kind == FunctionKind::EngagementManagement)
            .collect();
        let holder = em_functions
            .iter()
            .find_map(|f| self.accountable_for(f.id).first().copied())
            .or_else(|| {
                e.pm.filter(|_| {
                    em_functions
                        .iter()
                        .any(|f| e.pm_accepted.contains_key(&f.id))
                })
            });
        let fix_name = |who: &str| {
            format!(
                "On the {} view, name {who} engagement manager.",
                View::Overview.label()
            )
        };
        match holder {
            Some(p) => {
                let name = self.name(p);
                self.push(
                    Severity::Advice,
                    Check::PmDefault,
                    Subject::Engagement,
                    format!(
                        "No engagement manager is named, although {name} holds engagement management."
                    ),
                    fix_name(name),
                );
            }
            // An engagement management function that nobody holds is already reported
            // for that function; only a plan without one needs saying here.
            None if em_functions.is_empty() => {
                let (message, fix) = match e.pm {
                    Some(pm) => (
                        format!(
                            "No engagement manager is named and there is no engagement management function, so holding the engagement together falls to the PM ({}) without anyone saying so.",
                            self.name(pm)
                        ),
                        fix_name("someone (it may be the PM)"),
                    ),
                    None => (
                        "No engagement manager is named and there is no engagement management function: nobody holds the engagement together.".to_string(),
                        fix_name("someone"),
                    ),
                };
                self.push(
                    Severity::Critical,
                    Check::PmDefault,
                    Subject::Engagement,
                    message,
                    fix,
                );
            }
            None => {}
        }
    }

    /// Check 3 at the engagement level: required functions exist; the agreement is formal.
    pub(super) fn contracted_formality(&mut self) {
        if !self.contracted() {
            return;
        }
        for kind in FunctionKind::NINE {
            if kind.required_when_contracted() && self.e.function_of_kind(kind).is_none() {
                self.push(
                    Severity::Critical,
                    Check::ContractedFormality,
                    Subject::Functions,
                    format!(
                        "This contracted engagement has no {} function, so nobody owns its {} matters.",
                        kind.default_name(),
                        contracted_matter(kind)
                    ),
                    format!(
                        "On the {} view, restore the {} function and make one person Accountable for it.",
                        View::Roles.label(),
                        kind.default_name()
                    ),
                );
            }
        }
        if !self.e.agreement_formal {
            // While the deal is still being made an informal agreement is expected; once
            // the work is under way it is a source of needless conflict.
            let severity = if self.delivering() {
                Severity::Critical
            } else {
                Severity::Warning
            };
            self.push(
                severity,
                Check::ContractedFormality,
                Subject::Engagement,
                format!(
                    "The agreement of this contracted engagement is not recorded as formal{}.",
                    if self.delivering() {
                        ", although the work is under way"
                    } else {
                        ""
                    }
                ),
                format!(
                    "Put the agreement in a formal, precise contract, then mark it formal on the {} view.",
                    View::Overview.label()
                ),
            );
        }
    }

    /// Check 4: in-house, a qualified person is accountable for documenting agreements.
    pub(super) fn in_house(&mut self) {
        if self.contracted() {
            return;
        }
        let fix = format!(
            "On the {} view, name the PM, someone from the PMO or quality management, or the person Accountable for quality management as the agreement documenter.",
            View::Overview.label()
        );
        match self.e.agreement_documenter {
            None => self.push(
                Severity::Warning,
                Check::InHouseDocumentation,
                Subject::Engagement,
                "Nobody is accountable for documenting agreements; in-house, no contract forces it.".to_string(),
                fix,
            ),
            Some(p) => {
                let qualified = self.e.pm == Some(p)
                    || self.person(p).is_some_and(|p| {
                        matches!(
                            p.group,
                            StakeholderGroup::Pmo | StakeholderGroup::QualityManagement
                        )
                    })
                    || self.accountable_for_kind(p, FunctionKind::QualityManagement);
                if !qualified {
                    self.push(
                        Severity::Warning,
                        Check::InHouseDocumentation,
                        Subject::Engagement,
                        format!(
                            "{} documents agreements but is not the PM, not in the PMO or quality management, and not Accountable for quality management.",
                            self.name(p)
                        ),
                        fix,
                    );
                }
            }
        }
    }

    /// Check 9: everyone assigned here can give the hours they have across the portfolio.
    pub(super) fn overload(&mut self) {
        let e = self.e;
        let mut seen = BTreeSet::new();
        for (p, _) in e.weekly_hours() {
            if !seen.insert(p) {
                continue;
            }
            let Some(person) = self.person(p) else {
                continue;
            };
            let Some((total, per)) = self.index.load.get(&p) else {
                continue;
            };
            if *total <= person.capacity {
                continue;
            }
            let engagements = self.index.w.engagements.as_slice();
            let parts: Vec<String> = per
                .iter()
                .map(|&(i, h)| format!("{} {h} h", engagements[i].name))
                .collect();
            let capacity = if person.capacity == Hours(0) {
                "has no capacity set (0 h a week)".to_string()
            } else {
                format!("can give {} h a week", person.capacity)
            };
            self.push(
                Severity::Critical,
                Check::Overload,
                Subject::Person(person.id),
                format!(
                    "{} is assigned {total} h a week but {capacity}: {}.",
                    person.name,
                    parts.join(", ")
                ),
                format!(
                    "On the {} view, raise {}'s capacity if it is really available, or move some of the hours to someone else on the {} view.",
                    View::People.label(),
                    person.name,
                    View::Roles.label()
                ),
            );
        }
    }

    /// Check 13: a sales role or champion is named.
    pub(super) fn sales_role(&mut self) {
        if self.e.champion.is_some() || self.sales_staffed {
            return;
        }
        let sales = self
            .e
            .function_of_kind(FunctionKind::SalesMarketing)
            .map_or(FunctionKind::SalesMarketing.default_name(), |f| {
                f.name.as_str()
            });
        let (message, fix) = if self.contracted() {
            (
                "No sales role is named: nobody leads on the client's and sponsors' expectations and on pricing.".to_string(),
                format!(
                    "On the {} view, name the sales role, or on the {} view make someone Responsible for {sales}.",
                    View::Overview.label(),
                    View::Roles.label()
                ),
            )
        } else {
            (
                "No champion is named: nobody advocates the in-house solution to sponsors and clients over vendor alternatives.".to_string(),
                format!(
                    "On the {} view, name a champion or advocate, or on the {} view make someone Responsible for {sales}.",
                    View::Overview.label(),
                    View::Roles.label()
                ),
            )
        };
        self.push(
            Severity::Warning,
            Check::SalesRole,
            Subject::Engagement,
            message,
            fix,
        );
    }
}

/// What a contracted engagement must handle formally through a function of this kind.
fn contracted_matter(kind: FunctionKind) -> &'static str {
    match kind {
        FunctionKind::Procurement => "procurement",
        FunctionKind::Legal => "legal",
        FunctionKind::AdministrationFinance => "accounting",
        _ => "its",
    }
}
