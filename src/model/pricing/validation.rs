//! The pricing part of `Workspace::validate`: ids, names, ranges and references of an
//! engagement's rate card and worksheets.

use super::actions::WorksheetField;
use super::limits::{check_limits, DISCOUNT_MAX, LINE_HOURS_MAX, MARKUP_MAX, WORKSHEETS_MAX};
use crate::model::describe;
use crate::model::engagement::Engagement;
use crate::model::ids::*;
use crate::model::units::{Bps, MONEY_LIMIT};
use crate::model::workspace::{Validator, ITEMS_MAX, TEXT_MAX};
use std::collections::{BTreeMap, BTreeSet};

/// Checks an engagement's pricing: ids, names, ranges and every reference but the
/// people it names (checked with the engagement's, see [`Engagement::person_refs`]).
pub(crate) fn validate(
    v: &mut Validator,
    path: &str,
    e: &Engagement,
    next_id: u32,
    seen: &mut BTreeSet<u32>,
) {
    let p = &e.pricing;
    let path = format!("{path}.pricing");
    v.count(&format!("{path}.rate_card"), p.rate_card.len(), ITEMS_MAX);
    v.count(
        &format!("{path}.worksheets"),
        p.worksheets.len(),
        WORKSHEETS_MAX,
    );
    for (i, r) in p.rate_card.iter().enumerate() {
        let at = format!("{path}.rate_card[{i}]");
        v.id(&format!("{at}.id"), r.id.0, next_id, seen);
        v.name(&format!("{at}.name"), &r.name);
        v.money(&format!("{at}.cost_rate"), r.cost_rate, &e.currency);
        v.money(&format!("{at}.bill_rate"), r.bill_rate, &e.currency);
    }
    let roles: BTreeMap<RateRoleId, &str> = p
        .rate_card
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let needs: BTreeSet<NeedId> = e.needs.iter().map(|n| n.id).collect();
    for (i, ws) in p.worksheets.iter().enumerate() {
        let at = format!("{path}.worksheets[{i}]");
        v.id(&format!("{at}.id"), ws.id.0, next_id, seen);
        v.name(&format!("{at}.name"), &ws.name);
        for field in WorksheetField::ALL {
            let Some(value) = ws.field(field) else {
                continue;
            };
            if value < Bps::ZERO || value > field.max() {
                v.problem(
                    format!("{at}.{}", field_key(field)),
                    format!(
                        "the {} must be from 0 % to {}, not {}",
                        field.what(),
                        describe::percent(field.max()),
                        describe::percent(value)
                    ),
                );
            }
        }
        v.count(&format!("{at}.lines"), ws.lines.len(), ITEMS_MAX);
        v.count(&format!("{at}.log"), ws.log.len(), ITEMS_MAX);
        for (j, l) in ws.lines.iter().enumerate() {
            let lp = format!("{at}.lines[{j}]");
            v.id(&format!("{lp}.id"), l.id.0, next_id, seen);
            v.name(&format!("{lp}.name"), &l.name);
            for (key, map) in [("hours", &l.hours), ("delivery_hours", &l.delivery_hours)] {
                let what = describe::field(key);
                for (role, h) in map {
                    let hp = format!("{lp}.{key}.{role}");
                    let role_name = roles.get(role).map(|name| describe::quoted(name));
                    if role_name.is_none() {
                        v.problem(
                            hp.clone(),
                            format!("{what} are given for rate card role {role}, which this engagement's rate card does not have"),
                        );
                    }
                    if *h > LINE_HOURS_MAX {
                        v.problem(
                            hp,
                            format!(
                                "the {what} of {} must be at most {}, not {}",
                                role_name.unwrap_or_else(|| format!("rate card role {role}")),
                                describe::hours(LINE_HOURS_MAX),
                                describe::hours(*h)
                            ),
                        );
                    }
                }
            }
            if let Some(n) = l.need {
                if !needs.contains(&n) {
                    v.problem(
                        format!("{lp}.need"),
                        format!("the client need is need {n}, which this engagement does not have"),
                    );
                }
            }
            if let Some(fee) = l.fee {
                v.money(&format!("{lp}.fee"), fee, &e.currency);
            }
            if let Some(cap) = l.cap {
                v.money(&format!("{lp}.cap"), cap, &e.currency);
            }
            if l.discount < Bps::ZERO || l.discount > DISCOUNT_MAX {
                v.problem(
                    format!("{lp}.discount"),
                    format!(
                        "the discount must be from 0 % to {}, not {}",
                        describe::percent(DISCOUNT_MAX),
                        describe::percent(l.discount)
                    ),
                );
            }
            v.count(&format!("{lp}.expenses"), l.expenses.len(), ITEMS_MAX);
            for (k, x) in l.expenses.iter().enumerate() {
                let xp = format!("{lp}.expenses[{k}]");
                v.id(&format!("{xp}.id"), x.id.0, next_id, seen);
                v.name(&format!("{xp}.name"), &x.name);
                v.money(&format!("{xp}.cost"), x.cost, &e.currency);
                if x.markup < Bps::ZERO || x.markup > MARKUP_MAX {
                    v.problem(
                        format!("{xp}.markup"),
                        format!(
                            "the markup must be from 0 % to {}, not {}",
                            describe::percent(MARKUP_MAX),
                            describe::percent(x.markup)
                        ),
                    );
                }
            }
        }
        for (j, event) in ws.log.iter().enumerate() {
            v.text_len(&format!("{at}.log[{j}].note"), &event.note, TEXT_MAX);
        }
        if check_limits(ws, &p.rate_card, None).is_err() {
            v.problem(
                at,
                format!(
                    "its figures (cost, list price) would exceed {}, the largest amount the planner holds exactly",
                    describe::money(MONEY_LIMIT, &e.currency)
                ),
            );
        }
    }
    if let Some(d) = p.deal {
        if p.worksheet(d).is_none() {
            v.problem(
                format!("{path}.deal"),
                format!("the deal is worksheet {d}, which this engagement does not have"),
            );
        }
    }
}

fn field_key(field: WorksheetField) -> &'static str {
    match field {
        WorksheetField::CostContingency => "cost_contingency",
        WorksheetField::BillableContingency => "billable_contingency",
        WorksheetField::GlobalDiscount => "global_discount",
        WorksheetField::TargetMargin => "target_margin",
        WorksheetField::CommissionRate => "commission_rate",
    }
}
