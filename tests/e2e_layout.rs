//! End-to-end checks of the desk layout at 1024×768 (a projector's resolution), in the normal
//! and the projector theme, over every view of an example plan, in Chromium, Firefox or
//! WebKit (`EP_BROWSER`, see `tests/e2e/support.rs`):
//!
//! * the header leaves most of the window to the content (at most 12 % of 768 px in the
//!   normal theme, 18 % in the projector theme);
//! * the page never scrolls sideways;
//! * no name is cut: no heading, label, badge, name field or choice shows less than its
//!   whole text;
//! * the Roles board's column headings and the pricing grid's header row stay visible,
//!   and uncovered, while their rows scroll;
//! * at least four functions of the plan fit on the Roles board in the normal theme;
//! * the status line, with and without its Undo button, covers no control;
//! * the projector setting is remembered over a reload, shows its state in words, and its
//!   theme has body text of at least 24 px.
//!
//! Screenshots of every view in both themes land in `target/screenshots/<engine>/layout-*.png`.
//!
//! ```text
//! trunk build --release
//! EP_E2E=1 EP_DIST=$PWD/dist cargo test --test e2e_layout -- --test-threads=1
//! ```
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/support.rs"]
mod support;

mod plans;

use engagement_planner::model::*;
use plans::*;
use serde_json::{json, Value as Json};
use support::{screenshot_dir, set_projector, theme_name, wait_theme, Session};

const WIDTH: u32 = 1024;
const HEIGHT: u32 = 768;
/// The most of the window's height the header may take, per theme.
const HEADER_SHARE: [(&str, f64); 2] = [("normal", 0.12), ("projector", 0.18)];

// ===== measuring the page ================================================================

/// The page's layout figures, measured in the page: header height, sideways scrolling,
/// cut names, and which element scrolls the content.
const MEASURE_JS: &str = r#"
const root = document.documentElement;
const header = document.querySelector('.app-header');
const main = document.querySelector('main');
const px = (v) => parseFloat(v) || 0;
const shown = (el) => {
  if (el.closest('.visually-hidden, [hidden], [aria-hidden="true"]')) return false;
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden') return false;
  const r = el.getBoundingClientRect();
  // A visually hidden element (1 px, clipped) is for screen readers only.
  return r.width > 1 && r.height > 1;
};
const describe = (el, text) => {
  const id = el.getAttribute('aria-label') || el.getAttribute('data-testid') || '';
  return el.localName + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')
    + (id ? ' [' + id + ']' : '') + ': "' + text.trim().replace(/\s+/g, ' ').slice(0, 60) + '"';
};
const canvas = document.createElement('canvas').getContext('2d');
const textWidth = (el, text) => {
  const cs = getComputedStyle(el);
  canvas.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
  return canvas.measureText(text).width;
};
const cut = [];
// Text that does not fit its box where the box hides the rest (overflow or an ellipsis).
const TEXT = 'h1, h2, h3, h4, th, label, legend, caption, summary, dt, a[href], button, .badge, '
  + '.field-label, .chip-name, .card-titles, .card-group, .nav-link, .function-cell, .brand';
