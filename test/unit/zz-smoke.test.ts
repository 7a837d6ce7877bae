import { it } from 'vitest';
import { compileCel } from '../../src/policy/cel.js';
it('smoke', () => {
  const v = [{ name: 'object', type: 'map' }];
  const L = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;
  let bind = 'a39.size() > 0';
  for (let i = 39; i >= 1; i--) bind = `cel.bind(a${i}, a${i - 1} + a${i - 1}, ${bind})`;
  const strings = `cel.bind(a0, "xxxxxxxxxx", ${bind})`;
  const lists = `cel.bind(a0, [1, 2, 3, 4, 5, 6, 7, 8], ${bind})`;
  for (const s of [
    `${L}.map(x, ${L}.map(y, ${L}.map(z, x)))`, strings, lists,
    `${L}.exists(x, ${L}.exists(y, ${L}.exists(z, false)))`,
    `${L}.all(x, ${L}.all(y, ${L}.all(z, z / 0 == 1)))`,
    `true || ${L}.exists(x, ${L}.exists(y, ${L}.exists(z, false)))`,
    `object.s.matches(object.p)`, `object.s.find('(a+)+$')`,
    '('.repeat(3000) + '1' + ')'.repeat(3000), '['.repeat(200) + ']'.repeat(200),
    'object.big.map(x, object.big.map(y, x))',
    'object.big.filter(x, object.big.exists(y, y == x)).size()',
  ]) {
    const started = Date.now();
    const c = compileCel(s, v);
    const out = JSON.stringify(c.ok ? c.program.evaluate({ object: { s: 'a'.repeat(100000) + 'b', p: '(a+)+$', big: Array.from({ length: 3000 }, (_, i) => i) } }) : c).slice(0, 200);
    console.log(s.slice(0, 60), '=>', out, Date.now() - started, 'ms');
  }
}, 60000);
