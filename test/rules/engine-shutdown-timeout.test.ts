import { describe, expect, it } from 'vitest';
import rule from '../../rules/engine-shutdown-timeout.js';
import { engineInvocation, readContainerEnv } from '../../src/model/engine-flags.js';
import { loadModel } from '../unit/model-helpers.js';
import { runRuleTests } from '../support/rule-tester.js';

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
    // Issue 15, item 12: AIBrix's mock server is not vLLM (the image's repository name decides, and "mock" is no server).
    { name: 'aibrix/vllm-mock is not vLLM', code: deployment('          image: aibrix/vllm-mock:nightly\n') },
    { name: 'vLLM flags with underscores are the same flags', code: deployment('          image: vllm/vllm-openai:v0.18.0\n          args: ["--shutdown_timeout", "150"]\n') },
    {
      name: 'python -m vllm.entrypoints.openai.api_server behind dumb-init',
      code: deployment('          image: ghcr.io/example/vllm:1.0\n          command: [dumb-init, --, python3, -m, vllm.entrypoints.openai.api_server, --shutdown-timeout=120]\n'),
    },
    { name: 'a TGI timeout from a Secret is unknown', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n          env: [{name: GRACEFUL_TERMINATION_TIMEOUT, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n', '      terminationGracePeriodSeconds: 40\n') },
    { name: 'option tritonDefaultTimeout: an image built with a longer default', code: deployment('          image: nvcr.io/nvidia/tritonserver:24.08-py3\n'), options: { tritonDefaultTimeout: 200 } },
    { name: 'option tgiDefaultTimeout', code: deployment('          image: ghcr.io/huggingface/text-generation-inference:3.3.4\n', '      terminationGracePeriodSeconds: 60\n'), options: { tgiDefaultTimeout: 40 } },
  ],
  invalid: [
    {
      name: 'vLLM drain mode with its default drain timeout (option vllmDrainDefaultTimeout) beyond the grace period',
      code: deployment('          image: vllm/vllm-openai:latest\n          args: [--shutdown-mode=drain]\n', '      terminationGracePeriodSeconds: 100\n'),
      options: { vllmDrainDefaultTimeout: 120 },
      errors: [
        {
          line: 15,
          column: 11,
          messageId: 'vllmOutlastsGrace',
          data: { setting: '--shutdown-mode drain and no --shutdown-drain-timeout (its default 120 s)', wait: 120, window: 85, windowText: 'grace 100 s − preStop 15 s = 85 s', target: 85 },
        },
      ],
      output: deployment('          image: vllm/vllm-openai:latest\n          args: [--shutdown-mode=drain, --shutdown-drain-timeout=85]\n', '      terminationGracePeriodSeconds: 100\n'),
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
