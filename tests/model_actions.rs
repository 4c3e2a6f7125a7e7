//! Every `Action` through `Workspace::apply`: what it changes when it succeeds, each way
//! it is refused (always leaving the workspace exactly as it was), the templates,
//! duplication and import, `Workspace::validate`, workload sums and `History`.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::history::HISTORY_LIMIT;
use engagement_planner::model::units::{HOURS_PER_WEEK, MONEY_LIMIT};
use engagement_planner::model::workspace::{NAME_MAX, TEXT_MAX};
use engagement_planner::model::*;
use plans::*;
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------
// Helpers and fixtures
// ---------------------------------------------------------------------------------

/// Applies an action that must succeed, and checks the result still validates.
fn ok(w: &mut Workspace, action: Action) {
    let shown = format!("{action:?}");
    if let Err(e) = w.apply(action) {
        panic!("{shown} was refused: {e}");
    }
    if let Err(problems) = w.validate() {
        panic!("{shown} left an invalid workspace: {problems:?}");
    }
}

/// Applies an action that must be refused, checks the workspace is exactly as it was,
/// and returns the error.
fn refused(w: &mut Workspace, action: Action) -> ModelError {
    let before = w.clone();
    let shown = format!("{action:?}");
    let err = match w.apply(action) {
        Ok(()) => panic!("{shown} was accepted"),
        Err(e) => e,
    };
    assert_eq!(
        *w, before,
        "{shown} failed with {err} but changed the workspace"
    );
    assert!(!err.to_string().is_empty());
    err
}

fn eng(w: &Workspace, e: EngagementId) -> &Engagement {
    w.engagement(e).expect("engagement exists")
}

struct Fx {
    w: Workspace,
    ann: PersonId,
    bob: PersonId,
    cat: PersonId,
    /// In-house, at index 0.
    inh: EngagementId,
    /// Contracted, at index 1.
    con: EngagementId,
}

/// Three people and two fresh engagements.
fn fixture() -> Fx {
    let mut w = Workspace::default();
    let ann = person_on(
        &mut w,
        "Ann",
        Side::Provider,
        StakeholderGroup::ProjectManager,
        40,
    );
    let bob = person_on(&mut w, "Bob", Side::Client, StakeholderGroup::Sponsor, 40);
    let cat = person_on(&mut w, "Cat", Side::Provider, StakeholderGroup::Sales, 40);
    let inh = engagement(&mut w, "Intranet", Template::InHouseProject);
    let con = engagement(&mut w, "Website", Template::ContractedVendor);
    Fx {
        w,
        ann,
        bob,
        cat,
        inh,
        con,
    }
}

/// The fixture with every person slot of both engagements filled, assignments, a PM
/// acceptance and a need.
fn filled() -> Fx {
    let mut fx = fixture();
    let (ann, bob, cat) = (fx.ann, fx.bob, fx.cat);
    for e in [fx.inh, fx.con] {
        let w = &mut fx.w;
        edit(w, e, EngagementEdit::Pm(Some(ann)));
        edit(w, e, EngagementEdit::EngagementManager(Some(bob)));
        edit(w, e, EngagementEdit::Champion(Some(cat)));
        edit(w, e, EngagementEdit::AgreementDocumenter(Some(ann)));
        for (party, person) in [(SignOffParty::Sales, cat), (SignOffParty::Delivery, ann)] {
            ok(
                w,
                Action::SignOff {
                    engagement: e,
                    party,
                    person,
                    date: "2025-03-01".into(),
                },
            );
        }
        // Bob is a sponsor, so `apply` refuses him for customer service; a plan from
        // an older version can still name him there, undated.
        let at = w.engagements.iter().position(|x| x.id == e).unwrap();
        w.engagements[at].signoffs.customer_service = Some(bob);
        let decision = eng(w, e).decisions[0].id;
        ok(
            w,
            Action::EditDecisionArea {
                engagement: e,
                decision,
                edit: DecisionEdit::Authority(Some(bob)),
            },
        );
        let report = eng(w, e).reports[0].id;
        ok(
            w,
            Action::EditReport {
                engagement: e,
                report,
                edit: ReportEdit::Owner(Some(cat)),
            },
        );
        let item = eng(w, e).compliance[0].id;
        ok(
            w,
            Action::EditComplianceItem {
                engagement: e,
                item,
                edit: ComplianceEdit::Owner(Some(ann)),
            },
        );
        let legal = function(w, e, FunctionKind::Legal);
        let delivery = function(w, e, FunctionKind::Delivery);
        assign(w, e, ann, legal, Raci::Accountable, 10);
        assign(w, e, cat, legal, Raci::Responsible, 5);
        assign(w, e, bob, delivery, Raci::Consulted, 2);
        ok(
            w,
            Action::SetPmAcceptance {
                engagement: e,
                function: delivery,
                accepted: true,
            },
        );
        ok(
            w,
            Action::AddNeed {
                engagement: e,
                title: "Reporting dashboard".into(),
            },
        );
    }
    fx
}

/// Every id of the workspace, people first.
fn all_ids(w: &Workspace) -> Vec<u32> {
    let mut ids: Vec<u32> = w.people.iter().map(|p| p.id.0).collect();
    for e in &w.engagements {
        ids.extend(engagement_ids(e));
    }
    ids
}

/// Every id an engagement holds (its own and its items'), not people.
fn engagement_ids(e: &Engagement) -> Vec<u32> {
    let mut ids = vec![e.id.0];
    ids.extend(e.functions.iter().map(|f| f.id.0));
    ids.extend(e.decisions.iter().map(|d| d.id.0));
    ids.extend(e.reports.iter().map(|r| r.id.0));
    ids.extend(e.needs.iter().map(|n| n.id.0));
    ids.extend(e.compliance.iter().map(|c| c.id.0));
    ids
}

/// Whether an engagement mentions a person anywhere, checked field by field (not
/// through `referenced_people`, so that function is not trusted here).
fn mentions(e: &Engagement, p: PersonId) -> bool {
    let s = Some(p);
    e.pm == s
        || e.engagement_manager == s
        || e.champion == s
        || e.agreement_documenter == s
        || e.signoffs.sales == s
        || e.signoffs.customer_service == s
        || e.signoffs.delivery == s
        || e.decisions.iter().any(|d| d.authority == s)
        || e.reports.iter().any(|r| r.owner == s)
        || e.compliance.iter().any(|c| c.owner == s)
        || e.assignments.iter().any(|a| a.person == p)
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

fn accountables(e: &Engagement, f: FunctionId) -> usize {
    e.assignments
        .iter()
        .filter(|a| a.function == f && a.role == Raci::Accountable)
        .count()
}

// ---------------------------------------------------------------------------------
// The roster
// ---------------------------------------------------------------------------------

#[test]
fn add_person_trims_the_name_and_takes_the_next_id() {
    let mut w = Workspace::default();
    ok(
        &mut w,
        Action::AddPerson {
            name: "  Ann Lee \t".into(),
            side: Side::ThirdParty,
            group: StakeholderGroup::Regulator,
            capacity: HOURS_PER_WEEK,
        },
    );
    assert_eq!(w.next_id, 1);
    assert_eq!(
        w.people,
        vec![Person {
            id: PersonId(0),
            name: "Ann Lee".into(),
            side: Side::ThirdParty,
            group: StakeholderGroup::Regulator,
            capacity: HOURS_PER_WEEK,
        }]
    );
}

#[test]
fn add_person_refuses_bad_names_and_impossible_capacity() {
    let mut w = fixture().w;
    let add = |name: String, capacity: Hours| Action::AddPerson {
        name,
        side: Side::Client,
        group: StakeholderGroup::Client,
        capacity,
    };
    for empty in ["", "   ", "\t\n"] {
        assert_eq!(
            refused(&mut w, add(empty.into(), Hours(0))),
            ModelError::EmptyName("name")
        );
    }
    assert_eq!(
        refused(&mut w, add(long(NAME_MAX + 1), Hours(0))),
        ModelError::TooLong {
            what: "name",
            max: NAME_MAX
        }
    );
    let too_many = Hours(HOURS_PER_WEEK.0 + 1);
    assert_eq!(
        refused(&mut w, add("Dan".into(), too_many)),
        ModelError::TooManyHours(too_many)
    );
    assert_eq!(
        refused(&mut w, add("Dan".into(), Hours(u32::MAX))),
        ModelError::TooManyHours(Hours(u32::MAX))
    );
    // The limits themselves are fine; surrounding blanks do not count.
    ok(
        &mut w,
        add(format!("  {}  ", long(NAME_MAX)), HOURS_PER_WEEK),
    );
    assert_eq!(w.people.last().unwrap().name.chars().count(), NAME_MAX);
    // Multi-byte characters count as one each.
    ok(&mut w, add("é".repeat(NAME_MAX), Hours(0)));
}

#[test]
fn edit_person_changes_each_field() {
    let Fx { mut w, ann, .. } = fixture();
    let edits = [
        PersonEdit::Name("  Ann Smith ".into()),
        PersonEdit::Side(Side::ThirdParty),
        PersonEdit::Group(StakeholderGroup::Legal),
        PersonEdit::Capacity(Hours(3750)),
    ];
    for e in edits {
        ok(
            &mut w,
            Action::EditPerson {
                person: ann,
                edit: e,
            },
        );
    }
    let p = w.person(ann).unwrap();
    assert_eq!(p.name, "Ann Smith");
    assert_eq!(p.side, Side::ThirdParty);
    assert_eq!(p.group, StakeholderGroup::Legal);
    assert_eq!(p.capacity, Hours(3750));
}

#[test]
fn edit_person_refusals() {
    let Fx { mut w, ann, .. } = fixture();
    let e = |person, edit| Action::EditPerson { person, edit };
    let ghost = PersonId(9_999);
    assert_eq!(
        refused(&mut w, e(ghost, PersonEdit::Name("X".into()))),
        ModelError::UnknownPerson(ghost)
    );
    // An engagement's id is not a person's id.
    let not_a_person = PersonId(w.engagements[0].id.0);
    assert_eq!(
        refused(&mut w, e(not_a_person, PersonEdit::Side(Side::Client))),
        ModelError::UnknownPerson(not_a_person)
    );
    assert_eq!(
        refused(&mut w, e(ann, PersonEdit::Name(" ".into()))),
        ModelError::EmptyName("name")
    );
    assert!(matches!(
        refused(&mut w, e(ann, PersonEdit::Name(long(NAME_MAX + 1)))),
        ModelError::TooLong { .. }
    ));
    assert_eq!(
        refused(&mut w, e(ann, PersonEdit::Capacity(Hours(16_801)))),
        ModelError::TooManyHours(Hours(16_801))
    );
}

#[test]
fn remove_person_clears_every_reference_in_every_engagement() {
    let Fx {
        mut w,
        ann,
        bob,
        cat,
        inh,
        con,
    } = filled();
    for e in [inh, con] {
        for p in [ann, bob, cat] {
            assert!(mentions(eng(&w, e), p));
        }
    }
    let next_id = w.next_id;
    ok(&mut w, Action::RemovePerson { person: ann });
    assert!(w.person(ann).is_none());
    assert_eq!(w.next_id, next_id, "removing hands out no id");
    for e in [inh, con] {
        let e = eng(&w, e);
        assert!(!mentions(e, ann));
        assert!(!e.referenced_people().contains(&ann));
        assert_eq!(e.pm, None);
        assert_eq!(e.agreement_documenter, None);
        assert_eq!(e.signoffs.delivery, None);
        assert_eq!(e.compliance[0].owner, None);
        // Everyone else is still where they were.
        assert_eq!(e.engagement_manager, Some(bob));
        assert_eq!(e.champion, Some(cat));
        assert_eq!(e.signoffs.sales, Some(cat));
        assert_eq!(e.signoffs.customer_service, Some(bob));
        assert_eq!(e.decisions[0].authority, Some(bob));
        assert_eq!(e.reports[0].owner, Some(cat));
        assert_eq!(e.assignments.len(), 2);
        // The PM acceptance is about the function, not the person: it stays.
        assert_eq!(e.pm_accepted.len(), 1);
    }
    ok(&mut w, Action::RemovePerson { person: bob });
    ok(&mut w, Action::RemovePerson { person: cat });
    assert!(w.people.is_empty());
    for e in &w.engagements {
        assert!(e.referenced_people().is_empty());
        assert!(e.assignments.is_empty());
        assert_eq!(e.signoffs, SignOffs::default());
    }
    // The removed people's ids are never handed out again.
    let dan = person_on(&mut w, "Dan", Side::Client, StakeholderGroup::Client, 40);
    assert!(![ann, bob, cat].contains(&dan));
    assert_eq!(dan.0, next_id);
    assert!(w.uses_of_person(ann).is_empty());
}

#[test]
fn remove_person_refuses_unknown_people() {
    let Fx { mut w, ann, .. } = filled();
    let ghost = PersonId(w.next_id);
    assert_eq!(
        refused(&mut w, Action::RemovePerson { person: ghost }),
        ModelError::UnknownPerson(ghost)
    );
    ok(&mut w, Action::RemovePerson { person: ann });
    assert_eq!(
        refused(&mut w, Action::RemovePerson { person: ann }),
        ModelError::UnknownPerson(ann)
    );
}

// ---------------------------------------------------------------------------------
// Templates and the portfolio
// ---------------------------------------------------------------------------------

/// The nine functions and their names, as docs/DOMAIN.md lists them.
const DOMAIN_FUNCTIONS: [(FunctionKind, &str); 9] = [
    (FunctionKind::SalesMarketing, "Sales and marketing"),
    (FunctionKind::EngagementManagement, "Engagement management"),
    (FunctionKind::Delivery, "Delivery"),
    (
        FunctionKind::FunctionalManagement,
        "Functional managers and staff",
    ),
    (FunctionKind::Procurement, "Procurement"),
    (FunctionKind::Legal, "Legal"),
    (FunctionKind::QualityManagement, "Quality management"),
    (FunctionKind::CustomerService, "Customer service"),
    (
        FunctionKind::AdministrationFinance,
        "Administration and finance",
    ),
];

fn check_template_common(e: &Engagement) {
    let functions: Vec<(FunctionKind, &str)> = e
        .functions
        .iter()
        .map(|f| (f.kind, f.name.as_str()))
        .collect();
    assert_eq!(functions, DOMAIN_FUNCTIONS.to_vec());
    let kinds: BTreeSet<FunctionKind> = e.functions.iter().map(|f| f.kind).collect();
    assert_eq!(kinds.len(), 9);
    assert!(!kinds.contains(&FunctionKind::Custom));
    for f in &e.functions {
        assert_eq!(f.name, f.kind.default_name());
    }

    let decisions: Vec<(DecisionKind, &str)> = e
        .decisions
        .iter()
        .map(|d| (d.kind, d.name.as_str()))
        .collect();
    assert_eq!(
        decisions,
        vec![
            (DecisionKind::ScopeChange, "Scope change"),
            (DecisionKind::FinalDeal, "Final deal"),
            (DecisionKind::Acceptance, "Acceptance"),
            (DecisionKind::Escalation, "Escalation"),
        ]
    );
    for d in &e.decisions[1..] {
        assert_eq!(d.method, Some(DecisionMethod::Authority));
    }
    assert!(e.decisions.iter().all(|d| d.authority.is_none()));

    assert_eq!(e.reports.len(), 2);
    assert_eq!(e.reports[0].name, "Status report");
    assert_eq!(
        e.reports[0].audience,
        BTreeSet::from([StakeholderGroup::Client, StakeholderGroup::Sponsor])
    );
    assert_eq!(e.reports[0].frequency, Some(Frequency::Weekly));
    assert_eq!(e.reports[1].name, "Steering committee report");
    assert_eq!(
        e.reports[1].audience,
        BTreeSet::from([StakeholderGroup::Sponsor])
    );
    assert_eq!(e.reports[1].frequency, Some(Frequency::Monthly));
    assert!(e.reports.iter().all(|r| r.owner.is_none()));

    assert!(e.compliance.iter().all(|c| c.owner.is_none()));
    assert!(e
        .compliance
        .iter()
        .all(|c| c.status == ComplianceStatus::NotStarted));

    assert_eq!(e.currency, "EUR");
    assert!(e.assignments.is_empty());
    assert!(e.needs.is_empty());
    assert!(e.pm_accepted.is_empty());
    assert!(e.referenced_people().is_empty());
    assert!(!e.agreement_formal);
    assert_eq!(e.sponsor_value, SponsorValue::default());
    assert_eq!(e.account, None);
    assert_eq!(e.provider, "");
}

#[test]
fn in_house_template() {
    let mut w = Workspace::default();
    let id = engagement(&mut w, "  Intranet  ", Template::InHouseProject);
    let e = eng(&w, id);
    assert_eq!(e.name, "Intranet");
    check_template_common(e);
    assert_eq!(e.relationship, Relationship::InHouse);
    assert_eq!(e.stage, Stage::Sales);
    assert_eq!(e.decisions[0].method, Some(DecisionMethod::Consensus));
    let rules: Vec<&str> = e.compliance.iter().map(|c| c.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec![
            "Internal change-control policy followed",
            "Agreements documented and shared with the sponsor",
        ]
    );
    // One id for the engagement, nine functions, four decisions, two reports, two rules.
    assert_eq!(w.next_id, 1 + 9 + 4 + 2 + 2);
    let ids = all_ids(&w);
    assert_eq!(ids, (0..w.next_id).collect::<Vec<u32>>());
}

#[test]
fn contracted_template() {
    let mut w = Workspace::default();
    let id = engagement(&mut w, "Website", Template::ContractedVendor);
    let e = eng(&w, id);
    check_template_common(e);
    assert_eq!(e.relationship, Relationship::Contracted);
    assert_eq!(e.stage, Stage::PreSales);
    assert_eq!(e.decisions[0].method, Some(DecisionMethod::Authority));
    let rules: Vec<&str> = e.compliance.iter().map(|c| c.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec![
            "Contract signed and filed by both parties",
            "Data protection terms agreed",
            "Invoices follow the agreed billing schedule",
        ]
    );
    assert_eq!(w.next_id, 1 + 9 + 4 + 2 + 3);
    assert_eq!(Template::ALL.len(), 2);
    assert_ne!(
        Template::InHouseProject.label(),
        Template::ContractedVendor.label()
    );
}

#[test]
fn create_engagement_refuses_bad_names() {
    let mut w = fixture().w;
    for template in Template::ALL {
        assert_eq!(
            refused(
                &mut w,
                Action::CreateEngagement {
                    name: "  ".into(),
                    template
                }
            ),
            ModelError::EmptyName("engagement name")
        );
        assert_eq!(
            refused(
                &mut w,
                Action::CreateEngagement {
                    name: long(NAME_MAX + 1),
                    template
                }
            ),
            ModelError::TooLong {
                what: "engagement name",
                max: NAME_MAX
            }
        );
    }
}

#[test]
fn engagement_limit_is_enforced_by_create_duplicate_and_import() {
    let mut w = Workspace::default();
    for i in 0..1_000 {
        w.apply(Action::CreateEngagement {
            name: format!("E{i}"),
            template: Template::InHouseProject,
        })
        .unwrap();
    }
    assert!(w.validate().is_ok());
    assert_eq!(
        refused(
            &mut w,
            Action::CreateEngagement {
                name: "one more".into(),
                template: Template::InHouseProject
            }
        ),
        ModelError::TooMany("engagements")
    );
    let first = w.engagements[0].id;
    assert_eq!(
        refused(
            &mut w,
            Action::DuplicateEngagement {
                engagement: first,
                name: "copy".into()
            }
        ),
        ModelError::TooMany("engagements")
    );
    let mut other = Workspace::default();
    engagement(&mut other, "Imported", Template::ContractedVendor);
    assert_eq!(
        refused(&mut w, Action::ImportEngagements { from: other }),
        ModelError::TooMany("engagements")
    );
}

#[test]
fn duplicate_engagement_gives_fresh_ids_keeps_people_and_inserts_after_the_source() {
    let Fx {
        mut w, inh, con, ..
    } = filled();
    // A third engagement after the contracted one shows the copy lands right after
    // its source, not at the end.
    let third = engagement(&mut w, "Third", Template::InHouseProject);
    let custom = FunctionId(w.next_id);
    ok(
        &mut w,
        Action::AddFunction {
            engagement: inh,
            name: "Data migration".into(),
        },
    );
    let before = w.clone();
    let old_ids: BTreeSet<u32> = all_ids(&before).into_iter().collect();
    ok(
        &mut w,
        Action::DuplicateEngagement {
            engagement: inh,
            name: "  Intranet (copy) ".into(),
        },
    );
    let order: Vec<EngagementId> = w.engagements.iter().map(|e| e.id).collect();
    let copy_id = w.engagements[1].id;
    assert_eq!(order, vec![inh, copy_id, con, third]);
    assert_eq!(w.people, before.people);

    let source = eng(&w, inh);
    assert_eq!(source, eng(&before, inh), "the source is untouched");
    let copy = eng(&w, copy_id);
    assert_eq!(copy.name, "Intranet (copy)");

    // Fresh ids everywhere, all from the counter, none seen before, none twice.
    let copy_ids = engagement_ids(copy);
    let distinct: BTreeSet<u32> = copy_ids.iter().copied().collect();
    assert_eq!(distinct.len(), copy_ids.len());
    assert!(copy_ids
        .iter()
        .all(|id| *id >= before.next_id && *id < w.next_id));
    assert!(distinct.is_disjoint(&old_ids));
    assert_eq!(w.next_id as usize, before.next_id as usize + copy_ids.len());

    // Same content, with functions mapped by position.
    let map: BTreeMap<FunctionId, FunctionId> = source
        .functions
        .iter()
        .zip(&copy.functions)
        .map(|(s, c)| (s.id, c.id))
        .collect();
    assert!(map.contains_key(&custom));
    for (s, c) in source.functions.iter().zip(&copy.functions) {
        assert_eq!((&s.name, s.kind), (&c.name, c.kind));
    }
    assert_eq!(source.assignments.len(), copy.assignments.len());
    for (s, c) in source.assignments.iter().zip(&copy.assignments) {
        assert_eq!(c.person, s.person);
        assert_eq!(c.role, s.role);
        assert_eq!(c.hours, s.hours);
        assert_eq!(c.function, map[&s.function]);
    }
    let accepted: BTreeMap<FunctionId, Hours> = source
        .pm_accepted
        .iter()
        .map(|(f, &h)| (map[f], h))
        .collect();
    assert_eq!(copy.pm_accepted, accepted);
    assert_eq!(copy.pm, source.pm);
    assert_eq!(copy.engagement_manager, source.engagement_manager);
    assert_eq!(copy.champion, source.champion);
    assert_eq!(copy.agreement_documenter, source.agreement_documenter);
    for party in SignOffParty::ALL {
        assert_eq!(copy.signoffs.get(party), source.signoffs.get(party));
        assert_eq!(
            copy.sign_off_status(party, &w.people),
            source.sign_off_status(party, &w.people)
        );
    }
    assert_eq!(copy.referenced_people(), source.referenced_people());
    for (s, c) in source.decisions.iter().zip(&copy.decisions) {
        assert_eq!(
            (&s.name, s.kind, s.method, s.authority),
            (&c.name, c.kind, c.method, c.authority)
        );
    }
    for (s, c) in source.reports.iter().zip(&copy.reports) {
        assert_eq!(
            (&s.name, s.owner, &s.audience, s.frequency),
            (&c.name, c.owner, &c.audience, c.frequency)
        );
    }
    for (s, c) in source.needs.iter().zip(&copy.needs) {
        assert_eq!(s.title, c.title);
    }
    for (s, c) in source.compliance.iter().zip(&copy.compliance) {
        assert_eq!((&s.rule, s.owner, s.status), (&c.rule, c.owner, c.status));
    }
    assert_eq!(copy.sponsor_value, source.sponsor_value);

    // Editing the copy leaves the source alone.
    let copy_legal = function(&w, copy_id, FunctionKind::Legal);
    ok(
        &mut w,
        Action::RemoveFunction {
            engagement: copy_id,
            function: copy_legal,
        },
    );
    assert_eq!(eng(&w, inh), eng(&before, inh));

    // Workload counts both, and the PM's accepted delivery in each of the three.
    let ann = w.people[0].id;
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(10 + 10 + 3 * 4));
}

