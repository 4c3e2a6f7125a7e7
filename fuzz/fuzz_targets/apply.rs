//! `Workspace::apply` over arbitrary sequences of actions, with undo and redo.
//!
//! The input picks a starting plan (the example plan of the layout journeys, the
//! property tests' priced start, the portfolio plan or the workshop plan) and a
//! sequence of steps. A step is an operation byte and 24 bytes of seeds, turned into an
//! `Action` against the workspace as it is by the property tests' generator
//! (`tests/support/actions.rs`: ids picked from the plan most of the time, so actions
//! mostly succeed), plus the decision log's actions and the default target margin,
//! which that generator leaves to `tests/decisions.rs`. An operation byte with its top
//! bit set is followed by a length byte and that many bytes of text, which replace the
//! action's name, text, date or note: any Unicode the fuzzer finds.
//!
//! Checks after every step: an action `apply` accepts leaves a valid workspace; one it
//! refuses leaves the workspace equal to before and says why in words; `History` agrees
//! with `apply`, and undo gives back exactly the workspace before, redo exactly the one
//! after. At the end, undoing every step walks back through every state to the start,
//! and the workspace reaches saves and reads back unchanged.
#![no_main]

#[path = "../../tests/plans/mod.rs"]
mod plans;

#[path = "../../tests/support/pricing_actions.rs"]
mod pricing_actions;

#[path = "../../tests/support/actions.rs"]
mod actions;

use engagement_planner::model::history::HISTORY_LIMIT;
use engagement_planner::model::*;
use engagement_planner::storage::{from_json, to_json};
use libfuzzer_sys::fuzz_target;
use pricing_actions::{choose, percent, pick};

/// Steps per input at most: a longer sequence finds little more and runs slower.
const MAX_STEPS: usize = 48;

/// Operations of this target beyond the shared generator's `actions::OPS`.
const EXTRA_OPS: u8 = 6;

thread_local! {
    static STARTS: Vec<Workspace> = vec![
        plans::example_plan().0,
        actions::start_priced(),
        plans::portfolio_plan().workspace,
        plans::workshop().workspace,
    ];
}

/// The decision log's actions and the default target margin.
fn extra_action(w: &Workspace, op: u8, s: [u32; 6]) -> Action {
    let [a, b, c, d, x, y] = s;
    let engagement = actions::engagement(w, a);
    let decisions = |en: &Engagement| en.decisions.iter().map(|d| d.id.0).collect();
    let decision = DecisionId(actions::item(w, engagement, b, decisions));
    let proposals: Vec<u32> = w
        .engagement(engagement)
        .and_then(|en| en.decisions.iter().find(|d| d.id == decision))
        .map(|d| d.log.iter().map(|p| p.id.0).collect())
        .unwrap_or_default();
    let proposal = ProposalId(pick(c, &proposals, w.next_id));
    let worksheet = |seed: u32| {
        let sheets = |en: &Engagement| en.pricing.worksheets.iter().map(|s| s.id.0).collect();
        (!seed.is_multiple_of(3)).then(|| WorksheetId(actions::item(w, engagement, seed, sheets)))
    };
    let date = |seed: u32| match seed % 10 {
        0 => "2025-02-30".to_string(),
        1 => String::new(),
        _ => format!("2025-{:02}-{:02}", 1 + seed / 10 % 12, 1 + seed / 120 % 28),
    };
    let quorum = |seed: u32| (!seed.is_multiple_of(2)).then(|| percent(seed / 2));
    match op {
        0 => Action::Propose {
            engagement,
            decision,
            text: actions::name(c),
            date: date(d),
            quorum: quorum(x),
            worksheet: worksheet(y),
        },
        1 => Action::EditProposal {
            engagement,
            decision,
            proposal,
            edit: match d % 4 {
                0 => ProposalEdit::Text(actions::name(x)),
                1 => ProposalEdit::Date(date(x)),
                2 => ProposalEdit::Quorum(quorum(x)),
                _ => ProposalEdit::Worksheet(worksheet(x)),
            },
        },
        2 | 3 => Action::SetPosition {
            engagement,
            decision,
            proposal,
            person: actions::person(w, d),
            stance: (!x.is_multiple_of(5))
                .then(|| choose(&[Stance::For, Stance::Against, Stance::Abstain], x)),
            reason: if y.is_multiple_of(3) {
                String::new()
            } else {
                actions::text(y)
            },
        },
        4 => Action::RemoveProposal {
            engagement,
            decision,
            proposal,
        },
        _ => Action::SetDefaultTargetMargin {
            target: (!b.is_multiple_of(4)).then(|| percent(c)),
        },
    }
}

