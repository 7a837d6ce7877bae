import {
  combine,
  defineRule,
  describeObject,
  locationOf,
  PUBLISH_NOT_READY_FIELD,
  subjectsBehind,
  subjectsByWorkload,
} from '../src/rule-kit/index.js';

const REACH =
  'new requests reach the pods of {{workloads}} while they start ({{starting}}, before readiness passes) and while they drain after SIGTERM, because neither a failing readiness probe nor the preStop pause takes them out of the endpoints; those requests fail, or are cut when the pod exits.';

export default defineRule({
  meta: {
    id: 'service-publishes-not-ready',
    description: 'A Service with publishNotReadyAddresses: true selects a profiled workload: starting and draining pods stay in its endpoints.',
    defaultSeverity: 'warn',
    fixable: 'unsafe',
    docs: { finds: 'a Service with `publishNotReadyAddresses: true` sends traffic to starting and draining pods of a profiled workload' },
    messages: {
      published: `{{service}} sets publishNotReadyAddresses: true, so every pod it selects stays a ready endpoint whatever its readiness says: ${REACH} Remove the field (if peers need each other's addresses before they are ready, give them a headless Service of their own).`,
      headlessBehindProxy: `{{service}} is headless and sets publishNotReadyAddresses: true, and {{proxies}} {{send}} client requests to it: the proxy reads its endpoints, where every selected pod counts as ready, so ${REACH} Remove the field, or point the proxy at a Service without it.`,
    },
  },
  check(context) {
    const { index } = context;
    const byWorkload = subjectsByWorkload(context.drainSubjects);
    if (byWorkload.size === 0) return;
    for (const service of index.model.services) {
      const field = service.publishNotReadyAddresses;
      if (field?.value !== true) continue;
      const subjects = subjectsBehind(service, index, byWorkload);
      if (subjects.length === 0) continue;
      // A headless Service publishing not-ready pods is the documented way to give peers each
      // other's addresses (StatefulSet SRV records, a multi-node engine's leader): only a proxy
      // naming it shows that clients' requests go through it.
      const proxies = service.headless ? index.proxiesOf(service) : [];
      if (service.headless && proxies.length === 0) continue;
      const first = subjects[0]!;
      const workloads = [...new Set(subjects.map((s) => `${describeObject(s.workload)} (${locationOf(s.workload)})`))].join(', ');
      const starting = first.profile.name === 'gpu-inference' ? 'loading their model' : 'starting their server';
      const base = { service: describeObject(service), workloads, starting };
      context.report({
        object: service,
        span: field.fieldSpan,
        related: { object: first.workload, span: first.workload.anchor },
        profile: first.profile,
        fix: combine('unsafe', `remove ${PUBLISH_NOT_READY_FIELD} from ${describeObject(service)}`, context.editor(service).remove(service.root.map('spec')!, PUBLISH_NOT_READY_FIELD)),
        ...(proxies.length > 0
          ? { messageId: 'headlessBehindProxy' as const, data: { ...base, proxies: proxies.map((p) => `${describeObject(p)} (${locationOf(p)})`).join(', '), send: proxies.length === 1 ? 'sends' : 'send' } }
          : { messageId: 'published' as const, data: base }),
      });
    }
  },
});
