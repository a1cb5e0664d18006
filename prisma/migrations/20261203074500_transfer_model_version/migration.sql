-- AlterTable: which transfer model computed the stored scores (null = before models were recorded)
ALTER TABLE "Profile" ADD COLUMN     "transferModelVersion" TEXT;
