/**
 * Issue 15, item 10: a native preStop `sleep.seconds` above the effective grace period (30 s when
 * unset) is rejected by the API server (`validateSleepAction`): an `invalid-value` error.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lintText } from '../support/lint-text.js';
import { vllmDeployment } from '../support/manifests.js';

const withSleep = (seconds: number, grace?: number) => {
  const text = vllmDeployment({ container: `          lifecycle: {preStop: {sleep: {seconds: ${seconds}}}}\n` });
  return grace === undefined ? text.replace('      terminationGracePeriodSeconds: 180\n', '') : text.replace('terminationGracePeriodSeconds: 180', `terminationGracePeriodSeconds: ${grace}`);
};
const invalid = (text: string) => lintText(text, { rules }).filter((f) => f.ruleId === 'invalid-value');

describe('a native preStop sleep longer than the grace period', () => {
  it('is an invalid-value error at the seconds, against the grace period that is set', () => {
    const text = withSleep(60, 45);
    const [finding] = invalid(text);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toBe('spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds is 60, more than its terminationGracePeriodSeconds (45): the API server rejects the pod');
    const offset = text.indexOf('seconds: 60') + 'seconds: '.length;
    const before = text.slice(0, offset);
    expect([finding!.line, finding!.column]).toEqual([before.split('\n').length, offset - before.lastIndexOf('\n')]);
  });

  it('against the default 30 s when terminationGracePeriodSeconds is unset', () => {
    expect(invalid(withSleep(31)).map((f) => f.message)).toEqual([
      'spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds is 31, more than the grace period (30 s, the default: terminationGracePeriodSeconds is unset): the API server rejects the pod',
    ]);
  });

  it('a sleep as long as the grace period, or shorter, is accepted', () => {
    expect(invalid(withSleep(30))).toEqual([]);
    expect(invalid(withSleep(45, 45))).toEqual([]);
    expect(invalid(withSleep(15, 180))).toEqual([]);
  });
});
