//! Pricing: the rate card, worksheets (the base and what-if scenarios), their line
//! items and expenses, the figures computed from them, and the approval of the deal
//! (docs/DOMAIN.md, "Sales and pricing", checks 7 and 8).
//!
//! # Exact money, one rounding rule
//! Money is integer minor units of the engagement's currency ([`Money`]), ratios are
//! basis points ([`Bps`]), hours are hundredths ([`Hours`]). Every product or quotient
//! is computed exactly in `i128` and rounded once, half away from zero, to the minor
//! unit (money) or to a basis point (ratios). Totals of amounts are the sums of the
//! rounded line figures, so `net price = cost + gross margin` holds exactly, per line
//! and in total. Ratios of the totals (margin, markup, blended bill rate) and the
//! amounts derived from them (target price, commissions) are computed from the totals.
//! No floating point is involved anywhere.
//!
//! Figures are never stored: [`compute`] derives them from the worksheet and the rate
//! card whenever they are needed.
//!
//! # Fixed fee and time and materials
//! A line's cost is on its hours of work: delivery's estimate where delivery gave one,
//! else the sales hours. A fixed-fee line is priced at its agreed `fee` whatever the
//! hours (until one is agreed, at its sales hours; approving the worksheet agrees it),
//! so more hours lower its margin. A time-and-materials line bills its hours of work,
//! up to its not-to-exceed `cap`. [`overrun_effect`] shows both when the work takes
//! more hours than estimated.
//!
//! # Target margin
//! A worksheet's target margin is unset until someone sets it; then the workspace's
//! default target margin applies ([`Worksheet::target`]), and with neither there is
//! no target price (check 8 says so).

use super::action::{name, room, text, ModelError};
use super::describe;
use super::engagement::Engagement;
use super::ids::*;
use super::units::{Bps, Hours, Money, MONEY_LIMIT};
use super::workspace::{Validator, Workspace, ITEMS_MAX, TEXT_MAX};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::limits::{
    PercentLimit, COMMISSION, CONTINGENCY, DISCOUNT, MARKUP, OVERRUN, TARGET_MARGIN,
};
pub use super::limits::{LINE_HOURS_MAX, WORKSHEETS_MAX};
/// Discounts are 0–100 % (see [`super::limits`]).
pub const DISCOUNT_MAX: Bps = DISCOUNT.max;
/// Contingencies are 0–1,000 %.
pub const CONTINGENCY_MAX: Bps = CONTINGENCY.max;
/// Expense markups are 0–10,000 %.
pub const MARKUP_MAX: Bps = MARKUP.max;
/// Commission rates are 0–100 %.
pub const COMMISSION_MAX: Bps = COMMISSION.max;
/// Target margins are 0 % to below 100 % (a price for a 100 % margin does not exist).
pub const TARGET_MARGIN_MAX: Bps = TARGET_MARGIN.max;
/// An overrun scenario adds 0 to 1,000 % more hours.
pub const OVERRUN_MAX: Bps = OVERRUN.max;

// ---------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------

/// An engagement's pricing: its rate card and worksheets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Pricing {
    /// Per engagement, shared by its worksheets.
    pub rate_card: Vec<RateRole>,
    /// The first is the base; others are what-if scenarios.
    pub worksheets: Vec<Worksheet>,
    /// The scenario chosen as the deal.
    pub deal: Option<WorksheetId>,
}

impl Pricing {
    pub fn rate_role(&self, id: RateRoleId) -> Option<&RateRole> {
        self.rate_card.iter().find(|r| r.id == id)
    }

    pub fn worksheet(&self, id: WorksheetId) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == id)
    }

    /// The worksheet that stands for the deal: the chosen one, or the only worksheet
    /// when there is exactly one and none is chosen.
    pub fn deal_worksheet(&self) -> Option<&Worksheet> {
        match self.deal {
            Some(id) => self.worksheet(id),
            None if self.worksheets.len() == 1 => self.worksheets.first(),
            None => None,
        }
    }

    fn worksheet_mut(&mut self, id: WorksheetId) -> Result<&mut Worksheet, ModelError> {
        self.worksheets
            .iter_mut()
            .find(|w| w.id == id)
            .ok_or(ModelError::UnknownWorksheet(id))
    }
}

/// A role of the rate card, with what an hour costs and what it is billed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRole {
    pub id: RateRoleId,
    pub name: String,
    /// Cost per hour, minor units.
    pub cost_rate: Money,
    /// Bill rate per hour, minor units.
    pub bill_rate: Money,
}

impl RateRole {
    /// The markup of the bill rate over the cost rate, (bill − cost) ÷ cost, rounded
    /// like every ratio; none when an hour costs nothing (or the markup is too large
    /// to state).
    pub fn markup(&self) -> Option<Bps> {
        if self.cost_rate.0 <= 0 {
            return None;
        }
        let gross_margin = i128::from(self.bill_rate.0) - i128::from(self.cost_rate.0);
        let r = round_div(gross_margin * BPS, i128::from(self.cost_rate.0));
        i32::try_from(r).ok().map(Bps)
    }
}

/// How a worksheet is built (docs/DOMAIN.md, "Sales and pricing").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SellingStyle {
    /// Starts from the client's needs: every line traces to a need.
    Consultative,
    /// Delivery estimates: every line has an estimator whose hours are the cost basis.
    Collaborative,
}

impl SellingStyle {
    pub const ALL: [SellingStyle; 2] = [SellingStyle::Consultative, SellingStyle::Collaborative];

    pub fn label(self) -> &'static str {
        match self {
            SellingStyle::Consultative => "Consultative",
            SellingStyle::Collaborative => "Collaborative",
        }
    }
}

/// How a line is billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingType {
    /// The agreed amount whatever the hours: the line's `fee` once agreed, until then
    /// the sales hours at the bill rates. More hours raise the cost, not the price.
    FixedFee,
    /// The hours the work takes (delivery's estimate where given, else the sales
    /// hours) at the bill rates, up to the line's not-to-exceed `cap` if it has one.
    TimeAndMaterials,
    /// Costs count, but nothing is billed.
    NonBillable,
}

impl BillingType {
    pub const ALL: [BillingType; 3] = [
        BillingType::FixedFee,
        BillingType::TimeAndMaterials,
        BillingType::NonBillable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BillingType::FixedFee => "Fixed fee",
            BillingType::TimeAndMaterials => "Time and materials",
            BillingType::NonBillable => "Non-billable",
        }
    }

    pub fn is_billable(self) -> bool {
        self != BillingType::NonBillable
    }

    /// How a line of this type is billed, as in "“Support” is billed time and materials".
    pub fn described(self) -> &'static str {
        match self {
            BillingType::FixedFee => "billed as a fixed fee",
            BillingType::TimeAndMaterials => "billed time and materials",
            BillingType::NonBillable => "not billed",
        }
    }
}