for (const el of document.querySelectorAll(TEXT)) {
  if (!shown(el)) continue;
  const cs = getComputedStyle(el);
  const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
  // Text that spills out of a heading cell or a button ends up under its neighbour or
  // outside a scroller: cut as well.
  const spills = el.matches('th, button, .nav-link') && el.scrollWidth > el.clientWidth + 1;
  if ((hides && el.scrollWidth > el.clientWidth + 1) || spills) cut.push(describe(el, el.textContent));
}
// Fields: a one-line text field or a select shows its whole value.
for (const el of document.querySelectorAll('input[type="text"], input:not([type]), select')) {
  if (!shown(el)) continue;
  const cs = getComputedStyle(el);
  const inner = el.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight);
  if (el.localName === 'select') {
    const opt = el.options[el.selectedIndex];
    if (!opt) continue;
    // The width the browser itself gives a select holding only the chosen option, with
    // the same styles (its arrow included): less than that, and the choice is cut.
    const probe = el.cloneNode(false);
    probe.append(new Option(opt.text));
    probe.removeAttribute('id');
    Object.assign(probe.style, { width: 'max-content', minWidth: '0', maxWidth: 'none',
      position: 'absolute', visibility: 'hidden', left: '0', top: '0' });
    el.parentElement.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    if (needed > el.getBoundingClientRect().width + 1) cut.push(describe(el, opt.text));
  } else if (el.value && (el.scrollWidth > el.clientWidth + 1 || textWidth(el, el.value) > inner + 1)) {
    cut.push(describe(el, el.value));
  }
}
// Names that wrap (a one-line textarea that grows): cut if taller than their box.
for (const el of document.querySelectorAll('.wrap-field > textarea')) {
  if (!shown(el)) continue;
  if (el.scrollHeight > el.clientHeight + 1) cut.push(describe(el, el.value));
}
const scroller = main && main.scrollHeight > main.clientHeight + 1
  && getComputedStyle(main).overflowY !== 'visible' ? 'main' : 'page';
const bodyFont = px(getComputedStyle(document.body).fontSize);
const mainText = [];
for (const el of document.querySelectorAll('main p, main td, main li')) {
  if (!shown(el) || !el.textContent.trim()) continue;
  mainText.push(px(getComputedStyle(el).fontSize));
}
mainText.sort((a, b) => a - b);
// What sticks out sideways, for the message: the outermost elements past the right edge
// of the page or of the view.
const edge = Math.min(root.clientWidth, main ? main.getBoundingClientRect().right : root.clientWidth);
const wide = Array.from(document.querySelectorAll('body *')).filter(el => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= edge + 1) return false;
  const p = el.parentElement;
  if (p && p !== document.body && p.getBoundingClientRect().right > edge + 1) return false;
  for (let q = p; q && q !== document.body && q !== main; q = q.parentElement) {
    const o = getComputedStyle(q).overflowX; if (o !== 'visible') return false;
  }
  return true;
}).slice(0, 4).map(el => describe(el, '') + ' right=' + Math.round(el.getBoundingClientRect().right));
// Positioned elements escape the scrollers they sit in: list those past the edge too.
for (const el of document.querySelectorAll('main *')) {
  if (wide.length >= 6) break;
  const cs = getComputedStyle(el);
  if (cs.position !== 'absolute' && cs.position !== 'fixed') continue;
  const r = el.getBoundingClientRect();
  if (r.right > edge + 1) wide.push(describe(el, el.textContent) + ' (' + cs.position + ') right=' + Math.round(r.right));
}
return {
  header: header ? header.getBoundingClientRect().height : null,
  page_scroll_width: root.scrollWidth,
  page_width: root.clientWidth,
  main_scroll_width: main ? main.scrollWidth : 0,
  main_width: main ? main.clientWidth : 0,
  main_overflow_x: main ? getComputedStyle(main).overflowX : '',
  cut,
  scroller,
  body_font: bodyFont,
  median_text: mainText.length ? mainText[Math.floor(mainText.length / 2)] : null,
  wide,
};
"#;

