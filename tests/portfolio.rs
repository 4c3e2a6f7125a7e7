//! The Portfolio view's roll-ups (`model::portfolio`) and what the dashboard shows,
//! sorts, filters and exports (`view::portfolio`), and the start page's address.
#![cfg(not(target_arch = "wasm32"))]

mod plans;
#[path = "support/pricing_actions.rs"]
mod pricing_actions;

use engagement_planner::model::assessment::{assess, Severity, View};
use engagement_planner::model::portfolio::{
    portfolio, Deal, Health, HeatRow, MoneyTotals, Portfolio, Totals, NO_ACCOUNT,
};
use engagement_planner::model::*;
use engagement_planner::route::Route;
use engagement_planner::view::portfolio::*;
use plans::*;
use pricing_actions::{choose, pricing_action, PRICING_OPS};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn row(p: &Portfolio, id: EngagementId) -> &engagement_planner::model::portfolio::Row {
    p.rows
        .iter()
        .find(|r| r.engagement == id)
        .expect("a row per engagement")
}

// ---------------------------------------------------------------------------------
// The example portfolio
// ---------------------------------------------------------------------------------

#[test]
fn one_row_per_engagement_grouped_by_account_with_the_unrecorded_last() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    assert_eq!(p.rows.len(), 3);
    let names: Vec<&str> = p.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Harbor Retail", NO_ACCOUNT]);
    assert_eq!(
        p.accounts[0].rows,
        vec![0, 2],
        "relaunch and loyalty, in order"
    );
    assert!(p.accounts[1].unrecorded);
    let relaunch = row(&p, plan.relaunch);
    assert_eq!(relaunch.stage, Stage::Sales);
    assert_eq!(relaunch.pm.as_deref(), Some("Dana Whitfield"));
    assert_eq!(relaunch.engagement_managers, ["Ana Lima"]);
    assert_eq!(relaunch.unowned, ["Legal"]);
    assert_eq!(relaunch.pm_default, ["Administration and finance"]);
    assert_eq!(relaunch.deal.approval_label(), "Submitted");
    let last = relaunch
        .last_decision
        .as_ref()
        .expect("decisions were taken");
    assert!(!last.date.is_empty() && last.verdict != Verdict::Open);
}

#[test]
fn health_counts_are_the_assessment_s() {
    let plan = portfolio_plan();
    let w = &plan.workspace;
    let p = portfolio(w);
    for e in &w.engagements {
        let a = assess(w, e.id);
        let r = row(&p, e.id);
        assert_eq!(r.health.critical, a.count(Severity::Critical));
        assert_eq!(r.health.warning, a.count(Severity::Warning));
        assert_eq!(r.health.advice, a.count(Severity::Advice));
    }
    assert_eq!(
        row(&p, plan.relaunch).health.worst(),
        Some(Severity::Critical)
    );
}

/// The worst severity is the most severe one with a finding, whatever the counts of the
/// others; a clean engagement has none.
#[test]
fn the_worst_severity_is_the_most_severe_with_a_finding() {
    let h = |critical, warning, advice| Health {
        critical,
        warning,
        advice,
    };
    assert_eq!(h(0, 0, 0).worst(), None);
    assert_eq!(h(0, 0, 1).worst(), Some(Severity::Advice));
    assert_eq!(h(0, 1, 0).worst(), Some(Severity::Warning));
    assert_eq!(h(0, 1, 5).worst(), Some(Severity::Warning));
    assert_eq!(h(1, 0, 0).worst(), Some(Severity::Critical));
    assert_eq!(h(1, 3, 2).worst(), Some(Severity::Critical));
    assert_eq!(h(2, 0, 0).worst(), Some(Severity::Critical));
    assert_eq!(h(0, 2, 0).worst(), Some(Severity::Warning));
    assert_eq!(h(0, 0, 2).worst(), Some(Severity::Advice));
    assert_eq!(h(1, 3, 2).total(), 6);
}

