import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Network failures on the way to an AWS endpoint, in the wording each SDK, HTTP client and runtime
 * prints them. Every text is built from the message format in the named source (SDK, runtime or
 * library), in the surroundings people paste; hosts, addresses and ports are made up. None comes
 * from the held-out set or the SDK matrix.
 */
const catalog = realCatalog();
const topOf = (text: string) => diagnose(text, catalog, { now: NOW }).findings[0];

const HOST = 'metering.marketplace.us-east-1.amazonaws.com';
const URL = `https://${HOST}/`;

const UNREACHABLE: Array<[string, string]> = [
  // Node (libuv errno names in net / dns errors)
  [
    'Node: refused, JS v3 dump',
    `Error: connect ECONNREFUSED 52.94.8.40:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '52.94.8.40',\n  port: 443,\n  '$metadata': { attempts: 3, totalRetryDelay: 211 }\n}`,
  ],
  [
    'Node: no route to host',
    `Error: connect EHOSTUNREACH 52.94.8.40:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -113,\n  code: 'EHOSTUNREACH',\n  syscall: 'connect',\n  '$metadata': { attempts: 3, totalRetryDelay: 190 }\n}`,
  ],
  [
    'Node: network unreachable',
    `Error: connect ENETUNREACH 2600:1f18:4d1::1:443 - Local (:::0)\n    at internalConnect (node:net:1087:16) {\n  errno: -101,\n  code: 'ENETUNREACH',\n  syscall: 'connect',\n  '$metadata': { attempts: 3, totalRetryDelay: 200 }\n}`,
  ],
  [
    'Node: DNS temporary failure',
    `Error: getaddrinfo EAI_AGAIN ${HOST}\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {\n  errno: -3001,\n  code: 'EAI_AGAIN',\n  syscall: 'getaddrinfo',\n  hostname: '${HOST}',\n  '$metadata': { attempts: 3, totalRetryDelay: 287 }\n}`,
  ],
  [
    'Node undici fetch failed with a DNS cause',
    `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at async sendUsage (/app/dist/meter.js:44:17) {\n  [cause]: Error: getaddrinfo ENOTFOUND ${HOST}\n      at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {\n    errno: -3008,\n    code: 'ENOTFOUND',\n    syscall: 'getaddrinfo',\n    hostname: '${HOST}'\n  }\n}`,
  ],
  [
    'JS v2 NetworkingError on a refused port',
    `NetworkingError: connect ECONNREFUSED 10.0.4.20:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16) {\n  code: 'NetworkingError',\n  region: 'us-east-1',\n  hostname: '${HOST}',\n  retryable: true,\n  time: 2026-11-23T09:12:44.120Z\n}`,
  ],
  // Python: urllib3 / requests / botocore
  [
    'urllib3 v2 NameResolutionError under botocore',
    `urllib3.exceptions.NameResolutionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to resolve '${HOST}' ([Errno -2] Name or service not known)`,
  ],
  [
    'urllib3 no route to host',
    `urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 113] No route to host`,
  ],
  [
    'requests MaxRetryError refused',
    `requests.exceptions.ConnectionError: HTTPSConnectionPool(host='${HOST}', port=443): Max retries exceeded with url: / (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f1c9e2b0d30>: Failed to establish a new connection: [Errno 111] Connection refused'))`,
  ],
  [
    'Python on Windows refused',
    `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"\nCaused by: ConnectionRefusedError: [WinError 10061] No connection could be made because the target machine actively refused it`,
  ],
  [
    'AWS CLI on a dead host',
    `\nCould not connect to the endpoint URL: "https://metering.marketplace.eu-west-3.amazonaws.com/"\n`,
  ],
  // Go net package under the SDKs
  [
    'Go v1 no route to host',
    `RequestError: send request failed\ncaused by: Post "${URL}": dial tcp 52.94.8.40:443: connect: no route to host`,
  ],
  [
    'Go v2 network unreachable',
    `operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": dial tcp [2600:1f18:4d1::1]:443: connect: network is unreachable`,
  ],
  [
    'Go v2 no such host',
    `operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace.eu-west-9.amazonaws.com/": dial tcp: lookup metering.marketplace.eu-west-9.amazonaws.com: no such host`,
  ],
  // Java: java.net messages through the SDKs' HTTP clients
  [
    'Java v1 UnknownHostException cause',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: ${HOST}\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)\nCaused by: java.net.UnknownHostException: ${HOST}\n\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)`,
  ],
  [
    'Java v1 HttpHostConnectException',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection refused (Connection refused)\nCaused by: org.apache.http.conn.HttpHostConnectException: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection refused (Connection refused)`,
  ],
  [
    'Java v2 Netty refused',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connection refused: ${HOST}/52.94.8.40:443\nCaused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: ${HOST}/52.94.8.40:443`,
  ],
  [
    'Java v2 no route to host',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: No route to host`,
  ],
  [
    'Java v2 CRT refused',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: socket connection refused. (SDK Attempt Count: 4)\nCaused by: software.amazon.awssdk.crt.http.HttpException: socket connection refused.`,
  ],
  // .NET: SocketException texts under HttpRequestException
  [
    '.NET on Linux, name not known',
    `System.Net.Http.HttpRequestException: Name or service not known (${HOST}:443)\n ---> System.Net.Sockets.SocketException (0xFFFDFFFE): Name or service not known\n   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)`,
  ],
  [
    '.NET on Windows, no such host',
    `System.Net.Http.HttpRequestException: No such host is known. (${HOST}:443)\n ---> System.Net.Sockets.SocketException (11001): No such host is known.\n   at Amazon.Runtime.Internal.HttpRequestMessageFactory`,
  ],
  [
    '.NET refused on Linux',
    `Amazon.Runtime.AmazonServiceException: A WebException with status ConnectFailure was thrown.\nSystem.Net.Http.HttpRequestException: Connection refused (${HOST}:443)\n ---> System.Net.Sockets.SocketException (111): Connection refused`,
  ],
  [
    '.NET refused on Windows',
    `System.Net.Http.HttpRequestException: No connection could be made because the target machine actively refused it. (${HOST}:443)\n ---> System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it.`,
  ],
  // Ruby
  [
    'Ruby no route to host',
    `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (No route to host - connect(2) for "${HOST}" port 443)`,
  ],
  [
    'Ruby DNS failure',
    `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (getaddrinfo: Temporary failure in name resolution)`,
  ],
  // PHP (Guzzle over libcurl)
  [
    'PHP could not resolve host',
    `Aws\\MarketplaceMetering\\Exception\\MarketplaceMeteringException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 6: Could not resolve host: ${HOST} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  // Rust SDK (hyper / reqwest)
  [
    'Rust dispatch failure, OS no route',
    `Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", 52.94.8.40:443, Os { code: 113, kind: HostUnreachable, message: "No route to host" })), connection: Unknown } })`,
  ],
  [
    'Rust dispatch failure, display form',
    `Error: dispatch failure: io error: client error (Connect): tcp connect error: Connection refused (os error 111)`,
  ],
  // C++ SDK (curl handler)
  [
    'C++ SDK curl resolve failure',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 6 - Couldn't resolve host name\n[ERROR] 2026-11-23 09:12:44.121 AWSClient [140233] HTTP response code: -1\nException name: \nError message: curlCode: 6, Couldn't resolve host name`,
  ],
  [
    'C++ SDK curl connect failure',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 7 - Couldn't connect to server\nError message: curlCode: 7, Couldn't connect to server\n1 response headers:\nMarketplaceMeteringClient BatchMeterUsage failed`,
  ],
  // .NET Framework HttpWebRequest under the .NET SDK (WebExceptionStatus)
  [
    '.NET Framework name resolution failure',
    `Amazon.Runtime.AmazonServiceException: A WebException with status NameResolutionFailure was thrown. ---> System.Net.WebException: The remote name could not be resolved: '${HOST}'`,
  ],
  [
    '.NET Framework connect failure',
    `Amazon.Runtime.AmazonServiceException: A WebException with status ConnectFailure was thrown. ---> System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: A socket operation was attempted to an unreachable network 52.94.8.40:443`,
  ],
  [
    'glibc EAI_NODATA under urllib3',
    `urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno -5] No address associated with hostname`,
  ],
  [
    'Windows getaddrinfo under botocore',
    `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"\nCaused by: socket.gaierror: [Errno 11001] getaddrinfo failed`,
  ],
  [
    'C++ SDK network-connection error',
    `[ERROR] 2026-11-23 09:12:44.120 AWSClient [140233] HTTP response code: -1\nException name: \nError message: Unable to connect to endpoint\n0 response headers:`,
  ],
  // Java SDK v2 (SdkClientException built by the SDK when the cause is java.net.UnknownHostException)
  [
    'Java v2: its own UnknownHostException wording, in a log that joins the chain with pipes',
    `WARN  c.e.meter.Sender - send failed|software.amazon.awssdk.core.exception.SdkClientException: Received an UnknownHostException when attempting to interact with a service. See cause for the exact endpoint that is failing to resolve.|Unable to execute HTTP request: ${HOST}|${HOST}`,
  ],
  // Java SDK v1 before 1.11 named the same failure AmazonClientException; the message is only the host
  [
    'Java v1: AmazonClientException whose message is the unresolved host',
    `com.amazonaws.AmazonClientException: Unable to execute HTTP request: ${HOST}\n\tat com.amazonaws.http.AmazonHttpClient.executeHelper(AmazonHttpClient.java:473)\n\tat com.amazonaws.http.AmazonHttpClient.execute(AmazonHttpClient.java:297)`,
  ],
  // .NET: the socket error's text, then "(host:port)"; WSAEACCES (10013) is a local firewall's refusal
  [
    '.NET: a host that did not resolve',
    `System.Net.Http.HttpRequestException: Unknown host (${HOST}:443)\n ---> System.Net.Sockets.SocketException (0xFFFDFFFF): Unknown host\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
  ],
  [
    '.NET on Windows: WSAEACCES from a firewall',
    'Amazon.Runtime.AmazonServiceException: An attempt was made to access a socket in a way forbidden by its access permissions 52.94.8.40:443\n ---> System.Net.Sockets.SocketException: An attempt was made to access a socket in a way forbidden by its access permissions 52.94.8.40:443',
  ],
  // libcurl error 6 through Guzzle 6/7, Guzzle 3 and the C++ SDK
  [
    'PHP Guzzle 3: curl 6 when an older libcurl timed out on the lookup',
    `PHP Fatal error:  Uncaught exception 'Guzzle\\Http\\Exception\\CurlException' with message 'curl 6: name lookup timed out [url] ${URL}'`,
  ],
  [
    'PHP Guzzle 3: CurlException with curl 6',
    `PHP Fatal error:  Uncaught exception 'Guzzle\\Http\\Exception\\CurlException' with message 'curl 6: Could not resolve host: ${HOST} [url] ${URL}'`,
  ],
  [
    'C++ SDK: curlCode 6 in the client error message',
    `[ERROR] 2026-11-23 09:12:44.120 AWSClient [140233] HTTP response code: -1\nException name: \nError message: curlCode: 6, Couldn't resolve host name\n0 response headers:`,
  ],
];

