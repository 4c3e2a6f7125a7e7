//! Assessment: the checks of docs/DOMAIN.md ("What the planner checks") as a pure function
//! of the workspace.
//!
//! [`assess`] looks at one engagement (and, for overload, at the whole portfolio) and
//! returns [`Finding`]s. Each finding names the [`Check`] it comes from, the
//! [`Subject`] it concerns (so the UI can link to the [`View`] where it is fixed), says
//! concretely what is wrong using the names in the plan, and says what to do about it.
//!
//! Findings are derived, never stored: they are recomputed from the plan whenever the
//! UI asks, so they cannot disagree with it.
//!
//! Checks 7 and 8 (pricing input and margin) look at the deal's pricing worksheet
//! (see [`super::pricing`]), and check 11 compares the deal's net price with the
//! sponsors' expected benefits and budget.
//!
//! # Where the checks are
//! This module holds the types and [`assess`]; the checks themselves, each a method of
//! the assessor, are grouped by concern: `roles` (checks 1–4, 9 and 13), `governance`
//! (5, 6, 14 and 15), `pricing` (7, 8 and 11) and `expectations` (10 and 12).
//!
//! # Severities
//! - [`Severity::Critical`]: the engagement is likely to fail a stakeholder now:
//!   engagement management or customer service with nobody knowingly in charge, no PM,
//!   a contracted engagement without an owner for procurement, legal or finance, an
//!   overloaded person, a client need whose promise, purchase and need disagree (or
//!   whose delivery exceeds them, or falls short once delivery on it is over: the need
//!   is marked complete or the engagement is in support), a compliance item not met.
//! - [`Severity::Warning`]: a gap in the defined process that will cause trouble if it
//!   is left open (an unaccepted PM default, a decision without a method, a report
//!   without an owner, missing sign-offs, …).
//! - [`Severity::Advice`]: worth doing, but nothing is broken yet (a detail still
//!   unknown early on, a name recorded in one place but not the other).

use super::engagement::*;
use super::ids::*;
use super::people::Person;
use super::standard::{departures, fix_words, DepartureKey, DepartureSubject};
use super::units::{currency, format_money, Hours, Money};
use super::workspace::Workspace;
use crate::model::order;
use std::collections::{BTreeMap, HashMap};

mod expectations;
mod governance;
mod pricing;
mod roles;

/// How urgent a finding is. Ordered most severe first, so sorting puts criticals on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Likely to hurt a stakeholder now; fix first.
    Critical,
    /// A gap that will cause trouble if left open.
    Warning,
    /// Worth doing; nothing is broken yet.
    Advice,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Warning, Severity::Advice];

    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::Warning => "Warning",
            Severity::Advice => "Advice",
        }
    }
}

/// One check of docs/DOMAIN.md's "What the planner checks", numbered as there.
///
/// `PricingInput` (7) and `Margin` (8) look at the pricing worksheets (see
/// [`Check::needs_pricing`]). New checks get the next number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// 1. Every function has exactly one accountable owner.
    OneAccountable,
    /// 2. A function with no owner falls to the PM until the PM accepts it.
    PmDefault,
    /// 3. Contracted: procurement, legal and finance are owned; the agreement is formal.
    ContractedFormality,
    /// 4. In-house: the PM, a PMO or quality management documents agreements.
    InHouseDocumentation,
    /// 5. Every decision area has a method, and an authority is a named person.
    DecisionMethods,
    /// 6. Every report has an owner, audience and frequency; client and sponsor get one.
    Reporting,
    /// 7. Pricing has delivery input or a documented needs analysis (needs pricing).
    PricingInput,
    /// 8. The sales price leaves the target margin over delivery cost (needs pricing).
    Margin,
    /// 9. Nobody is assigned more hours than they can give, across all engagements.
    Overload,
    /// 10. Every client need is promised, bought, needed and delivered consistently.
    NeedsConsistent,
    /// 11. The sponsors' expected benefits cover the deal's price, within budget.
    SponsorValue,
    /// 12. Every compliance item has an owner and a status that is not a problem.
    Compliance,
    /// 13. A sales role or in-house champion is named.
    SalesRole,
    /// 14. Sales, customer service and delivery have signed off the defined process.
    ProcessSignOff,
    /// 15. Every decision area has a proposal in its log that passed or failed.
    DecisionsTaken,
    /// 16. The engagement follows the organization's standard, or says why not.
    Standard,
}

