// Makes the built app installable and usable offline. Trunk runs it after every build
// (Trunk.toml, `[[hooks]] stage = "post_build"`) on the staging folder, which then holds
// the finished index.html and the hashed .wasm, .js and .css files. Hooks of one stage run
// side by side, so this one hook does everything, in order:
//
//   index.html                            gets its Content Security Policy (scripts/csp.mjs),
//                                         first, since the build id and the precache below
//                                         hash and cache this file
//   icon.svg, icon-192.png, icon-512.png  the app's icon, drawn from one shape list below
//                                         (the PNGs are rasterised and encoded here, with
//                                         Node's built-in zlib only)
//   manifest.webmanifest                  name, colours, icons, start URL and scope "."
//                                         (so any sub-path works) and the file handlers for
//                                         .engagement.json and .workspace.json
//   sw.js                                 the service worker: a precache of every file of
//                                         this build in a cache named after the build id
//
// The build id is a hash of every staged file's name and contents, so any change to the
// app gives a new sw.js, which is how browsers find a new version.
//
// Debug builds (`trunk serve`/`scripts/serve --dev`, TRUNK_PROFILE=debug) get a sw.js that
// removes itself and its caches: the app registers no worker in a debug build, and a
// worker left from a release build on the same address must not keep serving that old
// build while someone develops.
//
//   node scripts/pwa.mjs [folder]     (default: $TRUNK_STAGING_DIR, else dist)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { deflateSync } from 'node:zlib';
import { withPolicy } from './csp.mjs';

const root = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';

// Colours: --accent and --surface of style/main.css.
const ACCENT = '#1f5fbf';
const SURFACE = '#ffffff';
const NAME = 'Engagement Planner';

// ----- the icon ---------------------------------------------------------------------------
// On a 512 grid: a rounded square in the accent colour holding three staggered bars, a plan's
// workstreams over time.
const ICON = [
  { x: 0, y: 0, w: 512, h: 512, r: 112, fill: ACCENT },
  { x: 104, y: 132, w: 216, h: 64, r: 32, fill: SURFACE },
  { x: 184, y: 224, w: 224, h: 64, r: 32, fill: SURFACE },
  { x: 144, y: 316, w: 168, h: 64, r: 32, fill: SURFACE },
];

function iconSvg() {
  const shapes = ICON.map(
    (s) => `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`,
  ).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">\n${shapes}\n</svg>\n`;
}

function inRoundedRect(s, px, py) {
  if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r * s.r;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

// RGBA pixels of the icon at `size`, 4×4 samples a pixel for smooth edges.
function iconPixels(size) {
  const n = 4;
  const scale = 512 / size;
  const out = Buffer.alloc(size * size * 4);
  const fills = ICON.map((s) => rgb(s.fill));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = (x + (sx + 0.5) / n) * scale;
          const py = (y + (sy + 0.5) / n) * scale;
          for (let i = ICON.length - 1; i >= 0; i--) {
            if (inRoundedRect(ICON[i], px, py)) {
              r += fills[i][0]; g += fills[i][1]; b += fills[i][2]; a += 1;
              break;
            }
          }
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
      }
      out[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const pixels = iconPixels(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // no filter
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ----- the manifest -----------------------------------------------------------------------
const manifest = {
  name: NAME,
  short_name: 'Planner',
  description: 'Plan engagements in your browser: roles, governance, expectations and pricing.',
  start_url: '.',
  scope: '.',
  display: 'standalone',
  background_color: SURFACE,
  theme_color: ACCENT,
  icons: [
    { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
  ],
  // The names `storage::file_name_for` gives exported documents.
  file_handlers: [
    {
      action: '.',
      accept: { 'application/json': ['.engagement.json', '.workspace.json'] },
    },
  ],
};

// ----- the service worker -----------------------------------------------------------------
// Cache-first for every file of the build, index.html included: a page always runs the
// build its worker holds, whole. A new build is a new sw.js; it installs beside the running
// one and waits, the page offers "Reload to update", and the page's Reload (after saving
// the plan) asks it to take over ("skip-waiting") and reloads when it has. A network-first
// index.html would instead start a new build under the old worker and then announce as new
// the version already running.
function serviceWorker(build, files) {
  return `// Engagement Planner's service worker, written by scripts/pwa.mjs for one build.
const BUILD = ${JSON.stringify(build)};
const FILES = ${JSON.stringify(files, null, 2)};
// Caches are shared by every app of an origin: this app's are named after its scope.
const PREFIX = 'engagement-planner ' + self.registration.scope + ' ';
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        FILES.map((file) => {
          const url = new URL(file, self.registration.scope).href;
          // A hashed name never changes its contents, so the copy the page just loaded
          // (the HTTP cache) will do; every other file is fetched afresh.
          const hashed = /-[0-9a-f]{8,}(_bg)?\\.(wasm|js|css)$/.test(file);
          return fetch(url, { cache: hashed ? 'default' : 'reload' }).then((response) => {
            if (!response.ok) throw new Error(file + ': ' + response.status);
            return cache.put(url, response);
          });
        }),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'skip-waiting') self.skipWaiting();
  if (data.type === 'build' && event.ports[0]) event.ports[0].postMessage(BUILD);
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const key = request.mode === 'navigate' ? INDEX : request.url.split('#')[0];
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: request.mode === 'navigate' }))
      .then((hit) => hit || fetch(request)),
  );
});
`;
}

const RETIRE = `// Debug builds register no service worker; this one removes a release build's worker and
// caches left at the same address (written by scripts/pwa.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  const prefix = 'engagement-planner ' + self.registration.scope + ' ';
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(prefix)).map((k) => caches.delete(k))))
      .then(() => self.registration.unregister()),
  );
});
`;

// ----- write ------------------------------------------------------------------------------
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const page = join(root, 'index.html');
const secured = withPolicy(readFileSync(page, 'utf8'));
writeFileSync(page, secured.html);

writeFileSync(join(root, 'icon.svg'), iconSvg());
writeFileSync(join(root, 'icon-192.png'), png(192));
writeFileSync(join(root, 'icon-512.png'), png(512));
writeFileSync(join(root, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');

const files = walk(root)
  .map((p) => relative(root, p).split(sep).join('/'))
  .filter((name) => name !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const name of files) {
  hash.update(name + '\0');
  hash.update(readFileSync(join(root, name)));
  hash.update('\0');
}
const build = hash.digest('hex').slice(0, 16);
// index.html is cached as the scope's page; "./" itself is answered from it.
writeFileSync(join(root, 'sw.js'), release ? serviceWorker(build, files) : RETIRE);
console.log(`pwa.mjs: Content-Security-Policy with ${secured.scripts} inline script hash(es)`);
console.log(`pwa.mjs: ${release ? `build ${build}, ${files.length} files precached` : 'debug build, no offline cache'}`);
