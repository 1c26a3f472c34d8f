package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.congdoan.award.support.Texts;

/** The mail templates of docs/design.md, rendered without a Spring context. */
class MailTemplatesTest {
  private static final String HEADER = "Liên đoàn Lao động tỉnh Lai Châu – Hệ thống xét khen thưởng";
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String TASK_LINK = "http://localhost:8080/camunda/app/tasklist/default/#/?task=t-42&x=1";
  private static final String APP_LINK = "http://localhost:8080/camunda/app/tasklist/";

  private final MailTemplates templates = new MailTemplates(new Texts(messages()));

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  static Stream<String> templateNames() {
    return Stream.of("task-waiting", "task-overdue", "task-escalation", "review-approve", "review-return",
        "review-reject", "forwarded", "national-result", "decided", "withdrawn");
  }

  /** Every key of design.md with a value. */
  private static Map<String, Object> fullModel() {
    Map<String, Object> m = new HashMap<>();
    m.put("recipientName", "Nguyễn Thị Hoa");
    m.put("nominationCode", "HS-2026-00001");
    m.put("nomineeName", "Lò Văn Pấng");
    m.put("awardFormName", "Bằng khen của Liên đoàn Lao động tỉnh");
    m.put("unitName", "Công đoàn Bệnh viện Đa khoa tỉnh");
    m.put("superiorUnitName", "Công đoàn ngành Y tế");
    m.put("stepName", "Thẩm định hồ sơ");
    m.put("dueDate", "20/11/2026");
    m.put("taskLink", TASK_LINK);
    m.put("reason", "Thiếu biên bản họp bình xét.");
    m.put("decisionNumber", "Số: 12/QĐ-LĐLĐ");
    m.put("decisionDate", "25/11/2026");
    m.put("awardMoney", "1.234.000 đ");
    m.put("outcomeName", "Được Tổng Liên đoàn khen thưởng");
    m.put("daysOverdue", 3L);
    m.put("appLink", APP_LINK);
    m.put("sessionCode", "PH-2026-001");
    m.put("sessionRoundName", "Tổng kết năm 2026");
    m.put("sessionAgendaSize", 30L);
    return m;
  }

