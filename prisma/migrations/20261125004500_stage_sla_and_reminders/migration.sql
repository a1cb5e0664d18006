-- AlterTable
ALTER TABLE "Gig" ADD COLUMN     "coordinatorId" TEXT;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "slaNudgedAt" TIMESTAMP(3),
ADD COLUMN     "slaNudgedStageAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StageSla" (
    "stage" "Stage" NOT NULL,
    "days" INTEGER,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StageSla_pkey" PRIMARY KEY ("stage")
);

-- AddForeignKey
ALTER TABLE "Gig" ADD CONSTRAINT "Gig_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

