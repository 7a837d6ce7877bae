import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { fixText, lintText } from '../support/lint-text.js';
import { parseTypeScript } from '../support/typescript.js';
import type { Fix } from '../../src/core/fix.js';
import { SourceFile } from '../../src/core/source.js';
import { verify } from '../../src/fix/apply.js';

/** A vLLM Deployment body with the pod spec given as text (no grace period, no preStop). */
function vllm(podSpecExtra = '', containerExtra = '', head = ''): string {
  return `import * as k8s from '@pulumi/kubernetes';
${head}
new k8s.apps.v1.Deployment('vllm', {
  metadata: { name: 'vllm' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'vllm' } },
    template: {
      metadata: { labels: { app: 'vllm' } },
      spec: {${podSpecExtra}
        containers: [
          {
            name: 'vllm',
            image: 'vllm/vllm-openai:v0.19.0',
            ports: [{ containerPort: 8000 }],
            resources: { limits: { 'nvidia.com/gpu': '1' } },${containerExtra}
          },
        ],
      },
    },
  },
});
`;
}

const lint = (text: string, path = 'main.ts') => lintText(text, { rules, path, parseTypeScript });
const ids = (text: string, path?: string) => lint(text, path).map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('TypeScript sources: what is recognised', () => {
  it('reads a Pulumi Deployment and reports at the TypeScript line of the pod spec', () => {
    expect(ids(vllm())).toContain('10:7 grace-period-default');
  });

  it('reads Pulumi resources imported under another name, by namespace, named or per-group import', () => {
    for (const [head, callee] of [
      ["import * as kube from '@pulumi/kubernetes';", 'kube.apps.v1.Deployment'],
      ["import { apps as a } from '@pulumi/kubernetes';", 'a.v1.Deployment'],
      ["import * as apps from '@pulumi/kubernetes/apps';", 'apps.v1.Deployment'],
      ["import k8s = require('@pulumi/kubernetes');", 'k8s.apps.v1.Deployment'],
    ]) {
      const text = vllm().replace("import * as k8s from '@pulumi/kubernetes';", head!).replace('k8s.apps.v1.Deployment', callee!);
      expect(ids(text), head).toContain('10:7 grace-period-default');
    }
  });

  it('does not take a Pulumi patch, a list, an unknown group or a class of another module for an object', () => {
    for (const callee of ['k8s.apps.v1.DeploymentPatch', 'k8s.apps.v1.DeploymentList', 'k8s.made.v1.Deployment', 'other.apps.v1.Deployment']) {
      const text = vllm().replace('k8s.apps.v1.Deployment', callee).replace("import * as k8s from '@pulumi/kubernetes';", "import * as k8s from '@pulumi/kubernetes';\nimport * as other from 'other';");
      expect(ids(text), callee).toEqual([]);
    }
  });

  it('reads cdk8s Kube* classes (the class gives apiVersion and kind) and int-or-string helpers', () => {
    const text = `import { KubePodDisruptionBudget, IntOrString } from './imports/k8s';
new KubePodDisruptionBudget(this, 'pdb', {
  spec: { maxUnavailable: IntOrString.fromNumber(0), selector: { matchLabels: { app: 'x' } } },
});
new KubeDeploymentV1Beta9(this, 'not-imported', {});
`;
    const findings = lintText(text, { rules, path: 'chart.ts', parseTypeScript, others: [{ path: 'd.yaml', text: DEPLOYMENT_X }] });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['3:11 pdb-blocks-drain']);
    expect(findings[0]!.message).toContain('PodDisruptionBudget "pdb"');
  });

  it('reads inline manifests (string-literal apiVersion and kind), but not a bare apiVersion/kind constant', () => {
    const text = `export const GVK = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' };
export const pdb = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'x' },
  spec: { minAvailable: '100%', selector: { matchLabels: { app: 'x' } } },
} as const;
`;
    const findings = lintText(text, { rules, path: 'm.mts', parseTypeScript, others: [{ path: 'd.yaml', text: DEPLOYMENT_X }] });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['6:11 pdb-blocks-drain']);
  });

  it('leaves TypeScript that mentions no object unparsed: no parser needed, no findings', () => {
    expect(lintText('const x: number = ;', { rules, path: 'other.ts' })).toEqual([]);
  });

  it('reports a syntax error at its line and column, and lints nothing in that file', () => {
    const findings = lint(`const k = { apiVersion: 'v1', kind: 'Pod', spec: { };\n`);
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.fatal])).toEqual([['typescript-syntax', 1, 53, true]]);
  });
});

