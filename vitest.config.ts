import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the libraries' sources; child processes and the packed tarball use dist.
    alias: [
      { find: /^@aiwire\/sandbox$/, replacement: `${root}apps/sandbox/src/index.ts` },
      { find: /^@aiwire\/([a-z-]+)$/, replacement: `${root}libs/$1/src/index.ts` },
      { find: /^@aiwire\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}libs/$1/src/$2/index.ts` },
    ],
  },
  test: {
    globals: true,
    include: ['libs/*/src/**/*.spec.ts', 'libs/*/test/**/*.e2e-spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.e2e-spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['reflect-metadata'],
  },
});
