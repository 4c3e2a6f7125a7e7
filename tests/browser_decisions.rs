//! Browser tests of the decision log on the Governance view and its link with pricing
//! approval (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_decisions`.
//!
//! Each test mounts a view on a plan built in code with the shared harness; the live
//! dispatch applies each action as the app does, so the view shows the model's outcome.
//! Controls are found by role and accessible name.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::decision_log::{log_anchor, today};
use engagement_planner::components::governance::GovernanceView;
use engagement_planner::components::pricing::PricingView;
use engagement_planner::model::pricing::{PricingAction, SellingStyle};
use engagement_planner::model::*;
use plans::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn governance_view() -> Html {
    html! { <GovernanceView /> }
}

fn pricing_view() -> Html {
    html! { <PricingView /> }
}

/// "Website relaunch" with Dana (PM and engagement manager), Ari (sales) and Sam
/// (performer) on delivery, and Gus, a sponsor with a role; scope change decided by
/// `method` (and by Dana, under authority).
struct Room {
    w: Workspace,
    e: EngagementId,
    scope: DecisionId,
    deal: DecisionId,
    dana: PersonId,
    sam: PersonId,
}

fn room(method: DecisionMethod) -> Room {
    let fx = relaunch();
    let (mut w, e) = (fx.workspace, fx.engagement);
    let gus = person(&mut w, "Gus", StakeholderGroup::Sponsor, 10);
    let delivery = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, fx.ari, delivery, Raci::Consulted, 2);
    assign(&mut w, e, fx.sam, delivery, Raci::Responsible, 2);
    assign(&mut w, e, gus, delivery, Raci::Informed, 1);
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    let deal = decision(&w, e, DecisionKind::FinalDeal);
    edit_decision(&mut w, e, scope, DecisionEdit::Method(Some(method)));
    edit_decision(&mut w, e, scope, DecisionEdit::Authority(Some(fx.dana)));
    edit_decision(&mut w, e, deal, DecisionEdit::Authority(Some(fx.dana)));
    Room {
        w,
        e,
        scope,
        deal,
        dana: fx.dana,
        sam: fx.sam,
    }
}

fn propose(w: &mut Workspace, e: EngagementId, d: DecisionId, words: &str) -> ProposalId {
    let id = ProposalId(w.next_id);
    apply(
        w,
        Action::Propose {
            engagement: e,
            decision: d,
            text: words.into(),
            date: "2026-12-01".into(),
            quorum: None,
            worksheet: None,
        },
    );
    id
}

fn log(root: &Element, d: DecisionId) -> Element {
    by_id(root, &log_anchor(d))
}

#[wasm_bindgen_test]
async fn each_decision_area_has_its_log_and_a_propose_form() {
    let r = room(DecisionMethod::Majority);
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    for d in &r.w.engagement(r.e).unwrap().decisions {
        let section = log(&m.root, d.id);
        assert!(text(&section).contains(&d.name));
        let field = input(&section, &format!("Proposal in {}", d.name)).await;
        assert!(field.required());
        let date = input(&section, "Date").await;
        assert_eq!(date.value(), today(), "the date defaults to today");
        assert!(has_button(&section, "Propose"));
        assert!(text(&section).contains(&format!("No decisions in {} yet.", d.name)));
    }
    // Only majority asks for a quorum; only the final deal names a worksheet.
    assert!(has_control(&log(&m.root, r.scope), "Quorum (%), optional"));
    assert!(!has_control(&log(&m.root, r.deal), "Quorum (%), optional"));
    assert!(has_control(&log(&m.root, r.deal), "Approves worksheet"));
    assert!(!has_control(&log(&m.root, r.scope), "Approves worksheet"));
}

#[wasm_bindgen_test]
async fn proposing_records_the_words_todays_date_and_the_quorum() {
    let r = room(DecisionMethod::Majority);
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let section = log(&m.root, r.scope);
    let words = input(&section, "Proposal in Scope change").await;
    words.set_value("Drop the search page");
    input(&section, "Quorum (%), optional")
        .await
        .set_value("60");
    click(&button(&section, "Propose").await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::Propose {
            engagement: r.e,
            decision: r.scope,
            text: "Drop the search page".into(),
            date: today(),
            quorum: Some(Bps(6_000)),
            worksheet: None,
        })
    );
    assert_eq!(words.value(), "", "the form is ready for the next proposal");
    let section = log(&m.root, r.scope);
    let outcome = until(|| section.query_selector(".outcome").ok().flatten()).await;
    // Nobody has voted: no votes cast, and the quorum of 60 % is not met.
    assert!(
        text(&outcome).starts_with("Failed: 0 for, 0 against, 0 abstained"),
        "{}",
        text(&outcome)
    );
    assert!(
        text(&outcome).contains("the quorum is not met"),
        "{}",
        text(&outcome)
    );
    // A quorum the field cannot read is refused at the form, and nothing is proposed.
    let before = m.actions().len();
    input(&section, "Proposal in Scope change")
        .await
        .set_value("Second");
    input(&section, "Quorum (%), optional")
        .await
        .set_value("sixty");
    click(&button(&section, "Propose").await).await;
    assert_eq!(m.actions().len(), before);
    let error = section.query_selector("[role=alert]").unwrap().unwrap();
    assert!(text(&error).starts_with("Quorum:"), "{}", text(&error));
}

