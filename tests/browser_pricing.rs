//! Browser tests of the Pricing view (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_pricing`.
//!
//! Each test mounts the view with the shared harness (`browser_support::mount`) on a
//! workspace made with the plan builders, finds controls by their accessible name, uses
//! them, and checks what the view shows and the actions it dispatched. The plan does not change under a
//! mounted view (the recorder only records), so each test checks one gesture's effect.
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::decision_log::today;
use engagement_planner::components::health::fix_target;
use engagement_planner::components::pricing::{worksheet_anchor, PricingView, ROUNDING_RULE};
use engagement_planner::model::assessment::{assess, Check, Subject, View};
use engagement_planner::model::pricing::{
    BillingType, LineEdit, PastedLine, PricingAction, SellingStyle, WorksheetField,
};
use engagement_planner::model::units::Bps;
use engagement_planner::model::*;
use plans::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn pricing_view() -> Html {
    html! { <PricingView /> }
}

// ---------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------

struct Fixture {
    w: Workspace,
    e: EngagementId,
    ws: WorksheetId,
    consultant: RateRoleId,
    discovery: LineId,
    build: LineId,
    em: PersonId,
    performer: PersonId,
    need: NeedId,
}

/// A EUR engagement with an engagement manager, a performer, a promised need, two roles
/// (Consultant 60/100 € per hour, Designer 40/80) and one worksheet in `style` with two
/// lines: Discovery (10 h consultant, for the need) and Build (20 h consultant, no need).
fn fixture(style: SellingStyle) -> Fixture {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Acme rollout", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Currency("EUR".into()));
    let em = person(
        &mut w,
        "Erin Manager",
        StakeholderGroup::EngagementManager,
        40,
    );
    let performer = person(&mut w, "Pat Performer", StakeholderGroup::Performer, 40);
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(em)));
    let sso = need(&mut w, e, "Single sign-on");
    let usage = need(&mut w, e, "Usage report");
    cover(&mut w, e, usage, NeedAspect::Promised, Coverage::Fully);
    let consultant = rate_role(&mut w, e, "Consultant", 6000, 10000);
    rate_role(&mut w, e, "Designer", 4000, 8000);
    let ws = worksheet(&mut w, e, "Base", style);
    let discovery = line(&mut w, e, ws, "Discovery", consultant, 10);
    let build = line(&mut w, e, ws, "Build", consultant, 20);
    price(
        &mut w,
        e,
        PricingAction::EditLine {
            worksheet: ws,
            line: discovery,
            edit: LineEdit::Need(Some(sso)),
        },
    );
    Fixture {
        w,
        e,
        ws,
        consultant,
        discovery,
        build,
        em,
        performer,
        need: sso,
    }
}

// ---------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn shows_rate_card_lines_and_totals_in_the_currency() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    assert_eq!(
        text(&m.root.query_selector("h2").unwrap().unwrap()),
        "Pricing"
    );
    // Rate card: money with the currency's decimals.
    let cost = control(&m.root, "Consultant: cost rate per hour (EUR)").await;
    assert_eq!(cost.unchecked_ref::<HtmlInputElement>().value(), "60.00");
    assert_eq!(all(&m.root, "[data-testid=line-row]").len(), 2);
    // 30 h × 100 € = 3,000.00 € list; 30 h × 60 € = 1,800.00 € cost.
    assert_eq!(text(&testid(&m.root, "total-list")), "€3,000.00");
    assert_eq!(text(&testid(&m.root, "total-cost")), "€1,800.00");
    assert_eq!(text(&testid(&m.root, "total-net")), "€3,000.00");
    assert_eq!(text(&testid(&m.root, "total-margin")), "€1,200.00");
    assert_eq!(text(&testid(&m.root, "total-margin-percent")), "40.00 %");
    // The help states the rounding rule.
    assert!(text(&testid(&m.root, "rounding-rule")).contains("half away from zero"));
    assert!(ROUNDING_RULE.contains("rounded once"));
    // The chart is an image with a title and a description in words.
    let chart = testid(&m.root, "price-chart");
    assert_eq!(chart.get_attribute("role").as_deref(), Some("img"));
    let title = chart.query_selector("title").unwrap().unwrap();
    assert_eq!(text(&title), "Where the price goes");
    let desc = text(&chart.query_selector("desc").unwrap().unwrap());
    assert!(
        desc.contains("cost €1,800.00") && desc.contains("margin €1,200.00"),
        "{desc}"
    );
}

