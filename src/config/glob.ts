/**
 * Compiles an ignore glob to a RegExp over `/`-separated relative paths: `*`, `?`, `**`,
 * `{a,b}` and `[...]`. Like .gitignore, a pattern without a slash matches at any depth, and a
 * pattern matching a directory matches everything below it.
 */
export function globToRegExp(pattern: string): RegExp {
  const trimmed = pattern.trim();
  const anchored = /^\.?\//.test(trimmed) || trimmed.replace(/\/$/, '').includes('/');
  const glob = trimmed.replace(/^\.?\//, '').replace(/\/$/, '');
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${translate(glob)}(?:/.*)?$`);
}

function translate(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) source += '\\{';
      else {
        source += `(?:${glob.slice(i + 1, close).split(',').map(translate).join('|')})`;
        i = close;
      }
    } else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close === -1) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escape(c);
  }
  return source;
}

function escape(text: string): string {
  return text.replace(/[.+^$()|\\\]]/g, '\\$&');
}
