//! Host tests of the views' pure helpers (`src/view/`) and of the address of a view
//! (`src/route.rs`): what a view shows and what a gesture means, without a browser.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::assessment::{Assessment, Check, Finding, Severity, Subject, View};
use engagement_planner::model::*;
use engagement_planner::route::{view_slug, Route};
use engagement_planner::view::board::{
    cell_announcement, cell_name, cell_selector, grip_selector, pick_up_announcement, resolve,
    role_from_slug, role_slug, start_slot, Outcome, Pending, Slot, Target,
};
use engagement_planner::view::health::{applies, check_result, count_words, fix_label};
use engagement_planner::view::keys::{has_own_undo, shortcut, Shortcut};
use engagement_planner::view::needs::{
    delivery_due_words, mismatched_aspects, status_badge, status_words,
};
use engagement_planner::view::pricing_chart::{bar, describe, segments, Rect, BAR_WIDTH};
use plans::*;

// ---------------------------------------------------------------------------------
// Keyboard shortcuts

#[test]
fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo() {
    assert_eq!(shortcut("z", true, false), Some(Shortcut::Undo));
    assert_eq!(shortcut("Z", true, true), Some(Shortcut::Redo));
    assert_eq!(shortcut("z", true, true), Some(Shortcut::Redo));
    assert_eq!(shortcut("y", true, false), Some(Shortcut::Redo));
    assert_eq!(shortcut("Y", true, true), Some(Shortcut::Redo));
}

#[test]
fn shortcuts_need_ctrl_or_cmd_and_their_letter() {
    assert_eq!(shortcut("z", false, false), None);
    assert_eq!(shortcut("y", false, false), None);
    assert_eq!(shortcut("x", true, false), None);
    assert_eq!(shortcut("Enter", true, false), None);
}

#[test]
fn text_fields_keep_their_own_undo() {
    assert!(has_own_undo("INPUT", None, false, false));
    assert!(has_own_undo("input", Some("text"), false, false));
    assert!(has_own_undo("INPUT", Some("search"), false, false));
    assert!(has_own_undo("INPUT", Some("number"), false, false));
    assert!(has_own_undo("INPUT", Some("Email"), false, false));
    // An unknown type is a text field to the browser.
    assert!(has_own_undo("INPUT", Some("something-new"), false, false));
    assert!(has_own_undo("TEXTAREA", None, false, false));
    assert!(has_own_undo("DIV", None, false, true));
}

#[test]
fn controls_without_typed_text_leave_undo_to_the_app() {
    for kind in [
        "checkbox", "radio", "button", "submit", "file", "range", "color",
    ] {
        assert!(!has_own_undo("INPUT", Some(kind), false, false), "{kind}");
    }
    assert!(!has_own_undo("SELECT", None, false, false));
    assert!(!has_own_undo("BUTTON", None, false, false));
    assert!(!has_own_undo("TD", None, false, false));
    assert!(!has_own_undo("BODY", None, false, false));
}

#[test]
fn a_read_only_field_leaves_undo_to_the_app() {
    assert!(!has_own_undo("INPUT", Some("text"), true, false));
    assert!(!has_own_undo("TEXTAREA", None, true, false));
}

// ---------------------------------------------------------------------------------
// The address of a view

#[test]
fn an_address_names_a_view_and_an_engagement() {
    assert_eq!(
        Route::parse("#/roles/12"),
        Route {
            view: View::Roles,
            engagement: Some(EngagementId(12)),
        }
    );
    assert_eq!(
        Route::parse("#/pricing"),
        Route {
            view: View::Pricing,
            engagement: None,
        }
    );
}

#[test]
fn an_unknown_or_empty_address_is_the_overview() {
    for hash in ["", "#", "#/", "#/nowhere/3"] {
        assert_eq!(Route::parse(hash).view, View::Overview, "{hash:?}");
    }
    assert_eq!(Route::parse("#/health/abc").engagement, None);
    assert_eq!(Route::parse("#/health/-1").engagement, None);
}

