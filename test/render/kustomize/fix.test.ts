import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Translation } from '../../../src/core/file-change.js';
import { copyRootOf, MAX_COPIED_FILES, tooLargeToCopy } from '../../../src/render/kustomize/copy-root.js';
import type { FileReader } from '../../../src/render/kustomize/files.js';
import { translateKustomizeFix } from '../../../src/render/kustomize/fix.js';
import { rebuildDifference } from '../../../src/render/rerender.js';
import { kustomizeOriginMap } from '../../../src/render/kustomize/origin-map.js';
import { tempDir } from '../../cli/run.js';
import { memoryReader } from './memory-reader.js';
import { OVERLAY_RENDERED, OVERLAY_TREE } from './overlay-tree.js';

const inDir = (files: Record<string, string>, dir = '/k') => Object.fromEntries(Object.entries(files).map(([path, text]) => [`${dir}/${path}`, text]));

/** The fix of a rendering (its text with `edit` made) as changes of the tree's files. */
function translated(edit: (text: string) => string, files = OVERLAY_TREE, rendered = OVERLAY_RENDERED, fs: FileReader = memoryReader(inDir(files))): Translation {
  const map = kustomizeOriginMap(rendered, { wrapperDir: '/k/wrap', cwd: '/k', fs });
  const fixed = edit(map.text);
  expect(fixed, 'the edit changes the rendering').not.toBe(map.text);
  return translateKustomizeFix(map.text, fixed, map, fs);
}

function changesOf(translation: Translation): Record<string, string> {
  if (!translation.ok) throw new Error(`refused: ${translation.reason}`);
  return Object.fromEntries(translation.changes.map((change) => [change.path, change.after]));
}

function reasonOf(translation: Translation): string {
  if (translation.ok) throw new Error(`translated: ${JSON.stringify(translation.changes)}`);
  return translation.reason;
}

/**
 * An overlay whose patch sets the grace period the base lacks, and whose JSON 6902 patch adds a
 * priority class and copies the grace period to minReadySeconds; the base's args are a block
 * list with a comment.
 */
const SMALL_TREE: Record<string, string> = {
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tgi
spec:
  template:
    spec:
      containers:
        - name: server
          image: ghcr.io/huggingface/text-generation-inference:3.0
          args:
            - --model-id
            - mistralai/Mistral-7B-Instruct-v0.3 # the model served
          livenessProbe:
            tcpSocket:
              port: 8080
            failureThreshold: 3
`,
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: grace.yaml\n  - path: ops.yaml\n    target:\n      kind: Deployment\n',
  'overlay/ops.yaml': `- op: add
  path: /spec/template/spec/priorityClassName
  value: gpu-serving
- op: copy
  from: /spec/template/spec/terminationGracePeriodSeconds
  path: /spec/minReadySeconds
`,
  'overlay/grace.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tgi
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 30
`,
  'wrap/kustomization.yaml': 'resources:\n- ../overlay\nbuildMetadata: [originAnnotations, transformerAnnotations]\n',
};

/** `kubectl kustomize wrap` (kustomize v5.5) of SMALL_TREE, recorded. */
const SMALL_RENDERED = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../overlay/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../overlay/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
    config.kubernetes.io/origin: |
      path: ../base/deployment.yaml
  name: tgi
spec:
  minReadySeconds: 30
  template:
    spec:
      containers:
      - args:
        - --model-id
        - mistralai/Mistral-7B-Instruct-v0.3
        image: ghcr.io/huggingface/text-generation-inference:3.0
        livenessProbe:
          failureThreshold: 3
          tcpSocket:
            port: 8080
        name: server
      priorityClassName: gpu-serving
      terminationGracePeriodSeconds: 30
