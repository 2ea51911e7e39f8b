export { Allowlist, slackGroupDirectory, silentLogger, type AllowlistConfig, type GroupDirectory, type Logger } from './allowlist.js';
export { AuditLog, AUDIT_NAMESPACE, type AuditEntry, type AuditInput } from './audit.js';
export { SignedStore, payloadKeyFromEnv } from './payloads.js';
