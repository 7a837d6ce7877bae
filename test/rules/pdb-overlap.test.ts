import rule from '../../rules/pdb-overlap.js';
import { describe, expect, it } from 'vitest';
import { lintText } from '../support/lint-text.js';
import { runRuleTests } from '../support/rule-tester.js';

/** A plain Deployment whose pods carry `app: <name>` and `tier: web`; `name:` at 4:3. */
const deployment = (name: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata: {labels: {app: ${name}, tier: web}}
    spec:
      containers: [{name: app, image: "ghcr.io/example/${name}:1.0"}]
`;

/** A PDB document; `selector:` is its 7th line (7:3). */
const pdb = (name: string, selector: string, namespace = '') => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  maxUnavailable: 1
  selector: ${selector}
`;

const doc = (...docs: string[]) => docs.join('---\n');
const BY_APP = '{matchLabels: {app: api}}';
const BY_TIER = '{matchLabels: {tier: web}}';

runRuleTests(rule, {
  valid: [
    {
      name: 'a matchLabels of the wrong type (invalid-value) is not read as {} selecting every pod',
      code: doc(deployment('api'), pdb('api', BY_APP), pdb('broken', '{matchLabels: app=web}')),
    },
    { name: 'one PDB per workload', code: doc(deployment('api'), deployment('web'), pdb('api', BY_APP), pdb('web', '{matchLabels: {app: web}}')) },
    { name: 'the same selector in another namespace', code: doc(deployment('api'), pdb('api', BY_APP), pdb('api', BY_APP, 'staging')) },
    { name: 'two PDBs over DaemonSet pods (never evicted by drains)', code: doc(deployment('agent', 'DaemonSet'), pdb('a', '{matchLabels: {app: agent}}'), pdb('b', BY_TIER)) },
    {
      name: 'a PDB and its overlay copy (same name and namespace) are one PDB',
      code: doc(deployment('api'), pdb('api', BY_APP)),
      lint: { others: [{ path: 'overlays/prod/pdb.yaml', text: pdb('api', BY_TIER) }] },
    },
  ],
  invalid: [
    {
      name: 'acceptance: a pod selected by two PDBs, once on each PDB',
      code: doc(deployment('api'), pdb('api', BY_APP), pdb('web-tier', BY_TIER)),
      errors: [
        {
          line: 19,
          column: 3,
          messageId: 'bothSelect',
          data: { pdb: 'PodDisruptionBudget api', location: 'test.yaml:16', other: 'PodDisruptionBudget web-tier', otherLocation: 'test.yaml:24', workloads: 'Deployment api (test.yaml:4)' },
        },
        {
          line: 27,
          column: 3,
          messageId: 'bothSelect',
          data: { pdb: 'PodDisruptionBudget web-tier', location: 'test.yaml:24', other: 'PodDisruptionBudget api', otherLocation: 'test.yaml:16', workloads: 'Deployment api (test.yaml:4)' },
        },
      ],
    },
    {
      name: 'two workloads under the same two PDBs: still one finding per PDB, naming both',
      code: doc(deployment('api'), deployment('web'), pdb('all-web', BY_TIER), pdb('everything', '{}')),
      errors: [
        { line: 31, column: 3, messageId: 'bothSelect', data: { workloads: 'Deployment api (test.yaml:4), Deployment web (test.yaml:16)' } },
        { line: 39, column: 3, messageId: 'bothSelect', data: { workloads: 'Deployment api (test.yaml:4), Deployment web (test.yaml:16)' } },
      ],
    },
    {
      name: 'a PDB in a context file: only the linted PDB reports the relation',
      code: doc(deployment('api'), pdb('api', BY_APP)),
      lint: { others: [{ path: 'platform/pdb.yaml', text: pdb('web-tier', BY_TIER), reportable: false }] },
      errors: [
        {
          line: 19,
          column: 3,
          messageId: 'bothSelect',
          data: { pdb: 'PodDisruptionBudget api', location: 'test.yaml:16', other: 'PodDisruptionBudget web-tier', otherLocation: 'platform/pdb.yaml:4' },
        },
      ],
    },
    {
      name: 'both PDBs in context files: once, on the workload',
      code: deployment('api'),
      lint: {
        others: [
          { path: 'platform/a.yaml', text: pdb('api', BY_APP), reportable: false },
          { path: 'platform/b.yaml', text: pdb('web-tier', BY_TIER), reportable: false },
        ],
      },
      errors: [
        {
          line: 4,
          column: 3,
          messageId: 'bothSelect',
          data: { pdb: 'PodDisruptionBudget api', location: 'platform/a.yaml:4', other: 'PodDisruptionBudget web-tier', otherLocation: 'platform/b.yaml:4', workloads: 'Deployment api (test.yaml:4)' },
        },
      ],
    },
  ],
});

describe('pdb-overlap', () => {
  it('a bare pod and a Job are judged too (drains evict them)', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, labels: {app: api, tier: web}}\nspec:\n  containers: [{name: c, image: busybox}]\n';
    const findings = lintText(doc(pod, pdb('api', BY_APP), pdb('web-tier', BY_TIER)), { rules: [rule] });
    expect(findings).toHaveLength(2);
    expect(findings[0]!.messageId).toBe('bothSelect');
    expect(findings[0]!.data).toMatchObject({ workloads: 'Pod debug (test.yaml:3)' });
  });
});

// Issue 15, item 4: kubectl drain does not retry the 500 of an overlap; it fails those pods at once.
describe('the overlap message', () => {
  it('says kubectl drain fails on the pods at once, without retrying', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]\n',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: a}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n',
    ].join('---\n');
    const messages = lintText(text, { rules: [rule] }).map((f) => f.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).toContain('kubectl drain fails on these pods at once, without retrying');
      expect(message).not.toContain('can never move');
    }
  });
});
