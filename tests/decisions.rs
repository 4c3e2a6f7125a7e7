//! Host tests of the decision rules (docs/DOMAIN.md, "Decisions taken"): majority,
//! consensus and authority, against the worked examples and as properties.
#![cfg(not(target_arch = "wasm32"))]

mod plans;

use engagement_planner::model::decisions::{evaluate, Position, Proposal, Stance, Verdict};
use engagement_planner::model::pricing::{Approval, PricingAction, SellingStyle};
use engagement_planner::model::*;
use plans::*;
use proptest::prelude::*;

/// People 1..=n.
fn people(n: u32) -> Vec<PersonId> {
    (1..=n).map(PersonId).collect()
}

/// A proposal with the given stances, person by person from person 1.
fn proposal(stances: &[Stance]) -> Proposal {
    Proposal {
        id: ProposalId(100),
        text: "Move the go-live to 1 March".into(),
        date: "2026-11-30".into(),
        quorum: None,
        worksheet: None,
        positions: stances
            .iter()
            .enumerate()
            .map(|(i, &stance)| Position {
                person: PersonId(i as u32 + 1),
                stance,
                reason: String::new(),
            })
            .collect(),
    }
}

fn stances(for_: usize, against: usize, abstain: usize) -> Vec<Stance> {
    let mut all = vec![Stance::For; for_];
    all.extend(vec![Stance::Against; against]);
    all.extend(vec![Stance::Abstain; abstain]);
    all
}

fn name(p: PersonId) -> String {
    format!("Person {p}")
}

// ---------------------------------------------------------------------------------
// Majority

#[test]
fn majority_passes_with_more_than_half_of_the_votes_cast() {
    let p = proposal(&stances(9, 8, 2));
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(19));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!(
        o.summary(name),
        "Passed: 9 for, 8 against, 2 abstained \u{2014} more than half of the votes cast"
    );
}

#[test]
fn majority_tie_fails() {
    let p = proposal(&stances(5, 5, 0));
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(10));
    assert_eq!(o.verdict, Verdict::Failed);
    assert_eq!(
        o.summary(name),
        "Failed: 5 for, 5 against, 0 abstained \u{2014} more than half of the votes cast"
    );
}

#[test]
fn majority_abstentions_are_not_votes_cast() {
    let p = proposal(&stances(3, 0, 4));
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(7));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!(o.tally.cast(), 3);
    assert_eq!(o.tally.abstained, 4);
}

#[test]
fn majority_with_no_votes_cast_fails() {
    let p = proposal(&stances(0, 0, 3));
    assert_eq!(
        evaluate(DecisionMethod::Majority, None, &p, &people(5)).verdict,
        Verdict::Failed
    );
}

#[test]
fn majority_absentees_are_not_votes_cast() {
    // 2 for, 1 against among 10 eligible: 7 absent, still a majority of votes cast.
    let p = proposal(&stances(2, 1, 0));
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(10));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!(o.tally.absent, 7);
}

#[test]
fn majority_quorum_counts_votes_cast_against_the_eligible() {
    // 3 of 5 eligible cast a vote: 60 % meets a 60 % quorum.
    let mut p = proposal(&stances(2, 1, 0));
    p.quorum = Some(Bps(6_000));
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(5));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!(o.quorum, Some((Bps(6_000), true)));
    assert_eq!(
        o.summary(name),
        "Passed: 2 for, 1 against, 0 abstained \u{2014} more than half of the votes cast, with votes cast by at least 60 % of the 5 eligible"
    );
    // 3 of 6 is 50 %: the quorum is not met, whatever the majority.
    let o = evaluate(DecisionMethod::Majority, None, &p, &people(6));
    assert_eq!(o.verdict, Verdict::Failed);
    assert_eq!(o.quorum, Some((Bps(6_000), false)));
    assert!(o
        .summary(name)
        .contains("the quorum is not met: 3 of 6 eligible voted"));
    // An abstention is not a vote cast, so it does not make the quorum.
    p.positions.push(Position {
        person: PersonId(4),
        stance: Stance::Abstain,
        reason: String::new(),
    });
    assert_eq!(
        evaluate(DecisionMethod::Majority, None, &p, &people(6)).verdict,
        Verdict::Failed
    );
}

