/**
 * The two ways an append can be refused. The core treats both as "do not
 * perform the sensitive action" (fail closed, docs/architecture.md §6); they differ in
 * who must act: an operator/technician (disk, permissions) or a developer.
 */

/**
 * The log cannot be written right now: disk full, permission denied,
 * read-only file system, I/O error, bad clock, or the log was closed.
 * The log stays consistent; the next append retries (see `AuditLog`).
 */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
  /** The errno code of the underlying failure when there is one (`ENOSPC`, `EACCES`…). */
  readonly code: string | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = errnoCode(options?.cause);
  }
}

/**
 * The event itself was refused: unknown event name, a subject that is not
 * masked or keyed-hashed, a detail key that looks secret, too many detail
 * keys… A programming error in the caller; nothing was written.
 */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}

/** The `code` of a Node system error (`ENOSPC`…), if `error` is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
