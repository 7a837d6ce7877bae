#!/usr/bin/env node
// Prints the folder-level import graph of src/ and rules/ (a folder is src/<layer> or rules/),
// and exits 1 if it, or the graph of every directory (nested ones included), has a cycle. `--files` checks file-level cycles too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function importGraph() {
  const files = [...walk(join(root, 'src')), ...walk(join(root, 'rules'))];
  const fileEdges = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      targets.add(relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
    }
    fileEdges.set(relative(root, file), targets);
  }
  const layerOf = (path) => (path.startsWith('rules/') ? 'rules' : path.split('/').slice(0, 2).join('/'));
  const directoryOf = (path) => dirname(path);
  const edgesBy = (groupOf) => {
    const edges = new Map();
    for (const [file, targets] of fileEdges) {
      const from = groupOf(file);
      if (!edges.has(from)) edges.set(from, new Set());
      for (const target of targets) if (groupOf(target) !== from) edges.get(from).add(groupOf(target));
    }
    return edges;
  };
  // Layers (src/<layer>, rules) for the layer order; every directory, nested ones included, for cycles.
  return { fileEdges, folderEdges: edgesBy(layerOf), directoryEdges: edgesBy(directoryOf) };
}

/** Strongly connected components with more than one member (Tarjan). */
export function cycles(edges) {
  let counter = 0;
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), found = [];
  const visit = (v) => {
    index.set(v, counter); low.set(v, counter); counter++; stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { fileEdges, folderEdges, directoryEdges } = importGraph();
  for (const [from, to] of [...folderEdges].sort()) console.log(`${from} -> ${[...to].sort().join(', ') || '(nothing)'}`);
  const found = [...cycles(folderEdges), ...cycles(directoryEdges), ...(process.argv.includes('--files') ? cycles(fileEdges) : [])];
  for (const component of found) console.log(`cycle: ${component.join(' <-> ')}`);
  console.log(found.length === 0 ? 'no cycle' : `${found.length} cycle(s)`);
  process.exitCode = found.length === 0 ? 0 : 1;
}
