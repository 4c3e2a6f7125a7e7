//! Support for the end-to-end journeys in `tests/e2e*.rs`.
//!
//! A [`Session`] is one isolated browser run against a release build of the app, in one of
//! three engines ([`Engine`], chosen by `EP_BROWSER`):
//!
//! * a tiny static HTTP server (std `TcpListener`, 127.0.0.1, ephemeral port) serves the
//!   folder named by `EP_DIST` under a sub-path (default [`DEFAULT_SUB_PATH`]), the way a
//!   static host or project page would. Into every HTML page it serves it puts, as the first
//!   script of `<head>`, a listener that records uncaught errors, unhandled rejections,
//!   `console.error` calls and Content Security Policy violations (it comes before the page's
//!   `<meta>` policy, which governs only what follows it), so errors from the app's start-up
//!   are caught in every engine. [`Session::assert_no_js_errors`] fails on any of them, and a
//!   session whose tab saw a violation fails when it ends;
//! * its own WebDriver server on a free port: `chromedriver` (Chromium), `geckodriver`
//!   (Firefox ESR) or `WebKitWebDriver` (WebKitGTK's MiniBrowser, Safari's engine);
//! * its own browser with a fresh profile (so localStorage starts empty), a downloads folder
//!   and an uploads folder. Chromium and Firefox run headless; WebKit runs on its own
//!   virtual display (an `Xvfb` the session starts on a free display number), so sessions of
//!   every engine can run side by side.
//!
//! Everything is torn down when the `Session` is dropped (also when the test panics): the
//! WebDriver session is deleted, the driver and every process it started are killed, the
//! virtual display is stopped and the session's scratch folder is removed. When a test
//! panics, a screenshot, the page's HTML and the JavaScript errors seen are saved first and
//! the scratch folder is kept; its path is printed.
//!
//! Engines differ in what WebDriver can synthesise: only Chromium completes a native HTML5
//! drag from WebDriver actions, touch input comes from CDP in Chromium, from WebDriver touch
//! actions in Firefox and not at all from WebKitGTK's driver (pen actions do work there).
//! A test that needs such a gesture asks [`Session::engine`] (or [`engine`]) and takes the
//! engine's other path, saying which and why with [`Session::note_path`].
//!
//! Environment:
//! * `EP_E2E=1` enables the tests; without it [`Session::start`] returns `None` and the test
//!   returns early (skipped by design: `scripts/test` runs them against a fresh release build).
//! * `EP_DIST` (required with `EP_E2E=1`): the release build to serve, e.g. `$PWD/dist`.
//! * `EP_BROWSER`: `chromium` (the default), `firefox` or `webkit`. Any other value is an error.
//! * `EP_CHROMIUM`, `EP_CHROMEDRIVER`: override `/usr/bin/chromium`, `/usr/bin/chromedriver`.
//! * `EP_FIREFOX`, `EP_GECKODRIVER`: override `/usr/bin/firefox-esr` and `geckodriver` (from
//!   `PATH`, else `~/.cargo/bin/geckodriver`).
//! * `EP_WEBKITDRIVER`, `EP_MINIBROWSER`, `EP_XVFB`: override `/usr/bin/WebKitWebDriver`,
//!   `/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser` and `/usr/bin/Xvfb`.
//! * `EP_E2E_TIMEOUT_MS`: timeout of every wait (default 10000).
//! * `EP_E2E_KEEP=1`: keep the scratch folder (profile, downloads, driver log).
//! * `EP_E2E_NOTES`: a file that [`Session::note_path`] appends its notes to (scripts/test
//!   prints them per engine).
//!
//! Locating elements. Prefer, in this order:
//! * [`Session::by_role`] / [`Session::all_by_role`]: ARIA role plus accessible name, the way
//!   a user (or a screen reader) finds things. Roles are computed from the explicit `role`
//!   attribute or the element's implicit role (`button`, `link`, `heading`, `textbox`,
//!   `checkbox`, `radio`, `combobox` (a `<select>`), `listbox`, `option`, `spinbutton`
//!   (number input), `slider`, `dialog`, `list`, `listitem`, `table`, `row`, `cell`,
//!   `columnheader`, `rowheader`, `navigation`, `main`, `banner`, `contentinfo`, `region`
//!   (a `<section>` with a name), `form`, `group` (fieldset), `img`, `progressbar`, `status`
//!   (`<output>`), ...). The accessible name comes from `aria-labelledby`, `aria-label`,
//!   `<label for>` or a wrapping `<label>`, `alt`, `<legend>`, `<caption>`, the text content
//!   (for buttons, links, headings, options, cells, tabs, menu items, ...), then `title` or
//!   `placeholder`. Names are compared after collapsing whitespace. Only visible elements
//!   (not `display:none`, not `visibility:hidden`, not inside `aria-hidden="true"`) match.
//! * [`Session::by_label`]: a form control by its label, whatever its role (date inputs,
//!   file inputs and password inputs have no role).
//! * [`Session::by_testid`]: `[data-testid="..."]`, for things with no good accessible name.
//!
//! Every `by_*` call waits (polling, no fixed sleeps) until exactly one element matches and
//! panics with a clear message on timeout, so journeys read as straight-line code.
#![allow(dead_code)]

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fantoccini::actions::{
    InputSource, MouseActions, PenActions, PointerAction, TouchActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::error::CmdError;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value as Json};

/// Where the app is served unless [`Options::sub_path`] says otherwise. Serving from a
/// sub-path keeps every journey checking that the build uses relative URLs.
pub const DEFAULT_SUB_PATH: &str = "/hosted/engagement-planner/";

/// The localStorage key of the saved plan (src/storage/browser.rs, compiled for wasm32
/// only, so repeated here).
pub const WORKSPACE_KEY: &str = "engagement-planner/workspace";

/// What the save line says when everything is in storage (src/components/banners.rs).
pub const SAVED: &str = "All changes saved in this browser";

/// The stored document's `workspace`, or Null when nothing readable is stored.
pub async fn stored_workspace(s: &Session) -> Json {
    s.local_storage_get(WORKSPACE_KEY)
        .await
        .and_then(|text| serde_json::from_str::<Json>(&text).ok())
        .map(|d| d["workspace"].clone())
        .unwrap_or(Json::Null)
}

/// Waits until the save line says everything is saved.
pub async fn wait_saved(s: &Session) {
    s.wait_until("the save line to say everything is saved", async || {
        let el = s.by_testid("save-state").await;
        s.text_of(&el).await == SAVED
    })
    .await;
}

/// Opens the app on `workspace` (saved as the plan in this browser) and waits for its
/// views' navigation.
pub async fn open_on(s: &Session, workspace: &engagement_planner::model::Workspace) {
    let json = engagement_planner::storage::to_json(workspace, Some("2025-03-01T12:00:00.000Z"));
    open_saved_plan(s, &json).await;
    s.by_role("navigation", "Views").await;
}

/// The folder for screenshots to look at: `<repo>/target/screenshots/<engine>` (e.g.
/// `target/screenshots/firefox`), so the engines' runs never overwrite each other's.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots")
        .join(engine().name());
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// A browser engine the journeys run in, chosen by `EP_BROWSER`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's `chromium` through `chromedriver` (the default). Stands for Chrome and Edge.
    Chromium,
    /// Debian's `firefox-esr` through `geckodriver`.
    Firefox,
    /// WebKitGTK's MiniBrowser through `WebKitWebDriver`: Safari's engine.
    Webkit,
}

impl Engine {
    /// Every engine, in the order scripts/test runs them.
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The name `EP_BROWSER` takes: `chromium`, `firefox` or `webkit`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// What a person would call it.
    pub fn label(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::Webkit => "WebKit",
        }
    }

    /// Whether WebDriver (or, in Chromium, CDP) can synthesise a native HTML5 drag and drop
    /// with the mouse in this engine. Firefox starts the drag but never delivers the drop;
    /// WebKitGTK ends the drag at once (`dragstart` then `dragend`) on a virtual display.
    pub fn native_drag(self) -> bool {
        self == Engine::Chromium
    }

    /// Whether a finger can be synthesised: CDP touch input in Chromium, WebDriver touch
    /// actions in Firefox. WebKitGTK's driver sends touch actions as mouse events.
    pub fn touch(self) -> bool {
        matches!(self, Engine::Chromium | Engine::Firefox)
    }
}

/// The engine of this test run: `EP_BROWSER` (`chromium` when unset). Panics on any other
/// value, so a typo never quietly runs the journeys in the default engine.
pub fn engine() -> Engine {
    match std::env::var("EP_BROWSER").ok().as_deref().map(str::trim) {
        None | Some("") | Some("chromium") => Engine::Chromium,
        Some("firefox") => Engine::Firefox,
        Some("webkit") => Engine::Webkit,
        Some(other) => panic!(
            "EP_BROWSER={other:?} is not an engine the journeys know: use chromium, firefox or webkit"
        ),
    }
}

const W3C_ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const POLL: Duration = Duration::from_millis(50);

/// Returns true when the end-to-end tests are enabled (`EP_E2E=1`); otherwise prints why the
/// test is skipped and returns false.
pub fn e2e_enabled() -> bool {
    match std::env::var("EP_E2E") {
        Ok(v) if v == "1" => true,
        _ => {
            eprintln!(
                "skipped by design: end-to-end tests need a release build and a browser; \
                 scripts/test runs them (EP_E2E=1 EP_DIST=<dist folder> cargo test --test e2e)"
            );
            false
        }
    }
}

/// The default timeout of every wait (`EP_E2E_TIMEOUT_MS`, default 10 s).
pub fn default_timeout() -> Duration {
    let ms = std::env::var("EP_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

/// How a [`Session`] is set up; `Options::default()` is what [`Session::start`] uses.
#[derive(Clone, Debug)]
pub struct Options {
    /// Path the app is served under; must start and end with `/` (use `"/"` for the root).
    pub sub_path: String,
    /// Browser window size.
    pub window: (u32, u32),
    /// Extra browser command-line arguments, in the engine's own syntax.
    pub extra_args: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sub_path: DEFAULT_SUB_PATH.to_string(),
            window: (1280, 900),
            extra_args: Vec::new(),
        }
    }
}