impl Check {
    /// Every check, in docs/DOMAIN.md's order.
    pub const ALL: [Check; 16] = [
        Check::OneAccountable,
        Check::PmDefault,
        Check::ContractedFormality,
        Check::InHouseDocumentation,
        Check::DecisionMethods,
        Check::Reporting,
        Check::PricingInput,
        Check::Margin,
        Check::Overload,
        Check::NeedsConsistent,
        Check::SponsorValue,
        Check::Compliance,
        Check::SalesRole,
        Check::ProcessSignOff,
        Check::DecisionsTaken,
        Check::Standard,
    ];

    /// The check's number in docs/DOMAIN.md's list.
    pub fn number(self) -> u8 {
        match self {
            Check::OneAccountable => 1,
            Check::PmDefault => 2,
            Check::ContractedFormality => 3,
            Check::InHouseDocumentation => 4,
            Check::DecisionMethods => 5,
            Check::Reporting => 6,
            Check::PricingInput => 7,
            Check::Margin => 8,
            Check::Overload => 9,
            Check::NeedsConsistent => 10,
            Check::SponsorValue => 11,
            Check::Compliance => 12,
            Check::SalesRole => 13,
            Check::ProcessSignOff => 14,
            Check::DecisionsTaken => 15,
            Check::Standard => 16,
        }
    }

    /// A short title for lists and headings.
    pub fn title(self) -> &'static str {
        match self {
            Check::OneAccountable => "One accountable owner per function",
            Check::PmDefault => "Unowned work falls to the PM",
            Check::ContractedFormality => "Contracted: formal agreement and owners",
            Check::InHouseDocumentation => "In-house: agreements documented",
            Check::DecisionMethods => "Decisions have a method and an authority",
            Check::Reporting => "Reports have an owner, audience and frequency",
            Check::PricingInput => "Pricing has delivery input",
            Check::Margin => "Price covers delivery cost",
            Check::Overload => "Nobody is overloaded",
            Check::NeedsConsistent => "Client needs are consistent",
            Check::SponsorValue => "Benefits cover the price, within budget",
            Check::Compliance => "Compliance items are owned",
            Check::SalesRole => "A sales role or champion is named",
            Check::ProcessSignOff => "The process is signed off",
            Check::DecisionsTaken => "Each decision area has a decision",
            Check::Standard => "The organization's standard is followed",
        }
    }

    /// The rule of docs/DOMAIN.md the check comes from, quoted or closely paraphrased.
    pub fn rule(self) -> &'static str {
        match self {
            Check::OneAccountable => {
                "Every function has exactly one accountable owner (final authority). Everyone \
                 must be clear about who is doing what and who has final authority."
            }
            Check::PmDefault => {
                "A function with no owner falls to the PM, shown as \u{201c}PM by default\u{201d}, \
                 and is flagged until the PM accepts it explicitly; engagement management and \
                 customer service are the ones the model names. If they are not identified and \
                 assigned they default to the PM: fine if the PM knows it and is competent, \
                 trouble if the PM expects someone else to handle them and nobody does."
            }
            Check::ContractedFormality => {
                "Contracted: procurement, legal and administration/finance each have an \
                 accountable owner, and the agreement is recorded as formal. Procurement, \
                 accounting and legal matters must be formal and precise, to avoid needless \
                 conflict and to manage the conflict that does arise."
            }
            Check::InHouseDocumentation => {
                "In-house: the PM, a PMO or quality management is accountable for documenting \
                 agreements. No legal requirement forces formality, so it takes more \
                 discipline: someone must make sure agreements are clearly documented and \
                 decisions are made objectively."
            }
            Check::DecisionMethods => {
                "Each decision area (scope change, final deal, acceptance, escalation, \u{2026}) \
                 has a method \u{2014} majority, consensus or authority \u{2014} and an authority \
                 has a named person. Engagement management or the sponsors decide the final \
                 deal."
            }
            Check::Reporting => {
                "Reporting: each report has an owner, an audience and a frequency; client and \
                 sponsor each receive at least one."
            }
            Check::PricingInput => {
                "Pricing has delivery input (collaborative) or a documented needs analysis \
                 (consultative), and the final deal is approved by the engagement manager or a \
                 sponsor."
            }
            Check::Margin => {
                "Sales price vs delivery-based cost: margin below the target is a disconnect. \
                 The target margin is the worksheet's own, else the default target margin; \
                 with neither, nothing can show a disconnect."
            }
            Check::Overload => {
                "A person's assigned hours above their capacity \u{2014} across all engagements \
                 \u{2014} is overload. Performers and managers must not be overburdened by \
                 impossible demands."
            }
            Check::NeedsConsistent => {
                "Every client need is promised, bought, needed and delivered consistently: \
                 clients are satisfied when what was promised, what they bought, what they need \
                 and what is delivered all match. Delivering is not failing: a need delivered \
                 less than promised is work in progress until it is marked complete or the \
                 engagement reaches support."
            }
            Check::SponsorValue => {
                "Sponsor value: expected benefits cover the price, and the price is within the \
                 expected budget. Sponsors are satisfied when the desired benefits are realized \
                 at an acceptable and expected cost."
            }
            Check::Compliance => {
                "Compliance items (rules, protocols, regulations) each have an owner and a \
                 status, so that regulators', accountants', lawyers' and procurement \
                 specialists' perspectives are respected."
            }
            Check::SalesRole => {
                "A sales role (or in-house champion) is named. The sales role matters in-house \
                 as much as with vendors: champions and advocates \u{201c}sell\u{201d} sponsors \
                 and clients on the in-house solution."
            }
            Check::ProcessSignOff => {
                "Sales, customer service and delivery have each signed off on the defined \
                 process: define it with the involvement and buy-in of all three groups. Each \
                 group's sign-off is by a person of that group, dated, and confirmed again when \
                 the roles or governance change after it."
            }
            Check::DecisionsTaken => {
                "Everyone must be clear about how decisions are made, and each decision area \
                 keeps a log of the decisions taken in it, their outcome worked out under the \
                 area's method. An area whose log has no proposal that passed or failed has \
                 not been put to use yet: try its method on a real decision."
            }
            Check::Standard => {
                "Assess and define the process for one project, or better across the \
                 organization: the organization's standard names the functions, the decision \
                 areas with their methods, the reports and the sign-offs it requires. An \
                 engagement that departs from it either applies the standard or records why \
                 it departs."
            }
        }
    }

    /// Whether the check looks at the engagement's pricing worksheets (checks 7 and 8).
    pub fn needs_pricing(self) -> bool {
        matches!(self, Check::PricingInput | Check::Margin)
    }
}

