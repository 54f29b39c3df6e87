import { describe, expect, it } from "vitest";
import { isValidInn, isValidOgrn } from "../../worker/organisations/rules";

/** Check digits computed by hand from the ФНС rules (and two well-known real numbers: Сбербанк). */
describe("ИНН", () => {
  it.each([
    ["7707083893", "10 digits, a real legal entity (ПАО Сбербанк)"],
    ["5406010016", "10 digits"],
    ["5406000040", "10 digits whose weighted sum leaves 10, so the check digit is 0"],
    ["500100732259", "12 digits, an individual"],
    ["540612345667", "12 digits"],
  ])("accepts %s (%s)", (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });

  it.each([
    ["7707083894", "wrong check digit"],
    ["7707083839", "two digits swapped"],
    ["500100732258", "12 digits, wrong last check digit"],
    ["500100732249", "12 digits, wrong first check digit"],
    ["770708389", "9 digits"],
    ["77070838931", "11 digits"],
    ["5001007322591", "13 digits"],
    ["77070838 3", "a space inside"],
    ["770708389a", "a letter"],
    [" 7707083893", "leading space (trimming is the form's job)"],
    ["７７０７０８３８９３", "full-width digits"],
    ["", "empty"],
  ])("refuses %j (%s)", (inn) => {
    expect(isValidInn(inn)).toBe(false);
  });
});

describe("ОГРН", () => {
  it.each([
    ["1027700132195", "13 digits, a real legal entity (ПАО Сбербанк)"],
    ["1055400000006", "13 digits"],
    ["1055400000040", "13 digits whose remainder mod 11 is 10, so the check digit is 0"],
    ["304500116000157", "15 digits, ОГРНИП"],
    ["304540000000050", "15 digits whose remainder mod 13 is 10, so the check digit is 0"],
  ])("accepts %s (%s)", (ogrn) => {
    expect(isValidOgrn(ogrn)).toBe(true);
  });

  it.each([
    ["1027700132196", "wrong check digit"],
    ["304500116000158", "15 digits, wrong check digit"],
    ["304500116000190", "15 digits whose last digit fits the 13-digit rule (mod 11), not mod 13"],
    ["102770013219", "12 digits"],
    ["10277001321955", "14 digits"],
    ["3045001160001577", "16 digits"],
    ["102770013219x", "a letter"],
    ["", "empty"],
  ])("refuses %j (%s)", (ogrn) => {
    expect(isValidOgrn(ogrn)).toBe(false);
  });
});
