/**
 * Proxies' and load balancers' defaults where a manifest sets nothing (DOMAIN.md, "Proxies and
 * load balancers").
 */

/**
 * ingress-nginx `proxy-read-timeout` / `proxy-send-timeout`: unitless seconds, default 60
 * (kubernetes.github.io/ingress-nginx, ConfigMap and annotations docs). A value that is not a
 * whole number of seconds ("1h") falls back to this default. They set nginx's
 * `proxy_read_timeout`, the longest wait between two reads from the upstream (not the whole
 * response: a non-streamed response must arrive within it, a stream must not fall silent that
 * long), and `proxy_send_timeout`, between two writes of the request to the upstream. Source:
 * nginx.org/en/docs/http/ngx_http_proxy_module.html, `proxy_read_timeout` and `proxy_send_timeout`
 * (each is "set only between two successive" read or write operations, "not for the transmission
 * of the whole" response or request).
 */
export const INGRESS_NGINX_PROXY_TIMEOUT_SECONDS = 60;

/** AWS ALB `idle_timeout.timeout_seconds` default (AWS Load Balancer Controller annotations docs). */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

/**
 * AWS target group `deregistration_delay.timeout_seconds` default (ELB target group attributes).
 * A longer delay is harmless: deregistration ends early once the target has no request in flight
 * (Elastic Load Balancing, "Deregistration delay").
 */
export const AWS_DEREGISTRATION_DELAY_SECONDS = 300;

/**
 * A GKE load balancer's backend service timeout when nothing sets it: BackendConfig `spec.timeoutSec`
 * (cloud.google.com, "Ingress configuration") and GCPBackendPolicy `spec.default.timeoutSec` (below) both default to 30 s.
 */
export const GKE_BACKEND_TIMEOUT_SECONDS = 30;

/** An ingress-nginx proxy timeout this long marks a WebSocket / long-stream backend (RULES.md, profiles). */
export const LONG_LIVED_PROXY_TIMEOUT_SECONDS = 300;

/**
 * Service port `appProtocol` values for WebSockets (plain and TLS). Source: kubernetes.io/docs,
 * "Service: Application protocol" (`kubernetes.io/ws`, `kubernetes.io/wss`).
 */
export const WEBSOCKET_APP_PROTOCOLS: readonly string[] = ['kubernetes.io/ws', 'kubernetes.io/wss'];

/** NGINX Inc's annotation listing the Services that serve WebSockets (docs.nginx.com, "Advanced configuration with Annotations"). */
export const NGINX_INC_WEBSOCKET_SERVICES_ANNOTATION = 'nginx.org/websocket-services';

/** The legacy annotation naming an Ingress's class, before `spec.ingressClassName` (kubernetes.io/docs, "Ingress: Deprecated annotation"). */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * IngressClass `spec.controller` values of the controllers whose timeouts the rules read:
 * ingress-nginx (kubernetes.github.io/ingress-nginx), NGINX Inc's controller
 * (docs.nginx.com/nginx-ingress-controller) and the AWS Load Balancer Controller (IngressClass docs).
 */
export const INGRESS_CONTROLLER_NAMES = {
  ingressNginx: 'k8s.io/ingress-nginx',
  nginxInc: 'nginx.org/ingress-controller',
  alb: 'ingress.k8s.aws/alb',
} as const;

/**
 * ingress-nginx's proxy timeout annotations (kubernetes.github.io/ingress-nginx, "Annotations":
 * Custom timeouts): unitless whole seconds. Only `read` bounds how long a response may take (see
 * INGRESS_NGINX_PROXY_TIMEOUT_SECONDS); both mark a long-lived backend when set high.
 */
export const INGRESS_NGINX_TIMEOUT_ANNOTATIONS = {
  read: 'nginx.ingress.kubernetes.io/proxy-read-timeout',
  send: 'nginx.ingress.kubernetes.io/proxy-send-timeout',
} as const;

