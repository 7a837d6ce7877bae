import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { countBySeverity, type FileResult, type Finding } from '../../src/core/findings.js';
import { lint, type LintOptions, type RuleSetting } from '../../src/engine/lint.js';
import type { IgnoreEntry } from '../../src/engine/suppressions.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { lintText } from '../support/lint-text.js';

/**
 * A GPU Deployment whose one container is written on a single line, so that two rules report on
 * that same line: readiness-ignores-drain (warn: a plain httpGet readiness under a sleep preStop)
 * and liveness-gates-on-load (error: liveness runs the same check as readiness). Nothing else
 * fires on it: a startupProbe covers the 120 s cold start (startup-probe-missing) and a
 * PodDisruptionBudget with maxUnavailable: 1 follows it in the same stream (pdb-missing).
 * `before` is inserted as a line right above the container line.
 */
function vllm(name: string, options: { annotations?: string; templateAnnotations?: string; before?: string; namespace?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    ...(options.annotations ? ['  annotations:', `    ${options.annotations}`] : []),
    'spec:',
    '  replicas: 2',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    ...(options.templateAnnotations ? ['      annotations:', `        ${options.templateAnnotations}`] : []),
    '    spec:',
    '      terminationGracePeriodSeconds: 180',
    '      containers:',
    ...(options.before ? [`        ${options.before}`] : []),
    `        - {name: vllm, image: "ghcr.io/example/llm-server:1.0", ports: [{containerPort: 8000}], resources: {limits: {nvidia.com/gpu: 1}}, lifecycle: {preStop: {sleep: {seconds: 15}}}, startupProbe: {httpGet: {path: /health, port: 8000}, periodSeconds: 10, failureThreshold: 12}, readinessProbe: {httpGet: {path: /health, port: 8000}}, livenessProbe: {httpGet: {path: /health, port: 8000}, failureThreshold: 6}}`,
    '---',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'spec:',
    '  maxUnavailable: 1',
    `  selector: {matchLabels: {app: ${name}}}`,
    '',
  ].join('\n');
}

const READINESS = 'readiness-ignores-drain';
const LIVENESS = 'liveness-gates-on-load';
const UNUSED = 'unused-suppression';

/** 1-based line of the n-th (0-based) occurrence of `needle`. */
function lineOf(text: string, needle: string, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`occurrence ${nth} of "${needle}" not in the text`);
  }
  return text.slice(0, offset).split('\n').length;
}

/** 1-based line and column of the first occurrence of `needle`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`"${needle}" not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** `rule@line object-name [suppressed]`, by line, then rule id. */
function summary(findings: readonly Finding[]): string[] {
  return [...findings].sort((x, y) => x.line - y.line || x.ruleId.localeCompare(y.ruleId)).map((f) => `${f.ruleId}@${f.line} ${f.object?.name ?? '-'}${f.suppressions ? ' suppressed' : ''}`);
}

/** All rules, so that every rule id is known to the unused-suppression check. */
function lintOne(text: string, settings: Record<string, RuleSetting> = {}): Finding[] {
  return lintText(text, { rules, settings });
}

/** The engine called directly, for what lintText does not pass (ignores, inlineConfig, several files). */
function lintFiles(
  files: { path: string; text: string; reportable?: boolean }[],
  options: Partial<Pick<LintOptions, 'ignores' | 'configPath' | 'inlineConfig' | 'settings'>> = {},
): FileResult[] {
  const encoder = new TextEncoder();
  return lint(
    files.map((f) => ({ path: f.path, content: encoder.encode(f.text), reportable: f.reportable ?? true })),
    {
      rules,
      settings: options.settings ?? new Map(),
      profiles: { profiles: DEFAULT_PROFILES, workloads: [] },
      defaultNamespace: 'default',
      ...(options.ignores ? { ignores: options.ignores } : {}),
      ...(options.configPath ? { configPath: options.configPath } : {}),
      ...(options.inlineConfig !== undefined ? { inlineConfig: options.inlineConfig } : {}),
    },
  );
}

const ignoreEntry = (entry: Omit<IgnoreEntry, 'line' | 'column'>, line = 3, column = 5): IgnoreEntry => ({ ...entry, line, column });

