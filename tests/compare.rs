//! Comparing a plan that came back by email with the plan here (`model::compare`), and
//! taking its changes: every kind of difference, matched by identity and by name; each
//! change taken alone; all taken at once as one undoable step; refusals; and properties
//! over random plans (a plan compared with itself has no difference; taking every change
//! of B over A gives B, for the parts the comparison covers).
#![cfg(not(target_arch = "wasm32"))]

mod plans;

#[path = "support/pricing_actions.rs"]
mod pricing_actions;

#[path = "support/actions.rs"]
mod actions;

use engagement_planner::model::pricing::{BillingType, LineEdit, PricingAction, SellingStyle};
use engagement_planner::model::*;
use plans::{apply, assign, edit, engagement, function, person, person_on};
use proptest::collection::vec;
use proptest::prelude::*;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------
// The plan sent by email, and the one that came back
// ---------------------------------------------------------------------------------

struct Sent {
    w: Workspace,
    e: EngagementId,
    jordan: PersonId,
    pat: PersonId,
    ari: PersonId,
    old: PersonId,
    legal: FunctionId,
    delivery: FunctionId,
    base: WorksheetId,
    build: LineId,
    dev: RateRoleId,
    need: NeedId,
}

fn sent() -> Sent {
    let mut w = Workspace::default();
    let jordan = person(&mut w, "Jordan Counsel", StakeholderGroup::Legal, 40);
    let pat = person(&mut w, "Pat Doe", StakeholderGroup::Performer, 40);
    let ari = person(&mut w, "Ari Sells", StakeholderGroup::Sales, 40);
    let erin = person(
        &mut w,
        "Erin Manager",
        StakeholderGroup::EngagementManager,
        40,
    );
    let old = person(&mut w, "Old Timer", StakeholderGroup::Performer, 20);
    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Pm(Some(pat)));
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(erin)));
    let legal = function(&w, e, FunctionKind::Legal);
    let delivery = function(&w, e, FunctionKind::Delivery);
    let em = function(&w, e, FunctionKind::EngagementManagement);
    assign(&mut w, e, jordan, legal, Raci::Accountable, 4);
    assign(&mut w, e, pat, delivery, Raci::Responsible, 10);
    assign(&mut w, e, erin, em, Raci::Accountable, 6);
    assign(&mut w, e, old, delivery, Raci::Informed, 0);
    let dev = plans::rate_role(&mut w, e, "Developer", 5_000, 10_000);
    let base = plans::worksheet(&mut w, e, "Base", SellingStyle::Collaborative);
    let build = plans::line(&mut w, e, base, "Build", dev, 700);
    plans::price(
        &mut w,
        e,
        PricingAction::SetDeal {
            worksheet: Some(base),
        },
    );
    let need = plans::need(&mut w, e, "Reporting dashboard");
    apply(
        &mut w,
        Action::SignOff {
            engagement: e,
            party: SignOffParty::Sales,
            person: ari,
            date: "2026-11-02".into(),
        },
    );
    Sent {
        w,
        e,
        jordan,
        pat,
        ari,
        old,
        legal,
        delivery,
        base,
        build,
        dev,
        need,
    }
}

/// What came back: delivery and sales changed every part of the plan.
fn returned(s: &Sent) -> Workspace {
    let mut b = s.w.clone();
    let e = s.e;
    let dana = person(&mut b, "Dana Lee", StakeholderGroup::Legal, 40);
    apply(
        &mut b,
        Action::EditPerson {
            person: s.pat,
            edit: PersonEdit::Capacity(Hours::from_whole(32)),
        },
    );
    apply(&mut b, Action::RemovePerson { person: s.old });
    // Roles.
    apply(
        &mut b,
        Action::ReplaceAccountable {
            engagement: e,
            person: dana,
            function: s.legal,
            from: None,
            hours: Hours::from_whole(5),
        },
    );
    apply(
        &mut b,
        Action::SetAssignmentHours {
            engagement: e,
            person: s.pat,
            function: s.delivery,
            role: Raci::Responsible,
            hours: Hours::from_whole(12),
        },
    );
    assign(&mut b, e, s.jordan, s.delivery, Raci::Consulted, 1);
    // Governance.
    let scope = plans::decision(&b, e, DecisionKind::ScopeChange);
    plans::edit_decision(
        &mut b,
        e,
        scope,
        DecisionEdit::Method(Some(DecisionMethod::Consensus)),
    );
    let report = ReportId(b.next_id);
    apply(
        &mut b,
        Action::AddReport {
            engagement: e,
            name: "Weekly status".into(),
        },
    );
    apply(
        &mut b,
        Action::EditReport {
            engagement: e,
            report,
            edit: ReportEdit::Owner(Some(dana)),
        },
    );
    // Decisions taken.
    let proposal = ProposalId(b.next_id);
    apply(
        &mut b,
        Action::Propose {
            engagement: e,
            decision: scope,
            text: "Go live in March".into(),
            date: "2026-11-20".into(),
            quorum: None,
            worksheet: None,
        },
    );
    let erin = b
        .people
        .iter()
        .find(|p| p.name == "Erin Manager")
        .unwrap()
        .id;
    apply(
        &mut b,
        Action::SetPosition {
            engagement: e,
            decision: scope,
            proposal,
            person: erin,
            stance: Some(Stance::For),
            reason: String::new(),
        },
    );
    // Client needs.
    plans::cover(&mut b, e, s.need, NeedAspect::Promised, Coverage::Fully);
    // Pricing.
    plans::price(
        &mut b,
        e,
        PricingAction::EditLine {
            worksheet: s.base,
            line: s.build,
            edit: LineEdit::Hours(s.dev, Hours::from_whole(745)),
        },
    );
    plans::price(
        &mut b,
        e,
        PricingAction::EditLine {
            worksheet: s.base,
            line: s.build,
            edit: LineEdit::Discount(Bps::percent(5)),
        },
    );
    plans::price(&mut b, e, PricingAction::Submit { worksheet: s.base });
    // Sign-offs.
    apply(
        &mut b,
        Action::SignOff {
            engagement: e,
            party: SignOffParty::Delivery,
            person: s.pat,
            date: "2026-11-21".into(),
        },
    );
    apply(
        &mut b,
        Action::WithdrawSignOff {
            engagement: e,
            party: SignOffParty::Sales,
        },
    );
    b
}

fn texts(c: &Comparison) -> Vec<String> {
    c.changes.iter().map(|c| c.text.clone()).collect()
}

fn find<'a>(c: &'a Comparison, text: &str) -> (usize, &'a Change) {
    c.changes
        .iter()
        .enumerate()
        .find(|(_, x)| x.text == text)
        .unwrap_or_else(|| panic!("no change {text:?} in {:#?}", texts(c)))
}

