/**
 * A unified diff of two texts by lines (Myers' O(ND) algorithm: fast when few lines change),
 * with three lines of context, as `git diff` prints it.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  // A last line without a newline differs from the same line with one, as in `diff`.
  const NO_EOL = '\u0000no-eol';
  if (a.length > 0 && !before.endsWith('\n')) a[a.length - 1] += NO_EOL;
  if (b.length > 0 && !after.endsWith('\n')) b[b.length - 1] += NO_EOL;
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'same') {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1]!.kind === 'same') start--;
    let end = i;
    // Extend through changes separated by at most 2 × context unchanged lines.
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== 'same') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + 1 + context);
    const slice = ops.slice(start, stop);
    const oldStart = slice.find((o) => o.aLine !== undefined)?.aLine ?? ops[start]!.aBefore;
    const newStart = slice.find((o) => o.bLine !== undefined)?.bLine ?? ops[start]!.bBefore;
    const oldCount = slice.filter((o) => o.kind !== 'insert').length;
    const newCount = slice.filter((o) => o.kind !== 'delete').length;
    const body = slice
      .map((o) => {
        const line = `${o.kind === 'same' ? ' ' : o.kind === 'delete' ? '-' : '+'}${o.text.replace(NO_EOL, '')}`;
        return o.text.endsWith(NO_EOL) ? `${line}\n\\ No newline at end of file` : line;
      })
      .join('\n');
    hunks.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${body}`);
    i = stop;
  }
  // As git writes an absolute path: `a/work/m.yaml`, not `a//work/m.yaml`.
  const name = path.replace(/^\/+/, '');
  return hunks.length === 0 ? '' : `--- a/${name}\n+++ b/${name}\n${hunks.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Op {
  kind: 'same' | 'delete' | 'insert';
  text: string;
  /** 1-based line in the old / new text, where the op has one. */
  aLine?: number;
  bLine?: number;
  /** For empty hunks: the line before. */
  aBefore: number;
  bBefore: number;
}

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v.get(k - 1)! < v.get(k + 1)!) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd.get(k - 1)! < vd.get(k + 1)!) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: 'same', text: a[x - 1]!, aLine: x, bLine: y, aBefore: x, bBefore: y });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'insert', text: b[y - 1]!, bLine: y, aBefore: x, bBefore: y });
      else ops.push({ kind: 'delete', text: a[x - 1]!, aLine: x, aBefore: x, bBefore: y });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}
