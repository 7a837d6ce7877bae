import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { chartDirOf, chartFileProbe } from '../render/chart.js';
import type { LintHost } from './host.js';

/**
 * The bytes of the workspace's manifests, by their path relative to the root: the context every
 * lint of an open document reads. Only texts are kept; each lint parses what it needs again, so
 * no model of the whole workspace outlives a lint.
 */
export class WorkspaceFiles {
  private files = new Map<string, Uint8Array>();

  constructor(
    readonly root: string,
    private readonly host: LintHost,
  ) {}

  /** Finds the manifests again (files come and go, ignore files change) and reads the new ones and those in `changed`; all of them with `changed` absent. */
  async refresh(config: Config, changed?: ReadonlySet<string>): Promise<void> {
    const found = await this.host.discover(this.root, config);
    const next = new Map<string, Uint8Array>();
    const hasChartFile = chartFileProbe();
    for (const path of found) {
      if (inChart(this.root, path, hasChartFile)) continue;
      const known = this.files.get(path);
      const bytes = known && changed && !changed.has(path) ? known : read(resolve(this.root, path));
      if (bytes) next.set(path, bytes);
    }
    this.files = next;
  }

  /** A file's text as saved from the editor, when it is one of the workspace's manifests. */
  saved(path: string, bytes: Uint8Array): void {
    if (this.files.has(path)) this.files.set(path, bytes);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  entries(): IterableIterator<[string, Uint8Array]> {
    return this.files.entries();
  }
}

/**
 * Whether a file belongs to a Helm chart: a run renders the chart and never reads its files as
 * YAML; the server does not run helm as you type, so it neither lints them nor reads them as context.
 */
export function inChart(root: string, path: string, hasChartFile?: (dir: string) => boolean): boolean {
  return chartDirOf(path, root, hasChartFile) !== undefined;
}

/** A file's bytes; one that cannot be read (deleted since the walk) is left out of the context. */
function read(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