/** NGINX Inc's NGINX Ingress Controller timeout annotations (docs.nginx.com, "Advanced configuration with Annotations"): durations. */
export const NGINX_INC_TIMEOUT_ANNOTATIONS = {
  read: 'nginx.org/proxy-read-timeout',
  send: 'nginx.org/proxy-send-timeout',
} as const;

/**
 * AWS Load Balancer Controller annotations (kubernetes-sigs.github.io/aws-load-balancer-controller,
 * "Ingress annotations" and "Service annotations"): `key=value,…` attribute lists.
 */
export const ALB_LOAD_BALANCER_ATTRIBUTES_ANNOTATION = 'alb.ingress.kubernetes.io/load-balancer-attributes';
export const ALB_TARGET_GROUP_ATTRIBUTES_ANNOTATION = 'alb.ingress.kubernetes.io/target-group-attributes';
export const NLB_TARGET_GROUP_ATTRIBUTES_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes';
/** A Service's load balancer type (`nlb` in-tree, `external` / `nlb-ip` for the controller). */
export const AWS_LOAD_BALANCER_TYPE_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-type';
/**
 * `aws-load-balancer-type` values that make the AWS Load Balancer Controller provision an NLB:
 * `external` (with `aws-load-balancer-nlb-target-type`) and the older `nlb-ip`. The value `nlb`
 * belongs to the legacy in-tree provider of the cloud controller manager, which the controller
 * leaves alone and which does not read the controller's target-group attributes. Source:
 * kubernetes-sigs/aws-load-balancer-controller docs, guide/service/nlb.md ("Configuration": the
 * in-tree controller ignores Services whose type is `external`) and guide/service/annotations.md
 * ("These annotations are specific to the kubernetes service resources reconciled by the AWS Load
 * Balancer Controller"; "lb-type").
 */
export const AWS_LBC_NLB_TYPES: readonly string[] = ['external', 'nlb-ip'];
/** The `spec.loadBalancerClass` of the AWS Load Balancer Controller's NLBs. */
export const AWS_NLB_LOAD_BALANCER_CLASS = 'service.k8s.aws/nlb';

/** The ALB attribute that sets the idle timeout (ELB, "Application Load Balancer attributes"). */
export const ALB_IDLE_TIMEOUT_ATTRIBUTE = 'idle_timeout.timeout_seconds';
/** The target group attribute that sets the deregistration delay (ELB, "Target group attributes"). */
export const DEREGISTRATION_DELAY_ATTRIBUTE = 'deregistration_delay.timeout_seconds';

/**
 * GKE Gateway's GCPBackendPolicy (`networking.gke.io/v1`): `spec.default.timeoutSec` defaults to
 * 30 s ("If the field is omitted, a default value (30s) will be used") and
 * `spec.default.connectionDraining.drainingTimeoutSec` to 0, which disables connection draining.
 * `spec.targetRef` names a Service or an InferencePool. (The timeout default is GKE_BACKEND_TIMEOUT_SECONDS.) Source: GoogleCloudPlatform/gke-gateway-api@44aa2e60ed04
 * apis/networking/v1/gcpbackendpolicy_types.go:53-71 (targetRef, timeoutSec), :98-109 (drainingTimeoutSec);
 * CRDS.md §16 (@067db6f1d778). An InferencePool target: kubernetes-sigs/gateway-api-inference-extension@f2a9b3489604
 * config/manifests/gateway/gke/gcp-backend-policy.yaml.
 */
export const GCP_BACKEND_POLICY = { group: 'networking.gke.io', kind: 'GCPBackendPolicy' } as const;
export const GCP_BACKEND_POLICY_DRAINING_SECONDS = 0;

