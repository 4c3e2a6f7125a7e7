//! One engagement: its facts, functions, assignments, governance, expectations,
//! sponsor value, compliance items and sign-offs.

use super::decisions::{evaluate, Outcome, Proposal};
use super::ids::*;
use super::people::{Person, StakeholderGroup};
use super::pricing::{compute, Approval, Pricing, Worksheet};
use super::standard::AcceptedDeparture;
use super::units::{Hours, Money};
use super::workspace::Workspace;
use crate::model::order;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Hours a week a function takes the PM who accepts it by default, until someone edits
/// them: the same cautious half day a new Accountable assignment starts with, since
/// accepting a function is taking final authority over it. Without them a PM loaded
/// with defaults would look free (docs/DOMAIN.md, "Assess and define the process").
pub const PM_DEFAULT_HOURS: Hours = Hours::from_whole(4);

/// The one list of the fields of an engagement that name a person, expanded twice:
/// once to read them ([`Engagement::person_refs`]) and once to change them
/// ([`Engagement::person_refs_mut`]), so that the two walks cannot disagree. A field
/// that names a person is added here and nowhere else.
macro_rules! visit_person_refs {
    ($e:expr, $f:expr $(, $m:ident)?) => {{
        let e = $e;
        let mut f = $f;
        if let Some(p) = & $($m)? e.pm {
            f(PersonRef::Pm, p);
        }
        if let Some(p) = & $($m)? e.engagement_manager {
            f(PersonRef::EngagementManager, p);
        }
        if let Some(p) = & $($m)? e.champion {
            f(PersonRef::Champion, p);
        }
        if let Some(p) = & $($m)? e.agreement_documenter {
            f(PersonRef::AgreementDocumenter, p);
        }
        for (i, a) in (& $($m)? e.assignments).into_iter().enumerate() {
            f(PersonRef::Assignment(i), & $($m)? a.person);
        }
        for (i, d) in (& $($m)? e.decisions).into_iter().enumerate() {
            if let Some(p) = & $($m)? d.authority {
                f(PersonRef::DecisionAuthority(i), p);
            }
            for (j, proposal) in (& $($m)? d.log).into_iter().enumerate() {
                for (k, position) in (& $($m)? proposal.positions).into_iter().enumerate() {
                    f(
                        PersonRef::Position {
                            decision: i,
                            proposal: j,
                            position: k,
                        },
                        & $($m)? position.person,
                    );
                }
            }
        }
        for (i, r) in (& $($m)? e.reports).into_iter().enumerate() {
            if let Some(p) = & $($m)? r.owner {
                f(PersonRef::ReportOwner(i), p);
            }
        }
        for (i, c) in (& $($m)? e.compliance).into_iter().enumerate() {
            if let Some(p) = & $($m)? c.owner {
                f(PersonRef::ComplianceOwner(i), p);
            }
        }
        if let Some(p) = & $($m)? e.signoffs.sales {
            f(PersonRef::SignOff(SignOffParty::Sales), p);
        }
        if let Some(p) = & $($m)? e.signoffs.customer_service {
            f(PersonRef::SignOff(SignOffParty::CustomerService), p);
        }
        if let Some(p) = & $($m)? e.signoffs.delivery {
            f(PersonRef::SignOff(SignOffParty::Delivery), p);
        }
        for (w, ws) in (& $($m)? e.pricing.worksheets).into_iter().enumerate() {
            for (line, l) in (& $($m)? ws.lines).into_iter().enumerate() {
                if let Some(p) = & $($m)? l.estimator {
                    f(PersonRef::Estimator { worksheet: w, line }, p);
                }
            }
            if let Approval::Approved { by } | Approval::Rejected { by } = & $($m)? ws.approval {
                f(PersonRef::Approval { worksheet: w }, by);
            }
            for (event, x) in (& $($m)? ws.log).into_iter().enumerate() {
                if let Some(p) = & $($m)? x.by {
                    f(PersonRef::ApprovalLog { worksheet: w, event }, p);
                }
            }
        }
    }};
}

