//! Changes to an engagement's pricing: [`PricingAction`] and its edits, [`apply`] and
//! the steps it takes, and the renumbering and forgetting that copies, imports and
//! removals of the engagement need.

use super::figures::compute;
use super::limits::{
    amount, check_limits, discount, line_hours, markup, TARGET_MARGIN_MAX, WORKSHEETS_MAX,
};
use super::types::*;
use crate::model::action::iso_date;
use crate::model::deal::deal_to_approve;
use crate::model::decisions::{Position, Proposal, Stance};
use crate::model::engagement::{DecisionKind, Engagement};
use crate::model::error::ModelError;
use crate::model::ids::*;
use crate::model::input::{name, room, text};
use crate::model::limits::{PercentLimit, COMMISSION, CONTINGENCY, DISCOUNT, TARGET_MARGIN};
use crate::model::units::{Bps, Hours, Money};
use crate::model::workspace::{Workspace, ITEMS_MAX, NAME_MAX};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A change to an engagement's pricing, applied through `Action::Pricing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PricingAction {
    AddRateRole {
        name: String,
        cost_rate: Money,
        bill_rate: Money,
    },
    EditRateRole {
        role: RateRoleId,
        edit: RateRoleEdit,
    },
    /// Refused while a line of any worksheet uses the role.
    RemoveRateRole {
        role: RateRoleId,
    },
    AddWorksheet {
        name: String,
        style: SellingStyle,
    },
    RenameWorksheet {
        worksheet: WorksheetId,
        name: String,
    },
    /// Switches style; no data is dropped.
    SetStyle {
        worksheet: WorksheetId,
        style: SellingStyle,
    },
    SetWorksheetField {
        worksheet: WorksheetId,
        field: WorksheetField,
        value: Bps,
    },
    /// Unsets the worksheet's own target margin: the workspace default applies again.
    ClearTargetMargin {
        worksheet: WorksheetId,
    },
    /// Copies a worksheet as a what-if scenario (a draft with an empty log).
    DuplicateWorksheet {
        worksheet: WorksheetId,
        name: String,
    },
    RemoveWorksheet {
        worksheet: WorksheetId,
    },
    SetDeal {
        worksheet: Option<WorksheetId>,
    },
    AddLine {
        worksheet: WorksheetId,
        name: String,
        billing: BillingType,
    },
    EditLine {
        worksheet: WorksheetId,
        line: LineId,
        edit: LineEdit,
    },
    RemoveLine {
        worksheet: WorksheetId,
        line: LineId,
    },
    /// Adds pasted rows as new lines, all or none.
    PasteLines {
        worksheet: WorksheetId,
        lines: Vec<PastedLine>,
    },
    AddExpense {
        worksheet: WorksheetId,
        line: LineId,
        name: String,
        cost: Money,
        markup: Bps,
    },
    EditExpense {
        worksheet: WorksheetId,
        line: LineId,
        expense: ExpenseId,
        edit: ExpenseEdit,
    },
    RemoveExpense {
        worksheet: WorksheetId,
        line: LineId,
        expense: ExpenseId,
    },
    /// Draft or Rejected → Submitted.
    Submit {
        worksheet: WorksheetId,
    },
    /// Submitted → Approved, by someone who decides the final deal, on `date`
    /// (`YYYY-MM-DD`, today by the user's clock). With a final deal decision area, the
    /// approval is recorded in its log as a decision naming the worksheet (see
    /// [`crate::model::deal`]).
    Approve {
        worksheet: WorksheetId,
        by: PersonId,
        date: String,
    },
    /// Submitted → Rejected, by the engagement manager or a sponsor.
    Reject {
        worksheet: WorksheetId,
        by: PersonId,
        note: String,
    },
    /// Approved → Draft, by the engagement manager or a sponsor; recorded in the log.
    Reopen {
        worksheet: WorksheetId,
        by: PersonId,
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateRoleEdit {
    Name(String),
    CostRate(Money),
    BillRate(Money),
}

/// The percentages of a worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorksheetField {
    CostContingency,
    BillableContingency,
    GlobalDiscount,
    TargetMargin,
    CommissionRate,
}