describe('TypeScript sources: values', () => {
  it('reads literals through as const, satisfies, numeric separators, template strings and consts of the file', () => {
    const head = 'const GRACE = 1_80;\nconst SLEEP = `15`;';
    const text = vllm('\n        terminationGracePeriodSeconds: (GRACE satisfies number),', `\n            lifecycle: { preStop: { exec: { command: ['sleep', SLEEP] as const } } },`, head);
    expect(ids(text)).not.toContain('12:9 grace-period-default');
    expect(ids(text).filter((id) => /grace|prestop/.test(id))).toEqual([]);
  });

  it('never fires on a computed value, and says which value it could not read', () => {
    const text = vllm('\n        terminationGracePeriodSeconds: config.requireNumber("grace"),', '\n            lifecycle: makeLifecycle(),');
    const findings = lint(text);
    expect(findings.filter((f) => /grace|prestop/.test(f.ruleId))).toEqual([]);
    const unknown = findings.filter((f) => f.ruleId === 'unknown-value').map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(unknown).toContain(
      '11:40 spec.template.spec.terminationGracePeriodSeconds of Deployment vllm cannot be read statically (`config.requireNumber("grace")` is a function call): the checks that need it skipped it',
    );
    expect(unknown.some((u) => u.startsWith('18:24 spec.template.spec.containers[0].lifecycle'))).toBe(true);
  });

  it('treats keys a spread may set as unknown, and keys written after it as known', () => {
    const before = vllm('\n        terminationGracePeriodSeconds: 10,\n        ...podDefaults,');
    expect(ids(before).filter((id) => id.includes('grace'))).toEqual([]);
    expect(lint(before).find((f) => f.ruleId === 'unknown-value')?.message).toContain('the spread `...podDefaults` may set fields');
    const after = vllm('\n        ...podDefaults,\n        terminationGracePeriodSeconds: 10,');
    expect(ids(after)).toContain('12:9 grace-period-default');
  });

  it('does not read a name declared twice, a let, or an import', () => {
    for (const head of ['let GRACE = 10;', 'const GRACE = 10;\nfunction f(GRACE: number) { return GRACE; }', "import { GRACE } from './values';"]) {
      const text = vllm('\n        terminationGracePeriodSeconds: GRACE,', '', head);
      expect(ids(text).filter((id) => id.includes('grace')), head).toEqual([]);
    }
    const known = vllm('\n        terminationGracePeriodSeconds: GRACE,', '', 'const GRACE = 10;');
    expect(ids(known).filter((id) => id.includes('grace'))).toEqual(['11:9 grace-period-default']);
  });

  it('does not conclude a PDB is missing when a PDB selector or the labels are computed', () => {
    const pdb = `\nnew k8s.policy.v1.PodDisruptionBudget('pdb', { spec: { maxUnavailable: 1, selector: { matchLabels: labelsFor('vllm') } } });\n`;
    expect(ids(vllm()).some((id) => id.endsWith('pdb-missing'))).toBe(true);
    expect(ids(vllm() + pdb).some((id) => id.endsWith('pdb-missing'))).toBe(false);
    const opaque = `\nnew k8s.policy.v1.PodDisruptionBudget('pdb', pdbArgs);\n`;
    expect(ids(vllm() + opaque).some((id) => id.endsWith('pdb-missing'))).toBe(false);
  });
});