#[test]
fn every_view_and_engagement_survives_the_address() {
    let mut slugs: Vec<&str> = View::ALL.iter().map(|v| view_slug(*v)).collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(
        slugs.len(),
        View::ALL.len(),
        "each view has its own address"
    );
    for view in View::ALL {
        for engagement in [None, Some(EngagementId(0)), Some(EngagementId(4_000_000))] {
            let route = Route { view, engagement };
            // The Portfolio is the workspace's: its address names no engagement.
            let expected = Route {
                view,
                engagement: engagement.filter(|_| view != View::Portfolio),
            };
            assert_eq!(Route::parse(&route.to_hash()), expected);
        }
    }
    assert_eq!(
        Route {
            view: View::Governance,
            engagement: Some(EngagementId(7)),
        }
        .to_hash(),
        "#/governance/7"
    );
    assert_eq!(
        Route {
            view: View::People,
            engagement: None,
        }
        .to_hash(),
        "#/people"
    );
}

// ---------------------------------------------------------------------------------
// The Roles board: what a drop means

/// Hours a new assignment starts with in these tests: distinct per role, so a test
/// sees which role's default was used.
fn hours(role: Raci) -> Hours {
    match role {
        Raci::Responsible => Hours::from_whole(4),
        Raci::Accountable => Hours::from_whole(3),
        Raci::Consulted => Hours::from_whole(1),
        Raci::Informed => Hours(0),
    }
}

fn slot(function: FunctionId, role: Raci) -> Slot {
    Slot { function, role }
}

fn drop_on(p: &Relaunch, person: PersonId, from: Option<Slot>, to: Target) -> Outcome {
    let e = p.workspace.engagement(p.engagement).unwrap();
    resolve(&p.workspace, e, person, from, to, hours)
}

#[test]
fn a_card_dropped_on_a_cell_assigns_with_that_roles_default_hours() {
    let p = relaunch();
    let delivery = function(&p.workspace, p.engagement, FunctionKind::Delivery);
    let outcome = drop_on(
        &p,
        p.sam,
        None,
        Target::Cell(slot(delivery, Raci::Consulted)),
    );
    assert_eq!(
        outcome,
        Outcome::Do(
            Action::Assign {
                engagement: p.engagement,
                person: p.sam,
                function: delivery,
                role: Raci::Consulted,
                hours: Hours::from_whole(1),
            },
            "Assigned Sam to Delivery: Consulted, 1 h a week.".into()
        )
    );
}

#[test]
fn a_chip_dropped_on_another_cell_moves_the_assignment() {
    let mut p = relaunch();
    let delivery = function(&p.workspace, p.engagement, FunctionKind::Delivery);
    let legal = function(&p.workspace, p.engagement, FunctionKind::Legal);
    assign(
        &mut p.workspace,
        p.engagement,
        p.sam,
        delivery,
        Raci::Responsible,
        2,
    );
    let from = slot(delivery, Raci::Responsible);
    let outcome = drop_on(
        &p,
        p.sam,
        Some(from),
        Target::Cell(slot(legal, Raci::Informed)),
    );
    assert_eq!(
        outcome,
        Outcome::Do(
            Action::MoveAssignment {
                engagement: p.engagement,
                person: p.sam,
                from: (delivery, Raci::Responsible),
                to: (legal, Raci::Informed),
            },
            "Moved Sam from Delivery: Responsible to Legal: Informed.".into()
        )
    );
}

