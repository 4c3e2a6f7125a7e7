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
use super::people::{Person, StakeholderGroup};
use super::pricing::{compute_with_default, Approval, SellingStyle, Worksheet};
use super::units::{currency, format_money, Hours, Money};
use super::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
}

impl Check {
    /// Every check, in docs/DOMAIN.md's order.
    pub const ALL: [Check; 14] = [
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
    pub const ALL: [View; 7] = [
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
        let mut findings = a.findings;
        // Stable, so findings of one check keep the plan's order.
        findings.sort_by_key(|f| (f.severity, f.check.number()));
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
        });
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

    /// Checks 1 and 2 for each function, and check 3's owners in a contracted engagement.
    ///
    /// A function without an Accountable is reported once: by check 3 if it is a
    /// function a contracted engagement requires an owner for (the PM's default does not
    /// satisfy that rule), by check 1 if there is no PM for it to fall to (nobody has
    /// final authority), and otherwise by check 2 until the PM accepts it.
    fn functions(&mut self) {
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
    fn leadership(&mut self) {
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
    fn contracted_formality(&mut self) {
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
    fn in_house(&mut self) {
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

    /// Check 5: decision methods and authorities, and who decides the final deal.
    fn decisions(&mut self) {
        let e = self.e;
        let governance = View::Governance.label();
        for d in &e.decisions {
            match (d.method, d.authority) {
                (None, _) => self.push(
                    Severity::Warning,
                    Check::DecisionMethods,
                    Subject::Decision(d.id),
                    format!("{} has no decision method.", d.name),
                    format!(
                        "On the {governance} view, choose majority, consensus or authority for {}.",
                        d.name
                    ),
                ),
                (Some(DecisionMethod::Authority), None) => self.push(
                    Severity::Warning,
                    Check::DecisionMethods,
                    Subject::Decision(d.id),
                    format!(
                        "{} is decided by authority, but nobody is named to hold it.",
                        d.name
                    ),
                    format!(
                        "On the {governance} view, name the person with authority over {}.",
                        d.name
                    ),
                ),
                (Some(DecisionMethod::Authority), Some(p))
                    if d.kind == DecisionKind::FinalDeal
                        && e.final_deal_standing(self.index.w, p).is_none() =>
                {
                    let others: Vec<String> = e
                        .final_deal_candidates(self.index.w)
                        .into_iter()
                        .map(|(s, why)| format!("{} ({})", self.name(s), why.label()))
                        .collect();
                    let to = if others.is_empty() {
                        "the engagement manager or a sponsor of this engagement".to_string()
                    } else {
                        join_or(&others.iter().map(String::as_str).collect::<Vec<_>>())
                    };
                    self.push(
                        Severity::Warning,
                        Check::DecisionMethods,
                        Subject::Decision(d.id),
                        format!(
                            "{} is decided by {}, who is neither the engagement manager nor a sponsor of this engagement; the deal risks being set by those who sell it rather than those who answer for it.",
                            d.name,
                            self.name(p)
                        ),
                        format!(
                            "On the {governance} view, give the authority over {} to {to}.",
                            d.name
                        ),
                    );
                }
                _ => {}
            }
        }
        if !e
            .decisions
            .iter()
            .any(|d| d.kind == DecisionKind::FinalDeal)
        {
            self.push(
                Severity::Warning,
                Check::DecisionMethods,
                Subject::Decisions,
                "There is no decision area for the final deal, so it is not clear who decides it.".to_string(),
                format!(
                    "On the {governance} view, restore the final deal decision area and give it to the engagement manager or a sponsor."
                ),
            );
        }
    }

    /// Check 6: each report is complete; client and sponsor each receive one.
    fn reporting(&mut self) {
        let e = self.e;
        let governance = View::Governance.label();
        for r in &e.reports {
            let (missing, wanted): (Vec<&str>, Vec<&str>) = [
                (r.owner.is_none(), "owner", "an owner"),
                (r.audience.is_empty(), "audience", "an audience"),
                (r.frequency.is_none(), "frequency", "a frequency"),
            ]
            .into_iter()
            .filter(|&(lacking, _, _)| lacking)
            .map(|(_, what, wanted)| (what, wanted))
            .unzip();
            if !missing.is_empty() {
                self.push(
                    Severity::Warning,
                    Check::Reporting,
                    Subject::Report(r.id),
                    format!("{} has no {}.", r.name, join_or(&missing)),
                    format!(
                        "On the {governance} view, give {} {}.",
                        r.name,
                        join_and(&wanted)
                    ),
                );
            }
        }
        for (group, who) in [
            (StakeholderGroup::Client, "the client"),
            (StakeholderGroup::Sponsor, "the sponsors"),
        ] {
            if !e.reports.iter().any(|r| r.audience.contains(&group)) {
                self.push(
                    Severity::Warning,
                    Check::Reporting,
                    Subject::Reporting,
                    format!("No report goes to {who}."),
                    format!(
                        "On the {governance} view, add {} to the audience of a report, or add a report for them.",
                        group.label()
                    ),
                );
            }
        }
    }

    /// Checks 7 and 8 on the deal's worksheet (or the only one): delivery input or a
    /// needs analysis, approval by the engagement manager or a sponsor, and a price
    /// that leaves the target margin over delivery's cost.
    fn pricing(&mut self) {
        let e = self.e;
        let p = &e.pricing;
        let pricing = View::Pricing.label();
        if p.worksheets.is_empty() {
            self.push(
                Severity::Advice,
                Check::PricingInput,
                Subject::Pricing,
                "The engagement has no pricing worksheet, so nothing shows whether the price covers delivery's cost.".to_string(),
                format!(
                    "On the {pricing} view, add the rate card and a worksheet, then have delivery estimate its lines (collaborative) or trace each line to a client need (consultative)."
                ),
            );
            return;
        }
        let Some(ws) = p.deal_worksheet() else {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Pricing,
                format!(
                    "There are {} pricing worksheets and none is chosen as the deal.",
                    p.worksheets.len()
                ),
                format!("On the {pricing} view, choose the scenario that is the deal."),
            );
            return;
        };
        match ws.style {
            SellingStyle::Collaborative => self.delivery_input(ws),
            SellingStyle::Consultative => self.needs_analysis(ws),
        }
        self.approval(ws);
        self.margin(ws);
    }

    /// Check 7, collaborative: every line has an estimate from delivery
    /// ([`LineItem::has_delivery_input`]); an estimate from anyone else, the sales
    /// side above all, does not count.
    fn delivery_input(&mut self, ws: &Worksheet) {
        let e = self.e;
        let w = self.index.w;
        let pricing = View::Pricing.label();
        let missing: Vec<&str> = ws
            .lines
            .iter()
            .filter(|l| !l.has_estimate())
            .map(|l| l.name.as_str())
            .collect();
        if !missing.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "In \u{201c}{}\u{201d}, {} {} no delivery estimate, so {} cost is sales' guess: {}.",
                    ws.name,
                    count(missing.len(), "line"),
                    if missing.len() == 1 { "has" } else { "have" },
                    if missing.len() == 1 { "its" } else { "their" },
                    quoted_list(&missing)
                ),
                format!(
                    "On the {pricing} view, name a delivery or functional manager as estimator of each of these lines and record their hours."
                ),
            );
        }
        let delivery = e.delivery_people(w);
        let outside: Vec<(&str, String)> = ws
            .lines
            .iter()
            .filter(|l| l.has_estimate() && !l.has_delivery_input(&delivery))
            .filter_map(|l| {
                let why = e.not_delivery_reason(w, l.estimator?)?;
                Some((l.name.as_str(), why))
            })
            .collect();
        if outside.is_empty() {
            return;
        }
        let names: Vec<&str> = outside.iter().map(|(n, _)| *n).collect();
        let mut reasons: Vec<&str> = Vec::new();
        for (_, why) in &outside {
            if !reasons.contains(&why.as_str()) {
                reasons.push(why);
            }
        }
        self.push(
            Severity::Warning,
            Check::PricingInput,
            Subject::Worksheet(ws.id),
            format!(
                "In \u{201c}{}\u{201d}, {} {} estimated by someone outside delivery, so {} estimate is not delivery input: {}. {}.",
                ws.name,
                count(outside.len(), "line"),
                if outside.len() == 1 { "is" } else { "are" },
                if outside.len() == 1 { "its" } else { "their" },
                quoted_list(&names),
                capitalized(&join_and(&reasons))
            ),
            format!(
                "On the {pricing} view, have a performer, a functional manager, the PM or whoever leads delivery estimate each of these lines instead."
            ),
        );
    }

