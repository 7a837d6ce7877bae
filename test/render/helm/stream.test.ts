import { describe, expect, it } from 'vitest';
import { joinPath, splitHelmStream, subchartsOf, templatePathIn } from '../../../src/render/helm/stream.js';
import { DEMO_STREAM, PACKED_STREAM } from './charts.js';

describe('splitHelmStream', () => {
  it('finds every document of a real helm stream, sorted by kind as helm printed them', () => {
    expect(splitHelmStream(DEMO_STREAM)).toEqual([
      { source: 'demo/templates/pdb.yaml', firstLine: 3, lineCount: 9 },
      { source: 'demo/templates/services.yaml', firstLine: 14, lineCount: 6 },
      { source: 'demo/templates/services.yaml', firstLine: 22, lineCount: 10 },
      { source: 'demo/templates/deployment.yaml', firstLine: 34, lineCount: 44 },
      { source: 'demo/charts/sub/templates/job.yaml', firstLine: 80, lineCount: 11 },
    ]);
  });

  it('a document spans exactly its lines: its first line after the Source comment, its last before the next ---', () => {
    const lines = DEMO_STREAM.split('\n');
    for (const document of splitHelmStream(DEMO_STREAM)) {
      expect(lines[document.firstLine - 2]).toBe(`# Source: ${document.source}`);
      expect(lines[document.firstLine - 3]).toBe('---');
      const after = lines[document.firstLine - 1 + document.lineCount];
      expect(after === '---' || after === '').toBe(true);
      expect(lines[document.firstLine - 2 + document.lineCount]).not.toBe('');
    }
  });

  it('reads a stream with CRLF lines (a CRLF template) and a packed dependency', () => {
    expect(splitHelmStream(PACKED_STREAM)).toEqual([
      { source: 'packed/templates/crlf.yaml', firstLine: 3, lineCount: 9 },
      { source: 'packed/charts/sub/templates/job.yaml', firstLine: 14, lineCount: 11 },
    ]);
    expect(splitHelmStream(PACKED_STREAM.replace(/\r?\n/g, '\r\n'))).toEqual(splitHelmStream(PACKED_STREAM));
  });

  it('a --- without a Source comment (a CRD file of several documents) continues the previous source', () => {
    const stream = '---\n# Source: c/crds/a.yaml\nkind: A\n---\nkind: B\n---\n# Source: c/templates/x.yaml\nkind: C\n';
    expect(splitHelmStream(stream)).toEqual([
      { source: 'c/crds/a.yaml', firstLine: 3, lineCount: 1 },
      { source: 'c/crds/a.yaml', firstLine: 5, lineCount: 1 },
      { source: 'c/templates/x.yaml', firstLine: 8, lineCount: 1 },
    ]);
  });

  it('text before the first --- and a stream without Source comments belong to no template', () => {
    expect(splitHelmStream('\n---\n# Source: c/templates/x.yaml\nkind: C')).toEqual([{ source: 'c/templates/x.yaml', firstLine: 4, lineCount: 1 }]);
    expect(splitHelmStream('kind: A\n---\nkind: B\n')).toEqual([]);
    expect(splitHelmStream('')).toEqual([]);
  });

  it('a --- inside a line is not a separator, and a document may hold a comment', () => {
    const stream = '---\n# Source: c/templates/x.yaml\n# a comment\ndata:\n  s: "---"\n';
    expect(splitHelmStream(stream)).toEqual([{ source: 'c/templates/x.yaml', firstLine: 3, lineCount: 3 }]);
  });
});

describe('templatePathIn', () => {
  it('replaces the chart name with the chart directory, for the chart and its subcharts', () => {
    expect(templatePathIn('charts/demo', 'demo/templates/deployment.yaml')).toBe('charts/demo/templates/deployment.yaml');
    expect(templatePathIn('deploy/chart-dir', 'demo/charts/sub/templates/job.yaml')).toBe('deploy/chart-dir/charts/sub/templates/job.yaml');
    expect(templatePathIn('.', 'demo/templates/a/b.yaml')).toBe('templates/a/b.yaml');
    expect(templatePathIn('', 'demo/crds/crd.yaml')).toBe('crds/crd.yaml');
    expect(templatePathIn('charts\\demo\\', 'demo/templates/x.yaml')).toBe('charts/demo/templates/x.yaml');
  });

  it('is undefined for a path without a file, one that climbs out, or a file that is not there (a packed .tgz dependency)', () => {
    expect(templatePathIn('demo', 'demo')).toBeUndefined();
    expect(templatePathIn('demo', 'demo/../../etc/passwd')).toBeUndefined();
    const files = new Set(['packed/templates/crlf.yaml']);
    expect(templatePathIn('packed', 'packed/templates/crlf.yaml', (path) => files.has(path))).toBe('packed/templates/crlf.yaml');
    expect(templatePathIn('packed', 'packed/charts/sub/templates/job.yaml', (path) => files.has(path))).toBeUndefined();
  });

  it('joinPath and subchartsOf', () => {
    expect(joinPath('a/b/', 'c')).toBe('a/b/c');
    expect(subchartsOf('demo/templates/x.yaml')).toEqual([]);
    expect(subchartsOf('demo/charts/sub/templates/x.yaml')).toEqual(['sub']);
    expect(subchartsOf('demo/charts/a/charts/b/templates/x.yaml')).toEqual(['a', 'b']);
  });
});
