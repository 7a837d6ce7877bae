/** Which chart a file belongs to, and what its Chart.yaml says. */
import { describe, expect, it } from 'vitest';
import { chartAt, chartDirOf } from '../../src/render/chart.js';
import { tempDir } from '../support/temp.js';

describe('chartDirOf', () => {
  const cwd = tempDir({
    'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
    'charts/app/templates/deployment.yaml': 'kind: Deployment\n',
    'charts/app/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 0.1.0\n',
    'charts/app/charts/db/templates/statefulset.yaml': 'kind: StatefulSet\n',
    'charts/app/ci/values.yaml': 'a: 1\n',
    'deploy/app.yaml': 'kind: Deployment\n',
    'lib/Chart.yaml': 'apiVersion: v2\nname: common\ntype: library\nversion: 1.0.0\n',
  });

  it('is the nearest directory with a Chart.yaml, for a template or any other file of the chart', () => {
    expect(chartDirOf('charts/app/templates/deployment.yaml', cwd)).toBe('charts/app');
    expect(chartDirOf('charts/app/ci/values.yaml', cwd)).toBe('charts/app');
    expect(chartDirOf('charts/app', cwd)).toBe('charts/app');
  });

  it('a subchart vendored under charts/ is rendered with the chart that vendors it', () => {
    expect(chartDirOf('charts/app/charts/db/templates/statefulset.yaml', cwd)).toBe('charts/app');
  });

  it('a file of no chart has none, and nothing above the current directory is searched', () => {
    expect(chartDirOf('deploy/app.yaml', cwd)).toBeUndefined();
    expect(chartDirOf('templates/deployment.yaml', `${cwd}/charts/app`)).toBe('.');
    expect(chartDirOf('deployment.yaml', `${cwd}/charts/app/templates`)).toBeUndefined();
  });

  it("reads the chart's name, and whether it is a library chart (which helm does not render)", () => {
    expect(chartAt('charts/app', cwd)).toEqual({ dir: 'charts/app', name: 'app', library: false });
    expect(chartAt('lib', cwd)).toEqual({ dir: 'lib', name: 'common', library: true });
    expect(chartAt('deploy', cwd)).toEqual({ dir: 'deploy', name: 'deploy', library: false });
  });
});
