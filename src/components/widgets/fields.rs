//! Form fields shared by every view: a visible (or visually hidden) label, the value
//! committed on change (blur or Enter), and a refusal shown beside the field.
//!
//! A field refuses only text it cannot read (letters in an amount, say). Everything
//! else is the model's to judge: the field commits the value, the view applies it
//! through the plan's `try_apply`, and the answer comes back from the commit as the
//! model's error, which the field shows beside itself (`aria-invalid`, with the message
//! as its description) while it keeps what the user typed.

use crate::components::context::use_plan;
use crate::model::limits::NAME_MAX;
use crate::model::order;
use crate::model::{currency, parse_money, Hours, ModelError, Money, PersonId, UnitError};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What a field calls with a committed value: the view applies it (usually through
/// the plan's `try_apply`) and answers with the model's refusal, or `Ok` when there is
/// nothing to refuse.
pub type Commit<T> = Callback<T, Result<(), ModelError>>;

/// Shows a commit's answer at the field: the refusal's message, or nothing.
fn answer(error: &UseStateHandle<Option<String>>, result: Result<(), ModelError>) {
    error.set(result.err().map(|e| e.to_string()));
}

thread_local! {
    static NEXT_FIELD: Cell<u32> = const { Cell::new(0) };
}

/// A document-unique element id for a field's label and message.
#[hook]
pub fn use_field_id(prefix: &'static str) -> AttrValue {
    let id = use_state(|| {
        NEXT_FIELD.with(|n| {
            let v = n.get();
            n.set(v + 1);
            AttrValue::from(format!("{prefix}-{v}"))
        })
    });
    (*id).clone()
}

/// The text a field shows: what the user is typing, until the plan's value changes.
///
/// Yew writes an input's `value` into the DOM on every render, so a field that showed
/// only the plan's value would lose half-typed text whenever anything else re-rendered
/// it (an autosave finishing, say). The draft keeps the typed text; a new value from
/// the plan (an edit, an undo) replaces it.
#[hook]
pub fn use_draft(value: &str) -> (AttrValue, Callback<InputEvent>) {
    // (the plan's value last seen, the text shown)
    let state = use_mut_ref(|| (value.to_string(), value.to_string()));
    {
        let mut s = state.borrow_mut();
        if s.0 != value {
            *s = (value.to_string(), value.to_string());
        }
    }
    let shown = AttrValue::from(state.borrow().1.clone());
    let oninput = Callback::from(move |e: InputEvent| {
        let target = e.target_unchecked_into::<web_sys::HtmlElement>();
        let text = match target.dyn_ref::<HtmlTextAreaElement>() {
            Some(area) => area.value(),
            None => target.unchecked_into::<HtmlInputElement>().value(),
        };
        state.borrow_mut().1 = text;
    });
    (shown, oninput)
}

fn label_class(hide: bool) -> Classes {
    if hide {
        classes!("field-label", "visually-hidden")
    } else {
        classes!("field-label")
    }
}

/// The error line under a field, tied to it with `aria-describedby`.
fn error_line(id: &AttrValue, error: &Option<String>) -> Html {
    match error {
        Some(message) => {
            html! { <span class="field-error" id={format!("{id}-error")} role="alert">{ message }</span> }
        }
        None => html! {},
    }
}

fn described_by(id: &AttrValue, error: &Option<String>) -> Option<AttrValue> {
    error
        .as_ref()
        .map(|_| AttrValue::from(format!("{id}-error")))
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_commit: Commit<String>,
    /// Marks the field as required (the model refuses an empty value).
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hide_label: bool,
    /// A textarea instead of a one-line input.
    #[prop_or_default]
    pub multiline: bool,
    /// A name that wraps onto more lines instead of being cut where its column is
    /// narrow (a board's row headings, on a projector): a textarea that grows with its
    /// text and behaves like a one-line field (Enter commits, line breaks become spaces).
    #[prop_or_default]
    pub wrap: bool,
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// At most this many characters can be typed (a name's limit by default).
    #[prop_or(NAME_MAX as u32)]
    pub max_length: u32,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Values offered as the user types (a `<datalist>`), for a one-line field.
    #[prop_or_default]
    pub suggestions: Vec<AttrValue>,
}

/// A text input committed on change.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = use_field_id("text");
    let (shown, oninput) = use_draft(&props.value);
    let error = use_state_eq(|| None::<String>);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        let multiline = props.multiline || props.wrap;
        Callback::from(move |e: Event| {
            let value = if multiline {
                e.target_unchecked_into::<HtmlTextAreaElement>().value()
            } else {
                e.target_unchecked_into::<HtmlInputElement>().value()
            };
            answer(&error, on_commit.emit(value));
        })
    };
    let invalid = error.is_some().then_some("true");
    if props.wrap {
        let oninput = Callback::from(move |e: InputEvent| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            let value = area.value();
            if value.contains(['\n', '\r']) {
                area.set_value(&value.replace("\r\n", " ").replace(['\r', '\n'], " "));
            }
            // The hidden copy beside the textarea sizes it (style/main.css, .wrap-field).
            if let Some(sizer) = area.parent_element() {
                let _ = sizer.set_attribute("data-value", &area.value());
            }
            oninput.emit(e);
        });
        let onkeydown = {
            let error = error.clone();
            let on_commit = props.on_commit.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" && !e.is_composing() {
                    e.prevent_default();
                    let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                    answer(&error, on_commit.emit(value));
                }
            })
        };
        return html! {
            <div class="field">
                <label for={id.clone()} class={label_class(props.hide_label)}>{ &props.label }</label>
                <div class="wrap-field" data-value={shown.clone()}>
                    <textarea id={id.clone()} value={shown} {oninput} {onchange} {onkeydown} rows="1"
                        maxlength={props.max_length.to_string()} placeholder={props.placeholder.clone()}
                        required={props.required} aria-invalid={invalid} aria-describedby={described_by(&id, &error)}
                        data-testid={props.testid.clone()} />
                </div>
                { error_line(&id, &error) }
            </div>
        };
    }
    let field = if props.multiline {
        html! {
            <textarea id={id.clone()} value={shown} {oninput} {onchange} rows="3"
                maxlength={props.max_length.to_string()} placeholder={props.placeholder.clone()}
                aria-invalid={invalid} aria-describedby={described_by(&id, &error)}
                data-testid={props.testid.clone()} />
        }
    } else {
        let list = (!props.suggestions.is_empty()).then(|| format!("{id}-suggestions"));
        html! {
            <>
                <input id={id.clone()} type="text" value={shown} {oninput} {onchange}
                    maxlength={props.max_length.to_string()} placeholder={props.placeholder.clone()}
                    required={props.required} aria-invalid={invalid} aria-describedby={described_by(&id, &error)}
                    list={list.clone()} data-testid={props.testid.clone()} />
                if let Some(list) = list {
                    <datalist id={list}>
                        { for props.suggestions.iter().map(|s| html! { <option value={s.clone()} /> }) }
                    </datalist>
                }
            </>
        }
    };
    html! {
        <div class="field">
            <label for={id.clone()} class={label_class(props.hide_label)}>{ &props.label }</label>
            { field }
            { error_line(&id, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct HoursFieldProps {
    pub label: AttrValue,
    pub value: Hours,
    pub on_commit: Commit<Hours>,
    #[prop_or_default]
    pub hide_label: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// Hours per week, exact to a hundredth; letters and negatives are refused at the
/// field, more hours than a week has by the model.
#[component]
pub fn HoursField(props: &HoursFieldProps) -> Html {
    let id = use_field_id("hours");
    let (shown, oninput) = use_draft(&props.value.to_string());
    let error = use_state_eq(|| None::<String>);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        let label = props.label.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match Hours::parse(&text) {
                Ok(h) => answer(&error, on_commit.emit(h)),
                Err(err) => error.set(Some(format!("{label}: {err}."))),
            }
        })
    };
    html! {
        <div class="field field-number">
            <label for={id.clone()} class={label_class(props.hide_label)}>{ &props.label }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={shown} {oninput} {onchange}
                aria-invalid={error.is_some().then_some("true")} aria-describedby={described_by(&id, &error)}
                data-testid={props.testid.clone()} />
            { error_line(&id, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct MoneyFieldProps {
    pub label: AttrValue,
    pub value: Option<Money>,
    /// The engagement's currency code, shown beside the label; its minor unit decides
    /// the decimals typed and shown (2 for EUR, 0 for JPY, 3 for KWD).
    pub currency: AttrValue,
    pub on_commit: Commit<Option<Money>>,
    #[prop_or_default]
    pub hide_label: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// An optional amount of money in the engagement's currency, read and shown in that
/// currency's minor unit as pricing amounts are; empty means "not stated".
#[component]
pub fn MoneyField(props: &MoneyFieldProps) -> Html {
    let id = use_field_id("money");
    let error = use_state_eq(|| None::<String>);
    let cur = currency(&props.currency);
    let onchange = {
        let error = error.clone();
        let on_commit = props.on_commit.clone();
        let label = props.label.clone();
        let cur = cur.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match parse_money(&text, &cur) {
                Ok(m) => answer(&error, on_commit.emit(Some(m))),
                Err(UnitError::Empty) => answer(&error, on_commit.emit(None)),
                Err(err) => error.set(Some(format!("{label}: {err}."))),
            }
        })
    };
    let shown = props
        .value
        .map(|m| m.format(cur.decimals))
        .unwrap_or_default();
    let (draft, oninput) = use_draft(&shown);
    html! {
        <div class="field field-number">
            <label for={id.clone()} class={label_class(props.hide_label)}>{ format!("{} ({})", props.label, cur.code) }</label>
            <input id={id.clone()} type="text" inputmode="decimal" value={draft} {oninput} {onchange}
                aria-invalid={error.is_some().then_some("true")} aria-describedby={described_by(&id, &error)}
                data-testid={props.testid.clone()} />
            { error_line(&id, &error) }
        </div>
    }
}

/// Keeps a select showing `selected` (the plan's value).
///
/// The `selected` attribute only sets a select's initial choice; once the user has
/// picked something the DOM keeps it. Setting the value after every render keeps the
/// select showing the plan (after an undo or a refused change, say).
#[hook]
pub fn use_select_shows(select: &NodeRef, selected: &AttrValue) {
    let select = select.clone();
    let selected = selected.clone();
    use_effect(move || {
        if let Some(el) = select.cast::<HtmlSelectElement>() {
            if el.value() != selected.as_str() {
                el.set_value(&selected);
            }
        }
    });
}

/// Above this many options (a select of a long roster) a select holds only its current
/// choice until it is first focused, pressed or touched, which is before its list opens:
/// a view with twenty selects of 500 people would otherwise build 10,000 options nobody
/// looks at. Once asked for, the options are drawn from one string of markup (the browser's
/// parser makes 500 options far faster than they are built one by one, and an unchanged
/// list costs one comparison of strings); the plan's value is set by [`use_select_shows`].
pub const LONG_SELECT: usize = 40;

/// `<option value="…">…</option>` for each (value, label), both escaped.
fn options_markup(options: &[(AttrValue, AttrValue)]) -> String {
    let mut out = String::with_capacity(options.len() * 48);
    for (value, label) in options {
        out.push_str("<option value=\"");
        escape_into(&mut out, value);
        out.push_str("\">");
        escape_into(&mut out, label);
        out.push_str("</option>");
    }
    out
}

/// Text as HTML text or attribute content: `&`, `<`, `>` and `"` escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub label: AttrValue,
    /// (value, label) pairs, in display order.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Commit<String>,
    #[prop_or_default]
    pub hide_label: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A labelled `<select>`. A refused choice goes back to the plan's value, with the
/// reason beside the select.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = use_field_id("select");
    let select = use_node_ref();
    let error = use_state_eq(|| None::<String>);
    let asked = use_state_eq(|| false);
    use_select_shows(&select, &props.selected);
    let onchange = {
        let on_change = props.on_change.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            answer(&error, on_change.emit(value));
        })
    };
    let long = props.options.len() > LONG_SELECT;
    let ask = {
        let asked = asked.clone();
        move || {
            let asked = asked.clone();
            Callback::from(move |_: Event| asked.set(true))
        }
    };
    let (onfocus, onpointerdown, ontouchstart) = match long && !*asked {
        true => (Some(ask()), Some(ask()), Some(ask())),
        false => (None, None, None),
    };
    html! {
        <div class="field">
            <label for={id.clone()} class={label_class(props.hide_label)}>{ &props.label }</label>
            <select ref={select} id={id.clone()} {onchange} data-testid={props.testid.clone()}
                onfocus={onfocus.map(|f| f.reform(Event::from))}
                onpointerdown={onpointerdown.map(|f| f.reform(Event::from))}
                ontouchstart={ontouchstart.map(|f| f.reform(Event::from))}
                aria-invalid={error.is_some().then_some("true")} aria-describedby={described_by(&id, &error)}>
                if long && !*asked {
                    { for props.options.iter().filter(|(value, _)| *value == props.selected)
                        .chain(props.options.iter().take(1).filter(|(value, _)| *value != props.selected))
                        .take(1).map(|(value, label)| html! {
                        <option value={value.clone()} selected=true>{ label }</option>
                    }) }
                } else if long {
                    { Html::from_html_unchecked(AttrValue::from(options_markup(&props.options))) }
                } else {
                    { for props.options.iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={*value == props.selected}>{ label }</option>
                    }) }
                }
            </select>
            { error_line(&id, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PersonSelectProps {
    pub label: AttrValue,
    pub value: Option<PersonId>,
    pub on_change: Commit<Option<PersonId>>,
    /// What "nobody" is called in this field.
    #[prop_or(AttrValue::from("— nobody —"))]
    pub none_label: AttrValue,
    #[prop_or_default]
    pub hide_label: bool,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// Picks a person of the roster (sorted by name), or nobody.
#[component]
pub fn PersonSelect(props: &PersonSelectProps) -> Html {
    let plan = use_plan();
    let mut people: Vec<_> = plan.workspace.people.iter().collect();
    order::sort_by_key(&mut people, |p| p.name.to_lowercase());
    let mut options = vec![(AttrValue::from(""), props.none_label.clone())];
    options.extend(people.iter().map(|p| {
        (
            AttrValue::from(p.id.to_string()),
            AttrValue::from(format!("{} ({})", p.name, p.group.label())),
        )
    }));
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |v: String| cb.emit(v.parse::<u32>().ok().map(PersonId)))
    };
    let selected = props.value.map(|p| p.to_string()).unwrap_or_default();
    html! {
        <SelectField label={props.label.clone()} {options} selected={AttrValue::from(selected)} {on_change}
            hide_label={props.hide_label} testid={props.testid.clone()} />
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Commit<bool>,
    #[prop_or_default]
    pub hide_label: bool,
}

/// A labelled checkbox. A refused change puts the box back, with the reason beside it.
#[component]
pub fn Checkbox(props: &CheckboxProps) -> Html {
    let id = use_field_id("check");
    let error = use_state_eq(|| None::<String>);
    let onchange = {
        let cb = props.on_change.clone();
        let error = error.clone();
        let checked = props.checked;
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let result = cb.emit(input.checked());
            if result.is_err() {
                input.set_checked(checked);
            }
            answer(&error, result);
        })
    };
    html! {
        <div class="field field-check">
            <input id={id.clone()} type="checkbox" checked={props.checked} {onchange}
                aria-invalid={error.is_some().then_some("true")} aria-describedby={described_by(&id, &error)} />
            <label for={id.clone()} class={label_class(props.hide_label)}>{ &props.label }</label>
            { error_line(&id, &error) }
        </div>
    }
}
