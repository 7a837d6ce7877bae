/**
 * XML 1.0 text and attribute values. Characters XML 1.0 cannot hold at all (C0 controls other
 * than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF), not even as character references,
 * are written as `\uXXXX`.
 */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value for double quotes; tab, LF and CR as references, which a parser would otherwise turn into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `<name a="1" b="x">`, or `<name … />` when `selfClosing`. */
export function xmlTag(name: string, attributes: Readonly<Record<string, string | number | undefined>>, selfClosing = false): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${written}${selfClosing ? ' />' : '>'}`;
}

/** Characters XML 1.0 forbids, lone surrogates included. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlChars(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}
