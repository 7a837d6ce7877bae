import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { markOpen, unknownNode } from '../shared/unknown.js';
import type { Span } from '../../core/source.js';
import type { Bindings } from './bindings.js';

/** What the TypeScript editor needs to know about a node read from a TypeScript source. */
export interface TsOrigin {
  /** The expression the value was read from (an object literal for a mapping). */
  expression: TSESTree.Node;
  /** For a value reached through a `const` that several places read: its name. */
  sharedConst?: string;
  /** For cdk8s's `IntOrString.fromNumber(1)`: the class expression (`IntOrString`, `k8s.IntOrString`). */
  wrapper?: string;
}

/** By node and pair: those the reader builds, then those of the model's tree built from them. */
const origins = new WeakMap<object, TsOrigin>();
const pairOrigins = new WeakMap<object, TSESTree.Property>();

export function originOf(node: unknown): TsOrigin | undefined {
  return typeof node === 'object' && node !== null ? origins.get(node) : undefined;
}

/** The property a pair was read from; undefined for a pair the reader added (`kind` of `new KubeDeployment`). */
export function propertyOf(pair: object): TSESTree.Property | undefined {
  return pairOrigins.get(pair);
}

/** What is known of a read node or pair, carried to the tree node built from it. */
export function carryOrigin(from: object, to: object): void {
  const origin = origins.get(from);
  if (origin) origins.set(to, origin);
  const property = pairOrigins.get(from);
  if (property) pairOrigins.set(to, property);
}

/**
 * Reads TypeScript expressions as the YAML nodes the model understands, with source ranges.
 * Literals, object and array literals, template strings without expressions, `as const` and
 * `satisfies`, and names bound by a `const` in the file are read; anything else becomes an
 * unknown value that no rule concludes from.
 */
export class TsValueReader {
  /** Every source range a value was read from, for telling which objects an edit touches. */
  readonly ranges: Span[] = [];

  constructor(
    private readonly text: string,
    private readonly bindings: Bindings,
  ) {}

  read(expression: TSESTree.Node, resolving: ReadonlySet<string> = new Set()): Node {
    return this.readUnwrapped(unwrap(expression), resolving);
  }

  private readUnwrapped(expression: TSESTree.Node, resolving: ReadonlySet<string>): Node {
    switch (expression.type) {
      case 'Literal':
        return this.literal(expression);
      case 'TemplateLiteral': {
        const text = staticString(expression);
        return text === undefined ? this.computed('a template string with expressions', expression) : this.scalar(text, expression);
      }
      case 'UnaryExpression': {
        const argument = unwrap(expression.argument);
        if ((expression.operator === '-' || expression.operator === '+') && argument.type === 'Literal' && typeof argument.value === 'number') {
          return this.scalar(expression.operator === '-' ? -argument.value : argument.value, expression);
        }
        return this.computed('an expression', expression);
      }
      case 'Identifier':
        return this.identifier(expression, resolving);
      case 'ObjectExpression':
        return this.object(expression, resolving);
      case 'ArrayExpression':
        return this.array(expression, resolving);
      case 'CallExpression':
        return this.wrapped(expression, resolving) ?? this.computed('a function call', expression);
      case 'NewExpression':
        return this.computed('a constructor call', expression);
      case 'MemberExpression':
        return this.computed('a property read', expression);
      case 'ConditionalExpression':
        return this.computed('a conditional', expression);
      default:
        return this.computed('an expression', expression);
    }
  }

  /**
   * cdk8s writes int-or-string and quantity fields as `IntOrString.fromNumber(1)` and
   * `Quantity.fromString('1')`: the literal argument is the value.
   */
  private wrapped(call: TSESTree.CallExpression, resolving: ReadonlySet<string>): Node | undefined {
    const { callee } = call;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
    const factory = callee.property.name;
    if (factory !== 'fromNumber' && factory !== 'fromString') return undefined;
    const owner = callee.object;
    const ownerName = owner.type === 'Identifier' ? owner.name : owner.type === 'MemberExpression' && !owner.computed && owner.property.type === 'Identifier' ? owner.property.name : undefined;
    if (ownerName !== 'IntOrString' && ownerName !== 'Quantity') return undefined;
    const [argument] = call.arguments;
    if (!argument || call.arguments.length !== 1) return undefined;
    const value = this.read(argument, resolving);
    if (!isScalar(value) || typeof value.value !== (factory === 'fromNumber' ? 'number' : 'string')) return undefined;
    const node = this.scalar(value.value as string | number, call);
    origins.get(node)!.wrapper = this.text.slice(owner.range[0], owner.range[1]);
    return node;
  }