/// Scrolls `row` (a CSS selector; the last match) to the bottom of the view and reports
/// whether every cell of the header row of the table it belongs to is on screen and on
/// top there (not under the header or anything else), and how far the content scrolled.
const HEADINGS_AFTER_SCROLL_JS: &str = r#"
const [rowSel, headSel] = arguments;
const rows = document.querySelectorAll(rowSel);
if (!rows.length) return { error: 'no row matches ' + rowSel };
const row = rows[rows.length - 1];
const main = document.querySelector('main');
const before = (main ? main.scrollTop : 0) + window.scrollY;
row.scrollIntoView({ block: 'end' });
const after = (main ? main.scrollTop : 0) + window.scrollY;
const table = row.closest('table');
const heads = Array.from(table.querySelectorAll(headSel)).filter(th => th.getBoundingClientRect().width > 0);
const header = document.querySelector('.app-header').getBoundingClientRect();
const hidden = [];
let checked = 0;
for (const th of heads) {
  const r = th.getBoundingClientRect();
  // Cells scrolled sideways out of a wide grid's own scroller are not in question.
  // A heading partly in view is checked at the middle of the part in view.
  const scroller = th.closest('.sheet-scroll, .table-scroll');
  let left = Math.max(r.left, 0);
  let right = Math.min(r.right, window.innerWidth);
  if (scroller) {
    const s = scroller.getBoundingClientRect();
    left = Math.max(left, s.left);
    right = Math.min(right, s.right);
  }
  if (right - left < 16) continue;
  checked += 1;
  const x = Math.min(Math.max((left + right) / 2, 1), window.innerWidth - 1);
  const y = r.top + Math.min(r.height / 2, 8);
  const top = document.elementFromPoint(x, y);
  if (r.top < header.bottom - 1 || r.bottom > window.innerHeight || !top || !th.contains(top)) {
    hidden.push(th.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) + ' at y=' + Math.round(r.top)
      + ' (under ' + (top ? top.localName + '.' + String(top.className) : 'nothing') + ')');
  }
}
const rowRect = row.getBoundingClientRect();
return { scrolled: after - before, checked, hidden, row_bottom: rowRect.bottom, header_bottom: header.bottom };
"#;

/// Every visible control whose visible part (clipped by the scrollers around it) meets the
/// status line's box.
const STATUS_OVERLAPS_JS: &str = r#"
const status = document.querySelector('[data-testid="status"]');
if (!status) return { error: 'no status line' };
const s = status.getBoundingClientRect();
const clipRect = (el) => {
  let r = el.getBoundingClientRect();
  let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
    if (p.contains(status)) break;
    const cs = getComputedStyle(p);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const q = p.getBoundingClientRect();
      box = { left: Math.max(box.left, q.left), top: Math.max(box.top, q.top),
              right: Math.min(box.right, q.right), bottom: Math.min(box.bottom, q.bottom) };
    }
  }
  box.top = Math.max(box.top, 0);
  box.bottom = Math.min(box.bottom, window.innerHeight);
  return box;
};
const over = [];
for (const el of document.querySelectorAll('button, input, select, textarea, a[href], summary, [role="button"]')) {
  if (status.contains(el)) continue;
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
  const b = clipRect(el);
  if (b.right - b.left < 1 || b.bottom - b.top < 1) continue;
  if (b.left < s.right && b.right > s.left && b.top < s.bottom && b.bottom > s.top) {
    over.push(el.localName + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40) + '"');
  }
}
// The status bar is a row of its own: it meets neither the view nor the header.
const bar = status.closest('.status-bar') || status;
const b = bar.getBoundingClientRect();
for (const sel of ['main', '.app-header']) {
  const el = document.querySelector(sel);
  if (!el) continue;
  const r = el.getBoundingClientRect();
  if (r.bottom > b.top + 0.5 && r.top < b.bottom - 0.5) over.push(sel + ' (its box meets the status bar)');
}
if (b.bottom > window.innerHeight + 0.5) over.push('the status bar is below the window');
return { status: { top: s.top, bottom: s.bottom, left: s.left, right: s.right, text: status.textContent.trim() }, over };
"#;

// ===== helpers ===========================================================================

async fn open_plan(s: &Session, w: &Workspace) {
    support::open_on(s, w).await;
    s.set_viewport(WIDTH, HEIGHT).await;
}

/// Opens a view by its link in the header and waits for its heading.
async fn open_view(s: &Session, label: &str) {
    support::open_view(s, label).await;
    scroll_to_top(s).await;
}

async fn scroll_to_top(s: &Session) {
    s.exec_js(
        "window.scrollTo(0, 0); const m = document.querySelector('main'); if (m) m.scrollTop = 0;",
        vec![],
    )
    .await;
}

fn header_limit(theme: &str) -> f64 {
    let share = HEADER_SHARE.iter().find(|(t, _)| *t == theme).unwrap().1;
    share * f64::from(HEIGHT)
}