#[wasm_bindgen_test]
async fn majority_with_a_quorum_passes_once_enough_of_the_eligible_vote() {
    let mut r = room(DecisionMethod::Majority);
    let p = propose(&mut r.w, r.e, r.scope, "Move the go-live to 1 March");
    apply(
        &mut r.w,
        Action::EditProposal {
            engagement: r.e,
            decision: r.scope,
            proposal: p,
            edit: ProposalEdit::Quorum(Some(Bps(6_000))),
        },
    );
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let item = by_id(&m.root, &format!("proposal-{p}"));
    let on = "on \u{201c}Move the go-live to 1 March\u{201d}";
    // The method's words.
    let dana = select(&item, &format!("Position of Dana {on}")).await;
    let words: Vec<String> = all(&dana, "option").iter().map(text).collect();
    assert_eq!(words, ["— no position —", "for", "against", "abstains"]);
    for (who, word) in [("Dana", "for"), ("Ari", "for"), ("Gus", "against")] {
        let s = select(&item, &format!("Position of {who} {on}")).await;
        choose(&s, &option_value(&s, word)).await;
    }
    let item = by_id(&m.root, &format!("proposal-{p}"));
    let outcome = testid(&item, &format!("outcome-{p}"));
    assert_eq!(
        text(&outcome),
        "Passed: 2 for, 1 against, 0 abstained \u{2014} more than half of the votes cast, with votes cast by at least 60 % of the 4 eligible"
    );
}

#[wasm_bindgen_test]
async fn a_block_without_a_reason_is_refused_beside_the_reason() {
    let mut r = room(DecisionMethod::Consensus);
    let p = propose(&mut r.w, r.e, r.scope, "Drop the search page");
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let on = "on \u{201c}Drop the search page\u{201d}";
    let item = by_id(&m.root, &format!("proposal-{p}"));
    let sam = select(&item, &format!("Position of Sam {on}")).await;
    choose(&sam, &option_value(&sam, "blocks")).await;
    let reason = input(&item, &format!("Reason of Sam {on} (required for a block)")).await;
    let message = message_of(&m.root, &reason).unwrap_or_default();
    assert_eq!(
        message,
        "A block needs a reason: say why Sam blocks, so the log records it."
    );
    assert_eq!(
        reason.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(r_position(&m, r.e, r.scope, p, r.sam).is_none());
    // The block stays chosen; giving the reason records it.
    assert_eq!(sam.value(), option_value(&sam, "blocks"));
    type_into(&reason, "It is the most used page").await;
    assert_eq!(
        r_position(&m, r.e, r.scope, p, r.sam),
        Some((Stance::Against, "It is the most used page".to_string()))
    );
    let dana = select(&item, &format!("Position of Dana {on}")).await;
    choose(&dana, &option_value(&dana, "agrees")).await;
    let outcome = testid(
        &by_id(&m.root, &format!("proposal-{p}")),
        &format!("outcome-{p}"),
    );
    assert_eq!(
        text(&outcome),
        "Failed: 1 agree, 1 block, 0 stand aside \u{2014} blocked by Sam (\u{201c}It is the most used page\u{201d}); no one blocks and at least one agrees"
    );
    assert!(
        message_of(&m.root, &reason).is_none(),
        "the refusal is gone"
    );
}

fn r_position(
    m: &Mounted,
    e: EngagementId,
    d: DecisionId,
    p: ProposalId,
    person: PersonId,
) -> Option<(Stance, String)> {
    let w = m.workspace();
    let area = w.engagement(e)?.decision(d)?;
    let proposal = area.log.iter().find(|x| x.id == p)?;
    proposal
        .position_of(person)
        .map(|x| (x.stance, x.reason.clone()))
}

#[wasm_bindgen_test]
async fn under_authority_the_authority_decides_and_everyone_else_advises() {
    let mut r = room(DecisionMethod::Authority);
    let p = propose(&mut r.w, r.e, r.scope, "Add a loyalty page");
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let on = "on \u{201c}Add a loyalty page\u{201d}";
    let item = by_id(&m.root, &format!("proposal-{p}"));
    let rows = all(&item, "tr.position-row");
    let labels: Vec<String> = rows
        .iter()
        .map(|row| text(&row.query_selector("th").unwrap().unwrap()))
        .collect();
    assert!(labels.contains(&"Dana (decides)".to_string()), "{labels:?}");
    assert!(labels.contains(&"Sam (advice)".to_string()), "{labels:?}");
    let sam = select(&item, &format!("Position of Sam {on}")).await;
    let words: Vec<String> = all(&sam, "option").iter().map(text).collect();
    assert_eq!(
        words,
        ["— no position —", "approves", "rejects", "no position"]
    );
    choose(&sam, &option_value(&sam, "rejects")).await;
    let outcome = testid(
        &by_id(&m.root, &format!("proposal-{p}")),
        &format!("outcome-{p}"),
    );
    assert!(
        text(&outcome).starts_with("Not decided"),
        "{}",
        text(&outcome)
    );
    let dana = select(&item, &format!("Position of Dana {on}")).await;
    choose(&dana, &option_value(&dana, "approves")).await;
    let outcome = testid(
        &by_id(&m.root, &format!("proposal-{p}")),
        &format!("outcome-{p}"),
    );
    assert_eq!(
        text(&outcome),
        "Passed: decided by Dana; advice: 0 for, 1 against \u{2014} the named authority decides"
    );
}

#[wasm_bindgen_test]
async fn proposals_are_listed_newest_first_and_removed_with_undo_offered() {
    let mut r = room(DecisionMethod::Majority);
    let first = propose(&mut r.w, r.e, r.scope, "First proposal");
    let second = propose(&mut r.w, r.e, r.scope, "Second proposal");
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let ids: Vec<String> = all(&log(&m.root, r.scope), "li.proposal")
        .iter()
        .map(|li| li.id())
        .collect();
    assert_eq!(
        ids,
        [format!("proposal-{second}"), format!("proposal-{first}")]
    );
    click(
        &button(
            &m.root,
            "Remove the proposal \u{201c}First proposal\u{201d}",
        )
        .await,
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::RemoveProposal {
            engagement: r.e,
            decision: r.scope,
            proposal: first,
        })
    );
    assert!(m
        .announced()
        .last()
        .is_some_and(|a| a.contains("Removed the proposal") && a.contains("Undo")));
    assert_eq!(all(&log(&m.root, r.scope), "li.proposal").len(), 1);
}

