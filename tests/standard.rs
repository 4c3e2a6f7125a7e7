//! Host tests of the organization's standard (check 16) and of client accounts: what
//! departs from the standard, applying it, accepting a departure with a reason, making an
//! engagement's process the standard; accounts made from typed clients, renamed, removed,
//! carried through export and import. Every workspace is built through `apply`.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::assessment::{assess, Check, Severity, Subject};
use engagement_planner::model::standard::{departures, open_departures, DepartureSubject};
use engagement_planner::model::*;
use engagement_planner::storage;
use plans::*;
use std::collections::BTreeSet;

fn refused(w: &mut Workspace, action: Action) -> ModelError {
    let before = w.clone();
    let err = w.apply(action).expect_err("the action should be refused");
    assert_eq!(*w, before, "a refused action changes nothing");
    err
}

fn keys(w: &Workspace, e: EngagementId) -> Vec<DepartureKey> {
    departures(w, w.engagement(e).unwrap())
        .into_iter()
        .map(|d| d.key)
        .collect()
}

fn standard_findings(w: &Workspace, e: EngagementId) -> Vec<String> {
    assess(w, e)
        .findings
        .into_iter()
        .filter(|f| f.check == Check::Standard)
        .map(|f| f.message)
        .collect()
}

fn function_named(w: &Workspace, e: EngagementId, kind: FunctionKind) -> &str {
    &w.engagement(e)
        .unwrap()
        .function_of_kind(kind)
        .unwrap()
        .name
}

fn remove_function(w: &mut Workspace, e: EngagementId, kind: FunctionKind) {
    let function = function(w, e, kind);
    apply(
        w,
        Action::RemoveFunction {
            engagement: e,
            function,
        },
    );
}

fn rename_function(w: &mut Workspace, e: EngagementId, kind: FunctionKind, name: &str) {
    let function = function(w, e, kind);
    apply(
        w,
        Action::RenameFunction {
            engagement: e,
            function,
            name: name.into(),
        },
    );
}

// ---------------------------------------------------------------------------------
// Departures

#[test]
fn a_new_engagement_of_either_kind_follows_the_standard() {
    let mut w = Workspace::default();
    for template in Template::ALL {
        let e = engagement(&mut w, template.label(), template);
        assert_eq!(keys(&w, e), [], "{template:?}");
        assert!(standard_findings(&w, e).is_empty());
    }
}

#[test]
fn a_missing_or_renamed_function_departs_and_says_so() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Shop", Template::ContractedVendor);
    remove_function(&mut w, e, FunctionKind::Legal);
    rename_function(&mut w, e, FunctionKind::Procurement, "Purchasing");
    let found = departures(&w, w.engagement(e).unwrap());
    assert_eq!(
        found.iter().map(|d| d.key.clone()).collect::<Vec<_>>(),
        [
            DepartureKey::FunctionRenamed("Procurement".into()),
            DepartureKey::FunctionMissing("Legal".into()),
        ]
    );
    assert_eq!(
        found[0].message,
        "The function the standard calls Procurement is called \u{201c}Purchasing\u{201d} here."
    );
    assert_eq!(
        found[0].subject,
        DepartureSubject::Function(function(&w, e, FunctionKind::Procurement))
    );
    assert_eq!(
        found[1].message,
        "The standard's function Legal is missing."
    );
    assert_eq!(found[1].subject, DepartureSubject::Functions);
    // A change of case only is the same name.
    rename_function(&mut w, e, FunctionKind::Procurement, "PROCUREMENT");
    assert_eq!(keys(&w, e), [DepartureKey::FunctionMissing("Legal".into())]);
    // As findings of check 16, warnings linked to where they are fixed, with the fix.
    let a = assess(&w, e);
    let f = a
        .findings
        .iter()
        .find(|f| f.check == Check::Standard)
        .unwrap();
    assert_eq!(f.subject, Subject::Functions);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.departure,
        Some(DepartureKey::FunctionMissing("Legal".into()))
    );
    assert_eq!(
        f.fix,
        "Apply the standard here (add the function Legal), or accept the departure with a reason if this engagement needs it."
    );
    assert_eq!(open_departures(&w, w.engagement(e).unwrap()), 1);
}