/// A file the browser downloaded.
#[derive(Clone, Debug)]
pub struct Download {
    pub name: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Download {
    /// The contents as UTF-8 text (panics if they are not).
    pub fn text(&self) -> String {
        String::from_utf8(self.bytes.clone())
            .unwrap_or_else(|_| panic!("download {} is not UTF-8", self.name))
    }

    /// The contents parsed as JSON (panics if they are not).
    pub fn json(&self) -> Json {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("download {} is not JSON: {e}", self.name))
    }
}

/// One isolated run: static server + chromedriver + headless Chromium. See the module docs.
pub struct Session {
    /// The underlying fantoccini client, for anything the helpers below do not cover.
    pub client: Client,
    engine: Engine,
    server: StaticServer,
    driver: Option<Child>,
    display: Option<Child>,
    driver_port: u16,
    driver_log: PathBuf,
    session_id: Option<String>,
    scratch: PathBuf,
    profile_dir: PathBuf,
    download_dir: PathBuf,
    upload_dir: PathBuf,
    seen_downloads: Mutex<HashSet<String>>,
    notes: Mutex<HashSet<String>>,
    timeout: Duration,
}

impl Session {
    /// Starts a session with [`Options::default`], or returns `None` (after printing why)
    /// when `EP_E2E` is not `1`. Use as `let Some(s) = Session::start().await else { return };`.
    /// Panics with a clear message when `EP_DIST`, the engine's browser or its driver is
    /// missing: a browser test is never skipped silently.
    pub async fn start() -> Option<Session> {
        Self::start_with(Options::default()).await
    }

    /// Like [`Session::start`] with explicit options.
    pub async fn start_with(opts: Options) -> Option<Session> {
        if !e2e_enabled() {
            return None;
        }
        Some(Self::launch(opts).await)
    }

