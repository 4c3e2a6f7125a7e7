//! Client accounts (docs/DOMAIN.md, "Roles and responsibilities": the engagement manager
//! "may manage a portfolio of accounts with several projects each"). An account is the
//! client organization made a first-class thing: its name, who owns the relationship
//! with it, and notes. Each engagement names at most one account; an account may hold
//! any number of engagements, or none yet.
//!
//! The client of an engagement is its account's name: there is no second copy of it on
//! the engagement. Typing a client on an engagement picks the account of that name (the
//! same letters, ignoring case and the spaces around), or opens a new one.

use super::ids::{AccountId, EngagementId, PersonId};
use super::input::{name, room, text};
use super::workspace::Workspace;
use super::workspace::ENGAGEMENTS_MAX;
use super::{Engagement, ModelError};
use serde::{Deserialize, Serialize};

/// The most accounts a workspace holds: one per engagement at most is the common case,
/// and a few more kept for their notes.
pub const ACCOUNTS_MAX: usize = ENGAGEMENTS_MAX;

/// A client organization (or, in-house, a department) that engagements are for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    /// The client's name, unique in the workspace ignoring case.
    pub name: String,
    /// Who owns the relationship with this client on our side (often the engagement
    /// manager of its engagements); a person of the roster.
    #[serde(default)]
    pub owner: Option<PersonId>,
    /// Free notes about the account; internal, never in a copy for the client.
    #[serde(default)]
    pub notes: String,
}

/// A change to an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountEdit {
    Name(String),
    Owner(Option<PersonId>),
    Notes(String),
}

/// The key two account names are compared by: trimmed, ignoring case.
pub fn account_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Workspace {
    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The account of this name (ignoring case and surrounding spaces), if there is one.
    pub fn account_named(&self, name: &str) -> Option<&Account> {
        let key = account_key(name);
        self.accounts.iter().find(|a| account_key(&a.name) == key)
    }

    /// The name of an engagement's client: its account's name, or "" when it has none.
    pub fn client_name(&self, e: &Engagement) -> &str {
        e.account
            .and_then(|id| self.account(id))
            .map_or("", |a| a.name.as_str())
    }

    /// The engagements of an account, in portfolio order.
    pub fn account_engagements(&self, id: AccountId) -> impl Iterator<Item = &Engagement> {
        self.engagements
            .iter()
            .filter(move |e| e.account == Some(id))
    }

    /// The account for a client typed on an engagement: none for an empty name, the
    /// account of that name if there is one, else a new account (ids from the counter).
    pub(crate) fn account_for_client(
        &mut self,
        client: &str,
    ) -> Result<Option<AccountId>, ModelError> {
        if client.trim().is_empty() {
            return Ok(None);
        }
        let client = name(client, "client")?;
        if let Some(a) = self.account_named(&client) {
            return Ok(Some(a.id));
        }
        room(self.accounts.len(), ACCOUNTS_MAX, "accounts")?;
        let id = AccountId(self.allocate()?);
        self.accounts.push(Account {
            id,
            name: client,
            owner: None,
            notes: String::new(),
        });
        Ok(Some(id))
    }

    /// Adds an account with no engagement yet.
    pub(crate) fn add_account(&mut self, account_name: &str) -> Result<(), ModelError> {
        let n = name(account_name, "account name")?;
        if let Some(a) = self.account_named(&n) {
            return Err(ModelError::DuplicateAccount(a.name.clone()));
        }
        self.account_for_client(&n).map(|_| ())
    }

    pub(crate) fn edit_account(
        &mut self,
        id: AccountId,
        edit: AccountEdit,
    ) -> Result<(), ModelError> {
        if self.account(id).is_none() {
            return Err(ModelError::UnknownAccount(id));
        }
        let value = match edit {
            AccountEdit::Name(n) => {
                let n = name(&n, "account name")?;
                if let Some(other) = self.account_named(&n).filter(|a| a.id != id) {
                    return Err(ModelError::DuplicateAccount(other.name.clone()));
                }
                AccountEdit::Name(n)
            }
            AccountEdit::Owner(Some(p)) => {
                self.person(p).ok_or(ModelError::UnknownPerson(p))?;
                AccountEdit::Owner(Some(p))
            }
            AccountEdit::Owner(None) => AccountEdit::Owner(None),
            AccountEdit::Notes(t) => AccountEdit::Notes(text(&t, "account notes")?),
        };
        let a = self
            .accounts
            .iter_mut()
            .find(|a| a.id == id)
            .expect("checked above");
        match value {
            AccountEdit::Name(n) => a.name = n,
            AccountEdit::Owner(p) => a.owner = p,
            AccountEdit::Notes(t) => a.notes = t,
        }
        Ok(())
    }

    /// Removes an account that no engagement names.
    pub(crate) fn remove_account(&mut self, id: AccountId) -> Result<(), ModelError> {
        let index = self
            .accounts
            .iter()
            .position(|a| a.id == id)
            .ok_or(ModelError::UnknownAccount(id))?;
        let held: Vec<EngagementId> = self.account_engagements(id).map(|e| e.id).collect();
        if let Some(&first) = held.first() {
            let name = self.engagement(first).map_or("", |e| e.name.as_str());
            return Err(ModelError::AccountInUse {
                account: self.accounts[index].name.clone(),
                engagement: name.to_string(),
                more: held.len() - 1,
            });
        }
        self.accounts.remove(index);
        Ok(())
    }
}
