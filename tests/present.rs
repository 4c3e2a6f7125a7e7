//! Host tests of what the workshop's audience window shows (`src/view/present.rs`): the
//! agenda and its pages, each section's content, the open actions, and the client in
//! the room.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::assessment::{assess, Check, View};
use engagement_planner::model::pricing::PricingAction;
use engagement_planner::model::*;
use engagement_planner::storage::to_json;
use engagement_planner::view::present::*;
use plans::*;
use std::collections::BTreeSet;

fn kinds(agenda: &[AgendaItem]) -> Vec<SectionKind> {
    let mut kinds: Vec<SectionKind> = agenda.iter().map(|i| i.kind).collect();
    kinds.dedup();
    kinds
}

fn raci_items(agenda: &[AgendaItem]) -> Vec<&AgendaItem> {
    agenda
        .iter()
        .filter(|i| i.kind == SectionKind::Raci)
        .collect()
}

// ---------------------------------------------------------------------------------
// The agenda

#[test]
fn the_agenda_follows_the_workshop_order() {
    let ws = workshop();
    let agenda = agenda(&ws.workspace, ws.engagement);
    assert_eq!(kinds(&agenda), SectionKind::ALL.to_vec());
    assert_eq!(agenda[0].title, "The engagement at a glance");
    assert_eq!(agenda.last().unwrap().kind, SectionKind::OpenActions);
}

#[test]
fn every_section_has_at_least_one_page_even_when_empty() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Empty", Template::InHouseProject);
    let agenda = agenda(&w, e);
    assert_eq!(kinds(&agenda), SectionKind::ALL.to_vec());
    for item in &agenda {
        assert!(item.page >= 1 && item.page <= item.pages, "{item:?}");
    }
}

#[test]
fn the_agenda_of_an_unknown_engagement_is_empty() {
    let ws = workshop();
    assert!(agenda(&ws.workspace, EngagementId(9_999)).is_empty());
}

#[test]
fn pages_are_numbered_in_the_title_only_when_a_section_has_several() {
    let (w, e) = sized(15, 3);
    let agenda = agenda(&w, e);
    let raci = raci_items(&agenda);
    assert_eq!(raci.len(), 3);
    assert_eq!(raci[0].title, "Who does what (1 of 3)");
    assert_eq!(raci[1].title, "Who does what (2 of 3)");
    assert_eq!((raci[2].page, raci[2].pages), (3, 3));
    let glance = agenda
        .iter()
        .find(|i| i.kind == SectionKind::Glance)
        .unwrap();
    assert_eq!(glance.title, "The engagement at a glance");
    assert_eq!((glance.page, glance.pages), (1, 1));
}

#[test]
fn section_titles_and_where_each_is_edited() {
    assert_eq!(SectionKind::Raci.title(), "Who does what");
    assert_eq!(SectionKind::Authority.title(), "Who has final authority");
    assert_eq!(SectionKind::Raci.view(), View::Roles);
    assert_eq!(SectionKind::Authority.view(), View::Roles);
    assert_eq!(SectionKind::Deal.view(), View::Pricing);
    assert_eq!(SectionKind::ClientNeeds.view(), View::Expectations);
    assert_eq!(SectionKind::DecisionsTaken.view(), View::Governance);
    assert_eq!(SectionKind::Glance.view(), View::Overview);
    let titles: BTreeSet<&str> = SectionKind::ALL.iter().map(|k| k.title()).collect();
    assert_eq!(titles.len(), SectionKind::ALL.len(), "titles are distinct");
}

/// The RACI grid's pages for `n` functions and a few people: how many rows each page
/// holds, in order.
fn raci_rows(n: usize) -> Vec<usize> {
    let (w, e) = sized(n, 2);
    let en = w.engagement(e).unwrap();
    raci_items(&agenda(&w, e))
        .iter()
        .map(|i| raci_page(&w, en, i.page).functions.len())
        .collect()
}

#[test]
fn the_raci_grid_is_paged_in_balanced_pages_that_fit_the_screen() {
    assert_eq!(raci_rows(3), vec![3]);
    assert_eq!(raci_rows(9), vec![5, 4]);
    assert_eq!(raci_rows(15), vec![5, 5, 5]);
    assert_eq!(raci_rows(40), vec![6, 6, 6, 6, 6, 5, 5]);
    for n in [3, 9, 15, 40] {
        assert!(raci_rows(n).iter().all(|&r| r <= RACI_FUNCTIONS_PER_PAGE));
    }
}

