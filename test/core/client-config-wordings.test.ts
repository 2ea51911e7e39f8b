import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Errors an SDK or tool raises from its own configuration before any request leaves the machine:
 * no Region, a Region or endpoint setting it cannot turn into a URL, a named profile that does not
 * exist, and parameters its own validation refuses for the Metering and Entitlement operations.
 * Each text is built from the message format in the named source (class, file or function), in the
 * surroundings people paste it in: an uncaught exception, a log line, a stack head, CLI stderr, a
 * Terraform or Pulumi diagnostic. Profile names, paths and object hashes are made up; none of the
 * texts comes from the held-out set.
 */
type Row = [source: string, text: string];

const catalog = realCatalog();
const read = (text: string) => diagnose(text, catalog, { now: NOW });
const topOf = (text: string) => read(text).findings[0]?.entry.id;

const NO_REGION: Row[] = [
  // botocore/exceptions.py NoRegionError.fmt, raised by the client creator
  [
    'botocore NoRegionError, traceback tail',
    `Traceback (most recent call last):\n  File "/opt/meter/report.py", line 12, in <module>\n    client = boto3.client("meteringmarketplace")\n  File "/usr/lib/python3/dist-packages/botocore/regions.py", line 215, in _endpoint_for_partition\n    raise NoRegionError()\nbotocore.exceptions.NoRegionError: You must specify a region.`,
  ],
  // botocore/endpoint.py create_endpoint: ValueError(f"Invalid endpoint: {endpoint_url}") with an empty Region
  [
    'botocore ValueError for the metering host built with an empty Region',
    'ValueError: Invalid endpoint: https://metering.marketplace..amazonaws.com',
  ],
  [
    'botocore ValueError for the STS host built with an empty Region, in a log line',
    '2026-11-23 13:02:11,480 ERROR meter.worker could not create client: Invalid endpoint: https://sts..amazonaws.com',
  ],
  // awscli: the NoRegionError message with the CLI's hint; v2 prefixes "aws: [ERROR]: "
  ['AWS CLI v1 stderr', 'You must specify a region. You can also configure your region by running "aws configure".'],
  // @smithy/core config resolver: throw new Error("Region is missing")
  [
    'JS v3 uncaught, stack head',
    `/app/node_modules/@smithy/core/dist-cjs/submodules/config/index.js:593\n            throw new Error("Region is missing");\n                  ^\n\nError: Region is missing\n    at default (/app/node_modules/@smithy/core/dist-cjs/submodules/config/index.js:593:15)\n    at async MarketplaceMeteringClient.send (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:121:11)`,
  ],
  // @aws-sdk util-endpoints rule set: "Invalid Configuration: Missing Region"
  [
    'JS v3 EndpointError from the rule set',
    'EndpointError: Invalid Configuration: Missing Region\n    at evaluateRules (/srv/node_modules/@smithy/util-endpoints/dist-cjs/index.js:443:9)',
  ],
  // aws-sdk (v2) lib/event_listeners.js VALIDATE_REGION: ConfigError "Missing region in config"
  [
    'JS v2 ConfigError dump',
    "{ ConfigError: Missing region in config\n    at Request.VALIDATE_REGION (/srv/app/node_modules/aws-sdk/lib/event_listeners.js:92:45)\n  message: 'Missing region in config',\n  code: 'ConfigError',\n  time: 2026-11-23T13:02:11.480Z }",
  ],
  // aws-sdk-java AwsClientBuilder.setRegion via AwsRegionProviderChain
  [
    'Java v1 SdkClientException',
    `Exception in thread "main" com.amazonaws.SdkClientException: Unable to find a region via the region provider chain. Must provide an explicit region in the builder or setup environment to supply a region.\n\tat com.amazonaws.client.builder.AwsClientBuilder.setRegion(AwsClientBuilder.java:462)\n\tat com.amazonaws.client.builder.AwsClientBuilder.configureMutableProperties(AwsClientBuilder.java:424)`,
  ],
  // aws-sdk-java-v2 regions AwsRegionProviderChain.getRegion
  [
    'Java v2 region chain, log line',
    '13:02:11.480 [main] ERROR c.e.meter.UsageReporter - metering client failed: software.amazon.awssdk.core.exception.SdkClientException: Unable to load region from any of the providers in the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@4e50df2e: [software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider@1d81eb93: Unable to load region from system settings. Region must be specified either via environment variable (AWS_REGION) or  system property (aws.region).]',
  ],
  // aws-sdk-go aws/errors.go ErrMissingRegion = awserr.New("MissingRegion", "could not find region configuration", nil)
  ['Go v1 log.Fatal', '2026/11/23 13:02:11 failed to meter usage: MissingRegion: could not find region configuration'],
  // aws-sdk-go-v2 aws/errors.go MissingRegionError inside smithy's OperationError
  [
    'Go v2 OperationError',
    'operation error Marketplace Metering: MeterUsage, failed to resolve service endpoint, an AWS region is required, but was not found',
  ],
  [
    'Go v2 OperationError, endpoint rule set wording, in a zap JSON line',
    '{"level":"error","ts":1795438931.48,"msg":"meter usage","error":"operation error Marketplace Metering: BatchMeterUsage, failed to resolve service endpoint, endpoint rule error, Invalid Configuration: Missing Region"}',
  ],
  // aws-sdk-net ClientConfig.Validate: AmazonClientException("No RegionEndpoint or ServiceURL configured")
  [
    '.NET AmazonClientException, unhandled',
    'Unhandled exception. Amazon.Runtime.AmazonClientException: No RegionEndpoint or ServiceURL configured\n   at Amazon.Runtime.ClientConfig.Validate()\n   at Amazon.Runtime.AmazonServiceClient..ctor(AWSCredentials credentials, ClientConfig config)\n   at Amazon.AWSMarketplaceMetering.AmazonAWSMarketplaceMeteringClient..ctor()',
  ],
  // aws-sdk-ruby aws-core Aws::Errors::MissingRegionError
  [
    'Ruby v3 MissingRegionError',
    "Aws::Errors::MissingRegionError: No region was provided. Configure the `:region` option or export the region name to ENV['AWS_REGION']\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/aws-sdk-core/plugins/regional_endpoint.rb:97:in `resolve_region'",
  ],
  // aws-sdk-php ClientResolver::_missing_region inside "Missing required client configuration options"
  [
    'PHP InvalidArgumentException',
    'PHP Fatal error:  Uncaught InvalidArgumentException: Missing required client configuration options: \n\nregion: (string)\n\n  A "region" configuration value is required for the "metering.marketplace" service\n  (e.g., "us-west-2"). A list of available public regions and endpoints can be\n  found at http://docs.aws.amazon.com/general/latest/gr/rande.html. in /var/www/vendor/aws/aws-sdk-php/src/ClientResolver.php:411',
  ],
  // aws-sdk-rust: the endpoint rule set's error in ResolveEndpointError, debug-printed
  [
    'Rust SdkError debug print',
    'Error: ConstructionFailure(ConstructionFailure { source: ResolveEndpointError { message: "Invalid Configuration: Missing Region", source: None } })',
  ],
  [
    'Rust S3 rule set error',
    'Error: DispatchFailure: failed to resolve endpoint: A region must be set when sending requests to S3.',
  ],
  // Terraform S3 backend / AWS provider diagnostic (attributeErrDiag "Missing region value")
  [
    'Terraform diagnostic box',
    '╷\n│ Error: Missing region value\n│ \n│   on backend.tf line 2, in terraform:\n│    2:   backend "s3" {\n│ \n│ The "region" attribute or the "AWS_REGION" or "AWS_DEFAULT_REGION" environment variables must be set.\n╵',
  ],
  // Pulumi AWS provider: the Go v2 MissingRegionError under its credential check
  [
    'Pulumi diagnostic',
    'Diagnostics:\n  pulumi:providers:aws (default_6_56_0):\n    error: unable to validate AWS credentials.\n    Details: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, failed to resolve service endpoint, an AWS region is required, but was not found',
  ],
  // awscli v2 prints the NoRegionError message behind its own prefix
  [
    'AWS CLI v2 stderr',
    'aws: [ERROR]: You must specify a region. You can also configure your region by running "aws configure".',
  ],
  // The @smithy error as a Lambda runtime record (Node.js runtime's JSON error log)
  [
    'JS v3 in a Lambda runtime error record',
    '2026-11-23T13:02:11.480Z\t6b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"Region is missing","stack":["Error: Region is missing","    at default (/var/task/node_modules/@smithy/core/dist-cjs/submodules/config/index.js:593:15)"]}',
  ],
  // AWS Tools for PowerShell: ThrowExecutionError("No region specified or obtained from persisted/shell defaults.")
  [
    'PowerShell cmdlet error record',
    'Get-MMMeterUsage: No region specified or obtained from persisted/shell defaults.\nAt line:1 char:1\n+ Send-MMMeterUsage -ProductCode 4q2g8x1example -UsageDimension Users -UsageQuantity 3\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (Amazon.PowerShell.Common.AWSRegionArguments:AWSRegionArguments) [Send-MMMeterUsage], InvalidOperationException',
  ],
  // Pulumi: a provider configuration key the program never set
  [
    'Pulumi missing aws:region',
    "error: Missing required configuration variable 'aws:region'\n    please set a value using the command `pulumi config set aws:region <value>`",
  ],
  // aws-sdk-java-v2 Region.of: Validate.paramNotBlank(value, "region")
  [
    'Java v2 Region.of with an empty value',
    'java.lang.IllegalArgumentException: region must not be blank or empty.\n\tat software.amazon.awssdk.utils.Validate.paramNotBlank(Validate.java:156)\n\tat software.amazon.awssdk.regions.Region.of(Region.java:153)',
  ],
  // Docker/Compose line prefix around botocore
  [
    'botocore under a Compose service prefix',
    'meter-1  | botocore.exceptions.NoRegionError: You must specify a region.',
  ],
  [
    'Go v1 under a Compose v1 service prefix (underscore, padded)',
    'metering_worker_1   | 2026/11/23 13:02:11 MissingRegion: could not find region configuration',
  ],
  // Go SDK v1 endpoints.UnknownEndpointError (awserr.SprintError: code, message, then the
  // partition, service and Region it was given, "region: %q"): an empty Region is none at all
  [
    'Go v1 UnknownEndpointError with an empty Region',
    'UnknownEndpointError: could not resolve endpoint\n\tpartition: "aws", service: "metering.marketplace", region: "", known: [ap-northeast-1 eu-west-1 us-east-1 us-west-2]',
  ],
  [
    'the same error reworded by a controller into a status condition',
    '  message: \'create failed: cannot create the meter reporter: unknown endpoint, could not resolve endpoint, partition: "aws", service: "metering.marketplace", region: "", known: [eu-west-1 us-east-1]\'',
  ],
  // paws (R): paws.common get_region() stop("No region provided"), printed by R as "Error in <call>: <msg>"
  ['paws (R) get_region', 'Error in get_region(cfgs$credentials$profile): No region provided'],
  // AWS SDK for Android: AmazonWebServiceClient.setRegion(null)
  [
    'AWS SDK for Android setRegion(null)',
    'java.lang.IllegalArgumentException: No region provided\n\tat com.amazonaws.AmazonWebServiceClient.setRegion(AmazonWebServiceClient.java:392)',
  ],
  // Ruby SDK v2 (aws-sdk-core 2.3.x endpoint_provider.rb): the partition lookup reached with a nil
  // Region raised NoMethodError instead of MissingRegionError
  [
    'Ruby v2 NoMethodError in partition_matching_region',
    "NoMethodError: undefined method `match' for nil:NilClass\n\tfrom /app/vendor/bundle/ruby/2.3.0/gems/aws-sdk-core-2.3.19/lib/aws-sdk-core/endpoint_provider.rb:67:in `block in partition_matching_region'\n\tfrom /app/vendor/bundle/ruby/2.3.0/gems/aws-sdk-core-2.3.19/lib/aws-sdk-core/endpoint_provider.rb:66:in `each'",
  ],
];

