import { describe, expect, it } from 'vitest';
import { positionOf } from '../cli/run.js';
import { admissionFindings, binding, deployment, docs, policy } from './vap-helpers.js';

const REPLICAS = `  validations:
    - expression: object.spec.replicas <= 5
      message: at most 5 replicas
      fieldPath: spec.replicas
`;

describe('admission-policy: validationActions and fieldPath', () => {
  const text = (actions: string) => docs(policy('max-replicas', REPLICAS), binding('max-replicas', actions), deployment('big', { replicas: 10 }), deployment('small', { replicas: 2 }));

  it('Deny is an error at the fieldPath, with the policy name and its message; a passing object has none', () => {
    const source = text('[Deny]');
    const at = positionOf(source, 'replicas: 10');
    expect(admissionFindings([{ path: 'a.yaml', text: source }])).toEqual([`a.yaml error ${at.line}:${at.column} max-replicas: at most 5 replicas`]);
  });

  it('Warn is a warning; Deny with Audit is still an error; Audit alone is not reported', () => {
    expect(admissionFindings([{ path: 'a.yaml', text: text('[Warn]') }])).toEqual([expect.stringMatching(/^a\.yaml warn \d+:\d+ max-replicas: at most 5 replicas$/)]);
    expect(admissionFindings([{ path: 'a.yaml', text: text('[Deny, Audit]') }])).toEqual([expect.stringMatching(/ error /)]);
    expect(admissionFindings([{ path: 'a.yaml', text: text('[Audit]') }])).toEqual([]);
  });

  it('a policy without a binding, or a binding of a policy not in the run, does nothing', () => {
    expect(admissionFindings([{ path: 'a.yaml', text: docs(policy('max-replicas', REPLICAS), deployment('big', { replicas: 10 })) }])).toEqual([]);
    expect(admissionFindings([{ path: 'a.yaml', text: docs(binding('elsewhere', '[Deny]'), deployment('big', { replicas: 10 })) }])).toEqual([]);
  });

  it('a fieldPath to an absent field points at its nearest written parent; without one, at the name', () => {
    const absent = `  validations:
    - expression: has(object.spec.template.spec.terminationGracePeriodSeconds)
      fieldPath: spec.template.spec.terminationGracePeriodSeconds
    - expression: "false"
      message: never
`;
    const source = docs(policy('grace', absent), binding('grace', '[Deny]'), deployment('big'));
    const parent = positionOf(source, 'spec:', 'template:');
    const name = positionOf(source, 'name: big');
    expect(admissionFindings([{ path: 'a.yaml', text: source }])).toEqual([
      `a.yaml error ${name.line}:${name.column} grace: never`,
      `a.yaml error ${parent.line}:${parent.column} grace: failed expression: has(object.spec.template.spec.terminationGracePeriodSeconds)`,
    ]);
  });

  it('a config level applies: warn demotes a Deny, off silences the check', () => {
    const source = text('[Deny]');
    expect(admissionFindings([{ path: 'a.yaml', text: source }], new Map([['admission-policy', { level: 'warn', options: {} }]]))).toEqual([expect.stringMatching(/ warn /)]);
    expect(admissionFindings([{ path: 'a.yaml', text: source }], new Map([['admission-policy', { level: 'off', options: {} }]]))).toEqual([]);
  });
});

