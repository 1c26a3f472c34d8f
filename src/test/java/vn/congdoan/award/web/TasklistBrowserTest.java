package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;

/**
 * Camunda Tasklist in a real (headless) Chromium, as the users work: the preparer fills the Camunda Form
 * of the start event and starts a nomination, the grassroots chair finds it, reads the dossier, claims the
 * task and approves. Checks what only a browser shows: that Tasklist submits the form's values with types
 * the server accepts, that the read-only dossier is filled in on the review form, and that the server's
 * Vietnamese validation message reaches the user.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code /usr/bin/chromedriver},
 * {@code /usr/lib/chromium/chromium}); without them the test is skipped. Selenium Manager is never used (no
 * downloads). Elements are found by CSS classes, Angular attributes and form field keys, not by the
 * Tasklist's button texts (the Tasklist UI is translated). On a failure the screenshots of the browsers
 * are in {@code target/tasklist-browser/}.
 */
@EnabledIf(value = "chromiumInstalled", disabledReason = "Browser test skipped: needs /usr/bin/chromedriver and "
    + "/usr/lib/chromium/chromium (Debian/Ubuntu: apt-get install chromium chromium-driver)")
// (Selenium would warn on every browser that it has no DevTools classes for this Chromium: not used here.)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.level.org.openqa.selenium.devtools=error")
@ActiveProfiles("test")
@RestEngineContext
class TasklistBrowserTest extends NominationTestSupport {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  /** Generous: the server and the browser share a small CI machine. */
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Path SCREENSHOTS = Path.of("target", "tasklist-browser");

  /** The shared Tasklist filter of the candidate groups (created by {@code organization.TasklistFilters}). */
  static final String UNIT_FILTER = "Việc của đơn vị tôi";

  @LocalServerPort int port;

  private final List<Browser> browsers = new ArrayList<>();
  private String testName;

