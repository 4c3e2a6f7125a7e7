//! Moving the focus where a change of the plan asks for it: at once, or after the next
//! render, when the focused control disappears or is re-created.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Focuses the first element matching `selector` in the document, if there is one.
pub(crate) fn focus_selector(selector: &str) {
    if let Ok(Some(el)) = gloo::utils::document().query_selector(selector) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Asks for an element (a CSS selector) to be focused after the next render, for
/// when the focused control disappears (a removed row) or is re-created (a reset form).
/// The request counter lives outside Yew state, so a callback made in an earlier render
/// still makes a new request each time.
#[derive(Clone)]
pub(crate) struct FocusRequest {
    seq: Rc<Cell<u32>>,
    state: UseStateHandle<(u32, Option<String>)>,
}

impl FocusRequest {
    pub(crate) fn focus(&self, selector: impl Into<String>) {
        let seq = self.seq.get().wrapping_add(1);
        self.seq.set(seq);
        self.state.set((seq, Some(selector.into())));
    }
}

#[hook]
pub(crate) fn use_focus_request() -> FocusRequest {
    let counter = use_memo((), |_| Cell::new(0u32));
    let state = use_state(|| (0u32, None::<String>));
    use_effect_with((*state).clone(), |(_, selector)| {
        if let Some(selector) = selector {
            let found = gloo::utils::document()
                .query_selector(selector)
                .ok()
                .flatten();
            if let Some(el) = found.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    });
    FocusRequest {
        seq: counter,
        state,
    }
}
