import { describe, expect, it } from 'vitest';
import { answerFromFinding, diagnose, type Answer } from '../../../src/core/index.js';
import { NOW, realCatalog } from '../helpers.js';

function answerFor(paste: string): Answer {
  const finding = diagnose(paste, realCatalog(), { now: NOW }).findings[0];
  if (!finding) throw new Error(`no entry matched: ${paste}`);
  return answerFromFinding(finding);
}

/** Everything the reader is told to do or consider, as one text. */
function advice(answer: Answer): string {
  return [answer.what, ...answer.why, ...answer.fix, answer.correction ?? ''].join('\n');
}

/** A step that tells the reader to check that the call runs in the seller's account. */
const SELLER_ACCOUNT_CHECK =
  /(confirm|check)[^.]*(seller account|account that published)|seller account that (owns|published)/i;

const RESENDS = {
  'a MeterUsage read timeout (botocore)':
    'botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "https://metering.marketplace.eu-central-1.amazonaws.com/"',
  'a MeterUsage connection reset (JS SDK v3)':
    "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20) {\n  errno: -104,\n  code: 'ECONNRESET',\n  syscall: 'read',\n  '$metadata': { attempts: 3, totalRetryDelay: 312 }\n} while calling MeterUsage on metering.marketplace.us-west-2.amazonaws.com",
  'MeterUsage throttled':
    'An error occurred (ThrottlingException) when calling the MeterUsage operation (reached max retries: 4): The calls to the API are throttled.',
  'a MeterUsage internal error':
    'An error occurred (InternalServiceErrorException) when calling the MeterUsage operation (reached max retries: 4): An internal error has occurred. Retry your request. If the problem persists, post a message with details on the AWS forums.',
} as const;

describe('resend advice for MeterUsage', () => {
  it.each(Object.entries(RESENDS))('%s: resend with the original ClientToken', (_name, paste) => {
    const answer = answerFor(paste);
    expect(answer.fix.join('\n')).toMatch(/ClientToken/);
    expect(answer.fix.join('\n')).not.toMatch(/cannot double-bill/);
  });

  it('says why: on Amazon Bedrock AgentCore Runtime only the ClientToken tells a resend from new usage', () => {
    const fix = answerFor(RESENDS['a MeterUsage read timeout (botocore)']).fix.join('\n');
    expect(fix).toContain('Amazon Bedrock AgentCore Runtime');
    expect(fix).toContain('original ClientToken');
  });
});