    async fn launch(opts: Options) -> Session {
        let engine = engine();
        let dist = std::env::var("EP_DIST").unwrap_or_default();
        assert!(
            !dist.is_empty(),
            "EP_E2E=1 but EP_DIST is not set: build the app with `trunk build --release` and set \
             EP_DIST to the dist folder (scripts/test does both)"
        );
        let dist = PathBuf::from(dist);
        assert!(
            dist.join("index.html").is_file(),
            "EP_DIST={} has no index.html: run `trunk build --release` first",
            dist.display()
        );

        let scratch = scratch_dir();
        let profile_dir = scratch.join("profile");
        let download_dir = scratch.join("downloads");
        let upload_dir = scratch.join("uploads");
        for d in [&profile_dir, &download_dir, &upload_dir] {
            std::fs::create_dir_all(d)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", d.display()));
        }

        let server = StaticServer::start(&dist, &opts.sub_path)
            .unwrap_or_else(|e| panic!("cannot start the static server: {e}"));

        let driver_port = free_port();
        let launch = match engine {
            Engine::Chromium => {
                launch_chromium(&opts, driver_port, &scratch, &profile_dir, &download_dir)
            }
            Engine::Firefox => {
                launch_firefox(&opts, driver_port, &scratch, &profile_dir, &download_dir)
            }
            Engine::Webkit => {
                launch_webkit(&opts, driver_port, &scratch, &profile_dir, &download_dir)
            }
        };
        // Kills the driver, everything it started and the display if anything below panics.
        let mut guard = LaunchGuard {
            child: Some(launch.driver),
            display: launch.display,
            profile_dir: profile_dir.clone(),
        };
        wait_driver_ready(engine, driver_port, &launch.log);

        let Json::Object(caps) = launch.capabilities else {
            unreachable!("capabilities are a JSON object")
        };
        let caps: Capabilities = caps;
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "{} could not start {}: {e}\n{}",
                    driver_name(engine),
                    engine.label(),
                    tail(&launch.log, 4000)
                )
            });
        let session_id = client.session_id().await.ok().flatten();
        let session = Session {
            client,
            engine,
            server,
            driver: guard.child.take(),
            display: guard.display.take(),
            driver_port,
            driver_log: launch.log,
            session_id,
            scratch,
            profile_dir,
            download_dir,
            upload_dir,
            seen_downloads: Mutex::new(HashSet::new()),
            notes: Mutex::new(HashSet::new()),
            timeout: default_timeout(),
        };

        match engine {
            Engine::Chromium => {
                // Headless Chromium honours the download prefs; this makes it explicit.
                let downloads = session.download_dir.display().to_string();
                let _ = session
                    .try_cdp(
                        "Browser.setDownloadBehavior",
                        json!({ "behavior": "allow", "downloadPath": downloads }),
                    )
                    .await;
            }
            Engine::Firefox => {}
            Engine::Webkit => {
                // MiniBrowser opens at its own size: make it the size asked for.
                let (w, h) = opts.window;
                session
                    .client
                    .set_window_size(w, h)
                    .await
                    .unwrap_or_else(|e| panic!("cannot size the WebKit window: {e}"));
            }
        }
        session
    }

    /// The engine this session drives.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Says, once per session, that this test takes another path in this engine than in
    /// Chromium, and why: printed as `<engine>: <what>` (stderr, shown with `--nocapture`
    /// or on failure) and appended to the file named by `EP_E2E_NOTES`, which scripts/test
    /// prints in its summary.
    pub fn note_path(&self, what: &str) {
        if !self.notes.lock().unwrap().insert(what.to_string()) {
            return;
        }
        let test = std::thread::current().name().unwrap_or("e2e").to_string();
        let line = format!("{}: {test}: {what}", self.engine.name());
        eprintln!("{line}");
        if let Some(path) = std::env::var_os("EP_E2E_NOTES").filter(|p| !p.is_empty()) {
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
            {
                let _ = writeln!(f, "{line}");
            }
        }
    }

    // ----- addresses -------------------------------------------------------------------

    /// The app's address, e.g. `http://127.0.0.1:41234/hosted/engagement-planner/`.
    pub fn app_url(&self) -> String {
        self.server.url()
    }

    /// The sub-path the app is served under (starts and ends with `/`).
    pub fn sub_path(&self) -> &str {
        &self.server.prefix
    }

    /// Serves a copy of the build (`EP_DIST`) from this session's scratch folder from the
    /// next request on, and returns the copy's path, so a test can change what is served
    /// (a new version of a file) without touching the build other tests use.
    pub fn serve_copy_of_build(&self) -> PathBuf {
        let from = PathBuf::from(std::env::var("EP_DIST").unwrap_or_default());
        let to = self.scratch.join("served");
        copy_dir(&from, &to);
        self.server.serve_from(&to);
        to
    }

    /// Serves `dir` (another build, e.g. the blank Yew app of the benchmarks) at the same
    /// address and sub-path from the next request on.
    pub fn serve_dir(&self, dir: &Path) {
        self.server.serve_from(dir);
    }

    /// While `on`, the static server closes every connection unanswered (the site is
    /// unreachable, as when offline); off, it serves again at the same address.
    pub fn set_server_offline(&self, on: bool) {
        self.server.set_refusing(on);
    }

    /// Every request path the static server saw so far, in order (e.g. to check that the
    /// app asked only for files under its sub-path).
    pub fn served_requests(&self) -> Vec<String> {
        self.server.requests.lock().unwrap().clone()
    }

    /// The session's scratch folder (profile, downloads, uploads, the driver's log).
    pub fn scratch_dir(&self) -> &Path {
        &self.scratch
    }

    /// The timeout used by every wait of this session.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Changes the timeout used by every later wait of this session.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    // ----- navigation ------------------------------------------------------------------

    /// Opens the app and waits until Yew has mounted something into `<body>`.
    pub async fn goto_app(&self) {
        let url = self.app_url();
        self.goto(&url).await;
    }

    /// Opens `url` (absolute, or relative to the app's address) and waits until the app has
    /// mounted.
    pub async fn goto(&self, url: &str) {
        let full = if url.starts_with("http://") || url.starts_with("https://") {
            url.to_string()
        } else {
            format!("{}{}", self.app_url(), url.trim_start_matches('/'))
        };
        self.client
            .goto(&full)
            .await
            .unwrap_or_else(|e| panic!("cannot open {full}: {e}"));
        self.wait_app_mounted().await;
    }

    /// Reloads the page (localStorage survives) and waits until the app has mounted again.
    /// The page's address is the one reloaded, also just after a script changed its hash
    /// (WebKit's driver learns of such a change a moment later: the reload waits for it).
    pub async fn reload(&self) {
        // The page's address is read afresh each time: the app may itself rewrite the
        // hash just set (to the view it can show), and the driver learns of that too.
        let deadline = tokio::time::Instant::now() + self.timeout;
        while let Ok(Json::String(href)) = self.try_exec_js("return location.href;", vec![]).await {
            let seen = self.current_url().await;
            if seen == href {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the driver never learnt the page's address: it says {seen}, the page {href}"
            );
            tokio::time::sleep(POLL).await;
        }
        self.client
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("reload failed: {e}"));
        self.wait_app_mounted().await;
    }

    /// Waits until the document is loaded and `<body>` holds an element other than
    /// script/link/style (Yew renders into `<body>`).
    pub async fn wait_app_mounted(&self) {
        self.wait_for_js(
            "app mounted into <body>",
            "return document.readyState === 'complete' && !!document.body && \
             Array.from(document.body.children).some(e => \
               !['SCRIPT', 'LINK', 'STYLE', 'TEMPLATE'].includes(e.tagName));",
        )
        .await;
    }

    /// The current URL.
    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| panic!("cannot read the current URL: {e}"))
    }

    /// The document title.
    pub async fn title(&self) -> String {
        self.client
            .title()
            .await
            .unwrap_or_else(|e| panic!("cannot read the title: {e}"))
    }

    // ----- JavaScript ------------------------------------------------------------------

    /// Runs a script body in the page (use `return ...;` to return a value; the arguments are
    /// `arguments[0]`, ...; pass elements with [`el_arg`]). Panics on a script error.
    pub async fn exec_js(&self, script: &str, args: Vec<Json>) -> Json {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\nscript: {script}"))
    }

    /// Like [`Session::exec_js`], but returns the error instead of panicking.
    pub async fn try_exec_js(&self, script: &str, args: Vec<Json>) -> Result<Json, CmdError> {
        self.client.execute(script, args).await
    }

    /// Runs an asynchronous script: it gets a callback as its last argument
    /// (`const done = arguments[arguments.length - 1]; ... done(value);`).
    pub async fn exec_js_async(&self, script: &str, args: Vec<Json>) -> Json {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\nscript: {script}"))
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver; panics on error, and
    /// in Firefox and WebKit, which have no CDP: a test that needs it checks
    /// [`Session::engine`] and takes that engine's own path.
    pub async fn cdp(&self, cmd: &str, params: Json) -> Json {
        self.try_cdp(cmd, params)
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver; an error in the other
    /// engines.
    pub async fn try_cdp(&self, cmd: &str, params: Json) -> Result<Json, CmdError> {
        if self.engine != Engine::Chromium {
            return Err(CmdError::InvalidArgument(
                cmd.to_string(),
                format!(
                    "CDP is Chromium-only and this session runs {}: choose another path for \
                     this engine (Session::engine)",
                    self.engine.label()
                ),
            ));
        }
        self.client
            .issue_cmd(CdpCommand {
                cmd: cmd.to_string(),
                params,
            })
            .await
    }

    /// Uncaught errors, unhandled promise rejections and `console.error` messages seen by
    /// the current page since it loaded (recorded by the listener the static server puts
    /// first into every page's `<head>`, so in every engine and from the app's start-up on).
    pub async fn js_errors(&self) -> Vec<String> {
        let v = self
            .exec_js("return window.__epErrors || [];", vec![])
            .await;
        strings(&v)
    }

    /// Panics listing the errors if the current page logged any (see [`Session::js_errors`]),
    /// or if the page's Content Security Policy blocked anything in this tab (see
    /// [`Session::csp_violations`]).
    pub async fn assert_no_js_errors(&self) {
        let errors = self.js_errors().await;
        assert!(
            errors.is_empty(),
            "the page reported JavaScript errors:\n  {}",
            errors.join("\n  ")
        );
        if let Err(report) = self.check_csp().await {
            panic!("{report}");
        }
    }

    /// What the page's Content Security Policy blocked in this tab since it first opened the
    /// app, reloads and other pages of the app included: one line each naming the directive,
    /// the blocked URI (`inline` for an inline script or style, `eval`, `wasm-eval`, or an
    /// address), the code that tried and the page. Recorded by the listener the static server
    /// puts first into every page, ahead of the policy, in every engine.
    pub async fn csp_violations(&self) -> Vec<String> {
        let v = self.exec_js("return window.__epCsp || [];", vec![]).await;
        strings(&v)
    }

    /// Forgets the violations recorded so far in this tab (for a test that causes one on
    /// purpose), returning them.
    pub async fn take_csp_violations(&self) -> Vec<String> {
        let v = self
            .exec_js(
                "const v = (window.__epCsp || []).splice(0);\
                 sessionStorage.removeItem('__epCspViolations');\
                 return v;",
                vec![],
            )
            .await;
        strings(&v)
    }

    /// `Err` with a report naming each violation when the policy blocked anything in this
    /// tab (see [`Session::csp_violations`]); [`Session::assert_no_js_errors`] panics with it.
    pub async fn check_csp(&self) -> Result<(), String> {
        csp_report(&self.csp_violations().await)
    }

    // ----- localStorage ----------------------------------------------------------------

    /// `localStorage.getItem(key)`.
    pub async fn local_storage_get(&self, key: &str) -> Option<String> {
        let v = self
            .exec_js(
                "return localStorage.getItem(arguments[0]);",
                vec![json!(key)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// `localStorage.setItem(key, value)` (reload afterwards for the app to see it).
    pub async fn local_storage_set(&self, key: &str, value: &str) {
        self.exec_js(
            "localStorage.setItem(arguments[0], arguments[1]);",
            vec![json!(key), json!(value)],
        )
        .await;
    }

    /// All localStorage keys.
    pub async fn local_storage_keys(&self) -> Vec<String> {
        let v = self
            .exec_js("return Object.keys(localStorage);", vec![])
            .await;
        serde_json::from_value(v).unwrap_or_default()
    }

    /// `localStorage.clear()`.
    pub async fn local_storage_clear(&self) {
        self.exec_js("localStorage.clear();", vec![]).await;
    }

    // ----- waiting ---------------------------------------------------------------------

    /// Polls `check` until it returns `Some(value)`, within the session timeout; panics with
    /// `what` on timeout. `check` is an async closure: `s.wait_for("x", async || ...)`.
    pub async fn wait_for<T, F>(&self, what: &str, check: F) -> T
    where
        F: AsyncFnMut() -> Option<T>,
    {
        self.wait_for_within(what, self.timeout, check).await
    }

    /// Like [`Session::wait_for`] with an explicit timeout.
    pub async fn wait_for_within<T, F>(&self, what: &str, timeout: Duration, mut check: F) -> T
    where
        F: AsyncFnMut() -> Option<T>,
    {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(v) = check().await {
                return v;
            }
            if tokio::time::Instant::now() >= deadline {
                panic!("timed out after {timeout:?} waiting for: {what}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Polls `check` until it returns true, within the session timeout.
    pub async fn wait_until<F>(&self, what: &str, mut check: F)
    where
        F: AsyncFnMut() -> bool,
    {
        self.wait_for(what, async || check().await.then_some(()))
            .await
    }

    /// Polls a script body until it returns a truthy value, which is returned.
    pub async fn wait_for_js(&self, what: &str, script: &str) -> Json {
        self.wait_for(what, async || {
            let v = self.try_exec_js(script, vec![]).await.ok()?;
            truthy(&v).then_some(v)
        })
        .await
    }

    // ----- finding elements ------------------------------------------------------------

    /// All visible elements with this ARIA role and exactly this accessible name (whitespace
    /// collapsed), right now (no waiting). `name = None` matches any name.
    pub async fn all_by_role(&self, role: &str, name: Option<&str>) -> Vec<Element> {
        self.query(role, name, "exact", None).await
    }

    /// The one visible element with this role and accessible name; waits until exactly one
    /// matches.
    pub async fn by_role(&self, role: &str, name: &str) -> Element {
        self.one(
            &format!("role={role} name={name:?}"),
            role,
            Some(name),
            "exact",
            None,
        )
        .await
    }

    /// The one visible element with this role whose accessible name contains `part`
    /// (case-insensitive); waits until exactly one matches.
    pub async fn by_role_containing(&self, role: &str, part: &str) -> Element {
        self.one(
            &format!("role={role} name containing {part:?}"),
            role,
            Some(part),
            "contains",
            None,
        )
        .await
    }

    /// Like [`Session::by_role`], searching only inside `scope`.
    pub async fn by_role_in(&self, scope: &Element, role: &str, name: &str) -> Element {
        self.one(
            &format!("role={role} name={name:?} inside a scope"),
            role,
            Some(name),
            "exact",
            Some(scope),
        )
        .await
    }

    /// Like [`Session::all_by_role`], searching only inside `scope`.
    pub async fn all_by_role_in(
        &self,
        scope: &Element,
        role: &str,
        name: Option<&str>,
    ) -> Vec<Element> {
        self.query(role, name, "exact", Some(scope)).await
    }

    /// The one visible form control (input, select, textarea) whose label (accessible name)
    /// is exactly `label`, whatever its role; waits until exactly one matches.
    pub async fn by_label(&self, label: &str) -> Element {
        self.one(
            &format!("form control labelled {label:?}"),
            "*control",
            Some(label),
            "exact",
            None,
        )
        .await
    }

    /// The one visible element whose own text (whitespace collapsed) is exactly `text` (the
    /// innermost such element); waits until exactly one matches.
    pub async fn by_text(&self, text: &str) -> Element {
        self.one(
            &format!("text {text:?}"),
            "*text",
            Some(text),
            "exact",
            None,
        )
        .await
    }

    /// Visible elements whose text is exactly `text`, right now.
    pub async fn all_by_text(&self, text: &str) -> Vec<Element> {
        self.query("*text", Some(text), "exact", None).await
    }

    /// The element with `data-testid="id"`; waits until it is in the document (visible or
    /// not).
    pub async fn by_testid(&self, id: &str) -> Element {
        self.by_css(&format!("[data-testid=\"{}\"]", css_escape(id)))
            .await
    }

    /// All elements with `data-testid="id"`, right now.
    pub async fn all_by_testid(&self, id: &str) -> Vec<Element> {
        self.all_by_css(&format!("[data-testid=\"{}\"]", css_escape(id)))
            .await
    }

    /// The first element matching a CSS selector; waits until one is in the document.
    pub async fn by_css(&self, selector: &str) -> Element {
        self.wait_for(&format!("element matching CSS {selector:?}"), async || {
            self.client.find(Locator::Css(selector)).await.ok()
        })
        .await
    }

    /// All elements matching a CSS selector, right now.
    pub async fn all_by_css(&self, selector: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .unwrap_or_default()
    }

    /// The number of visible elements with this role and name (`None`: any name), right now.
    pub async fn count_by_role(&self, role: &str, name: Option<&str>) -> usize {
        self.all_by_role(role, name).await.len()
    }

    /// Waits until no visible element has this role and name (e.g. a dialog closed).
    pub async fn wait_gone_role(&self, role: &str, name: &str) {
        self.wait_until(
            &format!("role={role} name={name:?} to disappear"),
            async || self.all_by_role(role, Some(name)).await.is_empty(),
        )
        .await;
    }

    /// Waits until exactly `n` visible elements have this role and name (`None`: any name).
    pub async fn wait_count_by_role(&self, role: &str, name: Option<&str>, n: usize) {
        self.wait_until(
            &format!("exactly {n} elements with role={role} name={name:?}"),
            async || self.all_by_role(role, name).await.len() == n,
        )
        .await;
    }

    /// Waits until `text` appears anywhere in the page's visible text.
    pub async fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("page text to contain {text:?}"), async || {
            self.try_exec_js(
                "return document.body.innerText.replace(/\\s+/g, ' ').includes(arguments[0]);",
                vec![json!(text)],
            )
            .await
            .map(|v| truthy(&v))
            .unwrap_or(false)
        })
        .await;
    }

    /// The visible text of the page, whitespace collapsed.
    pub async fn page_text(&self) -> String {
        let v = self
            .exec_js(
                "return document.body.innerText.replace(/\\s+/g, ' ').trim();",
                vec![],
            )
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    // ----- acting ----------------------------------------------------------------------

    /// Finds the element with this role and name and clicks it (retrying if the element is
    /// re-rendered between finding and clicking).
    pub async fn click_role(&self, role: &str, name: &str) {
        self.wait_until(&format!("click on role={role} name={name:?}"), async || {
            let el = self.by_role(role, name).await;
            match self.try_click(&el).await {
                Ok(()) => true,
                Err(e) if retryable(&e) => false,
                Err(e) => panic!("click on role={role} name={name:?} failed: {e} ({e:?})"),
            }
        })
        .await;
    }

    /// Clicks an element, retrying while WebDriver finds it not interactable yet (panics with
    /// the WebDriver error on timeout or any other failure). WebKit only hit-tests what is
    /// inside a `content-visibility: auto` box after its next rendering update, which a busy
    /// machine can delay by seconds; until then its driver reports the element "not
    /// interactable" (as it would report it to a user's click), so the click waits.
    pub async fn click(&self, el: &Element) {
        let deadline = tokio::time::Instant::now() + self.timeout;
        loop {
            match self.try_click(el).await {
                Ok(()) => return,
                Err(e) if is_not_interactable(&e) && tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await;
                }
                Err(e) => panic!("click failed: {e} ({e:?})"),
            }
        }
    }

    /// WebDriver's element click, once.
    pub async fn try_click(&self, el: &Element) -> Result<(), CmdError> {
        el.click().await
    }

    /// A left mouse click at a point of the viewport (CSS pixels).
    pub async fn click_at(&self, x: f64, y: f64) -> Result<(), CmdError> {
        let mouse = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveTo {
                duration: None,
                x,
                y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        let r = self.client.perform_actions(mouse).await;
        let _ = self.client.release_actions().await;
        r
    }

    /// Replaces the value of a text input or textarea by typing: focuses it, selects all,
    /// deletes, then types `text`, so the app sees real `input` events.
    pub async fn fill(&self, el: &Element, text: &str) {
        self.click(el).await;
        // Ctrl+A, release modifiers, Backspace.
        el.send_keys("\u{e009}a\u{e000}\u{e003}")
            .await
            .unwrap_or_else(|e| panic!("cannot clear the field: {e}"));
        if !text.is_empty() {
            el.send_keys(text)
                .await
                .unwrap_or_else(|e| panic!("cannot type into the field: {e}"));
        }
    }

    /// [`Session::fill`] on the form control labelled `label`.
    pub async fn fill_label(&self, label: &str, text: &str) {
        let el = self.by_label(label).await;
        self.fill(&el, text).await;
    }

    /// Types `text` into an element without clearing it first. WebDriver key codes work:
    /// `"\u{e007}"` is Enter, `"\u{e00c}"` Escape, `"\u{e004}"` Tab.
    pub async fn type_keys(&self, el: &Element, text: &str) {
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type {text:?}: {e}"));
    }

    /// Sets an input's value through the DOM and dispatches `input` and `change` (for inputs
    /// that cannot be typed into reliably, such as `type=date` or `type=range`).
    pub async fn set_value(&self, el: &Element, value: &str) {
        self.exec_js(
            "const el = arguments[0];\
             const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype \
               : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype \
               : HTMLInputElement.prototype;\
             Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);\
             el.dispatchEvent(new Event('input', { bubbles: true }));\
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![el_arg(el), json!(value)],
        )
        .await;
    }

    /// Chooses the option with this visible text in a `<select>`. A `<select>` that is out
    /// of view or covered (by the sticky header) is scrolled to the middle of the viewport
    /// first: WebKit's driver refuses to choose an option of a covered `<select>`.
    pub async fn select_option(&self, select: &Element, label: &str) {
        let _ = self
            .try_exec_js(
                "const el = arguments[0]; const r = el.getBoundingClientRect();\
                 const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);\
                 if (!hit || !(hit === el || el.contains(hit))) el.scrollIntoView({ block: 'center' });",
                vec![el_arg(select)],
            )
            .await;
        select
            .select_by_label(label)
            .await
            .unwrap_or_else(|e| panic!("cannot select option {label:?}: {e} ({e:?})"));
    }

    /// The element's value property (inputs, selects, textareas).
    pub async fn value_of(&self, el: &Element) -> String {
        el.prop("value")
            .await
            .unwrap_or_else(|e| panic!("cannot read value: {e}"))
            .unwrap_or_default()
    }

    /// The element's visible text, whitespace collapsed.
    pub async fn text_of(&self, el: &Element) -> String {
        let t = el
            .text()
            .await
            .unwrap_or_else(|e| panic!("cannot read text: {e}"));
        collapse_ws(&t)
    }

    /// An attribute of the element.
    pub async fn attr_of(&self, el: &Element, name: &str) -> Option<String> {
        el.attr(name)
            .await
            .unwrap_or_else(|e| panic!("cannot read attribute {name}: {e}"))
    }

    /// Real HTML5 drag and drop with the mouse (W3C Actions): press on `from`, move onto
    /// `to`, make one more small move inside it (Chrome fires dragover/drop only after a
    /// move inside the target), release. Chromium only ([`Engine::native_drag`]): panics in
    /// the other engines, where a test takes another path.
    pub async fn drag_and_drop(&self, from: &Element, to: &Element) {
        assert!(
            self.engine.native_drag(),
            "WebDriver cannot complete a native HTML5 drag in {}: the test must take another \
             path in this engine (see Engine::native_drag)",
            self.engine.label()
        );
        let step = Some(Duration::from_millis(50));
        let mouse = MouseActions::new("mouse".to_string())
            .then(PointerAction::MoveToElement {
                element: from.clone(),
                duration: step,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveToElement {
                element: from.clone(),
                duration: step,
                x: 5.0,
                y: 5.0,
            })
            .then(PointerAction::MoveToElement {
                element: to.clone(),
                duration: step,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::MoveToElement {
                element: to.clone(),
                duration: step,
                x: 2.0,
                y: 2.0,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("drag and drop failed: {e}"));
        let _ = self.client.release_actions().await;
    }

    /// A finger pressed at `from` (CSS pixels of the viewport), moved in `steps` even steps
    /// to `to` and lifted there: real touch and pointer events, as on a touch screen.
    /// Chromium: CDP touch input (with touch emulation on); Firefox: WebDriver touch
    /// actions. Panics in WebKit, whose WebDriver sends touch actions as mouse events
    /// ([`Engine::touch`]).
    pub async fn touch_path(&self, from: (f64, f64), to: (f64, f64), steps: u32) {
        let at = |i: u32| {
            let t = f64::from(i) / f64::from(steps.max(1));
            (
                (from.0 + (to.0 - from.0) * t).round(),
                (from.1 + (to.1 - from.1) * t).round(),
            )
        };
        match self.engine {
            Engine::Chromium => {
                self.cdp(
                    "Emulation.setTouchEmulationEnabled",
                    json!({ "enabled": true, "maxTouchPoints": 1 }),
                )
                .await;
                let touch = |kind: &str, (x, y): (f64, f64)| {
                    let points = if kind == "touchEnd" {
                        json!([])
                    } else {
                        json!([{ "x": x, "y": y }])
                    };
                    json!({ "type": kind, "touchPoints": points })
                };
                self.cdp("Input.dispatchTouchEvent", touch("touchStart", at(0)))
                    .await;
                for i in 1..=steps {
                    self.cdp("Input.dispatchTouchEvent", touch("touchMove", at(i)))
                        .await;
                }
                self.cdp("Input.dispatchTouchEvent", touch("touchEnd", at(steps)))
                    .await;
            }
            Engine::Firefox => {
                let mut finger = TouchActions::new("finger".to_string());
                finger = finger.then(PointerAction::MoveTo {
                    duration: None,
                    x: at(0).0,
                    y: at(0).1,
                });
                finger = finger.then(PointerAction::Down {
                    button: MOUSE_BUTTON_LEFT,
                });
                for i in 1..=steps {
                    finger = finger.then(PointerAction::MoveTo {
                        duration: Some(Duration::from_millis(16)),
                        x: at(i).0,
                        y: at(i).1,
                    });
                }
                finger = finger.then(PointerAction::Up {
                    button: MOUSE_BUTTON_LEFT,
                });
                self.client
                    .perform_actions(finger)
                    .await
                    .unwrap_or_else(|e| panic!("touch actions failed: {e}"));
                let _ = self.client.release_actions().await;
            }
            Engine::Webkit => panic!(
                "WebKitGTK's WebDriver has no touch input (it sends touch actions as mouse \
                 events): the test must take another path in WebKit (see Engine::touch)"
            ),
        }
    }

    /// A pen pressed at `from` (CSS pixels of the viewport), moved in `steps` even steps to
    /// `to` and lifted there, through WebDriver pen actions: real pointer events with
    /// `pointerType` "pen". WebKit and Chromium support them; Firefox does not.
    pub async fn pen_path(&self, from: (f64, f64), to: (f64, f64), steps: u32) {
        assert!(
            self.engine != Engine::Firefox,
            "Firefox's WebDriver has no pen input (\"Unimplemented pointerMove for pointerType \
             pen\"): use touch_path there"
        );
        let at = |i: u32| {
            let t = f64::from(i) / f64::from(steps.max(1));
            (
                (from.0 + (to.0 - from.0) * t).round(),
                (from.1 + (to.1 - from.1) * t).round(),
            )
        };
        let mut pen = PenActions::new("pen".to_string())
            .then(PointerAction::MoveTo {
                duration: None,
                x: at(0).0,
                y: at(0).1,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        for i in 1..=steps {
            pen = pen.then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(16)),
                x: at(i).0,
                y: at(i).1,
            });
        }
        pen = pen.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client
            .perform_actions(pen)
            .await
            .unwrap_or_else(|e| panic!("pen actions failed: {e}"));
        let _ = self.client.release_actions().await;
    }

    /// Makes the page's viewport exactly `width`×`height` CSS pixels. Chromium: CDP device
    /// metrics (any size, whatever the window); Firefox and WebKit: the window is resized
    /// until its viewport has that size (their window frames differ).
    pub async fn set_viewport(&self, width: u32, height: u32) {
        if self.engine == Engine::Chromium {
            self.cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
            )
            .await;
        } else {
            // The window's size includes the browser's frame. Each round reads the window's
            // size and the page's viewport together, so the frame is measured on one state
            // of the window even when a busy machine applies a resize late, and asks for
            // the viewport plus that frame; then it waits for the viewport to change.
            let want = (i64::from(width), i64::from(height));
            // WebKitGTK under a full run's load has applied a resize seconds late: rounds
            // go on for twice the usual wait, each waiting up to 5 s for the change.
            let deadline = tokio::time::Instant::now() + self.timeout * 2;
            let viewport = async || {
                let inner = self
                    .exec_js("return [window.innerWidth, window.innerHeight];", vec![])
                    .await;
                (
                    inner[0].as_i64().unwrap_or(0),
                    inner[1].as_i64().unwrap_or(0),
                )
            };
            while tokio::time::Instant::now() < deadline {
                let (ow, oh) = self
                    .client
                    .get_window_size()
                    .await
                    .unwrap_or_else(|e| panic!("cannot read the window's size: {e}"));
                let before = viewport().await;
                if before == want {
                    break;
                }
                let w = (ow as i64 + want.0 - before.0).max(1) as u32;
                let h = (oh as i64 + want.1 - before.1).max(1) as u32;
                self.client
                    .set_window_size(w, h)
                    .await
                    .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
                let settle = tokio::time::Instant::now() + Duration::from_secs(5);
                while viewport().await == before && tokio::time::Instant::now() < settle {
                    tokio::time::sleep(POLL).await;
                }
            }
        }
        self.wait_for_js(
            &format!("a {width}x{height} viewport"),
            &format!("return window.innerWidth === {width} && window.innerHeight === {height};"),
        )
        .await;
    }

    // ----- files -----------------------------------------------------------------------

    /// Puts a file into an `<input type=file>` found by CSS selector, as if the user had
    /// chosen it (the input may be visually hidden). Fires `change`.
    pub async fn set_file_input(&self, selector: &str, path: &Path) {
        let path = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("upload file {} not found: {e}", path.display()));
        let el = self.by_css(selector).await;
        el.send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("cannot set file input {selector:?}: {e}"));
    }

    /// Writes a file into the session's uploads folder and returns its path (for
    /// [`Session::set_file_input`]).
    pub fn write_upload(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.upload_dir.join(name);
        std::fs::write(&p, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        p
    }

    /// The folder downloads land in.
    pub fn download_dir(&self) -> &Path {
        &self.download_dir
    }

    /// Waits for the next completed download not returned before and returns it.
    pub async fn wait_for_download(&self) -> Download {
        self.wait_for("a file to be downloaded", async || {
            self.take_download(|_| true)
        })
        .await
    }

    /// Waits for a completed download called `name` (not returned before) and returns it.
    pub async fn wait_for_download_named(&self, name: &str) -> Download {
        self.wait_for(&format!("download {name:?}"), async || {
            self.take_download(|n| n == name)
        })
        .await
    }

    /// Names of the completed downloads so far.
    pub fn downloads(&self) -> Vec<String> {
        let mut v: Vec<String> = completed_files(&self.download_dir)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        v.sort();
        v
    }

    fn take_download(&self, want: impl Fn(&str) -> bool) -> Option<Download> {
        let mut seen = self.seen_downloads.lock().unwrap();
        let (name, path) = completed_files(&self.download_dir)
            .into_iter()
            .find(|(n, _)| !seen.contains(n) && want(n))?;
        // A finished file has no `.crdownload` twin and a size that holds still.
        let size1 = std::fs::metadata(&path).ok()?.len();
        std::thread::sleep(Duration::from_millis(30));
        let size2 = std::fs::metadata(&path).ok()?.len();
        if size1 != size2 {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        seen.insert(name.clone());
        Some(Download { name, path, bytes })
    }

    // ----- diagnostics -----------------------------------------------------------------

    /// Saves a PNG screenshot of the viewport.
    pub async fn screenshot(&self, path: &Path) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot failed: {e}"));
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// A PNG of the whole page, below the fold too: Chromium through CDP, Firefox through
    /// geckodriver's full-page screenshot. `None` in WebKit, whose driver captures only the
    /// viewport.
    pub async fn full_page_screenshot(&self) -> Option<Vec<u8>> {
        use base64::Engine as _;
        let b64 = match self.engine {
            Engine::Chromium => {
                let v = self
                    .cdp(
                        "Page.captureScreenshot",
                        json!({ "format": "png", "captureBeyondViewport": true }),
                    )
                    .await;
                v["data"].as_str().map(str::to_string)
            }
            Engine::Firefox => {
                let sid = self.session_id.as_deref()?;
                let body = raw_http(
                    self.driver_port,
                    "GET",
                    &format!("/session/{sid}/moz/screenshot/full"),
                    None,
                )?;
                serde_json::from_str::<Json>(&body)
                    .ok()
                    .and_then(|v| v["value"].as_str().map(str::to_string))
            }
            Engine::Webkit => None,
        }?;
        Some(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("a screenshot is base64"),
        )
    }

    /// Navigation and paint timings of the current page, from the Performance API
    /// (`{ "navigation": {...}, "paint": [...], "now": ms }`).
    pub async fn performance_timings(&self) -> Json {
        self.exec_js(
            "return { navigation: performance.getEntriesByType('navigation').map(e => e.toJSON())[0] || null,\
                      paint: performance.getEntriesByType('paint').map(e => e.toJSON()),\
                      resources: performance.getEntriesByType('resource').map(e => e.toJSON()),\
                      now: performance.now() };",
            vec![],
        )
        .await
    }

    // ----- internals -------------------------------------------------------------------

    async fn query(
        &self,
        role: &str,
        name: Option<&str>,
        mode: &str,
        scope: Option<&Element>,
    ) -> Vec<Element> {
        let args = vec![
            json!(role),
            json!(name),
            json!(mode),
            scope.map(el_arg).unwrap_or(Json::Null),
        ];
        match self.client.execute(FIND_JS, args).await {
            Ok(Json::Array(items)) => items
                .into_iter()
                .filter_map(|v| {
                    v.get(W3C_ELEMENT_KEY).and_then(Json::as_str).map(|id| {
                        Element::from_element_id(
                            self.client.clone(),
                            ElementRef::from(id.to_string()),
                        )
                    })
                })
                .collect(),
            Ok(_) => Vec::new(),
            // A stale scope or a page in the middle of navigating: treat as "not yet".
            Err(_) => Vec::new(),
        }
    }

    async fn one(
        &self,
        what: &str,
        role: &str,
        name: Option<&str>,
        mode: &str,
        scope: Option<&Element>,
    ) -> Element {
        let deadline = tokio::time::Instant::now() + self.timeout;
        loop {
            let mut found = self.query(role, name, mode, scope).await;
            if found.len() == 1 {
                return found.pop().unwrap();
            }
            if tokio::time::Instant::now() >= deadline {
                let seen = self.describe_role(role).await;
                if found.is_empty() {
                    panic!(
                        "timed out after {:?}: no visible element with {what}\n{seen}",
                        self.timeout
                    );
                }
                panic!(
                    "timed out after {:?}: {} visible elements match {what} (expected exactly \
                     one; narrow it with by_role_in or a data-testid)\n{seen}",
                    self.timeout,
                    found.len()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn describe_role(&self, role: &str) -> String {
        if role.starts_with('*') {
            return String::new();
        }
        let v = self
            .client
            .execute(DESCRIBE_JS, vec![json!(role)])
            .await
            .unwrap_or(Json::Null);
        let names: Vec<String> = serde_json::from_value(v).unwrap_or_default();
        if names.is_empty() {
            format!("(no visible element has role={role})")
        } else {
            format!(
                "visible elements with role={role} have the names: {}",
                names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }

    /// The Content Security Policy violations recorded in the current tab, read synchronously
    /// (for `Drop`); `None` when the page cannot be asked (closed, or the driver is gone).
    fn csp_violations_now(&self) -> Option<Vec<String>> {
        let sid = self.session_id.as_ref()?;
        let script = json!({ "script": "return window.__epCsp || [];", "args": [] }).to_string();
        let body = raw_http(
            self.driver_port,
            "POST",
            &format!("/session/{sid}/execute/sync"),
            Some(&script),
        )?;
        let v: Json = serde_json::from_str(&body).ok()?;
        v["value"].is_array().then(|| strings(&v["value"]))
    }

    /// On a failing test: save a screenshot, the page HTML and the JS errors, synchronously.
    fn save_failure_artifacts(&self) {
        let Some(sid) = &self.session_id else { return };
        let port = self.driver_port;
        if let Some(body) = raw_http(port, "GET", &format!("/session/{sid}/screenshot"), None) {
            if let Some(b64) = serde_json::from_str::<Json>(&body)
                .ok()
                .and_then(|v| v["value"].as_str().map(str::to_string))
            {
                use base64::Engine as _;
                if let Ok(png) = base64::engine::general_purpose::STANDARD.decode(b64) {
                    let _ = std::fs::write(self.scratch.join("failure.png"), png);
                }
            }
        }
        let script = json!({
            "script": "return { html: document.documentElement.outerHTML, url: location.href, \
                       errors: (window.__epErrors || []).concat((window.__epCsp || [])\
                         .map((v) => 'Content Security Policy: ' + v)) };",
            "args": []
        })
        .to_string();
        if let Some(body) = raw_http(
            port,
            "POST",
            &format!("/session/{sid}/execute/sync"),
            Some(&script),
        ) {
            if let Ok(v) = serde_json::from_str::<Json>(&body) {
                let v = &v["value"];
                let _ = std::fs::write(
                    self.scratch.join("failure.html"),
                    v["html"].as_str().unwrap_or_default(),
                );
                eprintln!("page at failure: {}", v["url"].as_str().unwrap_or("?"));
                if let Some(errs) = v["errors"].as_array() {
                    for e in errs {
                        eprintln!("page JS error: {}", e.as_str().unwrap_or(&e.to_string()));
                    }
                }
            }
        }
        eprintln!(
            "e2e failure artifacts in {} (failure.png, failure.html, {}, downloads/): {}",
            self.engine.label(),
            self.driver_log
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            self.scratch.display()
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let failed = std::thread::panicking();
        if failed {
            self.save_failure_artifacts();
        }
        // A journey that ends without `assert_no_js_errors` still fails on a Content Security
        // Policy violation in the tab it was on: reported once the browser is stopped.
        let blocked = if failed {
            None
        } else {
            self.csp_violations_now().and_then(|v| csp_report(&v).err())
        };
        // Ask the driver to close the browser, then stop the driver, everything it started
        // and the virtual display.
        if let Some(sid) = &self.session_id {
            let _ = raw_http(self.driver_port, "DELETE", &format!("/session/{sid}"), None);
        }
        stop_driver(self.driver.take(), &self.profile_dir);
        if let Some(mut display) = self.display.take() {
            let _ = display.kill();
            let _ = display.wait();
        }
        self.server.stop();
        let keep = failed || std::env::var("EP_E2E_KEEP").is_ok_and(|v| v == "1");
        if !keep {
            let _ = std::fs::remove_dir_all(&self.scratch);
        } else if !failed {
            eprintln!("e2e scratch folder kept: {}", self.scratch.display());
        }
        if let Some(report) = blocked {
            panic!("at the end of the journey, {report}");
        }
    }
}

/// Owns the driver and the virtual display until the `Session` takes them over.
struct LaunchGuard {
    child: Option<Child>,
    display: Option<Child>,
    profile_dir: PathBuf,
}

impl Drop for LaunchGuard {
    fn drop(&mut self) {
        stop_driver(self.child.take(), &self.profile_dir);
        if let Some(mut display) = self.display.take() {
            let _ = display.kill();
            let _ = display.wait();
        }
    }
}

/// Kills a driver and every process it started (the browser and the browser's own
/// processes), then any process left on this session's profile folder.
fn stop_driver(child: Option<Child>, profile_dir: &Path) {
    let Some(mut child) = child else {
        return;
    };
    let family = descendants(child.id());
    let _ = child.kill();
    let _ = child.wait();
    for pid in family {
        kill_pid(pid);
    }
    kill_processes_using(profile_dir);
}

/// The processes started by `pid`, their children and so on (from /proc).
fn descendants(pid: u32) -> Vec<u32> {
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = rd
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let pid = e.file_name().to_str()?.parse::<u32>().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // "pid (comm) state ppid ...": the command may hold spaces and parentheses.
            let rest = &stat[stat.rfind(')')? + 1..];
            let ppid = rest.split_whitespace().nth(1)?.parse::<u32>().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut out = Vec::new();
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for &(child, parent) in &parents {
            if parent == p && !out.contains(&child) {
                out.push(child);
                frontier.push(child);
            }
        }
    }
    out
}

fn kill_pid(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// How to start one engine: its driver (already spawned), the virtual display it needs,
/// the capabilities of the new session and the driver's log.
struct Launch {
    driver: Child,
    display: Option<Child>,
    capabilities: Json,
    log: PathBuf,
}

fn driver_name(engine: Engine) -> &'static str {
    match engine {
        Engine::Chromium => "chromedriver",
        Engine::Firefox => "geckodriver",
        Engine::Webkit => "WebKitWebDriver",
    }
}

fn require_file(what: &str, p: &Path) {
    assert!(
        p.is_file(),
        "{what} not found at {}: run scripts/ensure-tools (it installs every engine: Debian's \
         chromium, chromium-driver, firefox-esr, webkit2gtk-driver and xvfb, and geckodriver)",
        p.display()
    );
}

/// A log file for a child's stdout and stderr.
fn log_file(path: &Path) -> (Stdio, Stdio) {
    let f = std::fs::File::create(path)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
    let g = f
        .try_clone()
        .unwrap_or_else(|e| panic!("cannot share {}: {e}", path.display()));
    (Stdio::from(f), Stdio::from(g))
}

fn launch_chromium(
    opts: &Options,
    port: u16,
    scratch: &Path,
    profile_dir: &Path,
    download_dir: &Path,
) -> Launch {
    let chromium = env_path("EP_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = env_path("EP_CHROMEDRIVER", "/usr/bin/chromedriver");
    require_file("Chromium", &chromium);
    require_file("chromedriver", &chromedriver);
    let log = scratch.join("chromedriver.log");
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-quic",
        "--password-store=basic",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile_dir.display()));
    args.push(format!("--window-size={},{}", opts.window.0, opts.window.1));
    args.extend(opts.extra_args.iter().cloned());
    let downloads = download_dir.display().to_string();
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium.display().to_string(),
            "args": args,
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
                "profile.default_content_setting_values.automatic_downloads": 1
            }
        }
    });
    Launch {
        driver,
        display: None,
        capabilities,
        log,
    }
}

/// geckodriver from `EP_GECKODRIVER`, else `PATH`, else `~/.cargo/bin` (where
/// scripts/ensure-tools installs it).
fn geckodriver_path() -> PathBuf {
    if let Some(p) = std::env::var_os("EP_GECKODRIVER").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("geckodriver"))
            .find(|p| p.is_file())
    });
    on_path.unwrap_or_else(|| {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
            });
        cargo_home.join("bin").join("geckodriver")
    })
}

fn launch_firefox(
    opts: &Options,
    port: u16,
    scratch: &Path,
    profile_dir: &Path,
    download_dir: &Path,
) -> Launch {
    let firefox = env_path("EP_FIREFOX", "/usr/bin/firefox-esr");
    let geckodriver = geckodriver_path();
    require_file("Firefox ESR", &firefox);
    require_file("geckodriver", &geckodriver);
    let log = scratch.join("geckodriver.log");
    let (out, err) = log_file(&log);
    // Marionette's port is left to the system (geckodriver's default), so sessions can run
    // side by side.
    let driver = Command::new(&geckodriver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", geckodriver.display()));
    let mut args: Vec<String> = vec![
        "-headless".into(),
        format!("--width={}", opts.window.0),
        format!("--height={}", opts.window.1),
        // Our own profile folder: a fresh localStorage, and the processes are findable.
        "-profile".into(),
        profile_dir.display().to_string(),
    ];
    args.extend(opts.extra_args.iter().cloned());
    let capabilities = json!({
        "browserName": "firefox",
        "moz:firefoxOptions": {
            "binary": firefox.display().to_string(),
            "args": args,
            "prefs": {
                // Downloads go to the session's folder without asking.
                "browser.download.folderList": 2,
                "browser.download.dir": download_dir.display().to_string(),
                "browser.download.useDownloadDir": true,
                "browser.download.always_ask_before_handling_new_types": false,
                "browser.download.manager.showWhenStarting": false,
                "browser.download.alwaysOpenPanel": false,
                // Nothing here may reach the internet: no updates, telemetry or studies.
                "app.update.disabledForTesting": true,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.enabled": false,
                "app.normandy.enabled": false,
                "browser.safebrowsing.downloads.enabled": false,
                "browser.safebrowsing.malware.enabled": false,
                "browser.safebrowsing.phishing.enabled": false
            }
        }
    });
    Launch {
        driver,
        display: None,
        capabilities,
        log,
    }
}

/// MiniBrowser from `EP_MINIBROWSER`, else WebKitGTK's own folder for this architecture.
fn minibrowser_path() -> PathBuf {
    if let Some(p) = std::env::var_os("EP_MINIBROWSER").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let found = std::fs::read_dir("/usr/lib").ok().and_then(|rd| {
        rd.filter_map(|e| e.ok())
            .map(|e| e.path().join("webkit2gtk-4.1").join("MiniBrowser"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| PathBuf::from("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"))
}

/// Starts `Xvfb` on the first free display number (it picks one itself and writes it on
/// its standard output once it accepts connections); returns it and the display name.
fn start_display(scratch: &Path, size: (u32, u32)) -> (Child, String) {
    let xvfb = env_path("EP_XVFB", "/usr/bin/Xvfb");
    require_file("Xvfb", &xvfb);
    let log = scratch.join("xvfb.log");
    let (_, err) = log_file(&log);
    // A screen larger than any window a journey asks for (the board opens 1280×2000).
    let screen = format!("{}x{}x24", size.0.max(2560), size.1.max(2400));
    let mut child = Command::new(&xvfb)
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            &screen,
            "-nolisten",
            "tcp",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", xvfb.display()));
    let mut out = child.stdout.take().expect("Xvfb's stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        while let Ok(1) = out.read(&mut byte) {
            if byte[0] == b'\n' {
                break;
            }
            line.push(byte[0]);
        }
        let _ = tx.send(String::from_utf8_lossy(&line).trim().to_string());
        // Keep reading so Xvfb never blocks on a full pipe.
        let mut sink = Vec::new();
        let _ = out.read_to_end(&mut sink);
    });
    match rx.recv_timeout(Duration::from_secs(20)) {
        Ok(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => (child, format!(":{n}")),
        other => {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "Xvfb did not start a virtual display ({other:?})\n{}",
                tail(&log, 4000)
            );
        }
    }
}

fn launch_webkit(
    opts: &Options,
    port: u16,
    scratch: &Path,
    profile_dir: &Path,
    download_dir: &Path,
) -> Launch {
    let driver_bin = env_path("EP_WEBKITDRIVER", "/usr/bin/WebKitWebDriver");
    let minibrowser = minibrowser_path();
    require_file("WebKitWebDriver", &driver_bin);
    require_file("WebKitGTK's MiniBrowser", &minibrowser);
    let (display, display_name) = start_display(scratch, opts.window);
    // MiniBrowser keeps its data (localStorage, caches) under the XDG folders and saves
    // downloads to the XDG download folder: all of them inside this session's profile.
    let config = profile_dir.join("config");
    std::fs::create_dir_all(&config)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", config.display()));
    std::fs::write(
        config.join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", download_dir.display()),
    )
    .unwrap_or_else(|e| panic!("cannot write user-dirs.dirs: {e}"));
    let log = scratch.join("webkitwebdriver.log");
    let (out, err) = log_file(&log);
    let mut display = display;
    let driver = match Command::new(&driver_bin)
        .arg(format!("--port={port}"))
        .env("DISPLAY", &display_name)
        .env("HOME", profile_dir)
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_DATA_HOME", profile_dir.join("data"))
        .env("XDG_CACHE_HOME", profile_dir.join("cache"))
        .env("XDG_RUNTIME_DIR", profile_dir.join("runtime"))
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .current_dir(profile_dir)
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            let _ = display.kill();
            let _ = display.wait();
            panic!("cannot start {}: {e}", driver_bin.display())
        }
    };
    let mut args: Vec<String> = vec!["--automation".into()];
    args.extend(opts.extra_args.iter().cloned());
    let capabilities = json!({
        "browserName": "MiniBrowser",
        "webkitgtk:browserOptions": {
            "binary": minibrowser.display().to_string(),
            "args": args
        }
    });
    Launch {
        driver,
        display: Some(display),
        capabilities,
        log,
    }
}

fn wait_driver_ready(engine: Engine, port: u16, log_path: &Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(body) = raw_http(port, "GET", "/status", None) {
            if body.contains("\"ready\":true") || body.contains("\"ready\": true") {
                return;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} did not become ready on port {port}\n{}",
            driver_name(engine),
            tail(log_path, 4000)
        );
        std::thread::sleep(POLL);
    }
}

/// Scrolls an element to the middle of its scroller.
pub async fn center(s: &Session, el: &fantoccini::elements::Element) {
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![el_arg(el)],
    )
    .await;
}

/// Proposes `words` (in the Governance view's decision log) in the area called `area`, with a quorum when given.
pub async fn propose(s: &Session, area: &str, words: &str, quorum: Option<&str>) {
    let field = s.by_label(&format!("Proposal in {area}")).await;
    center(s, &field).await;
    s.fill(&field, words).await;
    if let Some(q) = quorum {
        let form = s
            .by_role("form", &format!("Propose a decision in {area}"))
            .await;
        let quorum = s.by_role_in(&form, "textbox", "Quorum (%), optional").await;
        s.fill(&quorum, q).await;
    }
    let form = s
        .by_role("form", &format!("Propose a decision in {area}"))
        .await;
    let button = s.by_role_in(&form, "button", "Propose").await;
    s.click(&button).await;
    s.wait_for_text(words).await;
}

/// Chooses `word` as the position of `person` on the proposal `words`.
pub async fn take(s: &Session, person: &str, words: &str, word: &str) {
    let select = s
        .by_role(
            "combobox",
            &format!("Position of {person} on \u{201c}{words}\u{201d}"),
        )
        .await;
    s.select_option(&select, word).await;
}

/// A JSON array's items as strings (non-strings as their JSON text); empty for anything else.
fn strings(v: &Json) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().map(str::to_string).unwrap_or(x.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// The report of Content Security Policy violations, `Ok` when there are none.
pub fn csp_report(violations: &[String]) -> Result<(), String> {
    if violations.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the page's Content Security Policy blocked {} thing(s) (directive, blocked URI, \
         where):\n  {}",
        violations.len(),
        violations.join("\n  ")
    ))
}

