//! End-to-end journeys of a workshop: a facilitator window presents to an audience window
//! (a real pop-up, the second window of the same browser), through the release build.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_present -- --test-threads=1
//! ```
//!
//! Every step waits for what it needs; the audience window is found as the browser's other
//! window once Present has opened it. Screenshots of every agenda section in both windows,
//! at 1024×768 and 1280×720 and in both themes, go to `target/screenshots/<engine>/present-*`
//! (`every_section_fits_the_projector_and_screenshots`), which also fails on horizontal
//! scrolling, a clipped name or text under 24 px in the audience window.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

#[path = "plans/mod.rs"]
mod plans;

use engagement_planner::model::pricing::SellingStyle;
use engagement_planner::model::*;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::WindowHandle;
use plans::*;
use serde_json::Value as Json;
use support::{propose, screenshot_dir, take, Engine, Session, WORKSPACE_KEY};

/// A contracted engagement with a full RACI, a priced deal and a decision taken: what a
/// workshop walks through. The cost rate (87.65 an hour) and the bill rate are distinctive,
/// so the redaction test can look for them.
fn workshop_plan() -> Workspace {
    let mut w = Workspace::default();
    let pm = person(&mut w, "Dana Lee", StakeholderGroup::ProjectManager, 40);
    let sales = person(&mut w, "Ari Sales", StakeholderGroup::Sales, 40);
    let dev = person(&mut w, "Sam Performer", StakeholderGroup::Performer, 40);
    let legal = person(&mut w, "Jordan Counsel", StakeholderGroup::Legal, 10);
    let sponsor = person_on(
        &mut w,
        "Casey Sponsor",
        Side::Client,
        StakeholderGroup::Sponsor,
        4,
    );
    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Pm(Some(pm)));
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(pm)));
    edit(
        &mut w,
        e,
        EngagementEdit::Client("Northwind Traders".into()),
    );
    for (kind, person, role) in [
        (FunctionKind::SalesMarketing, sales, Raci::Accountable),
        (FunctionKind::Delivery, dev, Raci::Responsible),
        (FunctionKind::Delivery, pm, Raci::Accountable),
        (FunctionKind::Legal, legal, Raci::Accountable),
        (FunctionKind::Legal, sponsor, Raci::Informed),
    ] {
        let f = function(&w, e, kind);
        let hours = if role == Raci::Responsible { 10 } else { 0 };
        assign(&mut w, e, person, f, role, hours);
    }
    for (kind, method) in [
        (DecisionKind::ScopeChange, DecisionMethod::Majority),
        (DecisionKind::Acceptance, DecisionMethod::Consensus),
        (DecisionKind::Escalation, DecisionMethod::Authority),
    ] {
        let d = decision(&w, e, kind);
        edit_decision(&mut w, e, d, DecisionEdit::Method(Some(method)));
        if method == DecisionMethod::Authority {
            edit_decision(&mut w, e, d, DecisionEdit::Authority(Some(pm)));
        }
    }
    let role = rate_role(&mut w, e, "Developer", 8_765, 15_000);
    let ws = worksheet(&mut w, e, "Proposal", SellingStyle::Consultative);
    line(&mut w, e, ws, "Build the site", role, 120);
    w
}

/// Clicks Present and returns (facilitator, audience) window handles, with the audience
/// window showing its first section and the driver back on the facilitator's.
async fn present(s: &Session) -> (WindowHandle, WindowHandle) {
    let facilitator = s.client.window().await.expect("window handle");
    s.click_role("button", "Present").await;
    let audience = wait_other_window(s, &facilitator).await;
    on(s, &audience).await;
    wait_audience_text(s, "The engagement at a glance").await;
    on(s, &facilitator).await;
    s.by_role("region", "Presenting Website relaunch").await;
    (facilitator, audience)
}

