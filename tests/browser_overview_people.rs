//! Browser tests of the Overview and People views: each view is mounted with the shared
//! harness (`browser_support::mount`), whose dispatch records actions, and driven
//! through its labelled controls.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_overview_people`
#![cfg(target_arch = "wasm32")]

mod browser_support;
mod plans;

use browser_support::*;
use engagement_planner::components::context::Target;
use engagement_planner::components::overview::OverviewView;
use engagement_planner::components::people::PeopleView;
use engagement_planner::components::portfolio::PortfolioView;
use engagement_planner::model::assessment::View;
use engagement_planner::model::*;
use plans::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn overview_view() -> Html {
    html! { <OverviewView /> }
}

fn people_view() -> Html {
    html! { <PeopleView /> }
}

fn row_ids(root: &Element) -> Vec<String> {
    all(root, "tbody tr")
        .iter()
        .filter_map(|r| r.get_attribute("id"))
        .collect()
}

struct Fixture {
    w: Workspace,
    web: EngagementId,
    dana: PersonId,
    lee: PersonId,
    ari: PersonId,
}

/// Two engagements; Dana is PM of one and Accountable for Legal in the other, with 16 h
/// of work against a capacity of 10; Lee is referenced nowhere; Ari is in Legal.
fn fixture() -> Fixture {
    let mut w = Workspace::default();
    let dana = person(&mut w, "Dana", StakeholderGroup::ProjectManager, 10);
    let lee = person(&mut w, "Lee", StakeholderGroup::Performer, 40);
    let ari = person(&mut w, "Ari", StakeholderGroup::Legal, 20);
    let web = EngagementId(w.next_id);
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Website".into(),
            template: Template::ContractedVendor,
        },
    );
    let erp = EngagementId(w.next_id);
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "ERP".into(),
            template: Template::InHouseProject,
        },
    );
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::Pm(Some(dana)),
        },
    );
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::Client("Acme".into()),
        },
    );
    let delivery = function(&w, web, FunctionKind::Delivery);
    apply(
        &mut w,
        Action::Assign {
            engagement: web,
            person: dana,
            function: delivery,
            role: Raci::Responsible,
            hours: Hours::from_whole(10),
        },
    );
    let legal = function(&w, erp, FunctionKind::Legal);
    apply(
        &mut w,
        Action::Assign {
            engagement: erp,
            person: dana,
            function: legal,
            role: Raci::Accountable,
            hours: Hours::from_whole(6),
        },
    );
    apply(
        &mut w,
        Action::Assign {
            engagement: erp,
            person: ari,
            function: legal,
            role: Raci::Responsible,
            hours: Hours::from_whole(4),
        },
    );
    Fixture {
        w,
        web,
        dana,
        lee,
        ari,
    }
}

fn row(root: &Element, id: PersonId) -> Element {
    root.query_selector(&format!("#person-{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no row for person {id}"))
}

// ---------------------------------------------------------------------------------
// People

#[wasm_bindgen_test]
async fn people_lists_the_roster_sorted_with_workload_and_uses() {
    let fx = fixture();
    let m = mount(fx.w, None, people_view).await;
    let root = &m.root;
    assert_eq!(text(&wait_for(root, "h2").await), "People");
    let rows = all(root, "tbody tr");
    let ids: Vec<String> = rows.iter().filter_map(|r| r.get_attribute("id")).collect();
    assert_eq!(
        ids,
        vec![
            format!("person-{}", fx.ari),
            format!("person-{}", fx.dana),
            format!("person-{}", fx.lee)
        ]
    );
    let dana = row(root, fx.dana);
    let workload = dana
        .query_selector(&format!("[data-testid=\"workload-{}\"]", fx.dana))
        .unwrap()
        .unwrap();
    assert!(
        text(&workload).contains("16 h of 10 h"),
        "{}",
        text(&workload)
    );
    assert!(
        text(&workload).contains("Over by 6 h"),
        "{}",
        text(&workload)
    );
    let lee = row(root, fx.lee);
    assert!(!text(&lee).contains("Over by"));
    assert!(text(&lee).contains("Not on any engagement"));
    assert!(text(&dana).contains("Website: PM"), "{}", text(&dana));
    assert!(
        text(&dana).contains("ERP: Legal: Accountable (6 h)"),
        "{}",
        text(&dana)
    );
    let name = control(root, "Name of Dana").await;
    assert_eq!(name.dyn_ref::<HtmlInputElement>().unwrap().value(), "Dana");
    assert!(
        text(&wait_for(root, "[data-testid=\"people-summary\"]").await)
            .contains("3 people on the roster, 1 over capacity")
    );
    assert!(root.query_selector("table caption").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn people_edits_dispatch_one_action_each() {
    let fx = fixture();
    let m = mount(fx.w, None, people_view).await;
    let root = &m.root;
    type_into(&control(root, "Capacity of Lee (hours/week)").await, "32.5").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditPerson {
            person: fx.lee,
            edit: PersonEdit::Capacity(Hours(3250))
        })
    );
    // Refused at the field: nothing reaches the plan.
    type_into(&control(root, "Capacity of Lee (hours/week)").await, "lots").await;
    assert_eq!(m.actions().len(), 1);
    assert!(root.query_selector(".field-error").unwrap().is_some());

    type_into(&control(root, "Name of Lee").await, "Lee Park").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditPerson {
            person: fx.lee,
            edit: PersonEdit::Name("Lee Park".into())
        })
    );
    let group = control(root, "Stakeholder group of Lee").await;
    choose(&group, &option_value(&group, "Sales")).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditPerson {
            person: fx.lee,
            edit: PersonEdit::Group(StakeholderGroup::Sales)
        })
    );
    let side = control(root, "Side of Lee").await;
    choose(&side, &option_value(&side, "Client")).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditPerson {
            person: fx.lee,
            edit: PersonEdit::Side(Side::Client)
        })
    );
}