const TIMEOUT: Array<[string, string]> = [
  [
    'Node: read ETIMEDOUT',
    `Error: read ETIMEDOUT\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20) {\n  errno: -110,\n  code: 'ETIMEDOUT',\n  syscall: 'read',\n  '$metadata': { attempts: 3, totalRetryDelay: 650 }\n}`,
  ],
  [
    'Node undici connect timeout',
    `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: ${HOST}:443, timeout: 10000ms)\n      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}`,
  ],
  [
    'Node undici headers timeout',
    `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: HeadersTimeoutError: Headers Timeout Error\n      at Timeout.onParserTimeout [as callback] (node:internal/deps/undici/undici:6249:32) {\n    code: 'UND_ERR_HEADERS_TIMEOUT'\n  }\n}`,
  ],
  [
    'JS v3 socket inactivity',
    'TimeoutError: @smithy/node-http-handler - the request socket timed out after 30000 ms of inactivity (configured by client requestHandler).',
  ],
  [
    'JS v3 request timeout',
    'TimeoutError: @smithy/node-http-handler - [ERROR] a request has exceeded the configured 5000 ms requestTimeout.',
  ],
  [
    'JS v2 TimeoutError',
    `TimeoutError: Connection timed out after 120000ms\n    at ClientRequest.<anonymous> (/app/node_modules/aws-sdk/lib/http/node.js:86:34) {\n  code: 'TimeoutError',\n  time: 2026-11-23T09:12:44.120Z,\n  region: 'us-east-1',\n  hostname: '${HOST}',\n  retryable: true\n}`,
  ],
  // Python
  [
    'requests read timeout',
    `requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='${HOST}', port=443): Read timed out. (read timeout=60)`,
  ],
  [
    'urllib3 connect timeout',
    `urllib3.exceptions.ConnectTimeoutError: (<botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>, 'Connection to ${HOST} timed out. (connect timeout=60)')`,
  ],
  [
    'Python errno 110',
    `urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno 110] Connection timed out`,
  ],
  [
    'Python on Windows 10060',
    `botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: "${URL}"\nCaused by: TimeoutError: [WinError 10060] A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond`,
  ],
  // Go
  [
    'Go TLS handshake timeout',
    `RequestError: send request failed\ncaused by: Post "${URL}": net/http: TLS handshake timeout`,
  ],
  [
    'Go v2 canceled deadline',
    `operation error Marketplace Metering: BatchMeterUsage, canceled, context deadline exceeded`,
  ],
  [
    'Go v2 response read timeout',
    `operation error Marketplace Metering: BatchMeterUsage, https response error StatusCode: 200, RequestID: 6a1c0b8e-3f2d-4c51-9e7a-1b2c3d4e5f60, deserialization failed, read on body reach timeout limit, 10s`,
  ],
  [
    'Go v1 ResponseTimeout',
    `ResponseTimeout: read on body has reached the timeout limit\n\tstatus code: 200, request id: 6a1c0b8e-3f2d-4c51-9e7a-1b2c3d4e5f60`,
  ],
  [
    'Go awaiting headers',
    `RequestError: send request failed\ncaused by: Post "${URL}": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)`,
  ],
  // Java
  [
    'Java v1 read timed out',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Read timed out\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)`,
  ],
  [
    'Java v2 connect timed out',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connect timed out`,
  ],
  [
    'Java v2 attempt timeout',
    `software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException: HTTP request execution did not complete before the specified timeout configuration: 2000 millis`,
  ],
  [
    'Java v2 call timeout',
    `software.amazon.awssdk.core.exception.ApiCallTimeoutException: Client execution did not complete before the specified timeout configuration: 10000 millis`,
  ],
  [
    'Java v2 Netty connect timeout',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: connection timed out: ${HOST}/52.94.8.40:443\nCaused by: io.netty.channel.ConnectTimeoutException: connection timed out: ${HOST}/52.94.8.40:443`,
  ],
  [
    'Java v2 CRT socket timeout',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: socket operation timed out. (SDK Attempt Count: 4)`,
  ],
  // .NET
  [
    '.NET HttpClient timeout',
    `System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.\n ---> System.TimeoutException: The operation was canceled.\n   at Amazon.Runtime.HttpWebRequestMessage.GetResponseAsync(CancellationToken cancellationToken)`,
  ],
  [
    '.NET connection attempt failed',
    `System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (${HOST}:443)`,
  ],
  // Ruby
  [
    'Ruby open timeout',
    `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (execution expired)`,
  ],
  [
    'Ruby Net::OpenTimeout',
    `Net::OpenTimeout: Failed to open TCP connection to ${HOST}:443 (execution expired)\n/usr/local/lib/ruby/3.2.0/net/http.rb:1271:in \`initialize'`,
  ],
  [
    'Ruby Net::ReadTimeout',
    `Seahorse::Client::NetworkingError: Net::ReadTimeout with #<TCPSocket:(closed)>\n/usr/local/bundle/gems/aws-sdk-core-3.190.0/lib/seahorse/client/net_http/handler.rb:86:in \`rescue in call'`,
  ],
  [
    'Ruby ETIMEDOUT',
    `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (Connection timed out - connect(2) for "${HOST}" port 443)`,
  ],
  // PHP
  [
    'PHP cURL 28 operation timed out',
    `Aws\\Exception\\AwsException: Error executing "BatchMeterUsage" on "${URL}"; AWS HTTP error: cURL error 28: Operation timed out after 5001 milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  // Rust
  [
    'Rust connect timeout',
    `Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Timeout, source: HttpTimeoutError { kind: "HTTP connect", duration: 3.1s }, connection: Unknown } })`,
  ],
  [
    'Rust connect timeout display',
    'dispatch failure: timeout: client error (Connect): HTTP connect timeout occurred after 3.1s: timed out',
  ],
  [
    'Rust operation timeout',
    'Error: TimeoutError(TimeoutError { source: MaybeTimeoutError { kind: Operation, duration: 5s } })',
  ],
  // C++
  [
    'C++ SDK curl timeout',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 28 - Timeout was reached\nError message: curlCode: 28, Timeout was reached\nMarketplaceMeteringClient BatchMeterUsage failed`,
  ],
  [
    'Java ConnectException that timed out',
    `java.net.ConnectException: Connection timed out\n\tat java.base/sun.nio.ch.Net.connect0(Native Method)\n\tat software.amazon.awssdk.http.apache.internal.conn.SdkTlsSocketFactory.connectSocket(SdkTlsSocketFactory.java:65)`,
  ],
  [
    'Java v1 connect timed out with the OS text',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to ${HOST}:443 [${HOST}/52.94.8.40] failed: Connection timed out (Connection timed out)\nCaused by: java.net.ConnectException: Connection timed out (Connection timed out)`,
  ],
  [
    '.NET Framework timeout',
    `Amazon.Runtime.AmazonServiceException: A WebException with status Timeout was thrown. ---> System.Net.WebException: The operation has timed out`,
  ],
  [
    'Go response headers timeout',
    `RequestError: send request failed\ncaused by: Post "${URL}": net/http: timeout awaiting response headers`,
  ],
  // C++ SDK over libcurl: error 28 in CurlHttpClient's log line and in the client error message
  [
    'C++ SDK: curl error 28 in the trace log',
    '[DEBUG] 2026-11-23 09:12:41 CurlHttpClient [140233] Obtained connection handle 0x55d2c0.\n[ERROR] 2026-11-23 09:12:44 CurlHttpClient [140233] Curl returned error code 28\n[DEBUG] 2026-11-23 09:12:44 CurlHandleContainer [140233] Releasing curl handle 0x55d2c0',
  ],
  [
    'C++ SDK: curlCode 28 in the client error message',
    '[ERROR] 2026-11-23 09:12:44.120 AWSClient [140233] HTTP response code: -1\nException name: \nError message: curlCode: 28, Timeout was reached\n0 response headers:',
  ],
  [
    'Rust OS connect timeout',
    `Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", 52.94.8.40:443, Os { code: 110, kind: TimedOut, message: "Connection timed out" })), connection: Unknown } })\n    at aws_sdk_marketplacemetering::operation::batch_meter_usage`,
  ],
];

