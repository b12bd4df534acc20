/**
 * The audit log (docs/architecture.md §6). The core needs `openAuditLog` and the
 * AuditSink it returns; supervisors' tools need `verifyAuditDir` and
 * `exportCsv`.
 *
 * At start-up (one writer per folder):
 *
 *     const audit = await openAuditLog({
 *       dir: join(dataDir, 'audit'),
 *       kioskId: config.kioskId,
 *       keyProvider: createFileKeyProvider(defaultKeyPath(join(dataDir, 'audit'))),
 *     }); // AuditUnavailableError: start out of service (OUT_OF_SERVICE) and retry
 *
 * Around each sensitive action, before answering the renderer:
 *
 *     await audit.append({ event: 'otp.verified', outcome: 'success', sessionId,
 *       operatorId, subject: audit.subjectKey(e164Phone), detail: { channel: 'sms' } });
 *     // any rejection → the action does not happen; answer OUT_OF_SERVICE
 *
 * On shutdown: `await audit.close()`.
 */
export { openAuditLog, type AuditLog, type OpenAuditLogOptions } from './auditLog';
export { AuditInputError, AuditUnavailableError } from './errors';
export { createFileKeyProvider, defaultKeyPath, type KeyProvider } from './keys';
export { verifyAuditDir, type VerifyOptions, type VerifyReason, type VerifyResult } from './verify';
export { AuditExportError, collectRecords, exportCsv, recordsToCsv } from './csvExport';
export { GENESIS_HASH, type AuditRecord } from './record';
export type { AuditFs, AuditFileHandle } from './auditFs';
export type { Durability } from './writer';
export * from './types';
