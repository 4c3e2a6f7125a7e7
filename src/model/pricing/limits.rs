//! The pricing's limits, from the model's table of limits ([`crate::model::limits`]),
//! and their checks: of a value typed into a pricing action, and of a worksheet's
//! figures ([`check_limits`]).

use super::figures::{compute_raw, BPS};
use super::types::{RateRole, Worksheet};
use crate::model::error::ModelError;
use crate::model::limits::{COMMISSION, CONTINGENCY, DISCOUNT, MARKUP, OVERRUN, TARGET_MARGIN};
use crate::model::units::{Bps, Hours, Money, MONEY_LIMIT};

pub use crate::model::limits::{LINE_HOURS_MAX, WORKSHEETS_MAX};
/// Discounts are 0–100 % (see [`crate::model::limits`]).
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

pub(super) fn amount(m: Money, what: &'static str) -> Result<Money, ModelError> {
    if m.0 < 0 {
        Err(ModelError::NegativeAmount(what))
    } else if m > MONEY_LIMIT {
        Err(ModelError::MoneyOutOfRange)
    } else {
        Ok(m)
    }
}

pub(super) fn line_hours(h: Hours) -> Result<Hours, ModelError> {
    if h > LINE_HOURS_MAX {
        Err(ModelError::TooManyLineHours(h))
    } else {
        Ok(h)
    }
}

pub(super) fn discount(d: Bps) -> Result<Bps, ModelError> {
    if !DISCOUNT.allows(d) {
        Err(ModelError::PercentOutOfRange {
            what: "line discount",
            range: DISCOUNT.range,
        })
    } else {
        Ok(d)
    }
}

pub(super) fn markup(m: Bps) -> Result<Bps, ModelError> {
    if !MARKUP.allows(m) {
        Err(ModelError::PercentOutOfRange {
            what: "markup",
            range: MARKUP.range,
        })
    } else {
        Ok(m)
    }
}

/// Refuses a worksheet whose figures the planner could not hold exactly: a cost, a
/// price or a delivery cost above [`MONEY_LIMIT`], or more hours than it counts.
pub(super) fn check_limits(
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
