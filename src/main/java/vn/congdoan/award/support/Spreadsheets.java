package vn.congdoan.award.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

/**
 * One table as an Excel workbook (XLSX) with fastexcel, streamed as it is written: a bold header row that
 * stays in view and carries the filter buttons, columns as wide as their content (within bounds), numbers as
 * numbers, dates and times as Excel dates shown {@code dd/mm/yyyy} and {@code dd/mm/yyyy hh:mm} in the
 * province's time zone. Text is always a string cell, never a formula, whatever it starts with
 * ({@code =}, {@code +}, {@code -}, {@code @}): fastexcel writes a formula only when asked to.
 */
@Component
public class Spreadsheets {
  static final String DATE = "dd/mm/yyyy";
  static final String DATE_TIME = "dd/mm/yyyy hh:mm";
  /** Column widths, in characters. */
  static final int MIN_WIDTH = 6;
  static final int MAX_WIDTH = 60;
  /** Excel keeps at most this many characters in a cell; a longer text would make the file unreadable. */
  static final int MAX_TEXT = 32_767;
  /** Rows kept in memory before they are written out. */
  private static final int FLUSH_EVERY = 1_000;

  private final ZoneId zone;

  public Spreadsheets(BusinessClock clock) {
    this.zone = clock.zone();
  }

  /**
   * Writes the workbook to {@code out} and finishes it (the stream is left open). A cell may be {@code null}
   * (empty), a {@link CharSequence}, a {@link Number}, a {@link Boolean}, a {@link java.util.Date}
   * ({@link java.sql.Date}: a date; any other: a date and time), a {@link LocalDate}, {@link LocalDateTime},
   * {@link Instant}, {@link ZonedDateTime} or {@link OffsetDateTime}; anything else is written as its text.
   */
  public void write(OutputStream out, String sheetName, List<String> header, List<List<Object>> rows)
      throws IOException {
    List<List<Object>> cells = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      cells.add(row.stream().map(this::normalize).toList());
    }
    Workbook workbook = new Workbook(out, "award-nomination", "1.0");
    Worksheet sheet = workbook.newWorksheet(sheetName);
    int[] widths = widths(header, cells);
    for (int c = 0; c < widths.length; c++) {
      sheet.width(c, widths[c]);
    }
    for (int c = 0; c < header.size(); c++) {
      sheet.value(0, c, text(header.get(c)));
      sheet.style(0, c).bold().fillColor("EEEEEE").borderStyle("thin").set();
    }
    sheet.freezePane(0, 1);
    if (!header.isEmpty()) {
      sheet.setAutoFilter(0, 0, cells.size(), header.size() - 1);
    }
    for (int r = 0; r < cells.size(); r++) {
      List<Object> row = cells.get(r);
      for (int c = 0; c < row.size(); c++) {
        write(sheet, r + 1, c, row.get(c));
      }
      if ((r + 1) % FLUSH_EVERY == 0) {
        sheet.flush();
      }
    }
    workbook.finish();
  }

  private static void write(Worksheet sheet, int r, int c, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      sheet.value(r, c, s);
    } else if (value instanceof Number n) {
      sheet.value(r, c, n);
    } else if (value instanceof Boolean b) {
      sheet.value(r, c, b);
    } else if (value instanceof LocalDateTime t) {
      sheet.value(r, c, t);
      sheet.style(r, c).format(DATE_TIME).set();
    } else if (value instanceof LocalDate d) {
      sheet.value(r, c, d);
      sheet.style(r, c).format(DATE).set();
    }
  }

  /**
   * The cell's value as one of String, Number, Boolean, LocalDate or LocalDateTime (local to the province).
   * A number Excel cannot hold (NaN, infinite) and a date before Excel's first day (1900) become text.
   */
  Object normalize(Object value) {
    Object v = value;
    if (v instanceof java.sql.Date d) {
      v = d.toLocalDate();
    } else if (v instanceof java.util.Date d) {
      v = LocalDateTime.ofInstant(d.toInstant(), zone);
    } else if (v instanceof Instant i) {
      v = LocalDateTime.ofInstant(i, zone);
    } else if (v instanceof ZonedDateTime z) {
      v = z.withZoneSameInstant(zone).toLocalDateTime();
    } else if (v instanceof OffsetDateTime o) {
      v = o.atZoneSameInstant(zone).toLocalDateTime();
    }
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number n) {
      if (n instanceof Double x && (x.isNaN() || x.isInfinite()) || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
        return n.toString();
      }
      return n;
    }
    if (v instanceof LocalDate d) {
      return d.getYear() < 1900 ? d.toString() : d;
    }
    if (v instanceof LocalDateTime t) {
      return t.getYear() < 1900 ? t.toString() : t;
    }
    return text(v.toString());
  }

  private static String text(String s) {
    if (s == null) {
      return "";
    }
    if (s.length() > MAX_TEXT) {
      int end = Character.isHighSurrogate(s.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
      return s.substring(0, end);
    }
    return s;
  }

  /** Each column's width: its longest value's (header: plus the filter button), within the bounds. */
  static int[] widths(List<String> header, List<List<Object>> cells) {
    int columns = header.size();
    for (List<Object> row : cells) {
      columns = Math.max(columns, row.size());
    }
    int[] widths = new int[columns];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = length(header.get(c)) + 4;
    }
    for (List<Object> row : cells) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], displayLength(row.get(c)) + 2);
      }
    }
    for (int c = 0; c < columns; c++) {
      widths[c] = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widths[c]));
    }
    return widths;
  }

  private static int displayLength(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof LocalDateTime) {
      return DATE_TIME.length();
    }
    if (value instanceof LocalDate) {
      return DATE.length();
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString().length();
    }
    return length(value.toString());
  }

  /** Characters as a reader counts them: a letter with its combining marks is one. */
  private static int length(String s) {
    if (s == null) {
      return 0;
    }
    int longestLine = 0;
    for (String line : s.split("\n", -1)) {
      longestLine = Math.max(longestLine, (int) line.codePoints()
          .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).count());
      if (longestLine >= MAX_WIDTH) {
        break;
      }
    }
    return longestLine;
  }
}
