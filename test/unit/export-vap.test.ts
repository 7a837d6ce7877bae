/**
 * The exported ValidatingAdmissionPolicies decide each object of the rule fixtures as the built-in
 * rules do. Each object is judged alone, as an admission request shows it: what a rule learns from
 * other objects of a fixture (a Service selecting the pods, an Ingress's timeouts) is no
 * single-object fact, and the export says so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { rules } from '../../rules/index.js';
import { DEFAULT_PROFILES, type ProfileConfig } from '../../src/analysis/profile.js';
import { lint } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import { admissionPolicyCheck } from '../../src/policy/admission/check.js';
import { ADMISSION_VARIABLES } from '../../src/policy/admission/compile.js';
import { compileCel } from '../../src/policy/cel.js';
import { EXPORTABLE_RULES } from '../../src/policy/export/builtin-rules.js';
import { exportAdmissionPolicies } from '../../src/policy/export/export.js';
import { EXPORTED_KINDS } from '../../src/policy/export/workload-cel.js';
import { ROOT } from '../cli/run.js';

const PROFILES: ProfileConfig = { profiles: DEFAULT_PROFILES, workloads: [] };
const encode = (text: string) => new TextEncoder().encode(text);

/** Each object of a rule's fixtures (valid and invalid; List items one by one) as YAML text, named by file and position. */
function fixtureObjects(id: string): { name: string; text: string; kind: string }[] {
  const objects: { name: string; text: string; kind: string }[] = [];
  for (const folder of ['valid', 'invalid']) {
    const dir = join(ROOT, 'fixtures/rules', id, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.fixed.yaml'))) {
      const documents = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
      if (!Array.isArray(documents)) continue;
      documents.forEach((document, d) => {
        const value = document.toJS() as Record<string, unknown> | null;
        if (!value || typeof value !== 'object') return;
        const items = value.kind === 'List' && Array.isArray(value.items) ? (value.items as Record<string, unknown>[]) : [value];
        items.forEach((item, i) => {
          if (typeof item?.kind !== 'string') return;
          objects.push({ name: `${folder}/${file}#${d}${items.length > 1 || value.kind === 'List' ? `.items[${i}]` : ''} ${item.kind}`, text: stringify(item), kind: item.kind });
        });
      });
    }
  }
  return objects;
}

function builtinFires(rule: Rule, text: string): boolean {
  const [result] = lint([{ path: 'object.yaml', content: encode(text), reportable: true }], { rules: [rule], settings: new Map(), profiles: PROFILES, defaultNamespace: 'default' });
  return result!.findings.some((f) => f.ruleId === rule.meta.id);
}

function exportedFires(policy: string, text: string): { fires: boolean; messages: string[] } {
  const results = lint(
    [
      { path: 'object.yaml', content: encode(text), reportable: true },
      { path: 'policy.yaml', content: encode(policy), reportable: false },
    ],
    { rules: [admissionPolicyCheck], settings: new Map(), profiles: PROFILES, defaultNamespace: 'default' },
  );
  const messages = results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'admission-policy').map((f) => `${f.line}:${f.column} ${f.message}`));
  // An expression that errs (or cannot be evaluated offline) would deny under failurePolicy Fail for the wrong reason.
  const failures = messages.filter((m) => /resulted in error|cannot be evaluated offline|not supported/.test(m));
  if (failures.length > 0) throw new Error(`the exported policy cannot decide:\n${failures.join('\n')}`);
  return { fires: messages.length > 0, messages };
}

const exportedKinds = new Set(EXPORTED_KINDS.map((k) => k.kind));

function exportedPolicy(id: string): string {
  const rule = rules.find((r) => r.meta.id === id)!;
  const { exported } = exportAdmissionPolicies({ rules: [{ id, description: rule.meta.description, level: 'error', options: rule.meta.defaultOptions }], policies: [], config: PROFILES, defaultNamespace: 'default' });
  return exported[0]!.objects.map((o) => stringify(o)).join('---\n');
}

