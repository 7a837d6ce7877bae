import { apiGroup } from '../model/kinds/index.js';
import { namespaceOf, type KubeObject } from '../model/objects.js';
import type { PolicySpec } from './spec.js';

/** Whether a policy's `match` admits an object by kind, API group, namespace and labels (the profile is matched per target). */
export function matchesObject(match: PolicySpec['match'], object: KubeObject, defaultNamespace: string): boolean {
  if (!match) return true;
  if (match.kinds && !match.kinds.some((kind) => kind === '*' || kind === object.kind)) return false;
  if (match.apiGroups && !match.apiGroups.some((group) => group === '*' || group === apiGroup(object.apiVersion))) return false;
  if (match.namespaces) {
    const namespace = namespaceOf(object, defaultNamespace);
    if (!match.namespaces.some((pattern) => wildcard(pattern).test(namespace))) return false;
  }
  for (const [key, value] of Object.entries(match.labels ?? {})) {
    if (object.labels.get(key)?.value !== value) return false;
  }
  return true;
}

/** Whether a target's drain profile (`none` for an unprofiled one) is the one `match.profile` asks for. */
export function matchesProfile(match: PolicySpec['match'], profile: string): boolean {
  const wanted = match?.profile ?? 'any';
  return wanted === 'any' || wanted === profile;
}

const compiled = new Map<string, RegExp>();

function wildcard(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${wildcardSource(pattern)}$`);
    compiled.set(pattern, regex);
  }
  return regex;
}

/** A namespace glob as a regular expression's source (JavaScript and RE2 alike): `*` is any run of characters, `?` one; everything else is itself. */
export function wildcardSource(pattern: string): string {
  return pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
}
