/**
 * Where the time goes in a V8 CPU profile (`node --cpu-prof`): self time by function and by
 * module, and total (inclusive) time of the functions on the way down. Used by
 * `npm run bench -- --profile`; also runs alone: node scripts/bench-profile.mjs file.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP = 25;

/** Shortens a script URL: project files relative to the root, node internals as `node:`. */
function moduleOf(url, root) {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return url;
  let path = url;
  try {
    if (url.startsWith('file:')) path = fileURLToPath(url);
  } catch {
    return url;
  }
  const rel = relative(root, path);
  if (rel.startsWith('..')) return path;
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(rel);
  return pkg ? `node_modules/${pkg[1]}/${rel.slice(pkg[0].length)}` : rel;
}

/** Groups a module into a package or a project folder (`yaml`, `dist/src/model`, `node:internal`). */
function packageOf(module) {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module);
  if (pkg) return pkg[1];
  if (module.startsWith('node:')) return 'node (internals)';
  if (module.startsWith('(')) return module;
  const parts = module.split('/');
  return parts.length > 2 ? parts.slice(0, -1).join('/') : module;
}

export function summarizeProfile(profile, root) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id -> µs
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const totalUs = profile.endTime - profile.startTime;

  const keyOf = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const module = moduleOf(url, root);
    const name = functionName || (url ? '(anonymous)' : node.callFrame.functionName || '(anonymous)');
    return { key: `${name} ${module}:${lineNumber + 1}`, name, module };
  };

  const byFunctionSelf = new Map();
  const byModuleSelf = new Map();
  const byPackageSelf = new Map();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const { key, module } = keyOf(node);
    byFunctionSelf.set(key, (byFunctionSelf.get(key) ?? 0) + us);
    byModuleSelf.set(module, (byModuleSelf.get(module) ?? 0) + us);
    const pkg = packageOf(module);
    byPackageSelf.set(pkg, (byPackageSelf.get(pkg) ?? 0) + us);
  }

  // Inclusive time: each function counted once per stack, however deep it recurses.
  const subtree = new Map();
  const order = [];
  const stack = [profile.nodes[0].id];
  while (stack.length) {
    const id = stack.pop();
    order.push(id);
    for (const child of nodes.get(id).children ?? []) stack.push(child);
  }
  for (const id of order.reverse()) {
    const node = nodes.get(id);
    subtree.set(id, (self.get(id) ?? 0) + (node.children ?? []).reduce((sum, c) => sum + subtree.get(c), 0));
  }
  const byFunctionTotal = new Map();
  const active = new Map();
  const visit = [[profile.nodes[0].id, false]];
  while (visit.length) {
    const [id, leaving] = visit.pop();
    const { key } = keyOf(nodes.get(id));
    if (leaving) {
      active.set(key, active.get(key) - 1);
      continue;
    }
    if (!active.get(key)) byFunctionTotal.set(key, (byFunctionTotal.get(key) ?? 0) + subtree.get(id));
    active.set(key, (active.get(key) ?? 0) + 1);
    visit.push([id, true]);
    for (const child of nodes.get(id).children ?? []) visit.push([child, false]);
  }

  const top = (map, n = TOP) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((us / totalUs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalUs / 1000),
    selfByPackage: top(byPackageSelf, 15),
    selfByModule: top(byModuleSelf, 20),
    selfByFunction: top(byFunctionSelf),
    totalByFunction: top(
      new Map([...byFunctionTotal].filter(([key]) => !/^\((root|program|idle|garbage collector)\)/.test(key))),
      40,
    ),
  };
}

export function formatProfileSummary(summary) {
  const section = (title, rows) =>
    [`${title}`, ...rows.map((r) => `  ${String(r.ms.toFixed(0)).padStart(7)} ms  ${r.percent.toFixed(1).padStart(5)} %  ${r.name}`)].join('\n');
  return [
    `CPU profile${summary.file ? ` (${summary.file})` : ''}: ${summary.totalMs} ms sampled`,
    section('self time by package / folder', summary.selfByPackage),
    section('self time by module', summary.selfByModule),
    section('self time by function', summary.selfByFunction),
    section('total time by function (callees included)', summary.totalByFunction),
  ].join('\n\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/bench-profile.mjs <file.cpuprofile>');
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  console.log(formatProfileSummary({ file, ...summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), root) }));
}
