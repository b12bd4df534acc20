import { openAuditLog, type AuditLog } from '../audit/auditLog';
import { createFileKeyProvider, defaultKeyPath, type KeyProvider } from '../audit/keys';

/**
 * Opens the kiosk's audit log in `dir`. The subject key comes from
 * `keyProvider` (Electron: safeStorage) or, by default, from a 0600 file
 * beside the log folder, never inside it.
 */
export function openKioskAudit(dir: string, kioskId: string, keyProvider?: KeyProvider): Promise<AuditLog> {
  return openAuditLog({ dir, kioskId, keyProvider: keyProvider ?? createFileKeyProvider(defaultKeyPath(dir)) });
}
