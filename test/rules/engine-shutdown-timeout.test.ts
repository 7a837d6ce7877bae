import { describe, expect, it } from 'vitest';
import rule from '../../rules/engine-shutdown-timeout.js';
import graceBudgetExceeded from '../../rules/grace-budget-exceeded.js';
import { engineInvocation, readContainerEnv } from '../../src/model/engine-flags.js';
import { loadModel } from '../unit/model-helpers.js';
import { fixText, lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';
import { dynamoV1alpha1, MAIN_FRONTEND } from '../support/dynamo.js';

/** A KubeAI Model: KubeAI runs vLLM's api_server with `spec.args` appended (CRDS.md §13); `spec:` at 4:1. */
const kubeaiModel = (engine: string, argsLines = '') => `apiVersion: kubeai.org/v1
kind: Model
metadata: {name: llama}
spec:
  engine: ${engine}
  resourceProfile: nvidia-gpu-l4:1
${argsLines}`;


/** A GPU Deployment whose serving container has the lines `container` (indented 10, from line 14). */
const deployment = (container: string, podSpec = '      terminationGracePeriodSeconds: 180\n') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: llm, namespace: ml}
spec:
  selector: {matchLabels: {app: llm}}
  template:
    metadata: {labels: {app: llm}}
    spec:
${podSpec}      containers:
        - name: server
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: 1}}
${container}`;

runRuleTests(rule, {
  valid: [
    {
      name: "Dynamo's runtime images run Dynamo's components, not vLLM's server: the frontend, and a worker whose args start dynamo.vllm",
      code: dynamoV1alpha1(
        `        terminationGracePeriodSeconds: 200\n${MAIN_FRONTEND}`,
        `        terminationGracePeriodSeconds: 180\n        mainContainer:\n          image: nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.3.2\n          args: ["python3 -m dynamo.vllm --model Qwen/Qwen3-0.6B"]\n`,
      ),
    },
    { name: 'a KubeAI Model with --shutdown-timeout within its 30 s grace', code: kubeaiModel('VLLM', '  args: [--shutdown-timeout=30]\n') },
    { name: 'a KubeAI Model of another engine is not judged', code: kubeaiModel('OLlama') },
    // Issue 15, item 12: AIBrix's mock server is not vLLM (the image's repository name decides, and "mock" is no server).
    { name: 'aibrix/vllm-mock is not vLLM', code: deployment('          image: aibrix/vllm-mock:nightly\n') },
    { name: 'vLLM flags with underscores are the same flags', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: ["--shutdown_timeout", "150"]\n') },
    {
      name: 'python -m vllm.entrypoints.openai.api_server behind dumb-init',
      code: deployment('          image: ghcr.io/example/vllm:1.0\n          command: [dumb-init, --, python3, -m, vllm.entrypoints.openai.api_server, --shutdown-timeout=150]\n'),
    },
    { name: 'a TGI timeout from a Secret is unknown', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n', '      terminationGracePeriodSeconds: 40\n') },
    { name: 'option tritonDefaultTimeout: an image built with a longer default', code: deployment('          image: nvcr.io/nvidia/tritonserver:24.08-py3\n'), options: { tritonDefaultTimeout: 200 } },
    { name: 'option tgiDefaultTimeout', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n', '      terminationGracePeriodSeconds: 60\n'), options: { tgiDefaultTimeout: 40 } },
    // Issue 15, item 1: a --shutdown-timeout that covers the longest request and fits grace − preStop.
    { name: '--shutdown-timeout 150 with a grace period large enough', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n') },
    // One mistake, one finding: a 150 s request does not fit 100 − 15 s; grace-budget-exceeded says so, and this rule waits for the grace.
    { name: 'a vLLM timeout below the longest request, under a grace period too short for that request', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=60]\n', '      terminationGracePeriodSeconds: 100\n') },
    // Issue 15, item 1/2 (review): one mistake, one finding: grace-budget-exceeded raises the grace to 225 s; 150 fits 225 − 60.
    {
      name: 'grace 200 below the 225 s budget, vLLM --shutdown-timeout 150: only too long for the short grace, not reported',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
    },
    {
      name: 'grace 200 below the 225 s budget, TGI GRACEFUL_TERMINATION_TIMEOUT=160: fits 225 − 60, not reported',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "160"}]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
    },
    // Issue 15, item 2.
    { name: 'TGI --graceful-termination-timeout 170 with grace 200', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--graceful-termination-timeout, "170"]\n', '      terminationGracePeriodSeconds: 200\n') },
    { name: 'TGI through GRACEFUL_TERMINATION_TIMEOUT (clap reads the variable)', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "150"}]\n') },
    { name: 'TGI below the longest request, under a grace period too short for that request: the grace finding first', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--graceful-termination-timeout=60]\n', '      terminationGracePeriodSeconds: 100\n') },
    { name: 'Triton’s default below the longest request, under a grace period too short for that request: the grace finding first', code: deployment('          image: nvcr.io/nvidia/tritonserver:24.08-py3\n', '      terminationGracePeriodSeconds: 100\n') },
    { name: 'TGI through the short flag -g 170 (clap `short`) with grace 200', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [-g, "170"]\n', '      terminationGracePeriodSeconds: 200\n') },
    { name: 'a one-letter flag of another engine is not its shutdown flag', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [-g, "1", --shutdown-timeout=150]\n') },
    // Issue 15, item 1/2 (review): clap reads a short flag's value attached to it.
    { name: 'TGI -g170 (the value attached to the short flag) with grace 200', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [-g170]\n', '      terminationGracePeriodSeconds: 200\n') },
    { name: 'vLLM --shutdown-timeout given twice: argparse keeps the last, nothing refused', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "60", --shutdown-timeout=150]\n') },
    { name: 'TGI 3.2.2 has --graceful-termination-timeout', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.2.2\n          args: [--graceful-termination-timeout, "150"]\n') },
    { name: 'vLLM v0.18.0 has --shutdown-timeout (its first release)', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n') },
    // Another product's image running vLLM: its tag is that product's version, not vLLM's.
    { name: 'a vLLM flag on llm-d’s image tagged v0.3.0 is not judged as an old vLLM', code: deployment('          image: ghcr.io/llm-d/llm-d-cuda:v0.3.0\n          command: [vllm, serve]\n          args: [--model, x, --shutdown-timeout, "150"]\n') },
    { name: 'TGI flags are not read from a non-TGI image', code: deployment('          image: lmsysorg/sglang:v0.5.2\n          args: [--graceful-termination-timeout, "10"]\n') },
  ],
  invalid: [
    {
      name: 'a KubeAI Model without --shutdown-timeout: spec.args is added, fitted to the grace it cannot change (30 s, no preStop)',
      code: kubeaiModel('VLLM'),
      errors: [{ line: 4, column: 1, messageId: 'vllmAborts', data: { target: 30, windowNote: ' (grace 30 s − preStop 0 s = 30 s)', why: 'command python3 -m vllm.entrypoints.openai.api_server' } }],
      output: kubeaiModel('VLLM', '  args:\n    - --shutdown-timeout=30\n'),
    },
    {
      name: 'a VLLMRuntime with no vllmConfig: nowhere to write the flag',
      code: `apiVersion: production-stack.vllm.ai/v1alpha1