/// The views of the planner a finding can send the user to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    /// Every engagement of the workspace at a glance, and everyone's workload across
    /// them (not tied to one engagement; no finding sends the user there).
    Portfolio,
    /// Relationship, PM, engagement manager, champion, agreement, sponsor value,
    /// compliance items and sign-offs.
    Overview,
    /// The roster: capacities and workload.
    People,
    /// Functions and who is Responsible, Accountable, Consulted or Informed.
    Roles,
    /// Decision areas and reports.
    Governance,
    /// Client needs: promised, bought, needed, delivered.
    Expectations,
    /// The rate card, the pricing worksheets and the deal's approval.
    Pricing,
    /// The assessment itself.
    Health,
}

impl View {
    /// Every view, in the order of the planner's navigation.
    pub const ALL: [View; 8] = [
        View::Portfolio,
        View::Overview,
        View::People,
        View::Roles,
        View::Governance,
        View::Expectations,
        View::Pricing,
        View::Health,
    ];

    /// The view's name, as shown in the navigation and in fix texts.
    pub fn label(self) -> &'static str {
        match self {
            View::Portfolio => "Portfolio",
            View::Overview => "Overview",
            View::People => "People",
            View::Roles => "Roles",
            View::Governance => "Governance",
            View::Expectations => "Expectations",
            View::Pricing => "Pricing",
            View::Health => "Health",
        }
    }
}

/// What a finding concerns, so the UI can link to where it is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The engagement's own facts: PM, engagement manager, champion, agreement.
    Engagement,
    /// One function.
    Function(FunctionId),
    /// The engagement's set of functions as a whole (a required function is missing).
    Functions,
    /// One person of the roster.
    Person(PersonId),
    /// One decision area.
    Decision(DecisionId),
    /// The decision areas as a whole (a required decision area is missing).
    Decisions,
    /// One report.
    Report(ReportId),
    /// Reporting as a whole (a stakeholder group receives no report).
    Reporting,
    /// One client need.
    Need(NeedId),
    /// One compliance item.
    Compliance(ComplianceId),
    /// One group's sign-off of the defined process.
    SignOff(SignOffParty),
    /// The sponsors' expected benefits and budget.
    SponsorValue,
    /// One pricing worksheet (the deal, or the only one).
    Worksheet(WorksheetId),
    /// The engagement's pricing as a whole (no worksheet yet, no deal chosen).
    Pricing,
}

