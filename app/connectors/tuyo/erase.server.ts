// shop/redact: everything the Tuyo connector keeps for a shop (its settings row goes with the others').
import { db } from "../../db.server";

export async function eraseTuyoData(shop: string): Promise<void> {
  await db.$transaction([
    db.tuyoCategoryList.deleteMany({ where: { shop } }),
    db.tuyoCategoryRule.deleteMany({ where: { shop } }),
    db.tuyoListing.deleteMany({ where: { shop } }),
    db.tuyoOrder.deleteMany({ where: { shop } }),
  ]);
}
