import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/slack/buttons/ids.js';
import {
  anyRoute,
  registerButtons,
  routeFor,
  type ButtonArgs,
  type ButtonRoute,
} from '../../../src/slack/buttons/one-listener.js';
import { EXPAND_ACTION, FEEDBACK_ACTION, RELATED_ACTION } from '../../../src/slack/buttons/router.js';

const clicked: string[] = [];
const listener =
  (name: string): ButtonRoute[1] =>
  async () => {
    clicked.push(name);
  };

/** MeterDoc's button routes, as src/app/listeners.ts registers them. */
const ROUTES: ButtonRoute[] = [
  [ACTION_IDS.retry, listener('retry')],
  [ACTION_IDS.iamCheck, listener('iam-check')],
  [ACTION_IDS.supportBundle, listener('support')],
  [ACTION_IDS.wontBill, listener('wont-bill')],
  [FEEDBACK_ACTION, listener('feedback')],
  [ACTION_IDS.share, listener('share')],
  [EXPAND_ACTION, listener('expand')],
  [RELATED_ACTION, listener('related')],
];

/** A block_actions click as Bolt hands it to an action listener (only what the router reads). */
const click = (actionId: string): ButtonArgs =>
  ({ action: { type: 'button', action_id: actionId, block_id: 'b', action_ts: '1.2' } }) as unknown as ButtonArgs;

describe('one Bolt listener for every button', () => {
  it('matches every action ID a route names, and only those', () => {
    const any = anyRoute(ROUTES);
    for (const id of [
      'meterdoc_retry',
      'meterdoc_iam_check',
      'meterdoc_support',
      'meterdoc_wont_bill',
      'meterdoc_feedback_up',
      'meterdoc_feedback_down',
      'meterdoc_share',
      'meterdoc_expand',
      'meterdoc_collapse',
      'meterdoc_related_0',
      'meterdoc_related_4',
    ])
      expect(any.test(id), id).toBe(true);
    for (const id of [
      'meterdoc_retry_now',
      'xmeterdoc_retry',
      'meterdoc_related_10',
      'meterdoc_related_',
      'meterdoc_doc_link',
      'meterdoc_feedback',
      'other_app_button',
    ])
      expect(any.test(id), id).toBe(false);
  });

  it('reads a dot or other pattern character in an exact ID as itself', () => {
    const any = anyRoute([['a.b', listener('dot')]]);
    expect(any.test('a.b')).toBe(true);
    expect(any.test('axb')).toBe(false);
  });

  it('refuses a pattern with a g or y flag (its matches would depend on the previous one)', () => {
    expect(() => anyRoute([[/^x$/g, listener('x')]])).toThrow(/g or y flag/);
  });

  it('gives each click to the listener of its action ID', () => {
    expect(routeFor(ROUTES, 'meterdoc_retry')).toBe(ROUTES[0]![1]);
    expect(routeFor(ROUTES, 'meterdoc_feedback_down')).toBe(ROUTES[4]![1]);
    expect(routeFor(ROUTES, 'meterdoc_related_2')).toBe(ROUTES[7]![1]);
    expect(routeFor(ROUTES, 'meterdoc_doc_link')).toBeUndefined();
  });

  it('registers one action listener with Bolt that dispatches by action ID', async () => {
    const registered: Array<{ constraint: unknown; listener: (args: ButtonArgs) => Promise<void> }> = [];
    const app = {
      action: (constraint: unknown, l: (args: ButtonArgs) => Promise<void>) =>
        registered.push({ constraint, listener: l }),
    } as unknown as App;
    registerButtons(app, ROUTES);
    expect(registered).toHaveLength(1);
    expect(registered[0]!.constraint).toBeInstanceOf(RegExp);
    clicked.length = 0;
    await registered[0]!.listener(click('meterdoc_share'));
    await registered[0]!.listener(click('meterdoc_collapse'));
    await registered[0]!.listener(click('meterdoc_wont_bill'));
    expect(clicked).toEqual(['share', 'expand', 'wont-bill']);
  });
});
