//! Where the price goes: one stacked bar of the list price split into cost, cost
//! contingency, discount and margin, as an SVG image with a title and a description,
//! and the same figures in words beside it.

use super::pricing_sheet::money_text;
use crate::model::{CurrencyInfo, Figures, Money};
use crate::view::pricing_chart::{bar, describe, segments};
use yew::prelude::*;

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
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let rects = bar(&segs).into_iter().map(|r| {
        html! {
            <rect class={r.class} x={r.x.to_string()} y="0" width={r.width.to_string()} height="40" />
        }
    });
    let rects: Vec<Html> = rects.collect();
    let empty = rects.is_empty();
    html! {
        <figure class="price-chart">
            <svg role="img" viewBox="0 0 600 40" preserveAspectRatio="none" width="100%" height="40"
                aria-labelledby={format!("{title_id} {desc_id}")} data-testid="price-chart">
                <title id={title_id}>{ "Where the price goes" }</title>
                <desc id={desc_id.clone()}>{ describe(t, &props.currency) }</desc>
                if empty {
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