#[test]
fn a_chip_dropped_on_the_people_panel_unassigns_and_a_card_changes_nothing() {
    let mut p = relaunch();
    let delivery = function(&p.workspace, p.engagement, FunctionKind::Delivery);
    assign(
        &mut p.workspace,
        p.engagement,
        p.sam,
        delivery,
        Raci::Responsible,
        2,
    );
    let from = slot(delivery, Raci::Responsible);
    assert_eq!(
        drop_on(&p, p.sam, Some(from), Target::People),
        Outcome::Do(
            Action::Unassign {
                engagement: p.engagement,
                person: p.sam,
                function: delivery,
                role: Raci::Responsible,
            },
            "Unassigned Sam from Delivery: Responsible.".into()
        )
    );
    assert_eq!(
        drop_on(&p, p.sam, None, Target::People),
        Outcome::Nothing("Sam is back on the People panel: nothing changed.".into())
    );
}

#[test]
fn a_drop_where_the_person_already_is_changes_nothing_and_says_so() {
    let mut p = relaunch();
    let delivery = function(&p.workspace, p.engagement, FunctionKind::Delivery);
    assign(
        &mut p.workspace,
        p.engagement,
        p.sam,
        delivery,
        Raci::Responsible,
        2,
    );
    let here = slot(delivery, Raci::Responsible);
    assert_eq!(
        drop_on(&p, p.sam, Some(here), Target::Cell(here)),
        Outcome::Nothing("Sam is back on Delivery: Responsible: nothing changed.".into())
    );
    assert_eq!(
        drop_on(&p, p.sam, None, Target::Cell(here)),
        Outcome::Nothing("Sam is already on Delivery: Responsible: nothing changed.".into())
    );
    assert_eq!(
        drop_on(
            &p,
            p.sam,
            None,
            Target::Cell(slot(FunctionId(9999), Raci::Informed))
        ),
        Outcome::Nothing("That function no longer exists: nothing changed.".into())
    );
}

#[test]
fn a_drop_on_an_accountable_cell_someone_else_holds_asks_first() {
    let mut p = relaunch();
    let legal = function(&p.workspace, p.engagement, FunctionKind::Legal);
    assign(
        &mut p.workspace,
        p.engagement,
        p.dana,
        legal,
        Raci::Accountable,
        2,
    );
    let cell = Target::Cell(slot(legal, Raci::Accountable));
    assert_eq!(
        drop_on(&p, p.ari, None, cell),
        Outcome::Ask(Pending {
            person: p.ari,
            from: None,
            function: legal,
            person_name: "Ari".into(),
            holder_name: "Dana".into(),
            function_name: "Legal".into(),
        })
    );
    // The holder's own drop there is not a replacement.
    assert!(matches!(
        drop_on(&p, p.dana, None, cell),
        Outcome::Nothing(_)
    ));
    // A free Accountable cell is simply assigned, with the Accountable default.
    let finance = function(&p.workspace, p.engagement, FunctionKind::Procurement);
    match drop_on(
        &p,
        p.ari,
        None,
        Target::Cell(slot(finance, Raci::Accountable)),
    ) {
        Outcome::Do(Action::Assign { hours: h, .. }, _) => assert_eq!(h, Hours::from_whole(3)),
        other => panic!("expected an assignment, got {other:?}"),
    }
}

#[test]
fn a_keyboard_pick_up_starts_on_the_chips_cell_or_the_first_responsible_cell() {
    let mut p = relaunch();
    let e = p.workspace.engagement(p.engagement).unwrap().clone();
    let first = e.functions[0].id;
    let legal = function(&p.workspace, p.engagement, FunctionKind::Legal);
    assert_eq!(start_slot(&e, None), Some(slot(first, Raci::Responsible)));
    let chip = slot(legal, Raci::Informed);
    assert_eq!(start_slot(&e, Some(chip)), Some(chip));
    let said = pick_up_announcement(&p.workspace, Some(&e), p.sam, Some(chip));
    assert_eq!(
        said,
        "Picked up Sam. Arrow keys choose a cell, Space or Enter drops, Escape cancels. Legal: Informed."
    );
    let bare = engagement(&mut p.workspace, "Bare", Template::InHouseProject);
    for f in p.workspace.engagement(bare).unwrap().functions.clone() {
        apply(
            &mut p.workspace,
            Action::RemoveFunction {
                engagement: bare,
                function: f.id,
            },
        );
    }
    assert_eq!(
        start_slot(p.workspace.engagement(bare).unwrap(), None),
        None
    );
}

