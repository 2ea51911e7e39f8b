import { describe, expect, it } from 'vitest';
import { diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { FAMILY_ENTRIES, familyNamedBy } from '../../src/core/match/failure-family.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * An error no catalog entry knows is still answered by the kind of failure its own words name, in
 * the vocabulary of the library that printed it: errno names and strerror texts, libcurl's CURLE
 * strings, Go's net and crypto/x509 errors, java.net and javax.net.ssl exceptions, Python's
 * requests, urllib3 and botocore, .NET's HttpRequestException and SocketException, Rust's hyper,
 * reqwest and rustls, and each SDK's Region and credential-chain texts. The tools around them
 * (loggers, CLIs, data engines) are made up, and so are hosts and addresses; none comes from the
 * held-out set or the SDK matrix. Such an answer is a possible match, never a high-confidence one.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });

describe('the failure families', () => {
  it('each names a generic entry of the catalog', () => {
    for (const id of FAMILY_ENTRIES) expect(catalog.byId.get(id)?.services, id).toContain('*');
  });
});

describe('familyNamedBy: the vocabulary', () => {
  const valid: Array<[string, string, string]> = [
    // Region: each SDK's own text for a client built without one
    ['botocore NoRegionError', 'You must specify a region.', 'region-missing'],
    ['JS v3 region config resolver', 'Error: Region is missing', 'region-missing'],
    ['Go v1 aws.ErrMissingRegion', 'MissingRegion: could not find region configuration', 'region-missing'],
    [
      'Java v1 AwsRegionProviderChain',
      'Unable to find a region via the region provider chain. Must provide an explicit region in the builder',
      'region-missing',
    ],
    [
      'Java v2 DefaultAwsRegionProviderChain',
      'Unable to load region from any of the providers in the chain',
      'region-missing',
    ],
    ['.NET SDK', 'No RegionEndpoint or ServiceURL configured', 'region-missing'],
    [
      'Ruby SDK MissingRegionError',
      "missing region; use :region option or export region name to ENV['AWS_REGION']",
      'region-missing',
    ],
    ['PHP SDK', 'A "region" configuration value is required for the "s3" service', 'region-missing'],
    ['Terraform', 'The argument "region" is required, but was not set.', 'region-missing'],
    ['a tool of its own', 'AWS_DEFAULT_REGION must be set', 'region-missing'],
    [
      'Go v1 UnknownEndpointError (%q of an empty Region)',
      'partition: "aws", service: "ec2", region: "", known: [us-east-1]',
      'region-missing',
    ],
    // An endpoint that cannot be built for a named Region
    ['botocore UnknownRegionError', "Unknown region: 'us-east-7'. ", 'endpoint-unresolvable'],
    ['Go v1 endpoints', 'unknown endpoint, could not resolve endpoint, partition: "aws"', 'endpoint-unresolvable'],
    // Credentials
    ['botocore NoCredentialsError', 'Unable to locate credentials', 'credentials-not-found'],
    ['JS v3 credential chain', 'Could not load credentials from any providers', 'credentials-not-found'],
    ['Rust SDK signing', 'SigningStageError { kind: MissingCredentials }', 'credentials-not-found'],
    [
      'Rust SDK provider chain',
      'CredentialsNotLoaded(CredentialsNotLoaded { source: "no providers" })',
      'credentials-not-found',
    ],
    [
      'Hadoop S3A',
      'NoAwsCredentialsException: No AWS credentials in the Hadoop configuration',
      'credentials-not-found',
    ],
    ['an environment provider', 'AWS_ACCESS_KEY_ID not found in environment', 'credentials-not-found'],
    ['a signer whose provider had none', 'Provider returned no credentials, service=firehose', 'credentials-not-found'],
    [
      'S3 InvalidAccessKeyId message',
      'The AWS Access Key Id you provided does not exist in our records.',
      'credentials-invalid-token',
    ],
    ['a tool of its own', 'invalid secret access key for profile default', 'credentials-invalid-token'],
    // Denials, throttling, server errors (smithy's service-error-classification lists)
    ['EC2 UnauthorizedOperation', 'You are not authorized to perform this operation.', 'access-denied-generic'],
    ['S3 AccessDenied', 'Access Denied', 'access-denied-generic'],
    ['HTTP status', 'PUT https://b.s3.amazonaws.com/k: 403 Forbidden', 'access-denied-generic'],
    ['smithy THROTTLING_ERROR_CODES', 'SlowDown: Please reduce your request rate.', 'aws-throttling'],
    ['EC2 RequestLimitExceeded', 'Request limit exceeded.', 'aws-throttling'],
    [
      'smithy TRANSIENT_ERROR_STATUS_CODES',
      'GET https://s3.amazonaws.com/b/k: 503 Service Unavailable',
      'aws-server-error',
    ],
    // TLS
    ['Go crypto/x509 UnknownAuthorityError', 'x509: certificate signed by unknown authority', 'network-tls'],
    [
      'Go crypto/x509 on macOS',
      'x509: "kms.eu-south-2.amazonaws.com" certificate is not standards compliant',
      'network-tls',
    ],
    ['Java PKIX', 'sun.security.validator.ValidatorException: PKIX path building failed', 'network-tls'],
    ['Java empty trust store', 'the trustAnchors parameter must be non-empty', 'network-tls'],
    ['rustls', 'invalid peer certificate: UnknownIssuer', 'network-tls'],
    ['libcurl CURLE_PEER_FAILED_VERIFICATION', 'SSL peer certificate or SSH remote key was not OK', 'network-tls'],
    ['libcurl CURLE_SSL_CACERT_BADFILE', 'Problem with the SSL CA cert (path? access rights?)', 'network-tls'],
    ['OpenSSL through Python ssl', '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed', 'network-tls'],
    // Proxy
    ['Go net/http', 'proxyconnect tcp: dial tcp 10.0.0.8:3128: connect: connection refused', 'network-proxy'],
    ['libcurl CURLE_COULDNT_RESOLVE_PROXY', "Couldn't resolve proxy name", 'network-proxy'],
    // Unreachable: DNS, refused, no route
    ['glibc gai_strerror', 'Temporary failure in name resolution', 'network-endpoint-unreachable'],
    [
      'Go net',
      'dial tcp: lookup sqs.us-east-1.amazonaws.com on 10.0.0.2:53: server misbehaving',
      'network-endpoint-unreachable',
    ],
    [
      'nginx resolver (ngx_resolver.c)',
      'kinesis.ap-south-1.amazonaws.com could not be resolved (2: Server failure)',
      'network-endpoint-unreachable',
    ],
    ['Node libuv', 'getaddrinfo EMFILE kms.eu-north-1.amazonaws.com', 'network-endpoint-unreachable'],
    ['hyper-util', 'ConnectError("dns error", Custom { kind: Uncategorized })', 'network-endpoint-unreachable'],
    ['strerror ECONNREFUSED', 'Connection refused (os error 111)', 'network-endpoint-unreachable'],
    ['strerror EHOSTDOWN', '[Errno 64] Host is down', 'network-endpoint-unreachable'],
    // Reset
    ['strerror EPIPE', 'write(2) on the socket failed: Broken pipe', 'network-connection-reset'],
    [
      'Windows WSAECONNRESET',
      'An existing connection was forcibly closed by the remote host.',
      'network-connection-reset',
    ],
    ['hyper', 'connection closed before message completed', 'network-connection-reset'],
    [
      'h2 Reason::REFUSED_STREAM description',
      'stream error received: refused stream before processing any application logic',
      'network-connection-reset',
    ],
    ['libcurl CURLE_RECV_ERROR', 'Failure when receiving data from the peer', 'network-connection-reset'],
    [
      'Python http.client',
      "RemoteDisconnected('Remote end closed connection without response')",
      'network-connection-reset',
    ],
    [
      'Fluent Bit flb_http_client.c',
      '[http_client] broken connection to firehose.ca-central-1.amazonaws.com:443',
      'network-connection-reset',
    ],
    // Timeout
    ['Go net', 'read tcp 10.0.0.5:51234->52.94.8.40:443: i/o timeout', 'network-timeout'],
    ['Go context', 'Post "https://sts.amazonaws.com/": context deadline exceeded', 'network-timeout'],
    [
      'Ruby Timeout::Error (Net::OpenTimeout)',
      'Failed to open TCP connection to sns.eu-west-3.amazonaws.com:443 (execution expired)',
      'network-timeout',
    ],
    ['libcurl CURLE_OPERATION_TIMEDOUT', 'curlCode: 28, Timeout was reached', 'network-timeout'],
    ['Rust SDK', 'request has timed out', 'network-timeout'],
    [
      '.NET WSAETIMEDOUT',
      'A connection attempt failed because the connected party did not properly respond after a period of time',
      'network-timeout',
    ],
    ['Go net/http', 'net/http: TLS handshake timeout', 'network-timeout'],
    // A client's word for any connection failure
    [
      'cpp-httplib Error::Connection',
      "IO Error: Connection error for HTTP HEAD to 'https://b.s3.amazonaws.com/x'",
      'network-endpoint-unreachable',
    ],
    ['.NET HttpRequestException', 'An error occurred while sending the request.', 'network-endpoint-unreachable'],
  ];
  it.each(valid)('valid: %s, "%s"', (_source, text, entry) => {
    expect(familyNamedBy(text, { operationNamed: true })?.entry).toBe(entry);
  });

  const invalid: Array<[string, string]> = [
    [
      'the operating system refusing a file (EACCES)',
      "PermissionError: [Errno 13] Permission denied: '/root/.aws/config'",
    ],
    ["a Lambda function's own deadline", 'Task timed out after 3.00 seconds'],
    ["a dumped error object's empty property", '  region: undefined,\n  hostname: undefined,'],
    ["another tool's credentials", 'docker credentials not found in the native keychain'],
    ['expired credentials (another entry)', 'the security token included in the request is expired'],
    ['an error of no family', "NoMethodError: undefined method `match' for nil:NilClass"],
  ];
  it.each(invalid)('invalid: %s', (_source, text) => {
    expect(familyNamedBy(text, { operationNamed: true })).toBeUndefined();
  });

  it('a network failure names where it went: an address, an AWS client or the operation', () => {
    expect(familyNamedBy('Timed out after 30000 ms while trying to connect to Chrome!')).toBeUndefined();
    expect(familyNamedBy('Error: connect to https://s3.amazonaws.com/ timed out after 30000 ms')?.entry).toBe(
      'network-timeout',
    );
    expect(familyNamedBy('upload failed: request has timed out', { operationNamed: true })?.entry).toBe(
      'network-timeout',
    );
  });

  it("a connection to the user's own server on AWS or on loopback is not a failure on the way to an AWS API", () => {
    expect(familyNamedBy('dial tcp 127.0.0.1:9000: connection was lost')).toBeUndefined();
    expect(
      familyNamedBy('Failed to connect to ec2-3-1-2-3.compute-1.amazonaws.com port 8080: Connection refused'),
    ).toBeUndefined();
  });
});

