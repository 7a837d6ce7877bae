import { describe, expect, it } from 'vitest';
import { decode, firstInvalidUtf8Byte, SourceFile } from '../../src/core/source.js';

const bytes = (...parts: (string | number[])[]) => {
  const encoder = new TextEncoder();
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};

describe('decode', () => {
  it('decodes UTF-8 text as is, CRLF included', () => {
    expect(decode(bytes('a: 1\r\nb: é\n'))).toEqual({ ok: true, text: 'a: 1\r\nb: é\n', bom: false });
    expect(decode(bytes(''))).toEqual({ ok: true, text: '', bom: false });
  });

  it('strips a byte-order mark and remembers it', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], 'a: 1\n'))).toEqual({ ok: true, text: 'a: 1\n', bom: true });
  });

  it('strips only the leading BOM; a U+FEFF later in the text is kept', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], 'a: "\uFEFF"\n'))).toEqual({ ok: true, text: 'a: "\uFEFF"\n', bom: true });
  });

  it('refuses a file with a NUL byte as binary, at the NUL', () => {
    expect(decode(bytes('a: 1\nb', [0], 'c\n'))).toEqual({ ok: false, reason: 'binary file (contains a NUL byte), not YAML', position: { line: 2, column: 2 } });
    expect(decode(bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0x00]))).toMatchObject({ ok: false, reason: 'binary file (contains a NUL byte), not YAML' });
  });

  it('refuses invalid UTF-8 and points at the first bad byte', () => {
    expect(decode(bytes('a: 1\nb: ', [0xff], '\n'))).toEqual({ ok: false, reason: 'file is not valid UTF-8', position: { line: 2, column: 4 } });
    // Latin-1 "é" after valid multi-byte text: the column counts characters (UTF-16 units), not bytes.
    expect(decode(bytes('name: café ', [0xe9], '\n'))).toEqual({ ok: false, reason: 'file is not valid UTF-8', position: { line: 1, column: 12 } });
    expect(decode(bytes('x: 😀', [0xc3], '\n'))).toEqual({ ok: false, reason: 'file is not valid UTF-8', position: { line: 1, column: 6 } });
  });

  it('counts columns after a BOM as an editor does (the BOM takes no column)', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], 'ab', [0xff]))).toEqual({ ok: false, reason: 'file is not valid UTF-8', position: { line: 1, column: 3 } });
  });

  it('refuses a truncated sequence at the end of the file', () => {
    expect(decode(bytes('a: ', [0xe2, 0x82]))).toEqual({ ok: false, reason: 'file is not valid UTF-8', position: { line: 1, column: 4 } });
  });

  it('counts lines through CRLF line ends', () => {
    expect(decode(bytes('a: 1\r\nb: 2\r\nc: ', [0xfe]))).toMatchObject({ ok: false, position: { line: 3, column: 4 } });
  });
});

describe('firstInvalidUtf8Byte', () => {
  it.each<[string, number[], number]>([
    ['valid ASCII', [0x61, 0x62], 2],
    ['valid 2-, 3- and 4-byte sequences', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 9],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong encoding', [0x61, 0xc0, 0x80], 1],
    ['a UTF-16 surrogate encoded in UTF-8', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated 3-byte sequence', [0x61, 0xe2, 0x82], 1],
    ['a 3-byte lead followed by ASCII', [0xe2, 0x41, 0x42], 0],
  ])('%s', (_what, input, expected) => {
    expect(firstInvalidUtf8Byte(Uint8Array.from(input))).toBe(expected);
  });
});

describe('SourceFile.position', () => {
  it('gives 1-based lines and columns for LF text', () => {
    const file = new SourceFile('a.yaml', 'a: 1\nbc: 2\n\nd: 4', false);
    expect(file.position(0)).toEqual({ line: 1, column: 1 });
    expect(file.position(3)).toEqual({ line: 1, column: 4 });
    expect(file.position(4)).toEqual({ line: 1, column: 5 }); // the newline itself
    expect(file.position(5)).toEqual({ line: 2, column: 1 });
    expect(file.position(6)).toEqual({ line: 2, column: 2 });
    expect(file.position(11)).toEqual({ line: 3, column: 1 });
    expect(file.position(12)).toEqual({ line: 4, column: 1 });
    expect(file.position(15)).toEqual({ line: 4, column: 4 });
  });

  it('treats CRLF as one line end; the CR is the last column of its line', () => {
    const file = new SourceFile('a.yaml', 'a: 1\r\nbc: 2\r\n', false);
    expect(file.position(4)).toEqual({ line: 1, column: 5 }); // \r
    expect(file.position(5)).toEqual({ line: 1, column: 6 }); // \n
    expect(file.position(6)).toEqual({ line: 2, column: 1 });
    expect(file.position(7)).toEqual({ line: 2, column: 2 });
    expect(file.position(13)).toEqual({ line: 3, column: 1 });
  });

  it('counts columns in UTF-16 code units, so an emoji takes two', () => {
    const text = 'a: "😀x"\nb: 1';
    const file = new SourceFile('a.yaml', text, false);
    expect(file.position(text.indexOf('x'))).toEqual({ line: 1, column: 7 });
    expect(file.position(text.indexOf('b'))).toEqual({ line: 2, column: 1 });
    const accented = 'é: 1';
    expect(new SourceFile('b.yaml', accented, false).position(accented.indexOf('1'))).toEqual({ line: 1, column: 4 });
  });

  it('keeps the BOM out of offsets and columns', () => {
    const file = new SourceFile('a.yaml', 'a: 1', true);
    expect(file.bom).toBe(true);
    expect(file.position(0)).toEqual({ line: 1, column: 1 });
  });

  it('places an offset past the end on the last line', () => {
    const file = new SourceFile('a.yaml', 'a\nb', false);
    expect(file.position(3)).toEqual({ line: 2, column: 2 });
  });
});
