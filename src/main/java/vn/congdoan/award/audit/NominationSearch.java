package vn.congdoan.award.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.audit.NominationScope.Scope;

/**
 * Search over the read model ({@code nomination}), running and finished nominations alike, within a user's
 * {@link Scope}: never from Camunda's history tables.
 */
@Repository
public class NominationSearch {
  /** Rows per page of the search page. */
  public static final int PAGE_SIZE = 50;
  /** Rows at most in one export. */
  public static final int EXPORT_LIMIT = 100_000;

  /** Sort keys the page offers, and their columns (nothing else reaches the SQL). */
  static final Map<String, String> SORTS = Map.of(
      "created", "n.created_at", "updated", "n.updated_at", "code", "n.code", "nominee", "n.nominee_name",
      "unit", "n.unit_code", "status", "n.status", "form", "n.award_form");

  /**
   * What the user asks for; every field optional. {@code nominee} matches part of the name, case-insensitive;
   * {@code sort} one of {@link #SORTS}.
   */
  public record Criteria(Integer year, String round, String unit, String superiorUnit, String awardForm,
      String nominee, String status, String outcome, Boolean overdue, String sort, boolean ascending) {}

  /**
   * Matches counted at most: beyond them the page says "hơn 10.000" (counting every one of a province's
   * hundreds of thousands of nominations on every page costs more than the page itself) and offers the
   * pages up to there; a narrower search or the export reaches the rest.
   */
  public static final int COUNT_LIMIT = 10_000;

  /** {@code more}: more than {@code total} = {@link #COUNT_LIMIT} match. */
  public record Page(List<Map<String, Object>> rows, long total, boolean more, int page, int pages) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final boolean postgres;

  public NominationSearch(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
  }

  /**
   * The search's statements planned for their own values on PostgreSQL ({@code plan_cache_mode =
   * force_custom_plan} for their transaction). The same statement serves the auditor (every row matches) and
   * a grassroots unit (one in hundreds): a cached generic plan made for the first walks the whole
   * newest-first index for the second (measured: 0.5 s instead of 1 ms at 300,000 nominations).
   */
  private <T> T planned(Supplier<T> work) {
    if (!postgres) {
      return work.get();
    }
    return readOnly.execute(status -> {
      jdbc.execute("set local plan_cache_mode = force_custom_plan");
      return work.get();
    });
  }

  public Page search(Criteria criteria, Scope scope, int page) {
    return planned(() -> searchPlanned(criteria, scope, page));
  }

  private Page searchPlanned(Criteria criteria, Scope scope, int page) {
    List<Object> parameters = new ArrayList<>();
    String from = from(criteria, parameters);
    String where = where(criteria, scope, parameters);
    long counted = jdbc.queryForObject("select count(*) from (select 1 from " + from + " where " + where
        + " limit " + (COUNT_LIMIT + 1) + ") c", Long.class, parameters.toArray());
    boolean more = counted > COUNT_LIMIT;
    long total = Math.min(counted, COUNT_LIMIT);
    int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.min(Math.max(page, 1), pages);
    parameters.add(PAGE_SIZE);
    parameters.add((current - 1) * PAGE_SIZE);
    List<Map<String, Object>> rows = jdbc.queryForList("select n.* from " + from + " where " + where + order(criteria)
        + " limit ? offset ?", parameters.toArray());
    return new Page(rows, total, more, current, pages);
  }

  /** Everything the criteria find, for an export (at most {@link #EXPORT_LIMIT} rows). */
  public List<Map<String, Object>> all(Criteria criteria, Scope scope) {
    List<Object> parameters = new ArrayList<>();
    String from = from(criteria, parameters);
    String where = where(criteria, scope, parameters);
    parameters.add(EXPORT_LIMIT);
    return planned(() -> jdbc.queryForList("select n.* from " + from + " where " + where + order(criteria)
        + " limit ?", parameters.toArray()));
  }

  /** One nomination by its code, only if the scope covers it. */
  public Optional<Map<String, Object>> find(String code, Scope scope) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(code);
    String condition = scope.condition(parameters);
    return planned(() -> jdbc.queryForList("select n.* from nomination n where n.code = ? and " + condition,
        parameters.toArray()).stream().findFirst());
  }

  /**
   * The rows searched: all nominations, or, when part of a name is asked, those whose name holds it, found
   * first (on PostgreSQL through the trigram index on {@code nominee_key}) in a subquery the planner keeps
   * apart ({@code offset 0}). Otherwise it guesses that hundreds of names match where a few do, and walks the
   * newest-first index through the province's every nomination to find fifty.
   */
  private static String from(Criteria c, List<Object> parameters) {
    if (c.nominee() == null || c.nominee().isBlank()) {
      return "nomination n";
    }
    parameters.add("%" + vn.congdoan.award.nomination.NominationReadModel.nomineeKey(c.nominee())
        .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    return "(select * from nomination where nominee_key like ? escape '!' offset 0) n";
  }

  private static String where(Criteria c, Scope scope, List<Object> parameters) {
    StringBuilder where = new StringBuilder(scope.condition(parameters));
    if (c.year() != null) {
      where.append(" and n.round_year = ?");
      parameters.add(c.year());
    }
    equal(where, parameters, "n.round_code", c.round());
    equal(where, parameters, "n.unit_code", c.unit());
    equal(where, parameters, "n.superior_unit_code", c.superiorUnit());
    equal(where, parameters, "n.award_form", c.awardForm());
    equal(where, parameters, "n.status", c.status());
    equal(where, parameters, "n.outcome", c.outcome());
    if (c.overdue() != null) {
      where.append(" and n.overdue = ?");
      parameters.add(c.overdue());
    }
    return where.toString();
  }

  private static void equal(StringBuilder where, List<Object> parameters, String column, String value) {
    if (value != null && !value.isBlank()) {
      where.append(" and ").append(column).append(" = ?");
      parameters.add(value.strip());
    }
  }

  private static String order(Criteria c) {
    String column = SORTS.getOrDefault(c.sort() == null ? "created" : c.sort(), "n.created_at");
    String direction = c.ascending() ? " asc" : " desc";
    return " order by " + column + direction + ", n.code" + direction;
  }
}
