/**
 * An overlay chain as a user writes it: a base (a Deployment and its PDB in one file, a Service, a
 * generated ConfigMap), an overlay `prod` (prefix, namespace, a strategic-merge patch setting
 * replicas and the grace period, a patch with a `target` adding a container, a JSON 6902 patch on
 * the server's args, an image tag) and `prod-gpu` on top of it (suffix, labels, a component whose
 * inline JSON patch replaces the server image by an index that later patches shift, a strategic
 * merge patch for the GPU, an inline JSON patch selected by label, another whose selector matches
 * nothing), rendered through `wrap/` with build metadata.
 */
export const OVERLAY_TREE: Record<string, string> = {
  'base/deployment.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: vllm
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: vllm}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
  labels:
    app: vllm
spec:
  replicas: 1
  selector:
    matchLabels: {app: vllm}
  template:
    metadata:
      labels: {app: vllm}
    spec:
      containers:
      - name: server
        image: vllm/vllm-openai:v0.6.0
        args: ["--model", "m"]
        ports:
        - containerPort: 8000
`,
  'base/kustomization.yaml': `resources:
- deployment.yaml
- service.yaml
configMapGenerator:
- name: vllm-config
  literals:
  - MAX_MODEL_LEN=4096
`,
  'base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: vllm
spec:
  selector: {app: vllm}
  ports:
  - port: 80
    targetPort: 8000
`,
  'components/tp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
- target:
    kind: Deployment
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/1/image
      value: vllm/vllm-openai:v0.7.0
`,
  'overlays/prod-gpu/gpu.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: prod-vllm
  namespace: serving
spec:
  template:
    spec:
      containers:
      - name: server
        resources:
          limits:
            nvidia.com/gpu: 1
`,
  'overlays/prod-gpu/kustomization.yaml': `resources:
- ../prod
components:
- ../../components/tp
nameSuffix: -gpu
labels:
- pairs: {tier: gpu}
patchesStrategicMerge:
- gpu.yaml
patches:
- target:
    kind: Deployment
    labelSelector: app=vllm
  patch: |-
    - op: add
      path: /spec/template/spec/containers/1/env
      value:
      - name: VLLM_PORT
        value: "8000"
- target:
    kind: Deployment
    labelSelector: app=other
  patch: |-
    - op: add
      path: /spec/template/spec/containers/1/env
      value: []
`,
  'overlays/prod/args.yaml': `- op: add
  path: /spec/template/spec/containers/1/args/-
  value: --max-num-seqs=8
`,
  'overlays/prod/grace.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  replicas: 3
  template:
    spec:
      terminationGracePeriodSeconds: 120
`,
  'overlays/prod/kustomization.yaml': `namePrefix: prod-
namespace: serving
resources:
- ../../base
patches:
- path: grace.yaml
- path: proxy.yaml
  target:
    kind: Deployment
    name: vllm
patchesJson6902:
- target: {group: apps, version: v1, kind: Deployment, name: vllm}
  path: args.yaml
images:
- name: envoyproxy/envoy
  newTag: v1.31.0
`,
  'overlays/prod/proxy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: any
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: envoyproxy/envoy:v1.30
`,
  'wrap/kustomization.yaml': `resources:
- ../overlays/prod-gpu
buildMetadata: [originAnnotations, transformerAnnotations]
`,
};

/** `kubectl kustomize wrap` (kustomize v5.5) of OVERLAY_TREE, recorded; the kubectl test checks it is still what kubectl gives. */
export const OVERLAY_RENDERED = `apiVersion: v1
data:
  MAX_MODEL_LEN: "4096"
kind: ConfigMap
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: NamespaceTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchJson6902Transformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ImageTagTransformer
      - configuredIn: ../components/tp/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: SuffixTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
    config.kubernetes.io/origin: |
      configuredIn: ../base/kustomization.yaml
      configuredBy:
        apiVersion: builtin
        kind: ConfigMapGenerator
  labels:
    tier: gpu
  name: prod-vllm-config-gpu-cg6k696k9m
  namespace: serving
---
apiVersion: v1
kind: Service
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: NamespaceTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchJson6902Transformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ImageTagTransformer
      - configuredIn: ../components/tp/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: SuffixTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
    config.kubernetes.io/origin: |
      path: ../base/service.yaml
  labels:
    tier: gpu
  name: prod-vllm-gpu
  namespace: serving
spec:
  ports:
  - port: 80
    targetPort: 8000
  selector:
    app: vllm
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: NamespaceTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchJson6902Transformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ImageTagTransformer
      - configuredIn: ../components/tp/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: SuffixTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
    config.kubernetes.io/origin: |
      path: ../base/deployment.yaml
  labels:
    app: vllm
    tier: gpu
  name: prod-vllm-gpu
  namespace: serving
spec:
  replicas: 3
  selector:
    matchLabels:
      app: vllm
  template:
    metadata:
      labels:
        app: vllm
    spec:
      containers:
      - args:
        - --model
        - m
        - --max-num-seqs=8
        image: vllm/vllm-openai:v0.7.0
        name: server
        ports:
        - containerPort: 8000
        resources:
          limits:
            nvidia.com/gpu: 1
      - env:
        - name: VLLM_PORT
          value: "8000"
        image: envoyproxy/envoy:v1.31.0
        name: proxy
      terminationGracePeriodSeconds: 120
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: NamespaceTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PrefixTransformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchJson6902Transformer
      - configuredIn: ../overlays/prod/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ImageTagTransformer
      - configuredIn: ../components/tp/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: SuffixTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
      - configuredIn: ../overlays/prod-gpu/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: LabelTransformer
    config.kubernetes.io/origin: |
      path: ../base/deployment.yaml
  labels:
    tier: gpu
  name: prod-vllm-gpu
  namespace: serving
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: vllm
`;
