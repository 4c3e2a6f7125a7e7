//! The application root (temporary minimal shell; replaced by the full App).
use yew::prelude::*;

#[component]
fn App() -> Html {
    html! { <main><h1>{ "Engagement Planner" }</h1></main> }
}

pub fn start() {
    yew::Renderer::<App>::new().render();
}