#[test]
fn a_recorded_position_counts_after_its_person_leaves() {
    // Person 3 voted against and has left the engagement since: the record stands, and
    // counts among those who could take part.
    let p = proposal(&[Stance::For, Stance::Abstain, Stance::Against]);
    let o = evaluate(
        DecisionMethod::Majority,
        None,
        &p,
        &[PersonId(1), PersonId(2)],
    );
    assert_eq!(
        (o.tally.for_, o.tally.against, o.tally.abstained),
        (1, 1, 1)
    );
    assert_eq!(o.tally.eligible, 3);
    assert_eq!(o.verdict, Verdict::Failed);
}

// ---------------------------------------------------------------------------------
// Consensus

#[test]
fn consensus_passes_when_no_one_blocks_and_someone_agrees() {
    let p = proposal(&[Stance::For, Stance::For, Stance::Abstain]);
    let o = evaluate(DecisionMethod::Consensus, None, &p, &people(4));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!(
        o.summary(name),
        "Passed: 2 agree, 0 block, 1 stand aside \u{2014} no one blocks and at least one agrees"
    );
}

#[test]
fn consensus_a_single_block_fails_and_its_reason_is_recorded() {
    let mut p = proposal(&[Stance::For, Stance::For, Stance::For, Stance::Against]);
    p.positions[3].reason = "Legal has not seen the contract".into();
    let o = evaluate(DecisionMethod::Consensus, None, &p, &people(4));
    assert_eq!(o.verdict, Verdict::Failed);
    assert_eq!(
        o.blockers,
        vec![(PersonId(4), "Legal has not seen the contract".to_string())]
    );
    assert_eq!(
        o.summary(name),
        "Failed: 3 agree, 1 block, 0 stand aside \u{2014} blocked by Person 4 (\u{201c}Legal has not seen the contract\u{201d}); no one blocks and at least one agrees"
    );
}

#[test]
fn consensus_with_no_one_agreeing_is_not_decided() {
    let p = proposal(&[Stance::Abstain, Stance::Abstain]);
    assert_eq!(
        evaluate(DecisionMethod::Consensus, None, &p, &people(3)).verdict,
        Verdict::Open
    );
    let p = proposal(&[]);
    assert_eq!(
        evaluate(DecisionMethod::Consensus, None, &p, &people(3)).verdict,
        Verdict::Open
    );
}

// ---------------------------------------------------------------------------------
// Authority

#[test]
fn authority_decides_and_everyone_else_advises() {
    // Person 3 is the authority; persons 1 and 2 advise against.
    let p = proposal(&[Stance::Against, Stance::Against, Stance::For]);
    let o = evaluate(DecisionMethod::Authority, Some(PersonId(3)), &p, &people(3));
    assert_eq!(o.verdict, Verdict::Passed);
    assert_eq!((o.tally.for_, o.tally.against), (0, 2), "advice only");
    // The authority decides; the advisers are the other two, none absent.
    assert_eq!((o.tally.eligible, o.tally.absent), (2, 0));
    assert_eq!(
        o.summary(name),
        "Passed: decided by Person 3; advice: 0 for, 2 against \u{2014} the named authority decides"
    );
    let mut rejected = p.clone();
    rejected.positions[2].stance = Stance::Against;
    assert_eq!(
        evaluate(
            DecisionMethod::Authority,
            Some(PersonId(3)),
            &rejected,
            &people(3)
        )
        .verdict,
        Verdict::Failed
    );
}

