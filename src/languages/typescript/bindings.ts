import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Where an imported name comes from: `import * as k8s from 'm'` is `{ module: 'm', imported: '*' }`. */
export interface ImportBinding {
  module: string;
  imported: string;
}

/**
 * The names of one file, as far as a linter that runs no type checker can trust them: a name
 * declared once in the whole file, by a `const` with an initializer, stands for that value.
 */
export class Bindings {
  private readonly declarations = new Map<string, number>();
  private readonly constInits = new Map<string, TSESTree.Expression>();
  private readonly referenceCounts = new Map<string, number>();
  private readonly parents = new Map<TSESTree.Node, TSESTree.Node>();
  /** Names whose value the file changes after declaring it (`x.a = 1`, `x.push(…)`, `f(x)`). */
  private readonly changed = new Set<string>();
  /** Names spread into another object (`{ ...base, … }`): templates, not objects of their own. */
  readonly spread = new Set<string>();
  /** Names a cdk8s JSON patch edits (`deployment.addJsonPatch(…)`). */
  readonly patched = new Set<string>();
  readonly imports = new Map<string, ImportBinding>();

  constructor(program: TSESTree.Program) {
    walk(program, undefined, (node, parent) => {
      if (parent) this.parents.set(node, parent);
      this.visit(node, parent);
    });
  }

  /**
   * The initializer of the `const` that `name` stands for, when the file declares it once and
   * never changes it.
   */
  constValue(name: string): TSESTree.Expression | undefined {
    return this.declarations.get(name) === 1 && !this.changed.has(name) ? this.constInits.get(name) : undefined;
  }

  parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
    return this.parents.get(node);
  }

  /** Whether the file changes what `name` holds after declaring it (so its initializer is not its value). */
  isChanged(name: string): boolean {
    return this.changed.has(name);
  }

  importOf(name: string): ImportBinding | undefined {
    return this.declarations.get(name) === 1 ? this.imports.get(name) : undefined;
  }

  /** How many places read `name` (its declaration excluded). */
  references(name: string): number {
    return this.referenceCounts.get(name) ?? 0;
  }

  private countReference(name: string): void {
    this.referenceCounts.set(name, this.references(name) + 1);
  }

  /** How a read of `name` may change it: a member assignment, a method call, an argument. */
  private noteUse(node: TSESTree.Identifier, parent: TSESTree.Node | undefined): void {
    if (parent?.type === 'SpreadElement') {
      this.spread.add(node.name);
      return;
    }
    let top: TSESTree.Node = node;
    let above: TSESTree.Node | undefined = parent;
    let member: string | undefined;
    while (above?.type === 'MemberExpression' && above.object === top) {
      member ??= !above.computed && above.property.type === 'Identifier' ? above.property.name : undefined;
      top = above;
      above = this.parents.get(above);
    }
    const written =
      (above?.type === 'AssignmentExpression' && above.left === top && top !== node) ||
      (above?.type === 'UpdateExpression' && top !== node) ||
      (above?.type === 'UnaryExpression' && above.operator === 'delete') ||
      (above?.type === 'CallExpression' && (above.callee === top ? top !== node : above.arguments.includes(top as TSESTree.Expression)));
    if (written) this.changed.add(node.name);
    if (above?.type === 'CallExpression' && above.callee === top && member === 'addJsonPatch') this.patched.add(node.name);
  }

  private declare(name: string): void {
    this.declarations.set(name, (this.declarations.get(name) ?? 0) + 1);
  }

  private visit(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
    switch (node.type) {
      case 'VariableDeclarator':
        for (const name of patternNames(node.id)) this.declare(name);
        if (node.id.type === 'Identifier' && node.init && parent?.type === 'VariableDeclaration' && parent.kind === 'const') {
          this.constInits.set(node.id.name, node.init);
          // Another module may import and change an exported const: it counts as read twice.
          if (this.parents.get(parent)?.type === 'ExportNamedDeclaration') this.countReference(node.id.name);
          const required = requiredModule(node.init);
          if (required) this.imports.set(node.id.name, { module: required, imported: '*' });
        }
        return;
      case 'ImportDeclaration':
        for (const specifier of node.specifiers) {
          this.declare(specifier.local.name);
          const imported =
            specifier.type === 'ImportSpecifier'
              ? specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value)
              : specifier.type === 'ImportDefaultSpecifier' ? 'default' : '*';
          this.imports.set(specifier.local.name, { module: node.source.value, imported });
        }
        return;
      case 'TSImportEqualsDeclaration':
        this.declare(node.id.name);
        if (node.moduleReference.type === 'TSExternalModuleReference' && node.moduleReference.expression.type === 'Literal') {
          this.imports.set(node.id.name, { module: String(node.moduleReference.expression.value), imported: '*' });
        }
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.id) this.declare(node.id.name);
        for (const param of node.params) for (const name of patternNames(param)) this.declare(name);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (node.id) this.declare(node.id.name);
        return;
      case 'CatchClause':
        if (node.param) for (const name of patternNames(node.param)) this.declare(name);
        return;
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration':
        if (node.id.type === 'Identifier') this.declare(node.id.name);
        return;
      case 'Identifier':
        if (isReference(node, parent)) {
          this.countReference(node.name);
          this.noteUse(node, parent);
        }
        return;
      default:
    }
  }
}

/** `require('m')`, the CommonJS form of an import. */
function requiredModule(init: TSESTree.Expression): string | undefined {
  if (init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return undefined;
  const [argument] = init.arguments;
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
}

/** Whether an identifier reads a binding (not a property name, a declaration or a type). */
function isReference(node: TSESTree.Identifier, parent: TSESTree.Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'PropertyDefinition':
      // A class field's value reads a binding; its name does not.
      return parent.value === node;
    case 'Property':
      // `{ replicas }` reads `replicas` once, through its value.
      return parent.value === node || (parent.computed && parent.key === node);
    case 'VariableDeclarator':
      return parent.init === node;
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'TSTypeReference':
    case 'TSQualifiedName':
    case 'TSPropertySignature':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'MethodDefinition':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

function patternNames(pattern: TSESTree.Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'TSParameterProperty':
      return patternNames(pattern.parameter);
    default:
      return [];
  }
}

/**
 * Visits every node in source order. `visit` returning false skips the node's children. Works
 * on any ESTree node shape, so a syntax the parser adds later is walked, not dropped.
 */
export function walk(
  node: TSESTree.Node,
  parent: TSESTree.Node | undefined,
  visit: (node: TSESTree.Node, parent: TSESTree.Node | undefined) => boolean | void,
): void {
  const stack: [TSESTree.Node, TSESTree.Node | undefined][] = [[node, parent]];
  while (stack.length > 0) {
    const [current, currentParent] = stack.pop()!;
    if (visit(current, currentParent) === false) continue;
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(current)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      // `{ labels }`: the key and the value are one identifier, read once.
      if (key === 'key' && current.type === 'Property' && current.shorthand) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, current]);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}
