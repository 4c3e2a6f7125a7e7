//! End-to-end journey of the decision log on the Governance view through the release build
//! in Chromium, Firefox or WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`): a proposal
//! put and decided under each method (majority with a quorum, consensus with a block that
//! needs a reason, authority with advice), the outcome lines, a removal undone, and the log
//! kept across a reload.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_decisions -- --test-threads=1
//! ```
//!
//! `decision_log_screenshots` writes screenshots of the log at 1024×768, in the normal and
//! the projector theme, to `target/screenshots/<engine>/decisions-*.png`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use support::{
    center, propose, screenshot_below_header, screenshot_dir, take, wait_saved, Session,
    WORKSPACE_KEY,
};

// ===== the plan ==========================================================================

fn apply(w: &mut Workspace, action: Action) {
    let what = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("building the plan: {what} was refused: {e}"));
}

/// "Website relaunch": five people of the engagement (Dana the PM and engagement manager,
/// Ari in sales, Sam and Kim performers, Gus a sponsor); scope change decided by majority,
/// acceptance by consensus and escalation by Dana's authority.
fn plan() -> Workspace {
    let mut w = Workspace::default();
    let mut people = Vec::new();
    for (name, group) in [
        ("Dana Lee", StakeholderGroup::ProjectManager),
        ("Ari Chen", StakeholderGroup::Sales),
        ("Sam Ortiz", StakeholderGroup::Performer),
        ("Kim Park", StakeholderGroup::Performer),
        ("Gus Meyer", StakeholderGroup::Sponsor),
    ] {
        people.push(PersonId(w.next_id));
        apply(
            &mut w,
            Action::AddPerson {
                name: name.into(),
                side: Side::Provider,
                group,
                capacity: Hours::from_whole(40),
            },
        );
    }
    let e = EngagementId(w.next_id);
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Website relaunch".into(),
            template: Template::InHouseProject,
        },
    );
    let edit = |w: &mut Workspace, edit| {
        apply(
            w,
            Action::EditEngagement {
                engagement: e,
                edit,
            },
        )
    };
    edit(&mut w, EngagementEdit::Pm(Some(people[0])));
    edit(&mut w, EngagementEdit::EngagementManager(Some(people[0])));
    let delivery = w
        .engagement(e)
        .unwrap()
        .function_of_kind(FunctionKind::Delivery)
        .unwrap()
        .id;
    for (&p, role) in people[1..].iter().zip([
        Raci::Consulted,
        Raci::Responsible,
        Raci::Responsible,
        Raci::Informed,
    ]) {
        apply(
            &mut w,
            Action::Assign {
                engagement: e,
                person: p,
                function: delivery,
                role,
                hours: Hours::from_whole(2),
            },
        );
    }
    let area = |w: &Workspace, kind| {
        w.engagement(e)
            .unwrap()
            .decisions
            .iter()
            .find(|d| d.kind == kind)
            .unwrap()
            .id
    };
    for (kind, method) in [
        (DecisionKind::ScopeChange, DecisionMethod::Majority),
        (DecisionKind::Acceptance, DecisionMethod::Consensus),
        (DecisionKind::Escalation, DecisionMethod::Authority),
        (DecisionKind::FinalDeal, DecisionMethod::Authority),
    ] {
        let d = area(&w, kind);
        for edit in [
            DecisionEdit::Method(Some(method)),
            DecisionEdit::Authority((method == DecisionMethod::Authority).then_some(people[0])),
        ] {
            apply(
                &mut w,
                Action::EditDecisionArea {
                    engagement: e,
                    decision: d,
                    edit,
                },
            );
        }
    }
    w
}

// ===== helpers ===========================================================================

/// Stores `workspace` as the saved plan and opens its Governance view by address.
async fn open_governance(s: &Session, workspace: &Workspace) {
    s.goto_app().await;
    s.local_storage_set(
        WORKSPACE_KEY,
        &to_json(workspace, Some("2026-12-01T09:00:00.000Z")),
    )
    .await;
    let id = workspace.engagements[0].id;
    s.exec_js(&format!("location.hash = '#/governance/{id}';"), vec![])
        .await;
    s.reload().await;
    wait_governance(s).await;
}

async fn wait_governance(s: &Session) {
    s.wait_for_js(
        "the Governance view with its decision log",
        "const h = document.querySelector('main h2');\
         return !!h && h.textContent.trim() === 'Governance'\
           && !!document.querySelector('.decision-log');",
    )
    .await;
}

