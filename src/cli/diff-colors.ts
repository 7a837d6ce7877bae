import type { Colors } from '../formatters/colors.js';

const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * A unified diff in git's colours: bold file headers, cyan hunk headers, red removed and green
 * added lines. Lines are told apart by the hunk headers' counts, so a removed line that reads
 * `-- x` is never taken for a `--- a/` header.
 */
export function colorDiff(diff: string, c: Colors): string {
  let oldLeft = 0;
  let newLeft = 0;
  return diff
    .split('\n')
    .map((line) => {
      if (oldLeft > 0 || newLeft > 0) {
        const kind = line[0];
        if (kind === '\\') return c.dim(line);
        if (kind === '-') {
          oldLeft--;
          return c.red(line);
        }
        if (kind === '+') {
          newLeft--;
          return c.green(line);
        }
        oldLeft--;
        newLeft--;
        return line;
      }
      const hunk = HUNK.exec(line);
      if (hunk) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
        return c.cyan(line);
      }
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return c.bold(line);
      // The "\ No newline at end of file" after a hunk's last line.
      return line.startsWith('\\') ? c.dim(line) : line;
    })
    .join('\n');
}