#[test]
fn every_function_and_person_is_on_exactly_one_raci_page_each_in_the_plans_order() {
    let (w, e) = sized(15, 10);
    let en = w.engagement(e).unwrap();
    let pages: Vec<RaciPage> = raci_items(&agenda(&w, e))
        .iter()
        .map(|i| raci_page(&w, en, i.page))
        .collect();
    // 15 functions in 3 pages, 10 people in 3 pages (4, 3, 3): 9 pages.
    assert_eq!(pages.len(), 9);
    let mut cells = BTreeSet::new();
    for p in &pages {
        assert!(p.people.len() <= RACI_PEOPLE_PER_PAGE);
        for (f, _) in &p.functions {
            for (person, _) in &p.people {
                assert!(cells.insert((*f, *person)), "a cell is on two pages");
            }
        }
    }
    assert_eq!(cells.len(), 15 * 10);
    // Functions in the engagement's order, page after page.
    let order: Vec<FunctionId> = pages
        .iter()
        .step_by(3)
        .flat_map(|p| p.functions.iter().map(|(f, _)| *f))
        .collect();
    let expected: Vec<FunctionId> = en.functions.iter().map(|f| f.id).collect();
    assert_eq!(order, expected);
    assert_eq!(pages[0].functions_shown, (1, 5, 15));
    assert_eq!(pages[1].people_shown, (5, 7, 10));
    // A page's cells are its own functions and people only.
    for p in &pages {
        for (f, person) in p.cells.keys() {
            assert!(p.functions.iter().any(|(x, _)| x == f));
            assert!(p.people.iter().any(|(x, _)| x == person));
        }
    }
}

#[test]
fn a_raci_page_beyond_the_last_shows_the_last_page() {
    // A window that lags one edit behind may ask for a page that no longer exists.
    let (w, e) = sized(15, 10);
    let en = w.engagement(e).unwrap();
    assert_eq!(raci_page(&w, en, 99), raci_page(&w, en, 9));
    assert_eq!(raci_page(&w, en, 10), raci_page(&w, en, 9));
    assert_eq!(raci_page(&w, en, 0), raci_page(&w, en, 1));
}

#[test]
fn balanced_pages_differ_by_at_most_one_row() {
    for n in 0..60 {
        for per in 1..9 {
            let pages = page_count(n, per);
            let sizes: Vec<usize> = (0..pages).map(|p| page_rows(n, pages, p).len()).collect();
            assert_eq!(sizes.iter().sum::<usize>(), n, "{n} rows, {per} a page");
            assert!(sizes.iter().all(|&s| s <= per.max(1)));
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(max - min <= 1, "{n} rows, {per} a page: {sizes:?}");
            // Contiguous, in order.
            let mut next = 0;
            for p in 0..pages {
                let r = page_rows(n, pages, p);
                assert_eq!(r.start, next);
                next = r.end;
            }
        }
    }
    assert_eq!(page_count(0, 6), 1);
}

#[test]
fn the_raci_page_showing_a_highlight_is_the_one_with_its_row_and_column() {
    let (w, e) = sized(15, 10);
    let en = w.engagement(e).unwrap();
    let people = raci_people(&w, en);
    let last_function = en.functions[14].id;
    let last_person = people[9];
    // Functions 11-15 are the third function page (pages 7-9); the tenth person is
    // in the third people page.
    assert_eq!(
        raci_page_showing(&w, en, Highlight::Function(last_function)),
        Some(7)
    );
    let cell = Highlight::Cell {
        function: last_function,
        person: last_person,
    };
    assert_eq!(raci_page_showing(&w, en, cell), Some(9));
    let page = raci_page(&w, en, 9);
    assert!(page.functions.iter().any(|(f, _)| *f == last_function));
    assert!(page.people.iter().any(|(p, _)| *p == last_person));
    assert_eq!(
        raci_page_showing(&w, en, Highlight::Function(FunctionId(9_999))),
        None
    );
}

#[test]
fn the_page_count_does_not_change_with_the_client_in_the_room() {
    // The agenda has no say of the switch: the same agenda serves both states, and a
    // page of findings is spread over the same pages when some are left out.
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let all = findings(&ws.workspace, en, false);
    let shown = findings(&ws.workspace, en, true);
    assert!(
        shown.len() < all.len(),
        "the workshop has internal findings"
    );
    let pages = agenda(&ws.workspace, ws.engagement)
        .iter()
        .filter(|i| i.kind == SectionKind::Health)
        .count();
    assert_eq!(pages, page_count(all.len(), FINDINGS_PER_PAGE));
    let in_room: usize = (1..=pages as u16)
        .map(|p| findings_page(&ws.workspace, en, true, p).len())
        .sum();
    assert_eq!(in_room, shown.len());
}