#[test]
fn authority_without_the_authoritys_position_is_not_decided() {
    let p = proposal(&[Stance::For, Stance::For]);
    assert_eq!(
        evaluate(DecisionMethod::Authority, Some(PersonId(3)), &p, &people(3)).verdict,
        Verdict::Open
    );
    let o = evaluate(DecisionMethod::Authority, None, &p, &people(3));
    assert_eq!(o.verdict, Verdict::Open);
    assert!(o.summary(name).contains("no authority is named"));
    // An abstaining authority has not decided either.
    let p = proposal(&[Stance::For, Stance::For, Stance::Abstain]);
    assert_eq!(
        evaluate(DecisionMethod::Authority, Some(PersonId(3)), &p, &people(3)).verdict,
        Verdict::Open
    );
}

#[test]
fn stances_are_named_by_the_method() {
    assert_eq!(Stance::Against.word(DecisionMethod::Consensus), "blocks");
    assert_eq!(
        Stance::Abstain.word(DecisionMethod::Consensus),
        "stands aside"
    );
    assert_eq!(Stance::For.word(DecisionMethod::Authority), "approves");
    assert_eq!(Stance::Abstain.word(DecisionMethod::Majority), "abstains");
}

// ---------------------------------------------------------------------------------
// Properties

fn any_stances() -> impl Strategy<Value = Vec<Stance>> {
    prop::collection::vec(prop::sample::select(Stance::ALL.to_vec()), 0..40)
}

proptest! {
    /// Adding an abstention never changes a majority outcome, with or without a quorum.
    #[test]
    fn an_abstention_never_changes_a_majority_outcome(
        s in any_stances(),
        extra in 0u32..20,
        quorum in prop::option::of(0i32..=10_000),
    ) {
        let mut p = proposal(&s);
        p.quorum = quorum.map(Bps);
        let eligible = people(s.len() as u32 + extra + 1);
        let before = evaluate(DecisionMethod::Majority, None, &p, &eligible).verdict;
        // Someone who had taken no position abstains.
        p.positions.push(Position {
            person: PersonId(s.len() as u32 + 1),
            stance: Stance::Abstain,
            reason: String::new(),
        });
        let after = evaluate(DecisionMethod::Majority, None, &p, &eligible).verdict;
        prop_assert_eq!(before, after);
    }

    /// Any block fails consensus, whoever agrees.
    #[test]
    fn any_block_fails_consensus(s in any_stances(), at in any::<prop::sample::Index>()) {
        let mut s = s;
        s.insert(at.index(s.len() + 1), Stance::Against);
        let p = proposal(&s);
        let o = evaluate(DecisionMethod::Consensus, None, &p, &people(s.len() as u32));
        prop_assert_eq!(o.verdict, Verdict::Failed);
    }

    /// Majority passes exactly when the votes for outnumber the votes against (no quorum).
    #[test]
    fn majority_is_more_for_than_against(s in any_stances()) {
        let p = proposal(&s);
        let o = evaluate(DecisionMethod::Majority, None, &p, &people(s.len() as u32));
        let f = s.iter().filter(|&&x| x == Stance::For).count();
        let a = s.iter().filter(|&&x| x == Stance::Against).count();
        prop_assert_eq!(o.verdict == Verdict::Passed, f > a);
        prop_assert_eq!(o.tally.for_ + o.tally.against + o.tally.abstained + o.tally.absent, o.tally.eligible);
    }
}

// ---------------------------------------------------------------------------------
// The final deal and pricing approval are one decision (docs/DOMAIN.md, "Who decides
// the final deal")

/// An in-house engagement whose final deal is decided by `method`: Erin is the
/// engagement manager (Accountable for engagement management), Sam and Gus sponsors with
/// a role, Pat a performer; "Base" is a submitted worksheet with one fixed-fee line.
struct Deal {
    w: Workspace,
    e: EngagementId,
    area: DecisionId,
    ws: WorksheetId,
    erin: PersonId,
    sam: PersonId,
    gus: PersonId,
    pat: PersonId,
}

