// The production endpoint policy is enforced in the connection's own lookup: one lookup per
// connection, and the socket goes to the address that was checked.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "undici";
import { checkedLookup, checkedTransport, type Resolve } from "./checked-transport";

const PROD = { production: true, allowPrivate: false };
let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end("reached");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

/** A DNS that answers each question from a script: the first answer, then the next… */
function scriptedDns(...answers: string[][]) {
  const asked: string[] = [];
  const resolve: Resolve = (hostname, callback) => {
    asked.push(hostname);
    const next = answers[Math.min(asked.length - 1, answers.length - 1)];
    callback(null, next.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };
  return { resolve, asked };
}

describe("checked transport", () => {
  it("refuses a host that resolves to a private address, before any byte is sent", async () => {
    const dns = scriptedDns(["127.0.0.1"]);
    const { dispatcher } = checkedTransport(PROD, dns.resolve);
    const before = hits;
    const error = await fetch(`http://rebind.example.test:${port}/`, { dispatcher } as RequestInit).catch((e: { cause?: unknown }) => e.cause);
    expect(error).toMatchObject({ code: "EPRIVATEADDRESS", message: expect.stringMatching(/rebind\.example\.test resolves to a private or loopback address/) });
    expect(hits).toBe(before);
  });

  it("refuses NAT64 and 6to4 answers like the private ranges they reach", async () => {
    for (const address of ["64:ff9b::7f00:1", "2002:7f00:1::1"]) {
      const { dispatcher } = checkedTransport(PROD, scriptedDns([address]).resolve);
      const error = await fetch(`http://nat64.example.test:${port}/`, { dispatcher } as RequestInit).catch((e: { cause?: unknown }) => e.cause);
      expect(error).toMatchObject({ code: "EPRIVATEADDRESS" });
    }
  });

  it("resolves once per connection and connects to the address it checked, so a rebinding DNS gets no second say", async () => {
    // Stand-ins, since only loopback reaches the test server: 127.0.0.1 plays the public
    // address, 10.0.0.7 the private one a rebinding DNS answers to a second question.
    const dns = scriptedDns(["127.0.0.1"], ["10.0.0.7"]);
    const dispatcher = new Agent({ connect: { lookup: checkedLookup(dns.resolve, (address) => address.startsWith("10.")) } });
    const before = hits;
    const response = await fetch(`http://rebind.example.test:${port}/`, { dispatcher } as RequestInit);
    expect(await response.text()).toBe("reached");
    expect(hits).toBe(before + 1);
    expect(dns.asked).toEqual(["rebind.example.test"]);
    await dispatcher.close();
  });
});
