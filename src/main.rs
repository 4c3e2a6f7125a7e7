//! Entry point: mounts the app into the page's `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    engagement_planner::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Engagement Planner runs in the browser: build it with `trunk build --release`.");
}
