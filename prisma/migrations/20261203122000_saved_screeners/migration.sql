-- Saved screeners (issue 24): named, versioned talent filters owned by a lab or by the coordinators.
CREATE TYPE "ScreenerOwner" AS ENUM ('LAB', 'COORDINATORS');

CREATE TABLE "Screener" (
    "id" TEXT NOT NULL,
    "owner" "ScreenerOwner" NOT NULL,
    "labId" TEXT,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "criteria" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Screener_pkey" PRIMARY KEY ("id"),
    -- A lab's screener names its lab; the coordinators' screeners name none.
    CONSTRAINT "Screener_owner_lab_check" CHECK (("owner" = 'LAB') = ("labId" IS NOT NULL)),
    -- A lab's screener never filters on a professional's private minimum rate.
    CONSTRAINT "Screener_lab_no_rate_check" CHECK ("owner" <> 'LAB' OR jsonb_typeof("criteria"->'maxRate') IS DISTINCT FROM 'number')
);

CREATE TABLE "ScreenerVersion" (
    "id" TEXT NOT NULL,
    "screenerId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "changes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScreenerVersion_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Screener_labId_idx" ON "Screener"("labId");
CREATE INDEX "Screener_owner_idx" ON "Screener"("owner");
CREATE UNIQUE INDEX "ScreenerVersion_screenerId_version_key" ON "ScreenerVersion"("screenerId", "version");
ALTER TABLE "Screener" ADD CONSTRAINT "Screener_labId_fkey" FOREIGN KEY ("labId") REFERENCES "Lab"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ScreenerVersion" ADD CONSTRAINT "ScreenerVersion_screenerId_fkey" FOREIGN KEY ("screenerId") REFERENCES "Screener"("id") ON DELETE CASCADE ON UPDATE CASCADE;
