/** What the npm package may and must hold: checked on package.json (unit) and on the real tarball (e2e). */
export const PACKED_FILE_RULES = {
  allowed: [
    /^package\.json$/,
    /^README\.md$/,
    /^dist\/(cli|common|fakes|harness|reports|scenarios)\/.+\.(js|ya?ml|json)$/,
    /^python\/driver\/[^/]+\.py$/,
    /^python\/requirements-sdk\.txt$/,
    /^scripts\/setup\.mjs$/,
    /^schemas\/[a-z-]+\.schema\.json$/,
  ],
  required: [
    'package.json',
    'dist/cli/bin.js',
    'dist/harness/targets/reference/main.js',
    'dist/harness/targets/reference/alert-rules.yml',
    'python/driver/connector_driver.py',
    'python/requirements-sdk.txt',
    'scripts/setup.mjs',
    'schemas/gate-summary.schema.json',
    'schemas/result.schema.json',
  ],
} as const;
