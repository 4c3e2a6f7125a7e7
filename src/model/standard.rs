//! The organization's standard process (docs/DOMAIN.md, "Assess and define the process":
//! assess and define the process "for one project, or better across the organization").
//!
//! The standard is what the organization has defined for every engagement of a kind: the
//! functions, the decision areas with their methods, the reports it requires and the
//! groups that must sign off the process. It has an in-house and a contracted variant,
//! as the templates do; a new engagement starts from its variant, and every engagement
//! is compared with it: each place where it departs is a [`Departure`], shown as a
//! finding (check 16) with two ways out, "apply the standard here" or accept the
//! departure with a reason. Departures are derived, never stored; only acceptances are.
//!
//! A PMO defines the standard by defining the process on one engagement with the usual
//! views and then making that engagement's process the standard of its kind
//! ([`Action::AdoptStandard`](super::Action)); the built-in standard is the templates'.

use super::engagement::*;
use super::ids::*;
use super::input::text;
use super::people::StakeholderGroup;
use super::workspace::{Validator, Workspace, ITEMS_MAX};
use super::{Action, DecisionEdit, ModelError, ReportEdit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The organization's standard: one process for in-house projects and one for
/// contracted engagements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    pub in_house: Process,
    pub contracted: Process,
}

impl Default for Standard {
    fn default() -> Self {
        Standard::built_in()
    }
}

/// The standard process of one kind of engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Process {
    pub functions: Vec<StandardFunction>,
    pub decisions: Vec<StandardDecision>,
    pub reports: Vec<StandardReport>,
    /// The groups whose sign-off of the process the standard requires (check 14).
    pub signoffs: BTreeSet<SignOffParty>,
}

/// A function the standard requires, by kind (one of the nine) and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardFunction {
    pub kind: FunctionKind,
    pub name: String,
}

/// A decision area the standard requires, and how it is decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardDecision {
    pub kind: DecisionKind,
    pub name: String,
    pub method: Option<DecisionMethod>,
}

/// A report the standard requires: to whom and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardReport {
    pub name: String,
    pub audience: BTreeSet<StakeholderGroup>,
    pub frequency: Option<Frequency>,
}

impl Standard {
    /// The standard an organization has before it defines its own: the templates'
    /// processes, and every group's sign-off.
    pub fn built_in() -> Standard {
        Standard {
            in_house: Process::built_in(false),
            contracted: Process::built_in(true),
        }
    }

    /// Whether this is the built-in standard (which a document leaves out).
    pub fn is_built_in(&self) -> bool {
        *self == Standard::built_in()
    }

    /// The variant for an engagement of this relationship.
    pub fn process(&self, relationship: Relationship) -> &Process {
        match relationship {
            Relationship::InHouse => &self.in_house,
            Relationship::Contracted => &self.contracted,
        }
    }

    pub(crate) fn process_mut(&mut self, relationship: Relationship) -> &mut Process {
        match relationship {
            Relationship::InHouse => &mut self.in_house,
            Relationship::Contracted => &mut self.contracted,
        }
    }
}

impl Process {
    fn built_in(contracted: bool) -> Process {
        let decision = |kind: DecisionKind, method| StandardDecision {
            kind,
            name: kind.default_name().to_string(),
            method: Some(method),
        };
        Process {
            functions: FunctionKind::NINE
                .iter()
                .map(|&kind| StandardFunction {
                    kind,
                    name: kind.default_name().to_string(),
                })
                .collect(),
            decisions: vec![
                decision(
                    DecisionKind::ScopeChange,
                    if contracted {
                        DecisionMethod::Authority
                    } else {
                        DecisionMethod::Consensus
                    },
                ),
                decision(DecisionKind::FinalDeal, DecisionMethod::Authority),
                decision(DecisionKind::Acceptance, DecisionMethod::Authority),
                decision(DecisionKind::Escalation, DecisionMethod::Authority),
            ],
            reports: vec![
                StandardReport {
                    name: "Status report".to_string(),
                    audience: BTreeSet::from([StakeholderGroup::Client, StakeholderGroup::Sponsor]),
                    frequency: Some(Frequency::Weekly),
                },
                StandardReport {
                    name: "Steering committee report".to_string(),
                    audience: BTreeSet::from([StakeholderGroup::Sponsor]),
                    frequency: Some(Frequency::Monthly),
                },
            ],
            signoffs: SignOffParty::ALL.into_iter().collect(),
        }
    }