impl Subject {
    /// The view where the subject is edited.
    pub fn view(&self) -> View {
        match self {
            Subject::Function(_) | Subject::Functions => View::Roles,
            Subject::Person(_) => View::People,
            Subject::Decision(_) | Subject::Decisions | Subject::Report(_) | Subject::Reporting => {
                View::Governance
            }
            Subject::Need(_) => View::Expectations,
            Subject::Worksheet(_) | Subject::Pricing => View::Pricing,
            Subject::Engagement
            | Subject::Compliance(_)
            | Subject::SignOff(_)
            | Subject::SponsorValue => View::Overview,
        }
    }
}

/// One thing the assessment found: what is wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How urgent it is.
    pub severity: Severity,
    /// The docs/DOMAIN.md check it comes from.
    pub check: Check,
    /// What it concerns; `subject.view()` is where it is fixed.
    pub subject: Subject,
    /// What is wrong, with names: "Legal has no accountable owner."
    pub message: String,
    /// What to do: "On the Roles view, make one person Accountable for Legal."
    pub fix: String,
    /// For a departure from the organization's standard (check 16): which one, so the
    /// fix can be applied or the departure accepted right there.
    pub departure: Option<DepartureKey>,
}

/// The findings for one engagement, most severe first, then by check number; findings
/// of the same severity and check keep the order of the plan (functions, reports, … in
/// the order they are listed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assessment {
    /// Most severe first, then by check number.
    pub findings: Vec<Finding>,
}

impl Assessment {
    /// The findings grouped by severity, most severe first; empty groups are left out.
    pub fn by_severity(&self) -> Vec<(Severity, Vec<&Finding>)> {
        Severity::ALL
            .iter()
            .map(|&s| {
                (
                    s,
                    self.findings.iter().filter(|f| f.severity == s).collect(),
                )
            })
            .filter(|(_, group): &(Severity, Vec<&Finding>)| !group.is_empty())
            .collect()
    }

    /// The findings about one subject.
    pub fn for_subject(&self, subject: &Subject) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.subject == *subject)
            .collect()
    }

    /// The findings whose subject is edited on one view (for badges on the navigation).
    pub fn for_view(&self, view: View) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.subject.view() == view)
            .collect()
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// No findings at all, not even advice.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Assesses one engagement of the workspace. An engagement that does not exist has
/// nothing to assess and gets an empty assessment.
///
/// Runs in time linear in the size of the workspace: the roster and everyone's
/// workload are indexed once per call.
pub fn assess(w: &Workspace, engagement: EngagementId) -> Assessment {
    match w.engagements.iter().position(|e| e.id == engagement) {
        Some(index) => Index::new(w).assess(index),
        None => Assessment::default(),
    }
}

/// Assesses every engagement of the workspace, in portfolio order, indexing the roster
/// and the workload once for all of them.
pub fn assess_all(w: &Workspace) -> Vec<(EngagementId, Assessment)> {
    let index = Index::new(w);
    (0..w.engagements.len())
        .map(|i| (w.engagements[i].id, index.assess(i)))
        .collect()
}

/// What every engagement's assessment needs from the whole workspace, computed once.
struct Index<'a> {
    w: &'a Workspace,
    people: HashMap<PersonId, &'a Person>,
    /// Each person's assigned hours per engagement (by position in the portfolio, only
    /// engagements with hours), in portfolio order, and their total.
    load: HashMap<PersonId, (Hours, Vec<(usize, Hours)>)>,
}