/// A session presenting the workshop plan: the session and its (facilitator, audience)
/// windows. None where the journey does not run: no browser session, or an engine other
/// than Chromium (which prints why).
async fn presenting_workshop() -> Option<(Session, WindowHandle, WindowHandle)> {
    let s = Session::start().await?;
    if !chromium_only(&s) {
        return None;
    }
    support::open_on(&s, &workshop_plan()).await;
    let (facilitator, audience) = present(&s).await;
    Some((s, facilitator, audience))
}

async fn wait_other_window(s: &Session, this: &WindowHandle) -> WindowHandle {
    s.wait_for("the audience window to open", async || {
        let windows = s.client.windows().await.ok()?;
        windows.into_iter().find(|w| w != this)
    })
    .await
}

async fn on(s: &Session, window: &WindowHandle) {
    s.client
        .switch_to_window(window.clone())
        .await
        .expect("switch window");
}

/// The number of the last `Show` message the facilitator's window sent (its
/// `data-presenter-seq`, which rises by one a message), 0 before the first.
async fn presenter_seq(s: &Session) -> u64 {
    let v = s
        .exec_js(
            "return document.documentElement.getAttribute('data-presenter-seq') || '0';",
            vec![],
        )
        .await;
    v.as_str().and_then(|t| t.parse().ok()).unwrap_or(0)
}

