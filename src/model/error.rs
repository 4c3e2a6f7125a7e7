//! Why an action was refused: [`ModelError`], whose messages are written for the person
//! who tried it.

use super::engagement::{Raci, SignOffParty};
use super::ids::*;
use super::people::StakeholderGroup;
use super::units::Hours;
use super::workspace::{Problem, Problems};
use std::fmt;

/// Why an action was refused. The message is written for the person who tried it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    EmptyName(&'static str),
    /// A name made only of invisible characters (zero-width spaces, a byte-order mark,
    /// …): it would look blank everywhere it is shown.
    InvisibleName(&'static str),
    TooLong {
        what: &'static str,
        max: usize,
    },
    TooManyHours(Hours),
    MoneyOutOfRange,
    BadCurrency(String),
    UnknownPerson(PersonId),
    UnknownEngagement(EngagementId),
    UnknownFunction(FunctionId),
    UnknownDecision(DecisionId),
    UnknownProposal(ProposalId),
    /// A position from someone who is not a person of the engagement: their name, the
    /// engagement's.
    NotAParticipant {
        person: String,
        engagement: String,
    },
    /// A block under consensus without a reason: who blocks.
    BlockWithoutReason(String),
    /// A worksheet named by a proposal of a decision area other than the final deal's
    /// (its name): only the final deal approves a worksheet.
    WorksheetOutsideFinalDeal(String),
    UnknownReport(ReportId),
    UnknownNeed(NeedId),
    UnknownComplianceItem(ComplianceId),
    /// The function already has an Accountable person: a function has exactly one
    /// final authority.
    SecondAccountable {
        function: String,
        current: String,
    },
    AlreadyAssigned {
        person: String,
        function: String,
        role: Raci,
    },
    NotAssigned,
    /// Only a function with no Accountable falls to the PM.
    NotPmDefault(String),
    /// Accepting a function as PM while nobody is named PM: the engagement, the function.
    NoPmNamed {
        engagement: String,
        function: String,
    },
    /// Hours for a function the PM has not accepted.
    NotPmAccepted(String),
    /// A standard function or decision area that is already there, or a custom one.
    NotRestorable(String),
    TooMany(&'static str),
    UnknownAccount(AccountId),
    /// Another account already has this name (ignoring case): its name.
    DuplicateAccount(String),
    /// An account that engagements still name: its name, the first engagement's, and
    /// how many more there are.
    AccountInUse {
        account: String,
        engagement: String,
        more: usize,
    },
    /// Two items of an engagement's process share a name, so it cannot be the standard:
    /// which kind of item and the name.
    NamedTwice {
        what: &'static str,
        name: String,
    },
    /// Accepting a departure from the standard without a reason.
    NoReason,
    /// The engagement no longer departs from the standard there: the standard item's name.
    NotADeparture(String),
    InvalidWorkspace(Vec<Problem>),
    OutOfIds,
    // Pricing.
    UnknownRateRole(RateRoleId),
    UnknownWorksheet(WorksheetId),
    UnknownLine(LineId),
    UnknownExpense(ExpenseId),
    /// An amount typed as negative: every rate, cost and price is zero or more.
    NegativeAmount(&'static str),
    /// A percentage outside its range ("from 0 % to 100 %").
    PercentOutOfRange {
        what: &'static str,
        range: &'static str,
    },
    /// More than [`pricing::LINE_HOURS_MAX`](super::pricing::LINE_HOURS_MAX) hours for one role on one line.
    TooManyLineHours(Hours),
    /// A rate card role still used by a line.
    RateRoleInUse {
        role: String,
        line: String,
        worksheet: String,
    },
    /// The worksheet is approved, so it is locked until it is reopened.
    Locked(String),
    /// A rate that an approved worksheet prices with.
    RateRoleLocked {
        role: String,
        worksheet: String,
    },
    /// Only the engagement manager or a sponsor approves, rejects or reopens a deal.
    NotApprover {
        person: String,
        /// Why not, naming the person: "Ann is a Performer".
        reason: String,
        /// Who may, in words ("Erin (engagement manager) or Sam (sponsor)"); `None`
        /// when nobody may yet.
        deciders: Option<String>,
    },
    /// A step out of order: Draft → Submitted → Approved or Rejected; Approved → Draft.
    ApprovalOrder {
        worksheet: String,
        state: &'static str,
        allowed: &'static str,
    },
    /// A worksheet whose figures would exceed what the planner holds exactly.
    FiguresOutOfRange(String),
    /// A sign-off by someone outside the groups that may sign off for the party.
    WrongSignOffGroup {
        person: String,
        group: StakeholderGroup,
        party: SignOffParty,
    },
    /// A date that is not a calendar day written year-month-day.
    BadDate(String),
    /// An agreed fee on a line that is not a fixed fee, or a cap on one that is not
    /// time and materials.
    NotForBilling {
        /// "an agreed fee"
        what: &'static str,
        /// "fixed-fee"
        billing: &'static str,
        line: String,
        /// How the line is billed: "billed time and materials".
        described: &'static str,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::EmptyName(what) => write!(f, "The {what} cannot be empty."),
            ModelError::InvisibleName(what) => write!(
                f,
                "The {what} has only invisible characters (such as zero-width spaces): type one that can be read."
            ),
            ModelError::TooLong { what, max } => write!(f, "The {what} is too long (at most {max} characters)."),
            ModelError::TooManyHours(h) => write!(f, "{h} hours a week is impossible: a week has 168."),
            ModelError::MoneyOutOfRange => write!(f, "That amount is out of range."),
            ModelError::BadCurrency(c) => write!(f, "\"{c}\" is not a three-letter currency code such as EUR or USD."),
            ModelError::UnknownPerson(id) => write!(f, "Person {id} no longer exists."),
            ModelError::UnknownEngagement(id) => write!(f, "Engagement {id} no longer exists."),
            ModelError::UnknownFunction(id) => write!(f, "Function {id} no longer exists."),
            ModelError::UnknownDecision(id) => write!(f, "Decision area {id} no longer exists."),
            ModelError::UnknownProposal(id) => write!(f, "Proposal {id} no longer exists."),
            ModelError::NotAParticipant { person, engagement } => write!(
                f,
                "{person} has no role in {engagement}, so cannot take part in its decisions: give them a role first."
            ),
            ModelError::BlockWithoutReason(person) => write!(
                f,
                "A block needs a reason: say why {person} blocks, so the log records it."
            ),
            ModelError::WorksheetOutsideFinalDeal(area) => write!(
                f,
                "Only a proposal on the final deal can approve a pricing worksheet, and {area} is not the final deal."
            ),
            ModelError::UnknownReport(id) => write!(f, "Report {id} no longer exists."),
            ModelError::UnknownNeed(id) => write!(f, "Client need {id} no longer exists."),
            ModelError::UnknownComplianceItem(id) => write!(f, "Compliance item {id} no longer exists."),
            ModelError::SecondAccountable { function, current } => write!(
                f,
                "{function} already has an Accountable person ({current}). A function has exactly one final authority: unassign {current} first, or make the new person Responsible."
            ),
            ModelError::AlreadyAssigned { person, function, role } => {
                write!(f, "{person} is already {} on {function}.", role.label())
            }
            ModelError::NotAssigned => write!(f, "That assignment no longer exists."),
            ModelError::UnknownAccount(_) => write!(f, "That account no longer exists."),
            ModelError::DuplicateAccount(name) => write!(
                f,
                "There is already an account named {name}; choose another name, or give the engagement that account as its client."
            ),
            ModelError::AccountInUse { account, engagement, more } => {
                write!(f, "{account} is the client of {engagement}")?;
                match more {
                    0 => {}
                    1 => write!(f, " and 1 more engagement")?,
                    n => write!(f, " and {n} more engagements")?,
                }
                write!(f, "; give them another client before removing the account.")
            }
            ModelError::NamedTwice { what, name } => write!(
                f,
                "Two {what} of this engagement are called {name}; the standard tells them apart by name, so rename one before making this process the standard."
            ),
            ModelError::NoReason => write!(
                f,
                "Say why this engagement departs from the standard, so that others can see it was decided and not forgotten."
            ),
            ModelError::NotADeparture(item) => write!(
                f,
                "This engagement no longer departs from the standard on {item}."
            ),
            ModelError::NotRestorable(what) => write!(f, "{what} cannot be restored: it is already there, or it is not a standard one."),
            ModelError::NotPmDefault(function) => write!(
                f,
                "{function} has an Accountable person, so it does not fall to the PM by default."
            ),
            ModelError::NoPmNamed { engagement, function } => write!(
                f,
                "No PM is named for {engagement}, so {function} cannot be accepted as PM: name the project manager on the Overview view first."
            ),
            ModelError::NotPmAccepted(function) => write!(
                f,
                "{function} is not accepted by the PM, so it has no PM hours: accept it as PM first."
            ),
            ModelError::TooMany(what) => write!(f, "There are too many {what} already."),
            ModelError::InvalidWorkspace(problems) => write!(
                f,
                "The plan would have {}",
                Problems::from(problems.clone()).listed()
            ),
            ModelError::OutOfIds => write!(f, "The workspace has run out of identifiers."),
            ModelError::UnknownRateRole(id) => write!(f, "Rate card role {id} no longer exists."),
            ModelError::UnknownWorksheet(id) => write!(f, "Worksheet {id} no longer exists."),
            ModelError::UnknownLine(id) => write!(f, "Line {id} no longer exists."),
            ModelError::UnknownExpense(id) => write!(f, "Expense {id} no longer exists."),
            ModelError::NegativeAmount(what) => write!(f, "The {what} cannot be negative."),
            ModelError::PercentOutOfRange { what, range } => write!(f, "The {what} must be {range}."),
            ModelError::TooManyLineHours(h) => write!(
                f,
                "{h} hours is too many for one role on one line (at most 100,000): split the work into several lines."
            ),
            ModelError::RateRoleInUse { role, line, worksheet } => write!(
                f,
                "{role} is still used by the line \u{201c}{line}\u{201d} of {worksheet}: remove its hours there first."
            ),
            ModelError::Locked(worksheet) => write!(
                f,
                "{worksheet} is approved and locked: reopen it first."
            ),
            ModelError::RateRoleLocked { role, worksheet } => write!(
                f,
                "The rates of {role} price {worksheet}, which is approved and locked: reopen it first."
            ),
            ModelError::NotApprover { reason, deciders: Some(who), .. } => write!(
                f,
                "{reason}: only {who} may decide the final deal."
            ),
            ModelError::NotApprover { reason, deciders: None, .. } => write!(
                f,
                "{reason}, and nobody may decide the final deal yet: make someone Accountable for engagement management, or give a sponsor a role in this engagement, on the Roles view."
            ),
            ModelError::ApprovalOrder { worksheet, state, allowed } => {
                write!(f, "{worksheet} is {state}: only {allowed}.")
            }
            ModelError::FiguresOutOfRange(worksheet) => write!(
                f,
                "That would take the figures of {worksheet} beyond the largest amount the planner handles (10^15 minor units)."
            ),
            ModelError::WrongSignOffGroup { person, group, party } => write!(
                f,
                "{person} is in the {} group, so {person} cannot sign off for {}: that sign-off must come from {}.",
                group.label(),
                party.label().to_lowercase(),
                party.who()
            ),
            ModelError::BadDate(date) => write!(
                f,
                "\u{201c}{date}\u{201d} is not a date: write it as year-month-day, such as 2025-03-01."
            ),
            ModelError::NotForBilling { what, billing, line, described } => write!(
                f,
                "Only a {billing} line has {what}: \u{201c}{line}\u{201d} is {described}."
            ),
        }
    }
}

impl std::error::Error for ModelError {}
