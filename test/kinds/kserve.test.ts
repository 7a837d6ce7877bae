/**
 * KServe InferenceService and Knative Service, all rules at once: the deployment mode (annotation,
 * legacy names, config default), the model merged over the named ServingRuntime (where it is
 * looked up, where its findings land), workerSpec, and Knative's min-scale.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { fixText, lintText, type LintTextOptions } from '../support/lint-text.js';

const OPTIONS: LintTextOptions = { rules, kubernetesVersion: '1.31' };

/** `LINE:COL rule-id` of every finding of the first file. */
function found(text: string, options: Partial<LintTextOptions> = {}): string[] {
   return lintText(text, { ...OPTIONS, ...options }).map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

/** A GPU InferenceService in namespace ml whose model names runtime `vllm`; `predictor:` is line 6 (7 with annotations). */
const isvc = (annotations = '', model = '') => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama
  namespace: ml
${annotations}spec:
  predictor:
    minReplicas: 2
    model:
      runtime: vllm
      modelFormat: {name: vLLM}
${model}      resources: {limits: {nvidia.com/gpu: 1}}
`;
const mode = (value: string) => `  annotations: {serving.kserve.io/deploymentMode: ${value}}\n`;

/** A runtime `vllm` (namespace ml) whose kserve-container has a readiness probe that flips in 31 s; `args` on line 8. */
const runtime = (kind = 'ServingRuntime', namespace = 'ml') => `apiVersion: serving.kserve.io/v1alpha1
kind: ${kind}
metadata: {name: vllm${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  containers:
    - name: kserve-container
      image: vllm/vllm-openai:v0.19.0
      args: [--port=8080, --shutdown-timeout=30]
      readinessProbe:
        exec: {command: [/bin/sh, -c, "! test -f /tmp/drain && curl -sf localhost:8080/health"]}
        periodSeconds: 10
`;
const preStop = '      lifecycle: {preStop: {exec: {command: [/bin/sh, -c, touch /tmp/drain && sleep 15]}}}\n';
const doc = (...docs: string[]) => docs.join('---\n');

describe('deployment mode', () => {
  it('unset: KServe ships Knative, so queue-proxy owns the drain: no grace, preStop or readiness finding', () => {
    expect(found(isvc())).not.toEqual(expect.arrayContaining([expect.stringMatching(/grace-period-default|prestop-missing|readiness/)]));
    expect(found(isvc())).toEqual(['4:3 pdb-missing']);
  });

  it('unset with config kserve.defaultDeploymentMode Standard: judged like a Deployment', () => {
    expect(found(isvc(), { kserveDefaultDeploymentMode: 'Standard' })).toEqual(['4:3 pdb-missing', '7:3 grace-period-default', '9:5 prestop-missing']);
  });

  it.each(['Standard', 'RawDeployment'])('annotation %s: Standard mode, over a Knative config default', (value) => {
    expect(found(isvc(mode(value)), { kserveDefaultDeploymentMode: 'Knative' })).toEqual(['4:3 pdb-missing', '8:3 grace-period-default', '10:5 prestop-missing']);
  });

  it.each(['Knative', 'Serverless'])('annotation %s: Knative mode, over a Standard config default', (value) => {
    expect(found(isvc(mode(value)), { kserveDefaultDeploymentMode: 'RawDeployment' })).toEqual(['4:3 pdb-missing']);
  });

  it('an unknown mode is an invalid value, and the configured default applies', () => {
    const findings = lintText(isvc(mode('Serverles')), OPTIONS);
    expect(findings.filter((f) => f.ruleId === 'invalid-value').map((f) => f.message)).toEqual([
      'metadata.annotations.serving.kserve.io/deploymentMode must be one of Knative, Serverless, Standard, RawDeployment, ModelMesh, got "Serverles"',
    ]);
    expect(findings.map((f) => f.ruleId)).not.toContain('prestop-missing');
  });

  it('ModelMesh: the pods are the runtime\'s, made by another controller: nothing judged on the InferenceService', () => {
    expect(found(isvc(mode('ModelMesh')))).toEqual([]);
  });
});

describe('the model merged over its ServingRuntime', () => {
  const standard = mode('Standard');

  it('runtime args first, the InferenceService\'s appended: a flag in the runtime is fixed there', () => {
    const text = doc(runtime(), isvc(standard, preStop));
    const findings = lintText(text, OPTIONS).filter((f) => f.ruleId === 'engine-shutdown-timeout');
    expect(findings.map((f) => `${f.line}:${f.column}`)).toEqual(['8:27']);
    expect(fixText(text, { ...OPTIONS, rules: rules.filter((r) => r.meta.id === 'engine-shutdown-timeout' || r.meta.id === 'grace-period-default') })).toContain(
      'args: [--port=8080, --shutdown-timeout=150]',
    );
  });

  it('the runtime\'s readiness counts: too slow for the preStop, reported and fixed on the runtime', () => {
    const text = doc(runtime(), isvc(standard, preStop));
    expect(found(text)).toContain('11:9 readiness-too-slow');
    expect(fixText(text, { ...OPTIONS, rules: rules.filter((r) => r.meta.id === 'readiness-too-slow') })).toContain('        periodSeconds: 2\n        failureThreshold: 1\n---');
  });

  it('a runtime only in a --context file: its finding lands on the InferenceService, with no fix', () => {
    const findings = lintText(isvc(standard, preStop), { ...OPTIONS, others: [{ path: 'runtimes.yaml', text: runtime(), reportable: false }] });
    const slow = findings.find((f) => f.ruleId === 'readiness-too-slow');
    expect(slow && `${slow.line}:${slow.column} ${slow.fix === undefined}`).toBe('10:5 true');
  });

  it('a runtime in another linted file: the finding is that file\'s', () => {
    const text = isvc(standard, preStop);
    expect(found(text, { others: [{ path: 'runtimes.yaml', text: runtime() }] })).not.toContain(expect.stringMatching(/readiness-too-slow/));
  });

  it('a ServingRuntime of another namespace is not the one named; a ClusterServingRuntime is', () => {
    const elsewhere = doc(runtime('ServingRuntime', 'other'), isvc(standard, preStop));
    // Not merged: the readiness judged is the TCP probe KServe adds, on the model.
    expect(found(elsewhere)).toContain('22:5 readiness-too-slow');
    const cluster = doc(runtime('ClusterServingRuntime', ''), isvc(standard, preStop));
    expect(found(cluster)).toContain('11:9 readiness-too-slow');
  });

  it('a runtime requesting a GPU is read (through the InferenceServices that name it), not an unchecked workload, even alone', () => {
    const gpuRuntime = runtime().replace('      args:', '      resources: {limits: {nvidia.com/gpu: 1}}\n      args:');
    expect(found(gpuRuntime)).toEqual([]);
    expect(found(doc(gpuRuntime, isvc(standard, preStop)))).not.toContain(expect.stringMatching(/unchecked-workload/));
  });

  it('the model\'s own readiness wins over the runtime\'s', () => {
    const own = `${preStop}      readinessProbe: {exec: {command: [/bin/sh, -c, "! test -f /tmp/drain"]}, periodSeconds: 2, failureThreshold: 1}\n`;
    expect(found(doc(runtime(), isvc(standard, own))).some((f) => f.includes('readiness'))).toBe(false);
  });
});

describe('pod labels', () => {
  const pdb = (labels: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: llama, namespace: ml}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {${labels}}}
`;
  it.each([
    ['the InferenceService\'s own labels', 'team: ml', '  labels: {team: ml}\n'],
    ['serving.kserve.io/inferenceservice', 'serving.kserve.io/inferenceservice: llama', ''],
    ['Knative\'s service label of the component', 'serving.knative.dev/service: llama-predictor', ''],
  ])('a budget that selects %s covers the predictor', (_, selector, labels) => {
    expect(found(doc(isvc(labels), pdb(selector)))).toEqual([]);
  });

  it('a budget that selects another component does not', () => {
    expect(found(doc(isvc(), pdb('component: transformer')))).toEqual(['4:3 pdb-missing', '19:3 pdb-selects-nothing']);
  });
});

describe('workerSpec and other components', () => {
  it('a multi-node worker is its own template, merged over the runtime\'s worker-container', () => {
    const text = `apiVersion: serving.kserve.io/v1alpha1
kind: ClusterServingRuntime
metadata: {name: vllm-multinode}
spec:
  containers:
    - {name: kserve-container, image: "vllm/vllm-openai:v0.19.0", args: [--shutdown-timeout=150]}
  workerSpec:
    containers:
      - {name: worker-container, image: "vllm/vllm-openai:v0.19.0", command: [ray, start, --block]}
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama
  annotations: {serving.kserve.io/deploymentMode: Standard}
spec:
  predictor:
    minReplicas: 2
    terminationGracePeriodSeconds: 180
    model:
      runtime: vllm-multinode
      modelFormat: {name: vLLM}
      lifecycle: {preStop: {sleep: {seconds: 15}}}
      resources: {limits: {nvidia.com/gpu: 1}}
    workerSpec:
      containers:
        - {name: worker-container, resources: {limits: {nvidia.com/gpu: 1}}}
`;
    const findings = lintText(text, OPTIONS).filter((f) => f.ruleId === 'grace-period-default');
    expect(findings.map((f) => `${f.line}:${f.column}`)).toEqual(['25:5']);
    expect(findings[0]!.message).toContain('InferenceService llama (predictor workerSpec)');
  });

  it('a transformer holds every request too: judged with the predictor\'s profile', () => {
    const text = `${isvc(mode('Standard'), preStop)}  transformer:
    containers:
      - {name: transformer-container, image: "kserve/image-transformer:v0.20.0"}
`;
    expect(found(text)).toEqual(expect.arrayContaining(['15:3 grace-period-default', '17:10 prestop-missing']));
  });
});

describe('Knative Service replicas', () => {
  const ksvc = (annotations: string) => `apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: llm}
spec:
  template:
    metadata: {annotations: {${annotations}}}
    spec:
      containers:
        - {image: "vllm/vllm-openai:v0.19.0", args: [--shutdown-timeout=150], resources: {limits: {nvidia.com/gpu: 1}}}
`;

  it('min-scale unset: scales to zero, so neither single-replica nor pdb-missing', () => {
    expect(found(ksvc(''))).toEqual([]);
  });

  it('legacy minScale "1": single-replica', () => {
    expect(found(ksvc('autoscaling.knative.dev/minScale: "1"'))).toEqual(['6:30 single-replica']);
  });

  it('min-scale "3": pdb-missing, with a budget over serving.knative.dev/service', () => {
    const findings = lintText(ksvc('autoscaling.knative.dev/min-scale: "3"'), OPTIONS);
    expect(findings.map((f) => f.ruleId)).toEqual(['pdb-missing']);
    expect(findings[0]!.message).toContain('serving.knative.dev/service: llm');
  });

  it('a min-scale that is not a number is an invalid value', () => {
    expect(lintText(ksvc('autoscaling.knative.dev/min-scale: two'), OPTIONS).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      'invalid-value: spec.template.metadata.annotations.autoscaling.knative.dev/min-scale must be a whole number of replicas, got "two"',
    ]);
  });
});
