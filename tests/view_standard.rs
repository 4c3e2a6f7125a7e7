//! Host tests of the Health view's words for the organization's standard
//! (`view::health`): the departures' button names and ids, the announcements, and how
//! the standard itself is described. `cargo test --test view_standard`.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::standard::StandardReport;
use engagement_planner::model::*;
use engagement_planner::view::health::*;
use std::collections::BTreeSet;

fn keys() -> Vec<DepartureKey> {
    let n = || "Delivery".to_string();
    vec![
        DepartureKey::FunctionMissing(n()),
        DepartureKey::FunctionRenamed(n()),
        DepartureKey::DecisionMissing(n()),
        DepartureKey::DecisionRenamed(n()),
        DepartureKey::MethodDiffers(n()),
        DepartureKey::ReportMissing(n()),
        DepartureKey::FrequencyDiffers(n()),
    ]
}

#[test]
fn apply_buttons_name_what_they_fix_and_differ_per_departure() {
    assert_eq!(
        apply_label(&DepartureKey::FunctionMissing("Procurement".into())),
        "Apply the standard here: add the function Procurement"
    );
    assert_eq!(
        apply_label(&DepartureKey::MethodDiffers("Scope change".into())),
        "Apply the standard here: decide Scope change by the standard's method"
    );
    let labels: BTreeSet<String> = keys().iter().map(apply_label).collect();
    assert_eq!(labels.len(), 7, "every kind of departure has its own name");
    assert_eq!(
        applied_words(&DepartureKey::ReportMissing("Status report".into())),
        "Applied the standard: add the report Status report."
    );
}

#[test]
fn accept_and_withdraw_names_repeat_the_first_sentence() {
    let message = "Scope change is decided by majority here; the standard decides it by consensus.";
    assert_eq!(
        accept_label(message),
        "Accept departure: Scope change is decided by majority here; the standard decides it by consensus"
    );
    assert_eq!(
        withdraw_label("The standard's report Status report is missing. More words."),
        "Withdraw acceptance: The standard's report Status report is missing"
    );
}

#[test]
fn departure_ids_are_stable_valid_and_distinct() {
    let ids: BTreeSet<String> = keys().iter().map(departure_anchor).collect();
    assert_eq!(ids.len(), 7);
    let a = departure_anchor(&DepartureKey::FunctionMissing("Quality & Co".into()));
    let b = departure_anchor(&DepartureKey::FunctionMissing("Quality - Co".into()));
    assert_ne!(a, b, "names that read alike still get their own ids");
    assert_eq!(
        a,
        departure_anchor(&DepartureKey::FunctionMissing("Quality & Co".into()))
    );
    for id in [a, b] {
        assert!(id.starts_with("departure-function-missing-quality"), "{id}");
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "usable as a CSS id selector: {id}"
        );
    }
}

#[test]
fn the_standard_in_words() {
    assert_eq!(
        standard_title(Relationship::Contracted),
        "Organization standard (contracted)"
    );
    assert_eq!(method_text(Some(DecisionMethod::Consensus)), "Consensus");
    assert_eq!(method_text(None), "No method");
    let report = |audience: &[StakeholderGroup], frequency| StandardReport {
        name: "Status report".into(),
        audience: audience.iter().copied().collect(),
        frequency,
    };
    assert_eq!(
        report_text(&report(
            &[
                StakeholderGroup::Client,
                StakeholderGroup::Sponsor,
                StakeholderGroup::Performer
            ],
            Some(Frequency::Weekly)
        )),
        "Weekly, to Client, Sponsor and Performer"
    );
    assert_eq!(
        report_text(&report(&[StakeholderGroup::Sponsor], None)),
        "No frequency, to Sponsor"
    );
    assert_eq!(
        report_text(&report(&[], Some(Frequency::Monthly))),
        "Monthly, no audience"
    );
    assert_eq!(
        applied_all_words(3, "Intranet"),
        "Applied the standard to Intranet: 3 departures fixed."
    );
}

#[test]
fn the_adopt_confirmation_says_what_changes() {
    let mut w = Workspace::default();
    w.apply(Action::CreateEngagement {
        name: "Intranet".into(),
        template: Template::InHouseProject,
    })
    .unwrap();
    let e = &w.engagements[0];
    let said = adopt_warning(Relationship::InHouse, e);
    assert!(
        said.starts_with("This changes what every in-house engagement is compared with and what new in-house engagements start from: Intranet's 9 functions, 4 decision areas and 2 reports become the standard."),
        "{said}"
    );
}
