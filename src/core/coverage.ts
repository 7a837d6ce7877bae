/** Objects of one kind the run saw but no reader judged. */
export interface UncheckedKind {
  apiVersion: string;
  kind: string;
  count: number;
}

/** What a run judged: the linted files, the workloads read in them, and the custom resources of kinds not read. */
export interface Coverage {
  files: number;
  workloads: number;
  uncheckedKinds: UncheckedKind[];
}

/** What was judged in one linted file. */
export type FileCoverage = Omit<Coverage, 'files'>;

/** The run's coverage, summed over the files the engine linted (a config's unused-ignore result is no linted file). */
export function runCoverage(results: readonly { coverage?: FileCoverage }[]): Coverage {
  const coverage: Coverage = { files: 0, workloads: 0, uncheckedKinds: [] };
  for (const { coverage: file } of results) {
    if (!file) continue;
    coverage.files++;
    coverage.workloads += file.workloads;
    for (const unchecked of file.uncheckedKinds) {
      const same = coverage.uncheckedKinds.find((u) => u.apiVersion === unchecked.apiVersion && u.kind === unchecked.kind);
      if (same) same.count += unchecked.count;
      else coverage.uncheckedKinds.push({ ...unchecked });
    }
  }
  coverage.uncheckedKinds.sort((a, b) => a.kind.localeCompare(b.kind) || a.apiVersion.localeCompare(b.apiVersion));
  return coverage;
}