const RESET: Array<[string, string]> = [
  // OpenSSL's SSL_ERROR_SYSCALL in the handshake: the socket was closed or reset under it, no certificate involved
  [
    'PHP cURL 35 SSL_ERROR_SYSCALL',
    `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 35: OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${HOST}:443 (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  [
    'Node write EPIPE',
    `Error: write EPIPE\n    at afterWriteDispatched (node:internal/stream_base_commons:160:15) {\n  errno: -32,\n  code: 'EPIPE',\n  syscall: 'write',\n  '$metadata': { attempts: 3, totalRetryDelay: 380 }\n}`,
  ],
  [
    'Node TLS socket disconnected',
    `Error: Client network socket disconnected before secure TLS connection was established\n    at connResetException (node:internal/errors:720:14)\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1655:19) {\n  code: 'ECONNRESET',\n  path: undefined,\n  host: '${HOST}',\n  port: 443,\n  '$metadata': { attempts: 3, totalRetryDelay: 402 }\n}`,
  ],
  [
    'Node undici other side closed',
    `TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: SocketError: other side closed\n      at TLSSocket.onSocketEnd (node:internal/deps/undici/undici:6101:26) {\n    code: 'UND_ERR_SOCKET',\n    socket: { remoteAddress: '52.94.8.40', remotePort: 443 }\n  }\n}`,
  ],
  [
    'JS v2 NetworkingError socket hang up',
    `NetworkingError: socket hang up\n    at connResetException (internal/errors.js:639:14)\n    at TLSSocket.socketOnEnd (_http_client.js:499:23) {\n  code: 'NetworkingError',\n  region: 'us-east-1',\n  hostname: '${HOST}',\n  retryable: true\n}`,
  ],
  // Python
  [
    'urllib3 protocol error, remote disconnected',
    `urllib3.exceptions.ProtocolError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))\n\nDuring handling of the above exception, another exception occurred:\n\nbotocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "${URL}".`,
  ],
  [
    'requests connection aborted, reset',
    `requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))`,
  ],
  [
    'Python broken pipe',
    `botocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "${URL}".\nCaused by: BrokenPipeError: [Errno 32] Broken pipe`,
  ],
  [
    'Python on Windows 10054',
    `ConnectionResetError: [WinError 10054] An existing connection was forcibly closed by the remote host\n\nbotocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "${URL}".`,
  ],
  // Go
  ['Go unexpected EOF', `RequestError: send request failed\ncaused by: Post "${URL}": unexpected EOF`],
  [
    'Go server closed idle connection',
    `operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": http: server closed idle connection`,
  ],
  ['Go v1 bare EOF', `RequestError: send request failed\ncaused by: Post "${URL}": EOF`],
  // Java
  [
    'Java v1 NoHttpResponseException',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: ${HOST}:443 failed to respond\nCaused by: org.apache.http.NoHttpResponseException: ${HOST}:443 failed to respond`,
  ],
  [
    'Java v2 Netty closed during the request',
    'software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: The connection was closed during the request. The request will usually succeed on a retry, but if it does not: consider disabling any proxies you have configured, enabling debug logging, or performing a TCP dump to identify the root cause. If this is a streaming operation, validate that data is being read or written in a timely manner. Channel Information: ChannelDiagnostics(channel=[id: 0x9b1f2c3d, L:/10.0.3.17:51234 ! R:metering.marketplace.us-east-1.amazonaws.com/52.94.8.40:443], channelAge=PT0.42S, requestCount=1)',
  ],
  [
    'Java v2 CRT connection closed',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: The connection has closed or is closing. (SDK Attempt Count: 4)\nCaused by: software.amazon.awssdk.crt.http.HttpException: The connection has closed or is closing.`,
  ],
  [
    'Java broken pipe',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: Broken pipe (Write failed)\nCaused by: java.net.SocketException: Broken pipe (Write failed)`,
  ],
  // .NET
  [
    '.NET forcibly closed',
    `System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..\n ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
  ],
  [
    '.NET response ended prematurely',
    `System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: The response ended prematurely.\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
  ],
  // Ruby
  [
    'Ruby ECONNRESET',
    `Seahorse::Client::NetworkingError: Connection reset by peer\n/usr/local/bundle/gems/aws-sdk-core-3.190.0/lib/seahorse/client/net_http/handler.rb:86:in \`rescue in call'`,
  ],
  [
    'Ruby EOF',
    `Seahorse::Client::NetworkingError: end of file reached\n/usr/local/bundle/gems/aws-sdk-core-3.190.0/lib/seahorse/client/net_http/handler.rb:86:in \`rescue in call'`,
  ],
  // PHP
  [
    'PHP cURL 52 empty reply',
    `Aws\\Exception\\AwsException: Error executing "BatchMeterUsage" on "${URL}"; AWS HTTP error: cURL error 52: Empty reply from server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  [
    'PHP cURL 56 reset',
    `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 56: OpenSSL SSL_read: Connection reset by peer, errno 104 (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  // C++
  [
    'C++ SDK curl empty reply',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 52 - Server returned nothing (no headers, no data)\nError message: curlCode: 52, Server returned nothing (no headers, no data)`,
  ],
  [
    '.NET Framework send failure',
    `System.Net.WebException: The underlying connection was closed: An unexpected error occurred on a send. ---> System.IO.IOException: Unable to read data from the transport connection\n   at Amazon.Runtime.Internal.HttpRequest.GetResponse()`,
  ],
  // Node's TLS socket closed during the handshake (JS v2 NetworkingError, v3 raw error)
  [
    'JS v2: NetworkingError, socket closed before the TLS handshake finished',
    `NetworkingError: Client network socket disconnected before secure TLS connection was established\n    at connResetException (node:internal/errors:720:14)\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1655:19) {\n  code: 'NetworkingError',\n  region: 'us-east-1',\n  hostname: '${HOST}',\n  retryable: true,\n  time: 2026-11-23T09:12:44.120Z\n}`,
  ],
  [
    'C++ SDK curl receive failure',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 56 - Failure when receiving data from the peer\nError message: curlCode: 56, Failure when receiving data from the peer`,
  ],
];