#[test]
fn moving_onto_a_held_accountable_cell_says_who_holds_it() {
    let mut p = relaunch();
    let legal = function(&p.workspace, p.engagement, FunctionKind::Legal);
    assign(
        &mut p.workspace,
        p.engagement,
        p.dana,
        legal,
        Raci::Accountable,
        2,
    );
    let e = p.workspace.engagement(p.engagement).unwrap();
    let cell = slot(legal, Raci::Accountable);
    assert_eq!(
        cell_announcement(&p.workspace, e, cell, p.ari),
        "Legal: Accountable. Held by Dana: dropping here asks to replace."
    );
    assert_eq!(
        cell_announcement(&p.workspace, e, cell, p.dana),
        "Legal: Accountable."
    );
    assert_eq!(
        cell_announcement(&p.workspace, e, slot(legal, Raci::Consulted), p.ari),
        "Legal: Consulted."
    );
    assert_eq!(cell_name(e, cell), "Legal: Accountable");
}

#[test]
fn cells_and_grips_are_found_by_their_data_attributes() {
    for role in Raci::ALL {
        assert_eq!(role_from_slug(role_slug(role)), Some(role));
    }
    assert_eq!(role_from_slug("boss"), None);
    let cell = slot(FunctionId(5), Raci::Accountable);
    assert_eq!(
        cell_selector(cell),
        "td.raci-cell[data-function=\"5\"][data-role=\"accountable\"]"
    );
    assert_eq!(
        grip_selector(PersonId(3), Some(cell)),
        "[data-chip=\"5-accountable-3\"] .grip"
    );
    assert_eq!(grip_selector(PersonId(3), None), "[data-card=\"3\"] .grip");
}

// ---------------------------------------------------------------------------------
// The price chart

fn figures(labour: i64, expenses: i64, contingency: i64, discount: i64, margin: i64) -> Figures {
    Figures {
        labour_cost: Money(labour),
        expense_cost: Money(expenses),
        cost_contingency: Money(contingency),
        discount: Money(discount),
        gross_margin: Money(margin),
        list_price: Money(labour + expenses + contingency + discount + margin),
        ..Figures::default()
    }
}

#[test]
fn the_chart_splits_the_list_price_into_cost_contingency_discount_and_margin() {
    let t = figures(50_000, 10_000, 6_000, 4_000, 30_000);
    let parts: Vec<(&str, Money)> = segments(&t).iter().map(|s| (s.label, s.amount)).collect();
    assert_eq!(
        parts,
        [
            ("Cost", Money(60_000)),
            ("Contingency", Money(6_000)),
            ("Discount", Money(4_000)),
            ("Margin", Money(30_000)),
        ]
    );
    let sum: i64 = parts.iter().map(|(_, m)| m.0).sum();
    assert_eq!(Money(sum), t.list_price);
}

#[test]
fn the_bar_gives_each_part_its_share_of_the_width_in_whole_units() {
    let t = figures(50_000, 10_000, 6_000, 4_000, 30_000);
    assert_eq!(
        bar(&segments(&t)),
        [
            Rect {
                class: "seg-cost",
                x: 0,
                width: 360
            },
            Rect {
                class: "seg-contingency",
                x: 360,
                width: 36
            },
            Rect {
                class: "seg-discount",
                x: 396,
                width: 24
            },
            Rect {
                class: "seg-margin",
                x: 420,
                width: 180
            },
        ]
    );
    // A sliver is still drawn, one unit wide, and the next part starts where it would.
    let t = figures(1_000_000, 0, 1, 0, 0);
    let rects = bar(&segments(&t));
    assert_eq!(
        rects[0],
        Rect {
            class: "seg-cost",
            x: 0,
            width: 599
        }
    );
    assert_eq!(
        rects[1],
        Rect {
            class: "seg-contingency",
            x: 599,
            width: 1
        }
    );
    assert!(rects.iter().all(|r| r.x + r.width <= BAR_WIDTH));
    // Nothing to draw: no rectangles (the view draws an empty bar).
    assert!(bar(&segments(&Figures::default())).is_empty());
}