#[test]
fn decision_areas_depart_by_absence_name_and_method() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    let deal = decision(&w, e, DecisionKind::FinalDeal);
    let escalation = decision(&w, e, DecisionKind::Escalation);
    edit_decision(
        &mut w,
        e,
        scope,
        DecisionEdit::Method(Some(DecisionMethod::Majority)),
    );
    edit_decision(&mut w, e, deal, DecisionEdit::Name("Contract".into()));
    apply(
        &mut w,
        Action::RemoveDecisionArea {
            engagement: e,
            decision: escalation,
        },
    );
    let found = departures(&w, w.engagement(e).unwrap());
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Scope change is decided by majority here; the standard decides it by consensus.",
            "The decision area the standard calls Final deal is called \u{201c}Contract\u{201d} here.",
            "The standard's decision area Escalation is missing.",
        ]
    );
    assert_eq!(found[0].subject, DepartureSubject::Decision(scope));
    assert_eq!(found[2].subject, DepartureSubject::Decisions);
    // No method at all departs too.
    edit_decision(&mut w, e, scope, DecisionEdit::Method(None));
    assert_eq!(
        departures(&w, w.engagement(e).unwrap())[0].message,
        "Scope change is decided with no method here; the standard decides it by consensus."
    );
}

#[test]
fn reports_depart_by_absence_and_frequency_matched_by_name() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let reports = w.engagement(e).unwrap().reports.clone();
    apply(
        &mut w,
        Action::EditReport {
            engagement: e,
            report: reports[0].id,
            edit: ReportEdit::Frequency(Some(Frequency::Monthly)),
        },
    );
    apply(
        &mut w,
        Action::RemoveReport {
            engagement: e,
            report: reports[1].id,
        },
    );
    assert_eq!(
        keys(&w, e),
        [
            DepartureKey::FrequencyDiffers("Status report".into()),
            DepartureKey::ReportMissing("Steering committee report".into()),
        ]
    );
    assert_eq!(
        departures(&w, w.engagement(e).unwrap())[0].message,
        "Status report goes out monthly here; the standard sends it weekly."
    );
    // A report of the same name in another case is the standard's.
    apply(
        &mut w,
        Action::AddReport {
            engagement: e,
            name: "steering COMMITTEE report".into(),
        },
    );
    let added = w.engagement(e).unwrap().reports.last().unwrap().id;
    assert_eq!(
        keys(&w, e),
        [
            DepartureKey::FrequencyDiffers("Status report".into()),
            DepartureKey::FrequencyDiffers("Steering committee report".into()),
        ]
    );
    assert_eq!(
        departures(&w, w.engagement(e).unwrap())[1].subject,
        DepartureSubject::Report(added)
    );
}

// ---------------------------------------------------------------------------------
// Applying the standard

#[test]
fn applying_one_departure_fixes_that_item_only() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Shop", Template::ContractedVendor);
    remove_function(&mut w, e, FunctionKind::Legal);
    rename_function(&mut w, e, FunctionKind::Procurement, "Purchasing");
    apply(
        &mut w,
        Action::ApplyStandard {
            engagement: e,
            departure: Some(DepartureKey::FunctionMissing("Legal".into())),
        },
    );
    assert_eq!(function_named(&w, e, FunctionKind::Legal), "Legal");
    assert_eq!(
        function_named(&w, e, FunctionKind::Procurement),
        "Purchasing"
    );
    assert_eq!(
        keys(&w, e),
        [DepartureKey::FunctionRenamed("Procurement".into())]
    );
    apply(
        &mut w,
        Action::ApplyStandard {
            engagement: e,
            departure: Some(DepartureKey::FunctionRenamed("Procurement".into())),
        },
    );
    assert_eq!(
        function_named(&w, e, FunctionKind::Procurement),
        "Procurement"
    );
    assert_eq!(keys(&w, e), []);
    // Not a departure (any more): refused, and nothing changes.
    assert_eq!(
        refused(
            &mut w,
            Action::ApplyStandard {
                engagement: e,
                departure: Some(DepartureKey::FunctionMissing("Legal".into())),
            }
        ),
        ModelError::NotADeparture("Legal".into())
    );
}

