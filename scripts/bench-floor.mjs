/**
 * The parse floor of the benchmark: the time the `yaml` package alone needs to `parseAllDocuments`
 * every manifest below a folder, with the linter's own options (PARSE_OPTIONS of
 * src/languages/yaml/parse.ts, from its build in dist/: YAML 1.1, repeated keys allowed, the
 * go-yaml v2 tag set). Files are read and decoded before the clock starts. By default
 * each file's documents are dropped once parsed (the parse alone); with --keep they are all kept
 * to the end, as the linter does today to relate objects across files (the extra is GC time).
 * Usage: node scripts/bench-floor.mjs <dir> [--keep]   (prints one line of JSON)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../dist/src/languages/yaml/parse.js';
import { corpusFiles } from './bench-corpus.mjs';

const dir = process.argv[2];
const keep = process.argv.includes('--keep');
if (!dir) {
  console.error('usage: node scripts/bench-floor.mjs <dir> [--keep]');
  process.exit(2);
}
const decoder = new TextDecoder('utf-8', { fatal: true });
const texts = corpusFiles(dir).map((path) => decoder.decode(readFileSync(join(dir, path))));
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

const kept = [];
let documents = 0;
const start = process.hrtime.bigint();
for (const text of texts) {
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const document of list) if (document.contents !== null) documents++;
  if (keep) kept.push(list);
}
const parseMs = Number(process.hrtime.bigint() - start) / 1e6;

console.log(JSON.stringify({ parseMs, keep, files: texts.length, documents, bytes, maxRssKB: process.resourceUsage().maxRSS }));
