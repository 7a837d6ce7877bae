import { it } from 'vitest';
import { parseScript, scriptOf } from '../../src/model/shell.js';
import { execTiming } from '../../src/model/prestop.js';
import { globToRegExp } from '../../src/config/glob.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { SourceFile } from '../../src/parse/source.js';
import { ProblemSink, rootView } from '../../src/model/node.js';
const j = (x: unknown) => console.log(JSON.stringify(x));
it('probe', () => {
  j(parseScript('touch /tmp/drain || true; sleep 5'));
  j(parseScript('echo "say \\"hi\\"" > /tmp/m; sleep 1'));
  j(execTiming(['sh', '-c', "touch /tmp/drain\n# don't remove\nsleep 10"]));
  j(execTiming(['sh', '-c', 'sleep 5 # wait; then more']));
  j(parseScript('echo draining>/tmp/drain'));
  j(parseScript('echo draining >"/tmp/drain"'));
  j(parseScript('echo x &> /tmp/f'));
  j(parseScript('echo x 2>/dev/null; echo y 2> /dev/null; echo z >&2; echo w 1>/tmp/a; echo v >> /tmp/b'));
  j(parseScript('echo "a|b" > /tmp/x; sleep 5'));
  j(execTiming(['busybox', 'sleep', '5']));
  j(execTiming(['sleep', '100', '&']));
  j(parseScript('echo a\\;b'));
  try { j(globToRegExp('{*.yaml,*.yml}').source); } catch (e) { console.log('THROW', String(e)); }
  for (const t of ['replicas: {{ .Values.n }}\n', 'a: yes\nb: on\nc: 0644\nd: 1:30\ne: 2024-01-01\nf: y\n', 'base: &b\n  x: 1\nspec:\n  <<: *b\n  y: 2\n']) {
    const p = parseYaml(new SourceFile('t', t, false));
    j({ templateAt: p.templateAt, errs: p.documents.map((d) => d.errors), js: p.documents.map((d) => d.document.toJS()) });
    const v = rootView(p.documents[0]!.document, new ProblemSink());
    j(v?.keys());
    j(v?.map('spec')?.keys());
  }
});
