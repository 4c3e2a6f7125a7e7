//! The cells and fields the pricing view's sections share: a grid's editable cell and
//! select, the labelled percentage fields, reading typed percentages, hours and amounts,
//! the commits of name and amount cells, the add forms' helpers, and amounts and
//! percentages as text.

use crate::components::widgets::fields::{use_draft, use_field_id, use_select_shows};
use crate::model::{format_money, parse_money, Bps, CurrencyInfo, Hours, Money};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

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
///
/// It is an [`OptionalPercentField`] that is always set: empty text, which that field
/// commits as "not set", is read here as a percentage like any other text, and refused.
#[component]
pub fn PercentField(props: &PercentFieldProps) -> Html {
    let on_commit = {
        let on_commit = props.on_commit.clone();
        let label = props.label.clone();
        Callback::from(move |value: Option<Bps>| match value {
            Some(b) => on_commit.emit(b),
            None => parse_percent(&label, "").and_then(|b| on_commit.emit(b)),
        })
    };
    html! {
        <OptionalPercentField label={props.label.clone()} value={Some(props.value)} {on_commit}
            disabled={props.disabled} help={props.help.clone()} />
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

/// A labelled percentage that may be left unset: empty means "not set". Text that is
/// not a percentage is refused at the field, and the model's refusal is shown there.
/// [`PercentField`] is this field, always set.
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
