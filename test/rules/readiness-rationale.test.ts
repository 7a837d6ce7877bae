import readinessIgnoresDrain from '../../rules/readiness-ignores-drain.js';
import readinessMissing from '../../rules/readiness-missing.js';
import readinessTooSlow from '../../rules/readiness-too-slow.js';
import { describe, expect, it } from 'vitest';
import { lintText } from '../support/lint-text.js';
import { VLLM_DEPLOYMENT_HEAD } from '../support/manifests.js';

// Issue 15, item 9: a terminating endpoint is ready=false whatever its probe says; what readiness
// still decides during a drain is `serving`, and the messages must name who reads it.
const CONSUMERS = /serving=true.*kube-proxy's terminating-endpoint fallback, routers that read pod readiness \(the inference gateway's endpoint picker\) and load balancers that health-check pods directly/;
const OLD_RATIONALE = /in rotation|leave rotation|keeps receiving requests/;

const markerPreStop = `          lifecycle: {preStop: {exec: {command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 15"]}}}\n`;
const messagesOf = (rule: typeof readinessMissing, code: string) =>
  lintText(code, { rules: [rule] }).filter((f) => f.ruleId === rule.meta.id).map((f) => f.message);

describe('readiness rationale (what a terminating pod\'s readiness still decides)', () => {
  it('readiness-ignores-drain: a marker readiness never tests', () => {
    const code = `${VLLM_DEPLOYMENT_HEAD}${markerPreStop}          readinessProbe: {httpGet: {path: /health, port: 8000}}\n`;
    const [message] = messagesOf(readinessIgnoresDrain, code);
    expect(message).toMatch(CONSUMERS);
    expect(message).not.toMatch(OLD_RATIONALE);
  });

  it('readiness-ignores-drain: readiness with no drain awareness says Kubernetes marks the endpoint not ready anyway', () => {
    const code = `${VLLM_DEPLOYMENT_HEAD}          lifecycle: {preStop: {sleep: {seconds: 15}}}\n          readinessProbe: {httpGet: {path: /health, port: 8000}}\n`;
    const [message] = messagesOf(readinessIgnoresDrain, code);
    expect(message).toMatch(/marks the terminating endpoint not ready anyway/);
    expect(message).toMatch(CONSUMERS);
  });

  it('readiness-too-slow: a probe slower than the sleep', () => {
    const probe = `          readinessProbe:\n            exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain && curl -sf localhost:8000/health"]}\n            periodSeconds: 10\n`;
    const [message] = messagesOf(readinessTooSlow, `${VLLM_DEPLOYMENT_HEAD}${markerPreStop}${probe}`);
    expect(message).toMatch(CONSUMERS);
    expect(message).not.toMatch(OLD_RATIONALE);
  });

  it('readiness-missing: no probe at all', () => {
    const [message] = messagesOf(readinessMissing, `${VLLM_DEPLOYMENT_HEAD}${markerPreStop}`);
    expect(message).toMatch(CONSUMERS);
    expect(message).not.toMatch(OLD_RATIONALE);
  });

  it('no message where the probe reacts to the drain in time', () => {
    const probe = `          readinessProbe:\n            exec: {command: ["/bin/sh", "-c", "test ! -f /tmp/drain && curl -sf localhost:8000/health"]}\n            periodSeconds: 2\n            failureThreshold: 1\n`;
    const code = `${VLLM_DEPLOYMENT_HEAD}${markerPreStop}${probe}`;
    for (const rule of [readinessIgnoresDrain, readinessTooSlow, readinessMissing]) expect(messagesOf(rule, code)).toEqual([]);
  });
});
