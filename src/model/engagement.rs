//! One engagement: its facts, functions, assignments, governance, expectations,
//! sponsor value, compliance items and sign-offs.

use super::ids::*;
use super::people::StakeholderGroup;
use super::pricing::{compute, Pricing, Worksheet};
use super::units::{Hours, Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An engagement among a client, a provider and everyone around the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub id: EngagementId,
    pub name: String,
    /// The client organization (or department, in-house).
    pub client: String,
    /// The provider organization (or department, in-house).
    pub provider: String,
    pub relationship: Relationship,
    pub stage: Stage,
    /// ISO 4217 code of the engagement's currency, upper case.
    pub currency: String,
    pub functions: Vec<Function>,
    pub assignments: Vec<Assignment>,
    pub pm: Option<PersonId>,
    pub engagement_manager: Option<PersonId>,
    /// The named sales role or in-house champion (DOMAIN.md check 13).
    pub champion: Option<PersonId>,
    /// Contracted: the agreement is recorded formally (DOMAIN.md check 3).
    pub agreement_formal: bool,
    /// Who is accountable for documenting agreements (DOMAIN.md check 4).
    pub agreement_documenter: Option<PersonId>,
    /// Functions that fall to the PM by default and that the PM has accepted.
    pub pm_accepted: BTreeSet<FunctionId>,
    pub decisions: Vec<DecisionArea>,
    pub reports: Vec<Report>,
    pub needs: Vec<ClientNeed>,
    pub sponsor_value: SponsorValue,
    pub compliance: Vec<ComplianceItem>,
    pub signoffs: SignOffs,
    /// Rate card, worksheets and the deal; absent in documents before pricing.
    #[serde(default)]
    pub pricing: Pricing,
}

impl Engagement {
    /// The deal's price for check 11: the net price of the deal's worksheet, from the
    /// pricing figures.
    pub fn deal_price(&self) -> DealPrice<'_> {
        let Some(ws) = self.pricing.deal_worksheet() else {
            return if self.pricing.worksheets.is_empty() {
                DealPrice::NoWorksheet
            } else {
                DealPrice::NoDealChosen
            };
        };
        let price = compute(ws, &self.pricing.rate_card).total.net_price;
        if price > Money::ZERO {
            DealPrice::Priced(ws, price)
        } else {
            DealPrice::Unpriced(ws)
        }
    }

    pub fn function(&self, id: FunctionId) -> Option<&Function> {
        self.functions.iter().find(|f| f.id == id)
    }

    pub fn function_of_kind(&self, kind: FunctionKind) -> Option<&Function> {
        self.functions.iter().find(|f| f.kind == kind)
    }

    pub fn decision(&self, id: DecisionId) -> Option<&DecisionArea> {
        self.decisions.iter().find(|d| d.id == id)
    }

    pub fn report(&self, id: ReportId) -> Option<&Report> {
        self.reports.iter().find(|r| r.id == id)
    }

    pub fn need(&self, id: NeedId) -> Option<&ClientNeed> {
        self.needs.iter().find(|n| n.id == id)
    }

    pub fn compliance_item(&self, id: ComplianceId) -> Option<&ComplianceItem> {
        self.compliance.iter().find(|c| c.id == id)
    }

    /// The assignments on one function, in the order they were made.
    pub fn assignments_on(&self, function: FunctionId) -> impl Iterator<Item = &Assignment> {
        self.assignments
            .iter()
            .filter(move |a| a.function == function)
    }

    /// The one person with final authority over a function, if any.
    pub fn accountable(&self, function: FunctionId) -> Option<PersonId> {
        self.assignments_on(function)
            .find(|a| a.role == Raci::Accountable)
            .map(|a| a.person)
    }

    /// Every person this engagement refers to, in any field, pricing included
    /// (estimators and approvers).
    pub fn referenced_people(&self) -> BTreeSet<PersonId> {
        let mut people = self.people_outside_pricing();
        people.extend(self.pricing.referenced_people());
        people
    }

    /// The people named in the engagement's roles, governance and sign-offs.
    pub(crate) fn people_outside_pricing(&self) -> BTreeSet<PersonId> {
        let mut people: BTreeSet<PersonId> = self.assignments.iter().map(|a| a.person).collect();
        people.extend(self.pm);
        people.extend(self.engagement_manager);
        people.extend(self.champion);
        people.extend(self.agreement_documenter);
        people.extend(self.decisions.iter().filter_map(|d| d.authority));
        people.extend(self.reports.iter().filter_map(|r| r.owner));
        people.extend(self.compliance.iter().filter_map(|c| c.owner));
        people.extend(self.signoffs.sales);
        people.extend(self.signoffs.customer_service);
        people.extend(self.signoffs.delivery);
        people
    }
}

