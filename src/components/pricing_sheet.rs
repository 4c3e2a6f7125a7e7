//! The pricing worksheet's grid: one row per line item with its inputs (name, billing
//! type, the client need or the delivery estimator, hours per rate-card role, discount,
//! a fixed fee's agreed fee or a time-and-materials cap, expenses) and its computed
//! figures, and a total row.
//!
//! Editing works like a spreadsheet: every input is a cell in the document's tab order
//! (Tab and Shift+Tab move along a row and on to the next), Enter commits and moves to
//! the same column of the next row, Escape puts the cell back. A cell whose text cannot
//! be read, or whose value the model refuses, keeps the typed text and says why at the
//! cell; nothing reaches the plan. Every committed edit is one undoable action.

use super::widgets::fields::{use_draft, use_field_id, use_select_shows};
use crate::model::{
    format_money, parse_money, BillingType, Bps, CurrencyInfo, Expense, ExpenseEdit, Hours,
    LineEdit, LineFigures, LineId, LineItem, Money, NeedId, PersonId, PricingAction, RateRole,
    SellingStyle, WorksheetFigures, WorksheetId,
};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Runs a pricing action; a refusal comes back as the message to show where the edit
/// was made (see `pricing::use_pricing_editor`).
pub type Run = Callback<PricingAction, Result<(), String>>;

/// Formats an amount with the currency's symbol and decimals: "€1,200.00", "¥1,200".
pub fn money_text(m: Money, currency: &CurrencyInfo) -> String {
    format_money(m, currency)
}

/// An optional amount, or a dash when it has no value (no hours, no price).
pub fn opt_money_text(m: Option<Money>, currency: &CurrencyInfo) -> String {
    m.map(|m| money_text(m, currency))
        .unwrap_or_else(|| "–".to_string())
}

/// An optional ratio, or a dash when it has no value.
pub fn opt_percent_text(b: Option<Bps>) -> String {
    b.map(|b| b.to_string()).unwrap_or_else(|| "–".to_string())
}

/// A percentage as typed in a cell: "12.5" for 12.50 %.
pub fn percent_input(b: Bps) -> String {
    let sign = if b.0 < 0 { "-" } else { "" };
    let abs = b.0.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    if frac == 0 {
        format!("{sign}{whole}")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

/// A select's options in groups: each group's label (empty for none) and its
/// (value, label) options.
pub type OptionGroups = Vec<(AttrValue, Vec<(AttrValue, AttrValue)>)>;

/// Reads a percentage typed in a cell. Its range is the model's to check: a value out
/// of range comes back as the model's refusal, which states the limit.
pub fn parse_percent(label: &str, text: &str) -> Result<Bps, String> {
    Bps::parse(text).map_err(|e| format!("{label}: {e}."))
}

/// Reads hours typed in a cell; empty is zero.
pub fn parse_hours(label: &str, text: &str) -> Result<Hours, String> {
    if text.trim().is_empty() {
        return Ok(Hours(0));
    }
    Hours::parse(text).map_err(|e| format!("{label}: {e}."))
}

/// Reads an amount typed in a cell in the currency's decimals.
pub fn parse_amount(label: &str, text: &str, currency: &CurrencyInfo) -> Result<Money, String> {
    parse_money(text, currency).map_err(|e| format!("{label}: {e}."))
}

/// The commit of a name cell: trimmed, and refused when empty with "`what` needs a name."
pub fn name_commit<E: 'static>(
    what: &'static str,
    make: fn(String) -> E,
    edit: impl Fn(E) -> Result<(), String> + 'static,
) -> Callback<String, Result<(), String>> {
    Callback::from(move |text: String| {
        let text = text.trim().to_string();
        if text.is_empty() {
            return Err(format!("{what} needs a name."));
        }
        edit(make(text))
    })
}

/// The commit of an amount cell in the currency's decimals.
pub fn amount_commit<E: 'static>(
    label: String,
    currency: Rc<CurrencyInfo>,
    make: fn(Money) -> E,
    edit: impl Fn(E) -> Result<(), String> + 'static,
) -> Callback<String, Result<(), String>> {
    Callback::from(move |text: String| edit(make(parse_amount(&label, &text, &currency)?)))
}