describe('TypeScript sources: fixes', () => {
  it('inserts a property in the object literal\'s own layout, and replaces a value where it is written', () => {
    const text = vllm('\n        terminationGracePeriodSeconds: 10,');
    const fixed = fixText(text, { rules, path: 'main.ts', parseTypeScript }, { unsafe: false })!;
    expect(fixed).toContain('        terminationGracePeriodSeconds: 180,\n');
    expect(fixed.split('\n').length).toBe(text.split('\n').length);
  });

  it('refuses to edit a const that several places read', () => {
    const twice = `import * as k8s from '@pulumi/kubernetes';
const podSpec = {
  containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.19.0', ports: [{ containerPort: 8000 }], resources: { limits: { 'nvidia.com/gpu': '1' } } }],
};
for (const name of ['a', 'b']) {
  new k8s.apps.v1.Deployment(name, { metadata: { name: 'vllm-' + name }, spec: { replicas: 2, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: podSpec } } });
}
new k8s.apps.v1.Deployment('c', { metadata: { name: 'c' }, spec: { replicas: 2, selector: { matchLabels: { app: 'c' } }, template: { metadata: { labels: { app: 'c' } }, spec: podSpec } } });
`;
    const grace = lint(twice).filter((f) => f.ruleId === 'grace-period-default');
    expect(grace.length).toBeGreaterThan(0);
    for (const finding of grace) {
      expect(finding.fixable).toBe(false);
      expect(finding.message).toContain('is in the const podSpec, which several places read');
    }
  });

  it('verification compares every value of an edited object, not only the fields its fixes set (issue 14, item 1)', () => {
    const text = vllm('\n        terminationGracePeriodSeconds: 10,');
    const start = text.indexOf('terminationGracePeriodSeconds: 10') + 'terminationGracePeriodSeconds: '.length;
    const fix: Fix = {
      safety: 'safe',
      description: 'set terminationGracePeriodSeconds to 180',
      edits: [{ start, end: start + 2, text: '180' }],
      expect: [{ document: 0, path: ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'], value: 180 }],
    };
    const source = new SourceFile('main.ts', text, false);
    const intended = text.slice(0, start) + '180' + text.slice(start + 2);
    expect(verify(source, intended, [fix], parseTypeScript)).toBeUndefined();
    // The same fix, but the result also changes replicas, which no fix meant to change.
    expect(verify(source, intended.replace('replicas: 2', 'replicas: 3'), [fix], parseTypeScript)).toBe(
      'spec.replicas in object 1 would change, though no fix meant to change it',
    );
  });

  it('does not fix a file whose result would not verify (the object would change shape)', () => {
    const text = vllm().replace("'nvidia.com/gpu': '1' } },", "'nvidia.com/gpu': '1' } }, // keep\n");
    const fixed = fixText(text, { rules, path: 'main.ts', parseTypeScript });
    expect(fixed).not.toBeNull();
    expect(fixed).toContain('// keep');
  });
});

const DEPLOYMENT_X = `apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  replicas: 2
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec:
      containers: [{name: x, image: nginx}]
`;

describe('TypeScript sources: suppressions', () => {
  it('honours // gpu-drain-lint-disable-next-line comments and the ignore annotation', () => {
    const text = vllm('\n        // gpu-drain-lint-disable-next-line grace-period-default -- the server drains itself\n        terminationGracePeriodSeconds: 10,');
    const finding = lint(text).find((f) => f.ruleId === 'grace-period-default')!;
    expect(finding.suppressions).toEqual([{ kind: 'inSource', justification: 'the server drains itself' }]);
    const hash = vllm('\n        # not a comment in TypeScript\n        terminationGracePeriodSeconds: 10,');
    expect(lint(hash).some((f) => f.ruleId === 'typescript-syntax')).toBe(true);
    const annotated = vllm().replace("metadata: { name: 'vllm' },", "metadata: { name: 'vllm', annotations: { 'gpu-drain-lint.io/ignore': 'pdb-missing' } },");
    expect(lint(annotated).find((f) => f.ruleId === 'pdb-missing')?.suppressions).toHaveLength(1);
  });

  it('a directive inside a string or a template literal is data, not a comment (issue 15, item 15)', () => {
    for (const head of [
      "const note = `\n// gpu-drain-lint-disable-file grace-period-default\n`;",
      "const note = 'x // gpu-drain-lint-disable-file grace-period-default';",
    ]) {
      const text = vllm('\n        terminationGracePeriodSeconds: 10,', '', head);
      const finding = lint(text).find((f) => f.ruleId === 'grace-period-default')!;
      expect(finding.suppressions, head).toBeUndefined();
    }
    const comment = vllm('\n        terminationGracePeriodSeconds: 10,', '', '// gpu-drain-lint-disable-file grace-period-default');
    expect(lint(comment).find((f) => f.ruleId === 'grace-period-default')!.suppressions).toEqual([{ kind: 'inSource' }]);
  });
});

describe('TypeScript sources: fixes keep the file\'s style', () => {
  const styled = (eol: string) =>
    [
      'import * as k8s from "@pulumi/kubernetes";',
      'new k8s.apps.v1.Deployment("vllm", {',
      '    metadata: { name: "vllm" },',
      '    spec: {',
      '        replicas: 2,',
      '        selector: { matchLabels: { app: "vllm" } },',
      '        template: {',
      '            metadata: { labels: { app: "vllm" } },',
      '            spec: {',
      '                containers: [{ name: "vllm", image: "vllm/vllm-openai:v0.19.0", resources: { limits: { "nvidia.com/gpu": "1" } }, ports: [{ containerPort: 8000 }] }]',
      '            }',
      '        }',
      '    }',
      '});',
      '',
    ].join(eol);

  it('double quotes, four-space indentation, no trailing commas, CRLF: the grace period goes first in the pod spec', () => {
    for (const eol of ['\n', '\r\n']) {
      const fixed = fixText(styled(eol), { rules, path: 'index.ts', parseTypeScript }, { unsafe: false })!;
      expect(fixed).toBe(
        styled(eol).replace(`            spec: {${eol}`, `            spec: {${eol}                terminationGracePeriodSeconds: 180,${eol}`),
      );
    }
  });

  it('a one-line container gets its preStop on the same line, in double quotes', () => {
    const fixed = fixText(styled('\n'), { rules, path: 'index.ts', parseTypeScript, kubernetesVersion: '1.30' }, { unsafe: false })!;
    expect(fixed).toContain('ports: [{ containerPort: 8000 }], lifecycle: { preStop: { sleep: { seconds: 15 } } } }]');
  });
});

// Issue 14, item 14: a property inserted after the last one took that one's trailing comment
// along (`resources: {…} // one GPU` became `resources: {…},` and `lifecycle: {…} // one GPU`),
// or was inserted between the comma and a block comment.
describe('TypeScript sources: a trailing comment stays with the property it annotates', () => {
  /** A GPU Deployment (grace period set, no preStop) whose container ends with `last`, in a pod spec that starts with `podSpec`. */
  const deployment = (last: string, podSpec = '') => `import * as k8s from '@pulumi/kubernetes';

new k8s.apps.v1.Deployment('vllm', {
  metadata: { name: 'vllm' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'vllm' } },
    template: {
      metadata: { labels: { app: 'vllm' } },
      spec: {${podSpec}
        terminationGracePeriodSeconds: 180,
        containers: [
          {
            name: 'vllm',
            image: 'ghcr.io/example/llm-server:1.0', // pinned
            ports: [{ containerPort: 8000 }],
${last}
          },
        ],
      },
    },
  },
});
`;
  const options = { rules, path: 'main.ts', parseTypeScript, kubernetesVersion: '1.30' };
  const LIFECYCLE = '            lifecycle: { preStop: { sleep: { seconds: 15 } } },';
  const RESOURCES = "            resources: { limits: { 'nvidia.com/gpu': '1' } }";

  it.each([
    ['a line comment after the comma', `${RESOURCES}, // one GPU`, [`${RESOURCES}, // one GPU`, LIFECYCLE]],
    ['a line comment, no comma', `${RESOURCES} // one GPU`, [`${RESOURCES}, // one GPU`, LIFECYCLE]],
    ['a block comment after the comma', `${RESOURCES}, /* one GPU */`, [`${RESOURCES}, /* one GPU */`, LIFECYCLE]],
    ['a block comment, no comma', `${RESOURCES} /* one GPU */`, [`${RESOURCES}, /* one GPU */`, LIFECYCLE]],
    ['a block comment, then a line comment', `${RESOURCES}, /* one */ // GPU`, [`${RESOURCES}, /* one */ // GPU`, LIFECYCLE]],
    ['a block comment over two lines', `${RESOURCES}, /* one GPU,\n               for now */`, [`${RESOURCES}, /* one GPU,\n               for now */`, LIFECYCLE]],
  ])('%s: prestop-missing adds lifecycle after the comment, on a line of its own', (_name, last, fixed) => {
    const text = deployment(last);
    expect(lint(text).filter((f) => f.fixable).map((f) => f.ruleId)).toEqual(['prestop-missing']);
    const result = fixText(text, options, { unsafe: false });
    expect(result).toBe(deployment(fixed.join('\n')));
    // It parses, and the preStop is there.
    expect(lintText(result!, options).map((f) => f.ruleId)).toEqual(['pdb-missing', 'readiness-missing']);
  });

  it('a comment after a property that is not last, and after the first one, stays too', () => {
    const podSpec = "\n        nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-l4' }, // L4 nodes";
    const text = deployment(`${RESOURCES},`, podSpec).replace('        terminationGracePeriodSeconds: 180,\n', '');
    const fixed = fixText(text, options, { unsafe: false });
    expect(fixed).toBe(
      deployment(`${RESOURCES},\n${LIFECYCLE}`, podSpec)
        .replace('        terminationGracePeriodSeconds: 180,\n', '')
        .replace('      spec: {\n', '      spec: {\n        terminationGracePeriodSeconds: 180,\n'),
    );
  });

  it('the readiness fix sets periodSeconds where it is written and adds failureThreshold after the comment', () => {
    const probe = (fields: string) => `${RESOURCES},
            lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'touch /tmp/drain && sleep 15'] } } },
            readinessProbe: {
              exec: { command: ['/bin/sh', '-c', '! test -f /tmp/drain && curl -fsS http://localhost:8000/health'] }, // drain-aware
${fields}
            },`;
    const text = deployment(probe('              periodSeconds: 10 // slow'));
    expect(lint(text).filter((f) => f.fixable).map((f) => f.ruleId)).toEqual(['readiness-too-slow']);
    expect(fixText(text, options)).toBe(deployment(probe('              periodSeconds: 2, // slow\n              failureThreshold: 1,')));
    // Both keys inserted by one fix: the comma the last property needs is added once.
    const both = deployment(probe('              timeoutSeconds: 1 // quick'));
    expect(fixText(both, options)).toBe(deployment(probe('              timeoutSeconds: 1, // quick\n              periodSeconds: 2,\n              failureThreshold: 1,')));
  });

  it('in an object whose entries start on its opening line: after a block comment on the line, or on a line of its own after a line comment', () => {
    const container = "{ name: 'vllm', image: 'ghcr.io/example/llm-server:1.0', ports: [{ containerPort: 8000 }], resources: { limits: { 'nvidia.com/gpu': '1' } } /* one GPU */ }";
    const text = deployment('').replace(/ {10}\{\n[\s\S]*?\n {10}\},/, `          ${container},`);
    expect(text).toContain(`[\n          ${container},\n        ]`);
    expect(fixText(text, options, { unsafe: false })).toBe(text.replace('/* one GPU */ }', '/* one GPU */, lifecycle: { preStop: { sleep: { seconds: 15 } } } }'));
    // Entries that start on the opening line, the last one ended by a line comment: a line of its own.
    const ended = text.replace(', resources:', ',\n            resources:').replace(' /* one GPU */ }', ' // one GPU\n          }');
    expect(fixText(ended, options, { unsafe: false })).toBe(ended.replace(' // one GPU\n', `, // one GPU\n${LIFECYCLE}\n`));
  });
});

describe('TypeScript sources: what cannot be read stays silent', () => {
  const pdb = (selector: string, name = 'pdb') =>
    `\nnew k8s.policy.v1.PodDisruptionBudget('${name}', { spec: { maxUnavailable: 0, selector: ${selector} } });\n`;

  it('a PDB with a computed selector or namespace neither blocks, overlaps nor is missing', () => {
    const known = pdb("{ matchLabels: { app: 'vllm' } }", 'known');
    const lineOf = (text: string) => text.split('\n').findIndex((line) => line.includes("'known'")) + 1;
    expect(ids(vllm() + known).filter((id) => id.includes('pdb-'))).toEqual([`${lineOf(vllm() + known)}:58 pdb-blocks-drain`]);
    for (const selector of ["{ matchLabels: labelsFor('vllm') }", "{ matchLabels: { ...common, app: 'vllm' } }", 'selectorOf(app)']) {
      const text = vllm() + pdb(selector) + known;
      expect(ids(text).filter((id) => id.includes('pdb-')), selector).toEqual([`${lineOf(text)}:58 pdb-blocks-drain`]);
    }
  });

  it('one Pulumi resource name in both branches of an if is one PDB, not two that overlap', () => {
    const branches = `\nif (prod) {${pdb("{ matchLabels: { app: 'vllm' } }", 'p')}} else {${pdb("{ matchLabels: { app: 'vllm' } }", 'p')}}\n`;
    expect(ids(vllm() + branches).filter((id) => id.includes('pdb-overlap'))).toEqual([]);
  });

  it('a const the file changes later, a JSON patch or a transformation may set what is missing', () => {
    const mutated = `import * as k8s from '@pulumi/kubernetes';
const podSpec = { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.19.0', ports: [{ containerPort: 8000 }], resources: { limits: { 'nvidia.com/gpu': '1' } } }] };
podSpec.terminationGracePeriodSeconds = 180;
new k8s.apps.v1.Deployment('vllm', { spec: { replicas: 2, selector: { matchLabels: { app: 'v' } }, template: { metadata: { labels: { app: 'v' } }, spec: podSpec } } });
`;
    expect(ids(mutated).filter((id) => !id.endsWith('unknown-value'))).toEqual([]);
    expect(lint(mutated).find((f) => f.ruleId === 'unknown-value')?.message).toContain('`podSpec` is changed after its declaration');
    const transformed = vllm().replace('\n});\n', "\n}, { transformations: [addGrace] });\n");
    expect(ids(transformed).filter((id) => !id.endsWith('unknown-value'))).toEqual([]);
    const patched = `import { KubeDeployment } from './imports/k8s';
const d = new KubeDeployment(this, 'vllm', { spec: { replicas: 2, selector: { matchLabels: { app: 'v' } }, template: { metadata: { labels: { app: 'v' } }, spec: { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.19.0', resources: { limits: { 'nvidia.com/gpu': Quantity.fromNumber(1) } } }] } } } });
d.addJsonPatch(JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', 180));
`;
    expect(ids(patched, 'chart.ts').filter((id) => !id.endsWith('unknown-value'))).toEqual([]);
  });

  it('a manifest spread into others is a template, not an object of its own', () => {
    const text = `const base = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [] } } } } as const;
export const big = { ...base, spec: { ...base.spec, replicas: 3 } };
`;
    expect(lint(text)).toEqual([]);
  });

  it('computed args, env or probes leave the engine and probe checks silent, and a fix never overwrites them', () => {
    const args = vllm('', "\n            args: [...baseArgs, '--model', 'm'],");
    expect(ids(args).some((id) => id.endsWith('engine-shutdown-timeout'))).toBe(false);
    const fixed = fixText(args, { rules, path: 'main.ts', parseTypeScript })!;
    expect(fixed).toContain("args: [...baseArgs, '--model', 'm'],");
    const probe = vllm('', "\n            readinessProbe: drainAwareProbe('/tmp/drain'),\n            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'touch /tmp/drain && sleep 15'] } } },");
    expect(ids(probe).filter((id) => /readiness|liveness/.test(id))).toEqual([]);
  });

  it('a const read by a class field counts as read twice: a fix does not edit it', () => {
    const text = `import * as k8s from '@pulumi/kubernetes';
const podSpec = { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.19.0', ports: [{ containerPort: 8000 }], resources: { limits: { 'nvidia.com/gpu': '1' } } }] };
class Batch { readonly spec = podSpec; }
new k8s.apps.v1.Deployment('vllm', { spec: { replicas: 2, selector: { matchLabels: { app: 'v' } }, template: { metadata: { labels: { app: 'v' } }, spec: podSpec } } });
`;
    const grace = lint(text).find((f) => f.ruleId === 'grace-period-default')!;
    expect(grace.fixable).toBe(false);
    expect(grace.message).toContain('is in the const podSpec');
  });
});