#[test]
fn the_deal_is_the_pricing_figures_of_its_worksheet() {
    let plan = portfolio_plan();
    let w = &plan.workspace;
    let p = portfolio(w);
    for e in &w.engagements {
        let r = row(&p, e.id);
        match e.pricing.deal_worksheet() {
            Some(ws) => {
                let t =
                    compute_with_default(ws, &e.pricing.rate_card, w.default_target_margin).total;
                let f = r.deal.figures().expect("a deal worksheet has figures");
                assert_eq!(
                    (f.price, f.cost, f.margin, f.hours),
                    (t.net_price, t.cost, t.gross_margin, t.hours)
                );
                assert_eq!(e.deal_price().price().unwrap_or(Money::ZERO), f.price);
            }
            None => assert!(matches!(r.deal, Deal::NoWorksheet | Deal::NoDealChosen)),
        }
    }
    // 40 hours at $150.00.
    assert_eq!(
        row(&p, plan.loyalty).deal.figures().unwrap().price,
        Money(600_000)
    );
    assert_eq!(cell_text(row(&p, plan.loyalty), Column::Price), "$6,000.00");
    assert_eq!(cell_text(row(&p, plan.orchid), Column::Price), "Not priced");
}

#[test]
fn currencies_are_never_added_together() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    let codes: Vec<&str> = p.totals.money.keys().map(String::as_str).collect();
    assert_eq!(codes, ["EUR", "USD"]);
    assert_eq!(p.totals.money["USD"].price, 600_000);
    let eur = row(&p, plan.relaunch).deal.figures().unwrap();
    assert_eq!(p.totals.money["EUR"].price, i128::from(eur.price.0));
    let note = currencies_note(&p.totals).expect("two currencies are said to be apart");
    assert!(note.contains("EUR, USD"), "{note}");
    let text = money_total_text(&p.totals, |m| m.price);
    assert!(text.contains("$6,000.00") && text.contains('€'), "{text}");
}

/// Working exactly at capacity is not over it; one hundredth of an hour more is.
#[test]
fn exactly_at_capacity_is_not_over() {
    let at = |total: u64| HeatRow {
        person: PersonId(1),
        name: "Sam".into(),
        capacity: Hours(1_000),
        cells: vec![total],
        total,
    };
    assert_eq!(at(999).over(), None);
    assert_eq!(at(1_000).over(), None);
    assert_eq!(at(1_001).over(), Some(1));
    assert_eq!(at(1_800).over(), Some(800));
}

/// One currency needs no note that currencies are kept apart; two do.
#[test]
fn only_several_currencies_are_said_to_be_apart() {
    let mut totals = Totals::default();
    assert!(!totals.several_currencies());
    assert_eq!(currencies_note(&totals), None);
    totals.money.insert("EUR".into(), MoneyTotals::default());
    assert!(!totals.several_currencies());
    assert_eq!(currencies_note(&totals), None);
    totals.money.insert("USD".into(), MoneyTotals::default());
    assert!(totals.several_currencies());
    assert!(currencies_note(&totals).is_some());
}

/// Each currency's price, cost and margin are its deals' own, and so are the deal hours:
/// the plan's deals all have a cost, so a total that lost or mangled one would differ.
#[test]
fn each_currency_totals_its_deals_price_cost_and_margin() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    let mut expected: BTreeMap<&str, (usize, i128, i128, i128)> = BTreeMap::new();
    let mut hours = 0u64;
    for r in &p.rows {
        if let Some(f) = r.deal.figures() {
            assert!(f.cost.0 > 0 && f.margin.0 != 0, "{}: {f:?}", r.name);
            let t = expected.entry(r.currency.as_str()).or_default();
            t.0 += 1;
            t.1 += i128::from(f.price.0);
            t.2 += i128::from(f.cost.0);
            t.3 += i128::from(f.margin.0);
            hours += u64::from(f.hours.0);
        }
    }
    for (code, m) in &p.totals.money {
        assert_eq!(
            (m.deals, m.price, m.cost, m.margin),
            expected[code.as_str()],
            "{code}"
        );
    }
    assert_eq!(p.totals.money.len(), expected.len());
    assert_eq!(p.totals.deal_hours, hours);
    assert!(hours > 0);
}

