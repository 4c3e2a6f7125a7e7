//! Benchmark: how long comparing a plan that came back takes (`model::compare`), and
//! taking all its changes (`Comparison::take_all`), natively, on a plan at ten times a
//! realistic size: 50 engagements, 500 people, 2,000 assignments (the generator of
//! `e2e_bench`), each engagement with a small rate card and worksheet. The plan that
//! came back is made from it through the model: people renamed, capacities changed,
//! assignments moved, added, removed and re-estimated, price lines' hours changed, and
//! decision methods set. Prints figures, never passes or fails on them. Run it in
//! release, as `scripts/bench` does:
//!
//! ```text
//! cargo test --release --test compare_bench -- --ignored --nocapture
//! ```
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::*;
use plans::{applies, big_workspace, Lcg};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ENGAGEMENTS: usize = 50;
const PEOPLE: usize = 500;
const RUNS: usize = 9;
const WORKSPACE_RUNS: usize = 3;

/// Gives every engagement a rate card of three roles and a worksheet of four lines
/// with sales hours, so that price lines can change too.
fn add_pricing(w: &mut Workspace) {
    for ei in 0..w.engagements.len() {
        let e = w.engagements[ei].id;
        let pricing = |w: &mut Workspace, action: PricingAction| {
            assert!(applies(
                w,
                Action::Pricing {
                    engagement: e,
                    action
                }
            ));
        };
        for (r, name) in ["Consultant", "Engineer", "Analyst"].iter().enumerate() {
            let r = i64::try_from(r).unwrap();
            pricing(
                w,
                PricingAction::AddRateRole {
                    name: (*name).to_string(),
                    cost_rate: Money(6_000 + 1_000 * r),
                    bill_rate: Money(11_000 + 1_500 * r),
                },
            );
        }
        pricing(
            w,
            PricingAction::AddWorksheet {
                name: "Base".to_string(),
                style: SellingStyle::Collaborative,
            },
        );
        let sheet = w.engagements[ei].pricing.worksheets[0].id;
        let roles: Vec<RateRoleId> = w.engagements[ei]
            .pricing
            .rate_card
            .iter()
            .map(|r| r.id)
            .collect();
        for l in 0..4u32 {
            pricing(
                w,
                PricingAction::AddLine {
                    worksheet: sheet,
                    name: format!("Work package {}", l + 1),
                    billing: if l % 2 == 0 {
                        BillingType::FixedFee
                    } else {
                        BillingType::TimeAndMaterials
                    },
                },
            );
            let line = w.engagements[ei].pricing.worksheets[0].lines[l as usize].id;
            for (k, &role) in roles.iter().enumerate() {
                let k = u32::try_from(k).unwrap();
                pricing(
                    w,
                    PricingAction::EditLine {
                        worksheet: sheet,
                        line,
                        edit: LineEdit::Hours(role, Hours::from_whole(10 + 5 * l + 3 * k)),
                    },
                );
            }
        }
    }
}

