import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { loadConfig } from '../../src/config/load.js';
import { tempDir } from '../support/temp.js';

describe('checking a config file', () => {
  it('uses the schema of the rules given: the shipped rules by the validator compiled ahead of time, others by Ajv', async () => {
    const dir = tempDir({ 'c.yaml': 'rules:\n  single-replica: warn\n' });
    await expect(loadConfig('c.yaml', rules, dir)).resolves.toMatchObject({ path: 'c.yaml' });
    const others = rules.filter((rule) => rule.meta.id !== 'single-replica');
    await expect(loadConfig('c.yaml', others, dir)).rejects.toThrow('c.yaml:2:3: unknown rule "single-replica"');
  });

  it('reports a violation the same way from either validator', async () => {
    const dir = tempDir({ 'c.yaml': 'rules:\n  single-replica: loud\n' });
    const message = 'c.yaml:2:19: rules.single-replica must be one of "off", "warn", "warning", "error", got "loud"';
    await expect(loadConfig('c.yaml', rules, dir)).rejects.toThrow(message);
    await expect(loadConfig('c.yaml', rules.slice(1), dir)).rejects.toThrow(message);
  });
});
