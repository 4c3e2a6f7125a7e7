//! The pricing view (issue 4): the default target margin, the engagement's rate card,
//! its worksheets (the base and what-if scenarios, one of them the deal), the comparison
//! of scenarios, and the chosen worksheet itself: its selling style, inputs, line items,
//! the sales–delivery disconnect, paste and export, where the price goes, what an
//! overrun does to fixed fees and time and materials, and its approval.
//!
//! Every change is a `PricingAction` applied through the plan's `try_apply`: a refusal
//! comes back from the one `apply` that decides and is shown where the edit was made,
//! with the model's reason; the plan stays as it was.
//!
//! This file is the view's frame (its help, its findings and how its sections fit
//! together); each section has a file of its own: `rate_card`, `worksheet` (the tabs and
//! the chosen worksheet's panel), `sheet` (the panel's line grid), `compare` (the
//! scenarios side by side), `approval`, and `overrun` and `chart` (what-ifs and where the
//! price goes). The cells and fields several sections use are in `cells`.

mod approval;
pub mod cells;
pub mod chart;
mod compare;
mod overrun;
mod rate_card;
pub mod sheet;
mod worksheet;

use super::context::use_plan;
use super::widgets::findings::FindingList;
use crate::model::assessment::{assess, Finding, View};
use crate::model::{
    compute_with_default, currency, Action, EngagementId, PricingAction, WorksheetFigures,
    WorksheetId,
};
use compare::Comparison;
use rate_card::RateCard;
use std::rc::Rc;
use worksheet::{WorksheetPanel, Worksheets};
use yew::prelude::*;

/// The rounding rule, as the help states it (the same words as docs/FORMAT.md).
pub const ROUNDING_RULE: &str = "Every amount is kept in whole minor units of the engagement's currency (cents for EUR) and every percentage in basis points (hundredths of a percent). Each product or quotient is computed exactly and rounded once, half away from zero, to the minor unit (money) or to a basis point (percentages); totals are the sums of the rounded line figures, so net price = cost + gross margin holds exactly.";

/// The element id of a worksheet's row in the comparison (findings link to it).
pub fn worksheet_anchor(id: WorksheetId) -> String {
    format!("worksheet-{id}")
}

/// Runs pricing actions of `engagement` through the plan's `try_apply`, answering with
/// the model's reason when it refuses. The callback is made once per engagement, so
/// rows whose data did not change are not drawn again after an edit elsewhere.
#[hook]
pub fn use_pricing_editor(engagement: EngagementId) -> Run {
    let plan = use_plan();
    use_callback(
        (engagement, plan.try_apply.clone()),
        move |action: PricingAction, (engagement, try_apply)| {
            try_apply
                .emit(Action::Pricing {
                    engagement: *engagement,
                    action,
                })
                .map_err(|err| err.to_string())
        },
    )
}

/// Runs a pricing action; a refusal comes back as the message to show where the edit
/// was made (see [`use_pricing_editor`]).
pub type Run = Callback<PricingAction, Result<(), String>>;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The pricing view of the selected engagement.
#[component]
pub fn PricingView() -> Html {
    let plan = use_plan();
    let Some(engagement) = plan.current() else {
        return html! {
            <section class="view pricing" aria-labelledby="pricing-title">
                <h2 id="pricing-title">{ "Pricing" }</h2>
                <p class="empty">{ "Select or create an engagement to price it." }</p>
            </section>
        };
    };
    html! { <PricingBody key={engagement.id.0} engagement={engagement.id} /> }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    engagement: EngagementId,
}

#[component]
fn PricingBody(props: &BodyProps) -> Html {
    let plan = use_plan();
    let run = use_pricing_editor(props.engagement);
    let chosen = use_state(|| None::<WorksheetId>);
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let pricing = &engagement.pricing;
    let cur = Rc::new(currency(&engagement.currency));
    // The worksheet shown: the one chosen here, else the deal, else the base.
    let shown = (*chosen)
        .filter(|id| pricing.worksheets.iter().any(|w| w.id == *id))
        .or(pricing.deal)
        .or(pricing.worksheets.first().map(|w| w.id));
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |id: WorksheetId| chosen.set(Some(id)))
    };
    let findings: Vec<Finding> = assess(&plan.workspace, props.engagement)
        .for_view(View::Pricing)
        .into_iter()
        .cloned()
        .collect();
    let rates = Rc::new(pricing.rate_card.clone());
    let default_target = plan.workspace.default_target_margin;
    let all_figures: Vec<(WorksheetId, Rc<WorksheetFigures>)> = pricing
        .worksheets
        .iter()
        .map(|w| {
            (
                w.id,
                Rc::new(compute_with_default(w, &pricing.rate_card, default_target)),
            )
        })
        .collect();

    html! {
        <section class="view pricing" aria-labelledby="pricing-title">
            <h2 id="pricing-title">{ "Pricing" }</h2>
            <details class="pricing-help panel">
                <summary>{ "How pricing works" }</summary>
                <p>{ "Sales proposes the price; delivery estimates the work; the engagement manager or a sponsor decides the final deal. The rate card holds each role's cost and bill rate per hour. A worksheet's line items carry hours per role; a line's cost is on its hours of work: delivery's hours where an estimator gave them, else the sales hours. Margin is gross margin ÷ net price; markup is gross margin ÷ cost; the target price is cost ÷ (1 − target margin). Commission is shown on margin and on revenue side by side: paying on margin rewards profitable sales." }</p>
                <p>{ "A fixed-fee line is priced at its agreed fee whatever the hours: more hours only add cost and lower the margin. Until a fee is agreed it is the sales hours at the bill rates; approving the worksheet agrees it at that estimate, and it can be typed in. A time-and-materials line bills every hour of work at its rate, up to a not-to-exceed cap if it has one. \u{201c}If the work takes longer\u{201d} shows both when the hours overrun." }</p>
                <p>{ "A worksheet's target margin stays empty until the engagement manager or a sponsor agrees one; the default target margin then applies, and with neither the Health view says so." }</p>
                <p data-testid="rounding-rule"><strong>{ "Rounding: " }</strong>{ ROUNDING_RULE }</p>
                <p>{ "Editing: Tab and Shift+Tab move between cells, Enter moves down a column, Escape puts a cell back. Paste rows copied from a spreadsheet into the grid or into Paste rows: name, billing type, hours per role (columns named after the rate card's roles), discount %." }</p>
            </details>
            if !findings.is_empty() {
                <section class="panel pricing-findings" aria-labelledby="pricing-findings-title" data-testid="pricing-findings">
                    <h3 id="pricing-findings-title">{ "What the checks say (7 and 8, on the deal)" }</h3>
                    <FindingList findings={findings} />
                </section>
            }
            <RateCard engagement={props.engagement} rates={rates.clone()} currency={cur.clone()} run={run.clone()} />
            <Worksheets engagement={props.engagement} shown={shown} on_choose={on_choose.clone()} run={run.clone()} />
            if pricing.worksheets.len() > 1 {
                <Comparison engagement={props.engagement} figures={all_figures.clone()} on_choose={on_choose.clone()} />
            }
            if let Some(id) = shown {
                if let Some(ws) = pricing.worksheets.iter().find(|w| w.id == id) {
                    <WorksheetPanel key={id.0} engagement={props.engagement} worksheet={Rc::new(ws.clone())}
                        rates={rates.clone()} currency={cur.clone()}
                        figures={all_figures.iter().find(|(w, _)| *w == id).map(|(_, f)| f.clone()).unwrap_or_default()}
                        run={run.clone()} anchored={pricing.worksheets.len() == 1} />
                }
            }
        </section>
    }
}
