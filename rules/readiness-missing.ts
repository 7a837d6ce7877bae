import { defineRule, drainOwnedBy, gpuResource, heldBy, READINESS_DURING_DRAIN, servesClients } from '../src/rule-kit/index.js';

const NO_READINESS = 'Container {{container}} of {{label}} has no readinessProbe.';
/** `{{onPort}}`: ` (port N)` when the container declares exactly one port, else empty. */
const ADD_READINESS = "Add a readinessProbe on the server's health endpoint{{onPort}} that also fails once preStop marks the pod draining.";

export default defineRule({
  meta: {
    id: 'readiness-missing',
    description: 'The serving container of a profiled workload has no readiness probe: it gets requests before it can serve and while it drains.',
    defaultSeverity: 'error',
    fixable: 'none',
    docs: { finds: 'the serving container has no readiness probe: it gets requests while the model loads and cannot report that it is draining' },
    messages: {
      noReadiness: `${NO_READINESS} Without one the pod counts as Ready as soon as its container starts, while the server is still {{loading}}: requests routed to it fail, and a rollout or drain removes old pods before the new one can serve. Nor can it report that it is draining: its terminating endpoint stays serving=true for ${READINESS_DURING_DRAIN}. ${ADD_READINESS}`,
      noReadinessAfterStartup: `${NO_READINESS} Its startupProbe holds requests off until the server first answers, but after that nothing marks the pod unready when it stops answering, and its terminating endpoint stays serving=true while it drains. ${ADD_READINESS}`,
    },
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      // Pods no connection reaches (a LeaderWorkerSet's workers) have no endpoint to keep out of rotation.
      // Knative's queue-proxy adds a readiness check where the container has none.
      if (!serving || serving.readinessProbe || drainOwnedBy(subject.template) || !servesClients(subject.workload, subject.template, subject.receivesTraffic)) continue;
      const ports = serving.ports.filter((p) => p.containerPort !== undefined);
      const port = ports.length === 1 ? ports[0] : undefined;
      const data = { container: serving.name ?? '(unnamed)', label, onPort: port ? ` (port ${port.containerPort})` : '' };
      context.report({
        ...heldBy(subject, serving, 'container'),
        span: serving.anchor,
        ...(serving.startupProbe
          ? { messageId: 'noReadinessAfterStartup' as const, data }
          : { messageId: 'noReadiness' as const, data: { ...data, loading: gpuResource(serving) ? 'loading its model' : 'starting' } }),
        profile,
      });
    }
  },
});
