import { defineRule } from '../src/engine/rule.js';
import { servesClients } from '../src/analysis/client-traffic.js';
import { gpuResource } from '../src/model/pod.js';

export default defineRule({
  meta: {
    id: 'readiness-missing',
    description: 'The serving container of a profiled workload has no readiness probe: it gets requests before it can serve and while it drains.',
    defaultSeverity: 'error',
    fixable: 'none',
  },
  check(context) {
    for (const subject of context.drainSubjects) {
      const { serving, label, profile } = subject;
      // Pods no connection reaches (a LeaderWorkerSet's workers) have no endpoint to keep out of rotation.
      if (!serving || serving.readinessProbe || !servesClients(subject.workload, subject.template, subject.receivesTraffic)) continue;
      const loading = gpuResource(serving) ? 'still loading its model' : 'still starting';
      const consequence = serving.startupProbe
        ? `Its startupProbe holds requests off until the server first answers, but after that nothing can take the pod out of rotation when it starts draining or stops answering.`
        : `Without one the pod counts as Ready as soon as its container starts, while the server is ${loading}: requests routed to it fail, ` +
          `and a rollout or drain removes old pods before the new one can serve. Nor can the pod leave rotation when it starts draining.`;
      const ports = serving.ports.filter((p) => p.containerPort !== undefined);
      const port = ports.length === 1 ? ports[0] : undefined;
      context.report({
        object: subject.workload,
        span: serving.anchor,
        message:
          `Container ${serving.name ?? '(unnamed)'} of ${label} has no readinessProbe. ${consequence} ` +
          `Add a readinessProbe on the server's health endpoint${port ? ` (port ${port.containerPort})` : ''} that also fails once preStop marks the pod draining. ` +
          `[${profile.name}: ${profile.reason}]`,
      });
    }
  },
});
