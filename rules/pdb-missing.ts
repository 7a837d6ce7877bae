import { defineRule } from '../src/engine/rule.js';
import { describeObject, linksUnknown } from '../src/model/objects.js';
import { pdbCoverage } from '../src/analysis/pdb-coverage.js';
import { combine } from '../src/languages/yaml/editor.js';
import { suggestedPdb, suggestedPdbDocument } from '../src/analysis/pdb-suggestion.js';
import { minimumReplicas } from '../src/analysis/replicas.js';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    description: 'A profiled workload with 2 or more replicas is selected by no PodDisruptionBudget, so a drain may evict all of its pods at once.',
    defaultSeverity: 'warn',
    // The suggestion (a new PodDisruptionBudget document) is only ever applied with --unsafe-fixes.
    fixable: 'unsafe',
  },
  check(context) {
    const coverage = pdbCoverage(context.index);
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
      const allowed = profile.settings.maxConcurrentDisruption;
      const pdb = suggestedPdb(workload, context.index, allowed);
      // maxUnavailable only works for pods of a controller with a scale subresource.
      const document = ['DaemonSet', 'Pod'].includes(workload.kind) ? undefined : suggestedPdbDocument(workload, context.index, allowed);
      const loss =
        profile.name === 'gpu-inference'
          ? 'dropping their in-flight requests and leaving no replica to serve while the replacements load their models'
          : 'cutting all their connections together and sending every client to reconnect at the same moment';
      context.report({
        object: workload,
        span: workload.anchor,
        ...(document
          ? { fix: combine('unsafe', `append a PodDisruptionBudget with maxUnavailable: ${allowed} for ${describeObject(workload)}`, context.editor(workload).appendDocument(document)) }
          : {}),
        message:
          `${describeObject(workload)} runs ${scale.description}, but no PodDisruptionBudget in this run selects its pods ` +
          `(lint the file that has one too, or pass it with --context): a node-pool upgrade, the cluster autoscaler or Karpenter may evict any number of them at once, ${loss}. ` +
          (pdb
            ? `Add a PodDisruptionBudget that lets ${allowed} go at a time: ${pdb}`
            : `Add a PodDisruptionBudget with maxUnavailable: ${allowed} that selects its pods.`) +
          ` [${profile.name}: ${profile.reason}]`,
      });
    }
  },
});
