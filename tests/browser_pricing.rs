//! Browser tests of the Pricing view (wasm-bindgen-test + chromedriver):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_pricing`.
//!
//! Each test mounts the view inside a `Plan` context built from a workspace made with
//! `Workspace::apply`, finds controls by their accessible name, uses them, and checks
//! what the view shows and the actions it dispatched. The plan does not change under a
//! mounted view (the recorder only records), so each test checks one gesture's effect.
#![cfg(target_arch = "wasm32")]

use engagement_planner::components::context::{Plan, Target};
use engagement_planner::components::health::fix_target;
use engagement_planner::components::pricing::{worksheet_anchor, PricingView, ROUNDING_RULE};
use engagement_planner::model::assessment::{assess, Check, Subject, View};
use engagement_planner::model::pricing::{
    BillingType, LineEdit, PastedLine, PricingAction, SellingStyle, WorksheetField,
};
use engagement_planner::model::units::Bps;
use engagement_planner::model::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------
// Mounting and recording
// ---------------------------------------------------------------------------------

#[derive(Properties, PartialEq)]
struct WrapperProps {
    plan: Plan,
}

#[component]
fn Wrapper(props: &WrapperProps) -> Html {
    html! {
        <ContextProvider<Plan> context={props.plan.clone()}>
            <PricingView />
        </ContextProvider<Plan>>
    }
}

#[derive(Default)]
struct Recorded {
    actions: RefCell<Vec<Action>>,
    targets: RefCell<Vec<Target>>,
    announcements: RefCell<Vec<String>>,
}

impl Recorded {
    /// The pricing actions dispatched so far.
    fn pricing(&self) -> Vec<PricingAction> {
        self.actions
            .borrow()
            .iter()
            .filter_map(|a| match a {
                Action::Pricing { action, .. } => Some(action.clone()),
                _ => None,
            })
            .collect()
    }
}

struct Mounted {
    root: Element,
    recorded: Rc<Recorded>,
}

fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

async fn wait_for<T>(mut find: impl FnMut() -> Option<T>) -> T {
    for _ in 0..100 {
        if let Some(found) = find() {
            return found;
        }
        settle().await;
    }
    panic!("the element never appeared");
}

async fn mount(workspace: Workspace, engagement: EngagementId) -> Mounted {
    let recorded = Rc::new(Recorded::default());
    let plan = Plan {
        workspace: Rc::new(workspace),
        engagement: Some(engagement),
        dispatch: {
            let r = recorded.clone();
            Callback::from(move |a: Action| r.actions.borrow_mut().push(a))
        },
        navigate: {
            let r = recorded.clone();
            Callback::from(move |t: Target| r.targets.borrow_mut().push(t))
        },
        announce: {
            let r = recorded.clone();
            Callback::from(move |m: String| r.announcements.borrow_mut().push(m))
        },
    };
    let root = fresh_root();
    yew::Renderer::<Wrapper>::with_root_and_props(root.clone(), WrapperProps { plan }).render();
    let r = root.clone();
    wait_for(|| r.query_selector("section.view h2").ok().flatten()).await;
    Mounted { root, recorded }
}

// ---------------------------------------------------------------------------------
// Finding things the way a screen reader names them
// ---------------------------------------------------------------------------------

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("nothing with data-testid {id}"))
}