#[test]
fn duplicate_engagement_refusals() {
    let Fx { mut w, inh, .. } = filled();
    let ghost = EngagementId(9_999);
    assert_eq!(
        refused(
            &mut w,
            Action::DuplicateEngagement {
                engagement: ghost,
                name: "Copy".into()
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::DuplicateEngagement {
                engagement: inh,
                name: "".into()
            }
        ),
        ModelError::EmptyName("engagement name")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::DuplicateEngagement {
                engagement: inh,
                name: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
}

#[test]
fn remove_engagement() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        ..
    } = filled();
    let people = w.people.clone();
    ok(&mut w, Action::RemoveEngagement { engagement: inh });
    assert_eq!(
        w.engagements.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![con]
    );
    assert_eq!(w.people, people, "people outlive their engagements");
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(10 + 4));
    assert_eq!(
        refused(&mut w, Action::RemoveEngagement { engagement: inh }),
        ModelError::UnknownEngagement(inh)
    );
}

#[test]
fn edit_engagement_changes_each_field() {
    let Fx {
        mut w,
        inh,
        ann,
        bob,
        cat,
        ..
    } = fixture();
    let edits = vec![
        EngagementEdit::Name("  Intranet 2 ".into()),
        EngagementEdit::Client("  HR department ".into()),
        EngagementEdit::Provider(" IT ".into()),
        EngagementEdit::Relationship(Relationship::Contracted),
        EngagementEdit::Stage(Stage::Support),
        EngagementEdit::Currency(" usd ".into()),
        EngagementEdit::Pm(Some(ann)),
        EngagementEdit::EngagementManager(Some(bob)),
        EngagementEdit::Champion(Some(cat)),
        EngagementEdit::AgreementFormal(true),
        EngagementEdit::AgreementDocumenter(Some(cat)),
        EngagementEdit::ExpectedBenefits(Some(MONEY_LIMIT)),
        EngagementEdit::ExpectedBudget(Some(Money(0))),
        EngagementEdit::BenefitsDescription(format!(" {} ", long(TEXT_MAX - 2))),
    ];
    for e in edits {
        edit(&mut w, inh, e);
    }
    let e = eng(&w, inh);
    assert_eq!(e.name, "Intranet 2");
    assert_eq!(w.client_name(e), "HR department");
    assert_eq!(e.provider, "IT");
    assert_eq!(e.relationship, Relationship::Contracted);
    assert_eq!(e.stage, Stage::Support);
    assert_eq!(e.currency, "USD");
    assert_eq!(e.pm, Some(ann));
    assert_eq!(e.engagement_manager, Some(bob));
    assert_eq!(e.champion, Some(cat));
    assert!(e.agreement_formal);
    assert_eq!(e.agreement_documenter, Some(cat));
    assert_eq!(e.sponsor_value.expected_benefits, Some(MONEY_LIMIT));
    assert_eq!(e.sponsor_value.expected_budget, Some(Money(0)));
    assert_eq!(
        e.sponsor_value.benefits_description.chars().count(),
        TEXT_MAX
    );

    // Clearing is allowed too, and a client or provider may be blank.
    for e in [
        EngagementEdit::Pm(None),
        EngagementEdit::EngagementManager(None),
        EngagementEdit::Champion(None),
        EngagementEdit::AgreementDocumenter(None),
        EngagementEdit::ExpectedBenefits(None),
        EngagementEdit::ExpectedBudget(None),
        EngagementEdit::Client("   ".into()),
        EngagementEdit::Provider(String::new()),
        EngagementEdit::Currency("GBP".into()),
    ] {
        edit(&mut w, inh, e);
    }
    let e = eng(&w, inh);
    assert!(e.referenced_people().is_empty());
    assert_eq!(e.sponsor_value.expected_benefits, None);
    assert_eq!(e.account, None);
    assert_eq!(e.provider, "");
    assert_eq!(e.currency, "GBP");
}