#[wasm_bindgen_test]
async fn removing_an_unreferenced_person_is_immediate_and_announced() {
    let fx = fixture();
    let m = mount(fx.w, None, people_view).await;
    click(&button(&m.root, "Remove Lee").await).await;
    assert_eq!(m.actions(), vec![Action::RemovePerson { person: fx.lee }]);
    assert_eq!(
        m.announced().last().cloned(),
        Some("Removed Lee. Undo with Ctrl+Z.".to_string())
    );
}

#[wasm_bindgen_test]
async fn removing_an_assigned_person_asks_first_in_the_row() {
    let fx = fixture();
    let m = mount(fx.w, None, people_view).await;
    let root = &m.root;
    click(&button(root, "Remove Dana").await).await;
    assert!(m.actions().is_empty(), "nothing removed before the answer");
    let confirm = wait_for(root, ".people-confirm").await;
    let question = text(&confirm);
    assert!(
        question.contains("Dana is PM of Website, Delivery: Responsible in Website and Legal: Accountable in ERP. Remove Dana and these assignments?"),
        "{question}"
    );
    // The safe answer has the focus.
    eventually(|| {
        gloo::utils::document()
            .active_element()
            .is_some_and(|a| text(&a) == "Keep")
    })
    .await;
    click(&button(root, "Keep").await).await;
    assert!(m.actions().is_empty());
    eventually(|| root.query_selector(".people-confirm").unwrap().is_none()).await;

    click(&button(root, "Remove Dana").await).await;
    wait_for(root, ".people-confirm").await;
    click(&button(root, "Remove Dana").await).await;
    assert_eq!(m.actions(), vec![Action::RemovePerson { person: fx.dana }]);
    assert_eq!(
        m.announced().last().cloned(),
        Some("Removed Dana. Undo with Ctrl+Z.".to_string())
    );
}

#[wasm_bindgen_test]
async fn removing_a_person_named_only_as_an_estimator_asks_first() {
    let fx = fixture();
    let mut w = fx.w;
    let pricing = |w: &mut Workspace, action: PricingAction| {
        apply(
            w,
            Action::Pricing {
                engagement: fx.web,
                action,
            },
        )
    };
    pricing(
        &mut w,
        PricingAction::AddWorksheet {
            name: "Base".into(),
            style: SellingStyle::Collaborative,
        },
    );
    let ws = w.engagement(fx.web).unwrap().pricing.worksheets[0].id;
    pricing(
        &mut w,
        PricingAction::AddLine {
            worksheet: ws,
            name: "Build".into(),
            billing: BillingType::FixedFee,
        },
    );
    let line = w.engagement(fx.web).unwrap().pricing.worksheets[0].lines[0].id;
    pricing(
        &mut w,
        PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Estimator(Some(fx.lee)),
        },
    );
    let m = mount(w, None, people_view).await;
    let root = &m.root;
    assert!(text(&row(root, fx.lee)).contains("Website: estimator of \u{201c}Build\u{201d} (Base)"));
    click(&button(root, "Remove Lee").await).await;
    assert!(m.actions().is_empty(), "nothing removed before the answer");
    let question = text(&wait_for(root, ".people-confirm").await);
    assert!(
        question.contains("Lee is estimator of \u{201c}Build\u{201d} (Base) in Website. Remove Lee and these assignments?"),
        "{question}"
    );
}

#[wasm_bindgen_test]
async fn adding_a_person() {
    let m = mount(Workspace::default(), None, people_view).await;
    let root = &m.root;
    assert!(text(&wait_for(root, ".empty").await).starts_with("No people yet"));
    type_into(&control(root, "Name").await, "  Sam Reyes ").await;
    let group = control(root, "Stakeholder group").await;
    choose(&group, &option_value(&group, "Legal")).await;
    let side = control(root, "Side").await;
    choose(&side, &option_value(&side, "Client")).await;
    // The choice stays shown: the form keeps its draft until "Add person".
    settle().await;
    assert_eq!(
        side.dyn_ref::<web_sys::HtmlSelectElement>()
            .unwrap()
            .value(),
        option_value(&side, "Client")
    );
    type_into(&control(root, "Capacity (hours/week)").await, "24").await;
    click(&button(root, "Add person").await).await;
    assert_eq!(
        m.actions(),
        vec![Action::AddPerson {
            name: "Sam Reyes".into(),
            side: Side::Client,
            group: StakeholderGroup::Legal,
            capacity: Hours::from_whole(24),
        }]
    );
    // The name is cleared for the next person; nothing is added without one.
    eventually(|| {
        find_control(root, "Name")
            .unwrap()
            .dyn_ref::<HtmlInputElement>()
            .unwrap()
            .value()
            .is_empty()
    })
    .await;
    click(&button(root, "Add person").await).await;
    assert_eq!(m.actions().len(), 1);
    assert!(text(&wait_for(root, ".people-add .field-error").await).contains("Enter a name"));
}

