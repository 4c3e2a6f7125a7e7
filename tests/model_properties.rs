//! Properties of `Workspace::apply` and `History` over arbitrary action sequences.
//!
//! A generated step is an operation number and a few random seeds. It becomes an
//! `Action` only when it is applied, against the workspace as it is at that moment:
//! most ids are picked from what the workspace holds (so actions mostly succeed and
//! build up state), some are random (so the error paths run too). Names, hours, money
//! and currencies are drawn from small lists that mix valid and invalid values. The
//! generator is `tests/support/actions.rs`, which the fuzz target `apply` shares.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/pricing_actions.rs"]
mod pricing_actions;

#[path = "support/actions.rs"]
mod actions;

use actions::*;

use engagement_planner::model::units::MONEY_LIMIT;
use engagement_planner::model::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------
// Generating steps
// ---------------------------------------------------------------------------------

fn step() -> impl Strategy<Value = Step> {
    (0..OPS, prop::array::uniform6(any::<u32>())).prop_map(|(op, s)| Step { op, s })
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    vec(step(), 0..40)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        // Shrunk failures are printed; no regression files are written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every field of an engagement that names a person, found field by field here (not
/// through `Engagement::person_refs`, which this checks): its path, the person, and
/// whether it is a record of a past decision.
fn person_fields(e: &Engagement) -> Vec<(String, PersonId, bool)> {
    let mut found = Vec::new();
    let mut slot = |path: String, person: Option<PersonId>, record: bool| {
        if let Some(p) = person {
            found.push((path, p, record));
        }
    };
    slot("pm".into(), e.pm, false);
    slot("engagement_manager".into(), e.engagement_manager, false);
    slot("champion".into(), e.champion, false);
    slot("agreement_documenter".into(), e.agreement_documenter, false);
    for (i, a) in e.assignments.iter().enumerate() {
        slot(format!("assignments[{i}].person"), Some(a.person), false);
    }
    for (i, d) in e.decisions.iter().enumerate() {
        slot(format!("decisions[{i}].authority"), d.authority, false);
        for (j, p) in d.log.iter().enumerate() {
            for (k, position) in p.positions.iter().enumerate() {
                slot(
                    format!("decisions[{i}].log[{j}].positions[{k}].person"),
                    Some(position.person),
                    true,
                );
            }
        }
    }
    for (i, r) in e.reports.iter().enumerate() {
        slot(format!("reports[{i}].owner"), r.owner, false);
    }
    for (i, c) in e.compliance.iter().enumerate() {
        slot(format!("compliance[{i}].owner"), c.owner, false);
    }
    slot("signoffs.sales".into(), e.signoffs.sales, false);
    slot(
        "signoffs.customer_service".into(),
        e.signoffs.customer_service,
        false,
    );
    slot("signoffs.delivery".into(), e.signoffs.delivery, false);
    for (w, ws) in e.pricing.worksheets.iter().enumerate() {
        let at = format!("pricing.worksheets[{w}]");
        for (j, l) in ws.lines.iter().enumerate() {
            slot(format!("{at}.lines[{j}].estimator"), l.estimator, false);
        }
        if let Approval::Approved { by } | Approval::Rejected { by } = ws.approval {
            slot(format!("{at}.approval"), Some(by), true);
        }
        for (j, event) in ws.log.iter().enumerate() {
            slot(format!("{at}.log[{j}].by"), event.by, true);
        }
    }
    found.sort();
    found
}

/// How many fields of the workspace name each person, records included.
fn fields_per_person(w: &Workspace) -> BTreeMap<PersonId, usize> {
    let mut count = BTreeMap::new();
    for e in &w.engagements {
        for (_, p, _) in person_fields(e) {
            *count.entry(p).or_default() += 1;
        }
    }
    count
}

// ---------------------------------------------------------------------------------
// Driving a sequence
// ---------------------------------------------------------------------------------

/// What one applied step looked like.
struct Applied<'a> {
    before: &'a Workspace,
    action: &'a Action,
    result: &'a Result<(), ModelError>,
    after: &'a Workspace,
}