/// A decision area both renamed and decided by another method departs twice; fixing one
/// of the two leaves the other as the engagement has it, whichever goes first.
#[test]
fn a_decision_areas_name_and_method_are_fixed_one_at_a_time() {
    let mut w = Workspace::default();
    let renamed = DepartureKey::DecisionRenamed("Scope change".into());
    let method = DepartureKey::MethodDiffers("Scope change".into());
    for (first, then) in [(&method, &renamed), (&renamed, &method)] {
        let e = engagement(&mut w, "Intranet", Template::InHouseProject);
        let scope = decision(&w, e, DecisionKind::ScopeChange);
        edit_decision(&mut w, e, scope, DecisionEdit::Name("Changes".into()));
        edit_decision(
            &mut w,
            e,
            scope,
            DecisionEdit::Method(Some(DecisionMethod::Majority)),
        );
        let mut both = vec![renamed.clone(), method.clone()];
        both.sort();
        assert_eq!(keys(&w, e), both);
        apply(
            &mut w,
            Action::ApplyStandard {
                engagement: e,
                departure: Some(first.clone()),
            },
        );
        assert_eq!(
            keys(&w, e),
            std::slice::from_ref(then),
            "after fixing {first:?}"
        );
        let area = w.engagement(e).unwrap().decision(scope).unwrap();
        if first == &method {
            assert_eq!(area.name, "Changes");
            assert_eq!(area.method, Some(DecisionMethod::Consensus));
        } else {
            assert_eq!(area.name, "Scope change");
            assert_eq!(area.method, Some(DecisionMethod::Majority));
        }
    }
}

#[test]
fn a_missing_item_comes_back_as_the_standard_has_it() {
    let mut w = Workspace::default();
    let model = engagement(&mut w, "Model", Template::InHouseProject);
    // The organization calls legal "Contracts", decides escalations by consensus and
    // sends a daily stand-up note to performers.
    rename_function(&mut w, model, FunctionKind::Legal, "Contracts");
    let escalation = decision(&w, model, DecisionKind::Escalation);
    edit_decision(
        &mut w,
        model,
        escalation,
        DecisionEdit::Method(Some(DecisionMethod::Consensus)),
    );
    edit_decision(
        &mut w,
        model,
        escalation,
        DecisionEdit::Name("Raising issues".into()),
    );
    apply(
        &mut w,
        Action::AddReport {
            engagement: model,
            name: "Stand-up note".into(),
        },
    );
    let note = w.engagement(model).unwrap().reports.last().unwrap().id;
    for edit in [
        ReportEdit::Frequency(Some(Frequency::Daily)),
        ReportEdit::Audience(BTreeSet::from([StakeholderGroup::Performer])),
    ] {
        apply(
            &mut w,
            Action::EditReport {
                engagement: model,
                report: note,
                edit,
            },
        );
    }
    apply(&mut w, Action::AdoptStandard { from: model });
    assert_eq!(keys(&w, model), []);

    // An engagement without them gets them back exactly so, in one step.
    let other = engagement(&mut w, "Other", Template::InHouseProject);
    assert_eq!(function_named(&w, other, FunctionKind::Legal), "Contracts");
    remove_function(&mut w, other, FunctionKind::Legal);
    let escalation = decision(&w, other, DecisionKind::Escalation);
    apply(
        &mut w,
        Action::RemoveDecisionArea {
            engagement: other,
            decision: escalation,
        },
    );
    let note = w.engagement(other).unwrap().reports.last().unwrap().id;
    apply(
        &mut w,
        Action::RemoveReport {
            engagement: other,
            report: note,
        },
    );
    assert_eq!(keys(&w, other).len(), 3);
    let mut history = History::new(w.clone());
    history
        .apply(Action::ApplyStandard {
            engagement: other,
            departure: None,
        })
        .unwrap();
    let after = history.present().clone();
    assert_eq!(keys(&after, other), []);
    let e = after.engagement(other).unwrap();
    assert_eq!(
        function_named(&after, other, FunctionKind::Legal),
        "Contracts"
    );
    let area = e
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::Escalation)
        .unwrap();
    assert_eq!(area.name, "Raising issues");
    assert_eq!(area.method, Some(DecisionMethod::Consensus));
    let report = e
        .reports
        .iter()
        .find(|r| r.name == "Stand-up note")
        .unwrap();
    assert_eq!(report.frequency, Some(Frequency::Daily));
    assert_eq!(
        report.audience,
        BTreeSet::from([StakeholderGroup::Performer])
    );
    // One step: one undo brings every departure back.
    history.undo();
    assert_eq!(*history.present(), w);
}

