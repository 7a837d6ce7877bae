import { Environment } from '@marcbachmann/cel-js';
import { BudgetExceeded, CostMeter, DEFAULT_CEL_BUDGET, instrument, isNode, metered, visit, type AstNode } from './cel-budget.js';
import { registerKubernetesLibrary } from './cel-library.js';
import { compileRe2 } from './cel-regex.js';
import { fromCelValue, toCelActivation } from './cel-values.js';

export { DEFAULT_CEL_BUDGET } from './cel-budget.js';

/** A variable an expression may read, with its CEL type (`map`, `list<dyn>`, `int`, `dyn`…). */
export interface CelVariable {
  name: string;
  type: string;
  description?: string;
}

/** What an expression gave (as plain JS: ints are numbers), or why it gave nothing; evaluation never throws. */
export type CelOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** A compiled expression, evaluated once per object. */
export interface CelProgram {
  readonly source: string;
  /** Evaluates over plain JS values (as `toJS` gives them); never throws. */
  evaluate(activation: Readonly<Record<string, unknown>>): CelOutcome;
}

/** A compiled program, or the compiler's message and, when it names one, the offset in the source. */
export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; message: string; offset?: number };

export interface CelCompileOptions {
  /** Cost units one evaluation may spend (see cel-budget.ts); {@link DEFAULT_CEL_BUDGET} by default. */
  budget?: number;
  /** The type the expression must give (`bool` for a validation, `string` for a messageExpression); `dyn` passes. */
  resultType?: string;
}

/** Nesting the source may use; instrumentation at most doubles it, within cel-js' default of 250. */
const SOURCE_LIMITS = { maxDepth: 120 };
const REGEX_FUNCTIONS = new Set(['matches', 'find', 'findAll']);

let library: Environment | undefined;

/**
 * Compiles (parses and type-checks) a CEL expression over the given variables, with optional
 * types (`.?field.orValue(x)`) and the Kubernetes CEL library (cel-library.ts), so every caller
 * (config policies, admission policies, export) evaluates alike, within a cost budget.
 */
export function compileCel(source: string, variables: readonly CelVariable[], options: CelCompileOptions = {}): CelCompileResult {
  library ??= createLibraryEnvironment();
  const checking = withVariables(library.clone({ limits: SOURCE_LIMITS }), variables);
  let ast: AstNode;
  try {
    const parsed = checking.parse(source);
    const checked = parsed.check();
    if (!checked.valid) return failure(checked.error, 'the expression does not type-check');
    const resultType = String(checked.type);
    if (options.resultType && resultType !== options.resultType && resultType !== 'dyn') {
      return { ok: false, message: `the expression must give a ${options.resultType}, not a ${resultType}`, offset: 0 };
    }
    ast = parsed.ast as AstNode;
  } catch (error) {
    return failure(error, 'the expression does not compile');
  }
  const badPattern = firstInvalidPattern(ast);
  if (badPattern) return badPattern;

  let program: ReturnType<Environment['parse']>;
  try {
    program = withVariables(library.clone(), variables).parse(instrument(source, ast));
  } catch (error) {
    return failure(error, 'the expression could not be prepared for bounded evaluation');
  }
  const budget = options.budget ?? DEFAULT_CEL_BUDGET;
  return {
    ok: true,
    program: {
      source,
      evaluate(activation) {
        const meter = new CostMeter(budget);
        try {
          const value = metered(meter, () => program(toCelActivation(activation)));
          // CEL absorbs some errors (`true || error`, `exists`); an overrun still fails the evaluation.
          if (meter.exceeded) return { ok: false, message: new BudgetExceeded(budget).message };
          return { ok: true, value: fromCelValue(value) };
        } catch (error) {
          if (meter.exceeded) return { ok: false, message: new BudgetExceeded(budget).message };
          return { ok: false, message: messageOf(error, 'the expression failed') };
        }
      },
    },
  };
}

function createLibraryEnvironment(): Environment {
  const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  registerKubernetesLibrary(environment);
  return environment;
}

function withVariables(environment: Environment, variables: readonly CelVariable[]): Environment {
  for (const variable of variables) environment.registerVariable(variable.name, variable.type);
  return environment;
}

/** A literal pattern RE2 would reject, reported at the pattern (dynamic ones fail when evaluated). */
function firstInvalidPattern(ast: AstNode): CelCompileResult | undefined {
  let invalid: CelCompileResult | undefined;
  visit(ast, (node) => {
    if (invalid || (node.op !== 'rcall' && node.op !== 'call')) return;
    const [name, first, second] = node.args as [string, unknown, unknown];
    if (!REGEX_FUNCTIONS.has(name)) return;
    const args = (node.op === 'rcall' ? second : first) as unknown[];
    const pattern = node.op === 'rcall' ? args[0] : args[1];
    if (!isNode(pattern) || pattern.op !== 'value' || typeof pattern.args !== 'string') return;
    const compiled = compileRe2(pattern.args);
    if (!compiled.ok) invalid = { ok: false, message: compiled.message, offset: pattern.start };
  });
  return invalid;
}

function failure(error: unknown, fallback: string): CelCompileResult {
  const range = (error as { range?: { start?: unknown } } | undefined)?.range;
  const offset = typeof range?.start === 'number' ? range.start : undefined;
  return { ok: false, message: messageOf(error, fallback), ...(offset === undefined ? {} : { offset }) };
}

function messageOf(error: unknown, fallback: string): string {
  if (error === null || error === undefined) return fallback;
  const summary = (error as { summary?: unknown }).summary;
  const text = typeof summary === 'string' ? summary : error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0] || fallback;
  return first === HAS_REFUSED ? `${first}: ${HAS_ADVICE}` : first;
}

/**
 * cel-js takes `has()` only of a field reached from a variable through fields (`has(a.b.c)`),
 * where cel-go also takes an index or a call on the way (`has(a.list[0].b)`): say what works.
 */
const HAS_REFUSED = 'has() invalid argument';
const HAS_ADVICE = 'this evaluator takes has() of a field reached through fields only (has(object.spec.x)); for a field after an index or a call, write e.g. object.spec.list[0].?x.hasValue(), or bind the item: list.all(i, has(i.x))';