  /** Only what every mail has; the optional values are null (as Notifier puts them) or absent. */
  private static Map<String, Object> minimalModel() {
    Map<String, Object> m = new HashMap<>();
    m.put("recipientName", "Nguyễn Thị Hoa");
    m.put("nominationCode", "HS-2026-00002");
    m.put("nomineeName", "Tập thể Khoa Nhi");
    m.put("awardFormName", "Giấy khen của công đoàn cấp trên trực tiếp cơ sở");
    m.put("unitName", "Công đoàn Bệnh viện Đa khoa tỉnh");
    m.put("stepName", "Phê duyệt của công đoàn cơ sở");
    m.put("appLink", APP_LINK);
    for (String key : List.of("superiorUnitName", "dueDate", "taskLink", "reason", "decisionNumber", "decisionDate",
        "awardMoney", "outcomeName")) {
      m.put(key, null);
    }
    return m; // daysOverdue and items absent
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void rendersEveryTemplateWithTheFullModel(String template) {
    MailTemplates.Rendered mail = templates.render(template, fullModel());

    assertWellFormed(template, mail);
    assertThat(mail.subject()).contains("Lò Văn Pấng").doesNotContain("mail.");
    if (!template.equals("digest")) {
      assertThat(mail.subject()).startsWith("[HS-2026-00001] ");
    }
    for (String part : List.of(mail.html(), mail.text())) {
      assertThat(part).contains("Kính gửi đồng chí", "Nguyễn Thị Hoa", "Lò Văn Pấng", "HS-2026-00001",
          "Bằng khen của Liên đoàn Lao động tỉnh", "Công đoàn Bệnh viện Đa khoa tỉnh", "Trân trọng.");
    }
    if (template.startsWith("task-")) {
      // The task itself, not just the system's home page; the & of the link is escaped in the HTML.
      assertThat(mail.html()).contains("href=\"" + TASK_LINK.replace("&", "&amp;") + "\"", "Mở công việc trong Tasklist",
          "20/11/2026", "Thẩm định hồ sơ", "Công đoàn ngành Y tế");
      assertThat(mail.text()).contains(TASK_LINK, "Mở công việc trong Tasklist", "20/11/2026", "Thẩm định hồ sơ");
    } else {
      assertThat(mail.html()).contains("href=\"" + APP_LINK + "\"", "Mở Hệ thống xét khen thưởng");
      assertThat(mail.text()).contains(APP_LINK);
    }
    switch (template) {
      case "task-overdue", "task-escalation" -> assertBoth(mail, "quá hạn xử lý", "3 ngày");
      case "review-approve" -> assertBoth(mail, "đồng ý", "Thẩm định hồ sơ");
      case "review-return" -> assertBoth(mail, "trả lại để bổ sung", "Lý do trả lại", "Thiếu biên bản họp bình xét.");
      case "review-reject" -> assertBoth(mail, "không được đề nghị khen thưởng", "Thiếu biên bản họp bình xét.");
      case "forwarded" -> assertBoth(mail, "trình Tổng Liên đoàn Lao động Việt Nam");
      case "national-result" -> assertBoth(mail, "Được Tổng Liên đoàn khen thưởng", "Số: 12/QĐ-LĐLĐ");
      case "decided" -> assertBoth(mail, "Số: 12/QĐ-LĐLĐ", "25/11/2026", "1.234.000 đ");
      case "withdrawn" -> assertBoth(mail, "rút", "Thiếu biên bản họp bình xét.");
      default -> { }
    }
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void rendersEveryTemplateWithTheMinimalModel(String template) {
    MailTemplates.Rendered mail = templates.render(template, minimalModel());

    assertWellFormed(template, mail);
    assertThat(mail.html()).contains("Tập thể Khoa Nhi", "href=\"" + APP_LINK + "\"", "Mở Hệ thống xét khen thưởng")
        .doesNotContain("Mở công việc trong Tasklist", "Hạn xử lý", "Lý do", "Công đoàn cấp trên trực tiếp cơ sở",
            "Tiền thưởng");
    assertThat(mail.text()).contains("Tập thể Khoa Nhi", APP_LINK)
        .doesNotContain("Mở công việc trong Tasklist", "Hạn xử lý", "Lý do", "Tiền thưởng");
    // No list entry left dangling without its value.
    assertThat(mail.text()).doesNotContainPattern("(?m)^\\s*-[^\\n]*:\\s*$");
  }

  @ParameterizedTest
  @MethodSource("templateNames")
  void aNomineeNameIsDataNotMarkup(String template) {
    Map<String, Object> model = fullModel();
    model.put("nomineeName", SCRIPT);
    model.put("reason", "Thiếu <b>biên bản</b> & chữ ký");
    model.put("unitName", "Công đoàn \"Xanh – Sạch – Đẹp\"");

    MailTemplates.Rendered mail = templates.render(template, model);

    assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script")
        .doesNotContain("<b>biên bản</b>").contains("&quot;Xanh – Sạch – Đẹp&quot;");
    // The text part is text/plain: the values read as typed, not as HTML entities.
    assertThat(mail.text()).contains(SCRIPT, "Công đoàn \"Xanh – Sạch – Đẹp\"").doesNotContain("&lt;", "&quot;",
        "&amp;");
    assertThat(mail.subject()).contains(SCRIPT);
  }

  @Test
  void theDigestListsEveryItem() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("subject", "[HS-2026-0000" + i + "] Việc chờ đồng chí xử lý: Thẩm định hồ sơ – Người số " + i);
      item.put("nominationCode", "HS-2026-0000" + i);
      item.put("nomineeName", "Người số " + i);
      item.put("stepName", "Bước số " + i);
      item.put("dueDate", "2" + i + "/11/2026");
      item.put("taskLink", "http://localhost:8080/camunda/app/tasklist/default/#/?task=task-" + i);
      items.add(item);
    }
    // As DigestDelegate builds them: only some keys; and a nominee named like markup.
    Map<String, Object> sparse = new HashMap<>();
    sparse.put("subject", "[HS-2026-00009] Hồ sơ đã được rút – " + SCRIPT);
    sparse.put("nominationCode", "HS-2026-00009");
    sparse.put("taskLink", null);
    items.add(sparse);
    Map<String, Object> model = new HashMap<>();
    model.put("recipientName", "Nguyễn Thị Hoa");
    model.put("items", items);
    model.put("appLink", APP_LINK);

    MailTemplates.Rendered mail = templates.render("digest", model);

    assertWellFormed("digest", mail);
    assertThat(mail.subject()).isEqualTo("Tổng hợp công việc và thông báo trong ngày");
    for (int i = 1; i <= 3; i++) {
      String link = "http://localhost:8080/camunda/app/tasklist/default/#/?task=task-" + i;
      assertThat(mail.html()).contains("[HS-2026-0000" + i + "] Việc chờ đồng chí xử lý: Thẩm định hồ sơ – Người số " + i,
          "Người số " + i, "Bước số " + i, "href=\"" + link + "\"");
      assertThat(mail.text()).contains(i + ". [HS-2026-0000" + i + "] Việc chờ đồng chí xử lý", "Người số " + i,
          "Bước số " + i, link);
    }
    assertThat(mail.html()).contains("Hồ sơ đã được rút – &lt;script&gt;").doesNotContain("<script")
        .contains("href=\"" + APP_LINK + "\"", "<strong>4</strong>");
    assertThat(mail.text()).contains("4. [HS-2026-00009] Hồ sơ đã được rút – " + SCRIPT, APP_LINK,
        "tổng hợp 4 công việc", "nhận một thư tổng hợp mỗi ngày");
    assertThat(mail.html()).contains("nhận một thư tổng hợp mỗi ngày");
  }