#[test]
fn applying_the_whole_standard_leaves_accepted_departures_as_they_are() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Shop", Template::ContractedVendor);
    rename_function(&mut w, e, FunctionKind::SalesMarketing, "Advocacy");
    remove_function(&mut w, e, FunctionKind::Legal);
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: e,
            departure: DepartureKey::FunctionRenamed("Sales and marketing".into()),
            reason: "  The sponsor's word for it.  ".into(),
        },
    );
    apply(
        &mut w,
        Action::ApplyStandard {
            engagement: e,
            departure: None,
        },
    );
    assert_eq!(
        function_named(&w, e, FunctionKind::SalesMarketing),
        "Advocacy"
    );
    let left = departures(&w, w.engagement(e).unwrap());
    assert_eq!(left.len(), 1);
    assert_eq!(
        left[0].accepted.as_deref(),
        Some("The sponsor's word for it.")
    );
    assert_eq!(open_departures(&w, w.engagement(e).unwrap()), 0);
    assert!(standard_findings(&w, e).is_empty());
    // Applying the accepted one by name fixes it and forgets the acceptance.
    apply(
        &mut w,
        Action::ApplyStandard {
            engagement: e,
            departure: Some(DepartureKey::FunctionRenamed("Sales and marketing".into())),
        },
    );
    assert_eq!(keys(&w, e), []);
    assert!(w.engagement(e).unwrap().accepted_departures.is_empty());
}

// ---------------------------------------------------------------------------------
// Accepting a departure

#[test]
fn a_departure_is_accepted_only_with_a_reason_and_can_be_withdrawn() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Shop", Template::ContractedVendor);
    remove_function(&mut w, e, FunctionKind::QualityManagement);
    let key = DepartureKey::FunctionMissing("Quality management".into());
    for reason in ["", "   "] {
        assert_eq!(
            refused(
                &mut w,
                Action::AcceptDeparture {
                    engagement: e,
                    departure: key.clone(),
                    reason: reason.into(),
                }
            ),
            ModelError::NoReason
        );
    }
    assert_eq!(
        refused(
            &mut w,
            Action::AcceptDeparture {
                engagement: e,
                departure: DepartureKey::FunctionMissing("Legal".into()),
                reason: "Why not".into(),
            }
        ),
        ModelError::NotADeparture("Legal".into())
    );
    assert_eq!(
        refused(
            &mut w,
            Action::WithdrawAcceptance {
                engagement: e,
                departure: key.clone(),
            }
        ),
        ModelError::NotADeparture("Quality management".into())
    );
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: e,
            departure: key.clone(),
            reason: "The client's own QA team tests it.".into(),
        },
    );
    assert!(standard_findings(&w, e).is_empty());
    // Accepting again replaces the reason rather than listing it twice.
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: e,
            departure: key.clone(),
            reason: "The client tests it.".into(),
        },
    );
    let accepted = &w.engagement(e).unwrap().accepted_departures;
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].reason, "The client tests it.");
    assert!(w.validate().is_ok());
    apply(
        &mut w,
        Action::WithdrawAcceptance {
            engagement: e,
            departure: key,
        },
    );
    assert_eq!(
        standard_findings(&w, e),
        ["The standard's function Quality management is missing."]
    );
}

// ---------------------------------------------------------------------------------
// Defining the standard

