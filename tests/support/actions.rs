//! The action generator of `tests/model_properties.rs`, shared with the fuzz target
//! `fuzz/fuzz_targets/apply.rs`: a step (an operation number and six seeds) becomes an
//! `Action` against the workspace as it is at that moment. Most ids are picked from what
//! the workspace holds (so actions mostly succeed and build up state), some are random
//! (so the error paths run too); names, hours, money and currencies are drawn from small
//! lists that mix valid and invalid values. The including file declares
//! `pricing_actions` (`tests/support/pricing_actions.rs`) beside this module.
#![allow(dead_code)] // Each includer uses the parts it needs.

use super::pricing_actions::{self, choose, pick};
use engagement_planner::model::units::{HOURS_PER_WEEK, MONEY_LIMIT};
use engagement_planner::model::workspace::{NAME_MAX, TEXT_MAX};
use engagement_planner::model::*;
use std::collections::BTreeSet;

/// How many operation numbers there are (some operations have several, to weight them).
pub const OPS: u8 = 57;

#[derive(Debug, Clone)]
pub struct Step {
    pub op: u8,
    pub s: [u32; 6],
}

pub fn person(w: &Workspace, seed: u32) -> PersonId {
    let pool: Vec<u32> = w.people.iter().map(|p| p.id.0).collect();
    PersonId(pick(seed, &pool, w.next_id))
}

pub fn opt_person(w: &Workspace, seed: u32) -> Option<PersonId> {
    if seed.is_multiple_of(6) {
        None
    } else {
        Some(person(w, seed / 6))
    }
}

pub fn engagement(w: &Workspace, seed: u32) -> EngagementId {
    let pool: Vec<u32> = w.engagements.iter().map(|e| e.id.0).collect();
    EngagementId(pick(seed, &pool, w.next_id))
}

/// An id of one kind of item in engagement `e` (empty pool when `e` does not exist).
pub fn item(
    w: &Workspace,
    e: EngagementId,
    seed: u32,
    ids: impl Fn(&Engagement) -> Vec<u32>,
) -> u32 {
    let pool = w.engagement(e).map(ids).unwrap_or_default();
    pick(seed, &pool, w.next_id)
}

pub const NAMES: &[&str] = &[
    "Ann",
    " ann ",
    "ANN",
    "Bob",
    "Cat",
    "Legal",
    "Zoë \"Q\" \\ 😀",
    "tab\tinside",
    "nul\u{0}byte",
    "line\nbreak",
];

pub fn name(seed: u32) -> String {
    match seed % 16 {
        0 => String::new(),
        1 => " \t ".into(),
        2 => "x".repeat(NAME_MAX + 1),
        3 => format!("  {}  ", "é".repeat(NAME_MAX)),
        _ => choose(NAMES, seed / 16).into(),
    }
}

pub fn text(seed: u32) -> String {
    match seed % 6 {
        0 => "y".repeat(TEXT_MAX + 1),
        1 => String::new(),
        2 => format!(" {} ", "z".repeat(TEXT_MAX - 2)),
        _ => "A note.\nSecond line, \"quoted\".".into(),
    }
}

pub fn hours(seed: u32) -> Hours {
    match seed % 8 {
        0 => Hours(HOURS_PER_WEEK.0 + 1 + (seed / 8) % 100_000),
        1 => HOURS_PER_WEEK,
        2 => Hours(u32::MAX),
        _ => Hours((seed / 8) % 4_001),
    }
}

pub fn money(seed: u32) -> Option<Money> {
    match seed % 8 {
        0 => None,
        1 => Some(Money(-1 - i64::from(seed / 8))),
        2 => Some(Money(MONEY_LIMIT.0 + 1 + i64::from(seed / 8))),
        3 => Some(MONEY_LIMIT),
        4 => Some(Money(i64::MIN)),
        _ => Some(Money(i64::from(seed / 8) * 100)),
    }
}

pub fn currency(seed: u32) -> String {
    choose(
        &["EUR", "usd", " gbp ", "EURO", "", "E1R", "chf", "€UR"],
        seed,
    )
    .into()
}

pub fn audience(seed: u32) -> BTreeSet<StakeholderGroup> {
    StakeholderGroup::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| seed & (1 << i) != 0)
        .map(|(_, g)| *g)
        .collect()
}