fn takeable_texts(c: &Comparison) -> Vec<String> {
    let mut t: Vec<String> = c
        .changes
        .iter()
        .filter(|c| c.can_be_taken())
        .map(|c| c.text.clone())
        .collect();
    t.sort();
    t
}

// ---------------------------------------------------------------------------------
// The difference
// ---------------------------------------------------------------------------------

#[test]
fn a_plan_that_came_back_is_matched_by_identity_and_every_change_is_said_in_words() {
    let s = sent();
    let b = returned(&s);
    assert_eq!(matching_for(&s.w, s.e, &b, s.e), Matching::Identity);
    assert_eq!(likely_match(&s.w, s.e, &b), Some(s.e));
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    assert_eq!(c.matching, Matching::Identity);

    let (dana_added, added) = find(
        &c,
        "Dana Lee joins the roster (Provider, Legal, 40 hours a week)",
    );
    assert_eq!(added.group, ChangeGroup::People);
    assert_eq!((added.old.as_str(), added.new.as_str()), ("", "Dana Lee"));
    let (_, cap) = find(&c, "Pat Doe: capacity changed from 40 to 32 hours a week");
    assert_eq!((cap.old.as_str(), cap.new.as_str()), ("40", "32"));
    let (_, removed) = find(&c, "Old Timer is not in their plan: remove from the roster");
    assert_eq!(
        removed.actions,
        vec![Action::RemovePerson { person: s.old }]
    );

    let (_, acc) = find(
        &c,
        "Legal: Accountable changed from Jordan Counsel to Dana Lee",
    );
    assert_eq!(acc.group, ChangeGroup::Roles);
    assert_eq!(acc.needs, vec![dana_added], "it needs Dana Lee added first");
    assert_eq!(
        (acc.old.as_str(), acc.new.as_str()),
        ("Jordan Counsel", "Dana Lee")
    );
    find(
        &c,
        "Delivery: Pat Doe's hours as Responsible changed from 10 to 12 a week",
    );
    find(
        &c,
        "Delivery: Jordan Counsel becomes Consulted (1 hour a week)",
    );
    find(&c, "Delivery: Old Timer is no longer Informed");

    let (_, method) = find(
        &c,
        "Scope change: method changed from Authority to Consensus",
    );
    assert_eq!(method.group, ChangeGroup::Governance);
    let (_, report) = find(&c, "Report \u{201c}Weekly status\u{201d} added");
    assert!(report.needs.contains(&dana_added), "its owner is Dana Lee");

    let (proposed, decision) = find(
        &c,
        "Decision \u{201c}Go live in March\u{201d} (Scope change) of 2026-11-20 added",
    );
    assert_eq!(decision.group, ChangeGroup::Decisions);
    let (_, position) = find(
        &c,
        "Decision \u{201c}Go live in March\u{201d} (Scope change): position of Erin Manager: agrees",
    );
    assert_eq!(position.needs, vec![proposed]);

    let (_, need) = find(
        &c,
        "Reporting dashboard: Promised changed from Unknown to Fully",
    );
    assert_eq!(need.group, ChangeGroup::ClientNeeds);

    let (_, hours) = find(
        &c,
        "Line \u{201c}Build\u{201d} of Base: Developer hours 700 \u{2192} 745",
    );
    assert_eq!(hours.group, ChangeGroup::Pricing);
    find(
        &c,
        "Line \u{201c}Build\u{201d} of Base: discount 0 % \u{2192} 5 %",
    );
    find(&c, "Base: Draft \u{2192} Submitted");
    let (_, price) = find(&c, "Deal price 70,000.00 \u{2192} 70,775.00");
    assert_eq!(
        (price.old.as_str(), price.new.as_str()),
        ("70,000.00", "70,775.00")
    );
    assert!(!price.can_be_taken() && price.actions.is_empty());

    let (_, delivery) = find(
        &c,
        "Delivery sign-off: not signed \u{2192} Pat Doe on 2026-11-21",
    );
    assert_eq!(delivery.group, ChangeGroup::SignOffs);
    find(
        &c,
        "Sales sign-off: Ari Sells on 2026-11-02 \u{2192} not signed",
    );

    // Nothing a user reads names an id or Rust's words.
    for change in &c.changes {
        for t in [&change.text, &change.old, &change.new] {
            assert!(
                !t.contains("Some(") && !t.contains("None") && !t.contains("Id("),
                "{t}"
            );
        }
    }
    // Removing someone takes them out of their roles here first.
    let (unassign, _) = find(&c, "Delivery: Old Timer is no longer Informed");
    let (_, removal) = find(&c, "Old Timer is not in their plan: remove from the roster");
    assert_eq!(removal.needs, vec![unassign]);
}

// ---------------------------------------------------------------------------------
// Who changed what: the file carries the copy it was based on
// ---------------------------------------------------------------------------------

#[test]
fn names_are_matched_only_when_both_sides_added_things_since_the_copy_sent() {
    let s = sent();
    let base = s.w.clone();
    let theirs = returned(&s);
    let mut joined = s.w.clone();
    person(&mut joined, "Kim Analyst", StakeholderGroup::Performer, 20);
    // Only the file added things, or only this plan: their ids cannot clash.
    assert_eq!(
        matching_since(&base, s.e, &theirs, s.e, &base),
        Matching::Identity
    );
    assert_eq!(
        matching_since(&joined, s.e, &base, s.e, &base),
        Matching::Identity
    );
    // Both did: the same new id may name Kim here and Dana there.
    assert_eq!(
        matching_since(&joined, s.e, &theirs, s.e, &base),
        Matching::Name
    );
    // A plan started separately is matched by name whatever the copy.
    let (separate, e) = separately(&s);
    assert_eq!(
        matching_since(&separate, e, &base, s.e, &base),
        Matching::Name
    );
}

/// The side of the change whose sentence starts with `start`.
fn side_of(c: &Comparison, sides: &[MadeBy], start: &str) -> MadeBy {
    let i = c
        .changes
        .iter()
        .position(|x| x.text.starts_with(start))
        .unwrap_or_else(|| panic!("no change starting {start:?} in {:#?}", texts(c)));
    sides[i].clone()
}