const TLS: Array<[string, string]> = [
  [
    'Node unable to verify the first certificate',
    `Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'Node certificate expired',
    `Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'CERT_HAS_EXPIRED',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'Node altname mismatch',
    `Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: metering.internal.example. is not in the cert's altnames: DNS:*.amazonaws.com\n    at Object.checkServerIdentity (node:tls:316:12) {\n  code: 'ERR_TLS_CERT_ALTNAME_INVALID',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'Node self-signed leaf',
    `Error: self-signed certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34) {\n  code: 'DEPTH_ZERO_SELF_SIGNED_CERT',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'Python SSLError EOF in violation',
    `botocore.exceptions.SSLError: SSL validation failed for ${URL} EOF occurred in violation of protocol (_ssl.c:1129)`,
  ],
  [
    'requests SSLError',
    `requests.exceptions.SSLError: HTTPSConnectionPool(host='${HOST}', port=443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain (_ssl.c:1129)')))`,
  ],
  [
    'Go unknown authority',
    `RequestError: send request failed\ncaused by: Post "${URL}": x509: certificate signed by unknown authority`,
  ],
  [
    'Go v2 tls failed to verify',
    `operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
  ],
  [
    'Go expired',
    `RequestError: send request failed\ncaused by: Post "${URL}": x509: certificate has expired or is not yet valid: current time 2026-11-23T09:12:44Z is after 2026-10-01T00:00:00Z`,
  ],
  [
    'Go name mismatch',
    `RequestError: send request failed\ncaused by: Post "https://metering.internal.example/": x509: certificate is valid for *.amazonaws.com, not metering.internal.example`,
  ],
  [
    'Java v1 SSLHandshakeException',
    `com.amazonaws.SdkClientException: Unable to execute HTTP request: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target\nCaused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed`,
  ],
  [
    'Java v2 CRT TLS',
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: TLS (SSL) negotiation failed (SDK Attempt Count: 1)`,
  ],
  [
    '.NET SSL could not be established',
    `System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot\n   at Amazon.Runtime.Internal.HttpHandler\`1.InvokeAsync[T](IExecutionContext executionContext)`,
  ],
  [
    'Ruby certificate verify failed',
    `Seahorse::Client::NetworkingError: SSL_connect returned=1 errno=0 peeraddr=52.94.8.40:443 state=error: certificate verify failed (unable to get local issuer certificate)`,
  ],
  [
    'PHP cURL 60',
    `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 60: SSL certificate problem: unable to get local issuer certificate (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  [
    'Rust rustls unknown issuer',
    'Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, Custom { kind: InvalidData, error: InvalidCertificate(UnknownIssuer) }), connection: Unknown } })',
  ],
  [
    'C++ SDK curl peer certificate',
    `[ERROR] 2026-11-23 09:12:44.120 CurlHttpClient [140233] Curl returned error code 60 - SSL peer certificate or SSH remote key was not OK\nError message: curlCode: 60, SSL peer certificate or SSH remote key was not OK`,
  ],
  [
    'Node EPROTO, TLS to a plain-HTTP port',
    `Error: write EPROTO 140212345:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:332:\n    at WriteWrap.onWriteComplete [as oncomplete] (node:internal/stream_base_commons:94:16) {\n  errno: -71,\n  code: 'EPROTO',\n  syscall: 'write',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'Go handshake failure',
    `RequestError: send request failed\ncaused by: Post "${URL}": remote error: tls: handshake failure`,
  ],
  [
    'Ruby wrong version number',
    'Seahorse::Client::NetworkingError: SSL_connect returned=1 errno=0 peeraddr=52.94.8.40:443 state=error: wrong version number',
  ],
  [
    '.NET Framework trust failure',
    'Amazon.Runtime.AmazonServiceException: A WebException with status TrustFailure was thrown. ---> System.Net.WebException: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.',
  ],
];

const PROXY: Array<[string, string]> = [
  [
    'Go proxyconnect refused',
    `RequestError: send request failed\ncaused by: Post "${URL}": proxyconnect tcp: dial tcp 10.20.0.15:3128: connect: connection refused`,
  ],
  [
    'Node tunnel 407',
    `Error: tunneling socket could not be established, statusCode=407\n    at ClientRequest.onConnect (/app/node_modules/tunnel/lib/tunnel.js:170:19) {\n  code: 'ECONNRESET',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
  ],
  [
    'urllib3 ProxyError',
    `urllib3.exceptions.ProxyError: ('Unable to connect to proxy', NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f1c9e2b0d30>: Failed to establish a new connection: [Errno 111] Connection refused'))\nbotocore.exceptions.ProxyConnectionError: Failed to connect to proxy URL: "http://10.20.0.15:3128"`,
  ],
  [
    'PHP cURL 5',
    `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error 5: Could not resolve proxy: proxy.corp.example (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`,
  ],
  ['Go proxy 407', `RequestError: send request failed\ncaused by: Post "${URL}": Proxy Authentication Required`],
];

describe('network failures on the way to AWS are named for what they are, in every stack', () => {
  it.each([
    [
      '.NET (Amazon.Runtime)',
      'Amazon.Runtime.AmazonServiceException: A WebException with status Timeout was thrown. ---> System.Net.WebException: The operation has timed out',
    ],
    [
      'Ruby (Seahorse)',
      'Seahorse::Client::NetworkingError: SSL_connect returned=1 errno=0 peeraddr=52.94.8.40:443 state=error: wrong version number',
    ],
  ])("an SDK's own namespace is AWS context, so the answer is sure: %s", (_sdk, paste) => {
    expect(topOf(paste)?.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it.each(UNREACHABLE)('unreachable (refused, no route, no DNS): %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });
  it.each(TIMEOUT)('timed out (connect or read): %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-timeout');
  });
  it.each(RESET)('dropped after it opened (reset, closed early, broken pipe, EOF): %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });
  it.each(TLS)('TLS or certificate failure: %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-tls');
  });
  it.each(PROXY)('the proxy on the way: %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-proxy');
  });
});

describe('the same wordings do not make other things AWS network failures', () => {
  it.each([
    [
      'a local PostgreSQL refusal (node-postgres)',
      "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 5432\n}",
    ],
    [
      'a Redis timeout (redis-py)',
      'redis.exceptions.ConnectionError: Error 110 connecting to cache.internal:6379. Connection timed out.',
    ],
    ['an ssh client with no route', 'ssh: connect to host 10.0.1.5 port 22: No route to host'],
    [
      'a container registry behind a re-signing proxy',
      'Get "https://registry-1.docker.io/v2/": x509: certificate signed by unknown authority',
    ],
    [
      'a Ruby read timeout calling another API',
      'Net::ReadTimeout with #<TCPSocket:(closed)> while calling the Stripe API',
    ],
  ])('%s is at most a possible match, never a high-confidence AWS network diagnosis', (_what, paste) => {
    const diagnosis = diagnose(paste, catalog, { now: NOW });
    for (const finding of diagnosis.findings) expect(finding.confidence).toBeLessThanOrEqual(0.6);
  });

  it.each([
    'the VPN keeps giving me connection timed out when I ssh into the bastion, anyone else?',
    'I think the cert on the staging box has expired, certificate verify failed in the browser too',
  ])('chat that uses the words stays silent: %s', (sentence) => {
    const diagnosis = diagnose(sentence, catalog, { now: NOW });
    expect(diagnosis.isError).toBe(false);
    for (const finding of diagnosis.findings) expect(finding.evidence).toBeLessThan(0.6);
  });

  it("Windows' connect-timeout text, which ends in 'has failed to respond', is a timeout, not an early close", () => {
    const paste = `System.Net.Http.HttpRequestException: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (${HOST}:443)`;
    expect(topOf(paste)?.entry.id).toBe('network-timeout');
  });

  it("a proxy's refusal is the proxy's, not the endpoint's", () => {
    const paste = `operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "${URL}": proxyconnect tcp: dial tcp 10.20.0.15:3128: i/o timeout`;
    expect(topOf(paste)?.entry.id).toBe('network-proxy');
  });
});

describe("a JS SDK v3 TimeoutError from the credential chain is a credentials problem, not the call's network", () => {
  it('a bare TimeoutError thrown in the instance metadata client (@smithy/credential-provider-imds)', () => {
    const paste =
      "TimeoutError\n    at Timeout._onTimeout (/app/node_modules/@smithy/credential-provider-imds/dist-cjs/index.js:40:21) {\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}";
    expect(topOf(paste)?.entry.id).toBe('credentials-imds-unavailable');
  });

  it("a TimeoutError whose message is the chain's 'Could not load credentials from any providers'", () => {
    const paste =
      'TimeoutError: Could not load credentials from any providers\n    at /app/node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js:10:23';
    expect(topOf(paste)?.entry.id).toBe('credentials-not-found');
  });

  it('a TimeoutError with only the HTTP handler around it stays a network timeout', () => {
    const paste =
      "TimeoutError: @smithy/node-http-handler - the request socket timed out after 30000 ms of inactivity (configured by client requestHandler).\n    at ClientRequest.<anonymous> (/app/node_modules/@smithy/node-http-handler/dist-cjs/index.js:144:31) {\n  '$metadata': { attempts: 3, totalRetryDelay: 612 }\n}";
    expect(topOf(paste)?.entry.id).toBe('network-timeout');
  });
});

describe('an endpoint built with an empty Region is a missing Region, whatever the lookup then says', () => {
  it.each([
    [
      'Go v2 (dial tcp lookup)',
      'operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace..amazonaws.com/": dial tcp: lookup metering.marketplace..amazonaws.com: no such host',
    ],
    [
      'Node (getaddrinfo)',
      "Error: getaddrinfo ENOTFOUND metering.marketplace..amazonaws.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {\n  errno: -3008,\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo',\n  hostname: 'metering.marketplace..amazonaws.com'\n}",
    ],
    [
      'Go v1 (send request failed)',
      'RequestError: send request failed\ncaused by: Post "https://metering.marketplace..amazonaws.com/": dial tcp: lookup metering.marketplace..amazonaws.com on 10.0.0.2:53: no such host',
    ],
  ])('%s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('region-missing');
  });

  it('a host with its Region still names the DNS failure', () => {
    expect(topOf(`dial tcp: lookup ${HOST}: no such host`)?.entry.id).toBe('network-endpoint-unreachable');
  });
});

