import type { FileReader } from '../../../src/render/kustomize/files.js';

/** A file system of the given files (absolute paths), directories implied by them; counts reads. */
export function memoryReader(files: Record<string, string>): FileReader & { reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    readFile(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return files[path];
    },
    isDirectory(path) {
      return Object.keys(files).some((file) => file.startsWith(`${path}/`));
    },
  };
}