    /// An engagement's process as a standard: its functions, decision areas with their
    /// methods and reports with their audience and frequency; the sign-offs are kept.
    fn of(e: &Engagement, signoffs: BTreeSet<SignOffParty>) -> Process {
        Process {
            functions: e
                .functions
                .iter()
                .map(|f| StandardFunction {
                    kind: f.kind,
                    name: f.name.clone(),
                })
                .collect(),
            decisions: e
                .decisions
                .iter()
                .map(|d| StandardDecision {
                    kind: d.kind,
                    name: d.name.clone(),
                    method: d.method,
                })
                .collect(),
            reports: e
                .reports
                .iter()
                .map(|r| StandardReport {
                    name: r.name.clone(),
                    audience: r.audience.clone(),
                    frequency: r.frequency,
                })
                .collect(),
            signoffs,
        }
    }
}

/// The words "in-house" or "contracted" for a variant.
pub fn variant_label(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::InHouse => "in-house",
        Relationship::Contracted => "contracted",
    }
}

/// Which item of the standard an engagement departs from, and how; named by the
/// standard item's name, so an acceptance survives ids changing on import.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartureKey {
    /// The engagement has no function of the standard's.
    FunctionMissing(String),
    /// One of the nine functions goes by another name here.
    FunctionRenamed(String),
    DecisionMissing(String),
    DecisionRenamed(String),
    /// A decision area is decided by another method (or none) here.
    MethodDiffers(String),
    ReportMissing(String),
    /// A report goes out at another frequency (or none) here.
    FrequencyDiffers(String),
}

impl DepartureKey {
    /// The standard item's name the departure is about.
    pub fn item(&self) -> &str {
        match self {
            DepartureKey::FunctionMissing(n)
            | DepartureKey::FunctionRenamed(n)
            | DepartureKey::DecisionMissing(n)
            | DepartureKey::DecisionRenamed(n)
            | DepartureKey::MethodDiffers(n)
            | DepartureKey::ReportMissing(n)
            | DepartureKey::FrequencyDiffers(n) => n,
        }
    }
}

/// A departure the engagement's people have accepted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedDeparture {
    pub key: DepartureKey,
    pub reason: String,
}

/// What an engagement's departure concerns, so the finding can link to where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepartureSubject {
    Functions,
    Function(FunctionId),
    Decisions,
    Decision(DecisionId),
    Reporting,
    Report(ReportId),
}

/// One place where an engagement departs from the standard of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    pub key: DepartureKey,
    pub subject: DepartureSubject,
    /// What differs, with names: "Scope change is decided by consensus here; the
    /// standard decides it by authority."
    pub message: String,
    /// The reason given when the departure was accepted; `None` while it is open.
    pub accepted: Option<String>,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn method_words(m: Option<DecisionMethod>) -> String {
    m.map_or("with no method".to_string(), |m| {
        format!("by {}", m.label().to_lowercase())
    })
}

fn frequency_words(f: Option<Frequency>) -> String {
    f.map_or("with no frequency".to_string(), |f| {
        f.label().to_lowercase()
    })
}

/// The engagement's function that stands for the standard's: the one of its kind, or
/// for a function the organization added, the one of its name.
fn matching_function<'a>(e: &'a Engagement, s: &StandardFunction) -> Option<&'a Function> {
    if s.kind == FunctionKind::Custom {
        e.functions
            .iter()
            .find(|f| f.kind == FunctionKind::Custom && same_name(&f.name, &s.name))
    } else {
        e.function_of_kind(s.kind)
    }
}

fn matching_decision<'a>(e: &'a Engagement, s: &StandardDecision) -> Option<&'a DecisionArea> {
    e.decisions.iter().find(|d| {
        if s.kind == DecisionKind::Custom {
            d.kind == DecisionKind::Custom && same_name(&d.name, &s.name)
        } else {
            d.kind == s.kind
        }
    })
}

fn matching_report<'a>(e: &'a Engagement, s: &StandardReport) -> Option<&'a Report> {
    e.reports.iter().find(|r| same_name(&r.name, &s.name))
}

