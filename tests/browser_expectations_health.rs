//! Browser tests of the Expectations and Health views (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_expectations_health`.
//!
//! Each test mounts one view with the shared harness (`browser_support::mount`) on a
//! workspace made with the plan builders, finds controls by their accessible name, uses
//! them, and checks the actions the view dispatched.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::context::{anchor, Target};
use engagement_planner::components::expectations::ExpectationsView;
use engagement_planner::components::health::{fix_target, HealthView};
use engagement_planner::model::assessment::{assess, Check, Severity, Subject, View};
use engagement_planner::model::*;
use plans::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn expectations_view() -> Html {
    html! { <ExpectationsView /> }
}

fn health_view() -> Html {
    html! { <HealthView /> }
}

// ---------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------

struct NeedsFixture {
    w: Workspace,
    e: EngagementId,
    mismatch: NeedId,
    consistent: NeedId,
    incomplete: NeedId,
}

/// A contracted engagement in the performance stage with three needs: one whose
/// promise exceeds the purchase, one consistent, one with purchase and delivery unknown.
fn needs_fixture() -> NeedsFixture {
    use Coverage::*;
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal rollout", Template::ContractedVendor);
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Stage(Stage::Performance),
        },
    );
    let mismatch = need_covered(&mut w, e, "Single sign-on", [Fully, Partly, Partly, Partly]);
    let consistent = need_covered(
        &mut w,
        e,
        "Monthly usage report",
        [Fully, Fully, Fully, Fully],
    );
    let incomplete = need_covered(&mut w, e, "Data export", [Fully, Unknown, Fully, Unknown]);
    NeedsFixture {
        w,
        e,
        mismatch,
        consistent,
        incomplete,
    }
}

fn row(root: &Element, need: NeedId) -> Element {
    root.query_selector(&format!("[id='{}']", anchor::need(need)))
        .unwrap()
        .unwrap_or_else(|| panic!("no row for need {need}"))
}

// ---------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn expectations_shows_each_need_with_its_status_in_words() {
    let f = needs_fixture();
    let m = mount(f.w, Some(f.e), expectations_view).await;

    assert_eq!(
        text(&m.root.query_selector("h2").unwrap().unwrap()),
        "Expectations"
    );
    assert!(m
        .root
        .query_selector("table.table caption")
        .unwrap()
        .is_some());
    assert_eq!(all(&m.root, "tbody tr").len(), 3);

    let summary = m
        .root
        .query_selector("[data-testid=needs-summary]")
        .unwrap()
        .unwrap();
    assert_eq!(
        text(&summary),
        "3 needs, 1 consistent, 0 in progress, 1 mismatched."
    );

    let mismatch = row(&m.root, f.mismatch);
    let status = text(
        &mismatch
            .query_selector("[data-testid=need-status]")
            .unwrap()
            .unwrap(),
    );
    assert!(
        status.contains("Mismatch: Promised fully but bought and needed only partly"),
        "{status}"
    );
    // The mismatching cells are marked with text, not only colour.
    let marked: Vec<String> = all(&mismatch, "td.cell-mismatch")
        .iter()
        .map(|td| td.get_attribute("data-aspect").unwrap())
        .collect();
    assert!(
        marked.contains(&"promised".to_string()) && marked.contains(&"bought".to_string()),
        "{marked:?}"
    );
    assert!(text(&mismatch).contains("mismatch"));

    let consistent = row(&m.root, f.consistent);
    assert!(text(
        &consistent
            .query_selector("[data-testid=need-status]")
            .unwrap()
            .unwrap()
    )
    .contains("Consistent"));
    assert!(all(&consistent, "td.cell-mismatch").is_empty());

    let incomplete = row(&m.root, f.incomplete);
    assert!(text(&incomplete).contains("Incomplete: bought, delivered unknown"));

    // Each cell is a labelled select showing the need's coverage.
    let bought = control(&m.root, "Single sign-on: Bought").await;
    assert_eq!(
        bought.unchecked_into::<HtmlSelectElement>().value(),
        "Partly"
    );
    let note = control(&m.root, "Note on Single sign-on").await;
    assert_eq!(note.tag_name().to_lowercase(), "textarea");
    assert!(has_control(&m.root, "Title of Single sign-on"));
    assert!(has_button(&m.root, "Remove need Single sign-on"));

    // In the performance stage delivery counts.
    let stage = text(
        &m.root
            .query_selector("[data-testid=stage-note]")
            .unwrap()
            .unwrap(),
    );
    assert!(stage.contains("Performance"), "{stage}");
}