/// A pricing worksheet: the base or a what-if scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worksheet {
    pub id: WorksheetId,
    pub name: String,
    pub style: SellingStyle,
    pub lines: Vec<LineItem>,
    pub cost_contingency: Bps,
    pub billable_contingency: Bps,
    pub global_discount: Bps,
    /// The margin the price should leave, once someone has set it; `None` until then,
    /// when the workspace's default target margin applies (see [`Worksheet::target`]).
    /// Version 2 documents always had a number here (0 % for a worksheet nobody set),
    /// which reads as set.
    #[serde(default)]
    pub target_margin: Option<Bps>,
    pub commission_rate: Bps,
    pub approval: Approval,
    /// Every submit, approve, reject and reopen, in order.
    pub log: Vec<ApprovalEvent>,
}

impl Worksheet {
    pub fn line(&self, id: LineId) -> Option<&LineItem> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// A percentage of the worksheet; `None` for a target margin nobody has set.
    pub fn field(&self, field: WorksheetField) -> Option<Bps> {
        match field {
            WorksheetField::CostContingency => Some(self.cost_contingency),
            WorksheetField::BillableContingency => Some(self.billable_contingency),
            WorksheetField::GlobalDiscount => Some(self.global_discount),
            WorksheetField::TargetMargin => self.target_margin,
            WorksheetField::CommissionRate => Some(self.commission_rate),
        }
    }

    fn set_field(&mut self, field: WorksheetField, value: Bps) {
        match field {
            WorksheetField::CostContingency => self.cost_contingency = value,
            WorksheetField::BillableContingency => self.billable_contingency = value,
            WorksheetField::GlobalDiscount => self.global_discount = value,
            WorksheetField::TargetMargin => self.target_margin = Some(value),
            WorksheetField::CommissionRate => self.commission_rate = value,
        }
    }

    /// The target margin the worksheet is held to: its own once set, else the
    /// workspace's default (`Workspace::default_target_margin`); `None` when neither
    /// is set, and then nothing says whether the price leaves enough margin.
    pub fn target(&self, default: Option<Bps>) -> Option<Bps> {
        self.target_margin.or(default)
    }

    fn line_mut(&mut self, id: LineId) -> Result<&mut LineItem, ModelError> {
        self.lines
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or(ModelError::UnknownLine(id))
    }

    fn new(id: WorksheetId, name: String, style: SellingStyle) -> Worksheet {
        Worksheet {
            id,
            name,
            style,
            lines: Vec::new(),
            cost_contingency: Bps::ZERO,
            billable_contingency: Bps::ZERO,
            global_discount: Bps::ZERO,
            target_margin: None,
            commission_rate: Bps::ZERO,
            approval: Approval::Draft,
            log: Vec::new(),
        }
    }
}

/// A deliverable or work package of a worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub id: LineId,
    pub name: String,
    pub billing: BillingType,
    /// Fixed fee: the amount agreed for the line (its list price, before discounts),
    /// whatever the hours. `None` until agreed: then the sales hours at the bill rates.
    /// Approving the worksheet agrees every fixed-fee line's fee at that estimate.
    /// Kept, but not used, while the line is billed another way.
    #[serde(default)]
    pub fee: Option<Money>,
    /// Time and materials: the not-to-exceed cap on the line's list price, if any.
    /// Kept, but not used, while the line is billed another way.
    #[serde(default)]
    pub cap: Option<Money>,
    /// The sales estimate: hours per rate-card role.
    pub hours: BTreeMap<RateRoleId, Hours>,
    /// Consultative: the client need it answers.
    pub need: Option<NeedId>,
    /// Collaborative: the delivery or functional manager who estimates it.
    pub estimator: Option<PersonId>,
    /// The estimator's figure: hours per rate-card role.
    pub delivery_hours: BTreeMap<RateRoleId, Hours>,
    pub discount: Bps,
    pub expenses: Vec<Expense>,
}

impl LineItem {
    /// Whether an estimate is recorded: an estimator and their hours. Then the
    /// estimator's hours are the cost basis of the figures.
    pub fn has_estimate(&self) -> bool {
        self.estimator.is_some() && !self.delivery_hours.is_empty()
    }

    /// Whether delivery has given its estimate (check 7): an estimate is recorded and
    /// its estimator is one of `delivery`, the people whose estimates count as delivery
    /// input in the engagement ([`Engagement::delivery_people`]). A salesperson's
    /// estimate of their own line is not delivery input.
    pub fn has_delivery_input(&self, delivery: &BTreeSet<PersonId>) -> bool {
        self.has_estimate() && self.estimator.is_some_and(|p| delivery.contains(&p))
    }

    fn expense_mut(&mut self, id: ExpenseId) -> Result<&mut Expense, ModelError> {
        self.expenses
            .iter_mut()
            .find(|x| x.id == id)
            .ok_or(ModelError::UnknownExpense(id))
    }
}

/// A non-labour cost of a line (travel, licences, …), billed with a markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    pub id: ExpenseId,
    pub name: String,
    pub cost: Money,
    pub markup: Bps,
}

/// Where a worksheet stands in its approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    Draft,
    Submitted,
    /// Approved by the engagement manager or a sponsor; the worksheet is locked.
    /// `by` may name a person since removed from the roster.
    Approved {
        by: PersonId,
    },
    Rejected {
        by: PersonId,
    },
}

impl Approval {
    pub fn label(self) -> &'static str {
        match self {
            Approval::Draft => "Draft",
            Approval::Submitted => "Submitted",
            Approval::Approved { .. } => "Approved",
            Approval::Rejected { .. } => "Rejected",
        }
    }

    pub fn is_approved(self) -> bool {
        matches!(self, Approval::Approved { .. })
    }

    /// "a draft", "submitted", … as in "“Base” is a draft".
    fn described(self) -> &'static str {
        match self {
            Approval::Draft => "a draft",
            Approval::Submitted => "submitted",
            Approval::Approved { .. } => "approved",
            Approval::Rejected { .. } => "rejected",
        }
    }
}

/// One step of a worksheet's approval, as recorded in its log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalEvent {
    pub step: ApprovalStep,
    /// Who decided (`None` for a submission).
    pub by: Option<PersonId>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStep {
    Submitted,
    Approved,
    Rejected,
    Reopened,
}

impl ApprovalStep {
    pub fn label(self) -> &'static str {
        match self {
            ApprovalStep::Submitted => "Submitted",
            ApprovalStep::Approved => "Approved",
            ApprovalStep::Rejected => "Rejected",
            ApprovalStep::Reopened => "Reopened",
        }
    }
}

