import { lineEnding } from '../shared/edit-support.js';
/** How a file writes YAML, so inserted text looks like its neighbours. */
export interface YamlStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level. */
  indent: number;
  /** Extra spaces before `- ` under a key: 0 (`key:\n- a`) or the indent (`key:\n  - a`). */
  sequenceIndent: number;
  quote: '"' | "'";
  /** Lists of strings written inline (`command: ["sh", "-c", "…"]`). */
  flowStringLists: boolean;
  /** Inline lists quote every string (`["/bin/sh", "-c"]`), not only those that need it. */
  quoteFlowItems: boolean;
}

const KEY_LINE = /^( *)(?:- +)?[^\s#][^#]*:\s*(?:#.*)?$/;

export function detectStyle(text: string): YamlStyle {
  const lines = text.split(/\r?\n/);
  const indents = new Map<number, number>();
  const sequenceIndents = new Map<number, number>();
  // For each line, the next line with content (one backward pass: linear in the file's size).
  const nextContent: (string | undefined)[] = new Array(lines.length);
  for (let i = lines.length - 1, next: string | undefined; i >= 0; i--) {
    nextContent[i] = next;
    const trimmed = lines[i]!.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) next = lines[i];
  }
  for (let i = 0; i < lines.length - 1; i++) {
    const key = KEY_LINE.exec(lines[i]!);
    if (!key) continue;
    const next = nextContent[i];
    if (!next) continue;
    const keyColumn = lines[i]!.length - lines[i]!.trimStart().replace(/^- +/, '').length;
    const nextColumn = next.length - next.trimStart().length;
    if (next.trimStart().startsWith('- ')) bump(sequenceIndents, nextColumn - keyColumn);
    else if (nextColumn > keyColumn) bump(indents, nextColumn - keyColumn);
  }
  const indent = mostCommon(indents, [2, 4]) ?? 2;
  const sequenceIndent = mostCommon(sequenceIndents, [0, indent]) ?? indent;
  const doubles = (text.match(/: "/g) ?? []).length;
  const singles = (text.match(/: '/g) ?? []).length;
  return {
    eol: lineEnding(text),
    indent,
    sequenceIndent,
    quote: singles > doubles ? "'" : '"',
    flowStringLists: /(?:^|[\s{,])(?:command|args): *\[/m.test(text),
    quoteFlowItems: quotesEveryFlowItem(text),
  };
}

function bump(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function mostCommon(counts: Map<number, number>, allowed: number[]): number | undefined {
  let best: number | undefined;
  for (const value of allowed) {
    if ((counts.get(value) ?? 0) > (best === undefined ? 0 : (counts.get(best) ?? 0))) best = value;
  }
  return best;
}

/** Whether the file's inline string lists (`[...]` after a key) quote all their items. */
function quotesEveryFlowItem(text: string): boolean {
  const lists = [...text.matchAll(/:\s*\[([^\]\n]+)\]/g)]
    .filter((m) => !/[{[]/.test(m[1]!))
    .map((m) => m[1]!.split(',').map((item) => item.trim()));
  const items = lists.flat().filter((item) => item !== '' && !/^-?\d+(\.\d+)?$/.test(item));
  return items.length > 0 && items.every((item) => /^(".*"|'.*')$/.test(item));
}
