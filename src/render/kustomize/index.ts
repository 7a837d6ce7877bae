/** Kustomize overlays: which directories are roots, what a root's build reads, and where each rendered field was written. */
export { splitBuildMetadata, ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION, type BuildMetadata, type ObjectOrigin } from './build-metadata.js';
export { cachedReader, diskReader, type FileReader } from './files.js';
export { KUSTOMIZATION_FILE_NAMES, kustomizationFileOf, readKustomization, type Kustomization, type KustomizationProblem, type KustomizationRead } from './kustomization.js';
export { kustomizeOriginMap, type KustomizeContext, type KustomizeOriginMap, type SettingFile } from './origin-map.js';
export { filesOf, overlayRoots } from './roots.js';