fn deal(method: Option<DecisionMethod>, authority: Option<&str>) -> Deal {
    let mut w = Workspace::default();
    let erin = person(&mut w, "Erin", StakeholderGroup::EngagementManager, 40);
    let sam = person(&mut w, "Sam", StakeholderGroup::Sponsor, 10);
    let gus = person(&mut w, "Gus", StakeholderGroup::Sponsor, 10);
    let pat = person(&mut w, "Pat", StakeholderGroup::Performer, 40);
    let e = engagement(&mut w, "Intranet", Template::InHouseProject);
    let em = function(&w, e, FunctionKind::EngagementManagement);
    assign(&mut w, e, erin, em, Raci::Accountable, 4);
    let delivery = function(&w, e, FunctionKind::Delivery);
    assign(&mut w, e, sam, delivery, Raci::Informed, 1);
    assign(&mut w, e, gus, delivery, Raci::Consulted, 1);
    assign(&mut w, e, pat, delivery, Raci::Responsible, 30);
    let area = decision(&w, e, DecisionKind::FinalDeal);
    edit_decision(&mut w, e, area, DecisionEdit::Method(method));
    let named = |n: &str| match n {
        "Erin" => erin,
        "Sam" => sam,
        _ => gus,
    };
    edit_decision(
        &mut w,
        e,
        area,
        DecisionEdit::Authority(authority.map(named)),
    );
    let role = rate_role(&mut w, e, "Developer", 6_000, 10_000);
    let ws = worksheet(&mut w, e, "Base", SellingStyle::Collaborative);
    line(&mut w, e, ws, "Build", role, 100);
    price(&mut w, e, PricingAction::Submit { worksheet: ws });
    Deal {
        w,
        e,
        area,
        ws,
        erin,
        sam,
        gus,
        pat,
    }
}

impl Deal {
    fn engagement(&self) -> &Engagement {
        self.w.engagement(self.e).unwrap()
    }
    fn approval(&self) -> Approval {
        self.engagement()
            .pricing
            .worksheet(self.ws)
            .unwrap()
            .approval
    }
    /// Proposes approving the worksheet on the final deal; the new proposal's id.
    fn propose(&mut self) -> ProposalId {
        let id = ProposalId(self.w.next_id);
        apply(
            &mut self.w,
            Action::Propose {
                engagement: self.e,
                decision: self.area,
                text: "Approve Base at the list price".into(),
                date: "2026-12-01".into(),
                quorum: None,
                worksheet: Some(self.ws),
            },
        );
        id
    }
    fn position(
        &mut self,
        proposal: ProposalId,
        person: PersonId,
        stance: Stance,
        reason: &str,
    ) -> Result<(), ModelError> {
        self.w.apply(Action::SetPosition {
            engagement: self.e,
            decision: self.area,
            proposal,
            person,
            stance: Some(stance),
            reason: reason.into(),
        })
    }
    fn log(&self) -> &[Proposal] {
        &self.engagement().decision(self.area).unwrap().log
    }
}

#[test]
fn approving_the_deal_on_pricing_records_it_in_the_final_deal_log() {
    for (method, authority) in [
        (Some(DecisionMethod::Authority), Some("Sam")),
        (Some(DecisionMethod::Majority), None),
        (Some(DecisionMethod::Consensus), None),
        (None, None),
    ] {
        let mut d = deal(method, authority);
        price(
            &mut d.w,
            d.e,
            PricingAction::Approve {
                worksheet: d.ws,
                by: d.sam,
                date: "2026-12-02".into(),
            },
        );
        assert_eq!(d.approval(), Approval::Approved { by: d.sam }, "{method:?}");
        let log = d.log();
        assert_eq!(log.len(), 1);
        let p = &log[0];
        assert_eq!(p.text, "Approve the worksheet \u{201c}Base\u{201d}");
        assert_eq!(p.date, "2026-12-02");
        assert_eq!(p.worksheet, Some(d.ws));
        assert_eq!(p.position_of(d.sam).unwrap().stance, Stance::For);
        let e = d.engagement();
        let area = e.decision(d.area).unwrap();
        assert!(e.deal_passed(&d.w, area, p), "{method:?}");
        if method.is_some() {
            assert_eq!(
                e.outcome(&d.w, area, p).unwrap().verdict,
                Verdict::Passed,
                "{method:?}"
            );
        }
        assert_eq!(e.deal_decision(&d.w, d.ws).map(|p| p.id), Some(p.id));
    }
}

