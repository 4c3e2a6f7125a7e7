//! The rules of presenting in two windows (src/view/presenting.rs): the audience
//! window's address, the countdown, stepping through the agenda, the messages.

use engagement_planner::model::{EngagementId, FunctionId};
use engagement_planner::view::present::{AgendaItem, Highlight, SectionKind};
use engagement_planner::view::presenting::*;

fn item(kind: SectionKind, page: u16, pages: u16) -> AgendaItem {
    AgendaItem {
        kind,
        page,
        pages,
        title: format!("{} ({page} of {pages})", kind.title()),
    }
}

/// Glance, Raci 1..3, Authority, Deal.
fn agenda() -> Vec<AgendaItem> {
    vec![
        item(SectionKind::Glance, 1, 1),
        item(SectionKind::Raci, 1, 3),
        item(SectionKind::Raci, 2, 3),
        item(SectionKind::Raci, 3, 3),
        item(SectionKind::Authority, 1, 1),
        item(SectionKind::Deal, 1, 1),
    ]
}

#[test]
fn the_audience_address_names_the_engagement_and_the_session_it_follows() {
    let hash = audience_hash(EngagementId(12), "18c2f-0a1b2c3d");
    assert_eq!(hash, "#/present/12/18c2f-0a1b2c3d");
    assert_eq!(
        parse_audience_hash(&hash),
        Some((EngagementId(12), "18c2f-0a1b2c3d".to_string()))
    );
}

#[test]
fn other_addresses_are_not_an_audience_window() {
    for hash in [
        "",
        "#/roles/12",
        "#/present/12",
        "#/present/x/abc",
        "#/present/12/",
        "#/present/12/has space",
        "#/present/12/<script>",
        "#/present/12/0123456789abcdef0123456789abcdef0",
    ] {
        assert_eq!(parse_audience_hash(hash), None, "{hash}");
    }
}

#[test]
fn each_engagement_is_presented_on_its_own_channel() {
    assert_ne!(channel_name(EngagementId(1)), channel_name(EngagementId(2)));
    assert!(channel_name(EngagementId(7)).ends_with("/7"));
}

#[test]
fn a_countdown_runs_down_from_its_minutes() {
    let c = Countdown::start(10, 1_000);
    assert_eq!(c.left(1_000), 600_000);
    assert_eq!(c.left(61_000), 540_000);
    assert_eq!(c.describe(61_000), "9:00 left");
    assert_eq!(c.describe(601_000), "Time is up");
    assert_eq!(c.describe(600_500), "0:01 left");
}

#[test]
fn adding_minutes_to_a_countdown_that_ran_out_counts_from_now() {
    let c = Countdown::start(1, 0);
    assert_eq!(c.add(1, 30_000).left(30_000), 90_000);
    // Ran out 20 s ago: +5 gives five whole minutes from now.
    assert_eq!(c.add(5, 80_000).left(80_000), 300_000);
    let paused = Countdown::Paused { left: -5_000 };
    assert_eq!(paused.add(1, 0).left(0), 60_000);
    assert_eq!(Countdown::Paused { left: 10_000 }.add(1, 0).left(0), 70_000);
}

#[test]
fn a_paused_countdown_keeps_its_time_and_resumes_from_it() {
    let c = Countdown::start(2, 0).pause(30_000);
    assert!(!c.is_running());
    assert_eq!(c.left(999_999), 90_000);
    assert_eq!(c.describe(999_999), "Paused, 1:30 left");
    let resumed = c.resume(100_000);
    assert!(resumed.is_running());
    assert_eq!(resumed.left(100_000), 90_000);
    assert_eq!(
        Countdown::Paused { left: 0 }.describe(0),
        "Paused, time is up"
    );
    // Resuming a running countdown changes nothing.
    assert_eq!(resumed.resume(5), resumed);
}

#[test]
fn the_minutes_typed_start_a_countdown_of_1_to_600_whole_minutes() {
    assert_eq!(countdown_minutes("2"), Ok(2));
    assert_eq!(countdown_minutes(" 15 "), Ok(15));
    assert_eq!(countdown_minutes("1"), Ok(1));
    assert_eq!(countdown_minutes("600"), Ok(MAX_COUNTDOWN_MINUTES));
    assert_eq!(countdown_minutes("007"), Ok(7));
    let limit = "Enter the countdown in whole minutes, from 1 to 600.";
    for typed in [
        "",
        "  ",
        "0",
        "601",
        "-5",
        "+5",
        "2.5",
        "1e2",
        "ten",
        "99999999999",
    ] {
        assert_eq!(
            countdown_minutes(typed),
            Err(limit.to_string()),
            "{typed:?}"
        );
    }
}

