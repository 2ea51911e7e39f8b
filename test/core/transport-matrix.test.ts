import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Transport failures on the way to an AWS endpoint, as a coverage matrix built from the places
 * each message is defined: libcurl's strerror table and error-buffer texts (C++ SDK, PHP through
 * Guzzle), the AWS CRT's aws-c-io error strings (Java v2 and C++ CRT clients), .NET's SocketError
 * and WebExceptionStatus texts, java.net and the Java SDKs' wrappers, Node's libuv and undici
 * codes, Python's urllib3/requests/aiohttp/botocore, Go's net, net/http and crypto/x509, Rust's
 * hyper and smithy connector errors, and Ruby's Net::HTTP, Errno and OpenSSL texts. Each message
 * sits in the surroundings it is pasted in (the SDK's wrapper, a stack head, a log line); hosts,
 * addresses and ports are made up. None comes from the held-out set or the SDK matrix.
 */
const catalog = realCatalog();
const diagnosisOf = (text: string) => diagnose(text, catalog, { now: NOW });
const topOf = (text: string) => diagnosisOf(text).findings[0];

const HOST = 'metering.marketplace.eu-central-1.amazonaws.com';
const URL = `https://${HOST}/`;
const IP = '3.124.80.17';

const UNREACHABLE = 'network-endpoint-unreachable';
const TIMEOUT = 'network-timeout';
const RESET = 'network-connection-reset';
const TLS = 'network-tls';
const PROXY = 'network-proxy';
const NO_REGION = 'region-missing';

/** The C++ SDK over libcurl: CurlHttpClient's log line and the client error AWSClient logs (`curlCode: N, <strerror>`). */
const cpp = (code: number, strerror: string) =>
  `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code ${code} - ${strerror}\n[ERROR] 2026-11-23 09:12:44.121 AWSClient [140233] HTTP response code: -1\nResolved remote host IP address: \nRequest ID: \nException name: \nError message: curlCode: ${code}, ${strerror}\n0 response headers:`;
/** The same client error as an application prints it from the outcome: only the message. */
const cppOutcome = (code: number, strerror: string) =>
  `BatchMeterUsage failed: curlCode: ${code}, ${strerror} (MarketplaceMeteringClient, region eu-central-1)`;
/** The PHP SDK through Guzzle: curl's error buffer, or its strerror text when the buffer is empty. */
const php = (code: number, text: string) =>
  `PHP Fatal error:  Uncaught Aws\\MarketplaceMetering\\Exception\\MarketplaceMeteringException: Error executing "BatchMeterUsage" on "${URL}"; AWS HTTP error: cURL error ${code}: ${text} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL} in /var/www/vendor/aws/aws-sdk-php/src/WrappedHttpHandler.php:195`;
/** The AWS CRT HTTP client under the Java SDK v2 (aws-c-io / aws-c-http error strings). */
const crtJava = (text: string) =>
  `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: ${text} (SDK Attempt Count: 4)\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\nCaused by: software.amazon.awssdk.crt.http.HttpException: ${text}`;
/** The C++ SDK's CRT client: `crtCode: N, NAME - <aws_error_str>`. */
const crtCpp = (code: number, name: string, text: string) =>
  `[ERROR] 2026-11-23 09:12:44.120 AWSClient [140233] HTTP response code: -1\nException name: \nError message: crtCode: ${code}, ${name} - ${text}\n0 response headers:`;
/** The .NET SDK on .NET 6+: HttpRequestException with the socket's text and `(host:port)`, over the SocketException. */
const dotnet = (text: string, socketError: string) =>
  `Amazon.MarketplaceMetering.AmazonMarketplaceMeteringException: ${text} (${HOST}:443)\n ---> System.Net.Http.HttpRequestException: ${text} (${HOST}:443)\n ---> System.Net.Sockets.SocketException (${socketError}): ${text}\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`;
/** The .NET SDK over HttpClient when the inner error is an IOException from the transport. */
const dotnetIo = (text: string) =>
  `System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: ${text}\n   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`;
/** The .NET SDK over .NET Framework's HttpWebRequest: WebExceptionStatus name, then its message. */
const webException = (status: string, message: string) =>
  `Amazon.Runtime.AmazonServiceException: A WebException with status ${status} was thrown. ---> System.Net.WebException: ${message}\n   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)\n   at Amazon.Runtime.Internal.HttpRequest.WriteToRequestBody(Stream requestContent, Byte[] content, IDictionary\`2 contentHeaders)`;
/** The Java SDK v1 over Apache HttpClient: `SdkClientException: Unable to execute HTTP request: <cause's message>`, then the cause. */
const javaV1 = (message: string, cause: string) =>
  `com.amazonaws.SdkClientException: Unable to execute HTTP request: ${message}\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)\n\tat com.amazonaws.services.marketplacemetering.AWSMarketplaceMeteringClient.doInvoke(AWSMarketplaceMeteringClient.java:643)\nCaused by: ${cause}: ${message}`;
/** Java SDK v1 before 1.11: the same wrapper named AmazonClientException. */
const javaV1Old = (message: string, cause: string) =>
  `com.amazonaws.AmazonClientException: Unable to execute HTTP request: ${message}\n\tat com.amazonaws.http.AmazonHttpClient.executeHelper(AmazonHttpClient.java:473)\nCaused by: ${cause}: ${message}`;
/** The Java SDK v2 (Apache or Netty client): `SdkClientException: Unable to execute HTTP request: <message>`. */
const javaV2 = (message: string, cause: string) =>
  `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: ${message}\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\n\tat software.amazon.awssdk.services.marketplacemetering.DefaultMarketplaceMeteringClient.batchMeterUsage(DefaultMarketplaceMeteringClient.java:226)\nCaused by: ${cause}: ${message}`;
/** A Node error as the JS SDK v3 rethrows it (its `$metadata` added), printed by console.error. */
const nodeV3 = (head: string, code: string, syscall: string, frame: string) =>
  `${head}\n    at ${frame} {\n  errno: -1,\n  code: '${code}',\n  syscall: '${syscall}',\n  '$metadata': { attempts: 3, totalRetryDelay: 402 }\n}`;
/** The JS SDK v2's NetworkingError around a Node error (its message kept, code replaced). */
const jsV2 = (message: string) =>
  `NetworkingError: ${message}\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'NetworkingError',\n  region: 'eu-central-1',\n  hostname: '${HOST}',\n  retryable: true,\n  time: 2026-11-23T09:12:44.120Z\n}`;
/** Node's fetch (undici) with the socket error as its cause, in an AWS context. */
const undici = (cause: string, code: string) =>
  `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at async meter (/app/dist/meter.js:44:17) {\n  [cause]: ${cause}\n      at Socket.onSocketClose (node:internal/deps/undici/undici:6251:26) {\n    code: '${code}'\n  }\n}\nwhile calling ${URL}`;
/** botocore's wrapper around urllib3 (the CLI prints only the first line). */
const botocore = (head: string, cause: string) =>
  `Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/botocore/httpsession.py", line 464, in send\n    urllib_response = conn.urlopen(\n${cause}\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "/srv/meter/send.py", line 31, in <module>\n    client.batch_meter_usage(ProductCode=PRODUCT, UsageRecords=records)\n${head}`;
/** requests / urllib3 as a metering script using requests against an AWS host prints it. */
const requestsError = (kind: string, caused: string) =>
  `requests.exceptions.${kind}: HTTPSConnectionPool(host='${HOST}', port=443): Max retries exceeded with url: / (Caused by ${caused})`;
/** aiobotocore / aiohttp: ClientConnectorError and friends under an async metering job. */
const aiohttp = (text: string) =>
  `Traceback (most recent call last):\n  File "/srv/meter/async_send.py", line 40, in send\n    await client.batch_meter_usage(ProductCode=PRODUCT, UsageRecords=records)\n  File "/usr/local/lib/python3.12/site-packages/aiobotocore/endpoint.py", line 235, in _send\n    return await self.http_session.send(request)\n${text}`;
/** Go SDK v1: `RequestError: send request failed` with net/http's `Post "<url>": <cause>`. */
const goV1 = (cause: string) => `RequestError: send request failed\ncaused by: Post "${URL}": ${cause}`;
/** Go SDK v2: one line, the operation, the attempts, StatusCode 0 and net/http's error. */
const goV2 = (cause: string) =>
  `operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": ${cause}`;
/** The Rust SDK's SdkError printed with {:?}. */
const rust = (kind: string, source: string) =>
  `Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: ${kind}, source: ${source}, connection: Unknown } })\n   0: aws_sdk_marketplacemetering::operation::batch_meter_usage::BatchMeterUsage::orchestrate`;
/** The Rust SDK's error printed with DisplayErrorContext (the chain joined by colons). */
const rustDisplay = (chain: string) =>
  `Error: dispatch failure: ${chain}\nwhile calling aws_sdk_marketplacemetering BatchMeterUsage`;
/** The Ruby SDK: Seahorse::Client::NetworkingError with the wrapped error's message, and its backtrace head. */
const ruby = (message: string) =>
  `Seahorse::Client::NetworkingError: ${message}\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/net_http/handler.rb:81:in \`rescue in call'\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/net_http/handler.rb:71:in \`call'`;

type Case = [source: string, paste: string, entry: string];

const LIBCURL: Case[] = [
  // libcurl's curl_easy_strerror table (lib/strerror.c) through the C++ SDK's CurlHttpClient
  ['C++ / strerror 5 CURLE_COULDNT_RESOLVE_PROXY', cpp(5, "Couldn't resolve proxy name"), PROXY],
  ['C++ / strerror 6 CURLE_COULDNT_RESOLVE_HOST', cpp(6, "Couldn't resolve host name"), UNREACHABLE],
  ['C++ / strerror 7 CURLE_COULDNT_CONNECT', cpp(7, "Couldn't connect to server"), UNREACHABLE],
  ['C++ / strerror 28 CURLE_OPERATION_TIMEDOUT', cpp(28, 'Timeout was reached'), TIMEOUT],
  ['C++ / strerror 35 CURLE_SSL_CONNECT_ERROR', cpp(35, 'SSL connect error'), TLS],
  ['C++ / strerror 52 CURLE_GOT_NOTHING', cpp(52, 'Server returned nothing (no headers, no data)'), RESET],
  ['C++ / strerror 55 CURLE_SEND_ERROR', cpp(55, 'Failed sending data to the peer'), RESET],
  ['C++ / strerror 56 CURLE_RECV_ERROR', cpp(56, 'Failure when receiving data from the peer'), RESET],
  [
    'C++ / strerror 60 CURLE_PEER_FAILED_VERIFICATION',
    cpp(60, 'SSL peer certificate or SSH remote key was not OK'),
    TLS,
  ],
  ['C++ / strerror 77 CURLE_SSL_CACERT_BADFILE', cpp(77, 'Problem with the SSL CA cert (path? access rights?)'), TLS],
  ['C++ / strerror 18 CURLE_PARTIAL_FILE', cpp(18, 'Transferred a partial file'), RESET],
  ['C++ / strerror 92 CURLE_HTTP2_STREAM', cpp(92, 'Stream error in the HTTP/2 framing layer'), RESET],
  ['C++ / strerror 97 CURLE_PROXY', cpp(97, 'Proxy handshake error'), PROXY],
  [
    'C++ / older strerror 51 (peer verification)',
    cpp(51, 'SSL peer certificate or SSH md5 fingerprint was not OK'),
    TLS,
  ],
  [
    'C++ / older strerror 60 CURLE_SSL_CACERT',
    cpp(60, 'Peer certificate cannot be authenticated with known CA certificates'),
    TLS,
  ],
  ['C++ outcome message / 6', cppOutcome(6, "Couldn't resolve host name"), UNREACHABLE],
  ['C++ outcome message / 7', cppOutcome(7, "Couldn't connect to server"), UNREACHABLE],
  ['C++ outcome message / 28', cppOutcome(28, 'Timeout was reached'), TIMEOUT],
  ['C++ outcome message / 35', cppOutcome(35, 'SSL connect error'), TLS],
  ['C++ outcome message / 56', cppOutcome(56, 'Failure when receiving data from the peer'), RESET],
  ['C++ outcome message / 60', cppOutcome(60, 'SSL peer certificate or SSH remote key was not OK'), TLS],
  // libcurl's error buffer (the detailed text Guzzle puts after "cURL error N:"), per error
  ['PHP / 5 could not resolve proxy', php(5, 'Could not resolve proxy: proxy.corp.example'), PROXY],
  ['PHP / 6 could not resolve host', php(6, `Could not resolve host: ${HOST}`), UNREACHABLE],
  ['PHP / 6 c-ares build', php(6, `Could not resolve host: ${HOST} (Domain name not found)`), UNREACHABLE],
  ['PHP / 6 strerror only', php(6, "Couldn't resolve host name"), UNREACHABLE],
  ['PHP / 7 refused, curl 7.6x', php(7, `Failed to connect to ${HOST} port 443: Connection refused`), UNREACHABLE],
  [
    'PHP / 7 refused, curl 7.8x',
    php(7, `Failed to connect to ${HOST} port 443 after 3 ms: Connection refused`),
    UNREACHABLE,
  ],
  [
    'PHP / 7 refused, Guzzle 6.0 (link over http)',
    `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 7: Failed to connect to ${HOST} port 443: Connection refused (see http://curl.haxx.se/libcurl/c/libcurl-errors.html)`,
    UNREACHABLE,
  ],
  [
    'PHP / 7 curl 8 wording',
    php(7, `Failed to connect to ${HOST} port 443 after 2 ms: Couldn't connect to server`),
    UNREACHABLE,
  ],
  ['PHP / 7 no route', php(7, `Failed to connect to ${HOST} port 443: No route to host`), UNREACHABLE],
  ['PHP / 7 network unreachable', php(7, `Failed to connect to ${HOST} port 443: Network is unreachable`), UNREACHABLE],
  ['PHP / 7 whose errno is ETIMEDOUT', php(7, `Failed to connect to ${HOST} port 443: Connection timed out`), TIMEOUT],
  [
    'PHP / 28 operation timed out',
    php(28, 'Operation timed out after 30001 milliseconds with 0 out of 0 bytes received'),
    TIMEOUT,
  ],
  ['PHP / 28 connection timed out', php(28, 'Connection timed out after 10001 milliseconds'), TIMEOUT],
  [
    'PHP / 28 resolving timed out (the name did not resolve)',
    php(28, 'Resolving timed out after 5000 milliseconds'),
    UNREACHABLE,
  ],
  [
    'PHP / 28 curl 8 connect timeout',
    php(28, `Failed to connect to ${HOST} port 443 after 75001 ms: Timeout was reached`),
    TIMEOUT,
  ],
  ['PHP / 28 SSL connection timeout', php(28, 'SSL connection timeout'), TIMEOUT],
  ['PHP / 28 strerror only', php(28, 'Timeout was reached'), TIMEOUT],
  // OpenSSL's SSL_ERROR_SYSCALL: the socket under the handshake failed or hit EOF (closed or reset
  // by the peer or a middlebox), not a certificate: the reset, whatever error number curl gives it
  [
    'PHP / 35 SSL_ERROR_SYSCALL (the connection dropped during the handshake)',
    php(35, `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${HOST}:443`),
    RESET,
  ],
  [
    'C++ / 35 SSL_ERROR_SYSCALL',
    cppOutcome(35, `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${HOST}:443`),
    RESET,
  ],
  ['PHP / 35 unknown protocol', php(35, `Unknown SSL protocol error in connection to ${HOST}:443`), TLS],
  [
    'PHP / 35 handshake failure alert',
    php(35, 'error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure'),
    TLS,
  ],
  [
    'PHP / 35 schannel',
    php(
      35,
      'schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.',
    ),
    TLS,
  ],
  ['PHP / 35 strerror only', php(35, 'SSL connect error'), TLS],
  [
    'PHP / 51 name mismatch (old curl)',
    php(51, `SSL: no alternative certificate subject name matches target host name '${HOST}'`),
    TLS,
  ],
  ['PHP / 52 empty reply', php(52, 'Empty reply from server'), RESET],
  ['PHP / 55 send failure broken pipe', php(55, 'Send failure: Broken pipe'), RESET],
  ['PHP / 55 OpenSSL write broken pipe', php(55, 'OpenSSL SSL_write: Broken pipe, errno 32'), RESET],
  ['PHP / 56 recv failure reset', php(56, 'Recv failure: Connection reset by peer'), RESET],
  ['PHP / 56 OpenSSL read reset', php(56, 'OpenSSL SSL_read: Connection reset by peer, errno 104'), RESET],
  ['PHP / 56 OpenSSL read SSL_ERROR_SYSCALL', php(56, 'OpenSSL SSL_read: SSL_ERROR_SYSCALL, errno 104'), RESET],
  [
    'PHP / 56 OpenSSL 3 unexpected eof',
    php(56, 'OpenSSL SSL_read: error:0A000126:SSL routines::unexpected eof while reading, errno 0'),
    RESET,
  ],
  ['PHP / 56 proxy 407 after CONNECT', php(56, 'Received HTTP code 407 from proxy after CONNECT'), PROXY],
  ['PHP / 56 CONNECT tunnel failed', php(56, 'CONNECT tunnel failed, response 403'), PROXY],
  ['PHP / 56 proxy CONNECT aborted', php(56, 'Proxy CONNECT aborted'), PROXY],
  ['PHP / 56 strerror only', php(56, 'Failure when receiving data from the peer'), RESET],
  ['PHP / 60 local issuer', php(60, 'SSL certificate problem: unable to get local issuer certificate'), TLS],
  ['PHP / 60 expired', php(60, 'SSL certificate problem: certificate has expired'), TLS],
  [
    'PHP / 60 name mismatch',
    php(60, `SSL: no alternative certificate subject name matches target host name '${HOST}'`),
    TLS,
  ],
  [
    'PHP / 60 subject name mismatch',
    php(60, `SSL: certificate subject name 'proxy.corp.example' does not match target host name '${HOST}'`),
    TLS,
  ],
  [
    'PHP / 77 CA file',
    php(77, 'error setting certificate verify locations:  CAfile: /etc/pki/tls/certs/ca-bundle.crt CApath: none'),
    TLS,
  ],
  ['PHP / 77 curl 8 CA file', php(77, 'error setting certificate file: /etc/pki/tls/certs/ca-bundle.crt'), TLS],
  ['PHP / 18 partial transfer', php(18, 'transfer closed with 1024 bytes remaining to read'), RESET],
  [
    'PHP / 92 HTTP/2 stream not closed',
    php(92, 'HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)'),
    RESET,
  ],
  [
    'PHP / Guzzle ConnectException head',
    `GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to ${HOST} port 443 after 1 ms: Couldn't connect to server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL} in /var/www/vendor/guzzlehttp/guzzle/src/Handler/CurlFactory.php:275`,
    UNREACHABLE,
  ],
  [
    'PHP / Guzzle 3 curl 28',
    `PHP Fatal error:  Uncaught exception 'Guzzle\\Http\\Exception\\CurlException' with message '[curl] 28: Operation timed out after 5000 milliseconds with 0 bytes received [url] ${URL}'`,
    TIMEOUT,
  ],
  // Error 6 is a host that did not resolve whatever text follows: a wrapper may cut it short, and
  // curl's threaded resolver has texts of its own
  ['PHP / 6 text cut short', php(6, 'Could not resolve'), UNREACHABLE],
  ['PHP / 6 threaded resolver failed to start', php(6, 'getaddrinfo() thread failed to start'), UNREACHABLE],
  [
    'PHP / 6 under Flysystem 3 (UnableToWriteFile)',
    `League\\Flysystem\\UnableToWriteFile: Unable to write file at location: usage/2026-11-23.json. Error executing "PutObject" on "https://meter-archive.s3.eu-central-1.amazonaws.com/usage/2026-11-23.json"; AWS HTTP error: cURL error 6: Could not resolve host: meter-archive.s3.eu-central-1.amazonaws.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://meter-archive.s3.eu-central-1.amazonaws.com/usage/2026-11-23.json`,
    UNREACHABLE,
  ],
  [
    'PHP / 6 under Flysystem 3 (UnableToReadFile), in a Laravel log line',
    `[2026-11-23 09:12:44] production.ERROR: Unable to read file from location: usage/pending.json. Error executing "GetObject" on "https://meter-archive.s3.eu-central-1.amazonaws.com/usage/pending.json"; AWS HTTP error: cURL error 6: Could not resolve host: meter-archive.s3.eu-central-1.amazonaws.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://meter-archive.s3.eu-central-1.amazonaws.com/usage/pending.json {"exception":"[object] (League\\\\Flysystem\\\\UnableToReadFile(code: 0): Unable to read file from location: usage/pending.json."}`,
    UNREACHABLE,
  ],
  [
    'PHP / 6 on the Entitlement Service outside us-east-1 stays the Region entry',
    `Aws\\MarketplaceEntitlementService\\Exception\\MarketplaceEntitlementServiceException: Error executing "GetEntitlements" on "https://entitlement.marketplace.ap-southeast-2.amazonaws.com"; AWS HTTP error: cURL error 6: getaddrinfo() thread failed to start (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)`,
    'entitlement-wrong-region',
  ],
];

const CRT: Case[] = [
  // aws-c-io's error strings (source/io.c) through the Java v2 CRT client and the C++ CRT client
  ['CRT / AWS_IO_SOCKET_CONNECTION_REFUSED', crtJava('socket connection refused.'), UNREACHABLE],
  ['CRT / AWS_IO_SOCKET_TIMEOUT', crtJava('socket operation timed out.'), TIMEOUT],
  ['CRT / AWS_IO_SOCKET_NO_ROUTE_TO_HOST', crtJava('socket connect failure, no route to host.'), UNREACHABLE],
  ['CRT / AWS_IO_SOCKET_NETWORK_DOWN', crtJava('network is down.'), UNREACHABLE],
  ['CRT / AWS_IO_SOCKET_CLOSED', crtJava('socket is closed.'), RESET],
  ['CRT / AWS_IO_BROKEN_PIPE', crtJava('Attempt to read or write to io handle that has already been closed.'), RESET],
  ['CRT / AWS_IO_DNS_QUERY_FAILED', crtJava('A query to dns failed to resolve.'), UNREACHABLE],
  ['CRT / AWS_IO_DNS_INVALID_NAME', crtJava('Host name was invalid for dns resolution.'), UNREACHABLE],
  ['CRT / AWS_IO_DNS_NO_ADDRESS_FOR_HOST', crtJava('No address was found for the supplied host name.'), UNREACHABLE],
  ['CRT / AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE', crtJava('TLS (SSL) negotiation failed'), TLS],
  ['CRT / AWS_IO_TLS_NEGOTIATION_TIMEOUT', crtJava('Channel shutdown due to tls negotiation timeout'), TIMEOUT],
  [
    'CRT / AWS_IO_TLS_ERROR_DEFAULT_TRUST_STORE_NOT_FOUND',
    crtJava(
      'Default TLS trust store not found on this system. Trusted CA certificates must be installed, or "override default trust store" must be used while creating the TLS context.',
    ),
    TLS,
  ],
  ['CRT / AWS_ERROR_HTTP_CONNECTION_CLOSED', crtJava('The connection has closed or is closing.'), RESET],
  ['CRT / AWS_ERROR_HTTP_SERVER_CLOSED', crtJava('The server closed the connection.'), RESET],
  [
    'C++ CRT / crtCode DNS',
    crtCpp(1059, 'AWS_IO_DNS_INVALID_NAME', 'Host name was invalid for dns resolution.'),
    UNREACHABLE,
  ],
  [
    'C++ CRT / crtCode refused',
    crtCpp(1047, 'AWS_IO_SOCKET_CONNECTION_REFUSED', 'socket connection refused.'),
    UNREACHABLE,
  ],
  ['C++ CRT / crtCode timeout', crtCpp(1048, 'AWS_IO_SOCKET_TIMEOUT', 'socket operation timed out.'), TIMEOUT],
  ['C++ CRT / crtCode TLS', crtCpp(1029, 'AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE', 'TLS (SSL) negotiation failed'), TLS],
];

const DOTNET: Case[] = [
  // SocketError names with their Windows (WSA*) and Linux (strerror / getaddrinfo) texts, as .NET 6+ prints them
  ['.NET / HostNotFound, Windows', dotnet('No such host is known.', '11001'), UNREACHABLE],
  ['.NET / HostNotFound, Linux', dotnet('Name or service not known', '0xFFFDFFFE'), UNREACHABLE],
  [
    '.NET / TryAgain, Windows',
    dotnet(
      'This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server.',
      '11002',
    ),
    UNREACHABLE,
  ],
  ['.NET / TryAgain, Linux', dotnet('Resource temporarily unavailable', '11'), UNREACHABLE],
  ['.NET / TryAgain, Linux resolver', dotnet('Temporary failure in name resolution', '0xFFFDFFFD'), UNREACHABLE],
  [
    '.NET / NoData, Windows',
    dotnet('The requested name is valid, but no data of the requested type was found.', '11004'),
    UNREACHABLE,
  ],
  ['.NET / NoData, Linux', dotnet('No address associated with hostname', '0xFFFDFFFB'), UNREACHABLE],
  [
    '.NET / ConnectionRefused, Windows',
    dotnet('No connection could be made because the target machine actively refused it.', '10061'),
    UNREACHABLE,
  ],
  ['.NET / ConnectionRefused, Linux', dotnet('Connection refused', '111'), UNREACHABLE],
  [
    '.NET / TimedOut, Windows',
    dotnet(
      'A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.',
      '10060',
    ),
    TIMEOUT,
  ],
  ['.NET / TimedOut, Linux', dotnet('Connection timed out', '110'), TIMEOUT],
  [
    '.NET / HostUnreachable, Windows',
    dotnet('A socket operation was attempted to an unreachable host.', '10065'),
    UNREACHABLE,
  ],
  ['.NET / HostUnreachable, Linux', dotnet('No route to host', '113'), UNREACHABLE],
  [
    '.NET / NetworkUnreachable, Windows',
    dotnet('A socket operation was attempted to an unreachable network.', '10051'),
    UNREACHABLE,
  ],
  ['.NET / NetworkUnreachable, Linux', dotnet('Network is unreachable', '101'), UNREACHABLE],
  ['.NET / NetworkDown, Windows', dotnet('A socket operation encountered a dead network.', '10050'), UNREACHABLE],
  [
    '.NET / HostDown, Windows',
    dotnet('A socket operation failed because the destination host was down.', '10064'),
    UNREACHABLE,
  ],
  [
    '.NET / AccessDenied, Windows (a local firewall)',
    dotnet('An attempt was made to access a socket in a way forbidden by its access permissions.', '10013'),
    UNREACHABLE,
  ],
  [
    '.NET / ConnectionReset, Windows',
    dotnetIo(
      'Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..\n ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.',
    ),
    RESET,
  ],
  [
    '.NET / ConnectionReset, Linux',
    dotnetIo(
      'Unable to read data from the transport connection: Connection reset by peer.\n ---> System.Net.Sockets.SocketException (104): Connection reset by peer',
    ),
    RESET,
  ],
  [
    '.NET / ConnectionAborted, Windows',
    dotnetIo(
      'Unable to read data from the transport connection: An established connection was aborted by the software in your host machine..\n ---> System.Net.Sockets.SocketException (10053): An established connection was aborted by the software in your host machine.',
    ),
    RESET,
  ],
  [
    '.NET / Shutdown / broken pipe, Linux',
    dotnetIo(
      'Unable to write data to the transport connection: Broken pipe.\n ---> System.Net.Sockets.SocketException (32): Broken pipe',
    ),
    RESET,
  ],
  ['.NET / response ended early', dotnetIo('The response ended prematurely.'), RESET],
  [
    '.NET / response ended early (HttpIOException, .NET 8)',
    'System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.Net.Http.HttpIOException: The response ended prematurely. (ResponseEnded)\n   at Amazon.Runtime.Internal.HttpHandler`1.InvokeAsync[T](IExecutionContext executionContext)',
    RESET,
  ],
  [
    '.NET / SSL: EOF from the transport stream',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.IO.IOException: Received an unexpected EOF or 0 bytes from the transport stream.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    TLS,
  ],
  [
    '.NET / SSL: remote party closed the stream',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: Authentication failed because the remote party has closed the transport stream.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    TLS,
  ],
  [
    '.NET / SSL: name mismatch',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    TLS,
  ],
  [
    '.NET / SSL: rejected by the validation callback',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    TLS,
  ],
  [
    '.NET / HttpClient.Timeout',
    'System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.\n ---> System.TimeoutException: A task was canceled.\n   at Amazon.Runtime.Internal.HttpHandler`1.InvokeAsync[T](IExecutionContext executionContext)',
    TIMEOUT,
  ],
  // WebExceptionStatus names and messages (.NET Framework's HttpWebRequest, older .NET SDKs)
  [
    'WebException / NameResolutionFailure',
    webException('NameResolutionFailure', `The remote name could not be resolved: '${HOST}'`),
    UNREACHABLE,
  ],
  [
    'WebException / ConnectFailure',
    webException('ConnectFailure', 'Unable to connect to the remote server'),
    UNREACHABLE,
  ],
  [
    'WebException / ReceiveFailure',
    webException('ReceiveFailure', 'The underlying connection was closed: An unexpected error occurred on a receive.'),
    RESET,
  ],
  [
    'WebException / SendFailure',
    webException('SendFailure', 'The underlying connection was closed: An unexpected error occurred on a send.'),
    RESET,
  ],
  [
    'WebException / ConnectionClosed',
    webException('ConnectionClosed', 'The underlying connection was closed: The connection was closed unexpectedly.'),
    RESET,
  ],
  [
    'WebException / KeepAliveFailure',
    webException(
      'KeepAliveFailure',
      'The underlying connection was closed: A connection that was expected to be kept alive was closed by the server.',
    ),
    RESET,
  ],
  [
    'WebException / PipelineFailure',
    webException('PipelineFailure', 'The request was aborted: The connection was closed unexpectedly.'),
    RESET,
  ],
  [
    'WebException / TrustFailure',
    webException(
      'TrustFailure',
      'The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.',
    ),
    TLS,
  ],
  [
    'WebException / SecureChannelFailure',
    webException('SecureChannelFailure', 'The request was aborted: Could not create SSL/TLS secure channel.'),
    TLS,
  ],
  ['WebException / Timeout', webException('Timeout', 'The operation has timed out'), TIMEOUT],
  [
    'WebException / ProxyNameResolutionFailure',
    webException('ProxyNameResolutionFailure', "The proxy name could not be resolved: 'proxy.corp.example'"),
    PROXY,
  ],
  [
    'WebException / RequestProhibitedByProxy',
    webException('RequestProhibitedByProxy', 'The request was not permitted by the proxy.'),
    PROXY,
  ],
  [
    'WebException / proxy 407 (ProtocolError)',
    webException('ProtocolError', 'The remote server returned an error: (407) Proxy Authentication Required.'),
    PROXY,
  ],
  // HttpRequestError names (.NET 8) as a log prints them
  [
    '.NET 8 HttpRequestError.NameResolutionError',
    `System.Net.Http.HttpRequestException: Name or service not known (${HOST}:443) HttpRequestError: NameResolutionError\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    UNREACHABLE,
  ],
  [
    '.NET 8 HttpRequestError.SecureConnectionError',
    'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception. HttpRequestError: SecureConnectionError\n   at Amazon.Runtime.Internal.HttpHandler`1.InvokeAsync[T](IExecutionContext executionContext)',
    TLS,
  ],
  [
    '.NET / proxy tunnel refused',
    `System.Net.Http.HttpRequestException: The proxy tunnel request to proxy 'http://proxy.corp.example:3128/' failed with status code '407'.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    PROXY,
  ],
  // .NET 5+ HttpClient's timeout: a TimeoutException carrying the cancellation's message, which the
  // .NET SDK rethrows when the caller did not cancel (or under the TaskCanceledException it explains)
  [
    '.NET / HttpClient timeout rethrown as TimeoutException',
    `System.TimeoutException: A task was canceled.\n ---> System.Threading.Tasks.TaskCanceledException: A task was canceled.\n   at System.Net.Http.HttpConnectionPool.GetHttp11ConnectionAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)\n   --- End of inner exception stack trace ---\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)\n   at Amazon.MarketplaceMetering.AmazonMarketplaceMeteringClient.BatchMeterUsageAsync(BatchMeterUsageRequest request, CancellationToken cancellationToken)`,
    TIMEOUT,
  ],
  [
    '.NET / TaskCanceledException whose inner exception is the timeout',
    `System.Threading.Tasks.TaskCanceledException: A task was canceled.\n ---> System.TimeoutException: The operation was canceled.\n ---> System.Threading.Tasks.TaskCanceledException: The operation was canceled.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
    TIMEOUT,
  ],
];

