// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // These packages load WASM or native files at run time from their own folders,
  // so they must stay plain Node requires instead of being bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "pg-copy-streams",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-node",
    "pg-boss",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

module.exports = nextConfig;
