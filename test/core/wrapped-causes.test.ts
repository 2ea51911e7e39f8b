import { describe, expect, it } from 'vitest';
import { diagnose, HIGH_CONFIDENCE } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * SDKs and frameworks wrap the failure that happened in generic layers ("Unable to connect",
 * "request send failed", "SdkClientException", "fetch failed"). The most specific cause in the
 * chain names the failure; a wrapper's own words decide only when it carries no cause. Every text
 * is built from the chain layout of the named runtime or SDK (.NET inner exceptions, Java
 * `Caused by:`, Python chained tracebacks, Go `%w` chains and the Go SDKs' wrappers, Rust source
 * lists, Ruby's Seahorse wrapper, Node's `[cause]`), with made-up hosts and addresses.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });
const topOf = (text: string) => diagnosisOf(text).findings[0];

const HOST = 'metering.marketplace.us-east-1.amazonaws.com';
const URL = `https://${HOST}/`;
const WSAETIMEDOUT =
  'A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond';

const valid: Array<[string, string, string]> = [
  // .NET: Exception.ToString() joins inner exceptions with " ---> " and ends each with "--- End of inner exception stack trace ---"
  [
    '.NET Framework: WSAETIMEDOUT under ConnectFailure under AmazonServiceException',
    `Amazon.Runtime.AmazonServiceException: A WebException with status ConnectFailure was thrown. ---> System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: ${WSAETIMEDOUT} 52.94.8.40:443\n   at System.Net.Sockets.Socket.InternalEndConnect(IAsyncResult asyncResult)\n   --- End of inner exception stack trace ---\n   at System.Net.HttpWebRequest.EndGetRequestStream(IAsyncResult asyncResult, TransportContext& context)\n   --- End of inner exception stack trace ---\n   at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleException(IExecutionContext executionContext, HttpErrorResponseException exception)`,
    'network-timeout',
  ],
  [
    '.NET Framework: the same chain logged one exception per line',
    `Amazon.Runtime.AmazonServiceException: A WebException with status ConnectFailure was thrown.\n ---> System.Net.WebException: Unable to connect to the remote server\n ---> System.Net.Sockets.SocketException: ${WSAETIMEDOUT} 52.94.8.40:443\n   at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)\n   --- End of inner exception stack trace ---`,
    'network-timeout',
  ],
  [
    '.NET: a TLS failure under HttpRequestException',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot\n   at System.Net.Security.SslStream.SendAuthResetSignal(ProtocolToken message, ExceptionDispatchInfo exception)\n   --- End of inner exception stack trace ---\n   at Amazon.Runtime.Internal.HttpRequestMessageFactory.GetResponseAsync(CancellationToken cancellationToken)`,
    'network-tls',
  ],
  // Java: Throwable.printStackTrace() prints "Caused by:" for each cause, innermost last
  [
    'Java v1: connect timeout under SdkClientException, Apache and java.net causes',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: connect timed out\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.executeHelper(AmazonHttpClient.java:1165)\nCaused by: org.apache.http.conn.ConnectTimeoutException: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: connect timed out\n\tat org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:151)\n\t... 12 more\nCaused by: java.net.SocketTimeoutException: connect timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:546)\n\t... 20 more`,
    'network-timeout',
  ],
  [
    'Java v2: the OS connect timeout under ConnectException under SdkClientException',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection timed out\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\nCaused by: java.net.ConnectException: Connection timed out\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)\n\t... 30 more`,
    'network-timeout',
  ],
  [
    'Java v2: PKIX under SdkClientException',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\nCaused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target\n\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)`,
    'network-tls',
  ],
  [
    'Java v1: the OS connect timeout inside HttpHostConnectException',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection timed out (Connection timed out)\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)\nCaused by: org.apache.http.conn.HttpHostConnectException: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection timed out (Connection timed out)\n\tat org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:156)\nCaused by: java.net.ConnectException: Connection timed out (Connection timed out)`,
    'network-timeout',
  ],
  [
    'Java v2: an earlier attempt listed as Suppressed is not the failure',
    `java.io.UncheckedIOException: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Read timed out\n\tat com.example.meter.Reporter.flush(Reporter.java:40)\n\tSuppressed: software.amazon.awssdk.core.exception.SdkClientException: Request attempt 1 failure: Unable to execute HTTP request: Connection refused\nCaused by: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Read timed out\nCaused by: java.net.SocketTimeoutException: Read timed out`,
    'network-timeout',
  ],
  // Python: the first exception printed is the innermost; the one finally raised comes last
  [
    'botocore: errno 110 under NewConnectionError under EndpointConnectionError',
    `Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/urllib3/connection.py", line 174, in _new_conn\n    conn = connection.create_connection(\nTimeoutError: [Errno 110] Connection timed out\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/botocore/httpsession.py", line 464, in send\n    urllib_response = conn.urlopen(\nurllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f2b1c3d5e10>: Failed to establish a new connection: [Errno 110] Connection timed out\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "/app/meter.py", line 31, in report\n    client.batch_meter_usage(UsageRecords=records, ProductCode=PRODUCT_CODE)\nbotocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"`,
    'network-timeout',
  ],
  [
    'Python: an application error raised from a botocore read timeout',
    `Traceback (most recent call last):\n  File "/app/meter.py", line 31, in report\n    client.meter_usage(**usage)\nbotocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "${URL}"\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "/app/worker.py", line 12, in <module>\n    report()\napp.errors.MeteringFailed: could not record usage for the last hour`,
    'network-timeout',
  ],
  [
    'requests: ConnectTimeoutError named inside ConnectionError',
    `requests.exceptions.ConnectionError: HTTPSConnectionPool(host='${HOST}', port=443): Max retries exceeded with url: / (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3a>, 'Connection to ${HOST} timed out. (connect timeout=5)'))`,
    'network-timeout',
  ],
  // Go: %w chains print outer to inner on one line
  [
    'Go v1: dial timeout under RequestError',
    `RequestError: send request failed\ncaused by: Post "${URL}": dial tcp 52.94.8.40:443: i/o timeout`,
    'network-timeout',
  ],
  [
    'Go v2: dial timeout under the operation error and request send failed',
    `operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": dial tcp 52.94.8.40:443: i/o timeout`,
    'network-timeout',
  ],
  [
    'Go v2: unknown authority under request send failed',
    `operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    'network-tls',
  ],
  [
    'Go: an application %w chain around a refused dial',
    `meter: report usage: operation error Marketplace Metering: MeterUsage, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": dial tcp 52.94.8.40:443: connect: connection refused`,
    'network-endpoint-unreachable',
  ],
  // Rust: std::error::Error::source() chains, printed by anyhow as a numbered "Caused by:" list
  [
    'Rust anyhow: OS connect timeout under dispatch failure',
    `Error: dispatch failure\n\nCaused by:\n    0: io error\n    1: client error (Connect)\n    2: tcp connect error: Connection timed out (os error 110)\n    3: Connection timed out (os error 110)`,
    'network-timeout',
  ],
  [
    'Rust anyhow: an unknown issuer under dispatch failure',
    `Error: failed to report usage\n\nCaused by:\n    0: dispatch failure\n    1: other\n    2: client error (Connect)\n    3: invalid peer certificate: UnknownIssuer`,
    'network-tls',
  ],
  // Node: util.inspect prints an error's cause as "[cause]: ..." inside its braces
  [
    'Node: an application error with a JS v3 timeout as its cause',
    `Error: usage report failed\n    at reportUsage (/app/dist/meter.js:52:11) {\n  [cause]: TimeoutError: Connection timed out after 3000 ms\n      at ClientRequest.<anonymous> (/app/node_modules/@smithy/node-http-handler/dist-cjs/index.js:440:34) {\n    code: 'ETIMEDOUT',\n    '$metadata': { attempts: 3, totalRetryDelay: 412 }\n  }\n}`,
    'network-timeout',
  ],
  [
    'Node fetch: a certificate failure as the cause of "fetch failed"',
    `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: Error: unable to verify the first certificate\n      at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34) {\n    code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n  }\n}`,
    'network-tls',
  ],
  // Credentials under a denial wrapper: the expired token decides
  [
    'JS v3: an expired token reported with a denial code',
    `AccessDeniedException: The security token included in the request is expired\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20) {\n  '$fault': 'client',\n  '$metadata': { httpStatusCode: 403, requestId: '9d2f6a2e-1c7b-4f0e-9d1a-2b3c4d5e6f70', attempts: 1, totalRetryDelay: 0 }\n}`,
    'credentials-session-expired',
  ],
  // Ruby: Timeout::Error's default message is "execution expired"; Seahorse keeps Net::HTTP's message
  [
    'Ruby uncaught: execution expired under Seahorse::Client::NetworkingError',
    `/usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/seahorse/client/plugins/raise_response_errors.rb:17:in 'call': execution expired (Seahorse::Client::NetworkingError)\n\tfrom /usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/aws-sdk-core/plugins/checksum_algorithm.rb:111:in 'call'`,
    'network-timeout',
  ],
  [
    'Ruby rake: execution expired',
    `rake aborted!\nSeahorse::Client::NetworkingError: execution expired\n/usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/seahorse/client/net_http/connection_pool.rb:317:in 'start_session'\nTasks: TOP => usage:report`,
    'network-timeout',
  ],
  [
    'fluentd: error_class and error of a NetworkingError',
    `2026-11-23 13:02:11 +0000 [warn]: #0 failed to flush the buffer. retry_times=3 next_retry_time=2026-11-23 13:02:19 +0000 chunk="5f0a1b2c3d4e5f60718293a4b5c6d7e8" error_class=Seahorse::Client::NetworkingError error="execution expired"`,
    'network-timeout',
  ],
  [
    'Ruby: Net::OpenTimeout with the execution expired message',
    `Net::OpenTimeout: execution expired\n/usr/local/lib/ruby/3.1.0/net/http.rb:1271:in 'connect'\n/usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/seahorse/client/net_http/connection_pool.rb:317:in 'start_session'`,
    'network-timeout',
  ],
  // Ruby SDK: aws-sigv4's Signer#credentials_set? reads access_key_id on whatever the provider returned
  [
    'Ruby 3.4: no credentials object in the signer',
    `/usr/local/bundle/gems/aws-sigv4-1.8.0/lib/aws-sigv4/signer.rb:683:in 'credentials_set?': undefined method 'access_key_id' for nil (NoMethodError)\n\tfrom /usr/local/bundle/gems/aws-sigv4-1.8.0/lib/aws-sigv4/signer.rb:668:in 'fetch_credentials'\n\tfrom /usr/local/bundle/gems/aws-sigv4-1.8.0/lib/aws-sigv4/signer.rb:236:in 'sign_request'`,
    'credentials-not-found',
  ],
  [
    'Ruby 2.x: no credentials object, NilClass wording',
    `NoMethodError: undefined method \`access_key_id' for nil:NilClass\n/app/vendor/bundle/ruby/2.7.0/gems/aws-sigv4-1.2.2/lib/aws-sigv4/signer.rb:620:in \`credentials_set?'\n/app/vendor/bundle/ruby/2.7.0/gems/aws-sigv4-1.2.2/lib/aws-sigv4/signer.rb:607:in \`fetch_credentials'`,
    'credentials-not-found',
  ],
  [
    'Ruby: secret_access_key on nil',
    `undefined method \`secret_access_key' for nil:NilClass (NoMethodError)\n\tfrom /usr/local/bundle/gems/aws-sigv4-1.5.2/lib/aws-sigv4/signer.rb:650:in \`credentials_set?'`,
    'credentials-not-found',
  ],
  [
    'Node: an expired token as the cause of an application error',
    `Error: usage report failed\n    at reportUsage (/app/dist/meter.js:52:11) {\n  [cause]: ExpiredTokenException: The security token included in the request is expired\n      at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20) {\n    '$fault': 'client',\n    '$metadata': { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 }\n  }\n}`,
    'credentials-session-expired',
  ],
];

