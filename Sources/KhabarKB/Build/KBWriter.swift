import KhabarCore

/// Writes a built knowledge base: `entries.jsonl` (sorted by id) and a `README.md` with counts.
public enum KBWriter {
  public static func write(_ entries: [KBEntry], notes: [String], command: [String], to directory: String) throws {
    try FileIO.makeDirectories(directory)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(entries.count * 200)
    for e in entries {
      var w = JSONWriter(capacity: 256)
      e.write(to: &w)
      bytes += w.bytes
      bytes.append(0x0A)
    }
    try FileIO.writeAtomically(bytes, to: "\(directory)/entries.jsonl")
    try FileIO.writeAtomically(Array(readme(entries, notes: notes, command: command, size: bytes.count).utf8),
                               to: "\(directory)/README.md")
  }

  static func readme(_ entries: [KBEntry], notes: [String], command: [String], size: Int) -> String {
    var byType: [String: Int] = [:], byPrefix: [String: Int] = [:], byPrecision: [String: Int] = [:]
    var names = 0
    for e in entries {
      byType[e.type, default: 0] += 1
      byPrefix[String(e.id.prefix(3)), default: 0] += 1
      byPrecision[e.precision ?? "none", default: 0] += 1
      names += e.ar.count
    }
    func table(_ d: [String: Int]) -> String {
      d.sorted { $0.key < $1.key }.map { "| \($0.key) | \($0.value) |" }.joined(separator: "\n")
    }
    let args = command.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    return """
      # data/kb: Khabar's knowledge base

      `entries.jsonl` holds one `KBEntry` (see `Sources/KhabarKB/KBEntry.swift`) per line, sorted by `id`.
      It is generated; do not edit it by hand. Edit `data/curated/*.tsv` and rebuild with `make kb`, i.e.

          khabar-kb \(args)

      The build is deterministic: the same inputs give a byte-identical file.

      ## Counts

      \(entries.count) entries, \(names) Arabic names, \(size) bytes.

      | type | entries |
      |---|---|
      \(table(byType))

      | id kind | entries |
      |---|---|
      \(table(byPrefix))

      | precision | entries |
      |---|---|
      \(table(byPrecision))

      Build notes:

      \(notes.map { "- \($0)" }.joined(separator: "\n"))

      ## Ids

      `wd.<QID>` when a verified Wikidata id exists (from `data/curated`, or from a Wikidata dump),
      else `gn.<geonameid>`, else `kh.<type>.<slug>` (slug: the English label lower-cased, ASCII
      letters and digits kept, every other run of characters → `-`). Identifiers are never guessed.

      ## Fields

      Places carry `geo` ([latitude, longitude]) with a `precision`: `city` for GeoNames populated places,
      `region` for governorates, districts and rivers (a rough representative point), `point` for bases,
      crossings and fields. Countries (`feature` PCLI, `precision` country) carry, besides `capital` (the
      capital's entry id), `neighbours` (ISO codes) and `population`, a `geo` that stands for the whole
      country on a map: GeoNames' `countryInfo.txt` gives none, so it is the centre on the sphere of the
      country's cities in `cities15000.txt` (all of them, not only those kept here), rounded to 4 decimals.
      Persons, organisations and misc entries carry names only.

      ## A larger knowledge base from full dumps

      The same command streams a user's full GeoNames dump and a Wikidata JSON dump, line by line
      (nothing is downloaded):

          khabar-kb build --geonames ../shared/gazetteer/geonames --curated data/curated \\
            --all-countries allCountries.txt --alternate-names alternateNamesV2.txt --out /tmp/kb-large
          gzip -dc latest-all.json.gz | khabar-kb build --geonames ../shared/gazetteer/geonames \\
            --curated data/curated --wikidata - --out /tmp/kb-large

      From `allCountries.txt` it takes the places of the chosen countries (`--countries`) that are populated
      places (class P) or one of ADM1 ADM2 ADMD AIRB AIRF AIRP AIRH MILB INSM CMPRF PSTB OILF STM LK RSV DAM,
      with Arabic names from `alternateNamesV2.txt` (language `ar`, historic names skipped, preferred first).
      From Wikidata it takes entities with an Arabic label that are humans (P31 Q5) or organisations
      (`--min-sitelinks`, default 5) or places linked to a GeoNames record (P1566) or inside the Middle East
      (P625); labels and aliases in ar and en. Run `khabar-kb check --data <folder above kb/>` on the result.

      ## Sources and licences

      - GeoNames (`cities15000.txt` dump of 2026-05-17, `countryInfo.txt`, `admin1CodesASCII.txt`;
        see `../shared/gazetteer/geonames/README.md`): "Data from GeoNames (geonames.org), CC BY 4.0".
        Arabic names come from the untagged `alternatenames` column, filtered: strings with letters
        Arabic does not use (پ چ ژ گ ک ی ە ۆ ڵ ڕ ے ہ ۇ ۋ …) are dropped as Persian, Kurdish or Urdu.
      - Debian iso-codes (`iso_3166-1.json` and the Arabic `iso_3166-1.mo`, read from the
        `--iso-codes` prefix, default `/usr/share`): LGPL-2.1-or-later. Arabic country names.
      - `data/curated/*.tsv`: hand-curated for Khabar (persons, organisations, regions, places GeoNames
        lacks, extra spellings); see `data/curated/README.md`. Wikidata ids there were verified by hand
        (Wikidata is CC0).
      - Optional, not used for the committed file: a full GeoNames dump (`--all-countries`,
        `--alternate-names`, CC BY 4.0) and a Wikidata JSON dump (`--wikidata`, CC0).

      """
  }
}