// ---------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------

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
    /// Submitted → Approved, by the engagement manager or a sponsor.
    Approve {
        worksheet: WorksheetId,
        by: PersonId,
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

    fn what(self) -> &'static str {
        match self {
            WorksheetField::CostContingency => "cost contingency",
            WorksheetField::BillableContingency => "billable contingency",
            WorksheetField::GlobalDiscount => "global discount",
            WorksheetField::TargetMargin => "target margin",
            WorksheetField::CommissionRate => "commission rate",
        }
    }

    fn range(self) -> &'static str {
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
            w.engagements[index].pricing = pricing;
            Ok(())
        }
        Err(e) => {
            w.next_id = saved;
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
        A::Approve { worksheet, by } => {
            approver(w, &w.engagements[index], by)?;
            step(
                p.worksheet_mut(worksheet)?,
                ApprovalStep::Approved,
                Some(by),
                String::new(),
            )?;
            agree_fees(p, worksheet);
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

fn new_line(
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

fn amount(m: Money, what: &'static str) -> Result<Money, ModelError> {
    if m.0 < 0 {
        Err(ModelError::NegativeAmount(what))
    } else if m > MONEY_LIMIT {
        Err(ModelError::MoneyOutOfRange)
    } else {
        Ok(m)
    }
}

fn line_hours(h: Hours) -> Result<Hours, ModelError> {
    if h > LINE_HOURS_MAX {
        Err(ModelError::TooManyLineHours(h))
    } else {
        Ok(h)
    }
}

fn discount(d: Bps) -> Result<Bps, ModelError> {
    if !DISCOUNT.allows(d) {
        Err(ModelError::PercentOutOfRange {
            what: "line discount",
            range: DISCOUNT.range,
        })
    } else {
        Ok(d)
    }
}

fn markup(m: Bps) -> Result<Bps, ModelError> {
    if !MARKUP.allows(m) {
        Err(ModelError::PercentOutOfRange {
            what: "markup",
            range: MARKUP.range,
        })
    } else {
        Ok(m)
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
/// [`Engagement::person_refs_mut`]).
pub(crate) fn renumber(
    w: &mut Workspace,
    p: &mut Pricing,
    needs: &BTreeMap<NeedId, NeedId>,
) -> Result<(), ModelError> {
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
    Ok(())
}

/// Clears a removed need from every line that traced to it.
pub(crate) fn forget_need(p: &mut Pricing, need: NeedId) {
    for l in p.worksheets.iter_mut().flat_map(|ws| ws.lines.iter_mut()) {
        if l.need == Some(need) {
            l.need = None;
        }
    }
}

// ---------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------

/// A signed number of hours in hundredths (a variance): "+12.5", "-3", "0".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HoursDelta(pub i64);

impl fmt::Display for HoursDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = match self.0 {
            0 => "",
            d if d < 0 => "-",
            _ => "+",
        };
        let abs = Hours(u32::try_from(self.0.unsigned_abs()).unwrap_or(u32::MAX));
        write!(f, "{sign}{abs}")
    }
}

/// The figures of one line or of a whole worksheet. Amounts are minor units of the
/// engagement's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Sales hours.
    pub hours: Hours,
    /// Cost on the cost basis (delivery's hours where delivery gave input), with the
    /// cost contingency: `labour_cost + expense_cost + cost_contingency`.
    pub cost: Money,
    /// Cost on the sales hours, with contingency (for the sales–delivery comparison).
    pub sales_cost: Money,
    /// `labour_price + expense_price + billable_contingency + price_adjustment`; 0 for
    /// non-billable lines.
    pub list_price: Money,
    /// `line_discount + global_discount`.
    pub discount: Money,
    /// `list_price - discount`.
    pub net_price: Money,
    /// `net_price - cost`.
    pub gross_margin: Money,
    /// Gross margin ÷ net price; `None` when the net price is 0. Like every ratio, held
    /// at the bounds of [`Bps`] (±21,474,836.47 %) when it lies beyond them.
    pub margin: Option<Bps>,
    /// Gross margin ÷ cost; `None` when the cost is 0.
    pub markup: Option<Bps>,
    /// Billed hours × bill rates ÷ billed hours, over billable lines; `None` without
    /// billable hours.
    pub blended_bill_rate: Option<Money>,
    /// cost ÷ (1 − target margin); `None` when no target margin is set (or it is out
    /// of range).
    pub target_price: Option<Money>,
    /// Commission rate × gross margin, never negative.
    pub commission_on_margin: Money,
    /// Commission rate × net price.
    pub commission_on_revenue: Money,
    /// The estimator's hours (lines with delivery input only).
    pub delivery_hours: Hours,
    /// Cost on the estimator's hours, with contingency (lines with delivery input only).
    pub delivery_cost: Money,
    /// `delivery_hours - hours` on lines with delivery input.
    pub hours_variance: HoursDelta,
    /// `delivery_cost - sales_cost` on lines with delivery input.
    pub cost_variance: Money,
    /// Breakdown of the cost, on the cost basis.
    pub labour_cost: Money,
    pub expense_cost: Money,
    pub cost_contingency: Money,
    /// Breakdown of the list price, at the rates: the billed hours (a fixed-fee line's
    /// sales hours; a time-and-materials line's hours of work) at the bill rates.
    pub labour_price: Money,
    /// Expense costs with their markups.
    pub expense_price: Money,
    pub billable_contingency: Money,
    /// What the billing terms change in the price at the rates: a fixed fee's
    /// difference from it (either sign), or minus what a not-to-exceed cap takes off.
    pub price_adjustment: Money,
    pub line_discount: Money,
    pub global_discount: Money,
}

/// The figures of one line of a worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFigures {
    pub line: LineId,
    /// Whether the line has a recorded estimate, an estimator and their hours (its cost
    /// basis); whether that estimate counts as delivery input is
    /// [`LineItem::has_delivery_input`].
    pub delivery_input: bool,
    pub figures: Figures,
}

impl std::ops::Deref for LineFigures {
    type Target = Figures;
    fn deref(&self) -> &Figures {
        &self.figures
    }
}

/// The figures of a worksheet: each line, in order, and the total.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorksheetFigures {
    pub lines: Vec<LineFigures>,
    pub total: Figures,
}

/// Divides and rounds half away from zero. Division by zero gives 0 (callers guard).
#[inline(always)]
pub fn round_div(n: i128, d: i128) -> i128 {
    if d == 0 {
        return 0;
    }
    let (n, d) = if d < 0 {
        (n.saturating_neg(), d.saturating_neg())
    } else {
        (n, d)
    };
    // Most figures fit in 64 bits, where division is several times faster; the
    // result is the same either way.
    if let (Ok(n), Ok(d)) = (i64::try_from(n), i64::try_from(d)) {
        let (q, r) = (n / d, n % d);
        return i128::from(if r.unsigned_abs() * 2 >= d.unsigned_abs() {
            q + n.signum()
        } else {
            q
        });
    }
    let q = n / d;
    let r = n % d;
    if r.unsigned_abs() * 2 >= d.unsigned_abs() {
        q + n.signum()
    } else {
        q
    }
}