/// The form an add form's submit event came from (its default is prevented).
pub fn submitted_form(e: &SubmitEvent) -> Option<web_sys::Element> {
    e.prevent_default();
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The value of the form's input or select called `name` ("" when there is none).
pub fn form_value(form: &web_sys::Element, name: &str) -> String {
    match form
        .query_selector(&format!("[name='{name}']"))
        .ok()
        .flatten()
    {
        Some(el) => match el.dyn_ref::<HtmlSelectElement>() {
            Some(select) => select.value(),
            None => el.unchecked_into::<HtmlInputElement>().value(),
        },
        None => String::new(),
    }
}

/// After an add form's action: empties the form when it was added, else shows why not.
pub fn finish_add(
    form: &web_sys::Element,
    error: &UseStateHandle<Option<String>>,
    result: Result<(), String>,
) {
    match result {
        Ok(()) => {
            clear_inputs(form);
            error.set(None);
        }
        Err(message) => error.set(Some(message)),
    }
}

/// Empties a form's text inputs after what they held was added.
fn clear_inputs(form: &web_sys::Element) {
    if let Ok(inputs) = form.query_selector_all("input[type='text']") {
        for i in 0..inputs.length() {
            if let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                input.set_value("");
            }
        }
    }
}

/// Moves the focus to the cell of `column` in the row after `row` of the same grid;
/// false when there is no such cell.
fn focus_below(from: &HtmlElement, row: u32, column: &str) -> bool {
    let Some(grid) = from.closest("[data-grid]").ok().flatten() else {
        return false;
    };
    let selector = format!("[data-row=\"{}\"][data-col=\"{}\"]", row + 1, column);
    if let Some(next) = grid
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = next.focus();
        if let Some(input) = next.dyn_ref::<HtmlInputElement>() {
            input.select();
        }
        return true;
    }
    false
}