// ---------------------------------------------------------------------------------
// Sections

#[test]
fn the_glance_names_the_engagement_its_parties_and_its_leaders() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let facts = glance(&ws.workspace, en);
    let value = |label: &str| {
        facts
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("no {label}"))
            .value
            .clone()
    };
    assert_eq!(value("Engagement"), "Website relaunch");
    assert_eq!(value("Client"), "Harbor Retail");
    assert_eq!(value("Provider"), "Brightline Digital");
    assert_eq!(value("Relationship"), "Contracted");
    assert_eq!(value("Stage"), "Sales");
    assert_eq!(value("Project manager"), "Dana Whitfield");
    assert_eq!(value("Engagement manager"), "Ana Lima");
    assert_eq!(value("Sales lead"), "Ari Costa");
    assert!(facts.iter().all(|f| !f.gap));
}

#[test]
fn a_missing_leader_is_shown_as_a_gap() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let facts = glance(&w, w.engagement(e).unwrap());
    let pm = facts.iter().find(|f| f.label == "Project manager").unwrap();
    assert!(pm.gap);
    assert_eq!(pm.value, "Not named yet");
    assert!(facts.iter().any(|f| f.label == "Champion" && f.gap));
}

#[test]
fn the_raci_grid_shows_each_persons_role_on_each_function() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let delivery = en.function_of_kind(FunctionKind::Delivery).unwrap().id;
    let mut found = Vec::new();
    for item in raci_items(&agenda(&ws.workspace, ws.engagement)) {
        let page = raci_page(&ws.workspace, en, item.page);
        for (p, _) in &page.people {
            if let Some(roles) = page.cells.get(&(delivery, *p)) {
                found.push((*p, roles.clone()));
            }
        }
    }
    found.sort();
    let mut expected = vec![
        (ws.dana, vec![Raci::Accountable]),
        (ws.sam, vec![Raci::Responsible]),
        (ws.chris, vec![Raci::Informed]),
    ];
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(raci_letter(Raci::Accountable), "A");
    // Columns are the people with an assignment here, by name.
    let names: Vec<&str> = raci_people(&ws.workspace, en)
        .into_iter()
        .map(|p| ws.workspace.person_name(p))
        .collect();
    assert_eq!(
        names,
        [
            "Ana Lima",
            "Ari Costa",
            "Chris Moreau",
            "Dana Whitfield",
            "Kim Park",
            "Lee Grant",
            "Pat Nguyen",
            "Sam Ortiz"
        ]
    );
}

#[test]
fn final_authority_names_the_accountable_the_pm_who_accepted_or_the_gap() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let rows = authority(&ws.workspace, en);
    let of = |kind: FunctionKind| {
        let id = en.function_of_kind(kind).unwrap().id;
        rows.iter().find(|(f, _, _)| *f == id).unwrap().2.clone()
    };
    assert_eq!(
        of(FunctionKind::Delivery),
        Authority::Accountable("Dana Whitfield".into())
    );
    assert_eq!(
        of(FunctionKind::AdministrationFinance),
        Authority::PmAccepted("Dana Whitfield".into())
    );
    let legal = of(FunctionKind::Legal);
    assert_eq!(legal, Authority::PmByDefault("Dana Whitfield".into()));
    assert!(legal.is_gap());
    assert_eq!(
        legal.words(),
        "Gap: falls to Dana Whitfield (PM) by default, not accepted"
    );
    assert!(!of(FunctionKind::Delivery).is_gap());
    assert!(!of(FunctionKind::AdministrationFinance).is_gap());
    assert_eq!(rows.len(), 9);
}

#[test]
fn a_function_with_no_accountable_and_no_pm_is_a_gap_with_nobody() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let rows = authority(&w, w.engagement(e).unwrap());
    assert!(rows
        .iter()
        .all(|(_, _, a)| *a == Authority::Nobody && a.is_gap()));
}

#[test]
fn decision_areas_show_their_method_and_who_decides() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let rows = decision_areas(&ws.workspace, en);
    let row = |name: &str| rows.iter().find(|r| r.name == name).unwrap().clone();
    assert_eq!(row("Scope change").method, "Authority");
    assert_eq!(row("Scope change").who, "Dana Whitfield");
    assert_eq!(row("Final deal").who, "Chris Moreau");
    assert_eq!(
        row("Acceptance").method,
        "Majority: more than half of the votes cast"
    );
    assert_eq!(
        row("Acceptance").who,
        format!("The {} people of this engagement", en.participants().len())
    );
    assert!(row("Escalation").method.starts_with("Consensus"));
    assert!(rows.iter().all(|r| !r.gap));
}

