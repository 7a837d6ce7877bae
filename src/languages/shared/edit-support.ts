import type { Expectation } from '../../core/fix.js';
import type { SourceFile } from '../../core/source.js';
import type { MapView } from './node.js';

/** A style detector computed once per source file, however many editors ask for it. */
export function perSource<Style>(detect: (text: string) => Style): (source: SourceFile) => Style {
  const cache = new WeakMap<SourceFile, Style>();
  return (source) => {
    let style = cache.get(source);
    if (!style) cache.set(source, (style = detect(source.text)));
    return style;
  };
}

/** The line ending a file uses: CRLF if any line has one. */
export function lineEnding(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** After the fix, `key` of `view` (item `index` of it, if given) in document `document` must hold `value`. */
export function expectAt(document: number, view: MapView, key: string, value: unknown, index?: number): Expectation {
  return { document, path: index === undefined ? view.childSegments(key) : [...view.childSegments(key), index], value };
}
