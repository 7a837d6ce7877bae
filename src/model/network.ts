import type { Span } from '../core/source.js';
import { isField, type Field, type MapView } from '../languages/shared/node.js';
import type { KubeObject } from './objects.js';

export interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  /** Equality selector; undefined or empty selects no pods (Endpoints are managed by hand). */
  selector: Map<string, string>;
  ports: ServicePort[];
  /** `type` and `loadBalancerClass` (read by buildModel). */
  loadBalancer?: ServiceLoadBalancer;
  /** `clusterIP: None`: no virtual IP; DNS answers with the pods' addresses. */
  headless: boolean;
  /** `publishNotReadyAddresses`, when written: endpoints count every selected pod as ready. */
  publishNotReadyAddresses?: Field<boolean>;
}

export interface ServiceLoadBalancer {
  type?: string;
  loadBalancerClass?: string;
}


export interface IngressBackend {
  serviceName: string;
  servicePort?: number | string;
  span: Span;
}

export interface Ingress extends KubeObject {
  className?: string;
  backends: IngressBackend[];
}

export function readService(object: KubeObject): Service | undefined {
  if (object.kind !== 'Service' || object.apiVersion !== 'v1') return undefined;
  const spec = object.root.map('spec');
  const selector = new Map([...(spec?.stringMap('selector') ?? [])].map(([k, v]) => [k, v.value]));
  const ports = (spec?.maps('ports') ?? []).map((port): ServicePort => {
    const name = port.string('name');
    const number = port.int('port', { min: 1, max: 65535 });
    const target = port.intOrString('targetPort');
    const appProtocol = port.string('appProtocol');
    return {
      ...(isField(name) ? { name: name.value } : {}),
      ...(isField(number) ? { port: number.value } : {}),
      ...(isField(target) ? { targetPort: target.value } : {}),
      ...(isField(appProtocol) ? { appProtocol: appProtocol.value } : {}),
    };
  });
  const clusterIP = spec?.string('clusterIP');
  const publishNotReady = spec?.boolean('publishNotReadyAddresses');
  return {
    ...object,
    selector,
    ports,
    headless: isField(clusterIP) && clusterIP.value === 'None',
    ...(isField(publishNotReady) ? { publishNotReadyAddresses: publishNotReady } : {}),
  };
}

export function readIngress(object: KubeObject): Ingress | undefined {
  if (object.kind !== 'Ingress') return undefined;
  const spec = object.root.map('spec');
  if (!spec) return { ...object, backends: [] };
  const className = spec.string('ingressClassName');
  const backends: IngressBackend[] = [];
  const addBackend = (backend: MapView | undefined) => {
    if (!backend) return;
    const service = backend.map('service');
    if (service) {
      // networking.k8s.io/v1
      const name = service.string('name');
      const port = service.map('port');
      const number = port?.int('number');
      const portName = port?.string('name');
      if (isField(name)) {
        const servicePort = isField(number) ? number.value : isField(portName) ? portName.value : undefined;
        backends.push({ serviceName: name.value, ...(servicePort !== undefined ? { servicePort } : {}), span: name.fieldSpan });
      }
      return;
    }
    // extensions/v1beta1 and networking.k8s.io/v1beta1
    const name = backend.string('serviceName');
    const port = backend.intOrString('servicePort');
    if (isField(name)) {
      backends.push({ serviceName: name.value, ...(isField(port) ? { servicePort: port.value } : {}), span: name.fieldSpan });
    }
  };
  addBackend(spec.map('defaultBackend') ?? spec.map('backend'));
  for (const rule of spec.maps('rules')) {
    for (const path of rule.map('http')?.maps('paths') ?? []) addBackend(path.map('backend'));
  }
  return { ...object, ...(isField(className) ? { className: className.value } : {}), backends };
}

export function readServiceLoadBalancer(service: Service): ServiceLoadBalancer {
  const spec = service.root.map('spec');
  const type = spec?.string('type');
  const loadBalancerClass = spec?.string('loadBalancerClass');
  return { ...(isField(type) ? { type: type.value } : {}), ...(isField(loadBalancerClass) ? { loadBalancerClass: loadBalancerClass.value } : {}) };
}
