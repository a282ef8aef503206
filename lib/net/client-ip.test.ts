import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpOf, stampClientIpHeader } from "./client-ip";

describe("clientIpOf", () => {
  it("with no trusted proxy, is the socket peer whatever X-Forwarded-For claims", () => {
    expect(clientIpOf("198.51.100.7", "203.0.113.9", 0)).toBe("198.51.100.7");
    expect(clientIpOf("::ffff:198.51.100.7", undefined, 0)).toBe("198.51.100.7");
  });

  it("with N trusted proxies, is the N-th address from the right, so entries a client prepends do not count", () => {
    // client 203.0.113.5 → proxy A (appends it) → proxy B (appends A=10.0.0.2) → us (socket: B=10.0.0.3)
    expect(clientIpOf("10.0.0.3", "203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
    expect(clientIpOf("10.0.0.3", "6.6.6.6, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
    expect(clientIpOf("10.0.0.2", ["6.6.6.6", "203.0.113.5"], 1)).toBe("203.0.113.5");
    expect(clientIpOf("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });
});

describe("stampClientIpHeader", () => {
  it("overwrites a client's own claim with the socket peer on a real server", async () => {
    stampClientIpHeader(0);
    const server = http.createServer((req, res) => res.end(String(req.headers[CLIENT_IP_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "203.0.113.9", [CLIENT_IP_HEADER]: "203.0.113.10" } });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