/// An engagement among a client, a provider and everyone around the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub id: EngagementId,
    pub name: String,
    /// The client's account (organization, or department in-house): its name is the
    /// engagement's client (see `model::accounts`). Version 7; before, each engagement
    /// held the client's name itself.
    #[serde(default)]
    pub account: Option<AccountId>,
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
    /// The named sales role or in-house champion (docs/DOMAIN.md check 13).
    pub champion: Option<PersonId>,
    /// Contracted: the agreement is recorded formally (docs/DOMAIN.md check 3).
    pub agreement_formal: bool,
    /// Who is accountable for documenting agreements (docs/DOMAIN.md check 4).
    pub agreement_documenter: Option<PersonId>,
    /// Functions that fall to the PM by default and that the PM has accepted, with the
    /// hours a week each takes the PM (counted in the PM's workload, check 9).
    /// Version 4; version 3 listed function ids only, upgraded to
    /// [`PM_DEFAULT_HOURS`] each.
    #[serde(with = "pm_accepted_format")]
    pub pm_accepted: BTreeMap<FunctionId, Hours>,
    pub decisions: Vec<DecisionArea>,
    pub reports: Vec<Report>,
    pub needs: Vec<ClientNeed>,
    pub sponsor_value: SponsorValue,
    pub compliance: Vec<ComplianceItem>,
    pub signoffs: SignOffs,
    /// Rate card, worksheets and the deal; absent in documents before pricing.
    #[serde(default)]
    pub pricing: Pricing,
    /// Departures from the organization's standard that were accepted, with the reason
    /// (version 7; see `model::standard`).
    #[serde(default)]
    pub accepted_departures: Vec<AcceptedDeparture>,
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

    /// Every commitment of hours a week in this engagement, person by person: each
    /// assignment, and each function the PM accepted by default. Workload and overload
    /// (check 9) add up exactly these.
    pub fn weekly_hours(&self) -> impl Iterator<Item = (PersonId, Hours)> + '_ {
        let assigned = self.assignments.iter().map(|a| (a.person, a.hours));
        let defaults = self
            .pm
            .into_iter()
            .flat_map(move |pm| self.pm_accepted.values().map(move |&h| (pm, h)));
        assigned.chain(defaults)
    }

    /// The engagement manager, as the planner understands it everywhere (docs/DOMAIN.md: the
    /// engagement manager holds the engagement together; "sometimes the PM is the
    /// engagement manager"): whoever holds engagement management, that is the person
    /// Accountable for an engagement management function, or the PM who accepted it by
    /// default. Only when nobody holds it does the person named engagement manager
    /// count. Usually one person; more only if the engagement has several engagement
    /// management functions.
    pub fn engagement_managers(&self) -> Vec<PersonId> {
        let mut managers = Vec::new();
        for f in self
            .functions
            .iter()
            .filter(|f| f.kind == FunctionKind::EngagementManagement)
        {
            let holder = self
                .accountable(f.id)
                .or_else(|| self.pm.filter(|_| self.pm_accepted.contains_key(&f.id)));
            if let Some(p) = holder {
                if !managers.contains(&p) {
                    managers.push(p);
                }
            }
        }
        if managers.is_empty() {
            managers.extend(self.engagement_manager);
        }
        managers
    }

    /// The sponsors of this engagement, by name: people of the Sponsor group who are
    /// part of it, that is named anywhere in its roles, governance, expectations or
    /// sign-offs (an assignment on any function will do). A sponsor of another
    /// engagement has no say here. Pricing does not count, so approving a deal never
    /// makes anyone a sponsor of it.
    pub fn sponsors(&self, w: &Workspace) -> Vec<PersonId> {
        let mut sponsors: Vec<PersonId> = self
            .people_outside_pricing()
            .into_iter()
            .filter(|&p| {
                w.person(p)
                    .is_some_and(|p| p.group == StakeholderGroup::Sponsor)
            })
            .collect();
        order::sort_by_key(&mut sponsors, |&p| (w.person_name(p).to_lowercase(), p));
        sponsors
    }

    /// Whether a person is a sponsor of this engagement (see [`Engagement::sponsors`]).
    pub fn is_sponsor_of(&self, w: &Workspace, person: PersonId) -> bool {
        self.sponsors(w).contains(&person)
    }

    /// Why a person may hold the final say over the deal, whatever the final deal's
    /// decision area says: they are the engagement manager or a sponsor of this
    /// engagement (docs/DOMAIN.md: "engagement management or the sponsors decide the final
    /// deal"). Check 5 holds a named authority to this.
    pub fn final_deal_standing(&self, w: &Workspace, person: PersonId) -> Option<DealDecider> {
        if self.engagement_managers().contains(&person) {
            Some(DealDecider::EngagementManager)
        } else if self.is_sponsor_of(w, person) {
            Some(DealDecider::Sponsor)
        } else {
            None
        }
    }

    /// Who decides the final deal: the one rule behind the Governance view, checks 5
    /// and 7, and approving, rejecting or reopening a worksheet.
    ///
    /// When the final deal's decision area is decided by authority and names the
    /// person, that person alone. Otherwise the engagement manager (see
    /// [`Engagement::engagement_managers`]; a PM who holds engagement management is
    /// one) and every sponsor of this engagement (see [`Engagement::is_sponsor_of`]).
    /// Empty when there is nobody yet.
    pub fn final_deal_deciders(&self, w: &Workspace) -> Vec<(PersonId, DealDecider)> {
        match self.final_deal_authority() {
            Some(p) => vec![(p, DealDecider::Authority)],
            None => self.final_deal_candidates(w),
        }
    }

    /// Everyone with standing to decide the final deal (see
    /// [`Engagement::final_deal_standing`]): the engagement manager, then the sponsors
    /// of this engagement by name.
    pub fn final_deal_candidates(&self, w: &Workspace) -> Vec<(PersonId, DealDecider)> {
        let mut deciders: Vec<(PersonId, DealDecider)> = self
            .engagement_managers()
            .into_iter()
            .map(|p| (p, DealDecider::EngagementManager))
            .collect();
        for p in self.sponsors(w) {
            if !deciders.iter().any(|&(d, _)| d == p) {
                deciders.push((p, DealDecider::Sponsor));
            }
        }
        deciders
    }

    /// Whether a person may approve, reject or reopen the deal (see
    /// [`Engagement::final_deal_deciders`]).
    pub fn may_decide_final_deal(&self, w: &Workspace, person: PersonId) -> bool {
        match self.final_deal_authority() {
            Some(p) => p == person,
            None => self.final_deal_standing(w, person).is_some(),
        }
    }

    /// The named authority over the final deal, when its decision area is decided by
    /// authority and names someone.
    pub fn final_deal_authority(&self) -> Option<PersonId> {
        self.decisions
            .iter()
            .find(|d| d.kind == DecisionKind::FinalDeal)
            .filter(|d| d.method == Some(DecisionMethod::Authority))
            .and_then(|d| d.authority)
    }

    /// The people who decide the final deal, in words: "Ana Lima (engagement manager)
    /// or Sam Ortiz (sponsor)"; `None` when nobody does yet.
    pub fn final_deal_deciders_text(&self, w: &Workspace) -> Option<String> {
        let named: Vec<String> = self
            .final_deal_deciders(w)
            .into_iter()
            .map(|(p, why)| format!("{} ({})", w.person_name(p), why.label()))
            .collect();
        (!named.is_empty()).then(|| join_or(&named))
    }

    /// Why a person may not decide the final deal, naming them: "Pat Lee is a
    /// Performer", "Sam Ortiz is a sponsor without a role in this engagement …".
    pub fn why_not_final_deal_decider(&self, w: &Workspace, person: PersonId) -> String {
        let Some(p) = w.person(person) else {
            return format!("Person {person} is no longer on the roster");
        };
        if self.final_deal_authority().is_some() {
            return format!("{} is not the named authority over the final deal", p.name);
        }
        if p.group == StakeholderGroup::Sponsor {
            return format!(
                "{} is a sponsor without a role in this engagement (a sponsor has a say once they have one)",
                p.name
            );
        }
        if self.engagement_manager == Some(person) {
            let holders: Vec<String> = self
                .engagement_managers()
                .iter()
                .map(|&m| w.person_name(m).to_string())
                .collect();
            return format!(
                "{} is named engagement manager while {} holds engagement management",
                p.name,
                join_or(&holders)
            );
        }
        if p.group == StakeholderGroup::EngagementManager {
            return format!("{} is an engagement manager, not this engagement's", p.name);
        }
        format!("{} is {}", p.name, p.group.with_article())
    }

    /// The people who lead delivery here: Responsible or Accountable for a delivery or
    /// functional management function.
    fn delivery_leads(&self) -> BTreeSet<PersonId> {
        let kinds: BTreeSet<FunctionId> = self
            .functions
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FunctionKind::Delivery | FunctionKind::FunctionalManagement
                )
            })
            .map(|f| f.id)
            .collect();
        self.assignments
            .iter()
            .filter(|a| matches!(a.role, Raci::Responsible | Raci::Accountable))
            .filter(|a| kinds.contains(&a.function))
            .map(|a| a.person)
            .collect()
    }

    /// Why a person's estimate is not delivery input here, or `None` when it is
    /// (docs/DOMAIN.md check 7, collaborative selling: "delivery gives input").
    ///
    /// Delivery input comes from the delivery groups (see
    /// [`StakeholderGroup::DELIVERY`]) and from whoever leads delivery in this
    /// engagement (Responsible or Accountable for delivery or functional management),
    /// never from the sales side, whose estimate of their own lines is what delivery
    /// input is there to check.
    pub fn not_delivery_reason(&self, w: &Workspace, person: PersonId) -> Option<String> {
        let Some(p) = w.person(person) else {
            return Some(format!("person {person} is no longer on the roster"));
        };
        not_delivery(p, || self.delivery_leads().contains(&person))
    }

    /// Everyone on the roster whose estimate counts as delivery input here (see
    /// [`Engagement::not_delivery_reason`]).
    pub fn delivery_people(&self, w: &Workspace) -> BTreeSet<PersonId> {
        let leads = self.delivery_leads();
        w.people
            .iter()
            .filter(|p| not_delivery(p, || leads.contains(&p.id)).is_none())
            .map(|p| p.id)
            .collect()
    }

    /// Every person this engagement refers to, in any field, pricing and approval
    /// records included (see [`Engagement::person_refs`]).
    pub fn referenced_people(&self) -> BTreeSet<PersonId> {
        self.person_refs().map(|(_, p)| p).collect()
    }

    /// Every field of this engagement that names a person, with the person it names,
    /// in a fixed order: the one list of them, which validation, removal of a person,
    /// renumbering, export and the People view all derive from.
    pub fn person_refs(&self) -> impl Iterator<Item = (PersonRef, PersonId)> {
        let mut refs = Vec::new();
        visit_person_refs!(self, |r, p: &PersonId| refs.push((r, *p)));
        refs.into_iter()
    }

    /// Visits the same fields as [`Engagement::person_refs`], in the same order, to
    /// change the person each names (renumbering maps them to another roster).
    pub fn person_refs_mut(&mut self, f: impl FnMut(PersonRef, &mut PersonId)) {
        visit_person_refs!(self, f, mut);
    }

    /// The people named in the engagement's roles, governance, expectations and
    /// sign-offs: every reference but pricing's.
    pub(crate) fn people_outside_pricing(&self) -> BTreeSet<PersonId> {
        self.person_refs()
            .filter(|(r, _)| !r.is_pricing() && !r.is_record())
            .map(|(_, p)| p)
            .collect()
    }

    /// The people of this engagement, who may take part in its decisions: everyone named
    /// in its roles, governance, expectations or sign-offs (records of past decisions
    /// and pricing aside), by id.
    pub fn participants(&self) -> Vec<PersonId> {
        self.people_outside_pricing().into_iter().collect()
    }

    /// A proposal's outcome under its decision area's method (see
    /// [`decisions::evaluate`](super::decisions::evaluate)), among the people eligible
    /// for the area ([`Engagement::eligible`]); none while the area has no method.
    pub fn outcome(
        &self,
        w: &Workspace,
        area: &DecisionArea,
        proposal: &Proposal,
    ) -> Option<Outcome> {
        let method = area.method?;
        Some(evaluate(
            method,
            area.authority,
            proposal,
            &self.eligible(w, area),
        ))
    }

    /// Takes the person out of one field that names them: an optional field becomes
    /// empty and an assignment goes. Records ([`PersonRef::is_record`]) are kept:
    /// they say who decided, even after that person has left the roster.
    pub(crate) fn clear_person_ref(&mut self, r: PersonRef) {
        let worksheets = &mut self.pricing.worksheets;
        match r {
            PersonRef::Pm => self.pm = None,
            PersonRef::EngagementManager => self.engagement_manager = None,
            PersonRef::Champion => self.champion = None,
            PersonRef::AgreementDocumenter => self.agreement_documenter = None,
            PersonRef::Assignment(i) => {
                // A reference read from this engagement names an assignment it has.
                if self.assignments.get(i).is_some() {
                    self.assignments.remove(i);
                }
            }
            PersonRef::DecisionAuthority(i) => {
                if let Some(d) = self.decisions.get_mut(i) {
                    d.authority = None;
                }
            }
            PersonRef::ReportOwner(i) => {
                if let Some(r) = self.reports.get_mut(i) {
                    r.owner = None;
                }
            }
            PersonRef::ComplianceOwner(i) => {
                if let Some(c) = self.compliance.get_mut(i) {
                    c.owner = None;
                }
            }
            PersonRef::SignOff(party) => self.signoffs.set(party, None),
            PersonRef::Estimator { worksheet, line } => {
                if let Some(l) = worksheets
                    .get_mut(worksheet)
                    .and_then(|ws| ws.lines.get_mut(line))
                {
                    l.estimator = None;
                }
            }
            PersonRef::Approval { .. }
            | PersonRef::ApprovalLog { .. }
            | PersonRef::Position { .. } => {}
        }
    }

    /// Takes a person out of every field of this engagement that names them, except
    /// the records of past decisions.
    pub(crate) fn forget_person(&mut self, person: PersonId) {
        let named: Vec<PersonRef> = self
            .person_refs()
            .filter(|&(r, p)| p == person && !r.is_record())
            .map(|(r, _)| r)
            .collect();
        // Backwards, so removing an assignment does not move the ones still to remove.
        for r in named.into_iter().rev() {
            self.clear_person_ref(r);
        }
    }
}