#[test]
fn a_decision_area_without_a_method_or_an_authority_is_a_gap() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    edit_decision(&mut w, e, scope, DecisionEdit::Method(None));
    let rows = decision_areas(&w, w.engagement(e).unwrap());
    let scope_row = rows.iter().find(|r| r.name == "Scope change").unwrap();
    assert!(scope_row.gap);
    assert_eq!(scope_row.method, "No method yet");
    let acceptance = rows.iter().find(|r| r.name == "Acceptance").unwrap();
    assert!(acceptance.gap);
    assert_eq!(acceptance.who, "No authority named yet");
}

#[test]
fn reports_show_owner_audience_and_frequency() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let rows = reports(&ws.workspace, en);
    let budget = rows.iter().find(|r| r.name == "Budget review").unwrap();
    assert_eq!(budget.owner.as_deref(), Some("Ana Lima"));
    assert_eq!(budget.audience.as_deref(), Some("Sponsor and Finance"));
    assert_eq!(budget.frequency.as_deref(), Some("Monthly"));
    let status = rows.iter().find(|r| r.name == "Status report").unwrap();
    assert_eq!(status.audience.as_deref(), Some("Client and Sponsor"));
}

#[test]
fn client_needs_show_the_four_aspects_and_the_status_and_the_note_only_without_the_client() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let rows = needs(en, false);
    let export = rows
        .iter()
        .find(|n| n.title == "Same-day order export")
        .unwrap();
    assert_eq!(export.coverage[1], (NeedAspect::Bought, "Partly"));
    assert!(export.status.starts_with("Mismatch"), "{}", export.status);
    assert_eq!(export.note.as_deref(), Some(NEED_NOTES[1]));
    assert!(needs(en, true).iter().all(|n| n.note.is_none()));
}

#[test]
fn the_deal_shows_price_style_approval_and_deciders_and_figures_only_without_the_client() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let price = en.deal_price().price().unwrap();
    let d = deal(&ws.workspace, en, true);
    assert_eq!(d.worksheet.as_deref(), Some("Base"));
    assert_eq!(d.price, Some(describe::money(price, "EUR")));
    assert!(d.style.as_deref().unwrap().starts_with("Collaborative"));
    assert_eq!(
        d.approval.as_deref(),
        Some("Submitted, waiting for a decision")
    );
    assert_eq!(d.deciders, "Chris Moreau (named authority)");
    assert_eq!(d.internal, None);
    let internal = deal(&ws.workspace, en, false).internal.unwrap();
    let labels: Vec<&str> = internal.iter().map(|f| f.label).collect();
    assert_eq!(
        labels,
        [
            "Cost",
            "Gross margin",
            "Margin",
            "Target margin",
            "Markup",
            "Commission"
        ]
    );
    let t = compute(&en.pricing.worksheets[0], &en.pricing.rate_card).total;
    assert_eq!(internal[0].value, describe::money(t.cost, "EUR"));
    assert_eq!(internal[3].value, "41.5 %");
}

#[test]
fn the_deal_says_when_nothing_is_priced_or_chosen() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let d = deal(&w, w.engagement(e).unwrap(), false);
    assert_eq!(d.state.as_deref(), Some("No pricing worksheet yet."));
    assert_eq!(d.internal, None);
    worksheet(&mut w, e, "A", pricing::SellingStyle::Consultative);
    worksheet(&mut w, e, "B", pricing::SellingStyle::Consultative);
    let d = deal(&w, w.engagement(e).unwrap(), false);
    assert_eq!(
        d.state.as_deref(),
        Some("2 scenarios, none chosen as the deal yet.")
    );
}

#[test]
fn health_findings_are_worst_first() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let list = findings(&ws.workspace, en, false);
    assert!(!list.is_empty());
    assert!(list.windows(2).all(|p| p[0].severity <= p[1].severity));
    assert_eq!(list, assess(&ws.workspace, ws.engagement).findings);
}

#[test]
fn decisions_taken_list_each_proposal_with_its_outcome_in_words() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let rows = decisions_taken(&ws.workspace, en);
    assert_eq!(rows.len(), 3);
    let accept = rows.iter().find(|r| r.area == "Acceptance").unwrap();
    assert_eq!(accept.proposal, "Accept the design phase");
    assert_eq!(accept.date, "2025-03-03");
    assert_eq!(accept.passed, Some(true));
    assert!(
        accept
            .summary
            .starts_with("Passed: 2 for, 1 against, 1 abstained"),
        "{}",
        accept.summary
    );
    let escalate = rows.iter().find(|r| r.area == "Escalation").unwrap();
    assert_eq!(escalate.passed, Some(false));
    assert!(
        escalate.summary.contains(
            "blocked by Ari Costa (\u{201c}Wait for the vendor's answer on Friday\u{201d})"
        ),
        "{}",
        escalate.summary
    );
    let scope = rows.iter().find(|r| r.area == "Scope change").unwrap();
    assert_eq!(scope.passed, None);
    assert_eq!(scope.verdict, "Not decided");
}

