import { describe, expect, it } from 'vitest';
import { stripAnsi, textWidth, wrapWords } from '../../src/formatters/text-width.js';

describe('textWidth', () => {
  it.each([
    ['plain ASCII', 'grace-period-default', 20],
    ['ANSI colours take no room', '\u001b[31merror\u001b[39m \u001b[1mx\u001b[22m', 7],
    ['a hyperlink escape takes no room', '\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007', 4],
    ['CJK characters take two columns', '推論サーバー', 12],
    ['fullwidth forms take two', 'ＡＢ', 4],
    ['an emoji takes two', '🚀 go', 5],
    ['a combining accent takes none', 'e\u0301te\u0301', 3],
    ['a zero-width joiner and a variation selector take none', 'a\u200db\ufe0f', 2],
    ['the summary marks are narrow', '✔✖⚠≥−×', 6],
  ])('%s', (_, text, width) => {
    expect(textWidth(text)).toBe(width);
  });

  it('stripAnsi leaves the text', () => {
    expect(stripAnsi('\u001b[4mdeploy/x.yaml\u001b[24m:3')).toBe('deploy/x.yaml:3');
  });
});

describe('wrapWords', () => {
  const words = (lines: string[]) => lines.join(' ').split(' ');

  it('fills lines up to the width, never past it, and keeps every word in order', () => {
    const text = 'PodDisruptionBudget search/embeddings allows 0 disruptions for Deployment search/embeddings: maxUnavailable: 0 lets no pod go.';
    for (const width of [20, 33, 40, 80]) {
      const lines = wrapWords(text, width);
      expect(words(lines)).toEqual(text.split(' '));
      for (const line of lines) expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      // Greedy: the next line's first word would not have fitted.
      lines.slice(1).forEach((line, i) => expect(textWidth(`${lines[i]} ${line.split(' ')[0]}`)).toBeGreaterThan(width));
    }
  });

  it('never breaks a word or a path: one wider than the line has a line of its own', () => {
    expect(wrapWords('see fixtures/rules/nodepool-grace-too-short/invalid/gpu-deployment.yaml:9 for it', 20)).toEqual([
      'see',
      'fixtures/rules/nodepool-grace-too-short/invalid/gpu-deployment.yaml:9',
      'for it',
    ]);
  });

  it('counts wide characters twice, and gives the first line the room a prefix leaves', () => {
    expect(wrapWords('推論 推論 推論', 10)).toEqual(['推論 推論', '推論']);
    expect(wrapWords('one two three four', 20, 8)).toEqual(['one two', 'three four']);
  });

  it('collapses runs of spaces and line breaks; an empty text is one empty line', () => {
    expect(wrapWords('a  b\n\nc', 80)).toEqual(['a b c']);
    expect(wrapWords('', 80)).toEqual(['']);
  });
});