describe('the unsuppressed baseline', () => {
  it('two identical Deployments: each gets a readiness warning and a liveness error on its container line', () => {
    const text = `${vllm('a')}---\n${vllm('b')}`;
    const a = lineOf(text, '- {name: vllm', 0);
    const b = lineOf(text, '- {name: vllm', 1);
    expect(summary(lintOne(text))).toEqual([`${LIVENESS}@${a} a`, `${READINESS}@${a} a`, `${LIVENESS}@${b} b`, `${READINESS}@${b} b`]);
  });
});

describe('# gpu-drain-lint-disable-next-line', () => {
  const text = `${vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS} -- probes owned by the platform team` })}---\n${vllm('b')}`;
  const a = lineOf(text, '- {name: vllm', 0);
  const b = lineOf(text, '- {name: vllm', 1);
  const findings = lintOne(text);

  it('silences only the named rule, only on the next line', () => {
    expect(summary(findings)).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b`,
      `${READINESS}@${b} b`,
    ]);
  });

  it('keeps the suppressed finding with the comment’s reason as its justification', () => {
    const suppressed = findings.find((f) => f.suppressions)!;
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', justification: 'probes owned by the platform team' }]);
    expect(suppressed.severity).toBe('error');
    expect(suppressed.message).toContain('the liveness probe runs the same check as readiness');
  });

  it('a suppressed finding does not count', () => {
    expect(countBySeverity([{ path: 'test.yaml', findings }])).toEqual({ errors: 1, warnings: 2 });
  });

  it('several ids, comma-separated, silence each of them', () => {
    const both = `${vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS}, ${READINESS} -- vendor image` })}---\n${vllm('b')}`;
    const line = lineOf(both, '- {name: vllm', 0);
    const other = lineOf(both, '- {name: vllm', 1);
    expect(summary(lintOne(both))).toEqual([
      `${LIVENESS}@${line} a suppressed`,
      `${READINESS}@${line} a suppressed`,
      `${LIVENESS}@${other} b`,
      `${READINESS}@${other} b`,
    ]);
  });

  it('a comment two lines above silences nothing and is reported unused', () => {
    const far = vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS}` }).replace(
      `        # gpu-drain-lint-disable-next-line ${LIVENESS}\n`,
      `        # gpu-drain-lint-disable-next-line ${LIVENESS}\n        # (a comment in between)\n`,
    );
    const findings = lintOne(far);
    expect(findings.filter((f) => f.suppressions)).toEqual([]);
    const unused = findings.filter((f) => f.ruleId === UNUSED);
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ ...positionOf(far, '# gpu-drain-lint-disable-next-line'), severity: 'warn' });
  });

  it('silences a PDB finding at the budget field', () => {
    const pdb = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  # gpu-drain-lint-disable-next-line pdb-blocks-drain -- the DBA drains these nodes by hand
  maxUnavailable: 0
  selector: {matchLabels: {app: web}}
`;
    const findings = lintOne(pdb);
    expect(summary(findings)).toEqual([`pdb-blocks-drain@${lineOf(pdb, 'maxUnavailable: 0')} web suppressed`]);
    expect(findings[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'the DBA drains these nodes by hand' }]);
  });
});

describe('# gpu-drain-lint-disable-file', () => {
  const text = `# gpu-drain-lint-disable-file ${LIVENESS}\n${vllm('a')}---\n${vllm('b')}`;

  it('silences the named rule on every object of the file, and no other rule', () => {
    const a = lineOf(text, '- {name: vllm', 0);
    const b = lineOf(text, '- {name: vllm', 1);
    expect(summary(lintOne(text))).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b suppressed`,
      `${READINESS}@${b} b`,
    ]);
  });

  it('has no justification without a reason', () => {
    expect(lintOne(text).find((f) => f.suppressions)!.suppressions).toEqual([{ kind: 'inSource' }]);
  });

  it('does not reach another file of the same run', () => {
    const [first, second] = lintFiles([
      { path: 'a.yaml', text },
      { path: 'b.yaml', text: vllm('c') },
    ]);
    expect(first!.findings.filter((f) => f.ruleId === LIVENESS).every((f) => f.suppressions)).toBe(true);
    expect(summary(second!.findings)).toEqual([`${LIVENESS}@${lineOf(vllm('c'), '- {name')} c`, `${READINESS}@${lineOf(vllm('c'), '- {name')} c`]);
  });

  it('counts only what is left', () => {
    expect(countBySeverity([{ path: 'test.yaml', findings: lintOne(text) }])).toEqual({ errors: 0, warnings: 2 });
  });
});

// Issue 15, item 15: a directive inside a ConfigMap's block scalar silenced a Deployment's finding.
describe('directives are read only from real comments', () => {
  const withData = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: scripts}\ndata:\n${data}---\n${vllm('a')}`;

  it.each([
    ['a block scalar', '  notes.md: |\n    # gpu-drain-lint-disable-file liveness-gates-on-load\n    text\n'],
    ['a double-quoted scalar', '  note: "text\n    # gpu-drain-lint-disable-file liveness-gates-on-load"\n'],
  ])('a directive inside %s is data: it silences nothing and is not reported unused', (_, data) => {
    const text = withData(data);
    const line = lineOf(text, '- {name: vllm');
    expect(summary(lintOne(text))).toEqual([`${LIVENESS}@${line} a`, `${READINESS}@${line} a`]);
  });

  it('the same directive as a comment of that ConfigMap silences the file', () => {
    const text = withData('  # gpu-drain-lint-disable-file liveness-gates-on-load\n  notes.md: |\n    text\n');
    const line = lineOf(text, '- {name: vllm');
    expect(summary(lintOne(text))).toEqual([`${LIVENESS}@${line} a suppressed`, `${READINESS}@${line} a`]);
  });
});

// Issue 15, item 15: a misspelt directive silenced nothing, without a word.
describe('a misspelt directive', () => {
  it.each(['gpu-drain-lint-disable', 'gpu-drain-lint-disable-line', 'gpu-drain-lint-ignore-next-line'])('%s is reported unused, with the valid forms', (written) => {
    const text = vllm('a', { before: `# ${written} ${LIVENESS}` });
    const line = lineOf(text, '- {name: vllm');
    const findings = lintOne(text);
    expect(summary(findings)).toEqual([`${UNUSED}@${line - 1} -`, `${LIVENESS}@${line} a`, `${READINESS}@${line} a`]);
    expect(findings.find((f) => f.ruleId === UNUSED)!.message).toBe(
      `${written} is not a directive, so it silences nothing: the directives are gpu-drain-lint-disable-next-line and gpu-drain-lint-disable-file`,
    );
  });

  it('inside a block scalar it is data, and not reported', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  notes.md: |\n    # gpu-drain-lint-disable-line x\n`;
    expect(lintOne(text).filter((f) => f.ruleId === UNUSED)).toEqual([]);
  });
});

describe('annotation gpu-drain-lint.io/ignore', () => {
  it('on the object: silences the named rule on that object only', () => {
    const text = `${vllm('a', { annotations: `gpu-drain-lint.io/ignore: "${LIVENESS}"` })}---\n${vllm('b')}`;
    const a = lineOf(text, '- {name: vllm', 0);
    const b = lineOf(text, '- {name: vllm', 1);
    const findings = lintOne(text);
    expect(summary(findings)).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b`,
      `${READINESS}@${b} b`,
    ]);
    expect(findings.find((f) => f.suppressions)!.suppressions).toEqual([{ kind: 'inSource', justification: 'annotation gpu-drain-lint.io/ignore' }]);
    expect(findings.some((f) => f.ruleId === UNUSED)).toBe(false);
  });

  it('on the pod template: silences the named rules (two ids) on that workload only', () => {
    const text = `${vllm('a', { templateAnnotations: `gpu-drain-lint.io/ignore: "${READINESS},${LIVENESS}"` })}---\n${vllm('b')}`;
    const a = lineOf(text, '- {name: vllm', 0);
    const b = lineOf(text, '- {name: vllm', 1);
    expect(summary(lintOne(text))).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a suppressed`,
      `${LIVENESS}@${b} b`,
      `${READINESS}@${b} b`,
    ]);
  });

  it('on a workload: silences a PDB relation reported on it because the PDB is in a context file', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations: {gpu-drain-lint.io/ignore: pdb-blocks-drain}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "ghcr.io/example/api:1.0", ports: [{containerPort: 8080}]}]
