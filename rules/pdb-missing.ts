import {
  combine,
  controllerLabelsMayMatch,
  defineRule,
  describeObject,
  linksUnknown,
  minimumReplicas,
  pdbCoverage,
  pdbsSelectingNothingNear,
  suggestedPdb,
  suggestedPdbDocument,
  templateReplicas,
  type DrainSubject,
  type PodDisruptionBudget,
  type Workload,
} from '../src/rule-kit/index.js';

const NO_PDB =
  '{{workload}} runs {{replicas}}, but no PodDisruptionBudget in this run selects its pods (lint the file that has one too, or pass it with --context): a node-pool upgrade, the cluster autoscaler or Karpenter may evict any number of them at once,';
const DROPS_REQUESTS = 'dropping their in-flight requests and leaving no replica to serve while the replacements load their models.';
const CUTS_CONNECTIONS = 'cutting all their connections together and sending every client to reconnect at the same moment.';
const PASTE = 'Add a PodDisruptionBudget that lets {{allowed}} go at a time: {{pdb}}';
const DESCRIBE = 'Add a PodDisruptionBudget with maxUnavailable: {{allowed}} that selects its pods.';
/** A group whose pods' owner has no scale subresource (a KubeRay worker group: the RayCluster). */
const INTEGER_MIN =
  'Add a PodDisruptionBudget with minAvailable: {{minAvailable}} that selects them ({{labels}}): their owner, {{owner}}, has no scale subresource, so only an integer minAvailable works, not maxUnavailable or a percentage.';
const FIX_STRAY =
  'Fix the selector of {{stray}} instead, which selects no pod of this run (pdb-selects-nothing): a second budget would overlap it once its selector is fixed, and the Eviction API refuses to evict a pod that two budgets select.';

const PARTIAL =
  '{{workload}} runs {{replicas}}, and only {{partial}} protects any of them, through a label its controller adds to each pod (such as statefulset.kubernetes.io/pod-name): the other pods may all be evicted at once,';
