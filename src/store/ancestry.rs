//! The ancestry of a submission: what it held at its last exchange (its base) and the
//! revisions that led there, which is how an import tells an older file from a newer one.

use super::packed::{pack, unpack};
use super::{SubmissionId, now};
use crate::exchange::{Content, revision};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::BTreeSet;

/// What the submission held at its last exchange, and the history that led there.
pub(super) struct Base {
    pub content: Content,
    pub revision: String,
    /// Every earlier revision, without `revision` itself.
    pub ancestors: BTreeSet<String>,
}

impl Base {
    /// Every revision the submission here descends from, the base's own included.
    pub(super) fn known(&self) -> BTreeSet<String> {
        let mut all = self.ancestors.clone();
        all.insert(self.revision.clone());
        all
    }
}

pub(super) fn base_in(conn: &Connection, id: SubmissionId) -> rusqlite::Result<Option<Base>> {
    let row: Option<(Vec<u8>, Option<String>, String)> = conn
        .query_row(
            "SELECT content, revision, ancestors FROM exchanges WHERE submission_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((content, stored, ancestors)) = row else {
        return Ok(None);
    };
    // A base that does not read is as good as none: the import then cannot tell who changed
    // what and reports a conflict, which never overwrites anything.
    let Some(content) = unpack_content(&content) else {
        return Ok(None);
    };
    let revision = stored.unwrap_or_else(|| revision("", &content));
    let ancestors = serde_json::from_str(&ancestors).unwrap_or_default();
    Ok(Some(Base {
        content,
        revision,
        ancestors,
    }))
}

/// The revision of what the submission holds now: the base's while nothing changed since the
/// last exchange, else a new one made from it.
pub(super) fn current_revision(base: Option<&Base>, content: &Content) -> String {
    match base {
        Some(b) if b.content == *content => b.revision.clone(),
        Some(b) => revision(&b.revision, content),
        None => revision("", content),
    }
}

pub(super) fn set_base(
    tx: &Transaction,
    id: SubmissionId,
    content: &Content,
    revision: &str,
    ancestors: impl IntoIterator<Item = String>,
) -> rusqlite::Result<()> {
    let ancestors: BTreeSet<String> = ancestors.into_iter().filter(|r| r != revision).collect();
    let ancestors = serde_json::to_string(&ancestors).expect("a set of strings serialises");
    tx.execute(
        "INSERT INTO exchanges (submission_id, content, at, revision, ancestors)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (submission_id) DO UPDATE SET content = excluded.content, at = excluded.at,
                                                   revision = excluded.revision,
                                                   ancestors = excluded.ancestors",
        params![id, pack(&content.to_json()), now(), revision, ancestors],
    )?;
    Ok(())
}

/// A stored base; `None` if it does not read.
fn unpack_content(stored: &[u8]) -> Option<Content> {
    serde_json::from_slice(&unpack(stored)?).ok()
}