/// A field of an engagement that names a person. Positions are indices into the
/// engagement's lists as they are when the reference is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonRef {
    Pm,
    EngagementManager,
    Champion,
    AgreementDocumenter,
    /// The person of `assignments[i]`.
    Assignment(usize),
    /// The authority of `decisions[i]`.
    DecisionAuthority(usize),
    /// The owner of `reports[i]`.
    ReportOwner(usize),
    /// The owner of `compliance[i]`.
    ComplianceOwner(usize),
    SignOff(SignOffParty),
    /// The estimator of a line of a pricing worksheet.
    Estimator {
        worksheet: usize,
        line: usize,
    },
    /// Who approved or rejected a pricing worksheet (a record).
    Approval {
        worksheet: usize,
    },
    /// Who took a step in a worksheet's approval log (a record).
    ApprovalLog {
        worksheet: usize,
        event: usize,
    },
    /// Who took a position on a proposal of a decision area's log (a record).
    Position {
        decision: usize,
        proposal: usize,
        position: usize,
    },
}

impl PersonRef {
    /// A record of a past decision (who approved, rejected or reopened a worksheet).
    /// It keeps naming the person after they leave the roster, so it may name an id
    /// that is no longer there; every other reference names someone on the roster.
    pub fn is_record(self) -> bool {
        matches!(
            self,
            PersonRef::Approval { .. } | PersonRef::ApprovalLog { .. } | PersonRef::Position { .. }
        )
    }