/// Applies the steps in order from `start()`, calling `check` after each one, and
/// returns the final workspace.
fn drive(
    steps: &[Step],
    check: impl FnMut(&Applied) -> Result<(), TestCaseError>,
) -> Result<Workspace, TestCaseError> {
    drive_from(start(), steps, check)
}

/// [`drive`] from another starting workspace.
fn drive_from(
    mut w: Workspace,
    steps: &[Step],
    mut check: impl FnMut(&Applied) -> Result<(), TestCaseError>,
) -> Result<Workspace, TestCaseError> {
    for step in steps {
        let action = action(&w, step);
        let before = w.clone();
        let result = w.apply(action.clone());
        check(&Applied {
            before: &before,
            action: &action,
            result: &result,
            after: &w,
        })?;
    }
    Ok(w)
}

fn all_ids(w: &Workspace) -> Vec<u32> {
    let mut ids: Vec<u32> = w.people.iter().map(|p| p.id.0).collect();
    for e in &w.engagements {
        ids.push(e.id.0);
        ids.extend(e.functions.iter().map(|f| f.id.0));
        ids.extend(e.decisions.iter().map(|d| d.id.0));
        ids.extend(e.reports.iter().map(|r| r.id.0));
        ids.extend(e.needs.iter().map(|n| n.id.0));
        ids.extend(e.compliance.iter().map(|c| c.id.0));
        ids.extend(e.pricing.rate_card.iter().map(|r| r.id.0));
        for ws in &e.pricing.worksheets {
            ids.push(ws.id.0);
            for l in &ws.lines {
                ids.push(l.id.0);
                ids.extend(l.expenses.iter().map(|x| x.id.0));
            }
        }
    }
    ids
}