#[test]
fn an_approval_refused_on_pricing_records_nothing() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let before = d.w.clone();
    // Erin is not the named authority; and a draft cannot be approved.
    assert!(d
        .w
        .apply(Action::Pricing {
            engagement: d.e,
            action: PricingAction::Approve {
                worksheet: d.ws,
                by: d.erin,
                date: "2026-12-02".into(),
            },
        })
        .is_err());
    price(
        &mut d.w,
        d.e,
        PricingAction::Reject {
            worksheet: d.ws,
            by: d.sam,
            note: String::new(),
        },
    );
    let rejected = d.w.clone();
    let err =
        d.w.apply(Action::Pricing {
            engagement: d.e,
            action: PricingAction::Approve {
                worksheet: d.ws,
                by: d.sam,
                date: "2026-12-02".into(),
            },
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Base is rejected: only a submitted worksheet can be approved."
    );
    assert_eq!(d.w, rejected);
    assert!(d.log().is_empty());
    assert_ne!(before, rejected);
    // A bad date is refused too, before anything is recorded.
    price(&mut d.w, d.e, PricingAction::Submit { worksheet: d.ws });
    let submitted = d.w.clone();
    assert!(matches!(
        d.w.apply(Action::Pricing {
            engagement: d.e,
            action: PricingAction::Approve {
                worksheet: d.ws,
                by: d.sam,
                date: "2 December".into(),
            },
        }),
        Err(ModelError::BadDate(_))
    ));
    assert_eq!(d.w, submitted);
}

#[test]
fn without_a_final_deal_area_an_approval_stands_alone() {
    let mut d = deal(None, None);
    apply(
        &mut d.w,
        Action::RemoveDecisionArea {
            engagement: d.e,
            decision: d.area,
        },
    );
    let next = d.w.next_id;
    price(
        &mut d.w,
        d.e,
        PricingAction::Approve {
            worksheet: d.ws,
            by: d.erin,
            date: "2026-12-02".into(),
        },
    );
    assert_eq!(d.approval(), Approval::Approved { by: d.erin });
    assert_eq!(d.w.next_id, next, "no proposal was recorded");
    assert_eq!(d.engagement().deal_decision(&d.w, d.ws), None);
}

#[test]
fn a_final_deal_proposal_naming_a_worksheet_approves_it_when_it_passes() {
    // By authority: Sam decides; Pat and Erin advise.
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let p = d.propose();
    d.position(p, d.pat, Stance::For, "").unwrap();
    d.position(p, d.erin, Stance::Against, "Too cheap").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    d.position(p, d.sam, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.sam });
    let e = d.engagement();
    assert_eq!(e.deal_decision(&d.w, d.ws).map(|x| x.id), Some(p));
    // Approving through the log agrees the fixed fees, as on the Pricing view.
    let ws = e.pricing.worksheet(d.ws).unwrap();
    assert!(ws.lines.iter().all(|l| l.fee.is_some()));
    assert_eq!(
        ws.log.last().map(|x| (x.step, x.by)),
        Some((ApprovalStep::Approved, Some(d.sam)))
    );
}