#[test]
fn edit_engagement_refusals() {
    let Fx { mut w, inh, .. } = fixture();
    let ghost_e = EngagementId(9_999);
    let ghost_p = PersonId(9_998);
    let act = |edit| Action::EditEngagement {
        engagement: inh,
        edit,
    };
    assert_eq!(
        refused(
            &mut w,
            Action::EditEngagement {
                engagement: ghost_e,
                edit: EngagementEdit::Stage(Stage::Support)
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    // A function id is not an engagement id.
    let not_an_engagement = EngagementId(w.engagements[0].functions[0].id.0);
    assert_eq!(
        refused(
            &mut w,
            Action::EditEngagement {
                engagement: not_an_engagement,
                edit: EngagementEdit::AgreementFormal(true)
            }
        ),
        ModelError::UnknownEngagement(not_an_engagement)
    );
    assert_eq!(
        refused(&mut w, act(EngagementEdit::Name("\t".into()))),
        ModelError::EmptyName("engagement name")
    );
    for e in [
        EngagementEdit::Name(long(NAME_MAX + 1)),
        EngagementEdit::Client(long(NAME_MAX + 1)),
        EngagementEdit::Provider(long(NAME_MAX + 1)),
        EngagementEdit::BenefitsDescription(long(TEXT_MAX + 1)),
    ] {
        assert!(matches!(
            refused(&mut w, act(e)),
            ModelError::TooLong { .. }
        ));
    }
    for bad in ["", "EU", "EURO", "E1R", "€UR", "E R", "eu"] {
        assert_eq!(
            refused(&mut w, act(EngagementEdit::Currency(bad.into()))),
            ModelError::BadCurrency(bad.into())
        );
    }
    for e in [
        EngagementEdit::Pm(Some(ghost_p)),
        EngagementEdit::EngagementManager(Some(ghost_p)),
        EngagementEdit::Champion(Some(ghost_p)),
        EngagementEdit::AgreementDocumenter(Some(ghost_p)),
    ] {
        assert_eq!(refused(&mut w, act(e)), ModelError::UnknownPerson(ghost_p));
    }
    for m in [
        Money(-1),
        Money(i64::MIN),
        Money(MONEY_LIMIT.0 + 1),
        Money(i64::MAX),
    ] {
        assert_eq!(
            refused(&mut w, act(EngagementEdit::ExpectedBenefits(Some(m)))),
            ModelError::MoneyOutOfRange
        );
        assert_eq!(
            refused(&mut w, act(EngagementEdit::ExpectedBudget(Some(m)))),
            ModelError::MoneyOutOfRange
        );
    }
}

// ---------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------

#[test]
fn add_and_rename_function() {
    let Fx {
        mut w, inh, con, ..
    } = fixture();
    let id = FunctionId(w.next_id);
    ok(
        &mut w,
        Action::AddFunction {
            engagement: inh,
            name: "  Data migration ".into(),
        },
    );
    let f = eng(&w, inh).function(id).unwrap();
    assert_eq!(f.name, "Data migration");
    assert_eq!(f.kind, FunctionKind::Custom);
    assert_eq!(eng(&w, inh).functions.len(), 10);
    assert_eq!(eng(&w, inh).functions.last().unwrap().id, id);

    let legal = function(&w, inh, FunctionKind::Legal);
    ok(
        &mut w,
        Action::RenameFunction {
            engagement: inh,
            function: legal,
            name: " Contracts ".into(),
        },
    );
    let f = eng(&w, inh).function(legal).unwrap();
    assert_eq!(f.name, "Contracts");
    assert_eq!(f.kind, FunctionKind::Legal, "a rename keeps the kind");

    // Refusals.
    let ghost = EngagementId(9_999);
    assert_eq!(
        refused(
            &mut w,
            Action::AddFunction {
                engagement: ghost,
                name: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddFunction {
                engagement: inh,
                name: " ".into()
            }
        ),
        ModelError::EmptyName("function name")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::AddFunction {
                engagement: inh,
                name: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
    let elsewhere = function(&w, con, FunctionKind::Legal);
    assert_eq!(
        refused(
            &mut w,
            Action::RenameFunction {
                engagement: inh,
                function: elsewhere,
                name: "X".into()
            }
        ),
        ModelError::UnknownFunction(elsewhere)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RenameFunction {
                engagement: ghost,
                function: legal,
                name: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RenameFunction {
                engagement: inh,
                function: legal,
                name: "".into()
            }
        ),
        ModelError::EmptyName("function name")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::RenameFunction {
                engagement: inh,
                function: legal,
                name: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
}

#[test]
fn remove_function_removes_its_assignments_and_pm_acceptance() {
    let Fx {
        mut w, inh, con, ..
    } = filled();
    let legal = function(&w, inh, FunctionKind::Legal);
    let delivery = function(&w, inh, FunctionKind::Delivery);
    let con_before = eng(&w, con).clone();
    ok(
        &mut w,
        Action::RemoveFunction {
            engagement: inh,
            function: legal,
        },
    );
    let e = eng(&w, inh);
    assert!(e.function(legal).is_none());
    assert_eq!(e.functions.len(), 8);
    assert!(e.assignments.iter().all(|a| a.function != legal));
    assert_eq!(e.assignments.len(), 1, "Delivery's assignment stays");
    assert!(e.pm_accepted.contains_key(&delivery));
    ok(
        &mut w,
        Action::RemoveFunction {
            engagement: inh,
            function: delivery,
        },
    );
    let e = eng(&w, inh);
    assert!(e.assignments.is_empty());
    assert!(e.pm_accepted.is_empty());
    assert_eq!(eng(&w, con), &con_before, "other engagements are untouched");

    assert_eq!(
        refused(
            &mut w,
            Action::RemoveFunction {
                engagement: inh,
                function: legal
            }
        ),
        ModelError::UnknownFunction(legal)
    );
    let ghost = EngagementId(9_999);
    let con_legal = function(&w, con, FunctionKind::Legal);
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveFunction {
                engagement: ghost,
                function: con_legal
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveFunction {
                engagement: inh,
                function: con_legal
            }
        ),
        ModelError::UnknownFunction(con_legal)
    );
}

// ---------------------------------------------------------------------------------
// Assignments and PM acceptance
// ---------------------------------------------------------------------------------

#[test]
fn assign_unassign_and_set_hours() {
    let Fx {
        mut w,
        inh,
        ann,
        bob,
        ..
    } = fixture();
    let legal = function(&w, inh, FunctionKind::Legal);
    let next_id = w.next_id;
    ok(
        &mut w,
        Action::Assign {
            engagement: inh,
            person: ann,
            function: legal,
            role: Raci::Accountable,
            hours: HOURS_PER_WEEK,
        },
    );
    assert_eq!(w.next_id, next_id, "assignments take no id");
    // One person may hold several roles on one function.
    assign(&mut w, inh, ann, legal, Raci::Responsible, 3);
    assign(&mut w, inh, bob, legal, Raci::Consulted, 1);
    assign(&mut w, inh, bob, legal, Raci::Informed, 0);
    let e = eng(&w, inh);
    assert_eq!(e.accountable(legal), Some(ann));
    assert_eq!(
        e.assignments,
        vec![
            Assignment {
                person: ann,
                function: legal,
                role: Raci::Accountable,
                hours: HOURS_PER_WEEK
            },
            Assignment {
                person: ann,
                function: legal,
                role: Raci::Responsible,
                hours: Hours::from_whole(3)
            },
            Assignment {
                person: bob,
                function: legal,
                role: Raci::Consulted,
                hours: Hours::from_whole(1)
            },
            Assignment {
                person: bob,
                function: legal,
                role: Raci::Informed,
                hours: Hours(0)
            },
        ]
    );

    ok(
        &mut w,
        Action::SetAssignmentHours {
            engagement: inh,
            person: ann,
            function: legal,
            role: Raci::Responsible,
            hours: Hours(1250),
        },
    );
    assert_eq!(eng(&w, inh).assignments[1].hours, Hours(1250));

    ok(
        &mut w,
        Action::Unassign {
            engagement: inh,
            person: ann,
            function: legal,
            role: Raci::Accountable,
        },
    );
    let e = eng(&w, inh);
    assert_eq!(e.accountable(legal), None);
    assert_eq!(e.assignments.len(), 3);
    // With the Accountable gone, someone else can take it.
    assign(&mut w, inh, bob, legal, Raci::Accountable, 1);
    assert_eq!(eng(&w, inh).accountable(legal), Some(bob));
}

#[test]
fn assign_refusals() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        bob,
        ..
    } = fixture();
    let legal = function(&w, inh, FunctionKind::Legal);
    let a = |person, function, role, hours| Action::Assign {
        engagement: inh,
        person,
        function,
        role,
        hours,
    };
    let ghost_p = PersonId(9_999);
    let ghost_e = EngagementId(9_998);
    assert_eq!(
        refused(&mut w, a(ghost_p, legal, Raci::Responsible, Hours(0))),
        ModelError::UnknownPerson(ghost_p)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::Assign {
                engagement: ghost_e,
                person: ann,
                function: legal,
                role: Raci::Responsible,
                hours: Hours(0)
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    let elsewhere = function(&w, con, FunctionKind::Legal);
    assert_eq!(
        refused(&mut w, a(ann, elsewhere, Raci::Responsible, Hours(0))),
        ModelError::UnknownFunction(elsewhere)
    );
    assert_eq!(
        refused(&mut w, a(ann, legal, Raci::Responsible, Hours(16_801))),
        ModelError::TooManyHours(Hours(16_801))
    );

    assign(&mut w, inh, ann, legal, Raci::Accountable, 4);
    assign(&mut w, inh, bob, legal, Raci::Responsible, 4);
    assert_eq!(
        refused(&mut w, a(bob, legal, Raci::Responsible, Hours(100))),
        ModelError::AlreadyAssigned {
            person: "Bob".into(),
            function: "Legal".into(),
            role: Raci::Responsible
        }
    );
    // The same person Accountable twice is a duplicate, not a second Accountable.
    assert!(matches!(
        refused(&mut w, a(ann, legal, Raci::Accountable, Hours(0))),
        ModelError::AlreadyAssigned {
            role: Raci::Accountable,
            ..
        }
    ));
    let err = refused(&mut w, a(bob, legal, Raci::Accountable, Hours(0)));
    assert_eq!(
        err,
        ModelError::SecondAccountable {
            function: "Legal".into(),
            current: "Ann".into()
        }
    );
    let message = err.to_string();
    assert!(message.contains("Legal"), "{message}");
    assert!(message.contains("(Ann)"), "{message}");
    assert!(message.contains("unassign Ann"), "{message}");
    // The holder's current name is the one shown.
    ok(
        &mut w,
        Action::EditPerson {
            person: ann,
            edit: PersonEdit::Name("Ann Smith".into()),
        },
    );
    let err = refused(&mut w, a(bob, legal, Raci::Accountable, Hours(0)));
    assert!(err.to_string().contains("Ann Smith"));
    // Renamed functions are named by their new name.
    ok(
        &mut w,
        Action::RenameFunction {
            engagement: inh,
            function: legal,
            name: "Contracts".into(),
        },
    );
    assert_eq!(
        refused(&mut w, a(bob, legal, Raci::Accountable, Hours(0))),
        ModelError::SecondAccountable {
            function: "Contracts".into(),
            current: "Ann Smith".into()
        }
    );
    assert_eq!(accountables(eng(&w, inh), legal), 1);
    // Another function of the same engagement is free.
    let delivery = function(&w, inh, FunctionKind::Delivery);
    assign(&mut w, inh, bob, delivery, Raci::Accountable, 0);
}

#[test]
fn unassign_and_set_hours_refusals() {
    let Fx {
        mut w,
        inh,
        ann,
        bob,
        ..
    } = fixture();
    let legal = function(&w, inh, FunctionKind::Legal);
    assign(&mut w, inh, ann, legal, Raci::Responsible, 4);
    for (person, role) in [
        (bob, Raci::Responsible),
        (ann, Raci::Accountable),
        (PersonId(9_999), Raci::Responsible),
    ] {
        assert_eq!(
            refused(
                &mut w,
                Action::Unassign {
                    engagement: inh,
                    person,
                    function: legal,
                    role
                }
            ),
            ModelError::NotAssigned
        );
        assert_eq!(
            refused(
                &mut w,
                Action::SetAssignmentHours {
                    engagement: inh,
                    person,
                    function: legal,
                    role,
                    hours: Hours(100)
                }
            ),
            ModelError::NotAssigned
        );
    }
    let ghost = EngagementId(9_999);
    assert_eq!(
        refused(
            &mut w,
            Action::Unassign {
                engagement: ghost,
                person: ann,
                function: legal,
                role: Raci::Responsible
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::SetAssignmentHours {
                engagement: ghost,
                person: ann,
                function: legal,
                role: Raci::Responsible,
                hours: Hours(0)
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::SetAssignmentHours {
                engagement: inh,
                person: ann,
                function: legal,
                role: Raci::Responsible,
                hours: Hours(HOURS_PER_WEEK.0 + 1)
            }
        ),
        ModelError::TooManyHours(Hours(HOURS_PER_WEEK.0 + 1))
    );
    ok(
        &mut w,
        Action::Unassign {
            engagement: inh,
            person: ann,
            function: legal,
            role: Raci::Responsible,
        },
    );
    assert_eq!(
        refused(
            &mut w,
            Action::Unassign {
                engagement: inh,
                person: ann,
                function: legal,
                role: Raci::Responsible
            }
        ),
        ModelError::NotAssigned
    );
}

#[test]
fn pm_acceptance() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        ..
    } = fixture();
    let cs = function(&w, inh, FunctionKind::CustomerService);
    let em = function(&w, inh, FunctionKind::EngagementManagement);
    let accept = |function, accepted| Action::SetPmAcceptance {
        engagement: inh,
        function,
        accepted,
    };
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    ok(&mut w, accept(cs, true));
    assert_eq!(
        eng(&w, inh).pm_accepted,
        BTreeMap::from([(cs, PM_DEFAULT_HOURS)])
    );
    // Accepting twice changes nothing.
    let before = w.clone();
    ok(&mut w, accept(cs, true));
    assert_eq!(w, before);
    ok(&mut w, accept(cs, false));
    assert!(eng(&w, inh).pm_accepted.is_empty());
    // Giving back what was never accepted is harmless.
    ok(&mut w, accept(cs, false));
    assert!(eng(&w, inh).pm_accepted.is_empty());

    // A function with an Accountable does not fall to the PM.
    assign(&mut w, inh, ann, em, Raci::Accountable, 1);
    assert_eq!(
        refused(&mut w, accept(em, true)),
        ModelError::NotPmDefault("Engagement management".into())
    );
    // Only an Accountable counts: a Responsible leaves the function to the PM.
    assign(&mut w, inh, ann, cs, Raci::Responsible, 1);
    ok(&mut w, accept(cs, true));

    let elsewhere = function(&w, con, FunctionKind::Legal);
    assert_eq!(
        refused(&mut w, accept(elsewhere, true)),
        ModelError::UnknownFunction(elsewhere)
    );
    assert_eq!(
        refused(&mut w, accept(elsewhere, false)),
        ModelError::UnknownFunction(elsewhere)
    );
    let ghost = EngagementId(9_999);
    assert_eq!(
        refused(
            &mut w,
            Action::SetPmAcceptance {
                engagement: ghost,
                function: cs,
                accepted: true
            }
        ),
        ModelError::UnknownEngagement(ghost)
    );
}

#[test]
fn pm_default_hours_need_a_named_pm_who_accepted_the_function() {
    let Fx {
        mut w, inh, ann, ..
    } = fixture();
    let cs = function(&w, inh, FunctionKind::CustomerService);
    assert_eq!(eng(&w, inh).pm, None);
    let accept = Action::SetPmAcceptance {
        engagement: inh,
        function: cs,
        accepted: true,
    };
    let err = refused(&mut w, accept.clone());
    assert_eq!(
        err,
        ModelError::NoPmNamed {
            engagement: "Intranet".into(),
            function: "Customer service".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "No PM is named for Intranet, so Customer service cannot be accepted as PM: name the project manager on the Overview view first."
    );
    // Nor can hours be set for a PM default nobody accepted.
    assert_eq!(
        refused(
            &mut w,
            Action::SetPmDefaultHours {
                engagement: inh,
                function: cs,
                hours: Hours::from_whole(2),
            }
        ),
        ModelError::NotPmAccepted("Customer service".into())
    );
    // Giving back needs no PM (there is nothing to give back).
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: false,
        },
    );
    // Once a PM is named, the same action works.
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    ok(&mut w, accept);
    assert!(eng(&w, inh).pm_accepted.contains_key(&cs));
}

#[test]
fn accepting_as_pm_records_default_hours_that_can_be_edited() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        bob,
        ..
    } = fixture();
    let cs = function(&w, inh, FunctionKind::CustomerService);
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    assert_eq!(w.assigned_hours(ann), Hours(0));
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: true,
        },
    );
    assert_eq!(PM_DEFAULT_HOURS, Hours::from_whole(4));
    assert_eq!(eng(&w, inh).pm_accepted[&cs], PM_DEFAULT_HOURS);
    assert_eq!(w.assigned_hours(ann), PM_DEFAULT_HOURS);
    assert_eq!(w.workload()[&ann], PM_DEFAULT_HOURS);
    let hours = |h| Action::SetPmDefaultHours {
        engagement: inh,
        function: cs,
        hours: h,
    };
    ok(&mut w, hours(Hours::from_whole(12)));
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(12));
    // Accepting again keeps the hours someone set.
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: true,
        },
    );
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(12));
    // More than a week has is refused, and nothing changes.
    assert_eq!(
        refused(&mut w, hours(Hours::from_whole(169))),
        ModelError::TooManyHours(Hours::from_whole(169))
    );
    let elsewhere = function(&w, con, FunctionKind::Legal);
    assert_eq!(
        refused(
            &mut w,
            Action::SetPmDefaultHours {
                engagement: inh,
                function: elsewhere,
                hours: Hours(0),
            }
        ),
        ModelError::UnknownFunction(elsewhere)
    );
    // The hours are the PM's: a new PM starts afresh, with nothing.
    edit(&mut w, inh, EngagementEdit::Pm(Some(bob)));
    assert_eq!(w.assigned_hours(ann), Hours(0));
    assert_eq!(w.assigned_hours(bob), Hours(0));
    // Giving it back takes the hours off the PM.
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: true,
        },
    );
    assert_eq!(w.assigned_hours(ann), PM_DEFAULT_HOURS);
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: false,
        },
    );
    assert_eq!(w.assigned_hours(ann), Hours(0));
    assert!(w.validate().is_ok());
}