/// Every place where the engagement departs from the standard of its kind, in the
/// standard's order (functions, decision areas, reports), accepted ones included.
pub fn departures(w: &Workspace, e: &Engagement) -> Vec<Departure> {
    let standard = w.standard.process(e.relationship);
    let mut out = Vec::new();
    let mut push = |key: DepartureKey, subject, message: String| {
        let accepted = e
            .accepted_departures
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.reason.clone());
        out.push(Departure {
            key,
            subject,
            message,
            accepted,
        });
    };
    for s in &standard.functions {
        match matching_function(e, s) {
            None => push(
                DepartureKey::FunctionMissing(s.name.clone()),
                DepartureSubject::Functions,
                format!("The standard's function {} is missing.", s.name),
            ),
            Some(f) if !same_name(&f.name, &s.name) => push(
                DepartureKey::FunctionRenamed(s.name.clone()),
                DepartureSubject::Function(f.id),
                format!(
                    "The function the standard calls {} is called \u{201c}{}\u{201d} here.",
                    s.name, f.name
                ),
            ),
            Some(_) => {}
        }
    }
    for s in &standard.decisions {
        let Some(d) = matching_decision(e, s) else {
            push(
                DepartureKey::DecisionMissing(s.name.clone()),
                DepartureSubject::Decisions,
                format!("The standard's decision area {} is missing.", s.name),
            );
            continue;
        };
        if !same_name(&d.name, &s.name) {
            push(
                DepartureKey::DecisionRenamed(s.name.clone()),
                DepartureSubject::Decision(d.id),
                format!(
                    "The decision area the standard calls {} is called \u{201c}{}\u{201d} here.",
                    s.name, d.name
                ),
            );
        }
        if s.method.is_some() && d.method != s.method {
            push(
                DepartureKey::MethodDiffers(s.name.clone()),
                DepartureSubject::Decision(d.id),
                format!(
                    "{} is decided {} here; the standard decides it {}.",
                    d.name,
                    method_words(d.method),
                    method_words(s.method)
                ),
            );
        }
    }
    for s in &standard.reports {
        match matching_report(e, s) {
            None => push(
                DepartureKey::ReportMissing(s.name.clone()),
                DepartureSubject::Reporting,
                format!("The standard's report {} is missing.", s.name),
            ),
            Some(r) if s.frequency.is_some() && r.frequency != s.frequency => push(
                DepartureKey::FrequencyDiffers(s.name.clone()),
                DepartureSubject::Report(r.id),
                format!(
                    "{} goes out {} here; the standard sends it {}.",
                    r.name,
                    frequency_words(r.frequency),
                    frequency_words(s.frequency)
                ),
            ),
            Some(_) => {}
        }
    }
    out
}

/// How many of the engagement's departures are open (not accepted).
pub fn open_departures(w: &Workspace, e: &Engagement) -> usize {
    departures(w, e)
        .iter()
        .filter(|d| d.accepted.is_none())
        .count()
}

/// What to do about a departure, in words, for the finding's fix.
pub fn fix_words(key: &DepartureKey) -> String {
    let what = match key {
        DepartureKey::FunctionMissing(n) => format!("add the function {n}"),
        DepartureKey::FunctionRenamed(n) => format!("rename the function to {n}"),
        DepartureKey::DecisionMissing(n) => format!("add the decision area {n}"),
        DepartureKey::DecisionRenamed(n) => format!("rename the decision area to {n}"),
        DepartureKey::MethodDiffers(n) => format!("decide {n} by the standard's method"),
        DepartureKey::ReportMissing(n) => format!("add the report {n}"),
        DepartureKey::FrequencyDiffers(n) => format!("send {n} as often as the standard says"),
    };
    format!(
        "Apply the standard here ({what}), or accept the departure with a reason if this engagement needs it."
    )
}

