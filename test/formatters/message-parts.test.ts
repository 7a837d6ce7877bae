/**
 * The split of a message into headline, detail and context, on the real messages of every rule
 * (made by linting fixtures/), and on what fixing and rendering append to them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/core/findings.js';
import { withdrawFix } from '../../src/fix/fixer.js';
import { joinParts, messageParts } from '../../src/formatters/message-parts.js';
import { allFindings, runInProcess, type JsonReport } from '../cli/run.js';

const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether every bracket the text opens it closes, in order. */
function balanced(text: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const char of text) {
    if ('([{'.includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0;
}

let messages: { ruleId: string; message: string }[] = [];

beforeAll(async () => {
  const result = await runInProcess(['--format', 'json', 'fixtures']);
  const seen = new Set<string>();
  for (const { ruleId, message } of allFindings(JSON.parse(result.stdout) as JsonReport)) {
    if (seen.has(message)) continue;
    seen.add(message);
    messages.push({ ruleId, message });
    // What --fix appends to a finding whose fix it could not apply, and a rendered base appends to a finding two overlays share.
    const withdrawn = { message, fixable: true } as Finding;
    withdrawFix(withdrawn, 'the file is read-only');
    messages.push({ ruleId, message: withdrawn.message }, { ruleId, message: `${message} [overlay deploy/overlays/aws, overlay deploy/overlays/gke]` });
  }
  messages = messages.filter((m) => m.message.length > 0);
}, 120_000);

describe('messageParts on every rule’s real messages', () => {
  it('the fixtures give messages of every rule', () => {
    const missing = rules.map((r) => r.meta.id).filter((id) => !messages.some((m) => m.ruleId === id));
    expect(missing).toEqual([]);
  });

  it('loses, adds and reorders nothing: the parts joined give the message back (modulo spaces)', () => {
    for (const { message } of messages) {
      const parts = messageParts(message);
      expect(spaced(joinParts(parts)), message).toBe(spaced(message));
      for (const part of Object.values(parts)) expect(part, message).toBe(part.trim());
      expect(parts.headline.length, message).toBeGreaterThan(0);
    }
  });

  it('ends the headline at a sentence end outside brackets, and leaves only bracketed notes in the context', () => {
    for (const { message } of messages) {
      const { headline, detail, context } = messageParts(message);
      if (detail !== '') expect(headline, message).toMatch(/[.!?]$/);
      if (balanced(message)) expect(balanced(headline), headline).toBe(true);
      if (context !== '') expect(context, message).toMatch(/^[[(].*[\])]$/);
    }
  });

  it('what --fix appends is context, never headline or detail', () => {
    for (const { message } of messages.filter((m) => m.message.endsWith('(not fixed: the file is read-only)'))) {
      const { headline, detail, context } = messageParts(message);
      expect(context, message).toMatch(/\(not fixed: the file is read-only\)$/);
      expect(`${headline} ${detail}`, message).not.toContain('(not fixed:');
    }
  });
});

describe('messageParts on chosen messages', () => {
  it('the grace period: the first sentence, the advice, the profile', () => {
    const message = messages.find((m) => m.ruleId === 'grace-period-default' && m.message.startsWith('Deployment inference/vllm-llama keeps'))!.message;
    expect(messageParts(message)).toEqual({
      headline:
        'Deployment inference/vllm-llama keeps the default 30 s grace period, below its grace budget of 180 s (preStop 15 s + longest request 150 s + margin 15 s): pods are killed 30 s into every drain, mid-request.',
      detail: 'Set terminationGracePeriodSeconds: 180.',
      context: "[gpu-inference: container vllm requests nvidia.com/gpu; no preStop yet: counted at the gpu-inference profile's 15 s]",
    });
  });

  it('no sentence ends at a version, an abbreviation or a dot inside brackets', () => {
    expect(messageParts('Image v0.11.0 lacks it (see e.g. the notes. Really) so e.g. Karpenter evicts it. Upgrade it.')).toEqual({
      headline: 'Image v0.11.0 lacks it (see e.g. the notes. Really) so e.g. Karpenter evicts it.',
      detail: 'Upgrade it.',
      context: '',
    });
  });

  it('a bracket that is part of the sentence stays in it; a message with one sentence is all headline', () => {
    expect(messageParts('declare it in the config: workloadKinds: [{kind: Service}]')).toEqual({ headline: 'declare it in the config: workloadKinds: [{kind: Service}]', detail: '', context: '' });
    expect(messageParts('must be an integer, got the string "2m"')).toEqual({ headline: 'must be an integer, got the string "2m"', detail: '', context: '' });
    expect(messageParts('It is wrong. Fix it: { a: 1 } [profile: why] (not fixed: read-only)')).toEqual({
      headline: 'It is wrong.',
      detail: 'Fix it: { a: 1 }',
      context: '[profile: why] (not fixed: read-only)',
    });
  });
});