// ---------------------------------------------------------------------------------
// Governance, expectations, compliance, sign-offs
// ---------------------------------------------------------------------------------

#[test]
fn decision_areas() {
    let Fx {
        mut w,
        inh,
        con,
        bob,
        ..
    } = fixture();
    let id = DecisionId(w.next_id);
    ok(
        &mut w,
        Action::AddDecisionArea {
            engagement: inh,
            name: " Budget overrun ".into(),
        },
    );
    let d = eng(&w, inh).decision(id).unwrap();
    assert_eq!(d.name, "Budget overrun");
    assert_eq!(d.kind, DecisionKind::Custom);
    assert_eq!((d.method, d.authority), (None, None));
    let e = |edit| Action::EditDecisionArea {
        engagement: inh,
        decision: id,
        edit,
    };
    ok(&mut w, e(DecisionEdit::Name("Overrun".into())));
    for m in DecisionMethod::ALL {
        ok(&mut w, e(DecisionEdit::Method(Some(m))));
        assert_eq!(eng(&w, inh).decision(id).unwrap().method, Some(m));
    }
    ok(&mut w, e(DecisionEdit::Authority(Some(bob))));
    let d = eng(&w, inh).decision(id).unwrap();
    assert_eq!(
        (d.name.as_str(), d.method, d.authority),
        ("Overrun", Some(DecisionMethod::Authority), Some(bob))
    );
    ok(&mut w, e(DecisionEdit::Method(None)));
    ok(&mut w, e(DecisionEdit::Authority(None)));
    let d = eng(&w, inh).decision(id).unwrap();
    assert_eq!((d.method, d.authority), (None, None));

    let ghost_p = PersonId(9_999);
    assert_eq!(
        refused(&mut w, e(DecisionEdit::Authority(Some(ghost_p)))),
        ModelError::UnknownPerson(ghost_p)
    );
    assert_eq!(
        refused(&mut w, e(DecisionEdit::Name(" ".into()))),
        ModelError::EmptyName("decision area name")
    );
    assert!(matches!(
        refused(&mut w, e(DecisionEdit::Name(long(NAME_MAX + 1)))),
        ModelError::TooLong { .. }
    ));
    let other = eng(&w, con).decisions[0].id;
    assert_eq!(
        refused(
            &mut w,
            Action::EditDecisionArea {
                engagement: inh,
                decision: other,
                edit: DecisionEdit::Method(None)
            }
        ),
        ModelError::UnknownDecision(other)
    );
    let ghost_e = EngagementId(9_998);
    assert_eq!(
        refused(
            &mut w,
            Action::AddDecisionArea {
                engagement: ghost_e,
                name: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddDecisionArea {
                engagement: inh,
                name: "".into()
            }
        ),
        ModelError::EmptyName("decision area name")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::AddDecisionArea {
                engagement: inh,
                name: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));

    ok(
        &mut w,
        Action::RemoveDecisionArea {
            engagement: inh,
            decision: id,
        },
    );
    assert!(eng(&w, inh).decision(id).is_none());
    assert_eq!(eng(&w, inh).decisions.len(), 4);
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveDecisionArea {
                engagement: inh,
                decision: id
            }
        ),
        ModelError::UnknownDecision(id)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveDecisionArea {
                engagement: ghost_e,
                decision: other
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
}

#[test]
fn reports() {
    let Fx {
        mut w,
        inh,
        con,
        cat,
        ..
    } = fixture();
    let id = ReportId(w.next_id);
    ok(
        &mut w,
        Action::AddReport {
            engagement: inh,
            name: " Risk log ".into(),
        },
    );
    let r = eng(&w, inh).report(id).unwrap();
    assert_eq!(r.name, "Risk log");
    assert!(r.owner.is_none() && r.audience.is_empty() && r.frequency.is_none());
    let e = |edit| Action::EditReport {
        engagement: inh,
        report: id,
        edit,
    };
    let audience = BTreeSet::from([StakeholderGroup::Client, StakeholderGroup::Regulator]);
    ok(&mut w, e(ReportEdit::Name("Risks".into())));
    ok(&mut w, e(ReportEdit::Owner(Some(cat))));
    ok(&mut w, e(ReportEdit::Audience(audience.clone())));
    for f in Frequency::ALL {
        ok(&mut w, e(ReportEdit::Frequency(Some(f))));
        assert_eq!(eng(&w, inh).report(id).unwrap().frequency, Some(f));
    }
    let r = eng(&w, inh).report(id).unwrap();
    assert_eq!(r.name, "Risks");
    assert_eq!(r.owner, Some(cat));
    assert_eq!(r.audience, audience);
    ok(&mut w, e(ReportEdit::Owner(None)));
    ok(&mut w, e(ReportEdit::Audience(BTreeSet::new())));
    ok(&mut w, e(ReportEdit::Frequency(None)));

    let ghost_p = PersonId(9_999);
    assert_eq!(
        refused(&mut w, e(ReportEdit::Owner(Some(ghost_p)))),
        ModelError::UnknownPerson(ghost_p)
    );
    assert_eq!(
        refused(&mut w, e(ReportEdit::Name("".into()))),
        ModelError::EmptyName("report name")
    );
    assert!(matches!(
        refused(&mut w, e(ReportEdit::Name(long(NAME_MAX + 1)))),
        ModelError::TooLong { .. }
    ));
    let other = eng(&w, con).reports[0].id;
    assert_eq!(
        refused(
            &mut w,
            Action::EditReport {
                engagement: inh,
                report: other,
                edit: ReportEdit::Frequency(None)
            }
        ),
        ModelError::UnknownReport(other)
    );
    let ghost_e = EngagementId(9_998);
    assert_eq!(
        refused(
            &mut w,
            Action::AddReport {
                engagement: ghost_e,
                name: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddReport {
                engagement: inh,
                name: "  ".into()
            }
        ),
        ModelError::EmptyName("report name")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::AddReport {
                engagement: inh,
                name: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
    ok(
        &mut w,
        Action::RemoveReport {
            engagement: inh,
            report: id,
        },
    );
    assert!(eng(&w, inh).report(id).is_none());
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveReport {
                engagement: inh,
                report: id
            }
        ),
        ModelError::UnknownReport(id)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveReport {
                engagement: ghost_e,
                report: other
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
}

#[test]
fn client_needs() {
    let Fx {
        mut w, inh, con, ..
    } = fixture();
    let id = NeedId(w.next_id);
    ok(
        &mut w,
        Action::AddNeed {
            engagement: inh,
            title: " Single sign-on ".into(),
        },
    );
    let n = eng(&w, inh).need(id).unwrap();
    assert_eq!(n.title, "Single sign-on");
    for a in NeedAspect::ALL {
        assert_eq!(n.coverage(a), Coverage::Unknown);
    }
    assert_eq!(n.note, "");
    assert!(!n.complete);
    let e = |edit| Action::EditNeed {
        engagement: inh,
        need: id,
        edit,
    };
    ok(&mut w, e(NeedEdit::Complete(true)));
    assert!(eng(&w, inh).need(id).unwrap().complete);
    ok(&mut w, e(NeedEdit::Complete(false)));
    assert!(!eng(&w, inh).need(id).unwrap().complete);
    ok(&mut w, e(NeedEdit::Title("SSO".into())));
    for (i, a) in NeedAspect::ALL.into_iter().enumerate() {
        let c = Coverage::ALL[i % Coverage::ALL.len()];
        ok(&mut w, e(NeedEdit::Coverage(a, c)));
        assert_eq!(eng(&w, inh).need(id).unwrap().coverage(a), c);
    }
    // Notes are free text: kept as typed, up to the text limit.
    ok(
        &mut w,
        e(NeedEdit::Note(format!(" {} ", long(TEXT_MAX - 2)))),
    );
    let n = eng(&w, inh).need(id).unwrap();
    assert_eq!(n.title, "SSO");
    assert_eq!(n.note.chars().count(), TEXT_MAX);
    assert_eq!(n.promised, Coverage::Unknown);
    assert_eq!(n.bought, Coverage::No);
    assert_eq!(n.needed, Coverage::Partly);
    assert_eq!(n.delivered, Coverage::Fully);

    assert_eq!(
        refused(&mut w, e(NeedEdit::Title(" ".into()))),
        ModelError::EmptyName("need")
    );
    assert!(matches!(
        refused(&mut w, e(NeedEdit::Title(long(NAME_MAX + 1)))),
        ModelError::TooLong { .. }
    ));
    assert_eq!(
        refused(&mut w, e(NeedEdit::Note(long(TEXT_MAX + 1)))),
        ModelError::TooLong {
            what: "note",
            max: TEXT_MAX
        }
    );
    let ghost_e = EngagementId(9_998);
    let ghost_n = NeedId(9_997);
    assert_eq!(
        refused(
            &mut w,
            Action::EditNeed {
                engagement: inh,
                need: ghost_n,
                edit: NeedEdit::Note("x".into())
            }
        ),
        ModelError::UnknownNeed(ghost_n)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::EditNeed {
                engagement: con,
                need: id,
                edit: NeedEdit::Note("x".into())
            }
        ),
        ModelError::UnknownNeed(id)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddNeed {
                engagement: ghost_e,
                title: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddNeed {
                engagement: inh,
                title: "".into()
            }
        ),
        ModelError::EmptyName("need")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::AddNeed {
                engagement: inh,
                title: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
    ok(
        &mut w,
        Action::RemoveNeed {
            engagement: inh,
            need: id,
        },
    );
    assert!(eng(&w, inh).needs.is_empty());
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveNeed {
                engagement: inh,
                need: id
            }
        ),
        ModelError::UnknownNeed(id)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveNeed {
                engagement: ghost_e,
                need: id
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
}

#[test]
fn compliance_items() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        ..
    } = fixture();
    let id = ComplianceId(w.next_id);
    ok(
        &mut w,
        Action::AddComplianceItem {
            engagement: inh,
            rule: " Accessibility audit ".into(),
        },
    );
    let c = eng(&w, inh).compliance_item(id).unwrap();
    assert_eq!(c.rule, "Accessibility audit");
    assert_eq!((c.owner, c.status), (None, ComplianceStatus::NotStarted));
    let e = |edit| Action::EditComplianceItem {
        engagement: inh,
        item: id,
        edit,
    };
    ok(&mut w, e(ComplianceEdit::Rule("WCAG 2.2 AA".into())));
    ok(&mut w, e(ComplianceEdit::Owner(Some(ann))));
    for s in ComplianceStatus::ALL {
        ok(&mut w, e(ComplianceEdit::Status(s)));
        assert_eq!(eng(&w, inh).compliance_item(id).unwrap().status, s);
    }
    let c = eng(&w, inh).compliance_item(id).unwrap();
    assert_eq!((c.rule.as_str(), c.owner), ("WCAG 2.2 AA", Some(ann)));
    ok(&mut w, e(ComplianceEdit::Owner(None)));

    let ghost_p = PersonId(9_999);
    assert_eq!(
        refused(&mut w, e(ComplianceEdit::Owner(Some(ghost_p)))),
        ModelError::UnknownPerson(ghost_p)
    );
    assert_eq!(
        refused(&mut w, e(ComplianceEdit::Rule("".into()))),
        ModelError::EmptyName("rule")
    );
    assert!(matches!(
        refused(&mut w, e(ComplianceEdit::Rule(long(NAME_MAX + 1)))),
        ModelError::TooLong { .. }
    ));
    let other = eng(&w, con).compliance[0].id;
    assert_eq!(
        refused(
            &mut w,
            Action::EditComplianceItem {
                engagement: inh,
                item: other,
                edit: ComplianceEdit::Status(ComplianceStatus::Met)
            }
        ),
        ModelError::UnknownComplianceItem(other)
    );
    let ghost_e = EngagementId(9_998);
    assert_eq!(
        refused(
            &mut w,
            Action::AddComplianceItem {
                engagement: ghost_e,
                rule: "X".into()
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::AddComplianceItem {
                engagement: inh,
                rule: " ".into()
            }
        ),
        ModelError::EmptyName("rule")
    );
    assert!(matches!(
        refused(
            &mut w,
            Action::AddComplianceItem {
                engagement: inh,
                rule: long(NAME_MAX + 1)
            }
        ),
        ModelError::TooLong { .. }
    ));
    ok(
        &mut w,
        Action::RemoveComplianceItem {
            engagement: inh,
            item: id,
        },
    );
    assert!(eng(&w, inh).compliance_item(id).is_none());
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveComplianceItem {
                engagement: inh,
                item: id
            }
        ),
        ModelError::UnknownComplianceItem(id)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::RemoveComplianceItem {
                engagement: ghost_e,
                item: other
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
}

#[test]
fn sign_offs() {
    let Fx {
        mut w,
        inh,
        con,
        ann,
        cat,
        ..
    } = fixture();
    let dee = person_on(
        &mut w,
        "Dee",
        Side::Provider,
        StakeholderGroup::CustomerService,
        40,
    );
    let sign = |party, person, date: &str| Action::SignOff {
        engagement: inh,
        party,
        person,
        date: date.into(),
    };
    let process = eng(&w, inh).process_fingerprint();
    ok(&mut w, sign(SignOffParty::Sales, cat, "2025-03-01"));
    ok(
        &mut w,
        sign(SignOffParty::CustomerService, dee, " 2025-03-02 "),
    );
    ok(&mut w, sign(SignOffParty::Delivery, ann, "2024-02-29"));
    let stamp = |date: &str| SignOffStamp {
        date: date.into(),
        process: process.clone(),
    };
    assert_eq!(
        eng(&w, inh).signoffs,
        SignOffs {
            sales: Some(cat),
            customer_service: Some(dee),
            delivery: Some(ann),
            sales_stamp: Some(stamp("2025-03-01")),
            customer_service_stamp: Some(stamp("2025-03-02")),
            delivery_stamp: Some(stamp("2024-02-29")),
        }
    );
    for party in SignOffParty::ALL {
        assert!(matches!(
            eng(&w, inh).sign_off_status(party, &w.people),
            SignOffStatus::Current { .. }
        ));
    }
    // Signing again confirms afresh, with the new date.
    ok(&mut w, sign(SignOffParty::Sales, cat, "2025-04-01"));
    assert_eq!(
        eng(&w, inh).signoffs.stamp(SignOffParty::Sales),
        Some(&stamp("2025-04-01"))
    );
    ok(
        &mut w,
        Action::WithdrawSignOff {
            engagement: inh,
            party: SignOffParty::Sales,
        },
    );
    assert_eq!(eng(&w, inh).signoffs.get(SignOffParty::Sales), None);
    assert_eq!(eng(&w, inh).signoffs.stamp(SignOffParty::Sales), None);
    assert_eq!(
        eng(&w, inh).sign_off_status(SignOffParty::Sales, &w.people),
        SignOffStatus::Missing
    );
    assert_eq!(eng(&w, con).signoffs, SignOffs::default());

    let ghost_p = PersonId(9_999);
    let ghost_e = EngagementId(9_998);
    assert_eq!(
        refused(&mut w, sign(SignOffParty::Sales, ghost_p, "2025-03-01")),
        ModelError::UnknownPerson(ghost_p)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::SignOff {
                engagement: ghost_e,
                party: SignOffParty::Sales,
                person: cat,
                date: "2025-03-01".into(),
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
    assert_eq!(
        refused(
            &mut w,
            Action::WithdrawSignOff {
                engagement: ghost_e,
                party: SignOffParty::Sales,
            }
        ),
        ModelError::UnknownEngagement(ghost_e)
    );
}

#[test]
fn sign_off_must_be_by_a_person_of_that_group() {
    let Fx {
        mut w,
        inh,
        ann,
        bob,
        cat,
        ..
    } = fixture();
    let groups = |party: SignOffParty| -> Vec<StakeholderGroup> {
        StakeholderGroup::ALL
            .into_iter()
            .filter(|&g| party.accepts(g))
            .collect()
    };
    assert_eq!(groups(SignOffParty::Sales), [StakeholderGroup::Sales]);
    assert_eq!(
        groups(SignOffParty::CustomerService),
        [StakeholderGroup::CustomerService]
    );
    assert_eq!(
        groups(SignOffParty::Delivery),
        [
            StakeholderGroup::Performer,
            StakeholderGroup::FunctionalManager,
            StakeholderGroup::ProjectManager
        ]
    );
    let sign = |party, person| Action::SignOff {
        engagement: inh,
        party,
        person,
        date: "2025-03-01".into(),
    };
    // Bob is a sponsor: no group's sign-off is his to give.
    for party in SignOffParty::ALL {
        assert_eq!(
            refused(&mut w, sign(party, bob)),
            ModelError::WrongSignOffGroup {
                person: "Bob".into(),
                group: StakeholderGroup::Sponsor,
                party,
            }
        );
    }
    assert_eq!(
        refused(&mut w, sign(SignOffParty::Sales, ann)).to_string(),
        "Ann is in the Project manager group, so Ann cannot sign off for sales: that sign-off must come from someone in the Sales group."
    );
    assert_eq!(
        refused(&mut w, sign(SignOffParty::Delivery, cat)).to_string(),
        "Cat is in the Sales group, so Cat cannot sign off for delivery: that sign-off must come from a performer, functional manager or project manager."
    );
    assert_eq!(
        refused(&mut w, sign(SignOffParty::CustomerService, cat)).to_string(),
        "Cat is in the Sales group, so Cat cannot sign off for customer service: that sign-off must come from someone in the Customer service group."
    );
    // Each delivery group may sign for delivery.
    for group in groups(SignOffParty::Delivery) {
        let p = person_on(&mut w, "Delivery lead", Side::Provider, group, 40);
        ok(&mut w, sign(SignOffParty::Delivery, p));
    }
    ok(&mut w, sign(SignOffParty::Sales, cat));
}

#[test]
fn sign_off_must_be_dated() {
    let Fx {
        mut w, inh, cat, ..
    } = fixture();
    for bad in [
        "",
        "yesterday",
        "2025-3-1",
        "01-03-2025",
        "2025/03/01",
        "2025-00-10",
        "2025-13-01",
        "2025-04-31",
        "2025-02-29",
        "1900-02-29",
        "1899-12-31",
        "２０２５-03-01",
        "2025-03-01T10:00",
    ] {
        let err = refused(
            &mut w,
            Action::SignOff {
                engagement: inh,
                party: SignOffParty::Sales,
                person: cat,
                date: bad.into(),
            },
        );
        assert_eq!(err, ModelError::BadDate(bad.trim().into()), "{bad}");
        assert!(err
            .to_string()
            .contains("year-month-day, such as 2025-03-01"));
    }
    for good in [
        "2024-02-29",
        "2000-02-29",
        "1900-01-01",
        "9999-12-31",
        "2025-12-31",
    ] {
        assert!(is_iso_date(good), "{good}");
    }
    assert_eq!(
        ModelError::BadDate("2025-02-30".into()).to_string(),
        "\u{201c}2025-02-30\u{201d} is not a date: write it as year-month-day, such as 2025-03-01."
    );
}

#[test]
fn removing_the_signer_removes_the_sign_off_and_its_date() {
    let Fx {
        mut w, inh, cat, ..
    } = filled();
    assert!(eng(&w, inh).signoffs.sales_stamp.is_some());
    ok(&mut w, Action::RemovePerson { person: cat });
    assert_eq!(eng(&w, inh).signoffs.sales, None);
    assert_eq!(eng(&w, inh).signoffs.sales_stamp, None);
    // The delivery sign-off stays, but the roles it signed lost Cat: out of date.
    assert!(matches!(
        eng(&w, inh).sign_off_status(SignOffParty::Delivery, &w.people),
        SignOffStatus::OutOfDate { .. }
    ));
}

#[test]
fn duplicated_and_imported_engagements_keep_sign_offs_as_they_were() {
    let Fx {
        mut w, inh, cat, ..
    } = filled();
    // Sales confirms the process as it is now; delivery signed before the last changes;
    // customer service was signed by a sponsor in an older plan.
    ok(
        &mut w,
        Action::SignOff {
            engagement: inh,
            party: SignOffParty::Sales,
            person: cat,
            date: "2025-03-06".into(),
        },
    );
    let before = eng(&w, inh).sign_off_statuses(&w.people);
    assert!(matches!(before[0].1, SignOffStatus::Current { ref date, .. } if date == "2025-03-06"));
    assert!(matches!(before[1].1, SignOffStatus::WrongGroup { .. }));
    assert!(
        matches!(before[2].1, SignOffStatus::OutOfDate { ref date, .. } if date == "2025-03-01")
    );

    ok(
        &mut w,
        Action::DuplicateEngagement {
            engagement: inh,
            name: "Copy".into(),
        },
    );
    let copy = &w.engagements[1];
    assert_eq!(copy.name, "Copy");
    assert_ne!(
        copy.process_fingerprint(),
        eng(&w, inh).process_fingerprint()
    );
    assert_eq!(copy.sign_off_statuses(&w.people), before);

    let src = w.clone();
    ok(&mut w, Action::ImportEngagements { from: src.clone() });
    let n = src.engagements.len();
    for (original, imported) in src.engagements.iter().zip(&w.engagements[n..]) {
        assert_eq!(
            imported.sign_off_statuses(&w.people),
            original.sign_off_statuses(&src.people),
            "{}",
            original.name
        );
    }
}

// ---------------------------------------------------------------------------------
// Import and replace
// ---------------------------------------------------------------------------------

#[test]
fn import_merges_people_by_trimmed_case_insensitive_name_and_side() {
    let Fx {
        mut w, ann, bob, ..
    } = filled();
    let mut src = Workspace::default();
    let src_ann = person_on(
        &mut src,
        "ANN",
        Side::Provider,
        StakeholderGroup::Performer,
        40,
    );
    // Names from a file need not be trimmed; they still match.
    src.people[0].name = "  aNn  ".into();
    src.people[0].capacity = Hours::from_whole(1);
    let src_bob = person_on(
        &mut src,
        "bob",
        Side::Provider,
        StakeholderGroup::Performer,
        40,
    );
    let src_dan = person_on(&mut src, "Dan", Side::Client, StakeholderGroup::Client, 40);
    let e = engagement(&mut src, "Imported", Template::ContractedVendor);
    let legal = function(&src, e, FunctionKind::Legal);
    let delivery = function(&src, e, FunctionKind::Delivery);
    edit(&mut src, e, EngagementEdit::Pm(Some(src_ann)));
    edit(
        &mut src,
        e,
        EngagementEdit::EngagementManager(Some(src_bob)),
    );
    edit(&mut src, e, EngagementEdit::Champion(Some(src_dan)));
    assign(&mut src, e, src_ann, legal, Raci::Accountable, 6);
    assign(&mut src, e, src_bob, legal, Raci::Responsible, 7);
    assign(&mut src, e, src_dan, delivery, Raci::Informed, 1);
    ok(
        &mut src,
        Action::SetPmAcceptance {
            engagement: e,
            function: delivery,
            accepted: true,
        },
    );
    let decision = eng(&src, e).decisions[1].id;
    ok(
        &mut src,
        Action::EditDecisionArea {
            engagement: e,
            decision,
            edit: DecisionEdit::Authority(Some(src_dan)),
        },
    );
    ok(
        &mut src,
        Action::AddNeed {
            engagement: e,
            title: "Uptime".into(),
        },
    );

    let before = w.clone();
    let old_ids: BTreeSet<u32> = all_ids(&before).into_iter().collect();
    ok(&mut w, Action::ImportEngagements { from: src.clone() });

    // The existing engagements are untouched; the import is added at the end.
    assert_eq!(w.engagements.len(), 3);
    assert_eq!(w.engagements[..2], before.engagements[..]);
    // "  aNn  " (provider) is Ann. "bob" is a provider, but Bob is a client: new.
    assert_eq!(w.people[..3], before.people[..]);
    assert_eq!(w.people.len(), 5);
    let new_bob = &w.people[3];
    let new_dan = &w.people[4];
    assert_eq!(
        (new_bob.name.as_str(), new_bob.side),
        ("bob", Side::Provider)
    );
    assert_eq!((new_dan.name.as_str(), new_dan.side), ("Dan", Side::Client));
    assert_ne!(new_bob.id, bob);
    assert!(new_bob.id.0 >= before.next_id && new_dan.id.0 >= before.next_id);
    assert_eq!(
        w.person(ann).unwrap(),
        before.person(ann).unwrap(),
        "a merged person keeps the roster's details"
    );

    let imported = w.engagements.last().unwrap();
    let source = eng(&src, e);
    assert_eq!(imported.name, "Imported");
    assert_eq!(imported.relationship, Relationship::Contracted);
    let ids = engagement_ids(imported);
    assert!(ids
        .iter()
        .all(|id| *id >= before.next_id && !old_ids.contains(id)));
    assert_eq!(w.next_id as usize, before.next_id as usize + 2 + ids.len());
    assert_eq!(imported.pm, Some(ann));
    assert_eq!(imported.engagement_manager, Some(new_bob.id));
    assert_eq!(imported.champion, Some(new_dan.id));
    assert_eq!(imported.decisions[1].authority, Some(new_dan.id));
    let map: BTreeMap<FunctionId, FunctionId> = source
        .functions
        .iter()
        .zip(&imported.functions)
        .map(|(s, c)| (s.id, c.id))
        .collect();
    let people: BTreeMap<PersonId, PersonId> =
        [(src_ann, ann), (src_bob, new_bob.id), (src_dan, new_dan.id)].into();
    assert_eq!(imported.assignments.len(), source.assignments.len());
    for (s, c) in source.assignments.iter().zip(&imported.assignments) {
        assert_eq!(c.person, people[&s.person]);
        assert_eq!(c.function, map[&s.function]);
        assert_eq!((c.role, c.hours), (s.role, s.hours));
    }
    assert_eq!(
        imported.pm_accepted,
        BTreeMap::from([(map[&delivery], PM_DEFAULT_HOURS)]),
        "PM acceptances follow their functions"
    );
    // Ann's workload now adds up across the portfolio, her PM defaults included.
    assert_eq!(
        w.assigned_hours(ann),
        Hours::from_whole(10 + 10 + 6 + 3 * 4)
    );
}

#[test]
fn import_keeps_one_accountable_and_no_duplicates_when_imported_people_merge() {
    // Two people of the source are one person: "Eve" and " eve ".
    let mut src = Workspace::default();
    let eve1 = person_on(&mut src, "Eve", Side::Provider, StakeholderGroup::Legal, 40);
    let eve2 = person_on(&mut src, "EVE", Side::Provider, StakeholderGroup::Legal, 40);
    src.people[1].name = " eve ".into();
    let e = engagement(&mut src, "Source", Template::InHouseProject);
    let legal = function(&src, e, FunctionKind::Legal);
    let delivery = function(&src, e, FunctionKind::Delivery);
    assign(&mut src, e, eve1, legal, Raci::Accountable, 8);
    assign(&mut src, e, eve2, legal, Raci::Responsible, 2);
    assign(&mut src, e, eve2, delivery, Raci::Responsible, 3);
    assign(&mut src, e, eve1, delivery, Raci::Responsible, 4);
    assign(&mut src, e, eve2, delivery, Raci::Accountable, 5);
    assert!(src.validate().is_ok());

    // Into a roster without Eve: the first Eve joins, the second merges into her.
    let mut w = fixture().w;
    let people_before = w.people.len();
    ok(&mut w, Action::ImportEngagements { from: src.clone() });
    assert_eq!(w.people.len(), people_before + 1);
    let eve = w.people.last().unwrap().clone();
    assert_eq!(eve.name, "Eve");
    let imported = w.engagements.last().unwrap();
    for f in &imported.functions {
        assert!(accountables(imported, f.id) <= 1);
    }
    let legal2 = imported.function_of_kind(FunctionKind::Legal).unwrap().id;
    let delivery2 = imported
        .function_of_kind(FunctionKind::Delivery)
        .unwrap()
        .id;
    assert_eq!(imported.accountable(legal2), Some(eve.id));
    assert_eq!(imported.accountable(delivery2), Some(eve.id));
    // Two colliding assignments become one, with their hours added up.
    let on_delivery: Vec<(Raci, Hours)> = imported
        .assignments_on(delivery2)
        .map(|a| (a.role, a.hours))
        .collect();
    assert_eq!(
        on_delivery,
        vec![
            (Raci::Responsible, Hours::from_whole(7)),
            (Raci::Accountable, Hours::from_whole(5)),
        ]
    );
    assert_eq!(
        w.assigned_hours(eve.id),
        Hours::from_whole(8 + 2 + 3 + 4 + 5)
    );
    assert_eq!(imported.assignments.len(), 4);

    // Into a roster that has her already, as "eVe": both merge into that person.
    let mut w = fixture().w;
    let existing = person_on(&mut w, "eVe", Side::Provider, StakeholderGroup::Legal, 40);
    let people_before = w.people.len();
    ok(&mut w, Action::ImportEngagements { from: src });
    assert_eq!(w.people.len(), people_before);
    let imported = w.engagements.last().unwrap();
    assert!(imported.assignments.iter().all(|a| a.person == existing));
    for f in &imported.functions {
        assert!(accountables(imported, f.id) <= 1);
    }
}

#[test]
fn import_of_a_workspace_into_itself_duplicates_its_engagements() {
    let Fx { mut w, ann, .. } = filled();
    let before = w.clone();
    ok(
        &mut w,
        Action::ImportEngagements {
            from: before.clone(),
        },
    );
    assert_eq!(w.people, before.people, "everyone merges with themselves");
    assert_eq!(w.engagements.len(), 4);
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(40 + 4 * 4));
    let ids = all_ids(&w);
    let distinct: BTreeSet<u32> = ids.iter().copied().collect();
    assert_eq!(ids.len(), distinct.len());
}

#[test]
fn import_refuses_an_invalid_source() {
    let Fx { mut w, .. } = filled();
    let mut src = fixture().w;
    src.engagements[0].pm = Some(PersonId(9_999));
    src.engagements[1].currency = "euro".into();
    match refused(&mut w, Action::ImportEngagements { from: src }) {
        ModelError::InvalidWorkspace(problems) => {
            assert_eq!(problems.len(), 2);
            assert_eq!(problems[0].path, "engagements[0].pm");
            assert_eq!(problems[1].path, "engagements[1].currency");
        }
        other => panic!("unexpected error {other:?}"),
    }
    // An empty workspace is a valid (if pointless) source.
    let before = w.clone();
    ok(
        &mut w,
        Action::ImportEngagements {
            from: Workspace::default(),
        },
    );
    assert_eq!(w, before);
}

#[test]
fn replace_workspace() {
    let Fx { mut w, .. } = filled();
    let other = fixture().w;
    ok(
        &mut w,
        Action::ReplaceWorkspace {
            with: other.clone(),
        },
    );
    assert_eq!(w, other);
    let mut bad = filled().w;
    bad.next_id = 3;
    let err = refused(&mut w, Action::ReplaceWorkspace { with: bad });
    match &err {
        ModelError::InvalidWorkspace(problems) => {
            assert!(!problems.is_empty());
            assert!(problems[0].message.contains("not below next_id 3"));
            let text = err.to_string();
            assert!(text.contains(&problems[0].to_string()), "{text}");
        }
        other => panic!("unexpected error {other:?}"),
    }
    ok(
        &mut w,
        Action::ReplaceWorkspace {
            with: Workspace::default(),
        },
    );
    assert_eq!(w, Workspace::default());
}

// ---------------------------------------------------------------------------------
// Workspace::validate
// ---------------------------------------------------------------------------------

fn problems(w: &Workspace) -> Vec<Problem> {
    match w.validate() {
        Ok(()) => panic!("the workspace validated"),
        Err(p) => p,
    }
}

/// Breaks a valid workspace with `f` and checks validate names the path, with a
/// message containing `fragment`.
fn breaks(f: impl FnOnce(&mut Workspace), path: &str, fragment: &str) {
    let mut w = filled().w;
    assert!(w.validate().is_ok());
    f(&mut w);
    let ps = problems(&w);
    assert!(
        ps.iter()
            .any(|p| p.path == path && p.message.contains(fragment)),
        "expected {path}: …{fragment}…, got {ps:?}"
    );
}

#[test]
fn validate_accepts_what_actions_build() {
    assert!(Workspace::default().validate().is_ok());
    assert!(fixture().w.validate().is_ok());
    assert!(filled().w.validate().is_ok());
}

#[test]
fn validate_finds_dangling_people() {
    let ghost = Some(PersonId(2_000));
    let not_roster = "not on the roster";
    breaks(
        |w| w.engagements[0].pm = ghost,
        "engagements[0].pm",
        not_roster,
    );
    breaks(
        |w| w.engagements[1].engagement_manager = ghost,
        "engagements[1].engagement_manager",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].champion = ghost,
        "engagements[0].champion",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].agreement_documenter = ghost,
        "engagements[0].agreement_documenter",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].signoffs.sales = ghost,
        "engagements[0].signoffs.sales",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].signoffs.customer_service = ghost,
        "engagements[0].signoffs.customer_service",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].signoffs.delivery = ghost,
        "engagements[0].signoffs.delivery",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].decisions[2].authority = ghost,
        "engagements[0].decisions[2].authority",
        not_roster,
    );
    breaks(
        |w| w.engagements[0].reports[1].owner = ghost,
        "engagements[0].reports[1].owner",
        not_roster,
    );
    breaks(
        |w| w.engagements[1].compliance[2].owner = ghost,
        "engagements[1].compliance[2].owner",
        not_roster,
    );
    breaks(
        |w| w.engagements[1].assignments[2].person = PersonId(2_000),
        "engagements[1].assignments[2].person",
        "person 2000",
    );
    // Removing a person from the roster by hand leaves every reference dangling.
    let mut w = filled().w;
    w.people.remove(0);
    let ps = problems(&w);
    assert!(ps.iter().any(|p| p.path == "engagements[0].pm"));
    assert!(ps.iter().any(|p| p.path == "engagements[1].pm"));
    assert!(ps
        .iter()
        .any(|p| p.path == "engagements[1].assignments[0].person"));
}