/// The form control labelled `name` (by `<label for>` or `aria-label`).
fn control(root: &Element, name: &str) -> Element {
    for label in all(root, "label") {
        if text(&label) == name {
            if let Some(id) = label.get_attribute("for") {
                if let Some(el) = root.query_selector(&format!("[id='{id}']")).ok().flatten() {
                    return el;
                }
            }
        }
    }
    all(root, "[aria-label]")
        .into_iter()
        .find(|e| e.get_attribute("aria-label").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no control named {name:?}"))
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| match b.get_attribute("aria-label") {
            Some(label) => label == name,
            None => text(b) == name,
        })
        .map(|b| b.unchecked_into())
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn fire(el: &Element, kind: &str) {
    let event = gloo::utils::document().create_event("Event").unwrap();
    event.init_event_with_bubbles(kind, true);
    el.dispatch_event(&event).unwrap();
}

/// Types a value into an input and commits it (the `change` a blur or Enter fires).
async fn type_into(el: &Element, value: &str) {
    el.dyn_ref::<HtmlInputElement>()
        .expect("an input")
        .set_value(value);
    fire(el, "input");
    fire(el, "change");
    settle().await;
}

async fn choose(el: &Element, value: &str) {
    el.dyn_ref::<HtmlSelectElement>()
        .expect("a select")
        .set_value(value);
    fire(el, "change");
    settle().await;
}

/// Presses Enter in `el` (a keydown the view handles; the browser adds nothing).
fn press_enter(el: &Element) {
    let press = js_sys::Function::new_with_args(
        "el",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));",
    );
    press.call1(&wasm_bindgen::JsValue::NULL, el).unwrap();
}

/// The message shown for a field (its `aria-describedby`).
fn message_of(root: &Element, el: &Element) -> Option<String> {
    let id = el.get_attribute("aria-describedby")?;
    root.query_selector(&format!("[id='{id}']"))
        .ok()
        .flatten()
        .map(|m| text(&m))
}

// ---------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------

fn apply(w: &mut Workspace, action: Action) {
    let shown = format!("{action:?}");
    w.apply(action)
        .unwrap_or_else(|e| panic!("{shown} was refused: {e}"));
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
    let performer = person(&mut w, "Pat Performer", StakeholderGroup::Performer);
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::EngagementManager(Some(em)),
        },
    );
    let need = NeedId(w.next_id);
    apply(
        &mut w,
        Action::AddNeed {
            engagement: e,
            title: "Single sign-on".into(),
        },
    );
    let need2 = NeedId(w.next_id);
    apply(
        &mut w,
        Action::AddNeed {
            engagement: e,
            title: "Usage report".into(),
        },
    );
    apply(
        &mut w,
        Action::EditNeed {
            engagement: e,
            need: need2,
            edit: NeedEdit::Coverage(NeedAspect::Promised, Coverage::Fully),
        },
    );
    let consultant = RateRoleId(w.next_id);
    price(
        &mut w,
        e,
        PricingAction::AddRateRole {
            name: "Consultant".into(),
            cost_rate: Money(6000),
            bill_rate: Money(10000),
        },
    );
    price(
        &mut w,
        e,
        PricingAction::AddRateRole {
            name: "Designer".into(),
            cost_rate: Money(4000),
            bill_rate: Money(8000),
        },
    );
    let ws = WorksheetId(w.next_id);
    price(
        &mut w,
        e,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style,
        },
    );
    let line = |w: &mut Workspace, name: &str, hours: u32| {
        let id = LineId(w.next_id);
        price(
            w,
            e,
            PricingAction::AddLine {
                worksheet: ws,
                name: name.into(),
                billing: BillingType::FixedFee,
            },
        );
        price(
            w,
            e,
            PricingAction::EditLine {
                worksheet: ws,
                line: id,
                edit: LineEdit::Hours(consultant, Hours::from_whole(hours)),
            },
        );
        id
    };
    let discovery = line(&mut w, "Discovery", 10);
    let build = line(&mut w, "Build", 20);
    price(
        &mut w,
        e,
        PricingAction::EditLine {
            worksheet: ws,
            line: discovery,
            edit: LineEdit::Need(Some(need)),
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
        need,
    }
}

