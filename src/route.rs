//! The address of a view: `#/roles/12` is the Roles view of engagement 12.
//!
//! Pure, so the app (which follows and writes the address) and the header (which links
//! to each view) share one reading of it without either importing the other, and it is
//! tested on the host.

use crate::model::assessment::View;
use crate::model::EngagementId;

/// The part of the address after `#`: `#/roles/12` is the Roles view of engagement 12.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Route {
    pub view: View,
    pub engagement: Option<EngagementId>,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let mut parts = hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .split('/');
        let view = parts
            .next()
            .and_then(|slug| View::ALL.into_iter().find(|v| view_slug(*v) == slug))
            .unwrap_or(View::Overview);
        let engagement = parts
            .next()
            .filter(|_| view != View::Portfolio)
            .and_then(|id| id.parse().ok())
            .map(EngagementId);
        Route { view, engagement }
    }

    /// The address the app starts on: the one it was opened with, or, when it was opened
    /// without one, the Portfolio for a workspace of more than one engagement (and the
    /// Overview otherwise).
    pub fn at_start(hash: &str, engagements: usize) -> Route {
        let bare = hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .is_empty();
        if bare && engagements > 1 {
            return Route {
                view: View::Portfolio,
                engagement: None,
            };
        }
        Route::parse(hash)
    }

    /// The address; the Portfolio is the workspace's, so it names no engagement.
    pub fn to_hash(self) -> String {
        match self.engagement.filter(|_| self.view != View::Portfolio) {
            Some(id) => format!("#/{}/{}", view_slug(self.view), id),
            None => format!("#/{}", view_slug(self.view)),
        }
    }
}

/// The address name of a view.
pub fn view_slug(view: View) -> &'static str {
    match view {
        View::Portfolio => "portfolio",
        View::Overview => "overview",
        View::People => "people",
        View::Roles => "roles",
        View::Governance => "governance",
        View::Expectations => "expectations",
        View::Pricing => "pricing",
        View::Health => "health",
    }
}