const BAD_REGION_OR_ENDPOINT: Row[] = [
  // Go SDK v1 endpoints.UnknownEndpointError naming a Region the service has no endpoint in
  [
    'Go v1 UnknownEndpointError with a Region the service lacks',
    'UnknownEndpointError: could not resolve endpoint\n\tpartition: "aws", service: "metering.marketplace", region: "mars-east-1", known: [ap-northeast-1 eu-west-1 us-east-1 us-west-2]',
  ],
  // botocore/exceptions.py InvalidRegionError.fmt
  [
    'botocore InvalidRegionError',
    "botocore.exceptions.InvalidRegionError: Provided region_name 'us-east-1 ' doesn't match a supported format.",
  ],
  // botocore/exceptions.py UnknownEndpointError.fmt
  [
    'botocore UnknownEndpointError',
    'botocore.exceptions.UnknownEndpointError: Unable to construct an endpoint for meteringmarketplace in region eu-frankfurt-1',
  ],
  // @smithy/core config resolver checkRegion: `Region not accepted: region="${region}" is not a valid hostname component.`
  [
    'JS v3 checkRegion, uncaught',
    'Error: Region not accepted: region="us east 1" is not a valid hostname component.\n    at checkRegion (/app/node_modules/@smithy/core/dist-cjs/submodules/config/index.js:607:19)',
  ],
  // @smithy/config-resolver (older): "Invalid region in client config"
  [
    'JS v3 older config resolver',
    'Error: Invalid region in client config\n    at resolveRegionConfig (/app/node_modules/@smithy/config-resolver/dist-cjs/index.js:131:15)',
  ],
  // aws-sdk-php Aws\Endpoint: InvalidArgumentException('Region must be a valid RFC host label.')
  [
    'PHP region host label',
    'PHP Fatal error:  Uncaught InvalidArgumentException: Region must be a valid RFC host label. in /var/www/vendor/aws/aws-sdk-php/src/EndpointV2/EndpointV2Middleware.php:86',
  ],
  // aws-sdk-ruby Aws::Errors::InvalidRegionError
  [
    'Ruby InvalidRegionError',
    'Aws::Errors::InvalidRegionError: Invalid `:region` option was provided.\n\n* Not every service is available in every region.',
  ],
  // hashicorp/aws-sdk-go-base InvalidRegionError: "Invalid AWS Region: %s", in a Terraform diagnostic
  [
    'Terraform provider diagnostic',
    '╷\n│ Error: Invalid AWS Region: us-east-1a\n│ \n│   with provider["registry.terraform.io/hashicorp/aws"],\n│   on main.tf line 10, in provider "aws":\n│   10: provider "aws" {\n╵',
  ],
  // Go v2 / JS v3 endpoint rule set for a FIPS request in a partition without FIPS
  [
    'Go v2 rule set FIPS error',
    'operation error Marketplace Metering: BatchMeterUsage, failed to resolve service endpoint, endpoint rule error, FIPS is enabled but this partition does not support FIPS',
  ],
  // aws-sdk-go endpoints/v3model.go: fmt.Errorf("invalid region identifier format provided")
  [
    'Go v1 strict endpoint resolution',
    '2026/11/23 13:02:11 metering session: invalid region identifier format provided',
  ],
  // aws-sdk-go endpoints UnknownEndpointError via awserr.SprintError
  [
    'Go v1 UnknownEndpointError',
    'UnknownEndpointError: could not resolve endpoint\n\tpartition: "aws", service: "metering.marketplace", region: "eu-frankfurt-1"',
  ],
  // aws-sdk-java Regions.fromName: IllegalArgumentException("Cannot create enum from " + value + " value!")
  [
    'Java v1 Regions.fromName',
    'java.lang.IllegalArgumentException: Cannot create enum from us-east-1a value!\n\tat com.amazonaws.regions.Regions.fromName(Regions.java:87)\n\tat com.example.meter.ClientFactory.metering(ClientFactory.java:31)',
  ],
  // botocore endpoint.py create_endpoint on an endpoint_url whose host is not valid
  [
    'botocore ValueError for an endpoint with a space in its host',
    'ValueError: Invalid endpoint: https://metering.marketplace.us east 1.amazonaws.com',
  ],
];