/// Multiplies exactly: the product of two 64-bit values always fits in 128 bits
/// (the common case, and a single machine multiplication); anything larger, which
/// only an invalid worksheet reaches, saturates.
#[inline(always)]
fn mul(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => i128::from(x) * i128::from(y),
        _ => a.saturating_mul(b),
    }
}

const HUNDRED: i128 = 100;
const BPS: i128 = 10_000;

/// Exact intermediate figures of a line or a total, in `i128`.
#[derive(Debug, Clone, Copy, Default)]
struct Raw {
    hours: i128,
    billable_hours: i128,
    /// Σ billed hours × bill rate, in hundredths of a minor unit.
    bill_value: i128,
    delivery_hours: i128,
    /// The hours the work takes (the cost basis), with an overrun if there is one.
    worked_hours: i128,
    /// Lines whose not-to-exceed cap limits the price.
    capped: i128,
    labour_cost: i128,
    expense_cost: i128,
    cost_contingency: i128,
    cost: i128,
    sales_cost: i128,
    delivery_cost: i128,
    labour_price: i128,
    expense_price: i128,
    billable_contingency: i128,
    price_adjustment: i128,
    list_price: i128,
    line_discount: i128,
    global_discount: i128,
    net_price: i128,
    gross_margin: i128,
    hours_variance: i128,
    cost_variance: i128,
    /// `None` without a target margin.
    target_price: Option<i128>,
    commission_on_margin: i128,
    commission_on_revenue: i128,
}

impl Raw {
    fn add(&mut self, o: &Raw) {
        macro_rules! sum {
            ($($f:ident),*) => {$( self.$f = self.$f.saturating_add(o.$f); )*};
        }
        sum!(
            hours,
            billable_hours,
            bill_value,
            delivery_hours,
            worked_hours,
            capped,
            labour_cost,
            expense_cost,
            cost_contingency,
            cost,
            sales_cost,
            delivery_cost,
            labour_price,
            expense_price,
            billable_contingency,
            price_adjustment,
            list_price,
            line_discount,
            global_discount,
            net_price,
            gross_margin,
            hours_variance,
            cost_variance
        );
    }
}

/// The rate card's cost and bill rates by role id: a table indexed by the id (less
/// the smallest) when the ids are close together, as they usually are, else a list
/// sorted for binary search.
enum Rates {
    Dense { first: u32, rates: Vec<(i64, i64)> },
    Sorted(Vec<(RateRoleId, i64, i64)>),
}

/// The widest id span a dense table covers (a megabyte of rates at most).
const DENSE_SPAN: u32 = 1 << 16;

impl Rates {
    fn new(card: &[RateRole]) -> Rates {
        let first = card.iter().map(|r| r.id.0).min().unwrap_or(0);
        let last = card.iter().map(|r| r.id.0).max().unwrap_or(0);
        if last - first < DENSE_SPAN {
            let mut rates = vec![(0, 0); (last - first) as usize + 1];
            for r in card {
                rates[(r.id.0 - first) as usize] = (r.cost_rate.0, r.bill_rate.0);
            }
            return Rates::Dense { first, rates };
        }
        let mut sorted: Vec<(RateRoleId, i64, i64)> = card
            .iter()
            .map(|r| (r.id, r.cost_rate.0, r.bill_rate.0))
            .collect();
        sorted.sort_by_key(|&(id, _, _)| id);
        Rates::Sorted(sorted)
    }

    /// The cost and bill rate of a role; (0, 0) for a role not on the card.
    #[inline(always)]
    fn get(&self, role: RateRoleId) -> (i64, i64) {
        match self {
            Rates::Dense { first, rates } => role
                .0
                .checked_sub(*first)
                .and_then(|i| rates.get(i as usize))
                .copied()
                .unwrap_or((0, 0)),
            Rates::Sorted(sorted) => sorted
                .binary_search_by_key(&role, |&(id, _, _)| id)
                .map_or((0, 0), |i| (sorted[i].1, sorted[i].2)),
        }
    }
}

/// Σ hours (hundredths), Σ hours × cost rate and Σ hours × bill rate (hundredths of a
/// minor unit). A role missing from the rate card (only in an invalid worksheet)
/// counts at rate 0.
fn labour(hours: &BTreeMap<RateRoleId, Hours>, rates: &Rates) -> (i128, i128, i128) {
    let rate = |role: &RateRoleId| rates.get(*role);
    // In 64 bits while the sums fit, which they do on every valid worksheet.
    let fast = hours
        .iter()
        .try_fold((0i64, 0i64, 0i64), |(t, c, b), (role, h)| {
            let h = i64::from(h.0);
            let (cost, bill) = rate(role);
            Some((
                t + h,
                c.checked_add(h.checked_mul(cost)?)?,
                b.checked_add(h.checked_mul(bill)?)?,
            ))
        });
    if let Some((t, c, b)) = fast {
        return (t.into(), c.into(), b.into());
    }
    hours.iter().fold((0, 0, 0), |(t, c, b), (role, h)| {
        let h = i128::from(h.0);
        let (cost, bill) = rate(role);
        (
            t + h,
            c.saturating_add(mul(h, cost.into())),
            b.saturating_add(mul(h, bill.into())),
        )
    })
}

/// Labour cost, expense cost, contingency on both, and their sum, from the labour
/// value in `1 / den` of a minor unit.
fn cost_of(
    labour_value: i128,
    den: i128,
    expenses: i128,
    contingency: i128,
) -> (i128, i128, i128, i128) {
    let labour = round_div(labour_value, den);
    let exact = labour_value.saturating_add(mul(expenses, den));
    let cont = round_div(mul(exact, contingency), den * BPS);
    (
        labour,
        expenses,
        cont,
        labour.saturating_add(expenses).saturating_add(cont),
    )
}

/// Labour price, expense price, billable contingency on both, and their sum (the list
/// price at the rates), from the bill value in `1 / den` of a minor unit and the
/// expenses with their markups in basis points of a minor unit.
fn price_of(
    bill_value: i128,
    den: i128,
    expense_value: i128,
    contingency: i128,
) -> (i128, i128, i128, i128) {
    let labour = round_div(bill_value, den);
    let expenses = round_div(expense_value, BPS);
    // The exact list price before contingency, in `1 / (den × BPS)` of a minor unit.
    let exact = mul(bill_value, BPS).saturating_add(mul(expense_value, den));
    let cont = round_div(mul(exact, contingency), den * BPS * BPS);
    (
        labour,
        expenses,
        cont,
        labour.saturating_add(expenses).saturating_add(cont),
    )
}

