import { namesAwsClientTransport } from '../other-clouds.js';

/**
 * The failure families an error's own words name, whatever tool or layout printed them. When a
 * paste holds an error that no catalog entry matched, its words still say which kind of failure it
 * was: a lookup that found no host, a refused or reset connection, a certificate not trusted, a
 * missing Region or credentials, a denial. The vocabulary is what the libraries underneath print
 * (errno names and strerror texts, libcurl's CURLE strings, Go's net and x509 errors, Java's
 * net and SSL exceptions, Python's requests, urllib3 and botocore, .NET's HttpRequestException and
 * SocketException, Rust's hyper, reqwest and rustls, each SDK's Region and credential-chain texts):
 * a tool on top adds its layout, not new words for the failure.
 *
 * Pure data and one predicate, in the manner of smithy's service-error-classification lists: the
 * first family (in the order below) one of whose words the error holds names it.
 */

export interface FailureFamily {
  /** The generic catalog entry for this kind of failure. */
  entry: string;
  /** Words that name the family, case-insensitive unless the term says otherwise. */
  words: readonly RegExp[];
  /** Words around a match that make it another kind of failure (a Lambda function's own timeout). */
  unless?: RegExp;
  /** Its words say only that a connection failed, not how: a more specific family beside it answers. */
  wrapper?: boolean;
  /** A failure on the way to an endpoint: the error must say which (see `namesAnEndpoint`). */
  network?: boolean;
  /** A server's answer or a connection to one: never the user's own server (see OWN_SERVER). */
  server?: boolean;
}

/**
 * Lines of a printed stack (Java/.NET `at …`, Python `File "…", line N`, Ruby `from …:N:in`, Go
 * file lines, numbered frames): they name the classes the failure passed through (`SSLSocketImpl`,
 * `TimeoutHandler`), not the failure.
 */
