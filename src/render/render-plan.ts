import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileResult, Finding } from '../core/findings.js';
import { hash } from '../engine/findings.js';
import type { LintInput } from '../engine/lint.js';
import type { CommandRunner } from './command.js';
import type { RenderedSource } from './map-results.js';
import type { RenderSettings } from './settings.js';

/** A call of a renderer that cannot work as configured (a binary that is not there): exit 2. */
export class RenderInvocationError extends Error {}

/** What the run lints: plain files, rendered inputs (each its own scope), and the charts and overlays that could not be rendered. */
export interface RenderPlan {
  plain: string[];
  rendered: { input: LintInput; source: RenderedSource }[];
  problems: FileResult[];
  notices: string[];
}

export interface RenderContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  run: CommandRunner;
  settings: RenderSettings;
}

/** A file of a chart (relative to the current directory), as text; undefined when it cannot be read. */
export function readChartFile(cwd: string, path: string): string | undefined {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** A finding of the run about a chart or an overlay as a whole (it could not be rendered). */
export function problem(path: string, ruleId: string, severity: Finding['severity'], message: string, line = 1, column = 1): FileResult {
  return {
    path,
    findings: [{ ruleId, severity, message, line, column, endLine: line, endColumn: column, fixable: false, fingerprint: hash(`${ruleId}\u0000${message}`) }],
  };
}