impl Workspace {
    /// Brings one item of an engagement in line with the standard, through
    /// [`Workspace::apply`]: a missing item is added with the standard's name, method or
    /// frequency and audience; a renamed one is renamed; a differing method or frequency
    /// is set to the standard's.
    fn fix_departure(
        &mut self,
        engagement: EngagementId,
        key: &DepartureKey,
    ) -> Result<(), ModelError> {
        let e = self
            .engagement(engagement)
            .ok_or(ModelError::UnknownEngagement(engagement))?;
        let standard = self.standard.process(e.relationship).clone();
        let gone = || ModelError::NotADeparture(key.item().to_string());
        let e = |w: &Workspace| w.engagement(engagement).cloned().ok_or_else(gone);
        match key {
            DepartureKey::FunctionMissing(n) | DepartureKey::FunctionRenamed(n) => {
                let s = standard
                    .functions
                    .iter()
                    .find(|s| &s.name == n)
                    .ok_or_else(gone)?;
                if matching_function(&e(self)?, s).is_none() {
                    self.apply(if s.kind == FunctionKind::Custom {
                        Action::AddFunction {
                            engagement,
                            name: s.name.clone(),
                        }
                    } else {
                        Action::RestoreFunction {
                            engagement,
                            kind: s.kind,
                        }
                    })?;
                }
                let current = e(self)?;
                let f = matching_function(&current, s).ok_or_else(gone)?;
                if f.name != s.name {
                    self.apply(Action::RenameFunction {
                        engagement,
                        function: f.id,
                        name: s.name.clone(),
                    })?;
                }
            }
            DepartureKey::DecisionMissing(n)
            | DepartureKey::DecisionRenamed(n)
            | DepartureKey::MethodDiffers(n) => {
                let s = standard
                    .decisions
                    .iter()
                    .find(|s| &s.name == n)
                    .ok_or_else(gone)?;
                let missing = matching_decision(&e(self)?, s).is_none();
                if missing {
                    self.apply(if s.kind == DecisionKind::Custom {
                        Action::AddDecisionArea {
                            engagement,
                            name: s.name.clone(),
                        }
                    } else {
                        Action::RestoreDecisionArea {
                            engagement,
                            kind: s.kind,
                        }
                    })?;
                }
                let current = e(self)?;
                let d = matching_decision(&current, s).ok_or_else(gone)?;
                let rename = missing || matches!(key, DepartureKey::DecisionRenamed(_));
                if rename && d.name != s.name {
                    self.apply(Action::EditDecisionArea {
                        engagement,
                        decision: d.id,
                        edit: DecisionEdit::Name(s.name.clone()),
                    })?;
                }
                let method = missing || matches!(key, DepartureKey::MethodDiffers(_));
                if method && s.method.is_some() && d.method != s.method {
                    self.apply(Action::EditDecisionArea {
                        engagement,
                        decision: d.id,
                        edit: DecisionEdit::Method(s.method),
                    })?;
                }
            }
            DepartureKey::ReportMissing(n) | DepartureKey::FrequencyDiffers(n) => {
                let s = standard
                    .reports
                    .iter()
                    .find(|s| &s.name == n)
                    .ok_or_else(gone)?;
                let missing = matching_report(&e(self)?, s).is_none();
                if missing {
                    self.apply(Action::AddReport {
                        engagement,
                        name: s.name.clone(),
                    })?;
                }
                let current = e(self)?;
                let r = matching_report(&current, s).ok_or_else(gone)?;
                if missing {
                    self.apply(Action::EditReport {
                        engagement,
                        report: r.id,
                        edit: ReportEdit::Audience(s.audience.clone()),
                    })?;
                }
                if s.frequency.is_some() && r.frequency != s.frequency {
                    self.apply(Action::EditReport {
                        engagement,
                        report: r.id,
                        edit: ReportEdit::Frequency(s.frequency),
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Brings an engagement in line with the standard: one departure, or every open one
    /// (accepted departures stay as they are). Each step goes through [`Workspace::apply`];
    /// a step the model refuses refuses the whole, and the workspace is then unchanged.
    pub(crate) fn apply_standard(
        &mut self,
        engagement: EngagementId,
        only: Option<DepartureKey>,
    ) -> Result<(), ModelError> {
        let e = self
            .engagement(engagement)
            .ok_or(ModelError::UnknownEngagement(engagement))?;
        let current = departures(self, e);
        let keys: Vec<DepartureKey> = match only {
            Some(key) => {
                if !current.iter().any(|d| d.key == key) {
                    return Err(ModelError::NotADeparture(key.item().to_string()));
                }
                vec![key]
            }
            None => current
                .into_iter()
                .filter(|d| d.accepted.is_none())
                .map(|d| d.key)
                .collect(),
        };
        let mut next = self.clone();
        for key in &keys {
            next.fix_departure(engagement, key)?;
        }
        let e = next.engagement_mut(engagement)?;
        e.accepted_departures.retain(|a| !keys.contains(&a.key));
        *self = next;
        Ok(())
    }

    /// Accepts a departure of an engagement, with the reason for it.
    pub(crate) fn accept_departure(
        &mut self,
        engagement: EngagementId,
        key: DepartureKey,
        reason: &str,
    ) -> Result<(), ModelError> {
        let reason = text(reason.trim(), "reason")?;
        if reason.is_empty() {
            return Err(ModelError::NoReason);
        }
        let e = self
            .engagement(engagement)
            .ok_or(ModelError::UnknownEngagement(engagement))?;
        if !departures(self, e).iter().any(|d| d.key == key) {
            return Err(ModelError::NotADeparture(key.item().to_string()));
        }
        let e = self.engagement_mut(engagement)?;
        e.accepted_departures.retain(|a| a.key != key);
        e.accepted_departures
            .push(AcceptedDeparture { key, reason });
        Ok(())
    }

    /// Takes back the acceptance of a departure; it is a finding again.
    pub(crate) fn withdraw_acceptance(
        &mut self,
        engagement: EngagementId,
        key: &DepartureKey,
    ) -> Result<(), ModelError> {
        let e = self.engagement_mut(engagement)?;
        let before = e.accepted_departures.len();
        e.accepted_departures.retain(|a| &a.key != key);
        if e.accepted_departures.len() == before {
            return Err(ModelError::NotADeparture(key.item().to_string()));
        }
        Ok(())
    }

    /// Makes an engagement's process the standard of its kind (in-house or contracted).
    pub(crate) fn adopt_standard(&mut self, from: EngagementId) -> Result<(), ModelError> {
        let e = self
            .engagement(from)
            .ok_or(ModelError::UnknownEngagement(from))?;
        let relationship = e.relationship;
        let signoffs = self.standard.process(relationship).signoffs.clone();
        let process = Process::of(e, signoffs);
        // The standard tells its items apart by name (an engagement need not).
        let twice = |names: Vec<&str>| {
            let mut seen = BTreeSet::new();
            names
                .into_iter()
                .find(|n| !seen.insert(n.trim().to_lowercase()))
                .map(str::to_string)
        };
        let clash = [
            (
                "functions",
                twice(process.functions.iter().map(|f| f.name.as_str()).collect()),
            ),
            (
                "decision areas",
                twice(process.decisions.iter().map(|d| d.name.as_str()).collect()),
            ),
            (
                "reports",
                twice(process.reports.iter().map(|r| r.name.as_str()).collect()),
            ),
        ];
        if let Some((what, Some(name))) = clash.into_iter().find(|(_, n)| n.is_some()) {
            return Err(ModelError::NamedTwice { what, name });
        }
        *self.standard.process_mut(relationship) = process;
        Ok(())
    }
}

/// Checks a standard read from a file: names as everywhere else, at most
/// [`ITEMS_MAX`] items of a kind, one function or decision
/// area per kind of the nine and the standard areas, and names that tell items apart.
pub(crate) fn check(v: &mut Validator, standard: &Standard) {
    for (variant, p) in [
        ("in_house", &standard.in_house),
        ("contracted", &standard.contracted),
    ] {
        let path = format!("standard.{variant}");
        v.count(&format!("{path}.functions"), p.functions.len(), ITEMS_MAX);
        v.count(&format!("{path}.decisions"), p.decisions.len(), ITEMS_MAX);
        v.count(&format!("{path}.reports"), p.reports.len(), ITEMS_MAX);
        let mut seen = BTreeSet::new();
        for (i, f) in p.functions.iter().enumerate() {
            let at = format!("{path}.functions[{i}].name");
            v.name(&at, &f.name);
            let kind_again =
                f.kind != FunctionKind::Custom && p.functions[..i].iter().any(|g| g.kind == f.kind);
            if !seen.insert(f.name.trim().to_lowercase()) || kind_again {
                v.problem(at, "the standard lists this function twice");
            }
        }
        let mut seen = BTreeSet::new();
        for (i, d) in p.decisions.iter().enumerate() {
            let at = format!("{path}.decisions[{i}].name");
            v.name(&at, &d.name);
            let kind_again =
                d.kind != DecisionKind::Custom && p.decisions[..i].iter().any(|g| g.kind == d.kind);
            if !seen.insert(d.name.trim().to_lowercase()) || kind_again {
                v.problem(at, "the standard lists this decision area twice");
            }
        }
        let mut seen = BTreeSet::new();
        for (i, r) in p.reports.iter().enumerate() {
            let at = format!("{path}.reports[{i}].name");
            v.name(&at, &r.name);
            if !seen.insert(r.name.trim().to_lowercase()) {
                v.problem(at, "the standard lists this report twice");
            }
        }
    }
}
