//! Shows the current view; without any engagement, a welcome that starts one.

use super::context::use_plan;
use super::expectations::ExpectationsView;
use super::governance::GovernanceView;
use super::health::HealthView;
use super::overview::OverviewView;
use super::people::PeopleView;
use super::roles::FindingList;
use super::roles::RolesView;
use crate::model::assessment::{assess, Finding, View};
use crate::model::{Action, Template};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ViewSwitchProps {
    pub view: View,
}

#[component]
pub fn ViewSwitch(props: &ViewSwitchProps) -> Html {
    let plan = use_plan();
    // The roster belongs to the workspace, so People works without an engagement.
    if plan.current().is_none() && props.view != View::People {
        let start = |template: Template| {
            let dispatch = plan.dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::CreateEngagement {
                    name: format!("New {}", template.label().to_lowercase()),
                    template,
                })
            })
        };
        return html! {
            <section class="welcome" aria-labelledby="welcome-title">
                <h2 id="welcome-title">{ "Start an engagement" }</h2>
                <p>{ "An engagement is everyone around a project: client, sponsors, performers, sales, customer service, legal, finance. The planner helps you agree who does what, who has final authority, what reporting is required and how decisions are made." }</p>
                <div class="welcome-choices">
                    <button type="button" class="primary" onclick={start(Template::InHouseProject)}>{ "Start an in-house project" }</button>
                    <button type="button" class="primary" onclick={start(Template::ContractedVendor)}>{ "Start a contracted vendor engagement" }</button>
                </div>
                <p>{ "Or import a plan file someone sent you with Import, or by dropping it on this window." }</p>
            </section>
        };
    }
    match props.view {
        View::Overview => html! { <OverviewView /> },
        View::People => html! { <PeopleView /> },
        View::Roles => html! { <RolesView /> },
        View::Governance => html! { <GovernanceView /> },
        View::Expectations => html! { <ExpectationsView /> },
        View::Pricing => html! { <PricingFindings /> },
        View::Health => html! { <HealthView /> },
    }
}

/// The Pricing view's findings (checks 7 and 8) for the selected engagement. The
/// worksheet editor itself is built in the pricing UI and takes this arm's place.
#[component]
fn PricingFindings() -> Html {
    let plan = use_plan();
    let Some(e) = plan.current() else {
        return html! {};
    };
    let findings: Vec<Finding> = assess(&plan.workspace, e.id)
        .for_view(View::Pricing)
        .into_iter()
        .cloned()
        .collect();
    html! {
        <section class="view pricing-view" aria-labelledby="pricing-title">
            <h2 id="pricing-title">{ "Pricing" }</h2>
            <FindingList findings={findings} />
        </section>
    }
}