describe('resend advice names the same Region', () => {
  it.each([
    ...Object.entries(RESENDS),
    [
      'an endpoint that did not resolve',
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.ap-southeast-2.amazonaws.com/"',
    ],
    [
      'BatchMeterUsage left records unprocessed',
      "{'Results': [], 'UnprocessedRecords': [{'Timestamp': datetime.datetime(2026, 11, 23, 13, 0, tzinfo=tzutc()), 'CustomerAWSAccountId': '555566667777', 'Dimension': 'requests', 'Quantity': 4200}], 'ResponseMetadata': {'RequestId': 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', 'HTTPStatusCode': 200}}",
    ],
  ])('%s', (_name, paste) => {
    expect(answerFor(paste).fix.join('\n')).toMatch(/same Region/);
  });

  it('and warns that another Region bills the record again instead of suggesting another endpoint', () => {
    const fix = answerFor(
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.ap-southeast-2.amazonaws.com/"',
    ).fix.join('\n');
    expect(fix).toMatch(/Do not switch to another Region's endpoint/);
    expect(fix).toMatch(/billed twice/);
  });
});

describe('ProductCode and LicenseArn together bill the customer twice', () => {
  it.each([
    [
      'an invalid product code on BatchMeterUsage',
      'An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: The product code passed does not match the product code used for publishing the product.',
    ],
    [
      'an invalid license on BatchMeterUsage',
      'operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 400, RequestID: 9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d, InvalidLicenseException: Ensure the LicenseArn is valid, matches the customer, and usage is within the license activation period.',
    ],
  ])('%s', (_name, paste) => {
    const fix = answerFor(paste).fix.join('\n');
    expect(fix).toMatch(/ProductCode and (with )?LicenseArn for the same customer in the same hour/);
    expect(fix).toMatch(/stop sending ProductCode (first|before you start sending LicenseArn)/);
    expect(advice(answerFor(paste))).not.toMatch(/ProductCode is optional/);
  });
});

describe('steps depend on the operation', () => {
  const registerUsage = {
    'an invalid product code':
      'operation error Marketplace Metering: RegisterUsage, https response error StatusCode: 400, RequestID: 4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a, InvalidProductCodeException: The product code passed does not match the product code used for publishing the product.',
    'a denied metering call':
      'software.amazon.awssdk.services.marketplacemetering.model.MarketplaceMeteringException: User: arn:aws:sts::777788889999:assumed-role/eks-meter-irsa/aws-sdk-java-1732370400123 is not authorized to perform: aws-marketplace:RegisterUsage because no identity-based policy allows the aws-marketplace:RegisterUsage action (Service: MarketplaceMetering, Status Code: 400, Request ID: 6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d)',
  };

  it.each(Object.entries(registerUsage))(
    'a RegisterUsage answer for %s names no seller-account check and no SaaS-only step',
    (_name, paste) => {
      const answer = answerFor(paste);
      for (const text of [...answer.why, ...answer.fix]) {
        expect(text).not.toMatch(SELLER_ACCOUNT_CHECK);
        expect(text).not.toMatch(/one product per BatchMeterUsage call|LicenseArn/);
      }
      expect([...answer.why, ...answer.fix].join('\n')).toMatch(/buyer's account/);
    },
  );

  it('a denied RegisterUsage is fixed by registering again at launch, not by resending records', () => {
    const fix = answerFor(registerUsage['a denied metering call']).fix.join('\n');
    expect(fix).not.toMatch(/failed records|resend/i);
    expect(fix).toContain('restart the task or pod so the software registers again, within 6 hours of launch');
  });

  it('a MeterUsage invalid product code names no seller-account check either', () => {
    const answer = answerFor(
      'aws: [ERROR]: An error occurred (InvalidProductCodeException) when calling the MeterUsage operation: The product code passed does not match the product code used for publishing the product.',
    );
    for (const text of [...answer.why, ...answer.fix]) expect(text).not.toMatch(SELLER_ACCOUNT_CHECK);
  });

  it('a BatchMeterUsage invalid product code keeps the seller-account check and the one-product rule', () => {
    const fix = answerFor(
      'An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: The product code passed does not match the product code used for publishing the product.',
    ).fix;
    expect(fix.some((t) => SELLER_ACCOUNT_CHECK.test(t))).toBe(true);
    expect(fix).toContain('Send one product per BatchMeterUsage call; split a mixed batch into one call per product.');
  });

  it('a ResolveCustomer denial puts the statement in the seller account', () => {
    const fix = answerFor(
      'An error occurred (AccessDeniedException) when calling the ResolveCustomer operation: User: arn:aws:sts::210987654321:assumed-role/saas-registration/lambda-17 is not authorized to perform: aws-marketplace:ResolveCustomer because no identity-based policy allows the aws-marketplace:ResolveCustomer action',
    ).fix.join('\n');
    expect(fix).toMatch(/in the seller account \(210987654321\)/);
  });
});

describe('credential, signature and STS failures: resend records, or register again', () => {
  /** Advice to send usage records again, in any of the catalog's wordings. */
  const RESEND = /re-?send|sen[dt] again|records/i;
  const REGISTER_AGAIN = /restart the task or pod so the software registers again, within 6 hours of launch/;

  const registerUsage = {
    'an expired session token':
      'An error occurred (ExpiredTokenException) when calling the RegisterUsage operation: The security token included in the request is expired',
    'an unrecognised access key':
      'operation error Marketplace Metering: RegisterUsage, https response error StatusCode: 400, RequestID: 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e, UnrecognizedClientException: The security token included in the request is invalid.',
    'a signature mismatch':
      'An error occurred (InvalidSignatureException) when calling the RegisterUsage operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  };

  it.each(Object.entries(registerUsage))(
    'RegisterUsage with %s: register again at launch; RegisterUsage sends no records to resend',
    (_name, paste) => {
      const answer = answerFor(paste);
      expect(['credentials', 'signature']).toContain(answer.area);
      const fix = answer.fix.join('\n');
      expect(fix).toMatch(REGISTER_AGAIN);
      for (const step of answer.fix.filter((t) => !t.startsWith('RegisterUsage sends no usage records')))
        expect(step).not.toMatch(RESEND);
      expect(fix).not.toMatch(/24 hours|metering window/);
    },
  );

  it('BatchMeterUsage with an expired session token still re-sends the failed records within 24 hours', () => {
    const fix = answerFor(
      'An error occurred (ExpiredTokenException) when calling the BatchMeterUsage operation: The security token included in the request is expired',
    ).fix.join('\n');
    expect(fix).toMatch(/re-send the records that failed[^\n]*within 24 hours for BatchMeterUsage/);
    expect(fix).not.toMatch(/RegisterUsage/);
  });

  it('a failed web identity token exchange does not say which call it served, so both steps stay, each naming its operations', () => {
    const fix = answerFor(
      'An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1764518400 must be before the expiration date/time 1764514800',
    ).fix;
    expect(fix.some((t) => /^For BatchMeterUsage and MeterUsage: .*re-send/.test(t))).toBe(true);
    expect(fix.some((t) => t.startsWith('For RegisterUsage: ') && REGISTER_AGAIN.test(t))).toBe(true);
  });
});

describe('network failures: resend records to the same Region, or register again', () => {
  const REGISTER_AGAIN = /restart the task or pod so the software registers again, within 6 hours of launch/;
  const goV2 = (operation: string, cause: string) =>
    `operation error Marketplace Metering: ${operation}, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace.us-east-1.amazonaws.com/": ${cause}`;
  const causes = {
    'a timeout': 'dial tcp 52.94.232.10:443: i/o timeout',
    'a connection reset': 'read tcp 10.0.3.7:51234->52.94.232.10:443: read: connection reset by peer',
    'an unresolvable endpoint': 'dial tcp: lookup metering.marketplace.us-east-1.amazonaws.com: no such host',
  };

  it.each(Object.entries(causes))(
    'RegisterUsage after %s: register again at launch, no records to resend',
    (_name, cause) => {
      const answer = answerFor(goV2('RegisterUsage', cause));
      expect(answer.area).toBe('network');
      expect(answer.fix.join('\n')).toMatch(REGISTER_AGAIN);
      for (const step of answer.fix.filter((t) => !t.startsWith('RegisterUsage sends no usage records')))
        expect(step).not.toMatch(/resend|metering records|ClientToken/i);
    },
  );

  it.each(Object.entries(causes))(
    'MeterUsage after %s: resend unchanged to the same Region with the original ClientToken',
    (_name, cause) => {
      const fix = answerFor(goV2('MeterUsage', cause)).fix.join('\n');
      expect(fix).toMatch(/resend[^\n]*same Region/i);
      expect(fix).toMatch(/original ClientToken/);
      expect(fix).not.toMatch(REGISTER_AGAIN);
    },
  );
});

describe('other audited advice', () => {
  it('the product code is looked up with describe-entity, not described as shorter than the entity ID', () => {
    const answer = answerFor(
      'An error occurred (InvalidProductCodeException) when calling the BatchMeterUsage operation: The product code passed does not match the product code used for publishing the product.',
    );
    expect(answer.fix.join('\n')).toContain(
      'aws marketplace-catalog describe-entity --catalog AWSMarketplace --entity-id <prod-…>',
    );
    expect(advice(answer)).not.toMatch(/shorter/);
  });

  it('throttling names the per-account, per-Region request quotas', () => {
    const answer = answerFor(
      'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): The calls to the API are throttled.',
    );
    expect(answer.what).toMatch(
      /per AWS account\s+and per Region: 10 requests per second for BatchMeterUsage and for MeterUsage, 5 for RegisterUsage/,
    );
    expect(answer.docs.map((d) => d.url)).toContain(
      'https://docs.aws.amazon.com/marketplace/latest/APIReference/metering-service-quotas.html',
    );
  });

  it('CustomerNotSubscribed keeps the final window after unsubscribe-pending before "stop metering"', () => {
    const fix = answerFor(
      '{"Results": [{"UsageRecord": {"Timestamp": "2026-11-23T12:00:00+00:00", "CustomerAWSAccountId": "555566667777", "Dimension": "requests", "Quantity": 310, "LicenseArn": "arn:aws:license-manager::294406891311:license:l-1f2e3d4c5b6a79801f2e3d4c5b6a7980"}, "MeteringRecordId": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968", "Status": "CustomerNotSubscribed"}], "UnprocessedRecords": []}',
    ).fix;
    const window = fix.findIndex((t) => /unsubscribe-pending/.test(t) && /about one hour/.test(t));
    const stop = fix.findIndex((t) => /stop metering them/.test(t));
    expect(window).toBeGreaterThanOrEqual(0);
    expect(stop).toBeGreaterThan(window);
    expect(fix.join('\n')).toMatch(/never ask the buyer for it/);
  });

  it('MeterUsage duplicates explain that AgentCore Runtime allows several reports per hour', () => {
    const answer = answerFor(
      'An error occurred (DuplicateRequestException) when calling the MeterUsage operation: A metering record has already been emitted by the same EC2 instance, ECS task, or EKS pod for the given {usageDimension, timestamp} with a different usageQuantity.',
    );
    expect(answer.fix.join('\n')).toMatch(/Amazon Bedrock AgentCore Runtime you may report several times per hour/);
  });

  it('reads dual-stack endpoints as the service they belong to', () => {
    const answer = answerFor(
      'botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "https://metering.marketplace.eu-west-1.api.aws/"',
    );
    expect(answer.facts).toEqual(
      expect.arrayContaining([
        { key: 'endpoint', label: 'Endpoint', value: 'metering.marketplace.eu-west-1.api.aws' },
        { key: 'service', label: 'Service', value: 'metering.marketplace' },
      ]),
    );
  });
});