/// An element as a script argument for [`Session::exec_js`] (`arguments[i]` in the script).
pub fn el_arg(el: &Element) -> Json {
    serde_json::to_value(el).expect("an element serializes")
}

/// JavaScript truthiness of a returned value.
pub fn truthy(v: &Json) -> bool {
    match v {
        Json::Null => false,
        Json::Bool(b) => *b,
        Json::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Json::String(s) => !s.is_empty(),
        Json::Array(_) | Json::Object(_) => true,
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_not_interactable(e: &CmdError) -> bool {
    matches!(
        e,
        CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::ElementNotInteractable
    )
}

fn retryable(e: &CmdError) -> bool {
    e.is_stale_element_reference() || e.is_no_such_element() || is_not_interactable(e) || {
        let s = e.to_string();
        s.contains("not interactable") || s.contains("click intercepted")
    }
}

fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free local port: {e}"))
}

fn scratch_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let test = std::thread::current()
        .name()
        .unwrap_or("e2e")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>();
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    let dir = base.join(format!("{test}-{}-{n}-{nanos:x}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

fn tail(path: &Path, max: usize) -> String {
    let s = std::fs::read_to_string(path).unwrap_or_default();
    let start = s.len().saturating_sub(max);
    let start = (start..s.len())
        .find(|i| s.is_char_boundary(*i))
        .unwrap_or(s.len());
    format!("--- {} (end) ---\n{}", path.display(), &s[start..])
}

fn completed_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let names: Vec<(String, PathBuf)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| (e.file_name().to_string_lossy().to_string(), e.path()))
        .collect();
    // Files still being written: Chromium's `.crdownload`, Firefox's `.part` (next to an
    // empty placeholder of the final name), WebKit's `.download`/`.wkdownload`.
    const PARTIAL: [&str; 4] = [".crdownload", ".part", ".download", ".wkdownload"];
    let partial: HashSet<String> = names
        .iter()
        .filter_map(|(n, _)| PARTIAL.iter().find_map(|suf| n.strip_suffix(suf)))
        .map(str::to_string)
        .collect();
    names
        .into_iter()
        .filter(|(n, _)| {
            !PARTIAL.iter().any(|suf| n.ends_with(suf))
                && !n.starts_with(".com.google.Chrome")
                && !partial.contains(n)
        })
        .collect()
}

/// Kills the processes whose command line mentions `marker` (this session's own profile
/// folder, so only processes this session started).
fn kill_processes_using(marker: &Path) {
    let marker = marker.display().to_string();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return;
    };
    for e in rd.filter_map(|e| e.ok()) {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let Ok(cmd) = std::fs::read(e.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmd).contains(&marker) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// A minimal blocking HTTP/1.1 request to 127.0.0.1:port; returns the body on any answer.
/// (chromedriver keeps connections open, so the body is read by its length, not to EOF.)
fn raw_http(port: u16, method: &str, path: &str, body: Option<&str>) -> Option<String> {
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(15))).ok()?;
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let content_length = head.lines().find_map(|l| {
        l.strip_prefix("content-length:")
            .and_then(|v| v.trim().parse::<usize>().ok())
    });
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let have = buf.len() - head_end;
        let done = match content_length {
            Some(len) => have >= len,
            None if chunked => buf.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        match s.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => break,
        }
    }
    let body = String::from_utf8_lossy(&buf[head_end..]).to_string();
    Some(if chunked { dechunk(&body) } else { body })
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// `POST /session/{id}/goog/cdp/execute`: chromedriver's DevTools passthrough.
#[derive(Debug)]
struct CdpCommand {
    cmd: String,
    params: Json,
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

// ===== static file server ==============================================================

/// Serves a folder over HTTP on 127.0.0.1 (ephemeral port) under a path prefix.
pub struct StaticServer {
    pub addr: SocketAddr,
    pub prefix: String,
    pub requests: Arc<Mutex<Vec<String>>>,
    /// The folder served; [`StaticServer::serve_from`] changes it between requests.
    root: Arc<Mutex<PathBuf>>,
    /// While set, every connection is closed unanswered, as if the network were down.
    refusing: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Starts serving `root` under `prefix` (which must start and end with `/`).
    pub fn start(root: &Path, prefix: &str) -> std::io::Result<StaticServer> {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "sub-path must start and end with '/': {prefix:?}"
        );
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let root = Arc::new(Mutex::new(root.canonicalize()?));
        let refusing = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = stop.clone();
            let requests = requests.clone();
            let prefix = prefix.to_string();
            let root = root.clone();
            let refusing = refusing.clone();
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    if refusing.load(Ordering::SeqCst) {
                        let _ = conn.shutdown(Shutdown::Both);
                        continue;
                    }
                    let root = root.lock().unwrap().clone();
                    let prefix = prefix.clone();
                    let requests = requests.clone();
                    std::thread::spawn(move || {
                        let _ = serve_one(conn, &root, &prefix, &requests);
                    });
                }
            })
        };
        Ok(StaticServer {
            addr,
            prefix: prefix.to_string(),
            requests,
            root,
            refusing,
            stop,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT/prefix/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.prefix)
    }

    /// Serves `root` from the next request on (e.g. a copy of the build to change).
    pub fn serve_from(&self, root: &Path) {
        *self.root.lock().unwrap() = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", root.display()));
    }

    /// While `on`, closes every connection without an answer: to the browser the site is
    /// unreachable, as when the machine is offline. The address stays the same.
    pub fn set_refusing(&self, on: bool) {
        self.refusing.store(on, Ordering::SeqCst);
    }

    /// Stops accepting connections (also done on drop).
    pub fn stop(&mut self) {
        if self.stop.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(500));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve_one(
    mut conn: TcpStream,
    root: &Path,
    prefix: &str,
    requests: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut buf)?;
        if n == 0 || head.len() > 64 * 1024 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or("/").to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    requests.lock().unwrap().push(path.clone());

    let respond = |conn: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]| {
        let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        conn.write_all(out.as_bytes())?;
        if method != "HEAD" {
            conn.write_all(body)?;
        }
        conn.flush()?;
        let _ = conn.shutdown(Shutdown::Write);
        Ok(())
    };

    if method != "GET" && method != "HEAD" {
        return respond(&mut conn, "405 Method Not Allowed", &[], b"");
    }
    // Like static hosts: the folder without its trailing slash redirects.
    if format!("{path}/") == prefix {
        return respond(
            &mut conn,
            "301 Moved Permanently",
            &[("Location", prefix.to_string())],
            b"",
        );
    }
    let Some(rel) = path.strip_prefix(prefix) else {
        return respond(&mut conn, "404 Not Found", &[], b"not found");
    };
    let rel = percent_decode(rel);
    if rel.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return respond(&mut conn, "404 Not Found", &[], b"not found");
    }
    let mut file = root.join(&rel);
    if rel.is_empty() || rel.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => {
            let mime = mime_type(&file);
            let body = if mime.starts_with("text/html") {
                with_error_collector(&body)
            } else {
                body
            };
            respond(
                &mut conn,
                "200 OK",
                &[("Content-Type", mime.to_string())],
                &body,
            )
        }
        Err(_) => respond(&mut conn, "404 Not Found", &[], b"not found"),
    }
}

