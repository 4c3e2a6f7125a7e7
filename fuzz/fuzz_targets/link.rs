//! A link's fragment: the framing of `#plan=1.<base64url>` (version, length, CRC-32),
//! which is pure Rust. Decompression is the browser's (`CompressionStream`), so it is
//! not here; what a link decompresses to is read like a file, which the `document`
//! target covers.
//!
//! The first byte picks the mode. Mode 0: the rest is the address's fragment as typed
//! or pasted. Mode 1: the rest is framed as the app frames a plan (so that the checksum
//! is right and the reader gets past it), then one character of the link is changed.
//!
//! Checks: nothing panics; a refusal has words; a frame that is read has a length within
//! the limit, frames back to exactly the fragment it was read from (one encoding per
//! plan, so a changed link cannot read as the same plan), decompression is held to its
//! announced length; the base64url codec gives back what it was given; and a link with
//! one character changed is refused as incomplete, never read.
#![no_main]

use engagement_planner::storage::link::{
    base64url_decode, base64url_encode, check_inflated, crc32, decode, encode, inflate_limit,
    plan_fragment, Crc32, LinkError, PLAN_KEY,
};
use engagement_planner::storage::MAX_DOCUMENT_BYTES;
use libfuzzer_sys::fuzz_target;

/// Checks one fragment; returns whether it was read.
fn read(fragment: &str) -> bool {
    let Some(payload) = plan_fragment(fragment) else {
        return false;
    };
    match decode(payload) {
        Ok(frame) => {
            assert!(frame.length <= MAX_DOCUMENT_BYTES);
            assert_eq!(
                encode(&frame.compressed, frame.length),
                format!("#{PLAN_KEY}{payload}"),
                "a link read that the app would not have written so"
            );
            let limit = inflate_limit(&frame);
            assert_eq!(limit, frame.length + 1);
            let exact = vec![0u8; frame.length];
            assert_eq!(check_inflated(&frame, exact.clone()), Ok(exact));
            assert_eq!(
                check_inflated(&frame, vec![0u8; limit]),
                Err(LinkError::Incomplete)
            );
            true
        }
        Err(refusal) => {
            assert!(!refusal.to_string().trim().is_empty());
            false
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };

    // The codec alone, both ways.
    let text = base64url_encode(rest);
    assert_eq!(base64url_decode(&text).as_deref(), Some(rest));
    if let Ok(typed) = std::str::from_utf8(rest) {
        if let Some(bytes) = base64url_decode(typed) {
            assert_eq!(
                base64url_encode(&bytes),
                typed,
                "two encodings read as the same bytes"
            );
        }
    }
    // The checksum in pieces is the checksum of the whole.
    let cut = usize::from(mode) % (rest.len() + 1);
    let mut crc = Crc32::new();
    crc.update(&rest[..cut]);
    crc.update(&rest[cut..]);
    assert_eq!(crc.finish(), crc32(rest));

    if mode % 2 == 0 {
        if let Ok(fragment) = std::str::from_utf8(rest) {
            read(fragment);
        }
        return;
    }

    // A link as the app writes it: read back exactly.
    let (length, compressed) = match rest {
        [a, b, c, tail @ ..] => (usize::from_be_bytes([0, 0, 0, 0, 0, *a, *b, *c]), tail),
        _ => (rest.len(), rest),
    };
    let fragment = encode(compressed, length);
    let payload = plan_fragment(&fragment).expect("the app's link carries a plan");
    match decode(payload) {
        Ok(frame) => {
            assert_eq!((frame.length, &frame.compressed[..]), (length, compressed));
            assert!(read(&fragment));
        }
        Err(refusal) => {
            assert_eq!(
                refusal,
                LinkError::TooLarge { bytes: length },
                "the app's own link refused"
            );
            assert!(length > MAX_DOCUMENT_BYTES);
        }
    }

    // One character changed on the way (anywhere after `#plan=`): never read. A CRC-32
    // detects every change of up to 32 bits in a row, and a character is 6 bits.
    let chars: Vec<char> = fragment.chars().collect();
    let at = 1 + PLAN_KEY.len() + usize::from(mode / 2) % (chars.len() - 1 - PLAN_KEY.len());
    let replacement = match rest.last() {
        Some(&b) => char::from(b),
        None => 'A',
    };
    if replacement == chars[at] {
        return;
    }
    let mut changed = chars;
    changed[at] = replacement;
    let changed: String = changed.into_iter().collect();
    assert!(
        !read(&changed),
        "a link with one character changed was read: {changed}"
    );
});