describe('admission-policy: evaluation as the API server does it', () => {
  it('messageExpression builds the message; an empty or failing one falls back to message, then to the expression', () => {
    const spec = `  validations:
    - expression: object.spec.replicas <= 5
      messageExpression: "'replicas ' + string(object.spec.replicas) + ' > 5'"
    - expression: object.spec.replicas <= 6
      messageExpression: "''"
      message: fallback message
    - expression: object.spec.replicas <= 7
      messageExpression: object.nope
`;
    const messages = admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec), binding('p', '[Deny]'), deployment('big', { replicas: 10 })) }]).map((f) => f.replace(/^.* \d+:\d+ /, ''));
    expect(messages.sort()).toEqual(['p: failed expression: object.spec.replicas <= 7', 'p: fallback message', 'p: replicas 10 > 5']);
  });

  it('a reason other than the default Invalid is named', () => {
    const spec = `  validations:
    - expression: "false"
      message: not allowed
      reason: Forbidden
`;
    expect(admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec), binding('p', '[Deny]'), deployment('d')) }])).toEqual([expect.stringMatching(/p: not allowed \(reason: Forbidden\)$/)]);
  });

  it('an evaluation error denies under failurePolicy Fail (the default) and is ignored under Ignore', () => {
    const spec = (failurePolicy: string) => `${failurePolicy}  validations:
    - expression: object.spec.missing.deeper == 1
`;
    const fail = admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec('')), binding('p', '[Deny]'), deployment('d')) }]);
    expect(fail).toEqual([expect.stringMatching(/ error \d+:\d+ p: expression 'object\.spec\.missing\.deeper == 1' resulted in error: .*missing/)]);
    expect(admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec('  failurePolicy: Ignore\n')), binding('p', '[Deny]'), deployment('d')) }])).toEqual([]);
  });

  it('matchConditions: any false skips the policy; an error (and no false) is a failure under failurePolicy', () => {
    const spec = (conditions: string, failurePolicy = '') => `${failurePolicy}  matchConditions:
${conditions}  validations:
    - expression: "false"
      message: denied
`;
    const run = (s: string) => admissionFindings([{ path: 'a.yaml', text: docs(policy('p', s), binding('p', '[Deny]'), deployment('gpu', { labels: '{tier: gpu}' }), deployment('web')) }]);
    const onGpu = spec(`    - name: gpu-only
      expression: "has(object.metadata.labels) && object.metadata.labels.?tier.orValue('') == 'gpu'"
`);
    expect(run(onGpu)).toEqual([expect.stringMatching(/p: denied$/)]);
    const erroring = spec(`    - name: errors
      expression: object.metadata.labels.tier == 'gpu'
`);
    // On "web" (no labels) the condition errors: denied under Fail; on "gpu" it is true: denied by the validation.
    expect(run(erroring)).toEqual([expect.stringMatching(/p: denied$/), expect.stringMatching(/p: expression 'object\.metadata\.labels\.tier == 'gpu'' resulted in error/)]);
    expect(run(spec(`    - name: errors
      expression: object.metadata.labels.tier == 'gpu'
`, '  failurePolicy: Ignore\n'))).toEqual([expect.stringMatching(/p: denied$/)]);
    const falseAndError = spec(`    - name: never
      expression: "false"
    - name: errors
      expression: object.nope == 1
`);
    expect(run(falseAndError)).toEqual([]);
  });

  it('variables are evaluated when read, in order, and an unread variable that would fail fails nothing', () => {
    const spec = `  variables:
    - name: replicas
      expression: object.spec.replicas
    - name: limit
      expression: "variables.replicas > 5 ? 5 : 100"
    - name: broken
      expression: object.nope.deeper
  validations:
    - expression: variables.replicas <= variables.limit
      messageExpression: "'replicas ' + string(variables.replicas) + ' over ' + string(variables.limit)"
`;
    expect(admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec), binding('p', '[Deny]'), deployment('big', { replicas: 9 }), deployment('small', { replicas: 2 })) }])).toEqual([
      expect.stringMatching(/p: replicas 9 over 5$/),
    ]);
  });

  it('request and namespaceObject describe a CREATE in the object namespace; oldObject and params are null', () => {
    const spec = `  validations:
    - expression: >-
        request.operation == 'CREATE' && oldObject == null && params == null &&
        request.resource.resource == 'deployments' && request.kind.kind == 'Deployment' &&
        request.namespace == 'ml' && object.metadata.namespace == 'ml' && namespaceObject.metadata.labels.team == 'ml'
      message: unexpected request
`;
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ml\n  labels: {team: ml}\n';
    expect(admissionFindings([{ path: 'a.yaml', text: docs(policy('p', spec), binding('p', '[Deny]'), namespace, deployment('d', { namespace: 'ml' })) }])).toEqual([]);
  });

  it('an expression that does not compile offline, or reads authorizer, is a warning at it on the policy, which is then not evaluated', () => {
    const spec = `  validations:
    - expression: object.spec.replicas <=
    - expression: authorizer.group('apps').resource('deployments').check('create').allowed()
    - expression: "false"
`;
    const source = docs(policy('p', spec), binding('p', '[Deny]'), deployment('d'));
    const broken = positionOf(source, 'expression: object.spec.replicas <=');
    const authorizer = positionOf(source, 'expression: authorizer');
    const findings = admissionFindings([{ path: 'a.yaml', text: source }]);
    expect(findings).toEqual([
      expect.stringMatching(new RegExp(`^a\\.yaml warn ${broken.line}:${broken.column} p: spec\\.validations\\[0\\]\\.expression cannot be evaluated offline \\(.+\\), so the policy was not evaluated$`)),
      `a.yaml warn ${authorizer.line}:${authorizer.column} p: spec.validations[1].expression cannot be evaluated offline (it reads \`authorizer\`: offline there is no user to authorize), so the policy was not evaluated`,
    ]);
  });
});

describe('admission-policy: parameters', () => {
  it('a binding with paramRef, or of a policy with paramKind, is reported as not supported and not evaluated', () => {
    const spec = `  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  validations:
    - expression: object.spec.replicas <= params.maxReplicas
`;
    const source = docs(policy('p', spec), binding('p', '[Deny]'), deployment('big', { replicas: 10 }));
    const at = positionOf(source, 'policyName: p');
    expect(admissionFindings([{ path: 'a.yaml', text: source }])).toEqual([
      `a.yaml warn ${at.line}:${at.column} p: parameters (paramKind of ValidatingAdmissionPolicy p) are not supported yet, so binding p-binding was not evaluated`,
    ]);
  });
});

describe('admission-policy: context files', () => {
  it('a policy and binding in a context file judge the linted objects; the context file gets no findings', () => {
    const context = docs(policy('max-replicas', REPLICAS), binding('max-replicas', '[Deny]'));
    const findings = admissionFindings([
      { path: 'deploy.yaml', text: deployment('big', { replicas: 10 }) },
      { path: 'cluster/policies.yaml', text: context, reportable: false },
    ]);
    expect(findings).toEqual([expect.stringMatching(/^deploy\.yaml error \d+:\d+ max-replicas: at most 5 replicas$/)]);
  });

  it('objects of a context file are not judged', () => {
    const findings = admissionFindings([
      { path: 'policies.yaml', text: docs(policy('max-replicas', REPLICAS), binding('max-replicas', '[Deny]')) },
      { path: 'cluster/deploy.yaml', text: deployment('big', { replicas: 10 }), reportable: false },
    ]);
    expect(findings).toEqual([]);
  });
});
