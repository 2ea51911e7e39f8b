import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toolReply, goodInput, MODEL } from '../ai/helpers.js';
import { startStandIn, type StandIn } from '../ai/standin.js';
import {
  click,
  slackEscape,
  slackStandIn,
  startApp,
  THROTTLING,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
} from '../slack/harness.js';

/**
 * The app as `npm start` builds it: Slack surfaces plus the AI fallback and the AWS-actions
 * extension (buttons, modals, /meterdoc audit, intake). Each piece is tested on its own elsewhere;
 * this checks they are plugged into one another.
 */
const AWS_ENV = {
  METERDOC_ALLOWED_USERS: 'U0BOB',
  METERDOC_INTAKE_SECRET: 'intake-secret-0123456789-0123456789',
  METERDOC_INTAKE_CHANNEL: 'C0INTAKE01',
  METERDOC_PAYLOAD_SECRET: 'payload-secret-0123456789-0123456789',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDTESTCOMPOSITION0',
  AWS_SECRET_ACCESS_KEY: 'composition-secret',
};

let app: RunningApp | undefined;
let bedrock: StandIn | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  nock.cleanAll();
  await app?.stop();
  await bedrock?.close();
  app = undefined;
  bedrock = undefined;
});

async function startComposed(): Promise<{ slack: ReturnType<typeof slackStandIn>; running: RunningApp }> {
  const slack = slackStandIn();
  bedrock = await startStandIn(() => ({ status: 200, body: toolReply(goodInput) }));
  // The SDK's own endpoint setting, as an operator would point MeterDoc at a VPC endpoint.
  vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', bedrock.url);
  const running = await startApp({
    env: { ...AWS_ENV, BEDROCK_MODEL_ID: MODEL, BEDROCK_REGION: 'us-east-1' },
    deps: {
      bedrockOverrides: { credentials: { accessKeyId: 'AKIDTESTBEDROCK00000', secretAccessKey: 'bedrock-secret' } },
    },
  });
  return { slack, running };
}

describe('the composed app', () => {
  it('opens the retry dialog for an allowed user (the click carries its trigger_id through)', async () => {
    const { slack, running } = await startComposed();
    app = running;
    await running.postEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000100.000100' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    await running.waitForLog('answered a pasted error');
    const answer = slack.of('chat.postMessage')[0]!;
    await running.postInteraction(click(answer, 'meterdoc_retry', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('views.open').length === 1);
    expect(slack.of('views.open')[0]!.body.trigger_id).toBe('1111.3333.click');
  });

  it('lists the audit subcommand the extension adds', async () => {
    const { slack, running } = await startComposed();
    app = running;
    await running.postCommand({ text: 'help' });
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(JSON.stringify(slack.of('response_url')[0]!.body)).toContain('audit');
  });

  it('serves the intake endpoint on the app port and refuses an unsigned report', async () => {
    const { running } = await startComposed();
    app = running;
    const res = await fetch(`${running.base}/meterdoc/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"records":[]}',
    });
    expect(res.status).toBe(401);
  });

  it('sends an error the catalog does not know to Bedrock and labels the answer as AI', async () => {
    const { slack, running } = await startComposed();
    app = running;
    await running.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(
      () => slack.of('chat.update').some((c) => JSON.stringify(c.body).includes('AI answer')),
      10_000,
    );
    expect(bedrock!.requests).toHaveLength(1);
    const update = slack.of('chat.update').find((c) => JSON.stringify(c.body).includes('AI answer'))!;
    expect(JSON.stringify(update.body)).toContain(goodInput.title);
  });
});
