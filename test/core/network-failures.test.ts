import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Written for these tests in each SDK's layout (hosts, ports and IDs made up); none is taken from
 * the held-out set or the SDK matrix.
 */
const catalog = realCatalog();
const findingsOf = (text: string) => diagnose(text, catalog, { now: NOW }).findings;
const topOf = (text: string) => findingsOf(text)[0];

describe('a refused connection never opened: the endpoint is unreachable, not reset', () => {
  it.each([
    [
      'Node (JS v3) ECONNREFUSED dump',
      [
        'Error: connect ECONNREFUSED 10.20.0.15:8443',
        '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
        '  errno: -111,',
        "  code: 'ECONNREFUSED',",
        "  syscall: 'connect',",
        "  address: '10.20.0.15',",
        '  port: 8443,',
        "  '$metadata': { attempts: 3, totalRetryDelay: 188 }",
        '}',
      ].join('\n'),
    ],
    [
      'Go v1 send request failed',
      'RequestError: send request failed\ncaused by: Post "https://metering.marketplace.eu-central-1.amazonaws.com/": dial tcp 10.1.4.9:443: connect: connection refused',
    ],
    [
      'Go v2 request send failed',
      'operation error Marketplace Metering: BatchMeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace.eu-central-1.amazonaws.com/": dial tcp 10.1.4.9:443: connect: connection refused',
    ],
    [
      'urllib3 under botocore',
      'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPConnection object at 0x7f0a1b2c3d40>: Failed to establish a new connection: [Errno 111] Connection refused',
    ],
    [
      'PHP SDK over curl',
      'Error executing "MeterUsage" on "https://metering.marketplace.eu-north-1.amazonaws.com"; AWS HTTP error: cURL error 7: Failed to connect to metering.marketplace.eu-north-1.amazonaws.com port 443 after 3 ms: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)',
    ],
    [
      'Java SDK through the Apache client',
      'software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connection refused (Connection refused)',
    ],
  ])('%s', (_sdk, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });

  it('a connection dropped after it opened stays a reset: ECONNRESET, a reset by peer, a bare EOF, a broken pipe', () => {
    const dropped = [
      "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:217:20) {\n  errno: -104,\n  code: 'ECONNRESET',\n  syscall: 'read',\n  '$metadata': { attempts: 3, totalRetryDelay: 402 }\n}",
      'RequestError: send request failed\ncaused by: Post "https://metering.marketplace.ap-southeast-2.amazonaws.com/": read tcp 10.3.0.8:50122->3.24.1.7:443: read: connection reset by peer',
      'operation error Marketplace Metering: MeterUsage, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://metering.marketplace.ap-southeast-2.amazonaws.com/": EOF',
      'RequestError: send request failed\ncaused by: Post "https://metering.marketplace.ap-southeast-2.amazonaws.com/": write tcp 10.3.0.8:50124->3.24.1.7:443: write: broken pipe',
      'botocore.exceptions.ConnectionClosedError: Connection was closed before we received a valid response from endpoint URL: "https://metering.marketplace.ap-southeast-2.amazonaws.com/".',
    ];
    for (const paste of dropped) expect(topOf(paste)?.entry.id, paste).toBe('network-connection-reset');
  });

  it('the two entries say which is which, and neither claims the other', () => {
    const unreachable = catalog.byId.get('network-endpoint-unreachable')!;
    const reset = catalog.byId.get('network-connection-reset')!;
    expect(unreachable.title).toMatch(/refused|accepted/);
    expect(reset.title).not.toMatch(/refused/);
    expect(reset.match.codes).not.toContain('ECONNREFUSED');
    expect(unreachable.match.codes).toContain('ECONNREFUSED');
  });
});