/// A valid workspace whose people merge when imported: "Ann" and " ann " are one
/// provider, and both hold assignments on the same functions.
pub fn merging_source() -> Workspace {
    let mut w = Workspace::default();
    let apply = |w: &mut Workspace, a: Action| w.apply(a).expect("fixture action");
    for (n, side) in [
        ("Ann", Side::Provider),
        ("ann", Side::Provider),
        ("Bob", Side::Client),
        ("Eve", Side::ThirdParty),
    ] {
        apply(
            &mut w,
            Action::AddPerson {
                name: n.into(),
                side,
                group: StakeholderGroup::Performer,
                capacity: Hours::from_whole(40),
            },
        );
    }
    w.people[1].name = " ann ".into();
    let ids: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    apply(
        &mut w,
        Action::CreateEngagement {
            name: "Imported".into(),
            template: Template::ContractedVendor,
        },
    );
    let e = w.engagements[0].id;
    let legal = w.engagements[0].functions[5].id;
    let delivery = w.engagements[0].functions[2].id;
    for (p, f, role) in [
        (ids[0], legal, Raci::Accountable),
        (ids[1], legal, Raci::Responsible),
        (ids[0], delivery, Raci::Responsible),
        (ids[1], delivery, Raci::Responsible),
        (ids[1], delivery, Raci::Accountable),
        (ids[2], delivery, Raci::Informed),
    ] {
        apply(
            &mut w,
            Action::Assign {
                engagement: e,
                person: p,
                function: f,
                role,
                hours: Hours::from_whole(3),
            },
        );
    }
    apply(
        &mut w,
        Action::EditEngagement {
            engagement: e,
            edit: EngagementEdit::Pm(Some(ids[1])),
        },
    );
    let cs = w.engagements[0].functions[7].id;
    apply(
        &mut w,
        Action::SetPmAcceptance {
            engagement: e,
            function: cs,
            accepted: true,
        },
    );
    let decision = w.engagements[0].decisions[0].id;
    apply(
        &mut w,
        Action::EditDecisionArea {
            engagement: e,
            decision,
            edit: DecisionEdit::Authority(Some(ids[3])),
        },
    );
    assert!(w.validate().is_ok());
    w
}

pub fn invalid_source() -> Workspace {
    let mut w = merging_source();
    w.engagements[0].signoffs.delivery = Some(PersonId(100_000));
    w
}

/// The workspace every sequence starts from: two engagements with every slot that
/// can name a person filled, so that removing anyone has references to clear.
pub fn start() -> Workspace {
    let mut w = merging_source();
    w.people[1].name = "Cat".into();
    w.engagements[0].name = "Start".into();
    w.apply(Action::CreateEngagement {
        name: "In-house".into(),
        template: Template::InHouseProject,
    })
    .expect("fixture action");
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let mut k = 0;
    let mut next = || {
        k += 1;
        Some(people[k % people.len()])
    };
    for e in &mut w.engagements {
        e.pm = next();
        e.engagement_manager = next();
        e.champion = next();
        e.agreement_documenter = next();
        // Undated, and by whoever: as a plan from an older version may hold them.
        e.signoffs = SignOffs {
            sales: next(),
            customer_service: next(),
            delivery: next(),
            ..SignOffs::default()
        };
        for d in &mut e.decisions {
            d.authority = next();
        }
        for r in &mut e.reports {
            r.owner = next();
        }
        for c in &mut e.compliance {
            c.owner = next();
        }
    }
    assert!(w.validate().is_ok());
    w
}