    /// A field of the engagement's pricing: an estimator or an approval record.
    pub fn is_pricing(self) -> bool {
        matches!(
            self,
            PersonRef::Estimator { .. }
                | PersonRef::Approval { .. }
                | PersonRef::ApprovalLog { .. }
        )
    }

    /// Where the field is inside its engagement, as a problem's path names it:
    /// `assignments[2].person`, `pricing.worksheets[0].lines[3].estimator`.
    pub fn path(self) -> String {
        match self {
            PersonRef::Pm => "pm".into(),
            PersonRef::EngagementManager => "engagement_manager".into(),
            PersonRef::Champion => "champion".into(),
            PersonRef::AgreementDocumenter => "agreement_documenter".into(),
            PersonRef::Assignment(i) => format!("assignments[{i}].person"),
            PersonRef::DecisionAuthority(i) => format!("decisions[{i}].authority"),
            PersonRef::ReportOwner(i) => format!("reports[{i}].owner"),
            PersonRef::ComplianceOwner(i) => format!("compliance[{i}].owner"),
            PersonRef::SignOff(party) => format!(
                "signoffs.{}",
                match party {
                    SignOffParty::Sales => "sales",
                    SignOffParty::CustomerService => "customer_service",
                    SignOffParty::Delivery => "delivery",
                }
            ),
            PersonRef::Estimator { worksheet, line } => {
                format!("pricing.worksheets[{worksheet}].lines[{line}].estimator")
            }
            PersonRef::Approval { worksheet } => {
                format!("pricing.worksheets[{worksheet}].approval")
            }
            PersonRef::ApprovalLog { worksheet, event } => {
                format!("pricing.worksheets[{worksheet}].log[{event}].by")
            }
            PersonRef::Position {
                decision,
                proposal,
                position,
            } => format!("decisions[{decision}].log[{proposal}].positions[{position}].person"),
        }
    }