/// In-house (one organization) or contracted (separate companies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    InHouse,
    Contracted,
}

impl Relationship {
    pub const ALL: [Relationship; 2] = [Relationship::InHouse, Relationship::Contracted];

    pub fn label(self) -> &'static str {
        match self {
            Relationship::InHouse => "In-house",
            Relationship::Contracted => "Contracted",
        }
    }
}

/// The five stages of an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    PreSales,
    Sales,
    Performance,
    RelationshipManagement,
    Support,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::PreSales,
        Stage::Sales,
        Stage::Performance,
        Stage::RelationshipManagement,
        Stage::Support,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::PreSales => "Pre-sales",
            Stage::Sales => "Sales",
            Stage::Performance => "Performance",
            Stage::RelationshipManagement => "Relationship management",
            Stage::Support => "Support",
        }
    }
}

/// One function of the engagement. `kind` keeps the domain meaning when a function is
/// renamed, so the checks still recognise "legal" under the name "Contracts".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub id: FunctionId,
    pub name: String,
    pub kind: FunctionKind,
}

/// The nine functions of DOMAIN.md, and functions an organization adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    SalesMarketing,
    EngagementManagement,
    Delivery,
    FunctionalManagement,
    Procurement,
    Legal,
    QualityManagement,
    CustomerService,
    AdministrationFinance,
    Custom,
}

impl FunctionKind {
    /// The default template, in DOMAIN.md's order.
    pub const NINE: [FunctionKind; 9] = [
        FunctionKind::SalesMarketing,
        FunctionKind::EngagementManagement,
        FunctionKind::Delivery,
        FunctionKind::FunctionalManagement,
        FunctionKind::Procurement,
        FunctionKind::Legal,
        FunctionKind::QualityManagement,
        FunctionKind::CustomerService,
        FunctionKind::AdministrationFinance,
    ];

    pub fn default_name(self) -> &'static str {
        match self {
            FunctionKind::SalesMarketing => "Sales and marketing",
            FunctionKind::EngagementManagement => "Engagement management",
            FunctionKind::Delivery => "Delivery",
            FunctionKind::FunctionalManagement => "Functional managers and staff",
            FunctionKind::Procurement => "Procurement",
            FunctionKind::Legal => "Legal",
            FunctionKind::QualityManagement => "Quality management",
            FunctionKind::CustomerService => "Customer service",
            FunctionKind::AdministrationFinance => "Administration and finance",
            FunctionKind::Custom => "Custom function",
        }
    }

    /// What the function is for (DOMAIN.md, "The nine functions").
    pub fn purpose(self) -> &'static str {
        match self {
            FunctionKind::SalesMarketing => "Attract and close clients; lead on client and sponsor expectations and pricing.",
            FunctionKind::EngagementManagement => "Oversee and coordinate the whole engagement.",
            FunctionKind::Delivery => "Manage and perform the projects.",
            FunctionKind::FunctionalManagement => "Provide resources and expertise.",
            FunctionKind::Procurement => "Find vendors, negotiate, manage contracts.",
            FunctionKind::Legal => "Make sure contracts are clear, valid and meet the parties' needs.",
            FunctionKind::QualityManagement => "Make sure what is delivered is correct.",
            FunctionKind::CustomerService => "Manage the relationship, keep communication going, support before, during and after the project.",
            FunctionKind::AdministrationFinance => "Accounting, billing, reporting and other services.",
            FunctionKind::Custom => "A function this organization added.",
        }
    }

    /// Functions a contracted relationship requires an accountable owner for
    /// (DOMAIN.md check 3).
    pub fn required_when_contracted(self) -> bool {
        matches!(
            self,
            FunctionKind::Procurement | FunctionKind::Legal | FunctionKind::AdministrationFinance
        )
    }
}

