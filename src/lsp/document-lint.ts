import type { Config } from '../config/load.js';
import type { Finding } from '../core/findings.js';
import { lint, type LintInput, type LintOptions } from '../engine/lint.js';
import { TypeScriptUnavailable } from '../languages/typescript/loader.js';
import { isTypeScriptPath } from '../languages/typescript/read.js';
import type { LintHost } from './host.js';

/** One open document to lint, with everything else the workspace holds as context. */
export interface DocumentRequest {
  root: string;
  config: Config;
  host: LintHost;
  /** The document's path as a run from `root` names it. */
  path: string;
  /** The buffer, as the editor holds it (unsaved edits included). */
  text: string;
  /** The other files (the workspace's on disk, the other open buffers), by path: read, never reported on. */
  context: ReadonlyMap<string, Uint8Array>;
}

/** What a lint of one document found, and the run that found it (the fixes re-run it). */
export interface DocumentLint {
  findings: Finding[];
  inputs: LintInput[];
  options: LintOptions;
}

/**
 * Lints the buffer as the CLI lints the file: its findings, found with the workspace's other
 * files as context (a PDB elsewhere that blocks this Deployment). When TypeScript cannot be
 * loaded, TypeScript context files are left out rather than failing a YAML document's lint.
 */
export async function lintDocument(request: DocumentRequest): Promise<DocumentLint> {
  let inputs = inputsOf(request);
  let options: LintOptions;
  try {
    options = await request.host.lintOptions(request.config, inputs, request.root);
  } catch (error) {
    if (!(error instanceof TypeScriptUnavailable) || isTypeScriptPath(request.path)) throw error;
    inputs = inputs.filter((input) => input.reportable || !isTypeScriptPath(input.path));
    options = await request.host.lintOptions(request.config, inputs, request.root);
  }
  const result = lint(inputs, options).find((r) => r.path === request.path);
  return { findings: result?.findings.filter((f) => !f.suppressions) ?? [], inputs, options };
}

function inputsOf({ config, path, text, context }: DocumentRequest): LintInput[] {
  const scoped = (file: string) => {
    const scope = config.scopeOf(file);
    return scope === undefined ? {} : { scope };
  };
  const inputs: LintInput[] = [{ path, content: Buffer.from(text, 'utf8'), reportable: true, ...scoped(path) }];
  for (const [file, content] of context) {
    if (file !== path) inputs.push({ path: file, content, reportable: false, ...scoped(file) });
  }
  return inputs;
}