`;
    const pdb = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec:\n  maxUnavailable: 0\n  selector: {matchLabels: {app: api}}\n';
    const [result] = lintFiles([
      { path: 'deploy.yaml', text: deployment },
      { path: 'other/pdb.yaml', text: pdb, reportable: false },
    ]);
    expect(summary(result!.findings)).toEqual([`pdb-blocks-drain@${lineOf(deployment, 'replicas: 3')} api suppressed`]);
  });

  it('on a PDB: does not silence the same rule on another PDB', () => {
    // Each PDB guards its own Deployment, so that the two do not overlap (pdb-overlap).
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: front}
spec:
  replicas: 3
  selector: {matchLabels: {app: front}}
  template:
    metadata: {labels: {app: front, tier: front}}
    spec:
      containers: [{name: front, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: by-app
  annotations: {gpu-drain-lint.io/ignore: pdb-blocks-drain}
spec:
  maxUnavailable: 0
  selector: {matchLabels: {app: web}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: by-tier
spec:
  minAvailable: 100%
  selector: {matchLabels: {tier: front}}
`;
    expect(summary(lintOne(text))).toEqual([
      `pdb-blocks-drain@${lineOf(text, 'maxUnavailable: 0')} by-app suppressed`,
      `pdb-blocks-drain@${lineOf(text, 'minAvailable: 100%')} by-tier`,
    ]);
  });
});