    /// Check 7, consultative: every line answers a need, and every need that is
    /// promised or bought has a line.
    fn needs_analysis(&mut self, ws: &Worksheet) {
        let e = self.e;
        let pricing = View::Pricing.label();
        let unasked: Vec<&str> = ws
            .lines
            .iter()
            .filter(|l| l.need.is_none())
            .map(|l| l.name.as_str())
            .collect();
        if !unasked.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "In \u{201c}{}\u{201d}, {} {} no client need, so nobody asked for {}: {}.",
                    ws.name,
                    count(unasked.len(), "line"),
                    if unasked.len() == 1 { "answers" } else { "answer" },
                    if unasked.len() == 1 { "it" } else { "them" },
                    quoted_list(&unasked)
                ),
                format!(
                    "On the {pricing} view, link each of these lines to the need it answers, or remove it from the worksheet."
                ),
            );
        }
        let priced: BTreeSet<NeedId> = ws.lines.iter().filter_map(|l| l.need).collect();
        let unpriced: Vec<&str> = e
            .needs
            .iter()
            .filter(|n| {
                matches!(n.promised, Coverage::Partly | Coverage::Fully)
                    || matches!(n.bought, Coverage::Partly | Coverage::Fully)
            })
            .filter(|n| !priced.contains(&n.id))
            .map(|n| n.title.as_str())
            .collect();
        if !unpriced.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "{} promised or bought but not priced in \u{201c}{}\u{201d}: {}.",
                    if unpriced.len() == 1 {
                        "One client need is".to_string()
                    } else {
                        format!("{} client needs are", unpriced.len())
                    },
                    ws.name,
                    quoted_list(&unpriced)
                ),
                format!(
                    "On the {pricing} view, add a line for each of these needs to \u{201c}{}\u{201d}, or correct what was promised on the {} view.",
                    ws.name,
                    View::Expectations.label()
                ),
            );
        }
    }

    /// Check 7: the deal is approved by one of those who decide the final deal
    /// ([`Engagement::final_deal_deciders`]), and nobody else.
    fn approval(&mut self, ws: &Worksheet) {
        let e = self.e;
        let w = self.index.w;
        let deciders = e.final_deal_deciders_text(w);
        let state = match ws.approval {
            Approval::Approved { by } if e.may_decide_final_deal(w, by) => return,
            Approval::Approved { by } => {
                format!("was approved, but {}", e.why_not_final_deal_decider(w, by))
            }
            Approval::Draft => "is a draft".to_string(),
            Approval::Submitted => "is submitted but not yet decided".to_string(),
            Approval::Rejected { by } => {
                let note = ws
                    .log
                    .iter()
                    .rev()
                    .find(|event| event.by == Some(by))
                    .map(|event| event.note.trim())
                    .filter(|note| !note.is_empty());
                match note {
                    Some(note) => {
                        format!("was rejected by {} (\u{201c}{note}\u{201d})", self.name(by))
                    }
                    None => format!("was rejected by {}", self.name(by)),
                }
            }
        };
        let severity = if self.e.stage == Stage::PreSales {
            Severity::Advice
        } else {
            Severity::Warning
        };
        let pricing = View::Pricing.label();
        let (rule, fix) = match &deciders {
            Some(who) => {
                let step = match ws.approval {
                    Approval::Submitted => "Have {who} approve or reject",
                    Approval::Approved { .. } => "Reopen it, submit it again and have {who} approve",
                    _ => "Submit it and have {who} approve",
                }
                .replace("{who}", who);
                (
                    format!("only {who} may decide the final deal"),
                    format!("{step} \u{201c}{}\u{201d} on the {pricing} view.", ws.name),
                )
            }
            None => (
                "and nobody may decide the final deal yet".to_string(),
                format!(
                    "On the {} view, make someone Accountable for engagement management, or give a sponsor a role in this engagement; then have them approve \u{201c}{}\u{201d} on the {pricing} view.",
                    View::Roles.label(),
                    ws.name
                ),
            ),
        };
        let joiner = if deciders.is_some() { ":" } else { "," };
        self.push(
            severity,
            Check::PricingInput,
            Subject::Worksheet(ws.id),
            format!(
                "The deal \u{201c}{}\u{201d} {state}{joiner} {rule}.",
                ws.name
            ),
            fix,
        );
    }

    /// Check 8: the net price reaches the price the target margin needs on delivery's
    /// cost; the finding says how much is missing. The target is the worksheet's own,
    /// else the workspace's default; with neither, nothing can be compared, and that
    /// is the finding.
    fn margin(&mut self, ws: &Worksheet) {
        let default = self.index.w.default_target_margin;
        let Some(target_margin) = ws.target(default) else {
            let severity = if self.e.stage == Stage::PreSales {
                Severity::Advice
            } else {
                Severity::Warning
            };
            self.push(
                severity,
                Check::Margin,
                Subject::Worksheet(ws.id),
                format!(
                    "\u{201c}{}\u{201d} has no target margin, and no default target margin is set, so nothing shows whether its price leaves enough margin over delivery's cost.",
                    ws.name
                ),
                format!(
                    "On the {} view, enter the target margin the engagement manager or a sponsor agreed for \u{201c}{}\u{201d}, or set a default target margin for every worksheet without one.",
                    View::Pricing.label(),
                    ws.name
                ),
            );
            return;
        };
        let t = compute_with_default(ws, &self.e.pricing.rate_card, default).total;
        let Some(target) = t.target_price else {
            return;
        };
        if t.net_price >= target {
            return;
        }
        let cur = currency(&self.e.currency);
        let money = |m: Money| format_money(m, &cur);
        let missing = Money(target.0.saturating_sub(t.net_price.0));
        let margin = match t.margin {
            Some(m) => format!("a margin of {m}"),
            None => "no price at all".to_string(),
        };
        let below_cost = t.net_price < t.cost;
        let severity = if below_cost {
            Severity::Critical
        } else {
            Severity::Warning
        };
        let whose = if ws.target_margin.is_none() {
            " (the default)"
        } else {
            ""
        };
        let mut message = format!(
            "\u{201c}{}\u{201d} is priced at {}, {} short of the {} that a {} target margin{whose} needs on delivery's cost of {}: it leaves {margin}.",
            ws.name,
            money(t.net_price),
            money(missing),
            money(target),
            target_margin,
            money(t.cost)
        );
        if below_cost {
            message.push_str(" The price does not even cover the cost.");
        }
        self.push(
            severity,
            Check::Margin,
            Subject::Worksheet(ws.id),
            message,
            format!(
                "On the {} view, raise the price of \u{201c}{}\u{201d} by {} (fewer discounts, more billable hours or higher rates), lower its cost with delivery, or have the engagement manager or a sponsor agree a lower target margin.",
                View::Pricing.label(),
                ws.name,
                money(missing)
            ),
        );
    }

    /// Check 9: everyone assigned here can give the hours they have across the portfolio.
    fn overload(&mut self) {
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

    /// Check 10: each need's four aspects agree.
    fn needs(&mut self) {
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

    /// Check 11: the sponsors' expected benefits cover the deal's price, and the price
    /// is within their expected budget (docs/DOMAIN.md: sponsors are satisfied when the
    /// benefits are realized at an acceptable and expected cost). The price is the net
    /// price of the deal's worksheet; benefits are not compared with the budget, only
    /// each with the price.
    fn sponsor_value(&mut self) {
        let value = &self.e.sponsor_value;
        let overview = View::Overview.label();
        let pricing = View::Pricing.label();
        if value.expected_benefits.is_none() {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                "The sponsors' expected benefits are not stated, so nobody can tell whether the engagement is worth its price.".to_string(),
                format!(
                    "Ask the sponsors what benefits they expect and record them on the {overview} view."
                ),
            );
        }
        if value.expected_budget.is_none() {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                "The sponsors' expected budget is not stated, so nobody can tell whether the price is acceptable.".to_string(),
                format!(
                    "Ask the sponsors what cost they expect and accept, and record it on the {overview} view."
                ),
            );
        }
        if value.expected_benefits.is_none() && value.expected_budget.is_none() {
            return;
        }
        let why = "so nobody can tell whether the expected benefits cover the price and the price is within the expected budget";
        let (ws, price) = match self.e.deal_price() {
            DealPrice::Priced(ws, price) => (ws, price),
            unpriced => {
                let (message, fix) = match unpriced {
                    DealPrice::Unpriced(ws) => (
                        format!(
                            "The deal \u{201c}{}\u{201d} has no price yet, {why}.",
                            ws.name
                        ),
                        format!(
                            "On the {pricing} view, give the billable lines of \u{201c}{}\u{201d} their hours (or expenses), so that the deal has a price.",
                            ws.name
                        ),
                    ),
                    DealPrice::NoDealChosen => (
                        format!(
                            "No deal is priced yet: none of the {} pricing worksheets is chosen as the deal, {why}.",
                            self.e.pricing.worksheets.len()
                        ),
                        format!("On the {pricing} view, choose the scenario that is the deal."),
                    ),
                    _ => (
                        format!("No deal is priced yet, {why}."),
                        format!(
                            "On the {pricing} view, add a worksheet and price the deal's lines; its price is then compared with the sponsors' benefits and budget."
                        ),
                    ),
                };
                let severity = if self.delivering() {
                    Severity::Warning
                } else {
                    Severity::Advice
                };
                self.push(
                    severity,
                    Check::SponsorValue,
                    Subject::SponsorValue,
                    message,
                    fix,
                );
                return;
            }
        };
        if let (Some(benefits), Some(short)) =
            (value.expected_benefits, value.benefits_shortfall(price))
        {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                format!(
                    "The sponsors' expected benefits ({}) do not cover the deal's price ({}, \u{201c}{}\u{201d}): they would pay {} more than they expect to gain.",
                    self.money(benefits),
                    self.money(price),
                    ws.name,
                    self.money(short)
                ),
                format!(
                    "Check the benefits with the sponsors. If they hold, lower the price of \u{201c}{}\u{201d} or reduce its scope on the {pricing} view, or stop the engagement; if they are larger, update them on the {overview} view.",
                    ws.name
                ),
            );
        }
        if let (Some(budget), Some(over)) = (value.expected_budget, value.over_budget(price)) {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                format!(
                    "The deal's price ({}, \u{201c}{}\u{201d}) is over the sponsors' expected budget ({}) by {}.",
                    self.money(price),
                    ws.name,
                    self.money(budget),
                    self.money(over)
                ),
                format!(
                    "Bring the price of \u{201c}{}\u{201d} within {} on the {pricing} view (less scope, fewer hours or a discount), or agree a larger budget with the sponsors and record it on the {overview} view.",
                    ws.name,
                    self.money(budget)
                ),
            );
        }
    }

    /// Check 12: compliance items are owned and none is failing.
    fn compliance(&mut self) {
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

    /// Check 13: a sales role or champion is named.
    fn sales_role(&mut self) {
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

    /// Check 14: sales, customer service and delivery have each signed off the process
    /// as it is now, each by a person of that group, on a recorded date.
    fn signoffs(&mut self) {
        let e = self.e;
        let overview = View::Overview.label();
        let people = &self.index.w.people;
        for (party, status) in e.sign_off_statuses(people) {
            let group = party.label().to_lowercase();
            // Who could sign, for the fix: a few people of the party's groups by name.
            let mut candidates: Vec<&str> = people
                .iter()
                .filter(|p| party.accepts(p.group))
                .map(|p| p.name.as_str())
                .collect();
            candidates.sort_by_key(|n| n.to_lowercase());
            candidates.truncate(3);
            let who = match candidates.as_slice() {
                [] => None,
                names => Some(format!("{}, such as {}", party.who(), join_or(names))),
            };
            let (message, fix) = match status {
                SignOffStatus::Current { .. } => continue,
                SignOffStatus::Missing => (
                    format!("{} has not signed off the defined process.", party.label()),
                    match who {
                        Some(who) => format!(
                            "Walk {group} through the defined process and have {who}, sign it off on the {overview} view."
                        ),
                        None => format!(
                            "Nobody on the roster can sign off for {group}: add {} on the {} view, walk them through the defined process and record their sign-off on the {overview} view.",
                            party.who(),
                            View::People.label()
                        ),
                    },
                ),
                SignOffStatus::WrongGroup { person, group: theirs } => {
                    let name = self.name(person);
                    (
                        format!(
                            "{name} signed off for {group} but is in the {} group: the {group} sign-off must come from {}.",
                            theirs.label(),
                            party.who()
                        ),
                        match who {
                            Some(who) => format!(
                                "On the {overview} view, have {who}, sign off for {group} instead; or, if {name}'s group is recorded wrongly, correct it on the {} view.",
                                View::People.label()
                            ),
                            None => format!(
                                "Add {} on the {people_view} view and record their sign-off on the {overview} view; or, if {name}'s group is recorded wrongly, correct it on the {people_view} view.",
                                party.who(),
                                people_view = View::People.label()
                            ),
                        },
                    )
                }
                SignOffStatus::Undated { person } => (
                    format!(
                        "{}'s sign-off for {group} has no date (it was recorded by an older version of the planner), so nobody can tell whether it covers the process as it is now.",
                        self.name(person)
                    ),
                    format!(
                        "Check the defined process with {} and confirm the sign-off again on the {overview} view; it is then dated today.",
                        self.name(person)
                    ),
                ),
                SignOffStatus::OutOfDate { person, date } => (
                    format!(
                        "{}'s sign-off for {group} is out of date: the roles or governance changed since {date}.",
                        self.name(person)
                    ),
                    format!(
                        "Walk {} through what changed and confirm the sign-off again on the {overview} view, or undo the change.",
                        self.name(person)
                    ),
                ),
            };
            self.push(
                Severity::Warning,
                Check::ProcessSignOff,
                Subject::SignOff(party),
                message,
                fix,
            );
        }
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
