package vn.congdoan.award.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Award rounds (đợt khen thưởng) and the dates they accept dossiers, from the {@code award_round} table. */
@Repository
public class AwardRounds {
  public record Round(String code, String name, String kind, int year, LocalDate opensOn, LocalDate closesOn) {
    public boolean isOpenOn(LocalDate day) {
      return !day.isBefore(opensOn) && !day.isAfter(closesOn);
    }
  }

  private final JdbcTemplate jdbc;

  public AwardRounds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Round> find(String code) {
    List<Round> rounds = jdbc.query(
        "select code, name, kind, round_year, opens_on, closes_on from award_round where code = ?",
        (rs, i) -> new Round(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)),
        code);
    return rounds.stream().findFirst();
  }
}
