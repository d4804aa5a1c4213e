-- The order record names the id of the order where it was sent, whatever system received it.
-- A rename, so every exported order keeps its id.
ALTER TABLE "OrderExport" RENAME COLUMN "fastmagOrderId" TO "erpOrderId";
