//! Browser tests of the organization's standard in the Health view (wasm-bindgen-test +
//! chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_standard`.
//!
//! A departure's finding with "Apply the standard here" and "Accept departure…" (a reason
//! required), "Apply the whole standard", the accepted departures with "Withdraw
//! acceptance", and the standard section: its lists, the sign-off checkboxes, making this
//! engagement's process the standard after a confirmation, and putting back the built-in
//! one. Each view is mounted with a dispatch that applies what it asks, as the app does.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::health::HealthView;
use engagement_planner::model::assessment::{assess, Check};
use engagement_planner::model::standard::open_departures;
use engagement_planner::model::*;
use plans::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn health_view() -> Html {
    html! { <HealthView /> }
}

/// An in-house engagement whose Delivery function is called "Build" and which has no
/// Procurement function: two departures from the built-in standard.
fn departing() -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    let e = departing_intranet(&mut w);
    assert_eq!(open_departures(&w, w.engagement(e).unwrap()), 2);
    (w, e)
}

fn standard_findings(root: &Element) -> Vec<Element> {
    all(root, "[data-testid=finding][data-check='16']")
}

fn focused_id() -> String {
    gloo::utils::document()
        .active_element()
        .map(|el| el.id())
        .unwrap_or_default()
}

/// The text of every element a control's `aria-describedby` names, in order.
fn description(scope: &Element, el: &Element) -> String {
    el.get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .map(|id| text(&by_id(scope, id)))
        .collect::<Vec<_>>()
        .join(" ")
}

const APPLY_DELIVERY: &str = "Apply the standard here: rename the function to Delivery";
const ACCEPT_PROCUREMENT: &str = "Accept departure: The standard's function Procurement is missing";

#[wasm_bindgen_test]
async fn apply_the_standard_to_one_departure() {
    let (w, e) = departing();
    let m = mount_live(w, Some(e), health_view).await;
    assert_eq!(standard_findings(&m.root).len(), 2);
    // Each departure's buttons are named by what they fix.
    assert!(has_button(
        &m.root,
        "Apply the standard here: add the function Procurement"
    ));
    assert!(has_button(&m.root, ACCEPT_PROCUREMENT));
    let finding = standard_findings(&m.root)
        .into_iter()
        .find(|f| text(f).contains("Build"))
        .expect("the renamed function's finding");
    assert!(
        text(&finding).contains(
            "The function the standard calls Delivery is called \u{201c}Build\u{201d} here."
        ),
        "{}",
        text(&finding)
    );

    click(&button(&m.root, APPLY_DELIVERY).await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::ApplyStandard {
            engagement: e,
            departure: Some(DepartureKey::FunctionRenamed("Delivery".into())),
        })
    );
    let w = m.workspace();
    let delivery = function(&w, e, FunctionKind::Delivery);
    let renamed = w.engagement(e).unwrap().function(delivery).unwrap();
    assert_eq!(renamed.name, "Delivery");
    assert_eq!(standard_findings(&m.root).len(), 1);
    assert!(!has_button(&m.root, APPLY_DELIVERY));
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("Applied the standard: rename the function to Delivery.")
    );
    // The focus moves to the next departure's "Apply" button.
    eventually(|| active_name() == "Apply the standard here: add the function Procurement").await;
    // With one departure left, there is no "Apply the whole standard".
    assert!(!has_button(&m.root, "Apply the whole standard"));
}

