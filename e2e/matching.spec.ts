// Journey: an account whose ChartMogul customer only a similar name points to waits in
// the Matching view → the operator confirms the suggestion → the push preview says the
// customer was matched by the saved link → push → a re-push uses the same link (an update).
import { createApiToken, expect, test } from "./fixtures";
import { MATCHING_ACCOUNT, MATCHING_STAGE, PUSH_DESTINATION } from "./seed-push";

test("an operator confirms a suggested match, and pushes use the saved link", async ({ signedIn }) => {
  const page = await signedIn("operator");
  await page.goto("/matching");
  await page.getByRole("link", { name: PUSH_DESTINATION }).click();
  await expect(page.getByRole("heading", { name: `Matching · ${PUSH_DESTINATION}` })).toBeVisible();

  const waiting = page.getByTestId("unmatched-account").filter({ hasText: MATCHING_ACCOUNT });
  await expect(waiting).toContainText("no saved link, external id, e-mail or website domain matches");
  const suggestion = waiting.getByTestId("suggestion").filter({ hasText: "Stark Logistics GmbH" });
  await expect(suggestion).toContainText("similar name");
  await suggestion.getByRole("button", { name: "Confirm" }).click();
  // The account leaves "Without a match" (and its form with it) for the saved links.
  await expect(page.getByTestId("saved-link").filter({ hasText: MATCHING_ACCOUNT })).toContainText("Stark Logistics GmbH");
  await expect(page.getByTestId("unmatched-account").filter({ hasText: MATCHING_ACCOUNT })).toHaveCount(0);

  for (const [round, expected] of [
    [1, "0 updates of earlier pushes"],
    [2, "1 update of earlier pushes"],
  ] as const) {
    await page.goto(`/deals?stage=${encodeURIComponent(MATCHING_STAGE)}`);
    await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
    await page.getByRole("link", { name: "Push selected…" }).click();
    await page.getByLabel("Destination").selectOption({ label: PUSH_DESTINATION });
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("preview-counts"), `round ${round}`).toContainText(`1 deal selected · 1 ready · 0 can't be sent · ${expected}`);
    await expect(page.getByTestId("preview-notes")).toContainText('Customer "Stark Logistics GmbH" (cus_5ea17096-b142-4fce-b0a5-416f9c2fbd55) matched by saved link');
    await page.getByRole("button", { name: "Push the 1 ready deal" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
    await expect(page.getByTestId("run-summary")).toContainText(round === 1 ? "created 1" : "updated 1");
  }
});

test("a viewer sees the Matching view without the buttons that change links", async ({ signedIn }) => {
  const page = await signedIn("viewer");
  await page.goto("/matching");
  await page.getByRole("link", { name: PUSH_DESTINATION }).click();
  await expect(page.getByTestId("matching-counts")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Unlink" })).toHaveCount(0);
});

test("the matching API: operators confirm and unlink, viewers read", async ({ signedIn, request }) => {
  const base = `/api/v1/destinations/${encodeURIComponent(PUSH_DESTINATION)}/matching`;
  const operator = { Authorization: `Bearer ${await createApiToken(await signedIn("operator"), "matching")}` };
  const report = await (await request.get(base, { headers: operator })).json();
  const waiting = report.unmatched.find((u: { suggestions: { candidateName: string }[] }) => u.suggestions.some((s) => s.candidateName === "Umbrella Health, Inc."));
  expect(waiting).toBeTruthy();

  const unknown = await request.post(`${base}/links`, { headers: operator, data: { account: waiting.accountId, externalId: "cus_nope" } });
  expect(unknown.status()).toBe(404);
  const umbrella = waiting.suggestions.find((s: { candidateName: string }) => s.candidateName === "Umbrella Health, Inc.").candidateId;
  const linked = await request.post(`${base}/links`, { headers: operator, data: { account: waiting.accountId, externalId: umbrella, via: "suggestion:name" } });
  expect(linked.status()).toBe(201);
  expect((await linked.json()).link).toMatchObject({ accountId: waiting.accountId, externalId: umbrella, externalName: "Umbrella Health, Inc.", confirmedVia: "suggestion:name" });

  const viewer = { Authorization: `Bearer ${await createApiToken(await signedIn("viewer"), "matching")}` };
  const afterLink = await (await request.get(`${base}?search=umbrella`, { headers: viewer })).json();
  expect(afterLink.linked.map((l: { accountId: string }) => l.accountId)).toContain(waiting.accountId);
  expect(afterLink.searchResults.map((r: { id: string }) => r.id)).toEqual([umbrella]);
  expect((await request.delete(`${base}/links/${waiting.accountId}`, { headers: viewer })).status()).toBe(403);

  expect((await request.delete(`${base}/links/${waiting.accountId}`, { headers: operator })).status()).toBe(200);
  expect((await request.get(`${base}?bogus=1`, { headers: viewer })).status()).toBe(422);
});