describe('config ignores', () => {
  const text = `${vllm('a')}---\n${vllm('b', { namespace: 'prod' })}`;
  const a = lineOf(text, '- {name: vllm', 0);
  const b = lineOf(text, '- {name: vllm', 1);

  it('silences the named rule on the matching object only, as an external suppression with the reason', () => {
    const entry = ignoreEntry({ rule: LIVENESS, kind: 'Deployment', name: 'a', reason: 'upstream chart, tracked in OPS-12' });
    const [result] = lintFiles([{ path: 'vllm.yaml', text }], { ignores: [entry], configPath: '.gpu-drain-lint.yaml' });
    expect(summary(result!.findings)).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b`,
      `${READINESS}@${b} b`,
    ]);
    expect(result!.findings.find((f) => f.suppressions)!.suppressions).toEqual([{ kind: 'external', justification: 'upstream chart, tracked in OPS-12' }]);
  });

  it('matches the namespace, with the default namespace for objects that have none', () => {
    const entries = [ignoreEntry({ rule: READINESS, namespace: 'default' }), ignoreEntry({ rule: LIVENESS, namespace: 'prod', name: 'b' }, 7)];
    const [result] = lintFiles([{ path: 'vllm.yaml', text }], { ignores: entries, configPath: '.gpu-drain-lint.yaml' });
    expect(summary(result!.findings)).toEqual([
      `${LIVENESS}@${a} a`,
      `${READINESS}@${a} a suppressed`,
      `${LIVENESS}@${b} b suppressed`,
      `${READINESS}@${b} b`,
    ]);
  });

  it('an entry that matches no finding is reported unused, at its place in the config file', () => {
    const used = ignoreEntry({ rule: LIVENESS, name: 'a' }, 3, 5);
    const unused = ignoreEntry({ rule: LIVENESS, name: 'does-not-exist', reason: 'old chart' }, 8, 5);
    const results = lintFiles([{ path: 'vllm.yaml', text }], { ignores: [used, unused], configPath: '.gpu-drain-lint.yaml' });
    const config = results.find((r) => r.path === '.gpu-drain-lint.yaml');
    expect(config?.findings).toHaveLength(1);
    expect(config!.findings[0]).toMatchObject({ ruleId: UNUSED, severity: 'warn', line: 8, column: 5 });
    expect(config!.findings[0]!.message).toContain(LIVENESS);
    expect(results.find((r) => r.path === 'vllm.yaml')!.findings.some((f) => f.ruleId === UNUSED)).toBe(false);
  });

  it('entries that silence every finding leave nothing to count, and none is unused', () => {
    const results = lintFiles([{ path: 'vllm.yaml', text }], {
      ignores: [ignoreEntry({ rule: LIVENESS }), ignoreEntry({ rule: READINESS })],
      configPath: '.gpu-drain-lint.yaml',
    });
    expect(countBySeverity(results)).toEqual({ errors: 0, warnings: 0 });
    expect(results.map((r) => r.path)).toEqual(['vllm.yaml']);
    expect(results[0]!.findings.every((f) => f.suppressions?.[0]?.kind === 'external')).toBe(true);
  });
});

describe('unused and unknown suppressions', () => {
  it('an unused comment is reported at the comment', () => {
    const text = vllm('a', { before: '# gpu-drain-lint-disable-next-line pdb-blocks-drain -- no PDB here' });
    const findings = lintOne(text);
    const unused = findings.filter((f) => f.ruleId === UNUSED);
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ ...positionOf(text, '# gpu-drain-lint-disable-next-line'), severity: 'warn' });
    expect(unused[0]!.message).toContain('pdb-blocks-drain');
    // The findings on the next line are untouched.
    expect(findings.filter((f) => f.suppressions)).toEqual([]);
  });

  it('of two ids, only the one that silenced nothing is reported', () => {
    const text = vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS},rollout-too-aggressive` });
    const unused = lintOne(text).filter((f) => f.ruleId === UNUSED);
    expect(unused.map((f) => f.message)).toEqual([expect.stringContaining('rollout-too-aggressive')]);
  });

  it('an unused disable-file comment is reported', () => {
    const text = `# gpu-drain-lint-disable-file grace-period-default\n${vllm('a')}`;
    const unused = lintOne(text).filter((f) => f.ruleId === UNUSED);
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('an unused annotation is reported at the annotation, on its object', () => {
    const text = vllm('a', { annotations: 'gpu-drain-lint.io/ignore: "rollout-too-aggressive"' });
    const unused = lintOne(text).filter((f) => f.ruleId === UNUSED);
    expect(unused).toHaveLength(1);
    expect(unused[0]!.line).toBe(lineOf(text, 'gpu-drain-lint.io/ignore'));
    expect(unused[0]!.object).toEqual({ kind: 'Deployment', name: 'a' });
    expect(unused[0]!.message).toContain('rollout-too-aggressive');
  });

  it('an unknown rule id in a comment is reported as not a rule', () => {
    const text = vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS},liveness-gate-on-load` });
    const findings = lintOne(text);
    expect(findings.filter((f) => f.suppressions).map((f) => f.ruleId)).toEqual([LIVENESS]);
    const unused = findings.filter((f) => f.ruleId === UNUSED);
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject(positionOf(text, '# gpu-drain-lint-disable-next-line'));
    expect(unused[0]!.message).toContain('"liveness-gate-on-load", which is not a rule of gpu-drain-lint');
  });

  it('an unknown rule id in an annotation is reported too', () => {
    const text = vllm('a', { annotations: 'gpu-drain-lint.io/ignore: "no-such-rule"' });
    const unused = lintOne(text).filter((f) => f.ruleId === UNUSED);
    expect(unused.map((f) => f.message)).toEqual([expect.stringContaining('"no-such-rule", which is not a rule of gpu-drain-lint')]);
  });

  it('a comment naming a rule that is turned off is not reported unused', () => {
    const text = vllm('a', { before: '# gpu-drain-lint-disable-next-line rollout-too-aggressive' });
    expect(lintOne(text, { 'rollout-too-aggressive': { level: 'off', options: {} } }).filter((f) => f.ruleId === UNUSED)).toEqual([]);
  });

  it('unused-suppression can be turned off', () => {
    const text = vllm('a', { before: '# gpu-drain-lint-disable-next-line pdb-blocks-drain' });
    expect(lintOne(text, { [UNUSED]: { level: 'off', options: {} } }).filter((f) => f.ruleId === UNUSED)).toEqual([]);
  });
});

describe('inlineConfig: false (--no-inline-config)', () => {
  const text = `${vllm('a', { before: `# gpu-drain-lint-disable-next-line ${LIVENESS} -- reason` })}---\n${vllm('b', { annotations: `gpu-drain-lint.io/ignore: ${LIVENESS}` })}`;
  const a = lineOf(text, '- {name: vllm', 0);
  const b = lineOf(text, '- {name: vllm', 1);

  it('comments are ignored (and not reported unused), annotations still apply', () => {
    const [result] = lintFiles([{ path: 'test.yaml', text }], { inlineConfig: false });
    expect(summary(result!.findings)).toEqual([
      `${LIVENESS}@${a} a`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b suppressed`,
      `${READINESS}@${b} b`,
    ]);
  });

  it('with inline config on, both apply', () => {
    const [result] = lintFiles([{ path: 'test.yaml', text }]);
    expect(summary(result!.findings)).toEqual([
      `${LIVENESS}@${a} a suppressed`,
      `${READINESS}@${a} a`,
      `${LIVENESS}@${b} b suppressed`,
      `${READINESS}@${b} b`,
    ]);
  });
});
