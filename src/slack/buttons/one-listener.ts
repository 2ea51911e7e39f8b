import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs } from '@slack/bolt';

export type ButtonArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

/** A button's action ID (exactly, or a pattern for a family of IDs) and the listener its clicks go to. */
export type ButtonRoute = readonly [id: string | RegExp, listener: (args: ButtonArgs) => Promise<void>];

const escaped = (id: string): string => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The one pattern Bolt matches a click's action ID against: any route's ID and nothing else, so an
 * action ID no route knows reaches no listener, as with one listener per ID.
 */
export function anyRoute(routes: readonly ButtonRoute[]): RegExp {
  for (const [id] of routes)
    if (typeof id !== 'string' && (id.global || id.sticky))
      throw new Error(`button route ${id}: a g or y flag would make matching depend on the last match`);
  return new RegExp(routes.map(([id]) => (typeof id === 'string' ? `^${escaped(id)}$` : `(?:${id.source})`)).join('|'));
}

/** The listener of the first route whose ID matches `actionId`. */
export function routeFor(routes: readonly ButtonRoute[], actionId: string): ButtonRoute[1] | undefined {
  return routes.find(([id]) => (typeof id === 'string' ? id === actionId : id.test(actionId)))?.[1];
}

/**
 * Registers every button with Bolt as ONE action listener that hands each click to its route.
 * Bolt runs the middleware chain of every registered listener for every request it receives (each
 * message event too) to find the ones that match; with a listener per action ID that was eight
 * chains per event for buttons alone, about 6 µs of CPU and a dozen promises and closures each.
 */
export function registerButtons(app: App, routes: readonly ButtonRoute[]): void {
  app.action(anyRoute(routes), async (args) => {
    const actionId = 'action_id' in args.action ? args.action.action_id : undefined;
    const listener = actionId === undefined ? undefined : routeFor(routes, actionId);
    await listener?.(args);
  });
}
