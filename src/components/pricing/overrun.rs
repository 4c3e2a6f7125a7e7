//! The overrun section of a pricing worksheet: a what-if of more hours than estimated,
//! and what it does to price, cost and margin by how the lines are billed, in a table
//! and in words.

use super::cells::{money_text, opt_percent_text, PercentField};
use super::plural;
use crate::model::limits::OVERRUN;
use crate::model::{overrun_effect, Bps, CurrencyInfo, Outcome, PriceBasis, RateRole, Worksheet};
use std::rc::Rc;
use yew::prelude::*;

/// The overrun shown at first: a common allowance for estimates that run long.
const DEFAULT_OVERRUN: Bps = Bps::percent(20);

#[derive(Properties, PartialEq)]
pub(super) struct OverrunPanelProps {
    pub(super) worksheet: Rc<Worksheet>,
    pub(super) rates: Rc<Vec<RateRole>>,
    pub(super) currency: Rc<CurrencyInfo>,
}

/// What happens to price, cost and margin when the work takes more hours than
/// estimated, for each way the worksheet's lines are billed: a fixed fee stays, time
/// and materials bills the extra hours (up to a cap). The overrun is a what-if of this
/// view, not part of the plan.
#[component]
pub(super) fn OverrunPanel(props: &OverrunPanelProps) -> Html {
    let overrun = use_state(|| DEFAULT_OVERRUN);
    if props.worksheet.lines.is_empty() {
        return html! {};
    }
    let effect = overrun_effect(&props.worksheet, &props.rates, *overrun);
    let cur = &props.currency;
    let on_overrun = {
        let overrun = overrun.clone();
        Callback::from(move |value: Bps| {
            // A what-if of the view's own, so the view checks it against the model's
            // limit rather than an action.
            if !OVERRUN.allows(value) {
                return Err(format!("The overrun must be {}.", OVERRUN.range));
            }
            overrun.set(value);
            Ok(())
        })
    };
    let cells = |o: &Outcome| {
        html! {
            <>
                <td class="number">{ o.hours.to_string() }</td>
                <td class="number">{ money_text(o.price, cur) }</td>
                <td class="number">{ money_text(o.cost, cur) }</td>
                <td class={classes!("number", (o.gross_margin.0 < 0).then_some("negative"))}>
                    { format!("{} ({})", money_text(o.gross_margin, cur), opt_percent_text(o.margin)) }</td>
            </>
        }
    };
    let rows = effect.rows.iter().map(|r| {
        html! {
            <tr key={r.basis.label()} data-testid="overrun-row" data-basis={format!("{:?}", r.basis)}>
                <th scope="row">{ format!("{} ({})", r.basis.label(), plural(r.lines, "line", "lines")) }</th>
                { cells(&r.estimate) }
                { cells(&r.overrun) }
            </tr>
        }
    });
    let words = effect.rows.iter().map(|r| {
        let (a, b) = (&r.estimate, &r.overrun);
        let mut parts = Vec::new();
        if a.price != b.price {
            parts.push(format!(
                "the price goes from {} to {}",
                money_text(a.price, cur),
                money_text(b.price, cur)
            ));
        } else if r.basis != PriceBasis::NonBillable {
            parts.push(format!("the price stays {}", money_text(a.price, cur)));
        }
        if r.basis == PriceBasis::CappedTimeAndMaterials && b.capped > 0 {
            parts.push(format!(
                "the cap is reached on {} of {}",
                b.capped,
                plural(r.lines, "line", "lines")
            ));
        }
        parts.push(format!(
            "the cost goes from {} to {}",
            money_text(a.cost, cur),
            money_text(b.cost, cur)
        ));
        parts.push(format!(
            "the margin from {} ({}) to {} ({})",
            money_text(a.gross_margin, cur),
            opt_percent_text(a.margin),
            money_text(b.gross_margin, cur),
            opt_percent_text(b.margin)
        ));
        let last = parts.pop().unwrap_or_default();
        html! {
            <li>
                <strong>{ format!("{}: ", r.basis.label()) }</strong>
                { format!("{}. With {} more hours {} and {last}.",
                    capitalised(r.basis.rule()), effect.overrun, parts.join(", ")) }
            </li>
        }
    });
    let with = format!("With {} more hours", effect.overrun);
    html! {
        <section class="overrun" aria-labelledby="overrun-title" data-testid="overrun">
            <h4 id="overrun-title">{ "If the work takes longer" }</h4>
            <PercentField label="Overrun: extra hours" value={*overrun}
                on_commit={on_overrun}
                help={AttrValue::from("A what-if, not saved: every line's hours of work grow by this share.")} />
            // Focusable, so a keyboard can scroll it where it is wider than the view.
            <div class="table-scroll" role="region" aria-labelledby="overrun-caption" tabindex="0">
                <table class="table overrun-table">
                    <caption id="overrun-caption">{ format!("Price, cost and margin at the estimate and with {} more hours, by how the lines are billed", effect.overrun) }</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="colgroup" colspan="4">{ "At the estimate" }</th>
                            <th scope="colgroup" colspan="4">{ with.clone() }</th>
                        </tr>
                        <tr>
                            <th scope="col">{ "Billed as" }</th>
                            <th scope="col" class="number">{ "Hours" }</th>
                            <th scope="col" class="number">{ "Price" }</th>
                            <th scope="col" class="number">{ "Cost" }</th>
                            <th scope="col" class="number">{ "Margin" }</th>
                            <th scope="col" class="number">{ "Hours" }</th>
                            <th scope="col" class="number">{ "Price" }</th>
                            <th scope="col" class="number">{ "Cost" }</th>
                            <th scope="col" class="number">{ "Margin" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    <tfoot>
                        <tr class="total-row" data-testid="overrun-total">
                            <th scope="row">{ "Whole worksheet" }</th>
                            { cells(&effect.estimate) }
                            { cells(&effect.with_overrun) }
                        </tr>
                    </tfoot>
                </table>
            </div>
            <ul class="overrun-words" data-testid="overrun-words">{ for words }</ul>
        </section>
    }
}

/// The text with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
