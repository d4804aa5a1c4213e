-- CreateTable
CREATE TABLE "CustomerCreditSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "mirror" TEXT NOT NULL DEFAULT 'off',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StoreCreditMirror" (
    "shop" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "erpCents" INTEGER NOT NULL,
    "shopifyCents" INTEGER NOT NULL,
    "pendingFromCents" INTEGER,
    "pendingToCents" INTEGER,
    "pendingErpCents" INTEGER,
    "mirroredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "email")
);

