import { isField, type Read } from '../languages/shared/node.js';
import type { KubeObject } from '../model/objects.js';
import type { ObjectIndex } from './object-index.js';

/** A copy's `spec.replicas` when written: its value, or `invalid`. */
type Written = number | 'invalid';

/**
 * The `spec.replicas` that the copies of one object (a kustomize base and its patches, the same
 * app in several folders) write, each copy read once. A copy is read only once another one
 * asks, as a direct comparison would: reading a value may report it (an unknown one).
 */
class GroupReplicas {
  /** Copies read, by value written. */
  private readonly counts = new Map<Written, number>();
  /** The values written by the copies read, by the node they are written in. */
  private readonly byNode = new Map<unknown, Written[]>();
  /** The node whose copies are not read yet: the first asker's (then `null`: every copy is read). */
  private unreadNode: unknown;
  private started = false;

  constructor(private readonly copies: readonly KubeObject[]) {}

  /** Whether a copy other than `object` writes `spec.replicas` other than `replicas` (an unreadable value included). */
  othersDiffer(object: KubeObject, replicas: number): boolean {
    const node = object.root.node;
    this.readAllBut(node);
    const own = this.byNode.get(node) ?? [];
    for (const [written, count] of this.counts) {
      if (written !== replicas && count > own.filter((w) => w === written).length) return true;
    }
    return false;
  }

  private readAllBut(node: unknown): void {
    if (!this.started) {
      this.started = true;
      this.unreadNode = node;
      for (const copy of this.copies) if (copy.root.node !== node) this.read(copy);
    } else if (this.unreadNode !== null && this.unreadNode !== node) {
      for (const copy of this.copies) if (copy.root.node === this.unreadNode) this.read(copy);
      this.unreadNode = null;
    }
  }

  private read(copy: KubeObject): void {
    const read: Read<number> = copy.root.map('spec')?.int('replicas');
    if (read === undefined) return;
    const written: Written = isField(read) ? read.value : 'invalid';
    this.counts.set(written, (this.counts.get(written) ?? 0) + 1);
    const list = this.byNode.get(copy.root.node);
    if (list) list.push(written);
    else this.byNode.set(copy.root.node, [written]);
  }
}

const groups = new WeakMap<readonly KubeObject[], GroupReplicas>();

/**
 * Whether another copy of this object in the run (same kind, namespace and name) writes a
 * different `spec.replicas`: which one applies is decided at build time. Linear in the copies
 * over all the questions asked of one group.
 */
export function overlaysDisagreeOnReplicas(object: KubeObject, replicas: number, index: ObjectIndex): boolean {
  const copies = index.sameIdentityGroup(object);
  let group = groups.get(copies);
  if (!group) groups.set(copies, (group = new GroupReplicas(copies)));
  return group.othersDiffer(object, replicas);
}