const STACK_FRAME =
  /^\s*(?:at\s|File "|from\s+\S+:\d|#\d+\s|\d+:\s+0x|\S+\.(?:java|py|rb|go|rs|cs|js|ts|php|kt|scala):\d+\b[^\n]*$|\.\.\.\s*\d+\s+more)/;

/**
 * A Region an error names as invalid or unknown, with an empty value: aws-sdk-go-base's (Terraform's and
 * Pulumi's AWS providers) "Invalid AWS Region: %s" ending the line (or a Terraform box border), botocore
 * InvalidRegionError "Provided region_name '' doesn't match a supported format.", an empty quoted value.
 * No Region reached the client: the Region is missing, not unknown.
 */
export const EMPTY_REGION =
  /\b(?:invalid|unknown|unsupported|unrecognized|unrecognised|bad|not a valid)\s+(?:aws\s+)?region(?:[_ ]name)?\s*[:=]?[ \t]*(?:(["'`])\1[ \t]*)?(?:$|[│|])|\bregion_name ''/im;

/** Words a person or a tool uses about a failure: they are the family's only next to the failure. */
const FAMILIES: readonly FailureFamily[] = [
  {
    // botocore NoRegionError 'You must specify a region.'; JS v3 'Region is missing'; Go v1
    // MissingRegion 'could not find region configuration'; Java v1 'Unable to find a region via the
    // region provider chain'; Java v2 'Unable to load region from any of the providers in the
    // chain'; .NET 'No RegionEndpoint or ServiceURL configured'; Ruby MissingRegionError 'missing
    // region; use :region option'; PHP 'A "region" configuration value is required'; Terraform
    // 'The argument "region" is required, but was not set'.
    entry: 'region-missing',
    words: [
      /\b(?:MissingRegion|NoRegion(?:Error)?|No ?RegionEndpoint)\b/,
      /\b(?:missing|no|must (?:specify|provide|set|configure)|specify|requires?|need|needs|without)\s+(?:an?\s+|the\s+|any\s+)?(?:aws[_ ]|default[_ ])?region\b(?!\s*(?:name\s*)?["'`:=]?\s*["'`]?[a-z]{2}(?:-[a-z]+){1,2}-\d)/i,
      /\bregion\b["'`]?["'`]?(?:\s+(?:configuration|name|value|option|field|parameter|argument|setting)){0,2}\s*(?::\s*)?(?:(?:is\s+|was\s+)?(?:missing|required|not (?:set|specified|provided|configured|defined|found in)|must be (?:set|specified|provided))|(?:is|was) (?:empty|blank))\b/i,
      /\b(?:unable to|could not|couldn'?t|cannot|failed to) (?:find|load|determine|resolve|get|infer|detect|retrieve) (?:the |an? |any )?(?:aws[_ ])?region\b/i,
      /\bAWS_(?:DEFAULT_)?REGION\b[^\n]{0,40}\b(?:must be set|not set|is required|missing|is empty)\b/,
      // Go v1's UnknownEndpointError prints the Region it was given with %q: empty, it was never set.
      /\bregion: "",/,
      EMPTY_REGION,
      // Java v2 Region.of (Validate.paramNotBlank): 'region must not be blank or empty.'
      /\bregion must not be (?:blank|empty|null)\b/i,
      // Pulumi (pulumi-terraform-bridge) 'missing required configuration key "aws:region": …', older
      // releases "Missing required configuration variable 'aws:region'".
      /\bmissing required config(?:uration)? (?:key|variable|value|setting|property)\s+["'`]?[\w-]+:region["'`]/i,
    ],
  },
  {
    // An endpoint that cannot be built for the Region or name given: botocore UnknownRegionError
    // "Unknown region: 'x'", Go v1 'could not resolve endpoint', JS v3 EndpointError, Terraform
    // 'Invalid AWS Region: x'.
    entry: 'endpoint-unresolvable',
    words: [
      /\b(?:invalid|unknown|unsupported|unrecognized|unrecognised|bad|not a valid)\s+(?:aws\s+)?region\b/i,
      /\bregion\b[^\n]{0,30}\b(?:not (?:found|supported|valid|recognized|available)|is invalid|doesn'?t match a supported format)\b/i,
      /\b(?:could not|couldn'?t|unable to|failed to) resolve (?:the )?endpoint\b/i,
      /\bEndpointError\b|\bUnknownEndpoint\b/,
    ],
  },
  {
    // Invalid keys or tokens: STS and the services' "The security token included in the request is
    // invalid", S3 InvalidAccessKeyId "The AWS Access Key Id you provided does not exist in our
    // records", Rust/Go 'invalid access key', tools' 'invalid credentials'.
    entry: 'credentials-invalid-token',
    words: [
      /\b(?:invalid|bad|malformed|unrecognized|unrecognised|incorrect|wrong)\s+(?:aws\s+)?(?:access[ _-]?key(?:[ _-]?id)?|secret(?:[ _-]access)?[ _-]?key|security[ _-]token|session[ _-]token|client[ _-]token)\b/i,
      /\b(?:access[ _-]?key(?:[ _-]?id)?|security token|session token|secret key)\b[^\n]{0,60}\b(?:is (?:invalid|not valid)|does not exist in our records|not recognized)\b/i,
      /\bInvalid(?:AccessKeyId|ClientTokenId|Token|SecretKey)\b/,
    ],
    unless: /\bexpired?\b/i,
  },
  {
    // No credentials at all: botocore NoCredentialsError 'Unable to locate credentials', JS v3
    // CredentialsProviderError 'Could not load credentials from any providers', Go v1
    // NoCredentialProviders 'no valid providers in chain', Go v2 'failed to retrieve credentials',
    // Java v1 'Unable to load AWS credentials from any provider in the chain', Java v2 'Unable to
    // load credentials from any of the providers in the chain', Rust 'no credentials in the
    // property bag' / MissingCredentials / CredentialsNotLoaded, Hadoop S3A NoAwsCredentialsException,
    // env providers 'AWS_ACCESS_KEY_ID not found in environment'.
    entry: 'credentials-not-found',
    words: [
      /\b(?:NoCredential(?:s|Provider)s?(?:Error|Exception)?|MissingCredentials|CredentialsNotLoaded|NoAwsCredentials(?:Exception)?|(?:Env)?AccessKeyNotFound|NoValidCredentialSources)\b/,
      /\b(?:no|missing|unable to (?:locate|load|find|retrieve|get|obtain|resolve|source)|could not (?:locate|load|find|retrieve|get|obtain|resolve|source)|couldn'?t (?:locate|load|find|retrieve|get)|failed to (?:load|find|retrieve|get|obtain|resolve|source)|cannot (?:find|load|locate|retrieve|get|obtain))\s+(?:any\s+|valid\s+|the\s+)?(?:aws\s+)?credentials?\b/i,
      /\b(?:aws\s+)?credentials?\b(?:\s+\w+){0,2}\s+(?:were\s+|was\s+|are\s+|is\s+)?(?:not (?:found|set|provided|configured|available|loaded|present)|missing|unavailable)\b/i,
      /\b(?:provider|providers|chain)\s+(?:returned|gave|found|provided)\s+no\s+credentials\b/i,
      /\bAWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|ACCESS_KEY|SECRET_KEY)\b[^\n]{0,60}\b(?:not (?:found|set)|missing|is empty|are empty|required)\b/,
    ],
    unless: /\bexpired?\b|\b(?:docker|git|database|db|registry|npm|pip|maven|ssh)\s+credentials?\b/i,
  },
  {
    // Denials as AWS services word them ('AccessDenied', 'is not authorized to perform', EC2
    // 'UnauthorizedOperation: You are not authorized to perform this operation') and as HTTP says
    // them (403 Forbidden). Not the operating system's 'Permission denied' (EACCES on a file).
    entry: 'access-denied-generic',
    server: true,
    words: [
      /\bAccess ?Denied\b/i,
      /\b(?:is |are |was )?not authori[sz]ed to (?:perform|access|call|invoke|use)\b/i,
      /\bUnauthorizedOperation\b|\bAuthorizationError\b/,
      /\b403\s+Forbidden\b|\bForbidden\s*\(403\)/i,
      /\binsufficient (?:iam )?permissions?\b/i,
    ],
  },
  {
    // smithy's THROTTLING_ERROR_CODES (ThrottlingException, Throttling, SlowDown,
    // TooManyRequestsException, RequestLimitExceeded…) and their messages ('Rate exceeded').
    entry: 'aws-throttling',
    server: true,
    words: [
      /\b(?:Throttl(?:ing|ed)(?:Exception)?|SlowDown|TooManyRequests(?:Exception)?|RequestLimitExceeded|RequestThrottled(?:Exception)?|PriorRequestNotComplete|BandwidthLimitExceeded)\b/,
      /\b(?:rate exceeded|too many requests|reduce your request rate|request limit exceeded|slow down|throttled|throttling)\b/i,
      /\b(?:status(?:\s*code)?[:=]\s*|StatusCode:\s*|HTTP\/\d(?:\.\d)?\s+)429\b/i,
    ],
  },
  {
    // smithy's TRANSIENT_ERROR_STATUS_CODES (500, 502, 503, 504) and the codes AWS services answer
    // with them (InternalError, InternalFailure, ServiceUnavailable).
    entry: 'aws-server-error',
    server: true,
    words: [
      /\b(?:InternalError|InternalFailure|InternalServerError|InternalServiceError|ServiceUnavailable(?:Exception)?)\b/,
      /\b(?:internal (?:server )?error|service (?:is )?(?:temporarily )?unavailable|bad gateway)\b/i,
      /\b(?:status(?:\s*code)?[:=]\s*|StatusCode:\s*|HTTP\/\d(?:\.\d)?\s+)50[0234]\b/i,
    ],
  },
  {
    // Certificate validation: Go x509 ('x509: certificate signed by unknown authority', '…has expired
    // or is not yet valid', '…is not standards compliant'), Go tls 'failed to verify certificate',
    // OpenSSL 'certificate verify failed' (Python ssl CERTIFICATE_VERIFY_FAILED), Java
    // SSLHandshakeException / 'PKIX path building failed' / 'the trustAnchors parameter must be
    // non-empty', .NET 'The SSL connection could not be established' / 'The remote certificate is
    // invalid', rustls 'invalid peer certificate', libcurl CURLE_PEER_FAILED_VERIFICATION 'SSL peer
    // certificate or SSH remote key was not OK', CURLE_SSL_CACERT_BADFILE 'Problem with the SSL CA
    // cert', CURLE_SSL_CONNECT_ERROR 'SSL connect error'.
    entry: 'network-tls',
    network: true,
    server: true,
    words: [
      /\bx509:/,
      /\b(?:SSLError|SSLException|SSLHandshakeException|SSLPeerUnverifiedException|CertificateException|CertPathValidatorException|AuthenticationException: The remote certificate)\b/,
      /\bcertificate\b[^\n]{0,60}\b(?:verify|verification|validation|invalid|not valid|untrusted|not trusted|unknown|expired|revoked|self[- ]signed|not standards compliant|cannot be authenticated|was not OK|failed|error)\b/i,
      /\b(?:verify|validate|validation of|untrusted|invalid|expired|self[- ]signed|unknown)\s+(?:peer\s+|server\s+|remote\s+|the\s+)?certificate\b/i,
      /\b(?:PKIX path|trustAnchors|trust ?store|CA cert|CERTIFICATE_VERIFY_FAILED|UnknownIssuer|SSL (?:connect error|routines|handshake failed)|TLS (?:handshake (?:error|failed|failure)|alert))\b/i,
      // .NET WebExceptionStatus SecureChannelFailure / TrustFailure, HttpRequestError SecureConnectionError.
      /\b(?:SecureChannelFailure|TrustFailure|SecureConnectionError)\b/,
    ],
    // A handshake that ran out of time is a timeout, not a certificate: Go 'net/http: TLS handshake
    // timeout', Python ssl 'The handshake operation timed out', PHP streams 'SSL: Handshake timed out',
    // libcurl 'SSL connection timeout'.
    unless:
      /\bhandshake(?: operation)?\s+(?:timeout|timed out)\b|\b(?:SSL|TLS) (?:connection |handshake )?timeout\b|\btimed out (?:during|while|in) (?:the )?(?:(?:SSL|TLS) )?handshake\b/i,
  },
  {
    // A proxy in the way: libcurl CURLE_COULDNT_RESOLVE_PROXY "Couldn't resolve proxy name",
    // 'Proxy CONNECT aborted', HTTP 407 'Proxy Authentication Required', botocore ProxyConnectionError
    // 'Failed to connect to proxy URL', Go 'proxyconnect tcp:'.
    entry: 'network-proxy',
    network: true,
    server: true,
    words: [
      /\bProxyNameResolutionFailure\b/,
      /\bproxyconnect\b|\bProxyConnectionError\b|\bProxy Authentication Required\b|\b407\b[^\n]{0,20}\bproxy\b/i,
      /\bproxy\b[^\n]{0,40}\b(?:refused|failed|error|unreachable|CONNECT aborted|could not be resolved|timed out)\b/i,
      /\b(?:resolve|connect to|reach)\s+(?:the\s+)?proxy\b/i,
    ],
  },
  {
    // No host, no route, or nothing listening: Node/libuv ENOTFOUND, EAI_AGAIN, ECONNREFUSED,
    // EHOSTUNREACH, ENETUNREACH; strerror 'Connection refused', 'No route to host', 'Network is
    // unreachable', 'Host is down'; gai_strerror 'Name or service not known', 'Temporary failure in
    // name resolution'; Go 'no such host', 'server misbehaving'; Java UnknownHostException; Python
    // socket.gaierror; .NET SocketException 'No such host is known'; libcurl CURLE_COULDNT_RESOLVE_HOST
    // "Couldn't resolve host name"; hyper 'dns error'; a resolver's "could not be resolved".
    entry: 'network-endpoint-unreachable',
    network: true,
    server: true,
    words: [
      /\b(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|UnknownHostException|gaierror|NameResolutionError|NoRouteToHostException)\b/,
      // Go's 'lookup <host>: …' (a masked host too, '***.example.com'), whatever failed in it: a lookup
      // that timed out found no host either.
      /\b(?:getaddrinfo|no such host|name resolution|name or service not known|nodename nor servname|host not found|unknown host|dns error|dns lookup|server misbehaving|could not be resolved|(?:could not|couldn'?t|unable to|failed to|cannot) resolve(?: host)?\b|lookup(?: |(?=[*<]))[\w.*<>-]+(?: on [\d.:[\]]+)?: )/i,
      // .NET WebExceptionStatus NameResolutionFailure / ConnectFailure, SocketError HostNotFound,
      // ConnectionRefused, HostUnreachable, NetworkUnreachable, TryAgain, HttpRequestError NameResolutionError.
      /\b(?:NameResolutionFailure|ConnectFailure|HostNotFound|ConnectionRefused|HostUnreachable|NetworkUnreachable|NetworkDown|NameResolutionError)\b/,
      // Python's OSError printed with its errno alone (Linux: 101 ENETUNREACH, 111 ECONNREFUSED, 113
      // EHOSTUNREACH, 100 ENETDOWN, 112 EHOSTDOWN; getaddrinfo -2 EAI_NONAME, -3 EAI_AGAIN, -5 EAI_NODATA;
      // Winsock 10050, 10051, 10061, 10065, 11001 WSAHOST_NOT_FOUND, 11002 WSATRY_AGAIN, 11004 WSANO_DATA).
      /\[(?:Errno|WinError) (?:-2|-3|-5|100|101|111|112|113|10050|10051|10061|10065|11001|11002|11004)\]/,
      /\b(?:connection refused|actively refused|refused (?:the )?connection|refused to connect|no route to host|network is unreachable|host is unreachable|host is down|network is down|host unreachable)\b/i,
    ],
    unless: /\brefused[_ ]stream\b|REFUSED_STREAM/i,
  },
  {
    // A connection dropped after it opened: ECONNRESET, EPIPE, ECONNABORTED; strerror 'Connection
    // reset by peer', 'Broken pipe', 'Software caused connection abort'; Windows WSAECONNRESET 'An
    // existing connection was forcibly closed by the remote host'; Node 'socket hang up'; Go 'http:
    // server closed idle connection', 'unexpected EOF'; hyper 'connection closed before message
    // completed', IncompleteMessage; HTTP/2 RST_STREAM / REFUSED_STREAM / GOAWAY; Python
    // RemoteDisconnected, IncompleteRead, ChunkedEncodingError; Apache NoHttpResponseException 'failed
    // to respond'; libcurl CURLE_RECV_ERROR 'Failure when receiving data from the peer', CURLE_SEND_ERROR
    // 'Failed sending data to the peer', CURLE_GOT_NOTHING 'Server returned nothing'.
    entry: 'network-connection-reset',
    network: true,
    server: true,
    words: [
      /\b(?:ECONNRESET|EPIPE|ECONNABORTED|RST_STREAM|REFUSED_STREAM|GOAWAY|IncompleteMessage|RemoteDisconnected|IncompleteRead|ChunkedEncodingError|NoHttpResponseException|ConnectionResetError|BrokenPipeError|ConnectionAbortedError)\b/,
      // .NET WebExceptionStatus ReceiveFailure / SendFailure / ConnectionClosed / KeepAliveFailure /
      // PipelineFailure (the connection failed after it opened), SocketError ConnectionReset /
      // ConnectionAborted, HttpRequestError ResponseEnded.
      /\b(?:ReceiveFailure|SendFailure|ConnectionClosed|KeepAliveFailure|PipelineFailure|ConnectionReset|ConnectionAborted|ResponseEnded)\b/,
      // Python's OSError with its errno alone: Linux 32 EPIPE, 103 ECONNABORTED, 104 ECONNRESET; Winsock 10053, 10054.
      /\[(?:Errno|WinError) (?:32|103|104|10053|10054)\]/,
      /\b(?:connection reset|reset by peer|broken pipe|broken connection|forcibly closed|socket hang up|refused stream|connection (?:was )?(?:closed|aborted|dropped|terminated|lost|interrupted)|closed (?:by|before) (?:the )?(?:remote|peer|server|message)|remote end closed|server closed (?:idle )?connection|unexpected (?:EOF|end of (?:stream|file))|premature(?:ly)? (?:close|closed|end)|ended prematurely|failed to respond|server returned nothing|failure when receiving data|failed sending data|software caused connection abort|stream (?:was )?reset)\b/i,
    ],
  },
  {
    // A deadline passed: ETIMEDOUT, ESOCKETTIMEDOUT; strerror 'Connection timed out' ('Operation
    // timed out' on macOS); Go 'i/o timeout', 'context deadline exceeded', 'Client.Timeout exceeded';
    // Java SocketTimeoutException 'Read timed out' / 'connect timed out'; Python ReadTimeout,
    // ConnectTimeout, botocore 'Read timeout on endpoint URL'; .NET TaskCanceledException 'The
    // request was canceled due to the configured HttpClient.Timeout', WSAETIMEDOUT 'A connection
    // attempt failed because the connected party did not properly respond'; Ruby Net::OpenTimeout
    // 'execution expired'; libcurl CURLE_OPERATION_TIMEDOUT 'Timeout was reached'; S3 RequestTimeout
    // 'not read from or written to within the timeout period'.
    entry: 'network-timeout',
    network: true,
    server: true,
    words: [
      /\b(?:ETIMEDOUT|ESOCKETTIMEDOUT|ESOCKETTIMEOUT|SocketTimeoutException|ConnectTimeoutException|TimeoutException|TimeoutError|ReadTimeout(?:Error)?|ConnectTimeout(?:Error)?|Net::(?:Open|Read|Write)Timeout|DeadlineExceeded)\b|\bHttpClient\.Timeout\b/,
      /\b(?:timed? ?out|timeout (?:was reached|exceeded|expired|period|error)|i\/o timeout|deadline exceeded|execution expired|did not properly respond|took too long to respond)\b/i,
      // Python's OSError with its errno alone: Linux 110 ETIMEDOUT, Winsock 10060 WSAETIMEDOUT; .NET's
      // WebExceptionStatus.Timeout as a status.
      /\[(?:Errno|WinError) (?:110|10060)\]|\bWebExceptionStatus\.Timeout\b|\bStatus(?::\s*|=|\s+)Timeout\b/,
    ],
    unless:
      /\b(?:Task|Sandbox|Lambda function|function|statement|lock(?: wait)?|query|session|login|idle[- ]in[- ]transaction|job|build|step|test|pod|container)\s+(?:\S+\s+)?time(?:d ?out|out)\b/i,
  },
  {
    // Only that no connection was made, in a client's own words: JS v2 NetworkingError, the C++
    // SDK's NETWORK_CONNECTION, botocore HTTPClientError 'An HTTP Client failed to establish a
    // connection', Go v1 'send request failed', the Rust SDK's DispatchFailure, hyper 'error trying to
    // connect', .NET HttpRequestException 'An error occurred while sending the request', Ruby
    // 'Failed to open TCP connection'.
    entry: 'network-endpoint-unreachable',
    network: true,
    server: true,
    wrapper: true,
    // The cause printed with the wrapper is a local limit (EMFILE, ENFILE, ENOMEM, ENOBUFS, EACCES
    // strerror texts), not the network.
    unless:
      /\b(?:EMFILE|ENFILE|ENOMEM|ENOBUFS|EACCES)\b|Too many open files|Cannot allocate memory|No buffer space available|Permission denied/i,
    words: [
      /\b(?:NetworkingError|NETWORK_CONNECTION|HTTPClientError|DispatchFailure|ConnectException|HttpHostConnectException|ConnectError)\b/,
      /\b(?:unable to connect|could not connect|couldn'?t connect|cannot connect|can'?t connect|failed to connect|error trying to connect|failed to establish (?:a )?(?:new )?connection|could not establish (?:a )?connection|connection (?:error|failed|failure)|connect error|network error|send request failed|dispatch failure|failed to open TCP connection|error (?:occurred )?while sending the request|error sending request)\b/i,
    ],
  },
];

/**
 * Where a connection failed: a URL, an IP address, a host and port, an AWS endpoint host, or an AWS
 * client the failure passed through (its package or namespace in the message or the frames, the C++
 * SDK's 'AWS Error'). A timeout connecting to a local browser or a Lambda function's own deadline
 * names none of them.
 */
const ENDPOINT_NAMED =
  /\bhttps?:\/\/[^\s"'<>]|\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[A-Za-z0-9-]+\.)+(?!(?:js|mjs|cjs|ts|tsx|jsx|py|pyx|pxi|rb|go|java|kt|scala|cs|php|rs|c|cc|cpp|h|hpp|swift|ex|exs|erl)\b)[A-Za-z]{2,24}:\d{2,5}\b(?!:\d)|\.amazonaws\.com\b|\.api\.aws\b|\bbotocore\b|\bboto3\b|\baws-sdk\b|@aws-sdk\/|\bcom\.amazonaws\b|\bsoftware\.amazon\.awssdk\b|\bAmazon\.Runtime\b|\bAws::|\bSeahorse::|\baws_sdk_|\baws_smithy_|\baws-smithy-|\bAWS Error\b|\bawssdk\b|\bdispatch failure\b|\bDispatchFailure\b|\bAmazon[A-Z][A-Za-z0-9]{1,40}Client\b|\bAWS HTTP error\b/;
/**
 * Servers of the user's own that AWS only hosts or that run on the same machine: an EC2 instance's
 * public name, a load balancer's, a database's or cache's endpoint, loopback. A connection to them
 * failing is that server's business, not a failure on the way to an AWS API.
 */
const OWN_SERVER =
  /\b[\w.-]+\.(?:compute(?:-1)?|elb|rds|cache|redshift|docdb|neptune|kafka)\.amazonaws\.com(?:\.cn)?\b|\blocalhost\b|\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b|\[::1\]|\b0\.0\.0\.0\b/i;

/** What the paste says around the error, beyond its words. */
export interface FamilyContext {
  /** The paste names the AWS operation or service that failed, which says where a connection went. */
  operationNamed?: boolean;
  /**
   * The error code a service answered with (an SDK's error layout with an HTTP status): the service
   * named the failure itself, so only a code in a family's own vocabulary makes it that family's
   * (IAM's ConcurrentModification is not throttling for its "Rate exceeded for concurrent
   * modifications", nor STS's 403 OutboundWebIdentityFederationDisabledException a denial).
   */
  answeredCode?: string;
  /** The paste names an AWS endpoint host: a connection failure in it went there. */
  awsEndpointNamed?: boolean;
  /**
   * The paste names an S3 API client or request (see `namesS3ApiClient`): a connection failure in it
   * went to the store that client was pointed at.
   */
  s3ClientNamed?: boolean;
  /**
   * Only a network family may answer: the request went to another provider's store through an AWS
   * client, which words its own transport failures whatever the store.
   */
  networkOnly?: boolean;
}

/** The error's own lines: its stack frames name code it passed through, not what failed. */
function ownLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !STACK_FRAME.test(line))
    .join('\n');
}

export interface FamilyMatch {
  /** The generic catalog entry of the family. */
  entry: string;
  /** The words that named it, as the paste has them. */
  words: string;
  /** The words say only that a connection failed (see `FailureFamily.wrapper`). */
  wrapper: boolean;
}

/** The first family in FAMILIES one of whose words `text` holds, with nothing ruling it out. */
function firstFamily(text: string, errorText: string, context: FamilyContext): FamilyMatch | undefined {
  let endpoint: boolean | undefined;
  let ownServer: boolean | undefined;
  for (const family of FAMILIES) {
    if (context.networkOnly && !family.network) continue;
    if (family.unless?.test(text)) continue;
    if (family.server) {
      ownServer ??= OWN_SERVER.test(errorText);
      if (ownServer) continue;
    }
    if (family.network) {
      endpoint ??=
        context.operationNamed === true ||
        context.awsEndpointNamed === true ||
        context.s3ClientNamed === true ||
        ENDPOINT_NAMED.test(errorText) ||
        namesAwsClientTransport(errorText);
      if (!endpoint) continue;
    }
    for (const word of family.words) {
      const hit = word.exec(text);
      if (hit) return { entry: family.entry, words: hit[0], wrapper: family.wrapper === true };
    }
  }
  return undefined;
}

/** The failure family the error's own words name, or undefined when they name none. */
export function familyNamedBy(errorText: string, context: FamilyContext = {}): FamilyMatch | undefined {
  if (context.answeredCode !== undefined) {
    const byCode = firstFamily(context.answeredCode, errorText, context);
    return byCode ? { ...byCode, words: context.answeredCode } : undefined;
  }
  return firstFamily(ownLines(errorText), errorText, context);
}

/** The entries a family answer can name (each must exist in the catalog). */
export const FAMILY_ENTRIES: readonly string[] = [...new Set(FAMILIES.map((f) => f.entry))];