#[test]
fn with_the_copy_sent_each_change_says_who_made_it() {
    let s = sent();
    let base = s.w.clone();
    let theirs = returned(&s);
    // Here, since sending: Pat's capacity changed too (differently), Old Timer was
    // kept, the client need was renamed and someone joined.
    let mut here = s.w.clone();
    apply(
        &mut here,
        Action::EditPerson {
            person: s.pat,
            edit: PersonEdit::Capacity(Hours::from_whole(36)),
        },
    );
    apply(
        &mut here,
        Action::EditNeed {
            engagement: s.e,
            need: s.need,
            edit: NeedEdit::Title("Reporting dashboard and exports".into()),
        },
    );
    person(&mut here, "Kim Analyst", StakeholderGroup::Performer, 20);
    // Both added someone since sending, so the same new id names Kim here and Dana
    // there: the plans are matched by name.
    assert_eq!(matching_for(&here, s.e, &theirs, s.e), Matching::Identity);
    let m = matching_since(&here, s.e, &theirs, s.e, &base);
    assert_eq!(m, Matching::Name);
    let c = compare_by(&here, s.e, &theirs, s.e, m).unwrap();
    let sides = c.made_by(&here, &base).unwrap();
    assert_eq!(sides.len(), c.changes.len());

    // Both changed Pat's capacity: the value sent is shown beside the two.
    assert_eq!(
        side_of(&c, &sides, "Pat Doe: capacity changed from 36 to 32"),
        MadeBy::Both { sent: "40".into() }
    );
    // Only they added Dana Lee, made her Accountable for Legal and changed the price.
    for theirs_only in [
        "Dana Lee joins the roster",
        "Legal: Accountable changed from Jordan Counsel to Dana Lee",
        "Delivery: Pat Doe's hours as Responsible changed from 10 to 12 a week",
    ] {
        assert_eq!(
            side_of(&c, &sides, theirs_only),
            MadeBy::Them,
            "{theirs_only}"
        );
    }
    // The need renamed here (matched by name: a removal and an addition): the file
    // still has the name sent, so its removal is a change made here; its addition
    // brings their coverage (promised fully) and so is a change of both sides.
    assert_eq!(
        side_of(&c, &sides, "Client need “Reporting dashboard” added"),
        MadeBy::Both {
            sent: "Reporting dashboard: Promised unknown, Bought unknown, Needed unknown, Delivered unknown".into()
        }
    );
    assert_eq!(
        side_of(
            &c,
            &sides,
            "Client need “Reporting dashboard and exports” removed"
        ),
        MadeBy::You
    );
    // Kim joined the roster here but has no part in the engagement: not compared.
    assert!(!texts(&c).iter().any(|t| t.contains("Kim")));
    // Nothing else was changed here: every other change is theirs.
    let yours_or_both = sides.iter().filter(|x| **x != MadeBy::Them).count();
    assert_eq!(
        yours_or_both,
        3,
        "{:#?}",
        c.changes
            .iter()
            .zip(&sides)
            .map(|(c, s)| (&c.text, s))
            .collect::<Vec<_>>()
    );
    // A copy sent that does not have the engagement tells nothing.
    assert_eq!(c.made_by(&here, &Workspace::default()), None);
}

#[test]
fn a_plan_compared_with_itself_has_no_difference_either_way_of_matching() {
    let s = sent();
    let b = returned(&s);
    for w in [&s.w, &b] {
        for m in [Matching::Identity, Matching::Name] {
            let c = compare_by(w, s.e, w, s.e, m).unwrap();
            assert!(c.is_empty(), "{m:?}: {:#?}", texts(&c));
        }
    }
}

/// The same engagement typed in separately: other ids, the same names.
fn separately(s: &Sent) -> (Workspace, EngagementId) {
    let mut w = Workspace::default();
    // Someone else first, so that no id lines up by chance.
    person(&mut w, "Zoe Extra", StakeholderGroup::Sponsor, 40);
    let pat = person(&mut w, "Pat Doe", StakeholderGroup::Performer, 36);
    let jordan = person(&mut w, "Jordan Counsel", StakeholderGroup::Legal, 40);
    let ari = person(&mut w, "ari sells", StakeholderGroup::Sales, 40);
    let erin = person(
        &mut w,
        "Erin Manager",
        StakeholderGroup::EngagementManager,
        40,
    );
    let e = engagement(&mut w, "Website relaunch", Template::ContractedVendor);
    edit(&mut w, e, EngagementEdit::Pm(Some(pat)));
    edit(&mut w, e, EngagementEdit::EngagementManager(Some(erin)));
    let legal = function(&w, e, FunctionKind::Legal);
    let delivery = function(&w, e, FunctionKind::Delivery);
    let em = function(&w, e, FunctionKind::EngagementManagement);
    assign(&mut w, e, jordan, legal, Raci::Accountable, 4);
    assign(&mut w, e, pat, delivery, Raci::Responsible, 10);
    assign(&mut w, e, erin, em, Raci::Accountable, 6);
    assign(&mut w, e, ari, legal, Raci::Informed, 0);
    let dev = plans::rate_role(&mut w, e, "Developer", 5_000, 12_000);
    let base = plans::worksheet(&mut w, e, "Base", SellingStyle::Collaborative);
    plans::line(&mut w, e, base, "Build", dev, 700);
    plans::line(&mut w, e, base, "Training", dev, 20);
    plans::price(
        &mut w,
        e,
        PricingAction::SetDeal {
            worksheet: Some(base),
        },
    );
    plans::need(&mut w, e, "Reporting dashboard");
    let _ = (s.ari, s.jordan);
    (w, e)
}

#[test]
fn a_plan_started_separately_is_matched_by_name() {
    let s = sent();
    let (b, theirs) = separately(&s);
    assert_eq!(matching_for(&s.w, s.e, &b, theirs), Matching::Name);
    assert_eq!(
        likely_match(&s.w, s.e, &b),
        Some(theirs),
        "by the engagement's name"
    );
    let c = compare(&s.w, s.e, &b, theirs).unwrap();
    assert_eq!(c.matching, Matching::Name);
    let t = texts(&c);
    // Matched by name, the same people and items are no difference...
    assert!(
        !t.iter().any(|x| x.contains("Jordan Counsel joins")),
        "{t:#?}"
    );
    assert!(!t.iter().any(|x| x.contains("Function")), "{t:#?}");
    // ... and what differs is found on the right things.
    find(
        &c,
        "Zoe Extra joins the roster (Provider, Sponsor, 40 hours a week)",
    );
    find(&c, "Pat Doe: capacity changed from 40 to 36 hours a week");
    find(&c, "Ari Sells is now called ari sells");
    find(&c, "Legal: ari sells becomes Informed (0 hours a week)");
    find(&c, "Delivery: Old Timer is no longer Informed");
    find(&c, "Rate card: Developer bill rate 100.00 \u{2192} 120.00");
    find(
        &c,
        "Line \u{201c}Training\u{201d} of Base added (fixed fee)",
    );
    find(&c, "Deal price 70,000.00 \u{2192} 86,400.00");
    find(
        &c,
        "Sales sign-off: Ari Sells on 2026-11-02 \u{2192} not signed",
    );

    // Taking everything reproduces their engagement: nothing is left to take.
    let mut h = History::new(s.w.clone());
    let results = c.take_all(&mut h);
    for (i, r) in &results {
        assert!(r.is_ok(), "{}: {:?}", c.changes[*i].text, r);
    }
    let again = compare_by(h.present(), s.e, &b, theirs, Matching::Name).unwrap();
    assert!(again.is_empty(), "{:#?}", texts(&again));
}