#[test]
fn under_majority_the_final_deal_is_voted_by_its_deciders_only() {
    let mut d = deal(Some(DecisionMethod::Majority), None);
    let p = d.propose();
    // Pat is no decider of the final deal: the refusal says who is.
    let err = d.position(p, d.pat, Stance::For, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Pat is a Performer: only Erin (engagement manager), Gus (sponsor) or Sam (sponsor) may decide the final deal."
    );
    let e = d.engagement();
    let area = e.decision(d.area).unwrap();
    assert_eq!(e.eligible(&d.w, area), {
        let mut all = vec![d.erin, d.sam, d.gus];
        all.sort();
        all
    });
    // Erin's vote alone passes it (absentees are not votes cast): approved.
    d.position(p, d.erin, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.erin });
    // One for, one against: a tie fails, and the approval is withdrawn.
    d.position(p, d.sam, Stance::Against, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    let ws = d.engagement().pricing.worksheet(d.ws).unwrap();
    let steps: Vec<(ApprovalStep, Option<PersonId>)> =
        ws.log.iter().map(|x| (x.step, x.by)).collect();
    assert_eq!(
        steps[steps.len() - 3..],
        [
            (ApprovalStep::Approved, Some(d.erin)),
            (ApprovalStep::Reopened, Some(d.sam)),
            (ApprovalStep::Submitted, None)
        ]
    );
    assert_eq!(d.engagement().deal_decision(&d.w, d.ws), None);
    let e = d.engagement();
    let area = e.decision(d.area).unwrap();
    assert_eq!(
        e.outcome(&d.w, area, &area.log[0])
            .unwrap()
            .summary(|p| d.w.person_name(p).to_string()),
        "Failed: 1 for, 1 against, 0 abstained \u{2014} more than half of the votes cast"
    );
    // Gus's vote carries it: the worksheet is approved by him.
    d.position(p, d.gus, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.gus });
}

#[test]
fn under_majority_a_quorum_not_met_keeps_the_worksheet_unapproved() {
    let mut d = deal(Some(DecisionMethod::Majority), None);
    let p = d.propose();
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Quorum(Some(Bps(6_000))),
        },
    );
    // 1 of the 3 deciders voted: below 60 %.
    d.position(p, d.erin, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    // Lowering the quorum passes it, and the first decider who approved approves it.
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Quorum(Some(Bps(3_000))),
        },
    );
    assert_eq!(d.approval(), Approval::Approved { by: d.erin });
}

#[test]
fn under_consensus_a_block_by_a_decider_keeps_the_worksheet_unapproved() {
    let mut d = deal(Some(DecisionMethod::Consensus), None);
    let p = d.propose();
    d.position(p, d.gus, Stance::Against, "The margin is too thin")
        .unwrap();
    d.position(p, d.erin, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    // Without a reason, a block is refused under consensus, on the final deal too.
    assert!(matches!(
        d.position(p, d.sam, Stance::Against, " "),
        Err(ModelError::BlockWithoutReason(_))
    ));
    // The block is lifted (Gus stands aside): now it passes, approved by the decider who
    // agreed, Erin.
    d.position(p, d.gus, Stance::Abstain, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.erin });
}

#[test]
fn without_a_method_any_final_deal_decider_approves() {
    let mut d = deal(None, None);
    let p = d.propose();
    d.position(p, d.sam, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.sam });
    // Authority with nobody named decides the same way.
    let mut d = deal(Some(DecisionMethod::Authority), None);
    let p = d.propose();
    assert!(
        d.position(p, d.pat, Stance::For, "").is_ok(),
        "anyone advises under authority"
    );
    assert_eq!(d.approval(), Approval::Submitted);
    d.position(p, d.erin, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Approved { by: d.erin });
}

#[test]
fn a_decision_approves_its_worksheet_once() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let p = d.propose();
    d.position(p, d.sam, Stance::For, "").unwrap();
    price(
        &mut d.w,
        d.e,
        PricingAction::Reopen {
            worksheet: d.ws,
            by: d.sam,
            note: "Scope grew".into(),
        },
    );
    price(&mut d.w, d.e, PricingAction::Submit { worksheet: d.ws });
    // Advice recorded on the old decision, which stays passed, approves nothing again.
    d.position(p, d.pat, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    assert_eq!(d.engagement().deal_decision(&d.w, d.ws), None);
}