#[test]
fn the_heatmap_marks_who_is_over_capacity_first() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    let first = &p.heatmap.people[0];
    assert_eq!(first.person, plan.sam);
    // 12 h on the relaunch and 6 h on the Orchid portal, against 10 h.
    assert_eq!(first.total, 1_800);
    assert_eq!(first.over(), Some(800));
    assert_eq!(load_text(first), "18 h of 10 h. Over by 8 h");
    let col = p
        .heatmap
        .engagements
        .iter()
        .position(|(id, _)| *id == plan.orchid)
        .unwrap();
    assert_eq!(heat_cell_text(first.cells[col]), "6 h");
    let over = &row(&p, plan.orchid).over_capacity;
    assert_eq!(over.len(), 1);
    assert_eq!(
        cell_text(row(&p, plan.orchid), Column::OverCapacity),
        "Sam Ortiz (over by 8 h)"
    );
    // Nobody without hours is on the heatmap.
    assert!(p
        .heatmap
        .people
        .iter()
        .all(|r| r.total > 0 || r.cells.iter().all(|&c| c == 0)));
    assert!(p
        .heatmap
        .people
        .iter()
        .all(|r| r.person != PersonId(u32::MAX)));
}

#[test]
fn heat_levels_are_quarters_of_capacity() {
    assert_eq!(heat_level(0, 4_000), 0);
    assert_eq!(heat_level(1, 4_000), 1);
    assert_eq!(heat_level(1_000, 4_000), 1);
    assert_eq!(heat_level(1_001, 4_000), 2);
    assert_eq!(heat_level(4_000, 4_000), 4);
    assert_eq!(heat_level(9_000, 4_000), 4);
    assert_eq!(heat_level(100, 0), 4);
    assert_eq!(heat_cell_text(0), "");
    assert_eq!(heat_cell_text(250), "2.5 h");
}

// ---------------------------------------------------------------------------------
// Sort, filter, CSV
// ---------------------------------------------------------------------------------

#[test]
fn a_heading_sorts_ascending_then_descending() {
    let s = Sort::default().clicked(Column::Price);
    assert_eq!(
        (s.column, s.direction),
        (Column::Price, Direction::Ascending)
    );
    assert_eq!(s.aria_for(Column::Price), "ascending");
    assert_eq!(s.aria_for(Column::Stage), "none");
    let s = s.clicked(Column::Price);
    assert_eq!(s.direction, Direction::Descending);
    assert_eq!(s.clicked(Column::Stage).direction, Direction::Ascending);
}

#[test]
fn sorting_by_name_and_stage_orders_the_rows() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    let names = |rows: Vec<usize>| {
        rows.into_iter()
            .map(|i| p.rows[i].name.clone())
            .collect::<Vec<_>>()
    };
    let asc = Sort::default();
    assert_eq!(
        names(visible(&p, asc, &Filters::new())),
        [
            "Harbor loyalty app",
            "Orchid Bank portal",
            "Website relaunch"
        ]
    );
    let desc = asc.clicked(Column::Engagement);
    assert_eq!(
        names(visible(&p, desc, &Filters::new())),
        [
            "Website relaunch",
            "Orchid Bank portal",
            "Harbor loyalty app"
        ]
    );
    let by_stage = Sort {
        column: Column::Stage,
        direction: Direction::Descending,
    };
    assert_eq!(
        names(visible(&p, by_stage, &Filters::new()))[0],
        "Harbor loyalty app"
    );
}

#[test]
fn filters_by_choice_and_by_typed_text() {
    let plan = portfolio_plan();
    let p = portfolio(&plan.workspace);
    let only = |column: Column, value: &str| {
        let filters = Filters::from([(column, value.to_string())]);
        visible(&p, Sort::default(), &filters)
            .into_iter()
            .map(|i| p.rows[i].engagement)
            .collect::<Vec<_>>()
    };
    assert_eq!(only(Column::Stage, "Performance"), [plan.loyalty]);
    assert_eq!(only(Column::Engagement, "ORCHID"), [plan.orchid]);
    assert_eq!(only(Column::Account, "harbor").len(), 2);
    assert_eq!(only(Column::Account, "no account"), [plan.orchid]);
    assert_eq!(only(Column::OverCapacity, "Sam").len(), 2);
    assert_eq!(
        only(Column::Pm, "  ").len(),
        3,
        "a blank filter filters nothing"
    );
    assert!(only(Column::Engagement, "nothing like it").is_empty());
    let shown = visible(
        &p,
        Sort::default(),
        &Filters::from([(Column::Stage, "Performance".to_string())]),
    );
    let groups = grouped(&p, &shown, Sort::default());
    assert_eq!(groups.len(), 1, "an account with no row shown is left out");
    assert_eq!(
        groups[0].2.money["USD"].price, 600_000,
        "totals are the rows shown"
    );
}

