import { LLMISVC_DERIVED_FLAGS, LLMISVC_MAIN_CONTAINER, LLMISVC_PRESET } from '../../domain/operators.js';
import { viewAt, type OperatorFacts, type TemplateSite, type WorkloadKind, type Resource } from './kind.js';

const GROUP = 'serving.kserve.io';

/**
 * The presets KServe merges under every LLMInferenceService: they supply the preStop, the probes
 * and the grace period of container `main`. Traffic reaches these pods through the inference
 * gateway's endpoint picker, which drops a pod as soon as it terminates (GIE `pkg/lwepp/util/pod/pod.go:23-35`; CRDS.md §11).
 */
const PRESET: OperatorFacts = {
  defaults: LLMISVC_PRESET,
  defaultsTo: LLMISVC_MAIN_CONTAINER,
  leavesWithoutReadiness: "the inference gateway's endpoint picker stops sending requests to a pod as soon as it terminates",
  derivedEngineFlags: LLMISVC_DERIVED_FLAGS,
};

/** Pod labels of an LLMInferenceService's workload. Source: kserve `pkg/controller/v1alpha2/llmisvc/workload.go:166-176`; CRDS.md §4. */
function workloadLabels(name: string | undefined): Record<string, string> {
  return {
    ...(name ? { 'app.kubernetes.io/name': name } : {}),
    'app.kubernetes.io/part-of': 'llminferenceservice',
    'kserve.io/component': 'workload',
  };
}

/** `spec.template` and `spec.worker` (PodSpecs), and the same under `spec.prefill`. CRDS.md §4. */
function templates(object: Resource, counted = true): TemplateSite[] {
  const spec = object.root.map('spec');
  if (!spec) return [];
  const sites: TemplateSite[] = [];
  const prefill = spec.map('prefill');
  for (const [owner, prefix] of [[spec, ''], [prefill, 'prefill ']] as const) {
    for (const key of ['template', 'worker'] as const) {
      const view = viewAt(owner ?? spec, [key]);
      if (!owner || !view) continue;
      const role = key === 'worker' || prefix ? `${prefix}${key}` : prefill ? 'decode template' : undefined;
      // The prefill pool scales on its own (`spec.prefill.replicas`, 1 when unset); counted once, on its template.
      const ownCount = counted && prefix && key === 'template' ? { replicas: { at: owner, key: 'replicas', default: 1 } } : {};
      sites.push({ view, shape: 'podSpec', ...(role ? { role } : {}), ...ownCount, podLabels: workloadLabels(object.name), operator: PRESET });
    }
  }
  return sites;
}

/**
 * `spec.replicas`, or with autoscaling `spec.scaling.minReplicas` (the two are exclusive;
 * minReplicas defaults to 1). Source: kserve `pkg/apis/serving/v1alpha2/llm_inference_service_types.go:85-211`; CRDS.md §4.
 */
function replicasPath(object: Resource): readonly string[] {
  return object.root.map('spec')?.has('scaling') ? ['spec', 'scaling', 'minReplicas'] : ['spec', 'replicas'];
}

/**
 * KServe LLMInferenceService and LLMInferenceServiceConfig (`v1alpha1`, `v1alpha2`), with the
 * presets merged under them (CRDS.md §4). A config is judged as the pods it shapes.
 */
export const LLMISVC_KINDS: readonly WorkloadKind[] = [
  { group: GROUP, kind: 'LLMInferenceService', templates: (object) => templates(object), replicas: replicasPath },
  // A config shapes the pods of the services that name it: their counts are theirs, not its own.
  { group: GROUP, kind: 'LLMInferenceServiceConfig', templates: (object) => templates(object, false) },
];
