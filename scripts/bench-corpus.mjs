/**
 * Builds the benchmark corpora: the files of the shared corpus (`../shared/corpus`, without its
 * raw Helm templates) cycled to an exact number of YAML documents. The first pass copies the files
 * byte for byte; every later pass writes a deterministic variant of each file (seeded PRNG, never
 * Math.random) into its own directory, with replicas and probe timings changed. By default its
 * objects are also renamed and moved to a per-copy namespace: relations inside a copy (a PDB and
 * its Deployment, an HPA and its target) survive the renaming, and copies do not select each
 * other's pods, as in a monorepo of many teams. With `repeatNames` the names and namespaces stay
 * as they are, so every copy's objects share kind, namespace and name with the other copies', as
 * the overlays of one base render them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** mulberry32: a small, fast, seeded PRNG; returns a function giving floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every *.yaml / *.yml file below `dir` (sorted, relative to it), skipping `_helm_templates`. */
export function corpusFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '_helm_templates' && entry.name !== 'node_modules' && entry.name !== '.git') walk(full);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        found.push(relative(dir, full));
      }
    }
  };
  walk(dir);
  return found;
}

/** The files of the source corpus with their text and number of (non-empty) documents. */
export function loadSource(dir) {
  return corpusFiles(dir)
    .map((path) => {
      const text = readFileSync(join(dir, path), 'utf8');
      const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, strict: false });
      const list = Array.isArray(docs) ? docs : [docs];
      return { path, text, documents: list.filter((d) => d.contents !== null).length };
    })
    .filter((f) => f.documents > 0);
}

const PROBE_FIELDS = {
  initialDelaySeconds: [0, 300],
  periodSeconds: [1, 30],
  timeoutSeconds: [1, 10],
  failureThreshold: [1, 10],
};

/**
 * Copy `copy` (≥ 1) of a file: top-level `metadata.name` values get a `-cN` suffix (and so does
 * every `name:` elsewhere in the file that named one of them: scaleTargetRef, backends), every
 * object goes to namespace `<ns>-cN` (or `bench-cN` when it named none), `replicas` and probe
 * timings take random values. Only whole-line scalar edits and one inserted line per object, so
 * the YAML structure and the line layout of the original are kept. With `renames: false` only
 * `replicas` and the probe timings change: the objects keep their names and namespaces.
 */
export function variant(text, copy, random, { renames = true } = {}) {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const { lines: renamed, names } = renames ? renameObjects(lines, `-c${copy}`) : { lines, names: new Set() };
  return renamed.map((line) => varyLine(line, names, `-c${copy}`, random)).join(eol);
}

/**
 * Suffixes every top-level object's `metadata.name` and `metadata.namespace` (inserting
 * `namespace: bench<suffix>` where there is none); returns the lines and the original names.
 */
function renameObjects(lines, suffix) {
  const names = new Set();
  const out = [];
  let inMetadata = false;
  let metadataIndent = '';
  let sawNamespace = false;
  let metadataAt = -1;

  const closeMetadata = () => {
    if (inMetadata && !sawNamespace && metadataIndent) out.splice(metadataAt + 1, 0, `${metadataIndent}namespace: bench${suffix}`);
    inMetadata = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\S/.test(line) && !line.startsWith('#')) closeMetadata();
    if (/^metadata:\s*(#.*)?$/.test(line)) {
      inMetadata = true;
      sawNamespace = false;
      metadataAt = out.length;
      const child = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')) ?? '';
      metadataIndent = /^(\s+)\S/.exec(child)?.[1] ?? '';
      out.push(line);
      continue;
    }
    if (inMetadata && metadataIndent) {
      const field = new RegExp(`^${metadataIndent}(name|namespace):\\s*(["']?)([^"'#\\s]+)\\2\\s*$`).exec(line);
      if (field) {
        const [, key, quote, value] = field;
        if (key === 'name') names.add(value);
        else sawNamespace = true;
        out.push(`${metadataIndent}${key}: ${quote}${value}${suffix}${quote}`);
        continue;
      }
      if (line.startsWith(`${metadataIndent}namespace:`)) sawNamespace = true;
    }
    out.push(line);
  }
  closeMetadata();
  return { lines: out, names };
}

/** One line of a variant: a reference to a renamed object renamed alike, replicas and probe timings drawn. */
function varyLine(line, names, suffix, random) {
  const named = /^(\s*(?:- )?name:\s*)(["']?)([^"'#\s]+)\2\s*$/.exec(line);
  if (named && names.has(named[3])) return `${named[1]}${named[2]}${named[3]}${suffix}${named[2]}`;
  const replicas = /^(\s*replicas:\s*)\d+\s*$/.exec(line);
  if (replicas) return `${replicas[1]}${1 + Math.floor(random() * 8)}`;
  const probe = /^(\s*(?:- )?)(initialDelaySeconds|periodSeconds|timeoutSeconds|failureThreshold):\s*\d+\s*$/.exec(line);
  if (probe) {
    const [low, high] = PROBE_FIELDS[probe[2]];
    return `${probe[1]}${probe[2]}: ${low + Math.floor(random() * (high - low + 1))}`;
  }
  return line;
}

/**
 * Writes a corpus of exactly `target` documents into `dir` by cycling `source`, copy N in `cN/`; a
 * file that would overshoot is skipped in favour of a smaller one later in the cycle. With
 * `repeatNames` the copies keep the objects' names and namespaces (see `variant`). Returns its size.
 */
export function writeCorpus(source, target, dir, { repeatNames = false, seed = 0x5eed } = {}) {
  let documents = 0;
  let bytes = 0;
  let files = 0;
  for (let copy = 0; documents < target; copy++) {
    let added = false;
    for (const [index, file] of source.entries()) {
      if (documents + file.documents > target) continue;
      const text = copy === 0 ? file.text : variant(file.text, copy, prng(seed + copy * 100_003 + index), { renames: !repeatNames });
      const path = join(dir, `c${copy}`, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      documents += file.documents;
      bytes += Buffer.byteLength(text);
      files++;
      added = true;
      if (documents === target) break;
    }
    if (!added) break;
  }
  return { documents, files, bytes };
}
