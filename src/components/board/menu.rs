//! "Assign…": the menu on every card and chip that lists the board's cells, for
//! assigning and moving without dragging (WCAG 2.2, 2.5.7).

use crate::model::*;
use crate::view::board::{Slot, Target};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// A function of the engagement as the "Assign…" menus list it.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuFunction {
    pub id: FunctionId,
    pub name: AttrValue,
}

/// Where an open menu sits: under its button, or above it when the button is low on
/// the screen; never past the right edge.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MenuPlace {
    left: f64,
    /// Distance from the top of the viewport (opening downwards) or, when `above`, from
    /// the bottom (opening upwards).
    edge: f64,
    above: bool,
    /// The room between the button and that edge of the viewport.
    room: f64,
}

impl MenuPlace {
    fn near(button: &web_sys::DomRect) -> MenuPlace {
        let window = gloo::utils::window();
        let width = window
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(1024.0);
        let height = window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(768.0);
        let above = button.bottom() > height * 0.55;
        let room = if above {
            button.top()
        } else {
            height - button.bottom()
        };
        MenuPlace {
            room: (room - 8.0).max(120.0),
            // The menu is at most about 20rem wide.
            left: button.left().min(width - 340.0).max(4.0),
            edge: if above {
                height - button.top()
            } else {
                button.bottom()
            },
            above,
        }
    }

