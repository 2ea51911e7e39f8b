import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Tokens and secrets are never passed to a log call; the redaction below is
 * a second line of defence for anything that carries headers or a client's options.
 */
export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'meterdoc' },
    redact: {
      paths: [
        'token',
        '*.token',
        'botToken',
        'appToken',
        'signingSecret',
        '*.authorization',
        '*.headers.authorization',
        'headers.authorization',
        'config.botToken',
        'config.appToken',
        'config.signingSecret',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const TOKEN = /\bx(?:ox[abpsre]|app)-[A-Za-z0-9-]+/g;

/** Bolt's own log lines can quote request details; strip anything shaped like a Slack token. */
function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ')
    .replace(TOKEN, '[redacted]');
}

/** Bolt's Logger interface over pino, so Bolt's and MeterDoc's lines share one stream and format. */
export function boltLogger(base: Logger): BoltLogger {
  let log = base.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  return {
    // Bolt logs whole request bodies at debug: format only what will be written.
    debug: (...m) => log.isLevelEnabled('debug') && log.debug(line(m)),
    info: (...m) => log.isLevelEnabled('info') && log.info(line(m)),
    warn: (...m) => log.isLevelEnabled('warn') && log.warn(line(m)),
    error: (...m) => log.isLevelEnabled('error') && log.error(line(m)),
    // Bolt sets its own level from its options; MeterDoc's LOG_LEVEL on the base logger wins.
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (name) => {
      log = base.child({ component: name });
    },
  };
}