    /// What the person is in `e`, in words that follow "Ann is": "PM",
    /// "Legal: Accountable", "estimator of “Support” (Base)".
    pub fn describe(self, e: &Engagement) -> String {
        let quoted = |name: Option<&str>| format!("\u{201c}{}\u{201d}", name.unwrap_or("?"));
        let worksheet = |i: usize| e.pricing.worksheets.get(i);
        let worksheet_name = |i: usize| quoted(worksheet(i).map(|ws| ws.name.as_str()));
        match self {
            PersonRef::Pm => "PM".into(),
            PersonRef::EngagementManager => "engagement manager".into(),
            PersonRef::Champion => "sales role or champion".into(),
            PersonRef::AgreementDocumenter => "documenter of agreements".into(),
            PersonRef::Assignment(i) => match e.assignments.get(i) {
                Some(a) => format!(
                    "{}: {}",
                    e.function(a.function).map_or("?", |f| f.name.as_str()),
                    a.role.label()
                ),
                None => "?".into(),
            },
            PersonRef::DecisionAuthority(i) => format!(
                "authority over {}",
                quoted(e.decisions.get(i).map(|d| d.name.as_str()))
            ),
            PersonRef::ReportOwner(i) => format!(
                "owner of the report {}",
                quoted(e.reports.get(i).map(|r| r.name.as_str()))
            ),
            PersonRef::ComplianceOwner(i) => format!(
                "owner of the compliance item {}",
                quoted(e.compliance.get(i).map(|c| c.rule.as_str()))
            ),
            PersonRef::SignOff(party) => format!("signatory for {}", party.label()),
            PersonRef::Estimator { worksheet: w, line } => format!(
                "estimator of {} ({})",
                quoted(
                    worksheet(w)
                        .and_then(|ws| ws.lines.get(line))
                        .map(|l| l.name.as_str())
                ),
                worksheet(w).map_or("?", |ws| ws.name.as_str())
            ),
            PersonRef::Approval { worksheet: w } => match worksheet(w).map(|ws| ws.approval) {
                Some(Approval::Rejected { .. }) => {
                    format!("the one who rejected {}", worksheet_name(w))
                }
                _ => format!("approver of {}", worksheet_name(w)),
            },
            PersonRef::ApprovalLog { worksheet: w, .. } => {
                format!("named in the approval history of {}", worksheet_name(w))
            }
            PersonRef::Position {
                decision, proposal, ..
            } => {
                let area = e.decisions.get(decision);
                format!(
                    "taking part in {} ({})",
                    quoted(
                        area.and_then(|d| d.log.get(proposal))
                            .map(|p| p.text.as_str())
                    ),
                    area.map_or("?", |d| d.name.as_str())
                )
            }
        }
    }

    /// "of" after the engagement's titles ("PM of Website"), "in" after everything
    /// else ("Legal: Accountable in Website").
    pub fn preposition(self) -> &'static str {
        match self {
            PersonRef::Pm | PersonRef::EngagementManager | PersonRef::Champion => "of",
            _ => "in",
        }
    }
}

impl Engagement {
    /// A fingerprint of the engagement's defined process: its roles (who is PM,
    /// engagement manager, champion and agreement documenter; the functions and who is
    /// Responsible, Accountable, Consulted or Informed on each; the PM's acceptances)
    /// and its governance (decision areas with their methods and authorities; reports
    /// with their owners, audiences and frequencies). Hours, needs, pricing, sponsor
    /// value, compliance and the stage are not part of it, so changing them leaves
    /// sign-offs current.
    ///
    /// Sixteen lower-case hex digits of a 64-bit FNV-1a hash over a canonical encoding
    /// (collections sorted, so the order items were added in does not matter). It is
    /// saved with each sign-off, so it must never change for the same process: the
    /// encoding below is part of the file format.
    pub fn process_fingerprint(&self) -> String {
        let mut h = Fingerprint::new();
        h.text("engagement-process/1");
        for slot in [
            self.pm,
            self.engagement_manager,
            self.champion,
            self.agreement_documenter,
        ] {
            h.person(slot);
        }
        let mut functions: Vec<&Function> = self.functions.iter().collect();
        order::sort_by_key(&mut functions, |f| f.id);
        h.count(functions.len());
        for f in functions {
            h.number(f.id.0);
            h.text(&format!("{:?}", f.kind));
            h.text(&f.name);
        }
        let mut roles: Vec<(FunctionId, Raci, PersonId)> = self
            .assignments
            .iter()
            .map(|a| (a.function, a.role, a.person))
            .collect();
        order::sort(&mut roles);
        h.count(roles.len());
        for (function, role, person) in roles {
            h.number(function.0);
            h.text(&format!("{role:?}"));
            h.number(person.0);
        }
        h.count(self.pm_accepted.len());
        for f in self.pm_accepted.keys() {
            h.number(f.0);
        }
        let mut decisions: Vec<&DecisionArea> = self.decisions.iter().collect();
        order::sort_by_key(&mut decisions, |d| d.id);
        h.count(decisions.len());
        for d in decisions {
            h.number(d.id.0);
            h.text(&format!("{:?}", d.kind));
            h.text(&d.name);
            h.text(&format!("{:?}", d.method));
            h.person(d.authority);
        }
        let mut reports: Vec<&Report> = self.reports.iter().collect();
        order::sort_by_key(&mut reports, |r| r.id);
        h.count(reports.len());
        for r in reports {
            h.number(r.id.0);
            h.text(&r.name);
            h.person(r.owner);
            h.count(r.audience.len());
            for g in &r.audience {
                h.text(&format!("{g:?}"));
            }
            h.text(&format!("{:?}", r.frequency));
        }
        format!("{:016x}", h.0)
    }

