//! End-to-end journeys of the Pricing view through the release build in Chromium, Firefox or
//! WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`), found by role and accessible name, with the plan checked on screen, in the
//! browser's storage and in the exported file.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_pricing -- --test-threads=1
//! ```
//!
//! `pricing_layout_and_screenshots` writes screenshots of the view at 1024×768, in the
//! normal and the projector theme, to `target/screenshots/<engine>/pricing-*.png`.
//!
//! The benchmark `bench_pricing_edit_to_paint` (ignored; `scripts/bench` runs it) loads
//! a 2,000-line worksheet and prints the time from editing one cell to the next paint.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use serde_json::json;
use std::collections::BTreeMap;
use support::{el_arg, screenshot_dir, stored_workspace, wait_saved, Session, WORKSPACE_KEY};

// ===== the plan ==========================================================================

fn apply(w: &mut Workspace, action: Action) {
    let what = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("building the plan: {what} was refused: {e}"));
}

fn price(w: &mut Workspace, e: EngagementId, action: PricingAction) {
    apply(
        w,
        Action::Pricing {
            engagement: e,
            action,
        },
    );
}

fn person(w: &mut Workspace, name: &str, group: StakeholderGroup) -> PersonId {
    let id = PersonId(w.next_id);
    apply(
        w,
        Action::AddPerson {
            name: name.into(),
            side: Side::Provider,
            group,
            capacity: Hours::from_whole(40),
        },
    );
    id
}

/// A EUR engagement "Acme rollout" with an engagement manager and a performer, a rate
/// card of `roles` (name, cost, bill per hour in whole euros) and a worksheet "Base"
/// with `lines` (name, hours per role in rate-card order).
fn priced_workspace(roles: &[(&str, i64, i64)], lines: &[(&str, &[u32])]) -> Workspace {
    let mut w = Workspace::default();
    let e = EngagementId(w.next_id);
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Acme rollout".into(),
            template: Template::ContractedVendor,
        },
    );
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Currency("EUR".into()),
        },
    );
    let em = person(&mut w, "Erin Manager", StakeholderGroup::EngagementManager);
    person(&mut w, "Pat Performer", StakeholderGroup::Performer);
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::EngagementManager(Some(em)),
        },
    );
    let mut ids = Vec::new();
    for (name, cost, bill) in roles {
        ids.push(RateRoleId(w.next_id));
        price(
            &mut w,
            e,
            PricingAction::AddRateRole {
                name: name.to_string(),
                cost_rate: Money(cost * 100),
                bill_rate: Money(bill * 100),
            },
        );
    }
    let ws = WorksheetId(w.next_id);
    price(
        &mut w,
        e,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style: SellingStyle::Consultative,
        },
    );
    let pasted = lines
        .iter()
        .map(|(name, hours)| PastedLine {
            name: name.to_string(),
            billing: BillingType::FixedFee,
            hours: ids
                .iter()
                .zip(hours.iter())
                .filter(|(_, h)| **h > 0)
                .map(|(id, h)| (*id, Hours::from_whole(*h)))
                .collect::<BTreeMap<_, _>>(),
            discount: Bps(0),
        })
        .collect();
    price(
        &mut w,
        e,
        PricingAction::PasteLines {
            worksheet: ws,
            lines: pasted,
        },
    );
    w
}

/// Consultant 60/100 € and Designer 40/80 € an hour; Discovery 10 h + 5 h, Build 20 h.
fn small_plan() -> Workspace {
    priced_workspace(
        &[("Consultant", 60, 100), ("Designer", 40, 80)],
        &[("Discovery", &[10, 5]), ("Build", &[20, 0])],
    )
}

// ===== helpers ===========================================================================