/// A function the organization added is matched by its name only: an engagement whose
/// own added function has another name lacks the standard's, it has not renamed it.
#[test]
fn an_added_function_of_the_standard_is_matched_by_name() {
    let mut w = Workspace::default();
    let model = engagement(&mut w, "Model", Template::InHouseProject);
    apply(
        &mut w,
        Action::AddFunction {
            engagement: model,
            name: "Change board".into(),
        },
    );
    apply(&mut w, Action::AdoptStandard { from: model });
    let other = engagement(&mut w, "Other", Template::InHouseProject);
    assert_eq!(keys(&w, other), []);
    let board = w
        .engagement(other)
        .unwrap()
        .functions
        .iter()
        .find(|f| f.name == "Change board")
        .expect("new engagements have the standard's added function")
        .id;
    apply(
        &mut w,
        Action::RenameFunction {
            engagement: other,
            function: board,
            name: "Steering".into(),
        },
    );
    assert_eq!(
        keys(&w, other),
        [DepartureKey::FunctionMissing("Change board".into())]
    );
    // A function of another kind that took the name does not stand for it either.
    rename_function(&mut w, other, FunctionKind::Legal, "Change board");
    let found = keys(&w, other);
    assert!(
        found.contains(&DepartureKey::FunctionMissing("Change board".into())),
        "{found:?}"
    );
}

/// The same for a decision area the organization added.
#[test]
fn an_added_decision_area_of_the_standard_is_matched_by_name() {
    let mut w = Workspace::default();
    let model = engagement(&mut w, "Model", Template::InHouseProject);
    apply(
        &mut w,
        Action::AddDecisionArea {
            engagement: model,
            name: "Hiring".into(),
        },
    );
    apply(&mut w, Action::AdoptStandard { from: model });
    let other = engagement(&mut w, "Other", Template::InHouseProject);
    assert_eq!(keys(&w, other), []);
    let hiring = w
        .engagement(other)
        .unwrap()
        .decisions
        .iter()
        .find(|d| d.name == "Hiring")
        .expect("new engagements have the standard's added decision area")
        .id;
    edit_decision(&mut w, other, hiring, DecisionEdit::Name("Staffing".into()));
    assert_eq!(
        keys(&w, other),
        [DepartureKey::DecisionMissing("Hiring".into())]
    );
    let escalation = decision(&w, other, DecisionKind::Escalation);
    edit_decision(
        &mut w,
        other,
        escalation,
        DecisionEdit::Name("Hiring".into()),
    );
    let found = keys(&w, other);
    assert!(
        found.contains(&DepartureKey::DecisionMissing("Hiring".into())),
        "{found:?}"
    );
}

#[test]
fn an_engagements_process_becomes_the_standard_of_its_kind_only() {
    let mut w = Workspace::default();
    let shop = engagement(&mut w, "Shop", Template::ContractedVendor);
    let intranet = engagement(&mut w, "Intranet", Template::InHouseProject);
    rename_function(&mut w, shop, FunctionKind::Delivery, "Build");
    apply(&mut w, Action::AdoptStandard { from: shop });
    assert_eq!(keys(&w, shop), []);
    assert_eq!(keys(&w, intranet), [], "the in-house standard is unchanged");
    let next = engagement(&mut w, "Next shop", Template::ContractedVendor);
    assert_eq!(function_named(&w, next, FunctionKind::Delivery), "Build");
    let next_in_house = engagement(&mut w, "Next intranet", Template::InHouseProject);
    assert_eq!(
        function_named(&w, next_in_house, FunctionKind::Delivery),
        "Delivery"
    );
    // Two items of one name cannot be told apart: refused.
    apply(
        &mut w,
        Action::AddFunction {
            engagement: shop,
            name: "build".into(),
        },
    );
    assert_eq!(
        refused(&mut w, Action::AdoptStandard { from: shop }),
        ModelError::NamedTwice {
            what: "functions",
            name: "build".into()
        }
    );
    // The built-in standard comes back.
    apply(
        &mut w,
        Action::ResetStandard {
            relationship: Relationship::Contracted,
        },
    );
    assert!(w.standard.is_built_in());
    assert_eq!(
        keys(&w, next),
        [DepartureKey::FunctionRenamed("Delivery".into())]
    );
}