#[wasm_bindgen_test]
async fn filtering_by_name_or_group() {
    let fx = fixture();
    let m = mount(fx.w, None, people_view).await;
    let root = &m.root;
    let filter = control(root, "Filter people").await;
    let search = |q: &str| {
        filter.dyn_ref::<HtmlInputElement>().unwrap().set_value(q);
        fire(&filter, "input");
    };
    search("legal");
    let ari = vec![format!("person-{}", fx.ari)];
    eventually(|| row_ids(root) == ari).await;
    search("DAN");
    let dana = vec![format!("person-{}", fx.dana)];
    eventually(|| row_ids(root) == dana).await;
    assert!(
        text(&wait_for(root, "[data-testid=\"people-summary\"]").await)
            .contains("Showing 1 of 3 people")
    );
    search("nobody here");
    eventually(|| row_ids(root).is_empty()).await;
    assert!(text(&wait_for(root, ".empty").await).contains("No one matches"));
}

#[wasm_bindgen_test]
async fn five_hundred_people_render() {
    let mut w = Workspace::default();
    let mut people = Vec::new();
    for i in 0..500 {
        people.push(person(
            &mut w,
            &format!("Person {i:03}"),
            StakeholderGroup::Performer,
            40,
        ));
    }
    for n in 0..20 {
        let e = EngagementId(w.next_id);
        apply(
            &mut w,
            Action::CreateEngagement {
                name: format!("Engagement {n}"),
                template: Template::InHouseProject,
            },
        );
        let f = function(&w, e, FunctionKind::Delivery);
        for p in people.iter().skip(n * 25).take(25) {
            apply(
                &mut w,
                Action::Assign {
                    engagement: e,
                    person: *p,
                    function: f,
                    role: Raci::Responsible,
                    hours: Hours::from_whole(8),
                },
            );
        }
    }
    let start = gloo::utils::window().performance().unwrap().now();
    let m = mount(w.clone(), None, people_view).await;
    let root = &m.root;
    wait_for(root, &format!("#person-{}", people[24])).await;
    let elapsed = gloo::utils::window().performance().unwrap().now() - start;
    gloo::console::log!(format!(
        "People view, 500 people and 20 engagements: first render {elapsed:.0} ms"
    ));
    // A page at a time: the first 25 by name, and a pager that says so.
    assert_eq!(all(root, "tbody tr").len(), 25);
    let pager = role(root, "navigation", "Pages of the roster").await;
    assert!(
        text(&pager).contains("1\u{2013}25 of 500 people"),
        "{}",
        text(&pager)
    );
    assert!(button(&pager, "Previous").await.has_attribute("disabled"));
    let current = || {
        all(&pager, "[aria-current=page]")
            .iter()
            .map(accessible_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(current(), ["Page 1 of 20"]);
    assert!(has_button(&pager, "Page 20 of 20"));
    assert!(
        text(&wait_for(root, "[data-testid=\"people-summary\"]").await)
            .contains("500 people on the roster")
    );

    // Next, then straight to the last page.
    click(&button(&pager, "Next").await).await;
    eventually(|| {
        root.query_selector(&format!("#person-{}", people[25]))
            .unwrap()
            .is_some()
    })
    .await;
    assert!(root
        .query_selector(&format!("#person-{}", people[0]))
        .unwrap()
        .is_none());
    assert!(text(&pager).contains("26\u{2013}50 of 500 people"));
    assert_eq!(current(), ["Page 2 of 20"]);
    click(&button(&pager, "Page 20 of 20").await).await;
    eventually(|| {
        root.query_selector(&format!("#person-{}", people[499]))
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(all(root, "tbody tr").len(), 25);
    assert!(button(&pager, "Next").await.has_attribute("disabled"));

    // One person's capacity changes: only that row has anything new to show.
    let target = people[490];
    apply(
        &mut w,
        Action::EditPerson {
            person: target,
            edit: PersonEdit::Capacity(Hours::from_whole(4)),
        },
    );
    let start = gloo::utils::window().performance().unwrap().now();
    m.show(w.clone()).await;
    eventually(|| text(&row(root, target)).contains("Over by 4 h")).await;
    let elapsed = gloo::utils::window().performance().unwrap().now() - start;
    gloo::console::log!(format!(
        "People view, 500 people: re-render after one edit {elapsed:.0} ms"
    ));
    assert!(
        text(&wait_for(root, "[data-testid=\"people-summary\"]").await).contains("1 over capacity")
    );

    // The filter searches everyone, not only the page shown, and starts at its first page.
    let filter = control(root, "Filter people").await;
    let start = gloo::utils::window().performance().unwrap().now();
    filter
        .dyn_ref::<HtmlInputElement>()
        .unwrap()
        .set_value("person 0");
    fire(&filter, "input");
    eventually(|| {
        root.query_selector(&format!("#person-{}", people[0]))
            .unwrap()
            .is_some()
    })
    .await;
    let elapsed = gloo::utils::window().performance().unwrap().now() - start;
    gloo::console::log!(format!(
        "People view, filtering 500 people: {elapsed:.0} ms"
    ));
    // "Person 0…" matches 100 people: four pages, the first shown.
    let pager = role(root, "navigation", "Pages of the roster").await;
    assert!(
        text(&pager).contains("1\u{2013}25 of 100 people"),
        "{}",
        text(&pager)
    );
    filter
        .dyn_ref::<HtmlInputElement>()
        .unwrap()
        .set_value("person 49");
    fire(&filter, "input");
    eventually(|| all(root, "tbody tr").len() == 10).await;
    assert!(by_role(root, "navigation", "Pages of the roster").is_none());

    // Show all: every row on one page (for the browser's find), and back.
    filter.dyn_ref::<HtmlInputElement>().unwrap().set_value("");
    fire(&filter, "input");
    let pager = role(root, "navigation", "Pages of the roster").await;
    click(&button(&pager, "Show all 500").await).await;
    eventually(|| all(root, "tbody tr").len() == 500).await;
    assert!(by_role(root, "navigation", "Pages of the roster").is_none());
    click(&button(root, "Show 25 at a time").await).await;
    eventually(|| all(root, "tbody tr").len() == 25).await;
}

#[wasm_bindgen_test]
async fn someone_added_to_a_long_roster_is_shown_on_their_page() {
    let mut w = Workspace::default();
    for i in 0..60 {
        person(
            &mut w,
            &format!("Person {i:03}"),
            StakeholderGroup::Performer,
            40,
        );
    }
    let m = mount_live(w, None, people_view).await;
    let root = &m.root;
    wait_for(root, "tbody tr").await;
    assert_eq!(all(root, "tbody tr").len(), 25);
    // "Zoe" sorts last: page 3 of 3.
    type_into(&control(root, "Name").await, "Zoe Newcomer").await;
    click(&button(root, "Add person").await).await;
    let pager = role(root, "navigation", "Pages of the roster").await;
    eventually(|| text(&pager).contains("51\u{2013}61 of 61 people")).await;
    assert!(text(root).contains("Zoe Newcomer"));
}

// ---------------------------------------------------------------------------------
// Overview

#[wasm_bindgen_test]
async fn overview_shows_the_engagement() {
    let fx = fixture();
    let m = mount(fx.w.clone(), Some(fx.web), overview_view).await;
    let root = &m.root;
    assert_eq!(text(&wait_for(root, "h2").await), "Overview");
    let value = |name: &str| {
        find_control(root, name)
            .unwrap_or_else(|| panic!("no control named {name:?}"))
            .dyn_ref::<HtmlInputElement>()
            .unwrap()
            .value()
    };
    assert_eq!(value("Engagement name"), "Website");
    assert_eq!(value("Client"), "Acme");
    assert_eq!(value("Currency (ISO code)"), "EUR");
    assert!(root.query_selector("#engagement-facts").unwrap().is_some());
    assert!(root.query_selector("#sponsor-value").unwrap().is_some());
    for party in ["sales", "customerservice", "delivery"] {
        assert!(
            root.query_selector(&format!("#signoff-{party}"))
                .unwrap()
                .is_some(),
            "{party}"
        );
    }
    let e = fx.w.engagement(fx.web).unwrap();
    for c in &e.compliance {
        assert!(root
            .query_selector(&format!("#compliance-{}", c.id))
            .unwrap()
            .is_some());
    }
    assert!(
        text(&wait_for(root, "[data-testid=\"relationship-explanation\"]").await)
            .contains("separate companies")
    );
    let pm = control(root, "Project manager (PM)")
        .await
        .dyn_into::<HtmlSelectElement>()
        .unwrap();
    assert_eq!(pm.value(), fx.dana.to_string());
    // Contracted: the formality checkbox, not the documenter.
    assert!(has_control(root, "Agreement recorded formally"));
    assert!(!has_control(root, "Who documents agreements"));
    let current = wait_for(root, "[aria-current=\"step\"]").await;
    assert!(text(&current).contains("Pre-sales"));
    assert!(text(&wait_for(root, ".overview-functions").await).starts_with("9 functions"));
    assert!(has_control(root, "Expected budget (EUR)"));
    let health = text(&wait_for(root, "[data-testid=\"health-summary\"]").await);
    assert!(health.contains("critical"), "{health}");
}

/// A select of a long roster (see `LONG_SELECT` in widgets/fields.rs) holds only the plan's
/// choice until it is focused, then the whole roster from one string of markup. Names stay
/// as typed, markup and all, the plan's choice is shown, after a re-render too, and a choice
/// is one edit.
#[wasm_bindgen_test]
async fn a_long_roster_in_a_select_keeps_names_as_typed_and_the_choice() {
    let fx = fixture();
    let mut w = fx.w.clone();
    for i in 0..45 {
        person(
            &mut w,
            &format!("Person {i:02}"),
            StakeholderGroup::Performer,
            40,
        );
    }
    let odd = person(
        &mut w,
        "<b>Lee & \"Co\"</b> <img src=x>",
        StakeholderGroup::ProjectManager,
        40,
    );
    let m = mount(w.clone(), Some(fx.web), overview_view).await;
    let root = &m.root;
    let pm = control(root, "Project manager (PM)").await;
    let select = pm.dyn_ref::<HtmlSelectElement>().unwrap();
    // Until it is asked for, the list holds the plan's choice alone.
    assert_eq!(
        select.length(),
        1,
        "only the current choice before the list is asked for"
    );
    assert_eq!(select.value(), fx.dana.to_string());
    let others = all(root, "select")
        .iter()
        .map(|s| s.dyn_ref::<HtmlSelectElement>().unwrap().length())
        .max()
        .unwrap_or(0);
    assert!(
        others <= 41,
        "every long select waits to be asked: {others} options in one"
    );
    // Focus (Tab, or the press that opens it) draws the whole roster before the list opens.
    pm.dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    eventually(|| select.length() == 50).await;
    assert_eq!(select.value(), fx.dana.to_string());
    assert!(
        pm.query_selector("b, img").unwrap().is_none(),
        "a name is text, not markup"
    );
    let label = "<b>Lee & \"Co\"</b> <img src=x> (Project manager)";
    assert_eq!(option_value(&pm, label), odd.to_string());
    choose(&pm, &odd.to_string()).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: fx.web,
            edit: EngagementEdit::Pm(Some(odd))
        })
    );
    // The harness does not apply the choice: at the plan's next change elsewhere the select
    // shows the plan's PM again, as after an undo.
    apply(
        &mut w,
        Action::EditPerson {
            person: fx.lee,
            edit: PersonEdit::Capacity(Hours::from_whole(12)),
        },
    );
    m.show(w).await;
    eventually(|| select.value() == fx.dana.to_string()).await;
}

#[wasm_bindgen_test]
async fn overview_edits_dispatch_engagement_edits() {
    let fx = fixture();
    let web = fx.web;
    let m = mount(fx.w, Some(web), overview_view).await;
    let root = &m.root;
    type_into(&control(root, "Provider").await, "Studio").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::Provider("Studio".into())
        })
    );
    let em = control(root, "Engagement manager").await;
    choose(&em, &fx.ari.to_string()).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::EngagementManager(Some(fx.ari))
        })
    );
    let stage = control(root, "Stage").await;
    choose(&stage, &option_value(&stage, "Performance")).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::Stage(Stage::Performance)
        })
    );
    let relationship = control(root, "Relationship").await;
    choose(&relationship, &option_value(&relationship, "In-house")).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::Relationship(Relationship::InHouse)
        })
    );
    type_into(&control(root, "Expected budget (EUR)").await, "1,200.50").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::ExpectedBudget(Some(Money(120_050)))
        })
    );
    let checkbox = control(root, "Agreement recorded formally").await;
    checkbox
        .dyn_ref::<HtmlInputElement>()
        .unwrap()
        .set_checked(true);
    fire(&checkbox, "change");
    settle().await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: web,
            edit: EngagementEdit::AgreementFormal(true)
        })
    );
    let signoff = control(root, "Signed off for Delivery").await;
    choose(&signoff, &fx.lee.to_string()).await;
    match m.last_action() {
        Some(Action::SignOff {
            engagement,
            party: SignOffParty::Delivery,
            person,
            date,
        }) => {
            assert_eq!((engagement, person), (web, fx.lee));
            // Today, from the browser's clock.
            assert!(is_iso_date(&date), "{date}");
            let now = js_sys::Date::new_0();
            assert_eq!(date[..4].parse::<u32>().unwrap(), now.get_full_year());
        }
        other => panic!("expected a delivery sign-off, got {other:?}"),
    }
}

