// The sync screens' server words in the admin's language: schedules in plain words, schedule errors,
// job type titles and the run CSV exports' headings. English stays as it was; French comes out for "fr".
import { afterEach, describe, expect, it } from "vitest";
import { changesToCsv } from "./audit.server";
import { jobTypeTitle, jobTypeWords, registerJobType, unregisterJobType } from "./registry.server";
import { dayNames, describeCron } from "./schedule-words";
import { describeSchedule, scheduleErrors } from "./schedules.server";
import { skippedToCsv } from "./skipped.server";

describe("a schedule in French", () => {
  it.each([
    ["*/2 * * * *", "toutes les 2 minutes"],
    ["* * * * *", "chaque minute"],
    ["*/15 8-18 * * 1-5", "toutes les 15 minutes, de 8:00 à 18:45, en semaine (du lundi au vendredi)"],
    ["35 * * * *", "toutes les heures à xx:35"],
    ["10 0-2,5-23 * * *", "toutes les heures à xx:10, de 0:10 à 2:10 et de 5:10 à 23:10"],
    ["30 6 * * *", "chaque jour à 6:30"],
    ["0 7 * * 1,3,5", "chaque lundi, mercredi et vendredi à 7:00"],
    ["0 9 * * 0,6", "chaque samedi et dimanche à 9:00"],
    ["0 6 * * 1-5", "en semaine (du lundi au vendredi) à 6:00"],
    ["0 */6 * * *", "toutes les 6 heures à xx:00"],
    ["15 2 1 * *", "à 2:15, le 1 du mois"],
    ["0 4 * 1,7 *", "chaque jour à 4:00, en janvier et juillet"],
  ])("says %s as “%s”", (cron, words) => {
    expect(describeCron(cron, "fr")).toBe(words);
  });

  it("keeps the English and the time zone", () => {
    expect(describeSchedule("10 0-2,5-23 * * *", "Europe/Paris")).toBe(
      "every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris",
    );
    expect(describeSchedule("10 0-2,5-23 * * *", "Europe/Paris", "fr")).toBe(
      "toutes les heures à xx:10, de 0:10 à 2:10 et de 5:10 à 23:10, Europe/Paris",
    );
    expect(describeSchedule("0 0 * *", "UTC", "fr")).toBe("selon un horaire non valide, UTC");
  });

  it("names the picker's days", () => {
    expect(dayNames("fr")[1]).toBe("Lundi");
    expect(dayNames()[1]).toBe("Monday");
  });
});

describe("schedule errors", () => {
  it("are in French for a French admin and unchanged in English", () => {
    expect(scheduleErrors("nope", "Mars/Olympus", "fr")).toEqual({
      cron: expect.stringMatching(/^Cet horaire n'est pas valide : utilisez 5 champs/),
      timezone: "Fuseau horaire inconnu « Mars/Olympus » : choisissez-en un dans la liste (par ex. Europe/Paris).",
    });
    expect(scheduleErrors("nope", "Mars/Olympus")).toEqual({
      cron: expect.stringMatching(/^This schedule is not valid: use 5 fields/),
      timezone: 'Unknown time zone "Mars/Olympus": choose one from the list (e.g. Europe/Paris).',
    });
  });
});

describe("job type titles", () => {
  afterEach(() => unregisterJobType("test.words"));

  it("are in French when the type has French words, English otherwise", () => {
    registerJobType({
      type: "test.words",
      title: "Stock (full)",
      description: "Compares the stock.",
      fr: { title: "Stock (complet)", description: "Compare le stock." },
      retry: { maxAttempts: 1, baseDelayMs: 1 },
      handler: async () => {},
    });
    expect(jobTypeTitle("test.words")).toBe("Stock (full)");
    expect(jobTypeTitle("test.words", "fr")).toBe("Stock (complet)");
    expect(jobTypeTitle("test.unknown", "fr")).toBe("test.unknown");
    expect(jobTypeWords({ title: "Prices", description: "Copies prices." }, "fr")).toEqual({
      title: "Prices",
      description: "Copies prices.",
    });
  });
});

describe("run CSV exports", () => {
  const at = "2026-12-01T16:31:16.000Z";
  // Lines of a CSV, without the byte-order mark spreadsheets need.
  const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split(/\r?\n/);

  it("head their columns in the admin's language, dates ISO with the shop's offset", () => {
    const changes = [{ id: 1, entity: "stock", externalId: "SKU-1", field: "available", before: "1", after: "2", at }];
    expect(lines(changesToCsv(changes, "Europe/Paris"))[0]).toBe("entity,item,field,before,after,at");
    const fr = lines(changesToCsv(changes, "Europe/Paris", "fr"));
    expect(fr[0]).toBe("type,élément,champ,avant,après,date");
    expect(fr[1]).toContain("2026-12-01T17:31:16+01:00");
    const items = [{ entity: "stock", externalId: "SKU-2", reason: "No such SKU", at }];
    expect(lines(skippedToCsv(items, "Europe/Paris"))[0]).toBe("entity,external_id,reason,at");
    expect(lines(skippedToCsv(items, "Europe/Paris", "fr"))[0]).toBe("type,identifiant,raison,date");
  });
});
