-- Issue #17 item 3: a removed lab member's API tokens stop working. Removal now revokes them in the
-- same transaction; this revokes the tokens of members removed before that change (their creator is
-- no longer a member of the token's lab, or was deleted). Data only, no schema change.
UPDATE "ApiToken" t
SET "revokedAt" = now()
WHERE t."revokedAt" IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM "LabMember" m WHERE m."userId" = t."createdById" AND m."labId" = t."labId"
  )
  -- Tokens made by staff (possible before decision 0001) are left alone.
  AND NOT EXISTS (
    SELECT 1 FROM "User" u WHERE u.id = t."createdById" AND u.role IN ('COORDINATOR', 'ADMIN')
  );