/// The options of a select, as their texts.
fn option_texts(select: &Element) -> Vec<String> {
    all(select, "option").iter().map(text).collect()
}

#[wasm_bindgen_test]
async fn sign_off_must_be_by_a_person_of_that_group() {
    let mut fx = fixture();
    let web = fx.web;
    let sol = person(&mut fx.w, "Sol", StakeholderGroup::Sales, 10);
    let m = mount(fx.w.clone(), Some(web), overview_view).await;
    let root = &m.root;
    // Each choice offers only the people of that group.
    assert_eq!(
        option_texts(&control(root, "Signed off for Sales").await),
        ["— not yet —", "Sol (Sales)"]
    );
    assert_eq!(
        option_texts(&control(root, "Signed off for Delivery").await),
        ["— not yet —", "Dana (Project manager)", "Lee (Performer)"]
    );
    assert_eq!(
        option_texts(&control(root, "Signed off for Customer service").await),
        ["— not yet —"]
    );
    let state = |party: &str| {
        text(
            &root
                .query_selector(&format!("[data-testid=\"signoff-{party}-state\"]"))
                .unwrap()
                .unwrap(),
        )
    };
    assert!(state("customerservice").contains(
        "Nobody on the roster can sign off for customer service: add someone in the Customer service group on the People view."
    ));
    choose(
        &control(root, "Signed off for Sales").await,
        &sol.to_string(),
    )
    .await;
    assert!(matches!(
        m.last_action(),
        Some(Action::SignOff { party: SignOffParty::Sales, person, .. }) if person == sol
    ));
    drop(m);

    // A sign-off by someone of another group, from an older plan, is shown as such.
    let mut w = fx.w.clone();
    let at = w.engagements.iter().position(|e| e.id == web).unwrap();
    w.engagements[at].signoffs.sales = Some(fx.ari);
    let m = mount(w, Some(web), overview_view).await;
    let root = &m.root;
    let sales = control(root, "Signed off for Sales")
        .await
        .dyn_into::<HtmlSelectElement>()
        .unwrap();
    assert_eq!(sales.value(), fx.ari.to_string());
    assert!(
        option_texts(&sales).contains(&"Ari (Legal: not someone in the Sales group)".to_string())
    );
    let shown = text(
        &root
            .query_selector("[data-testid=\"signoff-sales-state\"]")
            .unwrap()
            .unwrap(),
    );
    assert!(
        shown.contains("Ari is in the Legal group: the sales sign-off must come from someone in the Sales group"),
        "{shown}"
    );
    choose(&sales, "").await;
    assert_eq!(
        m.last_action(),
        Some(Action::WithdrawSignOff {
            engagement: web,
            party: SignOffParty::Sales
        })
    );
}

