// Prints the gzipped size of the JavaScript the first screen loads (the entry and what index.html preloads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('./dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of scripts) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
const budget = 200 * 1024;
console.log(`console first screen: ${(total / 1024).toFixed(1)} KB of JavaScript gzipped (budget ${budget / 1024} KB)`);
if (total > budget) {
  console.error('The first screen is over its budget.');
  process.exit(1);
}
