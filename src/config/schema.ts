import { CONFIGURABLE_DIAGNOSTICS } from '../core/diagnostics.js';
import { LEVEL_WORDS } from '../core/severity.js';
import type { JsonSchema, Rule } from '../engine/rule.js';
import { PROFILE_NAMES } from '../analysis/profile.js';
import { KSERVE_KNATIVE_MODES, KSERVE_SHIPPED_DEFAULT_MODE, KSERVE_STANDARD_MODES } from '../domain/operators.js';
import { MAX_CONFIG_NUMBER } from './limits.js';
import { POLICY_SCHEMA } from '../policy/schema.js';
import { POLICY_ID_PATTERN } from '../policy/spec.js';

/** A rule's level, in any of its words (`warning` is `warn`). */
const LEVEL = { enum: Object.keys(LEVEL_WORDS) };
const DURATION = {
  type: ['number', 'string'],
  minimum: 0,
  maximum: MAX_CONFIG_NUMBER,
  pattern: '^\\s*(\\d+(\\.\\d+)?|((\\d+(\\.\\d+)?)(ms|s|m|h))+)\\s*$',
  description: 'Seconds as a number, or a duration such as "90s", "2m30s".',
};
const PROFILE_SETTINGS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    longestRequest: { ...DURATION, description: 'The longest request or stream the workload serves.' },
    preStop: { ...DURATION, description: 'The preStop sleep the profile expects (and fixes insert).' },
    margin: { ...DURATION, description: 'Minimum safety margin on top of preStop + longestRequest.' },
    marginPercent: { type: 'number', minimum: 0, maximum: 1000, description: 'Margin as a percent of preStop + longestRequest; the larger margin wins.' },
    maxConcurrentDisruption: { type: 'integer', minimum: 1, maximum: MAX_CONFIG_NUMBER, description: 'How many pods may go at once.' },
  },
};
const WORKLOAD = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string' },
    namespace: { type: 'string' },
    name: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    profile: { enum: [...PROFILE_NAMES] },
    longestRequest: DURATION,
  },
  anyOf: [{ required: ['profile'] }, { required: ['longestRequest'] }],
};

/** A key of a declared path: no dot, bracket or space. */
const PATH_KEY = '[^.\\[\\]\\s]+';
const WORKLOAD_KIND = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'templates'],
  properties: {
    apiVersion: {
      type: 'string',
      pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9]+[a-z0-9]*$',
      description: 'the custom resource\'s apiVersion, "example.com/v1": objects of its API group and kind are matched, whatever their version',
    },
    kind: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'a kind, "MultiRoleInference"' },
    templates: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'string',
        pattern: `^${PATH_KEY}(\\[\\])?(\\.${PATH_KEY}(\\[\\])?)*$`,
        description: 'a dotted path from the object root to a PodTemplateSpec (or a PodSpec), with [] after a list whose every item holds one: "spec.roles[].template"',
      },
      description: 'Where the pod templates are.',
    },
    replicas: { type: 'string', pattern: `^${PATH_KEY}(\\.${PATH_KEY})*$`, description: 'a dotted path to the replica count, with no list in it: "spec.replicas"' },
    profile: { enum: [...PROFILE_NAMES], description: 'The drain profile of every object of the kind (inferred like a Deployment\'s when unset).' },
  },
};

