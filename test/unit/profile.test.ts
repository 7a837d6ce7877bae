import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILES,
  describeBudget,
  graceBudget,
  longLivedSignals,
  servingContainer,
  type ProfileConfig,
} from '../../src/analysis/profile.js';
import { deployment, loadModel, profileOf } from './model-helpers.js';
import { engineOf } from '../../src/model/engine-flags.js';

const GPU = 'resources:\n  limits:\n    nvidia.com/gpu: 1';
const PORT = 'ports:\n  - containerPort: 8000';
const gpuApp = (name = 'vllm', extra: Parameters<typeof deployment>[2] = {}) =>
  deployment(name, `name: server\nimage: example.com/ml/server:1\n${PORT}\n${GPU}`, extra);
const plainApp = (name = 'web', extra: Parameters<typeof deployment>[2] = {}) => deployment(name, `name: web\nimage: nginx:1.27\n${PORT}`, extra);

describe('engineOf', () => {
  it.each([
    ['vllm/vllm-openai:v0.6.0', 'vllm'],
    ['lmsysorg/sglang:latest', 'sglang'],
    ['ghcr.io/huggingface/text-generation-inference:2.0', 'text-generation-inference'],
    ['nvcr.io/nvidia/tritonserver:24.05-py3', 'tritonserver'],
    ['openmmlab/lmdeploy', 'lmdeploy'],
    ['openmmlab/lmdeploy:v0.4.0-cu12', 'lmdeploy'],
    ['nvcr.io/nvidia/tensorrt-llm/release:0.9', 'tensorrt-llm'],
    ['rayproject/ray-ml:2.9.0-gpu', 'ray'],
    ['rayproject/ray:2.9.0', 'ray'],
    ['us-docker.pkg.dev/x/y/pytorch-vllm-serve:1', 'vllm'],
    ['vllm/vllm-openai@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'vllm'],
    ['vllm/vllm-openai:v0.6.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'vllm'],
    ['localhost:5000/vllm', 'vllm'],
    ['registry.internal:5000/team/sglang_router:1', 'sglang'],
    ['vllm', 'vllm'],
  ])('%s runs %s', (image, engine) => {
    expect(engineOf(image)).toBe(engine);
  });

  it.each([
    'nginx',
    'nginx:1.27',
    'amazon/aws-xray-daemon',
    'gray/app',
    'ray.example.com/app',
    'ray.example.com/app:ray',
    'localhost:5000/app',
    'quay.io/kuberay/operator',
    'example/app:vllm', // a tag names no engine
    'example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'example/tritonservers',
    'example/stray',
    // Issue 15, item 12: the repository name decides, and a mock, SDK, client or benchmark is no server.
    'aibrix/vllm-mock:nightly',
    'example/vllm-sdk',
    'example/tgi-client',
    'example/sglang-bench:1',
    'example/vllm_benchmark',
    'vllm/some-tool:1', // the namespace names vLLM, the repository does not
    'ghcr.io/vllm/tools/exporter',
  ])('%s runs no engine', (image) => {
    expect(engineOf(image)).toBeUndefined();
  });
});

describe('DEFAULT_PROFILES', () => {
  it('holds the values of the RULES.md profile table', () => {
    expect(DEFAULT_PROFILES['gpu-inference']).toEqual({ longestRequest: 150, preStop: 15, marginSeconds: 15, marginPercent: 0, maxConcurrentDisruption: 1 });
    expect(DEFAULT_PROFILES['long-lived']).toEqual({ longestRequest: 180, preStop: 20, marginSeconds: 15, marginPercent: 30, maxConcurrentDisruption: 1 });
  });
});

describe('graceBudget / describeBudget', () => {
  it('gpu-inference with a 15 s preStop: 15 + 150 + 15 = 180', () => {
    const budget = graceBudget(DEFAULT_PROFILES['gpu-inference'], 15);
    expect(budget).toEqual({ total: 180, preStop: 15, longestRequest: 150, margin: 15 });
    expect(describeBudget(budget)).toBe('180 s (preStop 15 s + longest request 150 s + margin 15 s)');
  });

  it('long-lived with a 20 s preStop: 20 + 180 + max(15, 30% × 200 = 60) = 260', () => {
    const budget = graceBudget(DEFAULT_PROFILES['long-lived'], 20);
    expect(budget).toEqual({ total: 260, preStop: 20, longestRequest: 180, margin: 60 });
    expect(describeBudget(budget)).toBe('260 s (preStop 20 s + longest request 180 s + margin 60 s)');
  });

  it('rounds a fractional percent margin up', () => {
    // 30% × (25 + 180) = 61.5 → 62
    expect(graceBudget(DEFAULT_PROFILES['long-lived'], 25)).toEqual({ total: 267, preStop: 25, longestRequest: 180, margin: 62 });
    // 30% × (21 + 180) = 60.3 → 61
    expect(graceBudget(DEFAULT_PROFILES['long-lived'], 21).margin).toBe(61);
  });

  it('keeps the seconds margin when the percent margin is smaller', () => {
    const settings = { ...DEFAULT_PROFILES['long-lived'], longestRequest: 30 };
    // 30% × (0 + 30) = 9 < 15
    expect(graceBudget(settings, 0)).toEqual({ total: 45, preStop: 0, longestRequest: 30, margin: 15 });
  });

  it('rounds a total with a fractional preStop up to whole seconds', () => {
    expect(graceBudget(DEFAULT_PROFILES['gpu-inference'], 0.5).total).toBe(166);
  });

  it('follows the preStop actually measured', () => {
    expect(graceBudget(DEFAULT_PROFILES['gpu-inference'], 60).total).toBe(225);
  });
});

describe('resolveProfile', () => {
  describe('inference', () => {
    it('profiles a GPU container as gpu-inference and says which resource', () => {
      const { profile, problems } = profileOf(gpuApp(), 'vllm');
      expect(profile).toEqual({ name: 'gpu-inference', settings: DEFAULT_PROFILES['gpu-inference'], reason: 'container server requests nvidia.com/gpu' });
      expect(problems).toEqual([]);
    });

    it.each(['nvidia.com/mig-1g.5gb', 'amd.com/gpu', 'gpu.intel.com/i915', 'google.com/tpu', 'aws.amazon.com/neuroncore', 'habana.ai/gaudi'])(
      'counts %s as a GPU-class resource',
      (resource) => {
        const yaml = deployment('acc', `name: server\nimage: example/app:1\n${PORT}\nresources:\n  requests:\n    ${resource}: 1\n  limits:\n    ${resource}: 1`);
        expect(profileOf(yaml, 'acc').profile?.reason).toBe(`container server requests ${resource}`);
      },
    );

    it('does not count a GPU resource of zero, or a GPU in an init container', () => {
      expect(profileOf(deployment('z', `name: a\nimage: example/app:1\n${PORT}\nresources:\n  limits:\n    nvidia.com/gpu: 0`), 'z').profile).toBeUndefined();
      const init = deployment('i', `name: a\nimage: example/app:1\n${PORT}`, {
        podSpec: 'initContainers:\n  - name: warm\n    image: example/warm:1\n    resources:\n      limits:\n        nvidia.com/gpu: 1',
      });
      expect(profileOf(init, 'i').profile).toBeUndefined();
    });

    it('profiles a known engine image without a GPU request', () => {
      const { profile } = profileOf(deployment('llm', `name: engine\nimage: vllm/vllm-openai:v0.6.0\n${PORT}`), 'llm');
      expect(profile?.name).toBe('gpu-inference');
      expect(profile?.reason).toBe('container engine runs vllm (vllm/vllm-openai:v0.6.0)');
    });

    it('leaves an ordinary workload unprofiled', () => {
      expect(profileOf(plainApp(), 'web').profile).toBeUndefined();
    });

    it('never infers a profile for pods that run to completion', () => {
      const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: train
          image: vllm/vllm-openai:v0.6.0
          ports:
            - containerPort: 8000
          resources:
            limits:
              nvidia.com/gpu: 1
`;
      expect(profileOf(job, 'batch').profile).toBeUndefined();
      const pod = `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: OnFailure
  containers:
    - name: c
      image: example/app:1
      ports:
        - containerPort: 8000
      resources:
        limits:
          nvidia.com/gpu: 1
`;
      expect(profileOf(pod, 'once').profile).toBeUndefined();
    });

    it('profiles a bare Pod that keeps running', () => {
      const pod = `apiVersion: v1
kind: Pod
metadata:
  name: serve
spec:
  containers:
    - name: c
      image: lmsysorg/sglang:latest
      ports:
        - containerPort: 30000
`;
      expect(profileOf(pod, 'serve').profile?.name).toBe('gpu-inference');
    });

    it('does not profile a GPU pod that nothing can reach (no port, no readiness or network probe, no Service)', () => {
      const bench = deployment('bench', `name: client\nimage: vllm/vllm-openai:v0.6.0\n${GPU}\nlivenessProbe:\n  exec:\n    command: ["true"]`);
      expect(profileOf(bench, 'bench').profile).toBeUndefined();
    });

    it('profiles a GPU pod whose only sign of traffic is an exec readiness probe (ports are optional)', () => {
      const server = deployment('srv', `name: s\nimage: example/app:1\n${GPU}\nreadinessProbe:\n  exec:\n    command: ["sh", "-c", "! test -f /tmp/drain"]`);
      expect(profileOf(server, 'srv').profile?.name).toBe('gpu-inference');
    });

    it.each([
      ['a container port', PORT],
      ['an httpGet readiness probe', 'readinessProbe:\n  httpGet:\n    path: /health\n    port: 8000'],
      ['a tcpSocket liveness probe', 'livenessProbe:\n  tcpSocket:\n    port: 8000'],
      ['a grpc startup probe', 'startupProbe:\n  grpc:\n    port: 8001'],
    ])('profiles a GPU pod that declares %s', (_what, yaml) => {
      expect(profileOf(deployment('srv', `name: s\nimage: example/app:1\n${GPU}\n${yaml}`), 'srv').profile?.name).toBe('gpu-inference');
    });

    // Issue 15, item 11: real TGI and SGLang manifests declare no port, probe or Service.
    it.each([
      ['TGI with its port only in env', 'image: ghcr.io/huggingface/text-generation-inference:3.0\nargs: ["--model-id", "m"]\nenv:\n  - name: PORT\n    value: "8080"'],
      ['SGLang with its port only in args', 'image: lmsysorg/sglang:latest\ncommand: ["/bin/bash", "-c"]\nargs:\n  - python3 -m sglang.launch_server --model-path m --port 30000'],
      ['python -m sglang.launch_server as argv', 'image: example/app:1\ncommand: ["python3", "-m", "sglang.launch_server", "--model-path", "m"]'],
      ['vllm serve in a script', 'image: example/app:1\ncommand: ["sh", "-c", "pip install x && exec vllm serve m"]'],
      ['a vLLM entrypoints module', 'image: example/app:1\ncommand: ["python3", "-m", "vllm.entrypoints.openai.api_server", "--model", "m"]'],
      ['text-generation-launcher', 'image: example/app:1\ncommand: ["text-generation-launcher", "--model-id", "m"]'],
      ['tritonserver by path', 'image: example/app:1\ncommand: ["/opt/tritonserver/bin/tritonserver", "--model-repository=/models"]'],
      ['a --port flag', 'image: example/app:1\ncommand: ["python", "app.py", "--port=9000"]'],
      ['sglang rank 0 of a multi-node group', 'image: example/app:1\ncommand: ["python3", "-m", "sglang.launch_server", "--nnodes", "2", "--node-rank", "0"]'],
      // Review: only args on an image whose entrypoint is the server.
      ['args on TGI\'s image', 'image: ghcr.io/huggingface/text-generation-inference:3.3.0\nargs: ["--model-id", "meta-llama/Llama-3.1-8B-Instruct"]'],
      ['args on vLLM\'s image', 'image: vllm/vllm-openai:v0.19.0\nargs: ["--model", "meta-llama/Llama-3.1-8B-Instruct"]'],
      ['args on vLLM\'s image from docker.io, by digest', 'image: docker.io/vllm/vllm-openai@sha256:0123\nargs: ["meta-llama/Llama-3.1-8B-Instruct"]'],
      // A rank from a variable is 0 on one pod of a StatefulSet, which serves on its --port (sglang's docker/k8s-sglang-distributed-sts.yaml).
      ['a rank from a variable with a --port', 'image: example/app:1\ncommand: ["/bin/bash", "-c"]\nargs:\n  - python3 -m sglang.launch_server --nnodes 2 --node-rank $POD_INDEX --port 8000'],
      ['sglang rank 0 with a --port', 'image: example/app:1\ncommand: ["python3", "-m", "sglang.launch_server", "--node-rank", "0", "--port", "30000"]'],
      // Review: a sleep or smoke test beside the server does not hide its --port or PORT.
      ['a --port after a sleep', 'image: example/app:1\ncommand: ["sh", "-c", "sleep 1; exec python server.py --port 8000"]'],
      ['a --port after nvidia-smi', 'image: example/app:1\ncommand: ["sh", "-c", "nvidia-smi && python app.py --port 8000"]'],
      ['a PORT beside nvidia-smi', 'image: example/app:1\ncommand: ["sh", "-c", "nvidia-smi && python app.py"]\nenv:\n  - name: PORT\n    value: "8000"'],
    ])('profiles a GPU pod that runs a server: %s', (_what, container) => {
      expect(profileOf(deployment('srv', `name: s\n${container}\n${GPU}`), 'srv').profile?.name).toBe('gpu-inference');
    });

    it.each([
      ['nvidia-smi', 'image: nvidia/cuda:12.4.0-base-ubuntu22.04\ncommand: ["nvidia-smi", "-l", "60"]\nenv:\n  - name: PORT\n    value: "8000"'],
      ['sleep infinity', 'image: vllm/vllm-openai:v0.11.0\ncommand: ["sleep", "infinity"]\nenv:\n  - name: PORT\n    value: "8000"'],
      ['sleep infinity in a script', 'image: example/app:1\ncommand: ["/bin/sh", "-c", "nvidia-smi; sleep infinity"]'],
      ['a pause container', 'image: registry.k8s.io/pause:3.9\nenv:\n  - name: PORT\n    value: "8000"'],
      ['vllm bench', 'image: vllm/vllm-openai:v0.11.0\ncommand: ["vllm", "bench", "serve", "--host", "vllm", "--port", "8000"]'],
      ['benchmark_serving.py', 'image: example/app:1\ncommand: ["sh", "-c", "python3 benchmarks/benchmark_serving.py --backend vllm --port 8000"]'],
      ['genai-perf', 'image: nvcr.io/nvidia/tritonserver:24.08-py3-sdk\ncommand: ["genai-perf", "profile", "-m", "m", "--url", "triton:8001"]'],
      ['sglang.bench_serving', 'image: lmsysorg/sglang:latest\ncommand: ["python3", "-m", "sglang.bench_serving", "--port", "30000"]'],
      ['an SGLang worker rank', 'image: lmsysorg/sglang:latest\ncommand: ["python3", "-m", "sglang.launch_server", "--nnodes", "2", "--node-rank", "$(LWS_WORKER_INDEX)"]'],
      ['a --port of a benchmark client after nvidia-smi', 'image: example/app:1\ncommand: ["sh", "-c", "nvidia-smi; vllm bench serve --port 8000"]'],
      ['a PORT beside a smoke test and an echo', 'image: example/app:1\ncommand: ["sh", "-c", "echo start; nvidia-smi; sleep infinity"]\nenv:\n  - name: PORT\n    value: "8000"'],
      ['an SGLang worker rank with a --port', 'image: lmsysorg/sglang:latest\ncommand: ["python3", "-m", "sglang.launch_server", "--node-rank", "1", "--port", "30000"]'],
      ['a worker rank with --port= and a PORT', 'image: example/app:1\ncommand: ["sh", "-c", "python3 launch.py --node-rank=2 --port=30000"]\nenv:\n  - name: PORT\n    value: "30000"'],
      ['args on Triton\'s image (its entrypoint runs the command given)', 'image: nvcr.io/nvidia/tritonserver:24.05-py3\nargs: ["--model-repository=/models"]'],
      ['args on SGLang\'s image', 'image: lmsysorg/sglang:latest\nargs: ["--model-path", "m"]'],
      ['vLLM\'s image with no args', 'image: vllm/vllm-openai:v0.19.0'],
      ['a command on vLLM\'s image', 'image: vllm/vllm-openai:v0.19.0\ncommand: ["python3", "check.py"]\nargs: ["--model", "m"]'],
      ['a worker rank in args on vLLM\'s image', 'image: vllm/vllm-openai:v0.19.0\nargs: ["--model", "m", "--node-rank", "1"]'],
      ['a PORT from a Secret', 'image: example/app:1\nenv:\n  - name: PORT\n    valueFrom: {secretKeyRef: {name: s, key: port}}'],
    ])('does not profile a GPU pod that serves nothing: %s', (_what, container) => {
      expect(profileOf(deployment('job', `name: s\n${container}\n${GPU}`), 'job').profile).toBeUndefined();
    });

    it('does not profile a GPU Job running nvidia-smi', () => {
      const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: smoke
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: smoke
          image: nvidia/cuda:12.4.0-base-ubuntu22.04
          command: ["nvidia-smi"]
          resources:
            limits:
              nvidia.com/gpu: 1
`;
      expect(profileOf(job, 'smoke').profile).toBeUndefined();
    });

    it('profiles a GPU pod without ports when a Service selects it', () => {
      const yaml = `${deployment('srv', `name: s\nimage: example/app:1\n${GPU}`)}---
apiVersion: v1
kind: Service
metadata:
  name: srv
spec:
  selector:
    app: srv
  ports:
    - port: 80
      targetPort: 8000
`;
      expect(profileOf(yaml, 'srv').profile?.name).toBe('gpu-inference');
    });

    it('prefers gpu-inference over a long-lived signal', () => {
      const yaml = `${gpuApp('vllm')}---
apiVersion: v1
kind: Service
metadata:
  name: vllm
spec:
  selector:
    app: vllm
  ports:
    - port: 80
      appProtocol: kubernetes.io/ws
`;
      expect(profileOf(yaml, 'vllm').profile?.name).toBe('gpu-inference');
    });
  });

  describe('long-lived signals', () => {
    const service = (name: string, extra = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80${extra}
`;
    const ingress = (annotations: string, serviceName = 'web') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: edge
  annotations:
${annotations.replace(/^/gm, '    ')}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${serviceName}
                port:
                  number: 80
`;

    it('profiles a workload behind a WebSocket Service port', () => {
      const { profile } = profileOf(plainApp() + service('web', '\n      appProtocol: kubernetes.io/ws'), 'web');
      expect(profile).toEqual({ name: 'long-lived', settings: DEFAULT_PROFILES['long-lived'], reason: 'Service web serves WebSockets (appProtocol kubernetes.io/ws)' });
    });

    it('profiles a workload behind an Ingress with a proxy timeout of 300 s or more', () => {
      const long = profileOf(plainApp() + service('web') + ingress('nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"'), 'web');
      expect(long.profile?.name).toBe('long-lived');
      expect(long.profile?.reason).toBe('Ingress edge sets nginx.ingress.kubernetes.io/proxy-read-timeout: 3600: long-lived connections');
      expect(profileOf(plainApp() + service('web') + ingress('nginx.ingress.kubernetes.io/proxy-send-timeout: "300"'), 'web').profile?.name).toBe('long-lived');
      expect(profileOf(plainApp() + service('web') + ingress('nginx.ingress.kubernetes.io/proxy-read-timeout: "299"'), 'web').profile).toBeUndefined();
    });

    it('profiles a workload named in nginx.org/websocket-services', () => {
      const { profile } = profileOf(plainApp() + service('web') + ingress('nginx.org/websocket-services: "chat, web"'), 'web');
      expect(profile?.reason).toBe('Ingress edge lists web in nginx.org/websocket-services');
    });

    it('does not reach across namespaces or through Services that select nothing', () => {
      const otherNamespace = plainApp('web', { namespace: 'other' }) + service('web', '\n      appProtocol: kubernetes.io/ws');
      expect(profileOf(otherNamespace, 'web').profile).toBeUndefined();
      const noSelector = `${plainApp()}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
      appProtocol: kubernetes.io/ws
`;
      expect(profileOf(noSelector, 'web').profile).toBeUndefined();
    });

    it('longLivedSignals maps each workload to its first signal', () => {
      const loaded = loadModel(plainApp() + service('web', '\n      appProtocol: kubernetes.io/wss') + ingress('nginx.ingress.kubernetes.io/proxy-read-timeout: "3600"'));
      const signals = longLivedSignals(loaded.index);
      expect([...signals.entries()].map(([w, why]) => [w.name, why])).toEqual([['web', 'Service web serves WebSockets (appProtocol kubernetes.io/wss)']]);
    });
  });

  describe('declared profiles', () => {
    it('an object annotation wins over inference', () => {
      const { profile } = profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/profile: long-lived' }), 'vllm');
      expect(profile).toEqual({ name: 'long-lived', settings: DEFAULT_PROFILES['long-lived'], reason: 'annotation gpu-drain-lint.io/profile: long-lived' });
    });

    it('`none` disables the profile', () => {
      expect(profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/profile: none' }), 'vllm').profile).toBeUndefined();
      expect(profileOf(gpuApp('vllm', { templateAnnotations: 'gpu-drain-lint.io/profile: none' }), 'vllm').profile).toBeUndefined();
    });

    it('reads the annotation from the pod template too', () => {
      expect(profileOf(plainApp('web', { templateAnnotations: 'gpu-drain-lint.io/profile: long-lived' }), 'web').profile?.name).toBe('long-lived');
    });

    it('the object annotation wins over the pod template annotation', () => {
      const yaml = gpuApp('vllm', { annotations: 'gpu-drain-lint.io/profile: gpu-inference', templateAnnotations: 'gpu-drain-lint.io/profile: none' });
      expect(profileOf(yaml, 'vllm').profile?.name).toBe('gpu-inference');
      const reverse = plainApp('web', { annotations: 'gpu-drain-lint.io/profile: none', templateAnnotations: 'gpu-drain-lint.io/profile: long-lived' });
      expect(profileOf(reverse, 'web').profile).toBeUndefined();
    });

    it('accepts the annotation value with surrounding spaces', () => {
      expect(profileOf(plainApp('web', { annotations: 'gpu-drain-lint.io/profile: " long-lived "' }), 'web').profile?.name).toBe('long-lived');
    });

    it('records an invalid annotation value at the value and falls back to config, then inference', () => {
      const { profile, problemTexts } = profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/profile: GPU' }), 'vllm');
      expect(problemTexts).toEqual(['GPU: gpu-drain-lint.io/profile must be one of gpu-inference, long-lived, none, got "GPU"']);
      expect(profile?.name).toBe('gpu-inference');
      expect(profile?.reason).toBe('container server requests nvidia.com/gpu');

      const withConfig = profileOf(plainApp('web', { annotations: 'gpu-drain-lint.io/profile: websocket' }), 'web', {
        workloads: [{ match: { name: 'web' }, profile: 'long-lived' }],
      });
      expect(withConfig.problemTexts).toHaveLength(1);
      expect(withConfig.profile?.reason).toBe('config workloads[0]: long-lived');
    });

    it('an annotation wins over config workloads[]', () => {
      const config: Partial<ProfileConfig> = { workloads: [{ match: { name: 'vllm' }, profile: 'long-lived' }] };
      expect(profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/profile: none' }), 'vllm', config).profile).toBeUndefined();
      expect(profileOf(gpuApp('vllm', { templateAnnotations: 'gpu-drain-lint.io/profile: gpu-inference' }), 'vllm', config).profile?.name).toBe('gpu-inference');
    });

    it('config workloads[] wins over inference, first match first', () => {
      const config: Partial<ProfileConfig> = {
        workloads: [
          { match: { name: 'other' }, profile: 'gpu-inference' },
          { match: { kind: 'Deployment', name: 'vllm' }, profile: 'none' },
          { match: { name: 'vllm' }, profile: 'long-lived' },
        ],
      };
      expect(profileOf(gpuApp('vllm'), 'vllm', config).profile).toBeUndefined();
      const { profile } = profileOf(plainApp('web'), 'web', { workloads: [{ match: { kind: 'Deployment' }, profile: 'long-lived' }] });
      expect(profile?.reason).toBe('config workloads[0]: long-lived');
    });

    it('matches config entries by kind, namespace (default when unset), name and metadata labels', () => {
      const labelled = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: stream
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
`;
      const profile = (match: Record<string, unknown>) =>
        profileOf(labelled, 'web', { workloads: [{ match, profile: 'long-lived' }] }).profile?.name;
      expect(profile({ namespace: 'default' })).toBe('long-lived');
      expect(profile({ namespace: 'prod' })).toBeUndefined();
      expect(profile({ kind: 'StatefulSet' })).toBeUndefined();
      expect(profile({ labels: { tier: 'stream' } })).toBe('long-lived');
      expect(profile({ labels: { tier: 'batch' } })).toBeUndefined();
      expect(profile({ labels: { app: 'web' } })).toBeUndefined(); // template labels are not the object's labels
    });

    it('honours an explicit profile on a Job', () => {
      const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: serve-once
  annotations:
    gpu-drain-lint.io/profile: gpu-inference
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: c
          image: example/app:1
`;
      expect(profileOf(job, 'serve-once').profile?.name).toBe('gpu-inference');
    });
  });

  describe('longest request', () => {
    it('takes the annotation as a duration and names it in the reason', () => {
      const { profile, problems } = profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/longest-request: "90s"' }), 'vllm');
      expect(problems).toEqual([]);
      expect(profile?.settings.longestRequest).toBe(90);
      expect(profile?.settings.preStop).toBe(15);
      expect(profile?.reason).toBe('container server requests nvidia.com/gpu; longest request 90 s from annotation gpu-drain-lint.io/longest-request');
      expect(DEFAULT_PROFILES['gpu-inference'].longestRequest).toBe(150); // the defaults are not mutated
    });

    it('reads it from the pod template and accepts bare seconds and compound durations', () => {
      expect(profileOf(gpuApp('vllm', { templateAnnotations: 'gpu-drain-lint.io/longest-request: "300"' }), 'vllm').profile?.settings.longestRequest).toBe(300);
      expect(profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/longest-request: 2m30s' }), 'vllm').profile?.settings.longestRequest).toBe(150);
    });

    it('records an invalid or non-positive value and falls back to config, then the profile', () => {
      for (const value of ['forever', '0s', '"-5s"']) {
        const { profile, problemTexts } = profileOf(gpuApp('vllm', { annotations: `gpu-drain-lint.io/longest-request: ${value}` }), 'vllm');
        expect(profile?.settings.longestRequest).toBe(150);
        expect(problemTexts).toEqual([
          `${value}: gpu-drain-lint.io/longest-request must be a positive duration such as "90s" or "2m", got ${JSON.stringify(value.replace(/"/g, ''))}`,
        ]);
      }
      const withConfig = profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/longest-request: soon' }), 'vllm', {
        workloads: [{ match: { name: 'vllm' }, longestRequest: 600 }],
      });
      expect(withConfig.profile?.settings.longestRequest).toBe(600);
      expect(withConfig.profile?.reason).toMatch(/longest request 600 s from config workloads\[0\]$/);
    });

    it('takes config longestRequest from the first entry that sets one, keeping the profile from another', () => {
      const { profile } = profileOf(gpuApp('vllm'), 'vllm', {
        workloads: [
          { match: { name: 'vllm' }, profile: 'long-lived' },
          { match: { kind: 'Deployment' }, longestRequest: 240 },
        ],
      });
      expect(profile?.name).toBe('long-lived');
      expect(profile?.settings).toEqual({ ...DEFAULT_PROFILES['long-lived'], longestRequest: 240 });
      expect(profile?.reason).toBe('config workloads[0]: long-lived; longest request 240 s from config workloads[1]');
    });

    it('the annotation wins over config', () => {
      const { profile } = profileOf(gpuApp('vllm', { annotations: 'gpu-drain-lint.io/longest-request: 1m' }), 'vllm', {
        workloads: [{ match: { name: 'vllm' }, longestRequest: 600 }],
      });
      expect(profile?.settings.longestRequest).toBe(60);
    });
  });
});

describe('servingContainer', () => {
  const serving = (containers: string[]) => {
    const loaded = loadModel(deployment('app', containers));
    return servingContainer(loaded.workload('app').templates[0]!)?.name;
  };
  const sidecar = 'name: envoy\nimage: envoyproxy/envoy:v1.30\nreadinessProbe:\n  httpGet:\n    path: /ready\n    port: 9901';

  it('picks the container that requests the GPU', () => {
    expect(serving([sidecar, 'name: engine\nimage: vllm/vllm-openai:v0.6.0', `name: gpu\nimage: example/app:1\n${GPU}`])).toBe('gpu');
  });

  it('else the one running a known engine', () => {
    expect(serving([sidecar, 'name: engine\nimage: vllm/vllm-openai:v0.6.0'])).toBe('engine');
  });

  it('else the only container', () => {
    expect(serving(['name: only\nimage: nginx'])).toBe('only');
  });

  it('else the first with a readiness or liveness probe', () => {
    expect(serving(['name: log\nimage: fluent/fluent-bit', 'name: app\nimage: example/app:1\nlivenessProbe:\n  tcpSocket:\n    port: 80'])).toBe('app');
  });

  it('else none', () => {
    expect(serving(['name: a\nimage: example/a', 'name: b\nimage: example/b'])).toBeUndefined();
  });

  it('never an init container', () => {
    const yaml = deployment('app', ['name: a\nimage: example/a', 'name: b\nimage: example/b'], {
      podSpec: `initContainers:\n  - name: init\n    image: example/init\n    resources:\n      limits:\n        nvidia.com/gpu: 1`,
    });
    expect(servingContainer(loadModel(yaml).workload('app').templates[0]!)).toBeUndefined();
  });
});