/// A line's figures when its work takes `stretch ÷ BPS` times the hours estimated
/// (`BPS`: as estimated). The cost and a time-and-materials price follow the hours of
/// work; a fixed fee and the sales figures do not.
fn line_raw(l: &LineItem, ws: &Worksheet, rates: &Rates, stretch: i128) -> Raw {
    let cc = i128::from(ws.cost_contingency.0);
    let expenses: i128 = l
        .expenses
        .iter()
        .fold(0i128, |s, x| s.saturating_add(i128::from(x.cost.0)));
    let (hours, sales_value, sales_bill) = labour(&l.hours, rates);
    let sales = cost_of(sales_value, HUNDRED, expenses, cc);
    let sales_cost = sales.3;
    let input = l.has_estimate();
    let mut r = Raw {
        hours,
        sales_cost,
        ..Raw::default()
    };
    // The hours of work: delivery's estimate where delivery gave one, else sales'.
    let (worked, worked_value, worked_bill, estimated) = if input {
        let (dh, dv, db) = labour(&l.delivery_hours, rates);
        let delivery = cost_of(dv, HUNDRED, expenses, cc);
        r.delivery_hours = dh;
        r.delivery_cost = delivery.3;
        r.hours_variance = dh - hours;
        r.cost_variance = delivery.3.saturating_sub(sales_cost);
        (dh, dv, db, delivery)
    } else {
        (hours, sales_value, sales_bill, sales)
    };
    let overrun = stretch != BPS;
    // With an overrun, values are kept in `1 / (HUNDRED × BPS)` of a minor unit so
    // that each figure is still rounded once.
    let stretched = |v: i128| if overrun { mul(v, stretch) } else { v };
    let den = if overrun { HUNDRED * BPS } else { HUNDRED };
    r.worked_hours = if overrun {
        round_div(mul(worked, stretch), BPS)
    } else {
        worked
    };
    let basis = if overrun {
        cost_of(stretched(worked_value), den, expenses, cc)
    } else {
        estimated
    };
    (r.labour_cost, r.expense_cost, r.cost_contingency, r.cost) = basis;
    if l.billing.is_billable() {
        let expense_value = l.expenses.iter().fold(0i128, |s, x| {
            s.saturating_add(mul(i128::from(x.cost.0), BPS + i128::from(x.markup.0)))
        });
        let bc = i128::from(ws.billable_contingency.0);
        let rated = if l.billing == BillingType::FixedFee {
            // A fixed fee is priced on the sales hours, never on the hours of work.
            r.billable_hours = hours;
            r.bill_value = sales_bill;
            price_of(sales_bill, HUNDRED, expense_value, bc)
        } else {
            r.billable_hours = worked;
            r.bill_value = worked_bill;
            price_of(stretched(worked_bill), den, expense_value, bc)
        };
        let list;
        (
            r.labour_price,
            r.expense_price,
            r.billable_contingency,
            list,
        ) = rated;
        r.price_adjustment = match (l.billing, l.fee, l.cap) {
            (BillingType::FixedFee, Some(fee), _) => i128::from(fee.0).saturating_sub(list),
            (BillingType::TimeAndMaterials, _, Some(cap)) if list > i128::from(cap.0) => {
                r.capped = 1;
                i128::from(cap.0) - list
            }
            _ => 0,
        };
        r.list_price = list.saturating_add(r.price_adjustment);
        r.line_discount = round_div(mul(r.list_price, i128::from(l.discount.0)), BPS);
    }
    r
}

/// Spreads the global discount over the lines in proportion to their price after the
/// line discount. The total is rounded once; the lines' shares are rounded down and
/// the units left over go to the largest remainders (earlier lines first on a tie),
/// so the shares add up to the total exactly.
fn allocate_global(raws: &mut [Raw], rate: i128) {
    if rate == 0 || raws.is_empty() {
        return;
    }
    let exact: Vec<i128> = raws
        .iter()
        .map(|r| mul(r.list_price.saturating_sub(r.line_discount), rate))
        .collect();
    let total = round_div(exact.iter().fold(0i128, |s, &x| s.saturating_add(x)), BPS);
    // Each share rounded down, and what is left of it in basis-point units.
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(raws.len());
    let mut given = 0i128;
    for (i, (r, &x)) in raws.iter_mut().zip(&exact).enumerate() {
        let (share, left) = floor_div_rem(x, BPS);
        r.global_discount = share;
        given = given.saturating_add(share);
        remainders.push((left, i));
    }
    let left = usize::try_from(total.saturating_sub(given)).unwrap_or(0);
    if left > 0 {
        // Largest remainder first; on a tie the earlier line (a stable sort).
        remainders.sort_by_key(|&(rem, _)| std::cmp::Reverse(rem));
        for &(_, i) in remainders.iter().take(left) {
            raws[i].global_discount += 1;
        }
    }
}

/// The floor of `n ÷ d` and the remainder (0 ≤ remainder < d), for d > 0; in 64 bits
/// when `n` fits.
#[inline(always)]
fn floor_div_rem(n: i128, d: i128) -> (i128, i128) {
    match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => (i128::from(n.div_euclid(d)), i128::from(n.rem_euclid(d))),
        _ => (n.div_euclid(d), n.rem_euclid(d)),
    }
}

/// Net, margin, target price and commissions of a line or a total whose cost, list
/// price and discounts are known.
fn finish(r: &mut Raw, ws: &Worksheet, target: Option<Bps>) {
    r.net_price = r
        .list_price
        .saturating_sub(r.line_discount)
        .saturating_sub(r.global_discount);
    r.gross_margin = r.net_price.saturating_sub(r.cost);
    r.target_price = target.and_then(|t| target_price(r.cost, t));
    let rate = i128::from(ws.commission_rate.0);
    r.commission_on_margin = round_div(mul(r.gross_margin.max(0), rate), BPS);
    r.commission_on_revenue = round_div(mul(r.net_price, rate), BPS);
}

fn target_price(cost: i128, target: Bps) -> Option<i128> {
    let rest = BPS - i128::from(target.0);
    (target.0 >= 0 && rest > 0).then(|| round_div(mul(cost, BPS), rest))
}

/// The exact figures of every line and the total, held to `target`, with the work
/// taking `stretch ÷ BPS` times the hours estimated.
fn compute_raw(
    ws: &Worksheet,
    card: &[RateRole],
    target: Option<Bps>,
    stretch: i128,
) -> (Vec<Raw>, Raw) {
    let rates = Rates::new(card);
    let mut lines: Vec<Raw> = ws
        .lines
        .iter()
        .map(|l| line_raw(l, ws, &rates, stretch))
        .collect();
    allocate_global(&mut lines, i128::from(ws.global_discount.0));
    let mut total = Raw::default();
    for r in &mut lines {
        finish(r, ws, target);
        total.add(r);
    }
    // Derived from the totals rather than summed (see the module documentation).
    let (net, gm) = (total.net_price, total.gross_margin);
    finish(&mut total, ws, target);
    debug_assert_eq!((net, gm), (total.net_price, total.gross_margin));
    (lines, total)
}