#[test]
fn validate_finds_bad_sign_off_stamps() {
    let stamp = |date: &str, process: &str| {
        Some(SignOffStamp {
            date: date.into(),
            process: process.into(),
        })
    };
    breaks(
        |w| w.engagements[0].signoffs.sales_stamp = stamp("2025-02-30", "0123456789abcdef"),
        "engagements[0].signoffs.sales_stamp.date",
        "year-month-day",
    );
    breaks(
        |w| w.engagements[1].signoffs.delivery_stamp = stamp("2025-02-28", "0123456789ABCDEF"),
        "engagements[1].signoffs.delivery_stamp.process",
        "fingerprint",
    );
    breaks(
        |w| w.engagements[0].signoffs.customer_service_stamp = stamp("", ""),
        "engagements[0].signoffs.customer_service_stamp.process",
        "fingerprint",
    );
    let mut w = filled().w;
    w.engagements[0].signoffs.customer_service_stamp = stamp("2025-02-28", "0123456789abcdef");
    assert!(w.validate().is_ok());
}

#[test]
fn validate_finds_dangling_functions() {
    breaks(
        |w| {
            let elsewhere = w.engagements[1].functions[0].id;
            w.engagements[0].assignments[1].function = elsewhere;
        },
        "engagements[0].assignments[1].function",
        "which this engagement does not have",
    );
    breaks(
        |w| {
            w.engagements[0]
                .functions
                .retain(|f| f.kind != FunctionKind::Delivery);
        },
        "engagements[0].pm_accepted[0].function",
        "which this engagement does not have",
    );
    breaks(
        |w| {
            w.engagements[0]
                .functions
                .retain(|f| f.kind != FunctionKind::Legal);
        },
        "engagements[0].assignments[0].function",
        "does not have",
    );
}

