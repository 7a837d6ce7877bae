import type { Coverage } from '../core/coverage.js';
import { plural } from '../core/plural.js';

/** `14 workloads in 53 files checked`, and `2 objects of unknown kinds not checked (MultiRoleInference, Foo)` when there are some. */
export function coverageLine({ files, workloads, uncheckedKinds }: Coverage): { what: string; unchecked?: string } {
  const what = `${plural(workloads, 'workload')} in ${plural(files, 'file')} checked`;
  const objects = uncheckedKinds.reduce((sum, u) => sum + u.count, 0);
  if (objects === 0) return { what };
  // A kind two API groups share is told apart by its group (`Service.inference.llmaz.io`).
  const shared = (kind: string) => new Set(uncheckedKinds.filter((u) => u.kind === kind).map((u) => groupOf(u.apiVersion))).size > 1;
  const kinds = [...new Set(uncheckedKinds.map((u) => (shared(u.kind) ? `${u.kind}.${groupOf(u.apiVersion)}` : u.kind)))].join(', ');
  return { what, unchecked: `${plural(objects, 'object of an unknown kind', 'objects of unknown kinds')} not checked (${kinds})` };
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

