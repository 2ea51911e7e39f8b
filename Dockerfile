# MeterDoc image: `docker build -t meterdoc .`, then run it with the settings of .env.example.
# .ci/smoke.sh runs these same steps without Docker (no engine or registry on the CI machine).

# Build stage: the full install (TypeScript) compiles src/ into dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The build compiles knowledge/ to dist/catalog.json (a start reads JSON instead of parsing YAML).
COPY knowledge ./knowledge
COPY bin ./bin
RUN npm run build

# Runtime stage: production dependencies only (no compiler, no tsx), the compiled app, the catalog.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The catalog is data read at start, found relative to dist/ (knowledge/ next to it); bin/ is the CLI
# (`docker exec … node bin/meterdoc.js gaps`).
COPY knowledge ./knowledge
COPY bin ./bin
# Files stay owned by root: the app runs as the image's unprivileged `node` user and cannot change them.
USER node
EXPOSE 3000
# Ready, not merely alive: /readyz answers 200 once Slack auth, the store and the catalog are good.
# HTTP mode serves it on PORT; Socket Mode (SLACK_APP_TOKEN set) on HEALTH_PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const e=process.env,p=e.SLACK_APP_TOKEN?e.HEALTH_PORT||3001:e.PORT||3000;fetch(`http://127.0.0.1:${p}/readyz`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 (no npm or shell in between), so SIGTERM reaches the app's graceful stop.
CMD ["node", "dist/app/main.js"]
