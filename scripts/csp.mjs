// The page's Content Security Policy, put into the built index.html by scripts/pwa.mjs (the
// post_build hook) before anything hashes or caches that file.
//
// The policy is a <meta http-equiv="Content-Security-Policy"> placed right after
// <meta charset>, ahead of every script and stylesheet, so it governs the whole page (a meta
// policy does not apply to what comes before it). Static hosts need no header for it.
//
//   default-src 'self'                 everything else (images, the manifest, the service
//                                      worker, fonts, frames) from the app's own address
//   script-src 'self' 'wasm-unsafe-eval' 'sha256-…'
//                                      the build's JavaScript files, compiling the app's
//                                      WebAssembly, and the inline scripts of this build by
//                                      their hashes: Trunk's module loader (whose text names
//                                      the hashed files, so it is hashed here, after Trunk
//                                      wrote it) and, under `trunk serve`, Trunk's reload
//                                      script
//   style-src 'self'                   the build's stylesheets only: no <style> element and
//                                      no style attribute (the app positions and sizes
//                                      through the CSSOM, which the policy allows)
//   object-src 'none'; base-uri 'none'; form-action 'none'
//   connect-src 'self'                 the preloaded .wasm, the worker's fetches (and the
//                                      reload socket of `trunk serve`, same host)
import { createHash } from 'node:crypto';

/// The directives; `scripts` are the inline scripts' sources ('sha256-…').
export function policy(scripts) {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scripts].join(' '),
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "connect-src 'self'",
  ].join('; ');
}

// Trunk's reload script (only under `trunk serve`) holds two placeholders that the dev server
// replaces in every index.html it serves, with the request's Host header and the socket's base
// path; a hash taken now would not match the served text. They are replaced here with what
// the browser knows itself (the host of the page, the folder of the page, which is the serve
// base where Trunk puts the socket by default), so the served text is the hashed text.
const RELOAD_HOST = /'\{\{__TRUNK_ADDRESS__\}\}'|`\{\{__TRUNK_ADDRESS__\}\}`/g;
const RELOAD_BASE = /'\{\{__TRUNK_WS_BASE__\}\}'/g;
function settleReloadScript(text) {
  return text
    .replace(RELOAD_HOST, 'window.location.host')
    .replace(RELOAD_BASE, "window.location.pathname.replace(/[^/]*$/, '')");
}

const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi;

const OURS = /\n?[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/;

/// The page with its policy (a policy written here before is replaced, so running the hook
/// again on a finished build is harmless); throws when the page has a policy of another
/// origin or no <meta charset>.
export function withPolicy(html) {
  const page = settleReloadScript(html.replace(OURS, ''));
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(page)) {
    throw new Error('index.html already has a Content-Security-Policy of its own');
  }
  const hashes = [];
  for (const [, attrs = '', body] of page.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const digest = createHash('sha256').update(body, 'utf8').digest('base64');
    const source = `'sha256-${digest}'`;
    if (!hashes.includes(source)) hashes.push(source);
  }
  const charset = /<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i.exec(page);
  if (!charset) throw new Error('index.html has no <meta charset="utf-8"> to put the policy after');
  const at = charset.index + charset[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${policy(hashes)}" />`;
  return { html: page.slice(0, at) + meta + page.slice(at), scripts: hashes.length };
}
