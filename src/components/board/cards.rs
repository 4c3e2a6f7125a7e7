//! The People panel's cards: a person's name, group, titles here and live workload, with
//! a grip to pick them up and an "Assign…" menu.

use super::menu::{AssignMenu, MenuFunction};
use crate::components::roles::engagement_titles;
use crate::model::*;
use crate::view::board::{Slot, Target};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// The titles each person holds in the engagement, as a card shows them.
pub(super) fn titles_in(e: &Engagement) -> BTreeMap<PersonId, AttrValue> {
    let mut titles: BTreeMap<PersonId, Vec<&str>> = BTreeMap::new();
    for (p, title) in engagement_titles(e) {
        titles.entry(p).or_default().push(title);
    }
    titles
        .into_iter()
        .map(|(p, t)| (p, AttrValue::from(format!("Here: {}", t.join(" \u{b7} ")))))
        .collect()
}

#[derive(Properties, PartialEq)]
pub(super) struct PersonCardProps {
    pub(super) person: PersonId,
    pub(super) name: AttrValue,
    pub(super) group: &'static str,
    pub(super) assigned: Hours,
    pub(super) capacity: Hours,
    pub(super) titles: Option<AttrValue>,
    pub(super) held: bool,
    pub(super) functions: Rc<Vec<MenuFunction>>,
    pub(super) on_menu: Callback<(PersonId, Option<Slot>, Target)>,
}

/// A person on the People panel: name, group, titles here, and the live workload
/// across every engagement.
#[component]
pub(super) fn PersonCard(props: &PersonCardProps) -> Html {
    let over = props.assigned > props.capacity;
    let load_text = format!("{} of {} h a week", props.assigned, props.capacity);
    html! {
        <li class={classes!("card", props.held.then_some("held"), over.then_some("over"))}
            data-card={props.person.to_string()} data-person={props.person.to_string()}>
            <button type="button" class="grip" draggable="true" data-person={props.person.to_string()}
                aria-label={props.name.clone()} aria-roledescription="person card"
                aria-describedby="board-help" aria-pressed={if props.held { "true" } else { "false" }}>
                <span class="grip-dots" aria-hidden="true">{ "\u{283f}" }</span>
                <span class="card-name">{ &props.name }</span>
            </button>
            <span class="card-group">{ props.group }</span>
            if let Some(t) = &props.titles {
                <span class="card-titles">{ t }</span>
            }
            <span class={classes!("badge", "load-badge", if over { "badge-danger" } else { "badge-quiet" })}
                data-testid="load-badge" title={format!("Assigned across all engagements: {load_text}")}>
                if over {
                    <span aria-hidden="true">{ "\u{26a0} " }</span>
                    <span class="visually-hidden">{ "Over capacity: " }</span>
                }
                { format!("{} / {} h", props.assigned, props.capacity) }
                <span class="visually-hidden">{ " a week" }</span>
            </span>
            <AssignMenu person={props.person} person_name={props.name.clone()} from={None::<Slot>}
                functions={props.functions.clone()} on_menu={props.on_menu.clone()} />
        </li>
    }
}
