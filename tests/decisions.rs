//! Host tests of the decision rules (docs/DOMAIN.md, "Decisions taken"): majority,
//! consensus and authority, against the worked examples and as properties.
#![cfg(not(target_arch = "wasm32"))]

use engagement_planner::model::decisions::{evaluate, Position, Proposal, Stance, Verdict};
use engagement_planner::model::{Bps, DecisionMethod, PersonId, ProposalId};
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