/// [`start`] with pricing that names people in every way it can: each engagement has a
/// worksheet whose lines have estimators, an approval, and an approval log, one step
/// of which was taken by someone since removed from the roster. Set field by field, so
/// that no rule about who may estimate or approve decides what this fixture holds.
pub fn start_priced() -> Workspace {
    let mut w = start();
    let people: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let gone = people[3];
    w.apply(Action::RemovePerson { person: gone })
        .expect("fixture action");
    let people = &people[..3];
    let ids: Vec<EngagementId> = w.engagements.iter().map(|e| e.id).collect();
    for (k, &e) in ids.iter().enumerate() {
        let pricing = |w: &mut Workspace, action: PricingAction| {
            w.apply(Action::Pricing {
                engagement: e,
                action,
            })
            .expect("fixture action")
        };
        pricing(
            &mut w,
            PricingAction::AddWorksheet {
                name: "Base".into(),
                style: SellingStyle::Collaborative,
            },
        );
        let ws = w.engagement(e).unwrap().pricing.worksheets[0].id;
        for line in ["Build", "Support", "Training"] {
            pricing(
                &mut w,
                PricingAction::AddLine {
                    worksheet: ws,
                    name: line.into(),
                    billing: BillingType::FixedFee,
                },
            );
        }
        // A decision taken, with the positions of two people, one removed since.
        let proposal = ProposalId(w.next_id);
        w.next_id += 1;
        let e = &mut w.engagements[k];
        e.decisions[0].log = vec![Proposal {
            id: proposal,
            text: "Go live in March".into(),
            date: "2026-11-30".into(),
            quorum: None,
            worksheet: None,
            positions: vec![
                Position {
                    person: people[k % people.len()],
                    stance: Stance::For,
                    reason: String::new(),
                },
                Position {
                    person: gone,
                    stance: Stance::Against,
                    reason: "Too soon".into(),
                },
            ],
        }];
        let sheet = &mut e.pricing.worksheets[0];
        for (i, l) in sheet.lines.iter_mut().enumerate().take(2) {
            l.estimator = Some(people[(k + i) % people.len()]);
        }
        let approver = people[(k + 2) % people.len()];
        sheet.approval = Approval::Approved { by: approver };
        sheet.log = vec![
            ApprovalEvent {
                step: ApprovalStep::Submitted,
                by: None,
                note: String::new(),
            },
            ApprovalEvent {
                step: ApprovalStep::Rejected,
                by: Some(gone),
                note: "Too dear".into(),
            },
            ApprovalEvent {
                step: ApprovalStep::Approved,
                by: Some(approver),
                note: String::new(),
            },
        ];
    }
    assert!(w.validate().is_ok());
    w
}

