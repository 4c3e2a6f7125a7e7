//! The worksheets section of the pricing view: the worksheet tabs (add, duplicate as a
//! scenario, rename, remove, choose the deal) and the chosen worksheet's panel: its
//! selling style and export, the sales–delivery disconnect, its inputs (with the default
//! target margin), the style's flags, its totals, adding and pasting lines, and the
//! line grid, chart, overrun and approval it holds.

use super::approval::{approval_badge, ApprovalPanel};
use super::cells::{
    finish_add, form_value, money_text, opt_money_text, opt_percent_text, submitted_form,
    OptionGroups, OptionalPercentField, PercentField,
};
use super::chart::PriceChart;
use super::overrun::OverrunPanel;
use super::sheet::{SheetContext, SheetGrid};
use super::{plural, worksheet_anchor, Run};
use crate::components::context::{use_plan, Plan};
use crate::components::widgets::fields::{Commit, SelectField, TextField};
use crate::model::order;
use crate::model::pricing_io::{csv_file_name, parse_pasted, worksheet_csv, Pasted, CSV_MIME};
use crate::model::{
    Action, Approval, BillingType, Bps, Coverage, CurrencyInfo, Engagement, EngagementId, Money,
    PersonId, PricingAction, RateRole, SellingStyle, Worksheet, WorksheetField, WorksheetFigures,
    WorksheetId, Workspace,
};
use crate::storage::browser;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

// ===== Worksheets =========================================================================

#[derive(Properties, PartialEq)]
pub(super) struct WorksheetsProps {
    pub(super) engagement: EngagementId,
    pub(super) shown: Option<WorksheetId>,
    pub(super) on_choose: Callback<WorksheetId>,
    pub(super) run: Run,
}

/// The worksheets: pick one, add, duplicate as a scenario, rename, remove, choose the deal.
#[component]
pub(super) fn Worksheets(props: &WorksheetsProps) -> Html {
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

// ===== One worksheet ======================================================================

#[derive(Properties, PartialEq)]
pub(super) struct WorksheetPanelProps {
    pub(super) engagement: EngagementId,
    /// The panel carries the worksheet's anchor (when there is no comparison to).
    pub(super) anchored: bool,
    pub(super) worksheet: Rc<Worksheet>,
    pub(super) rates: Rc<Vec<RateRole>>,
    pub(super) currency: Rc<CurrencyInfo>,
    pub(super) figures: Rc<WorksheetFigures>,
    pub(super) run: Run,
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
    order::sort_by_key(&mut people, |p| p.name.to_lowercase());
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
pub(super) fn WorksheetPanel(props: &WorksheetPanelProps) -> Html {
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
        let workspace = plan.workspace.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = worksheet_csv(&ws, &rates, &workspace.people, &cur, default_target);
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

// ===== Default target margin ==============================================================

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