#[wasm_bindgen_test]
async fn sign_off_is_out_of_date_after_the_process_changes() {
    let mut fx = fixture();
    let web = fx.web;
    apply(
        &mut fx.w,
        Action::SignOff {
            engagement: web,
            party: SignOffParty::Delivery,
            person: fx.dana,
            date: "2025-03-01".into(),
        },
    );
    let m = mount(fx.w.clone(), Some(web), overview_view).await;
    let state = |root: &Element| {
        text(
            &root
                .query_selector("[data-testid=\"signoff-delivery-state\"]")
                .unwrap()
                .unwrap(),
        )
    };
    assert_eq!(state(&m.root), "✓ Signed off by Dana on 2025-03-01");
    drop(m);

    // The roles change: the sign-off no longer covers them.
    let legal = function(&fx.w, web, FunctionKind::Legal);
    apply(
        &mut fx.w,
        Action::Assign {
            engagement: web,
            person: fx.lee,
            function: legal,
            role: Raci::Consulted,
            hours: Hours(0),
        },
    );
    let m = mount(fx.w.clone(), Some(web), overview_view).await;
    let shown = state(&m.root);
    assert!(
        shown.contains("Out of date: the roles or governance changed since 2025-03-01"),
        "{shown}"
    );
    assert!(shown.contains("Signed off by Dana."), "{shown}");
    button(
        &m.root,
        "Confirm again the delivery sign-off by Dana, dated today",
    )
    .await
    .click();
    settle().await;
    match m.last_action() {
        Some(Action::SignOff {
            engagement,
            party: SignOffParty::Delivery,
            person,
            date,
        }) => {
            assert_eq!((engagement, person), (web, fx.dana));
            assert!(is_iso_date(&date), "{date}");
        }
        other => panic!("expected the sign-off confirmed again, got {other:?}"),
    }
    // The out-of-date note is also among the findings beside the sign-offs.
    assert!(text(&m.root).contains("Dana's sign-off for delivery is out of date"));
}