    /// Where one group's sign-off stands, given the roster (for the signer's group).
    pub fn sign_off_status(&self, party: SignOffParty, people: &[Person]) -> SignOffStatus {
        self.sign_off_status_against(party, people, &self.process_fingerprint())
    }

    /// Where each group's sign-off stands, in [`SignOffParty::ALL`] order; the process
    /// is fingerprinted once for all three.
    pub fn sign_off_statuses(&self, people: &[Person]) -> Vec<(SignOffParty, SignOffStatus)> {
        let process = self.process_fingerprint();
        SignOffParty::ALL
            .iter()
            .map(|&party| (party, self.sign_off_status_against(party, people, &process)))
            .collect()
    }

    fn sign_off_status_against(
        &self,
        party: SignOffParty,
        people: &[Person],
        process: &str,
    ) -> SignOffStatus {
        let Some(person) = self.signoffs.get(party) else {
            return SignOffStatus::Missing;
        };
        // A plan that passed validation names only people on the roster.
        let Some(signer) = people.iter().find(|p| p.id == person) else {
            return SignOffStatus::Missing;
        };
        if !party.accepts(signer.group) {
            return SignOffStatus::WrongGroup {
                person,
                group: signer.group,
            };
        }
        match self.signoffs.stamp(party) {
            None => SignOffStatus::Undated { person },
            Some(stamp) if stamp.process != process => SignOffStatus::OutOfDate {
                person,
                date: stamp.date.clone(),
            },
            Some(stamp) => SignOffStatus::Current {
                person,
                date: stamp.date.clone(),
            },
        }
    }
}

/// 64-bit FNV-1a over a length-prefixed encoding, so that no two different sequences
/// of values hash the same bytes. Chosen over `std`'s hashers because its output is
/// fixed forever, and a fingerprint is saved in files.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn number(&mut self, n: u32) {
        self.bytes(&n.to_le_bytes());
    }

    fn count(&mut self, n: usize) {
        self.bytes(&(n as u64).to_le_bytes());
    }

    fn text(&mut self, t: &str) {
        self.count(t.len());
        self.bytes(t.as_bytes());
    }

    fn person(&mut self, p: Option<PersonId>) {
        match p {
            None => self.bytes(&[0]),
            Some(p) => {
                self.bytes(&[1]);
                self.number(p.0);
            }
        }
    }
}

/// Why someone may decide the final deal (see [`Engagement::final_deal_deciders`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DealDecider {
    /// Named as the authority of the final deal's decision area.
    Authority,
    /// The engagement manager (see [`Engagement::engagement_managers`]).
    EngagementManager,
    /// A sponsor of this engagement (see [`Engagement::is_sponsor_of`]).
    Sponsor,
}

impl DealDecider {
    pub fn label(self) -> &'static str {
        match self {
            DealDecider::Authority => "named authority",
            DealDecider::EngagementManager => "engagement manager",
            DealDecider::Sponsor => "sponsor",
        }
    }
}

/// The rule of [`Engagement::not_delivery_reason`] for one person, given whether they
/// lead delivery in the engagement (asked only when their group does not settle it).
fn not_delivery(p: &Person, leads: impl FnOnce() -> bool) -> Option<String> {
    if p.group.is_sales_side() {
        return Some(format!(
            "{} is in {}, whose price delivery's estimate is there to check",
            p.name,
            p.group.label()
        ));
    }
    if p.group.is_delivery() || leads() {
        return None;
    }
    Some(format!(
        "{} is {}, neither in delivery nor leading it here",
        p.name,
        p.group.with_article()
    ))
}