/** The PHP SDK through Guzzle 6/7: `cURL error N: <text> (see …)`, the text being curl's error buffer or its strerror. */
const guzzle = (code: number, text: string) =>
  `Aws\\MarketplaceMetering\\Exception\\MarketplaceMeteringException: Error executing "BatchMeterUsage" on "${URL}"; AWS HTTP error: cURL error ${code}: ${text} (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for ${URL}`;
/** Guzzle 6.0–6.2 (GuzzleHttp\Handler\CurlFactory) printed curl's error buffer as it was, empty or not, with the link over http. */
const guzzleEmpty = (code: number) =>
  `PHP Fatal error:  Uncaught Aws\\MarketplaceMetering\\Exception\\MarketplaceMeteringException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: cURL error ${code}:  (see http://curl.haxx.se/libcurl/c/libcurl-errors.html) in /var/www/vendor/aws/aws-sdk-php/src/WrappedHttpHandler.php:192`;
/** Guzzle 3 under the PHP SDK v2 (Guzzle\Http\Curl\CurlMulti): `[curl] N: <error buffer> [url] <url>`. */
const guzzle3 = (code: number, text: string) =>
  `PHP Fatal error:  Uncaught exception 'Guzzle\\Http\\Exception\\CurlException' with message '[curl] ${code}: ${text} [url] ${URL}' in /var/www/vendor/guzzle/guzzle/src/Guzzle/Http/Curl/CurlMulti.php:359`;

describe("libcurl's error numbers (docs/libcurl/libcurl-errors.md) say what failed, even with no text after them", () => {
  it.each([
    // TLS: the peer's certificate, the CA file, and the client's own TLS setup
    ['35 CURLE_SSL_CONNECT_ERROR', 35, 'network-tls'],
    ['51 the peer verification number before curl 7.62', 51, 'network-tls'],
    ['58 CURLE_SSL_CERTPROBLEM (the local client certificate)', 58, 'network-tls'],
    ['60 CURLE_PEER_FAILED_VERIFICATION', 60, 'network-tls'],
    ['77 CURLE_SSL_CACERT_BADFILE (the CA file it was told to use)', 77, 'network-tls'],
    ['83 CURLE_SSL_ISSUER_ERROR', 83, 'network-tls'],
    ['90 CURLE_SSL_PINNEDPUBKEYNOTMATCH', 90, 'network-tls'],
    ['91 CURLE_SSL_INVALIDCERTSTATUS', 91, 'network-tls'],
    // the name, the connect, the clock, the proxy
    ['6 CURLE_COULDNT_RESOLVE_HOST', 6, 'network-endpoint-unreachable'],
    ['7 CURLE_COULDNT_CONNECT', 7, 'network-endpoint-unreachable'],
    ['28 CURLE_OPERATION_TIMEDOUT', 28, 'network-timeout'],
    ['5 CURLE_COULDNT_RESOLVE_PROXY', 5, 'network-proxy'],
    ['97 CURLE_PROXY', 97, 'network-proxy'],
    // an open connection that broke
    ['16 CURLE_HTTP2 (the HTTP/2 connection)', 16, 'network-connection-reset'],
    ['18 CURLE_PARTIAL_FILE', 18, 'network-connection-reset'],
    ['52 CURLE_GOT_NOTHING', 52, 'network-connection-reset'],
    ['55 CURLE_SEND_ERROR', 55, 'network-connection-reset'],
    ['56 CURLE_RECV_ERROR', 56, 'network-connection-reset'],
    ['92 CURLE_HTTP2_STREAM', 92, 'network-connection-reset'],
  ] as const)('Guzzle 6.0 with an empty error buffer: %s', (_name, code, entry) => {
    expect(topOf(guzzleEmpty(code))?.entry.id).toBe(entry);
  });

  it.each([
    // curl_easy_strerror (lib/strerror.c), which Guzzle 6.3+ prints when the error buffer is empty
    ['Guzzle 6.3+, curl 58', guzzle(58, 'Problem with the local SSL certificate'), 'network-tls'],
    ['Guzzle 6.3+, curl 59', guzzle(59, "Couldn't use specified SSL cipher"), 'network-tls'],
    ['Guzzle 6.3+, curl 82', guzzle(82, 'Failed to load CRL file (path? access rights?, format?)'), 'network-tls'],
    ['Guzzle 6.3+, curl 90', guzzle(90, 'SSL public key does not match pinned public key'), 'network-tls'],
    ['Guzzle 6.3+, curl 91', guzzle(91, 'SSL server certificate status verification FAILED'), 'network-tls'],
    ['Guzzle 6.3+, curl 16', guzzle(16, 'Error in the HTTP2 framing layer'), 'network-connection-reset'],
    // curl's error buffer for a client certificate it cannot load (lib/vtls/openssl.c)
    [
      'Guzzle 6.3+, curl 58',
      guzzle(58, 'could not load PEM client certificate from /etc/meter/client.pem'),
      'network-tls',
    ],
    // Guzzle 3
    [
      'Guzzle 3, curl 77',
      guzzle3(
        77,
        'error setting certificate verify locations:\n  CAfile: /etc/pki/tls/certs/ca-bundle.crt\n  CApath: none',
      ),
      'network-tls',
    ],
    ['Guzzle 3, curl 56', guzzle3(56, 'Recv failure: Connection reset by peer'), 'network-connection-reset'],
    ['Guzzle 3, curl 6', guzzle3(6, `Could not resolve host: ${HOST}`), 'network-endpoint-unreachable'],
    // the curl tool in a metering script
    [
      'the curl tool, 77',
      `+ curl -sS --cacert /etc/meter/ca.pem https://${HOST}/\ncurl: (77) error setting certificate file: /etc/meter/ca.pem`,
      'network-tls',
    ],
  ])('strerror and error-buffer texts: %s', (_source, paste, entry) => {
    expect(topOf(paste)?.entry.id).toBe(entry);
  });

  // aws-sdk-cpp CurlHttpClient::MakeRequest logs "Curl returned error code N - <curl_easy_strerror>" (the
  // number alone before 1.8) and keeps "curlCode: N, <strerror>" as the client error message
  const cppLog = (code: number, tail = '') =>
    `[ERROR] 2026-11-23 09:12:44 CurlHttpClient [140233] Curl returned error code ${code}${tail}`;
  it.each([
    ['C++ SDK before 1.8, curl 77 alone', cppLog(77), 'network-tls'],
    [
      'C++ SDK before 1.8, curl 35 alone, no level or time',
      'CurlHttpClient [0x70000f2d4000] Curl returned error code 35',
      'network-tls',
    ],
    ['C++ SDK before 1.8, curl 60 alone', cppLog(60), 'network-tls'],
    ['C++ SDK before 1.8, curl 7 alone', cppLog(7), 'network-endpoint-unreachable'],
    ['C++ SDK before 1.8, curl 56 alone', cppLog(56), 'network-connection-reset'],
    ['C++ SDK 1.8+, curl 58 with strerror', cppLog(58, ' - Problem with the local SSL certificate'), 'network-tls'],
    [
      'C++ SDK client error message, curl 77',
      `[ERROR] 2026-11-23 09:12:44 AWSClient [140233] HTTP response code: -1\nException name: \nError message: curlCode: 77, Problem with the SSL CA cert (path? access rights?)`,
      'network-tls',
    ],
  ] as const)('%s', (_source, paste, entry) => {
    expect(topOf(paste)?.entry.id).toBe(entry);
  });

  it('a libcurl number that says nothing about the connection is a named error, not a network answer', () => {
    const diagnosis = diagnose(guzzle(47, 'Maximum (5) redirects followed'), catalog, { now: NOW });
    expect(diagnosis.isError).toBe(true);
    expect(diagnosis.findings.filter((f) => f.entry.area === 'network')).toEqual([]);
  });
});

