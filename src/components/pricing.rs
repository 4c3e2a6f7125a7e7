//! The pricing view (issue 4): the default target margin, the engagement's rate card,
//! its worksheets (the base and what-if scenarios, one of them the deal), the comparison
//! of scenarios, and the chosen worksheet itself: its selling style, inputs, line items,
//! the sales–delivery disconnect, paste and export, where the price goes, what an
//! overrun does to fixed fees and time and materials, and its approval.
//!
//! Every change is a `PricingAction` applied through the plan's `try_apply`: a refusal
//! comes back from the one `apply` that decides and is shown where the edit was made,
//! with the model's reason; the plan stays as it was.

use super::context::{use_plan, Plan};
use super::pricing_chart::PriceChart;
use super::pricing_sheet::{
    amount_commit, finish_add, form_value, money_text, name_commit, opt_money_text,
    opt_percent_text, parse_amount, submitted_form, Cell, OptionGroups, OptionalPercentField,
    PercentField, Run, SheetContext, SheetGrid,
};
use super::widgets::fields::{Commit, SelectField, TextField};
use super::widgets::findings::FindingList;
use crate::model::assessment::{assess, Finding, View};
use crate::model::limits::OVERRUN;
use crate::model::pricing_io::{csv_file_name, parse_pasted, worksheet_csv, Pasted, CSV_MIME};
use crate::model::{
    compute_with_default, currency, overrun_effect, Action, Approval, ApprovalStep, BillingType,
    Bps, Coverage, CurrencyInfo, Engagement, EngagementId, Money, Outcome, PersonId, PriceBasis,
    PricingAction, RateRole, RateRoleEdit, SellingStyle, Worksheet, WorksheetField,
    WorksheetFigures, WorksheetId, Workspace,
};
use crate::storage::browser;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
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

/// The commit of a shared field that edits pricing: the model's refusal goes back to
/// the field, which shows it.
fn pricing_commit<T: 'static>(
    plan: &Plan,
    engagement: EngagementId,
    make: impl Fn(T) -> PricingAction + 'static,
) -> Commit<T> {
    let try_apply = plan.try_apply.clone();
    Callback::from(move |value: T| {
        try_apply.emit(Action::Pricing {
            engagement,
            action: make(value),
        })
    })
}

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

// ===== Default target margin ==============================================================

/// A worksheet's target margin in words: its own, the default marked as such, or a dash.
fn target_text(ws: &Worksheet, default: Option<Bps>) -> String {
    match (ws.target_margin, default) {
        (Some(own), _) => own.to_string(),
        (None, Some(d)) => format!("{d} (default)"),
        (None, None) => "not set".to_string(),
    }
}

/// The default target margin, for every worksheet (of every engagement) without one of
/// its own; shown beside the worksheet's own.
#[component]
fn DefaultTarget() -> Html {
    let plan = use_plan();
    let on_commit = {
        let try_apply = plan.try_apply.clone();
        Callback::from(move |target: Option<Bps>| {
            try_apply
                .emit(Action::SetDefaultTargetMargin { target })
                .map_err(|e| e.to_string())
        })
    };
    html! {
        <OptionalPercentField label="Default target margin" value={plan.workspace.default_target_margin}
            on_commit={on_commit}
            help={AttrValue::from("For every worksheet without its own, in every engagement.")}
            testid="default-target" />
    }
}

// ===== Rate card ==========================================================================

#[derive(Properties, PartialEq)]
struct RateCardProps {
    engagement: EngagementId,
    rates: Rc<Vec<RateRole>>,
    currency: Rc<CurrencyInfo>,
    run: Run,
}

