import { describe, expect, it } from 'vitest';
import { compareFindings, type Finding } from '../../src/core/findings.js';

const at = (line: number, column: number, ruleId: string, message = 'm'): Finding => ({
  ruleId,
  severity: 'warn',
  message,
  line,
  column,
  endLine: line,
  endColumn: column,
  fixable: false,
  fingerprint: '',
});

const order = (findings: Finding[]) => [...findings].sort(compareFindings).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

describe('compareFindings', () => {
  it('orders by line, column, rule id, then message', () => {
    expect(order([at(2, 1, 'a'), at(1, 5, 'b'), at(1, 5, 'a', 'y'), at(1, 5, 'a', 'x'), at(1, 2, 'z')])).toEqual(['1:2 z m', '1:5 a x', '1:5 a y', '1:5 b m', '2:1 a m']);
  });

  it('orders rule ids as the default collation does (hyphens before digits before letters, a prefix first)', () => {
    const ids = ['pdb-overlap', 'pdb-missing', 'pdb', 'pdb-2', 'pdb2', 'pdbx', 'yaml-syntax', 'grace-budget-exceeded', 'a-b', 'a0', 'ab'];
    const collated = [...ids].sort((a, b) => a.localeCompare(b, 'en'));
    expect(order(ids.map((id) => at(1, 1, id))).map((line) => line.split(' ')[1])).toEqual(collated);
  });

  it('orders other ids and messages with the collation (not by code unit)', () => {
    // By code unit "Z" < "a" and "é" > "f"; the collation puts them among their letters.
    expect(order([at(1, 1, 'r', 'Zeta'), at(1, 1, 'r', 'alpha'), at(1, 1, 'r', 'fin'), at(1, 1, 'r', 'été')]).map((line) => line.split(' ')[2])).toEqual(['alpha', 'été', 'fin', 'Zeta']);
    expect(order([at(1, 1, 'Zed'), at(1, 1, 'abc')]).map((line) => line.split(' ')[1])).toEqual(['abc', 'Zed']);
  });
});
