/** The largest answers file an import reads. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
