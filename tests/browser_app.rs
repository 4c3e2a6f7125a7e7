//! The whole app in a real headless browser: dropping a plan file on the window offers
//! to import it, and a malformed one is refused without touching the plan; Ctrl+Z and
//! Ctrl+Shift+Z undo and redo the plan instead of the browser, except in a text field.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_app`.
#![cfg(target_arch = "wasm32")]

use engagement_planner::app::App;
use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    DataTransfer, DragEvent, DragEventInit, Element, File, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh app on empty storage, once its effects (the window's drop listener
/// among them) have run.
async fn mount() -> (Element, yew::AppHandle<App>) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "[data-testid=save-state]").await;
    // Effects run in the scheduler pass after the first render.
    tick().await;
    tick().await;
    (root, handle)
}

async fn tick() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// Waits (up to two seconds) for an element to appear under `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "{selector} did not appear; the page holds: {}",
        root.text_content().unwrap_or_default()
    );
}

fn drop_file(name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&contents.into());
    let file = File::new_with_str_sequence(&parts, name).unwrap();
    let transfer = DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    web_sys::window()
        .unwrap()
        .dispatch_event(event.unchecked_ref())
        .unwrap();
}

fn sample() -> String {
    let mut w = Workspace::default();
    w.apply(Action::CreateEngagement {
        name: "Dropped engagement".into(),
        template: Template::ContractedVendor,
    })
    .unwrap();
    to_json(&w, None)
}

#[wasm_bindgen_test]
async fn dropping_a_plan_file_offers_to_import_it() {
    let (root, app) = mount().await;
    drop_file("dropped.workspace.json", &sample());
    let offer = wait_for(&root, "[data-testid=import-offer]").await;
    let text = offer.text_content().unwrap_or_default();
    assert!(text.contains("dropped.workspace.json"), "{text}");
    assert!(text.contains("Dropped engagement"), "{text}");
    // Accepting adds the engagement and selects it.
    let add = offer.query_selector_all("button").unwrap();
    let add = (0..add.length())
        .filter_map(|i| add.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.text_content().as_deref() == Some("Add as new engagement"))
        .expect("an Add as new engagement button");
    add.click();
    tick().await;
    let switcher = wait_for(&root, "[data-testid=engagement-switcher]").await;
    assert!(switcher
        .text_content()
        .unwrap_or_default()
        .contains("Dropped engagement"));
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn dropping_a_malformed_file_is_refused_and_changes_nothing() {
    let (root, app) = mount().await;
    drop_file("broken.json", "{ this is not json");
    let error = wait_for(&root, "[data-testid=error]").await;
    let text = error.text_content().unwrap_or_default();
    assert!(text.contains("broken.json"), "{text}");
    assert!(text.contains("not imported"), "{text}");
    assert!(root
        .query_selector("[data-testid=import-offer]")
        .unwrap()
        .is_none());
    // The empty plan is still the empty plan: the welcome is still there.
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Start an engagement"));
    app.destroy();
    root.remove();
}

/// Presses `key` with Ctrl (and Shift) on `target`, as a keyboard would, and returns the
/// event once every listener has seen it.
fn press_ctrl(target: &web_sys::EventTarget, key: &str, shift: bool) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(true);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

/// Records what the page writes with `console.error` and `console.warn` from now on.
fn watch_console() -> js_sys::Array {
    js_sys::Function::new_no_args(
        "const seen = [];
         for (const kind of ['error', 'warn']) {
           const original = console[kind];
           console[kind] = function (...args) {
             seen.push(kind + ': ' + args.map(String).join(' '));
             return original.apply(this, args);
           };
         }
         return seen;",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap()
    .unchecked_into()
}

async fn status_says(root: &Element, words: &str) {
    let status = wait_for(root, "[data-testid=status]").await;
    for _ in 0..200 {
        if status.text_content().unwrap_or_default().contains(words) {
            return;
        }
        tick().await;
    }
    panic!(
        "the status never said {words:?}: {:?}",
        status.text_content()
    );
}

/// Starts an in-house project from the welcome: one change of the plan to undo.
async fn start_an_engagement(root: &Element) {
    let start = wait_for(root, ".welcome button.primary").await;
    start.unchecked_ref::<web_sys::HtmlElement>().click();
    wait_for(root, "[data-testid=engagement-switcher]").await;
}

#[wasm_bindgen_test]
async fn ctrl_z_undoes_the_plan_and_keeps_the_browsers_own_undo_out() {
    let (root, app) = mount().await;
    let console = watch_console();
    start_an_engagement(&root).await;
    let body: web_sys::EventTarget = document().body().unwrap().into();

    let undo = press_ctrl(&body, "z", false);
    // A passive listener cannot prevent the default (Chrome then logs "Unable to
    // preventDefault inside passive event listener"): the browser would undo as well.
    assert!(undo.default_prevented(), "Ctrl+Z is the app's undo alone");
    status_says(&root, "Undone.").await;
    wait_for(&root, ".welcome").await;

    let redo = press_ctrl(&body, "Z", true);
    assert!(
        redo.default_prevented(),
        "Ctrl+Shift+Z is the app's redo alone"
    );
    status_says(&root, "Redone.").await;
    wait_for(&root, "[data-testid=engagement-switcher]").await;

    let redo = press_ctrl(&body, "y", false);
    assert!(redo.default_prevented(), "Ctrl+Y is the app's redo alone");
    status_says(&root, "Nothing to redo.").await;

    assert_eq!(console.length(), 0, "console: {:?}", console.to_vec());
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn ctrl_z_in_a_text_field_is_the_fields_own_undo() {
    let (root, app) = mount().await;
    start_an_engagement(&root).await;
    let field = wait_for(&root, "#new-engagement-name").await;
    field
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();

    let undo = press_ctrl(&field, "z", false);
    assert!(
        !undo.default_prevented(),
        "the browser undoes the typing in the field"
    );
    tick().await;
    tick().await;
    let status = wait_for(&root, "[data-testid=status]").await;
    assert!(
        !status.text_content().unwrap_or_default().contains("Undone"),
        "the plan is not undone from inside a text field"
    );
    assert!(root.query_selector(".welcome").unwrap().is_none());
    app.destroy();
    root.remove();
}
