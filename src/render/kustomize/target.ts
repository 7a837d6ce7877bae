import type { PatchTarget } from './kustomization.js';

/** What a patch's selector sees of a rendered object. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  /** The rendered name, then the names it had before each prefix and suffix (kustomize matches any of them). */
  names: string[];
  /** The rendered namespace, and the one its resource file wrote (a namespace transformer may have changed it since). */
  namespaces: string[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Whether a `target` selects the object: every field is an anchored regular expression, as in kustomize's SelectorRegex. */
export function targets(target: PatchTarget, object: ObjectIdentity): boolean {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/', 2) : ['', object.apiVersion];
  return (
    matches(target.group, [group ?? '']) &&
    matches(target.version, [version ?? '']) &&
    matches(target.kind, [object.kind]) &&
    matches(target.name, object.names) &&
    matches(target.namespace, object.namespaces) &&
    selects(target.labelSelector, object.labels) &&
    selects(target.annotationSelector, object.annotations)
  );
}

function matches(pattern: string | undefined, values: string[]): boolean {
  if (pattern === undefined || pattern === '') return true;
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    return false;
  }
  return values.some((value) => regex.test(value));
}

/**
 * A Kubernetes label selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`,
 * comma-separated, all of which must hold. A selector it cannot read selects nothing.
 */
export function selects(selector: string | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined || selector.trim() === '') return true;
  const requirements = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return requirements.every((raw) => {
    const requirement = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement))) {
      const set = m[3]!.split(',').map((value) => value.trim());
      const has = Object.hasOwn(labels, m[1]!) && set.includes(labels[m[1]!]!);
      return m[2] === 'in' ? has : !has;
    }
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(requirement))) {
      const equal = Object.hasOwn(labels, m[1]!) && labels[m[1]!] === m[3];
      return m[2] === '!=' ? !equal : equal;
    }
    if ((m = /^(!?)([\w./-]+)$/.exec(requirement))) return Object.hasOwn(labels, m[2]!) !== (m[1] === '!');
    return false;
  });
}