#[component]
fn RateCard(props: &RateCardProps) -> Html {
    let cur = props.currency.clone();
    let add_error = use_state(|| None::<String>);
    let rows = props.rates.iter().enumerate().map(|(i, role)| {
        let run = props.run.clone();
        let id = role.id;
        let edit = move |edit: RateRoleEdit| run.emit(PricingAction::EditRateRole { role: id, edit });
        let name = role.name.clone();
        let on_name = name_commit("A role", RateRoleEdit::Name, edit.clone());
        let on_cost = amount_commit(
            format!("{name}: cost rate"),
            cur.clone(),
            RateRoleEdit::CostRate,
            edit.clone(),
        );
        let on_bill = amount_commit(
            format!("{name}: bill rate"),
            cur.clone(),
            RateRoleEdit::BillRate,
            edit,
        );
        let on_remove = {
            let run = props.run.clone();
            let error = add_error.clone();
            Callback::from(move |_: MouseEvent| {
                error.set(run.emit(PricingAction::RemoveRateRole { role: id }).err());
            })
        };
        let row = i as u32;
        html! {
            <tr key={id.0} data-testid="rate-row">
                <th scope="row"><Cell label={format!("Role name: {name}")} value={AttrValue::from(name.clone())} on_commit={on_name} {row} col="name" /></th>
                <td><Cell label={format!("{name}: cost rate per hour ({})", cur.code)} value={AttrValue::from(role.cost_rate.format(cur.decimals))}
                    on_commit={on_cost} {row} col="cost" numeric=true class={classes!("money-cell")} /></td>
                <td><Cell label={format!("{name}: bill rate per hour ({})", cur.code)} value={AttrValue::from(role.bill_rate.format(cur.decimals))}
                    on_commit={on_bill} {row} col="bill" numeric=true class={classes!("money-cell")} /></td>
                <td class="number">{ opt_percent_text(role.markup()) }</td>
                <td><button type="button" class="danger small" onclick={on_remove} aria-label={format!("Remove role {name}")}>{ "✕" }</button></td>
            </tr>
        }
    });
    let on_add = {
        let run = props.run.clone();
        let add_error = add_error.clone();
        let cur = cur.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = submitted_form(&e) else {
                return;
            };
            let value = |field: &str| form_value(&form, field);
            let name = value("role-name").trim().to_string();
            if name.is_empty() {
                add_error.set(Some("Name the role first (for example Consultant).".into()));
                return;
            }
            let result =
                parse_amount("Cost rate", &value("role-cost"), &cur).and_then(|cost_rate| {
                    let bill_rate = parse_amount("Bill rate", &value("role-bill"), &cur)?;
                    run.emit(PricingAction::AddRateRole {
                        name: name.clone(),
                        cost_rate,
                        bill_rate,
                    })
                });
            finish_add(&form, &add_error, result);
        })
    };
    html! {
        <section class="panel rate-card" aria-labelledby="rate-card-title">
            <h3 id="rate-card-title">{ format!("Rate card ({} {})", cur.code, cur.symbol) }</h3>
            if props.rates.is_empty() {
                <p class="empty">{ "No roles yet. Add the roles you sell, with what an hour costs you and what you bill for it." }</p>
            } else {
                <table class="table rate-table" data-grid="rates">
                    <caption class="visually-hidden">{ "Rate card: cost and bill rate per hour of each role" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Role" }</th>
                        <th scope="col" class="number">{ format!("Cost rate / h ({})", cur.symbol) }</th>
                        <th scope="col" class="number">{ format!("Bill rate / h ({})", cur.symbol) }</th>
                        <th scope="col" class="number">{ "Markup %" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <form class="inline-form" onsubmit={on_add} aria-label="Add a role to the rate card">
                <div class="field"><label class="field-label" for="new-role-name">{ "New role" }</label>
                    <input id="new-role-name" type="text" name="role-name" maxlength="200" placeholder="Consultant" /></div>
                <div class="field field-number"><label class="field-label" for="new-role-cost">{ format!("Cost rate / h ({})", cur.code) }</label>
                    <input id="new-role-cost" type="text" name="role-cost" inputmode="decimal" /></div>
                <div class="field field-number"><label class="field-label" for="new-role-bill">{ format!("Bill rate / h ({})", cur.code) }</label>
                    <input id="new-role-bill" type="text" name="role-bill" inputmode="decimal" /></div>
                <button type="submit">{ "Add role" }</button>
            </form>
            if let Some(message) = (*add_error).clone() {
                <p class="field-error" role="alert">{ message }</p>
            }
        </section>
    }
}

// ===== Worksheets =========================================================================

#[derive(Properties, PartialEq)]
struct WorksheetsProps {
    engagement: EngagementId,
    shown: Option<WorksheetId>,
    on_choose: Callback<WorksheetId>,
    run: Run,
}

/// The worksheets: pick one, add, duplicate as a scenario, rename, remove, choose the deal.
#[component]
fn Worksheets(props: &WorksheetsProps) -> Html {
    let plan = use_plan();
    let error = use_state(|| None::<String>);
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let pricing = &engagement.pricing;
    let shown = props
        .shown
        .and_then(|id| pricing.worksheets.iter().find(|w| w.id == id));
    let run = props.run.clone();
    let report = {
        let error = error.clone();
        move |result: Result<(), String>| error.set(result.err())
    };
    let on_add = {
        let run = run.clone();
        let report = report.clone();
        let n = pricing.worksheets.len();
        let on_choose = props.on_choose.clone();
        let next_id = plan.workspace.next_id;
        Callback::from(move |_: MouseEvent| {
            let name = if n == 0 {
                "Base".to_string()
            } else {
                format!("Scenario {}", n + 1)
            };
            let result = run.emit(PricingAction::AddWorksheet {
                name,
                style: SellingStyle::Collaborative,
            });
            if result.is_ok() {
                on_choose.emit(WorksheetId(next_id));
            }
            report(result);
        })
    };
    let tabs = pricing.worksheets.iter().enumerate().map(|(i, w)| {
        let on_choose = props.on_choose.clone();
        let id = w.id;
        let current = Some(id) == props.shown;
        let deal = pricing.deal == Some(id);
        let kind = if i == 0 { "base" } else { "scenario" };
        html! {
            <li>
                <button type="button" class={classes!("sheet-tab", current.then_some("active"))}
                    aria-pressed={current.to_string()} onclick={move |_| on_choose.emit(id)}
                    title={format!("{} ({kind})", w.name)}>
                    { &w.name }
                    if deal { <span class="badge badge-ok">{ "Deal" }</span> }
                    { approval_badge(&w.approval) }
                </button>
            </li>
        }
    });
    let actions = shown.map(|w| {
        let id = w.id;
        let name = w.name.clone();
        let on_duplicate = {
            let run = run.clone();
            let report = report.clone();
            let on_choose = props.on_choose.clone();
            let next_id = plan.workspace.next_id;
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                let result = run.emit(PricingAction::DuplicateWorksheet {
                    worksheet: id,
                    name: format!("{name} (what-if)"),
                });
                if result.is_ok() {
                    on_choose.emit(WorksheetId(next_id));
                }
                report(result);
            })
        };
        let on_remove = {
            let run = run.clone();
            let report = report.clone();
            let announce = plan.announce.clone();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                let result = run.emit(PricingAction::RemoveWorksheet { worksheet: id });
                if result.is_ok() {
                    announce.emit(format!("Removed worksheet “{name}”. Undo brings it back."));
                }
                report(result);
            })
        };
        let is_deal = pricing.deal == Some(id);
        let on_deal = {
            let run = run.clone();
            let report = report.clone();
            Callback::from(move |_: MouseEvent| {
                report(run.emit(PricingAction::SetDeal {
                    worksheet: if is_deal { None } else { Some(id) },
                }))
            })
        };
        let on_rename = pricing_commit(&plan, props.engagement, move |name: String| {
            PricingAction::RenameWorksheet {
                worksheet: id,
                name: name.trim().to_string(),
            }
        });
        html! {
            <div class="sheet-actions">
                <TextField label="Worksheet name" value={AttrValue::from(name.clone())} required=true on_commit={on_rename} />
                <button type="button" onclick={on_duplicate}>{ "Duplicate as scenario" }</button>
                <button type="button" onclick={on_deal} aria-pressed={is_deal.to_string()}>
                    { if is_deal { "The deal (unchoose)" } else { "Choose as the deal" } }
                </button>
                <button type="button" class="danger" onclick={on_remove} aria-label={format!("Remove worksheet {name}")}>{ "Remove worksheet" }</button>
            </div>
        }
    });
    html! {
        <section class="panel worksheets" aria-labelledby="worksheets-title">
            <h3 id="worksheets-title">{ "Worksheets" }</h3>
            if pricing.worksheets.is_empty() {
                <p class="empty">{ "No worksheet yet. Start one: the first is the base, later ones are what-if scenarios you can compare and choose from." }</p>
            } else {
                <ul class="sheet-tabs" aria-label="Worksheets">{ for tabs }</ul>
            }
            <div class="row-actions">
                <button type="button" class="primary" onclick={on_add}>{ "New worksheet" }</button>
            </div>
            { for actions }
            if let Some(message) = (*error).clone() {
                <p class="field-error" role="alert">{ message }</p>
            }
        </section>
    }
}