async fn audience_text(s: &Session) -> String {
    let v = s
        .exec_js(
            "const a = document.querySelector('[data-testid=audience]'); return a ? a.innerText : '';",
            vec![],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// The whole audience DOM, markup and attributes included.
async fn audience_html(s: &Session) -> String {
    let v = s
        .exec_js("return document.documentElement.outerHTML;", vec![])
        .await;
    v.as_str().unwrap_or_default().to_string()
}

async fn wait_audience_text(s: &Session, part: &str) {
    s.wait_until(
        &format!("the audience window to show {part:?}"),
        async || audience_text(s).await.contains(part),
    )
    .await;
}

async fn audience_heading(s: &Session) -> String {
    let v = s
        .exec_js(
            "const h = document.querySelector('[data-testid=audience] h1'); return h ? h.textContent.trim() : '';",
            vec![],
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

async fn press(s: &Session, keys: &[Key]) {
    let mut actions = KeyActions::new("keys".to_string());
    for &k in keys {
        let c: char = k.into();
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    s.client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("key presses failed: {e}"));
}

async fn blur(s: &Session) {
    s.exec_js(
        "if (document.activeElement) document.activeElement.blur();",
        vec![],
    )
    .await;
}

async fn go_to_section(s: &Session, title_start: &str) {
    let select = s.by_label("Go to section").await;
    let label = s
        .exec_js(
            "return Array.from(arguments[0].options).map(o => o.textContent).find(t => t.includes(arguments[1])) || '';",
            vec![support::el_arg(&select), Json::from(title_start)],
        )
        .await;
    let label = label.as_str().unwrap_or_default().to_string();
    assert!(
        !label.is_empty(),
        "no section {title_start:?} in the jump list"
    );
    s.select_option(&select, &label).await;
}

fn chromium_only(s: &Session) -> bool {
    if s.engine() != Engine::Chromium {
        println!(
            "The two-window journeys run in Chromium (its driver follows a page's pop-up); skipped in {}.",
            s.engine().label()
        );
        return false;
    }
    true
}

#[tokio::test]
async fn present_step_edit_undo_and_reconnect() {
    let Some((s, facilitator, audience)) = presenting_workshop().await else {
        return;
    };
    let titles = agenda_titles(&s).await;

    // Page Down (what a clicker sends) steps the audience to the RACI grid.
    blur(&s).await;
    press(&s, &[Key::PageDown]).await;
    on(&s, &audience).await;
    s.wait_until("the audience to show the grid", async || {
        audience_heading(&s).await == titles[1]
    })
    .await;
    wait_audience_text(&s, "Ari Sales").await;
    on(&s, &facilitator).await;
    press(&s, &[Key::PageUp]).await;
    on(&s, &audience).await;
    wait_audience_text(&s, "The engagement at a glance").await;

    // An edit in the facilitator's window reaches the audience, and so does its undo.
    on(&s, &facilitator).await;
    let name = s.by_label("Engagement name").await;
    s.fill(&name, "Website relaunch 2027").await;
    press(&s, &[Key::Enter]).await;
    on(&s, &audience).await;
    wait_audience_text(&s, "Website relaunch 2027").await;
    on(&s, &facilitator).await;
    blur(&s).await;
    press(&s, &[Key::Control, Key::Up]).await; // harmless: not a shortcut
    s.click_role("button", "Undo").await;
    on(&s, &audience).await;
    s.wait_until(
        "the audience to show the name before the edit",
        async || {
            let text = audience_text(&s).await;
            text.contains("Website relaunch") && !text.contains("2027")
        },
    )
    .await;

    // The clicker pressed while the projector window has the focus steps too.
    press(&s, &[Key::PageDown]).await;
    wait_audience_text(&s, "Who does what").await;
    on(&s, &facilitator).await;
    let jump = s.by_label("Go to section").await;
    s.wait_until(
        "the facilitator to follow the audience's clicker",
        async || {
            let v = s
                .exec_js(
                    "return arguments[0].selectedOptions[0].textContent;",
                    vec![support::el_arg(&jump)],
                )
                .await;
            v.as_str().unwrap_or_default().contains("Who does what")
        },
    )
    .await;

    // Reload the audience window: it finds the facilitator again, on the same section.
    on(&s, &audience).await;
    s.reload().await;
    wait_audience_text(&s, "Who does what").await;
    // Reload the facilitator's window: it goes on presenting, and the audience follows.
    on(&s, &facilitator).await;
    s.reload().await;
    s.by_role("region", "Presenting Website relaunch").await;
    s.wait_for_text("The audience window is showing this section.")
        .await;
    blur(&s).await;
    press(&s, &[Key::PageDown]).await;
    on(&s, &audience).await;
    s.wait_until(
        "the audience to step on from the first page of the grid",
        async || audience_heading(&s).await != titles[1],
    )
    .await;
    assert_eq!(audience_heading(&s).await, titles[2]);
    s.assert_no_js_errors().await;

    // Full screen is asked for on a click (the browser may or may not grant it headless).
    s.exec_js(
        "window.__fsCalls = 0; const orig = Element.prototype.requestFullscreen;\
         Element.prototype.requestFullscreen = function () { window.__fsCalls++; return orig.call(this).catch(() => {}); };",
        vec![],
    )
    .await;
    s.click_role("button", "Full screen").await;
    s.wait_for_js(
        "Full screen to be requested",
        "return window.__fsCalls === 1;",
    )
    .await;
    // The audience window has nothing that edits the plan.
    let controls = s
        .exec_js(
            "return Array.from(document.querySelectorAll('input, select, textarea, [contenteditable], button'))\
               .filter(e => e.offsetParent !== null).map(e => e.textContent.trim() || e.getAttribute('aria-label'));",
            vec![],
        )
        .await;
    let controls: Vec<String> = serde_json::from_value(controls).unwrap_or_default();
    assert!(
        controls.iter().all(|c| c == "Full screen"),
        "the audience window offers controls: {controls:?}"
    );
    s.assert_no_js_errors().await;

    // Ending the presentation tells the room and leaves the plan as it was.
    on(&s, &facilitator).await;
    let before = s.local_storage_get(WORKSPACE_KEY).await;
    s.click_role("button", "End presentation").await;
    s.wait_for_text("The presentation has ended").await;
    on(&s, &audience).await;
    wait_audience_text(&s, "The presentation has ended").await;
    s.assert_no_js_errors().await;
    on(&s, &facilitator).await;
    assert_eq!(s.local_storage_get(WORKSPACE_KEY).await, before);
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn client_in_the_room_keeps_costs_and_margins_off_the_projector() {
    let Some((s, facilitator, audience)) = presenting_workshop().await else {
        return;
    };

    // A contracted engagement starts with the client in the room.
    let switch = s.by_label("Client in the room").await;
    assert!(s
        .client
        .execute(
            "return arguments[0].checked;",
            vec![support::el_arg(&switch)]
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap());
    go_to_section(&s, "The deal").await;
    on(&s, &audience).await;
    wait_audience_text(&s, "The deal").await;
    let redacted = audience_html(&s).await;

    // With the client out of the room the same section shows the internal figures, which
    // proves the check below looks for what is really there.
    on(&s, &facilitator).await;
    s.click(&switch).await;
    on(&s, &audience).await;
    s.wait_until("the margin to be shown to an internal room", async || {
        audience_text(&s).await.to_lowercase().contains("margin")
    })
    .await;
    let internal = audience_text(&s).await;
    let figures: Vec<String> = internal
        .lines()
        .filter(|l| {
            let l = l.to_lowercase();
            l.contains("margin") || l.contains("cost")
        })
        .flat_map(|l| {
            l.split(|c: char| c.is_whitespace() || c == ':')
                // A figure: digits with their separators or unit ("41.7%", "10,518.00"),
                // not a lone digit that any text may hold.
                .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_digit()))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        !figures.is_empty(),
        "the internal deal summary shows no cost or margin figure:\n{internal}"
    );
    for figure in figures
        .iter()
        .chain(["87.65".to_string(), "8,765".to_string()].iter())
    {
        assert!(
            !redacted.contains(figure.as_str()),
            "{figure} is in the audience window with the client in the room; the internal summary:\n{internal}"
        );
    }
    assert!(!redacted.to_lowercase().contains("margin"));
    s.assert_no_js_errors().await;
    on(&s, &facilitator).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn a_second_facilitator_window_does_not_fight_the_first() {
    let Some((s, first, audience)) = presenting_workshop().await else {
        return;
    };

    // A second tab on the same plan is told, and cancelling changes nothing.
    let second = s.client.new_window(true).await.expect("a new tab").handle;
    on(&s, &second).await;
    s.goto_app().await;
    s.by_role("navigation", "Views").await;
    s.click_role("button", "Present").await;
    s.by_testid("takeover-offer").await;
    s.click_role("button", "Cancel").await;
    assert_eq!(
        s.client.windows().await.unwrap().len(),
        3,
        "no second audience window"
    );

    // Taking over: the audience follows the second window, and the first stops presenting.
    s.click_role("button", "Present").await;
    s.click_role("button", "Present from this window instead")
        .await;
    s.by_role("region", "Presenting Website relaunch").await;
    blur(&s).await;
    press(&s, &[Key::PageDown]).await;
    on(&s, &audience).await;
    wait_audience_text(&s, "Who does what").await;
    on(&s, &first).await;
    s.wait_for_text("The presentation moved to another window")
        .await;
    assert_eq!(
        s.count_by_role("region", Some("Presenting Website relaunch"))
            .await,
        0
    );
    s.assert_no_js_errors().await;
    on(&s, &second).await;
    s.assert_no_js_errors().await;
}

/// Reads the agenda's titles from the jump list, without their numbers ("1. ").
async fn agenda_titles(s: &Session) -> Vec<String> {
    let select = s.by_label("Go to section").await;
    let v = s
        .exec_js(
            "return Array.from(arguments[0].options).map(o => o.textContent.replace(/^\\d+\\. /, ''));",
            vec![support::el_arg(&select)],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// What breaks projector legibility in the audience window now: horizontal scrolling,
/// text cut off, text under 24 px.
async fn legibility_problems(s: &Session) -> Vec<String> {
    let v = s
        .exec_js(
            r#"
            const problems = [];
            const root = document.scrollingElement || document.documentElement;
            if (root.scrollWidth > window.innerWidth + 1) {
              const wide = Array.from(document.querySelectorAll('.audience-window *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 3)
                .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`);
              problems.push(`the page scrolls sideways (${root.scrollWidth} px in ${window.innerWidth}): ${wide.join(', ')}`);
            }
            const stage = document.querySelector('.audience-stage');
            for (const el of stage.querySelectorAll('*')) {
              if (el.closest('.visually-hidden, [aria-hidden=true]')) continue;
              const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
              if (!own) continue;
              const cs = getComputedStyle(el);
              if (cs.display === 'none' || cs.visibility === 'hidden') continue;
              const size = parseFloat(cs.fontSize);
              if (size < 24) problems.push(`"${el.textContent.trim().slice(0, 40)}" is ${size} px`);
              if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible')
                problems.push(`"${el.textContent.trim().slice(0, 40)}" is cut off`);
            }
            return problems;
            "#,
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

#[tokio::test]
async fn every_section_fits_the_projector_and_screenshots() {
    let Some((s, facilitator, audience)) = presenting_workshop().await else {
        return;
    };
    let titles = agenda_titles(&s).await;
    assert!(titles.len() >= 10, "a short agenda: {titles:?}");
    let dir = screenshot_dir();
    let mut problems = Vec::new();
    for (theme, projector) in [("light", false), ("projector", true)] {
        for (w, h) in [(1024, 768), (1280, 720)] {
            on(&s, &audience).await;
            s.set_viewport(w, h).await;
            s.exec_js(
                if projector {
                    "document.documentElement.setAttribute('data-theme', 'projector');"
                } else {
                    "document.documentElement.removeAttribute('data-theme');"
                },
                vec![],
            )
            .await;
            on(&s, &facilitator).await;
            s.set_viewport(w, h).await;
            for (i, title) in titles.iter().enumerate() {
                on(&s, &facilitator).await;
                let wanted = title.as_str();
                go_to_section(&s, wanted).await;
                on(&s, &audience).await;
                s.wait_until(&format!("the audience to show {wanted:?}"), async || {
                    audience_heading(&s).await == wanted
                })
                .await;
                for p in legibility_problems(&s).await {
                    problems.push(format!("{theme} {w}x{h} {wanted}: {p}"));
                }
                s.screenshot(
                    &dir.join(format!("present-{theme}-{w}x{h}-{:02}-audience.png", i + 1)),
                )
                .await;
                on(&s, &facilitator).await;
                s.screenshot(&dir.join(format!(
                    "present-{theme}-{w}x{h}-{:02}-facilitator.png",
                    i + 1
                )))
                .await;
            }
        }
    }
    assert!(
        problems.is_empty(),
        "projector legibility:\n{}",
        problems.join("\n")
    );
    s.assert_no_js_errors().await;
    on(&s, &audience).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn decisions_taken_in_the_room_reach_the_projector_under_each_method() {
    let Some((s, facilitator, audience)) = presenting_workshop().await else {
        return;
    };
    // The agenda's "Decisions taken" opens the Governance view, where the log is kept.
    go_to_section(&s, "Decisions taken").await;
    s.wait_for_js(
        "the Governance view",
        "const h = document.querySelector('main h2'); return !!h && h.textContent.trim() === 'Governance';",
    )
    .await;

    let scope = "Move the go-live to 1 March";
    propose(&s, "Scope change", scope, None).await;
    take(&s, "Dana Lee", scope, "for").await;
    take(&s, "Ari Sales", scope, "for").await;
    take(&s, "Sam Performer", scope, "against").await;
    let acceptance = "Accept the checkout as delivered";
    propose(&s, "Acceptance", acceptance, None).await;
    take(&s, "Dana Lee", acceptance, "agrees").await;
    let escalation = "Escalate the hosting delay";
    propose(&s, "Escalation", escalation, None).await;
    take(&s, "Ari Sales", escalation, "rejects").await;
    take(&s, "Dana Lee", escalation, "approves").await;

    on(&s, &audience).await;
    wait_audience_text(&s, scope).await;
    wait_audience_text(&s, "Passed: 2 for, 1 against, 0 abstained").await;
    wait_audience_text(&s, acceptance).await;
    wait_audience_text(&s, "Passed: 1 agree, 0 block, 0 stand aside").await;
    wait_audience_text(&s, escalation).await;
    wait_audience_text(&s, "Passed: decided by Dana Lee").await;
    s.assert_no_js_errors().await;

    // Undo reaches the room too: the authority's decision is open again.
    on(&s, &facilitator).await;
    support::center(&s, &s.by_role("button", "Undo").await).await;
    s.click_role("button", "Undo").await;
    on(&s, &audience).await;
    s.wait_until(
        "the escalation to be undecided on the projector",
        async || {
            !audience_text(&s)
                .await
                .contains("Passed: decided by Dana Lee")
        },
    )
    .await;
    s.assert_no_js_errors().await;
    on(&s, &facilitator).await;
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn the_facilitators_tools_point_time_and_take_notes_without_showing_the_notes() {
    let Some((s, facilitator, audience)) = presenting_workshop().await else {
        return;
    };
    let titles = agenda_titles(&s).await;

    // The arrow keys step when nothing that uses them has the focus.
    blur(&s).await;
    press(&s, &[Key::Right]).await;
    on(&s, &audience).await;
    s.wait_until("the arrow key to step to the grid", async || {
        audience_heading(&s).await == titles[1]
    })
    .await;
    on(&s, &facilitator).await;
    s.click(&s.by_css(".presenter-more > summary").await).await;
    s.wait_for_text(&format!("Next up: {}", titles[2])).await;

    // Private notes stay in this window, and are kept over a reload.
    let note = "Ask Jordan whether legal signs before or after the pilot";
    let notes = s.by_css("textarea[id^=presenter-notes]").await;
    s.fill(&notes, note).await;
    on(&s, &audience).await;
    assert!(!audience_html(&s).await.contains("Ask Jordan"));

    // Look here: the room is pointed at a function, and told so.
    on(&s, &facilitator).await;
    let point = s.by_css(".presenter-look select").await;
    s.select_option(&point, "Sales and marketing").await;
    on(&s, &audience).await;
    s.wait_until("the audience to point at Sales and marketing", async || {
        let status = s.by_testid("audience-highlight-status").await;
        s.text_of(&status).await.contains("Sales and marketing")
    })
    .await;
    assert!(!s.all_by_css(".is-highlighted").await.is_empty());

    // The countdown: started, five minutes added, paused, all on the projector.
    on(&s, &facilitator).await;
    let minutes = s.by_label("Minutes").await;
    // Cleared, the field stays empty while the panel goes on re-rendering (it hears the
    // audience window every second), and starting from it says what is wanted.
    s.fill(&minutes, "").await;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(s.value_of(&minutes).await, "");
    s.click_role("button", "Start countdown").await;
    let wanted = "Enter the countdown in whole minutes, from 1 to 600.";
    s.wait_for_text(wanted).await;
    assert!(s.all_by_css(".presenter-countdown-text").await.is_empty());
    s.set_viewport(1024, 768).await;
    for theme in ["light", "projector"] {
        s.exec_js(
            "if (arguments[0] === 'projector') document.documentElement.setAttribute('data-theme', 'projector');\
             else document.documentElement.removeAttribute('data-theme');\
             document.querySelector('.presenter-minutes-error').scrollIntoView({ block: 'center' });",
            vec![serde_json::json!(theme)],
        )
        .await;
        s.screenshot(&screenshot_dir().join(format!("present-minutes-error-{theme}.png")))
            .await;
    }
    s.exec_js(
        "document.documentElement.removeAttribute('data-theme');",
        vec![],
    )
    .await;
    s.fill(&minutes, "2").await;
    assert_eq!(s.value_of(&minutes).await, "2");
    assert!(!s.page_text().await.contains(wanted));
    s.click_role("button", "Start countdown").await;
    let started = s
        .wait_for("the facilitator's clock to start", async || {
            let clock = s.all_by_css(".presenter-countdown-text").await.pop()?;
            Some(s.text_of(&clock).await)
        })
        .await;
    assert!(
        started.starts_with("2:00") || started.starts_with("1:"),
        "a two-minute countdown starts at {started:?}"
    );
    on(&s, &audience).await;
    wait_audience_text(&s, "left").await;
    on(&s, &facilitator).await;
    let sent_before = presenter_seq(&s).await;
    s.click_role("button", "Add 5 minutes").await;
    s.click_role("button", "Pause").await;
    // Both changes have left this window before the projector is looked at (a busy
    // machine can hold the rest of a render past a click).
    s.wait_until(
        "the facilitator's window to send both changes",
        async || presenter_seq(&s).await >= sent_before + 2,
    )
    .await;
    // Two minutes plus five, less the time the clicks took (a busy machine can take most
    // of a minute): more than the two minutes started with proves the five were added.
    let paused = s
        .wait_for(
            "the facilitator's clock to show a paused countdown",
            async || {
                let clock = s.by_css(".presenter-countdown-text").await;
                let text = s.text_of(&clock).await;
                text.starts_with("Paused, ").then_some(text)
            },
        )
        .await;
    let minutes = paused
        .trim_start_matches("Paused, ")
        .split(':')
        .next()
        .and_then(|m| m.trim().parse::<u32>().ok());
    assert!(
        minutes.is_some_and(|m| (3..=7).contains(&m)),
        "after Start (2 minutes), +5 and Pause the facilitator's clock reads {paused:?}"
    );
    // A paused clock stands still: the projector shows exactly the same time.
    on(&s, &audience).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let seen = audience_text(&s).await;
        if seen.contains(&paused) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "after 30 s the projector shows {seen:?}, not the facilitator's {paused:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!audience_html(&s).await.contains("Ask Jordan"));
    s.assert_no_js_errors().await;

    on(&s, &facilitator).await;
    s.reload().await;
    s.by_role("region", "Presenting Website relaunch").await;
    s.click(&s.by_css(".presenter-more > summary").await).await;
    let notes = s.by_css("textarea[id^=presenter-notes]").await;
    assert_eq!(s.value_of(&notes).await, note);
    s.assert_no_js_errors().await;
}

#[tokio::test]
async fn the_audience_window_keeps_the_screen_awake_when_it_shows() {
    let Some((s, _, audience)) = presenting_workshop().await else {
        return;
    };
    on(&s, &audience).await;
    // The browser releases a wake lock when the window is hidden; the audience window asks
    // again when it shows. A stand-in for the Screen Wake Lock API records the request.
    s.exec_js(
        "window.__wakeLocks = [];\
         Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => ({\
           request: (kind) => { window.__wakeLocks.push(kind); return Promise.resolve({ release: () => Promise.resolve() }); } }) });\
         document.dispatchEvent(new Event('visibilitychange'));",
        vec![],
    )
    .await;
    s.wait_for_js(
        "the audience window to ask to keep the screen on",
        "return window.__wakeLocks.length === 1 && window.__wakeLocks[0] === 'screen';",
    )
    .await;
    // A refusal (a battery saver, a hidden window) is not an error on the projector.
    s.exec_js(
        "Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => ({\
           request: () => Promise.reject(new DOMException('Not allowed', 'NotAllowedError')) }) });\
         document.dispatchEvent(new Event('visibilitychange'));",
        vec![],
    )
    .await;
    wait_audience_text(&s, "The engagement at a glance").await;
    s.assert_no_js_errors().await;
}
