//! The comparison section of the pricing view: the worksheets side by side (status,
//! price, cost, margin, target margin, commission), the deal marked, each row a link
//! to its worksheet.

use super::approval::approval_words;
use super::cells::{money_text, opt_percent_text};
use super::worksheet_anchor;
use crate::components::context::use_plan;
use crate::model::{currency, Bps, EngagementId, Worksheet, WorksheetFigures, WorksheetId};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ComparisonProps {
    pub(super) engagement: EngagementId,
    pub(super) figures: Vec<(WorksheetId, Rc<WorksheetFigures>)>,
    pub(super) on_choose: Callback<WorksheetId>,
}

/// The scenarios side by side: price, cost, margin, commission.
#[component]
pub(super) fn Comparison(props: &ComparisonProps) -> Html {
    let plan = use_plan();
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let cur = Rc::new(currency(&engagement.currency));
    let rows = engagement.pricing.worksheets.iter().map(|w| {
        let Some((_, f)) = props.figures.iter().find(|(id, _)| *id == w.id) else {
            return html! {};
        };
        let t = &f.total;
        let id = w.id;
        let deal = engagement.pricing.deal == Some(id);
        let on_choose = props.on_choose.clone();
        // A finding's link focuses this row: show its worksheet.
        let onfocus = {
            let on_choose = props.on_choose.clone();
            Callback::from(move |_: FocusEvent| on_choose.emit(id))
        };
        html! {
            <tr key={id.0} id={worksheet_anchor(id)} {onfocus} class={classes!(deal.then_some("deal-row"))} data-testid="comparison-row">
                <th scope="row">
                    <button type="button" class="link-button" onclick={move |_| on_choose.emit(id)}
                        aria-label={format!("Show worksheet {}", w.name)}>{ &w.name }</button>
                    if deal { <span class="badge badge-ok">{ "Deal" }</span> }
                </th>
                <td>{ approval_words(&w.approval) }</td>
                <td class="number">{ money_text(t.net_price, &cur) }</td>
                <td class="number">{ money_text(t.cost, &cur) }</td>
                <td class={classes!("number", (t.gross_margin.0 < 0).then_some("negative"))}>{ money_text(t.gross_margin, &cur) }</td>
                <td class="number">{ opt_percent_text(t.margin) }</td>
                <td class="number">{ target_text(w, plan.workspace.default_target_margin) }</td>
                <td class="number">{ money_text(t.commission_on_margin, &cur) }</td>
                <td class="number">{ money_text(t.commission_on_revenue, &cur) }</td>
            </tr>
        }
    });
    html! {
        <section class="panel comparison" aria-labelledby="comparison-title">
            <h3 id="comparison-title">{ "Scenarios side by side" }</h3>
            <div class="table-scroll">
                <table class="table comparison-table">
                    <caption class="visually-hidden">{ "Price, cost, margin and commission of each worksheet" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Worksheet" }</th>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col" class="number">{ "Net price" }</th>
                        <th scope="col" class="number">{ "Cost" }</th>
                        <th scope="col" class="number">{ "Gross margin" }</th>
                        <th scope="col" class="number">{ "Margin %" }</th>
                        <th scope="col" class="number">{ "Target margin" }</th>
                        <th scope="col" class="number">{ "Commission on margin" }</th>
                        <th scope="col" class="number">{ "Commission on revenue" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

/// A worksheet's target margin in words: its own, the default marked as such, or a dash.
fn target_text(ws: &Worksheet, default: Option<Bps>) -> String {
    match (ws.target_margin, default) {
        (Some(own), _) => own.to_string(),
        (None, Some(d)) => format!("{d} (default)"),
        (None, None) => "not set".to_string(),
    }
}