fn approval_words(a: &Approval) -> &'static str {
    match a {
        Approval::Draft => "Draft",
        Approval::Submitted => "Submitted",
        Approval::Approved { .. } => "Approved",
        Approval::Rejected { .. } => "Rejected",
    }
}

fn approval_badge(a: &Approval) -> Html {
    let class = match a {
        Approval::Draft => "badge",
        Approval::Submitted => "badge-advice",
        Approval::Approved { .. } => "badge-ok",
        Approval::Rejected { .. } => "badge-danger",
    };
    html! { <span class={classes!("badge", class)}>{ approval_words(a) }</span> }
}

// ===== Comparison =========================================================================

#[derive(Properties, PartialEq)]
struct ComparisonProps {
    engagement: EngagementId,
    figures: Vec<(WorksheetId, Rc<WorksheetFigures>)>,
    on_choose: Callback<WorksheetId>,
}

/// The scenarios side by side: price, cost, margin, commission.
#[component]
fn Comparison(props: &ComparisonProps) -> Html {
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

// ===== One worksheet ======================================================================

#[derive(Properties, PartialEq)]
struct WorksheetPanelProps {
    engagement: EngagementId,
    /// The panel carries the worksheet's anchor (when there is no comparison to).
    anchored: bool,
    worksheet: Rc<Worksheet>,
    rates: Rc<Vec<RateRole>>,
    currency: Rc<CurrencyInfo>,
    figures: Rc<WorksheetFigures>,
    run: Run,
}

/// The options of the need select: every client need of the engagement.
fn need_options(e: &Engagement) -> OptionGroups {
    let mut options = vec![(AttrValue::from(""), AttrValue::from("— no client need —"))];
    options.extend(e.needs.iter().map(|n| {
        (
            AttrValue::from(n.id.to_string()),
            AttrValue::from(n.title.clone()),
        )
    }));
    vec![(AttrValue::default(), options)]
}

/// The options of the estimator select: the people whose estimates count as delivery
/// input (the model's rule, [`Engagement::delivery_people`]), and anyone else who
/// already estimates a line of the worksheet, marked as not counting.
fn estimator_options(
    w: &Workspace,
    delivery: &BTreeSet<PersonId>,
    not_delivery: &BTreeMap<PersonId, AttrValue>,
) -> OptionGroups {
    let mut people: Vec<_> = w.people.iter().collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    let option = |p: &&crate::model::Person, suffix: &str| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{} ({}){suffix}", p.name, p.group.label())),
        )
    };
    let counting = people
        .iter()
        .filter(|p| delivery.contains(&p.id))
        .map(|p| option(p, ""))
        .collect();
    let mut groups = vec![
        (
            AttrValue::default(),
            vec![(AttrValue::from(""), AttrValue::from("— no estimator —"))],
        ),
        (AttrValue::from("Delivery: their estimate counts"), counting),
    ];
    let others: Vec<_> = people
        .iter()
        .filter(|p| not_delivery.contains_key(&p.id))
        .map(|p| option(p, " \u{2014} does not count"))
        .collect();
    if !others.is_empty() {
        groups.push((
            AttrValue::from("Not delivery: their estimate does not count"),
            others,
        ));
    }
    groups
}

