//! "Add …": a name field and a button that adds an item by that name.

use super::fields::{Commit, TextField};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct AddItemProps {
    /// The text field's label ("New function").
    pub label: AttrValue,
    /// The button's text ("Add function").
    pub button: AttrValue,
    /// The text field's `data-testid`.
    pub testid: AttrValue,
    /// Called with the trimmed, non-empty name; a refusal is shown at the field, which
    /// keeps the name.
    pub on_add: Commit<String>,
}

/// A name and an "Add …" button: Enter in the field or the button adds, and the field
/// empties for the next one. An empty name is refused at the field.
#[component]
pub(crate) fn AddItem(props: &AddItemProps) -> Html {
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    let on_commit = {
        let draft = draft.clone();
        let error = error.clone();
        Callback::from(move |value: String| {
            error.set(None);
            draft.set(value);
            Ok(())
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let on_add = props.on_add.clone();
        let label = props.label.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Read the field itself: Enter can submit before its change event has been
            // rendered into `draft`.
            let form: Element = e.target_unchecked_into();
            let input = form
                .query_selector("input[type=text]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
            let value = input
                .as_ref()
                .map(|i| i.value())
                .unwrap_or_else(|| (*draft).clone());
            let name = value.trim().to_string();
            if name.is_empty() {
                error.set(Some(format!(
                    "Type a name in \u{201c}{label}\u{201d} first."
                )));
                return;
            }
            if let Err(refused) = on_add.emit(name) {
                error.set(Some(refused.to_string()));
                return;
            }
            error.set(None);
            if let Some(input) = input {
                input.set_value("");
            }
            draft.set(String::new());
        })
    };
    html! {
        <form class="add-item" {onsubmit}>
            <TextField label={props.label.clone()} value={AttrValue::from((*draft).clone())} {on_commit}
                testid={props.testid.clone()} />
            <button type="submit" class="primary">{ &props.button }</button>
            if let Some(message) = &*error {
                <p class="field-error" role="alert">{ message }</p>
            }
        </form>
    }
}