// ---------------------------------------------------------------------------------
// Open actions

fn actions(ws: &Workshop) -> Vec<String> {
    open_actions(&ws.workspace, ws.engagement, false)
        .into_iter()
        .map(|a| a.what)
        .collect()
}

fn has(actions: &[String], text: &str) -> bool {
    actions.iter().any(|a| a.contains(text))
}

#[test]
fn a_function_nobody_is_accountable_for_is_an_open_action_until_someone_is() {
    let mut ws = workshop();
    let open = actions(&ws);
    assert!(has(
        &open,
        "Name who is Accountable for Legal (a contracted engagement needs a formal owner)"
    ));
    let a = open_actions(&ws.workspace, ws.engagement, false);
    let legal = a.iter().find(|a| a.what.contains("Legal")).unwrap();
    assert_eq!(
        legal.who,
        "Dana Whitfield (PM) holds it by default until then"
    );
    assert_eq!(legal.view, View::Roles);
    // A function the PM accepted is settled.
    assert!(!has(
        &open,
        "Name who is Accountable for Administration and finance"
    ));
    let legal_id = function(&ws.workspace, ws.engagement, FunctionKind::Legal);
    assign(
        &mut ws.workspace,
        ws.engagement,
        ws.ana,
        legal_id,
        Raci::Accountable,
        1,
    );
    assert!(!has(&actions(&ws), "Accountable for Legal"));
}

#[test]
fn an_undecided_proposal_is_an_open_action_for_its_authority_until_decided() {
    let mut ws = workshop();
    let a = open_actions(&ws.workspace, ws.engagement, false);
    let scope = a
        .iter()
        .find(|a| a.what == "Decide \u{201c}Add a store locator page\u{201d} (Scope change)")
        .expect("the undecided proposal is open");
    assert_eq!(scope.who, "Dana Whitfield (the named authority)");
    // Decided proposals are not open.
    assert!(!has(&actions(&ws), "Accept the design phase"));
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let area = en
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap();
    let (decision, proposal) = (area.id, area.log[0].id);
    apply(
        &mut ws.workspace,
        Action::SetPosition {
            engagement: ws.engagement,
            decision,
            proposal,
            person: ws.dana,
            stance: Some(Stance::For),
            reason: String::new(),
        },
    );
    assert!(!has(&actions(&ws), "store locator"));
}

#[test]
fn a_deal_waiting_for_approval_is_an_open_action_for_those_who_decide_it() {
    let mut ws = workshop();
    let a = open_actions(&ws.workspace, ws.engagement, false);
    let deal = a
        .iter()
        .find(|a| a.what == "Approve or reject the deal \u{201c}Base\u{201d}")
        .expect("the submitted deal is open");
    assert_eq!(deal.who, "Chris Moreau (named authority)");
    assert_eq!(deal.view, View::Pricing);
    price(
        &mut ws.workspace,
        ws.engagement,
        PricingAction::Approve {
            worksheet: ws.base,
            by: ws.chris,
            date: "2025-03-04".into(),
        },
    );
    assert!(!has(&actions(&ws), "the deal"));
}

#[test]
fn a_draft_deal_is_an_open_action_to_submit_it() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    worksheet(&mut w, e, "Base", pricing::SellingStyle::Consultative);
    let open: Vec<String> = open_actions(&w, e, false)
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(has(
        &open,
        "Submit the deal \u{201c}Base\u{201d} for approval"
    ));
    worksheet(&mut w, e, "Lean", pricing::SellingStyle::Consultative);
    let open: Vec<String> = open_actions(&w, e, false)
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(has(&open, "Choose the scenario that is the deal"));
}

#[test]
fn outstanding_and_out_of_date_sign_offs_are_open_actions() {
    let ws = workshop();
    let open = actions(&ws);
    assert!(has(
        &open,
        "Customer service to sign off the defined process"
    ));
    assert!(has(
        &open,
        "Sales to sign off again: the process changed after 2025-02-03"
    ));
    // Delivery signed the process as it is: nothing to do.
    assert!(!has(&open, "Delivery to sign off"));
}

