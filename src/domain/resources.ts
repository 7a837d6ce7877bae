/**
 * The REST resource (lowercase plural) a kind is served as, which admission rules name:
 * kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/meta/restmapper.go
 * `UnsafeGuessKindToResource` (lowercase the kind; a trailing `s` takes `es`, a trailing `y`
 * becomes `ies`, anything else takes `s`), with the built-in kinds that guess would name wrongly.
 * A custom resource's plural is its CRD's `spec.names.plural`, which the guess matches for the
 * usual names.
 */
const IRREGULAR_RESOURCES: Readonly<Record<string, string>> = {
  Endpoints: 'endpoints',
};

export function resourceOfKind(kind: string): string {
  const irregular = IRREGULAR_RESOURCES[kind];
  if (irregular) return irregular;
  const singular = kind.toLowerCase();
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

/**
 * Built-in kinds that are cluster-scoped (`<group>/<kind>`, '' for the core group): in no
 * namespace, whatever `metadata.namespace` says. Source: `kubectl api-resources --namespaced=false`
 * on Kubernetes 1.30 (kubernetes.io/docs/reference/kubernetes-api, each kind's "Namespaced" flag).
 */
export const CLUSTER_SCOPED_BUILTIN_KINDS: ReadonlySet<string> = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'scheduling.k8s.io/PriorityClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/VolumeAttachment',
]);

/**
 * Kinds no admission policy or webhook is ever called for, so that a bad one cannot lock the
 * cluster out of fixing it: kubernetes/kubernetes
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/predicates/rules/rules.go
 * `IsExemptAdmissionConfigurationResource` (the admission-policy dispatcher calls it too).
 */
export const ADMISSION_EXEMPT_KINDS: ReadonlySet<string> = new Set([
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
]);
