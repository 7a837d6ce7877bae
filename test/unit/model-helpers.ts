/**
 * Builds the model of one YAML text the way src/engine/lint.ts does (parse → rootView →
 * readObject per document or List item → readWorkload / readService / …), without running any
 * rule, so that model modules can be tested on real manifests.
 */
import { buildModel, readObjects, type ReadObject } from '../../src/model/build.js';
import type { InvalidValue } from '../../src/languages/shared/node.js';
import { ObjectIndex } from '../../src/analysis/object-index.js';
import type { Model } from '../../src/model/build.js';
import type { KubeObject, LintFile } from '../../src/model/objects.js';
import {
  DEFAULT_PROFILES,
  longLivedSignals,
  resolveProfile,
  type AnnotationProblem,
  type DrainProfile,
  type ProfileConfig,
  type TrafficFacts,
} from '../../src/analysis/profile.js';
import type { Workload } from '../../src/model/workload.js';
import { SourceFile, type Span } from '../../src/core/source.js';
import { yamlLanguage } from '../../src/languages/yaml/language.js';

export interface LoadedModel {
  source: SourceFile;
  model: Model;
  index: ObjectIndex;
  /** The invalid values recorded while reading `object`. */
  problemsOf(object: KubeObject): InvalidValue[];
  /** Every invalid value of the text, as `text-at-span: message`. */
  allProblems(): string[];
  workload(name: string, namespace?: string): Workload;
  /** The source text a span covers. */
  textOf(span: Span): string;
}

export function loadModel(text: string, defaultNamespace = 'default'): LoadedModel {
  const source = new SourceFile('test.yaml', text, false);
  const file: LintFile = { source, reportable: true };
  const { documents, problems } = yamlLanguage.read(source, undefined);
  if (problems[0]) throw new Error(`test YAML does not parse: ${problems[0].message}`);
  const objects: ReadObject[] = documents.flatMap((document) => readObjects(file, document));
  const model = buildModel(objects.map((o) => o.object));
  const index = new ObjectIndex(model, defaultNamespace);
  const textOf = (span: Span) => source.text.slice(span.start, span.end);
  const sinkOf = (object: KubeObject) => {
    const found = objects.find((o) => o.object === object || (o.object.kind === object.kind && o.object.anchor === object.anchor));
    if (!found) throw new Error('object not in this model');
    return found.sink;
  };
  return {
    source,
    model,
    index,
    problemsOf: (object) => sinkOf(object).problems,
    allProblems: () => objects.flatMap((o) => o.sink.problems.map((p) => `${textOf(p.span)}: ${p.message}`)),
    workload(name, namespace) {
      const found = model.workloads.find((w) => w.name === name && (namespace === undefined || w.namespace === namespace));
      if (!found) throw new Error(`no workload ${name}`);
      return found;
    },
    textOf,
  };
}

export interface Resolved {
  profile: DrainProfile | undefined;
  problems: AnnotationProblem[];
  /** The problems as `text-at-span: message`. */
  problemTexts: string[];
}

/** Resolves the drain profile of workload `name` as the engine does. */
export function profileOf(text: string, name: string, config: Partial<ProfileConfig> = {}): Resolved {
  const loaded = loadModel(text);
  const problems: AnnotationProblem[] = [];
  const workload = loaded.workload(name);
  const profile = resolveProfile(
    workload,
    workload.templates[0]!,
    { profiles: DEFAULT_PROFILES, workloads: [], ...config },
    trafficFacts(loaded),
    problems,
    loaded.index.defaultNamespace,
  );
  return { profile, problems, problemTexts: problems.map((p) => `${loaded.textOf(p.span)}: ${p.message}`) };
}

/** The traffic facts the engine gives resolveProfile (src/engine/lint.ts, drainSubjects). */
export function trafficFacts(loaded: LoadedModel): TrafficFacts {
  return {
    longLived: longLivedSignals(loaded.index),
    isSelectedByService: (workload) => loaded.index.isSelectedByService(workload),
  };
}

/** A Deployment; each container is the YAML of a list item's fields (`name: app\nimage: x`). */
export function deployment(name: string, containers: string | string[], extra: { namespace?: string; annotations?: string; templateAnnotations?: string; podSpec?: string } = {}): string {
  const indent = (text: string, spaces: number) =>
    text
      .trim()
      .split('\n')
      .map((line) => ' '.repeat(spaces) + line)
      .join('\n');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(extra.namespace ? [`  namespace: ${extra.namespace}`] : []),
    ...(extra.annotations ? ['  annotations:', indent(extra.annotations, 4)] : []),
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    ...(extra.templateAnnotations ? ['      annotations:', indent(extra.templateAnnotations, 8)] : []),
    '    spec:',
    ...(extra.podSpec ? [indent(extra.podSpec, 6)] : []),
    '      containers:',
    ...(Array.isArray(containers) ? containers : [containers]).map((c) => indent(c, 10).replace(/^ {10}/, '        - ')),
    '',
  ].join('\n');
}
