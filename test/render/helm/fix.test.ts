/**
 * Chart fixes placed in the template: added lines go where they print whenever their parent does
 * (never into an `if` block another item of the same list follows), a changed literal line is
 * changed in place, a plain `.Values` reference is set in the values file.
 */
import { describe, expect, it } from 'vitest';
import { translateHelmFix } from '../../../src/render/helm/fix.js';

/** templates/deployment.yaml of a chart `d2`: an `if` adds a volume mount, and another `if` may add one after it. */
const TEMPLATE = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: server\nspec:\n  selector:\n    matchLabels:\n      app: server\n  template:\n    metadata:\n      labels:\n        app: server\n    spec:\n      containers:\n        - name: server\n          image: vllm/vllm-openai:v0.18.0\n          volumeMounts:\n            - name: models\n              mountPath: /models\n          {{- if .Values.shm }}\n            - name: shm\n              mountPath: /dev/shm\n          {{- end }}\n          {{- if .Values.chatTemplate }}\n            - name: templates\n              mountPath: /templates\n          {{- end }}\n";

/** `helm template rel .` of it with shm: true (helm v3.17.2, run once by hand). */
const RENDERED = "---\n# Source: d2/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: server\nspec:\n  selector:\n    matchLabels:\n      app: server\n  template:\n    metadata:\n      labels:\n        app: server\n    spec:\n      containers:\n        - name: server\n          image: vllm/vllm-openai:v0.18.0\n          volumeMounts:\n            - name: models\n              mountPath: /models\n            - name: shm\n              mountPath: /dev/shm\n";

const VALUES = 'shm: true\nchatTemplate: ""\n';

const chart = {
  dir: 'd2',
  readFile: (path: string) => ({ 'd2/templates/deployment.yaml': TEMPLATE, 'd2/values.yaml': VALUES, 'd2/Chart.yaml': 'apiVersion: v2\nname: d2\nversion: 0.1.0\n' })[path],
};

const PROBE = ['          startupProbe:', '            httpGet:', '              path: /health', '              port: 8000'];

describe('translateHelmFix', () => {
  it('adds lines after a line the template writes as it is, in the block of their parent', () => {
    const fixed = RENDERED.replace('          image: vllm/vllm-openai:v0.18.0\n', `          image: vllm/vllm-openai:v0.18.0\n${PROBE.join('\n')}\n`);
    const translation = translateHelmFix(RENDERED, fixed, chart, ['d2/values.yaml']);
    expect(translation).toEqual({
      ok: true,
      changes: [{ path: 'd2/templates/deployment.yaml', before: TEMPLATE, after: TEMPLATE.replace('          image: vllm/vllm-openai:v0.18.0\n', `          image: vllm/vllm-openai:v0.18.0\n${PROBE.join('\n')}\n`) }],
    });
  });

  it('refuses to add lines inside an if block, where they would not print for other values or would split a list', () => {
    const fixed = `${RENDERED.trimEnd()}\n${PROBE.join('\n')}\n`;
    const translation = translateHelmFix(RENDERED, fixed, chart, ['d2/values.yaml']);
    expect(translation).toEqual({
      ok: false,
      reason: 'the fix would land inside a conditional block of the template (d2/templates/deployment.yaml:22), where it would not print for other values; edit the template by hand',
    });
  });

  it('changes a literal line in place, even inside an if block (it prints exactly when the line does)', () => {
    const fixed = RENDERED.replace('mountPath: /dev/shm', 'mountPath: /dev/shm-large');
    const translation = translateHelmFix(RENDERED, fixed, chart, ['d2/values.yaml']);
    expect(translation).toEqual({ ok: true, changes: [{ path: 'd2/templates/deployment.yaml', before: TEMPLATE, after: TEMPLATE.replace('mountPath: /dev/shm', 'mountPath: /dev/shm-large') }] });
  });

  it('refuses a new object: it needs a template of its own', () => {
    const fixed = `${RENDERED}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: server\n`;
    expect(translateHelmFix(RENDERED, fixed, chart, ['d2/values.yaml'])).toEqual({ ok: false, reason: 'a new object in a chart needs a template of its own; add it by hand' });
  });

  it('a value set per item of a values list (a range over .Values) is not written: which item the template does not say', () => {
    const template = 'apiVersion: v1\nkind: List\nitems:\n{{- range .Values.servers }}\n  - kind: Pod\n    spec:\n      terminationGracePeriodSeconds: {{ .grace }}\n{{- end }}\n';
    const rendered = '---\n# Source: d2/templates/list.yaml\napiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    spec:\n      terminationGracePeriodSeconds: 30\n';
    const files: Record<string, string> = { 'd2/templates/list.yaml': template, 'd2/values.yaml': 'servers:\n  - grace: 30\n' };
    const listChart = { dir: 'd2', readFile: (path: string) => files[path] };
    expect(translateHelmFix(rendered, rendered.replace('Seconds: 30', 'Seconds: 180'), listChart, ['d2/values.yaml'])).toEqual({
      ok: false,
      reason: 'the value is set per item of the values list servers[…].grace (d2/templates/list.yaml:7); set it in the item by hand',
    });
  });
});
