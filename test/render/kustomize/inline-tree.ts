/**
 * A smaller overlay: a replica count, a strategic-merge patch written inline, a patch file with
 * two documents (one for each object), and a JSON patch written as a quoted string.
 */
export const INLINE_TREE: Record<string, string> = {
  'base/kustomization.yaml': `resources: [web.yaml]
`,
  'base/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
`,
  'o/both.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  progressDeadlineSeconds: 600
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  sessionAffinity: ClientIP
`,
  'o/kustomization.yaml': `resources:
- ../base
replicas:
- name: web
  count: 4
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        terminationGracePeriodSeconds: 90
patches:
- path: both.yaml
- target: {kind: Deployment, name: web}
  patch: '[{"op": "add", "path": "/spec/minReadySeconds", "value": 5}]'
`,
  'wrap/kustomization.yaml': `resources: [../o]
buildMetadata: [originAnnotations, transformerAnnotations]
`,
};

/** `kubectl kustomize wrap` (kustomize v5.5) of INLINE_TREE, recorded. */
export const INLINE_RENDERED = `apiVersion: v1
kind: Service
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ReplicaCountTransformer
    config.kubernetes.io/origin: |
      path: ../base/web.yaml
  name: web
spec:
  ports:
  - port: 80
  sessionAffinity: ClientIP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchStrategicMergeTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: ReplicaCountTransformer
    config.kubernetes.io/origin: |
      path: ../base/web.yaml
  name: web
spec:
  minReadySeconds: 5
  progressDeadlineSeconds: 600
  replicas: 4
  template:
    spec:
      containers:
      - image: nginx:1.27
        name: web
      terminationGracePeriodSeconds: 90
`;