#[wasm_bindgen_test]
async fn expectations_edits_dispatch_one_action_each() {
    let f = needs_fixture();
    let m = mount(f.w, Some(f.e), expectations_view).await;

    choose(&control(&m.root, "Single sign-on: Bought").await, "Fully").await;
    let note = control(&m.root, "Note on Single sign-on").await;
    note.clone()
        .unchecked_into::<HtmlTextAreaElement>()
        .set_value("Sales promised SSO for all apps.");
    change(&note);
    // A need's title wraps in its row: a one-line textarea.
    let title = control(&m.root, "Title of Data export").await;
    title
        .clone()
        .unchecked_into::<HtmlTextAreaElement>()
        .set_value("CSV data export");
    change(&title);

    assert_eq!(
        m.actions(),
        vec![
            Action::EditNeed {
                engagement: f.e,
                need: f.mismatch,
                edit: NeedEdit::Coverage(NeedAspect::Bought, Coverage::Fully)
            },
            Action::EditNeed {
                engagement: f.e,
                need: f.mismatch,
                edit: NeedEdit::Note("Sales promised SSO for all apps.".into())
            },
            Action::EditNeed {
                engagement: f.e,
                need: f.incomplete,
                edit: NeedEdit::Title("CSV data export".into())
            },
        ]
    );
}

#[wasm_bindgen_test]
async fn expectations_removes_and_adds_needs() {
    let f = needs_fixture();
    let m = mount(f.w, Some(f.e), expectations_view).await;

    button(&m.root, "Remove need Monthly usage report")
        .await
        .click();
    assert_eq!(
        m.actions().last(),
        Some(&Action::RemoveNeed {
            engagement: f.e,
            need: f.consistent
        })
    );
    assert!(!m.announced().is_empty());

    // Typed, committed, then added with the button.
    let input = control(&m.root, "New client need").await;
    input
        .clone()
        .unchecked_into::<HtmlInputElement>()
        .set_value("Training for admins");
    change(&input);
    settle().await;
    button(&m.root, "Add client need").await.click();
    assert_eq!(
        m.actions().last(),
        Some(&Action::AddNeed {
            engagement: f.e,
            title: "Training for admins".into()
        })
    );
    settle().await;
    assert_eq!(
        input.clone().unchecked_into::<HtmlInputElement>().value(),
        ""
    );

    // Typed and submitted at once (no change event first), as Enter does.
    input
        .clone()
        .unchecked_into::<HtmlInputElement>()
        .set_value("  Go-live support ");
    button(&m.root, "Add client need").await.click();
    assert_eq!(
        m.actions().last(),
        Some(&Action::AddNeed {
            engagement: f.e,
            title: "Go-live support".into()
        })
    );

    // Nothing typed: nothing is dispatched and the form says why.
    let before = m.actions().len();
    input
        .clone()
        .unchecked_into::<HtmlInputElement>()
        .set_value("");
    button(&m.root, "Add client need").await.click();
    assert_eq!(m.actions().len(), before);
    let r = m.root.clone();
    until(|| r.query_selector("form [role=alert]").ok().flatten()).await;
}