#[test]
fn an_in_house_function_nobody_holds_may_be_settled_by_the_pm_accepting_it() {
    let mut w = Workspace::default();
    let dana = person(&mut w, "Dana", StakeholderGroup::ProjectManager, 40);
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    edit(&mut w, e, EngagementEdit::Pm(Some(dana)));
    let open: Vec<String> = open_actions(&w, e, false)
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(has(
        &open,
        "Name who is Accountable for Legal, or have the PM accept it"
    ));
    let legal = function(&w, e, FunctionKind::Legal);
    accept(&mut w, e, legal);
    let open: Vec<String> = open_actions(&w, e, false)
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(!has(&open, "Accountable for Legal"));
}

#[test]
fn an_authority_not_yet_named_is_an_open_action_for_those_who_name_it() {
    let mut w = Workspace::default();
    let ana = person(&mut w, "Ana", StakeholderGroup::EngagementManager, 40);
    let chris = person_on(&mut w, "Chris", Side::Client, StakeholderGroup::Sponsor, 10);
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(ana)));
    let delivery = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, chris, delivery, Raci::Informed, 0);
    let acceptance = decision(&w, e, DecisionKind::Acceptance);
    propose(&mut w, e, acceptance, "Accept phase one", "2025-04-01", &[]);
    let open = open_actions(&w, e, false);
    let who = |what: &str| {
        open.iter()
            .find(|a| a.what == what)
            .unwrap_or_else(|| panic!("no {what:?} in {open:?}"))
            .who
            .clone()
    };
    // The final deal is named by those who decide it; other areas by the engagement
    // manager.
    assert_eq!(
        who("Name the authority who decides Final deal"),
        "Ana (engagement manager) or Chris (sponsor)"
    );
    assert_eq!(
        who("Name the authority who decides Acceptance"),
        "Ana (engagement manager)"
    );
    // A proposal waits for the authority to be named.
    assert_eq!(
        who("Decide \u{201c}Accept phase one\u{201d} (Acceptance)"),
        "The authority, once named"
    );
    // No pricing yet: nothing to do about the deal.
    assert!(open.iter().all(|a| a.view != View::Pricing), "{open:?}");
}

#[test]
fn settled_areas_and_warnings_bring_no_open_action() {
    let ws = workshop();
    let open = actions(&ws);
    // Every authority of the workshop is named.
    assert!(!has(&open, "Name the authority"));
    // A warning (a report without an owner) is for the Health section, not an action.
    let assessment = assess(&ws.workspace, ws.engagement);
    let warning = assessment
        .findings
        .iter()
        .find(|f| f.check == Check::Reporting)
        .expect("the steering committee report has no owner");
    assert!(!has(&open, &fix_for_the_room(&warning.fix)));
}

#[test]
fn a_fix_reads_without_the_planners_view_name() {
    assert_eq!(
        fix_for_the_room("On the Roles view, make one person Accountable for Legal."),
        "Make one person Accountable for Legal"
    );
    assert_eq!(fix_for_the_room("Bring it in line."), "Bring it in line");
}

#[test]
fn a_decision_area_without_a_method_or_authority_is_an_open_action() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let scope = decision(&w, e, DecisionKind::ScopeChange);
    edit_decision(&mut w, e, scope, DecisionEdit::Method(None));
    let open: Vec<String> = open_actions(&w, e, false)
        .into_iter()
        .map(|a| a.what)
        .collect();
    assert!(has(
        &open,
        "Agree how Scope change is decided: majority, consensus or authority"
    ));
    assert!(has(&open, "Name the authority who decides Acceptance"));
}

#[test]
fn critical_findings_of_other_checks_bring_their_fix_as_an_open_action() {
    let ws = workshop();
    let a = open_actions(&ws.workspace, ws.engagement, false);
    let assessment = assess(&ws.workspace, ws.engagement);
    let overload = assessment
        .findings
        .iter()
        .find(|f| f.check == Check::Overload)
        .expect("Sam is overloaded");
    assert!(a
        .iter()
        .any(|x| x.what == fix_for_the_room(&overload.fix) && x.view == View::People));
    // The mismatched need too (check 10).
    let need = assessment
        .findings
        .iter()
        .find(|f| f.check == Check::NeedsConsistent)
        .unwrap();
    assert!(a.iter().any(|x| x.what == fix_for_the_room(&need.fix)));
    // A function with an action of its own does not get its finding's fix as well.
    assert_eq!(a.iter().filter(|x| x.what.contains("for Legal")).count(), 1);
    // A contracted engagement's legal, procurement and finance need a formal owner,
    // even once the PM accepted them (check 3).
    assert!(a
        .iter()
        .any(|x| x.what == "Make one person Accountable for Administration and finance"));
}

