import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'prestop-missing',
    description: 'The serving container of a profiled workload has no preStop hook, so it gets traffic after SIGTERM.',
    defaultSeverity: 'error',
    fixable: 'safe',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, preStop, label, profile } = subject;
      // Without connections there is no endpoint to leave, so nothing for a preStop to wait for.
      if (!serving || preStop.kind !== 'missing' || !subject.receivesTraffic) continue;
      const seconds = profile.settings.preStop;
      context.report({
        object: subject.workload,
        span: serving.lifecycle ? serving.view.keySpan('lifecycle') : serving.anchor,
        message:
          `Container ${serving.name ?? '(unnamed)'} of ${label} has no preStop hook: SIGTERM arrives while EndpointSlices, ` +
          `kube-proxy and ingress controllers still route new requests to the pod, and those requests fail. ` +
          `Add lifecycle.preStop.sleep.seconds: ${seconds} (Kubernetes ≥ 1.30) or an exec "sleep ${seconds}". ` +
          `[${profile.name}: ${profile.reason}]`,
      });
    }
  },
});
