import { describe, expect, it } from 'vitest';
import { templateFileIn, type HelmChart } from '../../../src/render/helm/chart-files.js';

function chart(files: Record<string, string>): HelmChart {
  return { dir: 'deploy/top', readFile: (path) => files[path] };
}

const TOP = 'apiVersion: v2\nname: top\ndependencies:\n  - name: sub\n    alias: worker\n  - name: packed\n    alias: other\n  - name: ../up\n    alias: climb\n';

describe('templateFileIn', () => {
  const files = chart({
    'deploy/top/Chart.yaml': TOP,
    'deploy/top/charts/sub/Chart.yaml': 'name: sub\ndependencies:\n  - name: leaf\n    alias: tip\n',
    'deploy/top/charts/sub/charts/leaf/Chart.yaml': 'name: leaf\n',
  });

  it("the chart's own templates and CRDs", () => {
    expect(templateFileIn(files, 'top/templates/deployment.yaml')).toBe('deploy/top/templates/deployment.yaml');
    expect(templateFileIn(files, 'top/crds/crd.yaml')).toBe('deploy/top/crds/crd.yaml');
    expect(templateFileIn(chart({}), 'top/templates/x.yaml')).toBe('deploy/top/templates/x.yaml');
  });

  it('a subchart by its directory, or by an alias of a dependency, at any depth', () => {
    expect(templateFileIn(files, 'top/charts/sub/templates/job.yaml')).toBe('deploy/top/charts/sub/templates/job.yaml');
    expect(templateFileIn(files, 'top/charts/worker/templates/job.yaml')).toBe('deploy/top/charts/sub/templates/job.yaml');
    expect(templateFileIn(files, 'top/charts/worker/charts/tip/templates/a.yaml')).toBe('deploy/top/charts/sub/charts/leaf/templates/a.yaml');
  });

  it('undefined for a subchart without a directory (a .tgz), an alias of one, an alias climbing out, or a path climbing out', () => {
    expect(templateFileIn(files, 'top/charts/gone/templates/a.yaml')).toBeUndefined();
    expect(templateFileIn(files, 'top/charts/other/templates/a.yaml')).toBeUndefined();
    expect(templateFileIn(files, 'top/charts/climb/templates/a.yaml')).toBeUndefined();
    expect(templateFileIn(files, 'top/../../etc/passwd')).toBeUndefined();
    expect(templateFileIn(files, 'top')).toBeUndefined();
  });

  it('an unreadable or odd Chart.yaml gives no alias', () => {
    for (const text of ['dependencies: [', 'dependencies: 3', '- a', '', 'dependencies:\n  - alias: worker\n']) {
      expect(templateFileIn(chart({ 'deploy/top/Chart.yaml': text, 'deploy/top/charts/sub/Chart.yaml': 'name: sub' }), 'top/charts/worker/templates/a.yaml')).toBeUndefined();
    }
  });
});
