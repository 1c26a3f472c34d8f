package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import vn.congdoan.award.NominationTestSupport;

/**
 * A catalogue of hostile or malformed requests through the REST APIs ({@code /engine-rest}, {@code /api}, and
 * for the input rules also the webapps' {@code /camunda/api/engine} with a Tasklist session, see
 * {@link #viaTasklist}): each one gets exactly the expected status, says why (in Vietnamese where the application
 * answers, in Camunda's words where Camunda answers) and leaves no trace — no process instance, no read-model
 * row, no variable, no mail, no comment, attachment, deployment, membership or authorization, and no changed
 * task or variable. Expressions and markup sent as values are the exception: they are accepted and stored as
 * the text they are ({@link #expressionsAndMarkupAreStoredVerbatim}).
 *
 * <p>Fixtures (created once, before the first case, by the engine's API as the demo users would):
 * <ul>
 *   <li>{@code {ga}}: the chair's approval of nomination {@code {piA}} ({@code {codeA}}, Giấy khen of CĐCS Bệnh
 *       viện Đa khoa tỉnh), claimed by {@code chutich.bvdk};
 *   <li>{@code {sv}}: the superior vetting (Công đoàn ngành Y tế) of nomination {@code {piB}}, unclaimed;
 *   <li>{@code {rev}}: the preparer's revision of nomination {@code {piC}}, returned by the chair.
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class HostileRequestCatalogTest extends NominationTestSupport {

  /**
   * One request: {@code user} is a demo user (password {@code demo}), {@code "user:password"} for another
   * password, or null for none; {@code path} may name the fixtures in braces; {@code body} is JSON (a map),
   * a multipart form ({@link MultiValueMap}), raw bytes ({@link Raw}) or null.
   */
  record Case(String name, String user, HttpMethod method, String path, Object body, int expectedStatus,
      String expectedMessageFragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A body sent as it is, with its own content type. */
  record Raw(String contentType, byte[] bytes) {}

  /** A variable given as Camunda's typed JSON exactly as written (to send a value and a type that disagree). */
  record TypedJson(Map<String, Object> json) {}

  static final String START = "/engine-rest/process-definition/key/award-nomination/start";
  /** Camunda delays the next login of a user after a wrong password: nobody else here logs in as this one. */
  static final String WRONG_PASSWORD_USER = "chutich.dienluc";

  static final String NAME = "«Họ và tên cá nhân / tên tập thể»";
  static final String OUTCOME = "«Kết quả duyệt»";
  static final String REASON_REQUIRED = "Vui lòng ghi lý do khi trả lại hoặc không đề nghị hồ sơ.";
  static final String CHAIR_STEP_REFUSES = "Bước «Chủ tịch CĐCS duyệt» không nhận các trường: ";
  /** Camunda's AuthorizationException, told in Vietnamese with the permissions that are missing. */
  static final String CAMUNDA_FORBIDDEN = "Đồng chí không có quyền thực hiện thao tác này. Cần quyền ";
  /** A variable written by anything but the completion of a step. */
  static final String OUTSIDE_STEP = "Dữ liệu của hồ sơ chỉ được ghi khi hoàn thành một bước bằng biểu mẫu của bước đó; "
      + "không nhận các trường: ";
  /** Camunda's challenge for a request without valid credentials (header WWW-Authenticate). */
  static final String CHALLENGE = "Basic realm=\"default\"";

  @Autowired TestRestTemplate rest;
  @Autowired vn.congdoan.award.nomination.RecusalService recusals;
  @LocalServerPort int port;

  /** Fixture ids by placeholder name; created once for the class (the context lives as long as the class). */
  static Map<String, String> fixtures;
  /** Tasklist sessions by user, logged in with the fixtures (a login is no trace a case may leave). */
  static Map<String, TasklistSession> tasklist;

  @BeforeEach
  void createFixturesOnce() {
    if (fixtures != null) {
      return;
    }
    Map<String, String> f = new LinkedHashMap<>();
    ProcessInstance a = start("lap.bvdk", dossier("giay-khen"));
    String ga = task(a, "grassrootsApproval").getId();
    as("chutich.bvdk", () -> taskService.claim(ga, "chutich.bvdk"));
    f.put("piA", a.getId());
    f.put("codeA", a.getBusinessKey());
    f.put("ga", ga);

    ProcessInstance b = start("lap.bvdk", dossier("bang-khen-tinh"));
    approve("chutich.bvdk", b, "grassrootsApproval");
    f.put("piB", b.getId());
    f.put("codeB", b.getBusinessKey());
    f.put("sv", task(b, "superiorVetting").getId());

    ProcessInstance c = start("lap.bvdk", dossier("giay-khen"));
    review("chutich.bvdk", c, "grassrootsApproval", "return", "Bổ sung biên bản họp.");
    f.put("piC", c.getId());
    f.put("rev", task(c, "grassrootsApprovalRevision").getId());

    // the chair's own nomination, the name written decomposed (NFD) and with a no-break space
    Map<String, Object> ofTheChair = new LinkedHashMap<>(dossier("giay-khen"));
    ofTheChair.put("nomineeName", java.text.Normalizer.normalize("Đỗ\u00A0Văn  Nam", java.text.Normalizer.Form.NFD));
    ProcessInstance d = start("lap.bvdk", ofTheChair);
    f.put("gaOwn", task(d, "grassrootsApproval").getId());

    // a step the chair recused from
    ProcessInstance e = start("lap.bvdk", dossier("giay-khen"));
    String gaRecused = task(e, "grassrootsApproval").getId();
    as("chutich.bvdk", () -> recusals.recuse(gaRecused, "Người thân của tôi."));
    f.put("gaRecused", gaRecused);

    f.put("job", engine.getManagementService().createJobQuery().processInstanceId(b.getId()).list().get(0).getId());
    f.put("deployment", engine.getRepositoryService().createDeploymentQuery().list().get(0).getId());
    Map<String, TasklistSession> sessions = new LinkedHashMap<>();
    for (String user : List.of("lap.bvdk", "chutich.bvdk")) {
      sessions.put(user, TasklistSession.login(port, user));
    }
    tasklist = sessions;
    fixtures = f;
  }

  // ---------------------------------------------------------------------------------------------------
  // the catalogue
  // ---------------------------------------------------------------------------------------------------

  static Stream<Case> catalogue() {
    List<Case> c = new ArrayList<>();
    String ga = "/engine-rest/task/{ga}";
    String sv = "/engine-rest/task/{sv}";
    String rev = "/engine-rest/task/{rev}";

    // --- wrong types
    c.add(startCase("string for a number", with("meetingMembers", "25"), "Trường «Tổng số thành viên» phải là một số."));
    c.add(startCase("word for a number", with("initiativeCount", "hai"), "Trường «Số sáng kiến» phải là một số."));
    c.add(startCase("fraction for a whole number", with("meetingPresent", 22.5), "Trường «Số có mặt» phải là số nguyên."));
    c.add(startCase("number for a text", with("nomineeName", 12345L), "Trường " + NAME + " phải là văn bản."));
    c.add(startCase("boolean as a string", with("holdsLeadershipPost", "true"),
        "Trường «Giữ chức vụ lãnh đạo» phải là Có hoặc Không."));
    c.add(startCase("number for a boolean", with("directWorker", 1L),
        "Trường «Công nhân, lao động trực tiếp» phải là Có hoặc Không."));
    c.add(startCase("date as dd/MM/yyyy", with("meetingDate", "10/11/2026"),
        "Trường «Ngày họp bình xét» phải là ngày theo dạng năm-tháng-ngày"));
    c.add(startCase("impossible date", with("meetingDate", "2026-13-45"),
        "Trường «Ngày họp bình xét» phải là ngày theo dạng năm-tháng-ngày"));
    c.add(startCase("typed value that is not of its type",
        with("meetingPresent", new TypedJson(Map.of("value", "abc", "type", "Long"))), "Cannot convert value"));

    // --- missing required fields
    c.add(startCase("no nominee name", without("nomineeName"), "Trường " + NAME + " là bắt buộc."));
    c.add(startCase("blank nominee name", with("nomineeName", "   "), "Trường " + NAME + " là bắt buộc."));
    c.add(startCase("no achievements", without("achievements"), "Trường «Tóm tắt thành tích» là bắt buộc."));
    c.add(startCase("no meeting date", without("meetingDate"), "Trường «Ngày họp bình xét» là bắt buộc."));
    c.add(startCase("no award form", without("awardForm"), "Trường «Hình thức khen thưởng» là bắt buộc."));
    c.add(startCase("no meeting counts", without("meetingMembers", "meetingPresent", "meetingFor", "meetingAgainst"),
        "Trường «Số có mặt» là bắt buộc."));
    c.add(new Case("no variables at all", "lap.bvdk", HttpMethod.POST, START, Map.of(), 400,
        "Trường «Đối tượng đề nghị» là bắt buộc."));

    // --- oversized text
    c.add(startCase("nominee name of 201 characters", with("nomineeName", "ễ".repeat(201)),
        "Trường " + NAME + " không được dài quá 200 ký tự."));
    c.add(startCase("position of 201 characters", with("nomineePosition", "x".repeat(201)),
        "Trường «Chức vụ, đơn vị công tác» không được dài quá 200 ký tự."));
    c.add(startCase("achievements of 4001 characters", with("achievements", "a".repeat(4001)),
        "Trường «Tóm tắt thành tích» không được dài quá 4.000 ký tự."));
    c.add(complete("reason of 2001 characters", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "return", "grassrootsApprovalReason", "r".repeat(2001)), 400,
        "Trường «Lý do / ý kiến (bắt buộc khi trả lại hoặc từ chối)» không được dài quá 2.000 ký tự."));
    c.add(new Case("withdrawal reason of 2001 characters", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", "r".repeat(2001)), 400,
        "Trường «Lý do rút hồ sơ» không được dài quá 2.000 ký tự."));

    // --- negative or inconsistent counts
    c.add(startCase("negative members", with("meetingMembers", -1L), "Trường «Tổng số thành viên» không được nhỏ hơn 0."));
    c.add(startCase("negative initiative benefit", with("initiativeBenefit", -5L),
        "Trường «Giá trị làm lợi của sáng kiến (đồng)» không được nhỏ hơn 0."));
    c.add(startCase("too many initiatives", with("initiativeCount", 1001L), "Trường «Số sáng kiến» không được lớn hơn 1000."));
    c.add(startCase("present more than members", with("meetingPresent", 30L),
        "Biên bản họp xét: số người có mặt không được lớn hơn tổng số thành viên."));
    c.add(startCase("for and against more than present", with("meetingFor", 21L, "meetingAgainst", 5L),
        "Biên bản họp xét: số đồng ý (21), không đồng ý (5) và không biểu quyết (0) cộng lại phải bằng số người "
            + "có mặt (23)."));
    c.add(startCase("for not more than half", with("meetingFor", 11L, "meetingAgainst", 12L),
        "Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý."));
    c.add(startCase("a meeting of nobody", with("meetingMembers", 0L, "meetingPresent", 0L, "meetingFor", 0L,
        "meetingAgainst", 0L), "Biên bản họp xét: tổng số thành viên phải từ 1 người trở lên."));

    // --- unknown award forms, movements, rounds, units; closed round; future meeting
    c.add(startCase("unknown award form", with("awardForm", "bang-khen-chinh-phu"),
        "Giá trị «bang-khen-chinh-phu» không có trong danh sách của trường «Hình thức khen thưởng»."));
    c.add(startCase("unknown movement", with("movement", "thi-dua-yeu-nuoc"),
        "Giá trị «thi-dua-yeu-nuoc» không có trong danh sách của trường «Phong trào thi đua»."));
    c.add(startCase("unknown nominee kind", with("nomineeKind", "organization"),
        "Giá trị «organization» không có trong danh sách của trường «Đối tượng đề nghị»."));
    c.add(startCase("unknown round", with("round", "2027-tong-ket"), "Không có đợt khen thưởng «2027-tong-ket»."));
    c.add(startCase("closed round", with("round", "2025-tong-ket"),
        "Đợt khen thưởng «Tổng kết năm 2025» không mở nhận hồ sơ vào ngày 2026-11-20."));
    c.add(startCase("another unit as grassroots unit", with("grassrootsUnit", "cs_thpt_lqd"),
        "Tài khoản «lap.bvdk» không được lập hồ sơ cho đơn vị «cs_thpt_lqd»."));
    c.add(startCase("unknown grassroots unit", with("grassrootsUnit", "cs_khong_ton_tai"),
        "Tài khoản «lap.bvdk» không được lập hồ sơ cho đơn vị «cs_khong_ton_tai»."));
    c.add(startCase("meeting tomorrow", with("meetingDate", "2026-11-21"),
        "Ngày họp bình xét (2026-11-21) không được sau ngày hôm nay."));

    // --- award forms for the wrong kind of nominee, Bằng Lao động sáng tạo without enough benefit
    c.add(startCase("provincial flag for an individual", with("awardForm", "co-thi-dua-tinh"),
        "Cờ thi đua của Liên đoàn Lao động tỉnh chỉ xét tặng cho tập thể."));
    c.add(startCase("national flag for an individual", with("awardForm", "co-thi-dua-tld"),
        "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam chỉ xét tặng cho tập thể."));
    c.add(new Case("creative labour award for a collective", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", RestClient.typed(collectiveWith("awardForm", "bang-ldst"))), 400,
        "Bằng Lao động sáng tạo chỉ xét tặng cho cá nhân."));
    c.add(startCase("creative labour award, one initiative under 80 million",
        with("awardForm", "bang-ldst", "initiativeCount", 1L, "initiativeBenefit", 79_999_999L),
        "Bằng Lao động sáng tạo: sáng kiến phải có giá trị làm lợi từ 80.000.000 đồng trở lên."));
    c.add(startCase("creative labour award, three initiatives under 120 million",
        with("awardForm", "bang-ldst", "initiativeCount", 3L, "initiativeBenefit", 100_000_000L),
        "Bằng Lao động sáng tạo: tổng giá trị làm lợi của các sáng kiến phải từ 120.000.000 đồng trở lên."));
    c.add(startCase("creative labour award without an initiative",
        with("awardForm", "bang-ldst", "initiativeCount", 0L, "initiativeBenefit", 0L),
        "Bằng Lao động sáng tạo cần có ít nhất một sáng kiến."));

    // --- forged server variables in the dossier
    c.add(startCase("dossier with a decision number and money", with("decisionNumber", "Số: 1/QĐ-LĐLĐ",
        "awardMoney", 100_000_000L), "không nhận các trường: awardMoney, decisionNumber."));
    c.add(startCase("dossier naming its superior unit", with("superiorUnit", "tinh", "hasSuperior", false),
        "không nhận các trường: hasSuperior, superiorUnit."));
    c.add(startCase("dossier with a deciding authority", with("authority", "superior"), "không nhận các trường: authority."));
    c.add(startCase("dossier with its own code", with("nominationCode", "HS-2026-99999"),
        "không nhận các trường: nominationCode."));
    c.add(startCase("dossier with a remembered reviewer", with("lastReviewer_superiorVetting", "thamdinh.yte"),
        "không nhận các trường: lastReviewer_superiorVetting."));

    // --- forged variables on completion, through every API
    c.add(complete("approval with a decision number", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "decisionNumber", "Số: 999/QĐ-LĐLĐ"), 400,
        CHAIR_STEP_REFUSES + "decisionNumber."));
    c.add(complete("approval with a council ballot", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "councilFor", 15L), 400, CHAIR_STEP_REFUSES + "councilFor."));
    c.add(complete("approval with award money", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "awardMoney", 1_000_000_000L), 400, CHAIR_STEP_REFUSES + "awardMoney."));
    c.add(complete("approval with a remembered reviewer", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "lastReviewer_superiorVetting", "chutich.bvdk"), 400,
        CHAIR_STEP_REFUSES + "lastReviewer_superiorVetting."));
    c.add(complete("approval with a deciding authority", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "authority", "superior"), 400, CHAIR_STEP_REFUSES + "authority."));
    c.add(complete("approval changing a read-only field", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "approve", "nomineeName", "Người khác"), 400, CHAIR_STEP_REFUSES + "nomineeName."));
    c.add(new Case("submit-form with a superior unit", "chutich.bvdk", HttpMethod.POST, ga + "/submit-form",
        vars(Map.of("grassrootsApprovalOutcome", "approve", "superiorUnit", "cdn_giaoduc")), 400,
        CHAIR_STEP_REFUSES + "superiorUnit."));
    c.add(new Case("task variable PUT of a decision number", "chutich.bvdk", HttpMethod.PUT,
        ga + "/variables/decisionNumber", Map.of("value", "Số: 5/QĐ-LĐLĐ", "type", "String"), 400,
        OUTSIDE_STEP + "decisionNumber."));
    c.add(new Case("local task variable PUT of award money", "chutich.bvdk", HttpMethod.PUT,
        ga + "/localVariables/awardMoney", Map.of("value", 5, "type", "Long"), 400, OUTSIDE_STEP + "awardMoney."));
    c.add(new Case("task variables POST of a superior unit", "chutich.bvdk", HttpMethod.POST, ga + "/variables",
        Map.of("modifications", RestClient.typed(Map.of("superiorUnit", "cdn_giaoduc"))), 400,
        OUTSIDE_STEP + "superiorUnit."));
    c.add(new Case("task variables POST deleting the unit", "chutich.bvdk", HttpMethod.POST, ga + "/variables",
        Map.of("deletions", List.of("grassrootsUnit")), 400, OUTSIDE_STEP + "grassrootsUnit."));
    c.add(new Case("task variable DELETE of the unit", "chutich.bvdk", HttpMethod.DELETE,
        ga + "/variables/grassrootsUnit", null, 400, OUTSIDE_STEP + "grassrootsUnit."));
    c.add(new Case("process variable PUT of award money by the chair", "chutich.bvdk", HttpMethod.PUT,
        "/engine-rest/process-instance/{piA}/variables/awardMoney", Map.of("value", 5, "type", "Long"), 403,
        CAMUNDA_FORBIDDEN));
    c.add(new Case("process variables POST by the preparer", "lap.bvdk", HttpMethod.POST,
        "/engine-rest/process-instance/{piA}/variables",
        Map.of("modifications", RestClient.typed(Map.of("grassrootsApprovalOutcome", "approve"))), 403, CAMUNDA_FORBIDDEN));
    c.add(complete("revision changing the award form", "lap.bvdk", rev, Map.of("awardForm", "bang-khen-tld"), 400,
        "không nhận các trường: awardForm."));
    c.add(complete("revision moving the unit", "lap.bvdk", rev, Map.of("grassrootsUnit", "cs_thpt_lqd"), 400,
        "không nhận các trường: grassrootsUnit."));

    // --- ending a step otherwise than by completing it, with forged values
    Map<String, Object> forged = Map.of("councilOutcome", "awarded", "awardMoney", 100_000_000L,
        "decisionNumber", "Số: 1/QĐ-LĐLĐ");
    c.add(new Case("BPMN error from a revision task with a forged decision", "lap.bvdk", HttpMethod.POST,
        rev + "/bpmnError", Map.of("errorCode", "nominationWithdrawn", "variables", RestClient.typed(forged)), 403,
        "chỉ kết thúc khi được hoàn thành"));
    c.add(new Case("BPMN error from a revision task, no variables", "lap.bvdk", HttpMethod.POST, rev + "/bpmnError",
        Map.of("errorCode", "any"), 403, "chỉ kết thúc khi được hoàn thành"));
    c.add(new Case("BPMN error from the chair's approval", "chutich.bvdk", HttpMethod.POST, ga + "/bpmnError",
        Map.of("errorCode", "any"), 403, "chỉ kết thúc khi được hoàn thành"));

    // --- separation of duties on completion, whatever the API, without claiming first
    c.add(complete("completion of a nomination of oneself, name in NFD with a no-break space", "chutich.bvdk",
        "/engine-rest/task/{gaOwn}", Map.of("grassrootsApprovalOutcome", "approve"), 403, "cho chính mình"));
    c.add(new Case("submit-form of a nomination of oneself", "chutich.bvdk", HttpMethod.POST,
        "/engine-rest/task/{gaOwn}/submit-form", vars(Map.of("grassrootsApprovalOutcome", "approve")), 403,
        "cho chính mình"));
    c.add(complete("completion of a step one recused from", "chutich.bvdk", "/engine-rest/task/{gaRecused}",
        Map.of("grassrootsApprovalOutcome", "approve"), 403, "đã xin rút"));
    c.add(new Case("submit-form of a step one recused from", "chutich.bvdk", HttpMethod.POST,
        "/engine-rest/task/{gaRecused}/submit-form", vars(Map.of("grassrootsApprovalOutcome", "approve")), 403,
        "đã xin rút"));
    c.add(new Case("claim of a step one recused from", "chutich.bvdk", HttpMethod.POST, "/engine-rest/task/{gaRecused}/claim",
        Map.of("userId", "chutich.bvdk"), 403, "đã xin rút"));

    // --- saving a task: assignee and due date
    c.add(new Case("task saved with the preparer as assignee", "chutich.bvdk", HttpMethod.PUT, ga,
        Map.of("name", "Chủ tịch CĐCS duyệt", "assignee", "lap.bvdk", "priority", 50), 403,
        "Người lập hồ sơ không được tự duyệt"));
    c.add(new Case("task saved without its due date", "chutich.bvdk", HttpMethod.PUT, ga,
        Map.of("name", "Chủ tịch CĐCS duyệt", "assignee", "chutich.bvdk", "priority", 50), 403, "hạn xử lý"));
    c.add(new Case("candidate group added by the chair", "chutich.bvdk", HttpMethod.POST, ga + "/identity-links",
        Map.of("groupId", "cs_bvdk_tinh-preparer", "type", "candidate"), 403, "Không được thay đổi đơn vị, người được giao"));

    // --- one's own profile: the name and e-mail are the administrator's
    c.add(new Case("own name changed to a nominee's", "lap.bvdk", HttpMethod.PUT, "/engine-rest/user/lap.bvdk/profile",
        Map.of("id", "lap.bvdk", "firstName", "Đỗ Văn", "lastName", "Nam", "email", "lap.bvdk@congdoan-laichau.example"),
        403, "Họ tên và thư điện tử của tài khoản do quản trị viên quản lý"));
    c.add(new Case("own e-mail changed", "lap.bvdk", HttpMethod.PUT, "/engine-rest/user/lap.bvdk/profile",
        Map.of("id", "lap.bvdk", "firstName", "Bùi Thị", "lastName", "Thu", "email", "ke.gian@example.com"),
        403, "Họ tên và thư điện tử"));
    c.add(new Case("own account deleted", "lap.bvdk", HttpMethod.DELETE, "/engine-rest/user/lap.bvdk", null, 403,
        "Đồng chí không được thực hiện thao tác này"));

    // --- jobs: the engine's, and administrators'
    c.add(new Case("a timer run by the auditor", "kiemtra.tinh", HttpMethod.POST, "/engine-rest/job/{job}/execute", null,
        403, "Chỉ quản trị viên được chạy"));
    c.add(new Case("a timer run by the reviewer", "thamdinh.yte", HttpMethod.POST, "/engine-rest/job/{job}/execute", null,
        403, "Chỉ quản trị viên được chạy"));
    c.add(new Case("a timer's retries set by the auditor", "kiemtra.tinh", HttpMethod.PUT, "/engine-rest/job/{job}/retries",
        Map.of("retries", 0), 403, "Chỉ quản trị viên được chạy"));

    // --- outcomes not in the list, return and reject without a reason
    c.add(complete("outcome not in the list", "chutich.bvdk", ga, Map.of("grassrootsApprovalOutcome", "approved"), 400,
        "Giá trị «approved» không có trong danh sách của trường " + OUTCOME + "."));
    c.add(complete("outcome as a boolean", "chutich.bvdk", ga, Map.of("grassrootsApprovalOutcome", true), 400,
        "Trường " + OUTCOME + " phải là văn bản."));
    c.add(complete("no outcome", "chutich.bvdk", ga, Map.of("grassrootsApprovalReason", "Đồng ý."), 400,
        "Trường " + OUTCOME + " là bắt buộc."));
    c.add(complete("return without a reason", "chutich.bvdk", ga, Map.of("grassrootsApprovalOutcome", "return"), 400,
        REASON_REQUIRED));
    c.add(complete("reject with a blank reason", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "reject", "grassrootsApprovalReason", "   "), 400, REASON_REQUIRED));
    c.add(complete("superior reject without a reason", "thamdinh.yte", sv, Map.of("superiorVettingOutcome", "reject"),
        400, REASON_REQUIRED));

    // --- another unit's task
    c.add(new Case("claim of another sector's task", "thamdinh.giaoduc", HttpMethod.POST, sv + "/claim",
        Map.of("userId", "thamdinh.giaoduc"), 403, CAMUNDA_FORBIDDEN));
    c.add(complete("completion of another sector's task", "thamdinh.giaoduc", sv,
        Map.of("superiorVettingOutcome", "approve"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("read of another sector's task", "thamdinh.giaoduc", HttpMethod.GET, sv, null, 404,
        "No matching task with id"));
    c.add(new Case("variables of another sector's task", "thamdinh.giaoduc", HttpMethod.GET, sv + "/variables", null,
        403, CAMUNDA_FORBIDDEN));
    c.add(new Case("comment on another sector's task", "thamdinh.giaoduc", HttpMethod.POST, sv + "/comment/create",
        Map.of("message", "Đề nghị trả lại."), 400, "No task found for task id"));
    c.add(new Case("attachment to another sector's task", "thamdinh.giaoduc", HttpMethod.POST,
        sv + "/attachment/create", attachment(), 400, "No task found for task id"));
    c.add(new Case("attachments of another sector's task", "thamdinh.giaoduc", HttpMethod.GET, sv + "/attachment",
        null, 404, "No task found for task id"));
    c.add(new Case("assignment of another sector's task to oneself", "thamdinh.giaoduc", HttpMethod.POST,
        sv + "/assignee", Map.of("userId", "thamdinh.giaoduc"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("own group added to another sector's task", "thamdinh.giaoduc", HttpMethod.POST,
        sv + "/identity-links", Map.of("groupId", "cdn_giaoduc-reviewer", "type", "candidate"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("update of another sector's task", "thamdinh.giaoduc", HttpMethod.PUT, sv,
        Map.of("name", "Đã xong", "priority", 100), 404, "No matching task with id"));
    c.add(new Case("recusal from another sector's task", "thamdinh.giaoduc", HttpMethod.POST, "/api/tasks/{sv}/recusal",
        Map.of("reason", "Có quan hệ họ hàng."), 404, "Không tìm thấy công việc"));
    c.add(new Case("process variables of another sector's nomination", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/process-instance/{piB}/variables", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("claim of another grassroots unit's task", "chutich.lqd", HttpMethod.POST, ga + "/claim",
        Map.of("userId", "chutich.lqd"), 403, CAMUNDA_FORBIDDEN));
    c.add(complete("completion of another grassroots unit's task", "chutich.lqd", ga,
        Map.of("grassrootsApprovalOutcome", "reject", "grassrootsApprovalReason", "Không đạt."), 403, CAMUNDA_FORBIDDEN));
    c.add(complete("revision of another grassroots unit's dossier", "lap.lqd", rev, Map.of("nomineeName", "Người khác"),
        403, CAMUNDA_FORBIDDEN));
    c.add(new Case("withdrawal message sent straight to the engine", "lap.lqd", HttpMethod.POST, "/engine-rest/message",
        Map.of("messageName", "nominationWithdrawn", "processInstanceId", "{piA}"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("recusal without a reason", "chutich.bvdk", HttpMethod.POST, "/api/tasks/{ga}/recusal",
        Map.of("reason", " "), 400, "Vui lòng ghi lý do xin rút khỏi việc xem xét hồ sơ."));

    // --- another unit's history: the API filters
    c.add(new Case("history of another sector's nomination", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/history/process-instance?processInstanceId={piB}", null, 200, "[]"));
    c.add(new Case("historic variables of another sector's nomination", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/history/variable-instance?processInstanceId={piB}", null, 200, "[]"));
    c.add(new Case("historic tasks of another sector's nomination", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/history/task?processInstanceId={piB}", null, 200, "[]"));
    c.add(new Case("historic activities of another sector's nomination", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/history/activity-instance?processInstanceId={piB}", null, 200, "[]"));
    c.add(new Case("one historic instance of another sector", "thamdinh.giaoduc", HttpMethod.GET,
        "/engine-rest/history/process-instance/{piB}", null, 404, "does not exist"));
    c.add(new Case("historic variables of another grassroots unit", "chutich.lqd", HttpMethod.GET,
        "/engine-rest/history/variable-instance?processInstanceId={piA}", null, 200, "[]"));

    // --- deployment, process start, deletion and privilege escalation by those who may not
    c.add(new Case("deployment by a reviewer", "thamdinh.yte", HttpMethod.POST, "/engine-rest/deployment/create",
        deployment(), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("deployment by the auditor", "kiemtra.tinh", HttpMethod.POST, "/engine-rest/deployment/create",
        deployment(), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("deployment deleted by the auditor", "kiemtra.tinh", HttpMethod.DELETE,
        "/engine-rest/deployment/{deployment}?cascade=true", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("process start by a reviewer", "thamdinh.yte", HttpMethod.POST, START,
        vars(dossier("giay-khen")), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("process start by the chair", "chutich.bvdk", HttpMethod.POST, START,
        vars(dossier("giay-khen")), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("deletion of a nomination by its reviewer", "thamdinh.yte", HttpMethod.DELETE,
        "/engine-rest/process-instance/{piB}", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("deletion of a nomination by its preparer", "lap.bvdk", HttpMethod.DELETE,
        "/engine-rest/process-instance/{piA}", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("deletion of a nomination's history by the auditor", "kiemtra.tinh", HttpMethod.DELETE,
        "/engine-rest/history/process-instance/{piB}", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("suspension by the auditor", "kiemtra.tinh", HttpMethod.PUT,
        "/engine-rest/process-instance/{piB}/suspended", Map.of("suspended", true), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("a reviewer moves the token", "thamdinh.yte", HttpMethod.POST,
        "/engine-rest/process-instance/{piB}/modification",
        Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "provinceDecided"))), 403,
        CAMUNDA_FORBIDDEN));
    c.add(new Case("a preparer starts at the decision, skipping every review", "lap.bvdk", HttpMethod.POST,
        "/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(dossier("bang-khen-tinh")),
            "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "provinceDecided"))),
        403, "Chỉ quản trị viên"));
    c.add(new Case("a preparer files in another person's name", "lap.bvdk", HttpMethod.POST,
        "/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(withPreparer(dossier("giay-khen"), "lap.lqd"))), 400, "preparer"));
    c.add(new Case("a preparer joins the standing committee", "lap.bvdk", HttpMethod.PUT,
        "/engine-rest/group/tinh-standing/members/lap.bvdk", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("a preparer grants themselves everything", "lap.bvdk", HttpMethod.POST,
        "/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ALL"), "userId", "lap.bvdk",
            "resourceType", 8, "resourceId", "*"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("the auditor, read-only in Admin, adds themselves to a group", "kiemtra.tinh", HttpMethod.PUT,
        "/engine-rest/group/tinh-standing/members/kiemtra.tinh", null, 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("the auditor grants an authorization", "kiemtra.tinh", HttpMethod.POST,
        "/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ALL"), "userId", "kiemtra.tinh",
            "resourceType", 8, "resourceId", "*"), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("the auditor creates a user", "kiemtra.tinh", HttpMethod.POST, "/engine-rest/user/create",
        Map.of("profile", Map.of("id", "ke.gian2", "firstName", "Kẻ", "lastName", "Gian"),
            "credentials", Map.of("password", "demo")), 403, CAMUNDA_FORBIDDEN));
    c.add(new Case("a preparer creates a user", "lap.bvdk", HttpMethod.POST, "/engine-rest/user/create",
        Map.of("profile", Map.of("id", "ke.gian", "firstName", "Kẻ", "lastName", "Gian"),
            "credentials", Map.of("password", "demo")), 403, CAMUNDA_FORBIDDEN));

    // --- anonymous and wrong password
    c.add(new Case("anonymous engine list", null, HttpMethod.GET, "/engine-rest/engine", null, 401, CHALLENGE));
    c.add(new Case("anonymous task list", null, HttpMethod.GET, "/engine-rest/task", null, 401, CHALLENGE));
    c.add(new Case("anonymous start", null, HttpMethod.POST, START, vars(dossier("giay-khen")), 401, CHALLENGE));
    c.add(new Case("anonymous history", null, HttpMethod.GET, "/engine-rest/history/variable-instance", null, 401, CHALLENGE));
    c.add(new Case("anonymous withdrawal", null, HttpMethod.POST, "/api/nominations/{codeA}/withdrawal",
        Map.of("reason", "Chuyển công tác."), 401, CHALLENGE));
    c.add(new Case("anonymous mail preference", null, HttpMethod.PUT, "/api/me/mail-preference",
        Map.of("mode", "digest"), 401, CHALLENGE));
    c.add(new Case("wrong password", WRONG_PASSWORD_USER + ":sai-mat-khau", HttpMethod.GET, "/engine-rest/task", null,
        401, CHALLENGE));

    // --- Java serialization
    c.add(new Case("Java-serialized object variable in a dossier", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", withSerialized(RestClient.typed(dossier("giay-khen")))), 400, "tuần tự hóa"));
    c.add(new Case("Java-serialized object as a task variable", "chutich.bvdk", HttpMethod.PUT,
        ga + "/variables/grassrootsApprovalReason", serializedObject(), 400, "tuần tự hóa"));
    c.add(new Case("Java-serialized request body", "lap.bvdk", HttpMethod.POST, START,
        new Raw("application/x-java-serialized-object", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}), 400,
        "tuần tự hóa"));

    // --- withdrawal
    c.add(new Case("withdrawal by another unit's preparer", "lap.lqd", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", "Rút giúp."), 403,
        "Bạn không thuộc công đoàn cơ sở đã lập hồ sơ"));
    c.add(new Case("withdrawal by the superior reviewer", "thamdinh.yte", HttpMethod.POST,
        "/api/nominations/{codeB}/withdrawal", Map.of("reason", "Không đủ điều kiện."), 403,
        "Bạn không thuộc công đoàn cơ sở đã lập hồ sơ"));
    c.add(new Case("withdrawal without a reason", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of(), 400, "Vui lòng ghi lý do rút hồ sơ."));
    c.add(new Case("withdrawal with a blank reason", "lap.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", "  "), 400, "Vui lòng ghi lý do rút hồ sơ."));
    c.add(new Case("withdrawal of an unknown code", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/HS-2026-99999/withdrawal", Map.of("reason", "Chuyển công tác."), 404,
        "Không tìm thấy hồ sơ HS-2026-99999."));

    addInputValidationCases(c);

    // --- mail preference
    c.add(new Case("mail preference weekly", "lap.bvdk", HttpMethod.PUT, "/api/me/mail-preference",
        Map.of("mode", "weekly"), 400, "Chế độ nhận thư phải là «immediate» (gửi ngay) hoặc «digest»"));
    c.add(new Case("mail preference as a number", "lap.bvdk", HttpMethod.PUT, "/api/me/mail-preference",
        Map.of("mode", 1), 400, "Chế độ nhận thư phải là"));
    c.add(new Case("mail preference without a mode", "lap.bvdk", HttpMethod.PUT, "/api/me/mail-preference",
        Map.of(), 400, "Chế độ nhận thư phải là"));
    return c.stream();
  }

  static final String DATE_REFUSED = "Trường «Ngày họp bình xét» phải là ngày theo dạng năm-tháng-ngày (ví dụ 2026-11-20).";
  static final String REASON_LABEL = "«Lý do / ý kiến (bắt buộc khi trả lại hoặc từ chối)»";
  static final String REFUSED_CHARACTER = " có ký tự không được phép (";
  static final String SINGLE_LINE = " chỉ nhận một dòng: không xuống dòng, không dùng ký tự tab.";
  static final String COUNTS_DO_NOT_ADD_UP = "cộng lại phải bằng số người có mặt";
  /** An object variable of a type nobody may deserialize, as a REST client can send it. */
  static final Map<String, Object> FILE_OBJECT = Map.of("value", "\"/etc/passwd\"", "type", "Object",
      "valueInfo", Map.of("objectTypeName", "java.io.File", "serializationDataFormat", "application/json"));

  /**
   * Dates, characters, fields hidden for the nominee kind, objects and JSON where a form field has a plain
   * value, bodies with a key twice, meeting counts that do not add up: through the REST API, the webapps'
   * API that Tasklist calls ({@link #viaTasklist}) and the application's own API.
   */
  static void addInputValidationCases(List<Case> c) {
    String ga = "/engine-rest/task/{ga}";
    String rev = "/engine-rest/task/{rev}";
    List<Case> both = new ArrayList<>();

    // --- dates: exactly yyyy-MM-dd, which is what form-js sends for a date field
    both.add(startCase("date with anything after a T", with("meetingDate", "2026-11-10T<script>"), DATE_REFUSED));
    both.add(startCase("date with a time", with("meetingDate", "2026-11-10T09:00"), DATE_REFUSED));
    both.add(startCase("date with a zone", with("meetingDate", "2026-11-10Z"), DATE_REFUSED));
    both.add(startCase("date with a space before it", with("meetingDate", " 2026-11-10"), DATE_REFUSED));
    both.add(startCase("date of 31 November", with("meetingDate", "2026-11-31"), DATE_REFUSED));
    both.add(startCase("date sent as a Date variable", with("meetingDate",
        new TypedJson(Map.of("value", "2026-11-10T00:00:00.000+0700", "type", "Date"))), DATE_REFUSED));

    // --- characters: no control, invisible or bidirectional characters; line breaks only in a textarea
    both.add(startCase("NUL in the nominee name", with("nomineeName", "Lò Thị\u0000Mai"),
        "Trường " + NAME + REFUSED_CHARACTER + "U+0000)"));
    both.add(startCase("line break in the nominee name", with("nomineeName", "Lò Thị\nMai"),
        "Trường " + NAME + SINGLE_LINE));
    both.add(startCase("tab in the position", with("nomineePosition", "Điều dưỡng\tKhoa Nội"),
        "Trường «Chức vụ, đơn vị công tác»" + SINGLE_LINE));
    both.add(startCase("bell character in the achievements", with("achievements", "Hoàn thành\u0007 nhiệm vụ."),
        "Trường «Tóm tắt thành tích»" + REFUSED_CHARACTER + "U+0007)"));
    both.add(startCase("escape sequence in the achievements", with("achievements", "\u001b[31mđỏ\u001b[0m"),
        "Trường «Tóm tắt thành tích»" + REFUSED_CHARACTER + "U+001B)"));
    both.add(startCase("C1 control in the position", with("nomineePosition", "Điều dưỡng\u0085"),
        "Trường «Chức vụ, đơn vị công tác»" + REFUSED_CHARACTER + "U+0085)"));
    both.add(startCase("right-to-left override in the nominee name", with("nomineeName", "Lò Thị \u202Eiam"),
        "Trường " + NAME + REFUSED_CHARACTER + "U+202E)"));
    both.add(startCase("zero-width space in the nominee name", with("nomineeName", "Lò\u200BThị Mai"),
        "Trường " + NAME + REFUSED_CHARACTER + "U+200B)"));
    both.add(startCase("byte-order mark in the achievements", with("achievements", "\uFEFFHoàn thành nhiệm vụ."),
        "Trường «Tóm tắt thành tích»" + REFUSED_CHARACTER + "U+FEFF)"));
    both.add(startCase("noncharacter U+FFFF in the achievements", with("achievements", "Hoàn thành\uFFFF"),
        "Trường «Tóm tắt thành tích»" + REFUSED_CHARACTER + "U+FFFF)"));
    both.add(new Case("lone surrogate in the nominee name", "lap.bvdk", HttpMethod.POST, START,
        rawDossier("nomineeName", "{\"value\": \"Lò Thị \\ud800Mai\", \"type\": \"String\"}", false), 400,
        "Trường " + NAME + REFUSED_CHARACTER + "U+D800)"));
    both.add(complete("NUL in a return reason", "chutich.bvdk", ga,
        Map.of("grassrootsApprovalOutcome", "return", "grassrootsApprovalReason", "Bổ sung\u0000biên bản."), 400,
        "Trường " + REASON_LABEL + REFUSED_CHARACTER + "U+0000)"));
    both.add(complete("revision with a NUL in the nominee name", "lap.bvdk", rev,
        Map.of("nomineeName", "Lò Thị Mai\u0000"), 400, "Trường " + NAME + REFUSED_CHARACTER + "U+0000)"));

    // --- a field the form hides for this kind of nominee is still checked; only "required" depends on it
    both.add(new Case("position of 5,000 characters for a collective", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", RestClient.typed(collectiveWith("nomineePosition", "x".repeat(5000)))), 400,
        "Trường «Chức vụ, đơn vị công tác» không được dài quá 200 ký tự."));
    both.add(new Case("JSON as the leadership flag of a collective", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", typedWith(collective("giay-khen"), "holdsLeadershipPost",
            Map.of("value", "{\"lanhDao\": true}", "type", "Json"))), 400,
        "Trường «Giữ chức vụ lãnh đạo» phải là Có hoặc Không."));
    both.add(new Case("JSON that does not parse as the direct-worker flag of a collective", "lap.bvdk",
        HttpMethod.POST, START, Map.of("variables", typedWith(collective("giay-khen"), "directWorker",
            Map.of("value", "{{{", "type", "Json"))), 400,
        "Trường «Công nhân, lao động trực tiếp» phải là Có hoặc Không."));
    both.add(new Case("text as the direct-worker flag of a collective", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", RestClient.typed(collectiveWith("directWorker", "có"))), 400,
        "Trường «Công nhân, lao động trực tiếp» phải là Có hoặc Không."));
    both.add(new Case("NUL in the position of a collective", "lap.bvdk", HttpMethod.POST, START,
        Map.of("variables", RestClient.typed(collectiveWith("nomineePosition", "\u0000"))), 400,
        "Trường «Chức vụ, đơn vị công tác»" + REFUSED_CHARACTER + "U+0000)"));

    // --- objects, files and bytes where a form field holds a plain value; none is ever deserialized
    both.add(startCase("a java.io.File object as the nominee name", with("nomineeName", new TypedJson(FILE_OBJECT)),
        "Trường " + NAME + " phải là văn bản."));
    both.add(startCase("a java.io.File object as a meeting count", with("meetingPresent", new TypedJson(FILE_OBJECT)),
        "Trường «Số có mặt» phải là một số."));
    both.add(startCase("a java.io.File object the form does not ask for", with("payload", new TypedJson(FILE_OBJECT)),
        "không nhận các trường: payload."));
    both.add(startCase("a java.io.File object as the grassroots unit", with("grassrootsUnit", new TypedJson(FILE_OBJECT)),
        "Trường «grassrootsUnit» phải là văn bản."));
    both.add(startCase("a java.io.File object as the preparer", with("preparer", new TypedJson(FILE_OBJECT)),
        "không nhận các trường: preparer."));
    both.add(startCase("bytes as the achievements", with("achievements",
        new TypedJson(Map.of("value", "AAEC", "type", "Bytes"))), "Trường «Tóm tắt thành tích» phải là văn bản."));
    both.add(completeTyped("a java.io.File object as the return reason", "chutich.bvdk", ga,
        typedWith(Map.of("grassrootsApprovalOutcome", "return"), "grassrootsApprovalReason", FILE_OBJECT), 400,
        "Trường " + REASON_LABEL + " phải là văn bản."));
    both.add(completeTyped("revision with a java.io.File object as the achievements", "lap.bvdk", rev,
        typedWith(Map.of(), "achievements", FILE_OBJECT), 400, "Trường «Tóm tắt thành tích» phải là văn bản."));

    // --- meeting counts: for + against + abstentions = present
    both.add(startCase("counts short of those present", with("meetingMembers", 40L, "meetingPresent", 38L,
        "meetingFor", 20L, "meetingAgainst", 2L, "meetingAbstain", 0L),
        "Biên bản họp xét: số đồng ý (20), không đồng ý (2) và không biểu quyết (0) " + COUNTS_DO_NOT_ADD_UP + " (38)."));
    both.add(startCase("abstentions beyond those present", with("meetingAbstain", 5L),
        "Biên bản họp xét: số đồng ý (21), không đồng ý (2) và không biểu quyết (5) " + COUNTS_DO_NOT_ADD_UP + " (23)."));
    both.add(startCase("no abstentions", without("meetingAbstain"), "Trường «Số không biểu quyết» là bắt buộc."));
    both.add(startCase("negative abstentions", with("meetingFor", 22L, "meetingAbstain", -1L),
        "Trường «Số không biểu quyết» không được nhỏ hơn 0."));
    both.add(complete("revision whose counts do not add up", "lap.bvdk", rev,
        Map.of("meetingPresent", 24L), 400, COUNTS_DO_NOT_ADD_UP + " (24)."));

    // --- a body with a key twice
    both.add(new Case("a dossier naming a variable twice", "lap.bvdk", HttpMethod.POST, START,
        rawDossier("nomineeName", "{\"value\": \"Người khác\", \"type\": \"String\"}", true), 400,
        "Nội dung gửi lên có khóa «nomineeName» xuất hiện hai lần"));
    both.add(new Case("a body that is not JSON", "lap.bvdk", HttpMethod.POST, START,
        new Raw("application/json", "{\"variables\": {".getBytes(StandardCharsets.UTF_8)), 400,
        "Nội dung gửi lên không đọc được"));
    both.add(new Case("variables that are a text", "lap.bvdk", HttpMethod.POST, START,
        new Raw("application/json", "{\"variables\": \"tất cả\"}".getBytes(StandardCharsets.UTF_8)), 400,
        "Nội dung gửi lên không đọc được"));
    c.addAll(both);
    both.forEach(k -> c.add(viaTasklist(k)));

    // --- values written to a task before its completion follow its form too
    c.add(new Case("NUL in a reason set as a task variable", "chutich.bvdk", HttpMethod.PUT,
        ga + "/variables/grassrootsApprovalReason", Map.of("value", "Trả lại\u0000", "type", "String"), 400,
        OUTSIDE_STEP + "grassrootsApprovalReason."));
    c.add(new Case("a reason of 2001 characters set as a local task variable", "chutich.bvdk", HttpMethod.PUT,
        ga + "/localVariables/grassrootsApprovalReason", Map.of("value", "r".repeat(2001), "type", "String"), 400,
        OUTSIDE_STEP + "grassrootsApprovalReason."));
    c.add(new Case("a java.io.File object set as a task variable", "chutich.bvdk", HttpMethod.PUT,
        ga + "/variables/grassrootsApprovalReason", FILE_OBJECT, 400, OUTSIDE_STEP + "grassrootsApprovalReason."));
    c.add(new Case("an outcome not in the list set through task variables", "chutich.bvdk", HttpMethod.POST,
        ga + "/variables", Map.of("modifications", RestClient.typed(Map.of("grassrootsApprovalOutcome", "yes"))), 400,
        OUTSIDE_STEP + "grassrootsApprovalOutcome."));
    c.add(new Case("a revision date set as a task variable", "lap.bvdk", HttpMethod.PUT,
        rev + "/variables/meetingDate", Map.of("value", "2026-11-10T<script>", "type", "String"), 400,
        OUTSIDE_STEP + "meetingDate."));
    // (reviewers cannot comment through the REST API, which looks the task up in the history they may not read)
    c.add(new Case("NUL in a task comment", "admin", HttpMethod.POST, ga + "/comment/create",
        Map.of("message", "Đồng ý\u0000"), 400, "Trường «Ý kiến»" + REFUSED_CHARACTER + "U+0000)"));

    // --- the application's own API
    c.add(new Case("withdrawal reason with a NUL", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", "Chuyển\u0000công tác."), 400,
        "Trường «Lý do rút hồ sơ»" + REFUSED_CHARACTER + "U+0000)"));
    c.add(new Case("withdrawal reason with a right-to-left override", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", "Chuyển công tác \u202E"), 400,
        "Trường «Lý do rút hồ sơ»" + REFUSED_CHARACTER + "U+202E)"));
    c.add(new Case("withdrawal with a key twice", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", new Raw("application/json",
            "{\"reason\": \"Chuyển công tác.\", \"reason\": \"Khác.\"}".getBytes(StandardCharsets.UTF_8)), 400,
        "Nội dung gửi lên có khóa «reason» xuất hiện hai lần"));
    c.add(new Case("withdrawal reason as an object", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", Map.of("reason", Map.of("a", 1)), 400,
        "Nội dung gửi lên không đọc được"));
    c.add(new Case("withdrawal as plain text", "chutich.bvdk", HttpMethod.POST,
        "/api/nominations/{codeA}/withdrawal", new Raw("text/plain", "Chuyển công tác.".getBytes(StandardCharsets.UTF_8)),
        415, "Kiểu nội dung không được hỗ trợ"));
    c.add(new Case("recusal reason with a NUL", "chutich.bvdk", HttpMethod.POST, "/api/tasks/{ga}/recusal",
        Map.of("reason", "Người thân\u0000"), 400, "Trường «Lý do xin rút»" + REFUSED_CHARACTER + "U+0000)"));
    c.add(new Case("mail preference with a key twice", "lap.bvdk", HttpMethod.PUT, "/api/me/mail-preference",
        new Raw("application/json", "{\"mode\": \"digest\", \"mode\": \"immediate\"}".getBytes(StandardCharsets.UTF_8)),
        400, "Nội dung gửi lên có khóa «mode» xuất hiện hai lần"));
  }

  /**
   * The same request as Tasklist sends it, through the webapps' API with the user's Tasklist session:
   * a start or a completion becomes Tasklist's {@code submit-form}.
   */
  static Case viaTasklist(Case c) {
    String path = c.path().replaceFirst("^/engine-rest", TasklistSession.ENGINE);
    if (path.endsWith("/start") || path.endsWith("/complete")) {
      path = path.substring(0, path.lastIndexOf('/')) + "/submit-form";
    }
    return new Case(c.name() + " (Tasklist)", c.user(), c.method(), path, c.body(), c.expectedStatus(),
        c.expectedMessageFragment());
  }

  /**
   * The valid dossier as raw JSON, for what a JSON library would not write: {@code name} given first as
   * {@code valueJson}, and a second time from the dossier if {@code twice}.
   */
  static Raw rawDossier(String name, String valueJson, boolean twice) {
    Map<String, Object> dossier = dossier("giay-khen");
    if (!twice) {
      dossier.remove(name);
    }
    try {
      String json = new com.fasterxml.jackson.databind.ObjectMapper()
          .writeValueAsString(Map.of("variables", RestClient.typed(dossier)));
      String prefix = "{\"variables\":{";
      return new Raw("application/json", (prefix + "\"" + name + "\":" + valueJson + ","
          + json.substring(prefix.length())).getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Typed variables with one of them given as the typed JSON {@code typed} exactly as written. */
  static Map<String, Object> typedWith(Map<String, Object> variables, String name, Map<String, Object> typed) {
    Map<String, Object> out = new LinkedHashMap<>(RestClient.typed(variables));
    out.put(name, typed);
    return out;
  }

  // ---------------------------------------------------------------------------------------------------
  // the checks
  // ---------------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("catalogue")
  void aHostileRequestIsRefusedAndLeavesNoTrace(Case c) {
    Map<String, Object> before = snapshot();

    ResponseEntity<String> response = send(c.user(), c.method(), resolve(c.path()), resolveBody(c.body()));

    String body = response.getBody() == null ? "" : response.getBody();
    assertThat(response.getStatusCode().value()).as("%s: status, body %s", c.name(), body).isEqualTo(c.expectedStatus());
    if (c.expectedStatus() == 401) {
      // Camunda's authentication filter answers with its challenge and no body
      assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as("%s: challenge", c.name())
          .contains(c.expectedMessageFragment());
    } else if (c.expectedStatus() == 200) {
      assertThat(body.strip()).as("%s: filtered result", c.name()).isEqualTo(c.expectedMessageFragment());
    } else {
      assertThat(body).as("%s: message", c.name()).contains(c.expectedMessageFragment());
    }
    assertThat(snapshot()).as("%s: trace", c.name()).isEqualTo(before);
  }


  /** A value that looks like an expression or markup, and where it is sent. */
  record Payload(String name, String field, String value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Payload> payloads() {
    return Stream.of(
        new Payload("JUEL expression as nominee name", "nomineeName", "${execution.setVariable('awardMoney', 999)}"),
        new Payload("deferred expression as nominee name", "nomineeName", "#{groups.of('tinh', 'standing')}"),
        new Payload("script tag as nominee name", "nomineeName", "<script>alert('xss')</script>"),
        new Payload("expression as position", "nomineePosition", "${runtimeService.deleteProcessInstance(x, y)}"),
        new Payload("markup and expression as achievements", "achievements",
            "<img src=x onerror=alert(1)> ${1+1} #{7*7} {{constructor.constructor('alert(1)')()}}"),
        new Payload("expression as return reason", "grassrootsApprovalReason",
            "${execution.setVariable('grassrootsApprovalOutcome', 'approve')} <b>trả lại</b>"),
        new Payload("expression as withdrawal reason", "withdrawalReason",
            "#{execution.setVariable('decisionNumber', 'Số: 1/QĐ-LĐLĐ')} <script>x()</script>"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("payloads")
  void expressionsAndMarkupAreStoredVerbatim(Payload p) {
    String pi;
    switch (p.field()) {
      case "nomineeName", "nomineePosition", "achievements" -> {
        Map<String, Object> d = dossier("giay-khen");
        d.put(p.field(), p.value());
        ResponseEntity<String> started = send("lap.bvdk", HttpMethod.POST, START, vars(d));
        assertThat(started.getStatusCode().value()).as("start: %s", started.getBody()).isEqualTo(200);
        pi = idOf(started.getBody());
        String column = switch (p.field()) {
          case "nomineeName" -> "nominee_name";
          case "nomineePosition" -> "nominee_position";
          default -> null;
        };
        if (column != null) {
          assertThat(jdbc.queryForObject("select " + column + " from nomination where process_instance_id = ?",
              String.class, pi)).isEqualTo(p.value());
        }
      }
      case "grassrootsApprovalReason" -> {
        pi = start("lap.bvdk", dossier("giay-khen")).getId();
        String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        assertThat(send("chutich.bvdk", HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
            Map.of("userId", "chutich.bvdk")).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> done = send("chutich.bvdk", HttpMethod.POST, "/engine-rest/task/" + task + "/complete",
            vars(Map.of("grassrootsApprovalOutcome", "return", p.field(), p.value())));
        assertThat(done.getStatusCode().value()).as("complete: %s", done.getBody()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select reason from nomination_review where process_instance_id = ? "
            + "and step = 'grassrootsApproval'", String.class, pi)).isEqualTo(p.value());
      }
      case "withdrawalReason" -> {
        ProcessInstance started = start("lap.bvdk", dossier("giay-khen"));
        pi = started.getId();
        ResponseEntity<String> done = send("chutich.bvdk", HttpMethod.POST,
            "/api/nominations/" + started.getBusinessKey() + "/withdrawal", Map.of("reason", p.value()));
        assertThat(done.getStatusCode().value()).as("withdrawal: %s", done.getBody()).isEqualTo(204);
      }
      default -> throw new IllegalArgumentException(p.field());
    }
    assertThat(storedValue(pi, p.field())).isEqualTo(p.value());
    // nothing in the value was evaluated
    for (String name : List.of("awardMoney", "decisionNumber")) {
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name).count())
          .as(name).isZero();
    }
    if (p.field().equals("grassrootsApprovalReason")) {
      assertThat(storedValue(pi, "grassrootsApprovalOutcome")).isEqualTo("return");
    }
  }

  /** The value of every stored instance of the variable (process scope and any task-local copy): one value. */
  Object storedValue(String processInstanceId, String name) {
    List<Object> values = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).list().stream().map(v -> v.getValue()).distinct().toList();
    assertThat(values).as("stored values of %s", name).hasSize(1);
    return values.get(0);
  }

  // ---------------------------------------------------------------------------------------------------
  // what "no trace" means
  // ---------------------------------------------------------------------------------------------------

  static final Map<String, String> COUNTED = new LinkedHashMap<>();
  static {
    COUNTED.put("historic process instances", "ACT_HI_PROCINST");
    COUNTED.put("historic variable instances", "ACT_HI_VARINST");
    COUNTED.put("nomination rows", "nomination");
    COUNTED.put("mail_message rows", "mail_message");
    COUNTED.put("nomination_review rows", "nomination_review");
    COUNTED.put("historic details (variable updates)", "ACT_HI_DETAIL");
    COUNTED.put("comments", "ACT_HI_COMMENT");
    COUNTED.put("attachments", "ACT_HI_ATTACHMENT");
    COUNTED.put("deployments", "ACT_RE_DEPLOYMENT");
    COUNTED.put("user operations", "ACT_HI_OP_LOG");
    COUNTED.put("users", "ACT_ID_USER");
    COUNTED.put("memberships", "ACT_ID_MEMBERSHIP");
    COUNTED.put("authorizations", "ACT_RU_AUTHORIZATION");
    COUNTED.put("identity links", "ACT_RU_IDENTITYLINK");
  }

  /** One query for all the counts: {@code select (select count(*) from A) as c0, ...}. */
  static final String COUNTS = "select " + String.join(", ", COUNTED.values().stream()
      .map(table -> "(select count(*) from " + table + ") as c_" + table).toList());

  /** What must not change: row counts, and the contents of tasks, variables, executions and user infos. */
  Map<String, Object> snapshot() {
    Map<String, Object> s = new LinkedHashMap<>();
    List<Object> counts = new ArrayList<>(jdbc.queryForMap(COUNTS).values());
    int i = 0;
    for (String what : COUNTED.keySet()) {
      s.put(what, counts.get(i++));
    }
    s.put("user infos", jdbc.queryForList("select user_id_, key_, value_ from ACT_ID_INFO order by id_").toString());
    s.put("tasks", jdbc.queryForList("select id_, name_, assignee_, owner_, priority_, due_date_, suspension_state_ "
        + "from ACT_RU_TASK order by id_").toString());
    s.put("variables", jdbc.queryForList("select id_, name_, type_, text_, long_, double_, task_id_ "
        + "from ACT_RU_VARIABLE order by id_").toString());
    s.put("executions", jdbc.queryForList("select id_, act_id_, suspension_state_ from ACT_RU_EXECUTION order by id_")
        .toString());
    s.put("jobs", jdbc.queryForList("select id_, retries_, duedate_, suspension_state_ from ACT_RU_JOB order by id_")
        .toString());
    s.put("job log", jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG", Long.class));
    s.put("user names", jdbc.queryForList("select id_, first_, last_, email_ from ACT_ID_USER order by id_").toString());
    return s;
  }


  // ---------------------------------------------------------------------------------------------------
  // requests
  // ---------------------------------------------------------------------------------------------------

  ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    if (path.startsWith("/camunda/api/")) {
      return sendViaTasklist(user, method, path, body);
    }
    String name = user;
    String password = "demo";
    if (user != null && user.contains(":")) {
      name = user.substring(0, user.indexOf(':'));
      password = user.substring(user.indexOf(':') + 1);
    }
    if (body instanceof MultiValueMap<?, ?> || body instanceof Raw) {
      HttpHeaders headers = new HttpHeaders();
      if (body instanceof Raw raw) {
        headers.setContentType(MediaType.parseMediaType(raw.contentType()));
        body = raw.bytes();
      } else {
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      }
      headers.setAccept(List.of(MediaType.APPLICATION_JSON));
      if (name != null) {
        headers.setBasicAuth(name, password);
      }
      return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
    return new RestClient(rest, name, password).exchange(method, path, body, String.class);
  }

  /** Through the webapps' API with the user's Tasklist session, as Tasklist's scripts send it. */
  ResponseEntity<String> sendViaTasklist(String user, HttpMethod method, String path, Object body) {
    TasklistSession session = tasklist.get(user);
    assertThat(session).as("a Tasklist session of %s (log in with the fixtures)", user).isNotNull();
    String text;
    String contentType = "application/json";
    try {
      if (body instanceof Raw raw) {
        text = new String(raw.bytes(), StandardCharsets.UTF_8);
        contentType = raw.contentType();
      } else {
        text = body == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    java.net.http.HttpResponse<String> response = session.send(method.name(), path, text == null ? null : contentType, text);
    HttpHeaders headers = new HttpHeaders();
    response.headers().map().forEach(headers::addAll);
    return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
  }

  static String idOf(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("id").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  static String resolve(String template) {
    String out = template;
    for (Map.Entry<String, String> e : fixtures.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Object resolveBody(Object body) {
    if (body instanceof String s) {
      return resolve(s);
    }
    if (body instanceof Map<?, ?> m && !(body instanceof MultiValueMap<?, ?>)) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, resolveBody(v)));
      return out;
    }
    if (body instanceof List<?> l) {
      return l.stream().map(HostileRequestCatalogTest::resolveBody).toList();
    }
    return body;
  }

  // ---------------------------------------------------------------------------------------------------
  // bodies
  // ---------------------------------------------------------------------------------------------------

  static Map<String, Object> vars(Map<String, Object> variables) {
    return Map.of("variables", RestClient.typed(variables));
  }

  /** The valid dossier with some values changed ({@link TypedJson} values are sent as written). */
  static Map<String, Object> with(Object... namesAndValues) {
    Map<String, Object> d = dossier("giay-khen");
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      Object value = namesAndValues[i + 1];
      if (value instanceof TypedJson t) {
        d.remove(name);
        raw.put(name, t.json());
      } else {
        d.put(name, value);
      }
    }
    Map<String, Object> typed = new LinkedHashMap<>(RestClient.typed(d));
    typed.putAll(raw);
    return typed;
  }

  static Map<String, Object> without(String... names) {
    Map<String, Object> d = dossier("giay-khen");
    for (String name : names) {
      d.remove(name);
    }
    return RestClient.typed(d);
  }

  static Map<String, Object> collectiveWith(String name, Object value) {
    Map<String, Object> d = collective("giay-khen");
    d.put(name, value);
    return d;
  }

  static Case startCase(String name, Map<String, Object> typedVariables, String fragment) {
    return new Case(name, "lap.bvdk", HttpMethod.POST, START, Map.of("variables", typedVariables), 400, fragment);
  }

  static Case complete(String name, String user, String taskPath, Map<String, Object> variables, int status,
      String fragment) {
    return new Case(name, user, HttpMethod.POST, taskPath + "/complete", vars(variables), status, fragment);
  }

  static Case completeTyped(String name, String user, String taskPath, Map<String, Object> typedVariables,
      int status, String fragment) {
    return new Case(name, user, HttpMethod.POST, taskPath + "/complete", Map.of("variables", typedVariables), status,
        fragment);
  }

  static Map<String, Object> serializedObject() {
    return Map.of("value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.HashMap",
            "serializationDataFormat", "application/x-java-serialized-object"));
  }

  static Map<String, Object> withSerialized(Map<String, Object> typed) {
    Map<String, Object> out = new LinkedHashMap<>(typed);
    out.put("payload", serializedObject());
    return out;
  }

  static MultiValueMap<String, Object> attachment() {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("attachment-name", "bien-ban.txt");
    parts.add("attachment-description", "Biên bản họp");
    parts.add("attachment-type", "text/plain");
    parts.add("content", RestClient.file("bien-ban.txt", "Biên bản họp giả mạo"));
    return parts;
  }

  static MultiValueMap<String, Object> deployment() {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "hostile");
    parts.add("hostile.bpmn", RestClient.file("hostile.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://example.org/hostile">
          <process id="hostile" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>"""));
    return parts;
  }


  private static Map<String, Object> withPreparer(Map<String, Object> dossier, String preparer) {
    dossier.put("preparer", preparer);
    return dossier;
  }
}
