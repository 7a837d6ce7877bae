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
  return applyEdits(source, edits, renames);
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