describe('an unknown error in an AWS context is answered by the family its words name', () => {
  const valid: Array<[string, string, string]> = [
    [
      'Go crypto/x509 (SystemRootsError) in a backup tool',
      'time="2026-12-01T10:00:00Z" level=error msg="backup failed" error="Put \\"https://backups.s3.us-west-2.amazonaws.com/db.tar\\": x509: failed to load system roots and no roots provided"',
      'network-tls',
    ],
    [
      'Elixir ExAws over Mint, a resolver failing (nxdomain)',
      '** (RuntimeError) ExAws request to https://sqs.us-east-1.amazonaws.com/ failed: DNS lookup failed (nxdomain)',
      'network-endpoint-unreachable',
    ],
    [
      'Go context deadline in a controller log',
      'E1201 10:00:00.000000       1 controller.go:114] sync failed: Get "https://ec2.us-east-1.amazonaws.com/?Action=DescribeInstances": context deadline exceeded',
      'network-timeout',
    ],
    [
      'strerror ETIMEDOUT (macOS) after a CLI error head',
      'error: upload to https://s3.amazonaws.com/b/k failed: Operation timed out',
      'network-timeout',
    ],
    [
      'strerror ECONNREFUSED in a log line at error level',
      '2026-12-01 10:00:00 [error] publisher: POST https://events.us-east-1.amazonaws.com/ refused connection (os error 111)',
      'network-endpoint-unreachable',
    ],
    [
      'strerror ECONNRESET in a log line at fatal level',
      'FATAL 2026-12-01 10:00:00 backup: write to s3.amazonaws.com:443 failed: Connection reset',
      'network-connection-reset',
    ],
    [
      'a proxy refusing CONNECT, at error level',
      'ERROR sync: https://s3.amazonaws.com/b: proxy refused the CONNECT request (403)',
      'network-proxy',
    ],
    [
      'Rust SDK: a client built without a Region',
      'Error: the region was not set on the client config for https://s3.amazonaws.com',
      'region-missing',
    ],
    [
      'a CLI of its own requiring a Region',
      'fatal: aws-nuke: You must provide a region (--region or AWS_REGION)',
      'region-missing',
    ],
    [
      'Java v2 SdkClientException worded by a wrapper',
      'Exception in thread "main" software.amazon.awssdk.core.exception.SdkClientException: Unable to determine the region for this client: set aws.region',
      'region-missing',
    ],
    ['an environment provider', 'Error: AWS_SECRET_ACCESS_KEY is not set in the environment', 'credentials-not-found'],
    [
      "a sink's credentials provider",
      'java.io.IOException: com.example.S3Sink: could not load AWS credentials for bucket s3a://logs',
      'credentials-not-found',
    ],
    [
      'an invalid key in a tool of its own',
      'ERROR: s3 sync failed: invalid access key id AKIAIOSFODNN7EXAMPLE for https://s3.amazonaws.com',
      'credentials-invalid-token',
    ],
    [
      'S3 AccessDenied at error level',
      'ERROR backup: PUT https://backups.s3.amazonaws.com/k: Access Denied',
      'access-denied-generic',
    ],
    [
      'throttling at error level',
      'WARN 2026-12-01 poller: ERROR: sqs ReceiveMessage throttled (429 Too Many Requests) by https://sqs.us-east-1.amazonaws.com',
      'aws-throttling',
    ],
    [
      'a 5xx at error level',
      'ERROR sync: GET https://s3.amazonaws.com/b/k: 503 Service Unavailable',
      'aws-server-error',
    ],
    [
      "an AWS endpoint named earlier in the paste than the error's own lines",
      '> Uploading to https://s3-eu-west-1.amazonaws.com/site-assets/\n> ....\n> FATAL: upload of img/bg.png stopped: the idle connection was dropped (no bytes for 60 s)',
      'network-connection-reset',
    ],
    [
      "the Ruby SDK's transport failure to another provider's store (an AWS client words it)",
      'Seahorse::Client::NetworkingError: write to objects.example-store.net:443 failed: stream was reset by the server',
      'network-connection-reset',
    ],
  ];
  it.each(valid)('valid: %s', (_source, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)).toEqual([entry]);
    expect(d.findings[0]!.confidence).toBeLessThan(HIGH_CONFIDENCE);
    expect(d.verdict.kind).toBe('possible');
    expect(d.unmatched).toEqual([]);
  });

  const invalid: Array<[string, string]> = [
    [
      'a local browser timing out under an AWS login tool',
      "Logging in with profile 'dev'...\nError: Timed out after 30000 ms while trying to connect to Chrome! The only Chrome revision guaranteed to work is r526987",
    ],
    [
      "a Lambda function's own timeout",
      '2026-12-01T10:00:00.000Z 3f1c2a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b Task timed out after 3.00 seconds',
    ],
    [
      'a file the SDK could not read (EACCES)',
      "PermissionError: [Errno 13] Permission denied: '/home/app/.aws/credentials'",
    ],
    [
      'a refusal with nothing of AWS in the paste',
      'ERROR forwarder: POST https://hooks.example.net/v1/events refused connection (os error 111)',
    ],
  ];
  it.each(invalid)('invalid: %s stays an error no entry claims', (_source, text) => {
    const d = diagnosisOf(text);
    expect(d.findings.filter((f) => f.confidence >= 0.5)).toEqual([]);
  });

  it("beside an error an entry knows, the paste's other lines add no family finding", () => {
    const text =
      'botocore.exceptions.NoCredentialsError: Unable to locate credentials\nERROR worker: upload to https://s3.amazonaws.com/b failed: 503 Service Unavailable';
    expect(diagnosisOf(text).findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
  });

  it("a client's generic connection failure yields to the specific failure printed with it", () => {
    const text =
      'ERROR uploader: could not connect to https://s3.amazonaws.com/b\nERROR uploader: https://s3.amazonaws.com/b: handshake failed: x509: certificate has expired';
    expect(diagnosisOf(text).findings.map((f) => f.entry.id)).toEqual(['network-tls']);
  });

  it('a sentence about such an error stays chat', () => {
    const d = diagnosisOf(
      'We saw the ERROR about the region was not set on the client config yesterday, but it went away after the deploy to https://s3.amazonaws.com finished.',
    );
    expect(d.isError).toBe(false);
  });
});

