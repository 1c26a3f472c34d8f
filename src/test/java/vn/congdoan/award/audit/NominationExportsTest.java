package vn.congdoan.award.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.web.RestEngineContext;

/**
 * The search as XLSX (/ho-so.xlsx: the CSV's rows and columns, typed cells, the user's scope) and one
 * nomination printed with its whole trail (/ho-so/<code>/ban-in.pdf: 404 outside the scope).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class NominationExportsTest extends NominationTestSupport {
  static final String LONG_REASON = "Thiếu biên bản họp bình xét có chữ ký của chủ tọa và thư ký. ".repeat(12)
      + "Đề nghị bổ sung <b>bản gốc</b>.";

  @Autowired TestRestTemplate rest;

  String hospital; // cs_bvdk_tinh, under cdn_yte
  String hospitalNominee;
  String school;   // cs_thpt_lqd, under cdn_giaoduc

  @BeforeEach
  void twoNominationsOfTwoUnits() {
    Map<String, Object> dossier = dossier("bang-khen-tinh");
    hospitalNominee = "Nguyễn Thị Ánh " + System.nanoTime();
    dossier.put("nomineeName", hospitalNominee);
    ProcessInstance pi = start("lap.bvdk", dossier);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    review("thamdinh.yte", pi, "superiorVetting", "return", LONG_REASON);
    hospital = (String) row(pi).get("code");
    ProcessInstance other = start("lap.lqd", dossier("giay-khen"));
    school = (String) row(other).get("code");
  }

  ResponseEntity<byte[]> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(path, byte[].class);
  }

  static List<Row> sheet(byte[] xlsx) throws IOException {
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
      return wb.getFirstSheet().read();
    }
  }

  static Optional<Row> rowOf(List<Row> rows, String code) {
    return rows.stream().filter(r -> code.equals(r.getCellAsString(0).orElse(null))).findFirst();
  }

  /** One CSV record of the export (every cell quoted), unquoted. */
  static List<String> csvCells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.length() - 1);
    return java.util.Arrays.stream(inner.split("\",\"", -1)).map(c -> c.replace("\"\"", "\"")).toList();
  }

  @Test
  void theAuditorsWorkbookHasTheCsvsColumnsEveryUnitsNominationsAndTypedCells() throws IOException {
    jdbc.update("update nomination set decision_number = ?, decision_date = ?, award_money = ? where code = ?",
        "12/QĐ-LĐLĐ", java.sql.Date.valueOf("2026-12-01"), 1_490_000L, hospital);
    ResponseEntity<byte[]> xlsx = get("kiemtra.tinh", "/ho-so.xlsx?sort=created&dir=desc");
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(xlsx.getHeaders().getContentType().toString()).isEqualTo(NominationExports.XLSX);
    assertThat(xlsx.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
    assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("ho-so-khen-thuong.xlsx");
    assertThat(xlsx.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(xlsx.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");

    List<Row> rows = sheet(xlsx.getBody());
    List<String> header = rows.get(0).stream().map(Cell::asString).toList();
    assertThat(header).startsWith("Mã hồ sơ", "Người/tập thể được đề nghị").contains("Tiền thưởng (đồng)");
    String csv = new String(get("kiemtra.tinh", "/ho-so.csv?sort=created&dir=desc").getBody(), StandardCharsets.UTF_8)
        .substring(1);
    List<String> csvLines = List.of(csv.split("\r\n"));
    assertThat(header).as("the CSV's header").isEqualTo(csvCells(csvLines.get(0)));
    assertThat(rows).as("the CSV's rows").hasSize(csvLines.size());

    Row h = rowOf(rows, hospital).orElseThrow();
    assertThat(rowOf(rows, school)).isPresent();
    List<String> csvRow = csvCells(csvLines.stream().filter(l -> l.startsWith("\"" + hospital + "\"")).findFirst().orElseThrow());
    assertThat(h.getCellAsString(1)).hasValue(hospitalNominee);
    assertThat(h.getCellAsString(4)).hasValue("Bằng khen của Liên đoàn Lao động tỉnh");
    assertThat(h.getCellAsString(7)).hasValue("Trả lại để bổ sung");
    assertThat(h.getCellAsString(9)).hasValue("không");
    assertThat(h.getCell(6).getType()).as("the year").isEqualTo(CellType.NUMBER);
    assertThat(h.getCell(6).asNumber()).isEqualByComparingTo("2026");
    assertThat(h.getCell(12).asString()).isEqualTo("12/QĐ-LĐLĐ");
    assertThat(h.getCell(13).getDataFormatString()).isEqualTo("dd/mm/yyyy");
    assertThat(h.getCell(13).asDate()).isEqualTo(LocalDateTime.of(2026, 12, 1, 0, 0));
    assertThat(h.getCell(14).getType()).as("the money").isEqualTo(CellType.NUMBER);
    assertThat(h.getCell(14).asNumber()).isEqualByComparingTo("1490000");
    Cell created = h.getCell(15);
    assertThat(created.getDataFormatString()).isEqualTo("dd/mm/yyyy hh:mm");
    assertThat(created.asDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")))
        .as("the CSV's creation time, in the province's time").isEqualTo(csvRow.get(15));
    assertThat(h.getOptionalCell(16).map(Cell::getType).orElse(CellType.EMPTY)).as("not ended").isEqualTo(CellType.EMPTY);
  }

  @Test
  void aPreparersWorkbookHasOnlyTheUnitsOwnNominationsAndFiltersApply() throws IOException {
    List<Row> own = sheet(get("lap.lqd", "/ho-so.xlsx").getBody());
    assertThat(rowOf(own, school)).isPresent();
    assertThat(rowOf(own, hospital)).isEmpty();
    assertThat(own).allSatisfy(r -> assertThat(r.getCellAsString(0).orElse("")).isNotEqualTo(hospital));

    List<Row> filtered = sheet(get("kiemtra.tinh", "/ho-so.xlsx?awardForm=giay-khen&unit=cs_thpt_lqd").getBody());
    assertThat(rowOf(filtered, school)).isPresent();
    assertThat(rowOf(filtered, hospital)).isEmpty();
  }

  @Test
  void badParametersAreRefusedInVietnameseAsTheCsvRefusesThem() {
    ResponseEntity<String> bad = rest.withBasicAuth("kiemtra.tinh", "demo")
        .getForEntity("/ho-so.xlsx?year=abc&sort=drop", String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getHeaders().getContentType().toString()).startsWith("text/plain");
    assertThat(bad.getBody()).contains("Năm phải là một số từ 2000 đến 2100.").contains("Không sắp xếp được theo «drop».");
    assertThat(get("kiemtra.tinh", "/ho-so.xlsx?page=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void bothAreBehindTheLoginOfThePages() {
    assertThat(rest.getForEntity("/ho-so.xlsx", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/ho-so/" + hospital + "/ban-in.pdf", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("kiemtra.tinh", "sai-mat-khau").getForEntity("/ho-so.xlsx", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  static String text(PDDocument doc) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    return stripper.getText(doc);
  }

  @Test
  void theAuditorPrintsTheHospitalsNominationWithItsWholeTrail() throws IOException {
    ResponseEntity<byte[]> pdf = get("kiemtra.tinh", "/ho-so/" + hospital + "/ban-in.pdf");
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(pdf.getHeaders().getContentDisposition().getType()).isEqualTo("inline");
    assertThat(pdf.getHeaders().getContentDisposition().getFilename()).isEqualTo("ho-so-" + hospital + ".pdf");
    assertThat(pdf.getHeaders().getFirst("Content-Disposition")).isEqualTo("inline; filename=\"ho-so-" + hospital + ".pdf\"");
    assertThat(pdf.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(pdf.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
    assertThat(pdf.getHeaders().get("Content-Security-Policy")).containsExactly(NominationExports.PDF_CSP);

    try (PDDocument doc = Loader.loadPDF(pdf.getBody())) {
      int pages = doc.getNumberOfPages();
      String raw = text(doc);
      // the running footer of each page, which extraction puts among the lines of a text that crosses a page
      String footer = "Hồ sơ " + hospital + " – " + hospitalNominee;
      String body = raw.replace(footer, " ").replaceAll("Trang \\d+/\\d+", " ").replaceAll("\\s+", " ");
      String all = raw.replaceAll("\\s+", " ");
      assertThat(all).contains("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU").contains("HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG")
          .contains("In lúc 20/11/2026 09:00").contains("Mã hồ sơ: " + hospital).contains(footer)
          .contains("Trang 1/" + pages).contains("Trang " + pages + "/" + pages);
      assertThat(body)
          .contains(hospitalNominee).contains("Bằng khen của Liên đoàn Lao động tỉnh")
          .contains("Trả lại để bổ sung")
          .contains("Lê Thị Hồng")                                     // the reviewer, by name
          .contains(LONG_REASON.replaceAll("\\s+", " ").strip())       // the reason in full, as text
          .contains("Nội dung hồ sơ đã nộp").contains("Tổng số thành viên") // what the filing entered
          .contains("Các bước xử lý").contains("(chưa ai nhận)").contains("(đang xử lý)")
          .contains("Nhận việc")                                       // the claims, from the operation log
          .contains("Thư thông báo").contains("Tệp đính kèm")
          .contains("Người in:");
      assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Hồ sơ đề nghị khen thưởng " + hospital);
      assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("vi");
      for (PDPage page : doc.getPages()) {
        assertThat(page.getMediaBox().getWidth()).as("A4").isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
        for (COSName name : page.getResources().getFontNames()) {
          assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
        }
      }
    }

    // figures: a typical trail's size and time (after the first request, the fonts' metrics are cached)
    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      ResponseEntity<byte[]> again = get("kiemtra.tinh", "/ho-so/" + hospital + "/ban-in.pdf");
      long millis = (System.nanoTime() - started) / 1_000_000;
      try (PDDocument doc = Loader.loadPDF(again.getBody())) {
        System.out.printf("PDF of %s: %d bytes, %d pages, request served in %d ms%n", hospital, again.getBody().length,
            doc.getNumberOfPages(), millis);
      }
    }
  }

  @Test
  void outsideTheScopeThePrintDoesNotExist() {
    assertThat(get("lap.lqd", "/ho-so/" + hospital + "/ban-in.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("thamdinh.giaoduc", "/ho-so/" + hospital + "/ban-in.pdf").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("kiemtra.tinh", "/ho-so/khong-co-ma-nay/ban-in.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("lap.bvdk", "/ho-so/" + hospital + "/ban-in.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void thePagesLinkToBoth() {
    String list = rest.withBasicAuth("kiemtra.tinh", "demo").getForEntity("/ho-so?year=2026&unit=cs_bvdk_tinh", String.class)
        .getBody();
    assertThat(list).contains("Tải Excel (.xlsx)").contains("href=\"/ho-so.xlsx?year=2026&amp;");
    assertThat(list).containsPattern("href=\"/ho-so.xlsx\\?[^\"]*unit=cs_bvdk_tinh");
    String page = rest.withBasicAuth("kiemtra.tinh", "demo").getForEntity("/ho-so/" + hospital, String.class).getBody();
    assertThat(page).contains("href=\"/ho-so/" + hospital + "/ban-in.pdf\"").contains("In hồ sơ (PDF)");
  }
}