#[wasm_bindgen_test]
async fn editing_a_proposal_shows_the_models_refusal_beside_the_field() {
    let mut r = room(DecisionMethod::Majority);
    let p = propose(&mut r.w, r.e, r.scope, "Drop the search page");
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let date = testid(&m.root, &format!("proposal-date-{p}"));
    type_into(&date, "1 December").await;
    let message = message_of(&m.root, &date).unwrap_or_default();
    assert!(message.contains("1 December"), "{message}");
    type_into(&date, "2026-12-02").await;
    let w = m.workspace();
    assert_eq!(
        w.engagement(r.e).unwrap().decision(r.scope).unwrap().log[0].date,
        "2026-12-02"
    );
}

#[wasm_bindgen_test]
async fn the_deal_approved_on_pricing_is_linked_from_the_log_and_governance() {
    let mut r = room(DecisionMethod::Majority);
    let role = rate_role(&mut r.w, r.e, "Developer", 6_000, 10_000);
    let ws = worksheet(&mut r.w, r.e, "Base", SellingStyle::Collaborative);
    line(&mut r.w, r.e, ws, "Build", role, 100);
    price(
        &mut r.w,
        r.e,
        PricingAction::SetDeal {
            worksheet: Some(ws),
        },
    );
    price(&mut r.w, r.e, PricingAction::Submit { worksheet: ws });
    price(
        &mut r.w,
        r.e,
        PricingAction::Approve {
            worksheet: ws,
            by: r.dana,
            date: "2026-12-02".into(),
        },
    );
    let m = mount_live(r.w.clone(), Some(r.e), governance_view).await;
    let row = testid(&m.root, "final-deal-decision");
    assert!(
        text(&row).contains(
            "The deal \u{201c}Base\u{201d} was approved in the decision log on 2026-12-02."
        ),
        "{}",
        text(&row)
    );
    click(&button(&row, "See the decision").await).await;
    let p = r.w.engagement(r.e).unwrap().decision(r.deal).unwrap().log[0].id;
    assert_eq!(
        m.targets().last().and_then(|t| t.focus.clone()),
        Some(format!("proposal-{p}"))
    );
    let item = by_id(&m.root, &format!("proposal-{p}"));
    assert!(text(&testid(&item, &format!("outcome-{p}"))).starts_with("Passed: decided by Dana"));
    assert!(
        text(&testid(&item, &format!("proposal-approves-{p}"))).contains("\u{201c}Base\u{201d}")
    );
    drop(m);
    // The Pricing view's approval panel says the same.
    let m = mount_live(r.w.clone(), Some(r.e), pricing_view).await;
    let panel = until(|| {
        m.root
            .query_selector("[data-testid=approval-decision]")
            .ok()
            .flatten()
    })
    .await;
    assert!(
        text(&panel).starts_with("Approved in the decision log on 2026-12-02."),
        "{}",
        text(&panel)
    );
}