#[wasm_bindgen_test]
async fn in_house_asks_who_documents_agreements() {
    let fx = fixture();
    let erp = fx.w.engagements[1].id;
    let m = mount(fx.w, Some(erp), overview_view).await;
    let root = &m.root;
    assert!(!has_control(root, "Agreement recorded formally"));
    assert!(
        text(&wait_for(root, "[data-testid=\"relationship-explanation\"]").await)
            .contains("more discipline")
    );
    choose(
        &control(root, "Who documents agreements").await,
        &fx.dana.to_string(),
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: erp,
            edit: EngagementEdit::AgreementDocumenter(Some(fx.dana))
        })
    );
}

#[wasm_bindgen_test]
async fn compliance_items_are_added_edited_and_removed() {
    let fx = fixture();
    let web = fx.web;
    let first = fx.w.engagement(web).unwrap().compliance[0].clone();
    let m = mount(fx.w, Some(web), overview_view).await;
    let root = &m.root;
    type_into(
        &control(root, "New compliance item (rule, protocol or regulation)").await,
        "Export controls",
    )
    .await;
    click(&button(root, "Add compliance item").await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::AddComplianceItem {
            engagement: web,
            rule: "Export controls".into()
        })
    );

    let status = control(root, &format!("Status of {}", first.rule)).await;
    choose(&status, &option_value(&status, "Met")).await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditComplianceItem {
            engagement: web,
            item: first.id,
            edit: ComplianceEdit::Status(ComplianceStatus::Met)
        })
    );
    choose(
        &control(root, &format!("Owner of {}", first.rule)).await,
        &fx.ari.to_string(),
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditComplianceItem {
            engagement: web,
            item: first.id,
            edit: ComplianceEdit::Owner(Some(fx.ari))
        })
    );
    click(&button(root, &format!("Remove {}", first.rule)).await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::RemoveComplianceItem {
            engagement: web,
            item: first.id
        })
    );
    assert!(m
        .announced()
        .last()
        .unwrap()
        .starts_with("Removed compliance item"));
}

/// The fixture's website engagement with the sponsors' benefits and budget and a deal
/// priced at `price` whole units of its currency (one line at 100 an hour, in the
/// currency's minor unit).
fn with_sponsor_value(
    mut w: Workspace,
    e: EngagementId,
    benefits: Money,
    budget: Money,
    price: u32,
) -> Workspace {
    for edit in [
        EngagementEdit::ExpectedBenefits(Some(benefits)),
        EngagementEdit::ExpectedBudget(Some(budget)),
    ] {
        apply(
            &mut w,
            Action::EditEngagement {
                engagement: e,
                edit,
            },
        );
    }
    let pricing = |w: &mut Workspace, action: PricingAction| {
        apply(
            w,
            Action::Pricing {
                engagement: e,
                action,
            },
        )
    };
    if w.engagement(e).unwrap().pricing.worksheets.is_empty() {
        pricing(
            &mut w,
            PricingAction::AddRateRole {
                name: "Consultant".into(),
                cost_rate: Money(6_000),
                bill_rate: Money(10_000),
            },
        );
        pricing(
            &mut w,
            PricingAction::AddWorksheet {
                name: "Base".into(),
                style: SellingStyle::Collaborative,
            },
        );
        let ws = w.engagement(e).unwrap().pricing.worksheets[0].id;
        pricing(
            &mut w,
            PricingAction::AddLine {
                worksheet: ws,
                name: "Build".into(),
                billing: BillingType::FixedFee,
            },
        );
    }
    let p = &w.engagement(e).unwrap().pricing;
    let (role, ws, line) = (
        p.rate_card[0].id,
        p.worksheets[0].id,
        p.worksheets[0].lines[0].id,
    );
    pricing(
        &mut w,
        PricingAction::EditLine {
            worksheet: ws,
            line,
            edit: LineEdit::Hours(role, Hours(price)),
        },
    );
    w
}