    /// Places `menu` through the CSSOM: the page's Content Security Policy (`style-src
    /// 'self'`) refuses a `style` attribute written in markup.
    fn place(self, menu: &HtmlElement) {
        let style = menu.style();
        let (edge, other) = if self.above {
            ("bottom", "top")
        } else {
            ("top", "bottom")
        };
        let _ = style.set_property("left", &format!("{:.0}px", self.left));
        let _ = style.set_property(edge, &format!("{:.0}px", self.edge));
        let _ = style.remove_property(other);
        let _ = style.set_property("max-height", &format!("{:.0}px", self.room));
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct AssignMenuProps {
    pub(super) person: PersonId,
    pub(super) person_name: AttrValue,
    /// The chip's cell; none for a card.
    pub(super) from: Option<Slot>,
    pub(super) functions: Rc<Vec<MenuFunction>>,
    pub(super) on_menu: Callback<(PersonId, Option<Slot>, Target)>,
}

/// "Assign…": a menu of every cell of the board (and, on a chip, "Unassign"), for
/// assigning and moving without dragging.
#[component]
pub(super) fn AssignMenu(props: &AssignMenuProps) -> Html {
    let open = use_state(|| None::<MenuPlace>);
    let button_ref = use_node_ref();
    let menu_ref = use_node_ref();
    {
        // Placed, then its first item focused, in the render that opens it (before the
        // browser paints, so it never shows anywhere else).
        let menu_ref = menu_ref.clone();
        use_effect_with(*open, move |place| {
            if let Some(place) = place {
                let Some(menu) = menu_ref.cast::<HtmlElement>() else {
                    return;
                };
                place.place(&menu);
                if let Some(first) = menu
                    .query_selector("[role=menuitem]:not([aria-disabled=true])")
                    .ok()
                    .flatten()
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            }
        });
    }
    let (person, from) = (props.person, props.from);
    let toggle = {
        let open = open.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            if open.is_some() {
                open.set(None);
                return;
            }
            let Some(rect) = button_ref
                .cast::<Element>()
                .map(|b| b.get_bounding_client_rect())
            else {
                return;
            };
            open.set(Some(MenuPlace::near(&rect)));
        })
    };
    let close_to_button = {
        let open = open.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |_: ()| {
            open.set(None);
            if let Some(b) = button_ref.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let onkeydown = {
        let close = close_to_button.clone();
        let menu_ref = menu_ref.clone();
        Callback::from(move |ev: KeyboardEvent| {
            let key = ev.key();
            if key == "Escape" {
                ev.prevent_default();
                ev.stop_propagation();
                close.emit(());
                return;
            }
            if key == "Tab" {
                close.emit(());
                return;
            }
            let Some(menu) = menu_ref.cast::<Element>() else {
                return;
            };
            let items: Vec<HtmlElement> = menu
                .query_selector_all("[role=menuitem]")
                .ok()
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()))
                        .collect()
                })
                .unwrap_or_default();
            if items.is_empty() {
                return;
            }
            let active = gloo::utils::document().active_element();
            let at = items
                .iter()
                .position(|i| active.as_ref().is_some_and(|a| a == i.as_ref() as &Element));
            let next = match key.as_str() {
                "ArrowDown" => at.map_or(0, |i| (i + 1) % items.len()),
                "ArrowUp" => at.map_or(items.len() - 1, |i| (i + items.len() - 1) % items.len()),
                "Home" => 0,
                "End" => items.len() - 1,
                _ => return,
            };
            ev.prevent_default();
            let _ = items[next].focus();
        })
    };
    // Focus leaving the menu and its button closes the menu. Checked a moment later,
    // where focus has settled: a focus change can pass through the page on its way.
    let onfocusout = {
        let open = open.clone();
        let menu_ref = menu_ref.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |_: FocusEvent| {
            let open = open.clone();
            let menu_ref = menu_ref.clone();
            let button_ref = button_ref.clone();
            gloo::timers::callback::Timeout::new(0, move || {
                let active: Option<web_sys::Node> =
                    gloo::utils::document().active_element().map(Into::into);
                let inside = active.as_ref().is_some_and(|n| {
                    menu_ref
                        .cast::<Element>()
                        .is_some_and(|m| m.contains(Some(n)))
                        || button_ref
                            .cast::<Element>()
                            .is_some_and(|b| b.contains(Some(n)))
                });
                if !inside && menu_ref.cast::<Element>().is_some() {
                    open.set(None);
                }
            })
            .forget();
        })
    };
    let choose = |target: Target| {
        let on_menu = props.on_menu.clone();
        let open = open.clone();
        Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            open.set(None);
            on_menu.emit((person, from, target));
        })
    };
    let name = &props.person_name;
    let button_label = match from {
        Some(_) => format!("Assign {name} elsewhere\u{2026}"),
        None => format!("Assign {name}\u{2026}"),
    };
    let menu = open.map(|_| {
        html! {
            <div class="assign-menu" role="menu" aria-label={format!("Assign {name} to")} ref={menu_ref.clone()}
                onkeydown={onkeydown.clone()}
                onfocusout={onfocusout.clone()}>
                { for props.functions.iter().map(|f| html! {
                    <div role="group" aria-label={f.name.clone()} class="assign-menu-group" key={f.id.0}>
                        <div class="assign-menu-function" aria-hidden="true">{ &f.name }</div>
                        { for Raci::ALL.iter().map(|&role| {
                            let slot = Slot { function: f.id, role };
                            let here = from == Some(slot);
                            html! {
                                <button type="button" role="menuitem" tabindex="-1"
                                    aria-label={format!("{}: {}", f.name, role.label())}
                                    aria-disabled={if here { "true" } else { "false" }}
                                    onclick={if here { Callback::from(|ev: MouseEvent| ev.stop_propagation()) } else { choose(Target::Cell(slot)) }}>
                                    { role.label() }
                                    if here { <span class="visually-hidden">{ " (here now)" }</span> }
                                </button>
                            }
                        }) }
                    </div>
                }) }
                if let Some(slot) = from {
                    <button type="button" role="menuitem" tabindex="-1" class="danger"
                        onclick={choose(Target::People)}>
                        { format!("Unassign from {}: {}", props.functions.iter().find(|f| f.id == slot.function).map_or("", |f| f.name.as_str()), slot.role.label()) }
                    </button>
                }
            </div>
        }
    });
    html! {
        <span class="assign-menu-wrap">
            <button type="button" class="assign-menu-button" ref={button_ref} aria-haspopup="menu"
                aria-expanded={if open.is_some() { "true" } else { "false" }} aria-label={button_label}
                onclick={toggle} onfocusout={onfocusout}>
                { "Assign\u{2026}" }
            </button>
            // In the page's body: a card or chip list skips layout when off screen (it is
            // contained), which would clip a menu drawn inside it.
            { menu.map(|m| create_portal(m, gloo::utils::body().into())).unwrap_or_default() }
        </span>
    }
}
