/** Reading Dutch addresses: house numbers with their additions, and one-cell addresses. */

/**
 * Splits a house number with its addition: "12" -> 12, "12a" -> 12 A, "12-2" -> 12 2,
 * "12 bis" -> 12 BIS. Extra suffix text (a separate huisletter/toevoeging column) is appended.
 */
export function parseHouseNumber(text: string, extraSuffix = ''): { houseNumber: number; suffix?: string } | null {
  const m = /^\s*(\d{1,5})\s*[-/\s]?\s*([\p{L}\d][\p{L}\d\s-]*)?\s*$/u.exec(text);
  if (!m) return null;
  const inNumber = compactSuffix(m[2] ?? ''),
    extra = compactSuffix(extraSuffix);
  const suffix = inNumber && extra ? `${inNumber}-${extra}` : inNumber || extra;
  return suffix ? { houseNumber: Number(m[1]), suffix } : { houseNumber: Number(m[1]) };
}

/** A house number suffix without white space, upper-case ("a 2" -> "A2"). */
const compactSuffix = (s: string) => s.trim().replace(/\s+/g, '').toUpperCase();

/**
 * Splits one address cell into its parts: "Adelaarsweg 4", "Hoogbrugstraat 39 A",
 * "Kerkstraat 12-bis", "Plein 1944 3" (the house number is the last number), "Sint Pieterstraat 2a",
 * "Amstel 1 1011PN Amsterdam", "Markt 12, 6211 CK Maastricht", "Markt 12, Maastricht".
 * Without a number the whole text (up to a postcode or comma) is the street.
 */
export function splitAddress(text: string): { street?: string; houseNumber?: number; suffix?: string; postcode?: string; city?: string } {
  let rest = text.replace(/\s+/g, ' ').trim();
  const out: { street?: string; houseNumber?: number; suffix?: string; postcode?: string; city?: string } = {};
  const pc = /^(.*?)[ ,]*\b([1-9]\d{3}) ?([A-Za-z]{2})\b[ ,]*(.*)$/.exec(rest);
  if (pc?.[1]) {
    out.postcode = `${pc[2]}${pc[3]!.toUpperCase()}`;
    if (pc[4]) out.city = pc[4].trim();
    rest = pc[1].trim();
  } else {
    const comma = rest.lastIndexOf(',');
    if (comma > 0) {
      const city = rest.slice(comma + 1).trim();
      if (city && !/\d/.test(city)) out.city = city;
      rest = rest.slice(0, comma).trim();
    }
  }
  const m = /^(.*\S)\s+(\d{1,5})(?:\s*[-/]?\s*([\p{L}\d]{1,6}(?:[ -][\p{L}\d]{1,4})?))?$/u.exec(rest);
  if (m && /\p{L}/u.test(m[1]!)) {
    out.street = m[1]!;
    const n = parseHouseNumber(`${m[2]}${m[3] ? ` ${m[3]}` : ''}`);
    if (n) Object.assign(out, n);
  } else if (rest) out.street = rest;
  return out;
}