describe('EPIPE, a write to a connection the other side closed, in every runtime', () => {
  const S3 = 'meter-archive.s3.eu-central-1.amazonaws.com';
  it.each([
    // Ruby: Errno::EPIPE's message is strerror(EPIPE); the S3 uploaders join their parts' messages
    // ("multipart upload failed: <messages joined by '; '>", aws-sdk-s3 multipart_file_uploader.rb)
    [
      'Ruby Errno::EPIPE, uncaught, under Seahorse',
      "/usr/local/lib/ruby/3.2.0/openssl/buffering.rb:415:in `syswrite_nonblock': Broken pipe (Errno::EPIPE)\n\tfrom /usr/local/bundle/gems/aws-sdk-core-3.191.0/lib/seahorse/client/net_http/handler.rb:73:in `transmit'",
    ],
    [
      'Ruby S3 upload_file in a Rails log',
      'Aws::S3::MultipartUploadError (multipart upload failed: Broken pipe; Broken pipe):\n  app/jobs/export_usage_job.rb:21:in `perform',
    ],
    // Dart: SocketException's toString with its OSError ("OS Error: <strerror>, errno = N")
    [
      'Dart SocketException with a message',
      `Unhandled exception:\nSocketException: Write failed (OS Error: Broken pipe, errno = 32), address = ${S3}, port = 48812`,
    ],
    // Java: JDK 8 to 12 add "(Write failed)" to the socket's strerror
    [
      'Java v1 over Apache HttpClient (JDK 8)',
      `com.amazonaws.SdkClientException: Unable to execute HTTP request: Broken pipe (Write failed)\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)\nCaused by: java.net.SocketException: Broken pipe (Write failed)`,
    ],
    // Rust: std::io::Error's Display ("<strerror> (os error N)") under the SDK's dispatch failure
    [
      'Rust SDK dispatch failure',
      'Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper::Error(BodyWrite, Os { code: 32, kind: BrokenPipe, message: "Broken pipe" }) } })\nwhile calling MeterUsage on metering.marketplace.us-east-1.amazonaws.com',
    ],
    // PHP's stream wrapper (the SDK's StreamHandler): fwrite's notice
    [
      'PHP stream write',
      `fwrite(): Send of 8192 bytes failed with errno=32 Broken pipe in /var/www/vendor/guzzlehttp/guzzle/src/Handler/StreamHandler.php on line 318 while uploading to https://${S3}/usage.csv`,
    ],
    // Node: a write after the other side ended the socket (net.js writeAfterFIN, code EPIPE)
    [
      'Node write after the peer ended the socket',
      `Error: This socket has been ended by the other party\n    at TLSSocket.writeAfterFIN [as write] (node:net:571:14) {\n  code: 'EPIPE',\n  '$metadata': { attempts: 1, totalRetryDelay: 0 }\n}`,
    ],
    [
      'Go',
      `RequestError: send request failed\ncaused by: Put "https://${S3}/usage.csv": write tcp 10.0.3.17:51234->52.219.170.9:443: write: broken pipe`,
    ],
    [
      'Python',
      `botocore.exceptions.ConnectionClosedError: ... \nurllib3.exceptions.ProtocolError: ('Connection aborted.', BrokenPipeError(32, 'Broken pipe'))`,
    ],
  ])('%s', (_runtime, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });

  it('a broken pipe said in chat stays silent', () => {
    const diagnosis = diagnose('the exporter keeps dying with broken pipe since the upgrade, anyone else?', catalog, {
      now: NOW,
    });
    expect(diagnosis.isError).toBe(false);
    for (const finding of diagnosis.findings) expect(finding.evidence).toBeLessThan(0.6);
  });

  it('Dart: a connection closed before the response (dart:io HttpException)', () => {
    const paste = `HttpException: Connection closed before full header was received, uri = https://${S3}/usage.csv`;
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });
});

describe("a failed name lookup in every runtime's words: getaddrinfo's codes and the C libraries' texts", () => {
  const DDB = 'dynamodb.eu-central-1.amazonaws.com';
  it.each([
    // Node (lib/internal/errors.js dnsException): `getaddrinfo <code> <host>`, the code being libuv's name
    ...['EAI_FAIL', 'EAI_MEMORY', 'EBUSY', 'EMFILE', 'ENOMEM', 'ESERVFAIL'].map(
      (code) =>
        [
          `Node getaddrinfo ${code}, JS v3 dump`,
          `Error: getaddrinfo ${code} ${HOST}\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {\n  errno: -16,\n  code: '${code}',\n  syscall: 'getaddrinfo',\n  hostname: '${HOST}',\n  '$metadata': { attempts: 3, totalRetryDelay: 244 }\n}`,
        ] as [string, string],
    ),
    [
      'JS v2 NetworkingError (code replaced, the lookup kept in the message), Winston log line',
      `warn: getaddrinfo EMFILE ${DDB} {"errno":-24,"code":"NetworkingError","syscall":"getaddrinfo","hostname":"${DDB}","region":"eu-central-1","retryable":true}`,
    ],
    // Ruby: SocketError / Socket::ResolutionError ("getaddrinfo: <gai_strerror>") under Seahorse
    [
      'Ruby under Seahorse',
      `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (getaddrinfo: Temporary failure in name resolution)`,
    ],
    [
      'Ruby on Alpine (musl)',
      `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (getaddrinfo: Name does not resolve)`,
    ],
    // Python's socket.gaierror with musl's and glibc's gai_strerror
    [
      'Python on Alpine (musl EAI_AGAIN)',
      `botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "${URL}"\nsocket.gaierror: [Errno -3] Try again`,
    ],
    [
      'Python under urllib3, glibc EAI_FAIL',
      `urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPSConnection object at 0x7f3a2c1d5e50>: Failed to establish a new connection: [Errno -4] Non-recoverable failure in name resolution`,
    ],
    // PHP's stream wrapper (php_network_getaddresses; "getaddrinfo for <host> failed" since PHP 8.1)
    [
      'PHP stream handler',
      `Aws\\Exception\\AwsException: Error executing "MeterUsage" on "${URL}"; AWS HTTP error: Error creating resource: [message] fopen(): php_network_getaddresses: getaddrinfo for ${HOST} failed: Name does not resolve`,
    ],
    // Dart's SocketException for a failed lookup, with its OSError
    [
      'Dart',
      `SocketException: Failed host lookup: '${HOST}' (OS Error: No address associated with hostname, errno = 7)`,
    ],
    ['Dart refused', `SocketException: OS Error: Connection refused, errno = 111, address = ${HOST}, port = 38214`],
  ])('%s', (_runtime, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });
});

