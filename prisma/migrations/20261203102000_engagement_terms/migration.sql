-- Engagement terms on gigs (issue 22) and the record of changes made against them.
ALTER TABLE "Gig" ADD COLUMN "noticeDays" INTEGER,
ADD COLUMN "rateLockDays" INTEGER,
ADD COLUMN "minimumPaidHoursPerWeek" INTEGER,
ADD COLUMN "killFeeCents" INTEGER,
ADD COLUMN "assessmentMinutes" INTEGER,
ADD COLUMN "trainingMinutes" INTEGER,
ADD COLUMN "assessmentPaidWhen" TEXT NOT NULL DEFAULT '',
ADD COLUMN "trainingPaidWhen" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "GigTermChange" (
    "id" TEXT NOT NULL,
    "gigId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "promisedNoticeDays" INTEGER,
    "actualNoticeDays" INTEGER NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "withinPromise" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GigTermChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "GigTermChange_gigId_createdAt_idx" ON "GigTermChange"("gigId", "createdAt");
CREATE INDEX "GigTermChange_labId_createdAt_idx" ON "GigTermChange"("labId", "createdAt");

ALTER TABLE "GigTermChange" ADD CONSTRAINT "GigTermChange_gigId_fkey" FOREIGN KEY ("gigId") REFERENCES "Gig"("id") ON DELETE CASCADE ON UPDATE CASCADE;