#[wasm_bindgen_test]
async fn apply_the_whole_standard_at_once() {
    let (w, e) = departing();
    let m = mount_live(w, Some(e), health_view).await;
    click(&button(&m.root, "Apply the whole standard").await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::ApplyStandard {
            engagement: e,
            departure: None,
        })
    );
    assert!(standard_findings(&m.root).is_empty());
    let w = m.workspace();
    assert_eq!(open_departures(&w, w.engagement(e).unwrap()), 0);
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("Applied the standard to Intranet: 2 departures fixed.")
    );
    eventually(|| {
        gloo::utils::document()
            .active_element()
            .is_some_and(|a| a.get_attribute("data-testid").as_deref() == Some("health-summary"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn accept_a_departure_needs_a_reason_and_can_be_withdrawn() {
    let (w, e) = departing();
    let m = mount_live(w, Some(e), health_view).await;
    let before = m.actions().len();

    click(&button(&m.root, ACCEPT_PROCUREMENT).await).await;
    let reason = input(&m.root, "Why this engagement departs").await;
    eventually(|| {
        gloo::utils::document()
            .active_element()
            .is_some_and(|a| a == *reason.unchecked_ref::<Element>())
    })
    .await;

    // Without a reason the model refuses, and says so beside the field.
    click(&button(&m.root, "Accept").await).await;
    assert_eq!(m.actions().len(), before, "nothing was accepted");
    let said = description(&m.root, &reason);
    assert!(
        said.contains("Say why this engagement departs from the standard"),
        "{said}"
    );
    assert_eq!(
        reason.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(standard_findings(&m.root).len(), 2);

    // Cancel closes the field and gives the focus back to the button.
    click(&button(&m.root, "Cancel").await).await;
    assert!(!has_control(&m.root, "Why this engagement departs"));
    eventually(|| active_name() == ACCEPT_PROCUREMENT).await;

    // Escape in the field is Cancel too.
    click(&button(&m.root, ACCEPT_PROCUREMENT).await).await;
    let reason = input(&m.root, "Why this engagement departs").await;
    key(&reason, "Escape");
    settle().await;
    assert!(!has_control(&m.root, "Why this engagement departs"));
    assert_eq!(m.actions().len(), before, "nothing was accepted");
    eventually(|| active_name() == ACCEPT_PROCUREMENT).await;

    // With a reason the departure is accepted and listed with it.
    click(&button(&m.root, ACCEPT_PROCUREMENT).await).await;
    let reason: HtmlInputElement = input(&m.root, "Why this engagement departs").await;
    reason.set_value("The client buys everything through its own purchasing team");
    click(&button(&m.root, "Accept").await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::AcceptDeparture {
            engagement: e,
            departure: DepartureKey::FunctionMissing("Procurement".into()),
            reason: "The client buys everything through its own purchasing team".into(),
        })
    );
    assert_eq!(standard_findings(&m.root).len(), 1);
    let w = m.workspace();
    assert!(!assess(&w, e)
        .findings
        .iter()
        .any(|f| f.check == Check::Standard && f.message.contains("Procurement")));
    let accepted = all(&m.root, "[data-testid=accepted-departure]");
    assert_eq!(accepted.len(), 1);
    let listed = text(&accepted[0]);
    assert!(
        listed.contains("The standard's function Procurement is missing.")
            && listed
                .contains("Reason: The client buys everything through its own purchasing team"),
        "{listed}"
    );
    assert!(m.announced().last().is_some_and(|a| a
        .starts_with("Accepted the departure: The standard's function Procurement is missing.")));
    let withdraw = "Withdraw acceptance: The standard's function Procurement is missing";
    eventually(|| active_name() == withdraw).await;

    // Withdrawing makes it a finding again.
    click(&button(&m.root, withdraw).await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::WithdrawAcceptance {
            engagement: e,
            departure: DepartureKey::FunctionMissing("Procurement".into()),
        })
    );
    assert_eq!(standard_findings(&m.root).len(), 2);
    assert!(all(&m.root, "[data-testid=accepted-departure]").is_empty());
    eventually(|| active_name() == "Apply the standard here: add the function Procurement").await;
}

#[wasm_bindgen_test]
async fn the_standard_section_lists_the_standard_and_sets_its_sign_offs() {
    let (w, e) = departing();
    let m = mount_live(w, Some(e), health_view).await;
    let section = testid(&m.root, "standard-section");
    assert_eq!(
        text(&section.query_selector("h3").unwrap().unwrap()),
        "Organization standard (in-house)"
    );
    let shown = text(&section);
    for part in [
        "Functions (9)",
        "Procurement",
        "Decision areas (4)",
        "Scope change: Consensus",
        "Final deal: Authority",
        "Reports (2)",
        "Status report: Weekly, to Client and Sponsor",
        "Steering committee report: Monthly, to Sponsor",
        "This is the built-in standard.",
    ] {
        assert!(shown.contains(part), "{part:?} in {shown}");
    }
    // The built-in standard cannot be put back: it is the one shown.
    let reset = button(&m.root, "Put back the built-in standard").await;
    assert!(reset.has_attribute("disabled"));

    let sales: HtmlInputElement = input(&section, "Sales").await;
    assert!(
        sales.checked(),
        "the built-in standard requires every sign-off"
    );
    click(&sales).await;
    assert_eq!(
        m.last_action(),
        Some(Action::SetStandardSignOff {
            relationship: Relationship::InHouse,
            party: SignOffParty::Sales,
            required: false,
        })
    );
    assert!(!m
        .workspace()
        .standard
        .in_house
        .signoffs
        .contains(&SignOffParty::Sales));
    let sales: HtmlInputElement = input(&section, "Sales").await;
    assert!(!sales.checked());
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("The in-house standard no longer requires Sales's sign-off.")
    );
}

#[wasm_bindgen_test]
async fn make_this_engagements_process_the_standard_and_put_back_the_built_in_one() {
    let (w, e) = departing();
    let m = mount_live(w, Some(e), health_view).await;
    let adopt = "Make this engagement's process the standard for in-house engagements";
    click(&button(&m.root, adopt).await).await;
    // A confirmation first, saying what it changes.
    let confirm = button(&m.root, "Make it the in-house standard").await;
    let warning = message_of(&m.root, &confirm).unwrap_or_default();
    assert!(
        warning.contains("This changes what every in-house engagement is compared with and what new in-house engagements start from")
            && warning.contains("Intranet's 8 functions, 4 decision areas and 2 reports"),
        "{warning}"
    );
    eventually(|| focused_id() == "standard-adopt-confirm").await;
    // Cancel changes nothing.
    click(&button(&m.root, "Cancel").await).await;
    assert!(m.actions().is_empty());
    eventually(|| focused_id() == "standard-adopt").await;

    click(&button(&m.root, adopt).await).await;
    click(&button(&m.root, "Make it the in-house standard").await).await;
    assert_eq!(m.last_action(), Some(Action::AdoptStandard { from: e }));
    // The engagement is the standard now: no departures, and the section lists its names.
    assert!(standard_findings(&m.root).is_empty());
    let section = testid(&m.root, "standard-section");
    let shown = text(&section);
    assert!(
        shown.contains("Functions (8)") && shown.contains("Build"),
        "{shown}"
    );
    assert!(
        shown.contains("The organization has defined its own."),
        "{shown}"
    );
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("Intranet's process is now the standard for in-house engagements.")
    );
    eventually(|| focused_id() == "standard-title").await;

    let reset = button(&m.root, "Put back the built-in standard").await;
    click(&reset).await;
    assert_eq!(
        m.last_action(),
        Some(Action::ResetStandard {
            relationship: Relationship::InHouse
        })
    );
    assert_eq!(standard_findings(&m.root).len(), 2);
    assert!(text(&testid(&m.root, "standard-section")).contains("This is the built-in standard."));
}

#[wasm_bindgen_test]
async fn a_contracted_engagement_shows_the_contracted_standard() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal", Template::ContractedVendor);
    let m = mount_live(w, Some(e), health_view).await;
    let section = testid(&m.root, "standard-section");
    assert_eq!(
        text(&section.query_selector("h3").unwrap().unwrap()),
        "Organization standard (contracted)"
    );
    assert!(text(&section).contains("Scope change: Authority"));
    assert!(has_button(
        &m.root,
        "Make this engagement's process the standard for contracted engagements"
    ));
    assert!(standard_findings(&m.root).is_empty());
}

