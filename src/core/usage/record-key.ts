import type { PastedUsageRecord } from '../extract/usage-records.js';

/**
 * The service's idempotency key for a usage record: customer, dimension and time (and the
 * license). Two records with the same key are one record to AWS, whatever their quantity, so
 * everything that matches records (a plan's duplicates, a response's results, intake reports,
 * the deadline watch) matches on this one key.
 */
export function recordKey(r: {
  Timestamp: Date;
  Dimension?: string;
  CustomerIdentifier?: string;
  CustomerAWSAccountId?: string;
  LicenseArn?: string;
}): string {
  return JSON.stringify([
    r.CustomerIdentifier ?? null,
    r.CustomerAWSAccountId ?? null,
    r.Dimension ?? null,
    r.Timestamp.getTime(),
    r.LicenseArn ?? null,
  ]);
}

/** The same key for a record as MeterDoc keeps it (ISO timestamp, camel-case fields). */
export function pastedRecordKey(r: PastedUsageRecord): string {
  return recordKey({
    Timestamp: new Date(r.timestamp),
    Dimension: r.dimension,
    ...(r.customerIdentifier !== undefined ? { CustomerIdentifier: r.customerIdentifier } : {}),
    ...(r.customerAwsAccountId !== undefined ? { CustomerAWSAccountId: r.customerAwsAccountId } : {}),
    ...(r.licenseArn !== undefined ? { LicenseArn: r.licenseArn } : {}),
  });
}
