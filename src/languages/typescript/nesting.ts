/** Words after which a `/` starts a regular expression, not a division. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Where a source's brackets (`(`, `[`, `{` and a template's `${`) nest deepest, and how deep:
 * outside strings, template text, comments and regular expressions. A source nested too deeply
 * to parse is reported there. The scan does not parse: a `/` is told from a regular expression by
 * what comes before it, as a tokenizer without a parser does.
 */
export function deepestBracket(text: string): { depth: number; offset: number } {
  let depth = 0;
  let deepest = { depth: 0, offset: 0 };
  /** The depth of each template literal's `${` open around the scan. */
  const templates: number[] = [];
  /** Whether what came last ends a value, so that a `/` divides it. */
  let afterValue = false;
  const open = (at: number) => {
    depth++;
    if (depth > deepest.depth) deepest = { depth, offset: at };
  };
  const templateText = (from: number) => {
    const end = templateTextEnd(text, from);
    if (text.startsWith('${', end - 2)) {
      open(end - 2);
      templates.push(depth);
    }
    afterValue = !text.startsWith('${', end - 2);
    return end;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      i = commentEnd(text, i);
    } else if (c === '"' || c === "'") {
      i = quotedEnd(text, i);
      afterValue = true;
    } else if (c === '`') {
      i = templateText(i + 1);
    } else if (c === '}' && templates.at(-1) === depth) {
      templates.pop();
      depth--;
      i = templateText(i + 1);
    } else if (c === '/' && !afterValue) {
      i = regExpEnd(text, i);
      afterValue = true;
    } else if (/[\w$]/.test(c)) {
      const word = /^[\w$]+/.exec(text.slice(i, i + 64))![0];
      i += word.length;
      afterValue = !BEFORE_EXPRESSION.has(word);
    } else {
      if (c === '(' || c === '[' || c === '{') open(i);
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      if (!/\s/.test(c)) afterValue = c === ')' || c === ']' || c === '}';
      i++;
    }
  }
  return deepest;
}

function commentEnd(text: string, start: number): number {
  if (text[start + 1] === '/') {
    const end = text.indexOf('\n', start);
    return end === -1 ? text.length : end;
  }
  const end = text.indexOf('*/', start + 2);
  return end === -1 ? text.length : end + 2;
}

/** After a '…' or "…" string (or at the end of its line, if it is not closed). */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i + 1;
  }
  return text.length;
}

/** After a template's closing backquote, or after the `${` that opens an expression in it. */
function templateTextEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
    else if (text[i] === '$' && text[i + 1] === '{') return i + 2;
  }
  return text.length;
}

/** After a regular expression (a `/` inside a character class does not end it), or after the `/` if the line ends first. */
function regExpEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') inClass = true;
    else if (text[i] === ']') inClass = false;
    else if (text[i] === '/' && !inClass) return i + 1;
  }
  return start + 1;
}