const JAVA: Case[] = [
  // java.net / javax.net.ssl messages under the v1 and v2 wrappers (OpenJDK's texts)
  [
    'Java v1 / UnknownHostException, Linux',
    javaV1(`${HOST}: Name or service not known`, 'java.net.UnknownHostException'),
    UNREACHABLE,
  ],
  [
    'Java v1 / UnknownHostException, temporary',
    javaV1(`${HOST}: Temporary failure in name resolution`, 'java.net.UnknownHostException'),
    UNREACHABLE,
  ],
  [
    'Java v1 / UnknownHostException, macOS',
    javaV1(`${HOST}: nodename nor servname provided, or not known`, 'java.net.UnknownHostException'),
    UNREACHABLE,
  ],
  [
    'Java v1 / UnknownHostException, Windows',
    javaV1(`No such host is known (${HOST})`, 'java.net.UnknownHostException'),
    UNREACHABLE,
  ],
  ['Java v1 old / AmazonClientException, UnknownHost', javaV1Old(HOST, 'java.net.UnknownHostException'), UNREACHABLE],
  [
    'Java v1 / refused (JDK 8 text)',
    javaV1(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: Connection refused (Connection refused)`,
      'org.apache.http.conn.HttpHostConnectException',
    ),
    UNREACHABLE,
  ],
  [
    'Java v1 / NoRouteToHostException (JDK 8 text)',
    javaV1(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: No route to host (Host unreachable)`,
      'java.net.NoRouteToHostException',
    ),
    UNREACHABLE,
  ],
  [
    'Java v1 / network unreachable',
    javaV1(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: Network is unreachable (connect failed)`,
      'java.net.SocketException',
    ),
    UNREACHABLE,
  ],
  [
    'Java v1 / connect timed out (Apache ConnectTimeoutException)',
    javaV1(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: connect timed out`,
      'org.apache.http.conn.ConnectTimeoutException',
    ),
    TIMEOUT,
  ],
  ['Java v1 / SocketTimeoutException read', javaV1('Read timed out', 'java.net.SocketTimeoutException'), TIMEOUT],
  ['Java v1 / connection reset', javaV1('Connection reset', 'java.net.SocketException'), RESET],
  ['Java v1 / reset by peer', javaV1('Connection reset by peer', 'java.net.SocketException'), RESET],
  ['Java v1 / broken pipe (JDK 8 text)', javaV1('Broken pipe (Write failed)', 'java.net.SocketException'), RESET],
  [
    'Java v1 / NoHttpResponseException',
    javaV1(`${HOST}:443 failed to respond`, 'org.apache.http.NoHttpResponseException'),
    RESET,
  ],
  ['Java v1 / SSL peer shut down', javaV1('SSL peer shut down incorrectly', 'java.io.EOFException'), RESET],
  [
    'Java v1 / remote host closed during handshake',
    javaV1('Remote host closed connection during handshake', 'javax.net.ssl.SSLHandshakeException'),
    TLS,
  ],
  [
    'Java v1 / PKIX path building failed',
    javaV1(
      'PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      'javax.net.ssl.SSLHandshakeException',
    ),
    TLS,
  ],
  [
    'Java v1 / PKIX validity check',
    javaV1(
      'PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
      'javax.net.ssl.SSLHandshakeException',
    ),
    TLS,
  ],
  [
    'Java v1 / handshake_failure alert',
    javaV1('Received fatal alert: handshake_failure', 'javax.net.ssl.SSLHandshakeException'),
    TLS,
  ],
  [
    'Java v1 / Apache hostname mismatch',
    javaV1(
      `Certificate for <${HOST}> doesn't match any of the subject alternative names: [*.corp.example]`,
      'javax.net.ssl.SSLPeerUnverifiedException',
    ),
    TLS,
  ],
  [
    'Java v1 / plaintext connection',
    javaV1('Unrecognized SSL message, plaintext connection?', 'javax.net.ssl.SSLException'),
    TLS,
  ],
  [
    'Java v1 / proxy 407',
    javaV1(
      'Unable to tunnel through proxy. Proxy returns "HTTP/1.1 407 Proxy Authentication Required"',
      'java.io.IOException',
    ),
    PROXY,
  ],
  [
    'Java v2 / UnknownHostException wording',
    `software.amazon.awssdk.core.exception.SdkClientException: Received an UnknownHostException when attempting to interact with a service. See cause for the exact endpoint that is failing to resolve. If this is happening on an endpoint that previously worked, there may be a network connectivity issue or your DNS cache could be storing endpoints for too long.\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\nCaused by: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: ${HOST}: Name or service not known\nCaused by: java.net.UnknownHostException: ${HOST}: Name or service not known`,
    UNREACHABLE,
  ],
  [
    'Java v2 / refused (JDK 11+ text)',
    javaV2(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: Connection refused`,
      'org.apache.http.conn.HttpHostConnectException',
    ),
    UNREACHABLE,
  ],
  [
    'Java v2 / Connect timed out (JDK 13+ text)',
    javaV2(
      `Connect to ${HOST}:443 [${HOST}/${IP}] failed: Connect timed out`,
      'org.apache.http.conn.ConnectTimeoutException',
    ),
    TIMEOUT,
  ],
  ['Java v2 / Netty read timed out', javaV2('Read timed out', 'java.io.IOException'), TIMEOUT],
  ['Java v2 / Netty write timed out', javaV2('Write timed out', 'java.io.IOException'), TIMEOUT],
  [
    'Java v2 / Netty closed channel',
    javaV2(
      'The channel was closed. This may have been done by the client (e.g. because the request was aborted), by the service (e.g. because the request took too long or the client tried to write on a read-only socket), or by an intermediary party (e.g. because the channel was idle for too long).',
      'java.io.IOException',
    ),
    RESET,
  ],
  [
    'Java v2 / Netty native reset',
    javaV2('recvAddress(..) failed: Connection reset by peer', 'io.netty.channel.unix.Errors$NativeIoException'),
    RESET,
  ],
  [
    'Java v2 / Netty DNS timeout (the name did not resolve)',
    javaV2(
      `[/10.0.0.2:53] query via UDP timed out after 5000 milliseconds (no stack trace available)`,
      'io.netty.resolver.dns.DnsNameResolverTimeoutException',
    ),
    UNREACHABLE,
  ],
  [
    'Java v2 / Netty unresolved',
    javaV2(`failed to resolve '${HOST}' after 2 queries `, 'java.net.UnknownHostException'),
    UNREACHABLE,
  ],
  [
    'Java v2 / Netty handshake timed out',
    javaV2('handshake timed out after 10000ms', 'javax.net.ssl.SSLHandshakeException'),
    TIMEOUT,
  ],
  [
    'Java v2 / No subject alternative names',
    javaV2(`No subject alternative DNS name matching ${HOST} found.`, 'javax.net.ssl.SSLHandshakeException'),
    TLS,
  ],
  [
    'Java v2 / ConnectException no route (JDK 11+ text)',
    javaV2(`Connect to ${HOST}:443 [${HOST}/${IP}] failed: No route to host`, 'java.net.NoRouteToHostException'),
    UNREACHABLE,
  ],
  [
    'Java / bare SocketTimeoutException connect',
    `java.net.SocketTimeoutException: connect timed out\n\tat java.base/java.net.PlainSocketImpl.socketConnect(Native Method)\n\tat org.apache.http.conn.ssl.SSLConnectionSocketFactory.connectSocket(SSLConnectionSocketFactory.java:368)\n\tat com.amazonaws.http.conn.ssl.SdkTLSSocketFactory.connectSocket(SdkTLSSocketFactory.java:142)`,
    TIMEOUT,
  ],
  [
    'Java / bare NoRouteToHostException',
    `java.net.NoRouteToHostException: No route to host\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)\n\tat software.amazon.awssdk.http.apache.internal.conn.SdkTlsSocketFactory.connectSocket(SdkTlsSocketFactory.java:65)`,
    UNREACHABLE,
  ],
  [
    'Java / bare UnknownHostException',
    `java.net.UnknownHostException: ${HOST}\n\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)\n\tat software.amazon.awssdk.http.apache.internal.impl.ApacheSdkHttpClient.execute(ApacheSdkHttpClient.java:72)`,
    UNREACHABLE,
  ],
  // java.net.SocketTimeoutException on connect: "connect timed out" (JDK 8-12 PlainSocketImpl),
  // "Connect timed out" (JDK 13+ NioSocketImpl), under the wrapper alone as one-line logs keep it
  ['Java v2 / connect timed out (JDK 8)', javaV2('connect timed out', 'java.net.SocketTimeoutException'), TIMEOUT],
  [
    'Java v2 / connect timed out, the wrapper line alone in a log',
    `2026-11-23 09:12:44,120 ERROR [meter-worker-3] c.e.m.UsageSender - BatchMeterUsage failed: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: connect timed out`,
    TIMEOUT,
  ],
  [
    'Java v1 / connect timed out, the wrapper line alone',
    'com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect timed out (AWSMarketplaceMeteringClient)',
    TIMEOUT,
  ],
  [
    'Java / JDK HttpClient connect timeout under the SDK wrapper',
    javaV2('HTTP connect timed out', 'java.net.http.HttpConnectTimeoutException'),
    TIMEOUT,
  ],
  // No connection free in the client's pool within the acquire timeout: the Java SDK v2 Netty
  // client's text (NettyUtils) over Netty's own TimeoutException ("then", sic), and Apache's
  [
    'Java v2 Netty / acquire timeout',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Acquire operation took longer than the configured maximum time. This indicates that a request cannot get a connection from the pool within the specified maximum time. This can be due to high request rate.\n\tat software.amazon.awssdk.core.exception.SdkClientException$BuilderImpl.build(SdkClientException.java:111)\nCaused by: java.lang.Throwable: Acquire operation took longer than the configured maximum time. This indicates that a request cannot get a connection from the pool within the specified maximum time.\nCaused by: java.util.concurrent.TimeoutException: Acquire operation took longer then configured maximum time\n\tat io.netty.channel.pool.FixedChannelPool$TimeoutTask.run(FixedChannelPool.java:471)`,
    TIMEOUT,
  ],
  [
    "Java v2 Netty / acquire timeout in the async client's CompletionException",
    `java.util.concurrent.CompletionException: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Acquire operation took longer than the configured maximum time. This indicates that a request cannot get a connection from the pool within the specified maximum time. This can be due to high request rate.\n\tat software.amazon.awssdk.utils.CompletableFutureUtils.errorAsCompletionException(CompletableFutureUtils.java:65)`,
    TIMEOUT,
  ],
  [
    'Netty / FixedChannelPool timeout alone under the metering client',
    `java.util.concurrent.TimeoutException: Acquire operation took longer then configured maximum time\n\tat io.netty.channel.pool.FixedChannelPool$TimeoutTask.run(FixedChannelPool.java:471)\n\tat software.amazon.awssdk.http.nio.netty.internal.CancellableAcquireChannelPool.acquire(CancellableAcquireChannelPool.java:58)\n\tat software.amazon.awssdk.services.marketplacemetering.DefaultMarketplaceMeteringAsyncClient.batchMeterUsage(DefaultMarketplaceMeteringAsyncClient.java:201)`,
    TIMEOUT,
  ],
  [
    'Java v1 Apache / pool timeout',
    javaV1('Timeout waiting for connection from pool', 'org.apache.http.conn.ConnectionPoolTimeoutException'),
    TIMEOUT,
  ],
  [
    'Java v2 Apache / pool timeout',
    javaV2('Timeout waiting for connection from pool', 'org.apache.http.conn.ConnectionPoolTimeoutException'),
    TIMEOUT,
  ],
  // A CONNECT the proxy refused, whatever status: Apache HttpClient's TunnelRefusedException
  [
    'Java v1 Apache / CONNECT refused by proxy (403)',
    javaV1('CONNECT refused by proxy: HTTP/1.1 403 Forbidden', 'org.apache.http.impl.execchain.TunnelRefusedException'),
    PROXY,
  ],
  [
    'Java v2 Apache / CONNECT refused by proxy (407)',
    javaV2(
      'CONNECT refused by proxy: HTTP/1.1 407 authentication needed',
      'org.apache.http.impl.execchain.TunnelRefusedException',
    ),
    PROXY,
  ],
];

