/**
 * The hover on a finding, through the real server over stdio: the arithmetic its rule computed
 * (grace budget, readiness flip time, disruptions allowed), the rule's description and its doc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver';
import { EXAMPLES, ROOT, tempDir } from '../cli/run.js';
import { startClient, uriOf, type TestClient } from './client.js';

const DOCS = 'https://github.com/gpu-drain-lint/gpu-drain-lint/blob/main/docs/rules/';
const RULES = join(ROOT, 'fixtures/rules');
/** vllm-broken.yaml with the default grace period written out. */
const VLLM_GRACE_30 = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8').replace('    spec:\n      containers:', '    spec:\n      terminationGracePeriodSeconds: 30\n      containers:');

const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

/** Opens `text` as `name` in a workspace of its own and waits for its first diagnostics. */
async function openAlone(name: string, text: string): Promise<{ client: TestClient; uri: string; diagnostics: Diagnostic[] }> {
  const dir = tempDir({ [name]: text });
  const uri = uriOf(join(dir, name));
  const client = await startClient(dir);
  clients.push(client);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1');
  return { client, uri, diagnostics };
}

function hover(client: TestClient, uri: string, position: Position): Promise<Hover | null> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
}

/** The Markdown of a hover that must exist. */
function markdown(result: Hover | null): string {
  expect(result).not.toBeNull();
  const contents = result!.contents as MarkupContent;
  expect(contents.kind).toBe('markdown');
  return contents.value;
}

/** The position of the `nth` character of the first line of `text` holding `needle`. */
function positionOf(text: string, needle: string, nth = 0): Position {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  expect(line).toBeGreaterThanOrEqual(0);
  return { line, character: text.split('\n')[line]!.indexOf(needle) + nth };
}

function finding(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  expect(found, `${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`).toBeDefined();
  return found!;
}

describe('hover on a finding', () => {
  it('shows the grace budget on terminationGracePeriodSeconds: its parts, the total, the grace written; elsewhere nothing', async () => {
    const { client, uri, diagnostics } = await openAlone('vllm.yaml', VLLM_GRACE_30);
    const grace = finding(diagnostics, 'grace-period-default');
    const field = positionOf(VLLM_GRACE_30, 'terminationGracePeriodSeconds');
    expect(grace.range.start).toEqual(field);

    // Anywhere on the field, not only at its first character.
    const value = markdown(await hover(client, uri, positionOf(VLLM_GRACE_30, 'terminationGracePeriodSeconds', 12)));
    expect(value).toContain('**grace-period-default** (error)');
    expect(value).toContain('| preStop | 15 |');
    expect(value).toContain('| + longest request | 150 |');
    expect(value).toContain('| + margin | 15 |');
    expect(value).toContain('| **= budget** | **180** |');
    expect(value).toContain('| terminationGracePeriodSeconds (as written) | 30 |');
    expect(value).toContain('set terminationGracePeriodSeconds to 180');
    expect(value).toContain("_no preStop yet: counted at the gpu-inference profile's 15 s._");
    expect(value).toContain(`(${DOCS}grace-period-default.md)`);
    // The hover's figures are the ones the finding's message states.
    const [, total, preStop, longest, margin] = /grace budget of (\d+) s \(preStop (\d+) s \+ longest request (\d+) s \+ margin (\d+) s\)/.exec(grace.message)!;
    expect([total, preStop, longest, margin]).toEqual(['180', '15', '150', '15']);
    expect((await hover(client, uri, field))!.range).toEqual(grace.range);

    expect(await hover(client, uri, { line: 0, character: 2 })).toBeNull();
    expect(await hover(client, uri, positionOf(VLLM_GRACE_30, 'containerPort: 8000', 3))).toBeNull();
    // Just past the range's end.
    expect(await hover(client, uri, grace.range.end)).toBeNull();
  });

  it("says where a grace period that is not written comes from (Kubernetes' default)", async () => {
    const text = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
    const { client, uri, diagnostics } = await openAlone('vllm.yaml', text);
    const grace = finding(diagnostics, 'grace-period-default');
    const value = markdown(await hover(client, uri, grace.range.start));
    expect(value).toContain("| terminationGracePeriodSeconds (Kubernetes' default, not written) | 30 |");
    expect(value).toContain('| **= budget** | **180** |');
  });

  it('shows the grace budget of grace-budget-exceeded, with the preStop read from the hook', async () => {
    const text = readFileSync(join(RULES, 'grace-budget-exceeded/invalid/exec-shell-touch-and-sleep.yaml'), 'utf8');
    const { client, uri, diagnostics } = await openAlone('sglang.yaml', text);
    const exceeded = finding(diagnostics, 'grace-budget-exceeded');
    expect(exceeded.range.start).toEqual(positionOf(text, 'terminationGracePeriodSeconds: 120'));
    const value = markdown(await hover(client, uri, exceeded.range.start));
    expect(value).toContain('**grace-budget-exceeded** (error)');
    expect(value).toContain('| preStop | 20 |');
    expect(value).toContain('| + longest request | 150 |');
    expect(value).toContain('| + margin | 15 |');
    expect(value).toContain('| **= budget** | **185** |');
    expect(value).toContain('| terminationGracePeriodSeconds (as written) | 120 |');
    expect(value).toContain('65 s short of the budget');
    // The preStop was read from the hook: no assumption to explain.
    expect(value).not.toContain('counted at');
  });

  it('shows the readiness flip time against the preStop sleep', async () => {
    const text = readFileSync(join(RULES, 'readiness-too-slow/invalid/marker-probe-slower-than-the-sleep.yaml'), 'utf8');
    const { client, uri, diagnostics } = await openAlone('vllm.yaml', text);
    const slow = finding(diagnostics, 'readiness-too-slow');
    const value = markdown(await hover(client, uri, slow.range.start));
    expect(value).toContain('**readiness-too-slow** (warn)');
    expect(value).toContain('periodSeconds 5 × failureThreshold 3 + timeoutSeconds 1 = **16 s**');
    expect(value).toContain('longer than the 10 s preStop sleep by 6 s');
    expect(value).toContain(`(${DOCS}readiness-too-slow.md)`);
  });

  it('shows the disruptions a PodDisruptionBudget allows: the pods, the rounding, the profile limit', async () => {
    const text = readFileSync(join(RULES, 'pdb-too-permissive/invalid/hpa-max-replicas.yaml'), 'utf8');
    const { client, uri, diagnostics } = await openAlone('test.yaml', text);
    const loose = finding(diagnostics, 'pdb-too-permissive');
    expect(loose.range.start).toEqual(positionOf(text, '  minAvailable: 2', 2));
    const value = markdown(await hover(client, uri, loose.range.start));
    expect(value).toContain('- pods counted: 10');
    expect(value).toContain('- minAvailable: 2 (minAvailable 2 of 10 pods leaves 8)');
    expect(value).toContain('- disruptions allowed: **8** (the drain profile allows 1 at once)');
  });

  it('shows why a blocking PodDisruptionBudget allows none', async () => {
    const text = readFileSync(join(EXAMPLES, 'pdb-blocks-drain.yaml'), 'utf8');
    const { client, uri, diagnostics } = await openAlone('pdb.yaml', text);
    const blocks = finding(diagnostics, 'pdb-blocks-drain');
    const value = markdown(await hover(client, uri, blocks.range.start));
    expect(value).toContain('**pdb-blocks-drain** (error)');
    expect(value).toContain('- pods counted: 3');
    expect(value).toContain('- maxUnavailable: 0 (maxUnavailable: 0 lets no pod go)');
    expect(value).toContain('- disruptions allowed: **0**');
  });
});
