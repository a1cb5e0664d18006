-- AlterTable: the time zone a person chose on /account (null = detect from the browser)
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;

-- CreateTable: a lab's logo, stored in PostgreSQL, one per lab
CREATE TABLE "LabLogo" (
    "labId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabLogo_pkey" PRIMARY KEY ("labId")
);

-- AddForeignKey
ALTER TABLE "LabLogo" ADD CONSTRAINT "LabLogo_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;