  /**
   * Whether the class runs at all. A condition rather than an assumption in {@code @BeforeAll}: it is
   * evaluated before Spring starts the application, and Surefire reports the tests as skipped with the
   * reason (an aborted {@code @BeforeAll} shows as "Tests run: 0", silently, after starting the context).
   */
  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  @BeforeAll
  static void useDebiansChromedriver() {
    // Selenium must use Debian's driver and never try to download one (Selenium Manager).
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
  }

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(Browser::close);
    browsers.clear();
  }

  @Test
  void aPreparerStartsANominationInTasklistAndTheChairApprovesIt() {
    String nominee = "Lò Thị Mai (thử trên trình duyệt)";

    Browser preparer = open("lap.bvdk");
    preparer.openStartForm();
    preparer.fillDossier(nominee, 25, 24, 21, 2, 1);
    preparer.clickStart();
    // Either the start dialog closes, or Tasklist shows why the server refused.
    String refusal = preparer.waitUntil(d -> d.findElements(By.cssSelector(".modal-dialog")).isEmpty()
        ? "" : preparer.errorShown());
    assertThat(refusal).as("error shown by Tasklist").isEmpty();

    ProcessInstance pi = preparer.waitUntil(d -> runtime.createProcessInstanceQuery()
        .processDefinitionKey("award-nomination").variableValueEquals("nomineeName", nominee).singleResult());
    BpmnAwareTests.assertThat(pi).isWaitingAt("grassrootsApproval");
    // the preparer is told the new dossier's code, with a link to its page
    WebElement filed = preparer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".award-filed-notice")));
    assertThat(filed.getText()).contains("Đã gửi hồ sơ. Mã hồ sơ: " + pi.getBusinessKey());
    assertThat(filed.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/ho-so/" + pi.getBusinessKey());
    Map<String, Object> v = runtime.getVariables(pi.getId());
    assertThat(v).containsEntry("nomineeKind", "individual")
        .containsEntry("nomineePosition", "Điều dưỡng, Khoa Nội")
        .containsEntry("holdsLeadershipPost", false)
        .containsEntry("directWorker", true)
        .containsEntry("awardForm", "giay-khen")
        .containsEntry("movement", "lao-dong-gioi")
        .containsEntry("round", "2026-tong-ket")
        .containsEntry("meetingDate", "2026-11-10")
        .containsEntry("grassrootsUnit", "cs_bvdk_tinh")
        .containsEntry("preparer", "lap.bvdk");
    // Tasklist sends the numbers of a Camunda Form untyped: the engine stores them as Integer (Long only
    // beyond the int range), so the values are compared as numbers.
    Map<String, Long> numbers = Map.of("initiativeCount", 2L, "initiativeBenefit", 150_000_000L,
        "meetingMembers", 25L, "meetingPresent", 24L, "meetingFor", 21L, "meetingAgainst", 2L, "meetingAbstain", 1L);
    numbers.forEach((key, expected) -> assertThat(v.get(key)).as(key).isInstanceOf(Number.class)
        .extracting(n -> ((Number) n).longValue()).isEqualTo(expected));
    assertThat((String) v.get("achievements")).startsWith("Hoàn thành xuất sắc nhiệm vụ năm 2026");
    String code = (String) v.get("nominationCode");
    assertThat(code).matches("HS-2026-\\d{5}").isEqualTo(pi.getBusinessKey());

    Task approval = task(pi, "grassrootsApproval");
    Browser chair = open("chutich.bvdk");
    chair.openTaskFromFilter(UNIT_FILTER, approval.getId());
    // The dossier is shown read-only, filled in from the process variables.
    chair.waitForFieldValue("nominationCode", code);
    chair.waitForFieldValue("nomineeName", nominee);
    chair.waitForFieldValue("meetingMembers", "25");
    chair.waitForFieldValue("meetingAgainst", "2");
    chair.waitForFieldValue("meetingAbstain", "1");
    assertThat(chair.field("nomineeName").isEnabled()).as("dossier fields are read-only").isFalse();

    chair.claim();
    chair.waitUntil(d -> "chutich.bvdk".equals(taskService.createTaskQuery().taskId(approval.getId())
        .singleResult().getAssignee()));
    chair.check("grassrootsApprovalOutcome", 0); // Duyệt và trình cấp trên
    chair.clickComplete();

    String completion = chair.waitUntil(d -> taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("superiorVetting").count() == 1 ? "" : chair.errorShown());
    assertThat(completion).as("error shown by Tasklist").isEmpty();
    BpmnAwareTests.assertThat(pi).isWaitingAt("superiorVetting");
    assertThat(runtime.getVariable(pi.getId(), "grassrootsApprovalOutcome")).isEqualTo("approve");
  }

  @Test
  void theSecretariatOpensACouncilSessionTheCouncilVotesAndTheStandingCommitteeApprovesAllInTasklist() {
    // a Giấy khen of a unit directly under the province: no public notice, it waits for a session at once
    Map<String, Object> d = dossier("giay-khen");
    String nominee = "Lò Văn Thắng " + System.nanoTime();
    d.put("nomineeName", nominee);
    ProcessInstance pi = start("lap.che", d);
    approve("chutich.che", pi, "grassrootsApproval");
    approve("thuky.tinh", pi, "secretariatVetting");
    BpmnAwareTests.assertThat(pi).isWaitingAt("awaitCouncilSession");
    setAsideWaitingBut(List.of(pi));
    String code = (String) row(pi).get("code");

    Browser secretary = open("thuky.tinh");
    secretary.openStartForm("Phiên họp xét khen thưởng", "sessionCouncilMembers");
    secretary.select("sessionRound", "Tổng kết năm 2026");
    secretary.type("sessionCouncilMembers", "15");
    secretary.type("sessionCouncilPresent", "14");
    secretary.pickDate("sessionDate", 20, 11, 2026);
    secretary.clickStart();
    String refusal = secretary.waitUntil(dr -> dr.findElements(By.cssSelector(".modal-dialog")).isEmpty()
        ? "" : secretary.errorShown());
    assertThat(refusal).as("error shown by Tasklist").isEmpty();
    String session = secretary.waitUntil(dr -> jdbc.query("select session_process_instance_id from council_agenda "
        + "where nomination_process_instance_id = ?", rs -> rs.next() ? rs.getString(1) : null, pi.getId()));

    Task ballot = taskService.createTaskQuery().processInstanceId(session).taskDefinitionKey("sessionBallot").singleResult();
    Browser council = open("hoidong.tinh");
    council.openTaskFromFilter(UNIT_FILTER, ballot.getId());
    council.waitForFieldValue("nominationCode", code);
    council.waitForFieldValue("nomineeName", nominee);
    council.waitForFieldValue("councilMembers", "15"); // the session's figures, filled in
    council.waitForFieldValue("councilPresent", "14");
    council.claim();
    council.waitUntil(dr -> "hoidong.tinh".equals(taskService.createTaskQuery().taskId(ballot.getId()).singleResult()
        .getAssignee()));
    council.type("councilFor", "12");
    council.type("councilAgainst", "2");
    council.type("councilAbstain", "0");
    council.clickComplete();
    String voted = council.waitUntil(dr -> taskService.createTaskQuery().processInstanceId(session)
        .taskDefinitionKey("standingApproval").count() == 1 ? "" : council.errorShown());
    assertThat(voted).as("error shown by Tasklist").isEmpty();

    Task approval = taskService.createTaskQuery().processInstanceId(session).taskDefinitionKey("standingApproval")
        .singleResult();
    Browser standing = open("thuongvu.tinh");
    standing.openTaskFromFilter(UNIT_FILTER, approval.getId());
    standing.waitUntil(dr -> standing.field("sessionSummary").getDomProperty("value").contains(code + " – " + nominee));
    assertThat(standing.field("sessionSummary").getDomProperty("value")).contains("12/15 phiếu đồng ý – đạt");
    standing.claim();
    standing.waitUntil(dr -> "thuongvu.tinh".equals(taskService.createTaskQuery().taskId(approval.getId())
        .singleResult().getAssignee()));
    standing.check("standingApprovalOutcome", 0); // Duyệt danh sách
    standing.clickComplete();
    String approved = standing.waitUntil(dr -> management.createJobQuery().processInstanceId(session)
        .activityId("issueSessionDecisions").count() == 1 ? "" : standing.errorShown());
    assertThat(approved).as("error shown by Tasklist").isEmpty();
    executeDueJobs(runtime.createProcessInstanceQuery().processInstanceId(session).singleResult());

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("endAwarded");
    // the awardee's page links the decision of the session and its documents
    standing.driver.get(standing.url("/ho-so/" + code));
    WebElement decision = standing.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("decision")));
    assertThat(decision.getText()).contains("Số: ").contains("/QĐ-LĐLĐ");
    assertThat(standing.driver.findElement(By.id("decision-pdf")).getDomAttribute("href")).startsWith("/quyet-dinh/");
  }

  @Test
  void meetingCountsThatDoNotAddUpShowTheServersVietnameseMessageAndStartNothing() {
    String nominee = "Lường Văn Tú (thử trên trình duyệt)";
    long instances = history.createHistoricProcessInstanceQuery().count();

    Browser preparer = open("lap.bvdk");
    preparer.openStartForm();
    preparer.fillDossier(nominee, 25, 30, 21, 2, 7); // 30 present of 25 members
    preparer.clickStart();

    String message = preparer.waitUntil(d -> preparer.errorShown());
    assertThat(message).contains("Hồ sơ chưa hợp lệ")
        .contains("số người có mặt không được lớn hơn tổng số thành viên")
        // the webapps' API answers 400 with the plain Vietnamese message, not the engine's technical wrapper
        .doesNotContain("Cannot instantiate").doesNotContain("ENGINE-");
    assertThat(preparer.driver.findElements(By.cssSelector(".modal-dialog .fjs-form"))).as("start form still open")
        .isNotEmpty();
    // The form stays open with what the user typed, to be corrected.
    assertThat(preparer.field("meetingPresent").getDomProperty("value")).isEqualTo("30");
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("nomineeName", nominee).count()).isZero();
  }

  /**
   * XSS payloads in any field are shown as text in Tasklist forms: a dossier started through the API with
   * markup, script and expression syntax in its free-text fields shows them literally on the chair's review
   * form and on the task card, no element of them is created and none of their handlers runs.
   */
  @Test
  void xssPayloadsInAnyFieldAreShownAsTextInTasklistForms() {
    String name = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    String achievements = "<b onmouseover=\"window.__xss=3\">đậm</b> ${1+1} #{2}";
    String position = "\"><svg onload=window.__xss=4>";
    Map<String, Object> d = dossier("giay-khen");
    d.put("nomineeName", name);
    d.put("achievements", achievements);
    d.put("nomineePosition", position);
    ProcessInstance pi = start("lap.bvdk", d);
    BpmnAwareTests.assertThat(pi).isWaitingAt("grassrootsApproval");
    Task approval = task(pi, "grassrootsApproval");

    Browser chair = open("chutich.bvdk");
    chair.openTaskFromFilter(UNIT_FILTER, approval.getId());

    // The review form: the dossier's disabled fields hold the payloads as their values, character for character.
    chair.waitForFieldValue("nominationCode", pi.getBusinessKey());
    chair.waitForFieldValue("nomineeName", name);
    assertThat(chair.field("nomineeName").getDomProperty("value")).isEqualTo(name);
    assertThat(chair.field("nomineePosition").getDomProperty("value")).isEqualTo(position);
    assertThat(chair.field("achievements").getDomProperty("value")).isEqualTo(achievements);
    assertThat(chair.field("nomineeName").isEnabled()).as("dossier fields are read-only").isFalse();
    // Nothing of the payloads became markup inside the form.
    assertThat(chair.count(".task-details .fjs-form", "[onerror],[onload],[onmouseover]"))
        .as("elements with event handler attributes in the form").isZero();
    assertThat(chair.count(".task-details .fjs-form", "img, script, svg[onload], b[onmouseover]"))
        .as("injected img/script/svg/b elements in the form").isZero();

    // The task card in the filter's list shows the nominee's name as text too.
    By card = By.xpath("//ol[contains(@class,'tasks-list')]/li[.//a[@href='#/?task=" + approval.getId()
        + "' or starts-with(@href,'#/?task=" + approval.getId() + "&')]]");
    By cardName = By.xpath(".//div[contains(@class,'variable-item')][.//*[contains(@class,'variable-label')]"
        + "[@uib-tooltip='nomineeName']]//*[contains(@class,'variable-value')]");
    String shown = chair.waitUntil(drv -> {
      List<WebElement> values = drv.findElement(card).findElements(cardName);
      return values.isEmpty() ? null : values.get(0).getDomProperty("textContent").trim();
    });
    assertThat(shown).as("nominee name on the task card").isEqualTo(name);
    assertThat(chair.count(".tasks-list", "[onerror],[onload],[onmouseover]"))
        .as("elements with event handler attributes in the task list").isZero();
    assertThat(chair.count(".tasks-list", "img, script, svg[onload], b[onmouseover]"))
        .as("injected img/script/svg/b elements in the task list").isZero();

    // Give an injected <img src=x> time to fail and run its handler: no payload ever ran.
    Object xss = chair.driver.executeAsyncScript(
        "var done = arguments[arguments.length - 1]; setTimeout(function () { done(typeof window.__xss); }, 2000);");
    assertThat(xss).as("typeof window.__xss").isEqualTo("undefined");
  }

  @Test
  void anAuditorSearchesOpensTheFullTrailAndExportsTheList() {
    Map<String, Object> d = dossier("bang-khen-tinh");
    String nominee = "Quàng Thị Xuân " + System.nanoTime();
    d.put("nomineeName", nominee);
    var pi = start("lap.bvdk", d);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    String reason = "Biên bản họp thiếu chữ ký của thư ký cuộc họp; đề nghị bổ sung bản có đủ chữ ký. ".repeat(6).strip();
    review("thamdinh.yte", pi, "superiorVetting", "return", reason);
    String code = (String) row(pi).get("code");

    Browser auditor = open("kiemtra.tinh");
    auditor.driver.get(auditor.url("/ho-so"));
    WebElement name = auditor.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.name("nominee")));
    name.sendKeys("quàng thị xuân");
    auditor.click(By.id("search"));
    auditor.click(By.cssSelector("#results a[href$='/ho-so/" + code + "']"));
    WebElement reviews = auditor.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("reviews")));
    assertThat(auditor.driver.findElement(By.id("status")).getText()).isEqualTo("Trả lại để bổ sung");
    assertThat(reviews.getText()).contains("Lê Thị Hồng").contains(reason); // the whole reason, readable
    assertThat(auditor.driver.findElement(By.id("steps")).getText()).contains("Đỗ Văn Nam");
    // the diagram, drawn in the page under its policy, with the path taken and the step it waits at
    WebElement diagram = auditor.driver.findElement(By.cssSelector("#diagram svg"));
    assertThat(diagram.isDisplayed()).isTrue();
    assertThat(diagram.getSize().getWidth()).isGreaterThan(1000);
    assertThat(diagram.findElements(By.cssSelector("g[data-state='visited']"))).hasSizeGreaterThan(3);
    // the step it waits at (the unit's revision) and the review sub-process around it
    assertThat(diagram.findElements(By.cssSelector("g[data-state='active']"))).hasSize(2)
        .anyMatch(g -> "review".equals(g.getDomAttribute("data-element-id")));

    String pdf = auditor.driver.findElement(By.id("print-pdf")).getDomAttribute("href");

    auditor.driver.navigate().back();
    String href = auditor.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("export-csv"))).getDomAttribute("href");
    String xlsx = auditor.driver.findElement(By.id("export-xlsx")).getDomAttribute("href");
    // The export as the browser downloads it, with the auditor's session (fetched from a page of the webapps:
    // the search page's own policy allows no script to connect anywhere).
    auditor.driver.get(auditor.url("/camunda/app/welcome/default/"));
    Object csv = auditor.driver.executeAsyncScript(
        "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERR ' + e));", auditor.url(href));
    assertThat(csv).asString().contains(code).contains(nominee).contains("Bằng khen của Liên đoàn Lao động tỉnh");
    // the spreadsheet and the printed trail, as the browser gets them: their content type and first bytes
    String firstBytes = "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.arrayBuffer()"
        + ".then(b => done(r.headers.get('Content-Type') + ' ' + String.fromCharCode(...new Uint8Array(b).slice(0, 4)))))"
        + ".catch(e => done('ERR ' + e));";
    assertThat(auditor.driver.executeAsyncScript(firstBytes, auditor.url(xlsx))).asString()
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").endsWith(" PK\u0003\u0004");
    assertThat(auditor.driver.executeAsyncScript(firstBytes, auditor.url(pdf))).asString()
        .isEqualTo("application/pdf %PDF");
  }

  @Test
  void aResubmittedDossierShowsTheReviewerEveryEarlierOpinionInFullAndWhatChanged() {
    var pi = start("lap.bvdk", dossier("giay-khen"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    String reason = "Thành tích chưa nêu rõ số liệu năm 2026; đề nghị bổ sung số sáng kiến và giá trị làm lợi. ".repeat(5).strip();
    review("thamdinh.yte", pi, "superiorVetting", "return", reason);
    Map<String, Object> revised = new java.util.HashMap<>(dossier("ignored"));
    revised.remove("awardForm");
    revised.put("achievements", "Năm 2026: 3 sáng kiến, làm lợi 210 triệu đồng.");
    complete("lap.bvdk", pi, "superiorVettingRevision", revised);
    Task again = task(pi, "superiorVetting");

    Browser reviewer = open("thamdinh.yte");
    reviewer.openTaskFromFilter("Việc được giao cho tôi", again.getId());
    WebElement opinions = reviewer.waitUntil(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".task-details .fjs-form [class*='fjs-form-field-table']:has(.fjs-table-td)")));
    String table = reviewer.waitUntil(d -> {
      String text = d.findElement(By.cssSelector(".task-details .fjs-form")).getText();
      return text.contains("Đã sửa: Tóm tắt thành tích") ? text : null;
    });
    assertThat(table).contains("Nộp hồ sơ").contains("Bùi Thị Thu").contains("Trả lại để bổ sung")
        .contains("Lê Thị Hồng").contains("Gửi lại hồ sơ đã sửa")
        .contains("Nội dung đơn vị đã sửa khi gửi lại hồ sơ lần gần nhất")
        .contains("Hoàn thành xuất sắc nhiệm vụ năm 2026; 2 sáng kiến được công nhận.")
        .contains("Năm 2026: 3 sáng kiến, làm lợi 210 triệu đồng.");
    // the return's reason is readable in full in the table: no cell cuts it
    WebElement cell = opinions.findElements(By.cssSelector(".fjs-table-td")).stream()
        .filter(td -> td.getText().startsWith("Thành tích chưa nêu rõ")).findFirst().orElseThrow();
    assertThat(cell.getText().replace("\n", " ")).isEqualTo(reason);
    assertThat(((Number) reviewer.driver.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", cell))
        .intValue()).as("reason cell overflow").isLessThanOrEqualTo(1);
    // the form links to the nomination's page (trail and attachments)
    WebElement pageLink = reviewer.waitUntil(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".task-details .fjs-form a[href$='/ho-so/" + pi.getBusinessKey() + "']")));
    assertThat(pageLink.getText()).startsWith("Mở trang hồ sơ " + pi.getBusinessKey());
    // the position is a read-only text area that shows all of its text
    WebElement position = reviewer.field("nomineePosition");
    assertThat(position.getTagName()).isEqualTo("textarea");
  }

  @Test
  void afterTooManyWrongPasswordsTheLoginPageSaysWhenToTryAgain() throws Exception {
    Browser browser = new Browser("kiemtra.tinh");
    browsers.add(browser);
    browser.driver.get(browser.url("/camunda/app/tasklist/"));
    String shown = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      browser.driver.executeScript("document.querySelectorAll('.notifications .alert').forEach(e => e.remove());");
      browser.click(By.cssSelector("form[name='signinForm'] input[ng-model='username']")); // focus, as a user would
      browser.submitLogin("sai-mat-khau-" + attempt);
      String error = browser.waitUntil(d -> browser.errorShown());
      if (error.contains("thử lại sau")) {
        shown = error;
        break;
      }
    }
    assertThat(shown).as("the brake's message on the login page")
        .contains("Đăng nhập sai quá nhiều lần từ máy này. Vui lòng thử lại sau");
    var seconds = java.util.regex.Pattern.compile("sau (\\d+) giây").matcher(shown);
    assertThat(seconds.find()).isTrue();
    // once the wait is over the right password opens Tasklist (and lifts the brake for the other tests)
    Thread.sleep(Long.parseLong(seconds.group(1)) * 1000 + 300);
    browser.click(By.cssSelector("form[name='signinForm'] input[ng-model='username']"));
    browser.submitLogin("demo");
    browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".start-process-action a")));
  }

  @Test
  void anAuditorReadsCockpitAndAdminInVietnameseWithoutButtonsForChanges() {
    var pi = start("lap.bvdk", dossier("giay-khen"));
    Browser auditor = open("kiemtra.tinh");
    assertThat(auditor.driver.findElements(By.cssSelector(".create-task-action a")))
        .as("Tasklist's create-task action, useless with standalone tasks off").noneMatch(WebElement::isDisplayed);
    auditor.driver.get(auditor.url("/camunda/app/cockpit/default/#/dashboard"));
    String cockpit = auditor.waitUntil(d -> {
      String text = d.findElement(By.tagName("body")).getText();
      return text.contains("Đã triển khai") && text.contains("Bản triển khai") ? text : null;
    });
    assertThat(cockpit).contains("Khen thưởng – LĐLĐ tỉnh Lai Châu", "Phiên quy trình đang chạy", "Quy trình")
        .doesNotContain("Deployments").doesNotContain("Running Process Instances").doesNotContain("It is time to migrate");
    // a running nomination: variables and the diagram are there, the buttons that change it are not
    auditor.driver.get(auditor.url("/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime"));
    auditor.waitUntil(d -> d.findElement(By.tagName("body")).getText().contains("nomineeName") ? true : null);
    assertThat(auditor.driver.findElements(By.cssSelector(".ctn-toolbar, [ng-click^='editVariableValue('], "
        + "[ng-click^='deleteVariable(']"))).as("Cockpit's write buttons").isNotEmpty().noneMatch(WebElement::isDisplayed);
    auditor.driver.get(auditor.url("/camunda/app/admin/default/#/users"));
    String admin = auditor.waitUntil(d -> {
      String text = d.findElement(By.tagName("body")).getText();
      return text.contains("Người dùng") && text.contains("Nhóm") && text.contains("Bùi Thị Thu") ? text : null;
    });
    assertThat(admin).doesNotContain("Users").doesNotContain("Groups").doesNotContain("It is time to migrate")
        .doesNotContain("Tạo người dùng mới"); // Admin itself offers only what the grants allow
  }

  @Test
  void aPreparerSeesWhereEachDossierIsAndWithdrawsOneWithAReason() {
    var pi = start("lap.bvdk", dossier("giay-khen"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    String code = (String) row(pi).get("code");

    Browser preparer = open("lap.bvdk");
    preparer.driver.get(preparer.url("/ho-so?sort=created&dir=desc"));
    assertThat(preparer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
        .isEqualTo("Hồ sơ của đơn vị");
    WebElement line = preparer.waitUntil(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//table[@id='results']//tr[.//a[@href='/ho-so/" + code + "']]")));
    // with the superior union now: nobody has taken it yet, since when and due when
    assertThat(line.findElement(By.cssSelector(".holders")).getText())
        .contains("Công đoàn cấp trên thẩm định").contains("Chưa ai nhận").contains("từ").contains("hạn");
    line.findElement(By.xpath(".//a[normalize-space(.)='Rút hồ sơ']")).click();

    WebElement reason = preparer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("reason")));
    preparer.click(By.id("withdraw")); // no reason: the browser keeps the form (required)
    assertThat(preparer.driver.findElement(By.id("status")).getText()).isNotEqualTo("Đã rút hồ sơ");
    reason.sendKeys("Đơn vị phát hiện cá nhân chưa đủ thời gian công tác theo quy định; rút để đề nghị vào năm sau.");
    preparer.click(By.id("withdraw"));
    WebElement note = preparer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("withdrawn-note")));
    assertThat(note.getText()).isEqualTo("Hồ sơ đã được rút.");
    assertThat(preparer.driver.findElement(By.id("status")).getText()).isEqualTo("Đã rút hồ sơ");
    assertThat(preparer.driver.findElement(By.id("summary")).getText()).contains("chưa đủ thời gian công tác theo quy định");
    assertThat(preparer.driver.findElements(By.id("withdraw"))).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void aReviewerStepsBackFromADossierOfAUnitSheIsPartOfAndTheTaskGoesBackToTheGroup() {
    var pi = start("lap.bvdk", dossier("giay-khen"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    String code = (String) row(pi).get("code");
    String taskId = task(pi, "superiorVetting").getId();
    taskService.claim(taskId, "thamdinh.yte");

    Browser reviewer = open("thamdinh.yte");
    // the review form links to the nomination's page, where she steps back
    reviewer.driver.get(reviewer.url("/camunda/app/tasklist/default/#/?task=" + taskId));
    WebElement link = reviewer.waitUntil(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".fjs-form a[href$='/ho-so/" + code + "#recusal']")));
    reviewer.driver.get(link.getDomProperty("href"));
    WebElement reason = reviewer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recusal textarea")));
    reason.sendKeys("Tôi là chị gái của người được đề nghị khen thưởng.");
    reviewer.click(By.cssSelector("#recusal button.recuse"));
    WebElement done = reviewer.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("recused-note")));
    assertThat(done.getText()).contains("đồng chí không tham gia bước này");
    assertThat(reviewer.driver.findElements(By.cssSelector("#recusal textarea"))).isEmpty();

    var back = taskService.createTaskQuery().taskId(taskId).singleResult();
    assertThat(back.getAssignee()).isNull();
    assertThat(reviewer.driver.findElement(By.id("reviews")).getText())
        .contains("Tôi là chị gái của người được đề nghị khen thưởng.");
  }

  @Test
  void aBrowserWithoutSessionOpeningTheSearchIsSentToTheLogin() {
    Browser anonymous = new Browser("anonymous");
    browsers.add(anonymous);
    anonymous.driver.get(anonymous.url("/ho-so"));
    anonymous.waitUntil(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
    assertThat(anonymous.driver.getCurrentUrl()).contains("/camunda/app/welcome/default/");
  }

  private Browser open(String user) {
    Browser browser = new Browser(user);
    browsers.add(browser);
    browser.login();
    return browser;
  }

  /** One Chromium with its own profile, logged in as one user. */
  final class Browser {
    final String user;
    final Path profile;
    final ChromeDriver driver;
    final WebDriverWait wait;

    Browser(String user) {
      this.user = user;
      try {
        profile = Files.createTempDirectory("tasklist-browser-");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--window-size=1400,2000", "--lang=vi-VN", "--user-data-dir=" + profile);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      driver = new ChromeDriver(service, options);
      // A Vietnamese user's browser: the forms' date fields follow its locale (dd/mm/yyyy).
      driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", "vi-VN"));
      driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
      wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(250));
      // Tasklist re-renders the form (e.g. after a claim) and may briefly lay something over a button.
      wait.ignoring(StaleElementReferenceException.class);
      wait.ignoring(ElementClickInterceptedException.class);
    }

    <T> T waitUntil(Function<? super WebDriver, T> condition) {
      return wait.until(condition);
    }

    String url(String path) {
      return "http://localhost:" + port + path;
    }

    /** Types the user name and this password into the login form and sends it. */
    void submitLogin(String secret) {
      WebElement name = waitUntil(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
      WebElement password = driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']"));
      // The login page focuses the user name field when its controller starts, which on a busy machine can
      // come while the fields are being typed: keystrokes meant for the password then land in the user name.
      // Type both, and type again until each field holds exactly what was meant for it.
      waitUntil(d -> name.equals(d.switchTo().activeElement()));
      for (int attempt = 0; attempt < 10; attempt++) {
        name.clear();
        name.sendKeys(user);
        password.clear();
        password.sendKeys(secret);
        if (user.equals(name.getDomProperty("value")) && secret.equals(password.getDomProperty("value"))) {
          break;
        }
      }
      driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    }

    void login() {
      driver.get(url("/camunda/app/tasklist/"));
      submitLogin("demo");
      waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".start-process-action a")));
    }

    void openStartForm() {
      openStartForm("Đề nghị khen thưởng", "nomineeName");
    }

    /** Tasklist's "start process" dialog, the process of this name, until its form shows this field. */
    void openStartForm(String processName, String firstField) {
      click(By.cssSelector(".start-process-action a"));
      click(By.xpath("//div[contains(@class,'modal-dialog')]//a[starts-with(@ng-click,'selectProcessDefinition')]"
          + "[normalize-space(.)='" + processName + "']"));
      waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-dialog .fjs-form")));
      field(firstField);
    }

    void fillDossier(String nominee, int members, int present, int inFavour, int against, int abstain) {
      check("nomineeKind", 0); // Cá nhân
      type("nomineeName", nominee);
      type("nomineePosition", "Điều dưỡng, Khoa Nội");
      check("directWorker", -1);
      select("awardForm", "Giấy khen của công đoàn cấp trên trực tiếp cơ sở");
      select("movement", "Lao động giỏi, lao động sáng tạo");
      select("round", "Tổng kết năm 2026");
      type("achievements", "Hoàn thành xuất sắc nhiệm vụ năm 2026; 2 sáng kiến được công nhận.");
      type("initiativeCount", "2");
      type("initiativeBenefit", "150000000");
      type("meetingMembers", String.valueOf(members));
      type("meetingPresent", String.valueOf(present));
      type("meetingFor", String.valueOf(inFavour));
      type("meetingAgainst", String.valueOf(against));
      type("meetingAbstain", String.valueOf(abstain));
      // Last, as its calendar pops up over the fields below it.
      pickDate("meetingDate", 10, 11, 2026);
    }

    /**
     * Types a date into a form-js date field, in the browser's locale (its placeholder says which: dd/mm/yyyy in
     * Vietnamese, mm/dd/yyyy in American English), and closes its calendar.
     */
    void pickDate(String key, int day, int month, int year) {
      By date = fieldLocator(key, "-date");
      click(date);
      WebElement input = waitUntil(ExpectedConditions.elementToBeClickable(date));
      boolean monthFirst = input.getDomProperty("placeholder").toLowerCase().startsWith("mm");
      String typed = monthFirst ? "%02d/%02d/%d".formatted(month, day, year) : "%02d/%02d/%d".formatted(day, month, year);
      input.sendKeys(typed, Keys.ENTER);
      click(By.cssSelector(".fjs-form .fjs-form-field-text h1")); // closes the calendar
      waitUntil(d -> typed.equals(d.findElement(date).getDomProperty("value")));
      waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".flatpickr-calendar.open")));
    }

    void clickStart() {
      click(By.cssSelector(".modal-footer button.btn-primary[ng-click='startProcessInstance()']"));
    }

    void openTaskFromFilter(String filterName, String taskId) {
      click(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a"
          + "[contains(normalize-space(.),'" + filterName + "')]"));
      click(By.cssSelector("a[href='#/?task=" + taskId + "']"));
      waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .fjs-form")));
    }

    /** The text of Tasklist's error notifications, or null while there is none. */
    String errorShown() {
      return driver.findElements(By.cssSelector(".notifications .alert-danger")).stream()
          .map(WebElement::getText).filter(t -> !t.isBlank()).reduce((a, b) -> a + "\n" + b).orElse(null);
    }

    void claim() {
      click(By.cssSelector(".task-details [ng-click='claim()']"));
    }

    void clickComplete() {
      click(By.cssSelector(".task-details button.btn-primary[ng-click='complete()']"));
    }

    /** The input of the Camunda Form field with this key (form-js ids end in {@code -Field_<key>}). */
    WebElement field(String key) {
      return waitUntil(ExpectedConditions.presenceOfElementLocated(fieldLocator(key, "")));
    }

    By fieldLocator(String key, String suffix) {
      return By.cssSelector(".fjs-form [id$='-Field_" + key + suffix + "']");
    }

    /** How many elements inside the (first) {@code container} match {@code selector}; the container must exist. */
    long count(String container, String selector) {
      Object n = driver.executeScript("var c = document.querySelector(arguments[0]);"
          + " return c ? c.querySelectorAll(arguments[1]).length : -1;", container, selector);
      assertThat(n).as("container %s present", container).isNotEqualTo(-1L);
      return ((Number) n).longValue();
    }

    void waitForFieldValue(String key, String expected) {
      waitUntil(d -> expected.equals(d.findElement(fieldLocator(key, "")).getDomProperty("value")));
    }

    void type(String key, String text) {
      WebElement input = waitUntil(ExpectedConditions.elementToBeClickable(fieldLocator(key, "")));
      input.clear();
      input.sendKeys(text);
      waitUntil(d -> text.equals(d.findElement(fieldLocator(key, "")).getDomProperty("value")));
    }

    /** Checks a checkbox ({@code option} -1) or the option-th radio button of the field. */
    void check(String key, int option) {
      By locator = fieldLocator(key, option < 0 ? "" : "-" + option);
      click(locator);
      waitUntil(d -> d.findElement(locator).isSelected());
    }

    /** Opens a form-js select and picks the entry with this label. */
    void select(String key, String label) {
      By group = By.xpath("//div[contains(@class,'fjs-form')]//input[substring(@id, string-length(@id) - "
          + ("-Field_" + key).length() + " + 1) = '-Field_" + key + "']/parent::div");
      click(group);
      By item = By.xpath("//input[substring(@id, string-length(@id) - " + ("-Field_" + key).length()
          + " + 1) = '-Field_" + key + "']/ancestor::div[contains(@class,'fjs-form-field')][1]"
          + "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + label + "']");
      click(item);
      waitUntil(d -> label.equals(d.findElement(fieldLocator(key, "-display")).getText().trim()));
    }

    void click(By locator) {
      waitUntil(d -> {
        d.findElement(locator); // waits for presence
        WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
        if (element == null) {
          return null;
        }
        // Clear of Tasklist's fixed header and footer, which would otherwise take the click.
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element);
        element.click();
        return true;
      });
    }

    void close() {
      try {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(testName + "-" + user + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (RuntimeException | IOException e) {
        // a screenshot is only a help for reading a failure
      }
      try {
        driver.quit();
      } finally {
        deleteProfile();
      }
    }

    private void deleteProfile() {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory
      }
    }
  }
}
