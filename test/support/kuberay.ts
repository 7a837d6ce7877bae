// KubeRay manifests shared by rule tests (issue 16).

/** A RayCluster with a two-pod GPU worker group (line 15: `replicas: 2`), then `more` documents. */
export const rayCluster = (more = '') => `apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: vllm
spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-head
          image: rayproject/ray:2.46.0
  workerGroupSpecs:
  - groupName: gpu
    replicas: 2
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-worker
          image: rayproject/ray:2.46.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: "1"}}
${more}`;
/** A PodDisruptionBudget over the worker group's pods with `budget` (`minAvailable: 1`). */
export const groupPdb = (budget: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: vllm-gpu
spec:
  ${budget}
  selector:
    matchLabels:
      ray.io/group: gpu
`;