/// RACI: who does the work, who has final authority, who is asked, who is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Raci {
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

impl Raci {
    pub const ALL: [Raci; 4] = [
        Raci::Responsible,
        Raci::Accountable,
        Raci::Consulted,
        Raci::Informed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Raci::Responsible => "Responsible",
            Raci::Accountable => "Accountable",
            Raci::Consulted => "Consulted",
            Raci::Informed => "Informed",
        }
    }
}

/// A person in a role on a function, with the hours per week it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub person: PersonId,
    pub function: FunctionId,
    pub role: Raci,
    pub hours: Hours,
}

/// How a decision is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionMethod {
    Majority,
    Consensus,
    Authority,
}

impl DecisionMethod {
    pub const ALL: [DecisionMethod; 3] = [
        DecisionMethod::Majority,
        DecisionMethod::Consensus,
        DecisionMethod::Authority,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DecisionMethod::Majority => "Majority",
            DecisionMethod::Consensus => "Consensus",
            DecisionMethod::Authority => "Authority",
        }
    }
}

/// The decision areas DOMAIN.md names, plus user-defined ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    ScopeChange,
    FinalDeal,
    Acceptance,
    Escalation,
    Custom,
}

impl DecisionKind {
    /// The standard decision areas, in the templates' order.
    pub const STANDARD: [DecisionKind; 4] = [
        DecisionKind::ScopeChange,
        DecisionKind::FinalDeal,
        DecisionKind::Acceptance,
        DecisionKind::Escalation,
    ];

    pub fn default_name(self) -> &'static str {
        match self {
            DecisionKind::ScopeChange => "Scope change",
            DecisionKind::FinalDeal => "Final deal",
            DecisionKind::Acceptance => "Acceptance",
            DecisionKind::Escalation => "Escalation",
            DecisionKind::Custom => "Decision",
        }
    }
}

/// A decision area and how its decisions are made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionArea {
    pub id: DecisionId,
    pub name: String,
    pub kind: DecisionKind,
    pub method: Option<DecisionMethod>,
    /// The person with authority, when the method is `Authority`.
    pub authority: Option<PersonId>,
}

/// How often a report goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Daily,
    Weekly,
    Fortnightly,
    Monthly,
    Quarterly,
    PerMilestone,
}

impl Frequency {
    pub const ALL: [Frequency; 6] = [
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Fortnightly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::PerMilestone,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Frequency::Daily => "Daily",
            Frequency::Weekly => "Weekly",
            Frequency::Fortnightly => "Fortnightly",
            Frequency::Monthly => "Monthly",
            Frequency::Quarterly => "Quarterly",
            Frequency::PerMilestone => "Per milestone",
        }
    }
}

/// A required report: who writes it, who reads it, how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: ReportId,
    pub name: String,
    pub owner: Option<PersonId>,
    /// The stakeholder groups that receive it.
    pub audience: BTreeSet<StakeholderGroup>,
    pub frequency: Option<Frequency>,
}

/// How fully one aspect of a need is covered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    #[default]
    Unknown,
    No,
    Partly,
    Fully,
}

impl Coverage {
    pub const ALL: [Coverage; 4] = [
        Coverage::Unknown,
        Coverage::No,
        Coverage::Partly,
        Coverage::Fully,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Coverage::Unknown => "Unknown",
            Coverage::No => "No",
            Coverage::Partly => "Partly",
            Coverage::Fully => "Fully",
        }
    }
}

