import { describe, expect, it } from 'vitest';
import { answerFromFinding, diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Every error named in the three seed documents (shared/seeds), pasted the way a person would,
 * with the entry that must answer it. Where a seed is wrong, the entry says so.
 */
const SEED_ERRORS: Array<[string, string]> = [
  // Aviatrix "Metering Send Error" page (seed 000)
  [
    'Unable to send Metering record: An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::094123412341:assumed-role/aws-elasticbeanstalk-ec2-role/i-07abb25asdfasdf8 is not authorized to perform: aws-marketplace:MeterUsage',
    'metering-access-denied',
  ],
  [
    '(UnrecognizedClientException) when calling the MeterUsage operation: The security token included in the request is invalid',
    'credentials-invalid-token',
  ],
  ['botocore.exceptions.NoCredentialsError: Unable to locate credentials', 'credentials-not-found'],
  [
    'RuntimeError: Credentials were refreshed, but the refreshed credentials are still expired.',
    'credentials-refreshed-still-expired',
  ],
  ["KeyError: 'access_key'", 'credentials-refresh-missing-access-key'],
  [
    'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://metering.marketplace.us-east-1.amazonaws.com/"',
    'network-timeout',
  ],
  [
    'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.us-east-1.amazonaws.com/"',
    'network-endpoint-unreachable',
  ],
  // Vellocity's ten BatchMeterUsage errors (seed 001)
  [
    'An error occurred (InvalidCustomerIdentifierException) when calling the BatchMeterUsage operation: You have metered usage for a CustomerIdentifier that does not exist.',
    'metering-invalid-customer-identifier',
  ],
  [
    'An error occurred (DuplicateRequestException) when calling the MeterUsage operation: A metering record has already been emitted by the same EC2 instance for the given {usageDimension, timestamp} with a different usageQuantity.',
    'metering-duplicate-request',
  ],
  [
    'An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: The timestamp value passed in the UsageRecord is out of allowed range.',
    'metering-timestamp-out-of-bounds',
  ],
  [
    "An error occurred (InvalidUsageDimensionException) when calling the BatchMeterUsage operation: Dimension with key 'Starter_Trip_Usage' for productCode has no metering record present in Metering Service",
    'metering-invalid-usage-dimension',
  ],
  [
    'An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: The product code passed does not match the product code used for publishing the product.',
    'metering-invalid-product-code',
  ],
  [
    'An error occurred (InvalidEndpointRegionException) when calling the MeterUsage operation: The endpoint being called is in a AWS Region different from your EC2 instance.',
    'metering-invalid-endpoint-region',
  ],
  [
    'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded',
    'metering-throttling',
  ],
  [
    'An error occurred (InternalServiceErrorException) when calling the BatchMeterUsage operation: An internal error has occurred. Retry your request.',
    'metering-internal-service-error',
  ],
  [
    'An error occurred (ExpiredTokenException) when calling the BatchMeterUsage operation: The security token included in the request is expired',
    'credentials-session-expired',
  ],
  [
    'An error occurred (ExpiredTokenException) when calling the ResolveCustomer operation: The submitted registration token has expired.',
    'resolve-customer-expired-token',
  ],
  [
    'An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/saas-metering/s is not authorized to perform: aws-marketplace:BatchMeterUsage',
    'metering-access-denied',
  ],
  // meshStack cost import (seed 002)
  [
    'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/meshcloud-cost-collector is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/MeshCostExplorerServiceRole',
    'sts-assume-role-denied',
  ],
  [
    'An error occurred (AccessDeniedException) when calling the GetCostAndUsage operation: User not enabled for cost explorer access',
    'ce-not-enabled',
  ],
  [
    'botocore.errorfactory.AWSOrganizationsNotInUseException: An error occurred (AWSOrganizationsNotInUseException) when calling the ListAccounts operation: Your account is not a member of an organization.',
    'org-not-in-use',
  ],
];

describe('every error in the seed documents is answered by the right entry', () => {
  it.each(SEED_ERRORS)('%s → %s', (paste, entryId) => {
    const result = diagnose(paste, realCatalog(), { now: NOW });
    expect(result.isError).toBe(true);
    expect(result.findings[0]?.entry.id).toBe(entryId);
  });
});

describe('where the seeds are wrong, the answer follows the facts and says what changed', () => {
  const answerFor = (paste: string) => answerFromFinding(diagnose(paste, realCatalog(), { now: NOW }).findings[0]!);
  const fullText = (paste: string) => {
    const a = answerFor(paste);
    return [a.what, ...a.why, ...a.fix, a.correction ?? ''].join('\n');
  };

  it('BatchMeterUsage accepts records for 24 hours since July 2026, not 6', () => {
    expect(
      fullText(
        'An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: out of allowed range',
      ),
    ).toMatch(/24 hours/);
  });

  it('DuplicateRequestException is not safe to ignore: the new quantity was not billed', () => {
    expect(
      answerFor('An error occurred (DuplicateRequestException) when calling the MeterUsage operation: x').severity,
    ).not.toBe('info');
  });

  it('metering policies take "Resource": "*", never a product ARN', () => {
    const answer = answerFor(SEED_ERRORS[0]![0]);
    expect(JSON.parse(answer.policy!).Statement[0].Resource).toBe('*');
  });

  it('an expired registration token on ResolveCustomer cannot be fixed by a retry', () => {
    expect(
      answerFor(
        'An error occurred (ExpiredTokenException) when calling the ResolveCustomer operation: The submitted registration token has expired.',
      ).retryable,
    ).toBe(false);
  });

  it('InvalidEndpointRegionException: hard-coding us-east-1 is the cause, not the cure', () => {
    expect(
      fullText('An error occurred (InvalidEndpointRegionException) when calling the MeterUsage operation: x'),
    ).toMatch(/us-east-1/);
  });
});
