package vn.congdoan.award.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.web.RestEngineContext;

/**
 * A decision is a record with its list of awardees, and its documents say, in the official layout, what the
 * record says: the PDF's extracted text and the DOCX's text (read back with Apache POI) both carry every line
 * of the decision's words with their diacritics; each document is archived at its first download and served
 * byte for byte afterwards; certificates exist for the forms that have one; everything is 404 outside the scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class DecisionDocumentsTest extends NominationTestSupport {
  @Autowired TestRestTemplate rest;
  @Autowired AwardDecisions decisions;
  @Autowired DecisionText text;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  /** A Giấy khen decided by Công đoàn ngành Y tế for a nominee of the provincial hospital's union. */
  ProcessInstance giayKhen(String nominee) {
    Map<String, Object> dossier = dossier("giay-khen");
    dossier.put("nomineeName", nominee);
    ProcessInstance pi = start("lap.bvdk", dossier);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve("chutich.yte", pi, "superiorDecision");
    executeDueJobs(pi);
    assertThat(pi).isEnded().hasPassed("endAwarded");
    return pi;
  }

  ResponseEntity<byte[]> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(path, byte[].class);
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFC);
    }
  }

  static String docxText(byte[] docx) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx));
         XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
      return extractor.getText();
    }
  }

  /** Every line the decision prints, as DecisionText words it. */
  static List<String> lines(DecisionText.Words w) {
    List<String> lines = new ArrayList<>(List.of(w.governingBody(), w.issuingBody(), w.number(), w.nation(), w.motto(),
        w.dateLine(), w.title(), w.subject(), w.authority(), w.decides(), w.signFor(), w.signTitle(),
        w.recipientsTitle(), w.listTitle(), w.listReference(), w.totalLabel(), w.total()));
    lines.addAll(w.grounds());
    lines.addAll(w.recipients());
    w.articles().forEach(a -> {
      lines.add(a.label());
      lines.add(a.text());
    });
    w.sections().forEach(s -> {
      lines.add(s.heading());
      s.rows().forEach(r -> {
        lines.add(r.name());
        lines.add(r.money());
      });
    });
    return lines;
  }

  /** The documents, for a person to look at (target/decision-documents). */
  static void keep(String name, byte[] content) throws IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "decision-documents");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name), content);
  }

  /** PDF text breaks lines where the page does: compare with whitespace runs made one space. */
  static String flat(String s) {
    return s.replaceAll("\\s+", " ");
  }

  @Test
  void aDecidedNominationHasItsDecisionRecordedWithItsOneAwardeeAndTheNumberItCarries() {
    ProcessInstance pi = giayKhen("Trần Thị Hạnh " + System.nanoTime());
    Decision d = decisions.ofNomination(pi.getId()).orElseThrow();

    assertThat(d.number()).isEqualTo(variable(pi, "decisionNumber")).matches("Số: \\d+/QĐ-CĐN");
    assertThat(d.reference()).isEqualTo(d.number().substring("Số: ".length()));
    assertThat(d.id()).isEqualTo(variable(pi, "decisionId"));
    assertThat(d.bodyUnit()).isEqualTo("cdn_yte");
    assertThat(d.bodyName()).isEqualTo("Công đoàn ngành Y tế");
    assertThat(d.awardForm()).isEqualTo("giay-khen");
    assertThat(d.awardees()).singleElement().satisfies(a -> {
      assertThat(a.processInstanceId()).isEqualTo(pi.getId());
      assertThat(a.money()).isEqualTo(710_000L);
      assertThat(a.unitName()).isEqualTo("CĐCS Bệnh viện Đa khoa tỉnh");
    });
    assertThat(d.totalMoney()).isEqualTo(710_000L);
    assertThat(d.date()).isEqualTo(java.time.LocalDate.of(2026, 11, 20));
  }

  @Test
  void thePdfAndTheDocxSayEveryLineOfTheDecisionWithItsDiacritics() throws IOException {
    String nominee = "Nguyễn Thị Ánh Tuyết " + System.nanoTime();
    ProcessInstance pi = giayKhen(nominee);
    Decision d = decisions.ofNomination(pi.getId()).orElseThrow();
    DecisionText.Words w = text.of(d);

    ResponseEntity<byte[]> pdf = get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".pdf");
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    String pdfText = flat(pdfText(pdf.getBody()));
    ResponseEntity<byte[]> docx = get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".docx");
    assertThat(docx.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docx.getHeaders().getContentDisposition().getFilename()).matches("quyet-dinh-\\d+-QD-CDN\\.docx");
    String docxText = flat(docxText(docx.getBody()));

    for (String line : lines(w)) {
      assertThat(pdfText).as("PDF").contains(flat(line));
      assertThat(docxText).as("DOCX").contains(flat(line));
    }
    // what the lines say, for this decision
    assertThat(w.governingBody()).isEqualTo("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU");
    assertThat(w.issuingBody()).isEqualTo("CÔNG ĐOÀN NGÀNH Y TẾ");
    assertThat(w.dateLine()).isEqualTo("Lai Châu, ngày 20 tháng 11 năm 2026");
    assertThat(pdfText).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Tặng Giấy khen của công đoàn cấp trên trực tiếp cơ sở cho 01 cá nhân", nominee,
        "tổng cộng 710.000 đồng (bằng chữ: Bảy trăm mười nghìn đồng)", "DANH SÁCH TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số " + d.reference() + " ngày 20/11/2026 của Ban Thường vụ Công đoàn ngành Y tế)");
  }

  @Test
  void eachDocumentIsArchivedAtItsFirstDownloadAndServedByteForByteAfterwards() {
    ProcessInstance pi = giayKhen("Lò Văn Piếng " + System.nanoTime());
    Decision d = decisions.ofNomination(pi.getId()).orElseThrow();
    assertThat(jdbc.queryForObject("select count(*) from award_decision_document where decision_id = ?",
        Integer.class, d.id())).isZero();

    ResponseEntity<byte[]> first = get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".pdf");
    ResponseEntity<byte[]> again = get("lap.bvdk", "/quyet-dinh/" + d.id() + ".pdf");
    get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".docx");

    assertThat(again.getBody()).isEqualTo(first.getBody());
    String sha = jdbc.queryForObject("select sha256 from award_decision_document where decision_id = ? and format = 'pdf'",
        String.class, d.id());
    assertThat(sha).isEqualTo(DecisionDocuments.sha256(first.getBody()))
        .isEqualTo(first.getHeaders().getFirst("X-Content-SHA256"));
    assertThat(jdbc.queryForList("select format from award_decision_document where decision_id = ? order by format",
        String.class, d.id())).containsExactly("docx", "pdf");
  }

  @Test
  void aDecisionOfSeveralAwardeesListsCollectivesThenIndividualsWithTheTotalInWords() throws IOException {
    ProcessInstance a = start("lap.bvdk", dossier("giay-khen"));
    ProcessInstance b = start("lap.bvdk", collective("giay-khen"));
    ProcessInstance c = start("lap.bvdk", dossier("giay-khen"));
    List<Awardee> awardees = List.of(
        new Awardee(a.getId(), "A", "individual", "Phạm Văn Đức", "Công nhân", "CĐCS Bệnh viện Đa khoa tỉnh", 710_000),
        new Awardee(b.getId(), "B", "collective", "Khoa Hồi sức tích cực", null, "CĐCS Bệnh viện Đa khoa tỉnh", 1_410_000),
        new Awardee(c.getId(), "C", "individual", "Hoàng Thị Yến", "Điều dưỡng trưởng", "CĐCS Bệnh viện Đa khoa tỉnh",
            710_000));
    Decision issued = transactions.execute(status -> decisions.issue("cdn_yte", "giay-khen", "2026-tong-ket", awardees));
    Decision d = decisions.find(issued.id()).orElseThrow();
    DecisionText.Words w = text.of(d);

    assertThat(d.awardees()).extracting(Awardee::nomineeName)
        .containsExactly("Phạm Văn Đức", "Khoa Hồi sức tích cực", "Hoàng Thị Yến");
    assertThat(d.totalMoney()).isEqualTo(2_830_000L);
    assertThat(w.sections()).extracting(DecisionText.Section::heading)
        .containsExactly("I. TẬP THỂ (1)", "II. CÁ NHÂN (2)");
    assertThat(w.sections().get(1).rows()).extracting(DecisionText.Row::positionAndUnit)
        .containsExactly("Công nhân, CĐCS Bệnh viện Đa khoa tỉnh", "Điều dưỡng trưởng, CĐCS Bệnh viện Đa khoa tỉnh");
    assertThat(w.articles().get(0).text()).contains("cho 01 tập thể và 02 cá nhân")
        .contains("phong trào thi đua, tổng kết năm 2026");
    assertThat(w.articles().get(1).text())
        .contains("tổng cộng 2.830.000 đồng (bằng chữ: Hai triệu tám trăm ba mươi nghìn đồng)");
    byte[] docxBytes = get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".docx").getBody();
    keep("decision.docx", docxBytes);
    keep("decision.pdf", get("kiemtra.tinh", "/quyet-dinh/" + d.id() + ".pdf").getBody());
    String docx = flat(docxText(docxBytes));
    assertThat(docx).contains("Khoa Hồi sức tích cực", "Hoàng Thị Yến", "2.830.000");
  }

  @Test
  void aGiayKhenHasACertificateForItsAwardeeAndNothingOutsideTheScopeIsServed() throws IOException {
    String nominee = "Vàng Thị Mỷ " + System.nanoTime();
    ProcessInstance pi = giayKhen(nominee);
    String code = (String) row(pi).get("code");
    Decision d = decisions.ofNomination(pi.getId()).orElseThrow();

    ResponseEntity<byte[]> certificate = get("lap.bvdk", "/ho-so/" + code + "/khen-thuong.pdf");
    assertThat(certificate.getStatusCode()).isEqualTo(HttpStatus.OK);
    keep("certificate.pdf", certificate.getBody());
    String pdf = flat(pdfText(certificate.getBody()));
    assertThat(pdf).contains("GIẤY KHEN", "TẶNG", nominee, "BAN THƯỜNG VỤ CÔNG ĐOÀN NGÀNH Y TẾ",
        "Quyết định số " + d.reference(), "Mã hồ sơ " + code);

    // another grassroots union (the school, under Công đoàn ngành Giáo dục) sees none of it
    assertThat(get("lap.lqd", "/quyet-dinh/" + d.id() + ".pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("lap.lqd", "/quyet-dinh/" + d.id() + ".docx").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("lap.lqd", "/ho-so/" + code + "/khen-thuong.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(new String(get("lap.lqd", "/quyet-dinh").getBody(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain(d.id());
    assertThat(new String(get("kiemtra.tinh", "/quyet-dinh?year=2026").getBody(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("/quyet-dinh/" + d.id() + ".pdf", d.number());
    assertThat(new String(get("lap.bvdk", "/ho-so/" + code).getBody(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("/quyet-dinh/" + d.id() + ".pdf", "/quyet-dinh/" + d.id() + ".docx", "/ho-so/" + code + "/khen-thuong.pdf");
    assertThat(get("kiemtra.tinh", "/quyet-dinh/khong-co.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aNominationWithoutADecisionHasNoCertificate() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    String code = (String) row(pi).get("code");
    assertThat(get("lap.bvdk", "/ho-so/" + code + "/khen-thuong.pdf").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