#[test]
fn a_vote_that_would_approve_a_draft_worksheet_is_refused_and_changes_nothing() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let p = d.propose();
    price(
        &mut d.w,
        d.e,
        PricingAction::Reject {
            worksheet: d.ws,
            by: d.sam,
            note: String::new(),
        },
    );
    let before = d.w.clone();
    let err = d.position(p, d.sam, Stance::For, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Base is rejected: only a submitted worksheet can be approved."
    );
    assert_eq!(d.w, before);
}

#[test]
fn only_a_final_deal_proposal_names_a_worksheet() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let scope = decision(&d.w, d.e, DecisionKind::ScopeChange);
    let err =
        d.w.apply(Action::Propose {
            engagement: d.e,
            decision: scope,
            text: "Approve Base".into(),
            date: "2026-12-01".into(),
            quorum: None,
            worksheet: Some(d.ws),
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Only a proposal on the final deal can approve a pricing worksheet, and Scope change is not the final deal."
    );
    assert!(matches!(
        d.w.apply(Action::Propose {
            engagement: d.e,
            decision: d.area,
            text: "Approve Base".into(),
            date: "2026-12-01".into(),
            quorum: None,
            worksheet: Some(WorksheetId(9_999)),
        }),
        Err(ModelError::UnknownWorksheet(_))
    ));
    // Named later, by an edit: the same rule.
    let p = d.propose();
    assert!(matches!(
        d.w.apply(Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Worksheet(Some(WorksheetId(9_999))),
        }),
        Err(ModelError::UnknownWorksheet(_))
    ));
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Worksheet(None),
        },
    );
    assert_eq!(d.log()[0].worksheet, None);
}

#[test]
fn naming_the_worksheet_on_a_passed_proposal_approves_it() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let p = d.propose();
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Worksheet(None),
        },
    );
    d.position(p, d.sam, Stance::For, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Worksheet(Some(d.ws)),
        },
    );
    assert_eq!(d.approval(), Approval::Approved { by: d.sam });
}

#[test]
fn a_proposal_is_put_with_its_quorum() {
    let mut d = deal(Some(DecisionMethod::Majority), None);
    let scope = decision(&d.w, d.e, DecisionKind::ScopeChange);
    apply(
        &mut d.w,
        Action::Propose {
            engagement: d.e,
            decision: scope,
            text: "Drop the search page".into(),
            date: "2026-12-01".into(),
            quorum: Some(Bps(6_000)),
            worksheet: None,
        },
    );
    let e = d.engagement();
    assert_eq!(e.decision(scope).unwrap().log[0].quorum, Some(Bps(6_000)));
    let before = d.w.clone();
    assert!(matches!(
        d.w.apply(Action::Propose {
            engagement: d.e,
            decision: scope,
            text: "Drop the search page".into(),
            date: "2026-12-01".into(),
            quorum: Some(Bps(10_001)),
            worksheet: None,
        }),
        Err(ModelError::PercentOutOfRange { what: "quorum", .. })
    ));
    assert_eq!(d.w, before);
}

#[test]
fn removing_a_worksheet_clears_the_proposals_that_named_it() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    d.propose();
    price(
        &mut d.w,
        d.e,
        PricingAction::RemoveWorksheet { worksheet: d.ws },
    );
    assert_eq!(d.log()[0].worksheet, None);
    assert!(d.w.validate().is_ok());
}

