import { describe, expect, it } from 'vitest';
import { defineRule, formatMessage, profileSuffix, type Rule } from '../../src/engine/rule.js';
import { DEFAULT_PROFILES } from '../../src/analysis/profile.js';
import { lintText } from '../support/lint-text.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  mode: a\n';

/** Reports every ConfigMap with `threshold` from its own options and `limit` from another rule's. */
const limitRule = defineRule({
  meta: {
    id: 'test-limit',
    description: 'a test rule that states a limit',
    defaultSeverity: 'warn',
    fixable: 'none',
    docs: { finds: 'nothing' },
    messages: { noLimit: 'no limit here' },
    options: { limit: { type: 'number', minimum: 0, default: 5, description: 'The limit.' } },
  },
  check() {},
});

const reportingRule = defineRule({
  meta: {
    id: 'test-report',
    description: 'a test rule that reports every ConfigMap',
    defaultSeverity: 'error',
    fixable: 'none',
    docs: { finds: 'every ConfigMap' },
    messages: {
      over: 'ConfigMap {{name}} is over {{threshold}} (limit {{limit}})',
      missing: 'ConfigMap {{name}} needs {{absent}}',
    },
    options: {
      threshold: { type: 'integer', minimum: 1, default: 3, description: 'The threshold.' },
      paths: { type: 'array', items: { type: 'string' }, default: [] as string[], description: 'Paths.' },
    },
  },
  check(context) {
    for (const object of context.index.model.objects) {
      const threshold: number = context.options.threshold;
      const limit: number = context.optionsOf(limitRule).limit;
      context.report({ object, span: object.anchor, messageId: 'over', data: { name: object.name ?? '', threshold, limit }, profile: { name: 'gpu-inference', settings: DEFAULT_PROFILES['gpu-inference'], reason: 'a test' }, profileNote: 'a note' });
      // @ts-expect-error: `limit` is not a placeholder of 'missing', and `absent` is missing
      if (threshold < 0) context.report({ object, span: object.anchor, messageId: 'missing', data: { name: 'x', limit: 1 } });
      // @ts-expect-error: no such message id
      if (threshold < 0) context.report({ object, span: object.anchor, messageId: 'nope' });
    }
  },
});

describe('the rule API', () => {
  it('derives the options schema and defaults from the option specs', () => {
    expect(reportingRule.meta.defaultOptions).toEqual({ threshold: 3, paths: [] });
    expect(reportingRule.meta.optionsSchema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        threshold: { type: 'integer', minimum: 1, default: 3, description: 'The threshold.' },
        paths: { type: 'array', items: { type: 'string' }, default: [], description: 'Paths.' },
      },
    });
    expect(reportingRule.meta.docsUrl).toMatch(/docs\/rules\/test-report\.md$/);
    expect(defineRule({ meta: { id: 'x', description: 'd', defaultSeverity: 'warn', fixable: 'none', docs: { finds: 'f' }, messages: { m: 'm' } }, check() {} }).meta.optionsSchema).toBeUndefined();
  });

  it('fills placeholders, and refuses a template whose value is missing', () => {
    expect(formatMessage('{{a}} and {{b}}, {{a}} again', { a: 1, b: 'two' }, 'r')).toBe('1 and two, 1 again');
    expect(() => formatMessage('{{a}} and {{b}}', { a: 1 }, 'some-rule')).toThrow('rule some-rule: no value for {{b}}');
  });

  it('appends the profile note, with its note after a semicolon', () => {
    const profile = { name: 'long-lived' as const, settings: DEFAULT_PROFILES['long-lived'], reason: 'Service chat serves WebSockets' };
    expect(profileSuffix(profile, undefined)).toBe(' [long-lived: Service chat serves WebSockets]');
    expect(profileSuffix(profile, 'counted at 20 s')).toBe(' [long-lived: Service chat serves WebSockets; counted at 20 s]');
    expect(profileSuffix(undefined, 'ignored')).toBe('');
  });

  it('reports by message id with data, the profile note, and another rule’s effective options', () => {
    const rules = [reportingRule, limitRule] as Rule[];
    const [finding] = lintText(CONFIG_MAP, { rules });
    expect(finding).toMatchObject({ ruleId: 'test-report', messageId: 'over', data: { name: 'm', threshold: 3, limit: 5 } });
    expect(finding!.message).toBe('ConfigMap m is over 3 (limit 5) [gpu-inference: a test; a note]');
    const configured = lintText(CONFIG_MAP, {
      rules,
      settings: { 'test-report': { level: 'error', options: { threshold: 7 } }, 'test-limit': { level: 'off', options: { limit: 9 } } },
    });
    expect(configured[0]!.data).toEqual({ name: 'm', threshold: 7, limit: 9 });
  });

  it('a report with an unknown message id fails the run, naming the rule', () => {
    const broken = defineRule({
      meta: { id: 'test-broken', description: 'd', defaultSeverity: 'warn', fixable: 'none', docs: { finds: 'f' }, messages: { m: 'm' } },
      check(context) {
        for (const object of context.index.model.objects) (context.report as (r: object) => void)({ object, span: object.anchor, messageId: 'gone' });
      },
    });
    expect(() => lintText(CONFIG_MAP, { rules: [broken] as Rule[] })).toThrow('rule test-broken failed: rule test-broken has no message "gone"');
  });
});