  private literal(expression: TSESTree.Literal): Node {
    const value = expression.value;
    if (value === null && !('regex' in expression)) return this.scalar(null, expression);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return this.scalar(value, expression);
    return this.computed(typeof value === 'bigint' ? 'a bigint' : 'a regular expression', expression);
  }

  private identifier(expression: TSESTree.Identifier, resolving: ReadonlySet<string>): Node {
    const { name } = expression;
    if (name === 'undefined' && !this.bindings.constValue(name)) return this.scalar(null, expression);
    const init = this.bindings.constValue(name);
    if (!init || resolving.has(name)) {
      const imported = this.bindings.importOf(name);
      const what = imported ? `imported from "${imported.module}"` : this.bindings.isChanged(name) ? 'changed after its declaration' : 'not a const declared once in this file';
      return this.computed(what, expression);
    }
    this.ranges.push({ start: init.range[0], end: init.range[1] });
    const node = this.read(init, new Set([...resolving, name]));
    // Editing a value several places read would change all of them, as a YAML anchor would.
    if (this.bindings.references(name) > 1) {
      const origin = origins.get(node);
      if (origin) origin.sharedConst = name;
    }
    return node;
  }

  private object(expression: TSESTree.ObjectExpression, resolving: ReadonlySet<string>): YAMLMap {
    const map = new YAMLMap();
    map.range = [expression.range[0], expression.range[1], expression.range[1]];
    origins.set(map, { expression });
    for (const property of expression.properties) {
      if (property.type === 'SpreadElement') {
        // What the spread holds is unknown, and it overrides the keys written before it.
        const hidden = this.unknown(`the spread \`${this.snippet(property)}\` may set fields`, property);
        for (const item of map.items) item.value = hidden;
        markOpen(map, hidden as Scalar<never>);
        continue;
      }
      const key = propertyKey(property);
      if (key === undefined || property.kind !== 'init' || property.method) {
        markOpen(map, this.unknown(`the computed property \`${this.snippet(property)}\` may set fields`, property) as Scalar<never>);
        continue;
      }
      const keyNode = new Scalar(key);
      keyNode.range = [property.key.range[0], property.key.range[1], property.key.range[1]];
      const pair = new Pair<Node, Node>(keyNode, this.read(property.value, resolving));
      pairOrigins.set(pair, property);
      map.items.push(pair as Pair<unknown, unknown>);
    }
    return map;
  }

  private array(expression: TSESTree.ArrayExpression, resolving: ReadonlySet<string>): Node {
    if (expression.elements.some((e) => e === null || e.type === 'SpreadElement')) {
      return this.computed('a list with a spread or a hole', expression);
    }
    const seq = new YAMLSeq();
    seq.range = [expression.range[0], expression.range[1], expression.range[1]];
    origins.set(seq, { expression });
    for (const element of expression.elements) seq.items.push(this.read(element!, resolving));
    return seq;
  }

  private scalar(value: string | number | boolean | null, expression: TSESTree.Node): Scalar {
    const node = new Scalar(value);
    node.range = [expression.range[0], expression.range[1], expression.range[1]];
    origins.set(node, { expression });
    return node;
  }

  /** An unknown value: "`config.require(...)` is a function call". */
  private computed(what: string, expression: TSESTree.Node): Node {
    return this.unknown(`\`${this.snippet(expression)}\` is ${what}`, expression);
  }

  private unknown(reason: string, expression: TSESTree.Node): Node {
    const node = unknownNode(reason, expression.range);
    origins.set(node, { expression });
    return node;
  }

  /** The expression's text on one line, shortened for a message. */
  private snippet(expression: TSESTree.Node): string {
    const text = this.text.slice(expression.range[0], expression.range[1]).replace(/\s+/g, ' ');
    return text.length > 48 ? `${text.slice(0, 45)}...` : text;
  }
}

/** A string literal, or a template string without expressions, as its text. */
export function staticString(node: TSESTree.Node | undefined): string | undefined {
  const value = node && unwrap(node);
  if (value?.type === 'Literal') return typeof value.value === 'string' ? value.value : undefined;
  return value?.type === 'TemplateLiteral' && value.expressions.length === 0 ? value.quasis.map((q) => q.value.cooked ?? q.value.raw).join('') : undefined;
}

/** `x as const`, `x satisfies T`, `<T>x`, `x!`: the value is `x`. */
export function unwrap(expression: TSESTree.Node): TSESTree.Node {
  let current = expression;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'TSNonNullExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** A property's key as a string; undefined for a computed key that is not a literal. */
export function propertyKey(property: TSESTree.Property): string | undefined {
  const { key } = property;
  if (!property.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return key.type === 'TemplateLiteral' ? staticString(key) : undefined;
}