/// Copies the folder `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries.filter_map(|e| e.ok()) {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", src.display()));
        }
    }
}

/// The page with [`ERROR_COLLECTOR_JS`] as the first script of its `<head>` (or of the
/// document, if it has no `<head>`), so it runs before any script of the app, in every
/// engine, on every load, reload and new tab.
fn with_error_collector(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let script = format!("<script>{ERROR_COLLECTOR_JS}</script>");
    let lower = text.to_ascii_lowercase();
    let at = lower
        .find("<head")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .or_else(|| {
            lower
                .find("<html")
                .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        })
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len() + script.len());
    out.push_str(&text[..at]);
    out.push_str(&script);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

/// Content type by file extension.
pub fn mime_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

// ===== page scripts ====================================================================

const ERROR_COLLECTOR_JS: &str = r#"
(() => {
  if (window.__epErrors) return;
  const errors = [];
  window.__epErrors = errors;
  // Content Security Policy violations: this script comes before the page's policy (a meta
  // policy does not govern what precedes it), so it runs in every engine and sees every
  // violation from the first. They are kept in the tab's sessionStorage too, so those of a
  // page since reloaded or left are still reported.
  const CSP_KEY = '__epCspViolations';
  let violations = [];
  try { violations = JSON.parse(sessionStorage.getItem(CSP_KEY) || '[]'); } catch (_) {}
  if (!Array.isArray(violations)) violations = [];
  window.__epCsp = violations;
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber : '';
    const sample = e.sample ? ' (' + JSON.stringify(e.sample) + ')' : '';
    violations.push((e.effectiveDirective || e.violatedDirective) + ' blocked ' +
      (e.blockedURI || 'an unnamed resource') + sample + where + ' on ' + location.href);
    try { sessionStorage.setItem(CSP_KEY, JSON.stringify(violations)); } catch (_) {}
  }, true);
  window.addEventListener('error', (e) => {
    errors.push('error: ' + (e.message || (e.error && e.error.toString()) || 'unknown') +
      (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  });
  window.addEventListener('unhandledrejection', (e) => {
    errors.push('unhandled rejection: ' + String(e.reason && (e.reason.stack || e.reason)));
  });
  const orig = console.error;
  console.error = function (...args) {
    try { errors.push('console.error: ' + args.map(String).join(' ')); } catch (_) {}
    return orig.apply(this, args);
  };
})();
"#;

