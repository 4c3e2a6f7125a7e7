//! The figures of the Pricing view's chart, "where the price goes": the parts of the list
//! price in the order they are drawn, their widths on the bar in exact integer units, and
//! the description a screen reader reads instead of the picture.

use crate::model::{format_money, CurrencyInfo, Figures, Money};

/// One part of the bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub label: &'static str,
    pub amount: Money,
    pub class: &'static str,
}

/// The parts of the list price, in the order they are drawn: the cost before
/// contingency (labour and expenses), the cost contingency, the discounts, and the
/// margin. With a loss the margin is left out and the loss stated instead: the parts
/// then add up to more than the price.
pub fn segments(t: &Figures) -> Vec<Segment> {
    let base_cost = Money(t.labour_cost.0 + t.expense_cost.0);
    vec![
        Segment {
            label: "Cost",
            amount: base_cost,
            class: "seg-cost",
        },
        Segment {
            label: "Contingency",
            amount: t.cost_contingency,
            class: "seg-contingency",
        },
        Segment {
            label: "Discount",
            amount: t.discount,
            class: "seg-discount",
        },
        Segment {
            label: "Margin",
            amount: Money(t.gross_margin.0.max(0)),
            class: "seg-margin",
        },
    ]
}

/// The chart's description in words.
pub fn describe(t: &Figures, currency: &CurrencyInfo) -> String {
    let parts: Vec<String> = segments(t)
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.label.to_lowercase(),
                format_money(s.amount, currency)
            )
        })
        .collect();
    let mut text = format!(
        "Of a list price of {}: {}.",
        format_money(t.list_price, currency),
        parts.join(", ")
    );
    if t.gross_margin.0 < 0 {
        text.push_str(&format!(
            " The price does not cover the cost: a loss of {}.",
            format_money(Money(-t.gross_margin.0), currency)
        ));
    }
    text
}

/// How wide the drawn bar is, in SVG units.
pub const BAR_WIDTH: i128 = 600;

/// One drawn part of the bar: its segment's class, where it starts and how wide it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rect {
    pub class: &'static str,
    pub x: i128,
    pub width: i128,
}

/// The parts of the bar that are drawn: each positive segment gets its share of
/// [`BAR_WIDTH`] in whole units (exact integer arithmetic, rounded down, at least 1),
/// placed after the ones before it. Nothing is drawn when nothing is positive.
pub fn bar(segments: &[Segment]) -> Vec<Rect> {
    let whole: i128 = segments.iter().map(|s| i128::from(s.amount.0.max(0))).sum();
    let mut x: i128 = 0;
    segments
        .iter()
        .filter(|s| s.amount.0 > 0 && whole > 0)
        .map(|s| {
            let w = i128::from(s.amount.0) * BAR_WIDTH / whole;
            let rect = Rect {
                class: s.class,
                x,
                width: w.max(1),
            };
            x += w;
            rect
        })
        .collect()
}
