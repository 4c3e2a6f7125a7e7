//! Compression of a plan for a link, in the browser: `CompressionStream('deflate-raw')`
//! and `DecompressionStream('deflate-raw')`, with the framing of [`super::link`].
//!
//! Decompression reads the stream chunk by chunk and cancels it as soon as it has
//! produced more than the link announced (at most [`super::MAX_DOCUMENT_BYTES`], the
//! limit of a file import), so a hostile link that inflates to gigabytes stops after a
//! few kilobytes past the limit instead of hanging the tab or exhausting its memory.
//!
//! web-sys puts `CompressionStream` behind its crate-wide `web_sys_unstable_apis` flag
//! (which would change other bindings the app uses), so the two constructors are
//! declared here; the streams themselves are web-sys's stable `ReadableStream` types.

use super::link::{self, LinkError};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(extends = js_sys::Object)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

const FORMAT: &str = "deflate-raw";

/// Whether this browser has `CompressionStream` (every current engine does).
pub fn available() -> bool {
    Reflect::has(&js_sys::global(), &JsValue::from_str("CompressionStream")).unwrap_or(false)
}

/// Why decompression stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// It produced more than `limit` bytes and was cancelled.
    TooLarge { limit: usize },
    /// The data is not deflate data (cut off or changed).
    Corrupt,
}

/// `bytes` compressed with raw deflate.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CompressionStream::new(FORMAT).map_err(|e| describe(&e))?;
    let readable = pipe(bytes, stream.unchecked_ref())?;
    read_all(readable, usize::MAX)
        .await
        .map_err(|_| "the browser could not compress the plan".to_string())
}

/// `bytes` decompressed, stopping with [`InflateError::TooLarge`] once the output
/// passes `limit` bytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let stream = DecompressionStream::new(FORMAT).map_err(|_| InflateError::Corrupt)?;
    let readable = pipe(bytes, stream.unchecked_ref()).map_err(|_| InflateError::Corrupt)?;
    read_all(readable, limit).await
}

/// The link fragment (`#plan=1.…`) that carries `document`.
pub async fn plan_link(document: &str) -> Result<String, String> {
    let compressed = deflate(document.as_bytes()).await?;
    Ok(link::encode(&compressed, document.len()))
}

/// The document a shared-plan payload carries (what follows `plan=`), as bytes for
/// `storage::from_bytes`: refused when incomplete, changed, of another version or too
/// large, before or while decompressing.
pub async fn read_plan_link(payload: &str) -> Result<Vec<u8>, LinkError> {
    let frame = link::decode(payload)?;
    match inflate(&frame.compressed, link::inflate_limit(&frame)).await {
        Ok(bytes) => link::check_inflated(&frame, bytes),
        // More than announced: the checksum matched, so the link was made to do this.
        Err(InflateError::TooLarge { .. }) if frame.length >= super::MAX_DOCUMENT_BYTES => {
            Err(LinkError::TooLarge {
                bytes: frame.length + 1,
            })
        }
        Err(_) => Err(LinkError::Incomplete),
    }
}

fn pipe(bytes: &[u8], transform: &ReadableWritablePair) -> Result<ReadableStream, String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(|e| describe(&e))?;
    Ok(blob.stream().pipe_through(transform))
}

async fn read_all(readable: ReadableStream, limit: usize) -> Result<Vec<u8>, InflateError> {
    let reader: ReadableStreamDefaultReader = readable.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = match JsFuture::from(reader.read()).await {
            Ok(chunk) => chunk,
            Err(_) => return Err(InflateError::Corrupt),
        };
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|d| d.is_truthy())
            .unwrap_or(true)
        {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| InflateError::Corrupt)?
            .dyn_into()
            .map_err(|_| InflateError::Corrupt)?;
        if out.len() + value.length() as usize > limit {
            // Stop the decompressor: nothing more is produced or kept. The cancel's own
            // promise is left to settle; a failure to cancel changes nothing here.
            let _ = reader.cancel();
            return Err(InflateError::TooLarge { limit });
        }
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        value.copy_to(&mut out[start..]);
    }
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}
