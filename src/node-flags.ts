// The V8 flags the service runs with: every launcher of dist/main.js passes them (the Dockerfile's CMD, npm start,
// bench/api.ts, bench/startup.sh; test/node-flags.test.ts holds them to it).
//
// --max-semi-space-size=16 (MB): V8 in Node 24, the runtime the image ships, sizes the young generation by the
// machine's memory, and on a 24 GB host it grew to 128 MB during start-up and stayed resident: embedded PGlite idled
// at 365 MB RSS 5 s after a restart and peaked at 441 MB under bench/api.ts (issue 12's targets: 280 and 350). With
// 16 MB semi-spaces, Node 20's default on that host, Node 24 idles at 270 MB. A young generation of 32 MB still
// holds the garbage of several thousand requests between scavenges.
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16']