describe('exported policies decide the rule fixtures as the built-in rules do', () => {
  for (const id of Object.keys(EXPORTABLE_RULES)) {
    it(id, () => {
      const rule = rules.find((r) => r.meta.id === id)!;
      const { exported } = exportAdmissionPolicies({ rules: [{ id, description: rule.meta.description, level: 'error', options: rule.meta.defaultOptions }], policies: [], config: PROFILES, defaultNamespace: 'default' });
      type Vap = { kind: string; spec: { variables?: { expression: string }[]; validations?: { expression: string }[]; matchConditions?: { expression: string }[] } };
      const vaps = (exported[0]!.objects as Vap[]).filter((o) => o.kind === 'ValidatingAdmissionPolicy');
      // Every expression compiles as the offline evaluator compiles a policy's (a context file's errors are not reported).
      const expressions = vaps.flatMap((vap) => [...(vap.spec.variables ?? []), ...(vap.spec.validations ?? []), ...(vap.spec.matchConditions ?? [])]).map((e) => e.expression);
      expect(expressions.flatMap((e) => { const compiled = compileCel(e, ADMISSION_VARIABLES); return compiled.ok ? [] : [`${compiled.message}: ${e.slice(0, 200)}`]; })).toEqual([]);
      const policy = exported[0]!.objects.map((o) => stringify(o)).join('---\n');
      const judged = fixtureObjects(id).filter((o) => id === 'karpenter-deprecated-annotation' || exportedKinds.has(o.kind));
      const disagreements: string[] = [];
      let fired = 0;
      for (const object of judged) {
        const builtin = builtinFires(rule, object.text);
        const vap = exportedFires(policy, object.text);
        if (builtin) fired++;
        if (builtin !== vap.fires) disagreements.push(`${object.name}: rule ${builtin ? 'fires' : 'passes'}, policy ${vap.fires ? 'fires' : 'passes'} ${vap.messages.join(' | ')}`);
      }
      expect(disagreements).toEqual([]);
      // Both outcomes are met, so agreement is no accident of a policy that always passes or always fails.
      expect(fired).toBeGreaterThan(0);
      expect(judged.length - fired).toBeGreaterThan(0);
    });
  }
});

/**
 * Objects on the edges of what the linter reads from one object (server commands, PORT, worker
 * ranks, GPU amounts, preStop scripts, declared longest requests): the export must read them alike.
 * Found by comparing the two on the corpus's objects, varied.
 */