#[test]
fn validate_finds_id_problems() {
    breaks(
        |w| w.people[1].id = w.people[0].id,
        "people[1].id",
        "used twice",
    );
    breaks(
        |w| {
            let id = w.engagements[0].id.0;
            w.engagements[1].functions[3].id = FunctionId(id);
        },
        "engagements[1].functions[3].id",
        "used twice",
    );
    breaks(
        |w| {
            let id = w.people[2].id.0;
            w.engagements[1].needs[0].id = NeedId(id);
        },
        "engagements[1].needs[0].id",
        "used twice",
    );
    breaks(
        |w| w.engagements[0].decisions[0].id = DecisionId(w.next_id),
        "engagements[0].decisions[0].id",
        "is not below next_id",
    );
    breaks(
        |w| w.engagements[1].reports[0].id = ReportId(u32::MAX),
        "engagements[1].reports[0].id",
        "is not below next_id",
    );
    breaks(
        |w| w.engagements[1].compliance[0].id = ComplianceId(w.next_id + 7),
        "engagements[1].compliance[0].id",
        "is not below next_id",
    );
    breaks(
        |w| w.next_id = 0,
        "people[0].id",
        "id 0 is not below next_id 0",
    );
    breaks(
        |w| w.engagements[1].id = w.engagements[0].id,
        "engagements[1].id",
        "used twice",
    );
}

#[test]
fn validate_finds_role_problems() {
    // Two Accountables on one function.
    breaks(
        |w| {
            let e = &mut w.engagements[0];
            let legal = e.function_of_kind(FunctionKind::Legal).unwrap().id;
            let bob = e.engagement_manager.unwrap();
            e.assignments.push(Assignment {
                person: bob,
                function: legal,
                role: Raci::Accountable,
                hours: Hours(0),
            });
        },
        "engagements[0].assignments[3]",
        "a second Accountable on the function (the first is in the 1st assignment)",
    );
    // The same person twice in the same role on the same function.
    breaks(
        |w| {
            let a = w.engagements[1].assignments[1].clone();
            w.engagements[1].assignments.push(a);
        },
        "engagements[1].assignments[3]",
        "same role on the same function twice",
    );
}

#[test]
fn validate_finds_numbers_out_of_range() {
    breaks(
        |w| w.people[2].capacity = Hours(16_801),
        "people[2].capacity",
        "168",
    );
    breaks(
        |w| w.engagements[1].assignments[0].hours = Hours(u32::MAX),
        "engagements[1].assignments[0].hours",
        "must be at most 168 hours a week",
    );
    breaks(
        |w| w.engagements[0].sponsor_value.expected_benefits = Some(Money(-1)),
        "engagements[0].sponsor_value.expected_benefits",
        "must be from",
    );
    breaks(
        |w| w.engagements[0].sponsor_value.expected_budget = Some(Money(MONEY_LIMIT.0 + 1)),
        "engagements[0].sponsor_value.expected_budget",
        "must be from",
    );
    for bad in ["eur", "EURO", "", "E1R", "€UR"] {
        breaks(
            |w| w.engagements[1].currency = bad.into(),
            "engagements[1].currency",
            "a code of three capital letters",
        );
    }
    // The limits themselves pass.
    let mut w = filled().w;
    w.people[0].capacity = HOURS_PER_WEEK;
    w.engagements[0].assignments[0].hours = HOURS_PER_WEEK;
    w.engagements[0].sponsor_value.expected_budget = Some(MONEY_LIMIT);
    w.engagements[0].sponsor_value.expected_benefits = Some(Money(0));
    assert!(w.validate().is_ok());
}

#[test]
fn validate_finds_bad_text() {
    let empty = "must not be empty";
    breaks(|w| w.people[0].name = " ".into(), "people[0].name", empty);
    breaks(
        |w| w.engagements[1].name = "".into(),
        "engagements[1].name",
        empty,
    );
    breaks(
        |w| w.engagements[0].functions[4].name = "\t".into(),
        "engagements[0].functions[4].name",
        empty,
    );
    breaks(
        |w| w.engagements[0].decisions[3].name = "".into(),
        "engagements[0].decisions[3].name",
        empty,
    );
    breaks(
        |w| w.engagements[0].reports[0].name = "".into(),
        "engagements[0].reports[0].name",
        empty,
    );
    breaks(
        |w| w.engagements[0].needs[0].title = "".into(),
        "engagements[0].needs[0].title",
        empty,
    );
    breaks(
        |w| w.engagements[0].compliance[1].rule = "".into(),
        "engagements[0].compliance[1].rule",
        empty,
    );
    let too_long = format!(
        "must be at most {NAME_MAX} characters long, not {}",
        NAME_MAX + 1
    );
    let name = long(NAME_MAX + 1);
    breaks(
        |w| w.people[1].name = name.clone(),
        "people[1].name",
        &too_long,
    );
    breaks(
        |w| w.engagements[0].name = name.clone(),
        "engagements[0].name",
        &too_long,
    );
    breaks(
        |w| {
            let engagement = w.engagements[0].id;
            w.apply(Action::EditEngagement {
                engagement,
                edit: EngagementEdit::Client("Acme".into()),
            })
            .unwrap();
            w.accounts[0].name = name.clone()
        },
        "accounts[0].name",
        &too_long,
    );
    breaks(
        |w| w.engagements[0].provider = name.clone(),
        "engagements[0].provider",
        &too_long,
    );
    breaks(
        |w| w.engagements[1].functions[0].name = name.clone(),
        "engagements[1].functions[0].name",
        &too_long,
    );
    breaks(
        |w| w.engagements[1].decisions[0].name = name.clone(),
        "engagements[1].decisions[0].name",
        &too_long,
    );
    breaks(
        |w| w.engagements[1].reports[0].name = name.clone(),
        "engagements[1].reports[0].name",
        &too_long,
    );
    breaks(
        |w| w.engagements[1].needs[0].title = name.clone(),
        "engagements[1].needs[0].title",
        &too_long,
    );
    breaks(
        |w| w.engagements[1].compliance[0].rule = name.clone(),
        "engagements[1].compliance[0].rule",
        &too_long,
    );
    let text = long(TEXT_MAX + 1);
    let text_too_long = format!(
        "must be at most {} characters long",
        engagement_planner::model::describe::thousands(TEXT_MAX as u128)
    );
    breaks(
        |w| w.engagements[1].needs[0].note = text.clone(),
        "engagements[1].needs[0].note",
        &text_too_long,
    );
    breaks(
        |w| w.engagements[0].sponsor_value.benefits_description = text.clone(),
        "engagements[0].sponsor_value.benefits_description",
        &text_too_long,
    );
    // An empty client or provider is fine; an empty note is fine.
    let mut w = filled().w;
    w.engagements[0].account = None;
    w.engagements[0].needs[0].note = String::new();
    assert!(w.validate().is_ok());
}

#[test]
fn validate_reports_at_most_a_hundred_problems_and_names_their_place() {
    let mut w = Workspace::default();
    for i in 0..500u32 {
        w.people.push(Person {
            id: PersonId(i),
            name: String::new(),
            side: Side::Client,
            group: StakeholderGroup::Client,
            capacity: Hours(0),
        });
    }
    let ps = problems(&w);
    assert_eq!(ps.len(), 100);
    assert_eq!(ps[0].path, "people[0].id");
    assert_eq!(
        ps[0].to_string(),
        "The 1st person: the id 0 is not below next_id 0, the next free id; every id must be below it"
    );
    assert_eq!(
        ps[1].to_string(),
        "The 1st person: the name must not be empty"
    );
    // The rest are counted: an id and a name for each of the 500.
    assert_eq!(w.problems().total, 1_000);
}

// ---------------------------------------------------------------------------------
// Workload
// ---------------------------------------------------------------------------------

