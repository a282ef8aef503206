-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "endpoint" TEXT;

-- The endpoint a secret may be sent to becomes part of its credential. Each credential takes
-- the one endpoint its sources and destinations were configured with (no URL counts as the
-- kind's default). Where they named different endpoints none is chosen: the secret must not
-- go to a host the admin did not name for it, so those sources and destinations stop with a
-- message until an admin saves the credential again with its endpoint. Pipeliner keeps its
-- service URL inside the sealed secret, and it is copied here the next time the secret is saved.
WITH configured AS (
  SELECT "credentialId" AS id, rtrim(btrim(coalesce(options->>'apiUrl', options->>'endpoint', '')), '/') AS url
  FROM "Destination" WHERE "credentialId" IS NOT NULL
  UNION ALL
  SELECT "credentialId", rtrim(btrim(coalesce(config->'location'->>'endpoint', config->>'baseUrl', '')), '/')
  FROM "Source" WHERE "credentialId" IS NOT NULL
), agreed AS (
  SELECT id, min(url) AS url FROM configured GROUP BY id HAVING count(DISTINCT url) = 1
)
UPDATE "Credential" c SET "endpoint" = agreed.url
FROM agreed WHERE c.id = agreed.id AND agreed.url <> '' AND c.kind <> 'pipeliner';