const FIND_JS: &str = concat!(
    r#"const [role, name, mode, scope] = arguments;"#,
    include_str!("aria.js"),
    r#"
const root = scope || document;
const want = name === null || name === undefined ? null : norm(name);
const matches = (n) => want === null ? true
  : mode === 'contains' ? n.toLowerCase().includes(want.toLowerCase()) : n === want;
const out = [];
if (role === '*text') {
  for (const el of root.querySelectorAll('body *')) {
    if (['script', 'style', 'template'].includes(el.localName)) continue;
    if (!isVisible(el)) continue;
    if (!matches(norm(el.innerText))) continue;
    // innermost only: skip if a child element also matches
    if (Array.from(el.children).some((c) => matches(norm(c.innerText)) && isVisible(c))) continue;
    out.push(el);
  }
  return out;
}
for (const el of root.querySelectorAll('*')) {
  if (role === '*control') {
    if (!el.matches(CONTROLS)) continue;
  } else if (roleOf(el) !== role) continue;
  if (!isVisible(el)) continue;
  if (!matches(accName(el))) continue;
  out.push(el);
}
return out;
"#
);

const DESCRIBE_JS: &str = concat!(
    r#"const [role] = arguments;"#,
    include_str!("aria.js"),
    r#"
return Array.from(document.querySelectorAll('*'))
  .filter((el) => roleOf(el) === role && isVisible(el))
  .map(accName)
  .slice(0, 30);
"#
);