#[test]
fn the_account_sort_keeps_engagements_without_one_last() {
    let plan = portfolio_plan();
    let mut w = plan.workspace.clone();
    set_client(&mut w, plan.relaunch, "Aster Foods");
    let p = portfolio(&w);
    let desc = Sort {
        column: Column::Account,
        direction: Direction::Descending,
    };
    let shown = visible(&p, desc, &Filters::new());
    let order: Vec<&str> = grouped(&p, &shown, desc)
        .iter()
        .map(|g| g.0.name.as_str())
        .collect();
    assert_eq!(order, ["Harbor Retail", "Aster Foods", NO_ACCOUNT]);
}

#[test]
fn the_dashboard_csv_has_a_row_per_engagement_shown_with_plain_amounts() {
    let plan = portfolio_plan();
    let mut w = plan.workspace.clone();
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: plan.orchid,
            edit: EngagementEdit::Name("=HYPERLINK(\"x\")".into()),
        },
    );
    let p = portfolio(&w);
    let shown = visible(&p, Sort::default(), &Filters::new());
    let csv = dashboard_csv(&p, &shown);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    let loyalty = lines
        .iter()
        .find(|l| l.starts_with("Harbor loyalty app"))
        .unwrap();
    assert!(
        loyalty.contains(",USD,6000.00,3200.00,2800.00,46.67,40,"),
        "{loyalty}"
    );
    assert!(csv.ends_with("\r\n"));
    assert_eq!(dashboard_file_name(), "engagement-planner-portfolio.csv");
}

// ---------------------------------------------------------------------------------
// The start page
// ---------------------------------------------------------------------------------

#[test]
fn the_start_page_is_the_portfolio_with_more_than_one_engagement() {
    for hash in ["", "#", "#/"] {
        assert_eq!(Route::at_start(hash, 2).view, View::Portfolio, "{hash:?}");
        assert_eq!(Route::at_start(hash, 1).view, View::Overview, "{hash:?}");
        assert_eq!(Route::at_start(hash, 0).view, View::Overview, "{hash:?}");
    }
    assert_eq!(Route::at_start("#/roles/4", 5).view, View::Roles);
    let portfolio = Route {
        view: View::Portfolio,
        engagement: Some(EngagementId(3)),
    };
    assert_eq!(
        portfolio.to_hash(),
        "#/portfolio",
        "the portfolio is the workspace's"
    );
    assert_eq!(Route::parse("#/portfolio/3").engagement, None);
}

// ---------------------------------------------------------------------------------
// Roll-up invariants over generated workspaces
// ---------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Gen {
    people: Vec<u32>,
    engagements: Vec<[u32; 3]>,
    assignments: Vec<[u32; 5]>,
    pricing: Vec<(u32, [u32; 6])>,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec(0..6000u32, 1..8),
        prop::collection::vec(prop::array::uniform3(any::<u32>()), 1..6),
        prop::collection::vec(prop::array::uniform5(any::<u32>()), 0..40),
        prop::collection::vec((0..PRICING_OPS, prop::array::uniform6(any::<u32>())), 0..40),
    )
        .prop_map(|(people, engagements, assignments, pricing)| Gen {
            people,
            engagements,
            assignments,
            pricing,
        })
}

