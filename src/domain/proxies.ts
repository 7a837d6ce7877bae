/**
 * Proxies' and load balancers' defaults where a manifest sets nothing (DOMAIN.md, "Proxies and
 * load balancers").
 */

/**
 * ingress-nginx `proxy-read-timeout` / `proxy-send-timeout`: unitless seconds, default 60
 * (kubernetes.github.io/ingress-nginx, ConfigMap and annotations docs). A value that is not a
 * whole number of seconds ("1h") falls back to this default.
 */
export const INGRESS_NGINX_PROXY_TIMEOUT_SECONDS = 60;

/** AWS ALB `idle_timeout.timeout_seconds` default (AWS Load Balancer Controller annotations docs). */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

/** AWS target group `deregistration_delay.timeout_seconds` default (ELB target group attributes). */
export const AWS_DEREGISTRATION_DELAY_SECONDS = 300;

/** GKE BackendConfig `spec.timeoutSec` default (cloud.google.com, "Ingress configuration"). */
export const GKE_BACKEND_TIMEOUT_SECONDS = 30;

/** An ingress-nginx proxy timeout this long marks a WebSocket / long-stream backend (RULES.md, profiles). */
export const LONG_LIVED_PROXY_TIMEOUT_SECONDS = 300;