`;
const small = (edit: (text: string) => string) => translated(edit, SMALL_TREE, SMALL_RENDERED);

describe('translateKustomizeFix: a changed field goes to the one file that sets it', () => {
  it('a value only a patch sets is changed in the patch, not the base', () => {
    const translation = translated((text) => text.replace('terminationGracePeriodSeconds: 120', 'terminationGracePeriodSeconds: 180'));
    expect(changesOf(translation)).toEqual({ 'overlays/prod/grace.yaml': OVERLAY_TREE['overlays/prod/grace.yaml']!.replace('Seconds: 120', 'Seconds: 180') });
    expect(translation.ok && translation.changes[0]!.before).toBe(OVERLAY_TREE['overlays/prod/grace.yaml']);
  });

  it('a value only the base sets is changed in the base, and several changes of one file are one change of it', () => {
    const changes = changesOf(small((text) => text.replace('failureThreshold: 3', 'failureThreshold: 6').replace('terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 180')));
    expect(changes).toEqual({
      'base/deployment.yaml': SMALL_TREE['base/deployment.yaml']!.replace('failureThreshold: 3', 'failureThreshold: 6'),
      'overlay/grace.yaml': SMALL_TREE['overlay/grace.yaml']!.replace('Seconds: 30', 'Seconds: 180'),
    });
    const many = changesOf(
      translated((text) =>
        text
          .replace('  maxUnavailable: 1\n', '  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n')
          .replace('        - --model\n', '        - --served-model\n'),
      ),
    );
    expect(many).toEqual({
      'base/deployment.yaml': OVERLAY_TREE['base/deployment.yaml']!
        .replace('    matchLabels: {app: vllm}\n---', '    matchLabels: {app: vllm}\n  unhealthyPodEvictionPolicy: AlwaysAllow\n---')
        .replace('args: ["--model", "m"]', 'args: ["--served-model", "m"]'),
    });
  });

  it('a value a JSON 6902 operation adds is changed in its value; a key removed from the base goes with its line', () => {
    expect(changesOf(translated((text) => text.replace('--max-num-seqs=8', '--max-num-seqs=16')))).toEqual({
      'overlays/prod/args.yaml': '- op: add\n  path: /spec/template/spec/containers/1/args/-\n  value: --max-num-seqs=16\n',
    });
    expect(changesOf(translated((text) => text.replace(/(kind: PodDisruptionBudget[^]*?)  maxUnavailable: 1\n/, '$1')))).toEqual({
      'base/deployment.yaml': OVERLAY_TREE['base/deployment.yaml']!.replace('  maxUnavailable: 1\n', ''),
    });
  });

  it("a value a JSON 6902 patch file adds is changed in the operation's value; removing it, or a value an operation copies, is refused", () => {
    expect(changesOf(small((text) => text.replace('priorityClassName: gpu-serving', 'priorityClassName: gpu-critical')))).toEqual({
      'overlay/ops.yaml': SMALL_TREE['overlay/ops.yaml']!.replace('value: gpu-serving', 'value: gpu-critical'),
    });
    expect(reasonOf(small((text) => text.replace('      priorityClassName: gpu-serving\n', '')))).toBe(
      'spec.template.spec.priorityClassName of Deployment tgi is written by a JSON 6902 operation in overlay/ops.yaml that the fix cannot rewrite; change it by hand',
    );
    expect(reasonOf(small((text) => text.replace('minReadySeconds: 30', 'minReadySeconds: 10')))).toBe(
      'spec.minReadySeconds of Deployment tgi is written by a JSON 6902 operation in overlay/ops.yaml that the fix cannot rewrite; change it by hand',
    );
  });

  it('a field set in both the base and a patch is refused, naming both', () => {
    expect(reasonOf(translated((text) => text.replace('replicas: 3', 'replicas: 4')))).toBe(
      'spec.replicas of Deployment serving/prod-vllm-gpu is set in both base/deployment.yaml and overlays/prod/grace.yaml; change it by hand',
    );
    expect(reasonOf(translated((text) => text.replace('envoyproxy/envoy:v1.31.0', 'envoyproxy/envoy:v1.32.0')))).toBe(
      'spec.template.spec.containers[1].image of Deployment serving/prod-vllm-gpu is set in both overlays/prod/proxy.yaml and overlays/prod/kustomization.yaml; change it by hand',
    );
  });

  it("a kustomization's own entry or inline patch is not edited", () => {
    expect(reasonOf(translated((text) => text.replace('value: "8000"', 'value: "9000"')))).toBe(
      'spec.template.spec.containers[1].env[0].value of Deployment serving/prod-vllm-gpu is written in overlays/prod-gpu/kustomization.yaml (an inline patch), which the fix does not edit; change it by hand',
    );
    expect(reasonOf(translated((text) => text.replace(/(kind: Service\n[^]*?)namespace: serving/, '$1namespace: other')))).toBe(
      'metadata.namespace of Service serving/prod-vllm-gpu is written in overlays/prod/kustomization.yaml (namespace: serving), which the fix does not edit; change it by hand',
    );
  });
});

describe('translateKustomizeFix: added fields and list items', () => {
  it('a key added to a container only a patch writes goes into that patch, with its subtree', () => {
    const changes = changesOf(translated((text) => text.replace('        name: proxy\n', '        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n        name: proxy\n')));
    expect(changes).toEqual({
      'overlays/prod/proxy.yaml': `${OVERLAY_TREE['overlays/prod/proxy.yaml']}        lifecycle:\n          preStop:\n            sleep:\n              seconds: 5\n`,
    });
  });

  it('a key added under a mapping the base alone writes goes into the base, in its indentation', () => {
    expect(changesOf(small((text) => text.replace('            port: 8080\n', '            port: 8080\n          periodSeconds: 10\n')))).toEqual({
      'base/deployment.yaml': SMALL_TREE['base/deployment.yaml']!.replace('            failureThreshold: 3\n', '            failureThreshold: 3\n            periodSeconds: 10\n'),
    });
  });

  it('a key no file sets, added under a list item or mapping that the base and a patch both write, goes to the base resource', () => {
    expect(changesOf(translated((text) => text.replace('        name: server\n', '        name: server\n        stdin: true\n')))).toEqual({
      'base/deployment.yaml': OVERLAY_TREE['base/deployment.yaml']!.replace('        - containerPort: 8000\n', '        - containerPort: 8000\n        stdin: true\n'),
    });
    expect(changesOf(small((text) => text.replace('      terminationGracePeriodSeconds: 30\n', '      terminationGracePeriodSeconds: 30\n      schedulerName: gpu\n')))).toEqual({
      'base/deployment.yaml': `${SMALL_TREE['base/deployment.yaml']!}      schedulerName: gpu\n`,
    });
  });

  it('a string appended to a list the base writes is appended there, after its comment; not after an item another file appended', () => {
    expect(changesOf(small((text) => text.replace('        - mistralai/Mistral-7B-Instruct-v0.3\n', '        - mistralai/Mistral-7B-Instruct-v0.3\n        - --max-concurrent-requests=8\n')))).toEqual({
      'base/deployment.yaml': SMALL_TREE['base/deployment.yaml']!.replace('# the model served\n', '# the model served\n            - --max-concurrent-requests=8\n'),
    });
    expect(reasonOf(translated((text) => text.replace('        - --max-num-seqs=8\n', '        - --max-num-seqs=8\n        - --x=1\n')))).toBe(
      'the last items of spec.template.spec.containers[0].args of Deployment serving/prod-vllm-gpu are not written in base/deployment.yaml, so an item appended there would not come last; add it by hand',
    );
  });

  it('an item of a list of mappings added, or a new object, is refused', () => {
    expect(reasonOf(translated((text) => text.replace('        - containerPort: 8000\n', '        - containerPort: 8000\n        - containerPort: 9000\n')))).toBe(
      "the fix changes the items of spec.template.spec.containers[0].ports, which cannot be placed in the overlay's files; edit them by hand",
    );
    expect(reasonOf(translated((text) => `${text}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n`))).toBe('a new object in an overlay needs a resource file of its own; add it by hand');
  });

  it('a generated object is refused: its generator writes it', () => {
    expect(reasonOf(translated((text) => text.replace('  MAX_MODEL_LEN: "4096"\n', '  MAX_MODEL_LEN: "4096"\n  DTYPE: half\n')))).toBe(
      'data.DTYPE of ConfigMap serving/prod-vllm-config-gpu-cg6k696k9m is written in base/kustomization.yaml (generated by ConfigMapGenerator vllm-config), which the fix does not edit; change it by hand',
    );
  });
});

describe('translateKustomizeFix after an earlier fix of the run (two overlays of one base)', () => {
  const fs = memoryReader(inDir(SMALL_TREE));
  const map = kustomizeOriginMap(SMALL_RENDERED, { wrapperDir: '/k/wrap', cwd: '/k', fs });
  const base = SMALL_TREE['base/deployment.yaml']!;
  const probeFixed = base.replace('failureThreshold: 3', 'failureThreshold: 6');

  it('edits a file from where the earlier fix left it, found where the build read it', () => {
    const earlier = new Map([['base/deployment.yaml', probeFixed.replace('          args:\n', '          stdin: true\n          args:\n')]]);
    const fixed = map.text.replace('failureThreshold: 3', 'failureThreshold: 6').replace('            port: 8080\n', '            port: 8080\n          periodSeconds: 10\n');
    const translation = translateKustomizeFix(map.text, fixed, map, fs, earlier);
    expect(translation).toEqual({
      ok: true,
      changes: [{ path: 'base/deployment.yaml', before: earlier.get('base/deployment.yaml'), after: earlier.get('base/deployment.yaml')!.replace('failureThreshold: 6\n', 'failureThreshold: 6\n            periodSeconds: 10\n') }],
    });
  });

  it('changes nothing that the earlier fix already changed', () => {
    const fixed = map.text.replace('failureThreshold: 3', 'failureThreshold: 6');
    expect(translateKustomizeFix(map.text, fixed, map, fs, new Map([['base/deployment.yaml', probeFixed]]))).toEqual({ ok: true, changes: [] });
  });
});

describe('translateKustomizeFix: bad input degrades to a reason', () => {
  it('an unchanged rendering is no change; a fixed text that does not parse is refused', () => {
    const fs = memoryReader(inDir(SMALL_TREE));
    const map = kustomizeOriginMap(SMALL_RENDERED, { wrapperDir: '/k/wrap', cwd: '/k', fs });
    expect(translateKustomizeFix(map.text, map.text, map, fs)).toEqual({ ok: true, changes: [] });
    expect(translateKustomizeFix(map.text, `${map.text}  bad: [\n`, map, fs)).toEqual({ ok: false, reason: 'the fixed rendering does not parse' });
  });

  it('a fix that changes more than 1000 fields is refused before any file is read', () => {
    const configMaps = (value: string) =>
      Array.from({ length: 6 }, (_, i) => `kind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n${Array.from({ length: 199 }, (_, k) => `  k${k}: "${value}"\n`).join('')}`).join('---\n');
    const map = kustomizeOriginMap(configMaps('a'), { wrapperDir: '/k/wrap', cwd: '/k', fs: memoryReader({}) });
    const fs = memoryReader({});
    expect(translateKustomizeFix(map.text, configMaps('b'), map, fs)).toEqual({ ok: false, reason: 'the fix changes more than 1000 fields of the overlay; fix it in smaller steps' });
    expect(fs.reads.size).toBe(0);
  });

  it('files that are gone or changed since the build are refused, never thrown', () => {
    const files = memoryReader(inDir(SMALL_TREE));
    const map = kustomizeOriginMap(SMALL_RENDERED, { wrapperDir: '/k/wrap', cwd: '/k', fs: files });
    const fixed = map.text.replace('failureThreshold: 3', 'failureThreshold: 6');
    const gone: FileReader = { readFile: () => undefined, isDirectory: () => false };
    expect(reasonOf(translateKustomizeFix(map.text, fixed, map, gone))).toBe('base/deployment.yaml cannot be read, so spec.template.spec.containers[0].livenessProbe.failureThreshold of Deployment tgi cannot be changed there');
    const rewritten = memoryReader(inDir({ ...SMALL_TREE, 'base/deployment.yaml': 'kind: Deployment\nspec: {}\n' }));
    expect(translateKustomizeFix(map.text, fixed, map, rewritten).ok).toBe(false);
  });
});

describe('rebuildDifference: what a second build gave that the fix did not mean', () => {
  const fixed = 'kind: Deployment\nmetadata:\n  name: tgi\nspec:\n  minReadySeconds: 30\n  paused: false\n';
  it('nothing when the objects are the same, layout, key order and an empty document aside', () => {
    expect(rebuildDifference('---\nkind: Deployment\nspec: {paused: false, minReadySeconds: 30}\nmetadata: {name: tgi}\n', fixed)).toBeUndefined();
  });

  it('the first field that differs, and how', () => {
    expect(rebuildDifference(fixed.replace('minReadySeconds: 30', 'minReadySeconds: 180'), fixed)).toBe('spec.minReadySeconds of Deployment tgi would be 180, not 30');
    expect(rebuildDifference(fixed.replace('  paused: false\n', ''), fixed)).toBe('spec.paused of Deployment tgi would be missing');
    expect(rebuildDifference(`${fixed}  replicas: 2\n`, fixed)).toBe('spec.replicas of Deployment tgi would be 2, not unset');
    expect(rebuildDifference(`${fixed}---\nkind: Service\n`, fixed)).toBe('it gave 2 objects, not 1');
  });
});

describe('the copy an overlay is built again in', () => {
  it('is the lowest directory that holds the root and every file it reads', () => {
    expect(copyRootOf('/r/deploy/overlays/aws', ['/r/deploy/overlays/aws/kustomization.yaml', '/r/deploy/base/deployment.yaml'])).toBe('/r/deploy');
    expect(copyRootOf('/r/a', ['/r/a/kustomization.yaml'])).toBe('/r/a');
    expect(copyRootOf('/r/a', ['/elsewhere/base.yaml'])).toBe('/');
  });

  it('is refused past 2000 files or 50 MB, .git aside', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    for (let i = 0; i <= MAX_COPIED_FILES; i++) writeFileSync(join(dir, '.git', `object-${i}`), '');
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\n');
    expect(tooLargeToCopy(dir)).toBeUndefined();
    for (let i = 0; i < MAX_COPIED_FILES; i++) writeFileSync(join(dir, `file-${i}.yaml`), '');
    expect(tooLargeToCopy(dir)).toBe(`${dir} holds more than 2000 files`);
    const big = tempDir({ 'model.bin': '' });
    truncateSync(join(big, 'model.bin'), 51 * 1024 * 1024);
    expect(tooLargeToCopy(big)).toBe(`${big} holds more than 50 MB`);
  });
});