#[wasm_bindgen_test]
async fn an_acceptance_whose_departure_has_gone_is_neither_listed_nor_counted() {
    let (mut w, e) = departing();
    for (departure, reason) in [
        (
            DepartureKey::FunctionRenamed("Delivery".into()),
            "The client calls it Build",
        ),
        (
            DepartureKey::FunctionMissing("Procurement".into()),
            "The client buys for itself",
        ),
    ] {
        apply(
            &mut w,
            Action::AcceptDeparture {
                engagement: e,
                departure,
                reason: reason.into(),
            },
        );
    }
    // Delivery is renamed back by hand: its acceptance has nothing left to accept.
    let delivery = function(&w, e, FunctionKind::Delivery);
    apply(
        &mut w,
        Action::RenameFunction {
            engagement: e,
            function: delivery,
            name: "Delivery".into(),
        },
    );
    let m = mount(w, Some(e), health_view).await;
    assert!(standard_findings(&m.root).is_empty());
    assert_eq!(
        text(&by_id(&m.root, "accepted-departures-title")),
        "Accepted departures from the standard (1)"
    );
    let accepted = all(&m.root, "[data-testid=accepted-departure]");
    assert_eq!(accepted.len(), 1);
    assert!(text(&accepted[0]).contains("Procurement"));
}