const NODE: Case[] = [
  // libuv / c-ares errno names in Node's net and dns errors, as the JS SDK v3 rethrows them
  [
    'Node / ENOTFOUND',
    nodeV3(
      `Error: getaddrinfo ENOTFOUND ${HOST}`,
      'ENOTFOUND',
      'getaddrinfo',
      'GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EAI_AGAIN',
    nodeV3(
      `Error: getaddrinfo EAI_AGAIN ${HOST}`,
      'EAI_AGAIN',
      'getaddrinfo',
      'GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EAI_FAIL',
    nodeV3(
      `Error: getaddrinfo EAI_FAIL ${HOST}`,
      'EAI_FAIL',
      'getaddrinfo',
      'GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / ECONNREFUSED',
    nodeV3(
      `Error: connect ECONNREFUSED ${IP}:443`,
      'ECONNREFUSED',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EHOSTUNREACH',
    nodeV3(
      `Error: connect EHOSTUNREACH ${IP}:443`,
      'EHOSTUNREACH',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / ENETUNREACH',
    nodeV3(
      `Error: connect ENETUNREACH ${IP}:443 - Local (0.0.0.0:0)`,
      'ENETUNREACH',
      'connect',
      'internalConnect (node:net:1087:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EHOSTDOWN',
    nodeV3(
      `Error: connect EHOSTDOWN ${IP}:443`,
      'EHOSTDOWN',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / ENETDOWN',
    nodeV3(
      `Error: connect ENETDOWN ${IP}:443`,
      'ENETDOWN',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EADDRNOTAVAIL',
    nodeV3(
      `Error: connect EADDRNOTAVAIL ${IP}:443 - Local (10.0.3.17:0)`,
      'EADDRNOTAVAIL',
      'connect',
      'internalConnect (node:net:1087:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / EACCES on connect',
    nodeV3(
      `Error: connect EACCES ${IP}:443`,
      'EACCES',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    UNREACHABLE,
  ],
  [
    'Node / ETIMEDOUT connect',
    nodeV3(
      `Error: connect ETIMEDOUT ${IP}:443`,
      'ETIMEDOUT',
      'connect',
      'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    ),
    TIMEOUT,
  ],
  [
    'Node / ETIMEDOUT read',
    nodeV3(
      'Error: read ETIMEDOUT',
      'ETIMEDOUT',
      'read',
      'TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)',
    ),
    TIMEOUT,
  ],
  [
    'Node / ECONNRESET read',
    nodeV3(
      'Error: read ECONNRESET',
      'ECONNRESET',
      'read',
      'TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)',
    ),
    RESET,
  ],
  [
    'Node / ECONNRESET write',
    nodeV3(
      'Error: write ECONNRESET',
      'ECONNRESET',
      'write',
      'afterWriteDispatched (node:internal/stream_base_commons:161:15)',
    ),
    RESET,
  ],
  [
    'Node / EPIPE',
    nodeV3('Error: write EPIPE', 'EPIPE', 'write', 'afterWriteDispatched (node:internal/stream_base_commons:161:15)'),
    RESET,
  ],
  [
    'Node / ECONNABORTED',
    nodeV3(
      'Error: read ECONNABORTED',
      'ECONNABORTED',
      'read',
      'TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)',
    ),
    RESET,
  ],
  [
    'Node / socket hang up',
    `Error: socket hang up\n    at TLSSocket.socketOnEnd (node:_http_client:524:23) {\n  code: 'ECONNRESET',\n  '$metadata': { attempts: 3, totalRetryDelay: 355 }\n}`,
    RESET,
  ],
  [
    'Node / TLS socket disconnected',
    `Error: Client network socket disconnected before secure TLS connection was established\n    at connResetException (node:internal/errors:787:14)\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1727:19) {\n  code: 'ECONNRESET',\n  host: '${HOST}',\n  port: 443,\n  '$metadata': { attempts: 3, totalRetryDelay: 318 }\n}`,
    RESET,
  ],
  [
    'Node 20 / autoSelectFamily AggregateError refused',
    `AggregateError [ECONNREFUSED]: \n    at internalConnectMultiple (node:net:1118:18)\n    at afterConnectMultiple (node:net:1685:7) {\n  code: 'ECONNREFUSED',\n  '$metadata': { attempts: 3, totalRetryDelay: 290 },\n  [errors]: [\n    Error: connect ECONNREFUSED ${IP}:443\n        at createConnectionError (node:net:1648:14)\n  ]\n}`,
    UNREACHABLE,
  ],
  [
    'Node 20 / autoSelectFamily AggregateError timeout',
    `AggregateError [ETIMEDOUT]: \n    at internalConnectMultiple (node:net:1118:18)\n    at internalConnectMultiple (node:net:1186:5)\n    at Timeout.internalConnectMultipleTimeout (node:net:1712:5) {\n  code: 'ETIMEDOUT',\n  '$metadata': { attempts: 3, totalRetryDelay: 290 },\n  [errors]: [\n    Error: connect ETIMEDOUT ${IP}:443\n        at createConnectionError (node:net:1648:14)\n  ]\n}`,
    TIMEOUT,
  ],
  [
    'Node 20 / ERR_SOCKET_CONNECTION_TIMEOUT',
    `Error [ERR_SOCKET_CONNECTION_TIMEOUT]: Socket connection timeout\n    at new NodeError (node:internal/errors:405:5)\n    at internalConnectMultipleTimeout (node:net:1712:5) {\n  code: 'ERR_SOCKET_CONNECTION_TIMEOUT',\n  '$metadata': { attempts: 3, totalRetryDelay: 300 }\n}`,
    TIMEOUT,
  ],
  [
    'Node / ERR_SSL_WRONG_VERSION_NUMBER (OpenSSL 3)',
    `Error: C0C7B6F0E97F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:\n\n    at WriteWrap.onWriteComplete [as oncomplete] (node:internal/stream_base_commons:94:16) {\n  library: 'SSL routines',\n  reason: 'wrong version number',\n  code: 'ERR_SSL_WRONG_VERSION_NUMBER',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    TLS,
  ],
  [
    'Node / CERT_NOT_YET_VALID',
    `Error: certificate is not yet valid\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'CERT_NOT_YET_VALID',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    TLS,
  ],
  [
    'Node / UNABLE_TO_GET_ISSUER_CERT',
    `Error: unable to get issuer certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'UNABLE_TO_GET_ISSUER_CERT',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    TLS,
  ],
  [
    'Node / CERT_UNTRUSTED',
    `Error: certificate not trusted\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'CERT_UNTRUSTED',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    TLS,
  ],
  [
    'Node / handshake failure alert',
    `Error: 40F7B6F0E97F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 40\n\n    at WriteWrap.onWriteComplete [as oncomplete] (node:internal/stream_base_commons:94:16) {\n  code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    TLS,
  ],
  // The JS SDK v2 NetworkingError and TimeoutError around the same Node errors
  ['JS v2 / NetworkingError ENOTFOUND', jsV2(`getaddrinfo ENOTFOUND ${HOST}`), UNREACHABLE],
  ['JS v2 / NetworkingError EAI_AGAIN', jsV2(`getaddrinfo EAI_AGAIN ${HOST}`), UNREACHABLE],
  ['JS v2 / NetworkingError ETIMEDOUT', jsV2(`connect ETIMEDOUT ${IP}:443`), TIMEOUT],
  ['JS v2 / NetworkingError ECONNRESET', jsV2('read ECONNRESET'), RESET],
  ['JS v2 / NetworkingError socket hang up', jsV2('socket hang up'), RESET],
  ['JS v2 / NetworkingError EPIPE', jsV2('write EPIPE'), RESET],
  ['JS v2 / NetworkingError EHOSTUNREACH', jsV2(`connect EHOSTUNREACH ${IP}:443`), UNREACHABLE],
  [
    'JS v2 / NetworkingError TLS disconnected',
    jsV2('Client network socket disconnected before secure TLS connection was established'),
    RESET,
  ],
  ['JS v2 / NetworkingError certificate', jsV2('unable to get local issuer certificate'), TLS],
  [
    'JS v2 / TimeoutError without a connection',
    `TimeoutError: Socket timed out without establishing a connection\n    at Timeout.connectTimeout [as _onTimeout] (/app/node_modules/aws-sdk/lib/http/node.js:69:15) {\n  code: 'TimeoutError',\n  region: 'eu-central-1',\n  hostname: '${HOST}',\n  retryable: true\n}`,
    TIMEOUT,
  ],
  // undici (Node's fetch) error classes and codes under "fetch failed"
  [
    'undici / UND_ERR_CONNECT_TIMEOUT',
    undici(
      `ConnectTimeoutError: Connect Timeout Error (attempted address: ${HOST}:443, timeout: 10000ms)`,
      'UND_ERR_CONNECT_TIMEOUT',
    ),
    TIMEOUT,
  ],
  [
    'undici / UND_ERR_HEADERS_TIMEOUT',
    undici('HeadersTimeoutError: Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT'),
    TIMEOUT,
  ],
  ['undici / UND_ERR_BODY_TIMEOUT', undici('BodyTimeoutError: Body Timeout Error', 'UND_ERR_BODY_TIMEOUT'), TIMEOUT],
  ['undici / UND_ERR_SOCKET', undici('SocketError: other side closed', 'UND_ERR_SOCKET'), RESET],
  ['undici / ENOTFOUND cause', undici(`Error: getaddrinfo ENOTFOUND ${HOST}`, 'ENOTFOUND'), UNREACHABLE],
  ['undici / ECONNREFUSED cause', undici(`Error: connect ECONNREFUSED ${IP}:443`, 'ECONNREFUSED'), UNREACHABLE],
  ['undici / ECONNRESET cause', undici('Error: read ECONNRESET', 'ECONNRESET'), RESET],
  [
    'undici / certificate cause',
    undici('Error: unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    TLS,
  ],
  // undici's ProxyAgent: the proxy answered the CONNECT with another status than 200
  [
    'undici / ProxyAgent CONNECT refused (407)',
    undici('RequestAbortedError [AbortError]: Proxy response (407) !== 200 when HTTP Tunneling', 'UND_ERR_ABORTED'),
    PROXY,
  ],
  [
    'undici / ProxyAgent CONNECT refused (403)',
    undici('RequestAbortedError [AbortError]: Proxy response (403) !== 200 when HTTP Tunneling', 'UND_ERR_ABORTED'),
    PROXY,
  ],
];

const PYTHON: Case[] = [
  // urllib3 NewConnectionError with each platform's errno text, under botocore
  [
    'botocore / Linux refused',
    botocore(
      `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"`,
      'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 111] Connection refused',
    ),
    UNREACHABLE,
  ],
  [
    'botocore / macOS refused',
    botocore(
      `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"`,
      'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x1049a2d10>: Failed to establish a new connection: [Errno 61] Connection refused',
    ),
    UNREACHABLE,
  ],
  [
    'botocore / macOS ETIMEDOUT (errno 60)',
    botocore(
      `botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "${URL}"`,
      'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x1049a2d10>: Failed to establish a new connection: [Errno 60] Operation timed out',
    ),
    TIMEOUT,
  ],
  [
    'urllib3 / macOS ETIMEDOUT alone',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x1049a2d10>: Failed to establish a new connection: [Errno 60] Operation timed out',
    TIMEOUT,
  ],
  [
    'urllib3 / macOS DNS',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x1049a2d10>: Failed to establish a new connection: [Errno 8] nodename nor servname provided, or not known',
    UNREACHABLE,
  ],
  [
    'urllib3 / Linux temporary DNS',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution',
    UNREACHABLE,
  ],
  [
    'urllib3 / Linux network unreachable',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 101] Network is unreachable',
    UNREACHABLE,
  ],
  [
    'urllib3 / Windows 10065',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x000001F2A3B4C5D0>: Failed to establish a new connection: [WinError 10065] A socket operation was attempted to an unreachable host',
    UNREACHABLE,
  ],
  [
    'urllib3 / Windows 10051',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x000001F2A3B4C5D0>: Failed to establish a new connection: [WinError 10051] A socket operation was attempted to an unreachable network',
    UNREACHABLE,
  ],
  [
    'urllib3 / Windows 10013',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x000001F2A3B4C5D0>: Failed to establish a new connection: [WinError 10013] An attempt was made to access a socket in a way forbidden by its access permissions',
    UNREACHABLE,
  ],
  [
    'urllib3 / Windows 10060',
    'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x000001F2A3B4C5D0>: Failed to establish a new connection: [WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond',
    TIMEOUT,
  ],
  [
    'botocore / Windows reset',
    botocore(
      `botocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "${URL}".`,
      'ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host',
    ),
    RESET,
  ],
  [
    'botocore / macOS reset',
    botocore(
      `botocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "${URL}".`,
      'ConnectionResetError: [Errno 54] Connection reset by peer',
    ),
    RESET,
  ],
  [
    'botocore / HTTPClientError around IncompleteRead',
    `botocore.exceptions.HTTPClientError: An HTTP Client raised an unhandled exception: ('Connection broken: IncompleteRead(0 bytes read, 312 more expected)', IncompleteRead(0 bytes read, 312 more expected))`,
    RESET,
  ],
  [
    'botocore / HTTPClientError around RemoteDisconnected',
    `botocore.exceptions.HTTPClientError: An HTTP Client raised an unhandled exception: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))`,
    RESET,
  ],
  [
    'botocore / ResponseStreamingError',
    `botocore.exceptions.ResponseStreamingError: An error occurred while reading from response stream: ('Connection broken: ConnectionResetError(104, 'Connection reset by peer')', ConnectionResetError(104, 'Connection reset by peer'))`,
    RESET,
  ],
  ['botocore / read timeout under the CLI', `\nRead timeout on endpoint URL: "${URL}"\n`, TIMEOUT],
  [
    'botocore / SSL read timed out',
    `botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "${URL}"\nCaused by: TimeoutError: The read operation timed out`,
    TIMEOUT,
  ],
  [
    'botocore / SSLError around a handshake that timed out',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} _ssl.c:980: The handshake operation timed out`,
    TIMEOUT,
  ],
  [
    'botocore / SSLError around a reset',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} [Errno 104] Connection reset by peer`,
    RESET,
  ],
  [
    'AWS CLI / SSL validation with an OpenSSL reason',
    `\nSSL validation failed for ${URL} [SSL: UNSAFE_LEGACY_RENEGOTIATION_DISABLED] unsafe legacy renegotiation disabled (_ssl.c:1006)\n`,
    TLS,
  ],
  [
    'botocore / SSL EOF (OpenSSL 3)',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)`,
    TLS,
  ],
  [
    'botocore / SSL wrong version (plain-HTTP proxy port)',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)`,
    TLS,
  ],
  [
    'botocore / name mismatch',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} hostname '${HOST}' doesn't match '*.corp.example'`,
    TLS,
  ],
  [
    'botocore / CA bundle path that does not exist (urllib3 wraps the OSError)',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} [Errno 2] No such file or directory`,
    TLS,
  ],
  // The AWS CLI prints botocore's SSLError without its class: the message template stands for it,
  // and the cause after the URL still names the failure when it is not the certificate's
  [
    'AWS CLI v2 / CA bundle path that does not exist, no class name',
    `\naws: [ERROR]: SSL validation failed for ${URL} [Errno 2] No such file or directory\n`,
    TLS,
  ],
  ['AWS CLI v1 / the same, bare', `SSL validation failed for ${URL} [Errno 2] No such file or directory`, TLS],
  [
    'AWS CLI / handshake timed out under the template, no class name',
    `aws: [ERROR]: SSL validation failed for ${URL} _ssl.c:990: The handshake operation timed out`,
    TIMEOUT,
  ],
  [
    'AWS CLI / reset under the template, no class name',
    `SSL validation failed for ${URL} [Errno 104] Connection reset by peer`,
    RESET,
  ],
  [
    'requests / CA bundle path that does not exist',
    `OSError: Could not find a suitable TLS CA certificate bundle, invalid path: /etc/ssl/corp-ca.pem\nwhile sending the signed request to ${URL}`,
    TLS,
  ],
  [
    'botocore / proxy, urllib3 1.x',
    `botocore.exceptions.ProxyConnectionError: Failed to connect to proxy URL: "http://proxy.corp.example:3128"\nCaused by: urllib3.exceptions.ProxyError: ('Cannot connect to proxy.', NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f1c9e2b0d30>: Failed to establish a new connection: [Errno 111] Connection refused'))`,
    PROXY,
  ],
  // requests (a hand-written signed request to the endpoint)
  [
    'requests / NameResolutionError',
    requestsError(
      'ConnectionError',
      `NameResolutionError("<urllib3.connection.HTTPSConnection object at 0x7f1c9e2b0d30>: Failed to resolve '${HOST}' ([Errno -2] Name or service not known)"))`,
    ),
    UNREACHABLE,
  ],
  [
    'requests / ConnectTimeout',
    requestsError(
      'ConnectTimeout',
      `ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f1c9e2b0d30>, 'Connection to ${HOST} timed out. (connect timeout=5)'))`,
    ),
    TIMEOUT,
  ],
  [
    'requests / ProxyError 1.x',
    requestsError(
      'ProxyError',
      "ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))",
    ),
    PROXY,
  ],
  [
    'requests / ProxyError tunnel 403',
    requestsError(
      'ProxyError',
      "ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403 Forbidden')))",
    ),
    PROXY,
  ],
  [
    'requests / SSLError EOF',
    requestsError('SSLError', "SSLError(SSLEOFError(8, 'EOF occurred in violation of protocol (_ssl.c:1129)')))"),
    TLS,
  ],
  [
    'requests / ChunkedEncodingError',
    `requests.exceptions.ChunkedEncodingError: ("Connection broken: ConnectionResetError(104, 'Connection reset by peer')", ConnectionResetError(104, 'Connection reset by peer')) while reading ${URL}`,
    RESET,
  ],
  // aiohttp (aiobotocore)
  [
    'aiohttp / DNS',
    aiohttp(
      `aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host ${HOST}:443 ssl:default [Name or service not known]`,
    ),
    UNREACHABLE,
  ],
  [
    'aiohttp / DNS, newer',
    aiohttp(
      `aiohttp.client_exceptions.ClientConnectorDNSError: Cannot connect to host ${HOST}:443 ssl:default [Temporary failure in name resolution]`,
    ),
    UNREACHABLE,
  ],
  [
    'aiohttp / refused',
    aiohttp(
      `aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host ${HOST}:443 ssl:default [Connect call failed ('${IP}', 443)]`,
    ),
    UNREACHABLE,
  ],
  [
    'aiohttp / refused with errno text',
    aiohttp(
      `aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host ${HOST}:443 ssl:default [Connection refused]`,
    ),
    UNREACHABLE,
  ],
  [
    'aiohttp / certificate',
    aiohttp(
      `aiohttp.client_exceptions.ClientConnectorCertificateError: Cannot connect to host ${HOST}:443 ssl:True [SSLCertVerificationError: (1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')]`,
    ),
    TLS,
  ],
  [
    'aiohttp / server disconnected',
    aiohttp('aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected'),
    RESET,
  ],
  ['aiohttp / reset', aiohttp('aiohttp.client_exceptions.ClientOSError: [Errno 104] Connection reset by peer'), RESET],
  [
    'aiohttp / read timeout',
    aiohttp('aiohttp.client_exceptions.ServerTimeoutError: Timeout on reading data from socket'),
    TIMEOUT,
  ],
  [
    'aiohttp / connect timeout',
    aiohttp(`aiohttp.client_exceptions.ConnectionTimeoutError: Connection timeout to host ${URL}`),
    TIMEOUT,
  ],
  [
    'aiohttp / proxy refused',
    aiohttp(
      'aiohttp.client_exceptions.ClientProxyConnectionError: Cannot connect to host proxy.corp.example:3128 ssl:default [Connection refused]',
    ),
    PROXY,
  ],
  [
    'aiohttp / proxy 407',
    aiohttp(
      `aiohttp.client_exceptions.ClientHttpProxyError: 407, message='Proxy Authentication Required', url='http://proxy.corp.example:3128'`,
    ),
    PROXY,
  ],
  [
    'aiobotocore / EndpointConnectionError with the aiohttp cause',
    `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"\nCaused by: aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host ${HOST}:443 ssl:default [Name or service not known]`,
    UNREACHABLE,
  ],
  // Python's socket module under a botocore traceback
  [
    'Python / socket.gaierror',
    botocore(
      `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"`,
      'socket.gaierror: [Errno -2] Name or service not known',
    ),
    UNREACHABLE,
  ],
  [
    'Python / socket timeout',
    botocore(`botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: "${URL}"`, 'TimeoutError: timed out'),
    TIMEOUT,
  ],
  // http.client's tunnel: the proxy's status and its own reason phrase
  [
    "requests / proxy 407 with the proxy's own reason phrase",
    requestsError(
      'ProxyError',
      "ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 407 Authentication needed')))",
    ),
    PROXY,
  ],
];

const GO: Case[] = [
  // net, net/http and crypto/x509 errors under the Go SDKs' wrappers
  ['Go v1 / DNS server misbehaving', goV1(`dial tcp: lookup ${HOST} on 10.0.0.2:53: server misbehaving`), UNREACHABLE],
  [
    'Go v1 / DNS resolver refused',
    goV1(
      `dial tcp: lookup ${HOST} on 127.0.0.53:53: read udp 127.0.0.1:51312->127.0.0.53:53: read: connection refused`,
    ),
    UNREACHABLE,
  ],
  ['Go v1 / cgo resolver', goV1(`dial tcp: lookup ${HOST}: Temporary failure in name resolution`), UNREACHABLE],
  [
    'Go v2 / DNS i/o timeout',
    goV2(`dial tcp: lookup ${HOST} on 10.0.0.2:53: read udp 10.0.3.17:41873->10.0.0.2:53: i/o timeout`),
    UNREACHABLE,
  ],
  ['Go v2 / connect timed out (kernel)', goV2(`dial tcp ${IP}:443: connect: connection timed out`), TIMEOUT],
  ['Go v2 / dial i/o timeout', goV2(`dial tcp ${IP}:443: i/o timeout`), TIMEOUT],
  ['Go v2 / read reset', goV2(`read tcp 10.0.3.17:51234->${IP}:443: read: connection reset by peer`), RESET],
  ['Go v2 / write broken pipe', goV2(`write tcp 10.0.3.17:51234->${IP}:443: write: broken pipe`), RESET],
  ['Go v2 / EOF', goV2('EOF'), RESET],
  ['Go v1 / unexpected EOF', goV1('unexpected EOF'), RESET],
  [
    'Go / HTTP/1 transport connection broken',
    goV2('net/http: HTTP/1.x transport connection broken: unexpected EOF'),
    RESET,
  ],
  ['Go / http2 client connection lost', goV2('http2: client connection lost'), RESET],
  [
    'Go / http2 GOAWAY',
    goV2('http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=""'),
    RESET,
  ],
  [
    'Go / use of closed network connection',
    goV2(`read tcp 10.0.3.17:51234->${IP}:443: use of closed network connection`),
    RESET,
  ],
  ['Go v2 / read timeout (kernel)', goV2(`read tcp 10.0.3.17:51234->${IP}:443: read: connection timed out`), TIMEOUT],
  ['Go / TLS handshake timeout', goV2('net/http: TLS handshake timeout'), TIMEOUT],
  [
    'Go / request canceled (Client.Timeout)',
    goV1('net/http: request canceled (Client.Timeout exceeded while awaiting headers)'),
    TIMEOUT,
  ],
  [
    'Go / context deadline (Client.Timeout)',
    goV2('context deadline exceeded (Client.Timeout exceeded while awaiting headers)'),
    TIMEOUT,
  ],
  [
    'Go v1 / RequestCanceled',
    'RequestCanceled: request context canceled\ncaused by: context deadline exceeded',
    TIMEOUT,
  ],
  [
    'Go / x509 expired',
    goV2(
      'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-23T09:12:44Z is after 2026-10-01T00:00:00Z',
    ),
    TLS,
  ],
  [
    'Go / x509 name mismatch',
    goV2(`tls: failed to verify certificate: x509: certificate is valid for *.corp.example, not ${HOST}`),
    TLS,
  ],
  ['Go / x509 system roots', goV1('x509: failed to load system roots and no roots provided'), TLS],
  ['Go / TLS to a plain-HTTP port', goV2('tls: first record does not look like a TLS handshake'), TLS],
  ['Go / HTTP response to HTTPS client', goV2('http: server gave HTTP response to HTTPS client'), TLS],
  ['Go / proxy 407', goV2('Proxy Authentication Required'), PROXY],
  ['Go / proxyconnect DNS', goV2('proxyconnect tcp: dial tcp: lookup proxy.corp.example: no such host'), PROXY],
];

const RUST: Case[] = [
  // hyper / hyper-util / rustls errors inside the smithy connector's ConnectorError, and its kinds
  [
    'Rust / dns error (Debug)',
    rust(
      'Io',
      `hyper_util::client::legacy::Error(Connect, ConnectError("dns error", Custom { kind: Uncategorized, error: "failed to lookup address information: Name or service not known" }))`,
    ),
    UNREACHABLE,
  ],
  [
    'Rust / tcp connect refused (Debug)',
    rust(
      'Io',
      `hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", ${IP}:443, Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }))`,
    ),
    UNREACHABLE,
  ],
  [
    'Rust / network unreachable (Debug)',
    rust(
      'Io',
      `hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", ${IP}:443, Os { code: 101, kind: NetworkUnreachable, message: "Network is unreachable" }))`,
    ),
    UNREACHABLE,
  ],
  ['Rust / read timeout (Debug)', rust('Timeout', 'HttpTimeoutError { kind: "HTTP read", duration: 30s }'), TIMEOUT],
  [
    'Rust / reset (Debug)',
    rust('Io', 'hyper::Error(Io, Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })'),
    RESET,
  ],
  ['Rust / incomplete message (Debug)', rust('Io', 'hyper::Error(IncompleteMessage)'), RESET],
  [
    'Rust / rustls expired (Debug)',
    rust(
      'Io',
      'hyper_util::client::legacy::Error(Connect, Custom { kind: InvalidData, error: InvalidCertificate(Expired) })',
    ),
    TLS,
  ],
  [
    'Rust / rustls name (Debug)',
    rust(
      'Io',
      'hyper_util::client::legacy::Error(Connect, Custom { kind: InvalidData, error: InvalidCertificate(NotValidForName) })',
    ),
    TLS,
  ],
  [
    'Rust / display dns error',
    rustDisplay(
      'io error: client error (Connect): dns error: failed to lookup address information: Temporary failure in name resolution',
    ),
    UNREACHABLE,
  ],
  ['Rust / display reset', rustDisplay('io error: connection error: Connection reset by peer (os error 104)'), RESET],
  ['Rust / display incomplete', rustDisplay('io error: connection closed before message completed'), RESET],
  [
    'Rust / display rustls',
    rustDisplay('io error: client error (Connect): invalid peer certificate: UnknownIssuer'),
    TLS,
  ],
  ['Rust / display read timeout', rustDisplay('timeout: HTTP read timeout occurred after 30s'), TIMEOUT],
  [
    'Rust / display native-tls',
    rustDisplay(
      'io error: client error (Connect): error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:ssl/statem/statem_clnt.c:1889: (unable to get local issuer certificate)',
    ),
    TLS,
  ],
  // smithy's timeouts in every kind: a Timeout connector error whatever its source, aws-smithy-async's
  // TimedOutError as a connector's source, the TimeoutError variant, and their Display chains, also
  // printed with {:?} and nothing in front
  ['Rust / connector source TimedOutError', rust('Other(None)', 'TimedOutError'), TIMEOUT],
  ['Rust / Timeout kind, tokio Elapsed source', rust('Timeout', 'Elapsed(())'), TIMEOUT],
  [
    'Rust / DispatchFailure Debug with nothing before it',
    'DispatchFailure(DispatchFailure { source: ConnectorError { kind: Timeout, source: HttpTimeoutError { kind: "HTTP read timeout", duration: 20s }, connection: Unknown } })',
    TIMEOUT,
  ],
  [
    'Rust / TimeoutError variant Debug with nothing before it',
    'TimeoutError(TimeoutError { source: MaybeTimeoutError { kind: OperationAttempt, duration: 3s } })',
    TIMEOUT,
  ],
  [
    'Rust / TimeoutError variant, DisplayErrorContext',
    'Error: request has timed out: operation attempt timeout (single attempt) occurred after 3s\nwhile calling aws_sdk_marketplacemetering BatchMeterUsage',
    TIMEOUT,
  ],
  [
    'Rust / operation timeout, DisplayErrorContext',
    'Error: request has timed out: operation timeout (all attempts including retries) occurred after 30s (MaybeTimeoutError)',
    TIMEOUT,
  ],
  [
    'Rust / Timeout connector error, DisplayErrorContext',
    rustDisplay('timeout: HTTP read timeout occurred after 20s'),
    TIMEOUT,
  ],
];

const RUBY: Case[] = [
  // Net::HTTP, Errno::*, SocketError and OpenSSL::SSL::SSLError messages under Seahorse
  [
    'Ruby / DNS, Linux',
    ruby(`Failed to open TCP connection to ${HOST}:443 (getaddrinfo: Name or service not known)`),
    UNREACHABLE,
  ],
  [
    'Ruby / DNS, macOS',
    ruby(`Failed to open TCP connection to ${HOST}:443 (getaddrinfo: nodename nor servname provided, or not known)`),
    UNREACHABLE,
  ],
  [
    'Ruby / refused',
    ruby(`Failed to open TCP connection to ${HOST}:443 (Connection refused - connect(2) for "${HOST}" port 443)`),
    UNREACHABLE,
  ],
  [
    'Ruby / network unreachable',
    ruby(`Failed to open TCP connection to ${HOST}:443 (Network is unreachable - connect(2) for "${HOST}" port 443)`),
    UNREACHABLE,
  ],
  [
    'Ruby 3.3 / connect timeout',
    ruby(`Failed to open TCP connection to ${HOST}:443 (Connection timed out - user specified timeout)`),
    TIMEOUT,
  ],
  ['Ruby / Net::WriteTimeout', ruby('Net::WriteTimeout with #<TCPSocket:(closed)>'), TIMEOUT],
  ['Ruby / reset', ruby('Connection reset by peer'), RESET],
  ['Ruby / reset during SSL_connect', ruby('Connection reset by peer - SSL_connect'), RESET],
  ['Ruby / broken pipe', ruby('Broken pipe'), RESET],
  ['Ruby / EOF', ruby('end of file reached'), RESET],
  ['Ruby / SSL unexpected eof', ruby('SSL_read: unexpected eof while reading'), RESET],
  [
    'Ruby / certificate expired',
    ruby(
      'SSL_connect returned=1 errno=0 peeraddr=3.124.80.17:443 state=error: certificate verify failed (certificate has expired)',
    ),
    TLS,
  ],
  ['Ruby / hostname mismatch', ruby(`hostname "${HOST}" does not match the server certificate`), TLS],
  [
    'Ruby / Errno::ECONNREFUSED bare',
    `Errno::ECONNREFUSED: Failed to open TCP connection to ${HOST}:443 (Connection refused - connect(2) for "${HOST}" port 443)\n/usr/local/lib/ruby/3.2.0/net/http.rb:1271:in \`initialize'\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/net_http/connection_pool.rb:341:in \`start_session'`,
    UNREACHABLE,
  ],
  [
    'Ruby / Errno::EHOSTUNREACH bare',
    `Errno::EHOSTUNREACH: Failed to open TCP connection to ${HOST}:443 (No route to host - connect(2) for "${HOST}" port 443)\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/net_http/connection_pool.rb:341:in \`start_session'`,
    UNREACHABLE,
  ],
  [
    'Ruby / NoSuchEndpointError',
    `Aws::Errors::NoSuchEndpointError: Encountered a \`SocketError\` while attempting to connect to:\n\n  ${URL}\n\nThis is typically the result of an invalid \`:region\` option or a\npoorly formatted \`:endpoint\` option.`,
    UNREACHABLE,
  ],
  ['Ruby / proxy 407', ruby('Net::HTTPClientException: 407 "Proxy Authentication Required"'), PROXY],
  // Net::HTTP's refused CONNECT: HTTPServerException (HTTPClientException since Ruby 2.6) whose
  // message is the status and the proxy's reason, as the SDK's log line prints it
  [
    "Ruby / proxy 407 in the SDK log line, the proxy's own reason",
    `D, [2026-11-23T09:12:44.120311 #4121] DEBUG -- : [Aws::MarketplaceMetering::Client 0 0.004117 0 retries] batch_meter_usage(product_code:"8xk2pq0example",usage_records:[{customer_identifier:"cust-1",dimension:"requests",quantity:12}]) Net::HTTPClientException 407 "Authentication needed"`,
    PROXY,
  ],
  [
    'Ruby 2.5 / proxy 407, exception and message',
    `Net::HTTPServerException: 407 "Proxy authentication needed"\n/usr/local/lib/ruby/2.5.0/net/http.rb:939:in \`connect'\n/usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/net_http/connection_pool.rb:303:in \`start_session'`,
    PROXY,
  ],
  // OpenSSL's SSL_ERROR_SYSCALL as Ruby prints it: the connection dropped during the handshake
  [
    'Ruby / SSL_connect SYSCALL',
    ruby(`SSL_connect SYSCALL returned=5 errno=0 peeraddr=${IP}:443 state=SSLv3/TLS write client hello`),
    RESET,
  ],
];

const MISSING_REGION: Case[] = [
  // An endpoint built from an empty Region ("service..amazonaws.com") in each stack's transport failure
  [
    'Java v2 / UnknownHost for sts..amazonaws.com',
    `software.amazon.awssdk.core.exception.SdkClientException: Received an UnknownHostException when attempting to interact with a service. See cause for the exact endpoint that is failing to resolve.\nCaused by: software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: sts..amazonaws.com\nCaused by: java.net.UnknownHostException: sts..amazonaws.com`,
    NO_REGION,
  ],
  [
    'Java v1 / DynamoDB endpoint with no Region',
    'com.amazonaws.SdkClientException: Unable to execute HTTP request: dynamodb..amazonaws.com: Name or service not known\nCaused by: java.net.UnknownHostException: dynamodb..amazonaws.com: Name or service not known',
    NO_REGION,
  ],
  [
    'botocore / could not connect to https://sts..amazonaws.com',
    'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sts..amazonaws.com/"',
    NO_REGION,
  ],
  [
    'PHP / cURL 6 on an empty Region',
    php(6, 'Could not resolve host: metering.marketplace..amazonaws.com').replaceAll(
      HOST,
      'metering.marketplace..amazonaws.com',
    ),
    NO_REGION,
  ],
  [
    'PHP / cURL 3 bad hostname',
    'Aws\\Exception\\AwsException: Error executing "AssumeRole" on "https://sts..amazonaws.com"; AWS HTTP error: cURL error 3: URL rejected: Bad hostname (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://sts..amazonaws.com',
    NO_REGION,
  ],
  [
    '.NET / no such host for an empty Region',
    'System.Net.Http.HttpRequestException: No such host is known. (metering.marketplace..amazonaws.com:443)\n ---> System.Net.Sockets.SocketException (11001): No such host is known.\n   at Amazon.Runtime.Internal.HttpHandler`1.InvokeAsync[T](IExecutionContext executionContext)',
    NO_REGION,
  ],
  [
    'JS v2 / UnknownEndpoint with an empty Region',
    "UnknownEndpoint: Inaccessible host: `metering.marketplace..amazonaws.com' at port `undefined'. This service may not be available in the `' region.\n    at Request.ENOTFOUND_ERROR (/srv/app/node_modules/aws-sdk/lib/event_listeners.js:611:46) {\n  code: 'UnknownEndpoint',\n  region: '',\n  hostname: 'metering.marketplace..amazonaws.com',\n  retryable: true\n}",
    NO_REGION,
  ],
  [
    'Rust / dns error for an empty Region',
    'Error: dispatch failure: io error: client error (Connect): dns error: failed to lookup address information: Name or service not known\n  endpoint: https://metering.marketplace..amazonaws.com',
    NO_REGION,
  ],
  [
    'Ruby / SocketError for an empty Region',
    'Seahorse::Client::NetworkingError: Failed to open TCP connection to metering.marketplace..amazonaws.com:443 (getaddrinfo: Name or service not known)',
    NO_REGION,
  ],
  [
    'Go v2 / dual-stack host with no Region',
    'operation error STS: AssumeRole, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts..api.aws/": dial tcp: lookup sts..api.aws: no such host',
    NO_REGION,
  ],
  // The C++ SDK logs each request's URL before the error, which names no host: an endpoint built
  // with an empty Region on that line is the missing Region
  [
    'C++ / empty Region on the request line before a curl 6',
    `[DEBUG] 2026-11-23 09:12:44.101 CurlHttpClient [140233] Making request to https://metering.marketplace..amazonaws.com/\n[DEBUG] 2026-11-23 09:12:44.101 CurlHttpClient [140233] Including headers:\n${cpp(6, "Couldn't resolve host name")}`,
    NO_REGION,
  ],
  [
    'C++ / the request logged last is the one that failed',
    `[DEBUG] 2026-11-23 09:12:44.090 CurlHttpClient [140233] Making request to https://sts..amazonaws.com/\n[DEBUG] 2026-11-23 09:12:44.101 CurlHttpClient [140233] Making request to ${URL}\n${cpp(28, 'Timeout was reached')}`,
    TIMEOUT,
  ],
];

/**
 * Wordings read from the SDKs' and libraries' own sources: the Ruby SDK's MissingRegionError (v3
 * and v2 messages), botocore's ValueError for an endpoint URL it cannot use, HTTP 407 in each SDK's
 * exception layout, a CONNECT to the proxy that failed, urllib3's ProxyError reason, Python's
 * ssl.match_hostname (and its backport), and old Node's getaddrinfo errno names.
 */
const SOURCES: Case[] = [
  [
    'Ruby v3 / MissingRegionError uncaught',
    "/srv/meter/vendor/bundle/ruby/3.2.0/gems/aws-sdk-core-3.191.0/lib/aws-sdk-core/plugins/regional_endpoint.rb:97:in `resolve_region': No region was provided. Configure the `:region` option or export the region name to ENV['AWS_REGION'] (Aws::Errors::MissingRegionError)",
    NO_REGION,
  ],
  [
    'Ruby v2 / MissingRegionError in an RSpec failure',
    "Failure/Error: let(:meter) { Aws::MarketplaceMetering::Client.new }\n\n     Aws::Errors::MissingRegionError:\n       missing region; use :region option or export region name to ENV['AWS_REGION']\n     # ./spec/metering/hourly_spec.rb:12:in `block (2 levels) in <top (required)>'",
    NO_REGION,
  ],
  [
    'botocore / ValueError for an endpoint with an empty Region',
    'Traceback (most recent call last):\n  File "/opt/meter/report.py", line 41, in <module>\n    client = session.client("meteringmarketplace")\n  File "/opt/meter/.venv/lib/python3.11/site-packages/botocore/endpoint.py", line 395, in create_endpoint\n    raise ValueError(f"Invalid endpoint: {endpoint_url}")\nValueError: Invalid endpoint: https://metering.marketplace..amazonaws.com',
    NO_REGION,
  ],
  [
    'botocore / ValueError for a dual-stack endpoint with an empty Region',
    'ValueError: Invalid endpoint: https://sts..api.aws',
    NO_REGION,
  ],
  [
    'Java v1 / 407 in the exception layout',
    'com.amazonaws.services.marketplacemetering.model.AWSMarketplaceMeteringException: null (Service: AWSMarketplaceMetering; Status Code: 407; Error Code: null; Request ID: null; Proxy: proxy.corp.example)\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleErrorResponse(AmazonHttpClient.java:1879)',
    PROXY,
  ],
  [
    'Go v1 / 407 under a failed unmarshal',
    'SerializationError: failed to unmarshal error message\n\tstatus code: 407, request id: \ncaused by: UnmarshalError: failed to unmarshal error message\n\t00000000  3c 68 74 6d 6c 3e                                 |<html>|',
    PROXY,
  ],
  [
    'Go v2 / 407 in the response error',
    "operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 407, RequestID: , deserialization failed, failed to decode response body, invalid character '<' looking for beginning of value",
    PROXY,
  ],
  [
    'JS v3 / 407 in $metadata',
    "{\n  name: 'Unknown',\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 407,\n    requestId: undefined,\n    attempts: 1,\n    totalRetryDelay: 0\n  },\n  message: 'UnknownError'\n}\nMarketplaceMeteringServiceException [Unknown]: UnknownError",
    PROXY,
  ],
  [
    'Go / a custom dialer that could not send the CONNECT',
    'operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace.us-east-1.amazonaws.com/": failed to send CONNECT request to proxy: write tcp 10.0.3.17:51234->10.0.0.5:3128: write: connection timed out',
    PROXY,
  ],
  [
    'requests / urllib3 ProxyError around a refusal (Linux)',
    "requests.exceptions.ProxyError: HTTPSConnectionPool(host='metering.marketplace.us-east-1.amazonaws.com', port=443): Max retries exceeded with url: / (Caused by ProxyError('Unable to connect to proxy', NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f3a2c1b5e80>: Failed to establish a new connection: [Errno 111] Connection refused')))",
    PROXY,
  ],
  [
    'AWS CLI v1 / urllib3 1.x ProxyError around a timeout',
    "ConnectionError: HTTPSConnectionPool(host='sts.amazonaws.com', port=443): Max retries exceeded with url: / (Caused by ProxyError('Cannot connect to proxy.', ConnectTimeoutError(<botocore.awsrequest.AWSHTTPSConnection object at 0x7f1c0a2b3d90>, 'Connection to proxy.corp.example timed out. (connect timeout=60)')))",
    PROXY,
  ],
  [
    'Python 2 / ssl.match_hostname under boto 2',
    "Traceback (most recent call last):\n  File \"/usr/lib/python2.7/httplib.py\", line 1254, in connect\n    ssl.match_hostname(self.sock.getpeercert(), self.host)\n  File \"/usr/lib/python2.7/ssl.py\", line 279, in match_hostname\n    % (hostname, ', '.join(map(repr, dnsnames))))\nCertificateError: hostname 'usage.exports.prod.s3.amazonaws.com' doesn't match either of '*.s3.amazonaws.com', 's3.amazonaws.com'",
    TLS,
  ],
  [
    'backports.ssl_match_hostname / a proxy certificate with one name',
    "backports.ssl_match_hostname.CertificateError: hostname 'metering.marketplace.us-east-1.amazonaws.com' doesn't match 'inspect.corp.example'",
    TLS,
  ],
  [
    'Python 3.6 / a certificate with no names',
    'ssl.CertificateError: no appropriate commonName or subjectAltName fields were found (host sts.eu-west-1.amazonaws.com)',
    TLS,
  ],
  [
    'Go v1 before Go 1.14 / an S3 upload closed before the response (URL without quotes)',
    'RequestError: send request failed\ncaused by: Put https://meter-exports.s3.us-east-1.amazonaws.com/usage/2026-11-23.csv: EOF',
    RESET,
  ],
  [
    'Go v1 before Go 1.14 / the EOF in a log line with more after it',
    '2026/11/23 09:12:44 meter: BatchMeterUsage failed: RequestError: send request failed caused by: Post https://metering.marketplace.us-east-1.amazonaws.com/: EOF (attempt 3 of 3)',
    RESET,
  ],
  [
    'Node 0.10 / JS v2 getaddrinfo ENOENT',
    "{ [NetworkingError: getaddrinfo ENOENT]\n  code: 'NetworkingError',\n  errno: 'ENOENT',\n  syscall: 'getaddrinfo',\n  region: 'us-east-1',\n  hostname: 'metering.marketplace.us-east-1.amazonaws.com',\n  retryable: true }",
    UNREACHABLE,
  ],
  [
    'Node 0.12 / getaddrinfo EIO in a log line',
    '2026-11-23T09:12:44.120Z ERROR hourly meter failed: NetworkingError: getaddrinfo EIO (metering.marketplace.us-east-1.amazonaws.com:443)',
    UNREACHABLE,
  ],
];

describe('transport failures are named for what they are, in every stack (from the sources)', () => {
  const table = [
    ...LIBCURL.map(([source, paste, entry]) => ['libcurl', source, entry, paste] as const),
    ...CRT.map(([source, paste, entry]) => ['AWS CRT', source, entry, paste] as const),
    ...DOTNET.map(([source, paste, entry]) => ['.NET', source, entry, paste] as const),
    ...JAVA.map(([source, paste, entry]) => ['Java', source, entry, paste] as const),
    ...NODE.map(([source, paste, entry]) => ['Node', source, entry, paste] as const),
    ...PYTHON.map(([source, paste, entry]) => ['Python', source, entry, paste] as const),
    ...GO.map(([source, paste, entry]) => ['Go', source, entry, paste] as const),
    ...RUST.map(([source, paste, entry]) => ['Rust', source, entry, paste] as const),
    ...RUBY.map(([source, paste, entry]) => ['Ruby', source, entry, paste] as const),
    ...MISSING_REGION.map(([source, paste, entry]) => ['missing Region', source, entry, paste] as const),
    ...SOURCES.map(([source, paste, entry]) => ['SDK sources', source, entry, paste] as const),
  ];
  it.each(table)('%s / %s → %s', (_stack, _source, entry, paste) => {
    expect(topOf(paste)?.entry.id).toBe(entry);
  });

  it("takes no request ID from the word after the C++ SDK's empty `Request ID: ` line", () => {
    expect(topOf(cpp(6, "Couldn't resolve host name"))?.facts.requestId).toBeUndefined();
  });
});

describe('near misses: the same wordings do not make other texts AWS network findings', () => {
  it.each([
    'We keep getting Failure when receiving data from the peer on the PHP box, any ideas?',
    'Is `Write timed out` from the SDK something we should retry?',
    'I think the proxy is eating our requests, Received HTTP code 407 from proxy after CONNECT',
    "It says Couldn't resolve proxy name when the job starts",
    'anyone seen `http2: client connection lost` in the metering sidecar?',
    "Our metering job on ECS keeps hitting SSL peer shut down incorrectly, is that on AWS's side?",
    'The metering sidecar logs use of closed network connection now and then, should we worry?',
    'Our KCL consumer logs Acquire operation took longer than the configured maximum time at peak, bump max connections?',
    'Is DispatchFailure with a TimedOutError source something the Rust SDK retries?',
    'we get SSL validation failed for some hosts after the proxy change, anyone else?',
    'Does anyone know how to send a CONNECT request to proxy servers from the metering job?',
    'The docs say Status Code: 407, means the proxy wants credentials, right?',
    'Why does our Go uploader stop with : EOF after a minute?',
  ])('a sentence quoting a transport message stays silent: %s', (sentence) => {
    const diagnosis = diagnosisOf(sentence);
    expect(diagnosis.isError).toBe(false);
    for (const finding of diagnosis.findings) expect(finding.evidence).toBeLessThan(0.6);
  });

  it.each([
    [
      'DynamoDB throughput (boto3)',
      'botocore.errorfactory.ProvisionedThroughputExceededException: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    ],
    [
      'Secrets Manager not found (Go v2)',
      "operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 4b1f0c2e-9a7d-4e55-8f01-2c3d4e5f6a7b, ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    ],
    [
      'S3 bucket missing (Java v1)',
      'com.amazonaws.services.s3.model.AmazonS3Exception: The specified bucket does not exist (Service: Amazon S3; Status Code: 404; Error Code: NoSuchBucket; Request ID: 7Q2R8S9T0U1V2W3X; S3 Extended Request ID: abc=)',
    ],
    [
      "a server's own listen on an address it does not have (Node), not a connection to AWS",
      "Error: listen EADDRNOTAVAIL: address not available 10.0.0.5:3000\n    at Server.setupListenHandle [as _listen2] (node:net:1817:21) {\n  code: 'EADDRNOTAVAIL',\n  errno: -99,\n  syscall: 'listen',\n  address: '10.0.0.5',\n  port: 3000\n}\nwhile starting the metering sidecar (aws-sdk 3.700.0)",
    ],
    [
      "a server's own bind (Go), not a connection to AWS",
      'panic: listen tcp 10.0.0.5:8080: bind: cannot assign requested address (metering sidecar, AWS_REGION=eu-central-1)',
    ],
    [
      'a process out of file descriptors under urllib3 (a local limit, not the network)',
      `urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 24] Too many open files`,
    ],
  ])('%s is no network finding', (_what, paste) => {
    for (const finding of diagnosisOf(paste).findings) expect(finding.entry.area).not.toBe('network');
  });

  it.each([
    [
      '.NET: a bare TaskCanceledException (maybe the caller cancelled)',
      'System.Threading.Tasks.TaskCanceledException: A task was canceled.\n   at Amazon.Runtime.Internal.HttpHandler`1.InvokeAsync[T](IExecutionContext executionContext)\n   at Amazon.MarketplaceMetering.AmazonMarketplaceMeteringClient.BatchMeterUsageAsync(BatchMeterUsageRequest request, CancellationToken cancellationToken)',
    ],
  ])('%s is no timeout finding', (_what, paste) => {
    for (const finding of diagnosisOf(paste).findings) expect(finding.entry.id).not.toBe(TIMEOUT);
  });

  it.each([
    [
      'Java SDK v1 (Apache client closed)',
      'java.lang.IllegalStateException: Connection pool shut down\n\tat org.apache.http.util.Asserts.check(Asserts.java:34)\n\tat com.amazonaws.http.apache.client.impl.SdkHttpClient.execute(SdkHttpClient.java:72)',
    ],
    [
      'Java SDK v2 (client used after close())',
      'software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connection pool shut down\nCaused by: java.lang.IllegalStateException: Connection pool shut down',
    ],
  ])('a client used after it was closed is no network failure: %s', (_what, paste) => {
    for (const finding of diagnosisOf(paste).findings) expect(finding.entry.area).not.toBe('network');
  });

  it.each([
    ['git over libcurl', 'error: RPC failed; curl 18 transfer closed with outstanding read data remaining'],
    [
      'aiohttp calling Slack',
      'aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host hooks.slack.com:443 ssl:default [Name or service not known]',
    ],
    ['a Kafka producer', 'java.net.SocketTimeoutException: Write timed out while sending to kafka-1:9092'],
    [
      'a Go reverse proxy',
      '2026/11/23 09:12:44 http: proxy error: read tcp 10.0.3.17:51234->10.0.9.9:8080: use of closed network connection',
    ],
  ])('%s: a transport failure with nothing of AWS is at most a possible match', (_what, paste) => {
    for (const finding of diagnosisOf(paste).findings) expect(finding.confidence).toBeLessThanOrEqual(0.6);
  });
});
