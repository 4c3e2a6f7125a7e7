//! The engagement's client account on the Overview view: the account's name (for every
//! engagement of the account), who owns the relationship, notes, and the account's other
//! engagements (`model::accounts`). The client itself is typed in the Engagement panel.

use super::context::use_plan;
use super::widgets::fields::{PersonSelect, TextField};
use crate::model::assessment::View;
use crate::model::limits::TEXT_MAX;
use crate::model::{AccountEdit, AccountId, Action, EngagementId};
use crate::route::Route;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AccountPanelProps {
    /// The engagement whose account is shown.
    pub engagement: EngagementId,
}

/// The client account of an engagement, or a line saying it has none.
#[component]
pub fn AccountPanel(props: &AccountPanelProps) -> Html {
    let plan = use_plan();
    let w = &plan.workspace;
    let account = w
        .engagement(props.engagement)
        .and_then(|e| e.account)
        .and_then(|id| w.account(id));
    let Some(account) = account else {
        return html! {
            <section class="panel overview-account" aria-labelledby="overview-account-title">
                <h3 id="overview-account-title">{ "Client account" }</h3>
                <p class="overview-explain">{ "No client is recorded. Type the client in the Engagement panel: a name that is already an account links this engagement to it; a new name opens an account." }</p>
            </section>
        };
    };
    let id: AccountId = account.id;
    let edit = {
        let try_apply = plan.try_apply.clone();
        move |edit: AccountEdit| try_apply.emit(Action::EditAccount { account: id, edit })
    };
    let rename = {
        let edit = edit.clone();
        let current = account.name.clone();
        Callback::from(move |v: String| {
            if v.trim() != current {
                edit(AccountEdit::Name(v))
            } else {
                Ok(())
            }
        })
    };
    let notes = {
        let edit = edit.clone();
        let current = account.notes.clone();
        Callback::from(move |v: String| {
            if v != current {
                edit(AccountEdit::Notes(v))
            } else {
                Ok(())
            }
        })
    };
    let owner = {
        let current = account.owner;
        Callback::from(move |p| {
            if p != current {
                edit(AccountEdit::Owner(p))
            } else {
                Ok(())
            }
        })
    };
    let others: Vec<(EngagementId, String)> = w
        .account_engagements(id)
        .filter(|e| e.id != props.engagement)
        .map(|e| (e.id, e.name.clone()))
        .collect();
    let href = |engagement: EngagementId| {
        Route {
            view: View::Overview,
            engagement: Some(engagement),
        }
        .to_hash()
    };
    html! {
        <section class="panel overview-account" aria-labelledby="overview-account-title">
            <h3 id="overview-account-title">{ "Client account" }</h3>
            <div class="overview-grid">
                <TextField label="Account name" required=true value={AttrValue::from(account.name.clone())}
                    on_commit={rename} testid={AttrValue::from("account-name")} />
                <PersonSelect label="Relationship owner" value={account.owner} testid={AttrValue::from("account-owner")}
                    on_change={owner} />
            </div>
            <TextField label="Account notes (internal: never in a copy for the client)" multiline=true
                max_length={TEXT_MAX as u32} value={AttrValue::from(account.notes.clone())} on_commit={notes} />
            if others.is_empty() {
                <p class="overview-explain">{ "This is the account's only engagement. Renaming the account renames the client of every engagement of the account." }</p>
            } else {
                <p class="overview-explain">
                    { format!("Also for {}: ", account.name) }
                    { for others.iter().enumerate().map(|(i, (eid, name))| html! {
                        <>
                            if i > 0 { { ", " } }
                            <a href={href(*eid)}>{ name.clone() }</a>
                        </>
                    }) }
                    { ". Renaming the account renames the client of all of them." }
                </p>
            }
        </section>
    }
}
