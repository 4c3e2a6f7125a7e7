//! End-to-end journey of the organization's standard through the release build in
//! Chromium, Firefox or WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`): a function
//! renamed on the Roles view is a departure on the Health view; "Apply the standard here"
//! renames it back and Undo brings the departure back; a departure accepted with a reason
//! stays accepted over a reload.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_standard -- --test-threads=1
//! ```
//!
//! `standard_screenshots` writes the Health view with departures and the standard section
//! at 1024×768, in the normal and the projector theme, to
//! `target/screenshots/<engine>/standard-*.png`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

mod plans;

use engagement_planner::model::*;
use plans::{apply, decision, departing_intranet, engagement, function};
use serde_json::{json, Value as Json};
use support::{
    el_arg, open_on, screenshot_at, screenshot_dir, set_projector, stored_workspace, wait_saved,
    Session,
};

const APPLY_DELIVERY: &str = "Apply the standard here: rename the function to Delivery";
const ACCEPT_DELIVERY: &str =
    "Accept departure: The function the standard calls Delivery is called \u{201c}Build\u{201d} here";
const REASON: &str = "The client calls its delivery team the build team";

/// "Intranet", an in-house project made from the built-in standard (no departures).
fn plan() -> Workspace {
    let mut w = Workspace::default();
    engagement(&mut w, "Intranet", Template::InHouseProject);
    w
}

fn delivery(w: &Workspace) -> FunctionId {
    function(w, w.engagements[0].id, FunctionKind::Delivery)
}

/// The stored name of the Delivery function.
fn stored_delivery_name(w: &Json, id: FunctionId) -> Option<String> {
    w["engagements"][0]["functions"]
        .as_array()?
        .iter()
        .find(|f| f["id"] == json!(id.0))
        .and_then(|f| f["name"].as_str().map(str::to_string))
}

/// Follows the link called `name` in the "Views" navigation and waits for its view.
async fn go(s: &Session, name: &str) {
    let nav = s.by_role("navigation", "Views").await;
    let link = s.by_role_in(&nav, "link", name).await;
    s.click(&link).await;
    wait_view(s, name).await;
}

async fn wait_view(s: &Session, name: &str) {
    let script = format!(
        "const h = document.querySelector('main h2'); return !!h && h.textContent.trim() === {};",
        serde_json::to_string(name).unwrap()
    );
    s.wait_for_js(&format!("the {name} view"), &script).await;
}

/// How many check-16 findings the Health view shows.
async fn standard_findings(s: &Session) -> usize {
    s.all_by_css("[data-testid=finding][data-check='16']")
        .await
        .len()
}

