// public/: the icons and robots.txt are served to anyone (the proxy lets them through
// signed out) and the pages' <head> points at them.
import { expect, test } from "./fixtures";

test("the icons and robots.txt are served signed out, with their types", async ({ request, baseURL }) => {
  const expected: Record<string, string> = {
    "/favicon.ico": "image/x-icon",
    "/icon.svg": "image/svg+xml",
    "/apple-icon.png": "image/png",
    "/robots.txt": "text/plain",
  };
  for (const [path, type] of Object.entries(expected)) {
    const response = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  expect(await (await request.get(`${baseURL}/robots.txt`)).text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test("every page links the icons and asks not to be indexed", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="apple-touch-icon"][href^="/apple-icon.png"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
});
