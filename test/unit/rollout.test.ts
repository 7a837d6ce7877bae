/**
 * Issue 15, item 3: a StatefulSet's maxUnavailable rounds a percentage down, never below 1, and
 * takes effect only where the MaxUnavailableStatefulSet gate is on by default (1.35.0–1.35.3 and
 * from 1.37).
 */
import { describe, expect, it } from 'vitest';
import { rolloutUnavailable, statefulSetMaxUnavailableGate, statefulSetMaxUnavailableReleases, type RolloutStrategy } from '../../src/model/rollout.js';

const strategy = (maxUnavailable: number | string, atLeastOne: boolean): RolloutStrategy => ({
  type: 'RollingUpdate',
  maxUnavailable,
  atLeastOne,
  anchor: { start: 0, end: 0 },
});

describe('rolloutUnavailable', () => {
  it('rounds a StatefulSet percentage down, never below 1', () => {
    expect(rolloutUnavailable(strategy('50%', true), 3)).toBe(1);
    expect(rolloutUnavailable(strategy('10%', true), 3)).toBe(1);
    expect(rolloutUnavailable(strategy('26%', true), 4)).toBe(1);
    expect(rolloutUnavailable(strategy('60%', true), 4)).toBe(2);
    expect(rolloutUnavailable(strategy(2, true), 4)).toBe(2);
  });

  it('rounds a Deployment percentage down, to 0 if need be', () => {
    expect(rolloutUnavailable(strategy('10%', false), 3)).toBe(0);
    expect(rolloutUnavailable(strategy('25%', false), 8)).toBe(2);
  });
});

describe('statefulSetMaxUnavailableGate', () => {
  it.each([
    ['1.24', 'off'],
    ['1.34', 'off'],
    ['1.34.9', 'off'],
    ['1.35.0', 'on'],
    ['1.35.2', 'on'],
    ['1.35.3', 'on'],
    ['1.35.4', 'off'],
    ['1.35.12', 'off'],
    ['1.36', 'off'],
    ['1.36.0', 'off'],
    ['1.37', 'on'],
    ['1.37.0', 'on'],
    ['1.40', 'on'],
    ['1.35', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%s: %s', (version, gate) => {
    expect(statefulSetMaxUnavailableGate(version)).toBe(gate);
  });

  it('describes the releases where the gate is on by default', () => {
    expect(statefulSetMaxUnavailableReleases()).toBe('1.35.0–1.35.3 and from 1.37');
  });
});
