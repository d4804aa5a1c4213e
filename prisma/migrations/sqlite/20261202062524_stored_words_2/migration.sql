-- AlterTable
ALTER TABLE "ConnectorSetting" ADD COLUMN "lastCheckWords" TEXT;

-- AlterTable
ALTER TABLE "OrderReversal" ADD COLUMN "lastErrorWords" TEXT;

-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN "errorWords" TEXT;

-- AlterTable
ALTER TABLE "FeedEndpoint" ADD COLUMN "statusReasonWords" TEXT;

-- AlterTable
ALTER TABLE "FeedDelivery" ADD COLUMN "lastErrorWords" TEXT;

-- AlterTable
ALTER TABLE "FeedAttempt" ADD COLUMN "errorWords" TEXT;

-- AlterTable
ALTER TABLE "MailLog" ADD COLUMN "errorWords" TEXT;

-- AlterTable
ALTER TABLE "GiftCardLink" ADD COLUMN "conflictWords" TEXT;

-- AlterTable
ALTER TABLE "GiftCardMail" ADD COLUMN "lastErrorWords" TEXT;

-- AlterTable
ALTER TABLE "TuyoListing" ADD COLUMN "reasonWords" TEXT;

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "detailWords" TEXT;
ALTER TABLE "Alert" ADD COLUMN "errorWords" TEXT;
ALTER TABLE "Alert" ADD COLUMN "titleWords" TEXT;