/// Stores `workspace` as the saved plan and opens its Pricing view by address.
async fn open_pricing(s: &Session, workspace: &Workspace) {
    s.goto_app().await;
    s.local_storage_set(
        WORKSPACE_KEY,
        &to_json(workspace, Some("2025-03-01T12:00:00.000Z")),
    )
    .await;
    let id = workspace.engagements[0].id;
    s.exec_js(&format!("location.hash = '#/pricing/{id}';"), vec![])
        .await;
    s.reload().await;
    wait_pricing(s).await;
}

/// Waits until the Pricing view is shown with its worksheet.
async fn wait_pricing(s: &Session) {
    s.wait_for_js(
        "the Pricing view",
        "const h = document.querySelector('main h2');\
         const cur = document.querySelector('nav[aria-label=\"Views\"] a[aria-current=\"page\"]');\
         return !!h && h.textContent.trim() === 'Pricing' && !!cur && cur.textContent.trim() === 'Pricing'\
           && !!document.querySelector('[data-testid=\"worksheet\"]');",
    )
    .await;
}

/// The text of the element with this test id.
async fn testid_text(s: &Session, id: &str) -> String {
    let el = s.by_testid(id).await;
    s.text_of(&el).await
}

/// Waits until the element with this test id shows `text`.
async fn wait_testid(s: &Session, id: &str, text: &str) {
    s.wait_until(&format!("{id} to show {text:?}"), async || {
        testid_text(s, id).await == text
    })
    .await;
}

/// Types `text` into the cell labelled `label` and presses Enter.
async fn enter_cell(s: &Session, label: &str, text: &str) {
    let cell = s.by_label(label).await;
    // Clear of the sticky header, which would take the click.
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![el_arg(&cell)],
    )
    .await;
    s.fill(&cell, text).await;
    s.type_keys(&cell, "\u{e007}").await;
}

/// Clicks the button called `name`, scrolled clear of the sticky header first.
async fn press(s: &Session, name: &str) {
    let button = s.by_role("button", name).await;
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![el_arg(&button)],
    )
    .await;
    s.click(&button).await;
}

// ===== journeys ==========================================================================