/// A copy of a plan with every id new (imported into an empty workspace, with someone
/// added first so that no id lines up), as a plan typed in separately would have.
fn renumbered(w: &Workspace) -> (Workspace, EngagementId) {
    let mut fresh = Workspace::default();
    person(&mut fresh, "Someone Else", StakeholderGroup::Regulator, 40);
    apply(&mut fresh, Action::ImportEngagements { from: w.clone() });
    fresh
        .apply(Action::RemovePerson {
            person: PersonId(0),
        })
        .unwrap();
    let e = fresh.engagements[0].id;
    (fresh, e)
}

#[test]
fn matched_by_name_the_same_changes_are_found_as_by_identity() {
    let s = sent();
    let b = returned(&s);
    let (nb, ne) = renumbered(&b);
    assert_ne!(ne, s.e);
    assert_eq!(matching_for(&s.w, s.e, &nb, ne), Matching::Name);
    let by_id = compare_by(&s.w, s.e, &b, s.e, Matching::Identity).unwrap();
    let by_name = compare(&s.w, s.e, &nb, ne).unwrap();
    let mut a = texts(&by_id);
    let mut n = texts(&by_name);
    a.sort();
    n.sort();
    // Their roster in the file is the people they kept: Old Timer, whom they removed,
    // is not in it either way.
    assert_eq!(n, a);
    for (x, y) in by_id.changes.iter().zip(&by_name.changes) {
        assert_eq!(
            (x.group, &x.old, &x.new),
            (y.group, &y.old, &y.new),
            "{}",
            x.text
        );
    }
    let mut h = History::new(s.w.clone());
    for (i, r) in by_name.take_all(&mut h) {
        assert!(r.is_ok(), "{}: {r:?}", by_name.changes[i].text);
    }
    let again = compare_by(h.present(), s.e, &nb, ne, Matching::Name).unwrap();
    assert!(again.is_empty(), "{:#?}", texts(&again));
}

#[test]
fn a_renamed_item_is_a_rename_by_identity_and_a_removal_and_an_addition_by_name() {
    let s = sent();
    let mut b = s.w.clone();
    apply(
        &mut b,
        Action::EditNeed {
            engagement: s.e,
            need: s.need,
            edit: NeedEdit::Title("Sales dashboard".into()),
        },
    );
    let c = compare_by(&s.w, s.e, &b, s.e, Matching::Identity).unwrap();
    assert_eq!(
        texts(&c),
        ["Client need \u{201c}Reporting dashboard\u{201d} is now \u{201c}Sales dashboard\u{201d}"]
    );
    let c = compare_by(&s.w, s.e, &b, s.e, Matching::Name).unwrap();
    assert_eq!(
        texts(&c),
        [
            "Client need \u{201c}Sales dashboard\u{201d} added",
            "Client need \u{201c}Reporting dashboard\u{201d} removed"
        ]
    );
}

#[test]
fn accepted_departures_and_the_clients_name_are_compared() {
    let s = sent();
    let mut b = s.w.clone();
    plans::set_client(&mut b, s.e, "Acme");
    let mut a = s.w.clone();
    plans::set_client(&mut a, s.e, "ACME");
    let quality = function(&b, s.e, FunctionKind::QualityManagement);
    apply(
        &mut b,
        Action::RenameFunction {
            engagement: s.e,
            function: quality,
            name: "Testing".into(),
        },
    );
    let departure = DepartureKey::FunctionRenamed("Quality management".into());
    apply(
        &mut b,
        Action::AcceptDeparture {
            engagement: s.e,
            departure: departure.clone(),
            reason: "The client calls it testing".into(),
        },
    );
    let c = compare(&a, s.e, &b, s.e).unwrap();
    let (rename, _) = find(
        &c,
        "Function \u{201c}Quality management\u{201d} is now called \u{201c}Testing\u{201d}",
    );
    let (accept, change) = find(
        &c,
        "Departure from the standard accepted: \u{201c}Quality management\u{201d} (function renamed)",
    );
    assert_eq!(change.new, "The client calls it testing");
    let (client, change) = find(&c, "Client: ACME is written Acme in their plan");
    assert_eq!(change.group, ChangeGroup::Engagement);
    // The acceptance alone does not fit: the function is not renamed here yet.
    let mut h = History::new(a.clone());
    let results = c.take(&mut h, &[accept]);
    assert_eq!(
        results[0].1.clone().unwrap_err().to_string(),
        "This engagement no longer departs from the standard on Quality management."
    );
    let results = c.take(&mut h, &[rename, accept, client]);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    assert!(compare(h.present(), s.e, &b, s.e).unwrap().is_empty());
}

// ---------------------------------------------------------------------------------
// Taking changes
// ---------------------------------------------------------------------------------

#[test]
fn each_change_taken_alone_reproduces_exactly_that_part_of_their_plan() {
    let s = sent();
    let b = returned(&s);
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    let before = takeable_texts(&c);
    assert!(before.len() >= 15, "{before:#?}");
    for (i, change) in c.changes.iter().enumerate() {
        if !change.can_be_taken() {
            continue;
        }
        let mut h = History::new(s.w.clone());
        let results = c.take(&mut h, &[i]);
        let mut tried: Vec<usize> = results.iter().map(|(i, _)| *i).collect();
        let mut expected = change.needs.clone();
        expected.push(i);
        tried.sort();
        expected.sort();
        assert_eq!(tried, expected, "{}: it and what it needs", change.text);
        for (j, r) in &results {
            assert!(r.is_ok(), "{} was refused: {:?}", c.changes[*j].text, r);
        }
        assert!(h.can_undo());
        // What is left to take is everything else, as it was. A sign-off covers the
        // process as it was signed, so a change to the roles or governance puts the
        // sign-offs' standing in question: those are left out of the comparison.
        let after = compare(h.present(), s.e, &b, s.e).unwrap();
        let keep = |t: &String| !t.contains("sign-off");
        let left: Vec<String> = takeable_texts(&after).into_iter().filter(keep).collect();
        let mut wanted: Vec<String> = before
            .iter()
            .filter(|t| !expected.iter().any(|&k| &&c.changes[k].text == t))
            .filter(|t| keep(t))
            .cloned()
            .collect();
        wanted.sort();
        assert_eq!(left, wanted, "after taking {:?}", change.text);
        // One undo puts the plan back.
        h.undo();
        assert_eq!(*h.present(), s.w);
    }
}

