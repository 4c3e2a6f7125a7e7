//! The whole app in a real headless browser: dropping a plan file on the window offers
//! to import it, and a malformed one is refused without touching the plan; Ctrl+Z and
//! Ctrl+Shift+Z undo and redo the plan instead of the browser, except in a text field; an edit
//! the model refuses is answered beside its field by the same `apply` that decides.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_app`.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use plans::*;
use wasm_bindgen::JsCast;
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
    // The engagement's name on the Overview, where a new engagement opens.
    let overview = wait_for(root, "main").await;
    let field = input(&overview, "Engagement name").await;
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

// ---------------------------------------------------------------------------------
// Refusals: one `try_apply`, answered at the field

/// A plan with one engagement (a contracted vendor), one person and a base worksheet.
fn plan_to_edit() -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    person(&mut w, "Ann", StakeholderGroup::Performer, 40);
    let e = engagement(&mut w, "Shop relaunch", Template::ContractedVendor);
    apply(
        &mut w,
        Action::Pricing {
            engagement: e,
            action: PricingAction::AddWorksheet {
                name: "Base".into(),
                style: SellingStyle::Collaborative,
            },
        },
    );
    (w, e)
}

/// The message a field is described by while it is marked invalid.
fn refusal_beside(root: &Element, field: &Element) -> Option<String> {
    if field.get_attribute("aria-invalid").as_deref() != Some("true") {
        return None;
    }
    message_of(root, field)
}

fn undo_enabled(root: &Element) -> bool {
    by_role(root, "button", "Undo").is_some_and(|b| !b.has_attribute("disabled"))
}

#[wasm_bindgen_test]
async fn a_refused_pricing_edit_shows_the_models_message_beside_the_field_and_keeps_the_plan() {
    let (w, e) = plan_to_edit();
    let app = mount_app_on(&w, &format!("#/pricing/{e}")).await;
    let root = &app.root;
    let discount = input(root, "Global discount (%)").await;
    type_into(&discount, "150").await;
    assert_eq!(
        refusal_beside(root, &discount).as_deref(),
        Some("The global discount must be from 0 % to 100 %.")
    );
    // The typed text stays for the user to correct; the plan did not change.
    assert_eq!(discount.value(), "150");
    assert!(!undo_enabled(root), "nothing was applied");
    assert!(
        root.query_selector("[data-testid=error]")
            .unwrap()
            .is_none(),
        "the refusal is shown at the field, not in the app's notice"
    );
    // A value the model accepts clears the refusal and is one undoable step.
    type_into(&discount, "10").await;
    assert_eq!(refusal_beside(root, &discount), None);
    assert!(undo_enabled(root));
}

#[wasm_bindgen_test]
async fn a_refused_people_edit_shows_the_models_message_beside_the_field_and_keeps_the_plan() {
    let (w, _) = plan_to_edit();
    let app = mount_app_on(&w, "#/people").await;
    let root = &app.root;
    let capacity = input(root, "Capacity of Ann (hours/week)").await;
    type_into(&capacity, "200").await;
    let refusal = refusal_beside(root, &capacity).unwrap_or_default();
    assert!(refusal.contains("168"), "{refusal}");
    assert_eq!(capacity.value(), "200");
    assert!(!undo_enabled(root), "nothing was applied");
}

#[wasm_bindgen_test]
async fn a_refused_governance_edit_shows_the_models_message_beside_the_field_and_keeps_the_plan() {
    let (w, e) = plan_to_edit();
    let decision = w.engagements[0].decisions[0].clone();
    let app = mount_app_on(&w, &format!("#/governance/{e}")).await;
    let root = &app.root;
    let name = testid(root, &format!("decision-name-{}", decision.id));
    type_into(&name, "   ").await;
    let refusal = refusal_beside(root, &name).unwrap_or_default();
    assert!(refusal.contains("cannot be empty"), "{refusal}");
    assert_eq!(
        name.dyn_ref::<web_sys::HtmlTextAreaElement>()
            .unwrap()
            .value(),
        "   "
    );
    assert!(!undo_enabled(root), "nothing was applied");
}
