/**
 * The rule kit: everything a rule in rules/ may use, and nothing else (test/project/layers.test.ts
 * holds rules to it). A rule reads the run through its context (`drainSubjects`, `index`),
 * judges with the model and analysis helpers below, and reports by message id with a fix built
 * by `context.editor(object)`. See docs/architecture.md, "Adding a rule".
 */

// The rule API: defineRule, messages, typed options, the context.
export { defineRule, type OptionsOf, type Rule, type RuleContext } from '../engine/rule.js';

// Facts (Kubernetes defaults, engines, clouds, proxies), each stated once with its source.
export * from '../domain/index.js';

// Positions, values as read, fixes; counted nouns.
export { plural } from '../core/plural.js';
export { type Span } from '../core/source.js';
export { type FixOutcome, type Unfixable } from '../core/fix.js';
export { isField, spanOf, type Field, type MapView } from '../languages/shared/node.js';
export { combine, type Change, type Json, type ManifestEditor } from '../languages/shared/editor.js';

// The typed model of objects, pods and cluster config.
export { markerFiles } from '../model/drain-marker.js';
export { engineInvocation, flagSeconds, hubRepository, repositoryName, type EngineInvocation, type FlagValue } from '../model/engine-flags.js';
export { type Ingress, type Service } from '../model/network.js';
export { consolidatesUnderutilized, poolGpus, type Budget, type NodePool, type NodeRequirement } from '../model/nodepool.js';
export { describeObject, linksUnknown, type KubeObject } from '../model/objects.js';
export { scaleOwner } from '../model/workload-ref.js';
export { poolDomain, tolerates, type PodPlacement } from '../model/placement.js';
export { effectiveGrace, gpuResource, isSupplied, listAt, suppliedUnfixable, type BorrowedField, type Container, type MergedFrom, type Probe } from '../model/pod.js';
export { execTiming } from '../model/prestop.js';
export { readServeDeployments } from '../model/ray-serve.js';
export { type PodDisruptionBudget } from '../model/policy.js';
export { describeFloor, type Scaler, type ScalerFloor } from '../model/scalers.js';
export { describeSelector, selectorHasPlaceholder } from '../model/selector.js';
export { failureWindow, resolvedPort, sameCheck, testedMarkers } from '../model/probes.js';
export { BACKEND_CONFIG_ANNOTATIONS, awsAttributes, backendConfigName, ingressController, wholeSeconds, type BackendConfig } from '../model/proxies.js';
export { describeAmount, readRollout, rolloutUnavailable, scaled, statefulSetMaxUnavailableGate, statefulSetMaxUnavailableReleases, type RolloutStrategy } from '../model/rollout.js';
export { parseScript, scriptOf, shellSyntaxError, type WordRange } from '../model/shell.js';
export { durationText, formatSeconds, parseDuration, secondsValue } from '../model/units.js';
export { templateReplicas, type Workload } from '../model/workload.js';

// Cross-resource analysis: subjects, profiles, relations, disruption arithmetic.
export { servesClients } from '../analysis/client-traffic.js';
export { blockedBecause, coveredWorkloads, largestScale, largestSelectedScale, locationOf, type ExpectedPods } from '../analysis/disruption.js';
export { DRAIN_AWARE_PATHS_OPTION, READINESS_DURING_DRAIN, readinessDrainAware } from '../analysis/drain-awareness.js';
export { pdbCoverage } from '../analysis/pdb-coverage.js';
export { suggestedPdb, suggestedPdbDocument } from '../analysis/pdb-suggestion.js';
export { flipSeconds, livenessStartWindow, timingKnown } from '../analysis/probe-timing.js';
export { LONGEST_REQUEST_ANNOTATION, describeBudget, type DrainProfile } from '../analysis/profile.js';
export { minimumReplicas } from '../analysis/replicas.js';
export { aiGatewayRuleTargets, envoyGatewayClassOf, gcpBackendPolicyTarget, trafficPolicyTimeouts, virtualServiceTargets, type Backend, type PolicyReach, type TrafficPolicyTimeouts } from '../analysis/gateway-routing.js';
export { type AIGatewayRoute, type BackendTrafficPolicy, type GCPBackendPolicy, type Timeout, type VirtualService } from '../model/gateways.js';
export { ingressTargets, routeRuleTargets, subjectsBehind, subjectsByWorkload, type RouteTarget } from '../analysis/routing.js';
export { graceBudgetExplanation, longestRequestSubject, preStopAssumption, preStopDurationNote, type DrainSubject } from '../analysis/subjects.js';
export { namespacesWithUnseenPods } from '../analysis/unseen-pods.js';
export { pdbsSelectingNothing, pdbsSelectingNothingNear } from '../analysis/pdbs-selecting-nothing.js';
export { controllerLabelsMayMatch } from '../analysis/controller-labels.js';

// Fixes shared by several rules.
export { DRAIN_MARKER, FAST_READINESS, markerAwareReadiness, markerPreStop, versionAtLeast } from './drain-fixes.js';

// What operators decide for the pods of a custom resource.
export { drainOwnedBy, inexpressible, raisedRequestTimeout } from './operator-limits.js';
export { heldBy, type FieldHolder } from './merged-fields.js';
