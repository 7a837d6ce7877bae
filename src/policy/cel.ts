import { Environment } from '@marcbachmann/cel-js';

/** A variable an expression may read, with its CEL type (`map`, `list<dyn>`, `int`, `dyn`…). */
export interface CelVariable {
  name: string;
  type: string;
  description?: string;
}

/** What an expression gave, or why it gave nothing; evaluation never throws. */
export type CelOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/** A compiled expression, evaluated once per object. */
export interface CelProgram {
  readonly source: string;
  evaluate(activation: Readonly<Record<string, unknown>>): CelOutcome;
}

/** A compiled program, or the compiler's message and, when it names one, the offset in the source. */
export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; message: string; offset?: number };

/**
 * Compiles (parses and type-checks) a CEL expression over the given variables, with optional
 * types (`.?field.orValue(x)`) as Kubernetes enables them. The Kubernetes library functions and
 * the evaluation budget belong here too, so every caller (config policies, admission policies,
 * export) evaluates alike.
 */
export function compileCel(source: string, variables: readonly CelVariable[]): CelCompileResult {
  const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  for (const variable of variables) environment.registerVariable(variable.name, variable.type);
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = environment.parse(source);
    const checked = parsed.check();
    if (!checked.valid) return { ok: false, message: firstLine(checked.error?.message ?? 'the expression does not type-check') };
  } catch (error) {
    return { ok: false, message: firstLine(error instanceof Error ? error.message : String(error)) };
  }
  const program = parsed;
  return {
    ok: true,
    program: {
      source,
      evaluate(activation) {
        try {
          return { ok: true, value: program(activation as Record<string, unknown>) };
        } catch (error) {
          return { ok: false, message: firstLine(error instanceof Error ? error.message : String(error)) };
        }
      },
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
