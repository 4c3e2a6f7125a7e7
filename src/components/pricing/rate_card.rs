//! The rate card section of the pricing view: each role's cost and bill rate per hour,
//! edited in a grid, its markup, and a form to add a role.

use super::cells::{
    amount_commit, finish_add, form_value, name_commit, opt_percent_text, parse_amount,
    submitted_form, Cell,
};
use super::Run;
use crate::model::{CurrencyInfo, EngagementId, PricingAction, RateRole, RateRoleEdit};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct RateCardProps {
    pub(super) engagement: EngagementId,
    pub(super) rates: Rc<Vec<RateRole>>,
    pub(super) currency: Rc<CurrencyInfo>,
    pub(super) run: Run,
}

#[component]
pub(super) fn RateCard(props: &RateCardProps) -> Html {
    let cur = props.currency.clone();
    let add_error = use_state(|| None::<String>);
    let rows = props.rates.iter().enumerate().map(|(i, role)| {
        let run = props.run.clone();
        let id = role.id;
        let edit = move |edit: RateRoleEdit| run.emit(PricingAction::EditRateRole { role: id, edit });
        let name = role.name.clone();
        let on_name = name_commit("A role", RateRoleEdit::Name, edit.clone());
        let on_cost = amount_commit(
            format!("{name}: cost rate"),
            cur.clone(),
            RateRoleEdit::CostRate,
            edit.clone(),
        );
        let on_bill = amount_commit(
            format!("{name}: bill rate"),
            cur.clone(),
            RateRoleEdit::BillRate,
            edit,
        );
        let on_remove = {
            let run = props.run.clone();
            let error = add_error.clone();
            Callback::from(move |_: MouseEvent| {
                error.set(run.emit(PricingAction::RemoveRateRole { role: id }).err());
            })
        };
        let row = i as u32;
        html! {
            <tr key={id.0} data-testid="rate-row">
                <th scope="row"><Cell label={format!("Role name: {name}")} value={AttrValue::from(name.clone())} on_commit={on_name} {row} col="name" /></th>
                <td><Cell label={format!("{name}: cost rate per hour ({})", cur.code)} value={AttrValue::from(role.cost_rate.format(cur.decimals))}
                    on_commit={on_cost} {row} col="cost" numeric=true class={classes!("money-cell")} /></td>
                <td><Cell label={format!("{name}: bill rate per hour ({})", cur.code)} value={AttrValue::from(role.bill_rate.format(cur.decimals))}
                    on_commit={on_bill} {row} col="bill" numeric=true class={classes!("money-cell")} /></td>
                <td class="number">{ opt_percent_text(role.markup()) }</td>
                <td><button type="button" class="danger small" onclick={on_remove} aria-label={format!("Remove role {name}")}>{ "✕" }</button></td>
            </tr>
        }
    });
    let on_add = {
        let run = props.run.clone();
        let add_error = add_error.clone();
        let cur = cur.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = submitted_form(&e) else {
                return;
            };
            let value = |field: &str| form_value(&form, field);
            let name = value("role-name").trim().to_string();
            if name.is_empty() {
                add_error.set(Some("Name the role first (for example Consultant).".into()));
                return;
            }
            let result =
                parse_amount("Cost rate", &value("role-cost"), &cur).and_then(|cost_rate| {
                    let bill_rate = parse_amount("Bill rate", &value("role-bill"), &cur)?;
                    run.emit(PricingAction::AddRateRole {
                        name: name.clone(),
                        cost_rate,
                        bill_rate,
                    })
                });
            finish_add(&form, &add_error, result);
        })
    };
    html! {
        <section class="panel rate-card" aria-labelledby="rate-card-title">
            <h3 id="rate-card-title">{ format!("Rate card ({} {})", cur.code, cur.symbol) }</h3>
            if props.rates.is_empty() {
                <p class="empty">{ "No roles yet. Add the roles you sell, with what an hour costs you and what you bill for it." }</p>
            } else {
                <table class="table rate-table" data-grid="rates">
                    <caption class="visually-hidden">{ "Rate card: cost and bill rate per hour of each role" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Role" }</th>
                        <th scope="col" class="number">{ format!("Cost rate / h ({})", cur.symbol) }</th>
                        <th scope="col" class="number">{ format!("Bill rate / h ({})", cur.symbol) }</th>
                        <th scope="col" class="number">{ "Markup %" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <form class="inline-form" onsubmit={on_add} aria-label="Add a role to the rate card">
                <div class="field"><label class="field-label" for="new-role-name">{ "New role" }</label>
                    <input id="new-role-name" type="text" name="role-name" maxlength="200" placeholder="Consultant" /></div>
                <div class="field field-number"><label class="field-label" for="new-role-cost">{ format!("Cost rate / h ({})", cur.code) }</label>
                    <input id="new-role-cost" type="text" name="role-cost" inputmode="decimal" /></div>
                <div class="field field-number"><label class="field-label" for="new-role-bill">{ format!("Bill rate / h ({})", cur.code) }</label>
                    <input id="new-role-bill" type="text" name="role-bill" inputmode="decimal" /></div>
                <button type="submit">{ "Add role" }</button>
            </form>
            if let Some(message) = (*add_error).clone() {
                <p class="field-error" role="alert">{ message }</p>
            }
        </section>
    }
}