describe('familyNamedBy: the libraries’ other ways of saying the same failure', () => {
  const valid: Array<[string, string, string]> = [
    // A Region printed empty was never set: missing, not unknown
    ['aws-sdk-go-base "invalid AWS Region: %s" with an empty Region', 'Error: invalid AWS Region: ', 'region-missing'],
    [
      'botocore InvalidRegionError with an empty region_name',
      "Provided region_name '' doesn't match a supported format.",
      'region-missing',
    ],
    ['Java v2 Region.of (Validate.paramNotBlank)', 'region must not be blank or empty.', 'region-missing'],
    [
      'pulumi-terraform-bridge "missing required configuration key %q: %s"',
      'error: missing required configuration key "aws:region": set it with `pulumi config set`',
      'region-missing',
    ],
    [
      'Pulumi before the bridge: "Missing required configuration variable"',
      "Missing required configuration variable 'aws:region'",
      'region-missing',
    ],
    // A handshake that ran out of time is a timeout, not a certificate
    ['Python ssl (_ssl.c)', 'socket.timeout: _ssl.c:1114: The handshake operation timed out', 'network-timeout'],
    ['PHP openssl stream (xp_ssl.c)', 'fopen(): SSL: Handshake timed out', 'network-timeout'],
    ['libcurl CURLE_OPERATION_TIMEDOUT', 'SSL connection timeout', 'network-timeout'],
    // .NET's WebExceptionStatus, SocketError and HttpRequestError names
    [
      '.NET WebExceptionStatus.ReceiveFailure',
      'System.Net.WebException: Error getting response stream: ReceiveFailure',
      'network-connection-reset',
    ],
    ['.NET WebExceptionStatus.SendFailure', 'WebException (Status: SendFailure)', 'network-connection-reset'],
    [
      '.NET WebExceptionStatus.ConnectFailure',
      'System.Net.WebException: Error: ConnectFailure',
      'network-endpoint-unreachable',
    ],
    ['.NET WebExceptionStatus.NameResolutionFailure', 'Status: NameResolutionFailure', 'network-endpoint-unreachable'],
    ['.NET SocketError.HostNotFound', 'SocketErrorCode: HostNotFound', 'network-endpoint-unreachable'],
    ['.NET WebExceptionStatus.SecureChannelFailure', 'WebException: Status: SecureChannelFailure', 'network-tls'],
    ['.NET WebExceptionStatus.TrustFailure', 'System.Net.WebException: TrustFailure', 'network-tls'],
    ['.NET WebExceptionStatus.ProxyNameResolutionFailure', 'Status: ProxyNameResolutionFailure', 'network-proxy'],
    ['.NET WebExceptionStatus.Timeout', 'WebExceptionStatus.Timeout', 'network-timeout'],
    ['.NET HttpIOException (ResponseEnded)', 'The response ended prematurely.', 'network-connection-reset'],
    // Python's OSError with its errno alone (Linux and Winsock numbers)
    ['Python OSError, Linux ETIMEDOUT', 'socket.error: [Errno 110]', 'network-timeout'],
    ['Python OSError, Linux ECONNREFUSED', 'OSError: [Errno 111]', 'network-endpoint-unreachable'],
    ['Python OSError, Linux EHOSTUNREACH', 'error: [Errno 113]', 'network-endpoint-unreachable'],
    ['Python gaierror, EAI_AGAIN', 'gaierror: [Errno -3]', 'network-endpoint-unreachable'],
    ['Python OSError, Linux ECONNRESET', 'error: [Errno 104]', 'network-connection-reset'],
    ['Python OSError, Winsock WSAETIMEDOUT', 'OSError: [WinError 10060]', 'network-timeout'],
    ['Python OSError, Winsock WSAECONNRESET', 'OSError: [WinError 10054]', 'network-connection-reset'],
    // Go: a lookup that timed out found no host; a host masked by the poster is still a host
    [
      'Go net.DNSError, masked host',
      'dial tcp: lookup ***.example-store.net: i/o timeout',
      'network-endpoint-unreachable',
    ],
    [
      'Go net.DNSError, host glued to its mask',
      'dial tcp: lookup***.example-store.net: i/o timeout',
      'network-endpoint-unreachable',
    ],
  ];
  it.each(valid)('valid: %s, "%s"', (_source, text, entry) => {
    expect(familyNamedBy(text, { operationNamed: true })?.entry).toBe(entry);
  });

  it('invalid: a named Region no endpoint exists for is unknown, not missing', () => {
    expect(familyNamedBy('Error: invalid AWS Region: us-east-9', { operationNamed: true })?.entry).toBe(
      'endpoint-unresolvable',
    );
  });
  it('invalid: an errno of no network failure (ENOENT) names no family', () => {
    expect(
      familyNamedBy("IOError: [Errno 2] No such file or directory: '/etc/app.conf'", { operationNamed: true }),
    ).toBeUndefined();
  });
});