#[wasm_bindgen_test]
async fn need_delivered_short_while_performing_shows_in_progress_until_marked_complete() {
    use Coverage::*;
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Stage(Stage::Performance),
        },
    );
    let need = need_covered(&mut w, e, "Search", [Fully, Fully, Fully, Partly]);
    let m = mount(w.clone(), Some(e), expectations_view).await;
    let status = |root: &Element| {
        text(
            &row(root, need)
                .query_selector("[data-testid=need-status]")
                .unwrap()
                .unwrap(),
        )
    };
    assert!(
        status(&m.root).contains("In progress: delivered only partly so far"),
        "{}",
        status(&m.root)
    );
    assert!(all(&row(&m.root, need), "td.cell-mismatch").is_empty());
    assert!(text(
        &m.root
            .query_selector("[data-testid=needs-summary]")
            .unwrap()
            .unwrap()
    )
    .contains("1 in progress, 0 mismatched"));
    let stage = text(
        &m.root
            .query_selector("[data-testid=stage-note]")
            .unwrap()
            .unwrap(),
    );
    assert!(stage.contains("Delivering is not failing"), "{stage}");

    // The complete mark is a labelled checkbox that dispatches one edit.
    let complete = control(&m.root, "Search is complete")
        .await
        .unchecked_into::<HtmlInputElement>();
    assert_eq!(complete.type_(), "checkbox");
    assert!(!complete.checked());
    complete.set_checked(true);
    change(&complete);
    settle().await;
    assert_eq!(
        m.actions(),
        vec![Action::EditNeed {
            engagement: e,
            need,
            edit: NeedEdit::Complete(true)
        }]
    );

    // Marked complete, the shortfall is a mismatch, and the row says why.
    apply(
        &mut w,
        Action::EditNeed {
            engagement: e,
            need,
            edit: NeedEdit::Complete(true),
        },
    );
    let m = mount(w, Some(e), expectations_view).await;
    let words = status(&m.root);
    assert!(
        words.contains("Mismatch: Promised, bought and needed fully but delivered only partly"),
        "{words}"
    );
    assert!(
        words.contains("Marked complete, so what is delivered must match."),
        "{words}"
    );
    assert!(control(&m.root, "Search is complete")
        .await
        .unchecked_into::<HtmlInputElement>()
        .checked());
}

#[wasm_bindgen_test]
async fn expectations_before_performance_awaits_delivery() {
    use Coverage::*;
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let need = need_covered(&mut w, e, "Search", [Fully, Fully, Fully, No]);
    let m = mount(w, Some(e), expectations_view).await;
    let row = row(&m.root, need);
    assert!(text(&row).contains("Awaiting delivery"), "{}", text(&row));
    assert!(all(&row, "td.cell-mismatch").is_empty());
    let stage = text(
        &m.root
            .query_selector("[data-testid=stage-note]")
            .unwrap()
            .unwrap(),
    );
    assert!(
        stage.contains("only expected to match from the Performance stage on"),
        "{stage}"
    );
}

#[wasm_bindgen_test]
async fn expectations_without_needs_says_so() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let m = mount(w, Some(e), expectations_view).await;
    assert!(m.root.query_selector("p.empty").unwrap().is_some());
    assert!(m.root.query_selector("table").unwrap().is_none());
    assert_eq!(
        text(
            &m.root
                .query_selector("[data-testid=needs-summary]")
                .unwrap()
                .unwrap()
        ),
        "0 needs, 0 consistent, 0 in progress, 0 mismatched."
    );
}

// ---------------------------------------------------------------------------------
// Health
// ---------------------------------------------------------------------------------

fn heading(root: &Element, starts: &str) -> Option<String> {
    all(root, "h3")
        .iter()
        .map(text)
        .find(|t| t.starts_with(starts))
}

