import { isScalar, type Document } from 'yaml';
import { nodeAt } from './walk.js';
import type { WrittenYaml } from './written-yaml.js';

interface DocumentIndex {
  byKind: Map<string, Document.Parsed[]>;
  /** The first document of each kind and name. */
  byKindAndName: Map<string, Document.Parsed>;
}

const indexes = new WeakMap<WrittenYaml, DocumentIndex>();

/** The documents of a file of one kind, found without a scan per object (a base file may hold thousands). */
export function documentsOfKind(yaml: WrittenYaml, kind: string): Document.Parsed[] {
  return indexOf(yaml).byKind.get(kind) ?? [];
}

export function documentNamed(yaml: WrittenYaml, kind: string, name: string): Document.Parsed | undefined {
  return indexOf(yaml).byKindAndName.get(`${kind}\u0000${name}`);
}

function indexOf(yaml: WrittenYaml): DocumentIndex {
  let index = indexes.get(yaml);
  if (!index) {
    index = { byKind: new Map(), byKindAndName: new Map() };
    for (const document of yaml.documents) {
      const kind = text(document, ['kind']);
      if (kind === undefined) continue;
      const ofKind = index.byKind.get(kind);
      if (ofKind) ofKind.push(document);
      else index.byKind.set(kind, [document]);
      const name = text(document, ['metadata', 'name']);
      const key = `${kind}\u0000${name ?? ''}`;
      if (name !== undefined && !index.byKindAndName.has(key)) index.byKindAndName.set(key, document);
    }
    indexes.set(yaml, index);
  }
  return index;
}

function text(document: Document.Parsed, path: string[]): string | undefined {
  const node = nodeAt(document.contents, path);
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}
