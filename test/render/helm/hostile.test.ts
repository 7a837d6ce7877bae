import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignTemplate } from '../../../src/render/helm/align.js';
import { helmOriginMap } from '../../../src/render/helm/origin-map.js';

/** Pieces of templates and streams, including broken ones: unclosed actions, comments, strings. */
const PIECES = ['{{', '}}', '{{- ', ' -}}', '{{/*', '*/}}', '"', '`', "'", '\n', '\r\n', '  ', '- ', 'a: ', 'b', '---', '# Source: c/templates/x.yaml', 'if ', 'end', 'range ', 'with ', 'define "x"', 'else', '.Values.a.b', '$.Values.c', 'toYaml ', ' | ', 'nindent 4', 'include "y" .', '$v := 1', '.'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((pieces) => pieces.join(''));

describe('odd input never throws', () => {
  it('alignTemplate: one entry per rendered line, each within the template', () => {
    fc.assert(
      fc.property(text, text, (template, rendered) => {
        const origins = alignTemplate(template, rendered);
        const templateLines = template.split(/\r?\n/).length;
        expect(origins).toHaveLength(rendered.split(/\r?\n/).length);
        for (const origin of origins) if (origin) expect(origin.line >= 1 && origin.line <= templateLines).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('helmOriginMap: every position maps to an ordered range of a chart file', () => {
    const position = fc.record({ line: fc.integer({ min: -1, max: 30 }), column: fc.integer({ min: -1, max: 40 }) });
    fc.assert(
      fc.property(text, text, position, position, (template, body, start, end) => {
        const stream = `---\n# Source: c/templates/x.yaml\n${body}\n---\n# Source: c/charts/gone/templates/y.yaml\nkind: A\n`;
        const files: Record<string, string> = { 'c/templates/x.yaml': template, 'c/Chart.yaml': 'name: c' };
        const origin = helmOriginMap(stream, { dir: 'c', readFile: (path) => files[path] }).locate(start, end);
        expect(['c/templates/x.yaml', 'c/Chart.yaml']).toContain(origin.path);
        expect(origin.line).toBeGreaterThanOrEqual(1);
        expect(origin.column).toBeGreaterThanOrEqual(1);
        expect(origin.endLine > origin.line || (origin.endLine === origin.line && origin.endColumn >= origin.column)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a chart whose readFile throws maps to Chart.yaml', () => {
    const origin = helmOriginMap('---\n# Source: c/templates/x.yaml\nkind: A\n', {
      dir: 'c',
      readFile: () => {
        throw new Error('EACCES');
      },
    }).locate({ line: 3, column: 1 }, { line: 3, column: 5 });
    expect(origin).toEqual({ path: 'c/Chart.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 });
  });
});
