-- Work credentials (issue 23): what a credential may say about the client, the lab's quality note,
-- the platform's signing keys and the issued credentials.
ALTER TABLE "Gig" ADD COLUMN "credentialDescriptor" TEXT;
ALTER TABLE "Gig" ADD COLUMN "credentialQualityNotes" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Application" ADD COLUMN "qualityNote" TEXT NOT NULL DEFAULT '';

CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "privateKeyPem" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WorkCredential" (
    "id" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "applicationId" TEXT,
    "gigId" TEXT,
    "labId" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "keyId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "onPublicProfile" BOOLEAN NOT NULL DEFAULT false,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "revokedById" TEXT,
    CONSTRAINT "WorkCredential_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "WorkCredential_profileId_issuedAt_idx" ON "WorkCredential"("profileId", "issuedAt");
CREATE INDEX "WorkCredential_labId_idx" ON "WorkCredential"("labId");
CREATE INDEX "WorkCredential_applicationId_idx" ON "WorkCredential"("applicationId");
ALTER TABLE "WorkCredential" ADD CONSTRAINT "WorkCredential_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "Profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