#[derive(Properties, PartialEq)]
pub struct CellProps {
    /// The accessible name, e.g. "Design: Designer hours".
    pub label: AttrValue,
    /// The plan's value as the cell shows it.
    pub value: AttrValue,
    /// Reads and applies the typed text; an error is shown at the cell.
    pub on_commit: Callback<String, Result<(), String>>,
    /// The grid position, for Enter (next row, same column).
    pub row: u32,
    pub col: AttrValue,
    #[prop_or_default]
    pub disabled: bool,
    /// Right-aligned digits.
    #[prop_or_default]
    pub numeric: bool,
    #[prop_or_default]
    pub class: Classes,
    /// What an empty cell stands for ("at the estimate").
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

/// One editable cell of a grid.
#[component]
pub fn Cell(props: &CellProps) -> Html {
    let id = use_field_id("cell");
    let (shown, oninput) = use_draft(&props.value);
    let error = use_state(|| None::<String>);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match on_commit.emit(text) {
                Ok(()) => error.set(None),
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let onkeydown = {
        let row = props.row;
        let col = props.col.clone();
        let value = props.value.clone();
        let error = error.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                let target = e.target_unchecked_into::<HtmlElement>();
                // Leaving the cell commits it (a change event); on the last row, commit
                // and stay.
                if !focus_below(&target, row, &col) {
                    let _ = target.blur();
                    let _ = target.focus();
                }
            }
            "Escape" => {
                let target = e.target_unchecked_into::<HtmlInputElement>();
                target.set_value(&value);
                error.set(None);
            }
            _ => {}
        })
    };
    let message_id = format!("{id}-error");
    html! {
        <div class={classes!("cell", props.numeric.then_some("cell-number"), props.class.clone())}>
            <input id={id.clone()} type="text" value={shown} {oninput} {onchange} {onkeydown}
                inputmode={props.numeric.then_some("decimal")} placeholder={props.placeholder.clone()}
                aria-label={props.label.clone()} disabled={props.disabled}
                data-row={props.row.to_string()} data-col={props.col.clone()}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| message_id.clone())} />
            if let Some(message) = (*error).clone() {
                <span class="field-error cell-error" id={message_id} role="alert">{ message }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CellSelectProps {
    pub label: AttrValue,
    /// (value, label) groups: a group's name (empty for none) and its options.
    pub groups: Rc<OptionGroups>,
    pub selected: AttrValue,
    pub on_change: Callback<String, Result<(), String>>,
    pub row: u32,
    pub col: AttrValue,
    #[prop_or_default]
    pub disabled: bool,
}

/// A select in a grid cell (billing type, need, estimator).
#[component]
pub fn CellSelect(props: &CellSelectProps) -> Html {
    let select = use_node_ref();
    let error = use_state(|| None::<String>);
    let id = use_field_id("cellsel");
    use_select_shows(&select, &props.selected);
    let onchange = {
        let on_change = props.on_change.clone();
        let error = error.clone();
        let selected = props.selected.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<HtmlSelectElement>();
            match on_change.emit(el.value()) {
                Ok(()) => error.set(None),
                Err(message) => {
                    el.set_value(&selected);
                    error.set(Some(message));
                }
            }
        })
    };
    let onkeydown = {
        let row = props.row;
        let col = props.col.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                let _ = focus_below(&e.target_unchecked_into::<HtmlElement>(), row, &col);
            }
        })
    };
    let option = |(value, label): &(AttrValue, AttrValue)| {
        html! { <option value={value.clone()} selected={*value == props.selected}>{ label }</option> }
    };
    let message_id = format!("{id}-error");
    html! {
        <div class="cell">
            <select ref={select} id={id.clone()} aria-label={props.label.clone()} {onchange} {onkeydown}
                disabled={props.disabled} data-row={props.row.to_string()} data-col={props.col.clone()}
                aria-describedby={error.is_some().then(|| message_id.clone())}>
                { for props.groups.iter().map(|(group, options)| if group.is_empty() {
                    options.iter().map(option).collect::<Html>()
                } else {
                    html! { <optgroup label={group.clone()}>{ for options.iter().map(option) }</optgroup> }
                }) }
            </select>
            if let Some(message) = (*error).clone() {
                <span class="field-error cell-error" id={message_id} role="alert">{ message }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PercentFieldProps {
    pub label: AttrValue,
    pub value: Bps,
    pub on_commit: Callback<Bps, Result<(), String>>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub help: Option<AttrValue>,
}

/// A labelled percentage field (worksheet inputs): "12.5" or "12.5 %". Text that is not
/// a percentage is refused at the field; a value out of range by the model, whose
/// message is shown at the field.
#[component]
pub fn PercentField(props: &PercentFieldProps) -> Html {
    let id = use_field_id("percent");
    let (shown, oninput) = use_draft(&percent_input(props.value));
    let error = use_state(|| None::<String>);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        let label = props.label.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let result = parse_percent(&label, &text).and_then(|b| on_commit.emit(b));
            error.set(result.err());
        })
    };
    let message_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = match (&*error, &props.help) {
        (Some(_), _) => Some(message_id.clone()),
        (None, Some(_)) => Some(help_id.clone()),
        (None, None) => None,
    };
    html! {
        <div class="field field-number field-percent">
            <label for={id.clone()} class="field-label">{ format!("{} (%)", props.label) }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={shown} {oninput} {onchange}
                disabled={props.disabled} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described} />
            if let Some(message) = (*error).clone() {
                <span class="field-error" id={message_id} role="alert">{ message }</span>
            } else if let Some(help) = props.help.clone() {
                <span class="field-help" id={help_id}>{ help }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OptionalPercentFieldProps {
    pub label: AttrValue,
    /// `None`: not set, shown empty.
    pub value: Option<Bps>,
    /// Empty text commits `None`.
    pub on_commit: Callback<Option<Bps>, Result<(), String>>,
    #[prop_or_default]
    pub disabled: bool,
    /// What an empty field means, said under it.
    #[prop_or_default]
    pub help: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A labelled percentage that may be left unset: empty means "not set".
#[component]
pub fn OptionalPercentField(props: &OptionalPercentFieldProps) -> Html {
    let id = use_field_id("percent");
    let (shown, oninput) = use_draft(&props.value.map(percent_input).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        let label = props.label.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let result = if text.trim().is_empty() {
                on_commit.emit(None)
            } else {
                parse_percent(&label, &text).and_then(|b| on_commit.emit(Some(b)))
            };
            error.set(result.err());
        })
    };
    let message_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = match (&*error, &props.help) {
        (Some(_), _) => Some(message_id.clone()),
        (None, Some(_)) => Some(help_id.clone()),
        (None, None) => None,
    };
    html! {
        <div class="field field-number field-percent" data-testid={props.testid.clone()}>
            <label for={id.clone()} class="field-label">{ format!("{} (%)", props.label) }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={shown} {oninput} {onchange}
                disabled={props.disabled} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described} />
            if let Some(message) = (*error).clone() {
                <span class="field-error" id={message_id} role="alert">{ message }</span>
            } else if let Some(help) = props.help.clone() {
                <span class="field-help" id={help_id}>{ help }</span>
            }
        </div>
    }
}

/// What a row needs to know about the worksheet around it.
#[derive(Clone, PartialEq)]
pub struct SheetContext {
    pub worksheet: WorksheetId,
    pub style: SellingStyle,
    pub rates: Rc<Vec<RateRole>>,
    pub currency: Rc<CurrencyInfo>,
    pub locked: bool,
    /// The need select's options (consultative).
    pub needs: Rc<OptionGroups>,
    /// The estimator select's options (collaborative): delivery people, then anyone
    /// else estimating here, marked as not counting.
    pub estimators: Rc<OptionGroups>,
    /// The people whose estimates count as delivery input (the model's rule).
    pub delivery: Rc<BTreeSet<PersonId>>,
    /// Estimators of this worksheet whose estimates do not count, with the reason.
    pub not_delivery: Rc<BTreeMap<PersonId, AttrValue>>,
    pub run: Run,
}