fn num(v: &Json) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

// ===== the checks ========================================================================

/// Every view of the example plan at 1024×768, in both themes: header height, sideways
/// scrolling, cut names, and a screenshot of each to look at.
#[tokio::test]
async fn every_view_fits_1024_by_768_in_both_themes() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, _) = example_plan();
    open_plan(&s, &w).await;
    let dir = screenshot_dir();
    let mut problems = Vec::new();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = theme_name(projector);
        for view in engagement_planner::model::assessment::View::ALL {
            let label = view.label();
            open_view(&s, label).await;
            let m = s.exec_js(MEASURE_JS, vec![]).await;
            eprintln!("{theme} {label}: {m}");
            let header = num(&m["header"]);
            let limit = header_limit(theme);
            // A header that could not be measured (NaN) fails too.
            if header.is_nan() || header > limit {
                problems.push(format!(
                    "{theme} {label}: the header is {header:.0} px tall, over {limit:.0} px"
                ));
            }
            if num(&m["page_scroll_width"]) > num(&m["page_width"]) + 1.0 {
                problems.push(format!(
                    "{theme} {label}: the page scrolls sideways ({} px wide in {} px): {}",
                    m["page_scroll_width"], m["page_width"], m["wide"]
                ));
            }
            if m["main_overflow_x"] != json!("visible")
                && num(&m["main_scroll_width"]) > num(&m["main_width"]) + 1.0
            {
                problems.push(format!(
                    "{theme} {label}: the content scrolls sideways ({} px wide in {} px): {}",
                    m["main_scroll_width"], m["main_width"], m["wide"]
                ));
            }
            for name in m["cut"].as_array().into_iter().flatten() {
                problems.push(format!(
                    "{theme} {label}: a name is cut: {}",
                    name.as_str().unwrap_or("?")
                ));
            }
            if projector && num(&m["median_text"]) < 24.0 {
                problems.push(format!(
                    "{theme} {label}: the body text is {} px, under 24 px",
                    m["median_text"]
                ));
            }
            let path = dir.join(format!(
                "layout-{theme}-{}-1024x768.png",
                label.to_lowercase()
            ));
            s.screenshot(&path).await;
            eprintln!("  -> {}", path.display());
        }
    }
    assert!(
        problems.is_empty(),
        "layout problems at 1024×768:\n  {}",
        problems.join("\n  ")
    );
    s.assert_no_js_errors().await;
}

/// The Roles board's column headings and the pricing grid's header row stay visible, on
/// top, while their rows scroll; four functions fit on the board in the normal theme.
#[tokio::test]
async fn table_headings_stay_with_their_rows() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, _) = example_plan();
    open_plan(&s, &w).await;
    let dir = screenshot_dir();
    let mut problems = Vec::new();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = theme_name(projector);

        open_view(&s, "Roles").await;
        if !projector {
            let fit = s
                .exec_js(
                    "const rows = Array.from(document.querySelectorAll('.board-grid tr.function-row'));\
                     return rows.filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length;",
                    vec![],
                )
                .await;
            // The board starts below the view's introduction: scroll it to the top of the
            // content, as a facilitator would, and count the rows wholly on screen.
            let fit_scrolled = s
                .exec_js(
                    "const grid = document.querySelector('.board-grid table');\
                     grid.scrollIntoView({ block: 'start' });\
                     const top = document.querySelector('.app-header').getBoundingClientRect().bottom;\
                     const bottom = Math.min(window.innerHeight, document.querySelector('[data-testid=\"status\"]').getBoundingClientRect().top || window.innerHeight);\
                     return Array.from(document.querySelectorAll('.board-grid tr.function-row'))\
                       .filter(r => { const b = r.getBoundingClientRect(); return b.top >= top - 1 && b.bottom <= bottom + 1; }).length;",
                    vec![],
                )
                .await;
            eprintln!("{theme}: board rows on screen: {fit} at the top, {fit_scrolled} with the board at the top");
            if num(&fit_scrolled) < 4.0 {
                problems.push(format!(
                    "{theme}: only {fit_scrolled} functions fit on the Roles board at 1024×768"
                ));
            }
        }
        let board = s
            .exec_js(
                HEADINGS_AFTER_SCROLL_JS,
                vec![json!(".board-grid tr.function-row"), json!("thead th")],
            )
            .await;
        eprintln!("{theme} board after scrolling: {board}");
        check_headings(&mut problems, theme, "the Roles board", &board);
        s.screenshot(&dir.join(format!("layout-{theme}-roles-scrolled-1024x768.png")))
            .await;

        open_view(&s, "Pricing").await;
        let grid = s
            .exec_js(
                HEADINGS_AFTER_SCROLL_JS,
                vec![
                    json!("[data-testid=\"line-grid\"] tbody tr"),
                    json!("thead th"),
                ],
            )
            .await;
        eprintln!("{theme} pricing grid after scrolling: {grid}");
        check_headings(&mut problems, theme, "the pricing grid", &grid);
        s.screenshot(&dir.join(format!("layout-{theme}-pricing-scrolled-1024x768.png")))
            .await;
    }
    assert!(
        problems.is_empty(),
        "headings lost while scrolling:\n  {}",
        problems.join("\n  ")
    );
    s.assert_no_js_errors().await;
}

