/**
 * Resources with no pod template (NIMService, KubeAI Model, VLLMRuntime, KAITO presets): their
 * own fields read as the serving container. Bad values are invalid-value findings, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lintText } from '../support/lint-text.js';

const invalid = (text: string) => lintText(text, { rules }).filter((f) => f.ruleId === 'invalid-value').map((f) => f.message);
const ids = (text: string) => lintText(text, { rules }).map((f) => f.ruleId).sort();

const kubeaiModel = (profile: string) => `apiVersion: kubeai.org/v1
kind: Model
metadata: {name: llama}
spec:
  engine: VLLM
  args: [--shutdown-timeout=30]
  resourceProfile: ${profile}
`;

const vllmRuntime = (resources: string) => `apiVersion: production-stack.vllm.ai/v1alpha1
kind: VLLMRuntime
metadata: {name: llama}
spec:
  vllmConfig: {extraArgs: [--shutdown-timeout=30]}
  deploymentConfig:
    resources: ${resources}
`;

describe('a KubeAI Model\'s resourceProfile', () => {
  it('names the accelerator and the count (nvidia-gpu-l4:2, amd-gpu-mi300x:1): the Model is profiled', () => {
    expect(ids(kubeaiModel('nvidia-gpu-l4:2'))).toEqual(['grace-period-default', 'prestop-missing']);
    expect(ids(kubeaiModel('amd-gpu-mi300x:1'))).toEqual(['grace-period-default', 'prestop-missing']);
  });

  it('a profile of no accelerator (cpu) does not profile it', () => {
    expect(ids(kubeaiModel('cpu:2'))).toEqual([]);
  });

  it('a count that is not a number is an invalid value', () => {
    expect(invalid(kubeaiModel('nvidia-gpu-l4:two'))).toEqual(['spec.resourceProfile must be <profile>:<count>, got "nvidia-gpu-l4:two"']);
  });
});

describe('a VLLMRuntime\'s deploymentConfig.resources', () => {
  it('gpu of gpuType (default nvidia.com/gpu) profiles it', () => {
    expect(ids(vllmRuntime('{gpu: "1"}'))).toEqual(['grace-period-default', 'prestop-missing', 'single-replica']);
    expect(ids(vllmRuntime('{gpu: "2", gpuType: amd.com/gpu}'))).toEqual(['grace-period-default', 'prestop-missing', 'single-replica']);
  });

  it('a gpu that is not a number is an invalid value', () => {
    expect(invalid(vllmRuntime('{gpu: lots}'))).toEqual(['spec.deploymentConfig.resources.gpu must be a number of GPUs, got "lots"']);
  });
});

describe('malformed flat resources', () => {
  it('a NIMService image that is not a mapping is an invalid value, and the rest is still judged', () => {
    const text = `apiVersion: apps.nvidia.com/v1alpha1
kind: NIMService
metadata: {name: llama}
spec:
  image: nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3.3
  resources: {limits: {nvidia.com/gpu: 1}}
`;
    expect(invalid(text)).toEqual(['spec.image must be a mapping, got the string "nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3.3"']);
    expect(ids(text)).toContain('prestop-missing');
  });

  it('a KAITO Workspace with a preset that names no model, or no inference, is not judged', () => {
    expect(ids('apiVersion: kaito.sh/v1beta1\nkind: Workspace\nmetadata: {name: w}\ninference: {preset: {}}\n')).toEqual([]);
    expect(ids('apiVersion: kaito.sh/v1beta1\nkind: Workspace\nmetadata: {name: w}\nresource: {count: 2}\n')).toEqual([]);
  });
});