/**
 * A cause of another kind than its wrapper stays a cause: the wrapper names what failed (the
 * credential provider), the cause only how (it timed out).
 */
const causeOfAnotherKind: Array<[string, string, string]> = [
  [
    'Go v2: an IMDS deadline under the credential cache',
    `operation error Marketplace Metering: BatchMeterUsage, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded`,
    'credentials',
  ],
  [
    '.NET: a socket timeout under the instance-metadata credential provider',
    `Amazon.Runtime.AmazonServiceException: Unable to get IAM security credentials from EC2 Instance Metadata Service. ---> System.Net.Http.HttpRequestException: ${WSAETIMEDOUT} (169.254.169.254:80)\n ---> System.Net.Sockets.SocketException (10060): ${WSAETIMEDOUT}`,
    'credentials',
  ],
  [
    'Go: a DNS lookup that timed out is a failed lookup, not a slow endpoint',
    `RequestError: send request failed\ncaused by: Post "${URL}": dial tcp: lookup ${HOST} on 10.0.0.2:53: read udp 10.0.1.17:41234->10.0.0.2:53: i/o timeout`,
    'network-endpoint-unreachable',
  ],
];

describe('a cause of another kind does not replace what its wrapper names', () => {
  it.each(causeOfAnotherKind)('%s', (_name, text, expected) => {
    const top = topOf(text);
    if (expected.includes('-')) expect(top?.entry.id).toBe(expected);
    else expect(top?.entry.area).toBe(expected);
  });
});

