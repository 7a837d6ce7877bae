/** Types of key.mjs (plain JavaScript, so that the stand-in runs without a build). */
export declare const KEY_VERSION: string;
export declare const MAX_CHART_ENTRIES: number;
export declare const USAGE: string;
export declare class InvocationError extends Error {}

export interface TemplateInvocation {
  release: string;
  chartDir: string;
  namespace: string | null;
  valuesFiles: string[];
  sets: string[];
}

export declare function parseTemplateArgs(argv: readonly string[]): TemplateInvocation;
export declare function describeInvocation(invocation: TemplateInvocation, cwd: string): string;
export declare function renderingKey(invocation: TemplateInvocation, cwd: string): string;