#[test]
fn taking_all_is_one_undoable_step_that_reproduces_their_plan() {
    let s = sent();
    let b = returned(&s);
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    let mut h = History::new(s.w.clone());
    let results = c.take_all(&mut h);
    for (i, r) in &results {
        assert!(r.is_ok(), "{}: {:?}", c.changes[*i].text, r);
    }
    let again = compare(h.present(), s.e, &b, s.e).unwrap();
    assert!(again.is_empty(), "{:#?}", texts(&again));
    assert!(h.present().validate().is_ok());
    assert!(h.undo());
    assert_eq!(*h.present(), s.w);
    assert!(!h.can_undo(), "one step for the whole set");
}

#[test]
fn a_change_that_no_longer_fits_is_refused_with_the_reason_and_the_others_go_in() {
    let mut s = sent();
    // Nobody is Accountable for procurement here; their plan makes Pat Accountable.
    let procurement = function(&s.w, s.e, FunctionKind::Procurement);
    let mut b = s.w.clone();
    assign(&mut b, s.e, s.pat, procurement, Raci::Accountable, 3);
    plans::cover(&mut b, s.e, s.need, NeedAspect::Bought, Coverage::Partly);
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    let (acc, _) = find(
        &c,
        "Procurement: Pat Doe becomes Accountable (3 hours a week)",
    );
    let (need, _) = find(
        &c,
        "Reporting dashboard: Bought changed from Unknown to Partly",
    );
    // Meanwhile, someone here made Ari Accountable for procurement.
    assign(&mut s.w, s.e, s.ari, procurement, Raci::Accountable, 2);
    let mut h = History::new(s.w.clone());
    let results = c.take(&mut h, &[acc, need]);
    assert_eq!(results.len(), 2);
    let refusal = results[0].1.clone().unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "Procurement already has an Accountable person (Ari Sells). A function has exactly one final authority: unassign Ari Sells first, or make the new person Responsible."
    );
    assert!(results[1].1.is_ok());
    let e = h.present().engagement(s.e).unwrap();
    assert_eq!(e.accountable(procurement), Some(s.ari));
    assert_eq!(e.need(s.need).unwrap().bought, Coverage::Partly);
    // Not taken: left as it was.
    assert_eq!(e.need(s.need).unwrap().promised, Coverage::Unknown);
    h.undo();
    assert_eq!(*h.present(), s.w);
}

#[test]
fn a_change_that_cannot_be_taken_says_why_and_leaves_the_plan_alone() {
    let s = sent();
    let b = returned(&s);
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    let (price, _) = find(&c, "Deal price 70,000.00 \u{2192} 70,775.00");
    let mut h = History::new(s.w.clone());
    let results = c.take(&mut h, &[price]);
    assert_eq!(results.len(), 1);
    let Err(Refusal::Cannot(why)) = &results[0].1 else {
        panic!("{results:?}")
    };
    assert!(why.contains("take those changes"), "{why}");
    assert!(!h.can_undo(), "nothing changed, no step");
}

#[test]
fn a_change_naming_someone_removed_since_their_addition_was_taken_says_so() {
    let s = sent();
    let b = returned(&s);
    let c = compare(&s.w, s.e, &b, s.e).unwrap();
    let (dana, _) = find(
        &c,
        "Dana Lee joins the roster (Provider, Legal, 40 hours a week)",
    );
    let (acc, _) = find(
        &c,
        "Legal: Accountable changed from Jordan Counsel to Dana Lee",
    );
    let mut h = History::new(s.w.clone());
    assert!(c.take(&mut h, &[dana])[0].1.is_ok());
    let added = h
        .present()
        .people
        .iter()
        .find(|p| p.name == "Dana Lee")
        .unwrap()
        .id;
    h.apply(Action::RemovePerson { person: added }).unwrap();
    let plan = h.present().clone();
    // Taking the change takes what it needs again: Dana Lee joins once more.
    let results = c.take(&mut h, &[acc]);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    // Taken alone, without what it needs, it says what is missing.
    let mut alone = c.clone();
    alone.changes[acc].needs.clear();
    let mut h = History::new(plan.clone());
    let results = alone.take(&mut h, &[acc]);
    assert_eq!(
        results[0].1.clone().unwrap_err().to_string(),
        "Dana Lee is not in this plan (renamed or removed since it was added?): take the change that adds it first."
    );
    assert_eq!(*h.present(), plan);
}

#[test]
fn history_apply_all_skips_refused_actions_and_is_one_step() {
    let s = sent();
    let mut h = History::new(s.w.clone());
    let results = h.apply_all([
        Action::EditPerson {
            person: s.pat,
            edit: PersonEdit::Capacity(Hours::from_whole(30)),
        },
        Action::EditPerson {
            person: s.pat,
            edit: PersonEdit::Capacity(Hours::from_whole(500)),
        },
        Action::Assign {
            engagement: s.e,
            person: s.ari,
            function: s.legal,
            role: Raci::Accountable,
            hours: Hours(0),
        },
        Action::EditPerson {
            person: s.ari,
            edit: PersonEdit::Name("Ari Seller".into()),
        },
    ]);
    assert!(results[0].is_ok() && results[3].is_ok());
    assert_eq!(
        results[1].clone().unwrap_err().to_string(),
        "500 hours a week is impossible: a week has 168."
    );
    assert!(matches!(
        results[2],
        Err(ModelError::SecondAccountable { .. })
    ));
    assert_eq!(
        h.present().person(s.pat).unwrap().capacity,
        Hours::from_whole(30)
    );
    assert_eq!(h.present().person(s.ari).unwrap().name, "Ari Seller");
    assert!(h.undo());
    assert_eq!(*h.present(), s.w);
    assert!(!h.can_undo());
    // Nothing taken, nothing to undo.
    let mut h = History::new(s.w.clone());
    let results = h.apply_all([Action::RemovePerson {
        person: PersonId(999_999),
    }]);
    assert!(results[0].is_err());
    assert!(!h.can_undo());
}

