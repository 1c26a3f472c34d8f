package vn.congdoan.award.organization;

/** The level of a unit in the trade-union hierarchy. */
public enum UnitKind {
  /** The provincial federation of labour (LĐLĐ tỉnh). */
  PROVINCE,
  /** A union directly superior to grassroots units (LĐLĐ huyện, công đoàn ngành, công đoàn viên chức). */
  SUPERIOR,
  /** A grassroots union (công đoàn cơ sở). */
  GRASSROOTS
}
