//! A blank Yew app: one component rendering a heading and a line of text, mounted into the
//! page's body as Engagement Planner mounts itself. The floor Engagement Planner's size and
//! first paint are compared against (`scripts/bench`).

use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! {
        <main>
            <h1>{ "Blank Yew app" }</h1>
            <p>{ "The smallest Yew 0.23 app, built the same way as Engagement Planner." }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
