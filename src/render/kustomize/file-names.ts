/** The names kustomize looks for in a directory, in its order; a directory may hold only one (api/konfig/general.go). */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;
