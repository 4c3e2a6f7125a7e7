//! Shows the current view; without any engagement, a welcome that starts one.

use super::context::use_plan;
use super::expectations::ExpectationsView;
use super::governance::GovernanceView;
use super::health::HealthView;
use super::overview::OverviewView;
use super::people::PeopleView;
use super::portfolio::PortfolioView;
use super::pricing::PricingView;
use super::roles::RolesView;
use crate::model::assessment::View;
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
        View::Portfolio => html! { <PortfolioView /> },
        View::Overview => html! { <OverviewView /> },
        View::People => html! { <PeopleView /> },
        View::Roles => html! { <RolesView /> },
        View::Governance => html! { <GovernanceView /> },
        View::Expectations => html! { <ExpectationsView /> },
        View::Pricing => html! { <PricingView /> },
        View::Health => html! { <HealthView /> },
    }
}