  @Test
  void anEmptyDigestSaysSo() {
    MailTemplates.Rendered mail = templates.render("digest", Map.of("items", List.of(), "appLink", APP_LINK));

    assertWellFormed("digest", mail);
    assertThat(mail.text()).contains("Kính gửi đồng chí,", "không có công việc hoặc thông báo mới");
  }

  @Test
  void aSessionsCouncilIsToldItsCodeRoundAndHowManyBallotsWait() {
    MailTemplates.Rendered mail = templates.render("session-opened", fullModel());
    assertThat(mail.subject()).isEqualTo("Phiên họp Hội đồng Thi đua – Khen thưởng: đề nghị ghi kết quả bỏ phiếu");
    assertBoth(mail, "PH-2026-001", "Tổng kết năm 2026", "30", "ghi kết quả bỏ phiếu kín trong Tasklist");
    assertWellFormed("session-opened", mail);
    assertWellFormed("session-opened", templates.render("session-opened", minimalModel()));
  }

  @Test
  void anUnknownTemplateIsAnError() {
    assertThatThrownBy(() -> templates.render("task-waitting", fullModel()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task-waitting");
    assertThatThrownBy(() -> templates.render("../application", fullModel()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyTemplateHasBothPartsAndASubject() {
    assertThat(MailTemplates.TEMPLATES).containsExactlyInAnyOrderElementsOf(
        Stream.concat(templateNames(), Stream.of("digest", "session-opened")).toList());
    for (String template : MailTemplates.TEMPLATES) {
      assertThat(getClass().getClassLoader().getResource("templates/mail/" + template + ".html")).isNotNull();
      assertThat(getClass().getClassLoader().getResource("templates/mail/" + template + ".txt")).isNotNull();
      assertThat(messages().getMessage("mail." + template + ".subject", null, null, Texts.VIETNAMESE))
          .as(template).isNotNull();
    }
  }

  @Test
  void aSubjectIsOneLine() {
    Map<String, Object> model = fullModel();
    model.put("nomineeName", "Lò Văn\r\nBcc: x@example.com");

    assertThat(templates.render("task-waiting", model).subject())
        .isEqualTo("[HS-2026-00001] Việc chờ đồng chí xử lý: Thẩm định hồ sơ – Lò Văn Bcc: x@example.com");
  }

  private static void assertBoth(MailTemplates.Rendered mail, String... texts) {
    assertThat(mail.html()).contains(texts);
    assertThat(mail.text()).contains(texts);
  }

  private static void assertWellFormed(String template, MailTemplates.Rendered mail) {
    assertThat(mail.subject()).as(template + " subject").isNotBlank().doesNotContain("null", "{", "}")
        .doesNotContainPattern("\\s\\s");
    assertThat(mail.html()).as(template + " html").startsWith("<!DOCTYPE html>").contains("<html lang=\"vi\"", HEADER,
            "thư tự động", "quản trị viên hệ thống", "</html>")
        .doesNotContain("null", "[[", "]]", "[#", "[/]", "xmlns:th", "th:block")
        .doesNotContainPattern("\\sth:[a-z]+=");
    assertThat(mail.text()).as(template + " text").startsWith(HEADER).contains("thư tự động",
            "quản trị viên hệ thống")
        .doesNotContain("null", "th:", "[[", "]]", "[(", "[#", "[/]", "<p", "<br", "<td", "<a ", "&amp;")
        .doesNotContain("\n\n\n").endsWith("\n");
  }
}