/// Opens the header's File menu (new, duplicate, delete, export, import) if it is closed,
/// so that its buttons can be found by role and name.
pub async fn open_file_menu(s: &Session) {
    let toggle = s.by_role("button", "File").await;
    if s.attr_of(&toggle, "aria-expanded").await.as_deref() != Some("true") {
        s.click(&toggle).await;
    }
    s.wait_for_js(
        "the File menu to open",
        "const b = document.querySelector('[data-testid=\"file-menu-button\"]');\
         return !!b && b.getAttribute('aria-expanded') === 'true';",
    )
    .await;
}

/// Opens the app with `document` (a saved plan's JSON) as the plan in this browser's
/// storage, and waits for the app to mount on it.
pub async fn open_saved_plan(s: &Session, document: &str) {
    s.goto_app().await;
    s.local_storage_set(WORKSPACE_KEY, document).await;
    s.reload().await;
    s.wait_app_mounted().await;
}

/// Turns the projector theme on or off with the header's switch, and waits for it.
pub async fn set_projector(s: &Session, on: bool) {
    let button = s.by_role("button", "Projector mode").await;
    if (s.attr_of(&button, "aria-pressed").await.as_deref() == Some("true")) != on {
        s.click(&button).await;
    }
    wait_theme(s, on).await;
}