/// The four views of a client need that must agree (DOMAIN.md check 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedAspect {
    Promised,
    Bought,
    Needed,
    Delivered,
}

impl NeedAspect {
    pub const ALL: [NeedAspect; 4] = [
        NeedAspect::Promised,
        NeedAspect::Bought,
        NeedAspect::Needed,
        NeedAspect::Delivered,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NeedAspect::Promised => "Promised",
            NeedAspect::Bought => "Bought",
            NeedAspect::Needed => "Needed",
            NeedAspect::Delivered => "Delivered",
        }
    }
}

/// A client need and how far it is promised, bought, needed and delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientNeed {
    pub id: NeedId,
    pub title: String,
    pub promised: Coverage,
    pub bought: Coverage,
    pub needed: Coverage,
    pub delivered: Coverage,
    pub note: String,
}

/// Whether a need's four aspects agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedStatus {
    /// All four aspects are known and equal.
    Consistent,
    /// Promised, bought and needed agree; delivery has not caught up yet, which is
    /// expected before the performance stage.
    AwaitingDelivery,
    /// Some aspect is still unknown.
    Incomplete(Vec<NeedAspect>),
    /// Known aspects disagree; each pair says which is more and which is less.
    Mismatch(Vec<(NeedAspect, NeedAspect)>),
}

impl ClientNeed {
    pub fn coverage(&self, aspect: NeedAspect) -> Coverage {
        match aspect {
            NeedAspect::Promised => self.promised,
            NeedAspect::Bought => self.bought,
            NeedAspect::Needed => self.needed,
            NeedAspect::Delivered => self.delivered,
        }
    }

    pub fn set_coverage(&mut self, aspect: NeedAspect, coverage: Coverage) {
        match aspect {
            NeedAspect::Promised => self.promised = coverage,
            NeedAspect::Bought => self.bought = coverage,
            NeedAspect::Needed => self.needed = coverage,
            NeedAspect::Delivered => self.delivered = coverage,
        }
    }

    /// The need's status in a given stage: delivery is only expected to match from
    /// the performance stage on.
    pub fn status(&self, stage: Stage) -> NeedStatus {
        let delivering = stage >= Stage::Performance;
        let mut mismatches = Vec::new();
        let known: Vec<(NeedAspect, Coverage)> = NeedAspect::ALL
            .iter()
            .map(|&a| (a, self.coverage(a)))
            .filter(|&(_, c)| c != Coverage::Unknown)
            .collect();
        for (i, &(a, ca)) in known.iter().enumerate() {
            for &(b, cb) in &known[i + 1..] {
                if ca == cb {
                    continue;
                }
                if !delivering && (a == NeedAspect::Delivered || b == NeedAspect::Delivered) {
                    continue;
                }
                if ca > cb {
                    mismatches.push((a, b));
                } else {
                    mismatches.push((b, a));
                }
            }
        }
        if !mismatches.is_empty() {
            return NeedStatus::Mismatch(mismatches);
        }
        let unknown: Vec<NeedAspect> = NeedAspect::ALL
            .iter()
            .copied()
            .filter(|&a| self.coverage(a) == Coverage::Unknown)
            .filter(|&a| delivering || a != NeedAspect::Delivered)
            .collect();
        if !unknown.is_empty() {
            return NeedStatus::Incomplete(unknown);
        }
        if !delivering && self.delivered != self.promised {
            return NeedStatus::AwaitingDelivery;
        }
        NeedStatus::Consistent
    }
}

/// What the sponsors expect the organization to get, and to pay (DOMAIN.md check 11).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorValue {
    /// Expected benefits in minor units of the engagement's currency.
    pub expected_benefits: Option<Money>,
    /// Expected budget (the cost the sponsors accept), in minor units of the
    /// engagement's currency.
    pub expected_budget: Option<Money>,
    /// What the benefits are, in words.
    pub benefits_description: String,
}

