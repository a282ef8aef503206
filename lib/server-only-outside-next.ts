// What `import "server-only"` resolves to outside Next.js (tsx scripts, the CLI,
// Playwright, vitest): those all run on the server, so the marker has nothing to
// forbid. tsconfig.json maps the specifier here; Next.js ignores that mapping for
// its own server-only handling and fails the build when a client component's
// imports reach a module carrying the marker.
export {};