const PROFILE_NOT_FOUND: Row[] = [
  // botocore/exceptions.py ProfileNotFound.fmt
  [
    'botocore ProfileNotFound, traceback tail',
    '  File "/usr/lib/python3/dist-packages/botocore/session.py", line 283, in _build_profile_map\n    raise ProfileNotFound(profile=profile_name)\nbotocore.exceptions.ProfileNotFound: The config profile (metering-prod) could not be found',
  ],
  ['AWS CLI stderr', 'The config profile (metering-prod) could not be found'],
  // @aws-sdk/credential-provider-ini resolveProfileData
  [
    'JS v3 fromIni',
    'CredentialsProviderError: Could not resolve credentials using profile: [metering-prod] in configuration/credentials file(s).\n    at resolveProfileData (/app/node_modules/@aws-sdk/credential-provider-ini/dist-cjs/index.js:218:11)',
  ],
  // @aws-sdk/credential-provider-sso / token providers: `Profile ${profileName} could not be found in shared credentials file.`
  [
    'JS v3 SSO provider',
    'CredentialsProviderError: Profile metering-prod could not be found in shared credentials file.',
  ],
  // aws-sdk (v2) SharedIniFileCredentials: 'Profile ' + profile + ' not found'
  [
    'JS v2 SharedIniFileCredentials',
    "{ CredentialsError: Profile metering-prod not found\n    at SharedIniFileCredentials.load (/srv/node_modules/aws-sdk/lib/credentials/shared_ini_file_credentials.js:143:17)\n  code: 'SharedIniFileCredentialsProviderFailure' }",
  ],
  // aws-sdk-java ProfileCredentialsProvider / ProfilesConfigFile: "No AWS profile named '" + name + "'"
  [
    'Java v1 IllegalArgumentException',
    "java.lang.IllegalArgumentException: No AWS profile named 'metering-prod'\n\tat com.amazonaws.auth.profile.internal.AllProfiles.getProfile(AllProfiles.java:48)",
  ],
  // aws-sdk-java-v2 ProfileCredentialsProvider: "Profile file contained no credentials for profile '...'"
  [
    'Java v2 ProfileCredentialsProvider',
    "software.amazon.awssdk.core.exception.SdkClientException: Profile file contained no credentials for profile 'metering-prod': ProfileFile(sections=[profiles], profiles=[Profile(name=default, properties=[region])])",
  ],
  // aws-sdk-go session/shared_config.go SharedConfigProfileNotExistsError via awserr.SprintError
  ['Go v1 session', 'SharedConfigProfileNotExistsError: failed to get profile, metering-prod'],
  // aws-sdk-go-v2 config/shared_config.go SharedConfigProfileNotExistError
  [
    'Go v2 LoadDefaultConfig',
    '2026/11/23 13:02:11 unable to load SDK config, failed to get shared config profile, metering-prod',
  ],
  // aws-sdk-ruby Aws::Errors::NoSuchProfileError
  [
    'Ruby NoSuchProfileError',
    "Aws::Errors::NoSuchProfileError: Profile `metering-prod' not found in /home/meter/.aws/credentials",
  ],
  // aws-sdk-net FallbackCredentialsFactory: "Unable to find the '" + profileName + "' profile in CredentialProfileStoreChain."
  [
    '.NET AmazonClientException',
    "Amazon.Runtime.AmazonClientException: Unable to find the 'metering-prod' profile in CredentialProfileStoreChain.\n   at Amazon.Runtime.FallbackCredentialsFactory.GetAWSCredentials(ICredentialProfileSource source)",
  ],
  // aws-config (Rust) ProfileFileError::MissingProfile Display, with the chain's own message
  [
    'Rust aws-config',
    'Error: failed to load credentials: profile `metering-prod` was not defined: could not find source profile metering-prod referenced from the root profile',
  ],
  // Terraform AWS provider: aws-sdk-go-v2 SharedConfigProfileNotExistError in a diagnostic
  [
    'Terraform provider diagnostic',
    '│ Error: failed to get shared config profile, metering-prod\n│ \n│   with provider["registry.terraform.io/hashicorp/aws"],\n│   on providers.tf line 1, in provider "aws":',
  ],
];

