import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSettings } from '../../src/app/settings.js';

interface Service {
  build?: string;
  image: string;
  env_file?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  command?: string[];
  healthcheck?: { test: string[] };
}

const root = new URL('../../', import.meta.url);
// Compose expands `<<: *anchor` merge keys; so must the parser.
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const example = parseEnv(readFileSync(new URL('.env.example', root), 'utf8'));
const replicas = Object.entries(compose.services).filter(([, s]) => s.build === '.');
const seconds = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1]);

describe('docker-compose.yml', () => {
  it('runs two MeterDoc replicas from this Dockerfile with the settings of .env (a copy of .env.example)', () => {
    expect(replicas.map(([name]) => name)).toEqual(['meterdoc-a', 'meterdoc-b']);
    for (const [, service] of replicas) expect(service.env_file).toBe('.env');
  });

  it('starts them in HTTP mode: .env.example as shipped, with compose overrides, is a valid HTTP-mode configuration', () => {
    for (const [, service] of replicas) {
      const config = loadSettings({ env: { ...example, ...service.environment } });
      expect(config.mode).toBe('http');
    }
  });

  it('publishes each replica on its own host port, mapped to the port the app listens on', () => {
    const mappings = replicas.map(([, s]) => s.ports!.map((p) => p.split(':')));
    const hostPorts = mappings.flat().map(([host]) => host);
    expect(new Set(hostPorts).size).toBe(replicas.length);
    for (const [i, [, service]] of replicas.entries()) {
      const config = loadSettings({ env: { ...example, ...service.environment } });
      expect(mappings[i]!.map(([, container]) => Number(container))).toEqual([config.port]);
    }
  });

  it('shares their state through the Redis service, started first and healthy', () => {
    const redis = compose.services.redis!;
    expect(redis.image).toMatch(/^redis:/);
    expect(redis.healthcheck?.test).toContain('ping');
    for (const [, service] of replicas) {
      expect(service.environment?.METERDOC_CACHE_URL).toBe('redis://redis:6379');
      expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    }
  });

  it('lets a stop finish the answers under way before Docker kills the container', () => {
    for (const [, service] of replicas) {
      const config = loadSettings({ env: { ...example, ...service.environment } });
      expect(seconds(service.stop_grace_period!) * 1000).toBeGreaterThan(config.shutdownTimeoutMs);
    }
  });
});
