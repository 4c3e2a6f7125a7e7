//! Browser tests of the workshop's audience sections (`components::present::sections`):
//! each agenda section of the workshop plan is mounted on its own, with the projector
//! stylesheet (`style/present.css`) loaded into the page, and checked for its facts,
//! the client-in-the-room redaction (in the DOM, not only on screen), the "look here"
//! highlight, text size and fit at 1024 px.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_present`
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::present::sections::{AudienceSection, AudienceSectionProps};
use engagement_planner::model::*;
use engagement_planner::view::present::{
    agenda, raci_page_showing, AgendaItem, Highlight, SectionKind,
};
use plans::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The projector stylesheet, as the app links it from index.html.
const PRESENT_CSS: &str = include_str!("../style/present.css");

/// Loads style/present.css into the test page once.
fn load_css() {
    let document = gloo::utils::document();
    if document.get_element_by_id("present-css").is_some() {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_id("present-css");
    style.set_text_content(Some(PRESENT_CSS));
    document.head().unwrap().append_child(&style).unwrap();
}

/// The projector theme on the page's root, as the app sets it, until dropped (also when
/// a test fails, so the next test sees the normal theme).
struct ProjectorTheme;

impl ProjectorTheme {
    fn on() -> ProjectorTheme {
        let html = gloo::utils::document().document_element().unwrap();
        html.set_attribute("data-theme", "projector").unwrap();
        ProjectorTheme
    }
}

impl Drop for ProjectorTheme {
    fn drop(&mut self) {
        let html = gloo::utils::document().document_element().unwrap();
        html.remove_attribute("data-theme").unwrap();
    }
}

/// An audience section mounted in a box of the projector's size; removed when dropped.
struct Shown {
    root: Element,
    handle: Option<yew::AppHandle<AudienceSection>>,
}

impl Drop for Shown {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

impl Shown {
    fn section(&self) -> Element {
        self.root
            .query_selector(".audience-section")
            .unwrap()
            .expect("a section is drawn")
    }

    /// The whole DOM of the section: text, attributes and all.
    fn html(&self) -> String {
        self.root.inner_html()
    }
}

struct Show<'a> {
    workspace: &'a Rc<Workspace>,
    engagement: EngagementId,
    client_in_room: bool,
    highlight: Option<Highlight>,
    preview: bool,
    width: u32,
}

impl<'a> Show<'a> {
    fn new(workspace: &'a Rc<Workspace>, engagement: EngagementId) -> Show<'a> {
        Show {
            workspace,
            engagement,
            client_in_room: false,
            highlight: None,
            preview: false,
            width: 1024,
        }
    }

    async fn item(&self, item: &AgendaItem) -> Shown {
        load_css();
        let root = fresh_root();
        root.set_attribute("style", &format!("width: {}px", self.width))
            .unwrap();
        let props = AudienceSectionProps {
            workspace: self.workspace.clone(),
            engagement: self.engagement,
            item: item.clone(),
            client_in_room: self.client_in_room,
            highlight: self.highlight,
            preview: self.preview,
        };
        let handle =
            yew::Renderer::<AudienceSection>::with_root_and_props(root.clone(), props).render();
        settle().await;
        Shown {
            root,
            handle: Some(handle),
        }
    }
}

fn items(w: &Workspace, e: EngagementId, kind: SectionKind) -> Vec<AgendaItem> {
    agenda(w, e)
        .into_iter()
        .filter(|i| i.kind == kind)
        .collect()
}

/// The text of an element as the screen shows it (cells and lines apart), with runs of
/// white space as one space.
fn seen(el: &Element) -> String {
    let el: &HtmlElement = el.dyn_ref().unwrap();
    el.inner_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of every page of a section, one after the other.
async fn section_text(show: &Show<'_>, kind: SectionKind) -> String {
    let mut out = String::new();
    for item in items(show.workspace, show.engagement, kind) {
        let shown = show.item(&item).await;
        out.push_str(&seen(&shown.section()));
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------
// What each section shows

#[wasm_bindgen_test]
async fn each_section_shows_its_facts_for_the_workshop_plan() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let show = Show::new(&w, ws.engagement);
    let en = w.engagement(ws.engagement).unwrap();
    let price = describe::money(en.deal_price().price().unwrap(), "EUR");
    let expected: [(SectionKind, &[&str]); 10] = [
        (
            SectionKind::Glance,
            &[
                "Website relaunch",
                "Harbor Retail",
                "Brightline Digital",
                "Contracted",
                "Sales",
                "Project manager Dana Whitfield",
                "Engagement manager Ana Lima",
                "Sales lead Ari Costa",
            ],
        ),
        (
            SectionKind::Raci,
            &[
                "Function Ana Lima Ari Costa Chris Moreau Dana Whitfield",
                "Functional managers and staff",
                "Ari Costa: Accountable",
                "Sam Ortiz: Responsible",
                "Responsible",
                "Informed",
            ],
        ),
        (
            SectionKind::Authority,
            &[
                "Delivery Dana Whitfield",
                "Legal \u{26a0} Gap: falls to Dana Whitfield (PM) by default, not accepted",
                "Administration and finance Dana Whitfield (PM, accepted by default)",
            ],
        ),
        (
            SectionKind::DecisionAreas,
            &[
                "Scope change Authority Dana Whitfield",
                "Final deal Authority Chris Moreau",
                "Acceptance Majority: more than half of the votes cast The 8 people of this engagement",
            ],
        ),
        (
            SectionKind::Reporting,
            &[
                "Budget review Ana Lima Sponsor and Finance Monthly",
                "Steering committee report \u{26a0} No owner",
            ],
        ),
        (
            SectionKind::ClientNeeds,
            &[
                "Same-day order export \u{2716} Fully \u{2716} Partly \u{2716} Fully Unknown",
                "Mismatch: Promised and needed fully but bought only partly",
                "Checkout works on phones",
            ],
        ),
        (
            SectionKind::Deal,
            &[
                "Worksheet Base",
                &price,
                "Collaborative",
                "Submitted, waiting for a decision",
                "Chris Moreau (named authority)",
            ],
        ),
        (
            SectionKind::Health,
            &["\u{2716} Critical Legal has no accountable owner"],
        ),
        (
            SectionKind::DecisionsTaken,
            &[
                "Acceptance: \u{201c}Accept the design phase\u{201d} (2025-03-03)",
                "Passed: 2 for, 1 against, 1 abstained",
                "blocked by Ari Costa",
            ],
        ),
        (
            SectionKind::OpenActions,
            &[
                "Approve or reject the deal \u{201c}Base\u{201d} Chris Moreau (named authority)",
                "Customer service to sign off the defined process",
            ],
        ),
    ];
    for (kind, facts) in expected {
        let text = section_text(&show, kind).await;
        for fact in facts {
            assert!(text.contains(fact), "{kind:?} lacks {fact:?}:\n{text}");
        }
    }
}

#[wasm_bindgen_test]
async fn the_raci_grid_has_its_column_headings_with_its_rows_and_names_whole() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let show = Show::new(&w, ws.engagement);
    let first = &items(&w, ws.engagement, SectionKind::Raci)[0];
    let shown = show.item(first).await;
    let table = shown.section().query_selector("table").unwrap().unwrap();
    let headings: Vec<String> = all(&table, "thead th[scope=col]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headings,
        [
            "Function",
            "Ana Lima",
            "Ari Costa",
            "Chris Moreau",
            "Dana Whitfield"
        ]
    );
    let rows: Vec<String> = all(&table, "tbody th[scope=row]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        rows,
        [
            "Sales and marketing",
            "Engagement management",
            "Delivery",
            "Functional managers and staff",
            "Procurement"
        ]
    );
    // The page says where it is in the whole grid.
    assert!(text(&shown.section()).contains("functions 1\u{2013}5 of 9, people 1\u{2013}4 of 8"));
    assert_eq!(broken_words(&shown.section()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------
// Client in the room

#[wasm_bindgen_test]
async fn with_the_client_in_the_room_no_internal_figure_or_note_is_in_the_dom() {
    let ws = workshop();
    let figures = internal_figures(&ws.workspace, ws.engagement);
    assert!(figures.len() > 20, "{figures:?}");
    let w = Rc::new(ws.workspace.clone());
    let mut show = Show::new(&w, ws.engagement);
    show.client_in_room = true;
    for item in agenda(&w, ws.engagement) {
        let shown = show.item(&item).await;
        let dom = shown.html();
        for figure in &figures {
            assert!(
                !dom.contains(figure.as_str()),
                "{} shows {figure:?}:\n{dom}",
                item.title
            );
        }
        assert!(!dom.contains("Orchid Bank portal"), "{}", item.title);
    }
    // The preview is redacted the same way.
    show.preview = true;
    let deal = &items(&w, ws.engagement, SectionKind::Deal)[0];
    let dom = show.item(deal).await.html();
    assert!(figures.iter().all(|f| !dom.contains(f.as_str())));
}

#[wasm_bindgen_test]
async fn without_the_client_the_deal_shows_cost_margin_and_commission() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let show = Show::new(&w, ws.engagement);
    let en = w.engagement(ws.engagement).unwrap();
    let t = compute(&en.pricing.worksheets[0], &en.pricing.rate_card).total;
    let deal = section_text(&show, SectionKind::Deal).await;
    assert!(
        deal.contains(&format!("Cost {}", describe::money(t.cost, "EUR"))),
        "{deal}"
    );
    assert!(
        deal.contains(&describe::money(t.gross_margin, "EUR")),
        "{deal}"
    );
    assert!(deal.contains("Target margin 41.5 %"), "{deal}");
    assert!(deal.contains("Commission 4.25 %"), "{deal}");
    let needs = section_text(&show, SectionKind::ClientNeeds).await;
    assert!(needs.contains(NEED_NOTES[1]), "{needs}");
}

// ---------------------------------------------------------------------------------
// Look here

#[wasm_bindgen_test]
async fn a_highlighted_cell_is_marked_and_announced() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let en = w.engagement(ws.engagement).unwrap();
    let delivery = en.function_of_kind(FunctionKind::Delivery).unwrap().id;
    let highlight = Highlight::Cell {
        function: delivery,
        person: ws.sam,
    };
    let page = raci_page_showing(&w, en, highlight).unwrap();
    let item = items(&w, ws.engagement, SectionKind::Raci)
        .into_iter()
        .find(|i| i.page == page)
        .unwrap();
    let mut show = Show::new(&w, ws.engagement);
    show.highlight = Some(highlight);
    let shown = show.item(&item).await;
    let section = shown.section();
    let current = all(&section, "[aria-current=true]");
    assert_eq!(current.len(), 1, "one thing is highlighted");
    let cell = &current[0];
    assert_eq!(cell.tag_name(), "TD");
    assert_eq!(cell.get_attribute("data-person"), Some(ws.sam.to_string()));
    let row = cell.closest("tr").unwrap().unwrap();
    assert_eq!(
        row.get_attribute("data-function"),
        Some(delivery.to_string())
    );
    assert!(cell.class_list().contains("is-highlighted"));
    // Not colour alone: a visible word, and an outline.
    assert!(text(cell).contains("Look here"), "{}", text(cell));
    let style = computed(cell);
    assert_ne!(style.get_property_value("outline-style").unwrap(), "none");
    // A screen reader hears what is highlighted.
    let status = testid(&section, "audience-highlight-status");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(text(&status), "Highlighted: Delivery, Sam Ortiz");
    drop(shown);
    // The page with Delivery but without Sam's column marks nothing.
    let other = items(&w, ws.engagement, SectionKind::Raci)
        .into_iter()
        .find(|i| i.page != page && i.page <= 2)
        .unwrap();
    let shown = show.item(&other).await;
    let section = shown.section();
    assert!(text(&section).contains("Delivery"));
    assert!(all(&section, "[aria-current], .is-highlighted, .has-highlight").is_empty());
    assert_eq!(text(&testid(&section, "audience-highlight-status")), "");
}

#[wasm_bindgen_test]
async fn a_highlighted_function_marks_its_row_on_the_grid_and_on_final_authority() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let en = w.engagement(ws.engagement).unwrap();
    let legal = en.function_of_kind(FunctionKind::Legal).unwrap().id;
    let mut show = Show::new(&w, ws.engagement);
    show.highlight = Some(Highlight::Function(legal));
    let page = raci_page_showing(&w, en, Highlight::Function(legal)).unwrap();
    let raci = items(&w, ws.engagement, SectionKind::Raci)
        .into_iter()
        .find(|i| i.page == page)
        .unwrap();
    for item in [raci]
        .into_iter()
        .chain(items(&w, ws.engagement, SectionKind::Authority))
    {
        let shown = show.item(&item).await;
        let section = shown.section();
        let current = all(&section, "[aria-current=true]");
        let has_legal = text(&section).contains("Legal");
        if !has_legal {
            assert!(current.is_empty(), "{}: nothing to mark", item.title);
            continue;
        }
        assert_eq!(current.len(), 1, "{}", item.title);
        assert_eq!(current[0].tag_name(), "TR");
        assert_eq!(
            current[0].get_attribute("data-function"),
            Some(legal.to_string())
        );
        assert!(text(&current[0]).contains("Look here"));
        assert_eq!(
            text(&testid(&section, "audience-highlight-status")),
            "Highlighted: Legal"
        );
    }
}

#[wasm_bindgen_test]
async fn the_preview_is_the_same_section_scaled_down_and_not_announced() {
    let ws = workshop();
    let w = Rc::new(ws.workspace.clone());
    let mut show = Show::new(&w, ws.engagement);
    show.preview = true;
    show.highlight = Some(Highlight::Function(function(
        &w,
        ws.engagement,
        FunctionKind::Delivery,
    )));
    let item = &items(&w, ws.engagement, SectionKind::Raci)[0];
    let shown = show.item(item).await;
    let preview = testid(&shown.root, "audience-preview");
    assert_eq!(
        preview.get_attribute("aria-hidden").as_deref(),
        Some("true")
    );
    assert!(text(&preview).contains("Functional managers and staff"));
    // No live region inside a hidden preview, and nothing that takes the focus.
    assert!(all(&preview, "[role=status]").is_empty());
    assert!(all(&preview, "a, button, input, select, textarea, [tabindex]").is_empty());
    let rect = preview.get_bounding_client_rect();
    assert!(
        rect.width() <= 260.0 && rect.height() <= 196.0,
        "{}x{}",
        rect.width(),
        rect.height()
    );
    let section = shown.section().get_bounding_client_rect();
    assert!(section.width() <= 260.0, "scaled: {}", section.width());
}

// ---------------------------------------------------------------------------------
// Legible on a projector

fn computed(el: &Element) -> web_sys::CssStyleDeclaration {
    gloo::utils::window()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
}

fn px(value: &str) -> f64 {
    value.trim_end_matches("px").parse().unwrap_or(0.0)
}

/// Every element under `section` that holds text of its own, with its font size, for
/// those below 24 px.
fn small_text(section: &Element) -> Vec<String> {
    let mut small = Vec::new();
    for el in all(section, "*") {
        let own_text = {
            let nodes = el.child_nodes();
            (0..nodes.length())
                .filter_map(|i| nodes.item(i))
                .filter(|n| n.node_type() == web_sys::Node::TEXT_NODE)
                .any(|n| !n.text_content().unwrap_or_default().trim().is_empty())
        };
        if !own_text || el.class_list().contains("visually-hidden") {
            continue;
        }
        let size = px(&computed(&el).get_property_value("font-size").unwrap());
        if size < 24.0 {
            small.push(format!("{} {:?} at {size}px", el.tag_name(), text(&el)));
        }
    }
    small
}

/// An `rgb(…)`/`rgba(…)` colour as red, green, blue and alpha.
fn rgba(value: &str) -> (f64, f64, f64, f64) {
    let inner = value
        .trim()
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')');
    let parts: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap())
        .collect();
    (
        parts[0],
        parts[1],
        parts[2],
        parts.get(3).copied().unwrap_or(1.0),
    )
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b, _): (f64, f64, f64, f64)) -> f64 {
    let f = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
}