fn money(x: i128) -> Money {
    Money(i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX }))
}

fn hours(x: i128) -> Hours {
    Hours(u32::try_from(x.max(0)).unwrap_or(u32::MAX))
}

fn ratio(n: i128, d: i128) -> Option<Bps> {
    (d != 0).then(|| {
        let r = round_div(mul(n, BPS), d);
        Bps(i32::try_from(r).unwrap_or(if r < 0 { i32::MIN } else { i32::MAX }))
    })
}

fn figures(r: &Raw) -> Figures {
    Figures {
        hours: hours(r.hours),
        cost: money(r.cost),
        sales_cost: money(r.sales_cost),
        list_price: money(r.list_price),
        discount: money(r.line_discount.saturating_add(r.global_discount)),
        net_price: money(r.net_price),
        gross_margin: money(r.gross_margin),
        margin: ratio(r.gross_margin, r.net_price),
        markup: ratio(r.gross_margin, r.cost),
        blended_bill_rate: (r.billable_hours > 0)
            .then(|| money(round_div(r.bill_value, r.billable_hours))),
        // None, rather than a wrong amount, where it would not fit.
        target_price: r
            .target_price
            .and_then(|t| i64::try_from(t).ok())
            .map(Money),
        commission_on_margin: money(r.commission_on_margin),
        commission_on_revenue: money(r.commission_on_revenue),
        delivery_hours: hours(r.delivery_hours),
        delivery_cost: money(r.delivery_cost),
        hours_variance: HoursDelta(i64::try_from(r.hours_variance).unwrap_or(
            if r.hours_variance < 0 {
                i64::MIN
            } else {
                i64::MAX
            },
        )),
        cost_variance: money(r.cost_variance),
        labour_cost: money(r.labour_cost),
        expense_cost: money(r.expense_cost),
        cost_contingency: money(r.cost_contingency),
        labour_price: money(r.labour_price),
        expense_price: money(r.expense_price),
        billable_contingency: money(r.billable_contingency),
        price_adjustment: money(r.price_adjustment),
        line_discount: money(r.line_discount),
        global_discount: money(r.global_discount),
    }
}

/// The figures of a worksheet priced with a rate card: every line and the total.
/// Never panics; exact for every worksheet that passes `Workspace::validate`.
///
/// The target price is the one of the worksheet's own target margin; where the
/// workspace's default target margin may apply, use [`compute_with_default`].
pub fn compute(ws: &Worksheet, rates: &[RateRole]) -> WorksheetFigures {
    compute_with_default(ws, rates, None)
}

/// [`compute`], with the target price of [`Worksheet::target`]: the worksheet's own
/// target margin, else `default_target` (the workspace's default).
pub fn compute_with_default(
    ws: &Worksheet,
    rates: &[RateRole],
    default_target: Option<Bps>,
) -> WorksheetFigures {
    let (lines, total) = compute_raw(ws, rates, ws.target(default_target), BPS);
    WorksheetFigures {
        lines: ws
            .lines
            .iter()
            .zip(&lines)
            .map(|(l, r)| LineFigures {
                line: l.id,
                delivery_input: l.has_estimate(),
                figures: figures(r),
            })
            .collect(),
        total: figures(&total),
    }
}

/// Refuses a worksheet whose figures the planner could not hold exactly: a cost, a
/// price or a delivery cost above [`MONEY_LIMIT`], or more hours than it counts.
fn check_limits(
    ws: &Worksheet,
    rates: &[RateRole],
    default_target: Option<Bps>,
) -> Result<(), ModelError> {
    let (_, t) = compute_raw(ws, rates, ws.target(default_target), BPS);
    let limit = i128::from(MONEY_LIMIT.0);
    // The price at the estimate (labour, expenses, contingency) is bounded as well as the
    // list price: an agreed fee or a cap sets the list price, and the adjustment between
    // the two must stay exact too.
    let fits = [
        t.cost,
        t.sales_cost,
        t.delivery_cost,
        t.list_price,
        t.labour_price
            .saturating_add(t.expense_price)
            .saturating_add(t.billable_contingency),
    ]
    .iter()
    .all(|&m| (0..=limit).contains(&m))
        && t.target_price.is_none_or(|p| i64::try_from(p).is_ok())
        && [t.hours, t.delivery_hours]
            .iter()
            .all(|&h| (0..=i128::from(u32::MAX)).contains(&h));
    if fits {
        Ok(())
    } else {
        Err(ModelError::FiguresOutOfRange(ws.name.clone()))
    }
}

// ---------------------------------------------------------------------------------
// Overruns
// ---------------------------------------------------------------------------------

/// How a line's price answers to the hours its work takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PriceBasis {
    /// The agreed fee (or the sales estimate until one is agreed): more hours lower
    /// the margin.
    FixedFee,
    /// Every hour of work is billed.
    TimeAndMaterials,
    /// Every hour of work is billed, up to the not-to-exceed cap.
    CappedTimeAndMaterials,
    /// Nothing is billed.
    NonBillable,
}

impl PriceBasis {
    pub const ALL: [PriceBasis; 4] = [
        PriceBasis::FixedFee,
        PriceBasis::TimeAndMaterials,
        PriceBasis::CappedTimeAndMaterials,
        PriceBasis::NonBillable,
    ];

    /// How a line is priced, from its billing type and its cap.
    pub fn of(line: &LineItem) -> PriceBasis {
        match (line.billing, line.cap) {
            (BillingType::FixedFee, _) => PriceBasis::FixedFee,
            (BillingType::TimeAndMaterials, None) => PriceBasis::TimeAndMaterials,
            (BillingType::TimeAndMaterials, Some(_)) => PriceBasis::CappedTimeAndMaterials,
            (BillingType::NonBillable, _) => PriceBasis::NonBillable,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PriceBasis::FixedFee => "Fixed fee",
            PriceBasis::TimeAndMaterials => "Time and materials",
            PriceBasis::CappedTimeAndMaterials => "Time and materials, capped",
            PriceBasis::NonBillable => "Non-billable",
        }
    }

    /// What more hours do to lines priced this way.
    pub fn rule(self) -> &'static str {
        match self {
            PriceBasis::FixedFee => "the price is the fee whatever the hours; extra hours are cost",
            PriceBasis::TimeAndMaterials => "every extra hour is billed at its rate",
            PriceBasis::CappedTimeAndMaterials => {
                "extra hours are billed until the not-to-exceed cap; beyond it they are cost"
            }
            PriceBasis::NonBillable => "the extra hours are cost",
        }
    }
}

