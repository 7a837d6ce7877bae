import { describe, expect, it } from 'vitest';
import { kustomizeOriginMap } from '../../../src/render/kustomize/origin-map.js';
import { memoryReader } from './memory-reader.js';

const COUNT = 2000;
const deployment = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: ${i}\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`;
const rendered = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    alpha.config.kubernetes.io/transformations: |\n      - configuredIn: ../o/kustomization.yaml\n        configuredBy:\n          apiVersion: builtin\n          kind: PatchStrategicMergeTransformer\n    config.kubernetes.io/origin: |\n      path: ../base/all.yaml\n  name: p-web-${i}\nspec:\n  replicas: ${i}\n  template:\n    spec:\n      containers:\n      - image: nginx\n        name: web\n      terminationGracePeriodSeconds: 60\n`;

describe('size', () => {
  it(`maps a field of each of ${COUNT} objects from one base file and one patch file of as many documents in bounded time`, () => {
    const files = {
      '/k/base/all.yaml': Array.from({ length: COUNT }, (_, i) => deployment(i)).join('---\n'),
      '/k/o/kustomization.yaml': 'namePrefix: p-\nresources: [../base]\npatchesStrategicMerge: [grace.yaml]\n',
      '/k/o/grace.yaml': Array.from({ length: COUNT }, (_, i) => `kind: Deployment\nmetadata: {name: web-${i}}\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 60\n`).join('---\n'),
    };
    const started = performance.now();
    const map = kustomizeOriginMap(Array.from({ length: COUNT }, (_, i) => rendered(i)).join('---\n'), { wrapperDir: '/k/wrap', cwd: '/k', fs: memoryReader(files) });
    const lines = map.text.split('\n');
    const origins: string[] = [];
    lines.forEach((line, index) => {
      const column = line.indexOf('terminationGracePeriodSeconds') + 1 || line.indexOf('replicas') + 1;
      if (column > 0) {
        const o = map.locate({ line: index + 1, column }, { line: index + 1, column: line.length + 1 });
        origins.push(`${o.path}:${o.line}`);
      }
    });
    const elapsed = performance.now() - started;
    expect(origins).toHaveLength(2 * COUNT);
    expect(origins.slice(-2)).toEqual([`base/all.yaml:${(COUNT - 1) * 12 + 6}`, `o/grace.yaml:${(COUNT - 1) * 7 + 6}`]);
    expect(elapsed).toBeLessThan(20_000);
  });
});
