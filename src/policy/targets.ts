import type { Span } from '../core/source.js';
import type { MapView } from '../languages/shared/node.js';
import type { KubeObject } from '../model/objects.js';
import type { PodTemplate, Workload } from '../model/workload.js';
import type { Container } from '../model/pod.js';
import { servingContainer } from '../analysis/profile.js';
import type { DrainSubject } from '../analysis/subjects.js';
import type { PolicyTarget } from './spec.js';

/** One thing a policy checks: the mapping it reads, where a finding about it points, and its drain subject. */
export interface PolicyTargetSite {
  view: MapView;
  anchor: Span;
  /** The pod template it belongs to (undefined for the object target). */
  template?: PodTemplate;
  container?: Container;
  /** The drain subject of its pod template (of the workload's first one for the object target); undefined: profile `none`. */
  subject?: DrainSubject;
}

/**
 * The sites of a target in an object: the object; each pod template's spec; each (app)
 * container of each pod spec, init containers excepted; each serving container. Only what is
 * written in the object itself: a container its operator supplies from another object is that object's.
 */
export function targetSites(target: PolicyTarget, object: KubeObject, workload: Workload | undefined, subjectOf: (template: PodTemplate) => DrainSubject | undefined): PolicyTargetSite[] {
  if (target === 'object') {
    const subject = workload?.templates.map(subjectOf).find((s) => s !== undefined);
    return [{ view: object.root, anchor: object.anchor, ...(subject ? { subject } : {}) }];
  }
  const own = (view: MapView) => view.document === object.root.document;
  return (workload?.templates ?? []).flatMap((template): PolicyTargetSite[] => {
    const subject = subjectOf(template);
    const base = { template, ...(subject ? { subject } : {}) };
    if (target === 'podSpec') return own(template.spec.view) ? [{ ...base, view: template.spec.view, anchor: template.anchor }] : [];
    const containers = target === 'container' ? template.spec.containers : [servingContainer(template)].filter((c): c is Container => c !== undefined);
    return containers.filter((c) => own(c.view)).map((container) => ({ ...base, container, view: container.view, anchor: container.anchor }));
  });
}
