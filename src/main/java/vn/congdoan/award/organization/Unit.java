package vn.congdoan.award.organization;

import java.time.LocalDate;

/**
 * One version of a unit: the unit as it was from {@code validFrom} (inclusive) to {@code validTo}
 * (exclusive; null while still in force). A unit that moves to another parent has one version per parent.
 *
 * @param parentCode   null for the province
 * @param block        the emulation block ("khối thi đua") of a superior unit, else null
 * @param decisionCode the body code in decision numbers ("Số: 12/QĐ-LĐLĐ"), null if the unit issues none
 */
public record Unit(
    String code,
    String name,
    UnitKind kind,
    String parentCode,
    String block,
    String decisionCode,
    LocalDate validFrom,
    LocalDate validTo) {

  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
  }
}