/// docs/DOMAIN.md check 11 on the Overview: the deal's price beside the benefits it must
/// not exceed and the budget it must stay within, each with its verdict.
#[wasm_bindgen_test]
async fn overview_compares_the_deals_price_with_the_sponsors_value() {
    let fx = fixture();
    let w = with_sponsor_value(
        fx.w.clone(),
        fx.web,
        Money(8_000_000),
        Money(10_000_000),
        70_000,
    );
    let m = mount(w.clone(), Some(fx.web), overview_view).await;
    let root = m.root.clone();
    let shown = |id: &str| {
        text(
            &root
                .query_selector(&format!("[data-testid=\"{id}\"]"))
                .unwrap()
                .unwrap(),
        )
    };
    wait_for(&root, "[data-testid=\"sponsor-compare\"]").await;
    assert_eq!(shown("sponsor-price"), "\u{20ac}70,000.00");
    assert_eq!(
        shown("sponsor-benefits-verdict"),
        "\u{2713} cover the price (\u{20ac}10,000.00 to spare)"
    );
    assert_eq!(
        shown("sponsor-budget-verdict"),
        "\u{2713} the price is within it (\u{20ac}30,000.00 left)"
    );
    let table = text(&wait_for(&root, "[data-testid=\"sponsor-compare\"]").await);
    assert!(
        table.contains("net price of \u{201c}Base\u{201d}"),
        "{table}"
    );
    assert!(
        table.contains("\u{20ac}80,000.00") && table.contains("\u{20ac}100,000.00"),
        "{table}"
    );
    let notes = text(&wait_for(&root, "#sponsor-value").await);
    assert!(!notes.contains("do not cover"), "{notes}");

    // A price of 110,000 is over the budget; benefits of 60,000 do not cover 70,000.
    m.show(with_sponsor_value(
        w.clone(),
        fx.web,
        Money(20_000_000),
        Money(10_000_000),
        110_000,
    ))
    .await;
    eventually(|| shown("sponsor-budget-verdict").contains("over")).await;
    assert_eq!(
        shown("sponsor-budget-verdict"),
        "\u{2717} the price is \u{20ac}10,000.00 over it"
    );
    let notes = text(&root.query_selector("#sponsor-value").unwrap().unwrap());
    assert!(
        notes.contains("is over the sponsors' expected budget"),
        "{notes}"
    );
    m.show(with_sponsor_value(
        w,
        fx.web,
        Money(6_000_000),
        Money(10_000_000),
        70_000,
    ))
    .await;
    eventually(|| shown("sponsor-benefits-verdict").contains("short")).await;
    assert_eq!(
        shown("sponsor-benefits-verdict"),
        "\u{2717} \u{20ac}10,000.00 short of the price"
    );
    let notes = text(&root.query_selector("#sponsor-value").unwrap().unwrap());
    assert!(notes.contains("do not cover the deal's price"), "{notes}");
}

#[wasm_bindgen_test]
async fn overview_says_when_no_deal_is_priced_and_links_to_pricing() {
    let mut fx = fixture();
    apply(
        &mut fx.w,
        Action::EditEngagement {
            engagement: fx.web,
            edit: EngagementEdit::ExpectedBudget(Some(Money(10_000_000))),
        },
    );
    let m = mount(fx.w, Some(fx.web), overview_view).await;
    let root = &m.root;
    let table = text(&wait_for(root, "[data-testid=\"sponsor-compare\"]").await);
    assert!(table.contains("not priced"), "{table}");
    assert!(table.contains("no pricing worksheet yet"), "{table}");
    assert!(table.contains("not stated"), "{table}");
    let notes = text(&wait_for(root, "#sponsor-value").await);
    assert!(notes.contains("No deal is priced yet"), "{notes}");
    click(&button(root, "Price the deal on the Pricing view").await).await;
    assert_eq!(m.targets(), vec![Target::view(View::Pricing)]);
}

/// Sponsor amounts are typed and shown in the engagement's currency, in its minor
/// unit: whole yen, three decimals of a dinar.
#[wasm_bindgen_test]
async fn sponsor_money_follows_the_engagements_currency() {
    let mut fx = fixture();
    for edit in [
        EngagementEdit::Currency("JPY".into()),
        EngagementEdit::ExpectedBenefits(Some(Money(1_200_000))),
    ] {
        apply(
            &mut fx.w,
            Action::EditEngagement {
                engagement: fx.web,
                edit,
            },
        );
    }
    let m = mount(fx.w.clone(), Some(fx.web), overview_view).await;
    let root = m.root.clone();
    let value = |name: &str| {
        find_control(&root, name)
            .unwrap()
            .dyn_ref::<HtmlInputElement>()
            .unwrap()
            .value()
    };
    assert_eq!(value("Expected benefits (JPY)"), "1,200,000");
    type_into(
        &control(&root, "Expected budget (JPY)").await,
        "\u{a5}900,000",
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: fx.web,
            edit: EngagementEdit::ExpectedBudget(Some(Money(900_000)))
        })
    );
    let before = m.actions().len();
    type_into(&control(&root, "Expected budget (JPY)").await, "900,000.50").await;
    assert_eq!(m.actions().len(), before, "a fraction of a yen is refused");
    let error = text(&wait_for(&root, ".field-error").await);
    assert_eq!(error, "Expected budget: whole numbers only.");

    apply(
        &mut fx.w,
        Action::EditEngagement {
            engagement: fx.web,
            edit: EngagementEdit::Currency("KWD".into()),
        },
    );
    m.show(fx.w).await;
    eventually(|| has_control(&root, "Expected benefits (KWD)")).await;
    assert_eq!(value("Expected benefits (KWD)"), "1,200.000");
    type_into(&control(&root, "Expected budget (KWD)").await, "25,000.5").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditEngagement {
            engagement: fx.web,
            edit: EngagementEdit::ExpectedBudget(Some(Money(25_000_500)))
        })
    );
}

