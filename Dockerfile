# Trust Center, production image. Build: docker build -t trust-center .
# Run: docker run -p 3000:3000 --env-file trust.env trust-center (see docs/deployment.md).
# No secret is baked in: DATABASE_URL, DATABASE_ADMIN_URL, SESSION_SECRET, AUDIT_SIGNING_KEY
# and APP_URL come from the environment at run time.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies are not pruned: the operator CLI (`npm run trust -- ...`: audit export and
# verify, security audit, db migrate) runs through tsx, a development dependency.
RUN npx next build

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/app/.data
# The tree of the build stage: the build, its dependencies, the migrations the
# server applies at start, the fonts of generated documents, next.config.mjs and what it
# imports, and scripts/serve.mjs. Owned by root: the app cannot change its own code.
COPY --from=build /app ./
# An unprivileged user; DATA_DIR is the only place it writes (generated secrets of the demo
# mode, the embedded database when DATABASE_URL is unset).
RUN mkdir -p /app/.data && chown -R node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server itself, not `npm start`: the image is already built, and signals reach Node directly.
CMD ["node", "scripts/serve.mjs"]
