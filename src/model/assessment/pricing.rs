//! The checks of the deal's pricing: 7 (delivery input or a needs analysis, and who
//! approves), 8 (the target margin) and 11 (the sponsors' benefits and budget).

use super::{capitalized, count, join_and, quoted_list, Assessor, Check, Severity, Subject, View};
use crate::model::engagement::*;
use crate::model::ids::*;
use crate::model::pricing::{compute_with_default, Approval, SellingStyle, Worksheet};
use crate::model::units::{currency, format_money, Money};
use std::collections::BTreeSet;

impl Assessor<'_, '_> {
    /// Checks 7 and 8 on the deal's worksheet (or the only one): delivery input or a
    /// needs analysis, approval by the engagement manager or a sponsor, and a price
    /// that leaves the target margin over delivery's cost.
    pub(super) fn pricing(&mut self) {
        let e = self.e;
        let p = &e.pricing;
        let pricing = View::Pricing.label();
        if p.worksheets.is_empty() {
            self.push(
                Severity::Advice,
                Check::PricingInput,
                Subject::Pricing,
                "The engagement has no pricing worksheet, so nothing shows whether the price covers delivery's cost.".to_string(),
                format!(
                    "On the {pricing} view, add the rate card and a worksheet, then have delivery estimate its lines (collaborative) or trace each line to a client need (consultative)."
                ),
            );
            return;
        }
        let Some(ws) = p.deal_worksheet() else {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Pricing,
                format!(
                    "There are {} pricing worksheets and none is chosen as the deal.",
                    p.worksheets.len()
                ),
                format!("On the {pricing} view, choose the scenario that is the deal."),
            );
            return;
        };
        match ws.style {
            SellingStyle::Collaborative => self.delivery_input(ws),
            SellingStyle::Consultative => self.needs_analysis(ws),
        }
        self.approval(ws);
        self.margin(ws);
    }

    /// Check 7, collaborative: every line has an estimate from delivery
    /// ([`LineItem::has_delivery_input`]); an estimate from anyone else, the sales
    /// side above all, does not count.
    fn delivery_input(&mut self, ws: &Worksheet) {
        let e = self.e;
        let w = self.index.w;
        let pricing = View::Pricing.label();
        let missing: Vec<&str> = ws
            .lines
            .iter()
            .filter(|l| !l.has_estimate())
            .map(|l| l.name.as_str())
            .collect();
        if !missing.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "In \u{201c}{}\u{201d}, {} {} no delivery estimate, so {} cost is sales' guess: {}.",
                    ws.name,
                    count(missing.len(), "line"),
                    if missing.len() == 1 { "has" } else { "have" },
                    if missing.len() == 1 { "its" } else { "their" },
                    quoted_list(&missing)
                ),
                format!(
                    "On the {pricing} view, name a delivery or functional manager as estimator of each of these lines and record their hours."
                ),
            );
        }
        let delivery = e.delivery_people(w);
        let outside: Vec<(&str, String)> = ws
            .lines
            .iter()
            .filter(|l| l.has_estimate() && !l.has_delivery_input(&delivery))
            .filter_map(|l| {
                let why = e.not_delivery_reason(w, l.estimator?)?;
                Some((l.name.as_str(), why))
            })
            .collect();
        if outside.is_empty() {
            return;
        }
        let names: Vec<&str> = outside.iter().map(|(n, _)| *n).collect();
        let mut reasons: Vec<&str> = Vec::new();
        for (_, why) in &outside {
            if !reasons.contains(&why.as_str()) {
                reasons.push(why);
            }
        }
        self.push(
            Severity::Warning,
            Check::PricingInput,
            Subject::Worksheet(ws.id),
            format!(
                "In \u{201c}{}\u{201d}, {} {} estimated by someone outside delivery, so {} estimate is not delivery input: {}. {}.",
                ws.name,
                count(outside.len(), "line"),
                if outside.len() == 1 { "is" } else { "are" },
                if outside.len() == 1 { "its" } else { "their" },
                quoted_list(&names),
                capitalized(&join_and(&reasons))
            ),
            format!(
                "On the {pricing} view, have a performer, a functional manager, the PM or whoever leads delivery estimate each of these lines instead."
            ),
        );
    }

    /// Check 7, consultative: every line answers a need, and every need that is
    /// promised or bought has a line.
    fn needs_analysis(&mut self, ws: &Worksheet) {
        let e = self.e;
        let pricing = View::Pricing.label();
        let unasked: Vec<&str> = ws
            .lines
            .iter()
            .filter(|l| l.need.is_none())
            .map(|l| l.name.as_str())
            .collect();
        if !unasked.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "In \u{201c}{}\u{201d}, {} {} no client need, so nobody asked for {}: {}.",
                    ws.name,
                    count(unasked.len(), "line"),
                    if unasked.len() == 1 { "answers" } else { "answer" },
                    if unasked.len() == 1 { "it" } else { "them" },
                    quoted_list(&unasked)
                ),
                format!(
                    "On the {pricing} view, link each of these lines to the need it answers, or remove it from the worksheet."
                ),
            );
        }
        let priced: BTreeSet<NeedId> = ws.lines.iter().filter_map(|l| l.need).collect();
        let unpriced: Vec<&str> = e
            .needs
            .iter()
            .filter(|n| {
                matches!(n.promised, Coverage::Partly | Coverage::Fully)
                    || matches!(n.bought, Coverage::Partly | Coverage::Fully)
            })
            .filter(|n| !priced.contains(&n.id))
            .map(|n| n.title.as_str())
            .collect();
        if !unpriced.is_empty() {
            self.push(
                Severity::Warning,
                Check::PricingInput,
                Subject::Worksheet(ws.id),
                format!(
                    "{} promised or bought but not priced in \u{201c}{}\u{201d}: {}.",
                    if unpriced.len() == 1 {
                        "One client need is".to_string()
                    } else {
                        format!("{} client needs are", unpriced.len())
                    },
                    ws.name,
                    quoted_list(&unpriced)
                ),
                format!(
                    "On the {pricing} view, add a line for each of these needs to \u{201c}{}\u{201d}, or correct what was promised on the {} view.",
                    ws.name,
                    View::Expectations.label()
                ),
            );
        }
    }

    /// Check 7: the deal is approved by one of those who decide the final deal
    /// ([`Engagement::final_deal_deciders`]), and nobody else.
    fn approval(&mut self, ws: &Worksheet) {
        let e = self.e;
        let w = self.index.w;
        let deciders = e.final_deal_deciders_text(w);
        let state = match ws.approval {
            Approval::Approved { by } if e.may_decide_final_deal(w, by) => return,
            Approval::Approved { by } => {
                format!("was approved, but {}", e.why_not_final_deal_decider(w, by))
            }
            Approval::Draft => "is a draft".to_string(),
            Approval::Submitted => "is submitted but not yet decided".to_string(),
            Approval::Rejected { by } => {
                let note = ws
                    .log
                    .iter()
                    .rev()
                    .find(|event| event.by == Some(by))
                    .map(|event| event.note.trim())
                    .filter(|note| !note.is_empty());
                match note {
                    Some(note) => {
                        format!("was rejected by {} (\u{201c}{note}\u{201d})", self.name(by))
                    }
                    None => format!("was rejected by {}", self.name(by)),
                }
            }
        };
        let severity = if self.e.stage == Stage::PreSales {
            Severity::Advice
        } else {
            Severity::Warning
        };
        let pricing = View::Pricing.label();
        let (rule, fix) = match &deciders {
            Some(who) => {
                let step = match ws.approval {
                    Approval::Submitted => "Have {who} approve or reject",
                    Approval::Approved { .. } => "Reopen it, submit it again and have {who} approve",
                    _ => "Submit it and have {who} approve",
                }
                .replace("{who}", who);
                (
                    format!("only {who} may decide the final deal"),
                    format!("{step} \u{201c}{}\u{201d} on the {pricing} view.", ws.name),
                )
            }
            None => (
                "and nobody may decide the final deal yet".to_string(),
                format!(
                    "On the {} view, make someone Accountable for engagement management, or give a sponsor a role in this engagement; then have them approve \u{201c}{}\u{201d} on the {pricing} view.",
                    View::Roles.label(),
                    ws.name
                ),
            ),
        };
        let joiner = if deciders.is_some() { ":" } else { "," };
        self.push(
            severity,
            Check::PricingInput,
            Subject::Worksheet(ws.id),
            format!(
                "The deal \u{201c}{}\u{201d} {state}{joiner} {rule}.",
                ws.name
            ),
            fix,
        );
    }

    /// Check 8: the net price reaches the price the target margin needs on delivery's
    /// cost; the finding says how much is missing. The target is the worksheet's own,
    /// else the workspace's default; with neither, nothing can be compared, and that
    /// is the finding.
    fn margin(&mut self, ws: &Worksheet) {
        let default = self.index.w.default_target_margin;
        let Some(target_margin) = ws.target(default) else {
            let severity = if self.e.stage == Stage::PreSales {
                Severity::Advice
            } else {
                Severity::Warning
            };
            self.push(
                severity,
                Check::Margin,
                Subject::Worksheet(ws.id),
                format!(
                    "\u{201c}{}\u{201d} has no target margin, and no default target margin is set, so nothing shows whether its price leaves enough margin over delivery's cost.",
                    ws.name
                ),
                format!(
                    "On the {} view, enter the target margin the engagement manager or a sponsor agreed for \u{201c}{}\u{201d}, or set a default target margin for every worksheet without one.",
                    View::Pricing.label(),
                    ws.name
                ),
            );
            return;
        };
        let t = compute_with_default(ws, &self.e.pricing.rate_card, default).total;
        let Some(target) = t.target_price else {
            return;
        };
        if t.net_price >= target {
            return;
        }
        let cur = currency(&self.e.currency);
        let money = |m: Money| format_money(m, &cur);
        let missing = Money(target.0.saturating_sub(t.net_price.0));
        let margin = match t.margin {
            Some(m) => format!("a margin of {m}"),
            None => "no price at all".to_string(),
        };
        let below_cost = t.net_price < t.cost;
        let severity = if below_cost {
            Severity::Critical
        } else {
            Severity::Warning
        };
        let whose = if ws.target_margin.is_none() {
            " (the default)"
        } else {
            ""
        };
        let mut message = format!(
            "\u{201c}{}\u{201d} is priced at {}, {} short of the {} that a {} target margin{whose} needs on delivery's cost of {}: it leaves {margin}.",
            ws.name,
            money(t.net_price),
            money(missing),
            money(target),
            target_margin,
            money(t.cost)
        );
        if below_cost {
            message.push_str(" The price does not even cover the cost.");
        }
        self.push(
            severity,
            Check::Margin,
            Subject::Worksheet(ws.id),
            message,
            format!(
                "On the {} view, raise the price of \u{201c}{}\u{201d} by {} (fewer discounts, more billable hours or higher rates), lower its cost with delivery, or have the engagement manager or a sponsor agree a lower target margin.",
                View::Pricing.label(),
                ws.name,
                money(missing)
            ),
        );
    }

    /// Check 11: the sponsors' expected benefits cover the deal's price, and the price
    /// is within their expected budget (docs/DOMAIN.md: sponsors are satisfied when the
    /// benefits are realized at an acceptable and expected cost). The price is the net
    /// price of the deal's worksheet; benefits are not compared with the budget, only
    /// each with the price.
    pub(super) fn sponsor_value(&mut self) {
        let value = &self.e.sponsor_value;
        let overview = View::Overview.label();
        let pricing = View::Pricing.label();
        if value.expected_benefits.is_none() {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                "The sponsors' expected benefits are not stated, so nobody can tell whether the engagement is worth its price.".to_string(),
                format!(
                    "Ask the sponsors what benefits they expect and record them on the {overview} view."
                ),
            );
        }
        if value.expected_budget.is_none() {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                "The sponsors' expected budget is not stated, so nobody can tell whether the price is acceptable.".to_string(),
                format!(
                    "Ask the sponsors what cost they expect and accept, and record it on the {overview} view."
                ),
            );
        }
        if value.expected_benefits.is_none() && value.expected_budget.is_none() {
            return;
        }
        let why = "so nobody can tell whether the expected benefits cover the price and the price is within the expected budget";
        let (ws, price) = match self.e.deal_price() {
            DealPrice::Priced(ws, price) => (ws, price),
            unpriced => {
                let (message, fix) = match unpriced {
                    DealPrice::Unpriced(ws) => (
                        format!(
                            "The deal \u{201c}{}\u{201d} has no price yet, {why}.",
                            ws.name
                        ),
                        format!(
                            "On the {pricing} view, give the billable lines of \u{201c}{}\u{201d} their hours (or expenses), so that the deal has a price.",
                            ws.name
                        ),
                    ),
                    DealPrice::NoDealChosen => (
                        format!(
                            "No deal is priced yet: none of the {} pricing worksheets is chosen as the deal, {why}.",
                            self.e.pricing.worksheets.len()
                        ),
                        format!("On the {pricing} view, choose the scenario that is the deal."),
                    ),
                    _ => (
                        format!("No deal is priced yet, {why}."),
                        format!(
                            "On the {pricing} view, add a worksheet and price the deal's lines; its price is then compared with the sponsors' benefits and budget."
                        ),
                    ),
                };
                let severity = if self.delivering() {
                    Severity::Warning
                } else {
                    Severity::Advice
                };
                self.push(
                    severity,
                    Check::SponsorValue,
                    Subject::SponsorValue,
                    message,
                    fix,
                );
                return;
            }
        };
        if let (Some(benefits), Some(short)) =
            (value.expected_benefits, value.benefits_shortfall(price))
        {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                format!(
                    "The sponsors' expected benefits ({}) do not cover the deal's price ({}, \u{201c}{}\u{201d}): they would pay {} more than they expect to gain.",
                    self.money(benefits),
                    self.money(price),
                    ws.name,
                    self.money(short)
                ),
                format!(
                    "Check the benefits with the sponsors. If they hold, lower the price of \u{201c}{}\u{201d} or reduce its scope on the {pricing} view, or stop the engagement; if they are larger, update them on the {overview} view.",
                    ws.name
                ),
            );
        }
        if let (Some(budget), Some(over)) = (value.expected_budget, value.over_budget(price)) {
            self.push(
                Severity::Warning,
                Check::SponsorValue,
                Subject::SponsorValue,
                format!(
                    "The deal's price ({}, \u{201c}{}\u{201d}) is over the sponsors' expected budget ({}) by {}.",
                    self.money(price),
                    ws.name,
                    self.money(budget),
                    self.money(over)
                ),
                format!(
                    "Bring the price of \u{201c}{}\u{201d} within {} on the {pricing} view (less scope, fewer hours or a discount), or agree a larger budget with the sponsors and record it on the {overview} view.",
                    ws.name,
                    self.money(budget)
                ),
            );
        }
    }
}
