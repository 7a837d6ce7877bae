/**
 * DynamoGraphDeployments for rule tests. `dynamoV1alpha1(frontend, worker)`: a v1alpha1 resource
 * whose `Frontend` service (when given) starts at line 7 and whose GPU worker service `decode`
 * follows; each argument is the lines under `extraPodSpec:` (at 8 spaces).
 */
export const dynamoV1alpha1 = (frontend: string | undefined, worker: string) => `apiVersion: nvidia.com/v1alpha1
kind: DynamoGraphDeployment
metadata:
  name: llm
spec:
  services:
${
  frontend === undefined
    ? ''
    : `    Frontend:
      componentType: frontend
      extraPodSpec:
${frontend}`
}    decode:
      componentType: worker
      resources:
        limits:
          gpu: "1"
      extraPodSpec:
${worker}`;

/** `mainContainer:` with Dynamo's runtime image and, for a worker, its command (at 8 spaces). */
export const MAIN_FRONTEND = `        mainContainer:
          image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.0
`;
export const MAIN_WORKER = `        mainContainer:
          image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.0
          command: [python3, -m, dynamo.vllm]
`;