#[derive(Properties, PartialEq)]
pub struct LineRowProps {
    pub sheet: SheetContext,
    pub line: LineItem,
    pub figures: LineFigures,
    /// The row's index in the grid (for Enter).
    pub row: u32,
}

/// One line item: its inputs, its flags and its figures.
#[component]
pub fn LineRow(props: &LineRowProps) -> Html {
    let sheet = &props.sheet;
    let line = &props.line;
    let f = &props.figures;
    let row = props.row;
    let expanded = use_state(|| false);
    let cur = &sheet.currency;
    let edit = {
        let run = sheet.run.clone();
        let (worksheet, id) = (sheet.worksheet, line.id);
        move |edit: LineEdit| {
            run.emit(PricingAction::EditLine {
                worksheet,
                line: id,
                edit,
            })
        }
    };
    let name = line.name.clone();

    let on_name = name_commit("A line", LineEdit::Name, edit.clone());
    let billing_groups = Rc::new(vec![(
        AttrValue::default(),
        BillingType::ALL
            .iter()
            .map(|b| {
                (
                    AttrValue::from(format!("{b:?}")),
                    AttrValue::from(b.label()),
                )
            })
            .collect(),
    )]);
    let on_billing = {
        let edit = edit.clone();
        Callback::from(move |value: String| {
            match BillingType::ALL.iter().find(|b| format!("{b:?}") == value) {
                Some(b) => edit(LineEdit::Billing(*b)),
                None => Err("Choose a billing type.".to_string()),
            }
        })
    };

    let consultative = sheet.style == SellingStyle::Consultative;
    let style_cell = if consultative {
        let on_need = {
            let edit = edit.clone();
            Callback::from(move |value: String| {
                edit(LineEdit::Need(value.parse::<u32>().ok().map(NeedId)))
            })
        };
        html! {
            <td class="col-need">
                <CellSelect label={format!("{name}: client need")} groups={sheet.needs.clone()}
                    selected={AttrValue::from(line.need.map(|n| n.to_string()).unwrap_or_default())}
                    on_change={on_need} {row} col="need" disabled={sheet.locked} />
                if line.need.is_none() {
                    <span class="badge badge-warn flag" data-testid="flag-not-asked">{ "Not asked for" }</span>
                }
            </td>
        }
    } else {
        // An estimate from someone outside delivery is shown, with the reason it does
        // not count.
        let not_delivery = line
            .estimator
            .filter(|_| line.has_estimate())
            .and_then(|p| sheet.not_delivery.get(&p).cloned());
        let on_estimator = {
            let edit = edit.clone();
            Callback::from(move |value: String| {
                edit(LineEdit::Estimator(value.parse::<u32>().ok().map(PersonId)))
            })
        };
        html! {
            <td class="col-estimator">
                <CellSelect label={format!("{name}: delivery estimator")} groups={sheet.estimators.clone()}
                    selected={AttrValue::from(line.estimator.map(|p| p.to_string()).unwrap_or_default())}
                    on_change={on_estimator} {row} col="estimator" disabled={sheet.locked} />
                if let Some(why) = not_delivery {
                    <span class="badge badge-warn flag" data-testid="flag-not-delivery">{ "Not delivery input" }</span>
                    <span class="flag-reason" data-testid="flag-not-delivery-reason">{ format!("{why}.") }</span>
                } else if !line.has_delivery_input(&sheet.delivery) {
                    <span class="badge badge-warn flag" data-testid="flag-no-delivery">{ "No delivery input" }</span>
                }
            </td>
        }
    };

    let hours_cells = sheet.rates.iter().map(|role| {
        let sales = line.hours.get(&role.id).copied().unwrap_or_default();
        let on_sales = {
            let edit = edit.clone();
            let (role_id, label) = (role.id, format!("{name}: {} hours", role.name));
            Callback::from(move |text: String| {
                let h = parse_hours(&label, &text)?;
                edit(LineEdit::Hours(role_id, h))
            })
        };
        let delivery_cell = (!consultative).then(|| {
            let delivery = line.delivery_hours.get(&role.id).copied().unwrap_or_default();
            let on_delivery = {
                let edit = edit.clone();
                let (role_id, label) = (role.id, format!("{name}: {} delivery hours", role.name));
                Callback::from(move |text: String| {
                    let h = parse_hours(&label, &text)?;
                    edit(LineEdit::DeliveryHours(role_id, h))
                })
            };
            html! {
                <td class="col-hours col-delivery">
                    <Cell label={format!("{name}: {} delivery hours", role.name)} value={AttrValue::from(delivery.to_string())}
                        on_commit={on_delivery} {row} col={AttrValue::from(format!("d-{}", role.id))} numeric=true disabled={sheet.locked} />
                </td>
            }
        });
        html! {
            <>
                <td class="col-hours">
                    <Cell label={format!("{name}: {} hours", role.name)} value={AttrValue::from(sales.to_string())}
                        on_commit={on_sales} {row} col={AttrValue::from(format!("h-{}", role.id))} numeric=true disabled={sheet.locked} />
                </td>
                { for delivery_cell }
            </>
        }
    });

    let on_discount = {
        let edit = edit.clone();
        let label = format!("{name}: line discount");
        Callback::from(move |text: String| {
            let b = if text.trim().is_empty() {
                Bps(0)
            } else {
                parse_percent(&label, &text)?
            };
            edit(LineEdit::Discount(b))
        })
    };
    // The billing terms: a fixed fee's agreed fee, a time-and-materials cap. Empty
    // means none: the fee is then the estimate, and the hours are not capped.
    let terms_cell = match line.billing {
        BillingType::FixedFee | BillingType::TimeAndMaterials => {
            let fixed = line.billing == BillingType::FixedFee;
            let (what, value, placeholder) = if fixed {
                ("agreed fee", line.fee, "at the estimate")
            } else {
                ("not-to-exceed cap", line.cap, "no cap")
            };
            let label = format!("{name}: {what} ({})", cur.code);
            let on_terms = {
                let edit = edit.clone();
                let label = label.clone();
                let cur = cur.clone();
                Callback::from(move |text: String| {
                    let amount = if text.trim().is_empty() {
                        None
                    } else {
                        Some(parse_amount(&label, &text, &cur)?)
                    };
                    edit(if fixed {
                        LineEdit::Fee(amount)
                    } else {
                        LineEdit::Cap(amount)
                    })
                })
            };
            let capped = !fixed && f.figures.price_adjustment.0 < 0;
            html! {
                <td class="col-terms">
                    <Cell label={label} value={AttrValue::from(value.map(|m| m.format(cur.decimals)).unwrap_or_default())}
                        on_commit={on_terms} {row} col="terms" numeric=true disabled={sheet.locked}
                        placeholder={AttrValue::from(placeholder)} />
                    if capped {
                        <span class="badge badge-warn flag" data-testid="flag-capped">{ "Capped" }</span>
                    }
                </td>
            }
        }
        BillingType::NonBillable => html! { <td class="col-terms number">{ "–" }</td> },
    };
    let on_remove = {
        let run = sheet.run.clone();
        let (worksheet, id) = (sheet.worksheet, line.id);
        Callback::from(move |_: MouseEvent| {
            let _ = run.emit(PricingAction::RemoveLine {
                worksheet,
                line: id,
            });
        })
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let expense_total: i64 = line.expenses.iter().map(|e| e.cost.0).sum();
    let expense_text = if line.expenses.is_empty() {
        "Add".to_string()
    } else {
        format!(
            "{} ({})",
            line.expenses.len(),
            money_text(Money(expense_total), cur)
        )
    };
    let variance = (!consultative).then(|| {
        html! {
            <td class="number col-variance" data-testid="hours-variance">{ f.hours_variance.to_string() }</td>
        }
    });
    let money = |m: Money| html! { <td class="number">{ money_text(m, cur) }</td> };
    let flagged = if consultative {
        line.need.is_none()
    } else {
        !line.has_delivery_input(&sheet.delivery)
    };
    let columns = column_count(sheet.style, sheet.rates.len());

    html! {
        <>
            <tr class={classes!("line-row", flagged.then_some("row-flagged"))} id={line_anchor(line.id)} data-testid="line-row">
                <th scope="row" class="col-name">
                    <Cell label={format!("Line name: {name}")} value={AttrValue::from(line.name.clone())}
                        on_commit={on_name} {row} col="name" disabled={sheet.locked} />
                </th>
                <td class="col-billing">
                    <CellSelect label={format!("{name}: billing type")} groups={billing_groups}
                        selected={AttrValue::from(format!("{:?}", line.billing))} on_change={on_billing}
                        {row} col="billing" disabled={sheet.locked} />
                </td>
                { style_cell }
                { for hours_cells }
                { for variance }
                <td class="col-discount">
                    <Cell label={format!("{name}: line discount (%)")} value={AttrValue::from(percent_input(line.discount))}
                        on_commit={on_discount} {row} col="discount" numeric=true disabled={sheet.locked} />
                </td>
                { terms_cell }
                <td class="col-expenses">
                    <button type="button" class="link-button" onclick={toggle} aria-expanded={(*expanded).to_string()}
                        aria-label={format!("Expenses of {name}: {}", if line.expenses.is_empty() { "none".to_string() } else { expense_text.clone() })}>
                        { expense_text.clone() }
                    </button>
                </td>
                { money(f.figures.cost) }
                { money(f.figures.list_price) }
                { money(f.figures.discount) }
                { money(f.figures.net_price) }
                <td class={classes!("number", (f.figures.gross_margin.0 < 0).then_some("negative"))}>{ money_text(f.figures.gross_margin, cur) }</td>
                <td class="number">{ opt_percent_text(f.figures.margin) }</td>
                <td class="number">{ opt_percent_text(f.figures.markup) }</td>
                <td class="number">{ opt_money_text(f.figures.blended_bill_rate, cur) }</td>
                <td class="number">{ opt_money_text(f.figures.target_price, cur) }</td>
                { money(f.figures.commission_on_margin) }
                { money(f.figures.commission_on_revenue) }
                <td class="col-actions">
                    <button type="button" class="danger small" onclick={on_remove} disabled={sheet.locked}
                        aria-label={format!("Remove line {name}")}>{ "✕" }</button>
                </td>
            </tr>
            if *expanded {
                <tr class="expense-row">
                    <td colspan={columns.to_string()}>
                        <Expenses sheet={sheet.clone()} line={line.id} line_name={AttrValue::from(line.name.clone())}
                            expenses={line.expenses.clone()} />
                    </td>
                </tr>
            }
        </>
    }
}

/// The element id of a line's row.
pub fn line_anchor(id: LineId) -> String {
    format!("line-{id}")
}

/// How many columns the grid has.
pub fn column_count(style: SellingStyle, roles: usize) -> usize {
    let hours = match style {
        SellingStyle::Consultative => roles,
        SellingStyle::Collaborative => roles * 2 + 1,
    };
    // name, billing, need/estimator, hours…, discount, fee or cap, expenses, 11 figures,
    // actions
    3 + hours + 3 + 11 + 1
}

#[derive(Properties, PartialEq)]
struct ExpensesProps {
    sheet: SheetContext,
    line: LineId,
    line_name: AttrValue,
    expenses: Vec<Expense>,
}

/// A line's expenses: name, cost and markup, each editable, and a form to add one.
#[component]
fn Expenses(props: &ExpensesProps) -> Html {
    let sheet = &props.sheet;
    let cur = sheet.currency.clone();
    let name = props.line_name.clone();
    let add_error = use_state(|| None::<String>);
    let rows = props.expenses.iter().enumerate().map(|(i, e)| {
        let run = sheet.run.clone();
        let (worksheet, line, expense) = (sheet.worksheet, props.line, e.id);
        let edit = move |edit: ExpenseEdit| {
            run.emit(PricingAction::EditExpense {
                worksheet,
                line,
                expense,
                edit,
            })
        };
        let label = format!("{name}, expense {}", e.name);
        let on_name = name_commit("An expense", ExpenseEdit::Name, edit.clone());
        let on_cost = amount_commit(
            format!("{label}: cost"),
            cur.clone(),
            ExpenseEdit::Cost,
            edit.clone(),
        );
        let on_markup = {
            let edit = edit.clone();
            let label = format!("{label}: markup");
            Callback::from(move |t: String| {
                edit(ExpenseEdit::Markup(parse_percent(&label, &t)?))
            })
        };
        let on_remove = {
            let run = sheet.run.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = run.emit(PricingAction::RemoveExpense {
                    worksheet,
                    line,
                    expense,
                });
            })
        };
        let row = i as u32;
        html! {
            <tr key={e.id.0}>
                <td><Cell label={format!("{label}: name")} value={AttrValue::from(e.name.clone())} on_commit={on_name} {row} col="x-name" disabled={sheet.locked} /></td>
                <td><Cell label={format!("{label}: cost ({})", cur.code)} value={AttrValue::from(e.cost.format(cur.decimals))} on_commit={on_cost} {row} col="x-cost" numeric=true disabled={sheet.locked} /></td>
                <td><Cell label={format!("{label}: markup (%)")} value={AttrValue::from(percent_input(e.markup))} on_commit={on_markup} {row} col="x-markup" numeric=true disabled={sheet.locked} /></td>
                <td><button type="button" class="danger small" onclick={on_remove} disabled={sheet.locked} aria-label={format!("Remove {label}")}>{ "✕" }</button></td>
            </tr>
        }
    });
    let on_add = {
        let run = sheet.run.clone();
        let cur = cur.clone();
        let (worksheet, line) = (sheet.worksheet, props.line);
        let add_error = add_error.clone();
        let name = name.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = submitted_form(&e) else {
                return;
            };
            let value = |field: &str| form_value(&form, field);
            let expense_name = value("expense-name").trim().to_string();
            if expense_name.is_empty() {
                add_error.set(Some("Name the expense first.".into()));
                return;
            }
            let result = parse_amount(
                &format!("{name}, new expense: cost"),
                &value("expense-cost"),
                &cur,
            )
            .and_then(|cost| {
                let markup_text = value("expense-markup");
                let markup = if markup_text.trim().is_empty() {
                    Bps(0)
                } else {
                    parse_percent(&format!("{name}, new expense: markup"), &markup_text)?
                };
                run.emit(PricingAction::AddExpense {
                    worksheet,
                    line,
                    name: expense_name.clone(),
                    cost,
                    markup,
                })
            });
            finish_add(&form, &add_error, result);
        })
    };
    html! {
        <div class="expenses" data-grid="expenses">
            <table class="table expenses-table">
                <caption>{ format!("Expenses of {name}") }</caption>
                <thead><tr>
                    <th scope="col">{ "Expense" }</th>
                    <th scope="col" class="number">{ format!("Cost ({})", cur.symbol) }</th>
                    <th scope="col" class="number">{ "Markup %" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if !sheet.locked {
                <form class="add-expense" onsubmit={on_add} aria-label={format!("Add an expense to {name}")}>
                    <input type="text" name="expense-name" aria-label={format!("{name}, new expense: name")} placeholder="Travel" maxlength="200" />
                    <input type="text" name="expense-cost" inputmode="decimal" aria-label={format!("{name}, new expense: cost ({})", cur.code)} placeholder="Cost" />
                    <input type="text" name="expense-markup" inputmode="decimal" aria-label={format!("{name}, new expense: markup (%)")} placeholder="Markup %" />
                    <button type="submit">{ "Add expense" }</button>
                    if let Some(message) = (*add_error).clone() {
                        <span class="field-error" role="alert">{ message }</span>
                    }
                </form>
            }
        </div>
    }
}

