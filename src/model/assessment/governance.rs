//! The checks of governance: 5 (decision methods and authorities), 6 (reporting), 14
//! (the defined process signed off) and 15 (a decision taken in each decision area).

use super::{join_and, join_or, Assessor, Check, Severity, Subject, View};
use crate::model::decisions::Verdict;
use crate::model::engagement::*;
use crate::model::order;
use crate::model::people::StakeholderGroup;

impl Assessor<'_, '_> {
    /// Check 5: decision methods and authorities, and who decides the final deal.
    pub(super) fn decisions(&mut self) {
        let e = self.e;
        let governance = View::Governance.label();
        for d in &e.decisions {
            match (d.method, d.authority) {
                (None, _) => self.push(
                    Severity::Warning,
                    Check::DecisionMethods,
                    Subject::Decision(d.id),
                    format!("{} has no decision method.", d.name),
                    format!(
                        "On the {governance} view, choose majority, consensus or authority for {}.",
                        d.name
                    ),
                ),
                (Some(DecisionMethod::Authority), None) => self.push(
                    Severity::Warning,
                    Check::DecisionMethods,
                    Subject::Decision(d.id),
                    format!(
                        "{} is decided by authority, but nobody is named to hold it.",
                        d.name
                    ),
                    format!(
                        "On the {governance} view, name the person with authority over {}.",
                        d.name
                    ),
                ),
                (Some(DecisionMethod::Authority), Some(p))
                    if d.kind == DecisionKind::FinalDeal
                        && e.final_deal_standing(self.index.w, p).is_none() =>
                {
                    let others: Vec<String> = e
                        .final_deal_candidates(self.index.w)
                        .into_iter()
                        .map(|(s, why)| format!("{} ({})", self.name(s), why.label()))
                        .collect();
                    let to = if others.is_empty() {
                        "the engagement manager or a sponsor of this engagement".to_string()
                    } else {
                        join_or(&others.iter().map(String::as_str).collect::<Vec<_>>())
                    };
                    self.push(
                        Severity::Warning,
                        Check::DecisionMethods,
                        Subject::Decision(d.id),
                        format!(
                            "{} is decided by {}, who is neither the engagement manager nor a sponsor of this engagement; the deal risks being set by those who sell it rather than those who answer for it.",
                            d.name,
                            self.name(p)
                        ),
                        format!(
                            "On the {governance} view, give the authority over {} to {to}.",
                            d.name
                        ),
                    );
                }
                _ => {}
            }
        }
        if !e
            .decisions
            .iter()
            .any(|d| d.kind == DecisionKind::FinalDeal)
        {
            self.push(
                Severity::Warning,
                Check::DecisionMethods,
                Subject::Decisions,
                "There is no decision area for the final deal, so it is not clear who decides it.".to_string(),
                format!(
                    "On the {governance} view, restore the final deal decision area and give it to the engagement manager or a sponsor."
                ),
            );
        }
    }

    /// Check 15: each decision area has a decision taken, a proposal of its log that passed
    /// or failed under the area's method (on the final deal, also one its deciders
    /// approved before a method was chosen: see [`Engagement::deal_passed`]). Advice: an
    /// area not used yet breaks nothing, but the room has not tried its method.
    pub(super) fn decisions_taken(&mut self) {
        let e = self.e;
        let w = self.index.w;
        let governance = View::Governance.label();
        for d in &e.decisions {
            let decided = d.log.iter().any(|p| {
                let verdict = e.outcome(w, d, p).map(|o| o.verdict);
                matches!(verdict, Some(Verdict::Passed | Verdict::Failed))
                    || (d.kind == DecisionKind::FinalDeal && e.deal_passed(w, d, p))
            });
            if decided {
                continue;
            }
            let (finding, fix) = if d.log.is_empty() {
                (
                    format!("{} has no decision yet: its log is empty.", d.name),
                    format!(
                        "On the {governance} view, propose the next decision on {} and record where each person stands.",
                        d.name
                    ),
                )
            } else if d.method.is_none() {
                (
                    format!(
                        "{} has no decision yet: without a method, nothing in its log can pass or fail.",
                        d.name
                    ),
                    format!(
                        "On the {governance} view, choose how {} decides; its proposals are then decided by it.",
                        d.name
                    ),
                )
            } else {
                (
                    format!(
                        "{} has no decision yet: no proposal in its log has passed or failed.",
                        d.name
                    ),
                    format!(
                        "On the {governance} view, record the positions on a proposal of {} until it is decided.",
                        d.name
                    ),
                )
            };
            self.push(
                Severity::Advice,
                Check::DecisionsTaken,
                Subject::Decision(d.id),
                finding,
                fix,
            );
        }
    }

