import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Family, Scenario } from './scenarios.js';

/**
 * The real clients the matrix runs, how to invoke each for a scenario, and the ways a program
 * commonly shows an error (styles). Every client reads its endpoint from SDK_MATRIX_ENDPOINT (the
 * CLIs get it as --endpoint-url) and everything else from the environment the generator builds.
 */

export interface RunContext {
  /** The generator's work directory: drivers, their node_modules and the Go binaries. */
  work: string;
  endpoint: string;
  /** The hour the usage records are for. */
  usageTime: Date;
}

/** A client installed here: its kind (id used in case ids and file names; error styles are picked one per scenario, in turn) and how to run it. */
export interface Client extends ClientKind {
  /** Command and arguments for one run. */
  command(s: Scenario, style: string, run: RunContext): { file: string; args: string[] };
  /** Name and version for the case's `source`; throws when the client is not installed. */
  describe(work: string): string;
}

export const DEBIAN_PYTHON = '/usr/bin/python3';
export const DEBIAN_AWS_CLI = '/usr/bin/aws';

const PRODUCT_CODE = '4k2xq9m1vbz7hj3tqw8e5nrl0';

function pythonVersions(python: string): string {
  return execFileSync(
    python,
    ['-c', 'import boto3, botocore; print(f"boto3 {boto3.__version__} / botocore {botocore.__version__}")'],
    { encoding: 'utf8' },
  ).trim();
}

