import { LEVEL_WORDS } from '../core/severity.js';
import { POLICY_ID_PATTERN, POLICY_PROFILES, POLICY_TARGETS } from './spec.js';

const STRINGS = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };

/** The JSON Schema (draft-07) of one policy: the config's `policies[]` items and a policy file's. */
export const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'description'],
  properties: {
    id: { type: 'string', pattern: POLICY_ID_PATTERN, description: 'a namespaced id, <prefix>/<name> in lowercase letters, digits and dashes: "acme/prod-grace"' },
    level: { enum: Object.keys(LEVEL_WORDS), description: 'The default level (error when absent); config `rules` may set another.' },
    description: { type: 'string', minLength: 1, description: 'One line: what the policy requires (messages, `rules` and SARIF show it).' },
    docs: { type: 'string', minLength: 1, description: 'A URL of the policy\'s documentation.' },
    match: {
      type: 'object',
      additionalProperties: false,
      description: 'Which objects the policy checks; every key optional, all must match.',
      properties: {
        kinds: { ...STRINGS, description: 'Kinds ("Deployment"); "*" is any.' },
        apiGroups: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'API groups ("apps"; "" is the core group); "*" is any.' },
        namespaces: { ...STRINGS, description: 'Namespace globs ("prod-*"): the object\'s namespace, else config defaultNamespace.' },
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Labels the object carries, with these values.' },
        profile: { enum: [...POLICY_PROFILES], description: 'The drain profile of the workload (any when absent).' },
      },
    },
    target: { enum: [...POLICY_TARGETS], description: 'What is checked: the object (default), each pod spec, each container, or the serving container.' },
    validations: {
      type: 'array',
      minItems: 1,
      description: 'CEL validations, as in a ValidatingAdmissionPolicy: each expression must be true.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['expression'],
        properties: {
          expression: { type: 'string', minLength: 1 },
          message: { type: 'string', minLength: 1 },
          messageExpression: { type: 'string', minLength: 1 },
          fieldPath: { type: 'string', minLength: 1, description: 'Where a failure is reported, relative to the target: "spec.containers[0].image", "metadata.labels[\'team\']".' },
        },
      },
    },
    fix: {
      type: 'object',
      additionalProperties: false,
      required: ['path', 'value'],
      description: 'A safe fix applied with --fix: set the scalar at `path` (relative to the target) to `value`.',
      properties: {
        path: { type: 'string', minLength: 1, description: 'A field path relative to the target whose parent mapping is written: "terminationGracePeriodSeconds", "metadata.labels[\'team\']".' },
        value: { type: ['string', 'number', 'boolean'] },
      },
    },
    schema: { type: ['object', 'boolean'], description: 'A JSON Schema (draft 2020-12 unless its $schema names draft-07) the target must satisfy.' },
  },
} as const;