/// "a", "a or b", "a, b or c".
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// `pm_accepted` in a document: an array of `{"function": id, "hours": h}`, sorted by
/// function (version 4; the upgrade from version 3 gives each bare function id
/// [`PM_DEFAULT_HOURS`]).
mod pm_accepted_format {
    use super::{FunctionId, Hours};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    #[derive(Serialize, Deserialize)]
    struct Accepted {
        function: FunctionId,
        hours: Hours,
    }

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<FunctionId, Hours>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            map.iter()
                .map(|(&function, &hours)| Accepted { function, hours }),
        )
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<FunctionId, Hours>, D::Error> {
        Ok(Vec::<Accepted>::deserialize(d)?
            .into_iter()
            .map(|a| (a.function, a.hours))
            .collect())
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

/// The nine functions of docs/DOMAIN.md, and functions an organization adds.
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
    /// The default template, in docs/DOMAIN.md's order.
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

    /// What the function is for (docs/DOMAIN.md, "The nine functions").
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
    /// (docs/DOMAIN.md check 3).
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

    /// Hours per week a new assignment in this role starts with, until someone
    /// changes them.
    ///
    /// Doing the work (Responsible) or holding final authority over it (Accountable)
    /// takes real time every week, so both start at 4 hours (half a day): a cautious
    /// placeholder that already counts toward the person's workload, so an overload
    /// shows up early rather than late. Being asked (Consulted) or told (Informed)
    /// starts at 0 hours.
    pub fn default_hours(self) -> Hours {
        match self {
            Raci::Responsible | Raci::Accountable => Hours::from_whole(4),
            Raci::Consulted | Raci::Informed => Hours(0),
        }
    }

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

/// The decision areas docs/DOMAIN.md names, plus user-defined ones.
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
    /// The decisions taken in this area, oldest first (version 5).
    pub log: Vec<Proposal>,
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

/// The four views of a client need that must agree (docs/DOMAIN.md check 10).
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
    /// Delivery on this need is finished: what is delivered must now match. Absent
    /// (false) in plans saved before version 3.
    #[serde(default)]
    pub complete: bool,
}

/// Whether a need's four aspects agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedStatus {
    /// All four aspects are known and equal.
    Consistent,
    /// Promised, bought and needed agree; delivery has not caught up yet, which is
    /// expected before the performance stage.
    AwaitingDelivery,
    /// Promised, bought and needed agree with each other, and delivery is under way
    /// but has delivered less than the listed aspects so far. Delivering is not
    /// failing: this is work in progress until the need is marked complete or the
    /// engagement reaches support (see [`ClientNeed::delivery_due`]).
    InProgress(Vec<NeedAspect>),
    /// Some aspect is still unknown.
    Incomplete(Vec<NeedAspect>),
    /// Known aspects disagree; each pair says which is more and which is less. A pair
    /// whose lesser side is `Delivered` is only here once delivery is due.
    Mismatch(Vec<(NeedAspect, NeedAspect)>),
}

/// Why delivering less than promised is now a mismatch rather than work in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryDue {
    /// The need is marked complete: its delivery is finished.
    MarkedComplete,
    /// The engagement is in the support stage: delivery is over.
    InSupport,
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

    /// Whether delivery on this need is over, so that delivering less than promised
    /// is a mismatch: the need is marked complete, or the engagement is in support.
    /// Marked complete is given first when both hold, since someone said so.
    pub fn delivery_due(&self, stage: Stage) -> Option<DeliveryDue> {
        if self.complete {
            Some(DeliveryDue::MarkedComplete)
        } else if stage == Stage::Support {
            Some(DeliveryDue::InSupport)
        } else {
            None
        }
    }

    /// The need's status in a given stage. Delivery is compared from the performance
    /// stage on (or earlier, once the need is marked complete); delivering less than
    /// the other aspects is then work in progress ([`NeedStatus::InProgress`]) until
    /// [`ClientNeed::delivery_due`], and only after that a mismatch. Delivering more
    /// than promised, bought or needed is a mismatch as soon as delivery is compared.
    pub fn status(&self, stage: Stage) -> NeedStatus {
        let compared = stage >= Stage::Performance || self.complete;
        let due = self.delivery_due(stage).is_some();
        let mut mismatches = Vec::new();
        let mut short_of = Vec::new();
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
                if !compared && (a == NeedAspect::Delivered || b == NeedAspect::Delivered) {
                    continue;
                }
                let (more, less) = if ca > cb { (a, b) } else { (b, a) };
                if less == NeedAspect::Delivered && !due {
                    short_of.push(more);
                    continue;
                }
                mismatches.push((more, less));
            }
        }
        if !mismatches.is_empty() {
            return NeedStatus::Mismatch(mismatches);
        }
        let unknown: Vec<NeedAspect> = NeedAspect::ALL
            .iter()
            .copied()
            .filter(|&a| self.coverage(a) == Coverage::Unknown)
            .filter(|&a| compared || a != NeedAspect::Delivered)
            .collect();
        if !unknown.is_empty() {
            return NeedStatus::Incomplete(unknown);
        }
        if !short_of.is_empty() {
            return NeedStatus::InProgress(short_of);
        }
        if !compared && self.delivered != self.promised {
            return NeedStatus::AwaitingDelivery;
        }
        NeedStatus::Consistent
    }
}

/// What the sponsors expect the organization to get, and to pay (docs/DOMAIN.md check 11).
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
    /// How far the expected benefits fall short of a price (docs/DOMAIN.md check 11:
    /// "expected benefits cover the price"): `Some(price - benefits)` when the
    /// benefits are stated and below the price, `None` when they cover it or are not
    /// stated. Benefits equal to the price cover it.
    pub fn benefits_shortfall(&self, price: Money) -> Option<Money> {
        self.expected_benefits
            .filter(|&benefits| benefits < price)
            .map(|benefits| Money(price.0 - benefits.0))
    }

    /// How far a price is over the expected budget (docs/DOMAIN.md check 11: "the price is
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

