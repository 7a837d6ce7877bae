import {
  KARPENTER_DO_NOT_DISRUPT as REPLACEMENT,
  KARPENTER_DO_NOT_EVICT as DEPRECATED,
  combine,
  defineRule,
  describeObject,
  type KubeObject,
  type MapView,
  type Workload,
} from '../src/rule-kit/index.js';

const IGNORED = `{{what}} sets ${DEPRECATED}, an annotation Karpenter v1 no longer reads: consolidation and drift evict the pod as if it were not there, in the middle of its work.` as const;

export default defineRule({
  meta: {
    id: 'karpenter-deprecated-annotation',
    description: `An object uses ${DEPRECATED}, which Karpenter v1 ignores: the pod is no longer protected from consolidation and drift.`,
    defaultSeverity: 'warn',
    fixable: 'safe',
    docs: { finds: `\`${DEPRECATED}\`, dropped in Karpenter v1 (safe fix: \`${REPLACEMENT}\`)` },
    messages: {
      rename: `${IGNORED} Rename it to ${REPLACEMENT} (keeping {{value}}), which Karpenter v0.32 and later read.`,
      removeOld: `${IGNORED} It also sets ${REPLACEMENT}, which protects the pod: remove ${DEPRECATED}.`,
    },
  },
  check(context) {
    const workloads = new Map<unknown, Workload>(context.index.model.workloads.map((w) => [w.root.node, w]));
    for (const object of context.index.model.objects) {
      const workload = workloads.get(object.root.node);
      // The object's own metadata, then (for workloads) each pod template's.
      const places: { annotations: MapView | undefined; what: string }[] = [
        { annotations: object.root.map('metadata')?.map('annotations'), what: describeObject(object) },
        ...(workload?.templates ?? []).map((template) => ({
          annotations: templateMetadata(workload!, template.spec.view)?.map('annotations'),
          what: `the pod template${template.role ? ` (${template.role})` : ''} of ${describeObject(workload!)}`,
        })),
      ];
      const seen = new Set<unknown>();
      for (const { annotations, what } of places) {
        // A Pod is its own template: its annotations are judged once.
        if (!annotations?.pair(DEPRECATED) || seen.has(annotations.node)) continue;
        seen.add(annotations.node);
        const value = annotations.string(DEPRECATED);
        const hasReplacement = annotations.pair(REPLACEMENT) !== undefined;
        const written = typeof value === 'object' ? JSON.stringify(value.value) : 'its value';
        context.report({
          object: workload ?? object,
          span: annotations.fieldSpan(DEPRECATED),
          ...(hasReplacement
            ? {}
            : { fix: combine('safe', `rename ${DEPRECATED} to ${REPLACEMENT}`, context.editor(object).renameKey(annotations, DEPRECATED, REPLACEMENT, typeof value === 'object' ? value.value : 'true')) }),
          ...(hasReplacement
            ? { messageId: 'removeOld', data: { what: capitalize(what) } }
            : { messageId: 'rename', data: { what: capitalize(what), value: written } }),
        });
      }
    }
  },
});

/** The `metadata` mapping that sits beside a pod template's `spec` (through lists too: a KubeRay worker group's). */
function templateMetadata(object: KubeObject, podSpec: MapView): MapView | undefined {
  const path = podSpec.segments.slice(object.root.segments.length, -1);
  let view: MapView | undefined = object.root;
  for (let i = 0; i < path.length && view; i++) {
    const segment = path[i];
    const index = path[i + 1];
    if (typeof segment !== 'string') return undefined;
    if (typeof index === 'number') {
      view = view.maps(segment).find((item) => item.segments[item.segments.length - 1] === index);
      i++;
    } else {
      view = view.map(segment);
    }
  }
  return view?.map('metadata');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
