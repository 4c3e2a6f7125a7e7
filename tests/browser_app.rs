//! The whole app in a real headless browser: dropping a plan file on the window offers
//! to import it, and a malformed one is refused without touching the plan; Ctrl+Z and
//! Ctrl+Shift+Z undo and redo the plan instead of the browser, except in a text field.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_app`.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use plans::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn sample() -> String {
    let mut w = Workspace::default();
    engagement(&mut w, "Dropped engagement", Template::ContractedVendor);
    to_json(&w, None)
}

#[wasm_bindgen_test]
async fn dropping_a_plan_file_offers_to_import_it() {
    let app = mount_app().await;
    let root = &app.root;
    drop_file("dropped.workspace.json", &sample());
    let offer = wait_for(root, "[data-testid=import-offer]").await;
    let words = text(&offer);
    assert!(words.contains("dropped.workspace.json"), "{words}");
    assert!(words.contains("Dropped engagement"), "{words}");
    // Accepting adds the engagement and selects it.
    click(&button(&offer, "Add as new engagement").await).await;
    let switcher = wait_for(root, "[data-testid=engagement-switcher]").await;
    assert!(text(&switcher).contains("Dropped engagement"));
}

#[wasm_bindgen_test]
async fn dropping_a_malformed_file_is_refused_and_changes_nothing() {
    let app = mount_app().await;
    let root = &app.root;
    drop_file("broken.json", "{ this is not json");
    let error = wait_for(root, "[data-testid=error]").await;
    let words = text(&error);
    assert!(words.contains("broken.json"), "{words}");
    assert!(words.contains("not imported"), "{words}");
    assert!(root
        .query_selector("[data-testid=import-offer]")
        .unwrap()
        .is_none());
    // The empty plan is still the empty plan: the welcome is still there.
    assert!(text(root).contains("Start an engagement"));
}

/// Waits until the status line says `words`.
async fn status_says(root: &Element, words: &str) {
    let status = wait_for(root, "[data-testid=status]").await;
    eventually(|| text(&status).contains(words)).await;
}

/// Starts an in-house project from the welcome: one change of the plan to undo.
async fn start_an_engagement(root: &Element) {
    click(&button(root, "Start an in-house project").await).await;
    wait_for(root, "[data-testid=engagement-switcher]").await;
}

#[wasm_bindgen_test]
async fn ctrl_z_undoes_the_plan_and_keeps_the_browsers_own_undo_out() {
    let app = mount_app().await;
    let root = &app.root;
    let console = ConsoleWatch::start();
    start_an_engagement(root).await;
    let body: web_sys::EventTarget = gloo::utils::body().into();

    let undo = press(&body, "z", true, false);
    // A passive listener cannot prevent the default (Chrome then logs "Unable to
    // preventDefault inside passive event listener"): the browser would undo as well.
    assert!(undo.default_prevented(), "Ctrl+Z is the app's undo alone");
    status_says(root, "Undone.").await;
    wait_for(root, ".welcome").await;

    let redo = press(&body, "Z", true, true);
    assert!(
        redo.default_prevented(),
        "Ctrl+Shift+Z is the app's redo alone"
    );
    status_says(root, "Redone.").await;
    wait_for(root, "[data-testid=engagement-switcher]").await;

    let redo = press(&body, "y", true, false);
    assert!(redo.default_prevented(), "Ctrl+Y is the app's redo alone");
    status_says(root, "Nothing to redo.").await;

    assert_eq!(console.messages(), Vec::<String>::new());
}

#[wasm_bindgen_test]
async fn ctrl_z_in_a_text_field_is_the_fields_own_undo() {
    let app = mount_app().await;
    let root = &app.root;
    start_an_engagement(root).await;
    // The engagement's name in the header (the Overview has a field of that name too).
    let title = wait_for(root, ".engagement-title").await;
    let field = input(&title, "Engagement name").await;
    field.focus().unwrap();

    let undo = press(&field, "z", true, false);
    assert!(
        !undo.default_prevented(),
        "the browser undoes the typing in the field"
    );
    settle().await;
    settle().await;
    assert!(
        !text(&testid(root, "status")).contains("Undone"),
        "the plan is not undone from inside a text field"
    );
    assert!(root.query_selector(".welcome").unwrap().is_none());

    // A select has no typing of its own to undo: there, Ctrl+Z undoes the plan.
    let switcher = testid(root, "engagement-switcher");
    let undo = press(&switcher, "z", true, false);
    assert!(undo.default_prevented(), "Ctrl+Z on a select is the app's");
    status_says(root, "Undone.").await;
}