    /// Check 6: each report is complete; client and sponsor each receive one.
    pub(super) fn reporting(&mut self) {
        let e = self.e;
        let governance = View::Governance.label();
        for r in &e.reports {
            let (missing, wanted): (Vec<&str>, Vec<&str>) = [
                (r.owner.is_none(), "owner", "an owner"),
                (r.audience.is_empty(), "audience", "an audience"),
                (r.frequency.is_none(), "frequency", "a frequency"),
            ]
            .into_iter()
            .filter(|&(lacking, _, _)| lacking)
            .map(|(_, what, wanted)| (what, wanted))
            .unzip();
            if !missing.is_empty() {
                self.push(
                    Severity::Warning,
                    Check::Reporting,
                    Subject::Report(r.id),
                    format!("{} has no {}.", r.name, join_or(&missing)),
                    format!(
                        "On the {governance} view, give {} {}.",
                        r.name,
                        join_and(&wanted)
                    ),
                );
            }
        }
        for (group, who) in [
            (StakeholderGroup::Client, "the client"),
            (StakeholderGroup::Sponsor, "the sponsors"),
        ] {
            if !e.reports.iter().any(|r| r.audience.contains(&group)) {
                self.push(
                    Severity::Warning,
                    Check::Reporting,
                    Subject::Reporting,
                    format!("No report goes to {who}."),
                    format!(
                        "On the {governance} view, add {} to the audience of a report, or add a report for them.",
                        group.label()
                    ),
                );
            }
        }
    }

    /// Check 14: sales, customer service and delivery have each signed off the process
    /// as it is now, each by a person of that group, on a recorded date; the groups are
    /// those the organization's standard of the engagement's kind requires (all three
    /// unless the organization says otherwise).
    pub(super) fn signoffs(&mut self) {
        let e = self.e;
        let overview = View::Overview.label();
        let people = &self.index.w.people;
        let required = &self.index.w.standard.process(e.relationship).signoffs;
        for (party, status) in e.sign_off_statuses(people) {
            if !required.contains(&party) {
                continue;
            }
            let group = party.label().to_lowercase();
            // Who could sign, for the fix: a few people of the party's groups by name.
            let mut candidates: Vec<&str> = people
                .iter()
                .filter(|p| party.accepts(p.group))
                .map(|p| p.name.as_str())
                .collect();
            order::sort_by_key(&mut candidates, |n| n.to_lowercase());
            candidates.truncate(3);
            let who = match candidates.as_slice() {
                [] => None,
                names => Some(format!("{}, such as {}", party.who(), join_or(names))),
            };
            let (message, fix) = match status {
                SignOffStatus::Current { .. } => continue,
                SignOffStatus::Missing => (
                    format!("{} has not signed off the defined process.", party.label()),
                    match who {
                        Some(who) => format!(
                            "Walk {group} through the defined process and have {who}, sign it off on the {overview} view."
                        ),
                        None => format!(
                            "Nobody on the roster can sign off for {group}: add {} on the {} view, walk them through the defined process and record their sign-off on the {overview} view.",
                            party.who(),
                            View::People.label()
                        ),
                    },
                ),
                SignOffStatus::WrongGroup { person, group: theirs } => {
                    let name = self.name(person);
                    (
                        format!(
                            "{name} signed off for {group} but is in the {} group: the {group} sign-off must come from {}.",
                            theirs.label(),
                            party.who()
                        ),
                        match who {
                            Some(who) => format!(
                                "On the {overview} view, have {who}, sign off for {group} instead; or, if {name}'s group is recorded wrongly, correct it on the {} view.",
                                View::People.label()
                            ),
                            None => format!(
                                "Add {} on the {people_view} view and record their sign-off on the {overview} view; or, if {name}'s group is recorded wrongly, correct it on the {people_view} view.",
                                party.who(),
                                people_view = View::People.label()
                            ),
                        },
                    )
                }
                SignOffStatus::Undated { person } => (
                    format!(
                        "{}'s sign-off for {group} has no date (it was recorded by an older version of the planner), so nobody can tell whether it covers the process as it is now.",
                        self.name(person)
                    ),
                    format!(
                        "Check the defined process with {} and confirm the sign-off again on the {overview} view; it is then dated today.",
                        self.name(person)
                    ),
                ),
                SignOffStatus::OutOfDate { person, date } => (
                    format!(
                        "{}'s sign-off for {group} is out of date: the roles or governance changed since {date}.",
                        self.name(person)
                    ),
                    format!(
                        "Walk {} through what changed and confirm the sign-off again on the {overview} view, or undo the change.",
                        self.name(person)
                    ),
                ),
            };
            self.push(
                Severity::Warning,
                Check::ProcessSignOff,
                Subject::SignOff(party),
                message,
                fix,
            );
        }
    }
}