#[test]
fn copying_an_engagement_keeps_the_worksheet_a_proposal_names() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    d.propose();
    apply(
        &mut d.w,
        Action::DuplicateEngagement {
            engagement: d.e,
            name: "Intranet (copy)".into(),
        },
    );
    let copy = d.w.engagements.last().unwrap();
    let p = &copy.final_deal_area().unwrap().log[0];
    let named = p.worksheet.unwrap();
    assert_ne!(named, d.ws);
    assert_eq!(copy.pricing.worksheet(named).unwrap().name, "Base");
}

#[test]
fn a_proposal_naming_a_missing_worksheet_or_outside_the_final_deal_is_invalid() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    d.propose();
    let mut w = d.w.clone();
    let at = w.engagements[0]
        .decisions
        .iter()
        .position(|x| x.kind == DecisionKind::FinalDeal)
        .unwrap();
    w.engagements[0].decisions[at].log[0].worksheet = Some(WorksheetId(9_999));
    let problems = w.validate().unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("does not have")),
        "{problems:?}"
    );
    let mut w = d.w.clone();
    let proposal = w.engagements[0].decisions[at].log[0].clone();
    let scope = w.engagements[0]
        .decisions
        .iter()
        .position(|x| x.kind == DecisionKind::ScopeChange)
        .unwrap();
    w.engagements[0].decisions[at].log.clear();
    w.engagements[0].decisions[scope].log.push(proposal);
    let problems = w.validate().unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("only a proposal on the final deal")),
        "{problems:?}"
    );
}

#[test]
fn a_change_that_keeps_the_decision_passing_keeps_the_approval() {
    let mut d = deal(Some(DecisionMethod::Authority), Some("Sam"));
    let p = d.propose();
    d.position(p, d.sam, Stance::For, "").unwrap();
    // Advice recorded, and the words edited: the decision still passes, still approves.
    d.position(p, d.pat, Stance::Against, "Too cheap").unwrap();
    apply(
        &mut d.w,
        Action::EditProposal {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            edit: ProposalEdit::Text("Approve Base as priced".into()),
        },
    );
    assert_eq!(d.approval(), Approval::Approved { by: d.sam });
    // A later decision of the final deal that names no worksheet is not the one that
    // approved it.
    let later = ProposalId(d.w.next_id);
    apply(
        &mut d.w,
        Action::Propose {
            engagement: d.e,
            decision: d.area,
            text: "Offer a 5 % loyalty discount next year".into(),
            date: "2026-12-03".into(),
            quorum: None,
            worksheet: None,
        },
    );
    d.position(later, d.sam, Stance::For, "").unwrap();
    let e = d.engagement();
    assert_eq!(e.deal_decision(&d.w, d.ws).map(|x| x.id), Some(p));
}

#[test]
fn a_decision_carried_by_someone_who_no_longer_decides_is_approved_in_their_name() {
    let mut d = deal(Some(DecisionMethod::Majority), None);
    let p = d.propose();
    // Gus approves (approved), Sam rejects (a tie: withdrawn), Erin abstains.
    d.position(p, d.gus, Stance::For, "").unwrap();
    d.position(p, d.sam, Stance::Against, "").unwrap();
    d.position(p, d.erin, Stance::Abstain, "").unwrap();
    assert_eq!(d.approval(), Approval::Submitted);
    // Gus leaves the engagement's roles: no longer a sponsor of it, but his vote is a
    // record and still counts.
    let delivery = function(&d.w, d.e, FunctionKind::Delivery);
    apply(
        &mut d.w,
        Action::Unassign {
            engagement: d.e,
            person: d.gus,
            function: delivery,
            role: Raci::Consulted,
        },
    );
    assert!(!d.engagement().may_decide_final_deal(&d.w, d.gus));
    // Sam takes his vote back: Gus's vote alone passes it, and the approval is his.
    apply(
        &mut d.w,
        Action::SetPosition {
            engagement: d.e,
            decision: d.area,
            proposal: p,
            person: d.sam,
            stance: None,
            reason: String::new(),
        },
    );
    assert_eq!(d.approval(), Approval::Approved { by: d.gus });
}
