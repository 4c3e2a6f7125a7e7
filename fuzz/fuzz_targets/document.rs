//! Reading a document: any bytes handed to `storage::from_bytes`, the path of an
//! imported file, a plan kept in the browser and a plan from a link. Older versions go
//! through the migrations (the seeds include a file of every version, `tests/fixtures/`).
//!
//! Checks: nothing panics; a refusal has a message and details, none of them in serde's
//! words; a document that is read is valid, and saving it and reading it back gives the
//! same workspace (a whole workspace, and one engagement as an engagement file).
#![no_main]

use engagement_planner::storage::{
    engagement_to_json, engagement_workspace, from_bytes, from_json, to_json, DocumentKind,
};
use libfuzzer_sys::fuzz_target;

/// Phrases only serde writes: a refusal that shows one was not put in the reader's words.
const SERDE_WORDS: &[&str] = &[
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
    "expected struct ",
    "unknown field `",
    "missing field `",
    "duplicate field `",
    "unknown variant `",
];

fuzz_target!(|data: &[u8]| {
    let loaded = match from_bytes(data) {
        Ok(loaded) => loaded,
        Err(refusal) => {
            let message = refusal.to_string();
            assert!(
                !message.trim().is_empty(),
                "a refusal without words: {refusal:?}"
            );
            let details = refusal.details();
            assert!(
                !details.is_empty(),
                "a refusal without details: {refusal:?}"
            );
            for line in std::iter::once(&message).chain(&details) {
                for words in SERDE_WORDS {
                    assert!(
                        !line.contains(words),
                        "serde's words reached the reader: {line}"
                    );
                }
            }
            return;
        }
    };
    let w = &loaded.workspace;
    if let Err(problems) = w.validate() {
        panic!("a document was read but is not valid: {problems:?}");
    }
    if loaded.kind == DocumentKind::Engagement {
        assert_eq!(
            w.engagements.len(),
            1,
            "an engagement file read with other than one engagement"
        );
    }

    // Saved as a workspace, it reads back the same.
    let saved = to_json(w, loaded.saved_at.as_deref());
    let again = match from_json(&saved) {
        Ok(again) => again,
        Err(refusal) => panic!("the app refuses what it wrote: {refusal}\n{saved}"),
    };
    assert_eq!(again.kind, DocumentKind::Workspace);
    assert_eq!(again.migrated_from, None);
    assert_eq!(
        &again.workspace, w,
        "saving and reading back changed the workspace"
    );
    assert_eq!(again.saved_at, loaded.saved_at);

    // Each engagement exported on its own reads back as that engagement with its people.
    for e in &w.engagements {
        let part = engagement_workspace(w, e.id).expect("the engagement is there");
        let file = engagement_to_json(w, e.id, None).expect("the engagement is there");
        match from_json(&file) {
            Ok(read) => {
                assert_eq!(read.kind, DocumentKind::Engagement);
                assert_eq!(
                    read.workspace, part,
                    "an exported engagement reads back changed"
                );
            }
            Err(refusal) => panic!("the app refuses an engagement it exported: {refusal}\n{file}"),
        }
    }
});