describe('an S3 client’s or AWS client’s transport failure, in the layouts the clients print it', () => {
  const valid: Array<[string, string, string]> = [
    [
      "Go net/http url.Error on a presigned S3 URL to an S3-compatible store (SigV4's query parameters)",
      'download failed: Get "https://objects.example-store.net/bkt/k.tar?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=EXAMPLEKEY%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0a1b": context deadline exceeded',
      'network-timeout',
    ],
    [
      "Go net/http Client.Timeout under minio-go's operation",
      'list failed: client.ListObjectsV2: Get "https://objects.example-store.net/bkt?list-type=2": net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'network-timeout',
    ],
    [
      "Go net/http's HTTP/1.x transport-broken wrapper around a write with no route (minio-go)",
      'Fatal: save failed: client.PutObject: Put "https://objects.example-store.net/bkt/data/0f": net/http: HTTP/1.x transport connection broken: write tcp 10.1.2.3:51000->198.51.100.7:443: write: no route to host',
      'network-endpoint-unreachable',
    ],
    [
      "Go net/http's HTTP/1.x transport-broken wrapper around a reset write (minio-go)",
      'Fatal: save failed: client.PutObject: Put "https://objects.example-store.net/bkt/data/0f": net/http: HTTP/1.x transport connection broken: write tcp 10.1.2.3:51000->198.51.100.7:443: write: connection reset by peer',
      'network-connection-reset',
    ],
    [
      'the PHP SDK\'s "AWS HTTP error" around a PHP stream whose TLS handshake timed out (Guzzle StreamHandler)',
      'AWS HTTP error: Error creating resource: [message] fopen(https://sqs.example.invalid/): SSL: Handshake timed out [file] /srv/vendor/guzzlehttp/guzzle/src/Handler/StreamHandler.php [line] 324',
      'network-timeout',
    ],
    [
      "a libcurl error number alone, in a C++ S3 driver's log (35: CURLE_SSL_CONNECT_ERROR)",
      'ts=2026-12-01T10:00:00Z caller=s3_reader.cpp:210 msg="S3 GET s3://granules/a.h5 failed: curl request failed with code 35"',
      'network-tls',
    ],
    [
      "Python's OSError by errno behind s3cmd's crash-report label",
      'Problem: error: [Errno 113] No route to host\nS3cmd:   2.3.0\npython:   3.11.2',
      'network-endpoint-unreachable',
    ],
    [
      "the .NET SDK's client class beside a WebExceptionStatus (Mono's HttpWebRequest)",
      '2026-12-01T10:00:00.000Z|ERROR|AmazonSQSClient request to the queue failed --> System.Net.WebException: Error getting response stream (ReadDone1): ReceiveFailure',
      'network-connection-reset',
    ],
    [
      "aws-sdk-go-base's empty Region in Terraform's diagnostic",
      'Error: invalid AWS Region: \n\n  with provider["registry.terraform.io/hashicorp/aws"],\n  on main.tf line 1, in provider "aws":',
      'region-missing',
    ],
  ];
  it.each(valid)('valid: %s', (_source, text, entry) => {
    const d = diagnosisOf(text);
    expect(d.isError).toBe(true);
    expect(d.findings.map((f) => f.entry.id)[0]).toBe(entry);
    expect(d.findings[0]!.confidence).toBeLessThan(HIGH_CONFIDENCE);
  });

  const invalid: Array<[string, string]> = [
    [
      "another store's own API client (not the S3 API) refused",
      'Fatal: b2_upload_file: Post "https://api002.backblazeb2.com/b2api/v2/b2_upload_file": dial tcp 198.51.100.9:443: connect: connection refused',
    ],
    [
      'a Go HTTP request to an API of no AWS or S3 context',
      'sync failed: Get "https://api.example.net/v1/items": context deadline exceeded',
    ],
    ['a curl version line', 'curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13'],
  ];
  it.each(invalid)('invalid: %s gets no network finding', (_source, text) => {
    const d = diagnosisOf(text);
    expect(d.findings.filter((f) => f.confidence >= 0.5)).toEqual([]);
  });
});
