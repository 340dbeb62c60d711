import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests resolve `@aiwire/*` to the libraries' sources through tsconfig.json `paths` (one list for
  // the type-checker and the tests); child processes and the packed tarballs use the built dist.
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    include: ['libs/*/src/**/*.spec.ts', 'libs/*/test/**/*.e2e-spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.e2e-spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['reflect-metadata'],
  },
});
