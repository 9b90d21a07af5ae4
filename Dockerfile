# syntax=docker/dockerfile:1
# portfolio-api: built with the dev dependencies, run with the production ones only, as the user node.
#   docker build -t portfolio-api .
#   docker run -p 3000:3000 -e ADMIN_TOKEN=… -v portfolio-data:/data portfolio-api
# compose.yaml runs it on PostgreSQL and Redis, two instances behind Caddy (docs/operations.md).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: a `prepare` that builds would run before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_FILE=/data/portfolio.json
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The OpenAPI document reads the version and description from it.
COPY package.json ./
RUN mkdir /data && chown node:node /data
USER node
# STORAGE=file keeps its data file, inbox and lock here.
VOLUME ["/data"]
EXPOSE 3000
# The image has no curl: Node asks /health itself.
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1, so that `docker stop` (SIGTERM) reaches it and it drains in-flight requests; not `npm start`.
CMD ["node", "dist/main.js"]