const WIDEN =
  'Widen the selector of {{partial}} to the pod template\'s labels rather than adding a second budget: the Eviction API refuses to evict a pod that two budgets select.';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    description: 'A profiled workload with 2 or more replicas is selected by no PodDisruptionBudget, so a drain may evict all of its pods at once.',
    defaultSeverity: 'warn',
    // The suggestion (a new PodDisruptionBudget document) is only ever applied with --unsafe-fixes.
    fixable: 'unsafe',
    docs: { finds: 'a profiled workload with 2+ replicas has no PodDisruptionBudget; the message carries one to paste' },
    messages: {
      dropsRequests: `${NO_PDB} ${DROPS_REQUESTS} ${PASTE}`,
      cutsConnections: `${NO_PDB} ${CUTS_CONNECTIONS} ${PASTE}`,
      dropsRequestsNoSuggestion: `${NO_PDB} ${DROPS_REQUESTS} ${DESCRIBE}`,
      cutsConnectionsNoSuggestion: `${NO_PDB} ${CUTS_CONNECTIONS} ${DESCRIBE}`,
      dropsRequestsIntegerMin: `${NO_PDB} ${DROPS_REQUESTS} ${INTEGER_MIN}`,
      cutsConnectionsIntegerMin: `${NO_PDB} ${CUTS_CONNECTIONS} ${INTEGER_MIN}`,
      dropsRequestsFixStray: `${NO_PDB} ${DROPS_REQUESTS} ${FIX_STRAY}`,
      cutsConnectionsFixStray: `${NO_PDB} ${CUTS_CONNECTIONS} ${FIX_STRAY}`,
      dropsRequestsWidenPartial: `${PARTIAL} ${DROPS_REQUESTS} ${WIDEN}`,
      cutsConnectionsWidenPartial: `${PARTIAL} ${CUTS_CONNECTIONS} ${WIDEN}`,
    },
  },
  check(context) {
    const coverage = pdbCoverage(context.index);
    /**
     * A group with its own replica count (a KubeRay worker group) is a serving unit of its own:
     * its pods need a budget of their own. Their owner (the RayCluster) has no scale subresource,
     * so the budget can only be an integer minAvailable.
     */
    const checkGroup = ({ workload, template, profile, label }: DrainSubject) => {
      const own = template.noHeadroom ? undefined : templateReplicas(template);
      if (!own || own.replicas < 2 || coverage.pdbsOfTemplate(template).length > 0) return;
      if (linksUnknown(workload) || context.index.somePdbLinksUnknown) return;
      // Pods whose labels the linter does not know (a Dynamo service's) cannot be matched to a budget.
      if (template.labels.size === 0) return;
      const allowed = profile.settings.maxConcurrentDisruption;
      const loss = profile.name === 'gpu-inference' ? 'dropsRequests' : 'cutsConnections';
      const base = { workload: label, replicas: own.description };
      const span = own.field?.fieldSpan ?? template.replicas!.at.anchor;
      if (workload.workloadKind.podOwnerScales !== false) {
        context.report({ object: workload, span, messageId: `${loss}NoSuggestion`, data: { ...base, allowed }, profile });
        return;
      }
      // A RayService's cluster is named anew at each upgrade: its pods carry no label of the
      // RayService, so the group's labels alone also select other RayServices' groups.
      const ownLabel = template.labels.has('ray.io/cluster') ? '' : ', with a label of your own added to the group\'s template: KubeRay names each RayService\'s cluster anew, so these labels alone would also select the same group of other RayServices in the namespace';
      const labels = [...template.labels].map(([key, field]) => `${key}: ${field.value}`).join(', ') + (template.labels.size > 0 ? ownLabel : '');
      const owner = workload.kind === 'RayService' ? `the RayCluster ${describeObject(workload)} creates` : describeObject(workload);
      context.report({
        object: workload,
        span,
        messageId: `${loss}IntegerMin`,
        data: { ...base, minAvailable: Math.max(1, own.replicas - allowed), labels: labels || 'its pod labels', owner },
        profile,
      });
    };
    context.drainSubjects.forEach(checkGroup);
    const { index } = context;
    const invalidSelectorNamespaces = new Set(index.model.pdbs.filter((p) => p.invalidSelector).map((p) => index.namespace(p)));
    // The first PDB of each selector in a namespace: copies of a PDB (overlays) are asked about once.
    const distinctSelectors = new Map<string, PodDisruptionBudget[]>();
    const distinctSelectorsIn = (namespace: string): PodDisruptionBudget[] => {
      let pdbs = distinctSelectors.get(namespace);
      if (!pdbs) {
        // The index gives equal selectors of a namespace one selection.
        const seen = new Set<readonly Workload[]>();
        pdbs = index.pdbsIn(namespace).filter((p) => {
          if (!p.selector) return false;
          const selected = index.workloadsSelectedBy(namespace, p.selector);
          if (seen.has(selected)) return false;
          seen.add(selected);
          return true;
        });
        distinctSelectors.set(namespace, pdbs);
      }
      return pdbs;
    };
    const judged = new Set<unknown>();
    for (const { workload, profile } of context.drainSubjects) {
      if (judged.has(workload.root.node)) continue;
      judged.add(workload.root.node);
      // Fewer than 2 replicas is single-replica's finding: a PDB cannot keep a lone pod serving.
      const scale = minimumReplicas(workload, context.index);
      if (!scale || scale.replicas < 2) continue;
      if (coverage.pdbsOf(workload).length > 0) continue;
      // A PDB whose selector (or the workload's labels) a TypeScript source computes may cover it.
      if (linksUnknown(workload) || context.index.somePdbLinksUnknown) continue;
      // A budget of its namespace whose selector holds an invalid value (invalid-value's finding)
      // may be its own: a second one would overlap it once the value is corrected.
      const namespace = context.index.namespace(workload);
      if (invalidSelectorNamespaces.has(namespace)) continue;
      const allowed = profile.settings.maxConcurrentDisruption;
      const loss = profile.name === 'gpu-inference' ? 'dropsRequests' : 'cutsConnections';
      const base = { workload: describeObject(workload), replicas: scale.description, allowed };
      // A budget of its namespace that selects nothing may be this one with a mistyped selector:
      // one mistake, one fix (appending another would leave two once it is corrected).
      // Only one named after the workload (`v`, `v-pdb` for Deployment v) is taken for its own:
      // another (`worker-pdb`) most likely belongs to a workload in files not linted.
      const stray = pdbsSelectingNothingNear(workload, context.index).find((p) => workload.name && p.name?.startsWith(workload.name));
      if (stray) {
        context.report({ object: workload, span: workload.anchor, messageId: `${loss}FixStray`, data: { ...base, stray: describeObject(stray) }, profile });
        continue;
      }
      // A per-pod budget (`statefulset.kubernetes.io/pod-name: web-0`) covers some of its pods:
      // a budget for all of them would overlap it there.
      const partial = distinctSelectorsIn(namespace).find((p) => controllerLabelsMayMatch(p.selector!, workload));
      if (partial) {
        context.report({ object: workload, span: workload.anchor, messageId: `${loss}WidenPartial`, data: { ...base, partial: describeObject(partial) }, profile });
        continue;
      }
      const pdb = suggestedPdb(workload, context.index, allowed);
      // maxUnavailable only works for pods of a controller with a scale subresource.
      const document = workload.workloadKind.podOwnerScales === false ? undefined : suggestedPdbDocument(workload, context.index, allowed);
      context.report({
        object: workload,
        span: workload.anchor,
        ...(document
          ? { fix: combine('unsafe', `append a PodDisruptionBudget with maxUnavailable: ${allowed} for ${describeObject(workload)}`, context.editor(workload).appendDocument(document)) }
          : {}),
        ...(pdb ? { messageId: loss, data: { ...base, pdb } } : { messageId: `${loss}NoSuggestion`, data: base }),
        profile,
      });
    }
  },
});