#[wasm_bindgen_test]
async fn open_health_navigates() {
    let fx = fixture();
    let m = mount(fx.w, Some(fx.web), overview_view).await;
    assert!(!has_button(&m.root, "Remove Dana"));
    click(&button(&m.root, "Open Health").await).await;
    assert_eq!(m.targets(), vec![Target::view(View::Health)]);
}

/// The Overview shows the engagement's client account: its name, owner and notes are
/// edited there as the account's, the Client field offers the accounts by name, and the
/// account's other engagements are links to them.
#[wasm_bindgen_test]
async fn overview_shows_and_edits_the_client_account() {
    let mut fx = fixture();
    let erp = fx.w.engagements[1].id;
    apply(
        &mut fx.w,
        Action::EditEngagement {
            engagement: erp,
            edit: EngagementEdit::Client(" acme ".into()),
        },
    );
    let acme = fx.w.accounts[0].id;
    let web = fx.web;
    let m = mount(fx.w, Some(web), overview_view).await;
    let root = &m.root;
    // The panel is a section named by its heading.
    let region = root
        .query_selector("section[aria-labelledby='overview-account-title']")
        .unwrap()
        .expect("the Client account panel");
    assert_eq!(
        region
            .query_selector("h3")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Client account")
    );
    let name = control(&region, "Account name").await;
    assert_eq!(name.dyn_ref::<HtmlInputElement>().unwrap().value(), "Acme");
    // The Client field suggests the accounts.
    let client = control(root, "Client").await;
    let list = client.get_attribute("list").expect("a list of accounts");
    let options: Vec<String> = root
        .query_selector_all(&format!("datalist[id='{list}'] option"))
        .unwrap()
        .values()
        .into_iter()
        .map(|o| {
            o.unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("value")
                .unwrap()
        })
        .collect();
    assert_eq!(options, ["Acme"]);
    // The other engagement of the account, as a link to its Overview.
    let other = by_role(&region, "link", "ERP").expect("a link to ERP");
    assert_eq!(
        other.get_attribute("href").as_deref(),
        Some(format!("#/overview/{erp}").as_str())
    );
    type_into(&name, "Acme Group").await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditAccount {
            account: acme,
            edit: AccountEdit::Name("Acme Group".into())
        })
    );
    choose(
        &control(&region, "Relationship owner").await,
        &fx.dana.to_string(),
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditAccount {
            account: acme,
            edit: AccountEdit::Owner(Some(fx.dana))
        })
    );
    type_into(
        &control(
            &region,
            "Account notes (internal: never in a copy for the client)",
        )
        .await,
        "Renewal in March.",
    )
    .await;
    assert_eq!(
        m.last_action(),
        Some(Action::EditAccount {
            account: acme,
            edit: AccountEdit::Notes("Renewal in March.".into())
        })
    );
}

fn portfolio_view() -> Html {
    html! { <PortfolioView /> }
}

/// The Portfolio lists every account with its owner and engagements; an account no
/// engagement names any more can be removed there, and only such an account.
#[wasm_bindgen_test]
async fn portfolio_lists_the_accounts_and_removes_an_unused_one() {
    let mut fx = fixture();
    let erp = fx.w.engagements[1].id;
    let web = fx.web;
    for (engagement, client) in [(web, "Acme"), (erp, "Beta"), (erp, "Globex")] {
        apply(
            &mut fx.w,
            Action::EditEngagement {
                engagement,
                edit: EngagementEdit::Client(client.into()),
            },
        );
    }
    // Beta lost its only engagement to Globex.
    let beta = fx.w.account_named("Beta").unwrap().id;
    let acme = fx.w.account_named("Acme").unwrap().id;
    apply(
        &mut fx.w,
        Action::EditAccount {
            account: acme,
            edit: AccountEdit::Owner(Some(fx.dana)),
        },
    );
    let m = mount_live(fx.w, Some(web), portfolio_view).await;
    let region = m
        .root
        .query_selector("section[aria-labelledby='accounts-title']")
        .unwrap()
        .expect("the Accounts section");
    let rows: Vec<String> = all(&region, "tbody tr")
        .iter()
        .map(|r| r.text_content().unwrap_or_default())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("AcmeDanaWebsite"), "{rows:?}");
    assert!(rows[1].starts_with("Beta\u{2014}None"), "{rows:?}");
    assert!(rows[2].starts_with("Globex\u{2014}ERP"), "{rows:?}");
    assert!(text(&region).contains("One account has no engagement and can be removed."));
    // Each engagement links to its Overview, where its account is edited.
    let link = by_role(&region, "link", "ERP").expect("a link to ERP");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some(format!("#/overview/{erp}").as_str())
    );
    // Only the unused account can be removed.
    assert!(!has_button(&region, "Remove account Acme"));
    assert!(!has_button(&region, "Remove account Globex"));
    click(&button(&region, "Remove account Beta").await).await;
    assert_eq!(
        m.last_action(),
        Some(Action::RemoveAccount { account: beta })
    );
    assert!(m.workspace().account_named("Beta").is_none());
    assert_eq!(
        m.announced().last().map(String::as_str),
        Some("Removed the account Beta. Undo (Ctrl+Z) brings it back.")
    );
    let region = m
        .root
        .query_selector("section[aria-labelledby='accounts-title']")
        .unwrap()
        .unwrap();
    assert_eq!(all(&region, "tbody tr").len(), 2);
    assert!(!text(&region).contains("can be removed"));
}