/// Price, cost and margin of some lines, at the estimate or with an overrun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// The hours of work: delivery's estimate where given, else the sales hours.
    pub hours: Hours,
    /// The list price, before discounts.
    pub list_price: Money,
    /// The net price, after discounts.
    pub price: Money,
    pub cost: Money,
    /// `price - cost`.
    pub gross_margin: Money,
    /// Gross margin ÷ price; `None` without a price.
    pub margin: Option<Bps>,
    /// How many of the lines have a not-to-exceed cap that limits their price.
    pub capped: usize,
}

/// The lines of one price basis, at the estimate and with the overrun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverrunRow {
    pub basis: PriceBasis,
    /// How many lines are priced this way.
    pub lines: usize,
    pub estimate: Outcome,
    pub overrun: Outcome,
}

/// What an overrun does to a worksheet: its lines grouped by how they are priced
/// (only the ways some line is), and the whole worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OverrunEffect {
    /// The extra hours, as a share of the hours estimated.
    pub overrun: Bps,
    pub rows: Vec<OverrunRow>,
    pub estimate: Outcome,
    pub with_overrun: Outcome,
}

fn outcome(r: &Raw) -> Outcome {
    Outcome {
        hours: hours(r.worked_hours),
        list_price: money(r.list_price),
        price: money(r.net_price),
        cost: money(r.cost),
        gross_margin: money(r.gross_margin),
        margin: ratio(r.gross_margin, r.net_price),
        capped: usize::try_from(r.capped).unwrap_or(0),
    }
}

/// What the worksheet's price, cost and margin become when its work takes `overrun`
/// more hours than estimated (held to 0–[`OVERRUN_MAX`]): every line's hours of work,
/// and so its cost, grow by that share; a time-and-materials price grows with them up
/// to its cap; a fixed fee does not move. Each figure is rounded once, as in
/// [`compute`], whose figures the estimate repeats.
pub fn overrun_effect(ws: &Worksheet, rates: &[RateRole], overrun: Bps) -> OverrunEffect {
    let overrun = overrun.clamp(Bps::ZERO, OVERRUN_MAX);
    let (at_estimate, total_estimate) = compute_raw(ws, rates, None, BPS);
    let (stretched, total_stretched) = compute_raw(ws, rates, None, BPS + i128::from(overrun.0));
    let rows = PriceBasis::ALL
        .iter()
        .filter_map(|&basis| {
            let mut estimate = Raw::default();
            let mut over = Raw::default();
            let mut lines = 0;
            for ((l, a), b) in ws.lines.iter().zip(&at_estimate).zip(&stretched) {
                if PriceBasis::of(l) == basis {
                    lines += 1;
                    estimate.add(a);
                    over.add(b);
                }
            }
            (lines > 0).then(|| OverrunRow {
                basis,
                lines,
                estimate: outcome(&estimate),
                overrun: outcome(&over),
            })
        })
        .collect();
    OverrunEffect {
        overrun,
        rows,
        estimate: outcome(&total_estimate),
        with_overrun: outcome(&total_stretched),
    }
}

// ---------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------

/// Checks an engagement's pricing: ids, names, ranges and every reference but the
/// people it names (checked with the engagement's, see [`Engagement::person_refs`]).
pub(crate) fn validate(
    v: &mut Validator,
    path: &str,
    e: &Engagement,
    next_id: u32,
    seen: &mut BTreeSet<u32>,
) {
    let p = &e.pricing;
    let path = format!("{path}.pricing");
    v.count(&format!("{path}.rate_card"), p.rate_card.len(), ITEMS_MAX);
    v.count(
        &format!("{path}.worksheets"),
        p.worksheets.len(),
        WORKSHEETS_MAX,
    );
    for (i, r) in p.rate_card.iter().enumerate() {
        let at = format!("{path}.rate_card[{i}]");
        v.id(&format!("{at}.id"), r.id.0, next_id, seen);
        v.name(&format!("{at}.name"), &r.name);
        v.money(&format!("{at}.cost_rate"), r.cost_rate, &e.currency);
        v.money(&format!("{at}.bill_rate"), r.bill_rate, &e.currency);
    }
    let roles: BTreeMap<RateRoleId, &str> = p
        .rate_card
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let needs: BTreeSet<NeedId> = e.needs.iter().map(|n| n.id).collect();
    for (i, ws) in p.worksheets.iter().enumerate() {
        let at = format!("{path}.worksheets[{i}]");
        v.id(&format!("{at}.id"), ws.id.0, next_id, seen);
        v.name(&format!("{at}.name"), &ws.name);
        for field in WorksheetField::ALL {
            let Some(value) = ws.field(field) else {
                continue;
            };
            if value < Bps::ZERO || value > field.max() {
                v.problem(
                    format!("{at}.{}", field_key(field)),
                    format!(
                        "the {} must be from 0 % to {}, not {}",
                        field.what(),
                        describe::percent(field.max()),
                        describe::percent(value)
                    ),
                );
            }
        }
        v.count(&format!("{at}.lines"), ws.lines.len(), ITEMS_MAX);
        v.count(&format!("{at}.log"), ws.log.len(), ITEMS_MAX);
        for (j, l) in ws.lines.iter().enumerate() {
            let lp = format!("{at}.lines[{j}]");
            v.id(&format!("{lp}.id"), l.id.0, next_id, seen);
            v.name(&format!("{lp}.name"), &l.name);
            for (key, map) in [("hours", &l.hours), ("delivery_hours", &l.delivery_hours)] {
                let what = describe::field(key);
                for (role, h) in map {
                    let hp = format!("{lp}.{key}.{role}");
                    let role_name = roles.get(role).map(|name| describe::quoted(name));
                    if role_name.is_none() {
                        v.problem(
                            hp.clone(),
                            format!("{what} are given for rate card role {role}, which this engagement's rate card does not have"),
                        );
                    }
                    if *h > LINE_HOURS_MAX {
                        v.problem(
                            hp,
                            format!(
                                "the {what} of {} must be at most {}, not {}",
                                role_name.unwrap_or_else(|| format!("rate card role {role}")),
                                describe::hours(LINE_HOURS_MAX),
                                describe::hours(*h)
                            ),
                        );
                    }
                }
            }
            if let Some(n) = l.need {
                if !needs.contains(&n) {
                    v.problem(
                        format!("{lp}.need"),
                        format!("the client need is need {n}, which this engagement does not have"),
                    );
                }
            }
            if let Some(fee) = l.fee {
                v.money(&format!("{lp}.fee"), fee, &e.currency);
            }
            if let Some(cap) = l.cap {
                v.money(&format!("{lp}.cap"), cap, &e.currency);
            }
            if l.discount < Bps::ZERO || l.discount > DISCOUNT_MAX {
                v.problem(
                    format!("{lp}.discount"),
                    format!(
                        "the discount must be from 0 % to {}, not {}",
                        describe::percent(DISCOUNT_MAX),
                        describe::percent(l.discount)
                    ),
                );
            }
            v.count(&format!("{lp}.expenses"), l.expenses.len(), ITEMS_MAX);
            for (k, x) in l.expenses.iter().enumerate() {
                let xp = format!("{lp}.expenses[{k}]");
                v.id(&format!("{xp}.id"), x.id.0, next_id, seen);
                v.name(&format!("{xp}.name"), &x.name);
                v.money(&format!("{xp}.cost"), x.cost, &e.currency);
                if x.markup < Bps::ZERO || x.markup > MARKUP_MAX {
                    v.problem(
                        format!("{xp}.markup"),
                        format!(
                            "the markup must be from 0 % to {}, not {}",
                            describe::percent(MARKUP_MAX),
                            describe::percent(x.markup)
                        ),
                    );
                }
            }
        }
        for (j, event) in ws.log.iter().enumerate() {
            v.text_len(&format!("{at}.log[{j}].note"), &event.note, TEXT_MAX);
        }
        if check_limits(ws, &p.rate_card, None).is_err() {
            v.problem(
                at,
                format!(
                    "its figures (cost, list price) would exceed {}, the largest amount the planner holds exactly",
                    describe::money(MONEY_LIMIT, &e.currency)
                ),
            );
        }
    }
    if let Some(d) = p.deal {
        if p.worksheet(d).is_none() {
            v.problem(
                format!("{path}.deal"),
                format!("the deal is worksheet {d}, which this engagement does not have"),
            );
        }
    }
}