#[wasm_bindgen_test]
async fn an_hours_cell_commits_one_action_and_refuses_bad_input_at_the_cell() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let cell = control(&m.root, "Discovery: Consultant hours").await;
    assert_eq!(cell.unchecked_ref::<HtmlInputElement>().value(), "10");

    for (typed, said) in [
        ("abc", "not a number"),
        ("-4", "negative"),
        ("1.234", "decimal"),
    ] {
        type_into(&cell, typed).await;
        assert_eq!(
            cell.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{typed}"
        );
        let message = message_of(&m.root, &cell).unwrap_or_default();
        assert!(message.contains(said), "{typed}: {message}");
        assert!(m.pricing_actions().is_empty(), "{typed} reached the plan");
        // The typed text stays for the user to correct.
        assert_eq!(cell.unchecked_ref::<HtmlInputElement>().value(), typed);
    }
    // Beyond what the model accepts for a line: refused with the model's reason.
    type_into(&cell, "200000").await;
    assert!(m.pricing_actions().is_empty());
    assert!(message_of(&m.root, &cell).is_some());

    type_into(&cell, "12.5").await;
    assert_eq!(
        m.pricing_actions(),
        vec![PricingAction::EditLine {
            worksheet: f.ws,
            line: f.discovery,
            edit: LineEdit::Hours(f.consultant, Hours(1250)),
        }]
    );
    assert_eq!(cell.get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn percent_fields_refuse_negative_letters_and_a_margin_of_100() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let target = control(&m.root, "Target margin (%)").await;
    for (typed, said) in [
        ("100", "100 %"),
        ("150", "100 %"),
        ("-5", "negative"),
        ("ten", "number"),
    ] {
        type_into(&target, typed).await;
        let message = message_of(&m.root, &target).unwrap_or_default();
        assert!(message.contains(said), "{typed}: {message}");
        assert!(m.pricing_actions().is_empty(), "{typed} reached the plan");
    }
    type_into(&target, "35.5 %").await;
    let commission = control(&m.root, "Commission rate (%)").await;
    type_into(&commission, "8").await;
    assert_eq!(
        m.pricing_actions(),
        vec![
            PricingAction::SetWorksheetField {
                worksheet: f.ws,
                field: WorksheetField::TargetMargin,
                value: Bps(3550),
            },
            PricingAction::SetWorksheetField {
                worksheet: f.ws,
                field: WorksheetField::CommissionRate,
                value: Bps(800),
            },
        ]
    );
}

#[wasm_bindgen_test]
async fn enter_moves_to_the_same_column_of_the_next_row() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let first = control(&m.root, "Discovery: Consultant hours").await;
    first.unchecked_ref::<HtmlElement>().focus().unwrap();
    key(&first, "Enter");
    settle().await;
    for _ in 0..100 {
        let at = gloo::utils::document().active_element();
        if at.and_then(|a| a.get_attribute("aria-label")).as_deref()
            == Some("Build: Consultant hours")
        {
            break;
        }
        settle().await;
    }
    let focused = gloo::utils::document().active_element().unwrap();
    assert_eq!(
        focused.get_attribute("aria-label").as_deref(),
        Some("Build: Consultant hours")
    );
    // The grid's tab order is the reading order: name, billing, need, hours, discount.
    let row = all(&m.root, "[data-testid=line-row]").remove(0);
    let order: Vec<String> = all(&row, "input, select, button")
        .iter()
        .map(|e| e.get_attribute("aria-label").unwrap_or_default())
        .collect();
    assert_eq!(
        &order[..5],
        &[
            "Line name: Discovery",
            "Discovery: billing type",
            "Discovery: client need",
            "Discovery: Consultant hours",
            "Discovery: Designer hours",
        ]
    );
    assert!(
        all(&row, "[tabindex]").is_empty(),
        "no tabindex reorders the grid"
    );
}