#[tokio::test]
async fn editing_hours_and_rates_changes_the_totals_and_undo_brings_them_back() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(&s, &small_plan()).await;
    // 10 × 100 + 5 × 80 + 20 × 100 = 3,400 €.
    assert_eq!(testid_text(&s, "total-net").await, "€3,400.00");
    assert_eq!(testid_text(&s, "total-cost").await, "€2,000.00");

    // Hours: Build 20 → 30 consultant hours adds 1,000 € of price and 600 € of cost.
    enter_cell(&s, "Build: Consultant hours", "30").await;
    wait_testid(&s, "total-net", "€4,400.00").await;
    assert_eq!(testid_text(&s, "total-cost").await, "€2,600.00");
    // Enter moved down a column: the focus left the last row's cell for no other cell,
    // so it stays; the edit is in storage.
    wait_saved(&s).await;
    let w = stored_workspace(&s).await;
    assert!(
        w.to_string().contains("\"Build\""),
        "the stored plan has the line"
    );

    // A rate: the consultant's bill rate 100 → 120 € raises the price by 40 h × 20 €.
    enter_cell(&s, "Consultant: bill rate per hour (EUR)", "120").await;
    wait_testid(&s, "total-net", "€5,200.00").await;

    // Refused at the cell: nothing changes.
    enter_cell(&s, "Discovery: Designer hours", "-3").await;
    let cell = s.by_label("Discovery: Designer hours").await;
    s.wait_until("the cell to be marked invalid", async || {
        s.attr_of(&cell, "aria-invalid").await.as_deref() == Some("true")
    })
    .await;
    assert!(s.page_text().await.contains("cannot be negative"));
    assert_eq!(testid_text(&s, "total-net").await, "€5,200.00");

    // Undo twice: the rate, then the hours.
    press(&s, "Undo").await;
    wait_testid(&s, "total-net", "€4,400.00").await;
    press(&s, "Undo").await;
    wait_testid(&s, "total-net", "€3,400.00").await;
    press(&s, "Redo").await;
    wait_testid(&s, "total-net", "€4,400.00").await;

    // Everything persisted: reload and see the same figures.
    wait_saved(&s).await;
    s.reload().await;
    wait_pricing(&s).await;
    assert_eq!(testid_text(&s, "total-net").await, "€4,400.00");
    let build = s.by_label("Build: Consultant hours").await;
    assert_eq!(s.value_of(&build).await, "30");
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn worksheet_inputs_are_refused_at_the_field_and_change_the_figures() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(&s, &small_plan()).await;
    for (typed, said) in [
        ("100", "100 %"),
        ("-1", "negative"),
        ("abc", "not a number"),
    ] {
        enter_cell(&s, "Target margin (%)", typed).await;
        s.wait_until(&format!("{typed} to be refused"), async || {
            s.page_text().await.contains(said)
        })
        .await;
    }
    assert!(
        stored_workspace(&s).await["engagements"][0]["pricing"]["worksheets"][0]["target_margin"]
            .as_i64()
            .is_none_or(|v| v == 0)
    );
    // A target margin of 50 %: cost 2,000 → target price 4,000, above the 3,400 price.
    enter_cell(&s, "Target margin (%)", "50").await;
    wait_testid(&s, "total-target", "€4,000.00").await;
    let banner = testid_text(&s, "disconnect-margin").await;
    assert!(banner.contains("€600.00 short"), "{banner}");
    // A global discount of 10 %: the price is 3,060 €.
    enter_cell(&s, "Global discount (%)", "10").await;
    wait_testid(&s, "total-net", "€3,060.00").await;
    // Commission 10 % on margin (1,060) and on revenue (3,060), side by side.
    enter_cell(&s, "Commission rate (%)", "10").await;
    wait_testid(&s, "total-commission-margin", "€106.00").await;
    assert_eq!(testid_text(&s, "total-commission-revenue").await, "€306.00");
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn pasted_rows_are_checked_then_added_as_one_undoable_step() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(&s, &small_plan()).await;
    press(&s, "Paste rows").await;
    let area = s.by_label("Paste rows").await;
    s.set_value(
        &area,
        "Name\tBilling type\tConsultant\tDesigner\tDiscount %\nQA\tFixed fee\tlots\t2\t0\n",
    )
    .await;
    s.wait_for_text("Row 2, column “Consultant”").await;
    s.set_value(
        &area,
        "Name\tBilling type\tConsultant\tDesigner\tDiscount %\nQA\tFixed fee\t4\t2\t0\nTraining\tT&M\t\t6\t50\n",
    )
    .await;
    s.wait_for_text("Preview: 2 lines").await;
    press(&s, "Add 2 lines").await;
    s.wait_until("four line rows", async || {
        s.all_by_testid("line-row").await.len() == 4
    })
    .await;
    // 3,400 + QA (400 + 160) + Training (480 − 50 %) = 4,200 €.
    wait_testid(&s, "total-net", "€4,200.00").await;
    // One step: one undo takes both lines away.
    press(&s, "Undo").await;
    s.wait_until("two line rows", async || {
        s.all_by_testid("line-row").await.len() == 2
    })
    .await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn export_csv_downloads_the_worksheet_with_figures() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(
        &s,
        &priced_workspace(
            &[("Consultant", 60, 100), ("Designer", 40, 80)],
            &[("Discovery, phase 1", &[10, 5]), ("=Build", &[20, 0])],
        ),
    )
    .await;
    press(&s, "Export CSV").await;
    let file = s.wait_for_download_named("acme-rollout-base.csv").await;
    let text = file.text();
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        rows.len(),
        5,
        "header, two lines, total, and the final CRLF: {text:?}"
    );
    assert_eq!(rows[4], "");
    assert!(
        rows[0].starts_with("Line,Billing type,Consultant hours,Designer hours,Discount %,"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("Net price (EUR)"), "{}", rows[0]);
    assert!(
        rows[1].starts_with("\"Discovery, phase 1\",Fixed fee,10,5,0.00,"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains(",1400.00,"), "plain decimals: {}", rows[1]);
    assert!(rows[2].starts_with("'=Build,"), "{}", rows[2]);
    assert!(rows[3].starts_with("Total,,30,5,,"), "{}", rows[3]);
    assert!(rows[3].contains(",3400.00,"), "{}", rows[3]);
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn approval_is_refused_for_a_performer_and_locks_once_the_em_approves() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(&s, &small_plan()).await;
    press(&s, "Submit for approval").await;
    wait_testid(&s, "approval-status", "Submitted").await;

    let decide = s.by_label("Decide as").await;
    s.select_option(&decide, "Pat Performer (Performer, may not decide)")
        .await;
    press(&s, "Approve").await;
    let refusal = s.by_testid("approval-error").await;
    let said = s.text_of(&refusal).await;
    assert!(
        said.contains("Pat Performer")
            && said.contains("only Erin Manager (engagement manager) may decide the final deal"),
        "{said}"
    );
    assert_eq!(testid_text(&s, "approval-status").await, "Submitted");

    s.select_option(&decide, "Erin Manager (engagement manager)")
        .await;
    press(&s, "Approve").await;
    wait_testid(&s, "approval-status", "Approved by Erin Manager").await;
    // Locked: every input of the worksheet is disabled, and says why.
    s.by_testid("locked-note").await;
    let hours = s.by_label("Build: Consultant hours").await;
    assert_eq!(s.attr_of(&hours, "disabled").await.as_deref(), Some("true"));
    let target = s.by_label("Target margin (%)").await;
    assert_eq!(
        s.attr_of(&target, "disabled").await.as_deref(),
        Some("true")
    );
    let log = testid_text(&s, "approval-log").await;
    assert!(
        log.contains("Submitted") && log.contains("Approved by Erin Manager"),
        "{log}"
    );

    // Persisted: a reload shows the approved, locked worksheet and its log.
    wait_saved(&s).await;
    s.reload().await;
    wait_pricing(&s).await;
    assert_eq!(
        testid_text(&s, "approval-status").await,
        "Approved by Erin Manager"
    );
    let hours = s.by_label("Build: Consultant hours").await;
    assert_eq!(s.attr_of(&hours, "disabled").await.as_deref(), Some("true"));

    // Reopen as the engagement manager: editable again, and the step is recorded.
    let decide = s.by_label("Decide as").await;
    s.select_option(&decide, "Erin Manager (engagement manager)")
        .await;
    press(&s, "Reopen").await;
    wait_testid(&s, "approval-status", "Draft").await;
    assert!(testid_text(&s, "approval-log")
        .await
        .contains("Reopened by Erin Manager"));
    let hours = s.by_label("Build: Consultant hours").await;
    assert_eq!(s.attr_of(&hours, "disabled").await, None);
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn scenarios_compare_and_health_links_to_pricing() {
    let Some(s) = Session::start().await else {
        return;
    };
    open_pricing(&s, &small_plan()).await;
    press(&s, "Duplicate as scenario").await;
    s.wait_until("the scenario to be shown", async || {
        testid_text(&s, "worksheet")
            .await
            .contains("Worksheet: Base (what-if)")
    })
    .await;
    enter_cell(&s, "Global discount (%)", "20").await;
    wait_testid(&s, "total-net", "€2,720.00").await;
    let rows = s.all_by_testid("comparison-row").await;
    assert_eq!(rows.len(), 2);
    assert!(s.text_of(&rows[0]).await.contains("€3,400.00"));
    assert!(s.text_of(&rows[1]).await.contains("€2,720.00"));
    press(&s, "Choose as the deal").await;
    s.wait_for_text("The deal (unchoose)").await;

    // Health lists the pricing checks and its fix links lead back here.
    let nav = s.by_role("navigation", "Views").await;
    let health = s.by_role_in(&nav, "link", "Health").await;
    s.click(&health).await;
    s.wait_for_js(
        "the Health view",
        "const h = document.querySelector('main h2'); return !!h && h.textContent.trim() === 'Health';",
    )
    .await;
    // Checks 7 and 8 each have a finding here (no delivery input, no approval…); the
    // first one's fix link leads to the Pricing view.
    let clicked = s
        .exec_js(
            "const b = Array.from(document.querySelectorAll('button.fix-link'))\
               .find(b => (b.getAttribute('aria-label') || '').startsWith('Fix in Pricing'));\
             if (b) b.click(); return !!b;",
            vec![],
        )
        .await;
    assert_eq!(clicked, json!(true), "a pricing finding with a fix link");
    wait_pricing(&s).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn pricing_layout_and_screenshots() {
    let Some(s) = Session::start().await else {
        return;
    };
    let mut w = small_plan();
    let e = w.engagements[0].id;
    // A need, so the consultative flags show, and a second scenario for the comparison.
    apply(
        &mut w,
        Action::AddNeed {
            engagement: e,
            title: "Single sign-on".into(),
        },
    );
    let need = w.engagements[0].needs[0].id;
    apply(
        &mut w,
        Action::EditNeed {
            engagement: e,
            need,
            edit: NeedEdit::Coverage(NeedAspect::Promised, Coverage::Fully),
        },
    );
    let base = w.engagements[0].pricing.worksheets[0].id;
    price(
        &mut w,
        e,
        PricingAction::SetWorksheetField {
            worksheet: base,
            field: WorksheetField::TargetMargin,
            value: Bps(4500),
        },
    );
    price(
        &mut w,
        e,
        PricingAction::DuplicateWorksheet {
            worksheet: base,
            name: "Discounted".into(),
        },
    );
    open_pricing(&s, &w).await;
    let dir = screenshot_dir();
    let mut overflows = Vec::new();
    let mut saved = Vec::new();
    for projector in [false, true] {
        if projector {
            s.click_role("button", "Projector mode").await;
        }
        for (width, height) in [(1024u32, 768u32), (1280, 900)] {
            s.client
                .set_window_size(width, height)
                .await
                .unwrap_or_else(|e| panic!("cannot resize: {e}"));
            s.exec_js("window.scrollTo(0, 0);", vec![]).await;
            let m = s
                .exec_js(
                    "const iw = document.documentElement.clientWidth;\
                     const wide = Array.from(document.querySelectorAll('body *'))\
                       .filter(el => { const r = el.getBoundingClientRect();\
                         if (r.right <= iw + 1 || r.width === 0) return false;\
                         for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {\
                           const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return false; }\
                         return true; })\
                       .slice(0, 5)\
                       .map(el => el.localName + '.' + String(el.className).split(' ').join('.') + ' right=' + Math.round(el.getBoundingClientRect().right));\
                     return { scroll: document.documentElement.scrollWidth, inner: iw, wide };",
                    vec![],
                )
                .await;
            let (scroll, inner) = (
                m["scroll"].as_u64().unwrap_or(0),
                m["inner"].as_u64().unwrap_or(0),
            );
            if scroll > inner {
                overflows.push(format!(
                    "{width}x{height} projector={projector}: page {scroll}px wide in {inner}px; widest: {}",
                    m["wide"]
                ));
            }
            let theme = if projector { "projector" } else { "normal" };
            for (part, selector) in [
                ("top", None),
                ("worksheets", Some(".worksheets")),
                ("summary", Some("[data-testid=sheet-summary]")),
                ("inputs", Some(".worksheet-inputs")),
                ("grid", Some("[data-testid=line-grid]")),
                ("overrun", Some("[data-testid=overrun]")),
                ("approval", Some("[data-testid=approval]")),
            ] {
                if let Some(sel) = selector {
                    s.exec_js(
                        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
                        vec![json!(sel)],
                    )
                    .await;
                }
                let path = dir.join(format!("pricing-{theme}-{width}x{height}-{part}.png"));
                s.screenshot(&path).await;
                saved.push(path.display().to_string());
            }
        }
    }
    // Collaborative, with the paste panel open, at 1024×768 in the normal theme.
    s.click_role("button", "Projector mode").await;
    s.client
        .set_window_size(1024, 768)
        .await
        .unwrap_or_else(|e| panic!("cannot resize: {e}"));
    let style = s.by_label("Selling style").await;
    s.select_option(&style, "Collaborative: delivery estimates")
        .await;
    s.wait_for_text("Delivery estimator").await;
    press(&s, "Paste rows").await;
    let area = s.by_label("Paste rows").await;
    s.set_value(&area, "QA\tFixed fee\t4\t2\t0\nDocs\tT&M\tx\t1\t0\n")
        .await;
    s.wait_for_text("Row 2, column").await;
    for (part, selector) in [
        ("grid", "[data-testid=line-grid]"),
        ("paste", "[data-testid=paste-panel]"),
    ] {
        s.exec_js(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
            vec![json!(selector)],
        )
        .await;
        let path = dir.join(format!("pricing-collaborative-1024x768-{part}.png"));
        s.screenshot(&path).await;
        saved.push(path.display().to_string());
    }
    eprintln!("screenshots:\n  {}", saved.join("\n  "));
    assert!(
        overflows.is_empty(),
        "horizontal overflow of the page:\n  {}",
        overflows.join("\n  ")
    );
    // Every control of the view has an accessible name.
    let unnamed = s
        .exec_js(
            "const sel = 'main button, main a[href], main input, main select, main textarea';\
             return Array.from(document.querySelectorAll(sel)).filter(el => {\
               if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;\
               if (el.id && document.querySelector('label[for=\"' + el.id + '\"]')) return false;\
               if (el.closest('label')) return false;\
               return !(el.textContent || '').trim();\
             }).map(el => el.outerHTML.slice(0, 160));",
            vec![],
        )
        .await;
    assert_eq!(unnamed, json!([]), "controls without an accessible name");
    s.assert_no_js_errors().await;
}

// ===== benchmark =========================================================================

/// Median, min and max.
fn stats(values: &[f64]) -> (f64, f64, f64) {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

#[tokio::test]
#[ignore = "benchmark: prints figures; run with --ignored --nocapture"]
async fn bench_pricing_edit_to_paint() {
    // EP_BENCH_LINES sets another size, for comparison (at least 50).
    let lines_wanted: usize = std::env::var("EP_BENCH_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
        .max(50);
    const RUNS: usize = 9;
    let Some(mut s) = Session::start().await else {
        return;
    };
    s.set_timeout(std::time::Duration::from_secs(120));
    let names: Vec<String> = (0..lines_wanted)
        .map(|i| format!("Work package {:04}", i + 1))
        .collect();
    let hours: Vec<[u32; 4]> = (0..lines_wanted as u32)
        .map(|i| [i % 40 + 1, (i * 7) % 30, (i * 3) % 20 + 2, i % 5])
        .collect();
    let lines: Vec<(&str, &[u32])> = names
        .iter()
        .zip(hours.iter())
        .map(|(n, h)| (n.as_str(), &h[..]))
        .collect();
    let w = priced_workspace(
        &[
            ("Consultant", 60, 100),
            ("Designer", 40, 80),
            ("Engineer", 55, 95),
            ("Architect", 80, 150),
        ],
        &lines,
    );
    let document = to_json(&w, Some("2025-03-01T12:00:00.000Z"));
    let load_start = std::time::Instant::now();
    open_pricing(&s, &w).await;
    // The grid shows a page of 100 lines; the totals cover them all.
    s.wait_until("the first page of line rows", async || {
        s.exec_js(
            "return document.querySelectorAll('[data-testid=\"line-row\"]').length;",
            vec![],
        )
        .await
            == json!(lines_wanted.min(100))
    })
    .await;
    if lines_wanted > 100 {
        let pager = testid_text(&s, "sheet-pager").await;
        assert!(
            pager.contains(&format!("Lines 1–100 of {lines_wanted}")),
            "{pager}"
        );
    }
    let load = load_start.elapsed();

    // The browser's own accounting of where the time went, over all the edits.
    s.cdp("Performance.enable", json!({})).await;
    let metrics = async |s: &Session| -> BTreeMap<String, f64> {
        let m = s.cdp("Performance.getMetrics", json!({})).await;
        m["metrics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| Some((x["name"].as_str()?.to_string(), x["value"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let before = metrics(&s).await;
    let mut sync = Vec::new();
    let mut dom = Vec::new();
    let mut raf = Vec::new();
    let mut frame = Vec::new();
    for run in 0..RUNS {
        let cell = s.by_label("Work package 0050: Consultant hours").await;
        let value = format!("{}", 50 + run);
        let t = s
            .exec_js_async(
                "const [input, value, done] = arguments;\
                 const total = document.querySelector('[data-testid=\"total-net\"]');\
                 const before = total.textContent;\
                 let finished = false; let sync = 0;\
                 const obs = new MutationObserver(() => {\
                   if (finished || total.textContent === before) return;\
                   finished = true; obs.disconnect();\
                   const dom = performance.now() - t0;\
                   requestAnimationFrame(() => { const raf = performance.now() - t0;\
                     setTimeout(() => done({ sync, dom, raf, frame: performance.now() - t0 }), 0); });\
                 });\
                 obs.observe(document.body, { childList: true, subtree: true, characterData: true });\
                 input.focus();\
                 input.value = value;\
                 input.dispatchEvent(new Event('input', { bubbles: true }));\
                 const t0 = performance.now();\
                 input.dispatchEvent(new Event('change', { bubbles: true }));\
                 sync = performance.now() - t0;",
                vec![el_arg(&cell), json!(value)],
            )
            .await;
        sync.push(t["sync"].as_f64().unwrap_or(f64::NAN));
        dom.push(t["dom"].as_f64().unwrap_or(f64::NAN));
        raf.push(t["raf"].as_f64().unwrap_or(f64::NAN));
        frame.push(t["frame"].as_f64().unwrap_or(f64::NAN));
    }
    let after = metrics(&s).await;
    s.assert_no_js_errors().await;
    let per_edit = |name: &str| {
        (after.get(name).copied().unwrap_or(0.0) - before.get(name).copied().unwrap_or(0.0))
            * 1000.0
            / RUNS as f64
    };
    let row = |label: &str, v: &[f64]| {
        let (m, min, max) = stats(v);
        let all: Vec<String> = v.iter().map(|x| format!("{x:.1}")).collect();
        println!(
            "  {label:<34} median {m:>7.1}   min {min:>7.1}   max {max:>7.1}   (runs: {})",
            all.join(", ")
        );
    };
    println!();
    println!("Pricing edit-to-paint benchmark (release build, headless Chromium)");
    println!(
        "  worksheet: {lines_wanted} lines × 4 roles; stored document {} bytes; load to the grid {:.1} s",
        document.len(),
        load.as_secs_f64()
    );
    println!("  {RUNS} edits of one hours cell (change event → total updated → next frame), ms");
    row("change handled (dispatch returns)", &sync);
    row("edit -> total updated in the DOM", &dom);
    row("edit -> next animation frame", &raf);
    row("edit -> next paint (frame done)", &frame);
    println!(
        "  per edit, from Chromium's metrics: script {:.1} ms, style {:.1} ms, layout {:.1} ms ({:.0} layouts)",
        per_edit("ScriptDuration"),
        per_edit("RecalcStyleDuration"),
        per_edit("LayoutDuration"),
        per_edit("LayoutCount") / 1000.0
    );
    println!();
}