const VALIDATION: Array<[source: string, text: string, operation: string]> = [
  // botocore/validate.py ValidationErrors.generate_report inside ParamValidationError.fmt
  [
    'botocore missing required parameter',
    'botocore.exceptions.ParamValidationError: Parameter validation failed:\nMissing required parameter in input: "UsageRecords"',
    '',
  ],
  [
    'botocore wrong types in a usage record',
    "botocore.exceptions.ParamValidationError: Parameter validation failed:\nInvalid type for parameter UsageRecords[0].Timestamp, value: 2026-11-23 13:00, type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string\nInvalid type for parameter UsageRecords[0].Quantity, value: 3, type: <class 'str'>, valid types: <class 'int'>",
    '',
  ],
  [
    'botocore unknown parameter, listing MeterUsage members',
    'ParamValidationError: Parameter validation failed:\nUnknown parameter in input: "Quantity", must be one of: ProductCode, Timestamp, UsageDimension, UsageQuantity, DryRun, UsageAllocations, ClientToken',
    '',
  ],
  [
    'botocore range check',
    'botocore.exceptions.ParamValidationError: Parameter validation failed:\nInvalid value for parameter UsageQuantity, value: -1, valid min value: 0',
    '',
  ],
  [
    'AWS CLI stderr under the command line that named the service',
    '$ aws meteringmarketplace meter-usage --product-code 4q2g8x1example --timestamp 2026-11-23T13:00:00Z --usage-dimension Users --usage-quantity -1\n\nParameter validation failed:\nInvalid value for parameter UsageQuantity, value: -1, valid min value: 0\n',
    '',
  ],
  // aws-sdk-go aws/request/validation.go ErrInvalidParams.Error
  [
    'Go v1 ErrInvalidParams',
    'InvalidParameter: 1 validation error(s) found.\n- missing required field, MeterUsageInput.UsageDimension.\n',
    '',
  ],
  // smithy-go validation.go InvalidParamsError inside the Go v2 OperationError
  [
    'Go v2 OperationError',
    'operation error Marketplace Metering: BatchMeterUsage, 1 validation error(s) found.\n- missing required field, BatchMeterUsageInput.UsageRecords[0].Dimension.\n',
    'BatchMeterUsage',
  ],
  [
    'Go v2 Entitlement',
    'operation error Marketplace Entitlement Service: GetEntitlements, 1 validation error(s) found.\n- missing required field, GetEntitlementsInput.ProductCode.\n',
    'GetEntitlements',
  ],
  // aws-sdk-php Api/Validator: "Found N error(s) while validating the input provided for the X operation:"
  [
    'PHP Validator',
    'PHP Fatal error:  Uncaught InvalidArgumentException: Found 1 error while validating the input provided for the BatchMeterUsage operation:\n[UsageRecords][0][Quantity] must be an integer value in /var/www/vendor/aws/aws-sdk-php/src/Api/Validator.php:65',
    'BatchMeterUsage',
  ],
  // aws-sdk-ruby ParamValidator
  [
    'Ruby ParamValidator',
    "ArgumentError: missing required parameter params[:usage_dimension]\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/aws-sdk-core/param_validator.rb:35:in `validate!'\n/usr/local/bundle/gems/aws-sdk-marketplacemetering-1.70.0/lib/aws-sdk-marketplacemetering/client.rb:622:in `meter_usage'",
    '',
  ],
  // aws-sdk (v2) lib/param_validator.js, gathered under MultipleValidationErrors
  [
    'JS v2 MultipleValidationErrors',
    "MultipleValidationErrors: There were 2 validation errors:\n* MissingRequiredParameter: Missing required key 'Dimension' in params.UsageRecords[0]\n* InvalidParameterType: Expected params.UsageRecords[0].Quantity to be a number\n    at ParamValidator.validate (/srv/node_modules/aws-sdk/lib/param_validator.js:40:28)",
    '',
  ],
  [
    'JS v2 single validation error',
    "MissingRequiredParameter: Missing required key 'UsageDimension' in params\n    at ParamValidator.fail (/srv/node_modules/aws-sdk/lib/param_validator.js:50:37)",
    '',
  ],
  // aws-sdk-ruby ParamValidator type check
  [
    'Ruby type check',
    'ArgumentError: expected params[:usage_quantity] to be a Integer, got value "3" (class: String) instead.',
    '',
  ],
];

