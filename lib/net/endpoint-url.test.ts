import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { isPrivateAddress, parseEndpointUrl } from "./endpoint-url";

const PROD = { production: true, allowPrivate: false };
const DEV = { production: false, allowPrivate: true };
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).message;
  }
  throw new Error("expected a refusal");
};

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "[::1]", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::"])(
    "%s is private",
    (a) => expect(isPrivateAddress(a)).toBe(true),
  );
  // NAT64 and 6to4 carry an IPv4 address (here 127.0.0.1, 10.0.0.1, 169.254.169.254) to a gateway that reaches it.
  it.each(["64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::", "::7f00:1"])("%s (NAT64, 6to4, IPv4-compatible) is private", (a) =>
    expect(isPrivateAddress(a)).toBe(true),
  );
  it.each(["8.8.8.8", "172.32.0.1", "1.1.1.1", "2606:4700:4700::1111", "api.chartmogul.com"])("%s is not", (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
});

describe("parseEndpointUrl", () => {
  it("accepts http(s) URLs and drops a trailing slash", () => {
    expect(parseEndpointUrl("https://api.chartmogul.com/", PROD)).toBe("https://api.chartmogul.com");
    expect(parseEndpointUrl("http://127.0.0.1:9000/v3/", DEV)).toBe("http://127.0.0.1:9000/v3");
  });

  it("refuses other schemes, garbage and embedded credentials everywhere", () => {
    for (const policy of [PROD, DEV]) {
      expect(refusal(() => parseEndpointUrl("ftp://files.example.com", policy))).toMatch(/http\(s\) URL, not ftp:/);
      expect(refusal(() => parseEndpointUrl("file:///etc/passwd", policy))).toMatch(/http\(s\)/);
      expect(refusal(() => parseEndpointUrl("not a url", policy))).toMatch(/must be an http\(s\) URL/);
      expect(refusal(() => parseEndpointUrl("https://user:pw@api.example.com", policy))).toMatch(/user name or password/);
    }
  });

  it("in production refuses http and private, loopback and local names", () => {
    expect(refusal(() => parseEndpointUrl("http://api.example.com", PROD, "S3 endpoint"))).toMatch(/^S3 endpoint must use https/);
    for (const host of ["127.0.0.1", "localhost", "10.0.0.5", "[::1]", "169.254.169.254", "minio.internal", "s3.localhost"]) {
      expect(refusal(() => parseEndpointUrl(`https://${host}:9000`, PROD))).toMatch(/private or loopback/);
    }
  });

  it("in production allows them once an admin allows private endpoints", () => {
    expect(parseEndpointUrl("http://127.0.0.1:9000", { production: true, allowPrivate: true })).toBe("http://127.0.0.1:9000");
  });
});
