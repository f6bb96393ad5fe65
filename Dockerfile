# The app image: one image, two commands (worker, API). The workflow code is bundled at build time,
# so a worker starts without webpack.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json ./
# tsx is a runtime dependency: the entry points run as TypeScript.
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
RUN npx tsx workers/bundle.ts dist/workflow-bundle.js
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js

# The photo folder belongs to the app's user; a new named volume mounted there takes this ownership.
RUN mkdir -p /var/lib/work-orders/photos && chown -R node:node /var/lib/work-orders
USER node
EXPOSE 3000
# node --import tsx rather than npx: one process, so `docker stop` signals reach the app directly.
CMD ["node", "--import", "tsx", "api/main.ts"]
