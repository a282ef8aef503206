// The push page offers only the chosen destination's own run options (its form.ts
// `runOptions`): Jointflows' project type appears when Jointflows is chosen and goes when
// another destination is, and a preview carries only the chosen destination's options.
import { expect, test } from "./fixtures";
import { PUSH_DESTINATION, PUSH_STAGE } from "./seed-push";

const JOINTFLOWS = "Push options Jointflows";

test("switching the destination of a push switches its options", async ({ signedIn }) => {
  const page = await signedIn("admin");

  // A Jointflows destination beside the seeded ChartMogul one (an S3 key pair; nothing is sent).
  await page.goto("/settings/credentials");
  const addCredential = page.getByRole("region", { name: "Add a credential" });
  await addCredential.getByLabel("Kind").selectOption("s3");
  await addCredential.getByLabel("Name", { exact: true }).fill("Push options S3 key");
  await addCredential.getByLabel("Access key id").fill("AKIAPUSHOPTIONS00001");
  await addCredential.getByLabel("Secret access key").fill("push-options-secret-000000000000001");
  await addCredential.getByRole("button", { name: "Save credential" }).click();
  await expect(addCredential.getByRole("status")).toContainText('Saved "Push options S3 key"');

  await page.goto("/settings/destinations");
  const addDestination = page.getByRole("region", { name: "Add a destination" });
  await addDestination.getByLabel("Kind").selectOption("jointflows");
  await addDestination.getByLabel("Name", { exact: true }).fill(JOINTFLOWS);
  await addDestination.getByLabel("Credential").selectOption({ label: "Push options S3 key" });
  await addDestination.getByLabel("Bucket").fill("push-options-drops");
  await addDestination.getByRole("button", { name: "Add destination" }).click();
  await expect(addDestination.getByRole("status")).toHaveText(`Saved destination "${JOINTFLOWS}"`);

  await page.goto(`/deals?stage=${encodeURIComponent(PUSH_STAGE)}`);
  await page.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await page.getByRole("link", { name: "Push selected…" }).click();
  await expect(page).toHaveURL(/\/pushes\/new\?selection=/);

  const destination = page.getByLabel("Destination");
  const projectType = page.getByLabel("Project type");
  await destination.selectOption({ label: PUSH_DESTINATION });
  await expect(projectType).toHaveCount(0);
  await destination.selectOption({ label: JOINTFLOWS });
  await expect(projectType).toBeVisible();
  await projectType.fill("Onboarding");
  await destination.selectOption({ label: PUSH_DESTINATION });
  await expect(projectType).toHaveCount(0);

  // Previewed with Jointflows, the option travels with it and is shown again as chosen.
  await destination.selectOption({ label: JOINTFLOWS });
  await projectType.fill("Onboarding");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/[?&]options\.projectType=Onboarding(&|$)/);
  await expect(projectType).toHaveValue("Onboarding");

  // Switched to ChartMogul, the Jointflows option is neither shown nor sent.
  await destination.selectOption({ label: PUSH_DESTINATION });
  await expect(projectType).toHaveCount(0);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-counts")).toBeVisible();
  expect(new URL(page.url()).searchParams.has("options.projectType")).toBe(false);
  await expect(projectType).toHaveCount(0);
});