/// A rule, protocol or regulation to follow, with its owner (docs/DOMAIN.md check 12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceItem {
    pub id: ComplianceId,
    pub rule: String,
    pub owner: Option<PersonId>,
    pub status: ComplianceStatus,
}

/// The groups that must sign off the defined process (docs/DOMAIN.md check 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

    /// The stakeholder groups whose people may sign off for this party: the one place
    /// that says who speaks for sales, customer service and delivery. Delivery is the
    /// people who manage and perform the work (docs/DOMAIN.md: "delivery: manage and perform
    /// the projects"; "functional managers and staff: provide resources").
    pub fn groups(self) -> &'static [StakeholderGroup] {
        match self {
            SignOffParty::Sales => &[StakeholderGroup::Sales],
            SignOffParty::CustomerService => &[StakeholderGroup::CustomerService],
            SignOffParty::Delivery => &[
                StakeholderGroup::Performer,
                StakeholderGroup::FunctionalManager,
                StakeholderGroup::ProjectManager,
            ],
        }
    }

    /// Whether a person of this stakeholder group may sign off for this party.
    pub fn accepts(self, group: StakeholderGroup) -> bool {
        self.groups().contains(&group)
    }

    /// Who may sign off, in words: "someone in the Sales group", "a performer,
    /// functional manager or project manager".
    pub fn who(self) -> &'static str {
        match self {
            SignOffParty::Sales => "someone in the Sales group",
            SignOffParty::CustomerService => "someone in the Customer service group",
            SignOffParty::Delivery => "a performer, functional manager or project manager",
        }
    }
}

/// When a group signed off, and which process they signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffStamp {
    /// The day of the sign-off, `YYYY-MM-DD`, as the user's clock gave it.
    pub date: String,
    /// [`Engagement::process_fingerprint`] at the time of the sign-off.
    pub process: String,
}

/// Who signed off the defined process for each group, and when; `None` is not yet.
///
/// The stamps came with version 3 of the format: a sign-off read from an older plan has
/// a person but no stamp, and needs confirming again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffs {
    pub sales: Option<PersonId>,
    pub customer_service: Option<PersonId>,
    pub delivery: Option<PersonId>,
    #[serde(default)]
    pub sales_stamp: Option<SignOffStamp>,
    #[serde(default)]
    pub customer_service_stamp: Option<SignOffStamp>,
    #[serde(default)]
    pub delivery_stamp: Option<SignOffStamp>,
}

/// Where one group's sign-off stands (docs/DOMAIN.md check 14). Derived from the plan, so
/// an undo that puts the process back makes an out-of-date sign-off current again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignOffStatus {
    /// Nobody has signed off for the group yet.
    Missing,
    /// Signed by someone outside the party's groups (a plan from an older version, or
    /// the signer's group changed since).
    WrongGroup {
        person: PersonId,
        group: StakeholderGroup,
    },
    /// Signed in a plan saved before sign-offs were dated: it may not cover the process
    /// as it is now, so it needs confirming again.
    Undated { person: PersonId },
    /// The roles or governance changed after the sign-off on `date`.
    OutOfDate { person: PersonId, date: String },
    /// Signed on `date`, and the process is still the one signed.
    Current { person: PersonId, date: String },
}

impl SignOffs {
    pub fn get(&self, party: SignOffParty) -> Option<PersonId> {
        match party {
            SignOffParty::Sales => self.sales,
            SignOffParty::CustomerService => self.customer_service,
            SignOffParty::Delivery => self.delivery,
        }
    }

    /// When the party signed off and on which process, if the sign-off is dated.
    pub fn stamp(&self, party: SignOffParty) -> Option<&SignOffStamp> {
        match party {
            SignOffParty::Sales => self.sales_stamp.as_ref(),
            SignOffParty::CustomerService => self.customer_service_stamp.as_ref(),
            SignOffParty::Delivery => self.delivery_stamp.as_ref(),
        }
    }

    /// Records (or, with `None`, withdraws) a party's sign-off with its stamp.
    pub fn set(&mut self, party: SignOffParty, signed: Option<(PersonId, SignOffStamp)>) {
        let (person, stamp) = match signed {
            Some((p, s)) => (Some(p), Some(s)),
            None => (None, None),
        };
        match party {
            SignOffParty::Sales => (self.sales, self.sales_stamp) = (person, stamp),
            SignOffParty::CustomerService => {
                (self.customer_service, self.customer_service_stamp) = (person, stamp)
            }
            SignOffParty::Delivery => (self.delivery, self.delivery_stamp) = (person, stamp),
        }
    }

    /// The stamps of every party, to update them together.
    pub(crate) fn stamps_mut(&mut self) -> [&mut Option<SignOffStamp>; 3] {
        [
            &mut self.sales_stamp,
            &mut self.customer_service_stamp,
            &mut self.delivery_stamp,
        ]
    }
}

/// Whether `text` is a calendar day written `YYYY-MM-DD`, from the year 1900 on.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        let part = &b[from..to];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (number(0, 4), number(5, 7), number(8, 10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1900 && (1..=days).contains(&day)
}

/// Whether `text` has the shape of [`Engagement::process_fingerprint`]: sixteen
/// lower-case hex digits.
pub fn is_process_fingerprint(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
