// Shared by the tuyo-*.test.ts files: the Tuyo emulator (demo store 362, branch 428, user 16890, the
// demo categories) and the shop's Tuyo settings saved through the settings use-case.
import { saveTuyoSettingsForm } from "~/settings/tuyo.server";
import {
  DEMO_PRODUCTION_TOKEN,
  DEMO_STORE,
  DEMO_TESTING_TOKEN,
  startTuyoEmulator,
  type TuyoEmulator,
} from "../../emulators/tuyo/index";

export const STORE_ID = DEMO_STORE.id;
export const BRANCH_ID = DEMO_STORE.branches[0]!;
export const USER_ID = DEMO_STORE.users[0]!;
export { DEMO_PRODUCTION_TOKEN, DEMO_TESTING_TOKEN };

export function startTuyo(): Promise<TuyoEmulator> {
  return startTuyoEmulator({ port: 0 });
}

export async function setUpTuyo(
  shop: string,
  tuyo: TuyoEmulator,
  overrides: Partial<Parameters<typeof saveTuyoSettingsForm>[1]> = {},
) {
  const saved = await saveTuyoSettingsForm(shop, {
    apiUrl: tuyo.url,
    mode: "production",
    productionKey: DEMO_PRODUCTION_TOKEN,
    testingKey: DEMO_TESTING_TOKEN,
    storeId: String(STORE_ID),
    branchId: String(BRANCH_ID),
    userId: String(USER_ID),
    preparationHours: "24",
    freeShipping: false,
    fragile: false,
    ...overrides,
  });
  if (!saved.ok) throw new Error(`Tuyo settings not saved: ${JSON.stringify(saved)}`);
}
