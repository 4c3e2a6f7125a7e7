// Prints the shipped sizes of a build folder's .wasm, .js and .css files: raw, gzip -9 and
// brotli (quality 11), using only Node's built-in zlib.
//   node scripts/sizes.mjs [dist] [--against other-dist]
// With --against, also prints the other build's brotli total and the ratio of the two (the
// benchmark compares the app with a blank Yew app built the same way, bench/blank-yew).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? args.splice(againstAt, 2)[1] : null;
const root = args[0] || 'dist';
const kinds = new Set(['.wasm', '.js', '.css']);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const measure = (dir) => walk(dir)
  .filter((p) => kinds.has(extname(p)))
  .sort()
  .map((p) => {
    const data = readFileSync(p);
    const brotli = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]:
          extname(p) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    return {
      file: relative(root, p),
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotli.length,
    };
  });

const rows = measure(root);
if (rows.length === 0) {
  console.log(`no .wasm/.js/.css files under ${root}`);
  process.exit(0);
}

const total = rows.reduce(
  (t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
const fmt = (n) => n.toLocaleString('en-US');
const width = Math.max(5, ...rows.map((r) => r.file.length));
const line = (f, a, b, c) =>
  `${f.padEnd(width)}  ${String(a).padStart(10)}  ${String(b).padStart(10)}  ${String(c).padStart(10)}`;
console.log(line('file', 'raw', 'gzip -9', 'brotli'));
for (const r of [...rows, total]) console.log(line(r.file, fmt(r.raw), fmt(r.gzip), fmt(r.brotli)));

if (against) {
  const other = measure(against).reduce((t, r) => t + r.brotli, 0);
  console.log(
    `${against}: ${fmt(other)} brotli in all; ${root} is ${(total.brotli / other).toFixed(2)}x that`,
  );
}
