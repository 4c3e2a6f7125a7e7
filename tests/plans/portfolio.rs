//! A portfolio of three engagements for the Portfolio view: the workshop plan (Website
//! relaunch for Harbor Retail, in euros, where Sam Ortiz is over capacity, and the
//! Orchid Bank portal, with no client recorded) and a third, the Harbor loyalty app, for
//! the same client but priced in US dollars, so totals are per currency, and without the
//! standard's quality management function (an open departure).

use super::*;

pub struct PortfolioPlan {
    pub workspace: Workspace,
    pub relaunch: EngagementId,
    pub orchid: EngagementId,
    pub loyalty: EngagementId,
    pub sam: PersonId,
}

pub fn portfolio_plan() -> PortfolioPlan {
    let ws = workshop();
    let mut w = ws.workspace;
    let loyalty = engagement(&mut w, "Harbor loyalty app", Template::InHouseProject);
    set_client(&mut w, loyalty, "Harbor Retail");
    edit(&mut w, loyalty, EngagementEdit::Currency("USD".into()));
    edit(&mut w, loyalty, EngagementEdit::Stage(Stage::Performance));
    edit(&mut w, loyalty, EngagementEdit::Pm(Some(ws.dana)));
    // It departs from the standard: no quality management function, and nobody has said why.
    let quality = function(&w, loyalty, FunctionKind::QualityManagement);
    apply(
        &mut w,
        Action::RemoveFunction {
            engagement: loyalty,
            function: quality,
        },
    );
    let delivery = function(&w, loyalty, FunctionKind::Delivery);
    assign(&mut w, loyalty, ws.lee, delivery, Raci::Accountable, 5);
    let role = rate_role(&mut w, loyalty, "Engineer", 8_000, 15_000);
    let base = worksheet(&mut w, loyalty, "Base", SellingStyle::Collaborative);
    line(&mut w, loyalty, base, "Loyalty programme", role, 40);
    PortfolioPlan {
        workspace: w,
        relaunch: ws.engagement,
        orchid: ws.other,
        loyalty,
        sam: ws.sam,
    }
}

/// Records the engagement's client account.
pub fn set_client(w: &mut Workspace, e: EngagementId, name: &str) {
    edit(w, e, EngagementEdit::Client(name.into()));
}