#[test]
fn assigned_hours_and_workload_sum_across_engagements() {
    let Fx {
        mut w,
        ann,
        bob,
        cat,
        inh,
        ..
    } = filled();
    let dan = person_on(&mut w, "Dan", Side::Client, StakeholderGroup::Client, 40);
    // Ann: Accountable for legal (10 h) and, as PM, delivery accepted by default (4 h),
    // in both engagements.
    assert_eq!(w.assigned_hours(ann), Hours::from_whole(20 + 2 * 4));
    assert_eq!(w.assigned_hours(bob), Hours::from_whole(4));
    assert_eq!(w.assigned_hours(cat), Hours::from_whole(10));
    assert_eq!(w.assigned_hours(dan), Hours(0));
    assert_eq!(w.assigned_hours(PersonId(9_999)), Hours(0));
    let load = w.workload();
    assert_eq!(
        load,
        BTreeMap::from([
            (ann, Hours::from_whole(20 + 2 * 4)),
            (bob, Hours::from_whole(4)),
            (cat, Hours::from_whole(10)),
            (dan, Hours(0)),
        ])
    );
    // Fractions add exactly.
    let qm = function(&w, inh, FunctionKind::QualityManagement);
    ok(
        &mut w,
        Action::Assign {
            engagement: inh,
            person: dan,
            function: qm,
            role: Raci::Responsible,
            hours: Hours(1),
        },
    );
    ok(
        &mut w,
        Action::Assign {
            engagement: inh,
            person: dan,
            function: qm,
            role: Raci::Consulted,
            hours: Hours(2),
        },
    );
    assert_eq!(w.assigned_hours(dan), Hours(3));
    assert_eq!(w.workload()[&dan], Hours(3));
    for p in &w.people {
        assert_eq!(w.workload()[&p.id], w.assigned_hours(p.id));
    }
    // Capacity is not capped by workload: overload is allowed and computed elsewhere.
    for _ in 0..3 {
        let e = engagement(&mut w, "More", Template::InHouseProject);
        let f = function(&w, e, FunctionKind::Delivery);
        assign(&mut w, e, dan, f, Raci::Responsible, 100);
    }
    assert_eq!(w.assigned_hours(dan), Hours(30_003));
}

#[test]
fn a_new_assignment_starts_with_half_a_day_when_it_does_or_owns_the_work_and_none_otherwise() {
    assert_eq!(Raci::Responsible.default_hours(), Hours::from_whole(4));
    assert_eq!(Raci::Accountable.default_hours(), Hours::from_whole(4));
    assert_eq!(Raci::Consulted.default_hours(), Hours(0));
    assert_eq!(Raci::Informed.default_hours(), Hours(0));
    assert_eq!(Person::DEFAULT_CAPACITY, Hours::from_whole(40));
}

#[test]
fn uses_of_person_lists_roles() {
    let Fx { w, ann, bob, .. } = filled();
    let uses = w.uses_of_person(ann);
    assert!(uses.contains(&"PM of Intranet".to_string()), "{uses:?}");
    assert!(uses.contains(&"Legal: Accountable in Website".to_string()));
    let uses = w.uses_of_person(bob);
    assert!(uses.contains(&"engagement manager of Website".to_string()));
}

// ---------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------

fn add(name: &str) -> Action {
    Action::AddPerson {
        name: name.into(),
        side: Side::Provider,
        group: StakeholderGroup::Performer,
        capacity: Hours::from_whole(40),
    }
}

#[test]
fn history_undo_and_redo_are_exact() {
    let start = filled().w;
    let mut h = History::new(start.clone());
    assert!(!h.can_undo() && !h.can_redo());
    assert!(!h.undo());
    assert!(!h.redo());
    assert_eq!(h.present(), &start);

    h.apply(add("Dan")).unwrap();
    let after_dan = h.present().clone();
    let ann = start.people[0].id;
    h.apply(Action::RemovePerson { person: ann }).unwrap();
    let after_remove = h.present().clone();
    assert!(h.can_undo() && !h.can_redo());

    assert!(h.undo());
    assert_eq!(h.present(), &after_dan);
    assert!(h.undo());
    assert_eq!(h.present(), &start);
    assert!(!h.undo());
    assert!(h.can_redo());
    assert!(h.redo());
    assert_eq!(h.present(), &after_dan);
    assert!(h.redo());
    assert_eq!(h.present(), &after_remove);
    assert!(!h.redo());
}

#[test]
fn history_new_action_clears_redo() {
    let mut h = History::new(Workspace::default());
    h.apply(add("A")).unwrap();
    h.apply(add("B")).unwrap();
    assert!(h.undo());
    assert!(h.can_redo());
    // A refused action changes nothing, not even the redo list.
    let before = h.clone();
    assert_eq!(h.apply(add("")), Err(ModelError::EmptyName("name")));
    assert_eq!(h, before);
    assert!(h.can_redo());
    h.apply(add("C")).unwrap();
    assert!(!h.can_redo());
    assert!(!h.redo());
    let names: Vec<&str> = h.present().people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["A", "C"]);
    // Undoing C brings back the state with A only; B is gone for good.
    assert!(h.undo());
    assert_eq!(h.present().people.len(), 1);
    assert!(h.undo());
    assert!(h.present().people.is_empty());
    assert!(!h.undo());
}

#[test]
fn history_no_op_leaves_no_undo_step() {
    let Fx { w, ann, inh, .. } = fixture();
    let cs = function(&w, inh, FunctionKind::CustomerService);
    let mut h = History::new(w);
    for noop in [
        Action::EditPerson {
            person: ann,
            edit: PersonEdit::Name(" Ann ".into()),
        },
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: false,
        },
        Action::EditEngagement {
            engagement: inh,
            edit: EngagementEdit::Currency("eur".into()),
        },
        Action::ImportEngagements {
            from: Workspace::default(),
        },
    ] {
        h.apply(noop).unwrap();
        assert!(!h.can_undo());
    }
    // After an undo a no-op does not clear the redo list either.
    h.apply(add("Dan")).unwrap();
    assert!(h.undo());
    h.apply(Action::SetPmAcceptance {
        engagement: inh,
        function: cs,
        accepted: false,
    })
    .unwrap();
    assert!(h.can_redo());
}

#[test]
fn history_keeps_the_last_hundred_steps() {
    assert_eq!(HISTORY_LIMIT, 100);
    let mut h = History::new(Workspace::default());
    let mut states = vec![h.present().clone()];
    for i in 0..150 {
        h.apply(add(&format!("P{i}"))).unwrap();
        states.push(h.present().clone());
    }
    let mut undone = 0;
    while h.undo() {
        undone += 1;
        assert_eq!(h.present(), &states[150 - undone]);
    }
    assert_eq!(undone, HISTORY_LIMIT);
    assert_eq!(h.present().people.len(), 50);
    let mut redone = 0;
    while h.redo() {
        redone += 1;
    }
    assert_eq!(redone, HISTORY_LIMIT);
    assert_eq!(h.present(), &states[150]);
}

// ---------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------

#[test]
fn every_error_has_a_message() {
    let errors = vec![
        ModelError::EmptyName("name"),
        ModelError::TooLong {
            what: "name",
            max: NAME_MAX,
        },
        ModelError::TooManyHours(Hours(16_850)),
        ModelError::MoneyOutOfRange,
        ModelError::BadCurrency("EURO".into()),
        ModelError::UnknownPerson(PersonId(1)),
        ModelError::UnknownEngagement(EngagementId(2)),
        ModelError::UnknownFunction(FunctionId(3)),
        ModelError::UnknownDecision(DecisionId(4)),
        ModelError::UnknownReport(ReportId(5)),
        ModelError::UnknownNeed(NeedId(6)),
        ModelError::UnknownComplianceItem(ComplianceId(7)),
        ModelError::SecondAccountable {
            function: "Legal".into(),
            current: "Ann".into(),
        },
        ModelError::AlreadyAssigned {
            person: "Bob".into(),
            function: "Legal".into(),
            role: Raci::Consulted,
        },
        ModelError::NotAssigned,
        ModelError::NotPmDefault("Legal".into()),
        ModelError::NoPmNamed {
            engagement: "Portal".into(),
            function: "Legal".into(),
        },
        ModelError::TooMany("people"),
        ModelError::InvalidWorkspace(vec![]),
        ModelError::OutOfIds,
        ModelError::WrongSignOffGroup {
            person: "Ann".into(),
            group: StakeholderGroup::Sponsor,
            party: SignOffParty::Delivery,
        },
        ModelError::BadDate("31/12/2025".into()),
        ModelError::InvisibleName("name"),
    ];
    for e in &errors {
        let text = e.to_string();
        assert!(text.ends_with('.'), "{text}");
    }
    assert_eq!(
        ModelError::TooManyHours(Hours(16_850)).to_string(),
        "168.5 hours a week is impossible: a week has 168."
    );
    assert_eq!(
        ModelError::AlreadyAssigned {
            person: "Bob".into(),
            function: "Legal".into(),
            role: Raci::Consulted,
        }
        .to_string(),
        "Bob is already Consulted on Legal."
    );
    assert_eq!(
        ModelError::InvalidWorkspace(vec![]).to_string(),
        "The plan would have no problems."
    );
}

#[test]
fn out_of_ids_is_refused_without_a_trace() {
    let mut w = Workspace {
        next_id: u32::MAX - 5,
        ..Workspace::default()
    };
    // Five ids are left (MAX-5 ..= MAX-1: next_id itself cannot pass MAX), not enough
    // for a template, which needs at least eighteen.
    assert_eq!(
        refused(
            &mut w,
            Action::CreateEngagement {
                name: "X".into(),
                template: Template::InHouseProject
            }
        ),
        ModelError::OutOfIds
    );
    for _ in 0..5 {
        ok(&mut w, add("P"));
    }
    assert_eq!(w.next_id, u32::MAX);
    assert_eq!(refused(&mut w, add("Q")), ModelError::OutOfIds);
}

#[test]
fn pm_acceptance_lapses_when_an_accountable_is_assigned_or_the_pm_changes() {
    let Fx {
        mut w,
        inh,
        ann,
        bob,
        ..
    } = fixture();
    let legal = function(&w, inh, FunctionKind::Legal);
    let cs = function(&w, inh, FunctionKind::CustomerService);
    let accept = |function| Action::SetPmAcceptance {
        engagement: inh,
        function,
        accepted: true,
    };
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    ok(&mut w, accept(legal));
    ok(&mut w, accept(cs));
    // An Accountable takes Legal off the PM; if it falls back, the PM is asked again.
    assign(&mut w, inh, bob, legal, Raci::Accountable, 1);
    assert_eq!(
        eng(&w, inh).pm_accepted,
        BTreeMap::from([(cs, PM_DEFAULT_HOURS)])
    );
    ok(
        &mut w,
        Action::Unassign {
            engagement: inh,
            person: bob,
            function: legal,
            role: Raci::Accountable,
        },
    );
    assert_eq!(
        eng(&w, inh).pm_accepted,
        BTreeMap::from([(cs, PM_DEFAULT_HOURS)])
    );
    // Re-designating the same PM keeps the acceptances; a new PM starts afresh.
    edit(&mut w, inh, EngagementEdit::Pm(Some(ann)));
    assert_eq!(
        eng(&w, inh).pm_accepted,
        BTreeMap::from([(cs, PM_DEFAULT_HOURS)])
    );
    edit(&mut w, inh, EngagementEdit::Pm(Some(bob)));
    assert!(eng(&w, inh).pm_accepted.is_empty());
}

#[test]
fn standard_functions_and_decision_areas_can_be_restored_once_removed() {
    let Fx { mut w, con, .. } = fixture();
    let legal = function(&w, con, FunctionKind::Legal);
    let before = eng(&w, con).functions.clone();
    // Present: refused, and nothing changes.
    let err = refused(
        &mut w,
        Action::RestoreFunction {
            engagement: con,
            kind: FunctionKind::Legal,
        },
    );
    assert_eq!(err, ModelError::NotRestorable("Legal".into()));
    refused(
        &mut w,
        Action::RestoreFunction {
            engagement: con,
            kind: FunctionKind::Custom,
        },
    );
    ok(
        &mut w,
        Action::RemoveFunction {
            engagement: con,
            function: legal,
        },
    );
    ok(
        &mut w,
        Action::RestoreFunction {
            engagement: con,
            kind: FunctionKind::Legal,
        },
    );
    let after = &eng(&w, con).functions;
    let kinds: Vec<FunctionKind> = after.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        before.iter().map(|f| f.kind).collect::<Vec<_>>(),
        "back in its place"
    );
    let restored = after
        .iter()
        .find(|f| f.kind == FunctionKind::Legal)
        .unwrap();
    assert_ne!(restored.id, legal, "a fresh id, never the old one");
    assert_eq!(restored.name, "Legal");

    let deal = eng(&w, con)
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap()
        .id;
    refused(
        &mut w,
        Action::RestoreDecisionArea {
            engagement: con,
            kind: DecisionKind::FinalDeal,
        },
    );
    ok(
        &mut w,
        Action::RemoveDecisionArea {
            engagement: con,
            decision: deal,
        },
    );
    ok(
        &mut w,
        Action::RestoreDecisionArea {
            engagement: con,
            kind: DecisionKind::FinalDeal,
        },
    );
    let restored = eng(&w, con)
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::FinalDeal)
        .unwrap();
    assert_eq!(restored.name, "Final deal");
    assert_eq!(restored.method, None);
    assert!(w.validate().is_ok());
}

// ---------------------------------------------------------------------------------
// The board's moves: one action per gesture
// ---------------------------------------------------------------------------------

#[test]
fn move_assignment_keeps_the_hours_and_the_place_in_the_list() {
    let mut fx = fixture();
    let (legal, delivery) = (
        function(&fx.w, fx.con, FunctionKind::Legal),
        function(&fx.w, fx.con, FunctionKind::Delivery),
    );
    assign(&mut fx.w, fx.con, fx.ann, legal, Raci::Responsible, 6);
    assign(&mut fx.w, fx.con, fx.bob, legal, Raci::Consulted, 1);
    ok(
        &mut fx.w,
        Action::MoveAssignment {
            engagement: fx.con,
            person: fx.ann,
            from: (legal, Raci::Responsible),
            to: (delivery, Raci::Consulted),
        },
    );
    let e = eng(&fx.w, fx.con);
    assert_eq!(
        e.assignments[0],
        Assignment {
            person: fx.ann,
            function: delivery,
            role: Raci::Consulted,
            hours: Hours::from_whole(6)
        }
    );
    assert_eq!(e.assignments.len(), 2);
    assert!(!e.assignments_on(legal).any(|a| a.person == fx.ann));
}

#[test]
fn moving_onto_accountable_takes_the_function_from_the_pm() {
    let mut fx = fixture();
    let legal = function(&fx.w, fx.con, FunctionKind::Legal);
    edit(&mut fx.w, fx.con, EngagementEdit::Pm(Some(fx.ann)));
    ok(
        &mut fx.w,
        Action::SetPmAcceptance {
            engagement: fx.con,
            function: legal,
            accepted: true,
        },
    );
    assign(&mut fx.w, fx.con, fx.cat, legal, Raci::Informed, 0);
    ok(
        &mut fx.w,
        Action::MoveAssignment {
            engagement: fx.con,
            person: fx.cat,
            from: (legal, Raci::Informed),
            to: (legal, Raci::Accountable),
        },
    );
    let e = eng(&fx.w, fx.con);
    assert_eq!(e.accountable(legal), Some(fx.cat));
    assert!(!e.pm_accepted.contains_key(&legal));
}