fn field_key(field: WorksheetField) -> &'static str {
    match field {
        WorksheetField::CostContingency => "cost_contingency",
        WorksheetField::BillableContingency => "billable_contingency",
        WorksheetField::GlobalDiscount => "global_discount",
        WorksheetField::TargetMargin => "target_margin",
        WorksheetField::CommissionRate => "commission_rate",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Side, StakeholderGroup, Template};

    #[test]
    fn round_div_is_half_away_from_zero() {
        assert_eq!(round_div(5, 2), 3);
        assert_eq!(round_div(-5, 2), -3);
        assert_eq!(round_div(5, -2), -3);
        assert_eq!(round_div(7, 3), 2);
        assert_eq!(round_div(-7, 3), -2);
        assert_eq!(round_div(149, 100), 1);
        assert_eq!(round_div(150, 100), 2);
        assert_eq!(round_div(-150, 100), -2);
        assert_eq!(round_div(1, 0), 0);
    }

    fn role(id: u32, cost: i64, bill: i64) -> RateRole {
        RateRole {
            id: RateRoleId(id),
            name: format!("R{id}"),
            cost_rate: Money(cost),
            bill_rate: Money(bill),
        }
    }

    fn line(id: u32, hours: &[(u32, u32)]) -> LineItem {
        new_line(
            LineId(id),
            format!("L{id}"),
            BillingType::FixedFee,
            hours
                .iter()
                .map(|&(r, h)| (RateRoleId(r), Hours::from_whole(h)))
                .collect(),
            Bps::ZERO,
        )
    }

    #[test]
    fn a_simple_line_prices_and_costs_its_hours() {
        let rates = [role(1, 5_000, 10_000)];
        let mut ws = Worksheet::new(WorksheetId(9), "Base".into(), SellingStyle::Consultative);
        ws.lines.push(line(2, &[(1, 10)]));
        let f = compute(&ws, &rates);
        assert_eq!(f.total.cost, Money(50_000));
        assert_eq!(f.total.list_price, Money(100_000));
        assert_eq!(f.total.net_price, Money(100_000));
        assert_eq!(f.total.gross_margin, Money(50_000));
        assert_eq!(f.total.margin, Some(Bps(5_000)));
        assert_eq!(f.total.markup, Some(Bps(10_000)));
        assert_eq!(f.total.blended_bill_rate, Some(Money(10_000)));
        assert_eq!(f.lines[0].net_price, f.total.net_price);
    }

    #[test]
    fn rate_cards_with_far_apart_ids_price_the_same() {
        let near = [role(1, 5_000, 9_000), role(3, 7_000, 12_000)];
        let mut ws = Worksheet::new(WorksheetId(9), "Base".into(), SellingStyle::Consultative);
        ws.lines.push(line(2, &[(1, 10), (3, 7)]));
        ws.lines.push(line(4, &[(3, 2), (5, 1)]));
        let before = compute(&ws, &near);
        assert!(matches!(Rates::new(&near), Rates::Dense { .. }));
        // The same card with one role's id beyond the dense span: looked up by search.
        let far_id = RateRoleId(3 + DENSE_SPAN + 10);
        let far = [
            role(1, 5_000, 9_000),
            RateRole {
                id: far_id,
                ..role(3, 7_000, 12_000)
            },
        ];
        assert!(matches!(Rates::new(&far), Rates::Sorted(_)));
        for l in &mut ws.lines {
            if let Some(h) = l.hours.remove(&RateRoleId(3)) {
                l.hours.insert(far_id, h);
            }
        }
        let after = compute(&ws, &far);
        assert_eq!(before.total, after.total);
        assert_eq!(after.total.cost, Money(10 * 5_000 + 9 * 7_000));
        // A role missing from the card (only in an invalid worksheet) costs nothing.
        assert_eq!(Rates::new(&far).get(RateRoleId(5)), (0, 0));
        assert_eq!(Rates::new(&near).get(RateRoleId(0)), (0, 0));
    }

    #[test]
    fn the_global_discount_shares_add_up_to_its_total() {
        let rates = [role(1, 0, 1)];
        let mut ws = Worksheet::new(WorksheetId(9), "Base".into(), SellingStyle::Consultative);
        // Three lines of 1.00 each (100 h × 1 minor unit): a third each of 10 % of 3.00.
        for id in 2..5 {
            ws.lines.push(line(id, &[(1, 100)]));
        }
        ws.global_discount = Bps(3_333);
        let f = compute(&ws, &rates);
        let shares: Vec<i64> = f.lines.iter().map(|l| l.global_discount.0).collect();
        // 3.00 × 33.33 % = 0.9999, rounded to 1.00; each line's exact share is 0.3333.
        assert_eq!(f.total.global_discount, Money(100));
        assert_eq!(shares.iter().sum::<i64>(), 100);
        assert_eq!(shares, vec![34, 33, 33]);
    }

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