#[wasm_bindgen_test]
async fn health_groups_findings_by_severity_with_counts() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal rollout", Template::ContractedVendor);
    let expected = assess(&w, e);
    assert!(!expected.is_clean());
    let m = mount(w, Some(e), health_view).await;

    assert_eq!(
        text(&m.root.query_selector("h2").unwrap().unwrap()),
        "Health"
    );
    for severity in Severity::ALL {
        let want = format!("{} ({})", severity.label(), expected.count(severity));
        assert_eq!(heading(&m.root, severity.label()), Some(want));
    }
    assert_eq!(
        all(&m.root, "[data-testid=finding]").len(),
        expected.findings.len()
    );
    assert!(m
        .root
        .query_selector("[data-testid=all-clear]")
        .unwrap()
        .is_none());

    // Every finding shows its check, message and fix.
    let first = &expected.findings[0];
    let shown = text(&all(&m.root, "[data-testid=finding]")[0]);
    assert!(
        shown.contains(&format!(
            "Check {}: {}",
            first.check.number(),
            first.check.title()
        )),
        "{shown}"
    );
    assert!(
        shown.contains(&first.message) && shown.contains(&first.fix),
        "{shown}"
    );

    // Checks 7 and 8 run like the others: nothing says they are not run.
    let page = text(&m.root);
    assert!(!page.contains("not run"), "{page}");
    let note = text(
        &m.root
            .query_selector("[data-testid='pricing-checks-note']")
            .unwrap()
            .unwrap(),
    );
    assert!(
        note.contains("look at the deal's pricing worksheet"),
        "{note}"
    );
    // All sixteen checks are listed with a result, the pricing ones (7 and 8) too.
    let rows = all(&m.root, "table.checks-table tbody tr");
    assert_eq!(rows.len(), 16);
    assert!(rows
        .iter()
        .any(|r| r.get_attribute("data-check").as_deref() == Some("7")));
    let result = |n: u8| {
        text(
            &m.root
                .query_selector(&format!("tr[data-check='{n}'] .check-result"))
                .unwrap()
                .unwrap(),
        )
    };
    assert!(result(3).starts_with("✗ Failed"), "{}", result(3));
    assert!(result(4).contains("Not applicable"), "{}", result(4));
    assert!(result(9).contains("Passed"), "{}", result(9));
    assert!(m.root.query_selector("caption").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn health_fix_link_navigates_to_the_row() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal rollout", Template::ContractedVendor);
    let legal = w
        .engagement(e)
        .unwrap()
        .function_of_kind(FunctionKind::Legal)
        .unwrap()
        .id;
    let m = mount(w, Some(e), health_view).await;

    button(&m.root, "Fix in Roles: Legal has no accountable owner")
        .await
        .click();
    assert_eq!(
        m.targets(),
        vec![Target::focus(View::Roles, anchor::function(legal))]
    );
    assert!(m.actions().is_empty(), "following a link changes nothing");

    // A sign-off finding goes to the sign-off on the Overview.
    button(
        &m.root,
        "Fix in Overview: Sales has not signed off the defined process",
    )
    .await
    .click();
    assert_eq!(
        m.targets().last(),
        Some(&Target::focus(
            View::Overview,
            anchor::signoff(SignOffParty::Sales)
        ))
    );
}

#[wasm_bindgen_test]
async fn health_filters_by_check_and_prints() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal rollout", Template::ContractedVendor);
    let expected = assess(&w, e);
    let signoffs = expected
        .findings
        .iter()
        .filter(|f| f.check == Check::ProcessSignOff)
        .count();
    assert_eq!(signoffs, 3);
    let m = mount(w, Some(e), health_view).await;

    choose(&control(&m.root, "Show findings of").await, "14").await;
    // Child components update a scheduler turn after their list shrinks: wait for both.
    let r = m.root.clone();
    until(|| {
        let shown = all(&r, "[data-testid=finding]");
        let only_14 = shown
            .iter()
            .all(|f| f.get_attribute("data-check").as_deref() == Some("14"));
        (shown.len() == signoffs && only_14 && text(&shown[0]).contains("signed off")).then_some(())
    })
    .await;
    assert_eq!(heading(&m.root, "Warning"), Some("Warning (3)".into()));
    assert!(
        m.actions().is_empty(),
        "filtering changes nothing in the plan"
    );

    button(&m.root, "Show all findings").await.click();
    let r = m.root.clone();
    until(|| (all(&r, "[data-testid=finding]").len() == expected.findings.len()).then_some(()))
        .await;

    // window.print is replaced for the test, so no dialog opens.
    let window = gloo::utils::window();
    let counter = js_sys::Function::new_no_args("window.__printed = (window.__printed || 0) + 1;");
    js_sys::Reflect::set(&window, &"print".into(), &counter).unwrap();
    button(&m.root, "Print health report").await.click();
    let printed = js_sys::Reflect::get(&window, &"__printed".into()).unwrap();
    assert_eq!(printed.as_f64(), Some(1.0));
}