#[test]
fn move_refusals_leave_the_plan_as_it_was() {
    let mut fx = fixture();
    let (legal, delivery) = (
        function(&fx.w, fx.con, FunctionKind::Legal),
        function(&fx.w, fx.con, FunctionKind::Delivery),
    );
    assign(&mut fx.w, fx.con, fx.ann, legal, Raci::Accountable, 4);
    assign(&mut fx.w, fx.con, fx.bob, legal, Raci::Responsible, 4);
    assign(&mut fx.w, fx.con, fx.bob, delivery, Raci::Informed, 0);
    // A second Accountable, named.
    let err = refused(
        &mut fx.w,
        Action::MoveAssignment {
            engagement: fx.con,
            person: fx.bob,
            from: (legal, Raci::Responsible),
            to: (legal, Raci::Accountable),
        },
    );
    assert!(
        matches!(&err, ModelError::SecondAccountable { current, .. } if current == "Ann"),
        "{err}"
    );
    // Already there.
    let err = refused(
        &mut fx.w,
        Action::MoveAssignment {
            engagement: fx.con,
            person: fx.bob,
            from: (legal, Raci::Responsible),
            to: (delivery, Raci::Informed),
        },
    );
    assert_eq!(err.to_string(), "Bob is already Informed on Delivery.");
    // Onto its own cell.
    refused(
        &mut fx.w,
        Action::MoveAssignment {
            engagement: fx.con,
            person: fx.bob,
            from: (legal, Raci::Responsible),
            to: (legal, Raci::Responsible),
        },
    );
    // From a cell the person is not in, or to a function that is gone.
    assert_eq!(
        refused(
            &mut fx.w,
            Action::MoveAssignment {
                engagement: fx.con,
                person: fx.cat,
                from: (legal, Raci::Responsible),
                to: (delivery, Raci::Responsible),
            },
        ),
        ModelError::NotAssigned
    );
    assert_eq!(
        refused(
            &mut fx.w,
            Action::MoveAssignment {
                engagement: fx.con,
                person: fx.bob,
                from: (legal, Raci::Responsible),
                to: (FunctionId(9_999), Raci::Responsible),
            },
        ),
        ModelError::UnknownFunction(FunctionId(9_999))
    );
}

#[test]
fn replace_accountable_swaps_the_final_authority_in_one_step() {
    let mut fx = fixture();
    let legal = function(&fx.w, fx.con, FunctionKind::Legal);
    assign(&mut fx.w, fx.con, fx.ann, legal, Raci::Accountable, 4);
    assign(&mut fx.w, fx.con, fx.ann, legal, Raci::Consulted, 1);
    // A new person from the People panel.
    ok(
        &mut fx.w,
        Action::ReplaceAccountable {
            engagement: fx.con,
            person: fx.bob,
            function: legal,
            from: None,
            hours: Hours::from_whole(4),
        },
    );
    let e = eng(&fx.w, fx.con);
    assert_eq!(e.accountable(legal), Some(fx.bob));
    assert_eq!(accountables(e, legal), 1);
    // Ann keeps what she had besides Accountable.
    assert!(e
        .assignments_on(legal)
        .any(|a| a.person == fx.ann && a.role == Raci::Consulted));
    assert!(!e
        .assignments_on(legal)
        .any(|a| a.person == fx.ann && a.role == Raci::Accountable));

    // A chip moved in: its hours come along, and the old cell is emptied.
    assign(&mut fx.w, fx.con, fx.cat, legal, Raci::Responsible, 7);
    ok(
        &mut fx.w,
        Action::ReplaceAccountable {
            engagement: fx.con,
            person: fx.cat,
            function: legal,
            from: Some((legal, Raci::Responsible)),
            hours: Hours(0),
        },
    );
    let e = eng(&fx.w, fx.con);
    let a: Vec<_> = e
        .assignments_on(legal)
        .filter(|a| a.person == fx.cat)
        .collect();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].role, a[0].hours),
        (Raci::Accountable, Hours::from_whole(7))
    );
    assert_eq!(accountables(e, legal), 1);
}

#[test]
fn replace_accountable_refusals() {
    let mut fx = fixture();
    let legal = function(&fx.w, fx.con, FunctionKind::Legal);
    assign(&mut fx.w, fx.con, fx.ann, legal, Raci::Accountable, 4);
    // Already the Accountable.
    let err = refused(
        &mut fx.w,
        Action::ReplaceAccountable {
            engagement: fx.con,
            person: fx.ann,
            function: legal,
            from: None,
            hours: Hours(0),
        },
    );
    assert_eq!(err.to_string(), "Ann is already Accountable on Legal.");
    // Moving from a cell the person is not in.
    assert_eq!(
        refused(
            &mut fx.w,
            Action::ReplaceAccountable {
                engagement: fx.con,
                person: fx.bob,
                function: legal,
                from: Some((legal, Raci::Informed)),
                hours: Hours(0),
            },
        ),
        ModelError::NotAssigned
    );
    // Impossible hours.
    assert!(matches!(
        refused(
            &mut fx.w,
            Action::ReplaceAccountable {
                engagement: fx.con,
                person: fx.bob,
                function: legal,
                from: None,
                hours: Hours::from_whole(200),
            },
        ),
        ModelError::TooManyHours(_)
    ));
}

/// "PM by default" falls to a named person: with nobody named PM, accepting a function
/// as PM is refused with what to do instead, and the plan is unchanged (check 2).
#[test]
fn accept_as_pm_needs_a_named_pm() {
    let Fx { mut w, inh, .. } = fixture();
    let cs = function(&w, inh, FunctionKind::CustomerService);
    ok(
        &mut w,
        Action::EditEngagement {
            engagement: inh,
            edit: EngagementEdit::Pm(None),
        },
    );
    let before = w.clone();
    let err = refused(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: true,
        },
    );
    assert_eq!(
        err,
        ModelError::NoPmNamed {
            engagement: eng(&w, inh).name.clone(),
            function: "Customer service".into(),
        }
    );
    assert!(err
        .to_string()
        .contains("name the project manager on the Overview view first"));
    assert_eq!(w, before);
    // Giving back needs no PM.
    ok(
        &mut w,
        Action::SetPmAcceptance {
            engagement: inh,
            function: cs,
            accepted: false,
        },
    );
}

// ---------------------------------------------------------------------------------
// Decisions taken: proposals and positions
// ---------------------------------------------------------------------------------

/// The in-house engagement's scope change area, decided by `method`, with Ann (PM) and
/// Bob (assigned to delivery) as its people, and a proposal put to it.
fn decision_fixture(method: DecisionMethod) -> (Fx, DecisionId, ProposalId) {
    let mut fx = fixture();
    let inh = fx.inh;
    edit(&mut fx.w, inh, EngagementEdit::Pm(Some(fx.ann)));
    let delivery = function(&fx.w, inh, FunctionKind::Delivery);
    assign(&mut fx.w, inh, fx.bob, delivery, Raci::Informed, 0);
    let scope = eng(&fx.w, inh)
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap()
        .id;
    ok(
        &mut fx.w,
        Action::EditDecisionArea {
            engagement: inh,
            decision: scope,
            edit: DecisionEdit::Method(Some(method)),
        },
    );
    let proposal = ProposalId(fx.w.next_id);
    ok(
        &mut fx.w,
        Action::Propose {
            engagement: inh,
            decision: scope,
            text: "  Add single sign-on  ".into(),
            date: " 2026-11-30 ".into(),
            quorum: None,
            worksheet: None,
        },
    );
    (fx, scope, proposal)
}

fn position(
    engagement: EngagementId,
    decision: DecisionId,
    proposal: ProposalId,
    person: PersonId,
    stance: Option<Stance>,
    reason: &str,
) -> Action {
    Action::SetPosition {
        engagement,
        decision,
        proposal,
        person,
        stance,
        reason: reason.into(),
    }
}

fn the_proposal(w: &Workspace, e: EngagementId, d: DecisionId) -> &Proposal {
    &eng(w, e).decision(d).unwrap().log[0]
}

#[test]
fn a_proposal_is_trimmed_dated_and_starts_with_no_positions() {
    let (fx, scope, proposal) = decision_fixture(DecisionMethod::Majority);
    let p = the_proposal(&fx.w, fx.inh, scope);
    assert_eq!(p.id, proposal);
    assert_eq!(p.text, "Add single sign-on");
    assert_eq!(p.date, "2026-11-30");
    assert!(p.positions.is_empty());
    assert_eq!(p.quorum, None);
}

#[test]
fn a_proposal_is_refused_without_words_a_date_or_its_area() {
    let (mut fx, scope, proposal) = decision_fixture(DecisionMethod::Majority);
    let propose = |text: &str, date: &str, decision| Action::Propose {
        engagement: fx.inh,
        decision,
        text: text.into(),
        date: date.into(),
        quorum: None,
        worksheet: None,
    };
    assert!(matches!(
        refused(&mut fx.w, propose("   ", "2026-11-30", scope)),
        ModelError::EmptyName(_)
    ));
    assert_eq!(
        refused(&mut fx.w, propose("Go", "30/11/2026", scope)),
        ModelError::BadDate("30/11/2026".into())
    );
    assert_eq!(
        refused(&mut fx.w, propose("Go", "2026-11-30", DecisionId(9999))),
        ModelError::UnknownDecision(DecisionId(9999))
    );
    let quorum = |q| Action::EditProposal {
        engagement: fx.inh,
        decision: scope,
        proposal,
        edit: ProposalEdit::Quorum(Some(Bps(q))),
    };
    let err = refused(&mut fx.w, quorum(10_001));
    assert_eq!(err.to_string(), "The quorum must be from 0 % to 100 %.");
    refused(&mut fx.w, quorum(-1));
    ok(&mut fx.w, quorum(6_000));
    assert_eq!(the_proposal(&fx.w, fx.inh, scope).quorum, Some(Bps(6_000)));
    assert_eq!(
        refused(
            &mut fx.w,
            Action::RemoveProposal {
                engagement: fx.inh,
                decision: scope,
                proposal: ProposalId(9999)
            }
        ),
        ModelError::UnknownProposal(ProposalId(9999))
    );
}

#[test]
fn only_the_people_of_the_engagement_take_part() {
    let (mut fx, scope, proposal) = decision_fixture(DecisionMethod::Majority);
    let (ann, bob, cat) = (fx.ann, fx.bob, fx.cat);
    // Cat has no role in the intranet.
    let err = refused(
        &mut fx.w,
        position(fx.inh, scope, proposal, cat, Some(Stance::For), ""),
    );
    assert_eq!(
        err.to_string(),
        "Cat has no role in Intranet, so cannot take part in its decisions: give them a role first."
    );
    ok(
        &mut fx.w,
        position(fx.inh, scope, proposal, ann, Some(Stance::For), ""),
    );
    ok(
        &mut fx.w,
        position(fx.inh, scope, proposal, bob, Some(Stance::Against), ""),
    );
    // A second position of the same person replaces the first.
    ok(
        &mut fx.w,
        position(fx.inh, scope, proposal, bob, Some(Stance::Abstain), ""),
    );
    let p = the_proposal(&fx.w, fx.inh, scope);
    assert_eq!(p.positions.len(), 2);
    assert_eq!(p.position_of(bob).unwrap().stance, Stance::Abstain);
    let e = eng(&fx.w, fx.inh);
    let area = e.decision(scope).unwrap();
    assert_eq!(e.outcome(&fx.w, area, p).unwrap().verdict, Verdict::Passed);
    // Taking a position back.
    ok(&mut fx.w, position(fx.inh, scope, proposal, ann, None, ""));
    let e = eng(&fx.w, fx.inh);
    let p = the_proposal(&fx.w, fx.inh, scope);
    assert_eq!(p.positions.len(), 1);
    assert_eq!(
        e.outcome(&fx.w, e.decision(scope).unwrap(), p)
            .unwrap()
            .verdict,
        Verdict::Failed
    );
}

#[test]
fn a_block_under_consensus_needs_a_reason() {
    let (mut fx, scope, proposal) = decision_fixture(DecisionMethod::Consensus);
    let bob = fx.bob;
    let err = refused(
        &mut fx.w,
        position(fx.inh, scope, proposal, bob, Some(Stance::Against), "  "),
    );
    assert_eq!(
        err.to_string(),
        "A block needs a reason: say why Bob blocks, so the log records it."
    );
    ok(
        &mut fx.w,
        position(
            fx.inh,
            scope,
            proposal,
            bob,
            Some(Stance::Against),
            " Too costly ",
        ),
    );
    let p = the_proposal(&fx.w, fx.inh, scope);
    assert_eq!(p.position_of(bob).unwrap().reason, "Too costly");
    let e = eng(&fx.w, fx.inh);
    let outcome = e.outcome(&fx.w, e.decision(scope).unwrap(), p).unwrap();
    assert_eq!(outcome.verdict, Verdict::Failed);
    assert_eq!(outcome.blockers, vec![(bob, "Too costly".to_string())]);
}

#[test]
fn positions_are_records_that_outlive_their_person() {
    let (mut fx, scope, proposal) = decision_fixture(DecisionMethod::Majority);
    let bob = fx.bob;
    ok(
        &mut fx.w,
        position(fx.inh, scope, proposal, bob, Some(Stance::For), ""),
    );
    ok(&mut fx.w, Action::RemovePerson { person: bob });
    // Bob's vote stays in the log: the record stands, and still counts.
    let p = the_proposal(&fx.w, fx.inh, scope);
    assert_eq!(p.position_of(bob).unwrap().stance, Stance::For);
    let e = eng(&fx.w, fx.inh);
    assert_eq!(
        e.outcome(&fx.w, e.decision(scope).unwrap(), p)
            .unwrap()
            .verdict,
        Verdict::Passed
    );
    assert!(!e.participants().contains(&bob));
}

#[test]
fn a_duplicated_engagement_gives_its_proposals_fresh_ids() {
    let (mut fx, scope, proposal) = decision_fixture(DecisionMethod::Majority);
    let ann = fx.ann;
    ok(
        &mut fx.w,
        position(fx.inh, scope, proposal, ann, Some(Stance::For), ""),
    );
    ok(
        &mut fx.w,
        Action::DuplicateEngagement {
            engagement: fx.inh,
            name: "Intranet, phase 2".into(),
        },
    );
    let copy =
        fx.w.engagements
            .iter()
            .find(|e| e.name == "Intranet, phase 2")
            .unwrap();
    let area = copy
        .decisions
        .iter()
        .find(|d| d.kind == DecisionKind::ScopeChange)
        .unwrap();
    assert_eq!(area.log.len(), 1);
    assert_ne!(area.log[0].id, proposal);
    assert_eq!(area.log[0].position_of(ann).unwrap().stance, Stance::For);
    ok(
        &mut fx.w,
        Action::RemoveProposal {
            engagement: fx.inh,
            decision: scope,
            proposal,
        },
    );
    assert!(eng(&fx.w, fx.inh).decision(scope).unwrap().log.is_empty());
}

/// An imported person's name is trimmed like a typed one, and merges with a roster
/// person of the same name and side whatever the spaces around it.
#[test]
fn import_trims_the_names_of_the_people_it_adds() {
    let mut other = Workspace::default();
    let zoe = person_on(
        &mut other,
        "Zoe",
        Side::Client,
        StakeholderGroup::Client,
        10,
    );
    other.people[0].name = "  Zoe  ".into();
    let e = engagement(&mut other, "Shop", Template::ContractedVendor);
    edit(&mut other, e, EngagementEdit::Champion(Some(zoe)));
    let mut fx = fixture();
    ok(
        &mut fx.w,
        Action::ImportEngagements {
            from: other.clone(),
        },
    );
    let added = fx.w.people.last().unwrap();
    assert_eq!(added.name, "Zoe");
    // Imported again, the same person is found, not added twice.
    let count = fx.w.people.len();
    ok(&mut fx.w, Action::ImportEngagements { from: other });
    assert_eq!(fx.w.people.len(), count);
}