#[test]
fn open_actions_are_paged_like_the_agenda() {
    let ws = workshop();
    let all = open_actions(&ws.workspace, ws.engagement, false);
    let pages = agenda(&ws.workspace, ws.engagement)
        .iter()
        .filter(|i| i.kind == SectionKind::OpenActions)
        .count();
    assert_eq!(pages, page_count(all.len(), ACTIONS_PER_PAGE));
    let paged: Vec<OpenAction> = (1..=pages as u16)
        .flat_map(|p| open_actions_page(&ws.workspace, ws.engagement, false, p))
        .collect();
    assert_eq!(paged, all);
}

// ---------------------------------------------------------------------------------
// Client in the room

#[test]
fn the_client_is_in_the_room_by_default_for_contracted_engagements_only() {
    let ws = workshop();
    let contracted = ws.workspace.engagement(ws.engagement).unwrap();
    assert!(client_in_room_default(contracted));
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    assert!(!client_in_room_default(w.engagement(e).unwrap()));
    edit(
        &mut w,
        e,
        EngagementEdit::Relationship(Relationship::Contracted),
    );
    assert!(client_in_room_default(w.engagement(e).unwrap()));
}

/// Every leaf of a JSON document, with its path written as `CLIENT_IN_ROOM_REDACTED`
/// writes it (`pricing.worksheets[].lines[].hours`, the engagement's own prefix left out).
fn leaves(value: &serde_json::Value, path: &str, out: &mut BTreeSet<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                leaves(v, &format!("{path}[]"), out);
            }
        }
        other => {
            let kind = match other {
                serde_json::Value::Number(_) => "number",
                serde_json::Value::String(_) => "string",
                _ => "other",
            };
            out.insert((path.to_string(), kind.to_string()));
        }
    }
}

fn workshop_fields() -> BTreeSet<(String, String)> {
    let mut ws = workshop();
    // A departure from the organization's standard, accepted with a reason, so that the
    // reason is a field of the plan too.
    let e = ws.workspace.engagements[0].clone();
    ws.workspace
        .apply(Action::RenameFunction {
            engagement: e.id,
            function: e.functions[0].id,
            name: "Business development".into(),
        })
        .unwrap();
    let departure = engagement_planner::model::standard::departures(
        &ws.workspace,
        &ws.workspace.engagements[0],
    )[0]
    .key
    .clone();
    ws.workspace
        .apply(Action::AcceptDeparture {
            engagement: e.id,
            departure,
            reason: "The client calls it so.".into(),
        })
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&to_json(&ws.workspace, None)).unwrap();
    let mut out = BTreeSet::new();
    for e in doc["workspace"]["engagements"].as_array().unwrap() {
        leaves(e, "", &mut out);
    }
    let mut top = doc["workspace"].clone();
    top.as_object_mut().unwrap().remove("engagements");
    top.as_object_mut().unwrap().remove("people");
    leaves(&top, "", &mut out);
    out
}

#[test]
fn every_redacted_field_is_a_field_of_the_plan() {
    let fields: BTreeSet<String> = workshop_fields().into_iter().map(|(p, _)| p).collect();
    for r in CLIENT_IN_ROOM_REDACTED {
        // A map of hours per role is a leaf below the field.
        assert!(
            fields
                .iter()
                .any(|f| f == r.path || f.starts_with(&format!("{}.", r.path))),
            "{} is not a field of a saved plan",
            r.path
        );
        assert!(!r.why.is_empty());
    }
}

#[test]
fn every_pricing_figure_and_every_note_of_the_plan_is_decided_for_the_room() {
    // A new number under pricing, or a new note, must be put on one list or the other:
    // redacted while the client is in the room, or shown to them.
    const SHOWN: &[&str] = &[
        // Identifiers and references, not figures.
        "pricing.rate_card[].id",
        "pricing.worksheets[].id",
        "pricing.worksheets[].lines[].id",
        "pricing.worksheets[].lines[].need",
        "pricing.worksheets[].lines[].estimator",
        "pricing.worksheets[].lines[].expenses[].id",
        "pricing.worksheets[].approval.approved.by",
        "pricing.worksheets[].approval.rejected.by",
        "pricing.worksheets[].log[].by",
        "pricing.deal",
        // What the client is charged: the price is what the room discusses.
        "pricing.worksheets[].lines[].fee",
        "pricing.worksheets[].lines[].cap",
        "pricing.worksheets[].lines[].discount",
        "pricing.worksheets[].global_discount",
    ];
    let redacted: Vec<&str> = CLIENT_IN_ROOM_REDACTED.iter().map(|r| r.path).collect();
    let decided = |path: &str| {
        redacted
            .iter()
            .chain(SHOWN)
            .any(|d| path == *d || path.starts_with(&format!("{d}.")))
    };
    for (path, kind) in workshop_fields() {
        let pricing_number = path.starts_with("pricing.") && kind == "number";
        let last = path.rsplit('.').next().unwrap();
        let note = ["note", "notes", "reason", "description", "comment"]
            .iter()
            .any(|n| last.trim_end_matches("[]") == *n);
        if path == "default_target_margin" || pricing_number || (note && kind == "string") {
            // Recorded reasons for a position are taken in the room; the sponsors'
            // description of the benefits is theirs.
            let public_text = [
                "decisions[].log[].positions[].reason",
                "sponsor_value.benefits_description",
            ];
            assert!(
                decided(&path) || public_text.contains(&path.as_str()),
                "{path} is neither redacted nor shown on purpose"
            );
        }
    }
}

