//! Every change to a workspace is an [`Action`], applied by [`Workspace::apply`].
//!
//! `apply` is the only way the plan changes. It either applies the whole action or
//! returns an error and leaves the workspace exactly as it was, so the UI can show the
//! error next to the control that caused it and nothing is half-done.

pub use super::error::ModelError;

use super::accounts::AccountEdit;
use super::deal;
use super::decisions::{Position, Proposal, Stance};
use super::engagement::*;
use super::ids::*;
use super::input::{name, room, text};
use super::limits::QUORUM;
use super::people::{Person, Side, StakeholderGroup};
use super::pricing::{self, PricingAction};
use super::standard::{DepartureKey, Standard};
use super::templates::{self, Template};
use super::units::{Bps, Hours, Money, HOURS_PER_WEEK, MONEY_LIMIT};
use super::workspace::{
    is_currency_code, is_visible_name, Workspace, ENGAGEMENTS_MAX, ITEMS_MAX, NAME_MAX, PEOPLE_MAX,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the user meant to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    // The roster.
    AddPerson {
        name: String,
        side: Side,
        group: StakeholderGroup,
        capacity: Hours,
    },
    EditPerson {
        person: PersonId,
        edit: PersonEdit,
    },
    /// Removes a person and every assignment and reference to them, in every engagement.
    RemovePerson {
        person: PersonId,
    },

    // The portfolio.
    CreateEngagement {
        name: String,
        template: Template,
    },
    DuplicateEngagement {
        engagement: EngagementId,
        name: String,
    },
    RemoveEngagement {
        engagement: EngagementId,
    },
    EditEngagement {
        engagement: EngagementId,
        edit: EngagementEdit,
    },

    // Functions.
    AddFunction {
        engagement: EngagementId,
        name: String,
    },
    RenameFunction {
        engagement: EngagementId,
        function: FunctionId,
        name: String,
    },
    /// Brings back one of docs/DOMAIN.md's nine functions that the engagement no longer has.
    RestoreFunction {
        engagement: EngagementId,
        kind: FunctionKind,
    },
    /// Removes a function with its assignments.
    RemoveFunction {
        engagement: EngagementId,
        function: FunctionId,
    },

    // Assignments.
    Assign {
        engagement: EngagementId,
        person: PersonId,
        function: FunctionId,
        role: Raci,
        hours: Hours,
    },
    Unassign {
        engagement: EngagementId,
        person: PersonId,
        function: FunctionId,
        role: Raci,
    },
    SetAssignmentHours {
        engagement: EngagementId,
        person: PersonId,
        function: FunctionId,
        role: Raci,
        hours: Hours,
    },
    /// The PM accepts (or gives back) a function that falls to the PM by default.
    /// Accepting records [`PM_DEFAULT_HOURS`] a week for it (an acceptance already
    /// there keeps its hours); there must be a PM to accept.
    SetPmAcceptance {
        engagement: EngagementId,
        function: FunctionId,
        accepted: bool,
    },
    /// The hours a week a function the PM accepted by default takes the PM.
    SetPmDefaultHours {
        engagement: EngagementId,
        function: FunctionId,
        hours: Hours,
    },
    /// Moves an assignment to another cell (function and role), keeping its hours: one
    /// step on the board, so one undo puts it back.
    MoveAssignment {
        engagement: EngagementId,
        person: PersonId,
        from: (FunctionId, Raci),
        to: (FunctionId, Raci),
    },
    /// Makes `person` the Accountable for `function` in place of whoever holds it now
    /// (who is unassigned from that cell). With `from`, the person's assignment there
    /// moves (keeping its hours); without, it is a new assignment of `hours`.
    ReplaceAccountable {
        engagement: EngagementId,
        person: PersonId,
        function: FunctionId,
        from: Option<(FunctionId, Raci)>,
        hours: Hours,
    },

    // Governance.
    AddDecisionArea {
        engagement: EngagementId,
        name: String,
    },
    /// Brings back a standard decision area (scope change, final deal, acceptance,
    /// escalation) that the engagement no longer has.
    RestoreDecisionArea {
        engagement: EngagementId,
        kind: DecisionKind,
    },
    EditDecisionArea {
        engagement: EngagementId,
        decision: DecisionId,
        edit: DecisionEdit,
    },
    RemoveDecisionArea {
        engagement: EngagementId,
        decision: DecisionId,
    },
    /// Puts a proposal to a decision area, dated `YYYY-MM-DD`; it starts with no
    /// positions. `quorum` is the share of the eligible who must vote, under majority;
    /// `worksheet`, on the final deal only, the pricing worksheet it approves once it
    /// passes (see [`super::deal`]).
    Propose {
        engagement: EngagementId,
        decision: DecisionId,
        text: String,
        date: String,
        quorum: Option<Bps>,
        worksheet: Option<WorksheetId>,
    },
    EditProposal {
        engagement: EngagementId,
        decision: DecisionId,
        proposal: ProposalId,
        edit: ProposalEdit,
    },
    /// Records a person's position on a proposal (none takes it back). A person eligible
    /// for the area only ([`Engagement::eligible`]: on the final deal, those who decide
    /// it); a block under consensus needs a reason. A position that passes a final-deal
    /// proposal naming a worksheet approves the worksheet (see [`super::deal`]).
    SetPosition {
        engagement: EngagementId,
        decision: DecisionId,
        proposal: ProposalId,
        person: PersonId,
        stance: Option<Stance>,
        reason: String,
    },
    RemoveProposal {
        engagement: EngagementId,
        decision: DecisionId,
        proposal: ProposalId,
    },
    AddReport {
        engagement: EngagementId,
        name: String,
    },
    EditReport {
        engagement: EngagementId,
        report: ReportId,
        edit: ReportEdit,
    },
    RemoveReport {
        engagement: EngagementId,
        report: ReportId,
    },

    // Expectations.
    AddNeed {
        engagement: EngagementId,
        title: String,
    },
    EditNeed {
        engagement: EngagementId,
        need: NeedId,
        edit: NeedEdit,
    },
    RemoveNeed {
        engagement: EngagementId,
        need: NeedId,
    },

    // Compliance and sign-offs.
    AddComplianceItem {
        engagement: EngagementId,
        rule: String,
    },
    EditComplianceItem {
        engagement: EngagementId,
        item: ComplianceId,
        edit: ComplianceEdit,
    },
    RemoveComplianceItem {
        engagement: EngagementId,
        item: ComplianceId,
    },
    /// Records that `person`, who must belong to one of the party's groups
    /// ([`SignOffParty::groups`]), signed off the defined process for `party` on `date`
    /// (`YYYY-MM-DD`, today by the user's clock: the model has none). The sign-off
    /// covers the process as it is now ([`Engagement::process_fingerprint`]); signing
    /// again confirms it afresh.
    SignOff {
        engagement: EngagementId,
        party: SignOffParty,
        person: PersonId,
        date: String,
    },
    /// Withdraws a group's sign-off.
    WithdrawSignOff {
        engagement: EngagementId,
        party: SignOffParty,
    },

    /// A change to the engagement's pricing (rate card, worksheets, approval).
    Pricing {
        engagement: EngagementId,
        action: PricingAction,
    },
    /// Sets (or clears) the default target margin, which every worksheet without a
    /// target margin of its own is held to.
    SetDefaultTargetMargin {
        target: Option<Bps>,
    },

    // Accounts.
    /// Opens an account with no engagement yet.
    AddAccount {
        name: String,
    },
    EditAccount {
        account: AccountId,
        edit: AccountEdit,
    },
    /// Removes an account no engagement names.
    RemoveAccount {
        account: AccountId,
    },

    // The organization's standard (`model::standard`).
    /// Makes an engagement's process the standard of its kind.
    AdoptStandard {
        from: EngagementId,
    },
    /// Puts back the built-in standard of one kind.
    ResetStandard {
        relationship: Relationship,
    },
    /// Whether the standard of one kind requires a group's sign-off of the process.
    SetStandardSignOff {
        relationship: Relationship,
        party: SignOffParty,
        required: bool,
    },
    /// Brings an engagement in line with the standard: one departure, or all open ones.
    ApplyStandard {
        engagement: EngagementId,
        departure: Option<DepartureKey>,
    },
    AcceptDeparture {
        engagement: EngagementId,
        departure: DepartureKey,
        reason: String,
    },
    WithdrawAcceptance {
        engagement: EngagementId,
        departure: DepartureKey,
    },

    // Files.
    /// Adds the engagements of another (validated) workspace as new engagements. People
    /// whose name and side match someone on the roster are taken to be that person, so
    /// their workload adds up across engagements; everyone else joins the roster.
    ImportEngagements {
        from: Workspace,
    },
    /// Replaces the whole workspace with a (validated) one.
    ReplaceWorkspace {
        with: Workspace,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersonEdit {
    Name(String),
    Side(Side),
    Group(StakeholderGroup),
    Capacity(Hours),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngagementEdit {
    Name(String),
    Client(String),
    Provider(String),
    Relationship(Relationship),
    Stage(Stage),
    Currency(String),
    Pm(Option<PersonId>),
    EngagementManager(Option<PersonId>),
    Champion(Option<PersonId>),
    AgreementFormal(bool),
    AgreementDocumenter(Option<PersonId>),
    ExpectedBenefits(Option<Money>),
    ExpectedBudget(Option<Money>),
    BenefitsDescription(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionEdit {
    Name(String),
    Method(Option<DecisionMethod>),
    Authority(Option<PersonId>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalEdit {
    Text(String),
    Date(String),
    Quorum(Option<Bps>),
    /// The worksheet a final-deal proposal approves once it passes (none: no worksheet).
    Worksheet(Option<WorksheetId>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportEdit {
    Name(String),
    Owner(Option<PersonId>),
    Audience(BTreeSet<StakeholderGroup>),
    Frequency(Option<Frequency>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedEdit {
    Title(String),
    Coverage(NeedAspect, Coverage),
    Note(String),
    /// Marks the need's delivery finished (or not): from then on delivering less than
    /// promised is a mismatch, whatever the stage.
    Complete(bool),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComplianceEdit {
    Rule(String),
    Owner(Option<PersonId>),
    Status(ComplianceStatus),
}

fn optional_name(value: &str, what: &'static str) -> Result<String, ModelError> {
    let trimmed = value.trim();
    if !trimmed.is_empty() && !is_visible_name(trimmed) {
        return Err(ModelError::InvisibleName(what));
    }
    if trimmed.chars().count() > NAME_MAX {
        return Err(ModelError::TooLong {
            what,
            max: NAME_MAX,
        });
    }
    Ok(trimmed.to_string())
}

fn hours(value: Hours) -> Result<Hours, ModelError> {
    if value > HOURS_PER_WEEK {
        return Err(ModelError::TooManyHours(value));
    }
    Ok(value)
}

fn money(value: Option<Money>) -> Result<Option<Money>, ModelError> {
    match value {
        Some(m) if m.0 < 0 || m > MONEY_LIMIT => Err(ModelError::MoneyOutOfRange),
        other => Ok(other),
    }
}

/// Refuses putting `person` on `cell` when they are already there, or when the cell is
/// a function's Accountable and someone else holds it.
fn cell_is_free(
    e: &Engagement,
    names: &BTreeMap<PersonId, String>,
    person: PersonId,
    person_name: String,
    (function, role): (FunctionId, Raci),
) -> Result<(), ModelError> {
    let function_name = e
        .function(function)
        .ok_or(ModelError::UnknownFunction(function))?
        .name
        .clone();
    if e.assignments_on(function)
        .any(|a| a.person == person && a.role == role)
    {
        return Err(ModelError::AlreadyAssigned {
            person: person_name,
            function: function_name,
            role,
        });
    }
    if role == Raci::Accountable {
        if let Some(current) = e.accountable(function) {
            let current = names.get(&current).cloned().unwrap_or_default();
            return Err(ModelError::SecondAccountable {
                function: function_name,
                current,
            });
        }
    }
    Ok(())
}

impl Workspace {
    /// Applies one action. On error the workspace is unchanged.
    pub fn apply(&mut self, action: Action) -> Result<(), ModelError> {
        // Imports are applied to a copy, since a failure can come after a change; every
        // other arm checks everything before it changes anything.
        match action {
            Action::AddPerson {
                name: n,
                side,
                group,
                capacity,
            } => {
                room(self.people.len(), PEOPLE_MAX, "people")?;
                let name = name(&n, "name")?;
                let capacity = hours(capacity)?;
                let id = PersonId(self.allocate()?);
                self.people.push(Person {
                    id,
                    name,
                    side,
                    group,
                    capacity,
                });
            }
            Action::EditPerson { person, edit } => {
                let p = self
                    .people
                    .iter_mut()
                    .find(|p| p.id == person)
                    .ok_or(ModelError::UnknownPerson(person))?;
                match edit {
                    PersonEdit::Name(n) => p.name = name(&n, "name")?,
                    PersonEdit::Side(s) => p.side = s,
                    PersonEdit::Group(g) => p.group = g,
                    PersonEdit::Capacity(c) => p.capacity = hours(c)?,
                }
            }
            Action::RemovePerson { person } => {
                let index = self
                    .people
                    .iter()
                    .position(|p| p.id == person)
                    .ok_or(ModelError::UnknownPerson(person))?;
                self.people.remove(index);
                for e in &mut self.engagements {
                    e.forget_person(person);
                }
                for a in &mut self.accounts {
                    if a.owner == Some(person) {
                        a.owner = None;
                    }
                }
            }
            Action::CreateEngagement { name: n, template } => {
                room(self.engagements.len(), ENGAGEMENTS_MAX, "engagements")?;
                let n = name(&n, "engagement name")?;
                let engagement =
                    self.with_ids_restored_on_error(|w| templates::instantiate(w, template, &n))?;
                self.engagements.push(engagement);
            }
            Action::DuplicateEngagement {
                engagement,
                name: n,
            } => {
                room(self.engagements.len(), ENGAGEMENTS_MAX, "engagements")?;
                let n = name(&n, "engagement name")?;
                let source = self
                    .engagement(engagement)
                    .ok_or(ModelError::UnknownEngagement(engagement))?
                    .clone();
                let index = self
                    .engagements
                    .iter()
                    .position(|e| e.id == engagement)
                    .unwrap_or(0);
                let mut copy = self
                    .with_ids_restored_on_error(|w| renumber(w, source, &BTreeMap::new(), false))?;
                copy.name = n;
                self.engagements.insert(index + 1, copy);
            }
            Action::RemoveEngagement { engagement } => {
                let index = self.engagement_index(engagement)?;
                self.engagements.remove(index);
            }
            Action::EditEngagement {
                engagement,
                edit: EngagementEdit::Client(c),
            } => {
                let index = self.engagement_index(engagement)?;
                let account = self.with_ids_restored_on_error(|w| w.account_for_client(&c))?;
                self.engagements[index].account = account;
            }
            Action::EditEngagement { engagement, edit } => {
                let index = self.engagement_index(engagement)?;
                if let Some(p) = edit_person_ref(&edit) {
                    self.require_person(p)?;
                }
                let e = &mut self.engagements[index];
                match edit {
                    EngagementEdit::Name(n) => e.name = name(&n, "engagement name")?,
                    EngagementEdit::Client(_) => unreachable!("handled before"),
                    EngagementEdit::Provider(p) => e.provider = optional_name(&p, "provider")?,
                    EngagementEdit::Relationship(r) => e.relationship = r,
                    EngagementEdit::Stage(s) => e.stage = s,
                    EngagementEdit::Currency(c) => {
                        let code = c.trim().to_ascii_uppercase();
                        if !is_currency_code(&code) {
                            return Err(ModelError::BadCurrency(c));
                        }
                        e.currency = code;
                    }
                    EngagementEdit::Pm(p) => {
                        // Acceptances belong to the PM who gave them; a new PM decides afresh.
                        if e.pm != p {
                            e.pm_accepted.clear();
                        }
                        e.pm = p;
                    }
                    EngagementEdit::EngagementManager(p) => e.engagement_manager = p,
                    EngagementEdit::Champion(p) => e.champion = p,
                    EngagementEdit::AgreementFormal(b) => e.agreement_formal = b,
                    EngagementEdit::AgreementDocumenter(p) => e.agreement_documenter = p,
                    EngagementEdit::ExpectedBenefits(m) => {
                        e.sponsor_value.expected_benefits = money(m)?
                    }
                    EngagementEdit::ExpectedBudget(m) => {
                        e.sponsor_value.expected_budget = money(m)?
                    }
                    EngagementEdit::BenefitsDescription(t) => {
                        e.sponsor_value.benefits_description = text(&t, "benefits description")?
                    }
                }
            }
            Action::AddFunction {
                engagement,
                name: n,
            } => {
                let index = self.engagement_index(engagement)?;
                room(
                    self.engagements[index].functions.len(),
                    ITEMS_MAX,
                    "functions",
                )?;
                let n = name(&n, "function name")?;
                let id = FunctionId(self.allocate()?);
                self.engagements[index].functions.push(Function {
                    id,
                    name: n,
                    kind: FunctionKind::Custom,
                });
            }
            Action::RestoreFunction { engagement, kind } => {
                let index = self.engagement_index(engagement)?;
                let e = &self.engagements[index];
                if kind == FunctionKind::Custom || e.function_of_kind(kind).is_some() {
                    return Err(ModelError::NotRestorable(kind.default_name().to_string()));
                }
                room(e.functions.len(), ITEMS_MAX, "functions")?;
                let id = FunctionId(self.allocate()?);
                let e = &mut self.engagements[index];
                // Back in the template's place, so the board keeps docs/DOMAIN.md's order.
                let rank = |k: FunctionKind| {
                    FunctionKind::NINE
                        .iter()
                        .position(|&n| n == k)
                        .unwrap_or(usize::MAX)
                };
                let at = e
                    .functions
                    .iter()
                    .position(|f| rank(f.kind) > rank(kind))
                    .unwrap_or(e.functions.len());
                e.functions.insert(
                    at,
                    Function {
                        id,
                        name: kind.default_name().to_string(),
                        kind,
                    },
                );
            }
            Action::RenameFunction {
                engagement,
                function,
                name: n,
            } => {
                let n = name(&n, "function name")?;
                let e = self.engagement_mut(engagement)?;
                let f = e
                    .functions
                    .iter_mut()
                    .find(|f| f.id == function)
                    .ok_or(ModelError::UnknownFunction(function))?;
                f.name = n;
            }
            Action::RemoveFunction {
                engagement,
                function,
            } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .functions
                    .iter()
                    .position(|f| f.id == function)
                    .ok_or(ModelError::UnknownFunction(function))?;
                e.functions.remove(index);
                e.assignments.retain(|a| a.function != function);
                e.pm_accepted.remove(&function);
            }
            Action::Assign {
                engagement,
                person,
                function,
                role,
                hours: h,
            } => {
                let h = hours(h)?;
                let person_name = self.require_person(person)?.name.clone();
                let names = self.people_names();
                let e = self.engagement_mut(engagement)?;
                cell_is_free(e, &names, person, person_name, (function, role))?;
                room(e.assignments.len(), ITEMS_MAX, "assignments")?;
                e.assignments.push(Assignment {
                    person,
                    function,
                    role,
                    hours: h,
                });
                if role == Raci::Accountable {
                    // The function no longer falls to the PM; should it fall back later,
                    // the PM is asked again rather than bound by an old acceptance.
                    e.pm_accepted.remove(&function);
                }
            }
            Action::Unassign {
                engagement,
                person,
                function,
                role,
            } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .assignments
                    .iter()
                    .position(|a| a.person == person && a.function == function && a.role == role)
                    .ok_or(ModelError::NotAssigned)?;
                e.assignments.remove(index);
            }
            Action::MoveAssignment {
                engagement,
                person,
                from,
                to,
            } => {
                let person_name = self.require_person(person)?.name.clone();
                let names = self.people_names();
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .assignments
                    .iter()
                    .position(|a| a.person == person && a.function == from.0 && a.role == from.1)
                    .ok_or(ModelError::NotAssigned)?;
                // Onto its own cell counts as already there.
                cell_is_free(e, &names, person, person_name, to)?;
                let a = &mut e.assignments[index];
                a.function = to.0;
                a.role = to.1;
                if to.1 == Raci::Accountable {
                    e.pm_accepted.remove(&to.0);
                }
            }
            Action::ReplaceAccountable {
                engagement,
                person,
                function,
                from,
                hours: h,
            } => {
                let h = hours(h)?;
                let person_name = self.require_person(person)?.name.clone();
                let e = self.engagement_mut(engagement)?;
                let function_name = e
                    .function(function)
                    .ok_or(ModelError::UnknownFunction(function))?
                    .name
                    .clone();
                if e.accountable(function) == Some(person) {
                    return Err(ModelError::AlreadyAssigned {
                        person: person_name,
                        function: function_name,
                        role: Raci::Accountable,
                    });
                }
                let moved = match from {
                    Some((f, r)) => Some(
                        e.assignments
                            .iter()
                            .position(|a| a.person == person && a.function == f && a.role == r)
                            .ok_or(ModelError::NotAssigned)?,
                    ),
                    None => None,
                };
                if moved.is_none() {
                    room(e.assignments.len(), ITEMS_MAX, "assignments")?;
                }
                let hours = moved.map_or(h, |i| e.assignments[i].hours);
                // Everything is checked: now change.
                e.assignments.retain(|a| {
                    let holder = a.function == function && a.role == Raci::Accountable;
                    let moving = a.person == person && Some((a.function, a.role)) == from;
                    !holder && !moving
                });
                e.assignments.push(Assignment {
                    person,
                    function,
                    role: Raci::Accountable,
                    hours,
                });
                e.pm_accepted.remove(&function);
            }
            Action::SetAssignmentHours {
                engagement,
                person,
                function,
                role,
                hours: h,
            } => {
                let h = hours(h)?;
                let e = self.engagement_mut(engagement)?;
                let a = e
                    .assignments
                    .iter_mut()
                    .find(|a| a.person == person && a.function == function && a.role == role)
                    .ok_or(ModelError::NotAssigned)?;
                a.hours = h;
            }
            Action::SetPmAcceptance {
                engagement,
                function,
                accepted,
            } => {
                let e = self.engagement_mut(engagement)?;
                let f = e
                    .function(function)
                    .ok_or(ModelError::UnknownFunction(function))?;
                if accepted {
                    if e.accountable(function).is_some() {
                        return Err(ModelError::NotPmDefault(f.name.clone()));
                    }
                    // "PM by default" falls to a person: with nobody named PM there is
                    // nobody to accept it (docs/DOMAIN.md, check 2).
                    if e.pm.is_none() {
                        return Err(ModelError::NoPmNamed {
                            engagement: e.name.clone(),
                            function: f.name.clone(),
                        });
                    }
                    e.pm_accepted.entry(function).or_insert(PM_DEFAULT_HOURS);
                } else {
                    e.pm_accepted.remove(&function);
                }
            }
            Action::SetPmDefaultHours {
                engagement,
                function,
                hours: h,
            } => {
                let h = hours(h)?;
                let e = self.engagement_mut(engagement)?;
                let f = e
                    .function(function)
                    .ok_or(ModelError::UnknownFunction(function))?;
                if e.pm.is_none() || !e.pm_accepted.contains_key(&function) {
                    return Err(ModelError::NotPmAccepted(f.name.clone()));
                }
                e.pm_accepted.insert(function, h);
            }
            Action::AddDecisionArea {
                engagement,
                name: n,
            } => {
                let index = self.engagement_index(engagement)?;
                room(
                    self.engagements[index].decisions.len(),
                    ITEMS_MAX,
                    "decision areas",
                )?;
                let n = name(&n, "decision area name")?;
                let id = DecisionId(self.allocate()?);
                self.engagements[index].decisions.push(DecisionArea {
                    id,
                    name: n,
                    kind: DecisionKind::Custom,
                    method: None,
                    authority: None,
                    log: Vec::new(),
                });
            }
            Action::RestoreDecisionArea { engagement, kind } => {
                let index = self.engagement_index(engagement)?;
                let e = &self.engagements[index];
                if kind == DecisionKind::Custom || e.decisions.iter().any(|d| d.kind == kind) {
                    return Err(ModelError::NotRestorable(kind.default_name().to_string()));
                }
                room(e.decisions.len(), ITEMS_MAX, "decision areas")?;
                let id = DecisionId(self.allocate()?);
                self.engagements[index].decisions.push(DecisionArea {
                    id,
                    name: kind.default_name().to_string(),
                    kind,
                    method: None,
                    authority: None,
                    log: Vec::new(),
                });
            }
            Action::EditDecisionArea {
                engagement,
                decision,
                edit,
            } => {
                if let DecisionEdit::Authority(Some(p)) = edit {
                    self.require_person(p)?;
                }
                let d = self.decision_mut(engagement, decision)?;
                match edit {
                    DecisionEdit::Name(n) => d.name = name(&n, "decision area name")?,
                    DecisionEdit::Method(m) => d.method = m,
                    DecisionEdit::Authority(p) => d.authority = p,
                }
            }
            Action::RemoveDecisionArea {
                engagement,
                decision,
            } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .decisions
                    .iter()
                    .position(|d| d.id == decision)
                    .ok_or(ModelError::UnknownDecision(decision))?;
                e.decisions.remove(index);
            }
            Action::Propose {
                engagement,
                decision,
                text: t,
                date,
                quorum,
                worksheet,
            } => {
                let t = name(&t, "proposal")?;
                let date = iso_date(&date)?;
                let quorum = quorum.map(checked_quorum).transpose()?;
                let index = self.engagement_index(engagement)?;
                let at = self.engagements[index]
                    .decisions
                    .iter()
                    .position(|d| d.id == decision)
                    .ok_or(ModelError::UnknownDecision(decision))?;
                proposal_worksheet(
                    &self.engagements[index],
                    &self.engagements[index].decisions[at],
                    worksheet,
                )?;
                room(
                    self.engagements[index].decisions[at].log.len(),
                    ITEMS_MAX,
                    "decisions in one area",
                )?;
                let id = ProposalId(self.allocate()?);
                self.engagements[index].decisions[at].log.push(Proposal {
                    id,
                    text: t,
                    date,
                    quorum,
                    worksheet,
                    positions: Vec::new(),
                });
            }
            Action::EditProposal {
                engagement,
                decision,
                proposal,
                edit,
            } => {
                let edit = match edit {
                    ProposalEdit::Text(t) => ProposalEdit::Text(name(&t, "proposal")?),
                    ProposalEdit::Date(d) => ProposalEdit::Date(iso_date(&d)?),
                    ProposalEdit::Quorum(q) => {
                        ProposalEdit::Quorum(q.map(checked_quorum).transpose()?)
                    }
                    ProposalEdit::Worksheet(ws) => {
                        let e = self
                            .engagement(engagement)
                            .ok_or(ModelError::UnknownEngagement(engagement))?;
                        let area = e
                            .decision(decision)
                            .ok_or(ModelError::UnknownDecision(decision))?;
                        proposal_worksheet(e, area, ws)?;
                        ProposalEdit::Worksheet(ws)
                    }
                };
                self.deciding(engagement, decision, proposal, None, |w| {
                    let p = w.proposal_mut(engagement, decision, proposal)?;
                    match edit {
                        ProposalEdit::Text(t) => p.text = t,
                        ProposalEdit::Date(d) => p.date = d,
                        ProposalEdit::Quorum(q) => p.quorum = q,
                        ProposalEdit::Worksheet(ws) => p.worksheet = ws,
                    }
                    Ok(())
                })?;
            }
            Action::SetPosition {
                engagement,
                decision,
                proposal,
                person,
                stance,
                reason,
            } => {
                let reason = text(reason.trim(), "reason")?;
                let who = self.require_person(person)?.name.clone();
                let e = self
                    .engagement(engagement)
                    .ok_or(ModelError::UnknownEngagement(engagement))?;
                let area = e
                    .decision(decision)
                    .ok_or(ModelError::UnknownDecision(decision))?;
                if stance.is_some() && !e.eligible(self, area).contains(&person) {
                    return Err(if area.kind == DecisionKind::FinalDeal {
                        ModelError::NotApprover {
                            person: who,
                            reason: e.why_not_final_deal_decider(self, person),
                            deciders: e.final_deal_deciders_text(self),
                        }
                    } else {
                        ModelError::NotAParticipant {
                            person: who,
                            engagement: e.name.clone(),
                        }
                    });
                }
                if stance == Some(Stance::Against)
                    && area.method == Some(DecisionMethod::Consensus)
                    && reason.is_empty()
                {
                    return Err(ModelError::BlockWithoutReason(who));
                }
                self.deciding(engagement, decision, proposal, Some(person), |w| {
                    let p = w.proposal_mut(engagement, decision, proposal)?;
                    let at = p.positions.iter().position(|x| x.person == person);
                    match (stance, at) {
                        (Some(stance), Some(i)) => {
                            p.positions[i].stance = stance;
                            p.positions[i].reason = reason;
                        }
                        (Some(stance), None) => {
                            room(p.positions.len(), ITEMS_MAX, "positions")?;
                            p.positions.push(Position {
                                person,
                                stance,
                                reason,
                            });
                        }
                        (None, Some(i)) => {
                            p.positions.remove(i);
                        }
                        (None, None) => {}
                    }
                    Ok(())
                })?;
            }
            Action::RemoveProposal {
                engagement,
                decision,
                proposal,
            } => {
                let d = self.decision_mut(engagement, decision)?;
                let index = d
                    .log
                    .iter()
                    .position(|p| p.id == proposal)
                    .ok_or(ModelError::UnknownProposal(proposal))?;
                d.log.remove(index);
            }
            Action::AddReport {
                engagement,
                name: n,
            } => {
                let index = self.engagement_index(engagement)?;
                room(self.engagements[index].reports.len(), ITEMS_MAX, "reports")?;
                let n = name(&n, "report name")?;
                let id = ReportId(self.allocate()?);
                self.engagements[index].reports.push(Report {
                    id,
                    name: n,
                    owner: None,
                    audience: BTreeSet::new(),
                    frequency: None,
                });
            }
            Action::EditReport {
                engagement,
                report,
                edit,
            } => {
                if let ReportEdit::Owner(Some(p)) = edit {
                    self.require_person(p)?;
                }
                let e = self.engagement_mut(engagement)?;
                let r = e
                    .reports
                    .iter_mut()
                    .find(|r| r.id == report)
                    .ok_or(ModelError::UnknownReport(report))?;
                match edit {
                    ReportEdit::Name(n) => r.name = name(&n, "report name")?,
                    ReportEdit::Owner(p) => r.owner = p,
                    ReportEdit::Audience(a) => r.audience = a,
                    ReportEdit::Frequency(f) => r.frequency = f,
                }
            }
            Action::RemoveReport { engagement, report } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .reports
                    .iter()
                    .position(|r| r.id == report)
                    .ok_or(ModelError::UnknownReport(report))?;
                e.reports.remove(index);
            }
            Action::AddNeed { engagement, title } => {
                let index = self.engagement_index(engagement)?;
                room(
                    self.engagements[index].needs.len(),
                    ITEMS_MAX,
                    "client needs",
                )?;
                let title = name(&title, "need")?;
                let id = NeedId(self.allocate()?);
                self.engagements[index].needs.push(ClientNeed {
                    id,
                    title,
                    promised: Coverage::Unknown,
                    bought: Coverage::Unknown,
                    needed: Coverage::Unknown,
                    delivered: Coverage::Unknown,
                    note: String::new(),
                    complete: false,
                });
            }
            Action::EditNeed {
                engagement,
                need,
                edit,
            } => {
                let e = self.engagement_mut(engagement)?;
                let n = e
                    .needs
                    .iter_mut()
                    .find(|n| n.id == need)
                    .ok_or(ModelError::UnknownNeed(need))?;
                match edit {
                    NeedEdit::Title(t) => n.title = name(&t, "need")?,
                    NeedEdit::Coverage(aspect, c) => n.set_coverage(aspect, c),
                    NeedEdit::Note(t) => n.note = text(&t, "note")?,
                    NeedEdit::Complete(done) => n.complete = done,
                }
            }
            Action::RemoveNeed { engagement, need } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .needs
                    .iter()
                    .position(|n| n.id == need)
                    .ok_or(ModelError::UnknownNeed(need))?;
                e.needs.remove(index);
                pricing::forget_need(&mut e.pricing, need);
            }
            Action::AddComplianceItem { engagement, rule } => {
                let index = self.engagement_index(engagement)?;
                room(
                    self.engagements[index].compliance.len(),
                    ITEMS_MAX,
                    "compliance items",
                )?;
                let rule = name(&rule, "rule")?;
                let id = ComplianceId(self.allocate()?);
                self.engagements[index].compliance.push(ComplianceItem {
                    id,
                    rule,
                    owner: None,
                    status: ComplianceStatus::NotStarted,
                });
            }
            Action::EditComplianceItem {
                engagement,
                item,
                edit,
            } => {
                if let ComplianceEdit::Owner(Some(p)) = edit {
                    self.require_person(p)?;
                }
                let e = self.engagement_mut(engagement)?;
                let c = e
                    .compliance
                    .iter_mut()
                    .find(|c| c.id == item)
                    .ok_or(ModelError::UnknownComplianceItem(item))?;
                match edit {
                    ComplianceEdit::Rule(r) => c.rule = name(&r, "rule")?,
                    ComplianceEdit::Owner(p) => c.owner = p,
                    ComplianceEdit::Status(s) => c.status = s,
                }
            }
            Action::RemoveComplianceItem { engagement, item } => {
                let e = self.engagement_mut(engagement)?;
                let index = e
                    .compliance
                    .iter()
                    .position(|c| c.id == item)
                    .ok_or(ModelError::UnknownComplianceItem(item))?;
                e.compliance.remove(index);
            }
            Action::SignOff {
                engagement,
                party,
                person,
                date,
            } => {
                let index = self.engagement_index(engagement)?;
                let signer = self.require_person(person)?;
                if !party.accepts(signer.group) {
                    return Err(ModelError::WrongSignOffGroup {
                        person: signer.name.clone(),
                        group: signer.group,
                        party,
                    });
                }
                let date = iso_date(&date)?;
                let e = &mut self.engagements[index];
                let stamp = SignOffStamp {
                    date,
                    process: e.process_fingerprint(),
                };
                e.signoffs.set(party, Some((person, stamp)));
            }
            Action::WithdrawSignOff { engagement, party } => {
                self.engagement_mut(engagement)?.signoffs.set(party, None);
            }
            Action::Pricing { engagement, action } => pricing::apply(self, engagement, action)?,
            Action::SetDefaultTargetMargin { target } => pricing::set_default_target(self, target)?,
            Action::ImportEngagements { from } => {
                from.validate().map_err(ModelError::InvalidWorkspace)?;
                let mut next = self.clone();
                next.import(from)?;
                next.validate().map_err(ModelError::InvalidWorkspace)?;
                *self = next;
            }
            Action::AddAccount { name: n } => self.add_account(&n)?,
            Action::EditAccount { account, edit } => self.edit_account(account, edit)?,
            Action::RemoveAccount { account } => self.remove_account(account)?,
            Action::AdoptStandard { from } => self.adopt_standard(from)?,
            Action::ResetStandard { relationship } => {
                *self.standard.process_mut(relationship) =
                    Standard::built_in().process(relationship).clone();
            }
            Action::SetStandardSignOff {
                relationship,
                party,
                required,
            } => {
                let signoffs = &mut self.standard.process_mut(relationship).signoffs;
                if required {
                    signoffs.insert(party);
                } else {
                    signoffs.remove(&party);
                }
            }
            Action::ApplyStandard {
                engagement,
                departure,
            } => self.apply_standard(engagement, departure)?,
            Action::AcceptDeparture {
                engagement,
                departure,
                reason,
            } => self.accept_departure(engagement, departure, &reason)?,
            Action::WithdrawAcceptance {
                engagement,
                departure,
            } => self.withdraw_acceptance(engagement, &departure)?,
            Action::ReplaceWorkspace { with } => {
                with.validate().map_err(ModelError::InvalidWorkspace)?;
                *self = with;
            }
        }
        Ok(())
    }

    /// Runs `f`, which may only allocate ids, and gives the ids back if it fails.
    fn with_ids_restored_on_error<T>(
        &mut self,
        f: impl FnOnce(&mut Workspace) -> Result<T, ModelError>,
    ) -> Result<T, ModelError> {
        let saved = self.next_id;
        let result = f(self);
        if result.is_err() {
            self.next_id = saved;
        }
        result
    }

    fn engagement_index(&self, id: EngagementId) -> Result<usize, ModelError> {
        self.engagements
            .iter()
            .position(|e| e.id == id)
            .ok_or(ModelError::UnknownEngagement(id))
    }

    pub(crate) fn engagement_mut(
        &mut self,
        id: EngagementId,
    ) -> Result<&mut Engagement, ModelError> {
        self.engagements
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(ModelError::UnknownEngagement(id))
    }

    fn proposal_mut(
        &mut self,
        engagement: EngagementId,
        decision: DecisionId,
        proposal: ProposalId,
    ) -> Result<&mut Proposal, ModelError> {
        self.decision_mut(engagement, decision)?
            .log
            .iter_mut()
            .find(|p| p.id == proposal)
            .ok_or(ModelError::UnknownProposal(proposal))
    }

    /// Makes a change to a proposal and then takes the final deal's decision it may
    /// carry: when the change passes a final-deal proposal naming a worksheet, the
    /// worksheet is approved (by who decided, see [`deal::deal_to_approve`]; `hint` is the
    /// person whose position changed). A refusal of either leaves the workspace as it was.
    fn deciding(
        &mut self,
        engagement: EngagementId,
        decision: DecisionId,
        proposal: ProposalId,
        hint: Option<PersonId>,
        change: impl FnOnce(&mut Workspace) -> Result<(), ModelError>,
    ) -> Result<(), ModelError> {
        let index = self.engagement_index(engagement)?;
        let e = &self.engagements[index];
        let area = e
            .decision(decision)
            .ok_or(ModelError::UnknownDecision(decision))?;
        if area.kind != DecisionKind::FinalDeal {
            return change(self);
        }
        let before = e.clone();
        let was = area.log.iter().find(|p| p.id == proposal).map(|p| {
            let approved = p
                .worksheet
                .filter(|&ws| e.deal_decision(self, ws).is_some_and(|d| d.id == proposal));
            (e.deal_passed(self, area, p), p.worksheet, approved)
        });
        let result = change(self).and_then(|()| {
            let e = &self.engagements[index];
            let Some(area) = e.decision(decision) else {
                return Ok(());
            };
            let Some(p) = area.log.iter().find(|p| p.id == proposal) else {
                return Ok(());
            };
            let was_passed = was.is_some_and(|(passed, ws, _)| passed && ws == p.worksheet);
            let approved = was.and_then(|(_, _, approved)| approved);
            let mut pricing = e.pricing.clone();
            if let Some(worksheet) = deal::deal_to_withdraw(e, self, area, p, approved) {
                pricing::withdraw(&mut pricing, worksheet, hint)?;
            }
            if let Some((worksheet, by)) = deal::deal_to_approve(e, self, area, p, was_passed, hint)
            {
                pricing::approve(&mut pricing, worksheet, by)?;
            }
            self.engagements[index].pricing = pricing;
            Ok(())
        });
        if result.is_err() {
            self.engagements[index] = before;
        }
        result
    }

    fn decision_mut(
        &mut self,
        engagement: EngagementId,
        decision: DecisionId,
    ) -> Result<&mut DecisionArea, ModelError> {
        self.engagement_mut(engagement)?
            .decisions
            .iter_mut()
            .find(|d| d.id == decision)
            .ok_or(ModelError::UnknownDecision(decision))
    }

    fn require_person(&self, id: PersonId) -> Result<&Person, ModelError> {
        self.person(id).ok_or(ModelError::UnknownPerson(id))
    }

    fn people_names(&self) -> BTreeMap<PersonId, String> {
        self.people.iter().map(|p| (p.id, p.name.clone())).collect()
    }

    /// Adds another workspace's engagements, merging people by name and side.
    fn import(&mut self, from: Workspace) -> Result<(), ModelError> {
        if self.engagements.len() + from.engagements.len() > ENGAGEMENTS_MAX {
            return Err(ModelError::TooMany("engagements"));
        }
        let mut people_map = BTreeMap::new();
        for p in from.people {
            let key = p.name.trim().to_lowercase();
            let existing = self
                .people
                .iter()
                .find(|q| q.side == p.side && q.name.trim().to_lowercase() == key);
            let id = match existing {
                Some(q) => q.id,
                None => {
                    room(self.people.len(), PEOPLE_MAX, "people")?;
                    let id = PersonId(self.allocate()?);
                    self.people.push(Person {
                        id,
                        name: p.name.trim().to_string(),
                        ..p.clone()
                    });
                    id
                }
            };
            people_map.insert(p.id, id);
        }
        // An imported account is the account of the same name here, if there is one;
        // else it joins with its owner (when the owner came along) and notes.
        let mut accounts_map = BTreeMap::new();
        for a in &from.accounts {
            let id = match self.account_named(&a.name) {
                Some(here) => here.id,
                None => {
                    room(
                        self.accounts.len(),
                        super::accounts::ACCOUNTS_MAX,
                        "accounts",
                    )?;
                    let id = AccountId(self.allocate()?);
                    self.accounts.push(super::accounts::Account {
                        id,
                        name: a.name.trim().to_string(),
                        owner: a.owner.and_then(|p| people_map.get(&p).copied()),
                        notes: a.notes.clone(),
                    });
                    id
                }
            };
            accounts_map.insert(a.id, id);
        }
        for e in from.engagements {
            let mut e = renumber(self, e, &people_map, true)?;
            e.account = e.account.and_then(|a| accounts_map.get(&a).copied());
            self.engagements.push(e);
        }
        Ok(())
    }
}

/// A quorum within its limits, or the refusal that states them.
fn checked_quorum(q: Bps) -> Result<Bps, ModelError> {
    if QUORUM.allows(q) {
        Ok(q)
    } else {
        Err(ModelError::PercentOutOfRange {
            what: "quorum",
            range: QUORUM.range,
        })
    }
}

/// Refuses a worksheet named by a proposal of `area` unless the area is the final deal's
/// and the worksheet is one of the engagement's: only the final deal approves a worksheet.
fn proposal_worksheet(
    e: &Engagement,
    area: &DecisionArea,
    worksheet: Option<WorksheetId>,
) -> Result<(), ModelError> {
    let Some(ws) = worksheet else {
        return Ok(());
    };
    if area.kind != DecisionKind::FinalDeal {
        return Err(ModelError::WorksheetOutsideFinalDeal(area.name.clone()));
    }
    e.pricing
        .worksheet(ws)
        .map(|_| ())
        .ok_or(ModelError::UnknownWorksheet(ws))
}

/// A calendar day written `YYYY-MM-DD`, trimmed, or the refusal that names it.
pub(crate) fn iso_date(date: &str) -> Result<String, ModelError> {
    let date = date.trim();
    if is_iso_date(date) {
        Ok(date.to_string())
    } else {
        Err(ModelError::BadDate(date.to_string()))
    }
}

/// The person an engagement edit refers to, if any.
fn edit_person_ref(edit: &EngagementEdit) -> Option<PersonId> {
    match edit {
        EngagementEdit::Pm(p)
        | EngagementEdit::EngagementManager(p)
        | EngagementEdit::Champion(p)
        | EngagementEdit::AgreementDocumenter(p) => *p,
        _ => None,
    }
}

/// Gives an engagement and everything in it fresh ids from `w`, and maps its people
/// through `people`. People not in the map keep their id, except in a `foreign`
/// (imported) engagement, whose people all come from another roster: there a record
/// naming someone no longer on that roster gets a fresh id that names nobody here (so
/// the record does not name someone else), and any other reference to someone not on
/// it is cleared.
fn renumber(
    w: &mut Workspace,
    mut e: Engagement,
    people: &BTreeMap<PersonId, PersonId>,
    foreign: bool,
) -> Result<Engagement, ModelError> {
    // Sign-offs of the process as it is stay current under the new ids.
    let signed_process = e.process_fingerprint();
    e.id = EngagementId(w.allocate()?);
    let mut functions = BTreeMap::new();
    for f in &mut e.functions {
        let new = FunctionId(w.allocate()?);
        functions.insert(f.id, new);
        f.id = new;
    }
    for a in &mut e.assignments {
        a.function = functions[&a.function];
    }
    e.pm_accepted = e
        .pm_accepted
        .iter()
        .map(|(f, &h)| (functions[f], h))
        .collect();
    for d in &mut e.decisions {
        d.id = DecisionId(w.allocate()?);
        for p in &mut d.log {
            p.id = ProposalId(w.allocate()?);
        }
    }
    for r in &mut e.reports {
        r.id = ReportId(w.allocate()?);
    }
    let mut needs = BTreeMap::new();
    for n in &mut e.needs {
        let new = NeedId(w.allocate()?);
        needs.insert(n.id, new);
        n.id = new;
    }
    for c in &mut e.compliance {
        c.id = ComplianceId(w.allocate()?);
    }
    map_people(w, &mut e, people, foreign)?;
    // Two imported people can merge into one roster person. Their assignments that then
    // fall on the same role of the same function become one, with the hours added up
    // (capped at a week), so no work disappears from the workload; and of two
    // Accountables on a function only the first stays, so the one-Accountable rule holds.
    let mut merged: Vec<Assignment> = Vec::with_capacity(e.assignments.len());
    let mut at: BTreeMap<(PersonId, FunctionId, Raci), usize> = BTreeMap::new();
    let mut accountable = BTreeSet::new();
    for a in std::mem::take(&mut e.assignments) {
        if let Some(&i) = at.get(&(a.person, a.function, a.role)) {
            merged[i].hours = merged[i].hours.saturating_add(a.hours).min(HOURS_PER_WEEK);
        } else if a.role != Raci::Accountable || accountable.insert(a.function) {
            at.insert((a.person, a.function, a.role), merged.len());
            merged.push(a);
        }
    }
    e.assignments = merged;
    let process = e.process_fingerprint();
    for stamp in e.signoffs.stamps_mut().into_iter().flatten() {
        if stamp.process == signed_process {
            stamp.process = process.clone();
        }
    }
    let worksheets = pricing::renumber(w, &mut e.pricing, &needs)?;
    for p in e.decisions.iter_mut().flat_map(|d| d.log.iter_mut()) {
        p.worksheet = p.worksheet.and_then(|ws| worksheets.get(&ws).copied());
    }
    Ok(e)
}

/// Maps every person an engagement names through `people` (see [`renumber`]).
fn map_people(
    w: &mut Workspace,
    e: &mut Engagement,
    people: &BTreeMap<PersonId, PersonId>,
    foreign: bool,
) -> Result<(), ModelError> {
    let mut fresh: BTreeMap<PersonId, PersonId> = BTreeMap::new();
    if foreign {
        for (r, p) in e.person_refs() {
            if r.is_record() && !people.contains_key(&p) && !fresh.contains_key(&p) {
                fresh.insert(p, PersonId(w.allocate()?));
            }
        }
    }
    let mut dangling = Vec::new();
    e.person_refs_mut(
        |r, p| match people.get(p).or(fresh.get(p).filter(|_| r.is_record())) {
            Some(&to) => *p = to,
            None if foreign => dangling.push(r),
            None => {}
        },
    );
    for r in dangling.into_iter().rev() {
        e.clear_person_ref(r);
    }
    Ok(())
}