kind: VLLMRuntime
metadata: {name: llama}
spec:
  deploymentConfig:
    resources: {gpu: "1"}
`,
      errors: [{ line: 4, column: 1, messageId: 'vllmAborts', unfixable: /not fixed: the resource has no place for the engine's arguments/ }],
    },
    // Issue 15, item 13: the window subtracts the preStop; a loop's is assumed and the message says so.
    {
      name: 'a preStop loop: the window subtracts the assumed 15 s and says the loop can use the whole grace period',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=200]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "while true; do sleep 1; done"]}}}\n'),
      errors: [
        {
          line: 15,
          column: 18,
          messageId: 'vllmOutlastsGrace',
          data: { window: 165, windowText: 'grace 180 s − preStop 15 s = 165 s', target: 150 },
          profile: "requests nvidia.com/gpu; the preStop runs a while loop with no bound, which can use the whole grace period: assumed to take the gpu-inference profile's 15 s",
        },
      ],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "while true; do sleep 1; done"]}}}\n'),
    },
    {
      name: 'a sleep beside an unknown command: the window subtracts at least its 60 s (from the 225 s grace grace-budget-exceeded asks for)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=200]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "nats-server --signal ldm && sleep 60"]}}}\n'),
      errors: [
        {
          line: 15,
          column: 18,
          messageId: 'vllmOutlastsGrace',
          data: { window: 165, windowText: 'the 225 s grace period grace-budget-exceeded asks for − preStop 60 s = 165 s', target: 150 },
          profile: 'the preStop runs "nats-server", whose duration cannot be known: counted as at least its 60 s of sleep',
        },
      ],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "nats-server --signal ldm && sleep 60"]}}}\n'),
    },
    // Issue 15, item 1/2 (review): one mistake, one finding. A grace period set below the budget is
    // grace-budget-exceeded's (its fix raises it to the budget); a timeout that fits the budget − preStop is
    // not reported again, and one that does not is lowered to the longest request, never below it.
    {
      name: 'grace 200 below the 225 s budget, vLLM --shutdown-timeout 200: judged against 225 − 60, lowered to the 150 s longest request',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "200"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
      errors: [
        {
          line: 15,
          column: 38,
          messageId: 'vllmOutlastsGrace',
          data: { wait: 200, window: 165, windowText: 'the 225 s grace period grace-budget-exceeded asks for − preStop 60 s = 165 s', target: 150 },
        },
      ],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
    },
    {
      name: 'grace 200 below the 225 s budget, TGI -g 200: lowered to 150, not to the 140 s the short grace leaves',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [-g, "200"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
      errors: [{ line: 15, column: 22, messageId: 'tgiOutlastsGrace', data: { wait: 200, window: 165, target: 150 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [-g, "150"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
    },
    {
      name: 'grace 200 below the 225 s budget, vLLM without the flag: the flag added at the 150 s longest request (the budget’s window), not 140',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--model=m]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAborts', data: { target: 150, windowNote: ' (the 225 s grace period grace-budget-exceeded asks for − preStop 60 s = 165 s)' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--model=m, --shutdown-timeout=150]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n'),
    },
    {
      name: 'grace 20 (grace-period-default): still judged against the grace grace-period-default asks for',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=200]\n', '      terminationGracePeriodSeconds: 20\n'),
      errors: [{ line: 15, column: 18, messageId: 'vllmOutlastsGrace', data: { window: 165, windowText: 'the 180 s grace period grace-period-default asks for − preStop 15 s = 165 s', target: 150 } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n', '      terminationGracePeriodSeconds: 20\n'),
    },
    // Issue 15, item 1: flags vLLM never shipped stop the server from starting (an error).
    {
      name: '--shutdown-mode=drain alone: replaced by --shutdown-timeout',
      code: deployment('          image: vllm/vllm-openai:latest\n          args: [--model=m, --shutdown-mode=drain]\n'),
      errors: [
        {
          line: 15,
          column: 29,
          severity: 'error', messageId: 'vllmNeverShipped',
          data: { setting: '--shutdown-mode drain', flags: '--shutdown-mode', flag: '--shutdown-timeout', target: 150, windowNote: ' (grace 180 s − preStop 15 s = 165 s)' },
        },
      ],
      output: deployment('          image: vllm/vllm-openai:latest\n          args: [--model=m, --shutdown-timeout=150]\n'),
    },
    {
      name: '--shutdown-drain-timeout 160 alone: its value is kept (it covers the request and fits)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: ["--shutdown-drain-timeout", "160"]\n'),
      errors: [{ line: 15, column: 18, severity: 'error', messageId: 'vllmNeverShipped', data: { setting: '--shutdown-drain-timeout 160', target: 160 } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: ["--shutdown-timeout", "160"]\n'),
    },
    {
      name: '--shutdown_drain_timeout=300 alone: replaced, at a value that fits',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown_drain_timeout=300]\n'),
      errors: [{ line: 15, column: 18, severity: 'error', messageId: 'vllmNeverShipped', data: { setting: '--shutdown-drain-timeout 300', target: 150 } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n'),
    },
    {
      name: 'both never-shipped flags: one finding, and no fix (the fix replaces a lone flag)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-mode, drain, --shutdown-drain-timeout, "120"]\n'),
      errors: [
        {
          line: 15,
          column: 18,
          severity: 'error', messageId: 'vllmNeverShipped',
          data: { setting: '--shutdown-mode drain and --shutdown-drain-timeout 120', flags: '--shutdown-mode or --shutdown-drain-timeout', target: 150 },
          unfixable: 'not fixed: remove --shutdown-mode and --shutdown-drain-timeout and keep one --shutdown-timeout=150 by hand',
        },
      ],
      output: null,
    },
    {
      name: 'a never-shipped flag beside --shutdown-timeout: reported, not fixed, and the timeout is not judged again',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150, --shutdown-mode=drain]\n'),
      errors: [{ line: 15, column: 42, severity: 'error', messageId: 'vllmNeverShipped', unfixable: /not fixed: remove --shutdown-mode and keep one --shutdown-timeout=150 by hand/ }],
      output: null,
    },
    {
      name: 'a never-shipped flag in a script: the words are rewritten',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: [sh, -c, "exec vllm serve m --shutdown-mode drain --port 8000"]\n'),
      errors: [{ line: 15, column: 29, severity: 'error', messageId: 'vllmNeverShipped', data: { setting: '--shutdown-mode drain' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: [sh, -c, "exec vllm serve m --shutdown-timeout 150 --port 8000"]\n'),
    },
    {
      name: 'a never-shipped flag on an image older than --shutdown-timeout: no fix, upgrade first',
      code: deployment('          image: vllm/vllm-openai:v0.11.0\n          args: [--shutdown-mode=drain]\n'),
      errors: [{ line: 15, column: 18, severity: 'error', messageId: 'vllmNeverShipped', unfixable: 'not fixed: this image is v0.11.0, and vLLM has --shutdown-timeout only from 0.18: upgrade it first' }],
      output: null,
    },
    // Issue 15, item 1: a --shutdown-timeout below the longest request aborts the rest when it runs out.
    {
      name: '--shutdown-timeout below the longest request: raised to it (it fits grace − preStop)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "60"]\n'),
      errors: [
        {
          line: 15,
          column: 38,
          messageId: 'vllmExitsEarly',
          data: { setting: '--shutdown-timeout 60', wait: 60, longest: 150, flag: '--shutdown-timeout', target: 150 },
        },
      ],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n'),
    },
    {
      name: '--shutdown-timeout below the longest request, grace left unset: judged against the grace grace-period-default asks for',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=60]\n', ''),
      errors: [{ line: 14, column: 18, messageId: 'vllmExitsEarly', data: { target: 150 } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n', ''),
    },
    // Issue 15, item 2: TGI's default 90 s is below a 150 s longest request, judged like Triton's exit timeout.
    {
      name: 'TGI without the flag: its default 90 s; the fix adds the flag',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n'),
      errors: [
        {
          line: 11,
          column: 11,
          messageId: 'tgiExitsEarly',
          data: { needs: ' (TGI 3.2.2 or later has it)', setting: '--graceful-termination-timeout unset: its default', wait: 90, longest: 150, flag: '--graceful-termination-timeout', target: 150 },
        },
      ],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args:\n            - --graceful-termination-timeout=150\n'),
    },
    {
      name: 'TGI with the flag below the longest request: raised in place',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, --graceful-termination-timeout=60]\n'),
      errors: [{ line: 15, column: 33, messageId: 'tgiExitsEarly', data: { needs: '', setting: '--graceful-termination-timeout 60', wait: 60 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, --graceful-termination-timeout=150]\n'),
    },
    {
      name: 'TGI with the short flag -g below the longest request: raised in place',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g, "60"]\n'),
      errors: [{ line: 15, column: 37, messageId: 'tgiExitsEarly', data: { setting: '--graceful-termination-timeout 60', wait: 60 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g, "150"]\n'),
    },
    // Issue 15, item 1/2 (review): `-g60` was not read, and the fix added a second flag clap refuses.
    {
      name: 'TGI -g60 (value attached) below the longest request: rewritten in place as -g150',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g60]\n'),
      errors: [{ line: 15, column: 33, messageId: 'tgiExitsEarly', data: { setting: '--graceful-termination-timeout 60', wait: 60, target: 150 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g150]\n'),
    },
    {
      name: 'TGI -g=60 below the longest request: rewritten in place as -g=150',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g=60]\n'),
      errors: [{ line: 15, column: 33, messageId: 'tgiExitsEarly', data: { setting: '--graceful-termination-timeout 60', wait: 60 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--model-id, m, -g=150]\n'),
    },
    {
      name: 'TGI -g60 in a script: the word is rewritten',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          command: [sh, -c, "text-generation-launcher --model-id m -g60 --port 8000"]\n'),
      errors: [{ line: 15, column: 29, messageId: 'tgiExitsEarly', data: { wait: 60 } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          command: [sh, -c, "text-generation-launcher --model-id m -g150 --port 8000"]\n'),
    },
    {
      name: 'TGI given its drain flag twice: clap refuses it, the server does not start (an error, no fix)',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [--graceful-termination-timeout, "60", -g, "150"]\n'),
      errors: [
        {
          line: 15,
          column: 56,
          severity: 'error',
          messageId: 'tgiFlagRepeated',
          data: { flag: '--graceful-termination-timeout', count: 2, values: '60, then 150' },
        },
      ],
      output: null,
    },
    {
      name: 'TGI -g60 beside --graceful-termination-timeout=150: refused too',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          args: [-g60, --graceful-termination-timeout=150]\n'),
      errors: [{ line: 15, column: 24, severity: 'error', messageId: 'tgiFlagRepeated', data: { values: '60, then 150' } }],
      output: null,
    },
    {
      name: 'TGI with GRACEFUL_TERMINATION_TIMEOUT below the longest request: the variable is raised',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "60"}]\n'),
      errors: [{ line: 15, column: 54, messageId: 'tgiExitsEarly', data: { setting: 'GRACEFUL_TERMINATION_TIMEOUT=60' } }],
      output: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "150"}]\n'),
    },
    {
      name: 'TGI older than 3.2.2 has no such flag (a fixed 90 s): reported, not fixed',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.2.1\n'),
      errors: [{ line: 11, column: 11, messageId: 'tgiExitsEarly', unfixable: 'not fixed: this image is 3.2.1, and TGI has --graceful-termination-timeout only from 3.2.2: upgrade it first' }],
      output: null,
    },
    // Issue 15, item 1/2 (review): the drain flag on an image older than it stops the server from starting.
    {
      name: 'TGI 2.4.1 given --graceful-termination-timeout (from 3.2.2): an error, upgrade or remove it, no fix',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:2.4.1\n          args: [--graceful-termination-timeout, "200"]\n', '      terminationGracePeriodSeconds: 200\n'),
      errors: [
        {
          line: 15,
          column: 18,
          severity: 'error',
          messageId: 'flagOnOldImage',
          data: { engine: 'TGI', setting: '--graceful-termination-timeout 200', image: '2.4.1', flag: '--graceful-termination-timeout', since: '3.2.2' },
        },
      ],
      output: null,
    },
    {
      name: 'TGI 2.4.1 given -g60: the same error',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:2.4.1\n          args: [--model-id, m, -g60]\n'),
      errors: [{ line: 15, column: 33, severity: 'error', messageId: 'flagOnOldImage', data: { setting: '--graceful-termination-timeout 60', image: '2.4.1' } }],
      output: null,
    },
    {
      name: 'vLLM v0.10.0 given --shutdown-timeout (from 0.18): an error, no fix',
      code: deployment('          image: vllm/vllm-openai:v0.10.0\n          args: [--shutdown-timeout, "150"]\n'),
      errors: [
        {
          line: 15,
          column: 18,
          severity: 'error',
          messageId: 'flagOnOldImage',
          data: { engine: 'vLLM', setting: '--shutdown-timeout 150', image: 'v0.10.0', flag: '--shutdown-timeout', since: '0.18' },
        },
      ],
      output: null,
    },
    {
      name: 'vLLM v0.10.0 given --shutdown-timeout=0: the unknown flag is the error, not the abort',
      code: deployment('          image: vllm/vllm-openai:v0.10.0\n          args: [--shutdown-timeout=0]\n'),
      errors: [{ line: 15, column: 18, severity: 'error', messageId: 'flagOnOldImage', data: { setting: '--shutdown-timeout 0' } }],
      output: null,
    },
    {
      name: 'TGI 2.4.1 with GRACEFUL_TERMINATION_TIMEOUT=200: the launcher ignores the variable (no error) and waits its fixed 90 s',
      code: deployment('          image: ghcr.io/huggingface/text-generation-inference:2.4.1\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "200"}]\n'),
      errors: [
        {
          line: 15,
          column: 54,
          severity: 'warn',
          messageId: 'tgiExitsEarly',
          data: { wait: 90, setting: 'GRACEFUL_TERMINATION_TIMEOUT=200 ignored: before 3.2.2 TGI waits a fixed 90 s' },
          unfixable: 'not fixed: this image is 2.4.1, and TGI has --graceful-termination-timeout only from 3.2.2: upgrade it first',
        },
      ],
      output: null,
    },
    {
      name: 'AWS Neuron’s vLLM container is tagged with its vLLM release: 0.9.1 is older than the flag',
      code: deployment('          image: public.ecr.aws/neuron/pytorch-inference-vllm-neuronx:0.9.1-neuronx-py311-sdk2.26.0-ubuntu22.04\n          command: [vllm, serve]\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAbortsOnOldImage', data: { image: '0.9.1-neuronx-py311-sdk2.26.0-ubuntu22.04' } }],
      output: null,
    },
    // A grace that grace-budget-exceeded would raise is judged as it is where that finding is silenced.
    {
      name: 'grace-budget-exceeded silenced on the grace (the platform caps it): the timeout must fit the grace as it is',
      code: deployment('          image: vllm/vllm-openai:v0.19.0\n          args: [--shutdown-timeout, "160"]\n', '      # gpu-drain-lint-disable-next-line grace-budget-exceeded -- the platform caps grace at 90\n      terminationGracePeriodSeconds: 90\n'),
      errors: [{ line: 16, column: 38, messageId: 'vllmOutlastsGrace', data: { window: 75, target: 75 } }],
      output: deployment('          image: vllm/vllm-openai:v0.19.0\n          args: [--shutdown-timeout, "75"]\n', '      # gpu-drain-lint-disable-next-line grace-budget-exceeded -- the platform caps grace at 90\n      terminationGracePeriodSeconds: 90\n'),
    },
    {
      name: 'grace-budget-exceeded silenced by the ignore annotation: the flag added fits the grace as it is',
      code: deployment('          image: vllm/vllm-openai:v0.19.0\n', '      terminationGracePeriodSeconds: 90\n').replace('metadata: {name: llm, namespace: ml}', 'metadata: {name: llm, namespace: ml, annotations: {gpu-drain-lint.io/ignore: grace-budget-exceeded}}'),
      errors: [{ line: 11, column: 11, messageId: 'vllmAborts', data: { target: 75 } }],
      output: deployment('          image: vllm/vllm-openai:v0.19.0\n          args:\n            - --shutdown-timeout=75\n', '      terminationGracePeriodSeconds: 90\n').replace('metadata: {name: llm, namespace: ml}', 'metadata: {name: llm, namespace: ml, annotations: {gpu-drain-lint.io/ignore: grace-budget-exceeded}}'),
    },
    {
      name: 'a Google Deep Learning Container of TGI 2.3 (its version in the repository name): reported, not fixed',
      code: deployment('          image: us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu124.2-3.ubuntu2204.py311\n'),
      errors: [
        {
          line: 11,
          column: 11,
          messageId: 'tgiExitsEarly',
          unfixable: 'not fixed: this image is TGI 2.3 (huggingface-text-generation-inference-cu124.2-3.ubuntu2204.py311), and TGI has --graceful-termination-timeout only from 3.2.2: upgrade it first',
        },
      ],
      output: null,
    },
    {
      name: 'a Deep Learning Container named for TGI 3.3 has the flag: fixed',
      code: deployment('          image: us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu125.3-3.ubuntu2204.py311\n'),
      errors: [{ line: 11, column: 11, messageId: 'tgiExitsEarly' }],
      output: deployment('          image: us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu125.3-3.ubuntu2204.py311\n          args:\n            - --graceful-termination-timeout=150\n'),
    },
    {
      name: 'an explicit --shutdown-timeout 0 aborts too; the fix rewrites the value',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=0]\n'),
      errors: [{ line: 15, column: 18, messageId: 'vllmAborts', data: { setting: 'with --shutdown-timeout 0', flag: '--shutdown-timeout', target: 150 } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n'),
    },
    {
      name: 'a grace period left unset: judged against the 180 s that grace-period-default asks for',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=200]\n', ''),
      errors: [{ line: 14, column: 18, messageId: 'vllmOutlastsGrace', data: { window: 165, windowText: 'the 180 s grace period grace-period-default asks for − preStop 15 s = 165 s' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout=150]\n', ''),
    },
    {
      name: 'no args at all: the fix adds them',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n'),
      errors: [{ line: 11, column: 11, messageId: 'vllmAborts', data: { setting: 'without --shutdown-timeout' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          args:\n            - --shutdown-timeout=150\n'),
    },
    {
      name: 'a script with the engine in the middle: the flag joins the engine’s own arguments',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: [sh, -c, "vllm serve m & wait"]\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAborts', data: { setting: 'without --shutdown-timeout' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: [sh, -c, "vllm serve m --shutdown-timeout=150 & wait"]\n'),
    },
    // Issue 14, item 3: a flag added inside a script lands in the engine's argument list, never in a comment or after a `;`.
    {
      name: 'a script ending in a comment: the flag goes before the comment, once',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "vllm serve m --port 8000 # the OpenAI server"]\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAborts' }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "vllm serve m --port 8000 --shutdown-timeout=150 # the OpenAI server"]\n'),
    },
    {
      name: 'a script whose engine command ends with ; and a redirection: the flag stays in the command, before the redirection',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "vllm serve m > /tmp/log 2>&1;"]\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAborts' }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "vllm serve m --shutdown-timeout=150 > /tmp/log 2>&1;"]\n'),
    },
    {
      name: 'a value rewritten in a script: the word the engine reads, not its copy in a comment',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "# was --shutdown-timeout 0\\nvllm serve m --shutdown-timeout 0"]\n'),
      errors: [{ line: 15, column: 38, messageId: 'vllmAborts', data: { setting: 'with --shutdown-timeout 0' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "# was --shutdown-timeout 0\\nvllm serve m --shutdown-timeout 150"]\n'),
    },
    // Issue 15, item 16: a script written as a block scalar stays one (it was flattened into "…\n…", or refused).
    {
      name: 'a `|` block script: the flag is added inside it and the block stays a block, its lines as written',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              vllm serve meta-llama/Llama-3.1-8B \\\n                --port 8000\n'),
      errors: [{ line: 16, column: 11, messageId: 'vllmAborts', data: { setting: 'without --shutdown-timeout' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              vllm serve meta-llama/Llama-3.1-8B \\\n                --port 8000 --shutdown-timeout=150\n'),
    },
    {
      name: 'a `|-` block script with a comment on its header: a value rewritten in it, the header and chomping kept',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command:\n            - /bin/sh\n            - -c\n            - |- # the server\n              echo starting\n              exec vllm serve m --shutdown-timeout 0\n          ports: [{containerPort: 8000}]\n'),
      errors: [{ line: 18, column: 15, messageId: 'vllmAborts', data: { setting: 'with --shutdown-timeout 0' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command:\n            - /bin/sh\n            - -c\n            - |- # the server\n              echo starting\n              exec vllm serve m --shutdown-timeout 150\n          ports: [{containerPort: 8000}]\n'),
    },
    {
      name: 'a folded `>` block script: the flag is added and the script stays folded, in the lines it had',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - >\n              vllm serve m\n              --port 8000\n'),
      errors: [{ line: 16, column: 11, messageId: 'vllmAborts', data: { setting: 'without --shutdown-timeout' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - >\n              vllm serve m\n              --port 8000 --shutdown-timeout=150\n'),
    },
    {
      name: 'a folded `>` script whose value changes in a folded line: still folded, the lines around the change kept',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - >-\n              vllm serve m\n              --shutdown-timeout 0\n              --port 8000\n'),
      errors: [{ line: 17, column: 15, messageId: 'vllmAborts', data: { setting: 'with --shutdown-timeout 0' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - >-\n              vllm serve m\n              --shutdown-timeout 150\n              --port 8000\n'),
    },
    {
      name: 'no fix: a folded `>` script with a more-indented line cannot be rewritten exactly in its style, and is not flattened',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - >\n              vllm serve m\n                --port 8000\n'),
      errors: [{ line: 16, column: 11, messageId: 'vllmAborts', unfixable: /args\[0\] is a folded block scalar \(>\), and the new value cannot be written in it exactly/ }],
      output: null,
    },
    {
      name: 'a `|` block script with a line ending in spaces: a double-quoted string instead (a block would lose them to editors)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - |\n              echo go  \n              vllm serve m\n'),
      errors: [{ line: 16, column: 11, messageId: 'vllmAborts', data: { setting: 'without --shutdown-timeout' } }],
      output: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c"]\n          args:\n            - "echo go  \\nvllm serve m --shutdown-timeout=150\\n"\n'),
    },
    {
      name: 'no fix: the engine command’s script cannot be read as shell (a pipe)',
      code: deployment('          image: vllm/vllm-openai:v0.18.0\n          command: ["/bin/sh", "-c", "vllm serve m | tee /tmp/log"]\n'),
      errors: [{ line: 15, column: 11, messageId: 'vllmAborts', unfixable: /not fixed: the script that starts the engine cannot be read as shell/ }],
      output: null,
    },
  ],
});

describe('engine flags are read from command, args and env', () => {
  const invocation = (container: string) => {
    const loaded = loadModel(deployment(container));
    const serving = loaded.workload('llm').templates[0]!.spec.containers[0]!;
    return engineInvocation(serving, readContainerEnv(serving));
  };
  it('--flag=value and --flag value; the last one wins; switches', () => {
    const result = invocation('          image: vllm/vllm-openai:v0.18.0\n          args: [--enforce-eager, --shutdown-timeout, "60", --shutdown-timeout=90, --port, "8000"]\n')!;
    expect(result.engine).toBe('vllm');
    expect(result.flags.get('--shutdown-timeout')?.value).toBe('90');
    expect(result.flags.get('--port')?.value).toBe('8000');
    expect([...result.switches]).toEqual(['--enforce-eager']);
  });
  it('a shell script: the engine command among others, quotes removed', () => {
    const result = invocation(`          image: ubuntu:22.04\n          command: ["/bin/bash", "-c", "cd /app; exec text-generation-launcher --model-id 'm' --graceful-termination-timeout 60"]\n`)!;
    expect(result.engine).toBe('tgi');
    expect(result.why).toBe('command text-generation-launcher');
    expect(result.flags.get('--graceful-termination-timeout')).toMatchObject({ value: '60', inScript: true, list: 'command', item: 2 });
  });
  it('env vars, literal or from a reference', () => {
    const result = invocation('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, value: "45"}, {name: HF_TOKEN, valueFrom: {secretKeyRef: {name: hf, key: token}}}]\n')!;
    expect(result.env.get('GRACEFUL_TERMINATION_TIMEOUT')?.value?.value).toBe('45');
    expect(result.env.get('HF_TOKEN')?.fromReference).toBe(true);
  });
  it('an engine image running another program is not the engine', () => {
    expect(invocation('          image: vllm/vllm-openai:v0.18.0\n          command: [python3, /bench.py]\n')).toBeUndefined();
  });
});

// Issue 15, item 1: a warn rule with one error case. Unconfigured, each case keeps its severity; a
// user's warn makes every case a warning (nothing of the rule fails the run); error applies to all.
describe('engine-shutdown-timeout levels', () => {
  const code = deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-mode=drain]\n') + deployment('          image: vllm/vllm-openai:v0.18.0\n').replace('apiVersion', '---\napiVersion').replace('name: llm,', 'name: other,');
  const severities = (level?: 'warn' | 'error') =>
    lintText(code, { rules: [rule], ...(level ? { settings: { [rule.meta.id]: { level, options: {} } } } : {}) }).map((f) => `${f.messageId} ${f.severity}`);
  it('unconfigured: the never-shipped flag is an error, the rest warnings', () => {
    expect(severities()).toEqual(['vllmNeverShipped error', 'vllmAborts warn']);
  });
  it('configured as warn: every finding is a warning, so the rule cannot fail the run', () => {
    expect(severities('warn')).toEqual(['vllmNeverShipped warn', 'vllmAborts warn']);
  });
  it('configured as error: every finding is an error', () => {
    expect(severities('error')).toEqual(['vllmNeverShipped error', 'vllmAborts error']);
  });
});

// Issue 15, item 1/2 (review): RULES.md, "One mistake, one finding" — with the grace set short, the
// grace finding is the one; the engine's timeout, only too long for that grace, is not reported too.
describe('a grace period set below the budget: one finding', () => {
  const code = deployment('          image: vllm/vllm-openai:v0.18.0\n          args: [--shutdown-timeout, "150"]\n          lifecycle: {preStop: {exec: {command: [sh, -c, "touch /tmp/drain; sleep 60"]}}}\n', '      terminationGracePeriodSeconds: 200\n');
  it('grace-budget-exceeded raises the grace to 225; engine-shutdown-timeout says nothing', () => {
    const findings = lintText(code, { rules: [rule, graceBudgetExceeded] });
    expect(findings.map((f) => `${f.ruleId} ${f.messageId}`)).toEqual(['grace-budget-exceeded requestsCut']);
    expect(findings[0]!.message).toContain('Raise it to 225');
  });
});

/** A RayService with one GPU worker group and the given `serveConfigV2` (the key at line 6). */
const rayService = (serveConfig: string) => `apiVersion: ray.io/v1
kind: RayService
metadata:
  name: llama