/// How many lines the grid shows at a time.
pub const PAGE_LINES: usize = 100;

#[derive(Properties, PartialEq)]
pub struct SheetGridProps {
    pub sheet: SheetContext,
    pub lines: Rc<Vec<LineItem>>,
    pub figures: Rc<WorksheetFigures>,
    /// Pasting tab-separated text into the grid hands it to the paste panel.
    pub on_paste_text: Callback<String>,
}

/// The line items grid with its total row.
#[component]
pub fn SheetGrid(props: &SheetGridProps) -> Html {
    let sheet = &props.sheet;
    let cur = &sheet.currency;
    let consultative = sheet.style == SellingStyle::Consultative;
    let f = &props.figures;
    let onpaste = {
        let on_paste_text = props.on_paste_text.clone();
        Callback::from(move |e: Event| {
            let text = js_sys::Reflect::get(&e, &"clipboardData".into())
                .ok()
                .and_then(|d| d.dyn_into::<web_sys::DataTransfer>().ok())
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // One value goes into the cell as usual; rows and columns become lines.
            if text.contains('\t') || text.trim_end().contains('\n') {
                e.prevent_default();
                on_paste_text.emit(text);
            }
        })
    };
    let hours_heads = sheet.rates.iter().map(|r| {
        if consultative {
            html! { <th scope="col" class="number">{ format!("{} h", r.name) }</th> }
        } else {
            html! {
                <>
                    <th scope="col" class="number">{ format!("{} h (sales)", r.name) }</th>
                    <th scope="col" class="number col-delivery">{ format!("{} h (delivery)", r.name) }</th>
                </>
            }
        }
    });
    let hours_totals = sheet.rates.iter().map(|r| {
        let sum = |delivery: bool| -> u64 {
            props
                .lines
                .iter()
                .map(|l| {
                    let map = if delivery {
                        &l.delivery_hours
                    } else {
                        &l.hours
                    };
                    u64::from(map.get(&r.id).map_or(0, |h| h.0))
                })
                .sum()
        };
        let text = |v: u64| Hours(u32::try_from(v).unwrap_or(u32::MAX)).to_string();
        html! {
            <>
                <td class="number">{ text(sum(false)) }</td>
                if !consultative { <td class="number col-delivery">{ text(sum(true)) }</td> }
            </>
        }
    });
    let t = &f.total;
    let money = |m: Money| html! { <td class="number">{ money_text(m, cur) }</td> };
    // Long worksheets are shown a page of lines at a time: a table of thousands of rows
    // takes the browser a second to lay out again after every edit.
    let count = props.lines.len();
    let pages = count.div_ceil(PAGE_LINES).max(1);
    let page = use_state(|| 0usize);
    let seen = use_mut_ref(|| count);
    // Lines were added (a new line, a paste): show the last page, where they are.
    let current = if count > *seen.borrow() && pages > 1 {
        pages - 1
    } else {
        (*page).min(pages - 1)
    };
    *seen.borrow_mut() = count;
    if current != *page {
        page.set(current);
    }
    let first = current * PAGE_LINES;
    let rows = props
        .lines
        .iter()
        .zip(f.lines.iter())
        .enumerate()
        .skip(first)
        .take(PAGE_LINES)
        .map(|(i, (line, figures))| {
            html! { <LineRow key={line.id.0} sheet={sheet.clone()} line={line.clone()} figures={*figures} row={i as u32} /> }
        });
    let pager = (pages > 1).then(|| {
        let go = |to: usize| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| page.set(to))
        };
        html! {
            <nav class="sheet-pager" aria-label="Pages of lines" data-testid="sheet-pager">
                <button type="button" onclick={go(current.saturating_sub(1))} disabled={current == 0}>{ "Previous lines" }</button>
                <span role="status">{ format!("Lines {}–{} of {count}", first + 1, (first + PAGE_LINES).min(count)) }</span>
                <button type="button" onclick={go(current + 1)} disabled={current + 1 >= pages}>{ "Next lines" }</button>
            </nav>
        }
    });
    html! {
        <>
        { for pager.clone() }
        <div class="table-scroll sheet-scroll">
            <table class="table sheet" data-grid="lines" {onpaste} data-testid="line-grid">
                <caption class="visually-hidden">{ "Line items, their inputs and their figures" }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="col-name">{ "Line item" }</th>
                        <th scope="col">{ "Billing" }</th>
                        <th scope="col">{ if consultative { "Client need" } else { "Delivery estimator" } }</th>
                        { for hours_heads }
                        if !consultative { <th scope="col" class="number">{ "Variance h" }</th> }
                        <th scope="col" class="number">{ "Discount %" }</th>
                        <th scope="col" class="number" title="A fixed fee's agreed fee, or a time-and-materials not-to-exceed cap">{ "Fee or cap" }</th>
                        <th scope="col">{ "Expenses" }</th>
                        <th scope="col" class="number">{ "Cost" }</th>
                        <th scope="col" class="number">{ "List price" }</th>
                        <th scope="col" class="number">{ "Discount" }</th>
                        <th scope="col" class="number">{ "Net price" }</th>
                        <th scope="col" class="number">{ "Gross margin" }</th>
                        <th scope="col" class="number">{ "Margin %" }</th>
                        <th scope="col" class="number">{ "Markup %" }</th>
                        <th scope="col" class="number">{ "Blended rate" }</th>
                        <th scope="col" class="number">{ "Target price" }</th>
                        <th scope="col" class="number">{ "Commission on margin" }</th>
                        <th scope="col" class="number">{ "Commission on revenue" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
                <tfoot>
                    <tr class="total-row" data-testid="total-row">
                        <th scope="row" class="col-name">{ "Total" }</th>
                        <td></td>
                        <td></td>
                        { for hours_totals }
                        if !consultative { <td class="number" data-testid="total-variance">{ t.hours_variance.to_string() }</td> }
                        <td></td>
                        <td></td>
                        <td class="number">{ money_text(t.expense_cost, cur) }</td>
                        <td class="number" data-testid="total-cost">{ money_text(t.cost, cur) }</td>
                        <td class="number" data-testid="total-list">{ money_text(t.list_price, cur) }</td>
                        { money(t.discount) }
                        <td class="number" data-testid="total-net">{ money_text(t.net_price, cur) }</td>
                        <td class={classes!("number", (t.gross_margin.0 < 0).then_some("negative"))} data-testid="total-margin">{ money_text(t.gross_margin, cur) }</td>
                        <td class="number" data-testid="total-margin-percent">{ opt_percent_text(t.margin) }</td>
                        <td class="number">{ opt_percent_text(t.markup) }</td>
                        <td class="number">{ opt_money_text(t.blended_bill_rate, cur) }</td>
                        <td class="number" data-testid="total-target">{ opt_money_text(t.target_price, cur) }</td>
                        <td class="number" data-testid="total-commission-margin">{ money_text(t.commission_on_margin, cur) }</td>
                        <td class="number" data-testid="total-commission-revenue">{ money_text(t.commission_on_revenue, cur) }</td>
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        { for pager }
        </>
    }
}
