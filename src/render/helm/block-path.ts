/**
 * Where a line of a `toYaml` block sits in the value that block prints: keys and list indexes,
 * read from indentation and `- ` markers the way go-yaml writes them (a list under a key may sit
 * at the key's own indentation). Block scalars' inner lines are read as if they were entries.
 */

import { EACH_ITEM } from './template-lines.js';
export type PathSegment = string | number;

interface Node {
  column: number;
  /** A key, or a list item (`- `). */
  key?: string;
}

/** The path of `lines[target]` inside the block that starts at `lines[first]`. */
export function pathInBlock(lines: readonly string[], first: number, target: number): PathSegment[] {
  const nodesOf = memo(lines);
  const path: PathSegment[] = [];
  let line = target;
  let nodes = nodesOf(line);
  if (nodes.length === 0) return path;
  let innermost = nodes.length - 1;
  for (;;) {
    for (let n = innermost; n >= 0; n--) {
      const node = nodes[n]!;
      path.unshift(node.key ?? siblingsBefore(nodesOf, first, line, node.column));
    }
    const outer = nodes[0]!;
    let parentLine = -1;
    for (let above = line - 1; above >= first && parentLine === -1; above--) {
      const candidates = nodesOf(above);
      const index = lastIndex(candidates, (node) => node.column < outer.column || (outer.key === undefined && node.key !== undefined && node.column === outer.column));
      if (index !== -1) {
        parentLine = above;
        innermost = index;
      }
    }
    if (parentLine === -1) return path;
    line = parentLine;
    nodes = nodesOf(line);
  }
}

/** Renders a values path: `resources.limits["nvidia.com/gpu"]`, `tolerations[0].key`. */
export function formatValuesPath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (segment === EACH_ITEM) return '[…]';
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** How many items of the list whose item marker is at `column` come before the one on `line`. */
function siblingsBefore(nodesOf: (line: number) => Node[], first: number, line: number, column: number): number {
  let count = 0;
  for (let above = line - 1; above >= first; above--) {
    const nodes = nodesOf(above);
    if (nodes.length === 0) continue;
    const item = nodes.find((node) => node.key === undefined && node.column === column);
    if (item) {
      count++;
      if (nodes[0]!.column < column) return count;
      continue;
    }
    if (nodes[0]!.column < column || (nodes[0]!.column === column && nodes[0]!.key !== undefined)) return count;
  }
  return count;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:#]*):(?:\s|$)/;

function parse(text: string): Node[] {
  const nodes: Node[] = [];
  let column = text.length - text.trimStart().length;
  let rest = text.trimStart();
  if (rest === '' || rest.startsWith('#')) return nodes;
  for (let dash = /^-(\s+|$)/.exec(rest); dash; dash = /^-(\s+|$)/.exec(rest)) {
    nodes.push({ column });
    column += dash[0].length;
    rest = rest.slice(dash[0].length);
  }
  const key = KEY.exec(rest);
  if (key) nodes.push({ column, key: unquote(key[1]!.trimEnd()) });
  return nodes;
}

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

function memo(lines: readonly string[]): (line: number) => Node[] {
  const cache = new Map<number, Node[]>();
  return (line) => {
    let nodes = cache.get(line);
    if (!nodes) cache.set(line, (nodes = parse(lines[line] ?? '')));
    return nodes;
  };
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index]!)) return index;
  return -1;
}