spec:
  serveConfigV2: ${serveConfig}
  rayClusterConfig:
    headGroupSpec:
      rayStartParams: {}
      template:
        spec:
          terminationGracePeriodSeconds: 180
          containers:
          - name: ray-head
            image: rayproject/ray-ml:2.46.0
    workerGroupSpecs:
    - groupName: gpu
      replicas: 2
      rayStartParams: {}
      template:
        spec:
          terminationGracePeriodSeconds: 180
          containers:
          - name: llm
            image: rayproject/ray-ml:2.46.0
            resources: {limits: {nvidia.com/gpu: "1"}}
`;
const serve = (deployment: string) => `|\n    applications:\n    - name: llm\n      import_path: app:model\n      deployments:\n      - name: VLLM\n${deployment}`;

describe('Ray Serve: graceful_shutdown_timeout_s in a RayService serveConfigV2 (issue 16)', () => {
  runRuleTests(rule, {
    valid: [
      { name: 'a timeout that covers the longest request', code: rayService(serve('        graceful_shutdown_timeout_s: 150\n')) },
      { name: 'a RayService with no serveConfigV2', code: rayService('""') },
      { name: 'a serveConfigV2 that is not YAML is not guessed at', code: rayService('"applications: [unclosed"') },
    ],
    invalid: [
      {
        name: 'the default 20 s: at the deployment, inside the literal block',
        code: rayService(serve('        num_replicas: 2\n')),
        errors: [{ line: 11, column: 9, messageId: 'rayServeStopsEarly', data: { deployment: 'VLLM', application: 'llm', label: 'RayService llama', wait: 20, longest: 150 }, unfixable: /inside a string/ }],
      },
      {
        name: 'a short timeout: at the key, inside the block',
        code: rayService(serve('        graceful_shutdown_timeout_s: 5\n')),
        errors: [{ line: 12, column: 9, messageId: 'rayServeStopsEarly', data: { wait: 5 } }],
      },
      {
        name: 'a block with an indentation indicator (|2): columns counted from it, not from the first line',
        code: rayService('|2\n        applications:\n        - name: llm\n          deployments:\n          - name: VLLM\n            graceful_shutdown_timeout_s: 5\n'),
        errors: [{ line: 11, column: 13, messageId: 'rayServeStopsEarly', data: { wait: 5 } }],
      },
      {
        name: 'a |2 header on a line of its own: counted from the key’s line',
        code: rayService('\n    |2\n        # comment\n      applications:\n      - name: llm\n        deployments:\n        - name: VLLM\n          graceful_shutdown_timeout_s: 5\n'),
        errors: [{ line: 13, column: 11, messageId: 'rayServeStopsEarly', data: { wait: 5 } }],
      },
      {
        name: 'a quoted (not literal) config: at serveConfigV2',
        code: rayService('"applications: [{name: llm, deployments: [{name: VLLM, graceful_shutdown_timeout_s: 5}]}]"'),
        errors: [{ line: 6, column: 3, messageId: 'rayServeStopsEarly', data: { wait: 5 } }],
      },
    ],
  });
});

/** A RayCluster whose GPU worker's container runs `vllm serve` itself; `annotations` on the cluster. */
const rayCluster = (annotations: string) => `apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: vllm
${annotations}spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
        - name: ray-head
          image: rayproject/ray:2.46.0
  workerGroupSpecs:
  - groupName: gpu
    replicas: 2
    rayStartParams: {}
    template:
      spec:
        terminationGracePeriodSeconds: 180
        containers:
        - name: ray-worker
          image: vllm/vllm-openai:v0.19.0
          command: ["/bin/sh", "-c", "$KUBERAY_GEN_RAY_START_CMD && vllm serve meta-llama/Llama-3.1-8B --port 8000"]
          ports: [{containerPort: 8000}]
          resources: {limits: {nvidia.com/gpu: "1"}}
