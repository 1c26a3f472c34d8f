package vn.congdoan.award.sequence;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers per name and year: gap-free decision numbers per deciding body ({@link #next}), and unique
 * nomination codes that never hold a lock for long ({@link #nextCommitted}).
 *
 * <p>The increment runs in the caller's transaction and holds the counter row's lock until it commits:
 * two decisions made at the same moment get consecutive numbers, and a number taken by a transaction
 * that rolls back is given back, so numbers are never skipped or reused. Only the creation of a year's
 * counter row runs in its own transaction, so that two first numbers of a year cannot both insert it.
 */
@Service
public class SequenceService {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;

  public SequenceService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public long next(String name, int year) {
    int updated = increment(name, year);
    if (updated == 0) {
      createCounter(name, year);
      updated = increment(name, year);
    }
    if (updated != 1) {
      throw new IllegalStateException("Counter " + name + "/" + year + " could not be incremented");
    }
    Long value = jdbc.queryForObject(
        "select last_value from sequence_counter where name = ? and counter_year = ?", Long.class, name, year);
    return value;
  }

  /**
   * A unique number taken in a transaction of its own and committed at once, so that concurrent callers do
   * not queue on the counter row for the length of their own transactions. A caller that rolls back leaves a
   * gap: for identifiers such as nomination codes, never for decision numbers (use {@link #next}).
   */
  public long nextCommitted(String name, int year) {
    return newTransaction.execute(status -> next(name, year));
  }

  /** The last number handed out, 0 if none (for reports and tests). */
  public long current(String name, int year) {
    return jdbc.query("select last_value from sequence_counter where name = ? and counter_year = ?",
        rs -> rs.next() ? rs.getLong(1) : 0L, name, year);
  }

  private int increment(String name, int year) {
    return jdbc.update(
        "update sequence_counter set last_value = last_value + 1 where name = ? and counter_year = ?", name, year);
  }

  private void createCounter(String name, int year) {
    try {
      newTransaction.executeWithoutResult(status -> jdbc.update(
          "insert into sequence_counter (name, counter_year, last_value) values (?, ?, 0)", name, year));
    } catch (DuplicateKeyException alreadyCreatedByAnotherTransaction) {
      // fine: the row exists now
    }
  }
}