#[test]
fn a_loss_leaves_the_margin_out_of_the_bar_and_is_stated() {
    let eur = currency("EUR");
    let t = figures(80_000, 0, 0, 0, -20_000);
    let margin = segments(&t)
        .into_iter()
        .find(|s| s.label == "Margin")
        .unwrap();
    assert_eq!(margin.amount, Money(0));
    assert_eq!(bar(&segments(&t)).len(), 1);
    let text = describe(&t, &eur);
    assert!(
        text.ends_with(&format!(
            "The price does not cover the cost: a loss of {}.",
            format_money(Money(20_000), &eur)
        )),
        "{text}"
    );
    let text = describe(&figures(60_000, 0, 0, 0, 40_000), &eur);
    assert_eq!(
        text,
        format!(
            "Of a list price of {}: cost {}, contingency {}, discount {}, margin {}.",
            format_money(Money(100_000), &eur),
            format_money(Money(60_000), &eur),
            format_money(Money(0), &eur),
            format_money(Money(0), &eur),
            format_money(Money(40_000), &eur),
        )
    );
}

// ---------------------------------------------------------------------------------
// Expectations: a need's status in words

/// A need with its coverage of each aspect, in an engagement at `stage`, and its words.
fn words(
    stage: Stage,
    coverage: [Coverage; 4],
) -> (String, (&'static str, &'static str), Vec<NeedAspect>) {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Portal", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Stage(stage));
    let n = need_covered(&mut w, e, "Reports", coverage);
    let need = w.engagement(e).unwrap().need(n).unwrap().clone();
    let status = need.status(stage);
    (
        status_words(&need, &status),
        status_badge(&status),
        mismatched_aspects(&status),
    )
}

#[test]
fn status_words_name_what_disagrees() {
    use Coverage::*;
    assert_eq!(
        words(Stage::Sales, [Fully, Partly, Partly, Unknown]).0,
        "Mismatch: Promised fully but bought and needed only partly"
    );
    // While performing, delivering less is work in progress, not part of a mismatch.
    assert_eq!(
        words(Stage::Performance, [Fully, Partly, Fully, No]).0,
        "Mismatch: Promised and needed fully but bought only partly"
    );
    assert_eq!(
        words(Stage::Performance, [Fully, Fully, Fully, Partly]).0,
        "In progress: delivered only partly so far"
    );
    assert_eq!(
        words(Stage::RelationshipManagement, [Fully, Fully, Fully, No]).0,
        "In progress: not delivered yet"
    );
    // In support, or once marked complete, it is a mismatch.
    assert_eq!(
        words(Stage::Support, [Fully, Fully, Fully, No]).0,
        "Mismatch: Promised, bought and needed fully but not delivered"
    );
    let mut need = ClientNeed {
        id: NeedId(1),
        title: "Reports".into(),
        promised: Fully,
        bought: Partly,
        needed: Fully,
        delivered: Partly,
        note: String::new(),
        complete: true,
    };
    assert_eq!(
        status_words(&need, &need.status(Stage::Performance)),
        "Mismatch: Promised and needed fully but bought and delivered only partly"
    );
    assert_eq!(
        delivery_due_words(&need, &need.status(Stage::Performance), Stage::Performance),
        Some("Marked complete, so what is delivered must match.")
    );
    need.complete = false;
    assert_eq!(
        delivery_due_words(&need, &need.status(Stage::Support), Stage::Support),
        Some("The engagement is in support: delivery is over.")
    );
    assert_eq!(
        delivery_due_words(&need, &need.status(Stage::Performance), Stage::Performance),
        None
    );
    assert_eq!(
        words(Stage::Sales, [Fully, Partly, Unknown, Unknown]).0,
        "Mismatch: Promised fully but bought only partly"
    );
    assert_eq!(
        words(Stage::Sales, [Fully, No, Fully, Fully]).0,
        "Mismatch: Promised and needed fully but not bought"
    );
    assert_eq!(
        words(Stage::Performance, [Fully, Unknown, Fully, Unknown]).0,
        "Incomplete: bought, delivered unknown"
    );
    assert_eq!(
        words(Stage::Sales, [Fully, Fully, Fully, Unknown]).0,
        "Awaiting delivery"
    );
    assert_eq!(
        words(Stage::Support, [Fully, Fully, Fully, Fully]).0,
        "Consistent"
    );
}