describe('a client with no Region is a missing Region, in every SDK and tool', () => {
  it.each(NO_REGION)('%s', (_source, text) => {
    expect(topOf(text)).toBe('region-missing');
  });
});

describe('a Region or endpoint setting the SDK cannot turn into a URL is an unresolvable endpoint', () => {
  it.each(BAD_REGION_OR_ENDPOINT)('%s', (_source, text) => {
    expect(topOf(text)).toBe('endpoint-unresolvable');
  });
});

describe('a named profile that does not exist is missing credentials', () => {
  it.each(PROFILE_NOT_FOUND)('%s', (_source, text) => {
    expect(topOf(text)).toBe('credentials-not-found');
  });
});

describe("the SDK's own validation of a Metering or Entitlement request", () => {
  it.each(VALIDATION)('%s', (_source, text, operation) => {
    const top = read(text).findings[0];
    expect(top?.entry.id).toBe('marketplace-request-validation');
    if (operation) expect(top?.facts.operation).toBe(operation);
  });
});

describe("an SDK's configuration error is AWS's even with nothing else of AWS in the paste", () => {
  it.each([
    ['JS v3, the bare message (@smithy config resolver)', 'Error: Region is missing', 'region-missing'],
    ['Go SDK v1 (aws.ErrMissingRegion)', 'MissingRegion: could not find region configuration', 'region-missing'],
    ['Go SDK v2 (config resolver)', 'an AWS region is required, but was not found', 'region-missing'],
  ])("%s is not marked as a network failure that may be anyone's", (_label, text, entry) => {
    const top = read(text).findings[0];
    expect(top?.entry.id).toBe(entry);
    expect(top?.awsContext).toBeUndefined();
    expect(top?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('a transport failure with nothing of AWS still is', () => {
    const top = read('Error: connect ECONNREFUSED 10.0.0.5:443')?.findings[0];
    expect(top?.awsContext).toBe(false);
  });

  // The unresolvable-endpoint entry also lists libcurl's error 3 strings, which the curl tool and
  // every libcurl client print for a URL with no valid host: without AWS in the paste they are anyone's.
  it.each([
    ['the curl tool, error 3', 'curl: (3) URL rejected: Malformed input to a URL function'],
    [
      'a PHP client through Guzzle, error 3',
      'cURL error 3: URL rejected: Bad hostname (see https://curl.se/libcurl/c/libcurl-errors.html)',
    ],
  ])("%s stays a network failure that may be anyone's", (_label, text) => {
    const top = read(text).findings[0];
    expect(top?.entry.id).toBe('endpoint-unresolvable');
    expect(top?.awsContext).toBe(false);
  });
});

describe('near-misses stay what they are', () => {
  it("another service's parameter validation is not the marketplace entry", () => {
    const text =
      "botocore.exceptions.ParamValidationError: Parameter validation failed:\nInvalid type for parameter ContentType, value: None, type: <class 'NoneType'>, valid types: <class 'str'>";
    expect(topOf(text)).not.toBe('marketplace-request-validation');
  });

  it('Go v1 validation of an S3 call is not the marketplace entry', () => {
    const text = 'InvalidParameter: 1 validation error(s) found.\n- minimum field size of 1, GetObjectInput.Key.\n';
    expect(topOf(text)).not.toBe('marketplace-request-validation');
  });

  it('a Region that resolves and then cannot be reached is a network failure, not a Region problem', () => {
    const text =
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.eu-west-1.amazonaws.com/"';
    expect(topOf(text)).not.toBe('region-missing');
    expect(topOf(text)).not.toBe('endpoint-unresolvable');
  });

  it('MeterUsage refused for the Region it was sent to is the server-side Region mismatch', () => {
    const text =
      'operation error Marketplace Metering: MeterUsage, https response error StatusCode: 400, RequestID: 0b9e7f52-8d1c-4f0e-9a3b-2c6d4e8f1a7b, InvalidEndpointRegionException: The endpoint being called is in a AWS Region different from your EC2 instance.';
    expect(topOf(text)).toBe('metering-invalid-endpoint-region');
  });

  it("JS v2's validation of another service's call is not the marketplace entry", () => {
    const text = "MissingRequiredParameter: Missing required key 'Bucket' in params";
    expect(topOf(text)).not.toBe('marketplace-request-validation');
  });

  it("a Java enum of another service's model refusing a value is not a Region problem", () => {
    const text =
      'java.lang.IllegalArgumentException: Cannot create enum from NEW_AND_OLD value!\n\tat com.amazonaws.services.dynamodbv2.model.StreamViewType.fromValue(StreamViewType.java:62)';
    expect(topOf(text)).not.toBe('endpoint-unresolvable');
  });

  it.each([
    ['someone saying they set the Region', 'I had to set AWS_REGION in the cron job, the region was missing there'],
    ['a question naming the profile', 'which profile does the metering job use, metering-prod or default?'],
    [
      'an application validating its own settings',
      'ValueError: Invalid region code "north" in settings.yaml (expected one of: north-1, north-2)',
    ],
  ])('%s gets no finding', (_label, text) => {
    expect(read(text).findings).toEqual([]);
  });
});

describe("Terraform's and the PHP SDK v2's own words for a Region that was never set", () => {
  const rows: Row[] = [
    // hashicorp/aws-sdk-go-base ValidateRegion ("invalid AWS Region: %s") with an empty Region, in
    // Terraform's boxed diagnostic (the margin line under it is empty)
    [
      'Terraform AWS provider, boxed diagnostic, empty Region',
      '╷\n│ Error: invalid AWS Region:\n│\n│   with provider["registry.terraform.io/hashicorp/aws"],\n│   on providers.tf line 3, in provider "aws":\n│    3: provider "aws" {\n│\n╵',
    ],
    [
      'Terraform AWS provider, plain diagnostic (TF_IN_AUTOMATION log), empty Region',
      'Error: Invalid AWS Region: \n\n  with provider["registry.terraform.io/hashicorp/aws"],\n  on main.tf line 1, in provider "aws":',
    ],
    // Terraform helper/schema before 0.12: "%q: required field is not set" for the provider's region
    [
      'Terraform 0.11 provider error list',
      'Error refreshing state: 1 error(s) occurred:\n\n* provider.aws: "region": required field is not set',
    ],
    [
      'Terraform 0.6 provider error, unquoted field',
      'Error configuring: 1 error(s) occurred:\n\n* provider.aws: region: required field is not set',
    ],
    // Terraform 0.12+ core: a required provider argument left unset
    [
      'Terraform 1.x missing required argument in the AWS provider block',
      '╷\n│ Error: Missing required argument\n│\n│   on providers.tf line 1, in provider "aws":\n│    1: provider "aws" {\n│\n│ The argument "region" is required, but was not set.\n╵',
    ],
    // aws-sdk-php v2 Aws\Common\Client\ClientBuilder::handleRegion
    [
      'PHP SDK v2 uncaught InvalidArgumentException',
      "PHP Fatal error:  Uncaught exception 'Aws\\Common\\Exception\\InvalidArgumentException' with message 'A region is required when using Amazon Simple Queue Service. Set \"region\" to one of: us-east-1, us-west-1, eu-west-1' in /var/www/vendor/aws/aws-sdk-php/src/Aws/Common/Client/ClientBuilder.php:448",
    ],
    [
      'PHP SDK v2 message in a Laravel log',
      '[2026-11-23 13:02:11] production.ERROR: A region is required when using AWS Marketplace Metering',
    ],
  ];
  it.each(rows)('%s', (_source, text) => {
    expect(topOf(text)).toBe('region-missing');
  });

  const named: Row[] = [
    // the same ValidateRegion with a Region no partition lists
    [
      'Terraform AWS provider, boxed diagnostic, unknown Region',
      '╷\n│ Error: invalid AWS Region: eu-central-3\n│\n│   with provider["registry.terraform.io/hashicorp/aws"],\n╵',
    ],
    // terraform-provider-aws data source aws_region: FindRegionByName's "region not found for name %q"
    [
      'Terraform aws_region data source, Region missing from the provider endpoint data',
      '╷\n│ Error: finding Region by name\n│\n│   with data.aws_region.current,\n│   on data.tf line 2, in data "aws_region" "current":\n│    2: data "aws_region" "current" {\n│\n│ region not found for name "mx-central-1"\n╵',
    ],
  ];
  it.each(named)('%s stays an unresolvable endpoint', (_source, text) => {
    expect(topOf(text)).toBe('endpoint-unresolvable');
  });
});

describe("Ansible's amazon.aws modules without a Region (module_utils botocore.py and the task callback)", () => {
  const valid: Row[] = [
    // amazon.aws module_utils: NoRegionError caught and turned into the module's fail_json message
    [
      'amazon.aws fail_json, task failure line',
      'fatal: [mgmt-01]: FAILED! => {"changed": false, "msg": "The amazon.aws.s3_object module requires a region and none was found in configuration, environment variables or module parameters"}',
    ],
    // ansible's callback _handle_exception: "An exception occurred during task execution. To see the
    // full traceback, use -vvv. The error was: %s" with the exception botocore raised
    [
      'callback exception report, whole line',
      'An exception occurred during task execution. To see the full traceback, use -vvv. The error was: botocore.exceptions.NoRegionError: You must specify a region.',
    ],
    [
      'callback exception report, quoted from "The error was:"',
      'The error was: botocore.exceptions.NoRegionError: You must specify a region.',
    ],
  ];
  it.each(valid)('%s', (_source, text) => {
    expect(topOf(text)).toBe('region-missing');
  });

  const invalid: Row[] = [
    ['a person describing what they saw, with no exception', 'The error was: something about the region not being set'],
  ];
  it.each(invalid)('%s stays silent', (_source, text) => {
    expect(read(text).isError).toBe(false);
  });
});
