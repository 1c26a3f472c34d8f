package vn.congdoan.award.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.congdoan.award.support.BusinessClock;

/**
 * The working-day calendar: weekends and the configured public holidays are skipped. Used from the BPMN
 * as {@code ${workingDays.dueIn(5)}} for due dates and {@code ${workingDays.deadlines(5)}} for the timer of
 * a step's deadlines.
 */
@Component("workingDays")
public class WorkingDays {
  private final BusinessClock clock;
  private final Set<LocalDate> holidays;
  private final int escalationAfter;

  public WorkingDays(BusinessClock clock, @Value("${award.calendar.holidays:}") List<LocalDate> holidays,
      @Value("${award.mail.escalation.after-working-days:3}") int escalationAfter) {
    this.clock = clock;
    this.holidays = new TreeSet<>(holidays);
    this.escalationAfter = escalationAfter;
  }

  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
  }

  /** The working day that comes {@code days} working days after {@code from} (from itself is not counted). */
  public LocalDate plusWorkingDays(LocalDate from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate day = from;
    int left = days;
    while (left > 0) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return day;
  }

  /**
   * The end (23:59:59 local time) of the working day that comes {@code days} working days after today:
   * a step due in 5 working days may be done until the evening of the fifth working day.
   */
  public Date dueIn(Number days) {
    return endOf(plusWorkingDays(clock.today(), days == null ? 0 : days.intValue()));
  }

  private Date endOf(LocalDate day) {
    return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(clock.zone()).toInstant());
  }

  /**
   * When an overdue task is escalated to the heads of the next level: {@code award.mail.escalation.
   * after-working-days} working days after its due date ({@code days}).
   */
  public Date escalationIn(Number days) {
    return escalationAfter(dueIn(days));
  }

  /** When a task due at {@code due} is escalated: the end of the working day that many working days later. */
  public Date escalationAfter(Date due) {
    return endOf(plusWorkingDays(LocalDate.ofInstant(due.toInstant(), clock.zone()), escalationAfter));
  }

  /**
   * The two deadlines of a step due in {@code days} working days, as one repeating timer (ISO 8601, as a
   * BPMN {@code timeCycle}): it fires at the due date ({@link #dueIn}), then once more at the escalation
   * ({@link #escalationAfter}), e.g. {@code R1/2026-12-10T23:59:59+07:00/PT120H}. The timer's listener
   * ({@code ${taskDeadline}}) tells the two apart. One timer job per task instead of two.
   */
  public String deadlines(Number days) {
    Date due = dueIn(days);
    return "R1/" + due.toInstant().atZone(clock.zone()).toOffsetDateTime()
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + "/" + java.time.Duration.between(due.toInstant(), escalationAfter(due).toInstant());
  }

  /** Working days from {@code from} (exclusive) to {@code to} (inclusive); 0 when to is not after from. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }
}