/// An in-house engagement with every check satisfied.
fn clean_workspace() -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    let pat = PersonId(w.next_id);
    apply(
        &mut w,
        Action::AddPerson {
            name: "Pat".into(),
            side: Side::Provider,
            group: StakeholderGroup::ProjectManager,
            capacity: Hours::from_whole(40),
        },
    );
    // Sales and customer service sign off through people of their own groups.
    let mut signers = vec![(SignOffParty::Delivery, pat)];
    for (party, name, group) in [
        (SignOffParty::Sales, "Sol", StakeholderGroup::Sales),
        (
            SignOffParty::CustomerService,
            "Cy",
            StakeholderGroup::CustomerService,
        ),
    ] {
        signers.push((party, PersonId(w.next_id)));
        apply(
            &mut w,
            Action::AddPerson {
                name: name.into(),
                side: Side::Provider,
                group,
                capacity: Hours::from_whole(4),
            },
        );
    }
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    for edit in [
        EngagementEdit::Pm(Some(pat)),
        EngagementEdit::EngagementManager(Some(pat)),
        EngagementEdit::Champion(Some(pat)),
        EngagementEdit::AgreementDocumenter(Some(pat)),
        EngagementEdit::ExpectedBenefits(Some(Money(500_000))),
        EngagementEdit::ExpectedBudget(Some(Money(200_000))),
    ] {
        apply(
            &mut w,
            Action::EditEngagement {
                engagement: e,
                edit,
            },
        );
    }
    let eng = w.engagement(e).unwrap().clone();
    for f in &eng.functions {
        apply(
            &mut w,
            Action::Assign {
                engagement: e,
                person: pat,
                function: f.id,
                role: Raci::Accountable,
                hours: Hours::from_whole(1),
            },
        );
    }
    for d in &eng.decisions {
        if d.method == Some(DecisionMethod::Authority) {
            apply(
                &mut w,
                Action::EditDecisionArea {
                    engagement: e,
                    decision: d.id,
                    edit: DecisionEdit::Authority(Some(pat)),
                },
            );
        }
    }
    for r in &eng.reports {
        apply(
            &mut w,
            Action::EditReport {
                engagement: e,
                report: r.id,
                edit: ReportEdit::Owner(Some(pat)),
            },
        );
    }
    for c in &eng.compliance {
        apply(
            &mut w,
            Action::EditComplianceItem {
                engagement: e,
                item: c.id,
                edit: ComplianceEdit::Owner(Some(pat)),
            },
        );
        apply(
            &mut w,
            Action::EditComplianceItem {
                engagement: e,
                item: c.id,
                edit: ComplianceEdit::Status(ComplianceStatus::Met),
            },
        );
    }
    for (party, person) in signers {
        apply(
            &mut w,
            Action::SignOff {
                engagement: e,
                party,
                person,
                date: "2025-03-01".into(),
            },
        );
    }
    // Priced on delivery's estimate, at its agreed target margin, approved by the
    // engagement manager.
    let price = |w: &mut Workspace, action| {
        apply(
            w,
            Action::Pricing {
                engagement: e,
                action,
            },
        )
    };
    price(
        &mut w,
        PricingAction::AddRateRole {
            name: "Consultant".into(),
            cost_rate: Money(5_000),
            bill_rate: Money(9_000),
        },
    );
    price(
        &mut w,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style: SellingStyle::Collaborative,
        },
    );
    let p = &w.engagement(e).unwrap().pricing;
    let (role, ws) = (p.rate_card[0].id, p.worksheets[0].id);
    price(
        &mut w,
        PricingAction::PasteLines {
            worksheet: ws,
            lines: vec![PastedLine {
                name: "Build".into(),
                billing: BillingType::FixedFee,
                hours: [(role, Hours::from_whole(10))].into_iter().collect(),
                discount: Bps::ZERO,
            }],
        },
    );
    let line = w.engagement(e).unwrap().pricing.worksheets[0].lines[0].id;
    for action in [
        PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Estimator(Some(pat)),
        },
        PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::DeliveryHours(role, Hours::from_whole(12)),
        },
        // Cost 600, price 900: a 33 % margin meets a 30 % target.
        PricingAction::SetWorksheetField {
            worksheet: ws,
            field: WorksheetField::TargetMargin,
            value: Bps::percent(30),
        },
        PricingAction::Submit { worksheet: ws },
        PricingAction::Approve {
            worksheet: ws,
            by: pat,
            date: "2025-03-01".into(),
        },
    ] {
        price(&mut w, action);
    }
    // A decision taken in every other area (check 15); the final deal's is its approval.
    for d in eng
        .decisions
        .iter()
        .filter(|d| d.kind != DecisionKind::FinalDeal)
    {
        let proposal = ProposalId(w.next_id);
        for action in [
            Action::Propose {
                engagement: e,
                decision: d.id,
                text: "Review the plan every Monday".into(),
                date: "2025-03-01".into(),
                quorum: None,
                worksheet: None,
            },
            Action::SetPosition {
                engagement: e,
                decision: d.id,
                proposal,
                person: pat,
                stance: Some(Stance::For),
                reason: String::new(),
            },
        ] {
            apply(&mut w, action);
        }
    }
    (w, e)
}

