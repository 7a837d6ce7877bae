/**
 * The pairs (i, j) with a[i] === b[j] of a longest common subsequence of two sequences of line
 * ids, in order. Myers' O((n + m)·D) algorithm while the edit distance D stays under a budget;
 * beyond it, a greedy in-order match (each b[j] takes the nearest later equal a[i]), so the cost
 * stays bounded on any input.
 */
export function commonLines(a: readonly number[], b: readonly number[], maxSteps = 20_000_000): [number, number][] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pairs: [number, number][] = [];
  for (let i = 0; i < head; i++) pairs.push([i, i]);
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  const maxD = Math.min(middleA.length + middleB.length, 2_000, Math.floor(maxSteps / Math.max(1, middleA.length + middleB.length)));
  const middle = myers(middleA, middleB, maxD) ?? greedy(middleA, middleB);
  for (const [i, j] of middle) pairs.push([i + head, j + head]);
  for (let k = tail; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

function myers(a: readonly number[], b: readonly number[], maxD: number): [number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const offset = maxD + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return undefined;
}

/** Walks the saved frontiers back from (n, m), collecting the diagonal (equal) steps. */
function backtrack(trace: Int32Array[], a: readonly number[], b: readonly number[], last: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d >= 0; d--) {
    const frontier = trace[d]!;
    const at = (k: number) => frontier[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

function greedy(a: readonly number[], b: readonly number[]): [number, number][] {
  const positions = new Map<number, number[]>();
  a.forEach((id, i) => {
    const list = positions.get(id);
    if (list) list.push(i);
    else positions.set(id, [i]);
  });
  const pairs: [number, number][] = [];
  let after = -1;
  b.forEach((id, j) => {
    const list = positions.get(id);
    if (!list) return;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]! <= after) low = mid + 1;
      else high = mid;
    }
    if (low < list.length) {
      after = list[low]!;
      pairs.push([after, j]);
    }
  });
  return pairs;
}