#[test]
fn a_needs_badge_and_highlighted_cells_follow_its_status() {
    use Coverage::*;
    let (_, badge, cells) = words(Stage::Sales, [Fully, Partly, Partly, Unknown]);
    assert_eq!(badge, ("✗ Mismatch", "badge-danger"));
    assert_eq!(
        cells,
        [NeedAspect::Promised, NeedAspect::Bought, NeedAspect::Needed]
    );
    let (_, badge, cells) = words(Stage::Support, [Fully, Fully, Fully, Fully]);
    assert_eq!(badge, ("✓ OK", "badge-ok"));
    assert!(cells.is_empty());
    let (_, badge, _) = words(Stage::Performance, [Fully, Unknown, Fully, Unknown]);
    assert_eq!(badge, ("? Unknown", "badge-warn"));
}

// ---------------------------------------------------------------------------------
// Health: the names of fix links and each check's result

fn finding(check: Check, severity: Severity, message: &str) -> Finding {
    Finding {
        severity,
        check,
        subject: Subject::Function(FunctionId(1)),
        message: message.into(),
        fix: String::new(),
        departure: None,
    }
}

#[test]
fn a_fix_link_is_named_by_its_finding_up_to_the_first_clause() {
    let label =
        |message: &str| fix_label(&finding(Check::OneAccountable, Severity::Critical, message));
    assert_eq!(
        label("Legal has 2 accountable owners (Ann, Bo and Cy); a function has exactly one."),
        "Fix in Roles: Legal has 2 accountable owners (Ann, Bo and Cy); a function has exactly one"
    );
    assert_eq!(
        label("\u{201c}Usage reports, EU and US\u{201d} has no owner."),
        "Fix in Roles: \u{201c}Usage reports, EU and US\u{201d} has no owner"
    );
    assert_eq!(
        label("No PM is named, so the 2 functions fall to nobody. More."),
        "Fix in Roles: No PM is named"
    );
}

#[test]
fn finding_counts_are_in_words() {
    assert_eq!(count_words(2, Severity::Critical), "2 critical");
    assert_eq!(count_words(1, Severity::Warning), "1 warning");
    assert_eq!(count_words(3, Severity::Warning), "3 warnings");
    assert_eq!(count_words(1, Severity::Advice), "1 advice");
}

#[test]
fn a_checks_result_is_its_worst_finding_or_not_applicable() {
    let a = Assessment {
        findings: vec![
            finding(Check::OneAccountable, Severity::Critical, "One."),
            finding(Check::OneAccountable, Severity::Advice, "Two."),
            finding(Check::Reporting, Severity::Warning, "Three."),
            finding(Check::Overload, Severity::Advice, "Four."),
        ],
    };
    let inhouse = Relationship::InHouse;
    assert_eq!(
        check_result(Check::OneAccountable, inhouse, &a),
        ("✗ Failed: 2 findings".to_string(), "badge-danger")
    );
    assert_eq!(
        check_result(Check::Reporting, inhouse, &a),
        ("! Failed: 1 finding".to_string(), "badge-warn")
    );
    assert_eq!(
        check_result(Check::Overload, inhouse, &a),
        ("✓ Passed, 1 advice".to_string(), "badge-ok")
    );
    assert_eq!(
        check_result(Check::DecisionMethods, inhouse, &a),
        ("✓ Passed".to_string(), "badge-ok")
    );
    assert!(!applies(Check::ContractedFormality, inhouse));
    assert!(applies(
        Check::ContractedFormality,
        Relationship::Contracted
    ));
    assert!(!applies(
        Check::InHouseDocumentation,
        Relationship::Contracted
    ));
    let (text, class) = check_result(Check::ContractedFormality, inhouse, &a);
    assert!(text.starts_with("– Not applicable ("), "{text}");
    assert_eq!(class, "badge");
}