describe('exported policies read the edge cases of one object as the rules do', () => {
  const GPU = { limits: { 'nvidia.com/gpu': 1 } };
  const PORT = [{ containerPort: 8000 }];
  const deployment = (container: Record<string, unknown>, annotations: Record<string, string> = {}, podSpec: Record<string, unknown> = {}) =>
    stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', annotations }, spec: { template: { spec: { ...podSpec, containers: [{ name: 'c', image: 'example/app:1', resources: GPU, ...container }] } } } });
  const shortRequests = { 'gpu-drain-lint.io/longest-request': '1' };
  const cases: [string, string][] = [
    ['a worker rank with --port', deployment({ command: ['python', 'train.py', '--node-rank', '1', '--port', '29500'] })],
    ['an SGLang worker rank in sh -c', deployment({ command: ['sh', '-c', 'python3 -m sglang.launch_server --node-rank 1 --port 30000'] })],
    ['an SGLang rank from a variable', deployment({ command: ['python3', '-m', 'sglang.launch_server', '--node-rank', '$(RANK)', '--port', '30000'] })],
    ['PORT from a ConfigMap', deployment({ command: ['python', 'app.py'], env: [{ name: 'PORT', valueFrom: { configMapKeyRef: { name: 'a', key: 'b' } } }] })],
    ['an empty PORT', deployment({ command: ['python', 'app.py'], env: [{ name: 'PORT', value: '' }] })],
    ['PORT on a smoke test that idles', deployment({ command: ['sh', '-c', 'nvidia-smi; sleep infinity'], env: [{ name: 'PORT', value: '8080' }] })],
    ['PORT on echo', deployment({ command: ['echo', 'hello'], env: [{ name: 'PORT', value: '8080' }] })],
    ['PORT on a server', deployment({ command: ['python', 'app.py'], env: [{ name: 'PORT', value: '8080' }] })],
    ['a server and a benchmark in one script', deployment({ command: ['sh', '-c', 'python server.py --port 8000 & python benchmark_serving.py'] })],
    ['a benchmark client with --port', deployment({ command: ['vllm', 'bench', 'serve', '--port', '8000'] })],
    ['a GPU request overridden by a zero limit', deployment({ resources: { requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 0 } }, ports: PORT })],
    ['a templated GPU amount', deployment({ resources: { limits: { 'nvidia.com/gpu': '${GPUS}' } }, ports: PORT })],
    ['a containerPort left to a template', deployment({ ports: [{ containerPort: '${PORT}' }] })],
    ['an image with pause in its name', deployment({ image: 'example/pause-proxy:1', command: ['proxy', '--port', '80'] })],
    ['the pause image', deployment({ image: 'registry.k8s.io/pause:3.9', command: ['/pause', '--port', '80'] })],
    ['python -m vllm.entrypoints', deployment({ command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'] })],
    ['-m vllm.entrypoints after another program', deployment({ command: ['uv', 'run', '-m', 'vllm.entrypoints.openai.api_server'] })],
    ['args only, on the vLLM image', deployment({ image: 'vllm/vllm-openai:v0.9.0', args: ['--model', 'm'] })],
    ['an engine image of a mock', deployment({ image: 'aibrix/vllm-mock:1', ports: PORT })],
    ['two sleeps in a preStop script, short requests', deployment({ ports: PORT, readinessProbe: { httpGet: { port: 8000 } }, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10 && sleep 10'] } } } }, shortRequests)],
    ['three sleeps, short requests', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5; sleep 5; sleep 5'] } } } }, shortRequests)],
    ['a sleep in minutes, short requests', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['sleep', '1m'] } } } }, shortRequests)],
    ['a preStop that only echoes, short requests', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['echo', 'nosleep 99'] } } } }, shortRequests)],
    ['a preStop loop, short requests', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'while pgrep vllm; do sleep 1; done'] } } } }, shortRequests)],
    ['an httpGet preStop, short requests', deployment({ ports: PORT, lifecycle: { preStop: { httpGet: { port: 8000, path: '/drain' } } } }, shortRequests)],
    ['a native sleep, a 10 s longest request and a 30 s grace', deployment({ ports: PORT, lifecycle: { preStop: { sleep: { seconds: 5 } } } }, { 'gpu-drain-lint.io/longest-request': ' 10 ' }, { terminationGracePeriodSeconds: 30 })],
    ['a 9.5 s longest request', deployment({ ports: PORT, lifecycle: { preStop: { sleep: { seconds: 5 } } } }, { 'gpu-drain-lint.io/longest-request': '9.5' }, { terminationGracePeriodSeconds: 30 })],
    ['a 10.5s longest request', deployment({ ports: PORT, lifecycle: { preStop: { sleep: { seconds: 4 } } } }, { 'gpu-drain-lint.io/longest-request': '10.5s' }, { terminationGracePeriodSeconds: 30 })],
    ['an invalid longest request', deployment({ ports: PORT, lifecycle: { preStop: { sleep: { seconds: 5 } } } }, { 'gpu-drain-lint.io/longest-request': 'soon' }, { terminationGracePeriodSeconds: 30 })],
    ['profile none', deployment({ ports: PORT }, { 'gpu-drain-lint.io/profile': 'none' })],
    ['profile long-lived on a CPU pod', deployment({ resources: {}, ports: PORT }, { 'gpu-drain-lint.io/profile': 'long-lived' })],
    ['a run-to-completion pod spec', deployment({ ports: PORT }, {}, { restartPolicy: 'OnFailure' })],
    ['liveness on a named port, the same check as readiness', deployment({ ports: [{ name: 'http', containerPort: 8000 }], readinessProbe: { httpGet: { path: '/health', port: 8000 } }, livenessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 30, failureThreshold: 5 } })],
    ['liveness tcpSocket on the readiness port', deployment({ ports: PORT, readinessProbe: { httpGet: { path: '/health', port: 8000 } }, livenessProbe: { tcpSocket: { port: 8000 } } })],
    ['liveness on a metrics port', deployment({ ports: [...PORT, { containerPort: 9090 }], readinessProbe: { httpGet: { path: '/health', port: 8000 } }, livenessProbe: { httpGet: { path: '/metrics', port: 9090 } } })],
    ['liveness with a minute of failures', deployment({ ports: PORT, livenessProbe: { httpGet: { path: '/health', port: 8000 }, periodSeconds: 20, failureThreshold: 3 } })],
    ['liveness thresholds left to a template', deployment({ ports: PORT, livenessProbe: { httpGet: { path: '/health', port: 8000 }, periodSeconds: '${PERIOD}', failureThreshold: 3 } })],
    ['liveness testing the drain marker', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'touch /tmp/drain && sleep 15'] } } }, livenessProbe: { exec: { command: ['sh', '-c', 'test ! -f /tmp/drain'] }, periodSeconds: 30, failureThreshold: 5 } })],
    ['liveness reading a file the marker is only a prefix of', deployment({ ports: PORT, lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo 1 > /tmp/drain && sleep 15'] } } }, livenessProbe: { exec: { command: ['cat', '/tmp/drain.log'] } } })],
  ];
  const ids = ['grace-period-default', 'prestop-missing', 'readiness-missing', 'liveness-gates-on-load'];
  const policies = new Map(ids.map((id) => [id, exportedPolicy(id)]));

  it.each(cases)('%s', (_name, text) => {
    const outcomes = ids.map((id) => `${id}: ${builtinFires(rules.find((r) => r.meta.id === id)!, text)}`);
    expect(ids.map((id) => `${id}: ${exportedFires(policies.get(id)!, text).fires}`)).toEqual(outcomes);
  });
});
