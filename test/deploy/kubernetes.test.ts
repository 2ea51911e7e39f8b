import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadSettings } from '../../src/app/settings.js';

const dir = new URL('../../deploy/kubernetes/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports: Array<{ name: string; containerPort: number }>;
  envFrom: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  securityContext: {
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
  };
}
interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> } | Record<string, string>;
    minAvailable?: number;
    ports?: Array<{ name: string; port: number; targetPort: string | number }>;
    template?: {
      metadata: { labels: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot: boolean; runAsUser: number };
        containers: Container[];
      };
    };
  };
}
interface Kustomization {
  resources: string[];
  configMapGenerator: Array<{ name: string; envs: string[] }>;
  images: Array<{ name: string; newTag: string }>;
}

const kustomization = parse(read('kustomization.yaml')) as Kustomization;
const resources = kustomization.resources.flatMap((file) =>
  parseAllDocuments(read(file)).map((doc) => doc.toJS() as Resource),
);
const find = (kind: string, name: string) => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in kustomization.yaml's resources`);
  return found;
};
const deployment = find('Deployment', 'meterdoc');
const pod = deployment.spec.template!.spec;
const container = pod.containers[0]!;
const generator = kustomization.configMapGenerator.find((g) => g.name === 'meterdoc-settings')!;
const settingsEnv = parseEnv(generator.envs.map(read).join('\n'));
const secret = parse(read('secret.template.yaml')) as {
  kind: string;
  metadata: { name: string };
  stringData: Record<string, string>;
};
/** What every replica runs with: the ConfigMap's settings (the Secret's values are the operator's), read by the app's own settings code. */
const settings = loadSettings({
  env: { ...settingsEnv, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret' },
});
const httpPort = (name: string | number) =>
  typeof name === 'number' ? name : container.ports.find((p) => p.name === name)?.containerPort;
/** The path the image's HEALTHCHECK instruction (with its continuation lines) probes. */
const dockerfileHealthcheck =
  /^HEALTHCHECK(?:[^\n]*\\\n)*[^\n]*/m.exec(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'))?.[0] ??
  '';
const dockerHealthPath = /\/(?:readyz|livez|healthz)\b/.exec(dockerfileHealthcheck)?.[0];

describe('deploy/kubernetes', () => {
  it('lists only files that exist, and keeps the Secret template out of `kubectl apply -k`', () => {
    for (const file of [...kustomization.resources, ...generator.envs])
      expect(existsSync(new URL(file, dir)), file).toBe(true);
    expect(kustomization.resources).not.toContain('secret.template.yaml');
    expect(secret.kind).toBe('Secret');
    expect(Object.values(secret.stringData).every((v) => v === '')).toBe(true);
  });

  it('runs two replicas in HTTP mode: a signing secret, no app token', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(Object.keys(secret.stringData)).toEqual(
      expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'METERDOC_PAYLOAD_SECRET']),
    );
    expect(settingsEnv.SLACK_APP_TOKEN ?? secret.stringData.SLACK_APP_TOKEN).toBeUndefined();
    expect(settings.mode).toBe('http');
    expect(container.envFrom).toEqual([
      { configMapRef: { name: generator.name } },
      { secretRef: { name: secret.metadata.name } },
    ]);
  });

  it('probes liveness on /livez and readiness on /readyz at the port the app listens on', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.readinessProbe.httpGet.path).toBe(dockerHealthPath);
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe!]) {
      expect(httpPort(probe.httpGet.port)).toBe(settings.port);
    }
  });

  it('gives a stop longer than the preStop pause plus METERDOC_SHUTDOWN_TIMEOUT_MS before SIGKILL', () => {
    const [sleep, seconds] = container.lifecycle?.preStop?.exec?.command ?? ['sleep', '0'];
    expect(sleep).toBe('sleep');
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
      Number(seconds) * 1000 + settings.shutdownTimeoutMs,
    );
  });

  it('runs as a non-root user that cannot escalate, on a read-only root file system, with memory bounds', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests.memory).toMatch(/^\d+Mi$/);
    expect(container.resources.limits.memory).toMatch(/^\d+Mi$/);
  });

  it('points the Service at the named HTTP port and the PodDisruptionBudget at the same pods, keeping one up', () => {
    const labels = deployment.spec.template!.metadata.labels;
    const service = find('Service', 'meterdoc');
    expect(service.spec.selector).toEqual(labels);
    expect(httpPort(service.spec.ports![0]!.targetPort)).toBe(settings.port);
    const pdb = find('PodDisruptionBudget', 'meterdoc');
    expect((pdb.spec.selector as { matchLabels: Record<string, string> }).matchLabels).toEqual(labels);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas!);
  });

  it('shares state through the in-cluster Redis Service', () => {
    const redis = find('Service', 'meterdoc-redis');
    expect(settingsEnv.METERDOC_CACHE_URL).toBe(`redis://${redis.metadata.name}:${redis.spec.ports![0]!.port}`);
    expect(find('Deployment', 'meterdoc-redis').spec.replicas).toBe(1);
  });

  it('deploys the image of this version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(kustomization.images).toEqual([{ name: container.image, newTag: version }]);
  });
});
