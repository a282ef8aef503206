// Import review journey: an admin adds an S3 source, tests it, runs an import, the drop is
// overwritten with the next snapshot, and the second run's review shows the changed fields,
// a rejected row with its line number, and the problems CSV download.
import { readFile } from "node:fs/promises";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import path from "node:path";
import { SEED_DATA_DIR } from "@/sandbox/seed-data";
import { expect, test } from "./fixtures";
import { E2E_S3 } from "./seed-imports";

async function dropNextSnapshot() {
  const client = new S3Client({
    endpoint: E2E_S3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: E2E_S3.accessKeyId, secretAccessKey: E2E_S3.secretAccessKey },
  });
  for (const name of ["deals.csv", "accounts.csv", "contacts.csv"]) {
    const body = await readFile(path.join(SEED_DATA_DIR, "jointflows-v2", name));
    await client.send(new PutObjectCommand({ Bucket: E2E_S3.bucket, Key: `${E2E_S3.prefix}${name}`, Body: body }));
  }
  client.destroy();
}

test("admin adds an S3 source, imports twice and reviews the changes and rejected rows", async ({ signedIn }) => {
  test.setTimeout(120_000);
  const page = await signedIn("admin");

  await page.goto("/settings");
  await page.getByRole("link", { name: /Sources/ }).click();
  const add = page.getByRole("region", { name: "Add a source" });
  await add.getByLabel("Name").fill("E2E Jointflows");
  await add.getByLabel("Bucket").fill(E2E_S3.bucket);
  await add.getByLabel("Prefix").fill(E2E_S3.prefix);
  await add.getByLabel("Endpoint (S3-compatible stores)").fill(E2E_S3.endpoint);
  await add.getByLabel("Credential").selectOption({ label: E2E_S3.credentialName });
  await add.getByRole("button", { name: "Add source" }).click();
  await expect(add.getByRole("status")).toHaveText('Added source "E2E Jointflows"');

  const saved = page.getByTestId("source-settings").filter({ hasText: "E2E Jointflows" });
  await saved.getByRole("button", { name: "Test connection" }).click();
  await expect(saved.getByRole("list", { name: "Files found" })).toContainText("deals.csv");
  await expect(saved.getByRole("status").first()).toContainText("3 files to import");

  const runImport = async () => {
    await page.goto("/imports");
    const card = page.getByTestId("source").filter({ hasText: "E2E Jointflows" });
    await card.getByRole("button", { name: "Run import" }).click();
    await card.getByRole("link", { name: "follow it" }).click();
    await expect(page.getByRole("heading", { name: /import of E2E Jointflows$/ })).toBeVisible();
    await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  };

  await runImport();
  await expect(page.getByTestId("count-new")).toHaveText("150");
  await expect(page.getByTestId("run-file")).toHaveCount(3);

  await dropNextSnapshot();
  await runImport();
  await expect(page.getByTestId("count-changed")).toHaveText("19");
  await expect(page.getByTestId("count-removed")).toHaveText("4");
  await expect(page.getByTestId("count-rejected")).toHaveText("3");

  await page.getByRole("link", { name: /^Changed \(19\)/ }).click();
  const stageChange = page.getByTestId("change-changed").filter({ hasText: "DL-10138" });
  await expect(stageChange.getByTestId("changed-field")).toHaveText("stage: Discovery → Qualification");
  await expect(stageChange.locator("mark")).toHaveText("Qualification");

  const ambiguous = page.getByTestId("problem").filter({ hasText: "target_close_date" }).filter({ hasText: "row rejected" });
  await expect(ambiguous.getByTestId("problem-line")).toHaveText("101");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download problems CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv).toMatch(/^\uFEFFfile,line,column,severity,code,message,excerpt/);
  expect(csv).toMatch(/deals\.csv,101,target_close_date,error,ambiguous_date,/);
});