#[test]
fn the_standard_says_whose_sign_off_check_14_asks_for() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Shop", Template::ContractedVendor);
    let signoffs = |w: &Workspace| -> Vec<Subject> {
        assess(w, e)
            .findings
            .into_iter()
            .filter(|f| f.check == Check::ProcessSignOff)
            .map(|f| f.subject)
            .collect()
    };
    assert_eq!(
        signoffs(&w),
        SignOffParty::ALL.map(Subject::SignOff).to_vec()
    );
    apply(
        &mut w,
        Action::SetStandardSignOff {
            relationship: Relationship::Contracted,
            party: SignOffParty::Sales,
            required: false,
        },
    );
    assert_eq!(
        signoffs(&w),
        [
            Subject::SignOff(SignOffParty::CustomerService),
            Subject::SignOff(SignOffParty::Delivery)
        ]
    );
    // The other kind's standard is its own.
    edit(
        &mut w,
        e,
        EngagementEdit::Relationship(Relationship::InHouse),
    );
    assert_eq!(signoffs(&w).len(), 3);
    apply(
        &mut w,
        Action::SetStandardSignOff {
            relationship: Relationship::Contracted,
            party: SignOffParty::Sales,
            required: true,
        },
    );
    assert!(w.standard.is_built_in());
}

#[test]
fn a_standard_read_from_a_file_must_tell_its_items_apart() {
    let mut w = Workspace::default();
    engagement(&mut w, "Shop", Template::ContractedVendor);
    let mut bad = w.clone();
    let mut twin = bad.standard.contracted.functions[0].clone();
    twin.name = "sales AND marketing ".into();
    twin.kind = FunctionKind::Custom;
    bad.standard.contracted.functions.push(twin);
    let problems = bad.validate().unwrap_err();
    assert_eq!(problems[0].path, "standard.contracted.functions[9].name");
    assert_eq!(
        problems[0].message,
        "the standard lists this function twice"
    );

    // A second function of one of the nine kinds, under another name.
    let mut bad = w.clone();
    let mut twin = bad.standard.in_house.functions[2].clone();
    twin.name = "Second delivery".into();
    bad.standard.in_house.functions.push(twin);
    let problems = bad.validate().unwrap_err();
    assert_eq!(problems[0].path, "standard.in_house.functions[9].name");
    // Added functions of different names are no twins.
    let mut fine = w.clone();
    for name in ["Change board", "Design authority"] {
        let mut added = fine.standard.in_house.functions[0].clone();
        added.name = name.into();
        added.kind = FunctionKind::Custom;
        fine.standard.in_house.functions.push(added);
    }
    assert_eq!(fine.validate(), Ok(()));

    let mut bad = w.clone();
    let mut twin = bad.standard.in_house.decisions[0].clone();
    twin.name = "Another scope change".into();
    bad.standard.in_house.decisions.push(twin);
    let problems = bad.validate().unwrap_err();
    assert_eq!(problems[0].path, "standard.in_house.decisions[4].name");

    let mut bad = w.clone();
    let twin = bad.standard.in_house.reports[0].clone();
    bad.standard.in_house.reports.push(twin);
    assert_eq!(
        bad.validate().unwrap_err()[0].message,
        "the standard lists this report twice"
    );

    let mut bad = w;
    bad.standard.in_house.functions[0].name = "\u{200b}".into();
    assert!(bad.validate().is_err());
}

// ---------------------------------------------------------------------------------
// Accounts