impl WorksheetField {
    pub const ALL: [WorksheetField; 5] = [
        WorksheetField::CostContingency,
        WorksheetField::BillableContingency,
        WorksheetField::GlobalDiscount,
        WorksheetField::TargetMargin,
        WorksheetField::CommissionRate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WorksheetField::CostContingency => "Cost contingency",
            WorksheetField::BillableContingency => "Billable contingency",
            WorksheetField::GlobalDiscount => "Global discount",
            WorksheetField::TargetMargin => "Target margin",
            WorksheetField::CommissionRate => "Commission rate",
        }
    }

    /// The range of values allowed, from the model's table of limits.
    pub fn limit(self) -> PercentLimit {
        match self {
            WorksheetField::CostContingency | WorksheetField::BillableContingency => CONTINGENCY,
            WorksheetField::GlobalDiscount => DISCOUNT,
            WorksheetField::TargetMargin => TARGET_MARGIN,
            WorksheetField::CommissionRate => COMMISSION,
        }
    }

    /// The highest value allowed (the lowest is 0 %).
    pub fn max(self) -> Bps {
        self.limit().max
    }

    pub(super) fn what(self) -> &'static str {
        match self {
            WorksheetField::CostContingency => "cost contingency",
            WorksheetField::BillableContingency => "billable contingency",
            WorksheetField::GlobalDiscount => "global discount",
            WorksheetField::TargetMargin => "target margin",
            WorksheetField::CommissionRate => "commission rate",
        }
    }

    pub(super) fn range(self) -> &'static str {
        self.limit().range
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineEdit {
    Name(String),
    Billing(BillingType),
    /// Sales hours for one role; 0 h removes the role from the line.
    Hours(RateRoleId, Hours),
    /// The estimator's hours for one role; 0 h removes the role from the estimate.
    DeliveryHours(RateRoleId, Hours),
    Need(Option<NeedId>),
    Estimator(Option<PersonId>),
    Discount(Bps),
    /// The agreed fee of a fixed-fee line; `None` prices it at the estimate again.
    Fee(Option<Money>),
    /// The not-to-exceed cap of a time-and-materials line; `None` removes it.
    Cap(Option<Money>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpenseEdit {
    Name(String),
    Cost(Money),
    Markup(Bps),
}

/// One row pasted from a spreadsheet, already read into the rate card's roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedLine {
    pub name: String,
    pub billing: BillingType,
    pub hours: BTreeMap<RateRoleId, Hours>,
    pub discount: Bps,
}

/// Sets or clears the workspace's default target margin, the one every worksheet
/// without its own is held to. On error the workspace is unchanged.
pub(crate) fn set_default_target(w: &mut Workspace, target: Option<Bps>) -> Result<(), ModelError> {
    if let Some(t) = target {
        if t < Bps::ZERO || t > TARGET_MARGIN_MAX {
            return Err(ModelError::PercentOutOfRange {
                what: "default target margin",
                range: WorksheetField::TargetMargin.range(),
            });
        }
        for e in &w.engagements {
            for ws in e
                .pricing
                .worksheets
                .iter()
                .filter(|ws| ws.target_margin.is_none())
            {
                check_limits(ws, &e.pricing.rate_card, target)?;
            }
        }
    }
    w.default_target_margin = target;
    Ok(())
}

/// Applies one pricing action to an engagement. On error the workspace is unchanged.
pub fn apply(
    w: &mut Workspace,
    engagement: EngagementId,
    action: PricingAction,
) -> Result<(), ModelError> {
    let index = w
        .engagements
        .iter()
        .position(|e| e.id == engagement)
        .ok_or(ModelError::UnknownEngagement(engagement))?;
    let saved = w.next_id;
    // An approval records a decision in the final deal's log, to be taken back with
    // the rest should a later check refuse the action.
    let saved_log = matches!(action, PricingAction::Approve { .. })
        .then(|| w.engagements[index].decisions.clone());
    let removed = match action {
        PricingAction::RemoveWorksheet { worksheet } => Some(worksheet),
        _ => None,
    };
    let mut pricing = w.engagements[index].pricing.clone();
    let result = edit(w, index, &mut pricing, action).and_then(|touched| {
        for ws in &pricing.worksheets {
            if touched.is_none_or(|t| t == ws.id) {
                check_limits(ws, &pricing.rate_card, w.default_target_margin)?;
            }
        }
        Ok(())
    });
    match result {
        Ok(()) => {
            let e = &mut w.engagements[index];
            e.pricing = pricing;
            if let Some(removed) = removed {
                // A proposal no longer approves a worksheet that is gone (it was never
                // approved: an approved worksheet cannot be removed).
                for p in e.decisions.iter_mut().flat_map(|d| d.log.iter_mut()) {
                    if p.worksheet == Some(removed) {
                        p.worksheet = None;
                    }
                }
            }
            Ok(())
        }
        Err(e) => {
            w.next_id = saved;
            if let Some(decisions) = saved_log {
                w.engagements[index].decisions = decisions;
            }
            Err(e)
        }
    }
}

/// Makes the change on a copy of the pricing; returns the worksheet whose figures it
/// can change (`None`: possibly all of them).
fn edit(
    w: &mut Workspace,
    index: usize,
    p: &mut Pricing,
    action: PricingAction,
) -> Result<Option<WorksheetId>, ModelError> {
    use PricingAction as A;
    let touched = match action {
        A::AddRateRole {
            name: n,
            cost_rate,
            bill_rate,
        } => {
            room(p.rate_card.len(), ITEMS_MAX, "rate card roles")?;
            let n = name(&n, "role name")?;
            let cost_rate = amount(cost_rate, "cost rate")?;
            let bill_rate = amount(bill_rate, "bill rate")?;
            let id = RateRoleId(w.allocate()?);
            p.rate_card.push(RateRole {
                id,
                name: n,
                cost_rate,
                bill_rate,
            });
            None
        }
        A::EditRateRole { role, edit } => {
            if !matches!(edit, RateRoleEdit::Name(_)) {
                if let Some(ws) = p
                    .worksheets
                    .iter()
                    .find(|ws| ws.approval.is_approved() && uses_role(ws, role).is_some())
                {
                    return Err(ModelError::RateRoleLocked {
                        role: p
                            .rate_role(role)
                            .map(|r| r.name.clone())
                            .unwrap_or_default(),
                        worksheet: ws.name.clone(),
                    });
                }
            }
            let r = p
                .rate_card
                .iter_mut()
                .find(|r| r.id == role)
                .ok_or(ModelError::UnknownRateRole(role))?;
            match edit {
                RateRoleEdit::Name(n) => r.name = name(&n, "role name")?,
                RateRoleEdit::CostRate(m) => r.cost_rate = amount(m, "cost rate")?,
                RateRoleEdit::BillRate(m) => r.bill_rate = amount(m, "bill rate")?,
            }
            None
        }
        A::RemoveRateRole { role } => {
            let at = p
                .rate_card
                .iter()
                .position(|r| r.id == role)
                .ok_or(ModelError::UnknownRateRole(role))?;
            for ws in &p.worksheets {
                if let Some(line) = uses_role(ws, role) {
                    return Err(ModelError::RateRoleInUse {
                        role: p.rate_card[at].name.clone(),
                        line: line.name.clone(),
                        worksheet: ws.name.clone(),
                    });
                }
            }
            p.rate_card.remove(at);
            None
        }
        A::AddWorksheet { name: n, style } => {
            room(p.worksheets.len(), WORKSHEETS_MAX, "worksheets")?;
            let n = name(&n, "worksheet name")?;
            let id = WorksheetId(w.allocate()?);
            p.worksheets.push(Worksheet::new(id, n, style));
            Some(id)
        }
        A::RenameWorksheet { worksheet, name: n } => {
            let n = name(&n, "worksheet name")?;
            unlocked(p.worksheet_mut(worksheet)?)?.name = n;
            Some(worksheet)
        }
        A::SetStyle { worksheet, style } => {
            unlocked(p.worksheet_mut(worksheet)?)?.style = style;
            Some(worksheet)
        }
        A::SetWorksheetField {
            worksheet,
            field,
            value,
        } => {
            let ws = unlocked(p.worksheet_mut(worksheet)?)?;
            if !field.limit().allows(value) {
                return Err(ModelError::PercentOutOfRange {
                    what: field.what(),
                    range: field.range(),
                });
            }
            ws.set_field(field, value);
            Some(worksheet)
        }
        A::ClearTargetMargin { worksheet } => {
            unlocked(p.worksheet_mut(worksheet)?)?.target_margin = None;
            Some(worksheet)
        }
        A::DuplicateWorksheet { worksheet, name: n } => {
            room(p.worksheets.len(), WORKSHEETS_MAX, "worksheets")?;
            let n = name(&n, "worksheet name")?;
            let at = p
                .worksheets
                .iter()
                .position(|ws| ws.id == worksheet)
                .ok_or(ModelError::UnknownWorksheet(worksheet))?;
            let mut copy = p.worksheets[at].clone();
            copy.id = WorksheetId(w.allocate()?);
            copy.name = n;
            copy.approval = Approval::Draft;
            copy.log.clear();
            renumber_lines(w, &mut copy)?;
            let id = copy.id;
            p.worksheets.insert(at + 1, copy);
            Some(id)
        }
        A::RemoveWorksheet { worksheet } => {
            let at = p
                .worksheets
                .iter()
                .position(|ws| ws.id == worksheet)
                .ok_or(ModelError::UnknownWorksheet(worksheet))?;
            unlocked(&mut p.worksheets[at])?;
            p.worksheets.remove(at);
            if p.deal == Some(worksheet) {
                p.deal = None;
            }
            Some(worksheet)
        }
        A::SetDeal { worksheet } => {
            if let Some(id) = worksheet {
                p.worksheet_mut(id)?;
            }
            p.deal = worksheet;
            None
        }
        A::AddLine {
            worksheet,
            name: n,
            billing,
        } => {
            let ws = unlocked(p.worksheet_mut(worksheet)?)?;
            room(ws.lines.len(), ITEMS_MAX, "lines")?;
            let n = name(&n, "line name")?;
            let id = LineId(w.allocate()?);
            let ws = p.worksheet_mut(worksheet)?;
            ws.lines
                .push(new_line(id, n, billing, BTreeMap::new(), Bps::ZERO));
            Some(worksheet)
        }
        A::EditLine {
            worksheet,
            line,
            edit,
        } => {
            match &edit {
                LineEdit::Hours(role, h) | LineEdit::DeliveryHours(role, h) => {
                    if p.rate_role(*role).is_none() {
                        return Err(ModelError::UnknownRateRole(*role));
                    }
                    line_hours(*h)?;
                }
                LineEdit::Need(Some(n)) if w.engagements[index].need(*n).is_none() => {
                    return Err(ModelError::UnknownNeed(*n));
                }
                LineEdit::Estimator(Some(person)) if w.person(*person).is_none() => {
                    return Err(ModelError::UnknownPerson(*person));
                }
                _ => {}
            }
            let l = unlocked(p.worksheet_mut(worksheet)?)?.line_mut(line)?;
            match &edit {
                LineEdit::Fee(Some(_)) if l.billing != BillingType::FixedFee => {
                    return Err(ModelError::NotForBilling {
                        what: "an agreed fee",
                        billing: "fixed-fee",
                        line: l.name.clone(),
                        described: l.billing.described(),
                    });
                }
                LineEdit::Cap(Some(_)) if l.billing != BillingType::TimeAndMaterials => {
                    return Err(ModelError::NotForBilling {
                        what: "a not-to-exceed cap",
                        billing: "time-and-materials",
                        line: l.name.clone(),
                        described: l.billing.described(),
                    });
                }
                _ => {}
            }
            match edit {
                LineEdit::Name(n) => l.name = name(&n, "line name")?,
                LineEdit::Billing(b) => l.billing = b,
                LineEdit::Hours(role, h) => set_hours(&mut l.hours, role, h),
                LineEdit::DeliveryHours(role, h) => set_hours(&mut l.delivery_hours, role, h),
                LineEdit::Need(n) => l.need = n,
                LineEdit::Estimator(person) => l.estimator = person,
                LineEdit::Discount(d) => l.discount = discount(d)?,
                LineEdit::Fee(m) => l.fee = m.map(|m| amount(m, "agreed fee")).transpose()?,
                LineEdit::Cap(m) => l.cap = m.map(|m| amount(m, "cap")).transpose()?,
            }
            Some(worksheet)
        }
        A::RemoveLine { worksheet, line } => {
            let ws = unlocked(p.worksheet_mut(worksheet)?)?;
            let at = ws
                .lines
                .iter()
                .position(|l| l.id == line)
                .ok_or(ModelError::UnknownLine(line))?;
            ws.lines.remove(at);
            Some(worksheet)
        }
        A::PasteLines { worksheet, lines } => {
            let ws = unlocked(p.worksheet_mut(worksheet)?)?;
            if ws.lines.len() + lines.len() > ITEMS_MAX {
                return Err(ModelError::TooMany("lines"));
            }
            let mut checked = Vec::with_capacity(lines.len());
            for pasted in lines {
                let n = name(&pasted.name, "line name")?;
                for (&role, &h) in &pasted.hours {
                    if p.rate_role(role).is_none() {
                        return Err(ModelError::UnknownRateRole(role));
                    }
                    line_hours(h)?;
                }
                let mut hours = pasted.hours;
                hours.retain(|_, h| h.0 > 0);
                let d = discount(pasted.discount)?;
                checked.push((n, pasted.billing, hours, d));
            }
            let mut new = Vec::with_capacity(checked.len());
            for (n, billing, hours, d) in checked {
                new.push(new_line(LineId(w.allocate()?), n, billing, hours, d));
            }
            p.worksheet_mut(worksheet)?.lines.extend(new);
            Some(worksheet)
        }
        A::AddExpense {
            worksheet,
            line,
            name: n,
            cost,
            markup: m,
        } => {
            let l = unlocked(p.worksheet_mut(worksheet)?)?.line_mut(line)?;
            room(l.expenses.len(), ITEMS_MAX, "expenses")?;
            let expense = Expense {
                id: ExpenseId(0),
                name: name(&n, "expense name")?,
                cost: amount(cost, "expense cost")?,
                markup: markup(m)?,
            };
            let id = ExpenseId(w.allocate()?);
            let l = p.worksheet_mut(worksheet)?.line_mut(line)?;
            l.expenses.push(Expense { id, ..expense });
            Some(worksheet)
        }
        A::EditExpense {
            worksheet,
            line,
            expense,
            edit,
        } => {
            let x = unlocked(p.worksheet_mut(worksheet)?)?
                .line_mut(line)?
                .expense_mut(expense)?;
            match edit {
                ExpenseEdit::Name(n) => x.name = name(&n, "expense name")?,
                ExpenseEdit::Cost(m) => x.cost = amount(m, "expense cost")?,
                ExpenseEdit::Markup(m) => x.markup = markup(m)?,
            }
            Some(worksheet)
        }
        A::RemoveExpense {
            worksheet,
            line,
            expense,
        } => {
            let l = unlocked(p.worksheet_mut(worksheet)?)?.line_mut(line)?;
            let at = l
                .expenses
                .iter()
                .position(|x| x.id == expense)
                .ok_or(ModelError::UnknownExpense(expense))?;
            l.expenses.remove(at);
            Some(worksheet)
        }
        A::Submit { worksheet } => {
            let ws = p.worksheet_mut(worksheet)?;
            step(ws, ApprovalStep::Submitted, None, String::new())?;
            Some(worksheet)
        }
        A::Approve {
            worksheet,
            by,
            date,
        } => {
            approver(w, &w.engagements[index], by)?;
            approve_as_decision(w, index, p, worksheet, by, &date)?;
            Some(worksheet)
        }
        A::Reject {
            worksheet,
            by,
            note,
        } => {
            approver(w, &w.engagements[index], by)?;
            let note = text(&note, "note")?;
            step(
                p.worksheet_mut(worksheet)?,
                ApprovalStep::Rejected,
                Some(by),
                note,
            )?;
            Some(worksheet)
        }
        A::Reopen {
            worksheet,
            by,
            note,
        } => {
            approver(w, &w.engagements[index], by)?;
            let note = text(&note, "note")?;
            step(
                p.worksheet_mut(worksheet)?,
                ApprovalStep::Reopened,
                Some(by),
                note,
            )?;
            Some(worksheet)
        }
    };
    Ok(touched)
}

pub(super) fn new_line(
    id: LineId,
    name: String,
    billing: BillingType,
    hours: BTreeMap<RateRoleId, Hours>,
    discount: Bps,
) -> LineItem {
    LineItem {
        id,
        name,
        billing,
        fee: None,
        cap: None,
        hours,
        need: None,
        estimator: None,
        delivery_hours: BTreeMap::new(),
        discount,
        expenses: Vec::new(),
    }
}

/// Approves a submitted worksheet, by `by`, and agrees its fixed fees: the change itself,
/// once the final deal is decided (see [`crate::model::deal`]).
pub(crate) fn approve(
    p: &mut Pricing,
    worksheet: WorksheetId,
    by: PersonId,
) -> Result<(), ModelError> {
    step(
        p.worksheet_mut(worksheet)?,
        ApprovalStep::Approved,
        Some(by),
        String::new(),
    )?;
    agree_fees(p, worksheet);
    Ok(())
}

/// Withdraws the approval of a worksheet whose decision in the final deal's log no
/// longer passes (see [`crate::model::deal`]): it is reopened and submitted again, both
/// steps recorded in its log, the reopening by the person whose position changed the
/// outcome (none when an edit of the proposal did). The fees agreed on approval stay
/// agreed, as after a reopening.
pub(crate) fn withdraw(
    p: &mut Pricing,
    worksheet: WorksheetId,
    by: Option<PersonId>,
) -> Result<(), ModelError> {
    let ws = p.worksheet_mut(worksheet)?;
    if !ws.approval.is_approved() {
        return Ok(());
    }
    // A refusal after the first step is taken back with the rest of the action.
    room(ws.log.len(), ITEMS_MAX, "approval steps")?;
    ws.log.push(ApprovalEvent {
        step: ApprovalStep::Reopened,
        by,
        note: "The decision in the final deal's log that approved it no longer passes.".to_string(),
    });
    room(ws.log.len(), ITEMS_MAX, "approval steps")?;
    ws.log.push(ApprovalEvent {
        step: ApprovalStep::Submitted,
        by: None,
        note: String::new(),
    });
    ws.approval = Approval::Submitted;
    Ok(())
}

/// Approving a worksheet on the Pricing view is the final deal's decision taken by one
/// of its deciders. With a final deal decision area, it is recorded there as a proposal
/// naming the worksheet, dated `date`, with the approver's approval, and the worksheet is
/// approved because that proposal passes, by the rule every proposal of the log follows
/// ([`deal_to_approve`]). Without the area there is no log to keep it in, and the
/// approver's decision stands alone, recorded in the worksheet's own log.
fn approve_as_decision(
    w: &mut Workspace,
    index: usize,
    p: &mut Pricing,
    worksheet: WorksheetId,
    by: PersonId,
    date: &str,
) -> Result<(), ModelError> {
    let e = &w.engagements[index];
    let Some(at) = e
        .decisions
        .iter()
        .position(|d| d.kind == DecisionKind::FinalDeal)
    else {
        return approve(p, worksheet, by);
    };
    let date = iso_date(date)?;
    let name = &p
        .worksheet(worksheet)
        .ok_or(ModelError::UnknownWorksheet(worksheet))?
        .name;
    let area = &e.decisions[at];
    room(area.log.len(), ITEMS_MAX, "decisions in one area")?;
    let mut proposal = Proposal {
        id: ProposalId(0),
        text: approval_text(name),
        date,
        quorum: None,
        worksheet: Some(worksheet),
        positions: vec![Position {
            person: by,
            stance: Stance::For,
            reason: String::new(),
        }],
    };
    let (worksheet, by) =
        deal_to_approve(e, w, area, &proposal, false, Some(by)).ok_or_else(|| {
            ModelError::NotApprover {
                person: w.person_name(by).to_string(),
                reason: e.why_not_final_deal_decider(w, by),
                deciders: e.final_deal_deciders_text(w),
            }
        })?;
    approve(p, worksheet, by)?;
    proposal.id = ProposalId(w.allocate()?);
    w.engagements[index].decisions[at].log.push(proposal);
    Ok(())
}

/// What an approval on the Pricing view proposes, in the log: "Approve the worksheet
/// “Base”", the name shortened to keep it within a proposal's length.
fn approval_text(worksheet: &str) -> String {
    const PREFIX: &str = "Approve the worksheet \u{201c}\u{201d}";
    let room = NAME_MAX.saturating_sub(PREFIX.chars().count());
    let name: String = if worksheet.chars().count() > room {
        let mut short: String = worksheet.chars().take(room.saturating_sub(1)).collect();
        short.push('\u{2026}');
        short
    } else {
        worksheet.to_string()
    };
    format!("Approve the worksheet \u{201c}{name}\u{201d}")
}

/// Agrees the fee of every fixed-fee line of a worksheet that has none yet at its
/// estimate (its list price now), so that from then on its price no longer follows
/// the hours. Changes no figure.
fn agree_fees(p: &mut Pricing, worksheet: WorksheetId) {
    let Some(ws) = p.worksheet(worksheet) else {
        return;
    };
    let figures = compute(ws, &p.rate_card);
    let fees: Vec<(usize, Money)> = ws
        .lines
        .iter()
        .zip(&figures.lines)
        .enumerate()
        .filter(|(_, (l, _))| l.billing == BillingType::FixedFee && l.fee.is_none())
        .map(|(i, (_, f))| (i, f.list_price))
        .collect();
    if let Ok(ws) = p.worksheet_mut(worksheet) {
        for (i, fee) in fees {
            ws.lines[i].fee = Some(fee);
        }
    }
}

/// The first line of a worksheet that uses a role, in its sales or delivery hours.
fn uses_role(ws: &Worksheet, role: RateRoleId) -> Option<&LineItem> {
    ws.lines
        .iter()
        .find(|l| l.hours.contains_key(&role) || l.delivery_hours.contains_key(&role))
}

fn unlocked(ws: &mut Worksheet) -> Result<&mut Worksheet, ModelError> {
    if ws.approval.is_approved() {
        return Err(ModelError::Locked(ws.name.clone()));
    }
    Ok(ws)
}

fn set_hours(map: &mut BTreeMap<RateRoleId, Hours>, role: RateRoleId, h: Hours) {
    if h.0 == 0 {
        map.remove(&role);
    } else {
        map.insert(role, h);
    }
}

/// Only those who decide the final deal approve, reject or reopen a worksheet: the one
/// rule of [`Engagement::final_deal_deciders`]. The refusal names who may.
fn approver(w: &Workspace, e: &Engagement, by: PersonId) -> Result<(), ModelError> {
    let p = w.person(by).ok_or(ModelError::UnknownPerson(by))?;
    if e.may_decide_final_deal(w, by) {
        return Ok(());
    }
    Err(ModelError::NotApprover {
        person: p.name.clone(),
        reason: e.why_not_final_deal_decider(w, by),
        deciders: e.final_deal_deciders_text(w),
    })
}

/// Moves a worksheet one step through its approval and records the step.
fn step(
    ws: &mut Worksheet,
    step: ApprovalStep,
    by: Option<PersonId>,
    note: String,
) -> Result<(), ModelError> {
    let next = match (step, ws.approval, by) {
        (ApprovalStep::Submitted, Approval::Draft | Approval::Rejected { .. }, _) => {
            Approval::Submitted
        }
        (ApprovalStep::Approved, Approval::Submitted, Some(by)) => Approval::Approved { by },
        (ApprovalStep::Rejected, Approval::Submitted, Some(by)) => Approval::Rejected { by },
        (ApprovalStep::Reopened, Approval::Approved { .. }, Some(_)) => Approval::Draft,
        _ => {
            return Err(ModelError::ApprovalOrder {
                worksheet: ws.name.clone(),
                state: ws.approval.described(),
                allowed: match step {
                    ApprovalStep::Submitted => "a draft or a rejected worksheet can be submitted",
                    ApprovalStep::Approved => "a submitted worksheet can be approved",
                    ApprovalStep::Rejected => "a submitted worksheet can be rejected",
                    ApprovalStep::Reopened => "an approved worksheet can be reopened",
                },
            })
        }
    };
    room(ws.log.len(), ITEMS_MAX, "approval steps")?;
    ws.approval = next;
    ws.log.push(ApprovalEvent { step, by, note });
    Ok(())
}

/// Gives a worksheet's lines and expenses fresh ids.
fn renumber_lines(w: &mut Workspace, ws: &mut Worksheet) -> Result<(), ModelError> {
    for l in &mut ws.lines {
        l.id = LineId(w.allocate()?);
        for x in &mut l.expenses {
            x.id = ExpenseId(w.allocate()?);
        }
    }
    Ok(())
}

/// Gives a copied or imported engagement's pricing fresh ids and maps its needs
/// through `needs` (the people it names are mapped with the engagement's, through
/// [`Engagement::person_refs_mut`]). Returns how its worksheets were renumbered.
pub(crate) fn renumber(
    w: &mut Workspace,
    p: &mut Pricing,
    needs: &BTreeMap<NeedId, NeedId>,
) -> Result<BTreeMap<WorksheetId, WorksheetId>, ModelError> {
    let mut roles = BTreeMap::new();
    for r in &mut p.rate_card {
        let new = RateRoleId(w.allocate()?);
        roles.insert(r.id, new);
        r.id = new;
    }
    let remap = |hours: &mut BTreeMap<RateRoleId, Hours>| {
        *hours = hours
            .iter()
            .filter_map(|(r, h)| roles.get(r).map(|&r| (r, *h)))
            .collect();
    };
    let mut worksheets = BTreeMap::new();
    for ws in &mut p.worksheets {
        let new = WorksheetId(w.allocate()?);
        worksheets.insert(ws.id, new);
        ws.id = new;
        renumber_lines(w, ws)?;
        for l in &mut ws.lines {
            remap(&mut l.hours);
            remap(&mut l.delivery_hours);
            l.need = l.need.and_then(|n| needs.get(&n).copied());
        }
    }
    p.deal = p.deal.and_then(|d| worksheets.get(&d).copied());
    Ok(worksheets)
}

/// Clears a removed need from every line that traced to it.
pub(crate) fn forget_need(p: &mut Pricing, need: NeedId) {
    for l in p.worksheets.iter_mut().flat_map(|ws| ws.lines.iter_mut()) {
        if l.need == Some(need) {
            l.need = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Side, StakeholderGroup, Template};

    #[test]
    fn apply_builds_a_worksheet_and_refuses_a_performer_as_approver() {
        let mut w = Workspace::default();
        w.apply(Action::CreateEngagement {
            name: "Shop".into(),
            template: Template::ContractedVendor,
        })
        .unwrap();
        let e = w.engagements[0].id;
        w.apply(Action::AddPerson {
            name: "Pat".into(),
            side: Side::Provider,
            group: StakeholderGroup::Performer,
            capacity: Hours::from_whole(40),
        })
        .unwrap();
        let pat = w.people[0].id;
        let act = |w: &mut Workspace, action| {
            w.apply(Action::Pricing {
                engagement: e,
                action,
            })
        };
        act(
            &mut w,
            PricingAction::AddRateRole {
                name: "Dev".into(),
                cost_rate: Money(5_000),
                bill_rate: Money(9_000),
            },
        )
        .unwrap();
        act(
            &mut w,
            PricingAction::AddWorksheet {
                name: "Base".into(),
                style: SellingStyle::Collaborative,
            },
        )
        .unwrap();
        let ws = w.engagements[0].pricing.worksheets[0].id;
        act(&mut w, PricingAction::Submit { worksheet: ws }).unwrap();
        let before = w.clone();
        let err = act(
            &mut w,
            PricingAction::Approve {
                worksheet: ws,
                by: pat,
                date: "2025-03-01".into(),
            },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Pat is a Performer, and nobody may decide the final deal yet: make someone Accountable for engagement management, or give a sponsor a role in this engagement, on the Roles view."
        );
        assert_eq!(w, before);
        assert!(w.validate().is_ok());
    }
}
