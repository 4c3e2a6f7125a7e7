// Where the shipped wasm's bytes go: reads `twiggy top --format csv` of the release wasm
// optimised like the shipped one but with its names kept (wasm-opt -Oz -g), and prints the
// bytes per part of the app, the biggest functions, and the code compiled more than once
// (the same generic function for several types). Figures are of the uncompressed code;
// brotli shrinks repeated code far more than unique code.
//
//   node scripts/wasm-breakdown.mjs twiggy-top.csv
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/wasm-breakdown.mjs <twiggy top --format csv output>");
  process.exit(2);
}

// A minimal CSV reader: twiggy quotes a name that holds a comma.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") {
      field += c;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
const nameAt = header.indexOf("Name");
const sizeAt = header.indexOf("ShallowSize");
const items = rows
  .filter((r) => r.length > sizeAt)
  .map((r) => ({ name: r[nameAt], size: Number(r[sizeAt]) }))
  .filter((i) => !/function names|^name$|custom section/.test(i.name));

// Parts, first match wins.
const PARTS = [
  ["our components (Yew function components' bodies)", /CompStateInner|FunctionProvider|engagement_planner::components::/],
  ["sorting (core::slice::sort)", /core[^:]*::slice::sort/],
  ["reading and writing files (serde, serde_json)", /serde|engagement_planner::storage::(shape|from_json|to_json|document)/],
  ["the model (engagement_planner::model)", /engagement_planner::model::/],
  ["views of the model (engagement_planner::view)", /engagement_planner::view::/],
  ["storage and the browser's APIs (engagement_planner::storage)", /engagement_planner::storage::/],
  ["the app shell (engagement_planner::app)", /engagement_planner::app/],
  ["Yew (virtual DOM, scheduler, events)", /\byew::|implicit_clone/],
  ["wasm-bindgen, js-sys, web-sys, gloo (bindings)", /wasm_bindgen|js_sys|web_sys|gloo|^import/],
  ["collections (BTreeMap, HashMap, Vec)", /btree|hashbrown|alloc[^:]*::vec|alloc[^:]*::collections/],
  ["text formatting (core::fmt)", /core[^:]*::fmt|alloc[^:]*::fmt|float_to_decimal|flt2dec|dragon|grisu/],
  ["dropping values (drop_in_place)", /drop_in_place/],
  ["data (strings, tables)", /^data\[|^data segment/],
  ["memory allocator (dlmalloc)", /dlmalloc/],
];

const total = items.reduce((s, i) => s + i.size, 0);
const parts = new Map(PARTS.map(([label]) => [label, 0]));
parts.set("other (core, alloc, std and unnamed)", 0);
for (const item of items) {
  const part = PARTS.find(([, re]) => re.test(item.name));
  const label = part ? part[0] : "other (core, alloc, std and unnamed)";
  parts.set(label, parts.get(label) + item.size);
}

const n = (x) => x.toLocaleString("en-US");
const pct = (x) => ((100 * x) / total).toFixed(1).padStart(5) + " %";
console.log(`wasm, optimised with names kept: ${n(total)} bytes`);
console.log();
console.log("part of the app".padEnd(62) + "bytes".padStart(11) + "   share");
for (const [label, size] of [...parts].sort((a, b) => b[1] - a[1])) {
  console.log(label.padEnd(62) + n(size).padStart(11) + pct(size).padStart(10));
}

// Generic code compiled more than once: the same path with a different hash.
const stem = (name) => name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
const copies = new Map();
for (const item of items) {
  const key = stem(item.name);
  const c = copies.get(key) ?? { count: 0, size: 0 };
  c.count += 1;
  c.size += item.size;
  copies.set(key, c);
}
console.log();
console.log("compiled more than once (copies, bytes in all)");
for (const [key, c] of [...copies].filter(([, c]) => c.count > 1).sort((a, b) => b[1].size - a[1].size).slice(0, 12)) {
  console.log(`${String(c.count).padStart(5)} ${n(c.size).padStart(9)}  ${key.slice(0, 110)}`);
}

console.log();
console.log("largest single items");
for (const item of [...items].sort((a, b) => b.size - a.size).slice(0, 15)) {
  console.log(`${n(item.size).padStart(9)}  ${stem(item.name).slice(0, 116)}`);
}