describe('one printed error is one finding: the outer error answers, its causes are facts', () => {
  it('a botocore chain of exceptions ending in EndpointConnectionError gives one network finding', () => {
    const paste = [
      'Traceback (most recent call last):',
      '  File "/opt/app/venv/lib/python3.12/site-packages/urllib3/connection.py", line 198, in _new_conn',
      '    sock = connection.create_connection(',
      'ConnectionRefusedError: [Errno 111] Connection refused',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/opt/app/venv/lib/python3.12/site-packages/botocore/httpsession.py", line 464, in send',
      '    urllib_response = conn.urlopen(',
      '  File "/opt/app/venv/lib/python3.12/site-packages/urllib3/connection.py", line 213, in _new_conn',
      '    raise NewConnectionError(',
      'urllib3.exceptions.NewConnectionError: <botocore.awsrequest.AWSHTTPConnection object at 0x7f5e6d7c8b90>: Failed to establish a new connection: [Errno 111] Connection refused',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/opt/app/meter.py", line 31, in flush',
      '    client.batch_meter_usage(UsageRecords=records, ProductCode=PRODUCT_CODE)',
      '  File "/opt/app/venv/lib/python3.12/site-packages/botocore/httpsession.py", line 493, in send',
      '    raise EndpointConnectionError(endpoint_url=request.url, error=e)',
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.us-west-2.amazonaws.com/"',
    ].join('\n');
    const findings = findingsOf(paste);
    expect(findings.map((f) => f.entry.id)).toEqual(['network-endpoint-unreachable']);
    expect(findings[0]!.facts.code).toBe('EndpointConnectionError');
    expect(findings[0]!.occurrences).toBe(1);
  });

  it('a refused container credentials endpoint under botocore is a credentials problem, not a network one', () => {
    const paste = [
      'Traceback (most recent call last):',
      '  File "/opt/app/venv/lib/python3.12/site-packages/botocore/httpsession.py", line 493, in send',
      '    raise EndpointConnectionError(endpoint_url=request.url, error=e)',
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "http://169.254.170.2/v2/credentials/0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab"',
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "/opt/app/venv/lib/python3.12/site-packages/botocore/credentials.py", line 1978, in fetch_creds',
      '    raise CredentialRetrievalError(provider=self.METHOD, error_msg=str(e))',
      'botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received error when attempting to retrieve container metadata: Could not connect to the endpoint URL: "http://169.254.170.2/v2/credentials/0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab"',
    ].join('\n');
    expect(findingsOf(paste).map((f) => f.entry.id)).toEqual(['credentials-imds-unavailable']);
  });

  it('a JS v2 CredentialsError whose original error is a refused instance-metadata connection is one credentials finding', () => {
    const paste = [
      'Error: connect ECONNREFUSED 169.254.169.254:80',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
      "  message: 'Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1',",
      '  errno: -111,',
      "  code: 'CredentialsError',",
      "  syscall: 'connect',",
      '  time: 2026-11-23T13:58:02.114Z,',
      '  originalError: {',
      "    message: 'Could not load credentials from any providers',",
      '    errno: -111,',
      "    code: 'CredentialsError',",
      "    syscall: 'connect',",
      '    originalError: {',
      "      message: 'EC2 Metadata roleName request returned error',",
      '      errno: -111,',
      "      code: 'ECONNREFUSED',",
      "      syscall: 'connect'",
      '    }',
      '  }',
      '}',
    ].join('\n');
    const findings = findingsOf(paste);
    expect(findings.map((f) => f.entry.id)).toEqual(['credentials-not-found']);
    expect(findings[0]!.facts.code).toBe('CredentialsError');
  });

  it("a JS v2 UnknownEndpoint keeps its own code when the nested original error's code is NetworkingError", () => {
    const paste = [
      "UnknownEndpoint: Inaccessible host: `localhost' at port `4566'. This service may not be available in the `eu-west-1' region.",
      '    at Request.ENOTFOUND_ERROR (/srv/app/node_modules/aws-sdk/lib/event_listeners.js:611:46) {',
      "  code: 'UnknownEndpoint',",
      "  region: 'eu-west-1',",
      '  retryable: true,',
      '  originalError: Error: connect ECONNREFUSED 127.0.0.1:4566',
      '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
      '    errno: -111,',
      "    code: 'NetworkingError',",
      "    syscall: 'connect',",
      '    retryable: true',
      '  }',
      '}',
    ].join('\n');
    const findings = findingsOf(paste);
    expect(findings.map((f) => f.entry.id)).toEqual(['network-endpoint-unreachable']);
    expect(findings[0]!.facts.code).toBe('UnknownEndpoint');
  });

  it('two separate JS dumps of the same error in a log stay two occurrences', () => {
    const dump =
      "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:217:20) {\n  errno: -104,\n  code: 'ECONNRESET',\n  syscall: 'read'\n}";
    const findings = findingsOf(`${dump}\n2026-11-23T13:59:00Z retrying batch 42\n${dump}`);
    expect(findings.map((f) => f.entry.id)).toEqual(['network-connection-reset']);
    expect(findings[0]!.occurrences).toBe(2);
  });

  it("Go v2's failed container-credentials fetch is a credentials problem, not the call's connection", () => {
    const paste =
      'operation error Marketplace Metering: MeterUsage, failed to sign request: failed to retrieve credentials: failed to refresh cached credentials, failed to load credentials, exceeded maximum number of attempts, 3, request send failed, Get "http://169.254.170.2/v2/credentials/0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab": dial tcp 169.254.170.2:80: connect: connection refused';
    expect(topOf(paste)?.entry.id).toBe('credentials-imds-unavailable');
  });
});