/// Turns a step into an action against the workspace as it is now.
pub fn action(w: &Workspace, step: &Step) -> Action {
    let [a, b, c, d, x, y] = step.s;
    let e = engagement(w, a);
    let function = |seed| {
        FunctionId(item(w, e, seed, |e| {
            e.functions.iter().map(|f| f.id.0).collect()
        }))
    };
    let role = |seed: u32| {
        if seed.is_multiple_of(2) {
            Raci::Accountable
        } else {
            choose(&Raci::ALL, seed / 2)
        }
    };
    // An existing assignment of the engagement most of the time, else anything.
    let assignment = |seed: u32| -> (PersonId, FunctionId, Raci) {
        match w.engagement(e) {
            Some(en) if !en.assignments.is_empty() && !seed.is_multiple_of(4) => {
                let a = &en.assignments[(seed / 4) as usize % en.assignments.len()];
                (a.person, a.function, a.role)
            }
            _ => (person(w, seed), function(seed / 3), role(seed / 5)),
        }
    };
    match step.op {
        0 | 1 => Action::AddPerson {
            name: name(b),
            side: choose(&Side::ALL, c),
            group: choose(&StakeholderGroup::ALL, d),
            capacity: hours(x),
        },
        2 => Action::EditPerson {
            person: person(w, b),
            edit: match c % 4 {
                0 => PersonEdit::Name(name(d)),
                1 => PersonEdit::Side(choose(&Side::ALL, d)),
                2 => PersonEdit::Group(choose(&StakeholderGroup::ALL, d)),
                _ => PersonEdit::Capacity(hours(d)),
            },
        },
        3 | 40 | 41 => Action::RemovePerson {
            person: person(w, b),
        },
        4 => Action::CreateEngagement {
            name: name(b),
            template: choose(&Template::ALL, c),
        },
        5 => Action::DuplicateEngagement {
            engagement: e,
            name: name(b),
        },
        6 => Action::RemoveEngagement { engagement: e },
        7 | 8 => Action::EditEngagement {
            engagement: e,
            edit: match b % 14 {
                0 => EngagementEdit::Name(name(c)),
                1 => EngagementEdit::Client(name(c)),
                2 => EngagementEdit::Provider(name(c)),
                3 => EngagementEdit::Relationship(choose(&Relationship::ALL, c)),
                4 => EngagementEdit::Stage(choose(&Stage::ALL, c)),
                5 => EngagementEdit::Currency(currency(c)),
                6 => EngagementEdit::Pm(opt_person(w, c)),
                7 => EngagementEdit::EngagementManager(opt_person(w, c)),
                8 => EngagementEdit::Champion(opt_person(w, c)),
                9 => EngagementEdit::AgreementFormal(c.is_multiple_of(2)),
                10 => EngagementEdit::AgreementDocumenter(opt_person(w, c)),
                11 => EngagementEdit::ExpectedBenefits(money(c)),
                12 => EngagementEdit::ExpectedBudget(money(c)),
                _ => EngagementEdit::BenefitsDescription(text(c)),
            },
        },
        9 => Action::AddFunction {
            engagement: e,
            name: name(b),
        },
        10 => Action::RenameFunction {
            engagement: e,
            function: function(b),
            name: name(c),
        },
        11 => Action::RemoveFunction {
            engagement: e,
            function: function(b),
        },
        42 => Action::RestoreFunction {
            engagement: e,
            // A kind the engagement lacks, when it lacks one and the seed says so.
            kind: {
                let missing: Vec<FunctionKind> = w
                    .engagement(e)
                    .map(|en| {
                        FunctionKind::NINE
                            .into_iter()
                            .filter(|&k| en.function_of_kind(k).is_none())
                            .collect()
                    })
                    .unwrap_or_default();
                if !missing.is_empty() && !c.is_multiple_of(4) {
                    choose(&missing, b)
                } else {
                    choose(&FunctionKind::NINE, b)
                }
            },
        },
        43 => Action::RestoreDecisionArea {
            engagement: e,
            kind: choose(&DecisionKind::STANDARD, b),
        },
        12..=17 => Action::Assign {
            engagement: e,
            person: person(w, b),
            function: function(c),
            role: role(d),
            hours: hours(x),
        },
        18 | 19 | 38 => {
            let (person, function, role) = assignment(b);
            Action::Unassign {
                engagement: e,
                person,
                function,
                role,
            }
        }
        20 | 39 => {
            let (person, function, role) = assignment(b);
            Action::SetAssignmentHours {
                engagement: e,
                person,
                function,
                role,
                hours: hours(c),
            }
        }
        22 if d.is_multiple_of(2) => Action::SetPmDefaultHours {
            engagement: e,
            function: function(b),
            hours: hours(x),
        },
        21 | 22 => Action::SetPmAcceptance {
            engagement: e,
            function: function(b),
            accepted: !c.is_multiple_of(3),
        },
        23 => Action::AddDecisionArea {
            engagement: e,
            name: name(b),
        },
        24 => Action::EditDecisionArea {
            engagement: e,
            decision: DecisionId(item(w, e, b, |e| {
                e.decisions.iter().map(|d| d.id.0).collect()
            })),
            edit: match c % 3 {
                0 => DecisionEdit::Name(name(d)),
                1 => DecisionEdit::Method(if d.is_multiple_of(4) {
                    None
                } else {
                    Some(choose(&DecisionMethod::ALL, d))
                }),
                _ => DecisionEdit::Authority(opt_person(w, d)),
            },
        },
        25 => Action::RemoveDecisionArea {
            engagement: e,
            decision: DecisionId(item(w, e, b, |e| {
                e.decisions.iter().map(|d| d.id.0).collect()
            })),
        },
        26 => Action::AddReport {
            engagement: e,
            name: name(b),
        },
        27 => Action::EditReport {
            engagement: e,
            report: ReportId(item(w, e, b, |e| {
                e.reports.iter().map(|r| r.id.0).collect()
            })),
            edit: match c % 4 {
                0 => ReportEdit::Name(name(d)),
                1 => ReportEdit::Owner(opt_person(w, d)),
                2 => ReportEdit::Audience(audience(d)),
                _ => ReportEdit::Frequency(if d.is_multiple_of(7) {
                    None
                } else {
                    Some(choose(&Frequency::ALL, d))
                }),
            },
        },
        28 => Action::RemoveReport {
            engagement: e,
            report: ReportId(item(w, e, b, |e| {
                e.reports.iter().map(|r| r.id.0).collect()
            })),
        },
        29 => Action::AddNeed {
            engagement: e,
            title: name(b),
        },
        30 => Action::EditNeed {
            engagement: e,
            need: NeedId(item(w, e, b, |e| e.needs.iter().map(|n| n.id.0).collect())),
            edit: match c % 4 {
                0 => NeedEdit::Title(name(d)),
                1 => NeedEdit::Coverage(choose(&NeedAspect::ALL, d), choose(&Coverage::ALL, x)),
                2 => NeedEdit::Complete(d.is_multiple_of(2)),
                _ => NeedEdit::Note(text(d)),
            },
        },
        31 => Action::RemoveNeed {
            engagement: e,
            need: NeedId(item(w, e, b, |e| e.needs.iter().map(|n| n.id.0).collect())),
        },
        32 => Action::AddComplianceItem {
            engagement: e,
            rule: name(b),
        },
        33 => Action::EditComplianceItem {
            engagement: e,
            item: ComplianceId(item(w, e, b, |e| {
                e.compliance.iter().map(|c| c.id.0).collect()
            })),
            edit: match c % 3 {
                0 => ComplianceEdit::Rule(name(d)),
                1 => ComplianceEdit::Owner(opt_person(w, d)),
                _ => ComplianceEdit::Status(choose(&ComplianceStatus::ALL, d)),
            },
        },
        34 => Action::RemoveComplianceItem {
            engagement: e,
            item: ComplianceId(item(w, e, b, |e| {
                e.compliance.iter().map(|c| c.id.0).collect()
            })),
        },
        35 => match opt_person(w, c) {
            // Anyone, so that a person of the wrong group is refused now and then;
            // and now and then a day that does not exist.
            Some(person) => Action::SignOff {
                engagement: e,
                party: choose(&SignOffParty::ALL, b),
                person,
                date: if d.is_multiple_of(9) {
                    format!("2025-02-{}", 29 + d % 3)
                } else {
                    format!("2025-{:02}-{:02}", 1 + d % 12, 1 + x % 28)
                },
            },
            None => Action::WithdrawSignOff {
                engagement: e,
                party: choose(&SignOffParty::ALL, b),
            },
        },
        36 => Action::ImportEngagements {
            from: match y % 4 {
                // Importing the workspace into itself doubles it; keep that bounded.
                0 if w.engagements.len() <= 4 => w.clone(),
                0 | 1 => merging_source(),
                2 => invalid_source(),
                _ => Workspace::default(),
            },
        },
        48 | 49 => {
            let (p, f, r) = assignment(b);
            Action::MoveAssignment {
                engagement: e,
                person: p,
                from: (f, r),
                to: (function(c), role(d)),
            }
        }
        50 => {
            let (p, f, r) = assignment(b);
            Action::ReplaceAccountable {
                engagement: e,
                person: if x.is_multiple_of(3) { person(w, x) } else { p },
                function: function(c),
                from: (!d.is_multiple_of(3)).then_some((f, r)),
                hours: hours(y),
            }
        }
        44..=47 => Action::Pricing {
            engagement: e,
            action: pricing_actions::pricing_action(
                w,
                e,
                b % pricing_actions::PRICING_OPS,
                [c, d, x, y, b / pricing_actions::PRICING_OPS],
            ),
        },
        // Accounts: one of the workspace's most of the time, else one that is not there.
        51 => Action::AddAccount { name: name(b) },
        52 => Action::EditAccount {
            account: account(w, b),
            edit: match c % 3 {
                0 => AccountEdit::Name(name(d)),
                1 => AccountEdit::Owner(opt_person(w, d)),
                _ => AccountEdit::Notes(text(d)),
            },
        },
        53 => Action::RemoveAccount {
            account: account(w, b),
        },
        // The organization's standard and the departures from it.
        54 => match b % 3 {
            0 => Action::AdoptStandard { from: e },
            1 => Action::ResetStandard {
                relationship: choose(&Relationship::ALL, c),
            },
            _ => Action::SetStandardSignOff {
                relationship: choose(&Relationship::ALL, c),
                party: choose(&SignOffParty::ALL, d),
                required: x.is_multiple_of(2),
            },
        },
        55 => Action::ApplyStandard {
            engagement: e,
            departure: (!b.is_multiple_of(3)).then(|| departure(w, e, c)),
        },
        _ if step.op == 56 => match b % 3 {
            0 => Action::WithdrawAcceptance {
                engagement: e,
                departure: departure(w, e, c),
            },
            _ => Action::AcceptDeparture {
                engagement: e,
                departure: departure(w, e, c),
                reason: if d.is_multiple_of(5) {
                    String::new()
                } else {
                    text(d)
                },
            },
        },
        _ => Action::ReplaceWorkspace {
            with: match y % 3 {
                0 => merging_source(),
                1 => invalid_source(),
                _ => Workspace::default(),
            },
        },
    }
}

/// An account of the workspace most of the time, else an id that names none.
pub fn account(w: &Workspace, seed: u32) -> AccountId {
    if w.accounts.is_empty() || seed.is_multiple_of(5) {
        AccountId(seed % (w.next_id + 3))
    } else {
        w.accounts[(seed / 5) as usize % w.accounts.len()].id
    }
}

/// A departure of the engagement from the standard most of the time, else one that
/// may not be.
pub fn departure(w: &Workspace, e: EngagementId, seed: u32) -> DepartureKey {
    let found = w
        .engagement(e)
        .map(|en| engagement_planner::model::standard::departures(w, en))
        .unwrap_or_default();
    if found.is_empty() || seed.is_multiple_of(4) {
        DepartureKey::FunctionRenamed(FunctionKind::Legal.default_name().to_string())
    } else {
        found[(seed / 4) as usize % found.len()].key.clone()
    }
}
