export const EXPORTS_QUEUE = 'exports';
export const EXPORT_JOB = 'export';
export const EXPORTS_CLEANUP_JOB = 'exports-cleanup';

/** Rows fetched from the cursor at a time. */
export const EXPORT_BATCH_ROWS = 500;