#[tokio::test]
async fn apply_the_standard_undo_it_and_accept_a_departure() {
    let Some(s) = Session::start().await else {
        return;
    };
    let w = plan();
    let id = delivery(&w);
    open_on(&s, &w).await;

    // Rename Delivery on the Roles view.
    go(&s, "Roles").await;
    let name = s.by_testid(&format!("function-name-{id}")).await;
    s.fill(&name, "Build").await;
    s.type_keys(&name, "\u{e007}").await;
    s.wait_until("the rename to be stored", async || {
        stored_delivery_name(&stored_workspace(&s).await, id).as_deref() == Some("Build")
    })
    .await;

    // Health shows the departure with its fix.
    go(&s, "Health").await;
    s.wait_until("the departure on Health", async || {
        standard_findings(&s).await == 1
    })
    .await;
    assert!(
        s.page_text().await.contains(
            "The function the standard calls Delivery is called \u{201c}Build\u{201d} here."
        ),
        "the finding names both names"
    );

    // Apply the standard here: the finding goes and the function is Delivery again.
    s.click_role("button", APPLY_DELIVERY).await;
    s.wait_until("the departure to go", async || {
        standard_findings(&s).await == 0
    })
    .await;
    s.wait_until("Delivery to be stored", async || {
        stored_delivery_name(&stored_workspace(&s).await, id).as_deref() == Some("Delivery")
    })
    .await;
    let status = s.by_testid("status").await;
    s.wait_until("the status line to say what was applied", async || {
        s.text_of(&status).await == "Applied the standard: rename the function to Delivery."
    })
    .await;

    // Undo brings the departure back.
    s.click_role("button", "Undo").await;
    s.wait_until("Undo to bring the departure back", async || {
        standard_findings(&s).await == 1
    })
    .await;
    s.wait_until("Build to be stored again", async || {
        stored_delivery_name(&stored_workspace(&s).await, id).as_deref() == Some("Build")
    })
    .await;

    // Accept it: without a reason it is refused beside the field, with one it is accepted.
    s.click_role("button", ACCEPT_DELIVERY).await;
    let reason = s.by_label("Why this engagement departs").await;
    // Enter in the empty field asks to accept, as the button does.
    s.type_keys(&reason, "\u{e007}").await;
    s.wait_for_text("Say why this engagement departs from the standard")
        .await;
    assert_eq!(
        s.attr_of(&reason, "aria-invalid").await.as_deref(),
        Some("true")
    );
    s.fill(&reason, REASON).await;
    // In the middle of the window, clear of the status bar fixed at its foot.
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![el_arg(&reason)],
    )
    .await;
    s.click_role("button", "Accept").await;
    s.wait_until("the departure to be accepted", async || {
        standard_findings(&s).await == 0 && s.all_by_testid("accepted-departure").await.len() == 1
    })
    .await;
    wait_saved(&s).await;
    let stored = stored_workspace(&s).await;
    assert_eq!(
        stored["engagements"][0]["accepted_departures"][0]["reason"],
        json!(REASON),
        "the acceptance and its reason are stored: {}",
        stored["engagements"][0]["accepted_departures"]
    );

    // Still accepted after a reload.
    s.reload().await;
    wait_view(&s, "Health").await;
    let accepted = s.by_testid("accepted-departure").await;
    let shown = s.text_of(&accepted).await;
    assert!(
        shown.contains("Build") && shown.contains(&format!("Reason: {REASON}")),
        "{shown}"
    );
    assert_eq!(standard_findings(&s).await, 0);
    s.assert_no_js_errors().await;
}

/// An engagement with four departures (a function renamed, one removed, a decision
/// decided another way, a report missing), one of them accepted, and the reason field of
/// another open, for the screenshots.
fn departing_plan() -> Workspace {
    let mut w = Workspace::default();
    let e = departing_intranet(&mut w);
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    apply(
        &mut w,
        Action::EditDecisionArea {
            engagement: e,
            decision: scope,
            edit: DecisionEdit::Method(Some(DecisionMethod::Majority)),
        },
    );
    let report = w.engagement(e).unwrap().reports[1].id;
    apply(
        &mut w,
        Action::RemoveReport {
            engagement: e,
            report,
        },
    );
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: e,
            departure: DepartureKey::FunctionMissing("Procurement".into()),
            reason: "The client buys through its own purchasing team".into(),
        },
    );
    w
}

#[tokio::test]
async fn standard_screenshots() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_on(&s, &departing_plan()).await;
    go(&s, "Health").await;
    s.set_viewport(1024, 768).await;
    let dir = screenshot_dir();
    for (theme, projector) in [("normal", false), ("projector", true)] {
        set_projector(&s, projector).await;
        s.click_role("button", ACCEPT_DELIVERY).await;
        s.by_label("Why this engagement departs").await;
        for (part, selector) in [
            ("summary", "[data-testid=health-summary]"),
            ("departures", "[data-check='16']"),
            ("accepted", ".accepted-departures"),
            ("section", "[data-testid=standard-section]"),
        ] {
            let el = s.by_css(selector).await;
            let path = dir.join(format!("standard-{part}-{theme}-1024x768.png"));
            screenshot_at(&s, &el, &path).await;
        }
        s.click_role("button", "Cancel").await;
    }
    s.assert_no_js_errors().await;
}