/** The JSON Schema of `.gpu-drain-lint.yaml`, with one entry per rule. */
export function configSchema(rules: readonly Rule[]): JsonSchema {
  const ruleEntries: Record<string, JsonSchema> = {};
  const entry = (description: string, options: JsonSchema | undefined) => ({
    description,
    oneOf: [
      LEVEL,
      {
        type: 'array',
        minItems: 1,
        maxItems: 2,
        items: [LEVEL, options ?? { type: 'object', additionalProperties: false, maxProperties: 0 }],
      },
    ],
  });
  for (const rule of rules) ruleEntries[rule.meta.id] = entry(rule.meta.description, rule.meta.optionsSchema && bounded(rule.meta.optionsSchema));
  for (const diagnostic of CONFIGURABLE_DIAGNOSTICS) ruleEntries[diagnostic.id] = entry(diagnostic.description, undefined);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/schema/config.schema.json',
    title: 'gpu-drain-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: ruleEntries,
        patternProperties: { [POLICY_ID_PATTERN]: entry('The level of a policy of `policies` or `policyFiles`.', undefined) },
      },
      policies: { type: 'array', items: POLICY_SCHEMA, description: 'Your own policies: CEL validations or a JSON Schema each checked object must satisfy (docs/policies.md).' },
      policyFiles: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Globs (relative to the config file) of policy files: each a YAML list of policies, or a mapping with `policies:`.',
      },
      profiles: {
        type: 'object',
        additionalProperties: false,
        properties: { 'gpu-inference': PROFILE_SETTINGS, 'long-lived': PROFILE_SETTINGS },
      },
      workloads: { type: 'array', items: WORKLOAD, description: 'Declare profiles for workloads matched by kind, namespace, name and labels.' },
      workloadKinds: {
        type: 'array',
        items: WORKLOAD_KIND,
        description: 'Declare where another custom resource keeps its pod templates and replica count, so its pods are judged like a Deployment\'s.',
      },
      kubernetesVersion: {
        type: 'string',
        pattern: '^v?1\\.\\d+(\\.\\d+)?$',
        description: 'The Kubernetes version manifests are applied to, quoted ("1.31"), for version-dependent checks and fixes (give the patch release where it matters: "1.35.4").',
      },
      defaultNamespace: { type: 'string', minLength: 1, description: 'The namespace of objects that name none.' },
      kserve: {
        type: 'object',
        additionalProperties: false,
        description: 'How your KServe installation is configured.',
        properties: {
          defaultDeploymentMode: {
            enum: [...KSERVE_KNATIVE_MODES, ...KSERVE_STANDARD_MODES],
            default: KSERVE_SHIPPED_DEFAULT_MODE,
            description:
              "The deployment mode of an InferenceService with no serving.kserve.io/deploymentMode annotation: your cluster's inferenceservice-config defaultDeploymentMode (KServe ships Knative/Serverless). Knative: queue-proxy owns the drain and the grace period is the component's timeout; Standard (RawDeployment): a Deployment with a 30 s grace period, judged like one.",
          },
        },
      },
      helm: {
        type: 'object',
        additionalProperties: false,
        description: 'How Helm charts (directories with a Chart.yaml) are rendered with `helm template` before they are linted.',
        properties: {
          binary: { type: 'string', minLength: 1, description: 'The helm binary (a path relative to the config file, or a name on PATH); `helm` on PATH when absent.' },
          charts: {
            type: 'array',
            description: 'Releases to render, each one scope; a chart not listed is rendered once, as release <chart name> in defaultNamespace.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path'],
              properties: {
                path: { type: 'string', minLength: 1, description: 'The chart directory, relative to the config file.' },
                release: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', description: 'The release name (the chart\'s name when absent).' },
                namespace: { type: 'string', minLength: 1, description: 'The release namespace (defaultNamespace when absent).' },
                values: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Values files (relative to the config file), applied in order after the chart\'s values.yaml.' },
              },
            },
          },
        },
      },
      kustomize: {
        type: 'object',
        additionalProperties: false,
        description: 'How Kustomize overlay roots (kustomization directories no other one uses) are built before they are linted.',
        properties: {
          binary: { type: 'string', minLength: 1, description: 'kubectl (`kubectl kustomize`) or kustomize (`kustomize build`), by name on PATH or path relative to the config file; kubectl, then kustomize, on PATH when absent.' },
        },
      },
      scopes: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Globs (relative to the config file) that split plain manifests into scopes: objects relate (PDBs, Services, HPAs, NodePools) only within their scope. Each directory a glob matches is one scope; the files a glob matches form one scope together. Every chart release and overlay root is a scope of its own.',
      },
      baseline: {
        type: 'string',
        minLength: 1,
        description: 'A baseline file (relative to the config file), written by --baseline-write: the findings it records are not reported (--baseline overrides it).',
      },
      ignorePatterns: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to the config file) of files never linted.' },
      context: {
        type: 'array',
        items: { type: 'string' },
        description: 'Globs (relative to the config file) of manifests read for cross-resource checks (PDBs, Services, HPAs) but never reported on.',
      },
      ignores: {
        type: 'array',
        description: 'Silence findings on objects you cannot annotate (third-party charts). Every entry needs a reason.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: {
            rule: { type: 'string', description: 'The rule id to silence; all rules when absent.' },
            kind: { type: 'string' },
            namespace: { type: 'string' },
            name: { type: 'string' },
            reason: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  };
}

/** The options schema with every number bounded by MAX_CONFIG_NUMBER where the rule states no maximum. */
function bounded(schema: JsonSchema): JsonSchema {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const numeric = types.includes('number') || types.includes('integer');
  const copy: JsonSchema = { ...schema, ...(numeric && schema.maximum === undefined ? { maximum: MAX_CONFIG_NUMBER } : {}) };
  if (schema.properties) copy.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([key, value]) => [key, bounded(value)]));
  if (schema.items && !Array.isArray(schema.items)) copy.items = bounded(schema.items as JsonSchema);
  return copy;
}
