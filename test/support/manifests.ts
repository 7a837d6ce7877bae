/**
 * The first 18 lines of a 2-replica vLLM Deployment (grace 180, one GPU), up to and including
 * the container's `resources:` line. Tests append the container fields they are about, so the
 * lines of what they add stay where their expectations say.
 */
export const VLLM_DEPLOYMENT_HEAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
spec:
  replicas: 2
  selector:
    matchLabels: {app: vllm}
  template:
    metadata: {labels: {app: vllm}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
`;