#[test]
fn a_typed_client_is_an_account_found_by_name_or_opened() {
    let mut w = Workspace::default();
    let shop = engagement(&mut w, "Shop", Template::ContractedVendor);
    let app = engagement(&mut w, "App", Template::ContractedVendor);
    edit(
        &mut w,
        shop,
        EngagementEdit::Client("  Harbor Retail ".into()),
    );
    edit(&mut w, app, EngagementEdit::Client("harbor retail".into()));
    assert_eq!(w.accounts.len(), 1);
    assert_eq!(w.accounts[0].name, "Harbor Retail");
    assert_eq!(w.client_name(w.engagement(app).unwrap()), "Harbor Retail");
    let harbor = w.accounts[0].id;
    assert_eq!(
        w.account_engagements(harbor)
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [shop, app]
    );
    // A new name opens a new account; the old one stays, with what it holds.
    edit(&mut w, app, EngagementEdit::Client("Northwind".into()));
    assert_eq!(w.accounts.len(), 2);
    assert_eq!(w.account_engagements(harbor).count(), 1);
    // Empty is no client.
    edit(&mut w, app, EngagementEdit::Client("   ".into()));
    assert_eq!(w.engagement(app).unwrap().account, None);
    assert_eq!(w.client_name(w.engagement(app).unwrap()), "");
    assert!(matches!(
        refused(
            &mut w,
            Action::EditEngagement {
                engagement: app,
                edit: EngagementEdit::Client("\u{200b}".into())
            }
        ),
        ModelError::InvisibleName("client")
    ));
}

#[test]
fn accounts_are_named_once_owned_by_someone_on_the_roster_and_removed_only_when_unused() {
    let mut w = Workspace::default();
    let ada = person(&mut w, "Ada", StakeholderGroup::EngagementManager, 40);
    let shop = engagement(&mut w, "Shop", Template::ContractedVendor);
    edit(&mut w, shop, EngagementEdit::Client("Harbor Retail".into()));
    apply(
        &mut w,
        Action::AddAccount {
            name: "Northwind".into(),
        },
    );
    let harbor = w.account_named("HARBOR retail").unwrap().id;
    let northwind = w.account_named("northwind").unwrap().id;
    assert_eq!(
        refused(
            &mut w,
            Action::AddAccount {
                name: " northwind".into()
            }
        ),
        ModelError::DuplicateAccount("Northwind".into())
    );
    assert_eq!(
        refused(
            &mut w,
            Action::EditAccount {
                account: northwind,
                edit: AccountEdit::Name("Harbor RETAIL".into())
            }
        ),
        ModelError::DuplicateAccount("Harbor Retail".into())
    );
    // Its own name in another case is fine.
    apply(
        &mut w,
        Action::EditAccount {
            account: northwind,
            edit: AccountEdit::Name("NorthWind".into()),
        },
    );
    assert_eq!(w.account(northwind).unwrap().name, "NorthWind");
    assert!(matches!(
        refused(
            &mut w,
            Action::EditAccount {
                account: harbor,
                edit: AccountEdit::Owner(Some(PersonId(999)))
            }
        ),
        ModelError::UnknownPerson(_)
    ));
    assert!(matches!(
        refused(
            &mut w,
            Action::EditAccount {
                account: harbor,
                edit: AccountEdit::Notes("x".repeat(5_001))
            }
        ),
        ModelError::TooLong { .. }
    ));
    apply(
        &mut w,
        Action::EditAccount {
            account: harbor,
            edit: AccountEdit::Owner(Some(ada)),
        },
    );
    apply(
        &mut w,
        Action::EditAccount {
            account: harbor,
            edit: AccountEdit::Notes("Renewal in March.".into()),
        },
    );
    let err = refused(&mut w, Action::RemoveAccount { account: harbor });
    assert_eq!(
        err.to_string(),
        "Harbor Retail is the client of Shop; give them another client before removing the account."
    );
    apply(&mut w, Action::RemoveAccount { account: northwind });
    assert!(w.account(northwind).is_none());
    assert!(matches!(
        refused(&mut w, Action::RemoveAccount { account: northwind }),
        ModelError::UnknownAccount(_)
    ));
    // Removing the owner from the roster leaves the account without one.
    apply(&mut w, Action::RemovePerson { person: ada });
    assert_eq!(w.account(harbor).unwrap().owner, None);
    assert!(w.validate().is_ok());
}