/// The theme's name in figures and screenshot names: "projector" or "normal".
pub fn theme_name(projector: bool) -> &'static str {
    if projector {
        "projector"
    } else {
        "normal"
    }
}

/// Opens a view by its link in the header and waits for it to be the current view, with
/// its heading.
pub async fn open_view(s: &Session, label: &str) {
    let nav = s.by_role("navigation", "Views").await;
    let link = s.by_role_in(&nav, "link", label).await;
    s.click(&link).await;
    s.wait_for_js(
        &format!("the {label} view"),
        &format!(
            "const cur = document.querySelector('nav[aria-label=\"Views\"] a[aria-current=\"page\"]');\
             const h = document.querySelector('main h2');\
             return !!cur && cur.textContent.trim() === {label:?} && !!h;"
        ),
    )
    .await;
}

/// Waits until the page shows the projector theme (`on`) or the normal one.
pub async fn wait_theme(s: &Session, on: bool) {
    s.wait_for_js(
        if on {
            "the projector theme"
        } else {
            "the normal theme"
        },
        &format!("return (document.documentElement.dataset.theme === 'projector') === {on};"),
    )
    .await;
}

/// Scrolls `el` to the top of the window, just under the app's header, checks that the
/// page does not scroll sideways, and writes a screenshot to `path`.
pub async fn screenshot_at(s: &Session, el: &Element, path: &Path) {
    s.exec_js(
        "arguments[0].scrollIntoView({ block: 'start' });\
         const header = document.querySelector('.app-header');\
         window.scrollBy(0, -(header ? header.getBoundingClientRect().bottom + 8 : 0));",
        vec![el_arg(el)],
    )
    .await;
    // Two frames, so the scrolled page is painted before the picture (WebKit's driver
    // otherwise takes the one before).
    s.exec_js_async(
        "const done = arguments[arguments.length - 1];\
         requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
        vec![],
    )
    .await;
    let m = s
        .exec_js(
            "return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth };",
            vec![],
        )
        .await;
    assert!(
        m["scroll"].as_f64() <= m["inner"].as_f64().map(|i| i + 2.0),
        "the page scrolls sideways: {m} ({})",
        path.display()
    );
    s.screenshot(path).await;
    eprintln!("{m} -> {}", path.display());
}
