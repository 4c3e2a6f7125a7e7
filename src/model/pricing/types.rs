//! The pricing data: the rate card and its roles, worksheets, their line items and
//! expenses, and a worksheet's approval, with their simple accessors.

use super::actions::WorksheetField;
use super::figures::{round_div, BPS};
use crate::model::error::ModelError;
use crate::model::ids::*;
use crate::model::units::{Bps, Hours, Money};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

    pub(super) fn worksheet_mut(&mut self, id: WorksheetId) -> Result<&mut Worksheet, ModelError> {
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

    pub(super) fn set_field(&mut self, field: WorksheetField, value: Bps) {
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

    pub(super) fn line_mut(&mut self, id: LineId) -> Result<&mut LineItem, ModelError> {
        self.lines
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or(ModelError::UnknownLine(id))
    }

    pub(super) fn new(id: WorksheetId, name: String, style: SellingStyle) -> Worksheet {
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
    /// input in the engagement ([`Engagement::delivery_people`](crate::model::Engagement::delivery_people)). A salesperson's
    /// estimate of their own line is not delivery input.
    pub fn has_delivery_input(&self, delivery: &BTreeSet<PersonId>) -> bool {
        self.has_estimate() && self.estimator.is_some_and(|p| delivery.contains(&p))
    }

    pub(super) fn expense_mut(&mut self, id: ExpenseId) -> Result<&mut Expense, ModelError> {
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
    pub(super) fn described(self) -> &'static str {
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