/// Elements under `section` whose text has less than 7:1 contrast with the background
/// behind it (the nearest opaque background of it or its ancestors).
fn low_contrast(section: &Element) -> Vec<String> {
    let mut low = Vec::new();
    for el in all(section, "*") {
        let own_text = {
            let nodes = el.child_nodes();
            (0..nodes.length())
                .filter_map(|i| nodes.item(i))
                .filter(|n| n.node_type() == web_sys::Node::TEXT_NODE)
                .any(|n| !n.text_content().unwrap_or_default().trim().is_empty())
        };
        if !own_text || el.class_list().contains("visually-hidden") {
            continue;
        }
        let color = rgba(&computed(&el).get_property_value("color").unwrap());
        let mut at = Some(el.clone());
        let mut background = (255.0, 255.0, 255.0, 1.0);
        while let Some(node) = at {
            let bg = rgba(
                &computed(&node)
                    .get_property_value("background-color")
                    .unwrap(),
            );
            if bg.3 > 0.99 {
                background = bg;
                break;
            }
            at = node.parent_element();
        }
        let (a, b) = (luminance(color), luminance(background));
        let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        if ratio < 7.0 {
            low.push(format!("{:?} at {ratio:.2}:1", text(&el)));
        }
    }
    low
}

/// Words of the section's headings that the browser broke across lines.
fn broken_words(section: &Element) -> Vec<String> {
    let script = r#"(function (root) {
        const broken = [];
        for (const el of root.querySelectorAll('th, dt, .audience-title')) {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const re = /\S+/g;
                let m;
                while ((m = re.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
                    if (tops.size > 1) broken.push(m[0]);
                }
            }
        }
        return broken.join('\n');
    })(document.getElementById('present-under-test'))"#;
    section.set_id("present-under-test");
    let result = js_sys::eval(script)
        .unwrap()
        .as_string()
        .unwrap_or_default();
    section.set_id("");
    result
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Checks every page of every section of a plan at a width: text ≥ 24 px at ≥ 7:1, no
/// horizontal overflow, a page no taller than `height`, names whole.
async fn check_fit(w: &Rc<Workspace>, e: EngagementId, width: u32, height: f64) {
    let mut show = Show::new(w, e);
    show.width = width;
    // The first page of the grid carries a highlighted cell, so its mark is checked too.
    let en = w.engagement(e).unwrap();
    let first_person = en.assignments.first().map(|a| a.person);
    show.highlight = match (en.functions.first(), first_person) {
        (Some(f), Some(person)) => Some(Highlight::Cell {
            function: f.id,
            person,
        }),
        _ => None,
    };
    for item in agenda(w, e) {
        let shown = show.item(&item).await;
        let section = shown.section();
        let small = small_text(&section);
        assert!(small.is_empty(), "{} at {width}px: {small:?}", item.title);
        let low = low_contrast(&section);
        assert!(low.is_empty(), "{} at {width}px: {low:?}", item.title);
        let html: HtmlElement = section.clone().dyn_into().unwrap();
        assert!(
            html.scroll_width() <= html.client_width(),
            "{} scrolls sideways at {width}px: {} > {}",
            item.title,
            html.scroll_width(),
            html.client_width()
        );
        for el in all(&section, "table, th, td, dd, dt, li, p") {
            if el.class_list().contains("visually-hidden") {
                continue;
            }
            let el: HtmlElement = el.dyn_into().unwrap();
            assert!(
                el.scroll_width() <= el.client_width().max(el.offset_width()) + 1,
                "{}: {:?} is cut off at {width}px",
                item.title,
                el.text_content()
            );
        }
        let tall = section.get_bounding_client_rect().height();
        assert!(
            tall <= height,
            "{} is {tall}px tall at {width}px, more than {height}px",
            item.title
        );
        let broken = broken_words(&section);
        assert!(broken.is_empty(), "{}: words broken {broken:?}", item.title);
    }
}

#[wasm_bindgen_test]
async fn every_section_fits_1024_by_768_with_24px_text() {
    let ws = workshop();
    check_fit(&Rc::new(ws.workspace), ws.engagement, 1024, 768.0).await;
}

#[wasm_bindgen_test]
async fn every_section_fits_1024_by_768_in_the_projector_theme() {
    let ws = workshop();
    let _theme = ProjectorTheme::on();
    check_fit(&Rc::new(ws.workspace), ws.engagement, 1024, 768.0).await;
}

#[wasm_bindgen_test]
async fn every_section_fits_1280_by_720_with_24px_text() {
    let ws = workshop();
    check_fit(&Rc::new(ws.workspace), ws.engagement, 1280, 720.0).await;
}

#[wasm_bindgen_test]
async fn fifteen_functions_fit_1024_pixels_in_the_projector_theme() {
    let (w, e) = sized(15, 10);
    let _theme = ProjectorTheme::on();
    check_fit(&Rc::new(w), e, 1024, 768.0).await;
}