#[wasm_bindgen_test]
async fn health_of_a_clean_engagement_is_all_clear() {
    let (w, e) = clean_workspace();
    assert_eq!(assess(&w, e).findings, vec![], "the fixture is clean");
    let m = mount(w, Some(e), health_view).await;
    let clear = m
        .root
        .query_selector("[data-testid=all-clear]")
        .unwrap()
        .expect("an all-clear message");
    assert!(text(&clear).contains("All clear"));
    assert!(all(&m.root, "[data-testid=finding]").is_empty());
    let rows = all(&m.root, "table.checks-table tbody tr");
    assert_eq!(rows.len(), 16);
    // Check 3 applies only to contracted engagements; all others pass.
    for r in rows {
        let result = text(&r.query_selector(".check-result").unwrap().unwrap());
        assert!(
            result.contains("Passed") || result.contains("Not applicable"),
            "{result}"
        );
    }
    assert!(text(
        &m.root
            .query_selector("[data-testid=health-summary]")
            .unwrap()
            .unwrap()
    )
    .contains("15 of 15 checks passed"));
}

#[wasm_bindgen_test]
fn fix_targets_point_at_the_subjects_row() {
    assert_eq!(
        fix_target(&Subject::Need(NeedId(7))),
        Target::focus(View::Expectations, "need-7")
    );
    assert_eq!(
        fix_target(&Subject::Person(PersonId(3))),
        Target::focus(View::People, "person-3")
    );
    assert_eq!(
        fix_target(&Subject::Reporting),
        Target::focus(View::Governance, anchor::REPORTING)
    );
    assert_eq!(
        fix_target(&Subject::SponsorValue),
        Target::focus(View::Overview, anchor::SPONSOR_VALUE)
    );
    assert_eq!(
        fix_target(&Subject::Engagement),
        Target::focus(View::Overview, anchor::ENGAGEMENT)
    );
    assert_eq!(fix_target(&Subject::Functions), Target::view(View::Roles));
}
