# enforcement-watch exporter: `serve` on :9464 (/metrics, /healthz, JSON API), store in /data.
#
#   docker build -t enforcement-watch .
#   docker run -v ew-data:/data -p 9464:9464 enforcement-watch
#
# Two stages: the build stage compiles TypeScript and better-sqlite3 (native: python3, make,
# g++); the runtime stage gets the compiled code and production dependencies only.

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script (tsc) would run before the sources are copied; the
# one native module is then built explicitly (prebuilt binary when one matches, else g++).
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY src ./src
COPY scrapers ./scrapers
# `build` is tsc over src/ and scrapers/; dashboards/ (dev-only SDK) stays out of the image.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# The service's runtime settings (src/runtime.ts): two malloc arenas here, the V8 flags in CMD.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The store (SQLite + raw agency artifacts) lives on a volume owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9464
# No curl in the slim image: node itself asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--optimize-for-size", "--max-semi-space-size=2", "dist/src/cli.js", "serve"]
