import type { MapView } from '../../languages/shared/node.js';
import type { TemplateSite, WorkloadKind } from './kind.js';

/** A config `workloadKinds[]` entry: another CRD's pod templates and replica count. */
export interface WorkloadKindDeclaration {
  apiVersion: string;
  kind: string;
  /** Dotted paths from the object root to a PodTemplateSpec (or a PodSpec), `[]` for every item of a list: `spec.roles[].template`. */
  templates: readonly string[];
  /** Dotted path to the replica count: `spec.replicas`. */
  replicas?: string;
  profile?: 'gpu-inference' | 'long-lived' | 'none';
}

/** One step of a declared path: a key, and whether it holds a list whose every item goes on. */
interface Step {
  key: string;
  everyItem: boolean;
}

/** `spec.roles[].template` as steps; the config schema has checked its form. */
export function parseTemplatePath(path: string): Step[] {
  return path.split('.').map((segment) => (segment.endsWith('[]') ? { key: segment.slice(0, -2), everyItem: true } : { key: segment, everyItem: false }));
}

/** The kind a declaration describes: its templates where the paths lead (a map with `containers` is read as a PodSpec). */
export function declaredKind(declaration: WorkloadKindDeclaration): WorkloadKind {
  const paths = declaration.templates.map(parseTemplatePath);
  // Several templates are told apart in messages by where each is.
  const named = paths.length > 1 || paths.some((steps) => steps.some((s) => s.everyItem));
  const slash = declaration.apiVersion.indexOf('/');
  return {
    group: slash === -1 ? '' : declaration.apiVersion.slice(0, slash),
    kind: declaration.kind,
    templates: (resource) =>
      paths.flatMap((steps) =>
        viewsAt(resource.root, steps).map(
          (view): TemplateSite => ({ view, shape: view.has('containers') ? 'podSpec' : 'template', ...(named ? { role: view.path } : {}) }),
        ),
      ),
    ...(declaration.replicas ? { replicas: declaration.replicas.split('.') } : {}),
  };
}

function viewsAt(root: MapView, steps: readonly Step[]): MapView[] {
  let views = [root];
  for (const { key, everyItem } of steps) {
    views = views.flatMap((view) => (everyItem ? view.maps(key) : (view.map(key) ?? [])));
  }
  return views;
}

/**
 * The `templates` path that reaches a container found at `segments` (from the object root): its
 * PodTemplateSpec (the parent of the PodSpec's `spec`), or the PodSpec itself where it is not
 * under a template's `spec`; list indexes become `[]`. Undefined when the container is not in a
 * PodSpec's `containers` (a resource that keeps its container's fields flat) or the path has a
 * step a declaration cannot write.
 */
export function templatePathOf(segments: readonly (string | number)[]): string | undefined {
  const [index, list] = [segments[segments.length - 1], segments[segments.length - 2]];
  if (typeof index !== 'number' || (list !== 'containers' && list !== 'initContainers')) return undefined;
  const podSpec = segments.slice(0, -2);
  const site = podSpec.length >= 2 && podSpec[podSpec.length - 1] === 'spec' ? podSpec.slice(0, -1) : podSpec;
  let path = '';
  for (const [i, segment] of site.entries()) {
    if (typeof segment === 'number') {
      // A list of lists, or a list at the root, has no key to write `[]` after.
      if (i === 0 || typeof site[i - 1] === 'number') return undefined;
      path += '[]';
    } else {
      if (!/^[^.[\]\s]+$/.test(segment)) return undefined;
      path += path ? `.${segment}` : segment;
    }
  }
  return path || undefined;
}

/** A declaration as a config writes it (YAML flow style, paths quoted). */
export function declarationText(declaration: WorkloadKindDeclaration): string {
  const fields = [
    `apiVersion: ${plain(declaration.apiVersion)}`,
    `kind: ${plain(declaration.kind)}`,
    `templates: [${declaration.templates.map((t) => JSON.stringify(t)).join(', ')}]`,
    ...(declaration.replicas ? [`replicas: ${declaration.replicas}`] : []),
    ...(declaration.profile ? [`profile: ${declaration.profile}`] : []),
  ];
  return `{${fields.join(', ')}}`;
}

/** A scalar as YAML reads it back: plain when it can be, else quoted. */
function plain(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9./-]*$/.test(value) ? value : JSON.stringify(value);
}