/// The action with its text (a name, a title, a note, a date, a currency code) replaced
/// by `text`; an action without one is returned as it is.
fn with_text(mut action: Action, text: String) -> Action {
    use Action as A;
    match &mut action {
        A::AddPerson { name, .. }
        | A::CreateEngagement { name, .. }
        | A::DuplicateEngagement { name, .. }
        | A::AddFunction { name, .. }
        | A::RenameFunction { name, .. }
        | A::AddDecisionArea { name, .. }
        | A::AddReport { name, .. }
        | A::AddAccount { name }
        | A::AddNeed { title: name, .. }
        | A::AddComplianceItem { rule: name, .. }
        | A::Propose { text: name, .. }
        | A::SignOff { date: name, .. }
        | A::SetPosition { reason: name, .. }
        | A::AcceptDeparture { reason: name, .. } => *name = text,
        A::EditPerson {
            edit: PersonEdit::Name(name),
            ..
        }
        | A::EditDecisionArea {
            edit: DecisionEdit::Name(name),
            ..
        }
        | A::EditReport {
            edit: ReportEdit::Name(name),
            ..
        }
        | A::EditNeed {
            edit: NeedEdit::Title(name) | NeedEdit::Note(name),
            ..
        }
        | A::EditComplianceItem {
            edit: ComplianceEdit::Rule(name),
            ..
        }
        | A::EditAccount {
            edit: AccountEdit::Name(name) | AccountEdit::Notes(name),
            ..
        }
        | A::EditProposal {
            edit: ProposalEdit::Text(name) | ProposalEdit::Date(name),
            ..
        }
        | A::EditEngagement {
            edit:
                EngagementEdit::Name(name)
                | EngagementEdit::Client(name)
                | EngagementEdit::Provider(name)
                | EngagementEdit::Currency(name)
                | EngagementEdit::BenefitsDescription(name),
            ..
        } => *name = text,
        A::Pricing { action, .. } => {
            use PricingAction as P;
            match action {
                P::AddRateRole { name, .. }
                | P::AddWorksheet { name, .. }
                | P::RenameWorksheet { name, .. }
                | P::DuplicateWorksheet { name, .. }
                | P::AddLine { name, .. }
                | P::AddExpense { name, .. }
                | P::EditRateRole {
                    edit: RateRoleEdit::Name(name),
                    ..
                }
                | P::EditLine {
                    edit: LineEdit::Name(name),
                    ..
                }
                | P::EditExpense {
                    edit: ExpenseEdit::Name(name),
                    ..
                }
                | P::Approve { date: name, .. }
                | P::Reject { note: name, .. }
                | P::Reopen { note: name, .. } => *name = text,
                P::PasteLines { lines, .. } => {
                    if let Some(line) = lines.first_mut() {
                        line.name = text;
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
    action
}

/// Reads a step from the input: the operation, six seeds, and text when the operation
/// byte's top bit is set. Missing bytes read as zero.
fn next_step(input: &mut &[u8]) -> Option<(u8, [u32; 6], Option<String>)> {
    let (&op, rest) = input.split_first()?;
    *input = rest;
    let mut take = |n: usize| {
        let n = n.min(input.len());
        let (taken, rest) = input.split_at(n);
        *input = rest;
        taken
    };
    let mut seeds = [0u32; 6];
    let bytes = take(24);
    for (i, seed) in seeds.iter_mut().enumerate() {
        let mut word = [0u8; 4];
        for (j, b) in word.iter_mut().enumerate() {
            *b = bytes.get(i * 4 + j).copied().unwrap_or(0);
        }
        *seed = u32::from_le_bytes(word);
    }
    let text = if op & 0x80 != 0 {
        let len = take(1).first().copied().unwrap_or(0) as usize;
        Some(String::from_utf8_lossy(take(len)).into_owned())
    } else {
        None
    };
    Some((op & 0x7f, seeds, text))
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, mut input)) = data.split_first() else {
        return;
    };
    let start = STARTS.with(|starts| starts[which as usize % starts.len()].clone());
    let mut w = start.clone();
    let mut history = History::new(start.clone());
    let mut states = vec![start];
    let mut steps = 0;
    while let Some((op, seeds, text)) = next_step(&mut input) {
        if steps == MAX_STEPS {
            break;
        }
        steps += 1;
        let op = op % (actions::OPS + EXTRA_OPS);
        let action = if op < actions::OPS {
            actions::action(&w, &actions::Step { op, s: seeds })
        } else {
            extra_action(&w, op - actions::OPS, seeds)
        };
        let action = match text {
            Some(text) => with_text(action, text),
            None => action,
        };

        let before = w.clone();
        let result = w.apply(action.clone());
        match &result {
            Ok(()) => {
                if let Err(problems) = w.validate() {
                    panic!("{action:?} was accepted and left an invalid workspace: {problems:?}");
                }
            }
            Err(refusal) => {
                assert!(
                    w == before,
                    "{action:?} was refused ({refusal}) but changed the workspace"
                );
                assert!(
                    !refusal.to_string().trim().is_empty(),
                    "{action:?} was refused without words"
                );
            }
        }

        let could_undo = history.can_undo();
        assert_eq!(
            history.apply(action.clone()),
            result,
            "History and apply disagree on {action:?}"
        );
        assert!(
            history.present() == &w,
            "History's present is not what apply made of {action:?}"
        );
        if w == before {
            assert_eq!(
                history.can_undo(),
                could_undo,
                "{action:?} changed nothing but left a step to undo"
            );
            continue;
        }
        assert!(
            history.undo(),
            "{action:?} changed the workspace but left nothing to undo"
        );
        assert!(
            history.present() == &before,
            "undoing {action:?} did not give back the workspace before it"
        );
        assert!(history.redo(), "nothing to redo after undoing {action:?}");
        assert!(
            history.present() == &w,
            "redoing {action:?} did not give back the workspace after it"
        );
        states.push(w.clone());
    }

    // Undo walks back through every state to the start (fewer steps than the history keeps).
    assert!(states.len() <= HISTORY_LIMIT + 1);
    while let Some(state) = states.pop() {
        assert!(
            history.present() == &state,
            "undo did not walk back through the states in order"
        );
        assert_eq!(history.undo(), !states.is_empty());
    }

    // What apply made is saved and read back unchanged.
    let saved = to_json(&w, None);
    match from_json(&saved) {
        Ok(read) => assert!(
            read.workspace == w,
            "saving and reading back changed the workspace"
        ),
        Err(refusal) => panic!("the app refuses a workspace apply made: {refusal}\n{saved}"),
    }
});