#[test]
fn new_worksheets_lines_functions_and_decision_areas_come_with_what_they_hold() {
    let s = sent();
    let mut b = s.w.clone();
    let e = s.e;
    let zed = person_on(
        &mut b,
        "Zed Estimator",
        Side::Provider,
        StakeholderGroup::Performer,
        40,
    );
    let qa = RateRoleId(b.next_id);
    plans::price(
        &mut b,
        e,
        PricingAction::AddRateRole {
            name: "Tester".into(),
            cost_rate: Money(4_000),
            bill_rate: Money(8_000),
        },
    );
    let ws = plans::worksheet(&mut b, e, "What-if", SellingStyle::Collaborative);
    let line = LineId(b.next_id);
    plans::price(
        &mut b,
        e,
        PricingAction::AddLine {
            worksheet: ws,
            name: "Testing".into(),
            billing: BillingType::TimeAndMaterials,
        },
    );
    for edit in [
        LineEdit::Hours(qa, Hours::from_whole(30)),
        LineEdit::DeliveryHours(qa, Hours::from_whole(35)),
        LineEdit::Estimator(Some(zed)),
        LineEdit::Cap(Some(Money(500_000))),
        LineEdit::Need(Some(s.need)),
    ] {
        plans::price(
            &mut b,
            e,
            PricingAction::EditLine {
                worksheet: ws,
                line,
                edit,
            },
        );
    }
    plans::price(
        &mut b,
        e,
        PricingAction::AddExpense {
            worksheet: ws,
            line,
            name: "Devices".into(),
            cost: Money(20_000),
            markup: Bps::percent(10),
        },
    );
    plans::price(
        &mut b,
        e,
        PricingAction::SetWorksheetField {
            worksheet: ws,
            field: WorksheetField::TargetMargin,
            value: Bps::percent(30),
        },
    );
    plans::price(&mut b, e, PricingAction::Submit { worksheet: ws });
    let f = FunctionId(b.next_id);
    apply(
        &mut b,
        Action::AddFunction {
            engagement: e,
            name: "Security".into(),
        },
    );
    assign(&mut b, e, zed, f, Raci::Responsible, 3);
    let d = DecisionId(b.next_id);
    apply(
        &mut b,
        Action::AddDecisionArea {
            engagement: e,
            name: "Hiring".into(),
        },
    );
    plans::edit_decision(
        &mut b,
        e,
        d,
        DecisionEdit::Method(Some(DecisionMethod::Authority)),
    );
    plans::edit_decision(&mut b, e, d, DecisionEdit::Authority(Some(zed)));
    // Legal is renamed; Quality management is gone.
    apply(
        &mut b,
        Action::RenameFunction {
            engagement: e,
            function: s.legal,
            name: "Contracts".into(),
        },
    );
    let quality = function(&b, e, FunctionKind::QualityManagement);
    apply(
        &mut b,
        Action::RemoveFunction {
            engagement: e,
            function: quality,
        },
    );

    let c = compare(&s.w, e, &b, e).unwrap();
    let (zed_added, _) = find(
        &c,
        "Zed Estimator joins the roster (Provider, Performer, 40 hours a week)",
    );
    let (ws_added, _) = find(
        &c,
        "Worksheet \u{201c}What-if\u{201d} added (collaborative)",
    );
    let (role_added, _) = find(
        &c,
        "Rate card: Tester added (cost 40.00, bill 80.00 an hour)",
    );
    let (line_added, line_change) = find(
        &c,
        "Line \u{201c}Testing\u{201d} of What-if added (time and materials)",
    );
    let mut needs = line_change.needs.clone();
    needs.sort();
    assert_eq!(needs, vec![zed_added, role_added, ws_added]);
    let (_, submitted) = find(&c, "What-if: Draft \u{2192} Submitted");
    assert_eq!(submitted.needs, vec![ws_added]);
    let (f_added, _) = find(&c, "Function \u{201c}Security\u{201d} added");
    let (_, zed_assigned) = find(
        &c,
        "Security: Zed Estimator becomes Responsible (3 hours a week)",
    );
    let mut needs = zed_assigned.needs.clone();
    needs.sort();
    assert_eq!(needs, vec![zed_added, f_added]);
    find(&c, "Decision area \u{201c}Hiring\u{201d} added");
    find(
        &c,
        "Function \u{201c}Legal\u{201d} is now called \u{201c}Contracts\u{201d}",
    );
    find(
        &c,
        "Function \u{201c}Quality management\u{201d} removed, with its assignments",
    );

    // Taking the line alone brings the worksheet, role and person it needs, and the
    // line as it is in their plan.
    let mut h = History::new(s.w.clone());
    let results = c.take(&mut h, &[line_added]);
    assert_eq!(results.len(), 4);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    let here = h.present();
    let e_here = here.engagement(e).unwrap();
    let ws_here = e_here
        .pricing
        .worksheets
        .iter()
        .find(|w| w.name == "What-if")
        .unwrap();
    assert_eq!(ws_here.target_margin, Some(Bps::percent(30)));
    let l = &ws_here.lines[0];
    let theirs = &b
        .engagement(e)
        .unwrap()
        .pricing
        .worksheet(ws)
        .unwrap()
        .lines[0];
    assert_eq!(l.name, theirs.name);
    assert_eq!(l.billing, BillingType::TimeAndMaterials);
    assert_eq!(l.cap, Some(Money(500_000)));
    assert_eq!(l.need, Some(s.need));
    assert_eq!(here.person_name(l.estimator.unwrap()), "Zed Estimator");
    assert_eq!(
        l.hours.values().copied().collect::<Vec<_>>(),
        vec![Hours::from_whole(30)]
    );
    assert_eq!(
        l.delivery_hours.values().copied().collect::<Vec<_>>(),
        vec![Hours::from_whole(35)]
    );
    assert_eq!(l.expenses.len(), 1);
    assert_eq!(
        (l.expenses[0].cost, l.expenses[0].markup),
        (Money(20_000), Bps::percent(10))
    );

    // Everything at once: nothing left.
    let mut h = History::new(s.w.clone());
    let results = c.take_all(&mut h);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    let again = compare(h.present(), e, &b, e).unwrap();
    assert!(again.is_empty(), "{:#?}", texts(&again));
}

#[test]
fn an_approval_cannot_be_taken_but_submitting_and_reopening_can() {
    let s = sent();
    let mut b = s.w.clone();
    plans::price(&mut b, s.e, PricingAction::Submit { worksheet: s.base });
    let mut approved = b.clone();
    let erin = approved
        .people
        .iter()
        .find(|p| p.name == "Erin Manager")
        .unwrap()
        .id;
    plans::price(
        &mut approved,
        s.e,
        PricingAction::Approve {
            worksheet: s.base,
            by: erin,
            date: "2026-11-25".into(),
        },
    );
    let c = compare(&b, s.e, &approved, s.e).unwrap();
    let (_, step) = find(&c, "Base: Submitted \u{2192} Approved");
    assert!(!step.can_be_taken());
    assert!(step.cannot.as_deref().unwrap().contains("final deal"));
    // The decision that approved it can be taken, and approves it here too.
    let mut h = History::new(b.clone());
    let results = c.take_all(&mut h);
    assert!(results.iter().all(|(_, r)| r.is_ok()), "{results:?}");
    let ws = h
        .present()
        .engagement(s.e)
        .unwrap()
        .pricing
        .worksheet(s.base)
        .unwrap();
    assert!(ws.approval.is_approved());

    // Reopened in their plan.
    let mut reopened = approved.clone();
    plans::price(
        &mut reopened,
        s.e,
        PricingAction::Reopen {
            worksheet: s.base,
            by: erin,
            note: "Delivery re-estimates".into(),
        },
    );
    let c = compare(&approved, s.e, &reopened, s.e).unwrap();
    let (i, _) = find(&c, "Base: Approved \u{2192} Draft");
    let mut h = History::new(approved.clone());
    let results = c.take(&mut h, &[i]);
    assert!(results[0].1.is_ok(), "{results:?}");
    let ws = h
        .present()
        .engagement(s.e)
        .unwrap()
        .pricing
        .worksheet(s.base)
        .unwrap();
    assert_eq!(ws.approval, Approval::Draft);
    assert_eq!(ws.log.last().unwrap().note, "Delivery re-estimates");
}