function goSdkVersion(file: string, constant: string): string {
  const m = new RegExp(`${constant} = "([^"]+)"`).exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no ${constant} in ${file}`);
  return m[1]!;
}

function npmVersion(work: string, pkg: string): string {
  return (JSON.parse(readFileSync(join(work, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** AWS CLI arguments for a scenario's operation (endpoint added by the caller). */
export function cliArgs(s: Scenario, usageTime: Date): string[] {
  const ts = usageTime.toISOString().replace('.000Z', 'Z');
  switch (s.operation) {
    case 'BatchMeterUsage':
      return [
        'meteringmarketplace',
        'batch-meter-usage',
        '--product-code',
        PRODUCT_CODE,
        '--usage-records',
        `Timestamp=${ts},CustomerIdentifier=7Xq2LmN9pRt,Dimension=api_calls,Quantity=35`,
        `Timestamp=${ts},CustomerIdentifier=Kd83JsPq0Lw,Dimension=api_calls,Quantity=12`,
        `Timestamp=${ts},CustomerIdentifier=Zu5nB4cVx1a,Dimension=api_calls,Quantity=7`,
      ];
    case 'MeterUsage':
      return [
        'meteringmarketplace',
        'meter-usage',
        '--product-code',
        PRODUCT_CODE,
        '--timestamp',
        ts,
        '--usage-dimension',
        'nodes',
        '--usage-quantity',
        '3',
      ];
    case 'RegisterUsage':
      return ['meteringmarketplace', 'register-usage', '--product-code', PRODUCT_CODE, '--public-key-version', '1'];
    case 'ResolveCustomer':
      return ['meteringmarketplace', 'resolve-customer', '--registration-token', 'x-amzn-marketplace-token-7f3a9c2e'];
    case 'GetEntitlements':
      return [
        'marketplace-entitlement',
        'get-entitlements',
        '--product-code',
        PRODUCT_CODE,
        '--filter',
        'CUSTOMER_IDENTIFIER=7Xq2LmN9pRt',
      ];
    case 'AssumeRole':
      return [
        'sts',
        'assume-role',
        '--role-arn',
        'arn:aws:iam::210987654321:role/SellerMeteringRole',
        '--role-session-name',
        'metering-job',
      ];
    case 'GetCallerIdentity':
      return ['sts', 'get-caller-identity'];
    case 'SimulatePrincipalPolicy':
      return [
        'iam',
        'simulate-principal-policy',
        '--policy-source-arn',
        'arn:aws:iam::123456789012:role/MeteringWorker',
        '--action-names',
        'aws-marketplace:BatchMeterUsage',
      ];
    case 'GetRole':
      return ['iam', 'get-role', '--role-name', 'MeteringWorker'];
    case 'ListRoles':
      return ['iam', 'list-roles'];
    case 'GetCostAndUsage':
      return [
        'ce',
        'get-cost-and-usage',
        '--time-period',
        'Start=2026-11-01,End=2026-12-01',
        '--granularity',
        'MONTHLY',
        '--metrics',
        'UnblendedCost',
      ];
    case 'ListAccounts':
      return ['organizations', 'list-accounts'];
    default:
      throw new Error(`no AWS CLI command for ${s.operation}`);
  }
}

function driverArgs(s: Scenario, style: string): string[] {
  return [s.service, s.operation, style, String(s.recordAgeHours ?? 1)];
}

/** What each client is, independent of this machine: its id, SDK family and the styles captured. */
export interface ClientKind {
  id: string;
  family: Family;
  errorStyles: string[];
  responseStyles: string[];
}

const BOTO3_STYLES = {
  family: 'botocore',
  errorStyles: ['uncaught', 'print', 'logging'],
  responseStyles: ['response'],
} as const;
const CLI_STYLES = { family: 'botocore', errorStyles: ['stderr'], responseStyles: ['stdout'] } as const;
const JS_STYLES = {
  family: 'js',
  errorStyles: ['uncaught', 'console-error', 'string', 'json'],
  responseStyles: ['response'],
} as const;
const GO_STYLES = { family: 'go', errorStyles: ['log-fatal', 'println', 'log-printf'] } as const;

export const CLIENT_KINDS: ClientKind[] = [
  {
    id: 'boto3-debian',
    ...BOTO3_STYLES,
    errorStyles: [...BOTO3_STYLES.errorStyles],
    responseStyles: [...BOTO3_STYLES.responseStyles],
  },
  {
    id: 'boto3-pip',
    ...BOTO3_STYLES,
    errorStyles: [...BOTO3_STYLES.errorStyles],
    responseStyles: [...BOTO3_STYLES.responseStyles],
  },
  {
    id: 'aws-cli-v2',
    ...CLI_STYLES,
    errorStyles: [...CLI_STYLES.errorStyles],
    responseStyles: [...CLI_STYLES.responseStyles],
  },
  {
    id: 'aws-cli-v1',
    ...CLI_STYLES,
    errorStyles: [...CLI_STYLES.errorStyles],
    responseStyles: [...CLI_STYLES.responseStyles],
  },
  { id: 'js-v3', ...JS_STYLES, errorStyles: [...JS_STYLES.errorStyles], responseStyles: [...JS_STYLES.responseStyles] },
  { id: 'js-v2', ...JS_STYLES, errorStyles: [...JS_STYLES.errorStyles], responseStyles: [...JS_STYLES.responseStyles] },
  { id: 'go-v1', ...GO_STYLES, errorStyles: [...GO_STYLES.errorStyles], responseStyles: ['response'] },
  { id: 'go-v2', ...GO_STYLES, errorStyles: [...GO_STYLES.errorStyles], responseStyles: ['response', 'response-json'] },
];

function kind(id: string): ClientKind {
  const k = CLIENT_KINDS.find((c) => c.id === id);
  if (!k) throw new Error(`no client kind ${id}`);
  return k;
}

function boto3(id: string, python: string, origin: string): Client {
  return {
    ...kind(id),
    command: (s, style, { work }) => ({ file: python, args: [join(work, 'boto3_driver.py'), ...driverArgs(s, style)] }),
    describe: () => `${pythonVersions(python)} (${origin})`,
  };
}

function awsCli(id: string, executable: string, origin: string): Client {
  return {
    ...kind(id),
    command: (s, _style, { usageTime, endpoint }) => ({
      file: executable,
      // The CLI's own timeouts are 60 s; the other clients wait 2 s for the stand-in that never answers.
      args: [
        ...cliArgs(s, usageTime),
        '--endpoint-url',
        endpoint,
        '--cli-connect-timeout',
        '2',
        '--cli-read-timeout',
        '2',
      ],
    }),
    describe: () => `${execFileSync(executable, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0]} (${origin})`,
  };
}

/** The pyenv interpreter's own boto3 and AWS CLI v1, when this machine has them. */
function pyenvBin(name: string): string | undefined {
  const root = process.env.PYENV_ROOT ?? '/root/.pyenv';
  try {
    const version = execFileSync(join(root, 'bin', 'pyenv'), ['version-name'], { encoding: 'utf8' }).trim();
    const bin = join(root, 'versions', version, 'bin', name);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The clients installed on this machine (the pip ones only where pyenv provides them). */
export function allClients(): Client[] {
  const clients: Client[] = [boto3('boto3-debian', DEBIAN_PYTHON, 'Debian python3-boto3')];
  const pyenvPython = pyenvBin('python3');
  if (pyenvPython) clients.push(boto3('boto3-pip', pyenvPython, 'pip'));
  clients.push(awsCli('aws-cli-v2', DEBIAN_AWS_CLI, 'Debian awscli'));
  const pyenvAws = pyenvBin('aws');
  if (pyenvAws) clients.push(awsCli('aws-cli-v1', pyenvAws, 'pip awscli'));
  clients.push(
    {
      ...kind('js-v3'),
      command: (s, style, { work }) => ({
        file: process.execPath,
        args: [join(work, 'js-v3.mjs'), ...driverArgs(s, style)],
      }),
      describe: (work) =>
        `JavaScript SDK v3 @aws-sdk/client-marketplace-metering ${npmVersion(work, '@aws-sdk/client-marketplace-metering')} on Node ${process.versions.node}`,
    },
    {
      ...kind('js-v2'),
      command: (s, style, { work }) => ({
        file: process.execPath,
        args: [join(work, 'js-v2.cjs'), ...driverArgs(s, style)],
      }),
      describe: (work) => `JavaScript SDK v2 aws-sdk ${npmVersion(work, 'aws-sdk')} on Node ${process.versions.node}`,
    },
    {
      ...kind('go-v1'),
      command: (s, style, { work }) => ({ file: join(work, 'bin', 'go-v1'), args: driverArgs(s, style) }),
      describe: () =>
        `AWS SDK for Go v1 ${goSdkVersion(`${GOCODE}/github.com/aws/aws-sdk-go/aws/version.go`, 'SDKVersion')} (Debian golang-github-aws-aws-sdk-go-dev)`,
    },
    {
      ...kind('go-v2'),
      command: (s, style, { work }) => ({ file: join(work, 'bin', 'go-v2'), args: driverArgs(s, style) }),
      describe: () =>
        `AWS SDK for Go v2 ${goSdkVersion(`${GOCODE}/github.com/aws/aws-sdk-go-v2/aws/go_module_metadata.go`, 'goModuleVersion')} (Debian golang-github-aws-aws-sdk-go-v2-dev)`,
    },
  );
  return clients;
}

export const GOCODE = '/usr/share/gocode/src';