fn check_headings(problems: &mut Vec<String>, theme: &str, what: &str, m: &Json) {
    if let Some(e) = m["error"].as_str() {
        problems.push(format!("{theme} {what}: {e}"));
        return;
    }
    if num(&m["scrolled"]) < 100.0 {
        problems.push(format!(
            "{theme} {what}: its last row is already on screen, so nothing scrolled ({m})"
        ));
    }
    if num(&m["checked"]) < 3.0 {
        problems.push(format!(
            "{theme} {what}: fewer than three headings on screen to check ({m})"
        ));
    }
    for h in m["hidden"].as_array().into_iter().flatten() {
        problems.push(format!(
            "{theme} {what}: heading {} is not visible with its rows",
            h.as_str().unwrap_or("?")
        ));
    }
}

/// The status line has a place of its own: with a message, and with its Undo button, it
/// covers no control in any view, and it still announces politely.
#[tokio::test]
async fn the_status_line_covers_no_control() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (mut w, _) = example_plan();
    // A second engagement to delete, for a message that offers Undo.
    engagement(&mut w, "Scratch engagement", Template::InHouseProject);
    open_plan(&s, &w).await;
    let status = s.by_testid("status").await;
    assert_eq!(s.attr_of(&status, "role").await.as_deref(), Some("status"));
    assert_eq!(
        s.attr_of(&status, "aria-live").await.as_deref(),
        Some("polite")
    );
    let mut problems = Vec::new();
    for projector in [false, true] {
        set_projector(&s, projector).await;
        let theme = theme_name(projector);
        for view in engagement_planner::model::assessment::View::ALL {
            let label = view.label();
            open_view(&s, label).await;
            // A message: redo with nothing to redo.
            s.exec_js(
                "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'y', ctrlKey: true, bubbles: true }));",
                vec![],
            )
            .await;
            s.wait_for_text("Nothing to redo.").await;
            for at in ["top", "bottom"] {
                if at == "bottom" {
                    s.exec_js(
                        "window.scrollTo(0, document.documentElement.scrollHeight);\
                         const m = document.querySelector('main'); if (m) m.scrollTop = m.scrollHeight;",
                        vec![],
                    )
                    .await;
                }
                let m = s.exec_js(STATUS_OVERLAPS_JS, vec![]).await;
                for o in m["over"].as_array().into_iter().flatten() {
                    problems.push(format!(
                        "{theme} {label} ({at}): the status line covers {}",
                        o.as_str().unwrap_or("?")
                    ));
                }
                if let Some(e) = m["error"].as_str() {
                    problems.push(format!("{theme} {label}: {e}"));
                }
            }
        }
    }
    // A longer message after a deletion, with its Undo button, in both themes. The button
    // outlives the change of address that follows deleting the current engagement and
    // the moves between views below (it once vanished at once).
    let switcher = s.by_testid("engagement-switcher").await;
    s.select_option(&switcher, "Scratch engagement").await;
    delete_engagement(&s).await;
    s.wait_for_text("Deleted “Scratch engagement”.").await;
    for projector in [true, false] {
        set_projector(&s, projector).await;
        for label in ["Overview", "Roles", "Pricing"] {
            open_view(&s, label).await;
            let m = s.exec_js(STATUS_OVERLAPS_JS, vec![]).await;
            for o in m["over"].as_array().into_iter().flatten() {
                problems.push(format!(
                    "{} {label}: the status line after a deletion covers {}",
                    theme_name(projector),
                    o.as_str().unwrap_or("?")
                ));
            }
        }
    }
    s.screenshot(&screenshot_dir().join("layout-normal-status-1024x768.png"))
        .await;
    let status = s.by_testid("status").await;
    let undo = s.by_role_in(&status, "button", "Undo").await;
    s.click(&undo).await;
    s.wait_until("the deleted engagement to be back", async || {
        s.page_text().await.contains("Scratch engagement")
            || s.exec_js(
                "return Array.from(document.querySelectorAll('[data-testid=\"engagement-switcher\"] option')).some(o => o.text === 'Scratch engagement');",
                vec![],
            )
            .await
                == json!(true)
    })
    .await;
    assert!(
        problems.is_empty(),
        "the status line covers controls:\n  {}",
        problems.join("\n  ")
    );
    s.assert_no_js_errors().await;
}

