// A loopback stand-in for the Slack Web API, enough for MeterDoc to start: auth.test answers as
// Slack does for a bot token (Bearer header, form body), every other method as unknown. Prints
// its base URL (for SLACK_API_URL) on the first stdout line and each call it saw on stderr.
import { createServer } from 'node:http';

const token = process.argv[2] ?? 'xoxb-smoke-test';
const identity = { ok: true, url: 'https://smoke.slack.com/', team: 'Smoke', user: 'meterdoc', team_id: 'T0SMOKE01', user_id: 'U0SMOKE01', bot_id: 'B0SMOKE01', is_enterprise_install: false };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const method = new URL(req.url ?? '/', 'http://stand-in').pathname.replace(/^\/api\//, '');
    process.stderr.write(`slack stand-in: ${req.method} ${method}\n`);
    const body = method !== 'auth.test' ? { ok: false, error: 'unknown_method' } : req.headers.authorization === `Bearer ${token}` ? identity : { ok: false, error: 'invalid_auth' };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/api/\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
