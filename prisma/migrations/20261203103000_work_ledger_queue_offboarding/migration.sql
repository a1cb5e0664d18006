-- CreateTable
CREATE TABLE "Engagement" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "gigId" TEXT NOT NULL,
    "activeSince" TIMESTAMP(3) NOT NULL,
    "firstWorkDate" DATE,
    "queueState" TEXT NOT NULL DEFAULT 'WORK_AVAILABLE',
    "queueReason" TEXT,
    "queueNote" TEXT NOT NULL DEFAULT '',
    "checkAgainOn" DATE,
    "queueSetAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queueSetById" TEXT,
    "queueNudgedFor" DATE,
    "queueNudgedAt" TIMESTAMP(3),
    "offboardKind" TEXT,
    "offboardReason" TEXT,
    "offboardEvidence" TEXT,
    "offboardDecidedBy" TEXT,
    "offboardRecordedById" TEXT,
    "offboardedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Engagement_pkey" PRIMARY KEY ("id"),
    -- The queue status is never blank: work available, or no work with a reason and a date.
    CONSTRAINT "Engagement_queue_never_blank" CHECK (
      ("queueState" = 'WORK_AVAILABLE' AND "queueReason" IS NULL AND "checkAgainOn" IS NULL)
      OR ("queueState" = 'NO_WORK' AND "queueReason" IS NOT NULL AND "checkAgainOn" IS NOT NULL)
    ),
    -- An offboarding is recorded whole (reason, evidence, who decided) or not at all.
    CONSTRAINT "Engagement_offboarding_whole" CHECK (
      ("offboardedAt" IS NULL AND "offboardReason" IS NULL)
      OR ("offboardedAt" IS NOT NULL AND "offboardReason" IS NOT NULL AND "offboardKind" IS NOT NULL
          AND length("offboardEvidence") > 0 AND length("offboardDecidedBy") > 0)
    )
);

-- CreateTable
CREATE TABLE "WorkEntry" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "gigId" TEXT NOT NULL,
    "clientEntryId" TEXT,
    "workDate" DATE NOT NULL,
    "unit" "PayUnit" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "rateCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "review" TEXT NOT NULL,
    "reviewNote" TEXT,
    "payout" TEXT NOT NULL DEFAULT 'PENDING',
    "holdReason" TEXT,
    "recordedById" TEXT,
    "reviewedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkEntry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "WorkEntry_quantity_positive" CHECK ("quantity" > 0 AND "amountCents" >= 0 AND "rateCents" >= 0),
    CONSTRAINT "WorkEntry_held_has_reason" CHECK ("payout" <> 'HELD' OR length("holdReason") > 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "Engagement_applicationId_key" ON "Engagement"("applicationId");
CREATE INDEX "Engagement_gigId_idx" ON "Engagement"("gigId");
CREATE INDEX "Engagement_queueState_checkAgainOn_idx" ON "Engagement"("queueState", "checkAgainOn");
CREATE UNIQUE INDEX "WorkEntry_applicationId_clientEntryId_key" ON "WorkEntry"("applicationId", "clientEntryId");
CREATE INDEX "WorkEntry_applicationId_workDate_idx" ON "WorkEntry"("applicationId", "workDate");
CREATE INDEX "WorkEntry_gigId_workDate_idx" ON "WorkEntry"("gigId", "workDate");

-- AddForeignKey
ALTER TABLE "Engagement" ADD CONSTRAINT "Engagement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
