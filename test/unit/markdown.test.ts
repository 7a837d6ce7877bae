import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/cli/markdown.js';

const BASE = 'https://example.com/docs/rules/a.md';
const plain = (markdown: string, width = 40) => renderMarkdown(markdown, { width, color: false, base: BASE });

describe('renderMarkdown', () => {
  it('drops heading markers, keeps a `#` line inside a code block, indents code and never wraps it', () => {
    const out = plain(['# title', '', '## What it does', '', '```yaml', '# .gpu-drain-lint.yaml', 'rules: {a-very-long-rule-name-that-is-wider-than-the-terminal: off}', '```'].join('\n'));
    expect(out).toBe(['title', '', 'What it does', '', '    # .gpu-drain-lint.yaml', '    rules: {a-very-long-rule-name-that-is-wider-than-the-terminal: off}', ''].join('\n'));
  });

  it('joins a paragraph\'s lines and wraps them to the width', () => {
    const out = plain('one two three four five six seven eight nine ten\neleven twelve thirteen fourteen', 20);
    expect(out).toBe('one two three four\nfive six seven eight\nnine ten eleven\ntwelve thirteen\nfourteen\n');
  });

  it('wraps list items with a hanging indent, continuation lines included; items stay together', () => {
    const out = plain(['- first item that is rather long', '  and continues here', '- second', '', 'after'].join('\n'), 20);
    expect(out).toBe(['- first item that is', '  rather long and', '  continues here', '- second', '', 'after', ''].join('\n'));
  });

  it('writes links as text (url), relative ones made absolute; keeps code spans in backticks; drops bold markers', () => {
    const out = plain('See [`b`](b.md) and [Kubernetes](https://kubernetes.io/x) for **why**.', 200);
    expect(out).toBe('See `b` (https://example.com/docs/rules/b.md) and Kubernetes (https://kubernetes.io/x) for why.\n');
  });

  it('turns a table into one item per row, naming the columns', () => {
    const out = plain(['| proxy | default |', '|---|---|', '| nginx | 60 s |', '| alb | 60 s (option `x`) |'].join('\n'), 80);
    expect(out).toBe('- nginx — default: 60 s\n- alb — default: 60 s (option `x`)\n');
  });

  it('in colour: headings bold, code spans coloured without backticks, bullets as •', () => {
    const out = renderMarkdown('## Options\n\n- use `x`', { width: 80, color: true, base: BASE });
    expect(out).toBe('\x1b[1mOptions\x1b[22m\n\n• use \x1b[36mx\x1b[39m\n');
  });
});