#[test]
fn someone_with_a_part_elsewhere_stays_on_the_roster() {
    let s = sent();
    let mut w = s.w.clone();
    let other = engagement(&mut w, "Intranet", Template::InHouseProject);
    let delivery = function(&w, other, FunctionKind::Delivery);
    assign(&mut w, other, s.old, delivery, Raci::Responsible, 4);
    let b = returned(&s);
    let c = compare(&w, s.e, &b, s.e).unwrap();
    let (_, stays) = find(&c, "Old Timer is not in their plan");
    assert!(!stays.can_be_taken());
    assert!(stays.cannot.as_deref().unwrap().contains("Intranet"));
    // Their part here still goes.
    find(&c, "Delivery: Old Timer is no longer Informed");
}

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

use actions::{action, start, start_priced, Step, OPS};

fn step() -> impl Strategy<Value = Step> {
    (0..OPS, prop::array::uniform6(any::<u32>())).prop_map(|(op, s)| Step { op, s })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 160,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Applies the steps that keep the workspace the same plan (no replacing, importing or
/// removing engagements), skipping refused ones.
fn evolve(mut w: Workspace, steps: &[Step]) -> Workspace {
    for s in steps {
        let a = action(&w, s);
        if matches!(
            a,
            Action::ReplaceWorkspace { .. }
                | Action::ImportEngagements { .. }
                | Action::RemoveEngagement { .. }
        ) {
            continue;
        }
        let _ = w.apply(a);
    }
    w
}

/// Everything of an engagement the comparison covers, by names rather than ids, as a
/// sorted list of lines: written here field by field, independently of `compare`.
fn projection(w: &Workspace, e: EngagementId, skip_people: &BTreeSet<String>) -> Vec<String> {
    let e = w.engagement(e).unwrap();
    // Someone who stays on one roster for their part elsewhere and has left the other
    // reads the same in both: records of their decisions still name them.
    let who = |p: PersonId| match w.person(p) {
        Some(p) if !skip_people.contains(&p.name) => p.name.clone(),
        _ => "(on the roster for another engagement, or gone)".to_string(),
    };
    let opt = |p: Option<PersonId>| p.map(who);
    let function = |f: FunctionId| e.function(f).map(|f| f.name.clone());
    let mut out = Vec::new();
    for p in &w.people {
        if !skip_people.contains(&p.name) {
            out.push(format!(
                "person {} {:?} {:?} {}",
                p.name, p.side, p.group, p.capacity
            ));
        }
    }
    out.push(format!(
        "facts {} {} {} {:?} {:?} {} {} {:?}",
        e.name,
        w.client_name(e),
        e.provider,
        e.relationship,
        e.stage,
        e.currency,
        e.agreement_formal,
        e.sponsor_value
    ));
    out.push(format!(
        "slots {:?} {:?} {:?} {:?}",
        opt(e.pm),
        opt(e.engagement_manager),
        opt(e.champion),
        opt(e.agreement_documenter)
    ));
    out.push(format!("default target {:?}", w.default_target_margin));
    for f in &e.functions {
        out.push(format!("function {} {:?}", f.name, f.kind));
    }
    for a in &e.assignments {
        out.push(format!(
            "assignment {:?} {} {:?} {}",
            function(a.function),
            who(a.person),
            a.role,
            a.hours
        ));
    }
    for (f, h) in &e.pm_accepted {
        out.push(format!("pm accepted {:?} {h}", function(*f)));
    }
    for d in &e.decisions {
        out.push(format!(
            "decision area {} {:?} {:?} {:?}",
            d.name,
            d.kind,
            d.method,
            opt(d.authority)
        ));
        for p in &d.log {
            let ws = p
                .worksheet
                .and_then(|ws| e.pricing.worksheet(ws))
                .map(|ws| ws.name.clone());
            out.push(format!(
                "proposal {} {} {} {:?} {:?}",
                d.name, p.text, p.date, p.quorum, ws
            ));
            for x in &p.positions {
                out.push(format!(
                    "position {} {} {} {:?} {}",
                    d.name,
                    p.text,
                    who(x.person),
                    x.stance,
                    x.reason
                ));
            }
        }
    }
    for r in &e.reports {
        out.push(format!(
            "report {} {:?} {:?} {:?}",
            r.name,
            opt(r.owner),
            r.audience,
            r.frequency
        ));
    }
    for c in &e.compliance {
        out.push(format!(
            "compliance {} {:?} {:?}",
            c.rule,
            opt(c.owner),
            c.status
        ));
    }
    for n in &e.needs {
        out.push(format!(
            "need {} {:?} {:?} {:?} {:?} {} {}",
            n.title, n.promised, n.bought, n.needed, n.delivered, n.note, n.complete
        ));
    }
    let role = |r: &RateRoleId| e.pricing.rate_role(*r).map(|r| r.name.clone());
    for r in &e.pricing.rate_card {
        out.push(format!(
            "rate {} {:?} {:?}",
            r.name, r.cost_rate, r.bill_rate
        ));
    }
    let deal = e
        .pricing
        .deal
        .and_then(|ws| e.pricing.worksheet(ws))
        .map(|ws| ws.name.clone());
    out.push(format!("deal {deal:?}"));
    for ws in &e.pricing.worksheets {
        out.push(format!(
            "worksheet {} {:?} {:?} {:?} {:?} {:?} {:?} {}",
            ws.name,
            ws.style,
            ws.cost_contingency,
            ws.billable_contingency,
            ws.global_discount,
            ws.target_margin,
            ws.commission_rate,
            ws.approval.label()
        ));
        for l in &ws.lines {
            let hours: Vec<_> = l.hours.iter().map(|(r, h)| (role(r), *h)).collect();
            let delivery: Vec<_> = l
                .delivery_hours
                .iter()
                .map(|(r, h)| (role(r), *h))
                .collect();
            out.push(format!(
                "line {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                ws.name,
                l.name,
                l.billing,
                l.fee,
                l.cap,
                hours,
                delivery,
                l.need.and_then(|n| e.need(n)).map(|n| n.title.clone()),
                opt(l.estimator),
                l.discount
            ));
            for x in &l.expenses {
                out.push(format!(
                    "expense {} {} {} {:?} {:?}",
                    ws.name, l.name, x.name, x.cost, x.markup
                ));
            }
        }
    }
    for a in &e.accepted_departures {
        out.push(format!("departure accepted {:?} {}", a.key, a.reason));
    }
    for party in SignOffParty::ALL {
        out.push(format!(
            "sign-off {:?} {:?} {:?}",
            party,
            opt(e.signoffs.get(party)),
            e.signoffs.stamp(party).map(|s| s.date.clone())
        ));
    }
    for line in &mut out {
        // Hours within the lists print as their ids' neighbours would: keep words only.
        *line = line.replace("Hours(", "(");
    }
    out.sort();
    out
}

/// The people named by the other engagements of either plan: the comparison leaves
/// them on the roster (their part elsewhere), so the projection leaves them out.
fn named_elsewhere(ws: &[&Workspace], e: EngagementId) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in ws {
        for x in w.engagements.iter().filter(|x| x.id != e) {
            for p in x.referenced_people() {
                if let Some(p) = w.person(p) {
                    out.insert(p.name.clone());
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_plan_compared_with_itself_is_empty(
        priced in any::<bool>(),
        steps in vec(step(), 0..40),
        which in any::<u32>(),
    ) {
        let w = evolve(if priced { start_priced() } else { start() }, &steps);
        prop_assume!(!w.engagements.is_empty());
        let e = w.engagements[which as usize % w.engagements.len()].id;
        for m in [Matching::Identity, Matching::Name] {
            let c = compare_by(&w, e, &w, e, m).unwrap();
            prop_assert!(c.is_empty(), "{:?}: {:#?}", m, texts(&c));
        }
        prop_assert_eq!(compare(&w, e, &w, e).unwrap().matching, Matching::Identity);
    }

    #[test]
    fn changes_since_the_copy_sent_are_all_theirs_or_all_yours(
        priced in any::<bool>(),
        before in vec(step(), 0..25),
        after in vec(step(), 1..30),
        which in any::<u32>(),
    ) {
        let a = evolve(if priced { start_priced() } else { start() }, &before);
        prop_assume!(!a.engagements.is_empty());
        let e = a.engagements[which as usize % a.engagements.len()].id;
        let b = evolve(a.clone(), &after);
        // Nothing changed here since sending: every difference was made in the file.
        let c = compare_by(&a, e, &b, e, Matching::Identity).unwrap();
        let sides = c.made_by(&a, &a).unwrap();
        prop_assert!(sides.iter().all(|s| *s == MadeBy::Them), "{:?}", sides);
        // The file is the copy sent: every difference was made here.
        let c = compare_by(&b, e, &a, e, Matching::Identity);
        if let Some(c) = c {
            let sides = c.made_by(&b, &a).unwrap();
            prop_assert!(sides.iter().all(|s| *s == MadeBy::You), "{:?}", sides);
        }
    }

    #[test]
    fn taking_every_change_of_b_over_a_gives_b(
        priced in any::<bool>(),
        before in vec(step(), 0..25),
        after in vec(step(), 1..30),
        which in any::<u32>(),
    ) {
        let a = evolve(if priced { start_priced() } else { start() }, &before);
        prop_assume!(!a.engagements.is_empty());
        let e = a.engagements[which as usize % a.engagements.len()].id;
        let b = evolve(a.clone(), &after);
        let c = compare_by(&a, e, &b, e, Matching::Identity).unwrap();
        let mut h = History::new(a.clone());
        let results = c.take_all(&mut h);
        prop_assert!(h.present().validate().is_ok());
        let refused: Vec<String> = results
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(i, r)| format!("{}: {}", c.changes[*i].text, r.as_ref().unwrap_err()))
            .collect();
        let again = compare_by(h.present(), e, &b, e, Matching::Identity).unwrap();
        if refused.is_empty() {
            // Nothing refused: nothing is left to take.
            let left: Vec<&String> = again
                .changes
                .iter()
                .filter(|c| c.can_be_taken())
                .map(|c| &c.text)
                .collect();
            prop_assert!(
                left.is_empty(),
                "left to take: {:#?}\nfirst: {:#?}\nhere: {:?} {:?}\nthere: {:?} {:?}",
                left,
                c.changes.iter().map(|c| (&c.text, &c.actions)).collect::<Vec<_>>(),
                h.present().engagement(e).unwrap().pm,
                h.present().people,
                results,
                b.people,
            );
            // What is left is only people who stay for their part elsewhere (which
            // the projection leaves out); then every part the comparison covers is as
            // in their plan.
            let only_staying = again
                .changes
                .iter()
                .all(|c| !c.can_be_taken() && c.group == ChangeGroup::People);
            if only_staying {
                let skip = named_elsewhere(&[h.present(), &b], e);
                prop_assert_eq!(projection(h.present(), e, &skip), projection(&b, e, &skip));
            }
        }
        // Each change taken alone (with what it needs) takes exactly that: the changes
        // left are the others, told apart by their group and their value in the file
        // (the words may name a person renamed here). Sign-offs aside: a sign-off covers
        // the process as it was signed, so a change to the roles or governance can put
        // it in question.
        let shape = |c: &Comparison, skip: &BTreeSet<usize>| {
            let mut v: Vec<(ChangeGroup, String)> = c
                .changes
                .iter()
                .enumerate()
                .filter(|(k, x)| {
                    x.can_be_taken() && x.group != ChangeGroup::SignOffs && !skip.contains(k)
                })
                .map(|(_, x)| (x.group, x.new.clone()))
                .collect();
            v.sort();
            v
        };
        for (i, change) in c.changes.iter().enumerate().take(12) {
            if !change.can_be_taken() {
                continue;
            }
            let mut h = History::new(a.clone());
            let results = c.take(&mut h, &[i]);
            if results.iter().any(|(_, r)| r.is_err()) {
                continue;
            }
            let taken: BTreeSet<usize> = results.iter().map(|(k, _)| *k).collect();
            let after = compare_by(h.present(), e, &b, e, Matching::Identity).unwrap();
            prop_assert_eq!(
                shape(&after, &BTreeSet::new()),
                shape(&c, &taken),
                "after taking {:?}",
                &change.text
            );
        }
        // Undo puts everything back in one step.
        if h.can_undo() {
            h.undo();
            prop_assert_eq!(h.present(), &a);
        }
    }
}
