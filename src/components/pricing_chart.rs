//! Where the price goes: one stacked bar of the list price split into cost, cost
//! contingency, discount and margin, as an SVG image with a title and a description,
//! and the same figures in words beside it.

use super::pricing_sheet::money_text;
use crate::model::{CurrencyInfo, Figures, Money};
use yew::prelude::*;

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
                money_text(s.amount, currency)
            )
        })
        .collect();
    let mut text = format!(
        "Of a list price of {}: {}.",
        money_text(t.list_price, currency),
        parts.join(", ")
    );
    if t.gross_margin.0 < 0 {
        text.push_str(&format!(
            " The price does not cover the cost: a loss of {}.",
            money_text(Money(-t.gross_margin.0), currency)
        ));
    }
    text
}

#[derive(Properties, PartialEq)]
pub struct PriceChartProps {
    pub total: Figures,
    pub currency: std::rc::Rc<CurrencyInfo>,
    /// Distinguishes the title's and description's ids.
    pub id: AttrValue,
}

/// The stacked bar.
#[component]
pub fn PriceChart(props: &PriceChartProps) -> Html {
    let t = &props.total;
    let segs = segments(t);
    let whole: i128 = segs.iter().map(|s| i128::from(s.amount.0.max(0))).sum();
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    const WIDTH: i128 = 600;
    let mut x: i128 = 0;
    let rects = segs.iter().filter(|s| s.amount.0 > 0 && whole > 0).map(|s| {
        // Widths in whole SVG units, exact integer arithmetic.
        let w = i128::from(s.amount.0) * WIDTH / whole;
        let rect = html! {
            <rect class={s.class} x={x.to_string()} y="0" width={w.max(1).to_string()} height="40" />
        };
        x += w;
        rect
    });
    let rects: Vec<Html> = rects.collect();
    html! {
        <figure class="price-chart">
            <svg role="img" viewBox="0 0 600 40" preserveAspectRatio="none" width="100%" height="40"
                aria-labelledby={format!("{title_id} {desc_id}")} data-testid="price-chart">
                <title id={title_id}>{ "Where the price goes" }</title>
                <desc id={desc_id.clone()}>{ describe(t, &props.currency) }</desc>
                if whole == 0 {
                    <rect class="seg-empty" x="0" y="0" width="600" height="40" />
                }
                { for rects }
            </svg>
            <figcaption>
                <ul class="chart-legend">
                    { for segs.iter().map(|s| html! {
                        <li><span class={classes!("swatch", s.class)} aria-hidden="true"></span>
                            { format!("{}: {}", s.label, money_text(s.amount, &props.currency)) }</li>
                    }) }
                    if t.gross_margin.0 < 0 {
                        <li class="loss">{ format!("Loss: {}", money_text(Money(-t.gross_margin.0), &props.currency)) }</li>
                    }
                </ul>
            </figcaption>
        </figure>
    }
}