impl SponsorValue {
    /// How far the expected benefits fall short of a price (DOMAIN.md check 11:
    /// "expected benefits cover the price"): `Some(price - benefits)` when the
    /// benefits are stated and below the price, `None` when they cover it or are not
    /// stated. Benefits equal to the price cover it.
    pub fn benefits_shortfall(&self, price: Money) -> Option<Money> {
        self.expected_benefits
            .filter(|&benefits| benefits < price)
            .map(|benefits| Money(price.0 - benefits.0))
    }

    /// How far a price is over the expected budget (DOMAIN.md check 11: "the price is
    /// within the expected budget"): `Some(price - budget)` when the budget is stated
    /// and below the price, `None` when the price is within it or it is not stated. A
    /// price equal to the budget is within it.
    pub fn over_budget(&self, price: Money) -> Option<Money> {
        self.expected_budget
            .filter(|&budget| budget < price)
            .map(|budget| Money(price.0 - budget.0))
    }
}

/// The deal's price, as check 11 compares it with the sponsors' benefits and budget:
/// the net price of the deal's worksheet (the chosen scenario, or the only worksheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealPrice<'a> {
    /// No pricing worksheet yet.
    NoWorksheet,
    /// Several worksheets, none chosen as the deal.
    NoDealChosen,
    /// The deal's worksheet prices nothing yet (its net price is zero).
    Unpriced(&'a Worksheet),
    /// The deal's worksheet and its net price.
    Priced(&'a Worksheet, Money),
}

impl DealPrice<'_> {
    /// The net price, when a deal is priced.
    pub fn price(&self) -> Option<Money> {
        match *self {
            DealPrice::Priced(_, price) => Some(price),
            _ => None,
        }
    }
}

/// Where a compliance item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceStatus {
    #[default]
    NotStarted,
    InProgress,
    Met,
    NotMet,
    NotApplicable,
}

impl ComplianceStatus {
    pub const ALL: [ComplianceStatus; 5] = [
        ComplianceStatus::NotStarted,
        ComplianceStatus::InProgress,
        ComplianceStatus::Met,
        ComplianceStatus::NotMet,
        ComplianceStatus::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ComplianceStatus::NotStarted => "Not started",
            ComplianceStatus::InProgress => "In progress",
            ComplianceStatus::Met => "Met",
            ComplianceStatus::NotMet => "Not met",
            ComplianceStatus::NotApplicable => "Not applicable",
        }
    }
}

/// A rule, protocol or regulation to follow, with its owner (DOMAIN.md check 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceItem {
    pub id: ComplianceId,
    pub rule: String,
    pub owner: Option<PersonId>,
    pub status: ComplianceStatus,
}

/// The groups that must sign off the defined process (DOMAIN.md check 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignOffParty {
    Sales,
    CustomerService,
    Delivery,
}

impl SignOffParty {
    pub const ALL: [SignOffParty; 3] = [
        SignOffParty::Sales,
        SignOffParty::CustomerService,
        SignOffParty::Delivery,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SignOffParty::Sales => "Sales",
            SignOffParty::CustomerService => "Customer service",
            SignOffParty::Delivery => "Delivery",
        }
    }
}

/// Who signed off the defined process for each group; `None` is not yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffs {
    pub sales: Option<PersonId>,
    pub customer_service: Option<PersonId>,
    pub delivery: Option<PersonId>,
}

impl SignOffs {
    pub fn get(&self, party: SignOffParty) -> Option<PersonId> {
        match party {
            SignOffParty::Sales => self.sales,
            SignOffParty::CustomerService => self.customer_service,
            SignOffParty::Delivery => self.delivery,
        }
    }

    pub fn set(&mut self, party: SignOffParty, person: Option<PersonId>) {
        match party {
            SignOffParty::Sales => self.sales = person,
            SignOffParty::CustomerService => self.customer_service = person,
            SignOffParty::Delivery => self.delivery = person,
        }
    }
}