`;

describe('KubeRay runs its own ray start command unless the cluster keeps the containers’ (issue 16)', () => {
  runRuleTests(rule, {
    valid: [{ name: 'KubeRay replaces the command with ray start: no vLLM server to judge', code: rayCluster('') }],
    invalid: [
      {
        name: 'ray.io/overwrite-container-cmd: "true": the container runs vllm serve itself',
        code: rayCluster('  annotations:\n    ray.io/overwrite-container-cmd: "true"\n'),
        errors: [{ line: 26, column: 11, messageId: 'vllmAborts' }],
      },
    ],
  });
});

describe('a NIMService runs NVIDIA’s own launcher, not vllm serve (issue 16)', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'an image named vllm-oss-nim-llm is not a vLLM server to give --shutdown-timeout',
        code: `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata:
  name: llm
spec:
  image:
    repository: nvcr.io/nim/vllm-oss-nim-llm
    tag: "2.0.0"
  replicas: 2
  resources:
    limits:
      nvidia.com/gpu: 1
`,
      },
    ],
    invalid: [],
  });
});

describe('a list written as something else is never replaced by the fix (issue 16, review)', () => {
  it('a VLLMRuntime whose extraArgs is a string keeps it: the flag is not fixed in', () => {
    const text = `apiVersion: production-stack.vllm.ai/v1alpha1
kind: VLLMRuntime
metadata: {name: v}
spec:
  vllmConfig: {extraArgs: "--max-model-len=8192"}
  deploymentConfig: {replicas: 2, resources: {gpu: "1"}}
`;
    const fixed = fixText(text, { rules: [rule] });
    expect(fixed === null || fixed.includes('extraArgs: "--max-model-len=8192"')).toBe(true);
  });
});
