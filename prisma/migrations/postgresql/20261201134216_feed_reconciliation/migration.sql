-- CreateTable
CREATE TABLE "FeedReconciliation" (
    "shop" TEXT NOT NULL,
    "cursor" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastFound" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeedReconciliation_pkey" PRIMARY KEY ("shop")
);

