/**
 * The first 18 lines of a 2-replica vLLM Deployment (grace 180, one GPU), up to and including
 * the container's `resources:` line. Tests append the container fields they are about, so the
 * lines of what they add stay where their expectations say.
 */
export const VLLM_DEPLOYMENT_HEAD = vllmDeployment();

/**
 * The same 2-replica vLLM Deployment with its name, `spec.selector.matchLabels`, pod labels
 * (flow maps) and image as given; `container` lines (indented 10) follow `resources:`.
 */
export function vllmDeployment(options: { name?: string; selector?: string; labels?: string; image?: string; container?: string } = {}): string {
  const { name = 'vllm', image = 'vllm/vllm-openai:v0.11.0', container = '' } = options;
  const { selector = `{app: ${name}}`, labels = `{app: ${name}}` } = options;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: ${selector}
  template:
    metadata: {labels: ${labels}}
    spec:
      terminationGracePeriodSeconds: 180
      containers:
        - name: vllm
          image: ${image}
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
${container}`;
}
