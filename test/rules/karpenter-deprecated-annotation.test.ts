import rule from '../../rules/karpenter-deprecated-annotation.js';
import { runRuleTests } from '../support/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'no annotations at all', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n' },
    {
      name: 'the old key on a kind Karpenter never reads it from is still reported (see invalid); a ConfigMap key with that name is data, not an annotation',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  karpenter.sh/do-not-evict: "true"\n',
    },
  ],
  invalid: [
    {
      name: 'on the Deployment’s own metadata: renamed there (any object is reported)',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  annotations:\n    karpenter.sh/do-not-evict: "true"\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api, image: nginx}]\n',
      errors: [{ line: 6, column: 5, messageId: 'rename', data: { what: 'Deployment api', value: '"true"' } }],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  annotations:\n    karpenter.sh/do-not-disrupt: "true"\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api, image: nginx}]\n',
    },
    {
      name: 'a quoted key keeps its quotes; a "false" value is kept as written',
      code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    'karpenter.sh/do-not-evict': \"false\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
      errors: [{ line: 6, column: 5, messageId: 'rename', data: { what: 'Pod p', value: '"false"' } }],
      output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    'karpenter.sh/do-not-disrupt': \"false\"\nspec:\n  containers: [{name: c, image: nginx}]\n",
    },
    {
      name: 'a CronJob’s pod template (spec.jobTemplate.spec.template)',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations: {karpenter.sh/do-not-evict: "true"}\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n',
      errors: [{ line: 10, column: 25, messageId: 'rename', data: { what: 'The pod template of CronJob nightly' } }],
      output:
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations: {karpenter.sh/do-not-disrupt: "true"}\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n',
    },
    {
      name: 'annotations shared through a YAML anchor are not renamed (the alias would change too)',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: a\n      annotations: &keep\n        karpenter.sh/do-not-evict: "true"\n    spec: {containers: [{name: c, image: nginx}]}\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: b\n      annotations: *keep\n    spec: {containers: [{name: c, image: nginx}]}\n',
      errors: [
        { line: 9, column: 9, messageId: 'rename', data: { what: 'Pod a' } },
        { line: 9, column: 9, messageId: 'rename', data: { what: 'Pod b' }, unfixable: /\(not fixed: metadata\.annotations\.karpenter\.sh\/do-not-evict comes through a YAML alias/ },
      ],
      output: null,
    },
  ],
});