fn is_replace(a: &Action) -> bool {
    matches!(a, Action::ReplaceWorkspace { .. })
}

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// A sign-off `apply` accepts is by a person of that group and current; afterwards
    /// it stays current exactly as long as the process it signed is unchanged, whatever
    /// else changes (needs, hours, pricing, the stage, …).
    #[test]
    fn sign_offs_follow_the_process_they_signed(steps in steps()) {
        drive(&steps, |s| {
            if s.result.is_err() {
                return Ok(());
            }
            if let Action::SignOff { engagement, party, person, date } = s.action {
                let e = s.after.engagement(*engagement).unwrap();
                let group = s.after.person(*person).unwrap().group;
                prop_assert!(party.accepts(group));
                prop_assert_eq!(
                    e.sign_off_status(*party, &s.after.people),
                    SignOffStatus::Current { person: *person, date: date.trim().to_string() }
                );
                return Ok(());
            }
            if matches!(s.action, Action::WithdrawSignOff { .. } | Action::EditPerson { .. }
                | Action::RemovePerson { .. } | Action::ImportEngagements { .. }
                | Action::ReplaceWorkspace { .. } | Action::DuplicateEngagement { .. })
            {
                return Ok(());
            }
            for after in &s.after.engagements {
                let Some(before) = s.before.engagement(after.id) else { continue };
                if before.process_fingerprint() == after.process_fingerprint() {
                    prop_assert_eq!(
                        before.sign_off_statuses(&s.before.people),
                        after.sign_off_statuses(&s.after.people),
                        "{:?}", s.action
                    );
                } else {
                    let was = before.sign_off_statuses(&s.before.people);
                    for ((party, was), (_, is)) in was.iter().zip(after.sign_off_statuses(&s.after.people)) {
                        if let SignOffStatus::Current { person, date } = was {
                            prop_assert_eq!(
                                &is,
                                &SignOffStatus::OutOfDate { person: *person, date: date.clone() },
                                "{:?} after {:?}", party, s.action
                            );
                        }
                    }
                }
            }
            Ok(())
        })?;
    }

    /// (a) `apply` never produces an invalid workspace.
    #[test]
    fn apply_keeps_the_workspace_valid(steps in steps()) {
        let mut successes = 0usize;
        let end = drive(&steps, |s| {
            if s.result.is_ok() {
                successes += 1;
                if let Err(problems) = s.after.validate() {
                    return Err(TestCaseError::fail(format!(
                        "{:?} produced an invalid workspace: {problems:?}",
                        s.action
                    )));
                }
            }
            Ok(())
        })?;
        prop_assert!(end.validate().is_ok());
        prop_assert!(successes <= steps.len());
    }

    /// (b) A function never has two Accountable people, in any engagement.
    #[test]
    fn at_most_one_accountable_per_function(steps in steps()) {
        drive(&steps, |s| {
            for e in &s.after.engagements {
                let mut seen = BTreeSet::new();
                for a in e.assignments.iter().filter(|a| a.role == Raci::Accountable) {
                    prop_assert!(
                        seen.insert(a.function),
                        "function {} of {} has two Accountables after {:?}",
                        a.function, e.name, s.action
                    );
                }
                for f in &e.functions {
                    let n = e.assignments_on(f.id).filter(|a| a.role == Raci::Accountable).count();
                    prop_assert!(n <= 1);
                    prop_assert_eq!(n == 1, e.accountable(f.id).is_some());
                }
            }
            Ok(())
        })?;
    }

    /// (c) A refused action leaves the workspace exactly as it was.
    #[test]
    fn a_refused_action_changes_nothing(steps in steps()) {
        drive(&steps, |s| {
            if let Err(err) = s.result {
                prop_assert_eq!(s.after, s.before, "{:?} was refused ({}) but changed the workspace", s.action, err);
                prop_assert!(!err.to_string().is_empty());
            }
            Ok(())
        })?;
    }

    /// (d) With History: undo after an action gives back the exact previous workspace,
    /// redo gives back the exact after-state, a no-op leaves no step, and undoing the
    /// whole sequence walks back through every state to the start.
    #[test]
    fn history_undo_and_redo_are_exact(steps in steps()) {
        let mut h = History::new(start());
        // The states History should hold in its past, oldest first.
        let mut past: Vec<Workspace> = Vec::new();
        let mut w = start();
        for step in &steps {
            let action = action(&w, step);
            let before = w.clone();
            let result = w.apply(action.clone());
            let could_undo = h.can_undo();
            let could_redo = h.can_redo();
            let h_result = h.apply(action.clone());
            prop_assert_eq!(&h_result, &result);
            prop_assert_eq!(h.present(), &w);
            if result.is_err() || w == before {
                // Nothing happened, so nothing to undo and the redo list is kept.
                prop_assert_eq!(h.can_undo(), could_undo);
                prop_assert_eq!(h.can_redo(), could_redo);
                continue;
            }
            past.push(before.clone());
            prop_assert!(h.can_undo());
            prop_assert!(!h.can_redo());
            prop_assert!(h.undo());
            prop_assert_eq!(h.present(), &before, "undo after {:?}", action);
            prop_assert!(h.can_redo());
            prop_assert!(h.redo());
            prop_assert_eq!(h.present(), &w, "redo after {:?}", action);
            prop_assert!(!h.can_redo());
        }
        // Walk all the way back, then all the way forward.
        let end = h.present().clone();
        let mut forward = vec![end.clone()];
        while let Some(expected) = past.pop() {
            prop_assert!(h.undo());
            prop_assert_eq!(h.present(), &expected);
            forward.push(expected);
        }
        prop_assert!(!h.undo());
        prop_assert_eq!(h.present(), &start());
        forward.pop();
        while let Some(expected) = forward.pop() {
            prop_assert!(h.redo());
            prop_assert_eq!(h.present(), &expected);
        }
        prop_assert!(!h.redo());
        prop_assert_eq!(h.present(), &end);
    }

    /// (e) Every workspace reached survives a JSON round trip unchanged, and so does
    /// every action.
    #[test]
    fn json_round_trip(steps in steps()) {
        drive(&steps, |s| {
            let json = serde_json::to_string(s.after).expect("serialize workspace");
            let back: Workspace = serde_json::from_str(&json).expect("deserialize workspace");
            prop_assert_eq!(&back, s.after);
            let json = serde_json::to_string(s.action).expect("serialize action");
            let back: Action = serde_json::from_str(&json).expect("deserialize action");
            prop_assert_eq!(&back, s.action);
            Ok(())
        })?;
    }

    /// (f) Ids are never reused: `next_id` only grows (except when the whole workspace
    /// is replaced), every id is below it, ids are unique, and anything new got an id
    /// that had never been handed out before.
    #[test]
    fn ids_are_never_reused(steps in steps()) {
        // Every id handed out since the last replacement.
        let mut handed_out: BTreeSet<u32> = all_ids(&start()).into_iter().collect();
        drive(&steps, |s| {
            let ids = all_ids(s.after);
            let unique: BTreeSet<u32> = ids.iter().copied().collect();
            prop_assert_eq!(unique.len(), ids.len(), "an id is used twice after {:?}", s.action);
            prop_assert!(ids.iter().all(|id| *id < s.after.next_id));
            if s.result.is_ok() && is_replace(s.action) {
                handed_out = unique;
                return Ok(());
            }
            prop_assert!(s.after.next_id >= s.before.next_id, "next_id went down after {:?}", s.action);
            let old: BTreeSet<u32> = all_ids(s.before).into_iter().collect();
            for id in unique.difference(&old) {
                prop_assert!(
                    *id >= s.before.next_id && !handed_out.contains(id),
                    "{:?} reused id {}", s.action, id
                );
            }
            handed_out.extend(unique);
            Ok(())
        })?;
    }

    /// Workload: `workload()` agrees with `assigned_hours`, with the assignments and
    /// with the functions each PM accepted by default.
    #[test]
    fn workload_sums_every_assignment(steps in steps()) {
        let w = drive(&steps, |_| Ok(()))?;
        let mut expected: BTreeMap<PersonId, u64> = w.people.iter().map(|p| (p.id, 0)).collect();
        for a in w.engagements.iter().flat_map(|e| &e.assignments) {
            *expected.entry(a.person).or_default() += u64::from(a.hours.0);
        }
        for e in &w.engagements {
            if let Some(pm) = e.pm {
                for h in e.pm_accepted.values() {
                    *expected.entry(pm).or_default() += u64::from(h.0);
                }
            }
        }
        let load = w.workload();
        prop_assert_eq!(load.len(), expected.len());
        for (p, hours) in &load {
            prop_assert_eq!(u64::from(hours.0), expected[p]);
            prop_assert_eq!(*hours, w.assigned_hours(*p));
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The one list of person references is complete: `person_refs` finds exactly the
    /// fields that name a person, and `uses_of_person` describes each of them once.
    #[test]
    fn the_person_references_are_the_fields_that_name_people(steps in steps()) {
        drive_from(start_priced(), &steps, |s| {
            for e in &s.after.engagements {
                let mut derived: Vec<(String, PersonId, bool)> = e
                    .person_refs()
                    .map(|(r, p)| (r.path(), p, r.is_record()))
                    .collect();
                derived.sort();
                prop_assert_eq!(derived, person_fields(e), "after {:?}", s.action);
            }
            let count = fields_per_person(s.after);
            let mut ids: BTreeSet<PersonId> = count.keys().copied().collect();
            ids.extend(s.after.people.iter().map(|p| p.id));
            for p in ids {
                prop_assert_eq!(
                    s.after.uses_of_person(p).len(),
                    count.get(&p).copied().unwrap_or(0),
                    "the uses of person {} after {:?}", p, s.action
                );
            }
            Ok(())
        })?;
    }

    /// Removing a person leaves no reference to them anywhere in the workspace but the
    /// records of decisions they took; everyone else keeps every reference, and the
    /// workspace stays valid.
    #[test]
    fn removing_a_person_leaves_no_reference_to_them(steps in steps(), pick in any::<u32>()) {
        let w = drive_from(start_priced(), &steps, |_| Ok(()))?;
        prop_assume!(!w.people.is_empty());
        let person = w.people[pick as usize % w.people.len()].id;
        let mut after = w.clone();
        let removed = after.apply(Action::RemovePerson { person });
        prop_assert!(removed.is_ok());
        prop_assert!(after.person(person).is_none());
        prop_assert!(after.validate().is_ok(), "{:?}", after.validate());
        for e in &after.engagements {
            for (path, p, record) in person_fields(e) {
                prop_assert!(record || p != person, "{} of {} still names the removed person", path, e.name);
            }
        }
        // Only their own references went: everyone else is named as often as before.
        let (before, now) = (fields_per_person(&w), fields_per_person(&after));
        for (p, n) in &before {
            if *p != person {
                prop_assert_eq!(now.get(p), Some(n), "references to {} changed", p);
            }
        }
        // What the question before the removal listed is what was cleared, and the
        // records that stay.
        let records_left = after
            .engagements
            .iter()
            .flat_map(person_fields)
            .filter(|(_, p, _)| *p == person)
            .count();
        prop_assert_eq!(after.uses_of_person(person).len(), records_left);
        prop_assert_eq!(
            w.uses_of_person(person).len(),
            before.get(&person).copied().unwrap_or(0)
        );
    }
}

/// The generator reaches the interesting outcomes: without this, a change to it could
/// quietly stop exercising an error path or a kind of action.
#[test]
fn generator_reaches_every_action_and_the_main_errors() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRunner};

    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let mut ok_actions = BTreeSet::new();
    let mut errors = BTreeSet::new();
    // Enough sequences that the rarer successes (restoring a removed standard area needs
    // a removal first) still happen now that the generator has 51 operations.
    for _ in 0..400 {
        let steps = steps().new_tree(&mut runner).expect("a value").current();
        drive(&steps, |s| {
            let variant = format!("{:?}", s.action);
            let variant = variant
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_string();
            match s.result {
                Ok(()) => {
                    ok_actions.insert(variant);
                }
                Err(e) => {
                    let kind = format!("{e:?}");
                    let kind = kind
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    errors.insert(kind);
                }
            }
            Ok(())
        })
        .expect("no check");
    }
    for variant in [
        "AddPerson",
        "EditPerson",
        "RemovePerson",
        "CreateEngagement",
        "DuplicateEngagement",
        "RemoveEngagement",
        "EditEngagement",
        "AddFunction",
        "RenameFunction",
        "RemoveFunction",
        "RestoreFunction",
        "RestoreDecisionArea",
        "Assign",
        "Unassign",
        "SetAssignmentHours",
        "SetPmAcceptance",
        "SetPmDefaultHours",
        "MoveAssignment",
        "ReplaceAccountable",
        "AddDecisionArea",
        "EditDecisionArea",
        "RemoveDecisionArea",
        "AddReport",
        "EditReport",
        "RemoveReport",
        "AddNeed",
        "EditNeed",
        "RemoveNeed",
        "AddComplianceItem",
        "EditComplianceItem",
        "RemoveComplianceItem",
        "SignOff",
        "WithdrawSignOff",
        "ImportEngagements",
        "ReplaceWorkspace",
        "Pricing",
    ] {
        assert!(ok_actions.contains(variant), "{variant} never succeeded");
    }
    for error in [
        "EmptyName",
        "TooLong",
        "TooManyHours",
        "MoneyOutOfRange",
        "BadCurrency",
        "UnknownPerson",
        "UnknownEngagement",
        "UnknownFunction",
        "UnknownDecision",
        "UnknownReport",
        "UnknownNeed",
        "UnknownComplianceItem",
        "SecondAccountable",
        "AlreadyAssigned",
        "NotAssigned",
        "NotPmDefault",
        "NoPmNamed",
        "NotPmAccepted",
        "NotRestorable",
        "InvalidWorkspace",
        "WrongSignOffGroup",
        "BadDate",
    ] {
        assert!(errors.contains(error), "{error} never happened");
    }
}

