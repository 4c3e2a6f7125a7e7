//! The whole app in a real headless browser: dropping a plan file on the window offers
//! to import it, and a malformed one is refused without touching the plan.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_app`.
#![cfg(target_arch = "wasm32")]

use engagement_planner::app::App;
use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{DataTransfer, DragEvent, DragEventInit, Element, File};

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