/// Why each estimator of the worksheet who is not delivery does not count, by person.
fn not_delivery_estimators(
    w: &Workspace,
    e: &Engagement,
    ws: &Worksheet,
) -> BTreeMap<PersonId, AttrValue> {
    ws.lines
        .iter()
        .filter_map(|l| l.estimator)
        .filter_map(|p| {
            e.not_delivery_reason(w, p)
                .map(|why| (p, AttrValue::from(why)))
        })
        .collect()
}

/// Needs the client was promised or bought that no line of the worksheet prices.
fn unpriced_needs<'a>(e: &'a Engagement, ws: &Worksheet) -> Vec<&'a crate::model::ClientNeed> {
    e.needs
        .iter()
        .filter(|n| {
            let asked = |c: Coverage| matches!(c, Coverage::Partly | Coverage::Fully);
            (asked(n.promised) || asked(n.bought)) && !ws.lines.iter().any(|l| l.need == Some(n.id))
        })
        .collect()
}

#[component]
fn WorksheetPanel(props: &WorksheetPanelProps) -> Html {
    let plan = use_plan();
    let paste_text = use_state(String::new);
    let paste_open = use_state(|| false);
    let add_error = use_state(|| None::<String>);
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let ws = &props.worksheet;
    let cur = props.currency.clone();
    let locked = matches!(ws.approval, Approval::Approved { .. });
    let run = props.run.clone();
    let wid = ws.id;
    let needs = use_memo(engagement.needs.clone(), |_| {
        Rc::new(need_options(engagement))
    });
    let (delivery, not_delivery, estimators) = {
        let people = plan.workspace.people.clone();
        let assignments = engagement.assignments.clone();
        let functions = engagement.functions.clone();
        let chosen: Vec<Option<PersonId>> = ws.lines.iter().map(|l| l.estimator).collect();
        (*use_memo((people, assignments, functions, chosen), |_| {
            let w = &plan.workspace;
            let delivery = engagement.delivery_people(w);
            let not_delivery = not_delivery_estimators(w, engagement, ws);
            let options = estimator_options(w, &delivery, &not_delivery);
            (Rc::new(delivery), Rc::new(not_delivery), Rc::new(options))
        }))
        .clone()
    };
    let sheet = SheetContext {
        worksheet: wid,
        style: ws.style,
        rates: props.rates.clone(),
        currency: cur.clone(),
        locked,
        needs: (*needs).clone(),
        estimators,
        delivery: delivery.clone(),
        not_delivery,
        run: run.clone(),
    };
    let t = &props.figures.total;

    let field = |field: WorksheetField| {
        let run = run.clone();
        Callback::from(move |value| {
            run.emit(PricingAction::SetWorksheetField {
                worksheet: wid,
                field,
                value,
            })
        })
    };
    let on_style = pricing_commit(&plan, props.engagement, move |value: String| {
        let style = if value == "Consultative" {
            SellingStyle::Consultative
        } else {
            SellingStyle::Collaborative
        };
        PricingAction::SetStyle {
            worksheet: wid,
            style,
        }
    });

    // Flags of each style, and the disconnect (checks 7 and 8).
    let consultative = ws.style == SellingStyle::Consultative;
    let unpriced = unpriced_needs(engagement, ws);
    let not_asked: Vec<&str> = ws
        .lines
        .iter()
        .filter(|l| l.need.is_none())
        .map(|l| l.name.as_str())
        .collect();
    let no_delivery: Vec<&str> = ws
        .lines
        .iter()
        .filter(|l| !l.has_delivery_input(&delivery))
        .map(|l| l.name.as_str())
        .collect();
    let shortfall = t
        .target_price
        .filter(|target| target.0 > t.net_price.0)
        .map(|target| Money(target.0 - t.net_price.0));
    let default_target = plan.workspace.default_target_margin;
    let on_target = {
        let run = run.clone();
        Callback::from(move |value: Option<Bps>| match value {
            Some(value) => run.emit(PricingAction::SetWorksheetField {
                worksheet: wid,
                field: WorksheetField::TargetMargin,
                value,
            }),
            None => run.emit(PricingAction::ClearTargetMargin { worksheet: wid }),
        })
    };
    let target_help = match (ws.target_margin, default_target) {
        (Some(_), _) => "Empty it to use the default target margin.".to_string(),
        (None, Some(d)) => format!("Not set: the default target margin of {d} applies."),
        (None, None) => {
            "Not set, and there is no default: enter the target margin agreed.".to_string()
        }
    };

    let on_add_line = {
        let run = run.clone();
        let add_error = add_error.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = submitted_form(&e) else {
                return;
            };
            let name = form_value(&form, "line-name").trim().to_string();
            let chosen = form_value(&form, "line-billing");
            let billing = BillingType::ALL
                .iter()
                .copied()
                .find(|b| format!("{b:?}") == chosen)
                .unwrap_or(BillingType::FixedFee);
            if name.is_empty() {
                add_error.set(Some(
                    "Name the line item first (a deliverable or work package).".into(),
                ));
                return;
            }
            let result = run.emit(PricingAction::AddLine {
                worksheet: wid,
                name,
                billing,
            });
            finish_add(&form, &add_error, result);
        })
    };
    let on_paste_text = {
        let paste_text = paste_text.clone();
        let paste_open = paste_open.clone();
        Callback::from(move |text: String| {
            paste_text.set(text);
            paste_open.set(true);
        })
    };
    let on_export = {
        let ws = ws.clone();
        let rates = props.rates.clone();
        let name = engagement.name.clone();
        let cur = cur.clone();
        let default_target = plan.workspace.default_target_margin;
        Callback::from(move |_: MouseEvent| {
            let csv = worksheet_csv(&ws, &rates, &cur, default_target);
            browser::download(&csv_file_name(&name, &ws.name), &csv, CSV_MIME);
        })
    };
    let style_options = vec![
        (
            AttrValue::from("Consultative"),
            AttrValue::from("Consultative: from the client's needs"),
        ),
        (
            AttrValue::from("Collaborative"),
            AttrValue::from("Collaborative: delivery estimates"),
        ),
    ];

    html! {
        <section class="panel worksheet" aria-labelledby="worksheet-title" data-testid="worksheet"
            id={props.anchored.then(|| worksheet_anchor(wid))}>
            <div class="worksheet-head">
                <h3 id="worksheet-title">{ format!("Worksheet: {}", ws.name) }</h3>
                { approval_badge(&ws.approval) }
                <SelectField label="Selling style" options={style_options}
                    selected={AttrValue::from(format!("{:?}", ws.style))} on_change={on_style} />
                <button type="button" onclick={on_export}>{ "Export CSV" }</button>
            </div>
            if locked {
                <p class="notice notice-info locked-note" data-testid="locked-note">
                    { "This worksheet is approved and locked. Reopen it below to change anything; reopening is recorded." }
                </p>
            }
            <Disconnect shortfall={shortfall} margin={t.margin} target={ws.target(default_target)}
                default_target={ws.target_margin.is_none()}
                no_delivery={no_delivery.iter().map(|s| s.to_string()).collect::<Vec<_>>()}
                consultative={consultative} currency={cur.clone()} has_lines={!ws.lines.is_empty()} />
            <div class="worksheet-inputs" role="group" aria-label="Worksheet inputs">
                <PercentField label="Cost contingency" value={ws.cost_contingency}
                    on_commit={field(WorksheetField::CostContingency)} disabled={locked} />
                <PercentField label="Billable contingency" value={ws.billable_contingency}
                    on_commit={field(WorksheetField::BillableContingency)} disabled={locked} />
                <PercentField label="Global discount" value={ws.global_discount}
                    on_commit={field(WorksheetField::GlobalDiscount)} disabled={locked} />
                <OptionalPercentField label="Target margin" value={ws.target_margin}
                    on_commit={on_target} disabled={locked} help={AttrValue::from(target_help)} testid="target-margin" />
                <DefaultTarget />
                <PercentField label="Commission rate" value={ws.commission_rate}
                    on_commit={field(WorksheetField::CommissionRate)} disabled={locked} />
            </div>
            if consultative {
                <div class="style-flags" data-testid="style-flags">
                    if unpriced.is_empty() {
                        <p>{ "✓ Every need the client was promised or bought has a line." }</p>
                    } else {
                        <p class="flag-line"><span class="badge badge-warn">{ "Promised but not priced" }</span>{ " " }
                            { unpriced.iter().map(|n| n.title.clone()).collect::<Vec<_>>().join(", ") }</p>
                    }
                    if !not_asked.is_empty() {
                        <p class="flag-line"><span class="badge badge-warn">{ "Not asked for" }</span>{ " " }{ not_asked.join(", ") }</p>
                    }
                </div>
            }
            if props.rates.is_empty() {
                <p class="empty">{ "Add roles to the rate card to enter hours." }</p>
            }
            <dl class="sheet-summary" aria-label="Worksheet totals" data-testid="sheet-summary">
                <div><dt>{ "List price" }</dt><dd>{ money_text(t.list_price, &cur) }</dd></div>
                <div><dt>{ "Discount" }</dt><dd>{ money_text(t.discount, &cur) }</dd></div>
                <div><dt>{ "Net price" }</dt><dd>{ money_text(t.net_price, &cur) }</dd></div>
                <div><dt>{ "Cost" }</dt><dd>{ money_text(t.cost, &cur) }</dd></div>
                <div class={classes!((t.gross_margin.0 < 0).then_some("negative"))}><dt>{ "Gross margin" }</dt>
                    <dd>{ format!("{} ({})", money_text(t.gross_margin, &cur), opt_percent_text(t.margin)) }</dd></div>
                <div><dt>{ "Target price" }</dt><dd>{ opt_money_text(t.target_price, &cur) }</dd></div>
                <div><dt>{ "Commission on margin" }</dt><dd>{ money_text(t.commission_on_margin, &cur) }</dd></div>
                <div><dt>{ "Commission on revenue" }</dt><dd>{ money_text(t.commission_on_revenue, &cur) }</dd></div>
            </dl>
            <SheetGrid sheet={sheet.clone()} lines={Rc::new(ws.lines.clone())} figures={props.figures.clone()} {on_paste_text} />
            if !locked {
                <form class="inline-form add-line" onsubmit={on_add_line} aria-label="Add a line item">
                    <div class="field"><label class="field-label" for="new-line-name">{ "New line item" }</label>
                        <input id="new-line-name" type="text" name="line-name" maxlength="200" placeholder="Discovery workshop" /></div>
                    <div class="field"><label class="field-label" for="new-line-billing">{ "Billing" }</label>
                        <select id="new-line-billing" name="line-billing" autocomplete="off">
                            { for BillingType::ALL.iter().map(|b| html! { <option value={format!("{b:?}")} selected={*b == BillingType::FixedFee}>{ b.label() }</option> }) }
                        </select></div>
                    <button type="submit">{ "Add line" }</button>
                    <button type="button" aria-expanded={(*paste_open).to_string()}
                        onclick={let o = paste_open.clone(); move |_| o.set(!*o)}>{ "Paste rows" }</button>
                </form>
                if let Some(message) = (*add_error).clone() {
                    <p class="field-error" role="alert">{ message }</p>
                }
                if *paste_open {
                    <PastePanel worksheet={wid} rates={props.rates.clone()} text={(*paste_text).clone()}
                        on_text={let p = paste_text.clone(); Callback::from(move |t: String| p.set(t))}
                        on_done={let o = paste_open.clone(); let p = paste_text.clone(); Callback::from(move |_| { p.set(String::new()); o.set(false); })}
                        run={run.clone()} currency={cur.clone()} />
                }
            }
            <PriceChart total={*t} currency={cur.clone()} id={AttrValue::from(format!("chart-{wid}"))} />
            <OverrunPanel worksheet={props.worksheet.clone()} rates={props.rates.clone()} currency={cur.clone()} />
            <ApprovalPanel engagement={props.engagement} worksheet={props.worksheet.clone()} run={run.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DisconnectProps {
    shortfall: Option<Money>,
    margin: Option<Bps>,
    /// The target the worksheet is held to; `None` when none is set anywhere.
    target: Option<Bps>,
    /// Whether that target is the workspace's default.
    default_target: bool,
    no_delivery: Vec<String>,
    consultative: bool,
    currency: Rc<CurrencyInfo>,
    has_lines: bool,
}

/// The sales–delivery disconnect (checks 7 and 8), said plainly with the amount missing.
#[component]
fn Disconnect(props: &DisconnectProps) -> Html {
    let mut items = Vec::new();
    let target = props.target.map(|t| {
        if props.default_target {
            format!("{t} (the default)")
        } else {
            t.to_string()
        }
    });
    if let (Some(missing), Some(target)) = (props.shortfall, &target) {
        items.push(html! {
            <li data-testid="disconnect-margin">
                { format!("Margin {} is below the target of {target}: the price is {} short of the target price on delivery's cost.",
                    opt_percent_text(props.margin), money_text(missing, &props.currency)) }
            </li>
        });
    }
    if target.is_none() && props.has_lines {
        items.push(html! {
            <li data-testid="disconnect-no-target">
                { "No target margin is set, so nothing shows whether the price leaves enough margin over delivery's cost: enter the target margin agreed, or a default target margin, below." }
            </li>
        });
    }
    if !props.consultative && !props.no_delivery.is_empty() {
        items.push(html! {
            <li data-testid="disconnect-delivery">
                { format!("{} without delivery input (an estimate from delivery: an estimator and their hours): {}.",
                    plural(props.no_delivery.len(), "line", "lines"), props.no_delivery.join(", ")) }
            </li>
        });
    }
    if items.is_empty() {
        if !props.has_lines {
            return html! {};
        }
        return html! { <p class="no-disconnect" data-testid="no-disconnect">{ format!("✓ No disconnect: the price meets the target margin of {} on delivery's cost.", target.unwrap_or_default()) }</p> };
    }
    html! {
        <div class="notice notice-warning disconnect" role="region" aria-label="Disconnect" data-testid="disconnect">
            <h4>{ "⚠ Disconnect between sales and delivery" }</h4>
            <ul>{ for items }</ul>
        </div>
    }
}

// ===== Overrun ============================================================================

/// The overrun shown at first: a common allowance for estimates that run long.
const DEFAULT_OVERRUN: Bps = Bps::percent(20);

#[derive(Properties, PartialEq)]
struct OverrunPanelProps {
    worksheet: Rc<Worksheet>,
    rates: Rc<Vec<RateRole>>,
    currency: Rc<CurrencyInfo>,
}

/// What happens to price, cost and margin when the work takes more hours than
/// estimated, for each way the worksheet's lines are billed: a fixed fee stays, time
/// and materials bills the extra hours (up to a cap). The overrun is a what-if of this
/// view, not part of the plan.
#[component]
fn OverrunPanel(props: &OverrunPanelProps) -> Html {
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
            <div class="table-scroll">
                <table class="table overrun-table">
                    <caption>{ format!("Price, cost and margin at the estimate and with {} more hours, by how the lines are billed", effect.overrun) }</caption>
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

// ===== Paste ==============================================================================

#[derive(Properties, PartialEq)]
struct PastePanelProps {
    worksheet: WorksheetId,
    rates: Rc<Vec<RateRole>>,
    text: String,
    on_text: Callback<String>,
    on_done: Callback<()>,
    run: Run,
    currency: Rc<CurrencyInfo>,
}

/// Rows pasted from a spreadsheet: a preview of the lines read and of every cell that
/// could not be, and one action that adds them all.
#[component]
fn PastePanel(props: &PastePanelProps) -> Html {
    let error = use_state(|| None::<String>);
    // Opened by the button or by pasting rows into the grid: the text goes here.
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(el) = area.cast::<web_sys::HtmlElement>() {
                el.scroll_into_view();
                let _ = el.focus();
            }
        });
    }
    let pasted: Rc<Pasted> = {
        let rates = props.rates.clone();
        (*use_memo((props.text.clone(), rates.clone()), move |(text, rates)| {
            Rc::new(parse_pasted(text, rates))
        }))
        .clone()
    };
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            on_text.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_add = {
        let run = props.run.clone();
        let pasted = pasted.clone();
        let on_done = props.on_done.clone();
        let error = error.clone();
        let worksheet = props.worksheet;
        Callback::from(move |_: MouseEvent| {
            match run.emit(PricingAction::PasteLines {
                worksheet,
                lines: pasted.lines.clone(),
            }) {
                Ok(()) => {
                    error.set(None);
                    on_done.emit(());
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let can_add = !pasted.lines.is_empty() && pasted.errors.is_empty();
    let role_name = |id| {
        props
            .rates
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    html! {
        <div class="paste-panel" data-testid="paste-panel">
            <div class="field">
                <label class="field-label" for="paste-rows">{ "Paste rows" }</label>
                <textarea id="paste-rows" ref={area} rows="5" value={props.text.clone()} {oninput}
                    aria-describedby="paste-help"
                    placeholder={format!("Name\tBilling type\t{}\tDiscount %", props.rates.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join("\t"))} />
                <span class="field-help" id="paste-help">{ format!("Tab-separated rows copied from a spreadsheet: name, billing type (Fixed fee, Time and materials — the default — or Non-billable), hours for each role ({}), discount %. A header row matches columns by name.",
                    props.rates.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")) }</span>
            </div>
            if !pasted.errors.is_empty() {
                <ul class="paste-errors" role="alert" data-testid="paste-errors">
                    { for pasted.errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
                </ul>
            }
            if !pasted.lines.is_empty() {
                <table class="table paste-preview" data-testid="paste-preview">
                    <caption>{ format!("Preview: {}", plural(pasted.lines.len(), "line", "lines")) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th><th scope="col">{ "Billing" }</th><th scope="col">{ "Hours" }</th><th scope="col" class="number">{ "Discount" }</th>
                    </tr></thead>
                    <tbody>
                        { for pasted.lines.iter().take(50).map(|l| html! {
                            <tr>
                                <td>{ &l.name }</td>
                                <td>{ l.billing.label() }</td>
                                <td>{ l.hours.iter().map(|(r, h)| format!("{} {h} h", role_name(*r))).collect::<Vec<_>>().join(", ") }</td>
                                <td class="number">{ l.discount.to_string() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                if pasted.lines.len() > 50 {
                    <p>{ format!("… and {} more.", pasted.lines.len() - 50) }</p>
                }
            }
            <div class="row-actions">
                <button type="button" class="primary" onclick={on_add} disabled={!can_add}>
                    { if pasted.lines.is_empty() { "Add lines".to_string() } else { format!("Add {}", plural(pasted.lines.len(), "line", "lines")) } }
                </button>
                <button type="button" onclick={let d = props.on_done.clone(); move |_| d.emit(())}>{ "Cancel paste" }</button>
            </div>
            if let Some(message) = (*error).clone() {
                <p class="field-error" role="alert">{ message }</p>
            }
        </div>
    }
}

// ===== Approval ===========================================================================

#[derive(Properties, PartialEq)]
struct ApprovalPanelProps {
    engagement: EngagementId,
    worksheet: Rc<Worksheet>,
    run: Run,
}

/// Draft → Submitted → Approved or Rejected, decided "as" a chosen person. Those who
/// decide the final deal (the model's one rule) come first; the model refuses anyone
/// else, naming who may.
#[component]
fn ApprovalPanel(props: &ApprovalPanelProps) -> Html {
    let plan = use_plan();
    let decider = use_state(|| None::<PersonId>);
    // The note is read from its input when a step is taken: a change event from leaving
    // the field and the click that follows it come before any re-render.
    let note = use_node_ref();
    let error = use_state(|| None::<String>);
    let Some(engagement) = plan.workspace.engagement(props.engagement) else {
        return html! {};
    };
    let ws = &props.worksheet;
    let wid = ws.id;
    let person_name = |id: PersonId| {
        plan.workspace
            .person(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "a removed person".to_string())
    };
    // Those who decide the final deal first, with why; then everyone else.
    let deciders = engagement.final_deal_deciders(&plan.workspace);
    let deciders_text = engagement.final_deal_deciders_text(&plan.workspace);
    let mut people: Vec<_> = plan
        .workspace
        .people
        .iter()
        .filter(|p| !deciders.iter().any(|&(d, _)| d == p.id))
        .collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    let mut options = vec![(
        AttrValue::from(""),
        AttrValue::from("— choose who decides —"),
    )];
    options.extend(deciders.iter().map(|&(p, why)| {
        (
            AttrValue::from(p.to_string()),
            AttrValue::from(format!("{} ({})", person_name(p), why.label())),
        )
    }));
    options.extend(people.iter().map(|p| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{} ({}, may not decide)", p.name, p.group.label())),
        )
    }));
    let who_decides = match &deciders_text {
        Some(who) => format!("Who decides the final deal: {who}."),
        None => format!(
            "Nobody may decide the final deal yet: on the {} view, make someone Accountable for engagement management, or give a sponsor a role in this engagement.",
            View::Roles.label()
        ),
    };
    let choose_first = match &deciders_text {
        Some(who) => format!("Choose who decides first: {who}."),
        None => who_decides.clone(),
    };
    let decider_id = (*decider).filter(|id| plan.workspace.person(*id).is_some());
    let on_decider = {
        let decider = decider.clone();
        let error = error.clone();
        Callback::from(move |v: String| {
            decider.set(v.parse::<u32>().ok().map(PersonId));
            error.set(None);
            Ok(())
        })
    };
    let step = |make: Rc<dyn Fn(Option<PersonId>, String) -> Option<PricingAction>>| {
        let run = props.run.clone();
        let error = error.clone();
        let note = note.clone();
        let choose_first = choose_first.clone();
        Callback::from(move |_: MouseEvent| {
            let input = note.cast::<web_sys::HtmlInputElement>();
            let text = input
                .as_ref()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default();
            match make(decider_id, text) {
                None => error.set(Some(choose_first.clone())),
                Some(action) => match run.emit(action) {
                    Ok(()) => {
                        error.set(None);
                        if let Some(input) = &input {
                            input.set_value("");
                        }
                    }
                    Err(message) => error.set(Some(message)),
                },
            }
        })
    };
    let on_submit = step(Rc::new(move |_, _| {
        Some(PricingAction::Submit { worksheet: wid })
    }));
    let on_approve = step(Rc::new(move |by, _| {
        by.map(|by| PricingAction::Approve { worksheet: wid, by })
    }));
    let on_reject = step(Rc::new(move |by, note| {
        by.map(|by| PricingAction::Reject {
            worksheet: wid,
            by,
            note,
        })
    }));
    let on_reopen = step(Rc::new(move |by, note| {
        by.map(|by| PricingAction::Reopen {
            worksheet: wid,
            by,
            note,
        })
    }));
    let can_submit = matches!(ws.approval, Approval::Draft | Approval::Rejected { .. });
    let deciding = matches!(ws.approval, Approval::Submitted);
    let approved = matches!(ws.approval, Approval::Approved { .. });
    let status = match &ws.approval {
        Approval::Approved { by } => format!("Approved by {}", person_name(*by)),
        Approval::Rejected { by } => format!("Rejected by {}", person_name(*by)),
        other => approval_words(other).to_string(),
    };
    let step_words = |s: ApprovalStep| match s {
        ApprovalStep::Submitted => "Submitted",
        ApprovalStep::Approved => "Approved",
        ApprovalStep::Rejected => "Rejected",
        ApprovalStep::Reopened => "Reopened",
    };
    html! {
        <section class="approval" aria-labelledby="approval-title" data-testid="approval">
            <h4 id="approval-title">{ "Approval" }</h4>
            <p>{ "Status: " }<strong data-testid="approval-status">{ status }</strong></p>
            <p class="approval-deciders" data-testid="approval-deciders">{ who_decides }</p>
            <div class="approval-controls">
                <button type="button" onclick={on_submit} disabled={!can_submit}>{ "Submit for approval" }</button>
                <SelectField label="Decide as" options={options}
                    selected={AttrValue::from(decider_id.map(|p| p.to_string()).unwrap_or_default())} on_change={on_decider} />
                <div class="field">
                    <label class="field-label" for="approval-note">{ "Note (optional)" }</label>
                    <input id="approval-note" ref={note} type="text" maxlength="500" />
                </div>
                <button type="button" class="primary" onclick={on_approve} disabled={!deciding}>{ "Approve" }</button>
                <button type="button" class="danger" onclick={on_reject} disabled={!deciding}>{ "Reject" }</button>
                <button type="button" onclick={on_reopen} disabled={!approved}>{ "Reopen" }</button>
            </div>
            if let Some(message) = (*error).clone() {
                <p class="field-error approval-error" role="alert" data-testid="approval-error">{ message }</p>
            }
            if ws.log.is_empty() {
                <p class="empty">{ "No approval steps yet." }</p>
            } else {
                <ol class="approval-log" aria-label="Approval log" data-testid="approval-log">
                    { for ws.log.iter().map(|ev| html! {
                        <li>
                            <strong>{ step_words(ev.step) }</strong>
                            { ev.by.map(|p| format!(" by {}", person_name(p))).unwrap_or_default() }
                            if !ev.note.is_empty() { { format!(": {}", ev.note) } }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
