package vn.congdoan.award.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The nominations' pages (/ho-so): search in the user's scope, the full trail of one nomination, the CSV
 * export; what is outside the scope is 404 by URL and absent from lists and exports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class NominationPagesTest extends NominationTestSupport {
  static final String LONG_REASON = "Thiếu biên bản họp bình xét có chữ ký của chủ tọa và thư ký. ".repeat(12)
      + "Đề nghị bổ sung <b>bản gốc</b>.";

  @Autowired TestRestTemplate rest;
  @Autowired vn.congdoan.award.nomination.WithdrawalService withdrawals;

  String hospital; // cs_bvdk_tinh, under cdn_yte
  String school;   // cs_thpt_lqd, under cdn_giaoduc

  @BeforeEach
  void twoNominationsOfTwoUnits() {
    Map<String, Object> dossier = dossier("bang-khen-tinh");
    dossier.put("nomineeName", "Nguyễn Thị Ánh " + System.nanoTime());
    ProcessInstance pi = start("lap.bvdk", dossier);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    review("thamdinh.yte", pi, "superiorVetting", "return", LONG_REASON);
    hospital = (String) row(pi).get("code");
    ProcessInstance other = start("lap.lqd", dossier("giay-khen"));
    school = (String) row(other).get("code");
  }

  ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
  }

  @Test
  void anAuditorFindsEveryUnitsNominationsAndOpensTheTrailWithTheReasonInFull() {
    ResponseEntity<String> list = get("kiemtra.tinh", "/ho-so?sort=created&dir=desc");
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).contains("Tra cứu hồ sơ khen thưởng").contains("/ho-so/" + hospital)
        .contains("/ho-so/" + school).contains("Phạm vi: hồ sơ của các đơn vị tinh và các đơn vị trực thuộc");

    ResponseEntity<String> page = get("kiemtra.tinh", "/ho-so/" + hospital);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains("Trả lại để bổ sung")                       // status and the review's outcome
        .contains("Lê Thị Hồng")                              // the reviewer, by name
        .contains("Cán bộ thẩm định – Công đoàn ngành Y tế")   // and for which union
        .contains(LONG_REASON.substring(0, 300).replace("<", "&lt;").replace(">", "&gt;").strip())
        .contains("Đề nghị bổ sung &lt;b&gt;bản gốc&lt;/b&gt;.") // in full, escaped
        .doesNotContain("<b>bản gốc</b>")
        .contains("Nhận việc")                                // the claims, from the operation log
        .contains("Thư thông báo");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
  }

  @Test
  void theNominationsPageDrawsTheProcessWithThePathTakenAndTheStepItWaitsAt() {
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(hospital).singleResult();
    String waitingAt = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getTaskDefinitionKey();
    String page = get("kiemtra.tinh", "/ho-so/" + hospital).getBody();
    assertThat(page).contains("<svg").contains("Sơ đồ quy trình và đường đi của hồ sơ")
        .contains("data-element-id=\"grassrootsApproval\" data-state=\"visited\"")
        .contains("data-element-id=\"superiorVetting\" data-state=\"visited\"")
        .contains("data-element-id=\"" + waitingAt + "\" data-state=\"active\"")
        .contains("data-element-id=\"superiorDecision\" data-state=\"none\"")
        .contains("data-flow-id=\"Flow_startNomination_registerNomination\" data-taken=\"true\"");
    // a finished nomination is drawn as well (Cockpit CE cannot show one)
    runtime.deleteProcessInstance(runtime.createProcessInstanceQuery().processInstanceBusinessKey(school)
        .singleResult().getId(), "test");
    String finished = get("kiemtra.tinh", "/ho-so/" + school).getBody();
    assertThat(finished).contains("<svg").contains("data-element-id=\"startNomination\" data-state=\"visited\"")
        .doesNotContain("data-state=\"active\"");
  }

  @Test
  void theTrailShowsWhatARevisionChangedFieldByFieldAndTheBallotFiguresOfEachStep() {
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(hospital).singleResult();
    Map<String, Object> revised = new java.util.HashMap<>(dossier("ignored"));
    revised.remove("awardForm");
    revised.put("nomineeName", row(pi).get("nominee_name"));
    revised.put("nomineePosition", "Điều dưỡng trưởng, Khoa Nội");
    revised.put("achievements", "Bổ sung biên bản họp bình xét có chữ ký <i>đầy đủ</i>.");
    complete("lap.bvdk", pi, "superiorVettingRevision", revised);

    String page = get("kiemtra.tinh", "/ho-so/" + hospital).getBody();
    String changes = page.substring(page.indexOf("Nội dung đã sửa so với lần trước"));
    changes = changes.substring(0, changes.indexOf("</table>"));
    assertThat(changes).contains("Chức vụ, đơn vị công tác").contains("Điều dưỡng, Khoa Nội")
        .contains("Điều dưỡng trưởng, Khoa Nội").contains("Tóm tắt thành tích")
        .contains("Bổ sung biên bản họp bình xét có chữ ký &lt;i&gt;đầy đủ&lt;/i&gt;.")
        .doesNotContain("Số sáng kiến"); // unchanged fields are not listed
    assertThat(page).contains("Gửi lại hồ sơ đã sửa").contains("Nội dung hồ sơ đã nộp")
        .contains("Tổng số thành viên"); // the meeting's figures of the filing
  }

  @Test
  void thePreparersUnitListShowsWhoHoldsEachDossierSinceWhenAndDueWhenWithItsActions() {
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(hospital).singleResult();
    var revision = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    String list = get("lap.bvdk", "/ho-so").getBody();
    assertThat(list).contains("<h1>Hồ sơ của đơn vị</h1>").contains("Thao tác");
    String row = list.substring(list.indexOf("/ho-so/" + hospital));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row).contains("Bổ sung, chỉnh sửa hồ sơ").contains("Chưa ai nhận")
        .contains("từ <span>20/11/2026 09:00</span>").contains("hạn <span")
        .contains("/camunda/app/tasklist/default/#/?task=" + revision.getId()).contains("Sửa và gửi lại")
        .contains("/ho-so/" + hospital + "#withdrawal");

    // the chair may withdraw but not revise; an auditor sees who holds it and has no actions
    String chairs = get("chutich.bvdk", "/ho-so").getBody();
    String chairRow = chairs.substring(chairs.indexOf("/ho-so/" + hospital));
    chairRow = chairRow.substring(0, chairRow.indexOf("</tr>"));
    assertThat(chairRow).contains("#withdrawal").doesNotContain("Sửa và gửi lại");
    String audit = get("kiemtra.tinh", "/ho-so").getBody();
    assertThat(audit).contains("<h1>Tra cứu hồ sơ khen thưởng</h1>").contains("Chưa ai nhận")
        .doesNotContain("Thao tác").doesNotContain("#withdrawal");

    // the nomination's page says the same
    String page = get("lap.bvdk", "/ho-so/" + hospital).getBody();
    assertThat(page).contains("Đang xử lý").contains("Sửa và gửi lại trong Tasklist");
  }

  @Test
  void aNameSharedByManyDossiersNamesFiveAndCountsTheRestSoTheWarningStaysShort() {
    String name = "Công đoàn cơ sở Trường Tiểu học " + System.nanoTime();
    List<String> codes = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Map<String, Object> d = dossier("giay-khen");
      d.put("nomineeName", name);
      codes.add((String) row(start("lap.bvdk", d)).get("code"));
    }
    ProcessInstance last = runtime.createProcessInstanceQuery().processInstanceBusinessKey(codes.get(7)).singleResult();
    String warning = (String) runtime.getVariable(last.getId(), "duplicateWarning");
    assertThat(warning).contains(codes.get(0), codes.get(4)).doesNotContain(codes.get(5))
        .contains("và 2 hồ sơ khác");
    assertThat(warning.length()).isLessThan(1000);
  }

  @Test
  void theSamePersonNominatedForTheSameFormInTheSameRoundTwiceIsFlaggedToTheReviewers() {
    String name = "Hoàng Văn Duy " + System.nanoTime();
    Map<String, Object> first = dossier("bang-khen-tinh");
    first.put("nomineeName", name);
    ProcessInstance one = start("lap.bvdk", first);
    Map<String, Object> again = dossier("bang-khen-tinh");
    again.put("nomineeName", "  " + name.toUpperCase().replace(" ", "  ") + " "); // case and spaces differ
    ProcessInstance two = start("lap.lqd", again);
    Map<String, Object> otherForm = dossier("giay-khen");
    otherForm.put("nomineeName", name);
    ProcessInstance three = start("lap.bvdk", otherForm);

    String oneCode = (String) row(one).get("code");
    Object warning = runtime.getVariable(two.getId(), "duplicateWarning");
    assertThat(warning).asString().contains(oneCode).contains("CĐCS Bệnh viện Đa khoa tỉnh")
        .contains("Đang xem xét").contains("cùng hình thức khen thưởng trong cùng đợt");
    assertThat(runtime.getVariable(three.getId(), "duplicateWarning")).as("another award form").isNull();
    // the first one's page and the list tell it too (its form was filled before the second came)
    assertThat(get("kiemtra.tinh", "/ho-so/" + oneCode).getBody()).contains("id=\"duplicate-warning\"")
        .contains((String) row(two).get("code"));
    assertThat(get("kiemtra.tinh", "/ho-so?nominee=" + name.substring(0, 13)).getBody()).contains("(có thể trùng)");

    // withdrawn, the first no longer counts; a revision of the second then clears its warning
    as("lap.bvdk", () -> withdrawals.withdraw(oneCode, "Nộp nhầm, đơn vị khác đã đề nghị."));
    approve("chutich.lqd", two, "grassrootsApproval");
    review("thamdinh.giaoduc", two, "superiorVetting", "return", "Kiểm tra lại họ tên.");
    Map<String, Object> revised = dossier("ignored");
    revised.remove("awardForm");
    revised.put("nomineeName", name);
    complete("lap.lqd", two, "superiorVettingRevision", revised);
    assertThat(runtime.getVariable(two.getId(), "duplicateWarning")).isNull();
  }

  @Test
  void aGrassrootsPreparerSeesOnlyTheUnitsOwnNominations() {
    ResponseEntity<String> list = get("lap.bvdk", "/ho-so");
    assertThat(list.getBody()).contains("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
    assertThat(get("lap.bvdk", "/ho-so/" + school).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("lap.bvdk", "/ho-so/khong-co-ma-nay").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    String csv = get("lap.bvdk", "/ho-so.csv").getBody();
    assertThat(csv).contains(hospital).doesNotContain(school);
  }

  @Test
  void aSuperiorUnitsReviewerSeesItsGrassrootsUnitsOnly() {
    ResponseEntity<String> list = get("thamdinh.yte", "/ho-so");
    assertThat(list.getBody()).contains("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
    assertThat(get("thamdinh.yte", "/ho-so/" + hospital).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("thamdinh.giaoduc", "/ho-so/" + hospital).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("thamdinh.giaoduc", "/ho-so").getBody()).contains("/ho-so/" + school);
  }

  @Test
  void filtersNarrowTheSearch() {
    String byForm = get("kiemtra.tinh", "/ho-so?awardForm=giay-khen").getBody();
    assertThat(byForm).contains("/ho-so/" + school).doesNotContain("/ho-so/" + hospital);
    String byName = get("kiemtra.tinh", "/ho-so?nominee=" + "ánh").getBody();
    assertThat(byName).contains("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
    // any case, spaces as typed: "THỊ   ÁNH" finds "Nguyễn Thị Ánh"
    String byNameAsTyped = rest.withBasicAuth("kiemtra.tinh", "demo").getForEntity("/ho-so?nominee={n}", String.class,
        "  THỊ   ÁNH ").getBody();
    assertThat(byNameAsTyped).contains("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
    String byStatus = get("kiemtra.tinh", "/ho-so?status=RETURNED&unit=cs_bvdk_tinh").getBody();
    assertThat(byStatus).contains("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
    // the results offered are the model's end events' outcomes; both nominations are still running
    String byOutcome = get("kiemtra.tinh", "/ho-so?outcome=WITHDRAWN").getBody();
    assertThat(byOutcome).contains("<option value=\"BALLOT_FAILED\">Không đạt số phiếu</option>")
        .contains("<option value=\"WITHDRAWN\" selected=\"selected\">Đã rút hồ sơ</option>")
        .doesNotContain("/ho-so/" + hospital).doesNotContain("/ho-so/" + school);
  }

  @Test
  void beyondTenThousandMatchesThePageSaysMoreThanTenThousandAndTheExportHasThemAll() {
    int extra = NominationSearch.COUNT_LIMIT + 5;
    String year = "2031";
    jdbc.batchUpdate("""
        insert into nomination (process_instance_id, code, nominee_name, nominee_key, nominee_kind,
          holds_leadership_post, direct_worker, unit_code, superior_unit_code, province_unit_code, award_form,
          movement, round_code, round_year, status, created_at, updated_at)
        values (?, ?, ?, ?, 'individual', false, true, 'cs_bvdk_tinh', 'cdn_yte', 'tinh', 'giay-khen',
          'lao-dong-gioi', '2031-tong-ket', 2031, 'AWARDED', current_timestamp, current_timestamp)""",
        java.util.stream.IntStream.range(0, extra).mapToObj(i -> new Object[] {"many-" + i, "HS-2031-M" + i,
            "Người thứ " + i, "người thứ " + i}).toList());
    try {
      String page = get("kiemtra.tinh", "/ho-so?year=" + year).getBody();
      assertThat(page).contains("Tìm thấy <strong>hơn 10.000</strong> hồ sơ")
          .contains("thu hẹp tìm kiếm hoặc xuất CSV/Excel để xem hết").contains("trang 1/200");
      String last = get("kiemtra.tinh", "/ho-so?year=" + year + "&page=200").getBody();
      assertThat(last).contains("trang 200/200").doesNotContain("id=\"next-page\"");
      String csv = get("kiemtra.tinh", "/ho-so.csv?year=" + year).getBody();
      assertThat(csv.lines().count()).isEqualTo(extra + 1);
      String few = get("kiemtra.tinh", "/ho-so?year=" + year + "&nominee=" + "thứ 1000").getBody();
      assertThat(few).contains("Tìm thấy <strong>6</strong> hồ sơ").doesNotContain("hơn");
    } finally {
      jdbc.update("delete from nomination where process_instance_id like 'many-%'");
    }
  }

  @Test
  void theExportIsUtf8CsvWithTheNamesSpreadsheetsShow() {
    ResponseEntity<byte[]> csv = rest.withBasicAuth("kiemtra.tinh", "demo")
        .getForEntity("/ho-so.csv?unit=cs_bvdk_tinh", byte[].class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getHeaders().getFirst("Content-Disposition")).contains("attachment");
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF\"Mã hồ sơ\",\"Người/tập thể được đề nghị\"")
        .contains("\"" + hospital + "\"").contains("\"Bằng khen của Liên đoàn Lao động tỉnh\"")
        .contains("\"Trả lại để bổ sung\"").doesNotContain(school);
  }

  @Test
  void badSearchInputIsRefusedInVietnamese() {
    ResponseEntity<String> page = get("kiemtra.tinh", "/ho-so?year=abc&overdue=maybe&sort=drop");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(page.getBody()).contains("Năm phải là một số từ 2000 đến 2100.")
        .contains("Lọc quá hạn chỉ nhận «có» hoặc «không».").contains("Không sắp xếp được theo «drop».")
        .doesNotContain("/ho-so/" + hospital);
    assertThat(get("kiemtra.tinh", "/ho-so.csv?page=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /** A browser-like client: one session (cookie) for the user, logged in with HTTP Basic. */
  final class Session {
    final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
    final String auth;

    Session(String user) {
      auth = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    java.net.http.HttpResponse<String> get(String path) throws Exception {
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + path))
          .header("Authorization", auth).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    java.net.http.HttpResponse<String> post(String path, String form) throws Exception {
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + path))
          .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart upload as a browser's file form sends it. */
    java.net.http.HttpResponse<String> upload(String path, String token, String kind, String fileName, byte[] content)
        throws Exception {
      String boundary = "----award" + System.nanoTime();
      var body = new java.io.ByteArrayOutputStream();
      java.util.function.Consumer<String> text = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
      for (var field : Map.of("token", token, "kind", kind).entrySet()) {
        text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
            + field.getValue() + "\r\n");
      }
      text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(content);
      text.accept("\r\n--" + boundary + "--\r\n");
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + path))
          .header("Authorization", auth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    String token(String page) {
      var m = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page);
      assertThat(m.find()).as("the withdrawal form's token").isTrue();
      return m.group(1);
    }
  }

  static String form(String token, String reason) {
    return "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8) + "&reason="
        + java.net.URLEncoder.encode(reason, StandardCharsets.UTF_8);
  }

  @Test
  void thePreparerWithdrawsFromTheNominationsPageWithAReason() throws Exception {
    Session preparer = new Session("lap.lqd");
    String page = preparer.get("/ho-so/" + school).body();
    assertThat(page).contains("Rút hồ sơ");
    String token = preparer.token(page);

    var blank = preparer.post("/ho-so/" + school + "/rut-ho-so", form(token, "  "));
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("withdrawal-error");
    var forged = preparer.post("/ho-so/" + school + "/rut-ho-so", form("forged", "Đơn vị xin rút"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("hãy tải lại trang");
    assertThat(jdbc.queryForObject("select status from nomination where code = ?", String.class, school))
        .isEqualTo("IN_REVIEW");

    var done = preparer.post("/ho-so/" + school + "/rut-ho-so", form(token, "Người được đề nghị chuyển công tác."));
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ho-so/" + school + "?rut=1"));
    assertThat(jdbc.queryForObject("select status from nomination where code = ?", String.class, school))
        .isEqualTo("WITHDRAWN");
    String after = preparer.get("/ho-so/" + school + "?rut=1").body();
    assertThat(after).contains("Hồ sơ đã được rút.").contains("Người được đề nghị chuyển công tác.")
        .doesNotContain("id=\"withdraw\"");
  }

  static String complaint(String token, String name, String content) {
    return "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8) + "&complainantName="
        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "&content="
        + java.net.URLEncoder.encode(content, StandardCharsets.UTF_8);
  }

  @Test
  void aComplaintIsTakenOnThePageDuringThePublicNoticeOnlyAndEntersTheTrail() throws Exception {
    var pi = start("lap.bvdk", dossier("bang-khen-tinh"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    String code = (String) row(pi).get("code");
    Session member = new Session("chutich.bvdk");
    assertThat(member.get("/ho-so/" + code).body()).as("not public yet").doesNotContain("id=\"complain\"");
    approve("thuky.tinh", pi, "secretariatVetting"); // the list is public now
    String page = member.get("/ho-so/" + code).body();
    assertThat(page).contains("id=\"complain\"");
    String token = member.token(page);

    var empty = member.post("/ho-so/" + code + "/khieu-nai", complaint(token, " ", "Nội dung"));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("Hãy ghi họ tên người khiếu nại và nội dung khiếu nại.");
    var hidden = member.post("/ho-so/" + code + "/khieu-nai", complaint(token, "Bình\u202E", "Nội dung"));
    assertThat(hidden.statusCode()).isEqualTo(400);
    // outside the scope, the nomination does not exist
    Session other = new Session("lap.lqd");
    other.get("/ho-so");
    assertThat(other.post("/ho-so/" + code + "/khieu-nai", complaint("x", "A", "B")).statusCode()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from nomination_complaint where process_instance_id = ?",
        Long.class, pi.getId())).isZero();

    var done = member.post("/ho-so/" + code + "/khieu-nai",
        complaint(token, "Nguyễn Văn Bình", "Sáng kiến đã được dùng cho danh hiệu năm trước."));
    assertThat(done.statusCode()).isEqualTo(302);
    String after = member.get("/ho-so/" + code + "?khieunai=1").body();
    assertThat(after).contains("Đã ghi nhận khiếu nại").contains("Nguyễn Văn Bình")
        .contains("Sáng kiến đã được dùng cho danh hiệu năm trước.").contains("Khiếu nại trong thời gian công khai");
    assertThat(jdbc.queryForObject("select filed_by from nomination_complaint where process_instance_id = ?",
        String.class, pi.getId())).isEqualTo("chutich.bvdk");
  }

  @Test
  void anAuditorHasNoWithdrawalAndCannotWithdraw() throws Exception {
    Session auditor = new Session("kiemtra.tinh");
    String page = auditor.get("/ho-so/" + school).body();
    assertThat(page).doesNotContain("id=\"withdraw\"");
    // a token of the auditor's own session (from the search page's session) does not make it allowed
    auditor.get("/ho-so");
    var refused = auditor.post("/ho-so/" + school + "/rut-ho-so", form("x", "thử"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select status from nomination where code = ?", String.class, school))
        .isEqualTo("IN_REVIEW");
  }

  static byte[] pdf(int size) {
    byte[] content = new byte[size];
    java.util.Arrays.fill(content, (byte) ' ');
    byte[] head = "%PDF-1.4\n% Biên bản họp\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, content, 0, head.length);
    return content;
  }

  long attachmentCount() {
    return jdbc.queryForObject("select count(*) from nomination_attachment", Long.class);
  }

  @Test
  void thePreparerAttachesTheSignedMinutesAtRevisionAndReviewersAndAuditorsDownloadThem() throws Exception {
    Session preparer = new Session("lap.bvdk");
    String page = preparer.get("/ho-so/" + hospital).body();
    assertThat(page).contains("id=\"attach-form\"");
    String token = preparer.token(page);
    byte[] minutes = pdf(2_500_000);
    var done = preparer.upload("/ho-so/" + hospital + "/tep-dinh-kem", token, "minutes", "Biên bản họp bình xét.pdf", minutes);
    assertThat(done.statusCode()).isEqualTo(302);

    String shown = get("kiemtra.tinh", "/ho-so/" + hospital).getBody();
    assertThat(shown).contains("Biên bản họp bình xét (có chữ ký)").contains("Biên bản họp bình xét.pdf")
        .contains("2,5 MB").contains("Bùi Thị Thu").contains("Đính kèm tệp");
    var link = java.util.regex.Pattern.compile("href=\"(/ho-so/[^\"]+/tep-dinh-kem/[^\"]+)\"").matcher(shown);
    assertThat(link.find()).isTrue();
    for (String reader : List.of("kiemtra.tinh", "thamdinh.yte")) {
      ResponseEntity<byte[]> file = rest.withBasicAuth(reader, "demo").getForEntity(link.group(1), byte[].class);
      assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(file.getBody()).isEqualTo(minutes);
      assertThat(file.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
      assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("Biên bản họp bình xét.pdf");
      assertThat(file.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
      assertThat(file.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    // another superior unit's reviewer: the nomination and its files do not exist for them
    assertThat(rest.withBasicAuth("thamdinh.giaoduc", "demo").getForEntity(link.group(1), byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aFileOfAnotherTypeTooLargeOrMisnamedIsRefusedInVietnameseAndNothingIsStored() throws Exception {
    Session preparer = new Session("lap.bvdk");
    String token = preparer.token(preparer.get("/ho-so/" + hospital).body());
    long before = attachmentCount();
    String path = "/ho-so/" + hospital + "/tep-dinh-kem";

    var exe = preparer.upload(path, token, "report", "bao-cao.pdf", "MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(exe.statusCode()).isEqualTo(400);
    assertThat(exe.body()).contains("Chỉ nhận tệp PDF, Word (.docx, .doc), ảnh JPEG hoặc PNG");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    var misnamed = preparer.upload(path, token, "report", "bao-cao.pdf", png);
    assertThat(misnamed.statusCode()).isEqualTo(400);
    assertThat(misnamed.body()).contains("không khớp với nội dung (nội dung là tệp .png)");
    var large = preparer.upload(path, token, "report", "bao-cao.pdf", pdf(10_000_001));
    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(large.body()).contains("vượt quá mức tối đa 10,0 MB");
    var huge = preparer.upload(path, token, "report", "bao-cao.pdf", pdf(11_000_000));
    assertThat(huge.statusCode()).isEqualTo(413);
    var badKind = preparer.upload(path, token, "virus", "bao-cao.pdf", pdf(100));
    assertThat(badKind.statusCode()).isEqualTo(400);
    assertThat(badKind.body()).contains("Hãy chọn loại tài liệu trong danh sách.");
    var forged = preparer.upload(path, "forged", "report", "bao-cao.pdf", pdf(100));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(attachmentCount()).isEqualTo(before);
  }

  @Test
  void onlyTheUnitAttachesAndOnlyWhileTheDossierIsWithIt() throws Exception {
    long before = attachmentCount();
    Session reviewer = new Session("thamdinh.yte"); // sees the nomination, may not attach to it
    String page = reviewer.get("/ho-so/" + hospital).body();
    assertThat(page).doesNotContain("id=\"attach-form\"");
    var refused = reviewer.upload("/ho-so/" + hospital + "/tep-dinh-kem", "x", "other", "a.pdf", pdf(100));
    assertThat(refused.statusCode()).isEqualTo(403);
    Session stranger = new Session("lap.lqd"); // another unit: 404
    stranger.get("/ho-so");
    assertThat(stranger.upload("/ho-so/" + hospital + "/tep-dinh-kem", "x", "other", "a.pdf", pdf(100)).statusCode())
        .isEqualTo(404);

    // resubmitted, the dossier is with the superior unit again: the preparer's form is gone and a post refused
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(hospital).singleResult();
    Map<String, Object> revised = new java.util.HashMap<>(dossier("ignored"));
    revised.remove("awardForm");
    revised.put("nomineeName", row(pi).get("nominee_name"));
    complete("lap.bvdk", pi, "superiorVettingRevision", revised);
    Session preparer = new Session("lap.bvdk");
    String later = preparer.get("/ho-so/" + hospital).body();
    assertThat(later).doesNotContain("id=\"attach-form\"");
    var late = preparer.upload("/ho-so/" + hospital + "/tep-dinh-kem", preparer.token(later), "other", "a.pdf", pdf(100));
    assertThat(late.statusCode()).isEqualTo(403);
    assertThat(late.body()).contains("Chỉ người lập hồ sơ hoặc chủ tịch công đoàn cơ sở đính kèm được tệp");
    assertThat(attachmentCount()).isEqualTo(before);
  }

  @Test
  void aReviewerStepsBackFromTheNominationsPageWithAReasonAndTheTaskGoesBackToTheGroup() throws Exception {
    ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(school).singleResult();
    var approval = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    as("chutich.lqd", () -> taskService.claim(approval.getId(), "chutich.lqd"));
    Session chair = new Session("chutich.lqd");
    String page = chair.get("/ho-so/" + school).body();
    assertThat(page).contains("Xin không tham gia bước này").contains("value=\"" + approval.getId() + "\"");
    String token = chair.token(page);
    String form = "token=" + token + "&taskId=" + approval.getId() + "&reason=";

    var blank = chair.post("/ho-so/" + school + "/khong-tham-gia", form);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("Vui lòng ghi lý do xin rút khỏi việc xem xét hồ sơ.");
    var foreign = chair.post("/ho-so/" + school + "/khong-tham-gia", "token=" + token + "&taskId=khong-co&reason=x");
    assertThat(foreign.statusCode()).isEqualTo(404);
    var done = chair.post("/ho-so/" + school + "/khong-tham-gia",
        form + java.net.URLEncoder.encode("Người được đề nghị là em ruột tôi.", StandardCharsets.UTF_8));
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();
    String trail = get("kiemtra.tinh", "/ho-so/" + school).getBody();
    assertThat(trail).contains("Xin không tham gia (tránh xung đột lợi ích)").contains("Người được đề nghị là em ruột tôi.");
    // the step is closed to them now
    assertThat(chair.get("/ho-so/" + school).body()).doesNotContain("class=\"recuse\"");
  }

  @Test
  void csvCellsThatLookLikeFormulasStayText() {
    assertThat(NominationPages.csvLine(java.util.List.of("=1+1", "a\"b", "Hà")))
        .isEqualTo("\"'=1+1\",\"a\"\"b\",\"Hà\"\r\n");
  }
}