/// Everything the audience window's sections say about an engagement, on every page.
fn everything_shown(w: &Workspace, e: EngagementId, client_in_room: bool) -> String {
    let en = w.engagement(e).unwrap();
    let mut out = String::new();
    for item in agenda(w, e) {
        let text = match item.kind {
            SectionKind::Glance => format!("{:?}", glance(w, en)),
            SectionKind::Raci => format!("{:?}", raci_page(w, en, item.page)),
            SectionKind::Authority => format!(
                "{:?}",
                authority(w, en)
                    .iter()
                    .map(|(_, n, a)| format!("{n} {}", a.words()))
                    .collect::<Vec<_>>()
            ),
            SectionKind::DecisionAreas => format!("{:?}", decision_areas(w, en)),
            SectionKind::Reporting => format!("{:?}", reports(w, en)),
            SectionKind::ClientNeeds => format!("{:?}", needs(en, client_in_room)),
            SectionKind::Deal => format!("{:?}", deal(w, en, client_in_room)),
            SectionKind::Health => {
                format!("{:?}", findings_page(w, en, client_in_room, item.page))
            }
            SectionKind::DecisionsTaken => format!("{:?}", decisions_taken(w, en)),
            SectionKind::OpenActions => {
                format!("{:?}", open_actions_page(w, e, client_in_room, item.page))
            }
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

#[test]
fn with_the_client_in_the_room_no_cost_margin_markup_commission_or_note_is_shown() {
    let ws = workshop();
    let figures = internal_figures(&ws.workspace, ws.engagement);
    assert!(figures.len() > 20, "{figures:?}");
    let shown = everything_shown(&ws.workspace, ws.engagement, true);
    for figure in &figures {
        assert!(
            !shown.contains(figure.as_str()),
            "{figure:?} is shown:\n{shown}"
        );
    }
    // Another client's engagement, named by an overload finding, stays out too.
    assert!(!shown.contains("Orchid Bank portal"));
    // What the room may see is there.
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let price = describe::money(en.deal_price().price().unwrap(), "EUR");
    assert!(shown.contains(&price));
    assert!(shown.contains("Wait for the vendor's answer on Friday"));
}

#[test]
fn without_the_client_the_internal_figures_and_notes_are_shown() {
    // The same check with the switch off finds them: the test above can fail.
    let ws = workshop();
    let shown = everything_shown(&ws.workspace, ws.engagement, false);
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let t = compute(&en.pricing.worksheets[0], &en.pricing.rate_card).total;
    assert!(shown.contains(&describe::money(t.cost, "EUR")));
    assert!(shown.contains(&describe::money(t.gross_margin, "EUR")));
    assert!(shown.contains(NEED_NOTES[0]));
    assert!(shown.contains("Orchid Bank portal"));
}

#[test]
fn findings_of_internal_checks_are_left_out_with_the_client_in_the_room() {
    let ws = workshop();
    let en = ws.workspace.engagement(ws.engagement).unwrap();
    let all = findings(&ws.workspace, en, false);
    for check in [Check::PricingInput, Check::Margin, Check::Overload] {
        assert!(check_is_internal(check));
        assert!(
            all.iter().any(|f| f.check == check),
            "{check:?} in the workshop"
        );
    }
    let shown = findings(&ws.workspace, en, true);
    assert!(shown.iter().all(|f| !check_is_internal(f.check)));
    assert_eq!(
        shown.len(),
        all.iter().filter(|f| !check_is_internal(f.check)).count()
    );
    for check in Check::ALL {
        let internal = matches!(check, Check::PricingInput | Check::Margin | Check::Overload);
        assert_eq!(check_is_internal(check), internal, "{check:?}");
    }
}