fn build(g: &Gen) -> Workspace {
    let mut w = Workspace::default();
    for (i, &capacity) in g.people.iter().enumerate() {
        let _ = w.apply(Action::AddPerson {
            name: format!("Person {i}"),
            side: Side::Provider,
            group: StakeholderGroup::Performer,
            capacity: Hours(capacity),
        });
    }
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    for (i, &[t, c, k]) in g.engagements.iter().enumerate() {
        let template = choose(&[Template::ContractedVendor, Template::InHouseProject], t);
        let _ = w.apply(Action::CreateEngagement {
            name: format!("E{i}"),
            template,
        });
        let e = w.engagements.last().unwrap().id;
        set_client(&mut w, e, choose(&["", "Acme", "Birch"], c));
        let code = choose(&["EUR", "USD", "JPY"], k).to_string();
        let _ = w.apply(Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Currency(code),
        });
        let _ = w.apply(Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Pm(Some(people[k as usize % people.len()])),
        });
    }
    for &[e, p, f, r, h] in &g.assignments {
        let e = &w.engagements[e as usize % w.engagements.len()];
        let function = e.functions[f as usize % e.functions.len()].id;
        let action = if r % 7 == 0 {
            Action::SetPmAcceptance {
                engagement: e.id,
                function,
                accepted: true,
            }
        } else {
            Action::Assign {
                engagement: e.id,
                person: people[p as usize % people.len()],
                function,
                role: choose(
                    &[
                        Raci::Responsible,
                        Raci::Accountable,
                        Raci::Consulted,
                        Raci::Informed,
                    ],
                    r,
                ),
                hours: Hours(h % 2_500),
            }
        };
        let _ = w.apply(action);
    }
    for &(op, [e, a, b, c, d, x]) in &g.pricing {
        let e = w.engagements[e as usize % w.engagements.len()].id;
        let action = pricing_action(&w, e, op, [a, b, c, d, x]);
        let _ = w.apply(Action::Pricing {
            engagement: e,
            action,
        });
    }
    w
}

