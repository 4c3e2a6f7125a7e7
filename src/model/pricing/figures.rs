//! The figures of a worksheet, computed exactly from it and the rate card ([`compute`]),
//! what an overrun of the hours does to them ([`overrun_effect`]), and the one
//! rounding rule ([`round_div`]).

use super::limits::OVERRUN_MAX;
use super::types::*;
use crate::model::ids::*;
use crate::model::order;
use crate::model::units::{Bps, Hours, Money};
use std::collections::BTreeMap;
use std::fmt;

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
pub(super) const BPS: i128 = 10_000;

/// Exact intermediate figures of a line or a total, in `i128`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Raw {
    pub(super) hours: i128,
    billable_hours: i128,
    /// Σ billed hours × bill rate, in hundredths of a minor unit.
    bill_value: i128,
    pub(super) delivery_hours: i128,
    /// The hours the work takes (the cost basis), with an overrun if there is one.
    worked_hours: i128,
    /// Lines whose not-to-exceed cap limits the price.
    capped: i128,
    labour_cost: i128,
    expense_cost: i128,
    cost_contingency: i128,
    pub(super) cost: i128,
    pub(super) sales_cost: i128,
    pub(super) delivery_cost: i128,
    pub(super) labour_price: i128,
    pub(super) expense_price: i128,
    pub(super) billable_contingency: i128,
    price_adjustment: i128,
    pub(super) list_price: i128,
    line_discount: i128,
    global_discount: i128,
    net_price: i128,
    gross_margin: i128,
    hours_variance: i128,
    cost_variance: i128,
    /// `None` without a target margin.
    pub(super) target_price: Option<i128>,
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
        order::sort_by_key(&mut sorted, |&(id, _, _)| id);
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
        order::sort_by_key(&mut remainders, |&(rem, _)| std::cmp::Reverse(rem));
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
pub(super) fn compute_raw(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pricing::actions::new_line;

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
}
