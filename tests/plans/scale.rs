//! A plan at ten times a realistic size, for the benchmarks (`tests/e2e_bench.rs`,
//! `tests/compare_bench.rs`): a deterministic roster and portfolio, so every run measures
//! the same workspace.

use super::*;

/// Assignments each engagement of [`big_workspace`] gets.
pub const ASSIGNMENTS_PER_ENGAGEMENT: usize = 40;

/// A small deterministic generator, so every run measures the same workspace.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Applies an action and says whether the model took it (a generator tries and moves on).
pub fn applies(w: &mut Workspace, action: Action) -> bool {
    w.apply(action).is_ok()
}

/// `engagements` engagements over a roster of `people`, each with a PM, about 40
/// assignments over its nine functions (one Accountable each, Responsible with hours,
/// Consulted, Informed), decision authorities, report and compliance owners, client needs
/// and sign-offs.
pub fn big_workspace(engagements: usize, people: usize) -> Workspace {
    let mut w = Workspace::default();
    let mut rng = Lcg(0x5eed);
    let first = [
        "Avery", "Jordan", "Morgan", "Riley", "Casey", "Quinn", "Drew", "Sky", "Robin", "Sam",
        "Alex", "Jamie", "Taylor", "Reese", "Rowan", "Emery", "Finley", "Harper", "Kai", "Logan",
    ];
    let last = [
        "Planner", "Counsel", "Builder", "Seller", "Support", "Ledger", "Buyer", "Example",
        "Sample", "Tester", "Reviewer", "Auditor", "Keeper", "Maker", "Mentor",
    ];
    for i in 0..people {
        let name = format!(
            "{} {} {}",
            first[i % first.len()],
            last[(i / first.len()) % last.len()],
            i + 1
        );
        let side = Side::ALL[rng.next(Side::ALL.len())];
        let group = StakeholderGroup::ALL[rng.next(StakeholderGroup::ALL.len())];
        let capacity = Hours::from_whole([8, 16, 24, 32, 40][rng.next(5)]);
        assert!(applies(
            &mut w,
            Action::AddPerson {
                name,
                side,
                group,
                capacity
            }
        ));
    }
    let ids: Vec<PersonId> = w.people.iter().map(|p| p.id).collect();
    let pick = |rng: &mut Lcg| ids[rng.next(ids.len())];
    for ei in 0..engagements {
        let template = if ei % 2 == 0 {
            Template::ContractedVendor
        } else {
            Template::InHouseProject
        };
        assert!(applies(
            &mut w,
            Action::CreateEngagement {
                name: format!("Engagement {:02}: site rollout wave {}", ei + 1, ei % 7 + 1),
                template,
            }
        ));
        let e = w.engagements[ei].id;
        let functions: Vec<FunctionId> = w.engagements[ei].functions.iter().map(|f| f.id).collect();
        let edit = |w: &mut Workspace, edit: EngagementEdit| {
            applies(
                w,
                Action::EditEngagement {
                    engagement: e,
                    edit,
                },
            )
        };
        edit(&mut w, EngagementEdit::Client(format!("Client {}", ei + 1)));
        edit(
            &mut w,
            EngagementEdit::Provider("Example Works".to_string()),
        );
        let pm = pick(&mut rng);
        edit(&mut w, EngagementEdit::Pm(Some(pm)));
        edit(&mut w, EngagementEdit::Champion(Some(pick(&mut rng))));
        edit(
            &mut w,
            EngagementEdit::Stage(Stage::ALL[rng.next(Stage::ALL.len())]),
        );
        let mut made = 0;
        let mut attempts = 0;
        while made < ASSIGNMENTS_PER_ENGAGEMENT && attempts < 10 * ASSIGNMENTS_PER_ENGAGEMENT {
            attempts += 1;
            let function = functions[made % functions.len()];
            // Per function: Accountable first, then Responsible, Consulted, Informed.
            let role = match made / functions.len() {
                0 => Raci::Accountable,
                1 | 2 => Raci::Responsible,
                3 => Raci::Consulted,
                _ => Raci::Informed,
            };
            let hours = match role {
                Raci::Accountable => Hours::from_whole(2 + rng.next(4) as u32),
                Raci::Responsible => Hours::from_whole(4 + rng.next(12) as u32),
                _ => Hours(0),
            };
            if applies(
                &mut w,
                Action::Assign {
                    engagement: e,
                    person: pick(&mut rng),
                    function,
                    role,
                    hours,
                },
            ) {
                made += 1;
            }
        }
        for d in 0..w.engagements[ei].decisions.len() {
            let decision = w.engagements[ei].decisions[d].id;
            applies(
                &mut w,
                Action::EditDecisionArea {
                    engagement: e,
                    decision,
                    edit: DecisionEdit::Authority(Some(pick(&mut rng))),
                },
            );
        }
        for r in 0..w.engagements[ei].reports.len() {
            let report = w.engagements[ei].reports[r].id;
            applies(
                &mut w,
                Action::EditReport {
                    engagement: e,
                    report,
                    edit: ReportEdit::Owner(Some(pm)),
                },
            );
        }
        for c in 0..w.engagements[ei].compliance.len() {
            let item = w.engagements[ei].compliance[c].id;
            applies(
                &mut w,
                Action::EditComplianceItem {
                    engagement: e,
                    item,
                    edit: ComplianceEdit::Owner(Some(pick(&mut rng))),
                },
            );
        }
        for title in ["Monthly usage report", "Single sign-on", "Data export"] {
            applies(
                &mut w,
                Action::AddNeed {
                    engagement: e,
                    title: title.to_string(),
                },
            );
        }
        let needs: Vec<NeedId> = w.engagements[ei].needs.iter().map(|n| n.id).collect();
        for need in needs {
            for aspect in NeedAspect::ALL {
                applies(
                    &mut w,
                    Action::EditNeed {
                        engagement: e,
                        need,
                        edit: NeedEdit::Coverage(aspect, Coverage::ALL[1 + rng.next(3)]),
                    },
                );
            }
        }
        for party in SignOffParty::ALL {
            // Someone of the party's group, if the roster has one.
            let signers: Vec<PersonId> = w
                .people
                .iter()
                .filter(|p| party.accepts(p.group))
                .map(|p| p.id)
                .collect();
            if signers.is_empty() {
                continue;
            }
            applies(
                &mut w,
                Action::SignOff {
                    engagement: e,
                    party,
                    person: signers[rng.next(signers.len())],
                    date: "2025-03-01".to_string(),
                },
            );
        }
    }
    w
}
