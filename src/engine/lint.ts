import type { FileResult } from '../core/findings.js';
import { compareFindings } from '../core/findings.js';
import { ObjectIndex } from '../analysis/object-index.js';
import { drainSubjects } from '../analysis/subjects.js';
import type { ManifestEditor } from '../languages/shared/editor.js';
import { languageOf } from '../languages/index.js';
import { buildModel, type Model } from '../model/build.js';
import { KSERVE_SHIPPED_DEFAULT_MODE } from '../domain/operators.js';
import type { KubeObject } from '../model/objects.js';
import { applySuppressions, unusedConfigIgnores } from './apply-suppressions.js';
import { collectUncheckedWorkloads, fileCoverage } from './coverage.js';
import { collectInvalidValues, collectUnknownValues } from './diagnostics.js';
import type { Collected } from './findings.js';
import { loadFile, type LoadedFile } from './load.js';
import { runRule } from './run-rules.js';
import type { IgnoreEntry } from './suppressions.js';
import type { LintOptions } from './options.js';

import type { LintInput } from './load.js';

export type { LintInput } from './load.js';
export type { LintOptions, RuleSetting } from './options.js';

/**
 * One run: read every input, build the model (workload kinds from `options.workloadKinds`) and
 * its index, find the drain subjects, run the rules, add the built-in diagnostics, apply
 * suppressions, sort each file's findings, and say what each file held that was judged or not.
 */
export function lint(inputs: readonly LintInput[], options: LintOptions): FileResult[] {
  const loaded = inputs.map((input) => loadFile(input, options.parseTypeScript, options.preread));
  const collected: Collected = new Map(loaded.map((f) => [f.file, f.findings.map((finding) => ({ finding }))]));
  // A workload view carries its templates' annotations; key every view by its YAML node.
  const richest = new Map<unknown, KubeObject>();
  const models = new Map<LoadedFile, Model>();
  for (const scope of scopesOf(inputs, loaded)) {
    const model = lintScope(scope, options, collected);
    for (const object of model.objects) richest.set(object.root.node, object);
    for (const workload of model.workloads) richest.set(workload.root.node, workload);
    for (const file of scope) models.set(file, model);
  }

  const usedIgnores = new Set<IgnoreEntry>();
  const results: FileResult[] = loaded
    .filter(({ file }) => file.reportable)
    .map((loadedFile) => ({
      path: loadedFile.file.source.path,
      findings: applySuppressions(loadedFile.file, loadedFile.objects.map((o) => richest.get(o.object.root.node)!), collected.get(loadedFile.file)!, options, usedIgnores),
      coverage: fileCoverage(loadedFile.objects, models.get(loadedFile)!),
    }));
  // --fix never writes a file with a syntax error, so none of its findings is fixable.
  for (const result of results) {
    if (!result.findings.some((f) => f.fatal)) continue;
    for (const finding of result.findings) {
      delete finding.fix;
      finding.fixable = false;
    }
  }
  const unusedIgnores = unusedConfigIgnores(options, usedIgnores);
  if (unusedIgnores) results.push(unusedIgnores);
  for (const result of results) result.findings.sort(compareFindings);
  return results;
}

/** The files of each scope, in input order: objects relate only to objects of their own scope. */
function scopesOf(inputs: readonly LintInput[], loaded: readonly LoadedFile[]): LoadedFile[][] {
  const scopes = new Map<string, LoadedFile[]>();
  loaded.forEach((file, i) => {
    const scope = inputs[i]!.scope ?? '';
    const files = scopes.get(scope);
    if (files) files.push(file);
    else scopes.set(scope, [file]);
  });
  return [...scopes.values()];
}

/** One scope: its model and index, its drain subjects, the rules and the diagnostics that read the model. */
function lintScope(loaded: LoadedFile[], options: LintOptions, collected: Collected): Model {
  const model = buildModel(
    loaded.flatMap((f) => f.objects.map((o) => o.object)),
    {
      ...(options.workloadKinds ? { catalogue: options.workloadKinds } : {}),
      settings: { defaultNamespace: options.defaultNamespace, kserveDefaultDeploymentMode: options.kserveDefaultDeploymentMode ?? KSERVE_SHIPPED_DEFAULT_MODE },
    },
  );
  const index = new ObjectIndex(model, options.defaultNamespace);
  const { subjects, problems: annotationProblems } = drainSubjects(model, index, options.profiles);
  collectInvalidValues(loaded, annotationProblems, options, collected);
  const editors = new Map<unknown, ManifestEditor>();
  const editorFor = (object: KubeObject) => {
    let editor = editors.get(object.root.node);
    if (!editor) {
      editor = languageOf(object.file.source.path).editor(object.file.source, object.document);
      editors.set(object.root.node, editor);
    }
    return editor;
  };
  for (const rule of options.rules) runRule(rule, { options, index, subjects, collected, editorFor });
  // After the rules: they too read values (lazily), and each unknown one they met is reported.
  collectUnknownValues(loaded, model, options, collected);
  collectUncheckedWorkloads(loaded, model, options, collected);
  return model;
}