// ===== paging of long lists =====================================================================

mod paging {
    use engagement_planner::view::paging::{Page, PAGE_SIZE};

    #[test]
    fn a_page_holds_its_rows_and_a_page_past_the_end_shows_the_last() {
        let p = Page::of(500, 25, 1);
        assert_eq!((p.index, p.count, p.start, p.end), (1, 20, 25, 50));
        assert_eq!(p.words("people"), "26\u{2013}50 of 500 people");
        assert_eq!(p.page_label(1), "Page 2 of 20");
        assert!(p.is_split());
        let last = Page::of(51, 25, 99);
        assert_eq!((last.index, last.start, last.end), (2, 50, 51));
        let empty = Page::of(0, 25, 3);
        assert_eq!(
            (empty.index, empty.count, empty.start, empty.end),
            (0, 1, 0, 0)
        );
        assert!(!empty.is_split());
        assert_eq!(empty.words("people"), "No people");
        assert!(!Page::of(PAGE_SIZE, PAGE_SIZE, 0).is_split());
        assert!(Page::of(PAGE_SIZE + 1, PAGE_SIZE, 0).is_split());
    }

    #[test]
    fn the_page_holding_a_row_shows_it() {
        for total in 1..120 {
            for row in 0..total {
                let p = Page::holding(total, 25, row);
                assert!(
                    p.start <= row && row < p.end,
                    "{total} rows, row {row}: {p:?}"
                );
            }
        }
        assert_eq!(Page::holding(10, 25, 40).index, 0);
    }

    #[test]
    fn pages_cover_every_row_once() {
        for total in 0..130 {
            for size in [1, 7, 25] {
                let count = Page::of(total, size, 0).count;
                let mut next = 0;
                for i in 0..count {
                    let p = Page::of(total, size, i);
                    assert_eq!(p.start, next, "{total} rows by {size}: page {i}");
                    assert!(p.end > p.start || total == 0);
                    assert!(p.end - p.start <= size);
                    next = p.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn the_pager_offers_first_last_and_nearby_pages_in_order() {
        for count in 1..40usize {
            for index in 0..count {
                let p = Page::of(count * 10, 10, index);
                let nearby = p.nearby();
                let shown: Vec<usize> = nearby.iter().flatten().copied().collect();
                assert!(nearby.len() <= 9, "{count} pages at {index}: {nearby:?}");
                assert!(
                    shown.contains(&index) && shown.contains(&0) && shown.contains(&(count - 1))
                );
                assert!(shown.windows(2).all(|w| w[0] < w[1]), "{nearby:?}");
                // A gap stands for at least one page, and never two gaps side by side.
                for (i, entry) in nearby.iter().enumerate() {
                    if entry.is_none() {
                        let before = nearby[i - 1].unwrap();
                        let after = nearby[i + 1].unwrap();
                        assert!(after > before + 1, "{nearby:?}");
                    }
                }
                if count <= 9 {
                    assert_eq!(shown, (0..count).collect::<Vec<_>>());
                } else {
                    // The pages either side of the current one are offered.
                    for near in [index.saturating_sub(1), (index + 1).min(count - 1)] {
                        assert!(
                            shown.contains(&near),
                            "{count} pages at {index}: {nearby:?}"
                        );
                    }
                }
            }
        }
    }
}