// ---------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn shows_rate_card_lines_and_totals_in_the_currency() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, f.e).await;
    assert_eq!(
        text(&m.root.query_selector("h2").unwrap().unwrap()),
        "Pricing"
    );
    // Rate card: money with the currency's decimals.
    let cost = control(&m.root, "Consultant: cost rate per hour (EUR)");
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
    let m = mount(f.w, f.e).await;
    let cell = control(&m.root, "Discovery: Consultant hours");
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
        assert!(m.recorded.pricing().is_empty(), "{typed} reached the plan");
        // The typed text stays for the user to correct.
        assert_eq!(cell.unchecked_ref::<HtmlInputElement>().value(), typed);
    }
    // Beyond what the model accepts for a line: refused with the model's reason.
    type_into(&cell, "200000").await;
    assert!(m.recorded.pricing().is_empty());
    assert!(message_of(&m.root, &cell).is_some());

    type_into(&cell, "12.5").await;
    assert_eq!(
        m.recorded.pricing(),
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
    let m = mount(f.w, f.e).await;
    let target = control(&m.root, "Target margin (%)");
    for (typed, said) in [
        ("100", "100 %"),
        ("150", "100 %"),
        ("-5", "negative"),
        ("ten", "number"),
    ] {
        type_into(&target, typed).await;
        let message = message_of(&m.root, &target).unwrap_or_default();
        assert!(message.contains(said), "{typed}: {message}");
        assert!(m.recorded.pricing().is_empty(), "{typed} reached the plan");
    }
    type_into(&target, "35.5 %").await;
    let commission = control(&m.root, "Commission rate (%)");
    type_into(&commission, "8").await;
    assert_eq!(
        m.recorded.pricing(),
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
    let m = mount(f.w, f.e).await;
    let first = control(&m.root, "Discovery: Consultant hours");
    first.unchecked_ref::<HtmlElement>().focus().unwrap();
    press_enter(&first);
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
    let m = mount(f.w, f.e).await;
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
    let need = control(&m.root, "Discovery: client need");
    assert_eq!(
        need.unchecked_ref::<HtmlSelectElement>().value(),
        f.need.to_string()
    );
    // Switching style keeps every line's data: it is one action, no line edit.
    let style = control(&m.root, "Selling style");
    choose(&style, "Collaborative").await;
    assert_eq!(
        m.recorded.pricing(),
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
    let m = mount(f.w, f.e).await;
    let delivery = control(&m.root, "Discovery: Consultant delivery hours");
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
    // Estimators: delivery people first.
    let estimator = control(&m.root, "Build: delivery estimator");
    let groups: Vec<String> = all(&estimator, "optgroup")
        .iter()
        .map(|g| g.get_attribute("label").unwrap())
        .collect();
    assert_eq!(
        groups,
        ["Delivery and functional managers", "Everyone else"]
    );
    let first_group = all(&estimator, "optgroup").remove(0);
    assert!(text(&first_group).contains("Pat Performer"));
    assert!(!text(&first_group).contains("Erin Manager"));
}

#[wasm_bindgen_test]
async fn approval_is_refused_for_a_performer_with_the_reason_and_accepted_for_the_em() {
    let mut f = fixture(SellingStyle::Consultative);
    price(&mut f.w, f.e, PricingAction::Submit { worksheet: f.ws });
    let m = mount(f.w, f.e).await;
    assert_eq!(text(&testid(&m.root, "approval-status")), "Submitted");
    let decide = control(&m.root, "Decide as");
    choose(&decide, &f.performer.to_string()).await;
    button(&m.root, "Approve").click();
    settle().await;
    let error = text(&testid(&m.root, "approval-error"));
    assert!(error.contains("Pat Performer"), "{error}");
    assert!(error.contains("Performer"), "{error}");
    assert!(
        m.recorded.pricing().is_empty(),
        "a refused approval never reaches the plan"
    );

    choose(&decide, &f.em.to_string()).await;
    button(&m.root, "Approve").click();
    settle().await;
    assert_eq!(
        m.recorded.pricing(),
        vec![PricingAction::Approve {
            worksheet: f.ws,
            by: f.em,
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
        },
    );
    let m = mount(f.w, f.e).await;
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
            control(&m.root, name).has_attribute("disabled"),
            "{name} is disabled while approved"
        );
    }
    assert!(button(&m.root, "Remove line Build").has_attribute("disabled"));
    assert!(m
        .root
        .query_selector("[aria-label='Add a line item']")
        .unwrap()
        .is_none());
    // Reopen as the engagement manager: one recorded action.
    choose(&control(&m.root, "Decide as"), &f.em.to_string()).await;
    button(&m.root, "Reopen").click();
    settle().await;
    assert!(matches!(
        m.recorded.pricing().as_slice(),
        [PricingAction::Reopen { by, .. }] if *by == f.em
    ));
}

#[wasm_bindgen_test]
async fn pasted_rows_are_previewed_and_added_as_one_action() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, f.e).await;
    button(&m.root, "Paste rows").click();
    let area = wait_for(|| m.root.query_selector("#paste-rows").ok().flatten()).await;
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
    assert!(button(&m.root, "Add lines").has_attribute("disabled"));

    set("QA\tFixed fee\t2\t1\t5\nDocs\tT&M\t1\t\t\n");
    settle().await;
    assert!(text(&testid(&m.root, "paste-preview")).contains("Preview: 2 lines"));
    button(&m.root, "Add 2 lines").click();
    settle().await;
    let actions = m.recorded.pricing();
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
    let m = mount(f.w, f.e).await;
    let rows = all(&m.root, "[data-testid=comparison-row]");
    assert_eq!(rows.len(), 2);
    assert!(text(&rows[0]).contains("€3,000.00"), "{}", text(&rows[0]));
    assert!(text(&rows[1]).contains("€2,700.00"), "{}", text(&rows[1]));
    assert_eq!(rows[1].id(), worksheet_anchor(scenario));
    button(&m.root, "Show worksheet Discounted").click();
    settle().await;
    let heading = text(&m.root.query_selector("#worksheet-title").unwrap().unwrap());
    assert_eq!(heading, "Worksheet: Discounted");
    // The worksheet's tab is the pressed one once the list has caught up.
    let r = m.root.clone();
    wait_for(|| {
        all(&r, ".sheet-tab")
            .iter()
            .find(|b| b.get_attribute("aria-pressed").as_deref() == Some("true"))
            .filter(|b| text(b).starts_with("Discounted"))
            .cloned()
    })
    .await;
    button(&m.root, "Choose as the deal").click();
    button(&m.root, "Duplicate as scenario").click();
    settle().await;
    let actions = m.recorded.pricing();
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
    let m = mount(f.w, f.e).await;
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
    let m = mount(f.w, f.e).await;
    assert_eq!(all(&m.root, "[data-testid=line-row]").len(), 100);
    let pager = text(&testid(&m.root, "sheet-pager"));
    assert!(pager.contains("Lines 1–100 of 150"), "{pager}");
    // 30 h + 148 h at 100 € an hour, whatever page is shown.
    assert_eq!(text(&testid(&m.root, "total-list")), "€17,800.00");
    button(&m.root, "Next lines").click();
    let r = m.root.clone();
    wait_for(|| (all(&r, "[data-testid=line-row]").len() == 50).then_some(())).await;
    assert!(text(&testid(&m.root, "sheet-pager")).contains("Lines 101–150 of 150"));
    assert!(button(&m.root, "Next lines").has_attribute("disabled"));
    let last = control(&m.root, "Line name: Package 147");
    assert_eq!(last.get_attribute("data-row").as_deref(), Some("149"));
}

#[wasm_bindgen_test]
async fn pasting_rows_into_the_grid_opens_the_preview() {
    let f = fixture(SellingStyle::Consultative);
    let m = mount(f.w, f.e).await;
    let cell = control(&m.root, "Build: Consultant hours");
    // A paste of rows and columns, as a spreadsheet puts it on the clipboard. Firefox gives
    // a constructed ClipboardEvent an empty copy of its clipboardData (only a real paste
    // carries data), so the event carries the DataTransfer itself.
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
    let area = wait_for(|| r.query_selector("#paste-rows").ok().flatten()).await;
    assert_eq!(
        area.unchecked_ref::<HtmlTextAreaElement>().value(),
        "QA\tFixed fee\t2\t1\nDocs\tT&M\t1\t0\n"
    );
    let r = m.root.clone();
    wait_for(|| {
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
        m.recorded.pricing().is_empty(),
        "nothing is added before Add"
    );
}
