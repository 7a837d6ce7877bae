import { isMap, isScalar, isSeq, type TreeMap, type TreeNode, type TreePair } from './tree.js';

/**
 * Keys that name a list item, in order of preference: containers, env entries and named ports by
 * `name`, unnamed ports by their number. An item with none of them is keyed by its index.
 */
const ITEM_KEYS = ['name', 'containerPort', 'port'] as const;

/**
 * The key path, from `root`, of the deepest node that holds `offset`: mapping keys joined by dots,
 * a list item by its name (`containers[vllm]`) or, when it has none, its index (`[#2]`). A list of
 * scalars (`args`, `command`) ends the path, so inserting an argument does not re-key a finding on
 * a later one. The path says where in an object a finding is, whatever line it is on.
 */
export function keyPathAt(root: TreeMap, offset: number): string {
  let path = '';
  let node: TreeNode | null | undefined = root;
  while (node) {
    if (isMap(node)) {
      // A key and its value need not be side by side: a TypeScript value may be a `const` declared elsewhere.
      const pair: TreePair | undefined = node.items.find((item) => holds(item.key, offset) || holds(item.value, offset));
      if (!pair) break;
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      path = path ? `${path}.${key}` : key;
      node = holds(pair.value, offset) ? pair.value : undefined;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => holds(item, offset));
      const item = node.items[index];
      if (!isMap(item)) break;
      path += `[${itemKey(item) ?? `#${index}`}]`;
      node = item;
    } else {
      break;
    }
  }
  return path;
}

function itemKey(item: TreeMap): string | undefined {
  for (const key of ITEM_KEYS) {
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (isScalar(pair?.value) && (typeof pair.value.value === 'string' || typeof pair.value.value === 'number')) return String(pair.value.value);
  }
  return undefined;
}

function holds(node: TreeNode | null | undefined, offset: number): boolean {
  const range = node?.range;
  return range !== undefined && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}