/// Scrolls an element to the middle of the viewport, clear of the sticky header.
/// The outcome line of the newest proposal in the area whose log has this id prefix.
async fn outcome_of(s: &Session, words: &str) -> String {
    let js = format!(
        "const li = Array.from(document.querySelectorAll('li.proposal')).find(li =>\
           li.querySelector('input[data-testid^=proposal-text]').value === {words:?});\
         return li ? li.querySelector('.outcome').textContent.trim() : null;"
    );
    s.exec_js(&js, vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn wait_outcome(s: &Session, words: &str, expected: &str) {
    s.wait_until(
        &format!("the outcome of {words:?} to read {expected:?}"),
        async || outcome_of(s, words).await == expected,
    )
    .await;
}

// ===== journeys ==========================================================================

#[tokio::test]
async fn a_proposal_is_decided_under_each_method_and_the_log_is_kept() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_governance(&s, &plan()).await;

    // Majority with a quorum of 60 %: three of the five vote, two for and one against.
    let scope = "Move the go-live to 1 March";
    propose(&s, "Scope change", scope, Some("60")).await;
    wait_outcome(
        &s,
        scope,
        "Failed: 0 for, 0 against, 0 abstained \u{2014} the quorum is not met: 0 of 5 eligible voted; more than half of the votes cast, with votes cast by at least 60 % of the 5 eligible",
    )
    .await;
    take(&s, "Dana Lee", scope, "for").await;
    take(&s, "Ari Chen", scope, "for").await;
    take(&s, "Sam Ortiz", scope, "against").await;
    wait_outcome(
        &s,
        scope,
        "Passed: 2 for, 1 against, 0 abstained \u{2014} more than half of the votes cast, with votes cast by at least 60 % of the 5 eligible",
    )
    .await;

    // Consensus: a block needs a reason, refused beside the reason field until given.
    let acceptance = "Accept the checkout as delivered";
    propose(&s, "Acceptance", acceptance, None).await;
    take(&s, "Sam Ortiz", acceptance, "blocks").await;
    let reason = s
        .by_role(
            "textbox",
            &format!("Reason of Sam Ortiz on \u{201c}{acceptance}\u{201d} (required for a block)"),
        )
        .await;
    s.wait_until("the refusal beside the reason", async || {
        s.attr_of(&reason, "aria-invalid").await.as_deref() == Some("true")
    })
    .await;
    let described = s.attr_of(&reason, "aria-describedby").await.unwrap();
    let message = s.by_css(&format!("[id='{described}']")).await;
    assert_eq!(
        s.text_of(&message).await,
        "A block needs a reason: say why Sam Ortiz blocks, so the log records it."
    );
    s.fill(&reason, "Payments fail on phones").await;
    s.type_keys(&reason, "\u{e007}").await;
    take(&s, "Dana Lee", acceptance, "agrees").await;
    wait_outcome(
        &s,
        acceptance,
        "Failed: 1 agree, 1 block, 0 stand aside \u{2014} blocked by Sam Ortiz (\u{201c}Payments fail on phones\u{201d}); no one blocks and at least one agrees",
    )
    .await;

    // Authority: Dana decides; Kim's rejection is advice.
    let escalation = "Escalate the hosting delay";
    propose(&s, "Escalation", escalation, None).await;
    take(&s, "Kim Park", escalation, "rejects").await;
    take(&s, "Dana Lee", escalation, "approves").await;
    wait_outcome(
        &s,
        escalation,
        "Passed: decided by Dana Lee; advice: 0 for, 1 against \u{2014} the named authority decides",
    )
    .await;

    // A removal is undone.
    let remove = s
        .by_role(
            "button",
            "Remove the proposal \u{201c}Escalate the hosting delay\u{201d}",
        )
        .await;
    center(&s, &remove).await;
    s.click(&remove).await;
    s.wait_until("the escalation proposal to go", async || {
        outcome_of(&s, escalation).await.is_empty()
    })
    .await;
    s.click_role("button", "Undo").await;
    wait_outcome(
        &s,
        escalation,
        "Passed: decided by Dana Lee; advice: 0 for, 1 against \u{2014} the named authority decides",
    )
    .await;

    // Reloaded, the log is as it was.
    wait_saved(&s).await;
    s.reload().await;
    wait_governance(&s).await;
    wait_outcome(
        &s,
        scope,
        "Passed: 2 for, 1 against, 0 abstained \u{2014} more than half of the votes cast, with votes cast by at least 60 % of the 5 eligible",
    )
    .await;
    assert!(outcome_of(&s, acceptance)
        .await
        .starts_with("Failed: 1 agree, 1 block"));
    assert!(outcome_of(&s, escalation)
        .await
        .starts_with("Passed: decided by Dana Lee"));
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn decision_log_screenshots() {
    let Some(s) = Session::start().await else {
        return;
    };
    let mut w = plan();
    let e = w.engagements[0].id;
    let scope = w.engagements[0]
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap()
        .id;
    let proposal = ProposalId(w.next_id);
    apply(
        &mut w,
        Action::Propose {
            engagement: e,
            decision: scope,
            text: "Move the go-live to 1 March, after the holiday sales".into(),
            date: "2026-12-01".into(),
            quorum: Some(Bps(6_000)),
            worksheet: None,
        },
    );
    for (i, stance) in [Stance::For, Stance::For, Stance::Against, Stance::Abstain]
        .into_iter()
        .enumerate()
    {
        let person = w.people[i].id;
        apply(
            &mut w,
            Action::SetPosition {
                engagement: e,
                decision: scope,
                proposal,
                person,
                stance: Some(stance),
                reason: if stance == Stance::Against {
                    "The holiday traffic needs the new checkout".into()
                } else {
                    String::new()
                },
            },
        );
    }
    open_governance(&s, &w).await;
    s.set_viewport(1024, 768).await;
    let dir = screenshot_dir();
    for theme in ["laptop", "projector"] {
        if theme == "projector" {
            s.click_role("button", "Projector mode").await;
            s.wait_for_js(
                "the projector theme",
                "return document.documentElement.dataset.theme === 'projector';",
            )
            .await;
        }
        let log = s.by_testid(&format!("decision-log-{scope}")).await;
        let path = dir.join(format!("decisions-{theme}-1024x768.png"));
        screenshot_below_header(&s, &log, &format!("{theme} at 1024×768"), &path).await;
    }
    s.assert_no_js_errors().await;
}