#[wasm_bindgen_test]
async fn consultative_flags_unpriced_needs_and_unasked_lines() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let flags = text(&testid(&m.root, "style-flags"));
    assert!(
        flags.contains("Promised but not priced Usage report"),
        "{flags}"
    );
    assert!(flags.contains("Not asked for Build"), "{flags}");
    let flagged: Vec<Element> = all(&m.root, "[data-testid=flag-not-asked]");
    assert_eq!(flagged.len(), 1, "only Build has no need");
    let flagged_row = flagged[0].closest("tr").unwrap().unwrap();
    assert_eq!(flagged_row.id(), format!("line-{}", f.build));
    let need = control(&m.root, "Discovery: client need").await;
    assert_eq!(
        need.unchecked_ref::<HtmlSelectElement>().value(),
        f.need.to_string()
    );
    // Switching style keeps every line's data: it is one action, no line edit.
    let style = control(&m.root, "Selling style").await;
    choose(&style, "Collaborative").await;
    assert_eq!(
        m.pricing_actions(),
        vec![PricingAction::SetStyle {
            worksheet: f.ws,
            style: SellingStyle::Collaborative,
        }]
    );
}

#[wasm_bindgen_test]
async fn collaborative_shows_delivery_beside_sales_and_the_disconnect() {
    let mut f = fixture(SellingStyle::Collaborative);
    // A target margin the price misses: cost 1,800 → target price 1,800 ÷ 0.3 = 6,000;
    // the price is 3,000, so 3,000.00 € is missing.
    price(
        &mut f.w,
        f.e,
        PricingAction::SetWorksheetField {
            worksheet: f.ws,
            field: WorksheetField::TargetMargin,
            value: Bps(7000),
        },
    );
    // Discovery has an estimator and hours; Build has none.
    price(
        &mut f.w,
        f.e,
        PricingAction::EditLine {
            worksheet: f.ws,
            line: f.discovery,
            edit: LineEdit::Estimator(Some(f.performer)),
        },
    );
    price(
        &mut f.w,
        f.e,
        PricingAction::EditLine {
            worksheet: f.ws,
            line: f.discovery,
            edit: LineEdit::DeliveryHours(f.consultant, Hours::from_whole(14)),
        },
    );
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let delivery = control(&m.root, "Discovery: Consultant delivery hours").await;
    assert_eq!(delivery.unchecked_ref::<HtmlInputElement>().value(), "14");
    let variances: Vec<String> = all(&m.root, "[data-testid=hours-variance]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(variances[0], "+4", "delivery estimates 4 h more than sales");
    assert_eq!(all(&m.root, "[data-testid=flag-no-delivery]").len(), 1);
    let disconnect = text(&testid(&m.root, "disconnect"));
    assert!(
        disconnect.contains("1 line without delivery input"),
        "{disconnect}"
    );
    assert!(disconnect.contains("Build"), "{disconnect}");
    let margin = text(&testid(&m.root, "disconnect-margin"));
    // Cost on delivery's hours: 14 × 60 + 20 × 60 = 2,040; target price 2,040 ÷ 0.3 = 6,800.
    assert!(margin.contains("€3,800.00 short"), "{margin}");
    // Estimators: delivery people only, since nobody else estimates a line yet.
    let estimator = control(&m.root, "Build: delivery estimator").await;
    let groups: Vec<String> = all(&estimator, "optgroup")
        .iter()
        .map(|g| g.get_attribute("label").unwrap())
        .collect();
    assert_eq!(groups, ["Delivery: their estimate counts"]);
    let first_group = all(&estimator, "optgroup").remove(0);
    assert!(text(&first_group).contains("Pat Performer"));
    assert!(!text(&first_group).contains("Erin Manager"));
}

#[wasm_bindgen_test]
async fn a_salesperson_estimate_is_shown_as_not_counting_with_the_reason() {
    let mut f = fixture(SellingStyle::Collaborative);
    let seller = person(&mut f.w, "Sol Seller", StakeholderGroup::Sales, 40);
    for edit in [
        LineEdit::Estimator(Some(seller)),
        LineEdit::DeliveryHours(f.consultant, Hours::from_whole(8)),
    ] {
        price(
            &mut f.w,
            f.e,
            PricingAction::EditLine {
                worksheet: f.ws,
                line: f.discovery,
                edit,
            },
        );
    }
    let m = mount(f.w, Some(f.e), pricing_view).await;
    // Discovery is estimated, but by sales: flagged with the reason, not as missing.
    assert_eq!(all(&m.root, "[data-testid=flag-not-delivery]").len(), 1);
    assert_eq!(
        text(&testid(&m.root, "flag-not-delivery-reason")),
        "Sol Seller is in Sales, whose price delivery's estimate is there to check."
    );
    assert_eq!(
        all(&m.root, "[data-testid=flag-no-delivery]").len(),
        1,
        "Build has none"
    );
    let disconnect = text(&testid(&m.root, "disconnect-delivery"));
    assert!(
        disconnect.contains("2 lines without delivery input"),
        "{disconnect}"
    );
    // The select still shows the salesperson, in a group of their own that says so.
    let estimator = control(&m.root, "Discovery: delivery estimator").await;
    let groups: Vec<String> = all(&estimator, "optgroup")
        .iter()
        .map(|g| g.get_attribute("label").unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "Delivery: their estimate counts",
            "Not delivery: their estimate does not count"
        ]
    );
    let not_counting = all(&estimator, "optgroup").remove(1);
    assert_eq!(
        text(&not_counting),
        "Sol Seller (Sales) \u{2014} does not count"
    );
    assert_eq!(
        estimator.unchecked_ref::<HtmlSelectElement>().value(),
        seller.to_string()
    );
}

