//! A plan carried in a link: the framing of `#plan=1.<base64url>` (pure, host-tested).
//!
//! The link's fragment (the part after `#`, which the browser never sends to a server)
//! holds one engagement document, compressed ([`super::compress`] does that in the
//! browser with `CompressionStream('deflate-raw')`) and framed so that a link cut off by
//! a mail program or changed on the way is recognised before anything is read:
//!
//! ```text
//! #plan=1.<base64url of: length (4 bytes, big-endian) ‖ CRC-32 (4 bytes) ‖ compressed>
//! ```
//!
//! - `1` is the link format's version: a link of another version is refused in words.
//! - `length` is the document's size in bytes before compression: a link announcing
//!   more than [`MAX_DOCUMENT_BYTES`] (the largest file the app opens) is refused without
//!   decompressing it, and decompression stops at the announced length, so a small link
//!   that would inflate to gigabytes cannot exhaust memory.
//! - The CRC-32 (IEEE, as zip and PNG use it) covers the length and the compressed bytes,
//!   so a truncated or altered link fails here, before decompression.
//!
//! What the link decodes to is then read like a file, with the same complete validation
//! (`storage::from_bytes`).

use super::MAX_DOCUMENT_BYTES;
use crate::model::describe;
use std::fmt;

/// What starts the fragment of a link that carries a plan (after the `#`).
pub const PLAN_KEY: &str = "plan=";

/// The link format this build writes and reads.
pub const LINK_VERSION: u32 = 1;

/// Bytes of framing before the compressed document: its length and the checksum.
pub const HEADER_BYTES: usize = 8;

/// Longest fragment read at all, in characters: what the largest document could take
/// if it did not compress at all (base64 makes 4 characters of 3 bytes), plus the
/// framing. Anything longer is refused before it is decoded.
pub const MAX_FRAGMENT_CHARS: usize = (MAX_DOCUMENT_BYTES + HEADER_BYTES).div_ceil(3) * 4 + 64;

/// Above this many characters, a whole link is likely to be broken by mail programs;
/// the dialog says so and offers the file instead.
pub const LONG_LINK_CHARS: usize = 2_000;

/// Why a link's plan could not be read. `Display` is for the person who opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Cut off, or changed on the way: the frame does not decode, its checksum does not
    /// match, or the decompressed plan is not the length the link announced.
    Incomplete,
    /// Made by a version of the app that writes another link format.
    OtherVersion { found: String },
    /// Announces (or inflates to) a plan larger than the app opens.
    TooLarge { bytes: usize },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Incomplete => write!(
                f,
                "This link is incomplete — it may have been cut off by the mail program, or changed on the way. Ask the sender for the file instead."
            ),
            LinkError::OtherVersion { found } => write!(
                f,
                "This link was made by a different version of Engagement Planner (its link format is “{found}”; this version reads format {LINK_VERSION}). Ask the sender for the file instead."
            ),
            LinkError::TooLarge { bytes } => write!(
                f,
                "This link holds a plan of {} bytes, and Engagement Planner opens plans of up to {} bytes. Ask the sender for the file instead.",
                describe::thousands(*bytes as u128),
                describe::thousands(MAX_DOCUMENT_BYTES as u128)
            ),
        }
    }
}

/// A frame that passed its checks: the compressed document and its announced length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The document's length in bytes before compression (at most [`MAX_DOCUMENT_BYTES`]).
    pub length: usize,
    pub compressed: Vec<u8>,
}

/// The payload of a shared-plan fragment (what follows `plan=`), if `hash` is one.
/// `hash` may start with `#`. Never a view's address: those start with `/`.
pub fn plan_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix(PLAN_KEY)
}

/// The fragment (with its `#`) that carries `compressed`, the compressed form of a
/// document of `length` bytes.
pub fn encode(compressed: &[u8], length: usize) -> String {
    let mut frame = Vec::with_capacity(HEADER_BYTES + compressed.len());
    let length = u32::try_from(length).unwrap_or(u32::MAX);
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(&checksum(length, compressed).to_be_bytes());
    frame.extend_from_slice(compressed);
    format!("#{PLAN_KEY}{LINK_VERSION}.{}", base64url_encode(&frame))
}

/// Reads the frame of a shared-plan payload (what [`plan_fragment`] returns): checks the
/// version, the size, the encoding and the checksum. The compressed bytes are not
/// decompressed here.
pub fn decode(payload: &str) -> Result<Frame, LinkError> {
    if payload.len() > MAX_FRAGMENT_CHARS {
        // Larger than even an uncompressed document of the largest size would make.
        return Err(LinkError::TooLarge {
            bytes: payload.len() / 4 * 3,
        });
    }
    let (version, data) = payload.split_once('.').ok_or(LinkError::Incomplete)?;
    if version != LINK_VERSION.to_string() {
        return Err(if version.is_empty() || version.len() > 8 {
            LinkError::Incomplete
        } else {
            LinkError::OtherVersion {
                found: version.to_string(),
            }
        });
    }
    let frame = base64url_decode(data).ok_or(LinkError::Incomplete)?;
    if frame.len() < HEADER_BYTES {
        return Err(LinkError::Incomplete);
    }
    let length = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
    let sum = u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]);
    let compressed = &frame[HEADER_BYTES..];
    if checksum(length, compressed) != sum {
        return Err(LinkError::Incomplete);
    }
    let length = length as usize;
    if length > MAX_DOCUMENT_BYTES {
        return Err(LinkError::TooLarge { bytes: length });
    }
    Ok(Frame {
        length,
        compressed: compressed.to_vec(),
    })
}

/// Checks what decompression gave against the frame: exactly the announced length.
pub fn check_inflated(frame: &Frame, inflated: Vec<u8>) -> Result<Vec<u8>, LinkError> {
    if inflated.len() == frame.length {
        Ok(inflated)
    } else {
        Err(LinkError::Incomplete)
    }
}

/// The most bytes decompression may produce for `frame` before it is stopped: one more
/// than announced (so a frame that inflates to more is caught), never more than
/// [`MAX_DOCUMENT_BYTES`] + 1.
pub fn inflate_limit(frame: &Frame) -> usize {
    frame.length.min(MAX_DOCUMENT_BYTES) + 1
}

fn checksum(length: u32, compressed: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(&length.to_be_bytes());
    crc.update(compressed);
    crc.finish()
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip and PNG compute it.
pub struct Crc32(u32);

impl Crc32 {
    pub fn new() -> Crc32 {
        Crc32(0xFFFF_FFFF)
    }

    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u32::from(b);
            for _ in 0..8 {
                let mask = (self.0 & 1).wrapping_neg();
                self.0 = (self.0 >> 1) ^ (0xEDB8_8320 & mask);
            }
        }
    }

    pub fn finish(&self) -> u32 {
        !self.0
    }
}

impl Default for Crc32 {
    fn default() -> Self {
        Crc32::new()
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finish()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): every character is safe in a URL fragment.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding, strictly: `None` for any other character, a length
/// no encoding produces, or stray bits in the last character (a changed link).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let len = chunk.len() - 1;
        // The bits below the last whole byte must be zero in a canonical encoding.
        if n & ((1u32 << (24 - 8 * len)) - 1) != 0 {
            return None;
        }
        for i in 0..len {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