#[test]
fn an_exported_engagement_carries_its_account_and_an_import_finds_it_by_name() {
    let mut source = Workspace::default();
    let ada = person(&mut source, "Ada", StakeholderGroup::EngagementManager, 40);
    let shop = engagement(&mut source, "Shop", Template::ContractedVendor);
    edit(
        &mut source,
        shop,
        EngagementEdit::Client("Harbor Retail".into()),
    );
    let harbor = source.accounts[0].id;
    for edit in [
        AccountEdit::Owner(Some(ada)),
        AccountEdit::Notes("Renewal in March.".into()),
    ] {
        apply(
            &mut source,
            Action::EditAccount {
                account: harbor,
                edit,
            },
        );
    }
    let part = storage::engagement_workspace(&source, shop).unwrap();
    assert_eq!(part.accounts, source.accounts);
    assert_eq!(part.people.len(), 1, "the owner travels with the account");
    assert!(part.validate().is_ok());

    // Into a workspace that has no such account: it joins, owner and notes kept.
    let mut here = Workspace::default();
    apply(&mut here, Action::ImportEngagements { from: part.clone() });
    let imported = &here.engagements[0];
    let account = here.account(imported.account.unwrap()).unwrap();
    assert_eq!(account.name, "Harbor Retail");
    assert_eq!(account.notes, "Renewal in March.");
    assert_eq!(here.person_name(account.owner.unwrap()), "Ada");

    // Into one that has it (another case): the same account, nothing added.
    let mut here = Workspace::default();
    let other = engagement(&mut here, "App", Template::ContractedVendor);
    edit(
        &mut here,
        other,
        EngagementEdit::Client("HARBOR RETAIL".into()),
    );
    apply(&mut here, Action::ImportEngagements { from: part });
    assert_eq!(here.accounts.len(), 1);
    assert_eq!(here.engagements[1].account, here.engagements[0].account);
    assert!(here.validate().is_ok());
}

#[test]
fn a_file_whose_accounts_do_not_add_up_is_refused() {
    let mut w = Workspace::default();
    let shop = engagement(&mut w, "Shop", Template::ContractedVendor);
    edit(&mut w, shop, EngagementEdit::Client("Harbor Retail".into()));
    let mut bad = w.clone();
    bad.engagements[0].account = Some(AccountId(999));
    assert_eq!(
        bad.validate().unwrap_err()[0].path,
        "engagements[0].account"
    );

    let mut bad = w.clone();
    let mut twin = bad.accounts[0].clone();
    twin.id = AccountId(bad.next_id);
    twin.name = "harbor retail".into();
    bad.next_id += 1;
    bad.accounts.push(twin);
    let problems = bad.validate().unwrap_err();
    assert_eq!(problems[0].path, "accounts[1].name");
    assert_eq!(
        problems[0].to_string(),
        "Account \"harbor retail\": another account has the name \"harbor retail\" too; each account needs a name of its own"
    );

    let mut bad = w;
    bad.accounts[0].owner = Some(PersonId(999));
    assert_eq!(bad.validate().unwrap_err()[0].path, "accounts[0].owner");
}

#[test]
fn the_copy_for_the_client_has_no_account_notes_or_reasons_for_departing() {
    let mut w = Workspace::default();
    let shop = engagement(&mut w, "Shop", Template::ContractedVendor);
    edit(&mut w, shop, EngagementEdit::Client("Harbor Retail".into()));
    let harbor = w.accounts[0].id;
    apply(
        &mut w,
        Action::EditAccount {
            account: harbor,
            edit: AccountEdit::Notes("Slow to pay.".into()),
        },
    );
    remove_function(&mut w, shop, FunctionKind::Legal);
    apply(
        &mut w,
        Action::AcceptDeparture {
            engagement: shop,
            departure: DepartureKey::FunctionMissing("Legal".into()),
            reason: "Their lawyers do it.".into(),
        },
    );
    let copy = engagement_planner::view::share::client_safe_copy(&w);
    assert_eq!(copy.accounts[0].notes, "");
    assert_eq!(copy.accounts[0].name, "Harbor Retail");
    assert!(copy.engagements[0].accepted_departures.is_empty());
    assert!(copy.validate().is_ok());
}