describe('EHOSTDOWN and ENETDOWN (no answer at the address, no network) are unreachable, whichever wrapper prints them', () => {
  const S3 = 'usage-exports.s3.us-west-2.amazonaws.com';
  it.each([
    // urllib3's ProtocolError tuple under requests / botocore / the AWS CLI v1: the wrapper's words
    // ("Connection aborted.") first, the OSError with macOS's errno and strerror second
    [
      'AWS CLI v1 on macOS (EHOSTDOWN = 64)',
      `upload failed: ./usage.csv to s3://usage-exports/usage.csv ('Connection aborted.', OSError(64, 'Host is down'))`,
    ],
    [
      'requests on Linux (EHOSTDOWN = 112)',
      `requests.exceptions.ConnectionError: ('Connection aborted.', OSError(112, 'Host is down'))\nwhile PUT https://${S3}/usage.csv`,
    ],
    [
      'botocore on macOS (ENETDOWN = 50)',
      `urllib3.exceptions.ProtocolError: ('Connection aborted.', OSError(50, 'Network is down'))\nbotocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://${S3}/usage.csv"`,
    ],
    // ECONNREFUSED in the same tuple: Python 2's socket.error repr is `error(111, …)`, Python 3's
    // `ConnectionRefusedError(61, …)` on macOS
    [
      'AWS CLI v1 on Python 2 (ECONNREFUSED = 111), vendored requests',
      `botocore.vendored.requests.exceptions.ConnectionError: ('Connection aborted.', error(111, 'Connection refused'))`,
    ],
    [
      'requests on macOS (ECONNREFUSED = 61)',
      `requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionRefusedError(61, 'Connection refused'))\nwhile PUT https://${S3}/usage.csv`,
    ],
    [
      'EHOSTUNREACH in the same tuple',
      `upload failed: ./usage.csv to s3://usage-exports/usage.csv ('Connection aborted.', OSError(113, 'No route to host'))`,
    ],
    // Python's socket error printed on its own (errno N in brackets)
    ['Python OSError on its own', `OSError: [Errno 64] Host is down\n  while connecting to ${HOST}:443`],
    // Ruby: Errno::EHOSTDOWN ("Host is down - connect(2) for <host> port 443") under Seahorse
    [
      'Ruby Errno::EHOSTDOWN',
      `Seahorse::Client::NetworkingError: Failed to open TCP connection to ${HOST}:443 (Host is down - connect(2) for "${HOST}" port 443)`,
    ],
    // Rust: std::io::Error's Display under the SDK's dispatch failure
    [
      'Rust io::Error',
      `Error: dispatch failure: io error: error trying to connect: tcp connect error: Host is down (os error 64)\nwhile calling MeterUsage on ${HOST}`,
    ],
    // Go: the syscall's strerror in lower case after "connect:"
    [
      'Go v1',
      `RequestError: send request failed\ncaused by: Post "${URL}": dial tcp 52.94.8.40:443: connect: host is down`,
    ],
  ])('%s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });

  it("the tuple's reset stays a reset: ConnectionResetError is what happened", () => {
    const paste = `upload failed: ./usage.csv to s3://usage-exports/usage.csv ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))`;
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });
});

describe("nginx's resolver in front of an AWS host (ngx_http_upstream.c, ngx_resolver_strerror)", () => {
  const S3 = 'uploads-prod.s3.amazonaws.com';
  it.each([
    // "%V could not be resolved (%i: %s)": the name, the resolver state and its text
    [
      'NXDOMAIN, full error.log line',
      `2026/11/23 10:15:02 [error] 31#31: *118 ${S3} could not be resolved (3: Host not found), client: 10.0.4.12, server: _, request: "PUT /upload/usage.csv HTTP/1.1", host: "uploads.example.org"`,
    ],
    [
      'SERVFAIL',
      `2026/11/23 10:15:02 [error] 31#31: *119 ${S3} could not be resolved (2: Server failure), client: 10.0.4.12, server: _, request: "GET /usage.csv HTTP/1.1"`,
    ],
    [
      'resolver timeout (NGX_ETIMEDOUT = 110), head cut off',
      `${S3} could not be resolved (110: Operation timed out), client: 10.0.4.12, server: _, request: "PUT /upload/usage.csv HTTP/1.1"`,
    ],
    [
      'no resolver directive',
      `2026/11/23 10:15:02 [error] 31#31: *120 no resolver defined to resolve ${S3}, client: 10.0.4.12, server: _, request: "GET /usage.csv HTTP/1.1"`,
    ],
  ])('%s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });
});

describe("the Rust SDK's timeouts and HTTP/2 resets as its logs print them", () => {
  it.each([
    // SdkError::TimeoutError's Display is only "request has timed out"; programs log it at the end of
    // their own chain (anyhow "{:#}", a retry loop's message) inside tracing-subscriber's JSON layout
    [
      'JSON log of a retry loop',
      '{"timestamp":"2026-11-23T10:15:02.417Z","level":"WARN","fields":{"message":"meter usage failed, retrying in 8s: request has timed out"},"target":"meter_agent::report"}',
    ],
    ['anyhow main', 'Error: sending usage to AWS Marketplace Metering: request has timed out'],
  ])('timeout: %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-timeout');
  });

  it.each([
    // aws-smithy-client hyper_ext warns "unrecognized error from Hyper" with the h2 error's Display:
    // "stream error received: <reason>" for a remote RST_STREAM (h2 src/error.rs, Reason::description)
    [
      'remote RST_STREAM (REFUSED_STREAM)',
      `2026-11-23T10:15:02.417Z WARN aws_smithy_client::hyper_ext: unrecognized error from Hyper. If this error should be retried, please file an issue. err=http2 error: stream error received: refused stream before processing any application logic`,
    ],
    [
      'remote RST_STREAM (INTERNAL_ERROR)',
      'Error: dispatch failure: other: http2 error: stream error received: unexpected internal error encountered\nwhile calling PutObject on usage-exports.s3.us-west-2.amazonaws.com',
    ],
    // "connection error received: <reason>": the server sent GOAWAY
    [
      'remote GOAWAY',
      'Error: dispatch failure: io error: http2 error: connection error received: not a result of an error\nwhile calling MeterUsage on metering.marketplace.us-east-1.amazonaws.com',
    ],
  ])('the other side reset the stream or the connection: %s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });

  it('the Rust SDK crates (aws_smithy_*) mark the paste as AWS', () => {
    const paste =
      'WARN aws_smithy_runtime::client::orchestrator: dispatch failure: timeout: HTTP read timeout occurred after 3s';
    const finding = topOf(paste);
    expect(finding?.entry.id).toBe('network-timeout');
    expect(finding?.awsContext).toBeUndefined();
  });
});

describe("S3's RequestTimeout message without its code (S3 error responses; JS SDK v2's err.message in upload tasks)", () => {
  it.each([
    [
      'grunt/gulp task printing err.message',
      `Fatal error: Failed to upload dist/app.js with bucket assets-prod\n Error: Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.`,
    ],
    [
      'JS v2 error dump',
      `RequestTimeout: Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.\n    at Request.extractError (/app/node_modules/aws-sdk/lib/services/s3.js:712:35) {\n  code: 'RequestTimeout',\n  statusCode: 400,\n  retryable: true\n}`,
    ],
  ])('%s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-timeout');
  });
});

describe("a TLS handshake with a proxy that speaks plain HTTP is the proxy's setting, not a certificate", () => {
  it.each([
    // urllib3 1.26 (connectionpool.py): an https:// proxy answering "wrong version number"
    [
      'urllib3 1.26 under botocore',
      `botocore.exceptions.ProxyConnectionError: Failed to connect to proxy URL: "https://proxy.corp.example:3128"\nurllib3.exceptions.ProxyError: ('Your proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP. See: https://urllib3.readthedocs.io/en/1.26.x/advanced-usage.html#https-proxy-error-http-proxy', SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1131)')))`,
    ],
    // AWS IoT Secure Tunneling local proxy (WebProxyAdapter): the handshake log line and the error
    // category's message under "Could not connect to proxy server"
    [
      'IoT Secure Tunneling local proxy',
      `[2026-11-23T10:15:02.161458]{812}[error]   Could not perform SSL handshake with Web Proxy: wrong version number\n[2026-11-23T10:15:02.161517]{812}[error]   Could not connect to proxy server: Failed to perform the SSL handshake with the Web proxy`,
    ],
  ])('%s', (_source, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-proxy');
  });

  it('the same OpenSSL text with no proxy in sight stays the TLS entry', () => {
    const paste = `Seahorse::Client::NetworkingError: SSL_connect returned=1 errno=0 peeraddr=52.94.8.40:443 state=error: wrong version number`;
    expect(topOf(paste)?.entry.id).toBe('network-tls');
  });
});

describe("a host is AWS's only under an AWS domain: 'aws' in a label of another domain's host is that owner's word", () => {
  it.each([
    // .NET HttpClient on Windows (WSAHOST_NOT_FOUND) in an app's own log line
    [
      '.NET, a CDN host with "aws" in its first label',
      '2026-11-23T10:15:02Z [Updater::Check<https://setup-aws.cdn.example.net>] System.Net.Http.HttpRequestException: No such host is known. (setup-aws.cdn.example.net:443)',
    ],
    // Go net: a lookup that found no such host
    [
      'Go, a corporate proxy named aws-proxy',
      'dial tcp: lookup aws-proxy.corp.example.com on 10.0.0.2:53: no such host',
    ],
    // Node dnsException
    [
      'Node, a mirror named my-aws-mirror',
      "Error: getaddrinfo ENOTFOUND my-aws-mirror.example.org\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {\n  code: 'ENOTFOUND',\n  hostname: 'my-aws-mirror.example.org'\n}",
    ],
  ])('%s: a possible match with no AWS context', (_source, paste) => {
    const finding = topOf(paste);
    expect(finding?.entry.id).toBe('network-endpoint-unreachable');
    expect(finding?.awsContext).toBe(false);
    expect(finding?.confidence).toBeLessThan(0.85);
  });

  it.each([
    ['an AWS endpoint', `Error: getaddrinfo ENOTFOUND ${HOST}`],
    [
      'the AWS CLI named by its command',
      'aws s3 cp ./usage.csv s3://usage-exports/: Could not connect to the endpoint URL: "https://usage-exports.s3.amazonaws.com/usage.csv"',
    ],
    [
      'a dual-stack endpoint under api.aws',
      'dial tcp: lookup s3.dualstack.us-east-1.api.aws on 10.0.0.2:53: no such host',
    ],
    [
      '"aws" on its own beside another host',
      'aws lambda invoke failed: dial tcp: lookup proxy.corp.example.com on 10.0.0.2:53: no such host',
    ],
  ])('%s keeps its AWS context', (_what, paste) => {
    expect(topOf(paste)?.awsContext).toBeUndefined();
  });
});

