import { CEL_PER_CALL_COST_LIMIT } from '../domain/kubernetes.js';

/**
 * A cost budget per evaluation, in the spirit of Kubernetes' runtime cost limit: every iteration of
 * a comprehension (`all`, `exists`, `exists_one`, `map`, `filter`) costs the size of its body, a
 * `+` that builds a string or list costs the size it builds, and library functions cost the length
 * of what they scan. cel-js has no cost hook, so the compiled source is instrumented: the iterable of
 * each comprehension and each `+` are wrapped in calls that charge the meter before the work runs.
 * The default is Kubernetes' per-expression limit.
 */

export const DEFAULT_CEL_BUDGET = CEL_PER_CALL_COST_LIMIT;

export class BudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`exceeded the evaluation budget of ${budget} cost units`);
  }
}

export class CostMeter {
  private spent = 0;
  constructor(readonly budget: number) {}

  get exceeded(): boolean {
    return this.spent > this.budget;
  }

  charge(units: number): void {
    this.spent += units;
    if (this.spent > this.budget) throw new BudgetExceeded(this.budget);
  }
}

let current: CostMeter | undefined;

/** Runs `work` with `meter` charged by the library functions it calls (evaluation is synchronous). */
export function metered<T>(meter: CostMeter, work: () => T): T {
  const outer = current;
  current = meter;
  try {
    return work();
  } finally {
    current = outer;
  }
}

/** Charges the evaluation under way, if any. */
export function chargeCurrent(units: number): void {
  current?.charge(units);
}

/** The size a value costs to build or scan: its length, entry count, or 1. */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map) return value.size;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 1;
}

export const ITERATION_FUNCTION = '__gdlIterate';
export const SIZED_FUNCTION = '__gdlSized';

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Receiver functions cel-js defines differently from Kubernetes, renamed to this library's own. */
export const REPLACED_FUNCTIONS: Readonly<Record<string, string>> = {
  matches: '__gdlMatches',
  lowerAscii: '__gdlLowerAscii',
  upperAscii: '__gdlUpperAscii',
};

export interface AstNode {
  op: string;
  args: unknown;
  start: number;
  end: number;
}

interface Edit {
  start: number;
  end: number;
  open: string;
  close: string;
}

/**
 * The source with every comprehension's iterable wrapped as `__gdlIterate(list, bodyCost)`, every
 * `+` as `__gdlSized(a + b)`, and replaced functions renamed; positions come from the parsed AST.
 */
export function instrument(source: string, ast: AstNode): string {
  const edits: Edit[] = [];
  const renames: { at: number; from: string; to: string }[] = [];
  visit(ast, (node) => {
    if (node.op === '+') edits.push({ start: node.start, end: node.end, open: `${SIZED_FUNCTION}(`, close: ')' });
    if (node.op !== 'rcall' && node.op !== 'call') return;
    const [name, receiverOrArgs, maybeArgs] = node.args as [string, unknown, unknown];
    const receiver = node.op === 'rcall' ? (receiverOrArgs as AstNode) : undefined;
    const args = (node.op === 'rcall' ? maybeArgs : receiverOrArgs) as AstNode[];
    if (receiver && COMPREHENSIONS.has(name) && args.length >= 2) {
      const bodyCost = args.slice(1).reduce((sum, arg) => sum + countNodes(arg), 1);
      edits.push({ start: receiver.start, end: receiver.end, open: `${ITERATION_FUNCTION}(`, close: `, ${bodyCost})` });
    }
    const replacement = receiver ? REPLACED_FUNCTIONS[name] : undefined;
    if (receiver && replacement) {
      const at = source.indexOf(name, receiver.end);
      if (at >= 0) renames.push({ at, from: name, to: replacement });
    }
  });
  const widen = balancedRange(source);
  return applyEdits(
    source,
    edits.map((edit) => ({ ...edit, ...widen(edit.start, edit.end) })),
    renames,
  );
}

/**
 * cel-js starts a call on a parenthesized receiver inside its parentheses (`('a' + 'b').split(';')`
 * starts at `'a'`), so a wrap at a node's range would cut the parentheses apart: each range is
 * widened to the parentheses that its text opens or closes unmatched. Strings are skipped.
 */
function balancedRange(source: string): (start: number, end: number) => { start: number; end: number } {
  const partner = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'") {
      i = stringEnd(source, i);
    } else if (c === '(') {
      open.push(i);
    } else if (c === ')') {
      const at = open.pop();
      if (at !== undefined) {
        partner.set(at, i);
        partner.set(i, at);
      }
    }
  }
  return (start, end) => balancedRangeOf(partner, start, end);
}

/** The smallest range around [start, end) that holds both parentheses of each pair it holds one of. */
function balancedRangeOf(partner: ReadonlyMap<number, number>, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = from; i < to; i++) {
      const other = partner.get(i);
      if (other === undefined || (other >= from && other < to)) continue;
      from = Math.min(from, other);
      to = Math.max(to, other + 1);
      changed = true;
    }
  }
  return { start: from, end: to };
}

/** The index of the last character of the CEL string literal opening at `quote` (raw `r'…'` and triple-quoted ones too). */
function stringEnd(source: string, quote: number): number {
  const q = source[quote]!;
  const triple = source.startsWith(q.repeat(3), quote);
  // A raw string's prefix (`r`, `R`, `rb`, `br`…) is written right before its quote.
  const raw = /[rR]/.test(/[a-zA-Z]{0,2}$/.exec(source.slice(Math.max(0, quote - 2), quote))![0]);
  const closing = triple ? q.repeat(3) : q;
  for (let i = quote + closing.length; i < source.length; i++) {
    if (!raw && source[i] === '\\') {
      i++;
      continue;
    }
    if (source.startsWith(closing, i)) return i + closing.length - 1;
    if (!triple && source[i] === '\n') return i;
  }
  return source.length - 1;
}

function applyEdits(source: string, edits: readonly Edit[], renames: readonly { at: number; from: string; to: string }[]): string {
  // Edits come parents first (the order of the walk), so on equal ranges the earlier one is outer.
  const depth = new Map(edits.map((edit, index) => [edit, index]));
  const opens = new Map<number, Edit[]>();
  const closes = new Map<number, Edit[]>();
  for (const edit of edits) {
    opens.set(edit.start, [...(opens.get(edit.start) ?? []), edit]);
    closes.set(edit.end, [...(closes.get(edit.end) ?? []), edit]);
  }
  const renamed = new Map(renames.map((rename) => [rename.at, rename]));
  let result = '';
  for (let index = 0; index <= source.length; index++) {
    // Inner wraps close first; outer ones open first.
    for (const edit of (closes.get(index) ?? []).sort((a, b) => b.start - a.start || depth.get(b)! - depth.get(a)!)) result += edit.close;
    for (const edit of (opens.get(index) ?? []).sort((a, b) => b.end - a.end || depth.get(a)! - depth.get(b)!)) result += edit.open;
    if (index === source.length) break;
    const rename = renamed.get(index);
    if (rename) {
      result += rename.to;
      index += rename.from.length - 1;
      continue;
    }
    result += source[index];
  }
  return result;
}

export function visit(value: unknown, onNode: (node: AstNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, onNode);
    return;
  }
  if (!isNode(value)) return;
  onNode(value);
  visit(value.args, onNode);
}

function countNodes(value: unknown): number {
  let count = 0;
  visit(value, () => count++);
  return count;
}

export function isNode(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as { op?: unknown }).op === 'string' && typeof (value as { start?: unknown }).start === 'number';
}