#[wasm_bindgen_test]
async fn approval_is_refused_for_a_performer_with_the_reason_and_accepted_for_the_em() {
    let mut f = fixture(SellingStyle::Consultative);
    price(&mut f.w, f.e, PricingAction::Submit { worksheet: f.ws });
    let m = mount(f.w, Some(f.e), pricing_view).await;
    assert_eq!(text(&testid(&m.root, "approval-status")), "Submitted");
    // Who decides, by the model's one rule: the engagement manager, offered first.
    assert_eq!(
        text(&testid(&m.root, "approval-deciders")),
        "Who decides the final deal: Erin Manager (engagement manager)."
    );
    let decide = control(&m.root, "Decide as").await;
    let offered: Vec<String> = all(&decide, "option").iter().map(text).collect();
    assert_eq!(
        offered,
        [
            "— choose who decides —",
            "Erin Manager (engagement manager)",
            "Pat Performer (Performer, may not decide)"
        ]
    );
    choose(&decide, &f.performer.to_string()).await;
    button(&m.root, "Approve").await.click();
    settle().await;
    let error = text(&testid(&m.root, "approval-error"));
    assert_eq!(
        error,
        "Pat Performer is a Performer: only Erin Manager (engagement manager) may decide the final deal."
    );
    assert!(
        m.pricing_actions().is_empty(),
        "a refused approval never reaches the plan"
    );

    choose(&decide, &f.em.to_string()).await;
    button(&m.root, "Approve").await.click();
    settle().await;
    assert_eq!(
        m.pricing_actions(),
        vec![PricingAction::Approve {
            worksheet: f.ws,
            by: f.em,
            date: today(),
        }]
    );
    assert!(m
        .root
        .query_selector("[data-testid=approval-error]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn an_approved_worksheet_is_locked_until_reopened() {
    let mut f = fixture(SellingStyle::Consultative);
    price(&mut f.w, f.e, PricingAction::Submit { worksheet: f.ws });
    price(
        &mut f.w,
        f.e,
        PricingAction::Approve {
            worksheet: f.ws,
            by: f.em,
            date: "2025-03-01".into(),
        },
    );
    let m = mount(f.w, Some(f.e), pricing_view).await;
    assert!(text(&testid(&m.root, "locked-note")).contains("locked"));
    assert!(text(&testid(&m.root, "approval-status")).starts_with("Approved by Erin Manager"));
    let log = text(&testid(&m.root, "approval-log"));
    assert!(
        log.contains("Submitted") && log.contains("Approved by Erin Manager"),
        "{log}"
    );
    for name in [
        "Discovery: Consultant hours",
        "Line name: Build",
        "Target margin (%)",
        "Discovery: billing type",
    ] {
        assert!(
            control(&m.root, name).await.has_attribute("disabled"),
            "{name} is disabled while approved"
        );
    }
    assert!(button(&m.root, "Remove line Build")
        .await
        .has_attribute("disabled"));
    assert!(m
        .root
        .query_selector("[aria-label='Add a line item']")
        .unwrap()
        .is_none());
    // Reopen as the engagement manager: one recorded action.
    choose(&control(&m.root, "Decide as").await, &f.em.to_string()).await;
    button(&m.root, "Reopen").await.click();
    settle().await;
    assert!(matches!(
        m.pricing_actions().as_slice(),
        [PricingAction::Reopen { by, .. }] if *by == f.em
    ));
}

#[wasm_bindgen_test]
async fn pasted_rows_are_previewed_and_added_as_one_action() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    button(&m.root, "Paste rows").await.click();
    let area = until(|| m.root.query_selector("#paste-rows").ok().flatten()).await;
    let set = |value: &str| {
        area.dyn_ref::<HtmlTextAreaElement>()
            .unwrap()
            .set_value(value);
        fire(&area, "input");
    };
    set("Name\tBilling type\tConsultant\tDesigner\nQA\tFixed fee\t-2\t1\nDocs\tT&M\t1\tx\n");
    settle().await;
    let errors = text(&testid(&m.root, "paste-errors"));
    assert!(errors.contains("Row 2, column “Consultant”"), "{errors}");
    assert!(errors.contains("Row 3, column “Designer”"), "{errors}");
    assert!(button(&m.root, "Add lines").await.has_attribute("disabled"));

    set("QA\tFixed fee\t2\t1\t5\nDocs\tT&M\t1\t\t\n");
    settle().await;
    assert!(text(&testid(&m.root, "paste-preview")).contains("Preview: 2 lines"));
    button(&m.root, "Add 2 lines").await.click();
    settle().await;
    let actions = m.pricing_actions();
    assert_eq!(actions.len(), 1, "{actions:?}");
    match &actions[0] {
        PricingAction::PasteLines { worksheet, lines } => {
            assert_eq!(*worksheet, f.ws);
            assert_eq!(lines.len(), 2);
            assert_eq!(lines[0].name, "QA");
            assert_eq!(lines[0].discount, Bps(500));
            assert_eq!(lines[1].billing, BillingType::TimeAndMaterials);
        }
        other => panic!("expected one paste, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn worksheets_are_duplicated_compared_and_chosen_as_the_deal() {
    let mut f = fixture(SellingStyle::Consultative);
    let scenario = WorksheetId(f.w.next_id);
    price(
        &mut f.w,
        f.e,
        PricingAction::DuplicateWorksheet {
            worksheet: f.ws,
            name: "Discounted".into(),
        },
    );
    price(
        &mut f.w,
        f.e,
        PricingAction::SetWorksheetField {
            worksheet: scenario,
            field: WorksheetField::GlobalDiscount,
            value: Bps(1000),
        },
    );
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let rows = all(&m.root, "[data-testid=comparison-row]");
    assert_eq!(rows.len(), 2);
    assert!(text(&rows[0]).contains("€3,000.00"), "{}", text(&rows[0]));
    assert!(text(&rows[1]).contains("€2,700.00"), "{}", text(&rows[1]));
    assert_eq!(rows[1].id(), worksheet_anchor(scenario));
    button(&m.root, "Show worksheet Discounted").await.click();
    settle().await;
    let heading = text(&m.root.query_selector("#worksheet-title").unwrap().unwrap());
    assert_eq!(heading, "Worksheet: Discounted");
    // The worksheet's tab is the pressed one once the list has caught up.
    let r = m.root.clone();
    until(|| {
        all(&r, ".sheet-tab")
            .iter()
            .find(|b| b.get_attribute("aria-pressed").as_deref() == Some("true"))
            .filter(|b| text(b).starts_with("Discounted"))
            .cloned()
    })
    .await;
    button(&m.root, "Choose as the deal").await.click();
    button(&m.root, "Duplicate as scenario").await.click();
    settle().await;
    let actions = m.pricing_actions();
    assert_eq!(
        actions[0],
        PricingAction::SetDeal {
            worksheet: Some(scenario)
        }
    );
    assert!(
        matches!(&actions[1], PricingAction::DuplicateWorksheet { worksheet, .. } if *worksheet == scenario)
    );
}
#[wasm_bindgen_test]
async fn pricing_findings_link_to_the_pricing_view() {
    let mut f = fixture(SellingStyle::Collaborative);
    price(
        &mut f.w,
        f.e,
        PricingAction::SetWorksheetField {
            worksheet: f.ws,
            field: WorksheetField::TargetMargin,
            value: Bps(7000),
        },
    );
    let a = assess(&f.w, f.e);
    let pricing: Vec<_> = a
        .findings
        .iter()
        .filter(|x| matches!(x.check, Check::PricingInput | Check::Margin))
        .collect();
    assert!(!pricing.is_empty(), "checks 7 and 8 find the gaps");
    for finding in pricing {
        let target = fix_target(&finding.subject);
        assert_eq!(target.view, View::Pricing, "{finding:?}");
        if let Subject::Worksheet(id) = finding.subject {
            assert_eq!(target.focus, Some(worksheet_anchor(id)));
        }
    }
    // The view shows them too, and the anchor they focus exists: with one worksheet
    // there is no comparison, so the anchor is the worksheet panel.
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let shown = text(&testid(&m.root, "pricing-findings"));
    assert!(shown.contains("delivery"), "{shown}");
    assert!(
        m.root
            .query_selector(&format!("[id='{}']", worksheet_anchor(f.ws)))
            .unwrap()
            .is_some(),
        "the worksheet's anchor is on the page"
    );
}

#[wasm_bindgen_test]
async fn long_worksheets_are_shown_a_page_at_a_time_with_totals_over_all_lines() {
    let mut f = fixture(SellingStyle::Consultative);
    let lines = (0..148)
        .map(|i| PastedLine {
            name: format!("Package {i:03}"),
            billing: BillingType::FixedFee,
            hours: [(f.consultant, Hours::from_whole(1))].into_iter().collect(),
            discount: Bps(0),
        })
        .collect();
    price(
        &mut f.w,
        f.e,
        PricingAction::PasteLines {
            worksheet: f.ws,
            lines,
        },
    );
    let m = mount(f.w, Some(f.e), pricing_view).await;
    assert_eq!(all(&m.root, "[data-testid=line-row]").len(), 100);
    let pager = text(&testid(&m.root, "sheet-pager"));
    assert!(pager.contains("Lines 1–100 of 150"), "{pager}");
    // 30 h + 148 h at 100 € an hour, whatever page is shown.
    assert_eq!(text(&testid(&m.root, "total-list")), "€17,800.00");
    // The pager is above and below the grid: use the one above.
    button(&testid(&m.root, "sheet-pager"), "Next lines")
        .await
        .click();
    let r = m.root.clone();
    until(|| (all(&r, "[data-testid=line-row]").len() == 50).then_some(())).await;
    assert!(text(&testid(&m.root, "sheet-pager")).contains("Lines 101–150 of 150"));
    assert!(button(&testid(&m.root, "sheet-pager"), "Next lines")
        .await
        .has_attribute("disabled"));
    let last = control(&m.root, "Line name: Package 147").await;
    assert_eq!(last.get_attribute("data-row").as_deref(), Some("149"));
}

#[wasm_bindgen_test]
async fn pasting_rows_into_the_grid_opens_the_preview() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let cell = control(&m.root, "Build: Consultant hours").await;
    // A paste of rows and columns, as a spreadsheet puts it on the clipboard. A browser
    // may give a constructed ClipboardEvent an empty copy of its clipboardData (only a
    // real paste carries data), so the event carries the DataTransfer itself.
    let paste = js_sys::Function::new_with_args(
        "el, text",
        "const dt = new DataTransfer(); dt.setData('text/plain', text);\
         const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });\
         Object.defineProperty(e, 'clipboardData', { value: dt });\
         el.dispatchEvent(e); return e.defaultPrevented;",
    );
    let prevented = paste
        .call2(
            &wasm_bindgen::JsValue::NULL,
            &cell,
            &"QA\tFixed fee\t2\t1\nDocs\tT&M\t1\t0\n".into(),
        )
        .unwrap();
    assert_eq!(
        prevented.as_bool(),
        Some(true),
        "rows do not land in the cell"
    );
    let r = m.root.clone();
    let area = until(|| r.query_selector("#paste-rows").ok().flatten()).await;
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        "QA\tFixed fee\t2\t1\nDocs\tT&M\t1\t0\n"
    );
    let r = m.root.clone();
    until(|| {
        r.query_selector("[data-testid=paste-preview]")
            .ok()
            .flatten()
    })
    .await;
    assert!(text(&testid(&m.root, "paste-preview")).contains("Preview: 2 lines"));
    // The focus moves in an effect, which a slower engine (WebKit) may run a little later.
    for _ in 0..100 {
        if gloo::utils::document().active_element().map(|e| e.id()) == Some("paste-rows".into()) {
            break;
        }
        settle().await;
    }
    assert_eq!(
        gloo::utils::document().active_element().map(|e| e.id()),
        Some("paste-rows".to_string()),
        "the focus goes to the pasted rows"
    );
    // A single value is an ordinary paste into the cell.
    let single = paste
        .call2(&wasm_bindgen::JsValue::NULL, &cell, &"12".into())
        .unwrap();
    assert_eq!(single.as_bool(), Some(false));
    assert!(
        m.pricing_actions().is_empty(),
        "nothing is added before Add"
    );
}

// ---------------------------------------------------------------------------------
// Fixed fee, time and materials, overruns and target margins
// ---------------------------------------------------------------------------------

/// The fixture with Build billed time and materials.
fn fixed_and_hourly() -> Fixture {
    let mut f = fixture(SellingStyle::Consultative);
    price(
        &mut f.w,
        f.e,
        PricingAction::EditLine {
            worksheet: f.ws,
            line: f.build,
            edit: LineEdit::Billing(BillingType::TimeAndMaterials),
        },
    );
    f
}

#[wasm_bindgen_test]
async fn a_fixed_fee_takes_an_agreed_fee_and_time_and_materials_a_cap() {
    let f = fixed_and_hourly();
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let fee = control(&m.root, "Discovery: agreed fee (EUR)").await;
    assert_eq!(
        fee.get_attribute("placeholder").as_deref(),
        Some("at the estimate")
    );
    let cap = control(&m.root, "Build: not-to-exceed cap (EUR)").await;
    assert_eq!(cap.get_attribute("placeholder").as_deref(), Some("no cap"));
    type_into(&fee, "abc").await;
    let message = message_of(&m.root, &fee).unwrap_or_default();
    assert!(message.contains("agreed fee"), "{message}");
    assert!(m.pricing_actions().is_empty());
    type_into(&fee, "1,200").await;
    type_into(&cap, "1500").await;
    type_into(&cap, "").await;
    let edit = |line, edit| PricingAction::EditLine {
        worksheet: f.ws,
        line,
        edit,
    };
    assert_eq!(
        m.pricing_actions(),
        vec![
            edit(f.discovery, LineEdit::Fee(Some(Money(120_000)))),
            edit(f.build, LineEdit::Cap(Some(Money(150_000)))),
            edit(f.build, LineEdit::Cap(None)),
        ]
    );
}

#[wasm_bindgen_test]
async fn a_cap_that_limits_the_price_is_flagged() {
    let mut f = fixed_and_hourly();
    // Build: 20 h × 100 € = 2,000 €, capped at 1,500 €.
    price(
        &mut f.w,
        f.e,
        PricingAction::EditLine {
            worksheet: f.ws,
            line: f.build,
            edit: LineEdit::Cap(Some(Money(150_000))),
        },
    );
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let rows = all(&m.root, "[data-testid=line-row]");
    assert!(rows[0]
        .query_selector("[data-testid=flag-capped]")
        .unwrap()
        .is_none());
    assert!(rows[1]
        .query_selector("[data-testid=flag-capped]")
        .unwrap()
        .is_some());
    assert_eq!(text(&testid(&m.root, "total-list")), "€2,500.00");
}

#[wasm_bindgen_test]
async fn an_overrun_keeps_a_fixed_fee_and_bills_time_and_materials() {
    let f = fixed_and_hourly();
    let m = mount(f.w, Some(f.e), pricing_view).await;
    let overrun = testid(&m.root, "overrun");
    let caption = text(&overrun.query_selector("caption").unwrap().unwrap());
    assert!(caption.contains("20.00 % more hours"), "{caption}");
    let row = |basis: &str| text(&testid_where(&m.root, "overrun-row", basis));
    // Discovery, fixed fee: 1,000 € at 10 h and at 12 h; cost 600 € → 720 €.
    let fixed = row("FixedFee");
    assert!(
        fixed.matches("€1,000.00").count() == 2 && fixed.contains("€720.00"),
        "{fixed}"
    );
    // Build, time and materials: 2,000 € → 2,400 €.
    let hourly = row("TimeAndMaterials");
    assert!(
        hourly.contains("€2,000.00") && hourly.contains("€2,400.00"),
        "{hourly}"
    );
    let words = text(&testid(&m.root, "overrun-words"));
    assert!(words.contains("the price stays €1,000.00"), "{words}");
    // 50 % more hours: 3,000 € billed; the overrun is a what-if, not an action.
    type_into(&control(&m.root, "Overrun: extra hours (%)").await, "50").await;
    assert!(row("TimeAndMaterials").contains("€3,000.00"));
    assert!(m.actions().is_empty());
}

/// The element with `data-testid` `id` whose `data-basis` is `basis`.
fn testid_where(root: &Element, id: &str, basis: &str) -> Element {
    root.query_selector(&format!("[data-testid='{id}'][data-basis='{basis}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {id} for {basis}"))
}

#[wasm_bindgen_test]
async fn an_empty_target_margin_is_not_set_and_a_default_can_be_set() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w.clone(), Some(f.e), pricing_view).await;
    let target = control(&m.root, "Target margin (%)").await;
    assert_eq!(target.unchecked_ref::<HtmlInputElement>().value(), "");
    let missing = text(&testid(&m.root, "disconnect-no-target"));
    assert!(missing.contains("No target margin is set"), "{missing}");
    type_into(&control(&m.root, "Default target margin (%)").await, "25").await;
    type_into(&target, "").await;
    let actions = m.actions();
    assert_eq!(
        actions,
        vec![
            Action::SetDefaultTargetMargin {
                target: Some(Bps::percent(25)),
            },
            Action::Pricing {
                engagement: f.e,
                action: PricingAction::ClearTargetMargin { worksheet: f.ws },
            },
        ]
    );
    // With a default of 25 %, the worksheet says it is held to it.
    let mut w = f.w;
    apply(
        &mut w,
        Action::SetDefaultTargetMargin {
            target: Some(Bps::percent(25)),
        },
    );
    let m = mount(w, Some(f.e), pricing_view).await;
    let target = control(&m.root, "Target margin (%)").await;
    let help = message_of(&m.root, &target).unwrap_or_default();
    assert!(help.contains("default target margin of 25.00 %"), "{help}");
    assert!(m
        .root
        .query_selector("[data-testid=disconnect-no-target]")
        .unwrap()
        .is_none());
    let ok = text(&testid(&m.root, "no-disconnect"));
    assert!(ok.contains("25.00 % (the default)"), "{ok}");
}
