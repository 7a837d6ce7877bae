/**
 * The server under editing, over stdio: a 5,000-line manifest changed 20 times in a row, and a
 * document deleted on disk while it is open. It answers throughout and its last diagnostics are
 * those of the last text (polled, never timed).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { EXAMPLES, tempDir } from '../cli/run.js';
import { startClient, uriOf, type TestClient } from './client.js';

const VLLM_BROKEN = readFileSync(join(EXAMPLES, 'vllm-broken.yaml'), 'utf8');
/** The Deployment of vllm-broken.yaml alone. */
const DEPLOYMENT = VLLM_BROKEN.split('---\n')[0]!;
const GRACE_WRITTEN = '    spec:\n      terminationGracePeriodSeconds: 180\n      containers:';

const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

const count = (diagnostics: readonly Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).length;

/** `copies` Deployments, each named apart; the first `fixed` of them with their grace period raised. */
function manifest(copies: number, fixed: number): string {
  return Array.from({ length: copies }, (_, i) => {
    const named = DEPLOYMENT.replaceAll('vllm-llama', `vllm-${i}`);
    return i < fixed ? named.replace('    spec:\n      containers:', GRACE_WRITTEN) : named;
  }).join('---\n');
}

describe('the server under editing', () => {
  it('a 5,000-line manifest changed 20 times in a row: the diagnostics of the last text are published, and the server answers', async () => {
    const perCopy = DEPLOYMENT.split('\n').length - 1;
    const copies = Math.ceil(5000 / perCopy);
    const original = manifest(copies, 0);
    expect(original.split('\n').length).toBeGreaterThanOrEqual(5000);

    const dir = tempDir({ 'big.yaml': original });
    const uri = uriOf(join(dir, 'big.yaml'));
    const client = await startClient(dir);
    clients.push(client);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: original } });
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1');
    expect(count(first, 'grace-period-default')).toBe(copies);

    // Twenty edits without waiting: each raises the grace period of one more Deployment.
    for (let edit = 1; edit <= 20; edit++) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: edit + 1 }, contentChanges: [{ text: manifest(copies, edit) }] });
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 21, 'for the last version (21)');
    expect(count(last, 'grace-period-default')).toBe(copies - 20);
    // It answers requests on the last text.
    const grace = last.find((d) => d.code === 'grace-period-default')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: grace.range, context: { diagnostics: [grace] } })) as CodeAction[];
    expect(actions.map((a) => a.title)).toContain('Fix: set terminationGracePeriodSeconds to 180');
    // After that round trip, what was published last is still the last version's: no stale lint overtook it.
    expect(client.diagnostics(uri)!.version).toBe(21);
    expect(client.stderr()).not.toMatch(/cannot lint|Error:/);
    expect(await client.stop()).toBe(0);
  });

  it('a document deleted on disk while open: its buffer is still linted, and closing it clears its diagnostics', async () => {
    const dir = tempDir({ 'deploy/vllm.yaml': VLLM_BROKEN, 'deploy/other.yaml': VLLM_BROKEN.replaceAll('vllm-llama', 'other') });
    const path = join(dir, 'deploy/vllm.yaml');
    const uri = uriOf(path);
    const client = await startClient(dir);
    clients.push(client);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: VLLM_BROKEN } });
    expect(count(await client.waitForDiagnostics(uri, (p) => p.version === 1, 'for version 1'), 'grace-period-default')).toBe(1);

    rmSync(path);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    const raised = VLLM_BROKEN.replace('    spec:\n      containers:', GRACE_WRITTEN);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: raised }] });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2, 'for version 2, the file gone');
    expect(count(after, 'grace-period-default')).toBe(0);
    expect(count(after, 'prestop-missing')).toBe(1);
    // Saving a buffer whose file is gone, then closing it.
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0, 'cleared on close');

    // The server lives on: another document of the workspace is linted.
    const other = uriOf(join(dir, 'deploy/other.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: VLLM_BROKEN.replaceAll('vllm-llama', 'other') } });
    expect(count(await client.waitForDiagnostics(other, (p) => p.version === 1, 'for another document'), 'grace-period-default')).toBe(1);
    expect(client.stderr()).not.toMatch(/cannot lint|Error:/);
    expect(await client.stop()).toBe(0);
  });
});