/**
 * Envoy Gateway's BackendTrafficPolicy (`gateway.envoyproxy.io/v1alpha1`): `spec.timeout.http.requestTimeout`,
 * "the time until which entire response is received from the upstream", for the Gateway, HTTPRoute or
 * GRPCRoute its `targetRef` / `targetRefs` name in its own namespace (envoyproxy/gateway@d32f28294245
 * api/v1alpha1/timeout_types.go:44-47, backendtrafficpolicy_types.go:41-45, policy_helpers.go:28-41).
 * The route rule's own Gateway API `timeouts` win over it (internal/xds/translator/route.go:442-456:
 * "gateway-api timeout takes precedence"). Between policies the most specific target wins: a route
 * rule (`sectionName`), the route, a Gateway listener (`sectionName`), the Gateway; a route policy with
 * `mergeType` is merged into its Gateway's instead (site/content/en/latest/concepts/gateway_api_extensions/
 * backend-traffic-policy.md, "Precedence").
 */
export const BACKEND_TRAFFIC_POLICY = { group: 'gateway.envoyproxy.io', kind: 'BackendTrafficPolicy' } as const;

/**
 * Envoy Gateway's `Backend` (`gateway.envoyproxy.io/v1alpha1`): `spec.endpoints[].fqdn.hostname`
 * (envoyproxy/gateway@d32f28294245 api/v1alpha1/backend_types.go:65-120).
 */
export const ENVOY_BACKEND = { group: 'gateway.envoyproxy.io', kind: 'Backend' } as const;

/**
 * Envoy AI Gateway's AIGatewayRoute (`aigateway.envoyproxy.io`, v1beta1 stored, v1alpha1 deprecated
 * but served): `spec.rules[].timeouts` is a Gateway API HTTPRouteTimeouts; "If this field is not set,
 * or the timeout.requestTimeout is nil, Envoy AI Gateway defaults to set 60s for the request timeout".
 * `rules[].backendRefs[]` name an AIServiceBackend (no group or kind) or one InferencePool
 * (`group: inference.networking.k8s.io`). An AIServiceBackend's `spec.backendRef` is an Envoy Gateway
 * Backend (v1beta1 requires it; earlier releases also took a Service). Source:
 * envoyproxy/ai-gateway@c217da8a5395 api/v1beta1/ai_gateway_route.go:223-266, 311-323,
 * ai_gateway_route_helper.go:14-58, ai_service_backend.go:58-67.
 */
export const AI_GATEWAY_GROUP = 'aigateway.envoyproxy.io';
export const AI_GATEWAY_REQUEST_TIMEOUT_SECONDS = 60;

/**
 * Istio's VirtualService (`networking.istio.io` v1, v1beta1, v1alpha3): `spec.http[].timeout`,
 * "Timeout for HTTP requests, default is disabled"; `route[].destination.host` is a short name
 * interpreted in the VirtualService's namespace or a fully qualified `<service>.<namespace>.svc.cluster.local`.
 * Source: istio/api@b8f8791d9653 networking/v1alpha3/virtual_service.proto:163-170, 444-445.
 */
export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';
/** The Kubernetes cluster domain a fully qualified Service host ends with (kubernetes.io/docs, "DNS for Services and Pods"). */
export const CLUSTER_SERVICE_DOMAIN = 'svc.cluster.local';
/** Gateway API's group: a policy or parent reference without a group names one of its kinds (gateway-api apis/v1 shared_types.go `ParentReference`). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * Envoy Gateway: a route rule without a request timeout (no Gateway API `timeouts`, no
 * BackendTrafficPolicy `requestTimeout`) gets none from the translator, so Envoy's route default
 * applies: "The default request timeout is set to 15 seconds in Envoy Proxy". Its GatewayClasses
 * name the controller `gateway.envoyproxy.io/gatewayclass-controller` (the default; an
 * EnvoyGateway config may rename it). Sources: envoyproxy/gateway@d32f28294245
 * internal/xds/translator/route.go:118-123, 442-456; site/content/en/latest/tasks/traffic/http-timeouts.md:5;
 * api/v1alpha1/envoygateway_types.go:19.
 */
export const ENVOY_ROUTE_TIMEOUT_SECONDS = 15;
export const ENVOY_GATEWAY_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';
