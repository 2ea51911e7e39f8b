import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLogger } from '../../src/app/logger.js';
import { registerListeners } from '../../src/app/listeners.js';
import { createServices } from '../../src/app/services.js';
import { loadSettings } from '../../src/app/settings.js';
import { realCatalog } from './harness.js';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string }>;
    shortcuts: Array<{ callback_id: string; type: string }>;
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

/** Drives the real registration with a stand-in that records what Bolt would be asked to listen to. */
function registered() {
  const seen = {
    events: [] as string[],
    commands: [] as string[],
    shortcuts: [] as Array<{ callback_id: string; type: string }>,
    actions: [] as string[],
  };
  const recorder = {
    use: () => undefined,
    error: () => undefined,
    event: (name: string) => seen.events.push(name),
    message: () => seen.events.push('message'),
    command: (name: string) => seen.commands.push(name),
    shortcut: (c: { callback_id: string; type: string }) => seen.shortcuts.push(c),
    action: (id: string | RegExp) => seen.actions.push(String(id)),
    // Modal submissions need no manifest entry (interactivity covers them).
    view: () => undefined,
  };
  // Every optional feature on, so nothing the manifest must declare is left unregistered.
  const settings = loadSettings({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-x',
      SLACK_SIGNING_SECRET: 'signing-secret',
      METERDOC_DIGEST_CHANNEL: 'C0DIGEST',
      METERDOC_INTAKE_SECRET: 'i'.repeat(32),
      METERDOC_INTAKE_CHANNEL: 'C0INTAKE',
    },
  });
  registerListeners(
    recorder as unknown as App,
    createServices(settings, { catalog: realCatalog(), logger: createLogger('silent') }),
  );
  return seen;
}

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  const code = registered();

  it('declares exactly the slash command the code registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(code.commands);
  });

  it('declares exactly the message shortcut the code registers', () => {
    expect(
      manifest.features.shortcuts.map((s) => ({
        callback_id: s.callback_id,
        type: s.type === 'message' ? 'message_action' : s.type,
      })),
    ).toEqual(code.shortcuts);
  });

  it('subscribes to exactly the events the code listens to', () => {
    // message.channels / message.groups / message.im all arrive as the `message` event type.
    const subscribed = new Set(manifest.settings.event_subscriptions.bot_events.map((e) => e.split('.')[0]));
    expect([...subscribed].sort()).toEqual([...new Set(code.events)].sort());
  });

  it('has the scopes those events and calls need, and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'files:read',
      'groups:history',
      'im:history',
      'usergroups:read',
    ]);
  });

  it('turns on interactivity (buttons), the Home tab and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(code.actions.length).toBeGreaterThan(0);
  });
});
