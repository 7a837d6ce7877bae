/**
 * Hostile policies through the real CLI (issue 20): an expression that loops or builds huge lists,
 * in the config and in a ValidatingAdmissionPolicy of the run, a catastrophic regex in CEL and in
 * a JSON Schema, a policy file that is not YAML. Each ends in bounded time and memory with a
 * finding of its own or a configuration error at its place, and the canary beside it is linted.
 */
import { describe, expect, it } from 'vitest';
import { expectNoCrash, gpuDeployment, run, tempDir } from '../cli/run.js';
import { CANARY, expectBoundedRun, expectCanaryLinted, findingsOf, runMeasured } from './helpers.js';

const SMALL_RSS_MB = 512;
const BUDGET = /exceeded the evaluation budget of 1000000 cost units/;
const THOUSAND = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;

/** CEL expressions that would run for hours, or fill the memory, without a budget. */
const HOSTILE_EXPRESSIONS: [string, string][] = [
  ['nested loops', `${THOUSAND}.all(x, ${THOUSAND}.all(y, ${THOUSAND}.all(z, true)))`],
  ['a list that doubles 40 times', `${Array.from({ length: 40 }, () => '').reduce((body) => `[${body}].map(l, l + l)[0]`, '[1, 2, 3, 4]')}.size() > 0`],
  ['a string that doubles 40 times', `${Array.from({ length: 40 }, () => '').reduce((body) => `[${body}].map(s, s + s)[0]`, "'abcdefgh'")}.size() > 0`],
];

function yamlString(text: string): string {
  return JSON.stringify(text);
}

describe('hostile CEL is stopped by the budget, as a finding on the object', { timeout: 120_000 }, () => {
  it.each(HOSTILE_EXPRESSIONS)('%s, in a config policy: a policy-error', async (_name, expression) => {
    const config = `policies:\n  - id: acme/hostile\n    description: hostile\n    validations:\n      - expression: ${yamlString(expression)}\n`;
    const dir = tempDir({ '.gpu-drain-lint.yaml': config, 'm.yaml': gpuDeployment(), 'canary.yaml': CANARY });
    const report = expectBoundedRun(await runMeasured(['m.yaml', 'canary.yaml'], dir), SMALL_RSS_MB);
    const errors = findingsOf(report, 'm.yaml').filter((f) => f.ruleId === 'policy-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(BUDGET);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it.each(HOSTILE_EXPRESSIONS)('%s, in a ValidatingAdmissionPolicy of the run: a denial that says why', async (_name, expression) => {
    const policy = [
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: ValidatingAdmissionPolicy',
      'metadata: {name: hostile}',
      'spec:',
      '  matchConstraints: {resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]}',
      `  validations: [{expression: ${yamlString(expression)}}]`,
      '---',
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: ValidatingAdmissionPolicyBinding',
      'metadata: {name: hostile}',
      'spec: {policyName: hostile, validationActions: [Deny]}',
      '',
    ].join('\n');
    const dir = tempDir({ 'policy.yaml': policy, 'm.yaml': gpuDeployment(), 'canary.yaml': CANARY });
    const report = expectBoundedRun(await runMeasured(['--context', 'policy.yaml', 'm.yaml', 'canary.yaml'], dir), SMALL_RSS_MB);
    const denials = findingsOf(report, 'm.yaml').filter((f) => f.ruleId === 'admission-policy');
    expect(denials).toHaveLength(1);
    expect(denials[0]!.message).toMatch(/^hostile: expression '.*' resulted in error: exceeded the evaluation budget/);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });
});

describe('catastrophic regular expressions', { timeout: 120_000 }, () => {
  it('in CEL, match in linear time on a long value (RE2 semantics): the policy decides', async () => {
    const config = `policies:\n  - id: acme/regex\n    description: regex\n    validations:\n      - expression: "!object.metadata.annotations['x'].matches('^(a+)+$')"\n        message: backtracked\n`;
    const manifest = gpuDeployment().replace('  namespace: inference\n', `  namespace: inference\n  annotations:\n    x: "${'a'.repeat(50_000)}b"\n`);
    const dir = tempDir({ '.gpu-drain-lint.yaml': config, 'm.yaml': manifest, 'canary.yaml': CANARY });
    const report = expectBoundedRun(await runMeasured(['m.yaml', 'canary.yaml'], dir), SMALL_RSS_MB);
    expect(findingsOf(report, 'm.yaml').filter((f) => f.ruleId.startsWith('acme/') || f.ruleId === 'policy-error')).toEqual([]);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it('in a JSON Schema, match in linear time too: the policy reports the long value', async () => {
    const config = 'policies:\n  - id: acme/schema\n    description: schema\n    schema:\n      properties:\n        metadata:\n          properties:\n            annotations:\n              properties:\n                x: {pattern: "^(a|a?)+$"}\n';
    const manifest = gpuDeployment().replace('  namespace: inference\n', `  namespace: inference\n  annotations:\n    x: "${'a'.repeat(50_000)}!"\n`);
    const dir = tempDir({ '.gpu-drain-lint.yaml': config, 'm.yaml': manifest, 'canary.yaml': CANARY });
    const report = expectBoundedRun(await runMeasured(['m.yaml', 'canary.yaml'], dir), SMALL_RSS_MB);
    expect(findingsOf(report, 'm.yaml').filter((f) => f.ruleId === 'acme/schema').map((f) => f.message)).toEqual(['schema: metadata.annotations.x must match pattern "^(a|a?)+$"']);
    expectCanaryLinted(findingsOf(report, 'canary.yaml'));
  });

  it('in a JSON Schema, a pattern the linear engine cannot run is refused at config load, at the pattern', () => {
    const config = 'policies:\n  - id: acme/schema\n    description: schema\n    schema:\n      properties:\n        metadata:\n          properties:\n            name: {pattern: "^(?=a+)(a|a?)+$"}\n';
    const result = run(['m.yaml'], { cwd: tempDir({ '.gpu-drain-lint.yaml': config, 'm.yaml': gpuDeployment() }), timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expectNoCrash(result.stderr);
    expect(result.stderr).toMatch(/\.gpu-drain-lint\.yaml:8:\d+: .*cannot be matched in linear time/);
  });
});

describe('a policy file that is not YAML', () => {
  it.each([
    ['binary bytes', Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x0a])],
    ['a tab-indented mapping', 'policies:\n\t- id: acme/x\n'],
    ['an unterminated flow sequence', '- id: acme/x\n  description: [never closed\n'],
  ])('%s: exit 2 with the file, line and column', (_name, content) => {
    const result = run(['m.yaml'], { cwd: tempDir({ '.gpu-drain-lint.yaml': 'policyFiles: [p.yaml]\n', 'p.yaml': content, 'm.yaml': gpuDeployment() }), timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expectNoCrash(result.stderr);
    expect(result.stderr).toMatch(/invalid configuration: p\.yaml:\d+:\d+: /);
  });
});