/// The plan as it comes back: made from `a` through the model. Returns it with the
/// number of edits the model accepted.
fn returned(a: &Workspace) -> (Workspace, usize) {
    let mut b = a.clone();
    let mut rng = Lcg(0xb0b);
    let mut edits = 0;
    let mut edit = |b: &mut Workspace, action: Action| {
        if applies(b, action) {
            edits += 1;
        }
    };
    // One person in ten renamed, one in seven with another capacity.
    let people: Vec<(PersonId, String)> = b.people.iter().map(|p| (p.id, p.name.clone())).collect();
    for (i, (person, name)) in people.iter().enumerate() {
        if i % 10 == 0 {
            edit(
                &mut b,
                Action::EditPerson {
                    person: *person,
                    edit: PersonEdit::Name(format!("{name} (renamed)")),
                },
            );
        }
        if i % 7 == 0 {
            edit(
                &mut b,
                Action::EditPerson {
                    person: *person,
                    edit: PersonEdit::Capacity(Hours::from_whole(12 + (i % 5) as u32 * 6)),
                },
            );
        }
    }
    let ids: Vec<PersonId> = people.iter().map(|(p, _)| *p).collect();
    for ei in 0..b.engagements.len() {
        let e = b.engagements[ei].id;
        let functions: Vec<FunctionId> = b.engagements[ei].functions.iter().map(|f| f.id).collect();
        let assignments = b.engagements[ei].assignments.clone();
        // Two re-estimated, two moved to another function, two removed.
        for a in assignments
            .iter()
            .filter(|a| a.role == Raci::Responsible)
            .take(2)
        {
            edit(
                &mut b,
                Action::SetAssignmentHours {
                    engagement: e,
                    person: a.person,
                    function: a.function,
                    role: a.role,
                    hours: Hours(a.hours.0 + Hours::from_whole(3).0),
                },
            );
        }
        for a in assignments
            .iter()
            .filter(|a| a.role == Raci::Consulted)
            .take(2)
        {
            let to = functions
                [(functions.iter().position(|&f| f == a.function).unwrap() + 1) % functions.len()];
            edit(
                &mut b,
                Action::MoveAssignment {
                    engagement: e,
                    person: a.person,
                    from: (a.function, a.role),
                    to: (to, a.role),
                },
            );
        }
        for a in assignments
            .iter()
            .filter(|a| a.role == Raci::Informed)
            .take(2)
        {
            edit(
                &mut b,
                Action::Unassign {
                    engagement: e,
                    person: a.person,
                    function: a.function,
                    role: a.role,
                },
            );
        }
        // Three new people on the engagement.
        for _ in 0..3 {
            edit(
                &mut b,
                Action::Assign {
                    engagement: e,
                    person: ids[rng.next(ids.len())],
                    function: functions[rng.next(functions.len())],
                    role: Raci::Responsible,
                    hours: Hours::from_whole(2 + rng.next(8) as u32),
                },
            );
        }
        // A price line re-estimated, and a decision's method set.
        let sheet = &b.engagements[ei].pricing.worksheets[0];
        let (worksheet, line) = (sheet.id, sheet.lines[ei % sheet.lines.len()].id);
        let role = b.engagements[ei].pricing.rate_card[0].id;
        edit(
            &mut b,
            Action::Pricing {
                engagement: e,
                action: PricingAction::EditLine {
                    worksheet,
                    line,
                    edit: LineEdit::Hours(role, Hours::from_whole(40 + ei as u32)),
                },
            },
        );
        if let Some(decision) = b.engagements[ei].decisions.first().map(|d| d.id) {
            edit(
                &mut b,
                Action::EditDecisionArea {
                    engagement: e,
                    decision,
                    edit: DecisionEdit::Method(Some(DecisionMethod::ALL[ei % 3])),
                },
            );
        }
    }
    (b, edits)
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median, min and max of the times, in ms.
fn print_times(label: &str, times: &mut [Duration]) {
    times.sort();
    println!(
        "  {label:<40} median {:>8.3} ms   min {:>8.3} ms   max {:>8.3} ms   ({} runs)",
        millis(times[times.len() / 2]),
        millis(times[0]),
        millis(times[times.len() - 1]),
        times.len()
    );
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn bench_compare() {
    let mut a = big_workspace(ENGAGEMENTS, PEOPLE);
    add_pricing(&mut a);
    let (b, edits) = returned(&a);
    assert_ne!(a, b);
    let assignments: usize = a.engagements.iter().map(|e| e.assignments.len()).sum();
    let lines: usize = a
        .engagements
        .iter()
        .map(|e| {
            e.pricing
                .worksheets
                .iter()
                .map(|w| w.lines.len())
                .sum::<usize>()
        })
        .sum();
    let profile = if cfg!(debug_assertions) {
        "debug (use --release for real figures)"
    } else {
        "release"
    };
    println!(
        "compare, {profile}: plan of {} engagements, {} people, {assignments} assignments, {lines} price lines; \
         the plan that came back made by {edits} edits",
        a.engagements.len(),
        a.people.len(),
    );

    // One engagement.
    let e = a.engagements[0].id;
    let c = compare(&a, e, &b, e).expect("both have the engagement");
    assert_eq!(c.matching, Matching::Identity);
    assert!(!c.is_empty());
    let cannot = c.changes.iter().filter(|ch| !ch.can_be_taken()).count();
    println!(
        "  one engagement (“{}”, {} assignments): {} changes ({cannot} that cannot be taken)",
        a.engagements[0].name,
        a.engagements[0].assignments.len(),
        c.changes.len()
    );
    for group in ChangeGroup::ALL {
        let n = c.group(group).count();
        if n > 0 {
            println!("    {:<36} {n}", group.label());
        }
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(compare(black_box(&a), e, black_box(&b), e));
            start.elapsed()
        })
        .collect();
    print_times("compare one engagement", &mut times);

    // With the copy sent (the file carries it): who made each change. The plan here
    // moved on too, so both sides changed some capacities.
    let mut here = a.clone();
    for p in a.people.iter().take(20) {
        assert!(applies(
            &mut here,
            Action::EditPerson {
                person: p.id,
                edit: PersonEdit::Capacity(Hours::from_whole(36)),
            },
        ));
    }
    let c = compare(&here, e, &b, e).expect("both have the engagement");
    let made_by = c
        .made_by(&here, &a)
        .expect("the copy sent has the engagement");
    let both = made_by
        .iter()
        .filter(|m| matches!(m, MadeBy::Both { .. }))
        .count();
    let yours = made_by.iter().filter(|m| **m == MadeBy::You).count();
    println!(
        "  with the copy sent: {} changes, {both} made on both sides, {yours} made here",
        c.changes.len()
    );
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(c.made_by(black_box(&here), black_box(&a)));
            start.elapsed()
        })
        .collect();
    print_times("who made each change (one engagement)", &mut times);

    // Taking all its changes, as one undoable step.
    let mut results = Vec::new();
    let mut left = 0;
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let mut history = History::new(a.clone());
            let start = Instant::now();
            results = black_box(c.take_all(&mut history));
            let took = start.elapsed();
            left = compare(history.present(), e, &b, e).map_or(0, |after| after.changes.len());
            took
        })
        .collect();
    let refused = results.iter().filter(|(_, r)| r.is_err()).count();
    print_times("take_all one engagement", &mut times);
    println!(
        "    {} changes taken, {refused} refused; {left} differences left after taking them",
        results.len() - refused
    );

    // The whole workspace: there is no comparison of a whole workspace, so each of its
    // engagements is compared with its own in the file, and the times summed.
    let total: usize = a
        .engagements
        .iter()
        .map(|x| compare(&a, x.id, &b, x.id).map_or(0, |c| c.changes.len()))
        .sum();
    let mut times: Vec<Duration> = (0..WORKSPACE_RUNS)
        .map(|_| {
            let start = Instant::now();
            for x in &a.engagements {
                black_box(compare(black_box(&a), x.id, black_box(&b), x.id));
            }
            start.elapsed()
        })
        .collect();
    println!(
        "  whole workspace, each of the {} engagements compared: {total} changes",
        a.engagements.len()
    );
    print_times("compare all engagements (summed)", &mut times);
}