proptest! {
    #![proptest_config(config())]

    /// What `Money::format` writes, `Money::parse` reads back exactly.
    #[test]
    fn money_format_then_parse_is_exact(m in 0..=MONEY_LIMIT.0, decimals in prop::sample::select(vec![0u32, 2, 3])) {
        let text = Money(m).format(decimals);
        prop_assert_eq!(Money::parse(&text, decimals), Ok(Money(m)), "{}", text);
    }

    /// What `Hours` displays, `Hours::parse` reads back exactly.
    #[test]
    fn hours_display_then_parse_is_exact(h in any::<u32>()) {
        let text = Hours(h).to_string();
        prop_assert_eq!(Hours::parse(&text), Ok(Hours(h)), "{}", text);
    }

    /// A comma followed by anything but a group of three digits is never silently
    /// dropped: "1200,5" is refused rather than read as 12005.
    #[test]
    fn money_refuses_a_decimal_comma(whole in 0u32..1_000_000, frac in 0u32..100) {
        let text = format!("{whole},{frac:02}");
        prop_assert!(Money::parse(&text, 2).is_err(), "{} was accepted", text);
        let text = format!("{whole},{frac}");
        prop_assert!(Money::parse(&text, 2).is_err(), "{} was accepted", text);
    }

    /// Hours, money and percentages read separators by one rule: a number written
    /// with thousands separators and a decimal point means the same in all three, and
    /// a decimal comma is refused by all three alike.
    #[test]
    fn hours_money_and_percentages_agree_on_separators(
        whole in 0u32..10_000_000,
        frac in 0u32..100,
        comma in any::<bool>(),
    ) {
        let grouped = Money(i64::from(whole) * 100 + i64::from(frac)).format(2);
        let expected = i128::from(whole) * 100 + i128::from(frac);
        prop_assert_eq!(Hours::parse(&grouped).map(|h| i128::from(h.0)), Ok(expected), "{}", grouped);
        prop_assert_eq!(Money::parse(&grouped, 2).map(|m| i128::from(m.0)), Ok(expected), "{}", grouped);
        let percent = format!("{grouped} %");
        prop_assert_eq!(Bps::parse(&percent).map(|b| i128::from(b.0)), Ok(expected), "{}", percent);
        let text = if comma { format!("{whole},{frac}") } else { format!("{whole},{frac:02}") };
        // One or two digits after the comma never group thousands.
        let refused = [
            Hours::parse(&text) == Err(UnitError::Grouping),
            Money::parse(&text, 2) == Err(UnitError::Grouping),
            Bps::parse(&text) == Err(UnitError::Grouping),
        ];
        prop_assert_eq!(refused, [true, true, true], "{}", text);
    }
}

proptest! {
    /// The app's one sort orders any list exactly as the standard stable sort does, equal
    /// keys keeping their order.
    #[test]
    fn the_apps_sort_is_the_standard_stable_sort(items in vec((0u8..8, any::<u32>()), 0..200)) {
        let mut ours = items.clone();
        order::sort_by_key(&mut ours, |&(key, _)| key);
        let mut standard = items.clone();
        standard.sort_by_key(|&(key, _)| key);
        prop_assert_eq!(&ours, &standard);
        let mut natural = items;
        order::sort(&mut natural);
        prop_assert!(natural.windows(2).all(|w| w[0] <= w[1]));
    }
}
