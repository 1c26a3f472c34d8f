package vn.congdoan.award.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** One table as XLSX: the header, numbers as numbers, dates as dates, text as text however it starts. */
class SpreadsheetsTest {
  static final Spreadsheets SHEETS = new Spreadsheets(new BusinessClock("Asia/Ho_Chi_Minh"));
  static final List<String> HEADER = List.of("Mã hồ sơ", "Tiền thưởng (đồng)", "Ngày quyết định", "Ngày lập", "Ghi chú", "Năm");

  byte[] workbook(List<List<Object>> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SHEETS.write(out, "Hồ sơ khen thưởng", HEADER, rows);
    return out.toByteArray();
  }

  static List<Row> read(byte[] xlsx) throws IOException {
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
      assertThat(wb.getFirstSheet().getName()).isEqualTo("Hồ sơ khen thưởng");
      return wb.getFirstSheet().read();
    }
  }

  /** The workbook's parts by name, as text (read by the central directory, as Excel does). */
  static Map<String, String> parts(byte[] xlsx) throws IOException {
    Map<String, String> parts = new HashMap<>();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("sheet", ".xlsx");
    try {
      java.nio.file.Files.write(file, xlsx);
      try (ZipFile zip = new ZipFile(file.toFile())) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          parts.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } finally {
      java.nio.file.Files.delete(file);
    }
    return parts;
  }

  @Test
  void headerNumbersDatesAndTextReadBackAsTheirTypes() throws IOException {
    byte[] xlsx = workbook(List.of(
        Arrays.asList("LC-2026-0001", 1_490_000L, java.sql.Date.valueOf("2026-12-01"),
            Timestamp.from(Instant.parse("2026-11-20T02:00:00Z")), "=1+1", 2026),
        Arrays.asList("LC-2026-0002", new BigDecimal("12.5"), LocalDate.of(2026, 11, 30),
            LocalDateTime.of(2026, 11, 21, 14, 5), "+84 912 345 678", null),
        Arrays.asList("LC-2026-0003", null, null, null, "-SUM(A1:A2)", null),
        Arrays.asList("LC-2026-0004", null, null, null, "@HYPERLINK(\"http://x\")", null),
        Arrays.asList("LC-2026-0005", null, null, null, "Nguyễn Thị Ánh\u0001 <b>&amp;</b>", null)));
    List<Row> rows = read(xlsx);

    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).stream().map(Cell::asString).toList()).isEqualTo(HEADER);

    Row first = rows.get(1);
    assertThat(first.getCell(0).asString()).isEqualTo("LC-2026-0001");
    assertThat(first.getCell(1).getType()).isEqualTo(CellType.NUMBER);
    assertThat(first.getCell(1).asNumber()).isEqualByComparingTo("1490000");
    assertThat(first.getCell(5).getType()).isEqualTo(CellType.NUMBER);
    assertThat(first.getCell(5).asNumber()).isEqualByComparingTo("2026");
    Cell decided = first.getCell(2);
    assertThat(decided.getType()).isEqualTo(CellType.NUMBER);
    assertThat(decided.getDataFormatString()).isEqualTo("dd/mm/yyyy");
    assertThat(decided.asDate()).isEqualTo(LocalDateTime.of(2026, 12, 1, 0, 0));
    Cell created = first.getCell(3);
    assertThat(created.getDataFormatString()).isEqualTo("dd/mm/yyyy hh:mm");
    assertThat(created.asDate()).as("in the province's time").isEqualTo(LocalDateTime.of(2026, 11, 20, 9, 0));
    assertThat(first.getCell(4).getType()).isEqualTo(CellType.STRING);
    assertThat(first.getCell(4).asString()).isEqualTo("=1+1");
    assertThat(first.getCell(4).getFormula()).isNull();

    Row second = rows.get(2);
    assertThat(second.getCell(1).asNumber()).isEqualByComparingTo("12.5");
    assertThat(second.getCell(2).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 30, 0, 0));
    assertThat(second.getCell(3).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 21, 14, 5));
    assertThat(second.getCell(4).asString()).isEqualTo("+84 912 345 678");
    assertThat(rows.get(3).getCell(4).asString()).isEqualTo("-SUM(A1:A2)");
    assertThat(rows.get(4).getCell(4).asString()).isEqualTo("@HYPERLINK(\"http://x\")");
    assertThat(rows.get(5).getCell(4).asString()).startsWith("Nguyễn Thị Ánh").endsWith(" <b>&amp;</b>");
    for (Row row : rows.subList(1, rows.size())) {
      assertThat(row.getCell(4).getType()).isEqualTo(CellType.STRING);
    }

    String sheet = parts(xlsx).get("xl/worksheets/sheet1.xml");
    assertThat(sheet).doesNotContain("<f>").doesNotContain("<f ");
    assertThat(sheet).contains("state=\"frozen\"").contains("ySplit=\"1\"");
    assertThat(sheet).contains("<autoFilter ref=\"A1:F6\"");
    assertThat(parts(xlsx).get("xl/styles.xml")).contains("<b/>");
  }

  @Test
  void columnsAreAsWideAsTheirContentWithinBounds() throws IOException {
    byte[] xlsx = workbook(List.of(Arrays.asList("LC-2026-0001", 1L, null, null, "Thiếu biên bản. ".repeat(40), null)));
    String sheet = parts(xlsx).get("xl/worksheets/sheet1.xml");
    var widths = java.util.regex.Pattern.compile("<col min=\"(\\d+)\" max=\"\\d+\" width=\"([\\d.]+)\"").matcher(sheet);
    Map<Integer, Double> byColumn = new HashMap<>();
    while (widths.find()) {
      byColumn.put(Integer.parseInt(widths.group(1)), Double.parseDouble(widths.group(2)));
    }
    assertThat(byColumn.get(5)).as("a long text is capped").isEqualTo(Spreadsheets.MAX_WIDTH);
    assertThat(byColumn.get(1)).as("the code and the header").isBetween(12.0, 20.0);
    assertThat(byColumn.get(6)).as("a short header: at least the minimum").isGreaterThanOrEqualTo(Spreadsheets.MIN_WIDTH);
  }

  @Test
  void anEmptyTableStillHasItsHeader() throws IOException {
    List<Row> rows = read(workbook(List.of()));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getCell(0).asString()).isEqualTo("Mã hồ sơ");
  }
}
