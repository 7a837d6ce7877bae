/**
 * A small, strict XML 1.0 parser for tests of the JUnit report (no dependency parses XML): an
 * optional XML declaration, one root element, elements, attributes and text with the predefined
 * and numeric character references. It refuses what a conforming parser refuses in that subset
 * (mismatched or unclosed tags, a duplicate attribute, a raw `<` in a value, a bare `&`, a
 * character XML 1.0 does not allow, `]]>` in text, anything after the root) and throws on what
 * it does not support (comments, CDATA, processing instructions, a DOCTYPE).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** True for a code point XML 1.0 allows: tab, LF, CR, and #x20–#xD7FF, #xE000–#xFFFD, #x10000–#x10FFFF. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(text: string): XmlElement {
  for (const char of text) {
    if (!isXmlChar(char.codePointAt(0)!)) throw new XmlError(`a character XML 1.0 does not allow: U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  let at = 0;
  const fail = (why: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new XmlError(`${why} at line ${line} (offset ${at})`);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  };
  const name = (): string => {
    const match = NAME.exec(text.slice(at, at + 200));
    if (!match) return fail('a name was expected');
    at += match[0].length;
    return match[0];
  };
  const references = (raw: string): string =>
    raw.replace(/&([^;&]*);?/g, (whole: string, body: string) => {
      if (!whole.endsWith(';')) return fail(`a bare & ("${whole.slice(0, 12)}")`);
      let code: number | undefined;
      if (/^#x[0-9A-Fa-f]+$/.test(body)) code = parseInt(body.slice(2), 16);
      else if (/^#[0-9]+$/.test(body)) code = parseInt(body.slice(1), 10);
      else if (body in PREDEFINED) return PREDEFINED[body]!;
      else return fail(`an unknown entity &${body};`);
      if (!isXmlChar(code)) return fail(`a reference to a character XML 1.0 does not allow: &${body};`);
      return String.fromCodePoint(code);
    });

  if (text.startsWith('\uFEFF')) at = 1;
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('?>', at);
    if (end === -1) fail('an unclosed XML declaration');
    const declaration = text.slice(at, end + 2);
    if (!/^<\?xml version="1\.[0-9]+"( encoding="[A-Za-z][A-Za-z0-9._-]*")?( standalone="(yes|no)")? ?\?>$/.test(declaration)) fail(`a malformed XML declaration: ${declaration}`);
    at = end + 2;
  }
  skipSpace();

  const element = (): XmlElement => {
    if (text[at] !== '<') fail('an element was expected');
    at++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith('/>', at)) {
        at += 2;
        return { name: tag, attributes, children: [] };
      }
      if (text[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('a space was expected before an attribute');
      const key = name();
      skipSpace();
      if (text[at] !== '=') fail(`"=" was expected after ${key}`);
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") return fail(`a quoted value was expected for ${key}`);
      const end = text.indexOf(quote, at + 1);
      if (end === -1) fail(`an unclosed value of ${key}`);
      const raw = text.slice(at + 1, end);
      if (raw.includes('<')) fail(`a raw < in the value of ${key}`);
      if (key in attributes) fail(`a duplicate attribute ${key}`);
      // Attribute-value normalisation: a literal tab, LF or CR is a space; references keep theirs.
      attributes[key] = references(raw.replace(/\r\n|[\t\n\r]/g, ' '));
      at = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (at >= text.length) fail(`<${tag}> is not closed`);
      if (text.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (text[at] !== '>') fail(`">" was expected after </${closing}`);
        at++;
        return { name: tag, attributes, children };
      }
      if (text.startsWith('<!--', at) || text.startsWith('<![CDATA[', at) || text.startsWith('<?', at) || text.startsWith('<!', at)) {
        throw new XmlError(`unsupported markup at offset ${at}: ${text.slice(at, at + 12)}`);
      }
      if (text[at] === '<') {
        children.push(element());
        continue;
      }
      const next = text.indexOf('<', at);
      const raw = text.slice(at, next === -1 ? text.length : next);
      if (raw.includes(']]>')) fail('"]]>" in text');
      children.push(references(raw.replace(/\r\n?/g, '\n')));
      at = next === -1 ? text.length : next;
    }
  };

  const root = element();
  skipSpace();
  if (at !== text.length) fail('content after the root element');
  return root;
}

/** The element children of `element` (text between them dropped). */
export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** The text content of `element`. */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