/// The totals of `rows` summed here, field by field, one currency at a time.
fn summed(p: &Portfolio, rows: &[usize]) -> Totals {
    let mut t = Totals::default();
    for &i in rows {
        let r = &p.rows[i];
        t.engagements += 1;
        t.weekly_hours += r.weekly_hours;
        if let Some(f) = r.deal.figures() {
            let m = t.money.entry(r.currency.clone()).or_default();
            m.deals += 1;
            m.price += i128::from(f.price.0);
            m.cost += i128::from(f.cost.0);
            m.margin += i128::from(f.margin.0);
            t.deal_hours += u64::from(f.hours.0);
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn totals_are_the_sums_of_their_engagements(g in gen()) {
        let w = build(&g);
        let p = portfolio(&w);
        prop_assert_eq!(p.rows.len(), w.engagements.len());
        let all: Vec<usize> = (0..p.rows.len()).collect();
        prop_assert_eq!(&p.totals, &summed(&p, &all));
        // Every engagement is in exactly one account, and the accounts add up to the whole.
        let mut seen = vec![0; p.rows.len()];
        let mut by_accounts: BTreeMap<String, (i128, i128, i128)> = BTreeMap::new();
        for a in &p.accounts {
            prop_assert_eq!(&a.totals, &summed(&p, &a.rows));
            for &i in &a.rows {
                seen[i] += 1;
                let expected = if p.rows[i].account.is_empty() { NO_ACCOUNT } else { p.rows[i].account.as_str() };
                prop_assert_eq!(a.name.as_str(), expected);
            }
            for (code, m) in &a.totals.money {
                let s = by_accounts.entry(code.clone()).or_default();
                s.0 += m.price;
                s.1 += m.cost;
                s.2 += m.margin;
            }
        }
        prop_assert!(seen.iter().all(|&n| n == 1));
        prop_assert_eq!(p.accounts.iter().filter(|a| a.unrecorded).count() <= 1, true);
        if let Some(pos) = p.accounts.iter().position(|a| a.unrecorded) {
            prop_assert_eq!(pos, p.accounts.len() - 1, "no account recorded comes last");
        }
        for (code, m) in &p.totals.money {
            prop_assert_eq!(by_accounts[code], (m.price, m.cost, m.margin));
            prop_assert_eq!(m.price, m.cost + m.margin, "price = cost + margin, exactly");
        }
        for (e, r) in w.engagements.iter().zip(&p.rows) {
            prop_assert_eq!(r.engagement, e.id);
            prop_assert_eq!(r.weekly_hours, e.weekly_hours().map(|(_, h)| u64::from(h.0)).sum::<u64>());
        }
        // The totals of the rows shown after a filter are those rows' sums.
        let filters = Filters::from([(Column::Account, "a".to_string())]);
        let shown = visible(&p, Sort::default(), &filters);
        prop_assert_eq!(totals_of(&p, &shown), summed(&p, &shown));
    }

    #[test]
    fn a_person_s_load_is_the_sum_of_their_assignments(g in gen()) {
        let w = build(&g);
        let p = portfolio(&w);
        let load = w.workload();
        for person in &w.people {
            let expected = u64::from(load[&person.id].0);
            let row = p.heatmap.people.iter().find(|r| r.person == person.id);
            let committed = w.engagements.iter().any(|e| e.weekly_hours().any(|(q, _)| q == person.id));
            prop_assert_eq!(row.is_some(), committed, "only people with assignments are on the heatmap");
            if let Some(row) = row {
                prop_assert_eq!(row.total, expected);
                prop_assert_eq!(row.cells.iter().sum::<u64>(), row.total);
                prop_assert_eq!(row.cells.len(), w.engagements.len());
                for (e, &cell) in w.engagements.iter().zip(&row.cells) {
                    let mine: u64 = e.weekly_hours().filter(|&(q, _)| q == person.id).map(|(_, h)| u64::from(h.0)).sum();
                    prop_assert_eq!(cell, mine);
                }
                prop_assert_eq!(row.over().is_some(), expected > u64::from(person.capacity.0));
                // Over capacity shows on every row of an engagement they work in.
                for (e, r) in w.engagements.iter().zip(&p.rows) {
                    let in_it = e.weekly_hours().any(|(q, _)| q == person.id);
                    let listed = r.over_capacity.iter().any(|o| o.person == person.id);
                    prop_assert_eq!(listed, in_it && row.over().is_some());
                }
            }
        }
        // The most loaded against capacity first, so everyone over it is on top.
        for pair in p.heatmap.people.windows(2) {
            prop_assert!(pair[0].load_cmp(&pair[1]) != std::cmp::Ordering::Less);
            prop_assert!(pair[0].over().is_some() || pair[1].over().is_none());
        }
    }

    #[test]
    fn every_sort_is_a_stable_permutation(g in gen(), c in 0..Column::ALL.len(), desc in any::<bool>()) {
        let w = build(&g);
        let p = portfolio(&w);
        let column = Column::ALL[c];
        let direction = if desc { Direction::Descending } else { Direction::Ascending };
        let shown = visible(&p, Sort { column, direction }, &Filters::new());
        let mut sorted = shown.clone();
        sorted.sort();
        prop_assert_eq!(sorted, (0..p.rows.len()).collect::<Vec<_>>());
        // Rows that read the same keep the portfolio's order, either way.
        for pair in shown.windows(2) {
            let (a, b) = (&p.rows[pair[0]], &p.rows[pair[1]]);
            if cell_text(a, column) == cell_text(b, column) && column != Column::Price && column != Column::Margin {
                prop_assert!(pair[0] < pair[1]);
            }
        }
        let csv = dashboard_csv(&p, &shown);
        prop_assert_eq!(csv.matches("\r\n").count(), shown.len() + 1);
    }
}

#[test]
fn departures_count_those_nobody_accepted() {
    use engagement_planner::model::standard::departures;
    let plan = portfolio_plan();
    let w = &plan.workspace;
    let p = portfolio(w);
    for e in &w.engagements {
        let open = departures(w, e)
            .iter()
            .filter(|d| d.accepted.is_none())
            .count();
        let r = row(&p, e.id);
        assert_eq!(r.departures, open);
        let words = cell_text(r, Column::Departures);
        assert_eq!(words == NO_DEPARTURE, open == 0, "{words}");
    }
    assert!(
        row(&p, plan.loyalty).departures > 0,
        "the loyalty app has no quality management function"
    );
}