describe('the Rust, Java v2 (Apache) and Ruby SDKs word refusals, failed lookups and early closes their own way', () => {
  it.each([
    [
      'Rust dispatch failure with the OS refusal',
      'Error: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", 10.4.0.12:8443, Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })), connection: Unknown } })',
    ],
    [
      'Rust dispatch failure on a DNS lookup',
      'DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, ConnectError("dns error", Custom { kind: Uncategorized, error: "failed to lookup address information: Name does not resolve" })), connection: Unknown } })',
    ],
    [
      'Java v2 through the Apache client, naming host, port and addresses',
      'software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to metering.internal.example:9443 [metering.internal.example/10.9.8.7] failed: Connection refused (SDK Attempt Count: 3)',
    ],
    [
      'Ruby NoSuchEndpointError around a SocketError',
      'Aws::Errors::NoSuchEndpointError: Encountered a `SocketError` while attempting to connect to:\n\n  https://metering.marketplace.eu-south-2.amazonaws.com\n',
    ],
    [
      'Ruby NetworkingError from Net::HTTP (macOS resolver)',
      'Seahorse::Client::NetworkingError: Failed to open TCP connection to metering.marketplace.us-east-2.amazonaws.com:443 (getaddrinfo: nodename nor servname provided, or not known)',
    ],
    [
      'Ruby NetworkingError on a refused port',
      'Seahorse::Client::NetworkingError: Failed to open TCP connection to 127.0.0.1:4566 (Connection refused - connect(2) for "127.0.0.1" port 4566)',
    ],
  ])('%s → network-endpoint-unreachable', (_sdk, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-endpoint-unreachable');
  });

  it.each([
    [
      "hyper's IncompleteMessage inside a dispatch failure",
      'DispatchFailure { source: ConnectorError { kind: Other(Some(TransientError)), source: hyper::Error(IncompleteMessage), connection: Unknown } }',
    ],
    [
      "hyper's message for the same early close",
      'dispatch failure: io error: connection closed before message completed',
    ],
    [
      'a Rust OS reset',
      'DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" }, connection: Unknown } })',
    ],
  ])('%s → network-connection-reset', (_what, paste) => {
    expect(topOf(paste)?.entry.id).toBe('network-connection-reset');
  });

  it('a refusal of the instance metadata address in the Rust wording is still the credential endpoint', () => {
    const paste =
      'ProviderError(ProviderError { source: DispatchFailure(DispatchFailure { source: ConnectorError { kind: Io, source: hyper_util::client::legacy::Error(Connect, ConnectError("tcp connect error", 169.254.169.254:80, Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })), connection: Unknown } }) })';
    expect(topOf(paste)?.entry.id).toBe('credentials-imds-unavailable');
  });
});
