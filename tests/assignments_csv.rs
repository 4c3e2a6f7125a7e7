//! Host tests of the assignments export (`src/model/assignments_csv.rs`): its header,
//! one row per role and per function the PM accepted, hours as plain decimals, RFC 4180
//! quoting and neutralised formulas, the whole workspace, and an empty engagement.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::assignments_csv::*;
use engagement_planner::model::*;
use plans::*;

const HEADER: &str = "Engagement,Function,Role,Person,Hours per week\r\n";

fn csv_of(w: &Workspace, e: EngagementId) -> String {
    assignments_csv(w, [w.engagement(e).unwrap()])
}

#[test]
fn one_row_per_role_with_its_hours_and_the_pm_default_in_words() {
    let ws = workshop();
    let (w, e) = (&ws.workspace, ws.engagement);
    let text = csv_of(w, e);
    assert!(text.starts_with(HEADER), "{text}");
    assert!(text.ends_with("\r\n"));
    let rows: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    let en = w.engagement(e).unwrap();
    assert_eq!(
        rows.len(),
        1 + en.assignments.len() + en.pm_accepted.len(),
        "{text}"
    );
    for row in [
        "Website relaunch,Sales and marketing,Accountable,Ari Costa,6",
        "Website relaunch,Sales and marketing,Consulted,Ana Lima,0",
        "Website relaunch,Delivery,Responsible,Sam Ortiz,12",
        "Website relaunch,Delivery,Informed,Chris Moreau,0",
        "Website relaunch,Administration and finance,\"PM, accepted by default\",Dana Whitfield,4",
    ] {
        assert!(rows.contains(&row), "no row {row:?} in\n{text}");
    }
    // Functions in the engagement's order: sales before delivery before finance.
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(
        at("Sales and marketing") < at(",Delivery,") && at(",Delivery,") < at("Administration")
    );
    // Legal has nobody: no row.
    assert!(!text.contains(",Legal,"), "{text}");
}

#[test]
fn hours_are_plain_decimals() {
    let mut w = Workspace::default();
    let p = person(&mut w, "Pat Half", StakeholderGroup::Performer, 40);
    let e = engagement(&mut w, "Hours", Template::InHouseProject);
    let f = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, p, f, Raci::Responsible, 1);
    let en = w.engagement(e).unwrap();
    let a = en.assignments[0].clone();
    apply(
        &mut w,
        Action::SetAssignmentHours {
            engagement: e,
            person: a.person,
            function: a.function,
            role: a.role,
            hours: Hours(1_250),
        },
    );
    assert!(
        csv_of(&w, e).contains(",Responsible,Pat Half,12.5\r\n"),
        "{}",
        csv_of(&w, e)
    );
}

#[test]
fn commas_quotes_and_line_breaks_are_quoted_and_formulas_neutralised() {
    let mut w = Workspace::default();
    let p = person(
        &mut w,
        "=cmd|' /C calc'!A0",
        StakeholderGroup::Performer,
        40,
    );
    let q = person(
        &mut w,
        "Lee \"Quotes\" Park",
        StakeholderGroup::Performer,
        40,
    );
    let e = engagement(&mut w, "Rollout, phase 2", Template::InHouseProject);
    apply(
        &mut w,
        Action::AddFunction {
            engagement: e,
            name: "+Ops".into(),
        },
    );
    let ops = w.engagement(e).unwrap().functions.last().unwrap().id;
    assign(&mut w, e, p, ops, Raci::Responsible, 2);
    assign(&mut w, e, q, ops, Raci::Consulted, 0);
    let text = csv_of(&w, e);
    assert!(
        text.contains("\"Rollout, phase 2\",'+Ops,Responsible,'=cmd|' /C calc'!A0,2\r\n"),
        "{text}"
    );
    assert!(
        text.contains("\"Rollout, phase 2\",'+Ops,Consulted,\"Lee \"\"Quotes\"\" Park\",0\r\n"),
        "{text}"
    );
    assert!(!text.contains(",=cmd"), "no cell starts with a formula");
}

#[test]
fn a_name_with_a_line_break_stays_in_one_quoted_field() {
    // Names cannot hold line breaks (the model refuses them), but an engagement name is
    // written by the same text field as the pricing export, which quotes one.
    let text = engagement_planner::model::pricing_io::text_field("two\nlines");
    assert_eq!(text, "\"two\nlines\"");
}

#[test]
fn an_engagement_with_nobody_assigned_is_the_header_alone() {
    let mut w = Workspace::default();
    let e = engagement(&mut w, "Empty", Template::InHouseProject);
    assert_eq!(csv_of(&w, e), HEADER);
    assert_eq!(assignments_csv(&w, []), HEADER);
}

#[test]
fn the_workspace_export_has_every_engagement_in_order() {
    let ws = workshop();
    let w = &ws.workspace;
    let all = assignments_csv(w, &w.engagements);
    let mut expected = HEADER.to_string();
    for e in &w.engagements {
        expected.push_str(csv_of(w, e.id).strip_prefix(HEADER).unwrap());
    }
    assert_eq!(all, expected);
    assert!(w.engagements.len() > 1);
    let other = &w.engagement(ws.other).unwrap().name;
    assert!(all.contains(&format!("\r\n{other},")), "{all}");
}

#[test]
fn file_names_come_from_the_engagement() {
    assert_eq!(
        assignments_file_name(Some("Website relaunch")),
        "website-relaunch-assignments.csv"
    );
    assert_eq!(
        assignments_file_name(None),
        "engagement-planner-assignments.csv"
    );
    assert_eq!(ASSIGNMENT_COLUMNS.join(",") + "\r\n", HEADER);
}
