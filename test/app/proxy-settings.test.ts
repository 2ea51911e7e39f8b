import { describe, expect, it } from 'vitest';
import { loadAiSettings, loadSettings, SettingsError } from '../../src/app/settings.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_APP_TOKEN: 'xapp-1-test' };

describe('proxy settings', () => {
  it('are absent without a proxy variable: every client connects directly', () => {
    const settings = loadSettings({ env: { ...SLACK, NO_PROXY: 'localhost' } });
    expect(settings.proxy).toBeUndefined();
    expect(settings.actions.proxy).toBeUndefined();
    expect(settings.ai.proxy).toBeUndefined();
  });

  it('reach Slack, the AWS actions and Bedrock alike; lower-case wins, as with curl', () => {
    const settings = loadSettings({
      env: {
        ...SLACK,
        HTTPS_PROXY: 'http://upper.corp.example:3128',
        https_proxy: 'http://lower.corp.example:3128',
        NO_PROXY: '169.254.169.254,.internal',
      },
    });
    const expected = { httpsProxy: 'http://lower.corp.example:3128', noProxy: '169.254.169.254,.internal' };
    expect(settings.proxy).toEqual(expected);
    expect(settings.actions.proxy).toEqual(expected);
    expect(settings.ai.proxy).toEqual(expected);
    expect(loadAiSettings({ env: { HTTP_PROXY: 'proxy.corp.example:8080' } }).proxy).toEqual({
      httpProxy: 'http://proxy.corp.example:8080',
      noProxy: '',
    });
  });

  it('refuse a value that is not a proxy URL, naming the variable and never echoing it', () => {
    const attempt = () => loadSettings({ env: { ...SLACK, HTTPS_PROXY: 'socks5://user:s3cret@proxy:1080' } });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(
      /^HTTPS_PROXY must be an http:\/\/ or https:\/\/ proxy URL: set it to the proxy for https:\/\/ traffic/,
    );
    expect(attempt).not.toThrow(/s3cret/);
  });
});
