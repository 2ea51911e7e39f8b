/**
 * The one answer the bare Bolt app and the raw floor post for every message: Block Kit of about
 * the shape of a short MeterDoc answer (header, two sections, context), always the same.
 */
export const FIXED_ANSWER = {
  text: 'ThrottlingException on BatchMeterUsage: too many requests; retry with backoff.',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'BatchMeterUsage was throttled' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*What happened*\nAWS Marketplace Metering refused the call because the account sent requests faster than its rate allows.',
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*What to do*\n• Retry with exponential backoff and jitter\n• Batch up to 25 records per call\n• Spread hourly jobs across the hour',
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Answer from the bench: the same for every message' }] },
  ],
} as const;