impl<'a> Index<'a> {
    fn new(w: &'a Workspace) -> Index<'a> {
        let people = w.people.iter().map(|p| (p.id, p)).collect();
        let mut load: HashMap<PersonId, (Hours, Vec<(usize, Hours)>)> = HashMap::new();
        for (i, e) in w.engagements.iter().enumerate() {
            for (person, hours) in e.weekly_hours() {
                let (total, per) = load.entry(person).or_default();
                *total = total.saturating_add(hours);
                if hours == Hours(0) {
                    continue;
                }
                // Engagements are visited in order, so a person's hours in this
                // engagement are always in the last entry, if there is one for it.
                match per.last_mut() {
                    Some((at, h)) if *at == i => *h = h.saturating_add(hours),
                    _ => per.push((i, hours)),
                }
            }
        }
        Index { w, people, load }
    }

    fn assess(&self, index: usize) -> Assessment {
        let e = &self.w.engagements[index];
        let mut a = Assessor::new(self, e);
        a.functions();
        a.leadership();
        a.contracted_formality();
        a.in_house();
        a.decisions();
        a.reporting();
        a.pricing();
        a.overload();
        a.needs();
        a.sponsor_value();
        a.compliance();
        a.sales_role();
        a.signoffs();
        a.decisions_taken();
        a.standard();
        let mut findings = a.findings;
        // Stable, so findings of one check keep the plan's order.
        order::sort_by_key(&mut findings, |f| (f.severity, f.check.number()));
        Assessment { findings }
    }
}

/// Runs the checks on one engagement, collecting findings.
struct Assessor<'i, 'a> {
    index: &'i Index<'a>,
    e: &'a Engagement,
    /// The Accountable people of each function (more than one only in a plan that
    /// bypassed `Workspace::apply`).
    accountable: BTreeMap<FunctionId, Vec<PersonId>>,
    /// Whether someone is Responsible or Accountable for a sales and marketing function.
    sales_staffed: bool,
    findings: Vec<Finding>,
}

impl<'i, 'a> Assessor<'i, 'a> {
    fn new(index: &'i Index<'a>, e: &'a Engagement) -> Assessor<'i, 'a> {
        let kinds: HashMap<FunctionId, FunctionKind> =
            e.functions.iter().map(|f| (f.id, f.kind)).collect();
        let mut accountable: BTreeMap<FunctionId, Vec<PersonId>> = BTreeMap::new();
        let mut sales_staffed = false;
        for a in &e.assignments {
            if a.role == Raci::Accountable {
                accountable.entry(a.function).or_default().push(a.person);
            }
            if matches!(a.role, Raci::Accountable | Raci::Responsible)
                && kinds.get(&a.function) == Some(&FunctionKind::SalesMarketing)
            {
                sales_staffed = true;
            }
        }
        Assessor {
            index,
            e,
            accountable,
            sales_staffed,
            findings: Vec::new(),
        }
    }

    fn push(
        &mut self,
        severity: Severity,
        check: Check,
        subject: Subject,
        message: String,
        fix: String,
    ) {
        self.findings.push(Finding {
            severity,
            check,
            subject,
            message,
            fix,
            departure: None,
        });
    }

    /// Check 16: each open departure from the organization's standard is a warning, a
    /// gap in the defined process (`model::standard`).
    fn standard(&mut self) {
        for d in departures(self.index.w, self.e) {
            if d.accepted.is_some() {
                continue;
            }
            let subject = match d.subject {
                DepartureSubject::Functions => Subject::Functions,
                DepartureSubject::Function(f) => Subject::Function(f),
                DepartureSubject::Decisions => Subject::Decisions,
                DepartureSubject::Decision(id) => Subject::Decision(id),
                DepartureSubject::Reporting => Subject::Reporting,
                DepartureSubject::Report(id) => Subject::Report(id),
            };
            self.findings.push(Finding {
                severity: Severity::Warning,
                check: Check::Standard,
                subject,
                message: d.message,
                fix: fix_words(&d.key),
                departure: Some(d.key),
            });
        }
    }

    fn person(&self, id: PersonId) -> Option<&'a Person> {
        self.index.people.get(&id).copied()
    }

    fn name(&self, id: PersonId) -> &'a str {
        self.person(id)
            .map(|p| p.name.as_str())
            .unwrap_or("(unknown person)")
    }

    fn accountable_for(&self, function: FunctionId) -> &[PersonId] {
        self.accountable
            .get(&function)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Whether a person is Accountable for some function of this kind.
    fn accountable_for_kind(&self, person: PersonId, kind: FunctionKind) -> bool {
        self.e
            .functions
            .iter()
            .filter(|f| f.kind == kind)
            .any(|f| self.accountable_for(f.id).contains(&person))
    }

    fn contracted(&self) -> bool {
        self.e.relationship == Relationship::Contracted
    }

    fn delivering(&self) -> bool {
        self.e.stage >= Stage::Performance
    }

    /// An amount in the engagement's currency, in its minor unit: "€80,000.00",
    /// "¥1,200,000", "KWD 25,000.500".
    fn money(&self, m: Money) -> String {
        format_money(m, &currency(&self.e.currency))
    }
}

// Wording shared by the checks.

/// "1 line", "3 lines".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

/// "“A”, “B” and “C”"; beyond five names, "“A”, …, “E” and 7 more".
fn quoted_list(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let quoted: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("\u{201c}{n}\u{201d}"))
        .collect();
    let mut parts: Vec<&str> = quoted.iter().map(String::as_str).collect();
    let more = names.len().saturating_sub(SHOWN);
    let rest = format!("{more} more");
    if more > 0 {
        parts.push(&rest);
    }
    join_and(&parts)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The text with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    join(items, "and")
}

/// "a", "a or b", "a, b or c".
fn join_or(items: &[&str]) -> String {
    join(items, "or")
}

fn join(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}