describe("nginx's upstream errors toward an AWS host say what failed in their errno text (ngx_http_upstream.c)", () => {
  const line = (what: string) =>
    `2026/11/23 10:15:02 [error] 31#31: *118 ${what}, client: 10.0.4.12, server: _, request: "GET /usage.csv HTTP/1.1", upstream: "https://52.219.170.9:443/usage.csv", host: "uploads-prod.s3.amazonaws.com"`;
  it.each([
    [
      'refused (Linux 111)',
      line('connect() failed (111: Connection refused) while connecting to upstream'),
      'network-endpoint-unreachable',
    ],
    [
      'refused (macOS 61)',
      line('connect() failed (61: Connection refused) while connecting to upstream'),
      'network-endpoint-unreachable',
    ],
    [
      'timed out reading (110)',
      line('upstream timed out (110: Connection timed out) while reading response header from upstream'),
      'network-timeout',
    ],
    [
      'timed out connecting (macOS 60)',
      line('upstream timed out (60: Operation timed out) while connecting to upstream'),
      'network-timeout',
    ],
    [
      'reset (104)',
      line('recv() failed (104: Connection reset by peer) while reading response header from upstream'),
      'network-connection-reset',
    ],
  ])('%s', (_what, paste, entry) => {
    const finding = topOf(paste);
    expect(finding?.entry.id).toBe(entry);
    // the host is a bucket's virtual-hosted S3 endpoint: the service is S3, not the bucket name
    expect(finding?.facts.service).toBe('s3');
  });
});

it("the request library's read timeout code (ESOCKETTIMEDOUT) is a timeout", () => {
  const paste =
    "Error: ESOCKETTIMEDOUT\n    at ClientRequest.<anonymous> (/app/node_modules/request/request.js:816:19)\n    at Object.onceWrapper (node:events:628:26) {\n  code: 'ESOCKETTIMEDOUT',\n  connect: false\n}\nwhile uploading to https://assets-prod.s3.eu-west-1.amazonaws.com/app.js";
  expect(topOf(paste)?.entry.id).toBe('network-timeout');
});

describe('a host whose Region a template filled with a missing value is a missing Region', () => {
  it.each([
    // Node dnsException for a host built as `sqs.${region}.amazonaws.com` with region undefined
    [
      'Node, JavaScript undefined',
      "Error: getaddrinfo ENOTFOUND sqs.undefined.amazonaws.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {\n  code: 'ENOTFOUND',\n  hostname: 'sqs.undefined.amazonaws.com'\n}",
    ],
    // JS SDK v2 UnknownEndpoint (event_listeners.js ENOTFOUND_ERROR) for a Region left undefined
    [
      'JS v2 UnknownEndpoint',
      "UnknownEndpoint: Inaccessible host: `metering.marketplace.undefined.amazonaws.com' at port `undefined'. This service may not be available in the `undefined' region.",
    ],
    // botocore given an endpoint_url built with f"https://sts.{region}.amazonaws.com" and region None
    [
      'Python None',
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sts.None.amazonaws.com/"',
    ],
    [
      'Java null',
      'software.amazon.awssdk.core.exception.SdkClientException: Received an UnknownHostException when attempting to interact with a service. See cause for the exact endpoint that is failing to resolve.\nCaused by: java.net.UnknownHostException: metering.marketplace.null.amazonaws.com',
    ],
  ])('%s', (_source, paste) => {
    const finding = topOf(paste);
    expect(finding?.entry.id).toBe('region-missing');
    expect(finding?.facts.service === undefined || !/undefined|null|none/i.test(finding.facts.service)).toBe(true);
  });
});

describe('transport failures in the layouts of tools built on other HTTP stacks', () => {
  const entryOf = (text: string) => topOf(text)?.entry.id;
  const valid: Array<[source: string, text: string, entry: string]> = [
    // Apache Arrow's S3 filesystem (ErrorToStatus: "AWS Error <type> during <op> operation: <message>")
    // naming the C++ SDK's NETWORK_CONNECTION type over libcurl's strerror text
    [
      'PyArrow: NETWORK_CONNECTION with a curl number the catalog does not map',
      'OSError: AWS Error NETWORK_CONNECTION during HeadObject operation: curlCode: 2, Failed initialization',
      'network-endpoint-unreachable',
    ],
    [
      'PyArrow: NETWORK_CONNECTION, the curl cause answers (56, receive failure)',
      'OSError: AWS Error NETWORK_CONNECTION during GetObject operation: curlCode: 56, Failure when receiving data from the peer',
      'network-connection-reset',
    ],
    // DuckDB httpfs: "<cpp-httplib Error text> error for HTTP <method> to '<url>'"
    [
      'DuckDB httpfs: could not establish the connection',
      "duckdb.duckdb.IOException: IO Error: Could not establish connection error for HTTP GET to 'https://usage-exports.s3.us-west-2.amazonaws.com/2026/11/part-0.parquet'",
      'network-endpoint-unreachable',
    ],
    [
      "DuckDB httpfs: older httplib's Connection error",
      "IO Error: Connection error for HTTP PUT to 'https://usage-exports.s3.us-west-2.amazonaws.com/out/part-1.parquet'",
      'network-endpoint-unreachable',
    ],
    [
      'DuckDB httpfs: connection timed out',
      "Error: IO Error: Connection timed out error for HTTP HEAD to 'https://usage-exports.s3.us-west-2.amazonaws.com/2026/11/part-0.parquet'",
      'network-timeout',
    ],
    // Go on macOS (crypto/x509 root_darwin.go) with the Security framework's trust result
    [
      'Go on macOS: certificate the Security framework calls non-compliant',
      'Error: error reading state: RequestError: send request failed\ncaused by: Get "https://usage-state.s3.us-west-2.amazonaws.com/": tls: failed to verify certificate: x509: “*.s3.us-west-2.amazonaws.com” certificate is not standards compliant',
      'network-tls',
    ],
    // java.security.cert.PKIXParameters with an empty trust store, under the handshake's SSLException
    [
      'Java: empty trust store under the Java SDK v1',
      'com.amazonaws.SdkClientException: Unable to execute HTTP request: java.lang.RuntimeException: Unexpected error: java.security.InvalidAlgorithmParameterException: the trustAnchors parameter must be non-empty\n\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleRetryableException(AmazonHttpClient.java:1219)',
      'network-tls',
    ],
    // Fluent Bit flb_http_client.c: "[http_client] broken connection to %s:%i ?"
    [
      'Fluent Bit: the connection to CloudWatch Logs broke',
      '[2026/11/23 10:15:02] [error] [http_client] broken connection to logs.us-east-1.amazonaws.com:443 ?\n[2026/11/23 10:15:02] [error] [output:cloudwatch_logs:cloudwatch_logs.0] Failed to send log events',
      'network-connection-reset',
    ],
    // aws-smithy-runtime-api SdkError::DispatchFailure: Display, DisplayErrorContext's chain, Debug
    [
      'Rust SDK: dispatch failure as a tracing field',
      '2026-11-23T10:15:02.417Z ERROR meter_agent::report: usage not sent error=dispatch failure attempt=3',
      'network-endpoint-unreachable',
    ],
    [
      'Rust SDK: dispatch failure chain with a DNS cause',
      'Error: dispatch failure: io error: error trying to connect: dns error: failed to lookup address information: Name or service not known',
      'network-endpoint-unreachable',
    ],
    [
      'Rust SDK: Debug print of the dispatch failure',
      'Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 101, kind: NetworkUnreachable, message: "Network is unreachable" })), connection: Unknown } })',
      'network-endpoint-unreachable',
    ],
  ];
  it.each(valid)('%s', (_source, text, entry) => {
    expect(entryOf(text)).toBe(entry);
  });

  it('a person writing about dispatch failures in general stays silent', () => {
    const text =
      'Dispatch failures are worth retrying here. Most of them come from DNS or a refused port, so a backoff helps.';
    expect(diagnose(text, catalog, { now: NOW }).isError).toBe(false);
  });
});