/// Deletes the current engagement through the header's File menu.
async fn delete_engagement(s: &Session) {
    support::open_file_menu(s).await;
    s.click_role("button", "Delete engagement").await;
}

/// The projector setting is remembered over a reload, shows its state in words, and is
/// off again, also after a reload, once switched off.
#[tokio::test]
async fn the_projector_setting_is_remembered() {
    let Some(s) = Session::start().await else {
        return;
    };
    let (w, _) = example_plan();
    open_plan(&s, &w).await;
    let button = s.by_role("button", "Projector mode").await;
    assert_eq!(
        s.attr_of(&button, "aria-pressed").await.as_deref(),
        Some("false")
    );
    let off_text = s.text_of(&button).await;
    assert!(
        off_text.contains("Off"),
        "the switch says it is off: {off_text:?}"
    );
    s.click(&button).await;
    wait_theme(&s, true).await;
    let button = s.by_role("button", "Projector mode").await;
    assert_eq!(
        s.attr_of(&button, "aria-pressed").await.as_deref(),
        Some("true")
    );
    let on_text = s.text_of(&button).await;
    assert!(
        on_text.contains("On"),
        "the switch says it is on: {on_text:?}"
    );
    let font = s
        .exec_js(
            "return parseFloat(getComputedStyle(document.body).fontSize);",
            vec![],
        )
        .await;
    assert!(num(&font) >= 24.0, "projector body text is {font} px");

    s.reload().await;
    s.wait_app_mounted().await;
    wait_theme(&s, true).await;
    let button = s.by_role("button", "Projector mode").await;
    assert_eq!(
        s.attr_of(&button, "aria-pressed").await.as_deref(),
        Some("true"),
        "the switch is on after a reload"
    );
    s.click(&button).await;
    wait_theme(&s, false).await;
    s.reload().await;
    s.wait_app_mounted().await;
    // The plan was not touched by the setting: the engagement is still chosen (the text of
    // a chosen option is not page text in every browser, so ask the picker).
    s.wait_for_js(
        "the engagement picker to show the engagement",
        "return Array.from(document.querySelectorAll('[data-testid=\"engagement-switcher\"] option'))\
           .some(o => o.selected && o.text === 'Website relaunch for Northwind Traders');",
    )
    .await;
    wait_theme(&s, false).await;
    let button = s.by_role("button", "Projector mode").await;
    assert_eq!(
        s.attr_of(&button, "aria-pressed").await.as_deref(),
        Some("false")
    );
    s.assert_no_js_errors().await;
}
