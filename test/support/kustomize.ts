/**
 * Whether the kubectl on PATH builds overlays as the Kustomize tests need: kustomize v4.5.4 or later
 * (kubectl 1.24+), which has the `patches` field and the build metadata the origins are read from.
 * Debian's kubernetes-client (kubectl 1.20, kustomize v2) has neither: the tests skip, saying so.
 */
import { spawnSync } from 'node:child_process';

export const kustomizeVersionLine = (() => {
  try {
    const result = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
    return result.status === 0 ? /Kustomize Version: v(\d+)\.(\d+)\.(\d+)/.exec(result.stdout ?? '') : null;
  } catch {
    return null;
  }
})();

export const modernKustomize =
  kustomizeVersionLine !== null && Number(kustomizeVersionLine[1]) * 10_000 + Number(kustomizeVersionLine[2]) * 100 + Number(kustomizeVersionLine[3]) >= 40_504;

/** The tests' note when they skip. */
export function warnWithoutKustomize(file: string): void {
  if (!modernKustomize) console.warn(`[${file}] no kubectl with kustomize v4.5.4 or later on PATH: skipping the tests that build overlays with it (.ci/run installs kubectl).`);
}
