-- CreateTable
CREATE TABLE "CustomerCreditSettings" (
    "shop" TEXT NOT NULL,
    "mirror" TEXT NOT NULL DEFAULT 'off',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerCreditSettings_pkey" PRIMARY KEY ("shop")
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
    "mirroredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreCreditMirror_pkey" PRIMARY KEY ("shop","email")
);