#[test]
fn the_clock_shows_minutes_and_seconds() {
    assert_eq!(clock(0), "0:00");
    assert_eq!(clock(187_999), "3:07");
    assert_eq!(clock(72 * 60_000), "72:00");
    assert_eq!(clock(-5_000), "0:00");
}

#[test]
fn stepping_moves_one_page_at_a_time_and_stops_at_either_end() {
    let agenda = agenda();
    let mut stage = Stage::start(&agenda, true);
    assert_eq!((stage.kind, stage.page), (SectionKind::Glance, 1));
    stage.step(&agenda, false);
    assert_eq!((stage.kind, stage.page), (SectionKind::Glance, 1));
    stage.step(&agenda, true);
    stage.step(&agenda, true);
    assert_eq!((stage.kind, stage.page), (SectionKind::Raci, 2));
    for _ in 0..10 {
        stage.step(&agenda, true);
    }
    assert_eq!((stage.kind, stage.page), (SectionKind::Deal, 1));
    stage.step(&agenda, false);
    assert_eq!((stage.kind, stage.page), (SectionKind::Authority, 1));
}

#[test]
fn moving_to_another_section_stops_pointing_at_the_old_one() {
    let agenda = agenda();
    let mut stage = Stage::start(&agenda, false);
    stage.go_to(&agenda, 1);
    stage.highlight = Some(Highlight::Function(FunctionId(3)));
    stage.go_to(&agenda, 1);
    assert!(stage.highlight.is_some(), "staying put keeps the highlight");
    stage.step(&agenda, true);
    assert_eq!(stage.highlight, None);
    // Jumping past the end lands on the last item.
    stage.go_to(&agenda, 99);
    assert_eq!((stage.kind, stage.page), (SectionKind::Deal, 1));
}

#[test]
fn a_stage_finds_its_place_when_the_plan_changes_under_it() {
    let agenda = agenda();
    assert_eq!(locate(&agenda, SectionKind::Raci, 2), 2);
    // The grid has fewer pages now: the last one.
    assert_eq!(locate(&agenda, SectionKind::Raci, 5), 3);
    // The section is gone: the start.
    assert_eq!(locate(&agenda, SectionKind::Health, 1), 0);
    assert_eq!(locate(&[], SectionKind::Glance, 1), 0);
}

#[test]
fn messages_survive_the_channel_and_anything_else_is_ignored() {
    let agenda = agenda();
    let mut stage = Stage::start(&agenda, true);
    stage.countdown = Some(Countdown::start(5, 10));
    stage.highlight = Some(Highlight::Cell {
        function: FunctionId(4),
        person: engagement_planner::model::PersonId(9),
    });
    let messages = [
        Message::Show {
            session: "a-1".into(),
            seq: 3,
            stage,
            plan: Some("{}".into()),
        },
        Message::Heartbeat {
            session: "a-1".into(),
        },
        Message::Here {
            session: "a-1".into(),
            need_plan: true,
        },
        Message::Step {
            session: "a-1".into(),
            forward: false,
        },
        Message::TakeOver {
            from: "a-1".into(),
            to: "b-2".into(),
        },
        Message::End {
            session: "a-1".into(),
        },
    ];
    for m in messages {
        assert_eq!(Message::from_json(&m.to_json()), Some(m.clone()));
        assert_eq!(m.session(), "a-1");
    }
    assert_eq!(Message::from_json("not json"), None);
    assert_eq!(Message::from_json(r#"{"type":"launch"}"#), None);
}

#[test]
fn a_window_not_heard_from_for_a_few_seconds_is_gone() {
    assert!(!is_there(None, 10_000.0));
    assert!(is_there(Some(10_000.0), 10_000.0 + GONE_AFTER_MS - 1.0));
    assert!(!is_there(Some(10_000.0), 10_000.0 + GONE_AFTER_MS));
}

#[test]
fn a_kept_presentation_with_a_malformed_session_is_not_resumed() {
    let kept = Presenting {
        session: "18c2f-0a1b2c3d".into(),
        engagement: EngagementId(2),
        stage: Stage::start(&agenda(), false),
        section_started: 5,
    };
    assert_eq!(Presenting::from_json(&kept.to_json()), Some(kept.clone()));
    let bad = kept.to_json().replace("18c2f-0a1b2c3d", "no good!");
    assert_eq!(Presenting::from_json(&bad), None);
    assert_eq!(Presenting::from_json("{"), None);
}

#[test]
fn notes_are_kept_by_the_section_name_in_the_saved_format() {
    assert_eq!(section_key(SectionKind::Raci), "Raci");
    let keys: std::collections::BTreeSet<String> =
        SectionKind::ALL.iter().map(|k| section_key(*k)).collect();
    assert_eq!(keys.len(), SectionKind::ALL.len());
}