describe('the most specific cause of a wrapped failure decides', () => {
  it.each(valid)('%s', (_name, text, expected) => {
    const findings = diagnosisOf(text).findings;
    expect(findings[0]?.entry.id).toBe(expected);
    // One printed chain is one error: its wrappers are not answered beside it.
    expect(findings).toHaveLength(1);
  });
});

const invalid: Array<[string, string, string]> = [
  [
    '.NET: ConnectFailure with no inner cause',
    `Amazon.Runtime.AmazonServiceException: A WebException with status ConnectFailure was thrown. ---> System.Net.WebException: Unable to connect to the remote server\n   at System.Net.HttpWebRequest.GetRequestStream()`,
    'network-endpoint-unreachable',
  ],
  [
    'botocore: EndpointConnectionError alone',
    `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"`,
    'network-endpoint-unreachable',
  ],
  [
    'Go v1: a refusal under RequestError',
    `RequestError: send request failed\ncaused by: Post "${URL}": dial tcp 52.94.8.40:443: connect: connection refused`,
    'network-endpoint-unreachable',
  ],
  [
    'Ruby: a refusal under Seahorse::Client::NetworkingError',
    `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (Connection refused - connect(2) for "${HOST}" port 443)`,
    'network-endpoint-unreachable',
  ],
  [
    'Java v1: a refusal under SdkClientException',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection refused (Connection refused)\nCaused by: java.net.ConnectException: Connection refused (Connection refused)`,
    'network-endpoint-unreachable',
  ],
];

describe('a wrapper with no specific cause keeps its generic answer', () => {
  it.each(invalid)('%s', (_name, text, expected) => {
    expect(topOf(text)?.entry.id).toBe(expected);
  });
});

describe('near-misses', () => {
  it('a Ruby timeout with nothing AWS around it is no confident network answer', () => {
    const top = topOf(
      `Timeout::Error: execution expired\n/app/vendor/bundle/ruby/3.2.0/gems/redis-4.8.1/lib/redis/connection/ruby.rb:58:in 'block in _read_from_socket'`,
    );
    expect(top === undefined || top.confidence < HIGH_CONFIDENCE).toBe(true);
  });

  it('another method on nil is not a credentials problem', () => {
    const d = diagnosisOf(
      `NoMethodError: undefined method 'name' for nil\n/app/app/models/account.rb:14:in 'display_name'`,
    );
    expect(d.findings.map((f) => f.entry.id)).not.toContain('credentials-not-found');
  });

  it('a wrapper never wins a confident answer over the timeout it wraps', () => {
    const top = topOf(valid[0]![1]);
    expect(top?.entry.id).toBe('network-timeout');
    for (const f of diagnosisOf(valid[0]![1]).findings)
      if (f.entry.id !== 'network-timeout') expect(f.confidence).toBeLessThan(HIGH_CONFIDENCE);
  });
});
