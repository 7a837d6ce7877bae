import { describe, expect, it } from 'vitest';
import { splitBuildMetadata } from '../../../src/render/kustomize/build-metadata.js';

const annotated = (extra = '') => `apiVersion: v1
kind: Service
metadata:
  annotations:
    alpha.config.kubernetes.io/transformations: |
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../c/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: PatchTransformer
      - configuredIn: ../o/kustomization.yaml
        configuredBy:
          apiVersion: builtin
          kind: NamespaceTransformer
${extra}    config.kubernetes.io/origin: |
      path: ../base/service.yaml
  name: web
spec:
  ports:
  - port: 80
`;

describe('splitBuildMetadata', () => {
  it('removes both annotations and the annotations mapping they leave empty', () => {
    const { text, metadata } = splitBuildMetadata(`${annotated()}---\n${annotated()}`);
    const plain = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';
    expect(text).toBe(`${plain}---\n${plain}`);
    expect(metadata).toEqual([
      { origin: { path: '../base/service.yaml' }, transformedBy: ['../o/kustomization.yaml', '../c/kustomization.yaml'] },
      { origin: { path: '../base/service.yaml' }, transformedBy: ['../o/kustomization.yaml', '../c/kustomization.yaml'] },
    ]);
  });

  it('keeps the annotations a user wrote', () => {
    const { text } = splitBuildMetadata(annotated('    team: serving\n'));
    expect(text).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    team: serving\n  name: web\nspec:\n  ports:\n  - port: 80\n');
  });

  it('reads a remote origin and a generated one', () => {
    const remote = splitBuildMetadata('kind: Pod\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: deploy.yaml\n      repo: https://github.com/org/r\n      ref: v1\n  name: p\n');
    expect(remote.metadata).toEqual([{ origin: { path: 'deploy.yaml', repo: 'https://github.com/org/r', ref: 'v1' }, transformedBy: [] }]);
    expect(remote.text).toBe('kind: Pod\nmetadata:\n  name: p\n');
    const generated = splitBuildMetadata('kind: ConfigMap\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      configuredIn: ../base/kustomization.yaml\n      configuredBy:\n        apiVersion: builtin\n        kind: ConfigMapGenerator\n  name: c\n');
    expect(generated.metadata[0]!.origin).toEqual({ configuredIn: '../base/kustomization.yaml', generator: 'ConfigMapGenerator' });
  });

  it('leaves a text without them, a flow mapping and a document that does not parse as they are', () => {
    for (const text of ['kind: Pod\nmetadata:\n  name: p\n', 'kind: Pod\nmetadata: {annotations: {config.kubernetes.io/origin: "path: a.yaml"}}\n', 'kind: [\n', '']) {
      expect(splitBuildMetadata(text).text).toBe(text);
    }
    expect(splitBuildMetadata('kind: Pod\nmetadata: {annotations: {config.kubernetes.io/origin: "path: a.yaml"}}\n').metadata).toEqual([{ transformedBy: [] }]);
  });

  it('leaves out the kustomizations of a remote base (their paths are inside the repository)', () => {
    const { metadata } = splitBuildMetadata(
      'kind: Pod\nmetadata:\n  annotations:\n    alpha.config.kubernetes.io/transformations: |\n      - configuredIn: overlay/kustomization.yaml\n        repo: https://github.com/org/r\n      - configuredIn: ../o/kustomization.yaml\n  name: p\n',
    );
    expect(metadata[0]!.transformedBy).toEqual(['../o/kustomization.yaml']);
  });

  it('ignores annotations it cannot read', () => {
    const { metadata } = splitBuildMetadata('kind: Pod\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: "path: [unclosed"\n    alpha.config.kubernetes.io/transformations: "just text"\n  name: p\n');
    expect(metadata).toEqual([{ transformedBy: [] }]);
  });
});
